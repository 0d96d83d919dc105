//! "Never overwrite the input", in one place: every output of a run is checked against every
//! input before anything is written, by file identity, so no path spelling, symbolic link or
//! hard link gets around it.

use std::path::{Path, PathBuf};

/// An output that is one of the inputs.
#[derive(Debug, thiserror::Error)]
#[error("{} is the input itself{}; choose another output", .output.display(), alias(.output, .input))]
pub struct Overwrite {
    pub output: PathBuf,
    pub input: PathBuf,
}

fn alias(output: &Path, input: &Path) -> String {
    if output == input {
        String::new()
    } else {
        format!(" ({})", input.display())
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Whether two paths name the same file: the same device and inode (links followed), or the
/// same canonical path where the platform has no inodes.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((key(a), key(b)), (Some(x), Some(y)) if x == y)
}

/// What identifies a file: device and inode (links followed), or the canonical path where
/// the platform has no inodes. `None` for a path that does not exist.
#[derive(PartialEq, Eq, Hash)]
pub(crate) enum FileKey {
    Inode(u64, u64),
    Path(PathBuf),
}

fn key(p: &Path) -> Option<FileKey> {
    if let Some((dev, ino)) = std::fs::metadata(p).ok().as_ref().and_then(identity) {
        return Some(FileKey::Inode(dev, ino));
    }
    p.canonicalize().ok().map(FileKey::Path)
}

/// The inputs of a run, looked up once, to check outputs against as they come.
pub struct Inputs<'a>(std::collections::HashMap<FileKey, &'a Path>);

impl<'a> Inputs<'a> {
    /// Standard input (`-`) and paths that do not exist are left out.
    pub fn new(inputs: impl IntoIterator<Item = &'a Path>) -> Self {
        Inputs(
            inputs
                .into_iter()
                .filter(|p| *p != Path::new("-"))
                .filter_map(|p| key(p).map(|k| (k, p)))
                .collect(),
        )
    }

    /// Refuse if any output is one of the inputs; standard output (`-`) and outputs that do
    /// not exist yet never are.
    pub fn refuse<'b>(&self, outputs: impl IntoIterator<Item = &'b Path>) -> Result<(), Overwrite> {
        for output in outputs.into_iter().filter(|p| *p != Path::new("-")) {
            if let Some(input) = key(output).and_then(|k| self.0.get(&k)) {
                return Err(Overwrite {
                    output: output.to_owned(),
                    input: input.to_path_buf(),
                });
            }
        }
        Ok(())
    }
}

/// Refuse the run if any output is an input. One lookup per path, so a run over many files
/// stays linear. Call it before writing anything.
pub fn refuse_overwrite<'a>(
    inputs: impl IntoIterator<Item = &'a Path>,
    outputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), Overwrite> {
    Inputs::new(inputs).refuse(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_and_link_of_an_input_is_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let input = dir.path().join("a.txt");
        std::fs::write(&input, "x").expect("write");
        std::fs::create_dir(dir.path().join("sub")).expect("dir");
        let dotted = dir.path().join("sub/../a.txt");
        let hard = dir.path().join("hard.txt");
        std::fs::hard_link(&input, &hard).expect("hard link");
        let mut outputs = vec![input.clone(), dotted, hard];
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.txt");
            std::os::unix::fs::symlink(&input, &soft).expect("symlink");
            outputs.push(soft);
        }
        for out in &outputs {
            let e = refuse_overwrite([input.as_path()], [out.as_path()]);
            assert!(e.is_err(), "{} got through", out.display());
        }
        let fresh = dir.path().join("new.txt");
        let other = dir.path().join("b.txt");
        std::fs::write(&other, "x").expect("write");
        assert!(
            refuse_overwrite(
                [input.as_path(), Path::new("-")],
                [fresh.as_path(), other.as_path(), Path::new("-")]
            )
            .is_ok()
        );
    }
}
