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
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes)?;
    file.commit(keep_permissions_of)
}

/// A file written as a stream that appears at its target only on [`AtomicFile::commit`].
/// Dropped without committing, it leaves nothing behind, so a run that fails half way never
/// replaces a good file with half a file.
pub struct AtomicFile {
    target: PathBuf,
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> std::io::Result<Self> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        Ok(AtomicFile {
            target: target.to_owned(),
            tmp: std::io::BufWriter::new(tempfile::NamedTempFile::new_in(&dir)?),
        })
    }

    pub fn commit(self, keep_permissions_of: Option<&Path>) -> std::io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        if let Some(src) = keep_permissions_of
            && let Ok(meta) = std::fs::metadata(src)
        {
            std::fs::set_permissions(tmp.path(), meta.permissions())?;
        }
        tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}
