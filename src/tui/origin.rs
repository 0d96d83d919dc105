//! Where an article came from. Its export is written back in the same form: a text file as
//! text, a line of a JSON Lines corpus as that line within the whole corpus.

use std::sync::Arc;

use redline::html::HtmlArticle;
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
    },
    /// One line of a JSON Lines corpus, exported together with the rest of the corpus.
    Jsonl {
        line: u64,
        id: Option<String>,
        record: Arc<Record>,
    },
}

impl Origin {
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
