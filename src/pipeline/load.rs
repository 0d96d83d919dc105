//! Reading a document: never more than the `--max-bytes` limit, and a hash of the bytes read
//! so that a write can tell whether the source changed since.

use std::io::Read;
use std::path::Path;

use crate::document::{Decoded, decode};

use super::Error;

/// A document as read: the decoded text and a hash of the bytes it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub decoded: Decoded,
    pub hash: String,
}

/// The bytes of `path` (`-`: standard input), refusing anything over `max` bytes before
/// reading it when the size is known, and after `max + 1` bytes otherwise.
pub fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>, Error> {
    let too_big = |n: u64| Error::TooBig {
        size: n,
        max: max as u64,
    };
    let mut buf = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(Error::Read)?;
    } else {
        let meta = std::fs::metadata(path).map_err(Error::Read)?;
        if meta.is_dir() {
            return Err(Error::IsDirectory);
        }
        if meta.len() > max as u64 {
            return Err(too_big(meta.len()));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(max as u64 + 1).read_to_end(&mut buf))
            .map_err(Error::Read)?;
    }
    if buf.len() > max {
        return Err(too_big(buf.len() as u64));
    }
    Ok(buf)
}

/// Read and decode one document.
pub fn load(path: &Path, max: usize) -> Result<Loaded, Error> {
    let bytes = read_limited(path, max)?;
    Ok(Loaded {
        hash: content_hash(&bytes),
        decoded: decode(&bytes)?,
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a, 64 bits: a stable content hash (std's hasher may change between releases).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv(FNV_OFFSET, bytes))
}

/// [`content_hash`] of a whole file, read as a stream (a corpus can be large).
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = FNV_OFFSET;
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(format!("{h:016x}"));
        }
        h = fnv(h, &buf[..n]);
    }
}

/// Refuse with [`Error::Changed`] unless `path` still holds the bytes hashed as `expected`.
pub fn check_unchanged(path: &Path, expected: &str) -> Result<(), Error> {
    match hash_file(path) {
        Ok(h) if h == expected => Ok(()),
        Ok(_) => Err(Error::Changed(path.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Changed(path.to_owned())),
        Err(e) => Err(Error::Read(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_hash_is_the_content_hash() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("a.txt");
        let bytes = "ข่าว\n".repeat(30_000);
        std::fs::write(&p, &bytes).expect("write");
        let h = hash_file(&p).expect("hash");
        assert_eq!(h, content_hash(bytes.as_bytes()));
        assert!(check_unchanged(&p, &h).is_ok());
        std::fs::write(&p, "other").expect("write");
        assert!(matches!(check_unchanged(&p, &h), Err(Error::Changed(_))));
    }

    #[test]
    fn more_than_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "x".repeat(2000)).expect("write");
        assert!(matches!(
            read_limited(&p, 1024),
            Err(Error::TooBig { size: 2000, .. })
        ));
        assert_eq!(read_limited(&p, 2000).expect("read").len(), 2000);
    }
}
