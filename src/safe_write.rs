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
///
/// Only regular files are replaced by rename. A device, pipe or socket (`-o /dev/null`, a
/// named pipe) is written through: renaming over it would put a plain file in its place. A
/// symbolic link is followed, so the link stays and the file it names gets the new text.
pub struct AtomicFile {
    target: PathBuf,
    sink: Sink,
}

enum Sink {
    Temp(std::io::BufWriter<tempfile::NamedTempFile>),
    Through(std::io::BufWriter<std::fs::File>),
}

impl AtomicFile {
    pub fn create(target: &Path) -> std::io::Result<Self> {
        let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
        let target = if is_link {
            std::fs::canonicalize(target).unwrap_or_else(|_| target.to_owned())
        } else {
            target.to_owned()
        };
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "is a directory",
                ));
            }
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new().write(true).open(&target)?;
                return Ok(AtomicFile {
                    target,
                    sink: Sink::Through(std::io::BufWriter::new(f)),
                });
            }
            _ => {}
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        // A new file gets the usual mode (0666 less the umask), not the 0600 of a temp file;
        // an existing target keeps its own.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).map_or(0o666, |m| m.permissions().mode());
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let tmp = builder.tempfile_in(&dir)?;
        Ok(AtomicFile {
            target,
            sink: Sink::Temp(std::io::BufWriter::new(tmp)),
        })
    }

    pub fn commit(self, keep_permissions_of: Option<&Path>) -> std::io::Result<()> {
        let tmp = match self.sink {
            Sink::Through(mut w) => return w.flush(),
            Sink::Temp(w) => w.into_inner().map_err(|e| e.into_error())?,
        };
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
        match &mut self.sink {
            Sink::Temp(w) => w.write(buf),
            Sink::Through(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Temp(w) => w.flush(),
            Sink::Through(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_any_new_file_gets_and_an_old_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).expect("create");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let target = dir.path().join("out.txt");
        write_atomic(&target, b"a", None).expect("write");
        assert_eq!(mode(&target), mode(&plain));
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&target, b"b", None).expect("write");
        assert_eq!(mode(&target), 0o640);
        assert_eq!(std::fs::read(&target).expect("read"), b"b");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_through_and_a_link_stays_a_link() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("temp");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).expect("read the pipe"))
        };
        write_atomic(&fifo, b"through", None).expect("write");
        assert_eq!(reader.join().expect("reader"), b"through");
        let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe");

        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        write_atomic(&link, b"new", None).expect("write");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp");
        let target = dir.path().join("out.txt");
        let mut f = AtomicFile::create(&target).expect("create");
        f.write_all(b"half").expect("write");
        drop(f);
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
