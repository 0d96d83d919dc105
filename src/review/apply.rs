//! Edits over the decoded text, and the deterministic choice among overlapping fixes.

use std::ops::Range;

use crate::detect::Finding;
use crate::segment::is_grapheme_boundary;

/// Replace `text[range]` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl From<&Finding> for Edit {
    fn from(f: &Finding) -> Self {
        Edit {
            range: f.range.clone(),
            replacement: f.replacement.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ApplyError {
    #[error("edit {0:?} is outside the text or splits a grapheme cluster")]
    BadRange(Range<usize>),
    #[error("edits {0:?} and {1:?} overlap")]
    Overlap(Range<usize>, Range<usize>),
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.is_empty() && b.is_empty() && a.start == b.start)
}

/// Pick the findings to apply out of `candidates`, so that no two overlap. Higher confidence
/// wins, then the wider edit (a repeated paragraph over the spam term inside it), then the
/// earlier one, then the rule id: the same input always gives the same choice.
/// Returns indices into `findings`, in text order.
pub fn resolve(findings: &[Finding], candidates: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut order = not_subsumed(findings, candidates.into_iter().collect());
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        fb.confidence
            .total_cmp(&fa.confidence)
            .then((fb.range.end - fb.range.start).cmp(&(fa.range.end - fa.range.start)))
            .then(fa.range.start.cmp(&fb.range.start))
            .then(fa.rule.cmp(&fb.rule))
            .then(a.cmp(&b))
    });
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        if !chosen
            .iter()
            .any(|&c| overlaps(&findings[c].range, &findings[i].range))
        {
            chosen.push(i);
        }
    }
    chosen.sort_by_key(|&i| (findings[i].range.start, findings[i].range.end));
    chosen
}

/// Drop every candidate that lies wholly inside a removal among the candidates: removing the
/// outer span (a repeated title, a spam paragraph) already removes it, whatever the two
/// confidences say. Without this, a surer spam term inside a repeated title would win the
/// overlap and leave the rest of the copy behind. Sorted by start, then widest first, so one
/// sweep finds the enclosing removal.
fn not_subsumed(findings: &[Finding], mut candidates: Vec<usize>) -> Vec<usize> {
    candidates.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        fa.range
            .start
            .cmp(&fb.range.start)
            .then(fb.range.end.cmp(&fa.range.end))
            .then(fb.confidence.total_cmp(&fa.confidence))
            .then(a.cmp(&b))
    });
    let mut kept = Vec::with_capacity(candidates.len());
    // The end of the widest removal that starts at or before the current candidate.
    let mut removal_end: Option<usize> = None;
    for i in candidates {
        let f = &findings[i];
        let inside = !f.range.is_empty() && removal_end.is_some_and(|end| f.range.end <= end);
        if inside {
            continue;
        }
        kept.push(i);
        if f.replacement.is_empty() && !f.range.is_empty() {
            removal_end = Some(removal_end.map_or(f.range.end, |e| e.max(f.range.end)));
        }
    }
    kept
}

/// Apply non-overlapping edits. Every range must lie on grapheme cluster boundaries; text
/// outside the ranges is copied unchanged.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, ApplyError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for w in sorted.windows(2) {
        if overlaps(&w[0].range, &w[1].range) {
            return Err(ApplyError::Overlap(w[0].range.clone(), w[1].range.clone()));
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        let r = &e.range;
        if r.start > r.end
            || r.end > text.len()
            || !is_grapheme_boundary(text, r.start)
            || !is_grapheme_boundary(text, r.end)
        {
            return Err(ApplyError::BadRange(r.clone()));
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&e.replacement);
        at = r.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// The text `fix` writes: every finding at or above `min_confidence`, overlaps resolved.
pub fn fix_text(
    text: &str,
    findings: &[Finding],
    min_confidence: f32,
) -> Result<String, ApplyError> {
    let chosen = resolve(
        findings,
        (0..findings.len()).filter(|&i| findings[i].confidence >= min_confidence),
    );
    let edits: Vec<Edit> = chosen.iter().map(|&i| Edit::from(&findings[i])).collect();
    apply_edits(text, &edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Kind;

    fn f(range: Range<usize>, confidence: f32) -> Finding {
        Finding {
            kind: Kind::Spam,
            rule: crate::detect::Rule::SpamLexicon,
            range,
            replacement: String::new(),
            confidence,
            message: String::new(),
            evidence: Default::default(),
            related: Vec::new(),
        }
    }

    #[test]
    fn wider_edit_wins_a_tie_and_order_is_deterministic() {
        let fs = [f(2..4, 0.9), f(0..6, 0.9), f(8..9, 0.5)];
        assert_eq!(resolve(&fs, 0..3), [1, 2]);
        assert_eq!(resolve(&fs, [2, 1, 0]), [1, 2]);
    }

    #[test]
    fn a_removal_wins_over_a_surer_finding_inside_it() {
        // A repeated title (0..10, removed whole) holding a spam term the scorer is surer of:
        // removing the copy removes the term too, and no half of the copy is left behind.
        let fs = [f(2..5, 0.99), f(0..10, 0.91), f(12..14, 0.8)];
        assert_eq!(resolve(&fs, 0..3), [1, 2]);
        // A replacement is no removal: the surer edit inside it still wins the overlap.
        let mut outer = f(0..10, 0.91);
        outer.replacement = "x".into();
        let fs = [f(2..5, 0.99), outer];
        assert_eq!(resolve(&fs, 0..2), [0]);
    }

    #[test]
    fn splitting_a_cluster_is_refused() {
        let text = "น้ำดี";
        let e = Edit {
            range: 0.."น".len(),
            replacement: String::new(),
        };
        assert!(matches!(
            apply_edits(text, &[e]),
            Err(ApplyError::BadRange(_))
        ));
    }
}
