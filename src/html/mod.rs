//! HTML articles: extract the article text from a page, find spam that only markup shows
//! (hidden text, links to gambling sites), and write fixes back into the page.
//!
//! The extracted text uses redline's text model (title, then paragraphs separated by blank
//! lines), so every detector runs on it unchanged. A source map ties each extracted byte to
//! the source bytes it came from; fixes touch only the text nodes they change.

mod align;
mod charset;
mod extract;
mod findings;
mod head;
mod page;
mod script;
mod source_map;
mod style;
mod write_back;

use crate::detect::Rule;
use std::ops::Range;

pub use charset::{CharsetSource, EncodeError, PageText, decode_page};
pub use extract::MAX_DEPTH;
pub use findings::gambling_link;
pub use page::PageFinding;
pub use source_map::{Segment, SourceMap};
pub use style::{HiddenReason, StyleSheet, hidden_by_style};

use crate::detect::{Finding, ScanOptions, scan};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::segment;

/// The largest page `extract` reads.
pub const MAX_SOURCE_LEN: usize = 64 << 20;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HtmlError {
    #[error("the page is {len} bytes; at most {limit} are read")]
    TooLarge { len: usize, limit: usize },
}

/// What an element that contributed text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ElementKind {
    /// A paragraph-level element: p, div, h1, li, td…
    Block,
    /// Invisible to readers; only kept in the text when it looks like spam.
    Hidden { reason: HiddenReason },
    /// `<a href>`.
    Link { href: String },
}

/// An element whose text is part of the extracted article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    /// Start tag start to end tag end, or to where the element was implicitly closed.
    pub src: Range<usize>,
    /// Its text in extracted coordinates, without a leading separator.
    pub ext: Range<usize>,
    pub kind: ElementKind,
}

/// A page's article text and how it maps back into the page.
#[derive(Debug, Clone)]
pub struct HtmlArticle {
    pub text: String,
    pub map: SourceMap,
    /// Sorted by `src.start`; an enclosing element comes before those inside it.
    pub elements: Vec<Element>,
    /// Start tags past [`MAX_DEPTH`] open elements, read as if their tags were absent.
    pub flattened: usize,
    source_len: usize,
    /// What the walk saw of the page around the article.
    page: page::PageRecord,
}

/// Extract the article from a page, deciding which hidden text is spam-like with the
/// built-in lexicon.
pub fn extract(source: &str) -> Result<HtmlArticle, HtmlError> {
    extract_with(source, builtin_lexicon())
}

/// [`extract`] with another lexicon deciding which hidden text to keep.
pub fn extract_with(source: &str, lexicon: &Lexicon) -> Result<HtmlArticle, HtmlError> {
    if source.len() > MAX_SOURCE_LEN {
        return Err(HtmlError::TooLarge {
            len: source.len(),
            limit: MAX_SOURCE_LEN,
        });
    }
    Ok(extract::run(source, lexicon))
}

fn builtin_lexicon() -> &'static Lexicon {
    static LEX: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::builtin);
    &LEX
}

impl HtmlArticle {
    /// A finding on the extracted text moved into the page source, its related ranges too:
    /// the one mapping every view, report and line number of a page goes through.
    pub fn finding_in_source(&self, f: &Finding) -> Finding {
        let mut g = f.clone();
        g.range = self.to_source(f.range.clone());
        g.related = f
            .related
            .iter()
            .map(|r| self.to_source(r.clone()))
            .collect();
        g
    }

    /// The source range an extracted range came from; always on char boundaries of the
    /// source it was extracted from.
    pub fn to_source(&self, ext: Range<usize>) -> Range<usize> {
        let t = &self.text;
        let start = t.floor_char_boundary(ext.start.min(t.len()));
        let end = t.ceil_char_boundary(ext.end.min(t.len())).max(start);
        let r = self.map.to_source(self.trim_separators(start..end));
        r.start.min(self.source_len)..r.end.min(self.source_len)
    }
}

