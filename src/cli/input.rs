//! One document read for `scan` or `fix`: plain text, or an HTML page whose article is
//! extracted, scanned, and written back with only the changed text nodes touched.

use std::path::Path;

use anyhow::Result;
use clap::ValueEnum;

use redline::export::{self, DocumentJson};
use redline::html::{HtmlArticle, PageFinding, scan_page};
use redline::review::{Edit, apply_edits, resolve};
use redline::{Document, Finding, ScanOptions, scan};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// HTML for `.html`/`.htm` files and for standard input that starts like a page.
    Auto,
    Text,
    Html,
}

pub fn is_html(path: &Path, format: InputFormat, text: &str) -> bool {
    match format {
        InputFormat::Text => false,
        InputFormat::Html => true,
        InputFormat::Auto => {
            if path == Path::new("-") {
                let head: String = text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .chars()
                    .take(15)
                    .collect::<String>()
                    .to_ascii_lowercase();
                head.starts_with("<!doctype html") || head.starts_with("<html")
            } else {
                path.extension().is_some_and(|x| {
                    x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm")
                })
            }
        }
    }
}

/// A scanned document: findings at or above the threshold, over its text (for a page, the
/// extracted article).
pub struct Analysis {
    pub doc: Document,
    pub findings: Vec<Finding>,
    page: Option<(String, HtmlArticle)>,
    /// For a page: findings about the page around the article, in source offsets.
    pub page_findings: Vec<PageFinding>,
}

impl Analysis {
    pub fn new(
        text: String,
        html: bool,
        options: &ScanOptions,
        min_confidence: f32,
    ) -> Result<Self> {
        let keep = |f: &Finding| f.confidence >= min_confidence;
        if html {
            let scan = scan_page(&text, options)?;
            Ok(Analysis {
                doc: Document::new(scan.article.text.clone()),
                findings: scan.findings.into_iter().filter(keep).collect(),
                page_findings: scan
                    .page_findings
                    .into_iter()
                    .filter(|f| f.confidence >= min_confidence)
                    .collect(),
                page: Some((text, scan.article)),
            })
        } else {
            let doc = Document::new(text);
            let findings = scan(&doc, options).into_iter().filter(keep).collect();
            Ok(Analysis {
                doc,
                findings,
                page: None,
                page_findings: Vec::new(),
            })
        }
    }

    /// Whether anything was found, in the article or in the page around it.
    pub fn found(&self) -> bool {
        !self.findings.is_empty() || !self.page_findings.is_empty()
    }

    /// What was read: the text, or the page source.
    pub fn original(&self) -> &str {
        match &self.page {
            Some((page, _)) => page,
            None => &self.doc.text,
        }
    }

    pub fn json(&self, source: &str, encoding: &str) -> DocumentJson {
        match &self.page {
            Some((page, article)) => {
                let mut json = export::to_json_html(
                    source,
                    encoding,
                    page,
                    article,
                    &self.doc,
                    &self.findings,
                );
                json.findings.extend(export::page_findings_json(
                    source,
                    encoding,
                    page,
                    article,
                    &self.page_findings,
                ));
                json.findings.sort_by_key(|f| (f.byte_start, f.byte_end));
                json
            }
            None => export::to_json(source, encoding, &self.doc, &self.findings),
        }
    }

    /// Linter lines; for a page, lines and columns are in the page source.
    pub fn text_lines(&self, source: &str, color: bool) -> Vec<String> {
        match &self.page {
            Some((page, article)) => {
                let page_doc = Document::new(page.clone());
                let mut lines: Vec<(usize, String)> = self
                    .findings
                    .iter()
                    .map(|f| {
                        let at = article.to_source(f.range.clone()).start;
                        (
                            at,
                            export::text_line_html(source, &page_doc, article, f, color),
                        )
                    })
                    .collect();
                lines.extend(self.page_findings.iter().map(|f| {
                    let g = f.as_finding(page);
                    (
                        g.range.start,
                        export::text_line(source, &page_doc, &g, color),
                    )
                }));
                lines.sort_by_key(|(at, _)| *at);
                lines.into_iter().map(|(_, l)| l).collect()
            }
            None => self
                .findings
                .iter()
                .map(|f| export::text_line(source, &self.doc, f, color))
                .collect(),
        }
    }

    /// Every finding applied, overlaps resolved: the fixed text, or the fixed page.
    pub fn fixed(&self) -> Result<String> {
        let chosen = resolve(&self.findings, 0..self.findings.len());
        let edits: Vec<Edit> = chosen
            .iter()
            .map(|&i| Edit::from(&self.findings[i]))
            .collect();
        Ok(match &self.page {
            // A doorway page is reported for deletion, never cleaned into an empty shell.
            Some((page, _)) if self.page_findings.iter().any(PageFinding::is_report) => {
                page.clone()
            }
            Some((page, article)) => {
                let page_edits: Vec<Edit> = self
                    .page_findings
                    .iter()
                    .flat_map(|f| f.edits.iter().cloned())
                    .collect();
                article.write_back_page(page, &edits, &page_edits)
            }
            None => apply_edits(&self.doc.text, &edits)?,
        })
    }
}
