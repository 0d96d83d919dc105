//! The fixed line of a JSON Lines corpus, built in one place for `fix --jsonl` and the TUI.

use crate::detect::Finding;
use crate::document::Document;
use crate::export::to_json;
use crate::jsonl::{FieldNames, Record};
use crate::review::ArticleReview;

/// The findings a review applies, with the replacement the editor chose, in position order:
/// what `redline_applied` reports.
pub fn accepted_findings(review: &ArticleReview) -> Vec<Finding> {
    let mut accepted: Vec<Finding> = review
        .applied()
        .into_iter()
        .map(|k| {
            let item = &review.items[k];
            let mut f = item.finding.clone();
            f.replacement = item.replacement().to_owned();
            f
        })
        .collect();
    accepted.sort_by_key(|f| (f.range.start, f.range.end));
    accepted
}

/// The line written for `record`: `fixed` in its text field, `applied` (findings over
/// `text`, the text as read) reported with code-point offsets.
pub fn corpus_line(
    record: &Record,
    names: &FieldNames,
    text: &str,
    applied: &[Finding],
    fixed: &str,
    keep_original: bool,
) -> Result<String, serde_json::Error> {
    let doc = Document::new(text);
    let applied = to_json("", "UTF-8", &doc, applied).findings;
    record.fixed_line(names, fixed, &applied, keep_original)
}

/// The line a review of `record` writes, or `None` when the review left its text as read:
/// that line is then written back byte for byte, not re-serialised.
pub fn reviewed_corpus_line(
    record: &Record,
    names: &FieldNames,
    review: &ArticleReview,
) -> Result<Option<String>, serde_json::Error> {
    let output = review.output();
    if output == review.text {
        return Ok(None);
    }
    let applied = accepted_findings(review);
    corpus_line(record, names, &review.text, &applied, &output, false).map(Some)
}
