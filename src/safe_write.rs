//! Atomic file writes for the shells (CLI and TUI): a temporary file in the target's
//! directory, synced, then renamed over the target, so a crash never leaves half a file.
//!
//! - Temporary files are named `.NAME.redline-tmp-XXXXXX` next to the target; ones of ours
//!   for the same target left by a killed run (older than [`STALE_AFTER`]) are removed.
//!   Errors name the target, never the temporary file.
//! - An existing target keeps its owner, group and mode (set on the temporary file before
//!   the rename); when the owner cannot be kept, nothing is written.
//! - A target with other hard links is written through (the finished temporary file is
//!   copied over it, after any backup), so every link sees the new text.
//! - Backups ([`backup`], [`Backup`]) are written the same way from the bytes that were read,
//!   and never replace a different backup: `NAME.bak`, else `NAME.bak.1`, `NAME.bak.2`…

use std::ffi::OsString;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Temporary files of ours older than this are left over from a killed run.
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

const TEMP_MARK: &str = ".redline-tmp-";

/// Write `bytes` to `target` atomically. With `keep_permissions_of`, the new file gets that
/// file's owner, group and mode (for in-place writes); otherwise an existing target keeps
/// its own.
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
        // A new file gets the usual mode (0666 less the umask), not the 0600 of a temp file;
        // an existing target's own mode is set again on commit.
        let tmp = temp_for(&target, 0o666)?;
        Ok(AtomicFile {
            target,
            sink: Sink::Temp(std::io::BufWriter::new(tmp)),
        })
    }

    pub fn commit(self, keep_permissions_of: Option<&Path>) -> std::io::Result<()> {
        let tmp = match self.sink {
            Sink::Through(mut w) => return w.flush(),
            Sink::Temp(w) => w.into_inner().map_err(|e| plain(e.into_error()))?,
        };
        tmp.as_file().sync_all().map_err(plain)?;
        if has_other_links(&self.target) {
            return write_through(tmp, &self.target);
        }
        let existing = std::fs::metadata(keep_permissions_of.unwrap_or(&self.target))
            .ok()
            .filter(std::fs::Metadata::is_file);
        if let Some(meta) = &existing {
            keep_owner_and_mode(tmp.as_file(), meta)?;
            tmp.as_file().sync_all().map_err(plain)?;
        }
        tmp.persist(&self.target).map_err(|e| plain(e.error))?;
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

/// Keep a copy of `bytes`, the content of `original` as it was read, next to it. Returns
/// the backup's path. See [`Backup`].
pub fn backup(original: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut b = Backup::create(original)?;
    b.write_all(bytes)?;
    b.finish()
}

/// A backup written as a stream (the bytes of the input as they are read) that appears only
/// on [`Backup::finish`], as `NAME.bak`, or, when that exists with other content,
/// `NAME.bak.1`, `NAME.bak.2`… An existing backup with the same content is kept as it is.
/// Backups are never overwritten.
pub struct Backup {
    original: PathBuf,
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl Backup {
    pub fn create(original: &Path) -> std::io::Result<Self> {
        let tmp = temp_for(&numbered(original, 0), 0o600)?;
        Ok(Backup {
            original: original.to_owned(),
            tmp: std::io::BufWriter::new(tmp),
        })
    }

    pub fn finish(self) -> std::io::Result<PathBuf> {
        let mut tmp = self.tmp.into_inner().map_err(|e| plain(e.into_error()))?;
        if let Ok(meta) = std::fs::metadata(&self.original) {
            // The copy is as private as the original, and has its owner where that is allowed.
            let _ = keep_owner_and_mode(tmp.as_file(), &meta);
            set_mode(tmp.as_file(), &meta)?;
        }
        tmp.as_file().sync_all().map_err(plain)?;
        for n in 0..10_000 {
            let name = numbered(&self.original, n);
            match std::fs::symlink_metadata(&name) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match tmp.persist_noclobber(&name) {
                        Ok(_) => return Ok(name),
                        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                            tmp = e.file;
                        }
                        Err(e) => return Err(plain(e.error)),
                    }
                }
                Err(e) => return Err(plain(e)),
                Ok(m) if m.is_file() && same_content(tmp.as_file_mut(), &name)? => {
                    return Ok(name);
                }
                Ok(_) => {}
            }
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "too many backups already",
        ))
    }
}

