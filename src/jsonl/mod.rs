//! JSON Lines corpora: one document a line, read as a stream so memory stays bounded
//! however long the file is.

mod line_reader;
mod record;

pub use line_reader::{LineRead, LineReader};
pub use record::{FieldNames, LineError, Record, ScanLineJson};
