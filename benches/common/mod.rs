//! Benchmark input: our Thai corpus repeated to size, with planted terms and repeated titles
//! so the detectors have work to do.

use std::path::Path;

pub fn thai_news(size: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean/th");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let articles: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("article"))
        .collect();
    let mut out = String::with_capacity(size + 8192);
    let mut i = 0;
    while out.len() < size {
        let a = &articles[i % articles.len()];
        if i % 5 == 0 {
            out.push_str("บาคาร่า");
        }
        out.push_str(a);
        if i % 7 == 0 {
            out.push_str(a.lines().next().unwrap_or_default());
            out.push('\n');
        }
        out.push('\n');
        i += 1;
    }
    out
}

/// Separate articles, damaged like [`thai_news`], about `total` bytes in all.
#[allow(dead_code)]
pub fn thai_articles(total: usize) -> Vec<String> {
    let one = thai_news(200_000);
    let parts: Vec<&str> = one
        .split("\n\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut out = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < total && !parts.is_empty() {
        let p = parts[i % parts.len()].to_owned();
        size += p.len();
        out.push(p);
        i += 1;
    }
    out
}
