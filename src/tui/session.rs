//! Review sessions as data: what is saved after every decision, and how a saved session is
//! laid back onto a fresh scan. Reading and writing the files is the shell's job.

use super::app::plural;
use redline::detect::Rule;
use serde::{Deserialize, Serialize};

use redline::review::{ArticleReview, Decision, Edit};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDecision {
    pub id: String,
    pub rule: Rule,
    pub text: String,
    pub decision: Decision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedEdit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub path: String,
    pub content_hash: String,
    pub decisions: Vec<SavedDecision>,
    #[serde(default)]
    pub edits: Vec<SavedEdit>,
}

impl Session {
    pub fn capture(path: &str, content_hash: &str, review: &ArticleReview) -> Self {
        Session {
            version: 1,
            path: path.to_owned(),
            content_hash: content_hash.to_owned(),
            decisions: review
                .items
                .iter()
                .filter(|i| i.decision != Decision::Pending)
                .map(|i| SavedDecision {
                    id: i.id.clone(),
                    rule: i.finding.rule,
                    text: i.finding_text.clone(),
                    decision: i.decision,
                    replacement: i.edited.clone(),
                })
                .collect(),
            edits: review
                .edits
                .iter()
                .map(|e| SavedEdit {
                    start: e.range.start,
                    end: e.range.end,
                    replacement: e.replacement.clone(),
                })
                .collect(),
        }
    }

    /// Lay the saved decisions onto `review` (a fresh scan of the file). Decisions are
    /// anchored by their id, which is made of the rule and the text, so they survive changes
    /// elsewhere in the file. Manual edits are replayed only on the same content. Returns a
    /// note for the editor.
    pub fn restore(&self, review: &mut ArticleReview, same_content: bool) -> String {
        let mut matched = 0;
        for d in &self.decisions {
            if let Some(i) = review.items.iter().position(|it| it.id == d.id) {
                review.items[i].decision = d.decision;
                review.items[i].edited = d.replacement.clone();
                matched += 1;
            }
        }
        let mut replayed = 0;
        if same_content {
            for e in &self.edits {
                let edit = Edit {
                    range: e.start..e.end,
                    replacement: e.replacement.clone(),
                };
                if review.edit_text(edit).is_ok() {
                    replayed += 1;
                }
            }
        }
        review.forget_history();
        let lost = self.decisions.len() - matched;
        if same_content {
            format!(
                "resumed: {}, {} restored",
                plural(matched, "decision"),
                plural(replayed, "edit")
            )
        } else {
            format!(
                "the file changed since the last session: {} re-anchored by their text, {lost} dropped, {} not replayed",
                plural(matched, "decision"),
                plural(self.edits.len(), "manual edit")
            )
        }
    }
}
