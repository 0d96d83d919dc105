//! redline: find and repair spam insertions and duplicated text in damaged articles.
//!
//! The crate is a pure core: nothing here touches a terminal or prints. Detectors return
//! plain [`detect::Finding`]s with byte ranges into the decoded text; `pipeline` is the one
//! way a document is loaded, scanned, decided on and prepared for writing; the `review`
//! module applies chosen fixes; `export` turns findings into JSON and structured text lines.
//! The shells (CLI and TUI) live in the binary.

pub mod corpus;
pub mod detect;
pub mod document;
pub mod eval;
pub mod export;
pub mod html;
pub mod jsonl;
pub mod lexicon;
pub mod normalize;
pub mod pipeline;
pub mod review;
pub mod safe_write;
pub mod sanitize;
pub mod segment;
pub mod terms;

pub use detect::{Finding, Kind, ScanOptions, scan};
pub use document::{DecodeWarning, Decoded, Document, LoadError, decode};
pub use lexicon::Lexicon;

/// The confidence at and above which findings are reported by `scan` and applied by `fix`
/// unless the user picks another threshold.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;
