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

/// Files named on the command line stay as given (`-` too); directories are walked
/// recursively for files whose name matches `names`, in sorted order. Symbolic links to
/// directories are not followed, so a link loop cannot trap the walk. Unreadable
/// directories are reported in `errors` and skipped.
pub fn expand(
    paths: &[PathBuf],
    names: &GlobSet,
    errors: &mut Vec<(PathBuf, String)>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p != Path::new("-") && p.is_dir() {
            let mut found = Vec::new();
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
                    match entry.file_type() {
                        Ok(t) if t.is_dir() => stack.push(path),
                        Ok(_)
                            if entry
                                .file_name()
                                .to_str()
                                .is_some_and(|n| names.is_match(n)) =>
                        {
                            found.push(path)
                        }
                        _ => {}
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Totals over a run, for the summary printed on a terminal.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub documents: usize,
    pub with_findings: usize,
    pub by_kind: HashMap<Kind, usize>,
    pub spam_terms: HashMap<String, usize>,
    pub bytes: u64,
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
}
