//! Throughput of `scan` on Thai news text (our own corpus, repeated to size), and of `fix`.
//! Run with `cargo bench`; divan prints the time per call and the throughput in bytes/s.

use std::path::Path;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use redline::review::fix_text;
use redline::{DEFAULT_MIN_CONFIDENCE, Document, ScanOptions, scan};

fn main() {
    divan::main();
}

/// Thai articles from the corpus, concatenated until the text reaches `size` bytes, with a
/// few planted terms and duplicates so the detectors have work to do.
fn thai_news(size: usize) -> String {
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

#[divan::bench(args = [100_000, 1_000_000, 10_000_000], sample_count = 10)]
fn scan_thai(bencher: Bencher, size: usize) {
    let text = thai_news(size);
    let opts = ScanOptions::default();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let doc = Document::new(black_box(text.as_str()));
        scan(&doc, &opts)
    });
}

#[divan::bench(sample_count = 10)]
fn fix_thai_1mb(bencher: Bencher) {
    let text = thai_news(1_000_000);
    let doc = Document::new(text.as_str());
    let findings = scan(&doc, &ScanOptions::default());
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| fix_text(black_box(&doc.text), &findings, DEFAULT_MIN_CONFIDENCE));
}
