//! Where an article came from. Its export is written back in the same form: a text file as
//! text, a line of a JSON Lines corpus as that line within the whole corpus.

use std::sync::Arc;

use redline::html::{HtmlArticle, PageFinding};
use redline::jsonl::Record;

#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// A text file, exported as text in its own encoding.
    #[default]
    Text,
    /// An HTML page: the review is of its extracted article; the export is the page with
    /// only the changed text nodes rewritten.
    Html {
        page: Arc<String>,
        article: Arc<HtmlArticle>,
        /// The findings about the page around the article (head, hidden blocks, scripts,
        /// link farms…), each with the index of its review item in both views.
        page_items: Arc<Vec<(usize, PageFinding)>>,
    },
    /// One line of a JSON Lines corpus, exported together with the rest of the corpus.
    Jsonl {
        line: u64,
        id: Option<String>,
        record: Arc<Record>,
    },
}

impl Origin {
    /// Whether review item `k` is a finding about the page outside the article.
    pub fn is_page_item(&self, k: usize) -> bool {
        self.page_item(k).is_some()
    }

    /// Review item `k` as a finding about the page, with the page source it points into.
    pub fn page_item(&self, k: usize) -> Option<(&str, &PageFinding)> {
        match self {
            Origin::Html {
                page, page_items, ..
            } => page_items
                .iter()
                .find(|(i, _)| *i == k)
                .map(|(_, f)| (page.as_str(), f)),
            _ => None,
        }
    }

    /// A suffix naming the document inside its file, e.g. `#17 id 4521`.
    pub fn suffix(&self) -> String {
        match self {
            Origin::Text | Origin::Html { .. } => String::new(),
            Origin::Jsonl {
                line, id: Some(id), ..
            } => format!("#{line} id {id}"),
            Origin::Jsonl { line, id: None, .. } => format!("#{line}"),
        }
    }
}
