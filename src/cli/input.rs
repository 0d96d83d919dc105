//! One document read for `scan` or `fix`: plain text, or an HTML page whose article is
//! extracted, scanned, and written back with only the changed text nodes touched.

use std::path::Path;

use anyhow::Result;
use clap::ValueEnum;

use redline::export::{self, DocumentJson};
use redline::html::{HtmlArticle, scan_html};
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
            let (article, findings) = scan_html(&text, options)?;
            Ok(Analysis {
                doc: Document::new(article.text.clone()),
                findings: findings.into_iter().filter(keep).collect(),
                page: Some((text, article)),
            })
        } else {
            let doc = Document::new(text);
            let findings = scan(&doc, options).into_iter().filter(keep).collect();
            Ok(Analysis {
                doc,
                findings,
                page: None,
            })
        }
    }

    /// Leave out every finding that would move or remove a stand-in for the input's invalid
    /// bytes, so that they are written back exactly as they were read.
    pub fn leave_invalid_bytes_alone(&mut self, decoded: &redline::Decoded) {
        let text = &self.doc.text;
        self.findings
            .retain(|f| !decoded.touches_invalid(text, f.range.clone(), &f.replacement));
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
                export::to_json_html(source, encoding, page, article, &self.doc, &self.findings)
            }
            None => export::to_json(source, encoding, &self.doc, &self.findings),
        }
    }

    /// Linter lines; for a page, lines and columns are in the page source.
    pub fn text_lines(&self, source: &str, color: bool) -> Vec<String> {
        match &self.page {
            Some((page, article)) => {
                let page_doc = Document::new(page.clone());
                self.findings
                    .iter()
                    .map(|f| export::text_line_html(source, &page_doc, article, f, color))
                    .collect()
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
            Some((page, article)) => article.write_back_edits(page, &edits),
            None => apply_edits(&self.doc.text, &edits)?,
        })
    }
}
