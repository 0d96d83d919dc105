//! The review of one article: a decision for every finding, manual edits of the text, and
//! undo/redo over both. Pure data; the TUI drives it and saves it.

use crate::detect::Rule;
use serde::{Deserialize, Serialize};

use super::{Edit, apply_edits, map_range, resolve};
use crate::detect::Finding;
use crate::export::finding_id;
use crate::segment::is_grapheme_boundary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Pending,
    Accepted,
    Rejected,
}

/// A finding under review.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub finding: Finding,
    /// Stable across runs: rule, text and which copy (see [`finding_id`]).
    pub id: String,
    pub decision: Decision,
    /// The editor's own replacement, when it differs from the proposed one.
    pub edited: Option<String>,
    /// The text under the finding was changed by a manual edit: it no longer applies.
    pub stale: bool,
    /// The text the finding covered when it was found.
    pub finding_text: String,
}

impl Item {
    pub fn replacement(&self) -> &str {
        self.edited.as_deref().unwrap_or(&self.finding.replacement)
    }
}

#[derive(Debug, Clone)]
enum Op {
    Decide {
        index: usize,
        before: (Decision, Option<String>),
        after: (Decision, Option<String>),
    },
    Batch(Vec<Op>),
    /// A manual edit of the text, with everything needed to undo it.
    Text {
        edit: Edit,
        inverse: Edit,
        items_before: Vec<Item>,
        items_after: Vec<Item>,
    },
}

#[derive(Debug, Clone)]
pub struct ArticleReview {
    pub text: String,
    pub items: Vec<Item>,
    undo: Vec<Op>,
    redo: Vec<Op>,
    /// Bumped on every change, so views know when to lay text out again.
    pub version: u64,
    /// Manual edits in the order they were made (for saving a session).
    pub edits: Vec<Edit>,
}

impl ArticleReview {
    pub fn new(text: String, findings: Vec<Finding>) -> Self {
        let mut seen: std::collections::HashMap<(Rule, String), usize> =
            std::collections::HashMap::new();
        let items = findings
            .into_iter()
            .map(|f| {
                let t = text[f.range.clone()].to_owned();
                let nth = seen.entry((f.rule, t.clone())).or_default();
                let id = finding_id(f.rule, &t, *nth);
                *nth += 1;
                Item {
                    finding: f,
                    id,
                    decision: Decision::Pending,
                    edited: None,
                    stale: false,
                    finding_text: t,
                }
            })
            .collect();
        ArticleReview {
            text,
            items,
            undo: Vec::new(),
            redo: Vec::new(),
            version: 0,
            edits: Vec::new(),
        }
    }

    fn state(&self, i: usize) -> (Decision, Option<String>) {
        (self.items[i].decision, self.items[i].edited.clone())
    }

    fn set(&mut self, i: usize, s: (Decision, Option<String>)) {
        self.items[i].decision = s.0;
        self.items[i].edited = s.1;
    }

    fn push(&mut self, op: Op) {
        self.undo.push(op);
        self.redo.clear();
        self.version += 1;
    }

    /// Add a finding made after the review began (a term found across a corpus), pending.
    /// Returns its index, or `None` when its range does not fit the text.
    pub fn add_finding(&mut self, f: Finding) -> Option<usize> {
        let t = self.text.get(f.range.clone())?.to_owned();
        if !crate::segment::is_grapheme_boundary(&self.text, f.range.start)
            || !crate::segment::is_grapheme_boundary(&self.text, f.range.end)
        {
            return None;
        }
        let nth = self
            .items
            .iter()
            .filter(|i| i.finding.rule == f.rule && i.finding_text == t)
            .count();
        self.items.push(Item {
            id: finding_id(f.rule, &t, nth),
            finding: f,
            decision: Decision::Pending,
            edited: None,
            stale: false,
            finding_text: t,
        });
        self.version += 1;
        Some(self.items.len() - 1)
    }

    /// Decide one finding. Stale findings cannot be decided.
    pub fn decide(&mut self, index: usize, decision: Decision) -> bool {
        if index >= self.items.len()
            || self.items[index].stale
            || self.items[index].decision == decision
        {
            return false;
        }
        let edited = self.items[index].edited.clone();
        self.record(index, (decision, edited));
        true
    }

