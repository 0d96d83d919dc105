//! Spam precision on real Thai government news (`../shared/corpus/thaigov-dev.jsonl`, read at
//! run time, never copied): no article gets a spam finding, `terms` lists nothing on the
//! clean corpus, and an invented brand planted across a sample of the same articles is
//! found in each of them and ranks first. Only the tuning part of the corpus (its first 2000
//! lines) is read. Fails under CI=true when the corpus is missing; skips otherwise.
//! `REDLINE_SHARED` points at another `shared` directory.

use std::path::PathBuf;

use redline::terms::{MineOptions, mine};
use redline::{DEFAULT_MIN_CONFIDENCE, Document, Lexicon, ScanOptions, scan};

/// Lines of the corpus used for tuning; the rest is held out.
const TUNE_LINES: usize = 2000;

/// The canonical articles (title and body), as the precision tool cuts them.
fn corpus() -> Option<Vec<String>> {
    raw_corpus().map(|raw| raw.iter().filter_map(|t| canonical(t)).collect())
}

/// The articles as scraped, as `redline terms --jsonl` reads them.
fn raw_corpus() -> Option<Vec<String>> {
    let shared = std::env::var_os("REDLINE_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let path = shared.join("corpus/thaigov-dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            path.display()
        );
        eprintln!("{} not found; skipping", path.display());
        return None;
    };
    Some(
        text.lines()
            .take(TUNE_LINES)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_owned))
            .collect(),
    )
}

/// Title and body paragraphs of a raw article: the site prefix, date lines, the print
/// button, the title's repeats and the source trailer are dropped.
fn canonical(raw: &str) -> Option<String> {
    const PREFIX: &str = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-";
    let raw = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut lines = raw.lines().map(str::trim);
    let title = lines.next()?.strip_prefix(PREFIX)?.trim().to_owned();
    let squash = |s: &str| s.replace(' ', "");
    let mut body: Vec<&str> = Vec::new();
    for l in lines {
        if l.is_empty() || l == "พิมพ์" || l.starts_with("วัน") && l.contains("ที่ ")
        {
            continue;
        }
        if l.starts_with("ที่มา") {
            break;
        }
        if body.is_empty() && squash(l) == squash(&title) {
            continue;
        }
        body.push(l);
    }
    (body.len() >= 2).then(|| format!("{title}\n\n{}\n", body.join("\n\n")))
}

/// Every `step`-th article: debug builds are slow.
fn sample(all: &[String], step: usize) -> Vec<&str> {
    all.iter().step_by(step).map(String::as_str).collect()
}

const STEP: usize = if cfg!(debug_assertions) { 8 } else { 1 };

#[test]
fn real_news_gets_no_spam_findings() {
    let Some(all) = corpus() else { return };
    let opts = ScanOptions::default();
    let mut flagged = Vec::new();
    for text in sample(&all, STEP) {
        let doc = Document::new(text);
        for f in scan(&doc, &opts) {
            if f.kind == redline::Kind::Spam && f.confidence >= DEFAULT_MIN_CONFIDENCE {
                flagged.push(doc.text[f.range].to_owned());
            }
        }
    }
    assert!(
        flagged.is_empty(),
        "spam findings on real news: {flagged:?}"
    );
}

#[test]
fn terms_lists_nothing_on_real_news_and_a_planted_brand_first() {
    let Some(all) = raw_corpus() else { return };
    let lex = Lexicon::builtin();
    let opts = MineOptions::default();
    let clean = sample(&all, STEP);
    let found = mine(clean.iter().copied(), &lex, &opts);
    assert!(
        found.is_empty(),
        "candidates on clean news: {:?}",
        found.iter().map(|c| &c.term).collect::<Vec<_>>()
    );

    // An invented brand (on no list, with no stem of ours), planted the way injectors do: in
    // front of the title in some articles, at the end of a paragraph in others.
    let brand = "zorkameeq77";
    let mut damaged: Vec<String> = Vec::new();
    for (i, text) in clean.iter().enumerate() {
        damaged.push(match i % 10 {
            0 => format!("{brand}{}", text.trim_start_matches('\u{feff}')),
            // Glued onto the end of the first body line that ends in a Thai letter: the end
            // of a paragraph.
            5 => match text.match_indices('\n').find(|&(i, _)| {
                text[..i].lines().count() >= 2
                    && text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c))
            }) {
                Some((i, _)) => format!("{}{brand}{}", &text[..i], &text[i..]),
                None => (*text).to_owned(),
            },
            _ => (*text).to_owned(),
        });
    }
    let found = mine(damaged.iter().map(String::as_str), &lex, &opts);
    assert_eq!(
        found.first().map(|c| c.key.as_str()),
        Some(brand),
        "{:?}",
        found.iter().map(|c| &c.term).collect::<Vec<_>>()
    );

    // scan finds it in every article it was planted in, and nothing else.
    let scan_opts = ScanOptions::default();
    for (i, text) in damaged.iter().enumerate() {
        let doc = Document::new(text.as_str());
        // (An article with no line ending in a Thai letter got no brand.)
        let spam: Vec<String> = scan(&doc, &scan_opts)
            .into_iter()
            .filter(|f| f.kind == redline::Kind::Spam && f.confidence >= DEFAULT_MIN_CONFIDENCE)
            .map(|f| doc.text[f.range].to_owned())
            .collect();
        if damaged[i] != clean[i] {
            assert!(
                spam.len() == 1 && spam[0].trim() == brand,
                "article {i}: {spam:?}"
            );
        } else {
            assert!(spam.is_empty(), "article {i}: {spam:?}");
        }
    }
}
