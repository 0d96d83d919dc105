//! A document scanned and decided on: its findings at or above the threshold, over its text
//! (for a page, the extracted article), and what fixing them writes.

use std::path::Path;

use crate::detect::{Finding, ScanOptions, scan};
use crate::document::Document;
use crate::document::touches_stand_in;
use crate::export::{self, DocumentJson, TextLine};
use crate::html::{HtmlArticle, PageFinding, scan_page};
use crate::review::{ArticleReview, Edit, apply_edits, resolve};

use super::Error;

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// HTML for `.html`/`.htm` files and for standard input that starts like a page.
    #[default]
    Auto,
    Text,
    Html,
}

/// Whether a path names a page by its extension.
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"))
}

/// Whether to read `text` (from `path`, `-` for standard input) as an HTML page: the one
/// place pages are sniffed.
pub fn is_html(path: &Path, format: InputFormat, text: &str) -> bool {
    match format {
        InputFormat::Text => false,
        InputFormat::Html => true,
        InputFormat::Auto if path == Path::new("-") => {
            let head: String = text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .chars()
                .take(15)
                .collect::<String>()
                .to_ascii_lowercase();
            head.starts_with("<!doctype html") || head.starts_with("<html")
        }
        InputFormat::Auto => is_html_path(path),
    }
}

/// The findings reported and applied: those at or above `options.min_confidence`. The only
/// place the threshold is applied.
pub fn decide(findings: Vec<Finding>, options: &ScanOptions) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| f.confidence >= options.min_confidence)
        .collect()
}

/// A page and its extracted article.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: String,
    pub article: HtmlArticle,
}

/// A scanned document: findings at or above the threshold over `doc` (for a page, the
/// extracted article).
#[derive(Debug)]
pub struct Analysis {
    pub doc: Document,
    pub findings: Vec<Finding>,
    pub page: Option<Page>,
    /// For a page: findings about the page around the article (head, hidden blocks,
    /// scripts, link farms, wrapped links, a doorway page), in source offsets.
    pub page_findings: Vec<PageFinding>,
    /// The input had bytes that are not UTF-8: no fix may touch their stand-ins, in this
    /// pass or in the passes that settle the text.
    keeps_invalid_bytes: bool,
}

impl Analysis {
    /// Leave out every finding that would move or remove a stand-in for the input's invalid
    /// bytes, so that they are written back exactly as they were read.
    pub fn leave_invalid_bytes_alone(&mut self, decoded: &crate::document::Decoded) {
        if decoded.invalid.is_empty() {
            return;
        }
        self.keeps_invalid_bytes = true;
        self.leave_stand_ins_alone();
    }

    fn leave_stand_ins_alone(&mut self) {
        let text = &self.doc.text;
        self.findings
            .retain(|f| !touches_stand_in(text, f.range.clone(), &f.replacement));
    }

    /// Scan `text`, as a page when `html`.
    pub fn new(text: String, html: bool, options: &ScanOptions) -> Result<Self, Error> {
        if !html {
            return Ok(Self::text(text, options));
        }
        let scan = scan_page(&text, options)?;
        Ok(Analysis {
            doc: Document::new(scan.article.text.clone()),
            findings: decide(scan.findings, options),
            page_findings: scan
                .page_findings
                .into_iter()
                .filter(|f| f.confidence >= options.min_confidence)
                .collect(),
            keeps_invalid_bytes: false,
            page: Some(Page {
                source: text,
                article: scan.article,
            }),
        })
    }

    /// Scan plain text (a file, or the text field of a corpus line).
    pub fn text(text: String, options: &ScanOptions) -> Self {
        let doc = Document::new(text);
        let findings = decide(scan(&doc, options), options);
        Analysis {
            doc,
            findings,
            page: None,
            page_findings: Vec::new(),
            keeps_invalid_bytes: false,
        }
    }

    /// Whether anything was found, in the article or in the page around it.
    pub fn found(&self) -> bool {
        !self.findings.is_empty() || !self.page_findings.is_empty()
    }

    /// A doorway page: reported for deletion, never cleaned into an empty shell.
    pub fn is_doorway(&self) -> bool {
        self.page_findings.iter().any(PageFinding::is_report)
    }

    /// What was read: the text, or the page source.
    pub fn original(&self) -> &str {
        match &self.page {
            Some(p) => &p.source,
            None => &self.doc.text,
        }
    }