impl Write for Backup {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// `NAME.bak` for 0, `NAME.bak.N` after.
fn numbered(original: &Path, n: usize) -> PathBuf {
    let mut name = original.as_os_str().to_owned();
    name.push(".bak");
    if n > 0 {
        name.push(format!(".{n}"));
    }
    PathBuf::from(name)
}

/// A new temporary file `.NAME.redline-tmp-XXXXXX` beside `target`, after removing stale
/// ones of ours for the same name.
fn temp_for(target: &Path, mode: u32) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or_else(|| "out".as_ref()));
    prefix.push(TEMP_MARK);
    remove_stale(&dir, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(&dir).map_err(plain)
}

/// Remove our temporary files for one target name that a killed run left behind.
fn remove_stale(dir: &Path, prefix: &std::ffi::OsStr) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = prefix.as_encoded_bytes();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let rest = name.as_encoded_bytes().strip_prefix(prefix);
        // Exactly our pattern: the prefix and six random characters.
        if rest.is_none_or(|r| r.len() != 6 || !r.iter().all(u8::is_ascii_alphanumeric)) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok()?.elapsed().ok());
        if old.is_some_and(|age| age > STALE_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An I/O error without the path of a temporary file in its message: the shells name the
/// target, and a random path means nothing to the user.
fn plain(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() || e.get_ref().is_none() {
        return e;
    }
    // tempfile wraps the OS error as "{error} at path {temp path:?}".
    let msg = e.to_string();
    let reason = msg.split_once(" at path ").map_or(msg.as_str(), |(r, _)| r);
    std::io::Error::new(e.kind(), reason.to_owned())
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mine = file.metadata()?;
    if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid()) {
        std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "cannot keep its owner and group ({}:{}): {e}; nothing was written",
                    meta.uid(),
                    meta.gid()
                ),
            )
        })?;
    }
    // After chown, which clears set-id bits.
    set_mode(file, meta)
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    set_mode(file, meta)
}

fn set_mode(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(meta.permissions()).map_err(plain)
}

#[cfg(unix)]
fn has_other_links(target: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(target).is_ok_and(|m| m.is_file() && m.nlink() > 1)
}

#[cfg(not(unix))]
fn has_other_links(_: &Path) -> bool {
    false
}

/// Copy the finished temporary file over a hard-linked target in place, so the links stay.
fn write_through(tmp: tempfile::NamedTempFile, target: &Path) -> std::io::Result<()> {
    let mut src = tmp.reopen().map_err(plain)?;
    src.rewind()?;
    let mut dst = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(target)?;
    std::io::copy(&mut src, &mut dst)?;
    dst.sync_all()?;
    drop(tmp);
    Ok(())
}

