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

/// The worst case for planted-term search: one document made of the same article's
/// paragraphs over and over, reshuffled, with brands planted at every kind of site, so that
/// every candidate recurs thousands of times (issue 8, item 9).
#[allow(dead_code)]
pub fn repetitive(size: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean/th");
    let article = std::fs::read_to_string(dir.join("a01.txt")).expect("article");
    let paragraphs: Vec<&str> = article
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let brands = ["rambutanbet77", "mangoslot99", "zorkamee365", "บาคาร่า"];
    let mut out = String::with_capacity(size + 8192);
    out.push_str(paragraphs[0]);
    out.push_str("\n\n");
    let mut i = 0usize;
    while out.len() < size {
        // A cheap permutation of the body paragraphs, different on every round.
        let p = paragraphs[1 + (i * 7 + i / 5) % (paragraphs.len() - 1)];
        let brand = brands[i % brands.len()];
        match i % 4 {
            0 => {
                out.push_str(p);
                out.push_str(brand);
            }
            1 => {
                out.push_str(brand);
                out.push_str(p);
            }
            2 => match p.find(' ') {
                Some(at) => {
                    out.push_str(&p[..at]);
                    out.push_str(brand);
                    out.push_str(&p[at..]);
                }
                None => out.push_str(p),
            },
            _ => out.push_str(p),
        }
        out.push_str("\n\n");
        i += 1;
    }
    out
}