    /// Set finding `index` to `after` as one undoable step.
    fn record(&mut self, index: usize, after: (Decision, Option<String>)) {
        let before = self.state(index);
        self.set(index, after.clone());
        self.push(Op::Decide {
            index,
            before,
            after,
        });
    }

    /// Replace the proposed fix with the editor's text, and accept it.
    pub fn set_replacement(&mut self, index: usize, replacement: String) -> bool {
        if index >= self.items.len() || self.items[index].stale {
            return false;
        }
        let edited = (replacement != self.items[index].finding.replacement).then_some(replacement);
        self.record(index, (Decision::Accepted, edited));
        true
    }

    /// Decide the findings `indices` at once (one undo step). Returns how many changed.
    pub fn decide_many(&mut self, indices: &[usize], decision: Decision) -> usize {
        let mut ops = Vec::new();
        for &i in indices {
            if i < self.items.len() && self.items[i].decision != decision && !self.items[i].stale {
                let before = self.state(i);
                let after = (decision, before.1.clone());
                self.set(i, after.clone());
                ops.push(Op::Decide {
                    index: i,
                    before,
                    after,
                });
            }
        }
        let n = ops.len();
        if n > 0 {
            self.push(Op::Batch(ops));
        }
        n
    }

    /// How many steps `undo` can take back: tells the TUI which step a list write went with.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Decide every pending finding at once (one undo step). Returns how many changed.
    pub fn decide_all_pending(&mut self, decision: Decision) -> usize {
        let pending: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].decision == Decision::Pending)
            .collect();
        self.decide_many(&pending, decision)
    }

    /// Edit the text itself. Every finding is remapped through the edit; one whose text the
    /// edit touched becomes stale and is never applied.
    pub fn edit_text(&mut self, edit: Edit) -> Result<(), super::ApplyError> {
        let new_text = apply_edits(&self.text, std::slice::from_ref(&edit))?;
        let inverse = Edit {
            range: edit.range.start..edit.range.start + edit.replacement.len(),
            replacement: self.text[edit.range.clone()].to_owned(),
        };
        let items_before = self.items.clone();
        // A range the edit left alone can still end up inside a cluster, when the new text
        // joins a mark next to it; such a finding no longer applies either.
        let on_clusters = |r: &std::ops::Range<usize>| {
            is_grapheme_boundary(&new_text, r.start) && is_grapheme_boundary(&new_text, r.end)
        };
        for item in &mut self.items {
            match map_range(&item.finding.range, &edit) {
                Some(r) if !item.stale && on_clusters(&r) => {
                    item.finding.related = item
                        .finding
                        .related
                        .iter()
                        .filter_map(|x| map_range(x, &edit))
                        .collect();
                    item.finding.range = r;
                }
                _ => item.stale = true,
            }
        }
        self.text = new_text;
        self.edits.push(edit.clone());
        let items_after = self.items.clone();
        self.push(Op::Text {
            edit,
            inverse,
            items_before,
            items_after,
        });
        Ok(())
    }

    fn apply_op(&mut self, op: &Op, forward: bool) {
        match op {
            Op::Decide {
                index,
                before,
                after,
            } => self.set(
                *index,
                if forward {
                    after.clone()
                } else {
                    before.clone()
                },
            ),
            Op::Batch(ops) => {
                if forward {
                    ops.iter().for_each(|o| self.apply_op(o, true));
                } else {
                    ops.iter().rev().for_each(|o| self.apply_op(o, false));
                }
            }
            Op::Text {
                edit,
                inverse,
                items_before,
                items_after,
            } => {
                let e = if forward { edit } else { inverse };
                // Both are exact splices of the text they apply to, even where the new text
                // joined a following mark into one grapheme cluster (so `apply_edits` would
                // refuse the inverse): splice them, checking only char boundaries.
                let r = &e.range;
                if r.start <= r.end
                    && r.end <= self.text.len()
                    && self.text.is_char_boundary(r.start)
                    && self.text.is_char_boundary(r.end)
                {
                    self.text.replace_range(r.clone(), &e.replacement);
                }
                self.items = if forward {
                    items_after.clone()
                } else {
                    items_before.clone()
                };
                if forward {
                    self.edits.push(edit.clone());
                } else {
                    self.edits.pop();
                }
            }
        }
    }

    pub fn undo(&mut self) -> bool {
        self.step(false)
    }

    pub fn redo(&mut self) -> bool {
        self.step(true)
    }

    /// Move one operation between the undo and redo stacks, applying it on the way.
    fn step(&mut self, forward: bool) -> bool {
        let from = if forward {
            &mut self.redo
        } else {
            &mut self.undo
        };
        let Some(op) = from.pop() else {
            return false;
        };
        self.apply_op(&op, forward);
        if forward {
            &mut self.undo
        } else {
            &mut self.redo
        }
        .push(op);
        self.version += 1;
        true
    }

    /// Indices of the accepted fixes that apply, overlaps resolved as `fix` does.
    pub fn applied(&self) -> Vec<usize> {
        let findings: Vec<Finding> = self.items.iter().map(|i| i.finding.clone()).collect();
        resolve(
            &findings,
            (0..self.items.len())
                .filter(|&i| self.items[i].decision == Decision::Accepted && !self.items[i].stale),
        )
    }

    /// The corrected text: what `redline fix` writes for the same decisions.
    pub fn output(&self) -> String {
        let edits: Vec<Edit> = self
            .applied()
            .into_iter()
            .map(|i| Edit {
                range: self.items[i].finding.range.clone(),
                replacement: self.items[i].replacement().to_owned(),
            })
            .collect();
        apply_edits(&self.text, &edits).unwrap_or_else(|_| self.text.clone())
    }

    /// (pending, accepted, rejected) counts, stale findings left out.
    pub fn counts(&self) -> (usize, usize, usize) {
        let live = self.items.iter().filter(|i| !i.stale);
        live.fold((0, 0, 0), |(p, a, r), i| match i.decision {
            Decision::Pending => (p + 1, a, r),
            Decision::Accepted => (p, a + 1, r),
            Decision::Rejected => (p, a, r + 1),
        })
    }

    /// Start a fresh undo history (after restoring a saved session).
    pub fn forget_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.version += 1;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Kind;

    fn f(text: &str, sub: &str) -> Finding {
        let s = text.find(sub).unwrap_or(0);
        Finding {
            kind: Kind::Spam,
            rule: Rule::SpamLexicon,
            range: s..s + sub.len(),
            replacement: String::new(),
            confidence: 0.9,
            message: String::new(),
            evidence: Default::default(),
            related: Vec::new(),
        }
    }

    #[test]
    fn decisions_undo_redo_and_output() {
        let text = "aa SPAM bb JUNK cc".to_owned();
        let fs = vec![f(&text, "SPAM "), f(&text, "JUNK ")];
        let mut r = ArticleReview::new(text, fs);
        assert!(r.decide(0, Decision::Accepted));
        assert_eq!(r.output(), "aa bb JUNK cc");
        assert_eq!(r.decide_all_pending(Decision::Accepted), 1);
        assert_eq!(r.output(), "aa bb cc");
        assert!(r.undo());
        assert_eq!(r.output(), "aa bb JUNK cc");
        assert!(r.undo());
        assert_eq!(r.output(), "aa SPAM bb JUNK cc");
        assert!(r.redo());
        assert!(r.set_replacement(1, "junk ".into()));
        assert_eq!(r.output(), "aa bb junk cc");
        assert_eq!(r.counts(), (0, 2, 0));
    }

    #[test]
    fn a_text_edit_remaps_or_stales_findings() {
        let text = "aa SPAM bb JUNK cc".to_owned();
        let fs = vec![f(&text, "SPAM "), f(&text, "JUNK ")];
        let mut r = ArticleReview::new(text, fs);
        r.edit_text(Edit {
            range: 0..2,
            replacement: "xyz".into(),
        })
        .unwrap();
        assert_eq!(&r.text[r.items[0].finding.range.clone()], "SPAM ");
        r.edit_text(Edit {
            range: 12..14,
            replacement: "Q".into(),
        })
        .unwrap();
        assert!(r.items[1].stale);
        r.decide_all_pending(Decision::Accepted);
        assert_eq!(r.output(), "xyz bb QNK cc");
        r.undo();
        r.undo();
        assert!(!r.items[1].stale);
        assert_eq!(r.text, "xyz SPAM bb JUNK cc");
    }
}
