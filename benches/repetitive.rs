//! `scan` on repetitive text, where a careless duplicate detector turns quadratic: table rows
//! of the same cells, a soup of the same few clauses, a word glued to itself, quoted chants.
//! Each input comes at 1 MB and 4 MB; linear time shows as the same bytes/s for both.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use redline::{Document, ScanOptions, scan};

fn main() {
    divan::main();
}

/// `size` bytes of paragraphs made of `unit` repeated `per_paragraph` times.
fn repeated(unit: &str, per_paragraph: usize, size: usize) -> String {
    let paragraph = format!("{}\n\n", unit.repeat(per_paragraph));
    let mut out = String::from("หัวข้อข่าว\n\n");
    while out.len() < size {
        out.push_str(&paragraph);
    }
    out
}

/// A few clauses in a fixed pseudo-random order, spaces between them.
fn clause_soup(size: usize) -> String {
    let clauses = ["การศึกษา", "ทุกคน", "มีสิทธิใน", "จะต้อง", "ของรัฐมนตรี"];
    let mut out = String::from("หัวข้อข่าว\n\n");
    let mut x: u64 = 7;
    let mut n = 0;
    while out.len() < size {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(clauses[(x >> 33) as usize % clauses.len()]);
        n += 1;
        out.push_str(if n % 200 == 0 { "\n\n" } else { " " });
    }
    out
}

fn input(kind: &str, size: usize) -> String {
    match kind {
        "table" => repeated("ภาคตะวันออก\u{a0}\u{a0} \u{a0}", 50, size),
        "clauses" => clause_soup(size),
        "glued" => repeated("ไทยแลนด์", 2000, size),
        "chant" => repeated("“ไม่เร่งรีบ ไม่เร่งรีบ” ", 30, size),
        _ => repeated("the new budget", 500, size),
    }
}

#[divan::bench(
    consts = [1_000_000, 4_000_000],
    args = ["table", "clauses", "glued", "chant", "latin"],
    sample_count = 5
)]
fn scan_repetitive<const SIZE: usize>(bencher: Bencher, kind: &str) {
    let text = input(kind, SIZE);
    let opts = ScanOptions::default();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let doc = Document::new(black_box(text.as_str()));
        scan(&doc, &opts)
    });
}
