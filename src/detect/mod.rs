//! Detectors. Each one reads a [`Document`] and returns [`Finding`]s: a byte range, the text
//! proposed in its place, a confidence from 0 to 1 and the structured [`Evidence`] behind it,
//! which [`explain::message`] renders as the one message.

pub mod calibrate;
mod duplicate;
mod evidence;
pub mod explain;
mod finding_evidence;
mod layout;
pub mod links;
mod promo_sentence;
mod repeat;
mod rule;
pub mod score;
mod spam;
mod thai_brand;
mod title_prefix;
mod units;
mod whitespace;

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::segment;

pub use evidence::{Position, classify_position};
pub use finding_evidence::{
    BreakSign, Complete, CopyEvidence, CopyUnit, Cut, Doubt, Evidence, SpaceKind, TermEvidence,
    TermSource,
};
pub use rule::{Family, Rule, UnknownRule};
pub use spam::deletion_range;

/// What kind of damage a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Spam,
    Duplicate,
    Whitespace,
    Layout,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Spam => "spam",
            Kind::Duplicate => "duplicate",
            Kind::Whitespace => "whitespace",
            Kind::Layout => "layout",
        }
    }
}

/// One suspected insertion or duplicate, and the edit that repairs it.
///
/// `range` is the edit range: applying the fix replaces `text[range]` with `replacement`.
/// Both ends lie on grapheme cluster boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    /// Stable rule id, e.g. `spam.lexicon` or `duplicate.adjacent-phrase`.
    pub rule: Rule,
    pub range: Range<usize>,
    pub replacement: String,
    pub confidence: f32,
    /// The rendered message: a cache filled from `evidence` by [`explain::message`] once
    /// the detectors are done ([`scan_raw`], the page scan).
    pub message: String,
    /// The structured facts the detector used.
    pub evidence: Evidence,
    /// Other ranges that explain the finding, such as the first copy of a duplicate.
    pub related: Vec<Range<usize>>,
}

/// Scan settings.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub lexicon: Lexicon,
    /// The confidence at and above which findings are reported and applied. `scan` returns
    /// every confidence; `pipeline::decide` is the one place this threshold is applied.
    pub min_confidence: f32,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            lexicon: Lexicon::default(),
            min_confidence: crate::DEFAULT_MIN_CONFIDENCE,
        }
    }
}

/// Run every detector. Findings come back sorted by position, every confidence included;
/// callers filter by threshold. Confidences are calibrated probabilities
/// ([`calibrate::calibrate`]): this is the one place the map is applied.
pub fn scan(doc: &Document, options: &ScanOptions) -> Vec<Finding> {
    let mut findings = scan_raw(doc, options);
    for f in &mut findings {
        f.confidence = calibrate::calibrate(f.rule, f.confidence);
    }
    findings
}

/// [`scan`] with the scorer's raw scores, before calibration: what the calibration is
/// fitted on.
pub fn scan_raw(doc: &Document, options: &ScanOptions) -> Vec<Finding> {
    let mut findings = spam::detect(doc, &options.lexicon);
    // Only likely spam is left out when comparing copies: a low-confidence mention of a
    // gambling word in an article about gambling is part of the text.
    let spam_ranges: Vec<Range<usize>> = findings
        .iter()
        .filter(|f| f.confidence >= crate::DEFAULT_MIN_CONFIDENCE)
        .map(|f| f.range.clone())
        .collect();
    let mut spam_ranges = spam_ranges;
    spam_ranges.sort_by_key(|r| r.start);
    findings.extend(duplicate::detect(doc, &spam_ranges));
    findings.extend(whitespace::detect(doc));
    findings.extend(layout::detect(doc));
    // Stray marks can attach to the edge of a span (a tone mark after บาคาร่า, or after a
    // space). A deletion grows to take the whole cluster; a replacement shrinks to leave it.
    for f in &mut findings {
        let t = &doc.text;
        f.range = if f.replacement.is_empty() {
            segment::grapheme_floor(t, f.range.start)..segment::grapheme_ceil(t, f.range.end)
        } else {
            let start = segment::grapheme_ceil(t, f.range.start);
            start..segment::grapheme_floor(t, f.range.end).max(start)
        };
    }
    findings.retain(|f| f.range.start < f.range.end);
    for f in &mut findings {
        fill_message(f, &doc.text);
    }
    // A repetition the user kept as legitimate (`I` in the review, repeats.txt) stays.
    findings.retain(|f| {
        f.kind != Kind::Duplicate || !options.lexicon.is_kept_repeat(&doc.text[f.range.clone()])
    });
    debug_assert!(
        findings
            .iter()
            .all(|f| on_grapheme_boundaries(&doc.text, &f.range))
    );
    sort_findings(&mut findings);
    findings.dedup_by(|a, b| a.range == b.range && a.replacement == b.replacement);
    findings
}

/// Render `f.message` from its evidence. A finding that still writes its own message (a
/// detector not converted yet) keeps it, and its evidence becomes that note.
pub(crate) fn fill_message(f: &mut Finding, text: &str) {
    match &mut f.evidence {
        Evidence::Note { text: note } if note.is_empty() => note.clone_from(&f.message),
        _ => f.message = explain::message(f, text),
    }
}

/// The order every caller sees: by position, then kind and rule, so output is stable.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.kind, a.rule).cmp(&(
            b.range.start,
            b.range.end,
            b.kind,
            b.rule,
        ))
    });
}

fn on_grapheme_boundaries(text: &str, r: &Range<usize>) -> bool {
    crate::segment::is_grapheme_boundary(text, r.start)
        && crate::segment::is_grapheme_boundary(text, r.end)
}

/// Quote a snippet for a message, shortened to at most `max` characters.
pub fn quote(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return format!("'{s}'");
    }
    let cut: String = s.chars().take(max).collect();
    format!("'{cut}…'")
}
