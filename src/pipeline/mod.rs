//! The one way a document goes through redline, for the CLI and the TUI alike: loaded (a file
//! under the `--max-bytes` limit, standard input, a directory walk, a JSON Lines line),
//! decoded, scanned, decided on (the `min_confidence` threshold is applied here and nowhere
//! else), and prepared for writing (the fixed text, the page written back, the fixed corpus
//! line). Before anything is written, [`refuse_overwrite`] checks that no output is an input
//! and [`check_unchanged`] that the source is still what was read.
//!
//! Nothing here prints or touches a terminal: failures are [`Error`] values the shells word.

mod analysis;
mod corpus_line;
mod error;
mod load;
mod outputs;
mod site;

pub use analysis::{
    Analysis, InputFormat, Page, decide, is_html, is_html_path, page_edits, page_review_findings,
    review_output, review_page_output, to_page_source,
};
pub use corpus_line::{accepted_findings, corpus_line, reviewed_corpus_line};
pub use error::{Error, human_size};
pub use load::{Loaded, check_unchanged, content_hash, hash_file, load, read_limited};
pub use outputs::{Inputs, Overwrite, refuse_overwrite, same_file};
pub use site::{HostCount, PageReport, SiteSummary, kind_label};

use std::path::PathBuf;

/// The files of a run: paths as given (`-` too), directories walked for `names` by
/// [`crate::corpus::expand`]. Unreadable directories come back in the second list, and what
/// a walk passed over (named pipes, sockets, devices, broken links) in the third.
pub fn inputs(
    paths: &[PathBuf],
    names: &globset::GlobSet,
) -> (
    Vec<PathBuf>,
    Vec<(PathBuf, String)>,
    Vec<crate::corpus::Skipped>,
) {
    let (mut errors, mut skipped) = (Vec::new(), Vec::new());
    let files = crate::corpus::expand(paths, names, &mut errors, &mut skipped);
    (files, errors, skipped)
}

/// The directories among `paths` that gave none of `files`: nothing in them matched, which
/// the user should hear about rather than get a silent, empty run.
pub fn empty_dirs<'a>(paths: &'a [PathBuf], files: &[PathBuf]) -> Vec<&'a PathBuf> {
    paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.is_dir())
        .filter(|p| !files.iter().any(|f| f.starts_with(p)))
        .collect()
}
