//! Many documents at once: expanding directories into article files, and the run summary.
//! (Shell support: this module reads directory listings but no file contents.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::detect::{Finding, Kind};

/// Build a matcher for file names from `--glob` patterns.
pub fn globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p)?);
    }
    b.build()
}

/// A directory entry a walk left out because it is not a regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    /// What it is: "a named pipe", "a socket", "a device", "a broken link"…
    pub kind: &'static str,
}

/// Files named on the command line stay as given (`-` too); directories are walked
/// recursively for regular files whose name matches `names`, in sorted order. Names that
/// are not UTF-8 are taken like any other. Anything else that matches (a named pipe, which
/// would block the run on open; a socket; a device) is listed in `skipped`. Symbolic links
/// to files are followed; links to directories are not, so a link loop cannot trap the walk.
/// Unreadable directories are reported in `errors` and skipped.
pub fn expand(
    paths: &[PathBuf],
    names: &GlobSet,
    errors: &mut Vec<(PathBuf, String)>,
    skipped: &mut Vec<Skipped>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p != Path::new("-") && p.is_dir() {
            let mut found = Vec::new();
            let mut odd = Vec::new();
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let entries = match std::fs::read_dir(&dir) {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push((dir.clone(), e.to_string()));
                        continue;
                    }
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    let Ok(t) = entry.file_type() else {
                        continue;
                    };
                    if t.is_dir() {
                        stack.push(path);
                        continue;
                    }
                    if !names.is_match(Path::new(&entry.file_name())) {
                        continue;
                    }
                    match not_regular(&path, t) {
                        None => found.push(path),
                        Some(kind) => odd.push(Skipped { path, kind }),
                    }
                }
            }
            found.sort();
            odd.sort_by(|a, b| a.path.cmp(&b.path));
            out.extend(found);
            skipped.extend(odd);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Why an entry is not a regular file to read, if it is not one (links followed).
fn not_regular(path: &Path, t: std::fs::FileType) -> Option<&'static str> {
    let t = if t.is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) => m.file_type(),
            Err(_) => return Some("a broken link"),
        }
    } else {
        t
    };
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a link to a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Totals over a run, for the summary printed on a terminal.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub documents: usize,
    pub with_findings: usize,
    pub by_kind: HashMap<Kind, usize>,
    pub spam_terms: HashMap<String, usize>,
    pub bytes: u64,
    /// The pages among the documents: infected by kind, doorways, gambling hosts.
    pub site: crate::pipeline::SiteSummary,
}

impl Summary {
    pub fn add(&mut self, text: &str, findings: &[Finding]) {
        self.documents += 1;
        self.bytes += text.len() as u64;
        if !findings.is_empty() {
            self.with_findings += 1;
        }
        for f in findings {
            *self.by_kind.entry(f.kind).or_default() += 1;
            if f.kind == Kind::Spam {
                *self
                    .spam_terms
                    .entry(text[f.range.clone()].trim().to_lowercase())
                    .or_default() += 1;
            }
        }
    }

    pub fn merge(&mut self, other: Summary) {
        self.documents += other.documents;
        self.with_findings += other.with_findings;
        self.bytes += other.bytes;
        self.site.merge(other.site);
        for (k, n) in other.by_kind {
            *self.by_kind.entry(k).or_default() += n;
        }
        for (t, n) in other.spam_terms {
            *self.spam_terms.entry(t).or_default() += n;
        }
    }

    pub fn render(&self) -> String {
        let mut kinds: Vec<_> = self.by_kind.iter().collect();
        kinds.sort();
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{} {n}", k.as_str()))
            .collect();
        let mut terms: Vec<_> = self.spam_terms.iter().collect();
        terms.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let terms: Vec<String> = terms
            .iter()
            .take(5)
            .map(|(t, n)| format!("'{}' {n}", crate::export::sanitize(t)))
            .collect();
        format!(
            "{} documents read, {} with findings; findings: {}; top spam terms: {}",
            self.documents,
            self.with_findings,
            if kinds.is_empty() {
                "none".into()
            } else {
                kinds.join(", ")
            },
            if terms.is_empty() {
                "none".into()
            } else {
                terms.join(", ")
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_in_order_without_following_link_loops() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("b/c")).expect("dirs");
        std::fs::write(dir.path().join("b/c/2.txt"), "x").expect("write");
        std::fs::write(dir.path().join("1.txt"), "x").expect("write");
        std::fs::write(dir.path().join("skip.md"), "x").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("b/loop")).expect("symlink");
        let mut errors = Vec::new();
        let files = expand(
            &[dir.path().to_owned()],
            &globs(&["*.txt".into()]).expect("glob"),
            &mut errors,
            &mut Vec::new(),
        );
        let names: Vec<String> = files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["1.txt", "b/c/2.txt"]);
        assert!(errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn walks_take_regular_files_of_any_name_and_list_the_rest() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temp");
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.path().join(latin1), "x").expect("write");
        std::fs::write(dir.path().join("real.txt"), "x").expect("write");
        std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).expect("link");
        std::os::unix::fs::symlink("gone.txt", dir.path().join("broken.txt")).expect("link");
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe.txt"))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let (mut errors, mut skipped) = (Vec::new(), Vec::new());
        let files = expand(
            &[dir.path().to_owned()],
            &globs(&["*.txt".into()]).expect("glob"),
            &mut errors,
            &mut skipped,
        );
        let names: Vec<&[u8]> = files
            .iter()
            .map(|p| p.file_name().expect("name").as_bytes())
            .collect();
        assert_eq!(names, [&b"caf\xe9.txt"[..], b"link.txt", b"real.txt"]);
        let odd: Vec<(String, &str)> = skipped
            .iter()
            .map(|s| {
                (
                    s.path
                        .file_name()
                        .expect("name")
                        .to_string_lossy()
                        .into_owned(),
                    s.kind,
                )
            })
            .collect();
        assert_eq!(
            odd,
            [
                ("broken.txt".to_owned(), "a broken link"),
                ("pipe.txt".to_owned(), "a named pipe")
            ]
        );
        assert!(errors.is_empty());
    }
}
