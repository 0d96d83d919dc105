//! Spam-term discovery: mine a corpus for strings that recur across many unrelated documents
//! at injection sites (in front of a title, glued onto the end of a word, after the last
//! sentence, at a paragraph end). Spam brands change weekly and no list keeps up; the same
//! string planted at such sites in many documents is the strongest sign of a new one.
//!
//! The work is split so that callers can stream: [`extract`] reads one document (the costly
//! part, safe to run on many threads at once), [`TermMiner::add`] folds its result into
//! corpus totals, and [`TermMiner::finish`] ranks. Memory stays bounded on large corpora
//! because strings seen in too few documents are pruned as documents stream by.

mod candidates;
mod rank;
mod tally;

use std::ops::Range;

use serde::Serialize;

use crate::lexicon::{Lexicon, TermClass};

pub use candidates::{DocTerms, extract};
pub use tally::TermMiner;

/// Where an occurrence sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Site {
    /// In front of the title.
    TitleStart,
    /// Glued onto the end of a word, before a space, inside a paragraph.
    Glued,
    /// At the end of the last paragraph.
    Tail,
    /// At the end of another paragraph.
    ParagraphEnd,
}

/// Occurrences per kind of site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SiteCounts {
    pub title_start: usize,
    pub glued: usize,
    pub tail: usize,
    pub paragraph_end: usize,
}

impl SiteCounts {
    pub fn add(&mut self, site: Site) {
        match site {
            Site::TitleStart => self.title_start += 1,
            Site::Glued => self.glued += 1,
            Site::Tail => self.tail += 1,
            Site::ParagraphEnd => self.paragraph_end += 1,
        }
    }

    pub fn merge(&mut self, other: &SiteCounts) {
        self.title_start += other.title_start;
        self.glued += other.glued;
        self.tail += other.tail;
        self.paragraph_end += other.paragraph_end;
    }

    /// How many different kinds of site the term was found at.
    /// "title 4, tail 4": the sites seen, for tables.
    pub fn describe(&self) -> String {
        [
            (self.title_start, "title"),
            (self.glued, "glued"),
            (self.tail, "tail"),
            (self.paragraph_end, "para-end"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{w} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
    }

    pub fn kinds(&self) -> usize {
        [self.title_start, self.glued, self.tail, self.paragraph_end]
            .iter()
            .filter(|&&n| n > 0)
            .count()
    }
}

/// One occurrence of a candidate: the document the caller numbered and a byte range into
/// its decoded text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub doc: usize,
    pub range: Range<usize>,
    pub site: Site,
}

/// An occurrence shown in context: `context` is a short snippet with the term marked «so».
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sample {
    pub doc: usize,
    pub context: String,
    pub range: Range<usize>,
}

/// A candidate spam term with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The term as first seen in a document.
    pub term: String,
    /// The folded form occurrences are grouped by (see [`crate::normalize::fold`]).
    pub key: String,
    /// Occurrences at injection sites.
    pub count: usize,
    /// Documents with at least one occurrence at an injection site.
    pub documents: usize,
    /// Distinct surroundings of those occurrences: copies of one article count once.
    pub contexts: usize,
    /// Occurrences elsewhere in the same documents, inside sentences or words.
    pub elsewhere: usize,
    /// Distinct words the term is glued onto, per distinct place it is glued onto a word:
    /// near 1 for a planted term, low for a fixed collocation (เปิด|เผยว่า).
    pub variety: f32,
    pub score: f32,
    pub positions: SiteCounts,
    /// The list the key is already on, if any.
    pub known: Option<TermClass>,
    /// Up to [`MineOptions::samples`] occurrences from distinct documents.
    pub samples: Vec<Sample>,
    /// Up to [`MineOptions::occurrences`] occurrences, for accepting or rejecting a whole
    /// cluster; `count` says how many there are in all.
    pub occurrences: Vec<Occurrence>,
}

/// The default [`MineOptions::min_score`].
pub const DEFAULT_MIN_SCORE: f32 = 0.5;

/// What [`TermMiner::finish`] keeps.
#[derive(Debug, Clone)]
pub struct MineOptions {
    /// Fewer distinct documents than this and a string is no candidate.
    pub min_documents: usize,
    /// How many candidates to return, best first.
    pub top: usize,
    /// Candidates scoring lower than this are left out: ordinary words that end clauses in
    /// many documents score well below it, terms planted at strong sites well above.
    pub min_score: f32,
    /// Also return terms already on the deny, strong or promo lists. Allow-listed terms are
    /// never returned.
    pub include_known: bool,
    pub samples: usize,
    pub occurrences: usize,
}

impl Default for MineOptions {
    fn default() -> Self {
        MineOptions {
            min_documents: 3,
            top: 50,
            min_score: DEFAULT_MIN_SCORE,
            include_known: false,
            samples: 5,
            occurrences: 1000,
        }
    }
}

/// Mine a whole in-memory corpus on one thread: a convenience over [`TermMiner`].
pub fn mine<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    lexicon: &Lexicon,
    options: &MineOptions,
) -> Vec<Candidate> {
    let mut miner = TermMiner::new();
    for (i, text) in texts.into_iter().enumerate() {
        miner.add(i, extract(text, lexicon));
    }
    miner.finish(options)
}
