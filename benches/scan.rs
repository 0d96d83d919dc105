//! Throughput of `scan` on Thai news text (our own corpus, repeated to size), and of `fix`.
//! Run with `cargo bench`; divan prints the time per call and the throughput in bytes/s.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use redline::review::fix_text;
use redline::{DEFAULT_MIN_CONFIDENCE, Document, ScanOptions, scan};

mod common;

use common::thai_news;

fn main() {
    divan::main();
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

/// One document of reshuffled copies of an article with brands planted at every site: the
/// input that made planted-term search quadratic (3.3 s at 8 MB before issue 9).
#[divan::bench(args = [1_000_000, 8_000_000], sample_count = 5)]
fn scan_repetitive(bencher: Bencher, size: usize) {
    let text = common::repetitive(size);
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

/// A corpus of article-sized documents (about 10 MB in all) scanned on a pool of 1 and of 2
/// threads, as `scan` and `fix` do over directories and JSON Lines: the scaling figure.
#[divan::bench(args = [1, 2], sample_count = 5)]
fn corpus_threads(bencher: Bencher, threads: usize) {
    use rayon::prelude::*;
    let docs = common::thai_articles(10_000_000);
    let bytes: usize = docs.iter().map(String::len).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let opts = ScanOptions::default();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        pool.install(|| {
            docs.par_iter()
                .map(|d| scan(&Document::new(d.as_str()), &opts).len())
                .sum::<usize>()
        })
    });
}
