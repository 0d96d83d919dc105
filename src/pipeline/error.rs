//! Why a document could not be loaded, analysed or written, as data the shells word.

use std::path::PathBuf;

use crate::document::LoadError;
use crate::html::HtmlError;
use crate::review::ApplyError;

use super::Overwrite;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{} is larger than the --max-bytes limit of {}; raise it to read this document",
        human_size(*size),
        human_size(*max)
    )]
    TooBig { size: u64, max: u64 },
    #[error("is a directory")]
    IsDirectory,
    #[error("{}", io_reason(.0))]
    Read(std::io::Error),
    #[error(transparent)]
    Decode(#[from] LoadError),
    #[error(transparent)]
    Html(#[from] HtmlError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The source is no longer what was read: writing an export made from the old bytes
    /// would lose or duplicate documents.
    #[error(
        "{} changed since it was opened; nothing written, open it again",
        .0.file_name().map_or_else(|| .0.display().to_string(), |n| n.to_string_lossy().into_owned())
    )]
    Changed(PathBuf),
    #[error(transparent)]
    Overwrite(#[from] Overwrite),
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A size for a message: `1.0 GiB`, `64.0 MiB`, `512 bytes`.
pub fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}
