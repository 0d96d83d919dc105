//! Pieces of the command line that are more than argument plumbing.

pub mod input;
pub mod jsonl;
pub mod pipe;
pub mod progress;
pub mod site;
pub mod style;
pub mod terms;
