//! Helpers shared by the TUI tests: an article from text, scanned at the default threshold.

use std::path::PathBuf;

use redline::review::ArticleReview;
use redline::tui::Article;
use redline::{DEFAULT_MIN_CONFIDENCE, Document, ScanOptions, decode, scan};

pub fn article(name: &str, text: &str) -> Article {
    let decoded = decode(text.as_bytes()).expect("decodes");
    let doc = Document::new(text);
    let findings: Vec<_> = scan(&doc, &ScanOptions::default())
        .into_iter()
        .filter(|f| f.confidence >= DEFAULT_MIN_CONFIDENCE)
        .collect();
    Article::new(
        PathBuf::from(name),
        decoded,
        ArticleReview::new(text.to_owned(), findings),
    )
}

pub fn sample(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name);
    std::fs::read_to_string(p).expect("sample")
}