fn same_content(tmp: &mut std::fs::File, other: &Path) -> std::io::Result<bool> {
    let mut other = match std::fs::File::open(other) {
        Ok(f) => f,
        Err(_) => return Ok(false),
    };
    if tmp.metadata()?.len() != other.metadata()?.len() {
        return Ok(false);
    }
    tmp.rewind()?;
    let (mut a, mut b) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = read_full(tmp, &mut a)?;
        let m = read_full(&mut other, &mut b)?;
        if a[..n] != b[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
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

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn temp_files_are_recognisable_and_stale_ones_of_ours_are_removed() {
        let dir = tempfile::tempdir().expect("temp");
        let target = dir.path().join("out.txt");
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        let stale = dir.path().join(".out.txt.redline-tmp-a1B2c3");
        let fresh = dir.path().join(".out.txt.redline-tmp-z9Y8x7");
        let other = dir.path().join(".other.txt.redline-tmp-a1B2c3");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "left by a killed run").expect("write");
        }
        for p in [&stale, &other] {
            let f = std::fs::File::options().write(true).open(p).expect("open");
            f.set_modified(hour_ago).expect("age it");
        }
        let f = AtomicFile::create(&target).expect("create");
        let names = names_in(dir.path());
        assert!(
            !names.contains(&".out.txt.redline-tmp-a1B2c3".to_owned()),
            "{names:?}"
        );
        assert!(
            names.contains(&".out.txt.redline-tmp-z9Y8x7".to_owned()),
            "a fresh one may be another run's"
        );
        assert!(
            names.contains(&".other.txt.redline-tmp-a1B2c3".to_owned()),
            "another target's is left alone"
        );
        let ours: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.starts_with(".out.txt.redline-tmp-")
                    && n.as_str() != ".out.txt.redline-tmp-z9Y8x7"
            })
            .collect();
        assert_eq!(ours.len(), 1, "{names:?}");
        f.commit(None).expect("commit");
        assert!(target.exists());
    }

    #[test]
    fn errors_never_name_the_temporary_file() {
        let dir = tempfile::tempdir().expect("temp");
        let target = dir.path().join("missing-dir").join("out.txt");
        let e = write_atomic(&target, b"x", None).expect_err("no such directory");
        let msg = e.to_string();
        assert!(
            !msg.contains("redline-tmp") && !msg.contains(".tmp"),
            "{msg}"
        );
        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_owner_group_and_any_mode() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("temp");
        let target = dir.path().join("theirs.txt");
        std::fs::write(&target, "old").expect("write");
        // Wider than the umask would give a new file.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o664)).expect("chmod");
        let root = std::fs::metadata(&target).expect("meta").uid() == 0;
        if root {
            std::os::unix::fs::chown(&target, Some(65534), Some(65534)).expect("chown");
        }
        let before = std::fs::metadata(&target).expect("meta");
        write_atomic(&target, b"new", Some(&target)).expect("write");
        let after = std::fs::metadata(&target).expect("meta");
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        assert_eq!(after.permissions().mode() & 0o7777, 0o664);
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        if !root {
            eprintln!(
                "not root: owner kept only as the same user (chown to another user needs root)"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_is_written_through_so_every_link_sees_it() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp");
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "old text").expect("write");
        std::fs::hard_link(&a, &b).expect("link");
        write_atomic(&a, b"new", Some(&a)).expect("write");
        assert_eq!(std::fs::read(&b).expect("read"), b"new");
        assert_eq!(std::fs::read(&a).expect("read"), b"new");
        assert_eq!(std::fs::metadata(&a).expect("meta").nlink(), 2);
        assert_eq!(
            names_in(dir.path()),
            ["a.txt", "b.txt"],
            "no temporary file left"
        );
    }

    #[test]
    fn backups_never_overwrite_a_different_backup() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "current").expect("write");
        assert_eq!(
            backup(&p, b"first").expect("backup"),
            dir.path().join("a.txt.bak")
        );
        assert_eq!(
            backup(&p, b"second").expect("backup"),
            dir.path().join("a.txt.bak.1")
        );
        // The same content again: the existing copy is enough.
        assert_eq!(
            backup(&p, b"first").expect("backup"),
            dir.path().join("a.txt.bak")
        );
        assert_eq!(
            backup(&p, b"third").expect("backup"),
            dir.path().join("a.txt.bak.2")
        );
        assert_eq!(
            std::fs::read(dir.path().join("a.txt.bak")).expect("read"),
            b"first"
        );
        assert_eq!(
            std::fs::read(dir.path().join("a.txt.bak.1")).expect("read"),
            b"second"
        );
        assert_eq!(
            names_in(dir.path()),
            ["a.txt", "a.txt.bak", "a.txt.bak.1", "a.txt.bak.2"]
        );
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
