//! Findings for the outside world: JSON Lines records with code-point offsets, linter-style
//! text lines, and unified diffs.

use crate::detect::Rule;
use std::ops::Range;

use serde::Serialize;

use crate::detect::{Finding, Kind};
use crate::document::Document;

/// Converts byte offsets into code-point offsets without rescanning from the start each time.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before each 4 KiB block.
    blocks: Vec<usize>,
}

const BLOCK: usize = 4096;

fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0;
        for chunk in text.as_bytes().chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| is_char_start(b)).count();
        }
        CharIndex { text, blocks }
    }

    pub fn chars_before(&self, byte: usize) -> usize {
        let block = byte / BLOCK;
        let base = self.blocks.get(block).copied().unwrap_or(0);
        let from = block * BLOCK;
        base + self.text.as_bytes()[from.min(byte)..byte]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count()
    }
}

#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct SpanJson {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct FindingJson {
    pub id: String,
    pub kind: Kind,
    pub rule: Rule,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: String,
    pub replacement: String,
    pub confidence: f32,
    pub message: String,
    /// The facts behind `message` ([`crate::detect::Evidence`]); the byte ranges in it are
    /// into the article text (for an HTML page, the extracted text).
    pub evidence: crate::detect::Evidence,
    pub related: Vec<SpanJson>,
    /// For an HTML page: where the finding is in the extracted article text. The offsets
    /// above are then into the page source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extracted: Option<SpanJson>,
    /// For an HTML page: `article` for a finding in the article text, `page` for one about
    /// the page around it (head, hidden blocks, scripts, link farms, wrapped links, a
    /// doorway page), which the article view does not show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<&'static str>,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct DocumentJson {
    pub source: String,
    pub encoding: String,
    pub findings: Vec<FindingJson>,
}

/// A stable id: the rule, the text and which copy of that pair it is, hashed. It survives
/// edits elsewhere in the article.
pub fn finding_id(rule: Rule, text: &str, nth: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rule
        .as_str()
        .bytes()
        .chain([0])
        .chain(text.bytes())
        .chain([0])
        .chain(nth.to_le_bytes())
    {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

pub fn to_json(source: &str, encoding: &str, doc: &Document, findings: &[Finding]) -> DocumentJson {
    let idx = CharIndex::new(&doc.text);
    let span = |r: &Range<usize>| SpanJson {
        start: idx.chars_before(r.start),
        end: idx.chars_before(r.end),
    };
    let mut seen: std::collections::HashMap<(Rule, &str), usize> = std::collections::HashMap::new();
    let findings = findings
        .iter()
        .map(|f| {
            let text = &doc.text[f.range.clone()];
            let nth = seen.entry((f.rule, text)).or_default();
            let id = finding_id(f.rule, text, *nth);
            *nth += 1;
            let s = span(&f.range);
            FindingJson {
                id,
                kind: f.kind,
                rule: f.rule,
                start: s.start,
                end: s.end,
                byte_start: f.range.start,
                byte_end: f.range.end,
                text: text.to_owned(),
                replacement: f.replacement.clone(),
                confidence: f.confidence,
                message: f.message.clone(),
                evidence: f.evidence.clone(),
                related: f.related.iter().map(span).collect(),
                extracted: None,
                scope: None,
            }
        })
        .collect();
    DocumentJson {
        source: source.to_owned(),
        encoding: encoding.to_owned(),
        findings,
    }
}

/// [`to_json`] for a page: offsets and line numbers point into the page source, the
/// extracted-text offsets go under `extracted`, and `text` is the source text of the finding.
pub fn to_json_html(
    source: &str,
    encoding: &str,
    page: &str,
    article: &crate::html::HtmlArticle,
    doc: &Document,
    findings: &[Finding],
) -> DocumentJson {
    let mut json = to_json(source, encoding, doc, findings);
    let idx = CharIndex::new(page);
    let span = |r: &Range<usize>| SpanJson {
        start: idx.chars_before(r.start),
        end: idx.chars_before(r.end),
    };
    for (j, f) in json.findings.iter_mut().zip(findings) {
        let src = article.finding_in_source(f);
        j.extracted = Some(SpanJson {
            start: j.start,
            end: j.end,
        });
        let s = span(&src.range);
        (j.start, j.end, j.byte_start, j.byte_end) =
            (s.start, s.end, src.range.start, src.range.end);
        j.text = page[src.range.clone()].to_owned();
        j.scope = Some("article");
        j.related = src.related.iter().map(span).collect();
    }
    json
}

/// Page-level findings of a page, in page source offsets, with `scope: "page"`; a link
/// around article words also gives where those words are in the article.
pub fn page_findings_json(
    source: &str,
    encoding: &str,
    page: &str,
    article: &crate::html::HtmlArticle,
    findings: &[crate::html::PageFinding],
) -> Vec<FindingJson> {
    let page_doc = Document::new(page.to_owned());
    let plain: Vec<Finding> = findings.iter().map(|f| f.as_finding(page)).collect();
    let idx = CharIndex::new(&article.text);
    let mut json = to_json(source, encoding, &page_doc, &plain).findings;
    for (j, f) in json.iter_mut().zip(findings) {
        j.scope = Some("page");
        j.extracted = f.extracted.as_ref().map(|r| SpanJson {
            start: idx.chars_before(r.start.min(article.text.len())),
            end: idx.chars_before(r.end.min(article.text.len())),
        });
    }
    json
}

/// One linter-style line as data: `location: kind rule message`. The shells print it,
/// coloured or not; the library never writes escape codes.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// `source:line:col`.
    pub location: String,
    pub kind: Kind,
    pub rule: Rule,
    /// The finding's message, control characters made visible.
    pub message: String,
}

impl std::fmt::Display for TextLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} {} {}",
            self.location,
            self.kind.as_str(),
            self.rule,
            self.message
        )
    }
}

/// The [`TextLine`] of a finding in `doc` (for a page: a finding already moved into the
/// page source, with `doc` the page).
pub fn text_line(source: &str, doc: &Document, f: &Finding) -> TextLine {
    let (line, col) = doc.line_col(visible_start(&doc.text, &f.range));
    TextLine {
        location: format!("{}:{line}:{col}", sanitize(source)),
        kind: f.kind,
        rule: f.rule,
        message: sanitize(&f.message),
    }
}

/// Where a finding is reported to a person: the first character of its visible text, not
/// the paragraph break or spaces its edit range starts with (a removed copy takes the `\n\n`
/// before it). A range of nothing but whitespace is reported where it starts.
pub fn visible_start(text: &str, range: &Range<usize>) -> usize {
    match text.get(range.clone()) {
        Some(r) if !r.trim_start().is_empty() => range.start + r.len() - r.trim_start().len(),
        _ => range.start,
    }
}

/// [`crate::sanitize::line`], the one sanitiser, as an owned string (its callers build rows).
pub fn sanitize(s: &str) -> String {
    crate::sanitize::line(s).into_owned()
}

/// A unified diff between the input and the fixed text.
pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(old_name, new_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_naive_count() {
        let text = "กขค abc น้ำ".repeat(2000);
        let idx = CharIndex::new(&text);
        for (b, _) in text.char_indices().step_by(97) {
            assert_eq!(idx.chars_before(b), text[..b].chars().count());
        }
        assert_eq!(idx.chars_before(text.len()), text.chars().count());
    }

    #[test]
    fn control_chars_are_made_visible() {
        assert_eq!(sanitize("a\x1b[31mb"), "a␛[31mb");
    }
}