    pub fn json(&self, source: &str, encoding: &str) -> DocumentJson {
        match &self.page {
            Some(p) => {
                let mut json = export::to_json_html(
                    source,
                    encoding,
                    &p.source,
                    &p.article,
                    &self.doc,
                    &self.findings,
                );
                json.findings.extend(export::page_findings_json(
                    source,
                    encoding,
                    &p.source,
                    &p.article,
                    &self.page_findings,
                ));
                json.findings.sort_by_key(|f| (f.byte_start, f.byte_end));
                json
            }
            None => export::to_json(source, encoding, &self.doc, &self.findings),
        }
    }

    /// Linter lines; for a page, lines and columns are in the page source.
    pub fn text_lines(&self, source: &str) -> Vec<TextLine> {
        match &self.page {
            Some(p) => {
                let page_doc = Document::new(p.source.clone());
                let mut lines: Vec<(usize, TextLine)> = self
                    .findings
                    .iter()
                    .map(|f| {
                        // Moved to its visible text first: a separator has no place in the
                        // markup, and the page's own whitespace is no better.
                        let mut visible = f.clone();
                        visible.range.start = export::visible_start(&self.doc.text, &f.range);
                        let in_source = p.article.finding_in_source(&visible);
                        let at = in_source.range.start;
                        (at, export::text_line(source, &page_doc, &in_source))
                    })
                    .collect();
                lines.extend(self.page_findings.iter().map(|f| {
                    let g = f.as_finding(&p.source);
                    (g.range.start, export::text_line(source, &page_doc, &g))
                }));
                lines.sort_by_key(|(at, _)| *at);
                lines.into_iter().map(|(_, l)| l).collect()
            }
            None => self
                .findings
                .iter()
                .map(|f| export::text_line(source, &self.doc, f))
                .collect(),
        }
    }

    /// The findings `fix` applies: all of them, overlaps resolved, in position order.
    pub fn applied(&self) -> Vec<Finding> {
        resolve(&self.findings, 0..self.findings.len())
            .into_iter()
            .map(|i| self.findings[i].clone())
            .collect()
    }

    /// What `fix` writes: [`Analysis::fixed`], rescanned and fixed again until nothing is
    /// left, so that `fix` on its own output changes nothing.
    pub fn settled(&self, options: &ScanOptions) -> Result<String, Error> {
        let html = self.page.is_some();
        crate::review::settle(self.fixed()?, |t| {
            let mut next = Analysis::new(t.to_owned(), html, options)?;
            if self.keeps_invalid_bytes {
                next.leave_stand_ins_alone();
            }
            next.fixed()
        })
    }

    /// Every finding applied: the fixed text, or the fixed page.
    pub fn fixed(&self) -> Result<String, Error> {
        let edits: Vec<Edit> = self.applied().iter().map(Edit::from).collect();
        match &self.page {
            Some(p) if self.is_doorway() => Ok(p.source.clone()),
            Some(p) => {
                let page_edits: Vec<Edit> = self
                    .page_findings
                    .iter()
                    .flat_map(|f| f.edits.iter().cloned())
                    .collect();
                Ok(p.article.write_back_page(&p.source, &edits, &page_edits))
            }
            None => Ok(apply_edits(&self.doc.text, &edits)?),
        }
    }
}

/// The review of a page's source: the article's findings mapped into the markup, in the same
/// order, so the two views share decisions item by item.
pub fn to_page_source(page: &Page, findings: &[Finding]) -> ArticleReview {
    let mapped = findings
        .iter()
        .map(|f| page.article.finding_in_source(f))
        .collect();
    ArticleReview::new(page.source.clone(), mapped)
}

/// The page-level findings as review items: for the article view an empty range where the
/// article would show them (a wrapped link's words, else the end of the text), so accepting
/// one changes no article text; for the source view, the finding itself in the markup.
/// In the order of `page_findings`, which the two lists share.
pub fn page_review_findings(
    page: &Page,
    text: &str,
    page_findings: &[PageFinding],
) -> (Vec<Finding>, Vec<Finding>) {
    let in_article = page_findings
        .iter()
        .map(|f| {
            let at = f
                .extracted
                .as_ref()
                .map_or(text.len(), |r| r.start.min(text.len()));
            let at = text.floor_char_boundary(at);
            Finding {
                kind: crate::detect::Kind::Spam,
                rule: f.rule,
                range: at..at,
                replacement: String::new(),
                confidence: f.confidence,
                message: f.message.clone(),
                evidence: crate::detect::Evidence::note(&f.message),
                related: Vec::new(),
            }
        })
        .collect();
    let in_source = page_findings
        .iter()
        .map(|f| f.as_finding(&page.source))
        .collect();
    (in_article, in_source)
}