impl HtmlArticle {
    /// `r` without the separators at its ends: they have no source of their own, and a
    /// range that starts with one should point at its text, not at the tag before it.
    fn trim_separators(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let segs = self.map.segments();
        let synthetic = |pos: usize| {
            self.map
                .index_at(pos)
                .map(|i| &segs[i])
                .filter(|s| s.is_synthetic() && s.ext.contains(&pos))
        };
        let (mut start, mut end) = (r.start, r.end);
        while start < end
            && let Some(s) = synthetic(start)
        {
            start = s.ext.end.min(end);
        }
        while end > start
            && let Some(s) = synthetic(end - 1)
        {
            end = s.ext.start.max(start);
        }
        if start == end { r } else { start..end }
    }
}

/// A scanned page: the article and its findings, and the findings about the page around it.
#[derive(Debug, Clone)]
pub struct PageScan {
    pub article: HtmlArticle,
    /// Over `article.text`, as [`scan_html`] returns them; empty for a doorway page.
    pub findings: Vec<Finding>,
    /// In page source offsets, sorted by position.
    pub page_findings: Vec<PageFinding>,
}

impl PageScan {
    /// Whether the page is a doorway (`spam.page`): reported, never cleaned.
    pub fn is_doorway(&self) -> bool {
        self.page_findings.iter().any(|f| f.rule == Rule::SpamPage)
    }
}

impl PageScan {
    /// The page with every finding at or above `min_confidence` applied (overlaps resolved
    /// as `fix` does); a doorway page comes back as it is.
    pub fn fixed(&self, source: &str, min_confidence: f32) -> String {
        if self.is_doorway() {
            return source.to_owned();
        }
        let kept: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| f.confidence >= min_confidence)
            .cloned()
            .collect();
        let edits: Vec<crate::review::Edit> = crate::review::resolve(&kept, 0..kept.len())
            .into_iter()
            .map(|i| crate::review::Edit::from(&kept[i]))
            .collect();
        let page: Vec<crate::review::Edit> = self
            .page_findings
            .iter()
            .filter(|f| f.confidence >= min_confidence)
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        self.article.write_back_page(source, &edits, &page)
    }
}

/// [`scan_html`] and then the whole page: head, hidden blocks, scripts, link farms, wrapped
/// links, doorway pages.
pub fn scan_page(source: &str, options: &ScanOptions) -> Result<PageScan, HtmlError> {
    let (article, findings) = scan_html(source, options)?;
    let page_findings = article.page_findings(source, &findings, options);
    let doorway = page_findings.iter().any(|f| f.rule == Rule::SpamPage);
    Ok(PageScan {
        findings: if doorway { Vec::new() } else { findings },
        article,
        page_findings,
    })
}

/// Extract, run every detector on the text, and add the findings only markup shows.
/// Ranges are into `article.text`, on grapheme cluster boundaries, sorted by position.
pub fn scan_html(
    source: &str,
    options: &ScanOptions,
) -> Result<(HtmlArticle, Vec<Finding>), HtmlError> {
    let article = extract_with(source, &options.lexicon)?;
    let doc = Document::new(article.text.clone());
    let html = article.html_findings(&options.lexicon);
    // `html` is sorted by start and its ranges do not nest.
    let inside_html = |f: &Finding| {
        let i = html.partition_point(|h| h.range.start <= f.range.start);
        (i.saturating_sub(2)..i)
            .any(|j| html[j].range.start <= f.range.start && f.range.end <= html[j].range.end)
    };
    let mut findings: Vec<Finding> = scan(&doc, options)
        .into_iter()
        .filter(|f| !inside_html(f))
        .collect();
    findings.extend(html);
    let t = &article.text;
    for f in &mut findings {
        if f.replacement.is_empty() {
            f.range =
                segment::grapheme_floor(t, f.range.start)..segment::grapheme_ceil(t, f.range.end);
        }
    }
    crate::detect::sort_findings(&mut findings);
    // Messages that name a line of the extracted text name the page's line instead: the
    // page is what the editor has open.
    let newlines: Vec<usize> = source
        .bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect();
    for f in &mut findings {
        if let (Some(at), Some(first)) = (f.message.find(" at line "), f.related.first()) {
            let digits = f.message[at + 9..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(f.message.len(), |i| at + 9 + i);
            let src = article.to_source(first.clone()).start.min(source.len());
            let line = newlines.partition_point(|&n| n < src) + 1;
            f.message.replace_range(at + 9..digits, &line.to_string());
            if let crate::detect::Evidence::Copy(c) = &mut f.evidence {
                c.line = Some(line);
            }
        }
    }
    Ok((article, findings))
}
