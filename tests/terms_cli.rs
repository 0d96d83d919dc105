//! `redline terms` on a corpus with invented spam brands planted in it: the brands, in no
//! list, come out on top, from files and from JSON Lines alike.

mod common;

use common::{clean_articles, redline};

use serde_json::Value;

/// Two invented brands, each planted in front of the title and after the last sentence
/// of eight different articles; the rest stay clean.
fn planted_corpus() -> (Vec<String>, [&'static str; 2]) {
    let brands = ["ทองคำเบท", "qomtabet77"];
    let docs = clean_articles()
        .iter()
        .enumerate()
        .map(|(i, a)| match i % 3 {
            0 => format!("{}{}{}\n", brands[0], a.trim_end(), brands[0]),
            1 => format!("{}{}{}\n", brands[1], a.trim_end(), brands[1]),
            _ => a.clone(),
        })
        .collect();
    (docs, brands)
}

fn top_terms(out: &[u8]) -> Vec<String> {
    String::from_utf8(out.to_vec())
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json line");
            v["term"].as_str().expect("term").to_owned()
        })
        .collect()
}

#[test]
fn planted_brands_rank_first_from_files_and_from_json_lines() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("dir");
    let (docs, brands) = planted_corpus();
    for (i, d) in docs.iter().enumerate() {
        std::fs::write(corpus.join(format!("{i:02}.txt")), d).expect("write");
    }
    let out = redline(dir.path())
        .args(["terms", "--format", "json", "--top", "5"])
        .arg(&corpus)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let terms = top_terms(&out);
    let mut top2 = terms[..2.min(terms.len())].to_vec();
    top2.sort();
    let mut want: Vec<String> = brands.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(top2, want, "{terms:?}");
    let first: Value = serde_json::from_str(
        std::str::from_utf8(&out)
            .expect("utf-8")
            .lines()
            .next()
            .expect("line"),
    )
    .expect("json");
    let planted_in = docs
        .iter()
        .filter(|d| d.contains(first["term"].as_str().unwrap_or("?")))
        .count();
    assert_eq!(first["documents"].as_u64(), Some(planted_in as u64));
    assert!(
        first["samples"][0]["context"]
            .as_str()
            .is_some_and(|c| c.contains('«'))
    );

    let jsonl: String = docs
        .iter()
        .enumerate()
        .map(|(i, d)| serde_json::json!({"id": i, "body": d}).to_string() + "\n")
        .collect();
    let out = redline(dir.path())
        .args([
            "terms", "--jsonl", "-", "--field", "body", "--format", "json", "--top", "5",
        ])
        .write_stdin(jsonl)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        top_terms(&out)[..2],
        terms[..2],
        "same ranking from a corpus file"
    );

    let text = redline(dir.path())
        .args(["terms", "--top", "2"])
        .arg(&corpus)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).expect("utf-8");
    assert!(text.starts_with("rank  score  docs"), "{text}");
    assert!(
        text.contains(&format!("«{}»", terms[0])),
        "samples shown: {text}"
    );
}

#[test]
fn a_listed_term_is_only_shown_when_asked() {
    let dir = tempfile::tempdir().expect("temp");
    let jsonl: String = clean_articles()
        .iter()
        .map(|a| serde_json::json!({"text": format!("ufabet{}", a)}).to_string() + "\n")
        .collect();
    let hidden = redline(dir.path())
        .args(["terms", "--jsonl", "-", "--format", "json"])
        .write_stdin(jsonl.clone())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(
        !top_terms(&hidden)
            .iter()
            .any(|t| t.eq_ignore_ascii_case("ufabet"))
    );
    let shown = redline(dir.path())
        .args([
            "terms",
            "--jsonl",
            "-",
            "--format",
            "json",
            "--include-known",
        ])
        .write_stdin(jsonl)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        top_terms(&shown).first().map(|t| t.to_lowercase()),
        Some("ufabet".into())
    );
}