/// What a review of a page writes when some of its items (`page_items`: the item and its
/// page-level finding) are about the markup: the accepted article fixes go into the text
/// nodes and the accepted page findings' edits into the markup, as `fix` writes them. A
/// review with manual text edits has its text written back whole, with the page edits.
pub fn review_page_output(
    review: &ArticleReview,
    source: &str,
    article: &HtmlArticle,
    page_items: &[(usize, PageFinding)],
) -> String {
    let accepted = |k: usize| {
        review
            .items
            .get(k)
            .is_some_and(|it| it.decision == crate::review::Decision::Accepted && !it.stale)
    };
    let page: Vec<Edit> = page_items
        .iter()
        .filter(|(k, _)| accepted(*k))
        .flat_map(|(_, f)| f.edits.iter().cloned())
        .collect();
    if page.is_empty() {
        return review_output(review, Some((source, article)));
    }
    if !review.edits.is_empty() {
        return article.write_back_text_and_page(source, &review.output(), &page);
    }
    let edits: Vec<Edit> = page_edits(review)
        .into_iter()
        .zip(review.applied())
        .filter(|(_, k)| !page_items.iter().any(|(i, _)| i == k))
        .map(|(e, _)| e)
        .collect();
    article.write_back_page(source, &edits, &page)
}

/// The accepted edits of a review of an extracted article.
pub fn page_edits(review: &ArticleReview) -> Vec<Edit> {
    review
        .applied()
        .into_iter()
        .map(|k| Edit {
            range: review.items[k].finding.range.clone(),
            replacement: review.items[k].replacement().to_owned(),
        })
        .collect()
}

/// What a review writes: its output text, or for a page the page with the fixes put into
/// its text nodes (only the changed nodes move). A review with manual text edits is
/// written back whole, since its edits are not findings.
pub fn review_output(review: &ArticleReview, page: Option<(&str, &HtmlArticle)>) -> String {
    match page {
        Some((source, article)) if review.edits.is_empty() => {
            article.write_back_edits(source, &page_edits(review))
        }
        Some((source, article)) => article.write_back(source, &review.output()),
        None => review.output(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_comes_from_the_options() {
        let text = "ข่าว\n\nวันนี้ฝนตกบาคาร่า หนัก\n".to_owned();
        let all = Analysis::text(
            text.clone(),
            &ScanOptions {
                min_confidence: 0.0,
                ..Default::default()
            },
        );
        let strict = Analysis::text(
            text,
            &ScanOptions {
                min_confidence: 1.0,
                ..Default::default()
            },
        );
        assert!(!all.findings.is_empty());
        assert!(strict.findings.iter().all(|f| f.confidence >= 1.0));
        assert!(strict.findings.len() < all.findings.len());
    }

    #[test]
    fn a_hand_edited_review_of_a_page_keeps_its_page_fixes() {
        let source = "<html><body><main><p>ข่าวประจำวันของกรมที่ดิน วันนี้มีการประชุมใหญ่เรื่องงบประมาณ</p></main>\n\
            <div style=\"display:none\">สล็อตเว็บตรง แตกง่าย</div>\n</body></html>\n";
        let a = Analysis::new(source.into(), true, &ScanOptions::default()).expect("page");
        let page = a.page.as_ref().expect("a page");
        let (in_article, _) = page_review_findings(page, &a.doc.text, &a.page_findings);
        let n = a.findings.len();
        let mut findings = a.findings.clone();
        findings.extend(in_article);
        let mut review = ArticleReview::new(a.doc.text.clone(), findings);
        let items: Vec<(usize, PageFinding)> = (n..).zip(a.page_findings.iter().cloned()).collect();
        assert_eq!(items.len(), 1);
        review.decide(n, crate::review::Decision::Accepted);
        let at = review.text.find("ใหญ่").expect("word");
        review
            .edit_text(Edit {
                range: at..at + "ใหญ่".len(),
                replacement: "สามัญ".into(),
            })
            .expect("edit");
        let out = review_page_output(&review, source, &page.article, &items);
        assert_eq!(
            out,
            source
                .replace("ประชุมใหญ่", "ประชุมสามัญ")
                .replace("<div style=\"display:none\">สล็อตเว็บตรง แตกง่าย</div>\n", "")
        );
    }

    #[test]
    fn standard_input_is_sniffed_files_go_by_extension() {
        let page = "\u{feff}  <!DOCTYPE html><p>x";
        assert!(is_html(Path::new("-"), InputFormat::Auto, page));
        assert!(!is_html(Path::new("-"), InputFormat::Auto, "text"));
        assert!(!is_html(Path::new("a.txt"), InputFormat::Auto, page));
        assert!(is_html(Path::new("a.HTM"), InputFormat::Auto, "text"));
        assert!(is_html(Path::new("a.txt"), InputFormat::Html, "text"));
    }
}
