//! The structured facts a detector used for a finding. Detectors fill these instead of
//! writing prose; [`super::explain`] renders the one message, and JSON carries them as they
//! are. A detector without its own variant yet uses [`Evidence::Note`].

use std::ops::Range;

use serde::Serialize;

use super::evidence::Position;
use crate::lexicon::TermClass;

/// Why a finding was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Evidence {
    /// A spam term (listed, brand-shaped or planted) at one site.
    Term(TermEvidence),
    /// A paragraph (or several neighbouring ones) of nothing but spam terms and slogans.
    SpamParagraph {
        paragraphs: usize,
        first: Range<usize>,
    },
    /// A promotional sentence around a spam term.
    PromoSentence {
        sentence: Range<usize>,
        term: Range<usize>,
    },
    /// A copy of other text in the article.
    Copy(CopyEvidence),
    /// Whitespace that does not belong.
    Whitespace { what: SpaceKind, count: usize },
    /// A paragraph broken mid-sentence.
    BrokenParagraph {
        next: Range<usize>,
        signs: Vec<BreakSign>,
    },
    /// Text an HTML page hides from readers, with spam in it.
    HiddenText {
        text: Range<usize>,
        /// How it is hidden (`display:none`, …).
        hidden_by: String,
        /// What makes it spam: the term, brand or link it names.
        why: String,
    },
    /// Link text whose link goes to a gambling site.
    GamblingLink { text: Range<usize>, why: String },
    /// A finding explained by a sentence only: the fallback for detectors not converted yet
    /// (page-level findings, the review's own edits).
    Note { text: String },
}

impl Evidence {
    /// A finding explained by `text` alone.
    pub fn note(text: &str) -> Self {
        Evidence::Note {
            text: text.to_owned(),
        }
    }
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence::Note {
            text: String::new(),
        }
    }
}

/// The facts behind a spam term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermEvidence {
    /// The term itself (before widening to the deletion range).
    pub term: Range<usize>,
    /// The term as written.
    pub text: String,
    pub source: TermSource,
    /// A listed word with a brand glued on (casino88vip).
    pub branded: bool,
    pub site: Position,
    /// Copies of the same term in the article, this one included.
    pub copies: usize,
    /// Where the other copies sit (empty when there are too many to list).
    pub others: Vec<Position>,
    /// Hidden characters, spaced-out or look-alike letters.
    pub disguised: bool,
    /// The article is about gambling and the confidence was lowered for it.
    pub topic_discount: bool,
}

/// Where a term came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum TermSource {
    DenyList,
    Lexicon {
        class: TermClass,
    },
    /// An unlisted token shaped like a betting brand, with gambling evidence.
    BrandShape {
        stem: Option<String>,
        digits: bool,
        glued_to_thai: bool,
        /// Gambling vocabulary in the article.
        vocabulary: bool,
        planted: bool,
    },
    /// An unlisted string found only at injection sites.
    Recurrence,
}

/// The facts behind a duplicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyEvidence {
    pub unit: CopyUnit,
    /// The repeated text as it stands in the copy that goes.
    pub copy: Range<usize>,
    /// The other copy (or the text before a gap).
    pub other: Range<usize>,
    /// The line of the other copy, when the message names it.
    pub line: Option<usize>,
    /// Which copy is complete, for a cut copy.
    pub complete: Option<Complete>,
    /// How a teaser was cut.
    pub cut: Option<Cut>,
    /// Why it is only a suggestion, if it is.
    pub doubt: Option<Doubt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyUnit {
    Title,
    Paragraph,
    ParagraphOverlap,
    Sentence,
    Clause,
    AdjacentPhrase,
    GappedPhrase,
    Teaser,
    Restatement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Complete {
    /// The paragraph before the cut copy.
    Before,
    /// The paragraph after it.
    After,
    /// Further on in the article.
    Later,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cut {
    Ellipsis,
    MidWord,
    AtNextParagraph,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// Headings and list items repeat by design.
    Structure,
    /// News restates text.
    Restatement,
    /// Thai repeats a word after a short one.
    ThaiRepeat,
    /// A closing gap: a slip (not a doubt, but part of the explanation).
    ClosingGap,
    Quote,
    ShortClause,
    LongerWord,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    Trailing,
    TrailingNbsp,
    Nbsp,
    Run,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakSign {
    LowerCaseStart,
    NoEndPunct,
    StraySpace,
    ContinuationWord,
    DanglingEnd,
    SingleClause,
}
