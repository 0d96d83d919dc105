//! Atomic file writes for the shells (CLI and TUI): a temporary file in the target's
//! directory, synced, then renamed over the target, so a crash never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `target` atomically. With `keep_permissions_of`, the new file gets that
/// file's permissions (for in-place writes).
pub fn write_atomic(
    target: &Path,
    bytes: &[u8],
    keep_permissions_of: Option<&Path>,
) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Some(src) = keep_permissions_of
        && let Ok(meta) = std::fs::metadata(src)
    {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}
