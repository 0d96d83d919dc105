//! Term mining on a generated corpus: the team's clean articles, copied several times, with
//! invented spam terms (in no list) planted at injection sites in some of the copies. The
//! invented terms must come out on top, with the right document counts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use redline::Lexicon;
use redline::document::Document;
use redline::eval::{Rng, invented_term, invented_thai_term};
use redline::lexicon::TermClass;
use redline::normalize::fold;
use redline::terms::{Candidate, DEFAULT_MIN_SCORE, MineOptions, Site, TermMiner, extract, mine};

fn clean_articles() -> Vec<(bool, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean");
    let mut out = Vec::new();
    for (dir, thai) in [("th", true), ("en", false)] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("corpus dir")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for f in files {
            out.push((thai, std::fs::read_to_string(f).expect("article")));
        }
    }
    out
}

/// Invented terms: in no list, not in any clean article, no one part of another.
fn invented(rng: &mut Rng, lex: &Lexicon, clean: &[(bool, String)], thai: bool) -> String {
    loop {
        let t = if thai {
            invented_thai_term(rng)
        } else {
            invented_term(rng, false)
        };
        let key = fold(&t);
        let listed = lex
            .find(&key)
            .iter()
            .any(|m| m.start == 0 && m.end == key.len() || m.class == TermClass::Allow);
        if !listed && !clean.iter().any(|(_, a)| a.contains(&t)) {
            return t;
        }
    }
}

/// Spaces between two word characters inside body paragraphs.
fn inner_spaces(doc: &Document) -> Vec<usize> {
    let t = &doc.text;
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (1..doc.paragraphs.len())
        .flat_map(|p| {
            let c = doc.content(p);
            t[c.clone()]
                .char_indices()
                .filter(|&(_, ch)| ch == ' ')
                .map(move |(i, _)| c.start + i)
                .collect::<Vec<_>>()
        })
        .filter(|&i| word(t[..i].chars().next_back()) && word(t[i + 1..].chars().next()))
        .collect()
}

/// Plant `term` at two or three injection sites of `clean`.
fn plant(rng: &mut Rng, clean: &str, thai: bool, term: &str) -> String {
    let doc = Document::new(clean);
    let t = &doc.text;
    let title = doc.title.clone().expect("title");
    let last = doc.content(doc.paragraphs.len() - 1);
    let mut ins: Vec<(usize, String)> = Vec::new();
    let spaced = !thai || term.is_ascii();
    let mut sites = [0, 1, 2, 3];
    for i in (1..sites.len()).rev() {
        sites.swap(i, rng.below(i + 1));
    }
    for &site in &sites[..2 + rng.below(2)] {
        match site {
            0 => ins.push((
                title.start,
                if spaced {
                    format!("{term} ")
                } else {
                    term.to_owned()
                },
            )),
            // English never glues words: there the term goes after a sentence instead.
            // Not after a number: "14ramyai940" is ambiguous even to a reader (the number
            // may be the brand's), and the miner counts it under another key.
            1 if thai => {
                let spaces: Vec<usize> = inner_spaces(&doc)
                    .into_iter()
                    .filter(|&i| !t[..i].ends_with(|c: char| c.is_ascii_digit()))
                    .collect();
                ins.push((*rng.pick(&spaces), term.to_owned()));
            }
            2 | 1 => ins.push((last.end, term.to_owned())),
            _ => {
                let p = 1 + rng.below(doc.paragraphs.len() - 2);
                ins.push((doc.content(p).end, term.to_owned()));
            }
        }
    }
    ins.sort();
    ins.dedup_by_key(|i| i.0);
    let mut out = String::new();
    let mut at = 0;
    for (i, s) in ins {
        out.push_str(&t[at..i]);
        out.push_str(&s);
        at = i;
    }
    out.push_str(&t[at..]);
    out
}

struct Corpus {
    texts: Vec<String>,
    /// Folded term -> documents it was planted in.
    planted: BTreeMap<String, BTreeSet<usize>>,
}

/// Every clean article `copies` times; most copies get one of the invented terms (a Thai
/// term only in Thai articles), the rest stay clean.
fn spiked(seed: u64, copies: usize, terms_th: usize, terms_latin: usize) -> Corpus {
    let lex = Lexicon::builtin();
    let clean = clean_articles();
    let mut rng = Rng::new(seed);
    let mut th = Vec::new();
    let mut latin = Vec::new();
    while th.len() < terms_th {
        let t = invented(&mut rng, &lex, &clean, true);
        if !t.is_ascii() && !th.contains(&t) {
            th.push(t);
        }
    }
    while latin.len() < terms_latin {
        let t = invented(&mut rng, &lex, &clean, false);
        if !latin.contains(&t) {
            latin.push(t);
        }
    }
    let all: Vec<&String> = th.iter().chain(&latin).collect();
    for a in &all {
        for b in &all {
            assert!(a == b || !a.contains(b.as_str()), "{a} contains {b}");
        }
    }
    let mut texts = Vec::new();
    let mut planted: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for _ in 0..copies {
        for (thai, article) in &clean {
            let doc = texts.len();
            if rng.chance(25) {
                texts.push(article.clone());
                continue;
            }
            let pool: Vec<&String> = if *thai {
                all.clone()
            } else {
                latin.iter().collect()
            };
            let term = *rng.pick(&pool);
            texts.push(plant(&mut rng, article, *thai, term));
            planted.entry(fold(term)).or_default().insert(doc);
        }
    }
    Corpus { texts, planted }
}

fn rank_of(found: &[Candidate], key: &str) -> Option<usize> {
    found.iter().position(|c| c.key == key)
}

#[test]
fn invented_terms_come_out_on_top_with_their_document_counts() {
    let corpus = spiked(7, 6, 6, 4);
    let lex = Lexicon::builtin();
    let found = mine(
        corpus.texts.iter().map(String::as_str),
        &lex,
        &MineOptions::default(),
    );
    let report: Vec<String> = found
        .iter()
        .take(20)
        .map(|c| {
            format!(
                "{} {} docs {} score {}",
                c.term, c.key, c.documents, c.score
            )
        })
        .collect();
    let n = corpus.planted.len();
    assert_eq!(n, 10);
    for (key, docs) in &corpus.planted {
        let rank = rank_of(&found, key);
        assert!(
            rank.is_some_and(|r| r < n + 2),
            "{key} ranked {rank:?}:\n{}",
            report.join("\n")
        );
        let c = &found[rank.unwrap_or(0)];
        assert_eq!(c.documents, docs.len(), "{key}");
        let seen: BTreeSet<usize> = c.occurrences.iter().map(|o| o.doc).collect();
        assert_eq!(&seen, docs, "{key}");
        assert!(c.known.is_none());
        assert!(c.score >= DEFAULT_MIN_SCORE, "{key} scored {}", c.score);
        assert!(!c.samples.is_empty() && c.samples.iter().all(|s| s.context.contains('«')));
    }
    assert!(
        corpus.planted.contains_key(&found[0].key),
        "top: {}",
        report.join("\n")
    );
    // Precision at the top: of the first n candidates, at most one is no planted term.
    let hits = found
        .iter()
        .take(n)
        .filter(|c| corpus.planted.contains_key(&c.key))
        .count();
    assert!(hits + 1 >= n, "{hits} of {n}:\n{}", report.join("\n"));
}

#[test]
fn occurrences_point_at_the_term() {
    let corpus = spiked(11, 4, 3, 2);
    let lex = Lexicon::builtin();
    let found = mine(
        corpus.texts.iter().map(String::as_str),
        &lex,
        &MineOptions::default(),
    );
    let top = &found[0];
    assert!(corpus.planted.contains_key(&top.key));
    for o in &top.occurrences {
        assert_eq!(fold(&corpus.texts[o.doc][o.range.clone()]), top.key);
    }
    let total = top.positions.title_start
        + top.positions.glued
        + top.positions.tail
        + top.positions.paragraph_end;
    assert_eq!(total, top.count);
    assert!(top.positions.kinds() >= 2);
    assert!(top.occurrences.iter().any(|o| o.site != Site::Glued));
}

#[test]
fn clean_articles_alone_score_below_planted_terms() {
    let lex = Lexicon::builtin();
    let clean: Vec<String> = clean_articles().into_iter().map(|(_, a)| a).collect();
    // Copies of the same articles must not make their words look planted.
    let twice: Vec<&str> = clean.iter().chain(&clean).map(String::as_str).collect();
    let on_clean = mine(twice.iter().copied(), &lex, &MineOptions::default());
    let corpus = spiked(7, 6, 6, 4);
    let spiked_found = mine(
        corpus.texts.iter().map(String::as_str),
        &lex,
        &MineOptions::default(),
    );
    let weakest_planted = spiked_found
        .iter()
        .filter(|c| corpus.planted.contains_key(&c.key))
        .map(|c| c.score)
        .fold(f32::INFINITY, f32::min);
    // Ordinary clause-final words recur too, but at weak sites and in fewer
    // unrelated places: they must stay well below every planted term.
    let above: Vec<String> = on_clean
        .iter()
        .filter(|c| c.score >= 0.6 * weakest_planted)
        .map(|c| format!("{} {}", c.term, c.score))
        .collect();
    assert!(above.is_empty(), "{above:?} vs {weakest_planted}");
}

/// Made-up Thai syllables: pronounceable, in no dictionary, no spam stem among them.
const NONSENSE: [&str; 10] = [
    "ฟึ่บ",
    "กรุ๊ง",
    "ปิ๋ว",
    "ซ่อด",
    "หงึก",
    "จ๊อบ",
    "ลึ้ม",
    "ตุ๋ย",
    "พรึ่ง",
    "ขึ๊ด",
];

/// A made-up Thai word of three or four syllables that no list and no clean article holds.
fn nonsense_word(rng: &mut Rng, lex: &Lexicon, clean: &[(bool, String)]) -> String {
    loop {
        let w: String = (0..3 + rng.below(2))
            .map(|_| *rng.pick(&NONSENSE))
            .collect();
        let key = fold(&w);
        if lex.find(&key).is_empty()
            && lex.has_stem(&key).is_none()
            && !clean.iter().any(|(_, a)| a.contains(&w))
        {
            return w;
        }
    }
}

#[test]
fn a_planted_pure_thai_word_without_a_stem_is_found_above_the_floor() {
    let lex = Lexicon::builtin();
    let clean = clean_articles();
    for seed in [1, 2, 3, 4] {
        let mut rng = Rng::new(seed);
        let term = nonsense_word(&mut rng, &lex, &clean);
        let key = fold(&term);
        // Two copies of the whole corpus; the term goes into the first copy of six Thai
        // articles at two or three sites each.
        let mut texts: Vec<String> = clean.iter().chain(&clean).map(|(_, a)| a.clone()).collect();
        let mut thai: Vec<usize> = (0..clean.len()).filter(|&i| clean[i].0).collect();
        for i in (1..thai.len()).rev() {
            thai.swap(i, rng.below(i + 1));
        }
        for &i in &thai[..6] {
            texts[i] = plant(&mut rng, &texts[i], true, &term);
        }
        let found = mine(
            texts.iter().map(String::as_str),
            &lex,
            &MineOptions::default(),
        );
        let report: Vec<String> = found
            .iter()
            .map(|c| format!("{} {}", c.key, c.score))
            .collect();
        assert_eq!(rank_of(&found, &key), Some(0), "{term}: {report:?}");
        assert_eq!(found[0].documents, 6);
        assert!(found[0].score >= DEFAULT_MIN_SCORE);
        // Nothing from the clean articles makes it over the floor next to it.
        assert!(found.len() <= 2, "{term}: {report:?}");
    }
}

#[test]
fn ordinary_words_stay_under_the_default_floor() {
    let lex = Lexicon::builtin();
    let clean: Vec<String> = clean_articles().into_iter().map(|(_, a)| a).collect();
    let low = MineOptions {
        min_documents: 2,
        min_score: 0.0,
        ..MineOptions::default()
    };
    let all = mine(clean.iter().map(String::as_str), &lex, &low);
    // The corpus has recurring clause-final words (ปีนี้, ร้อยละ...) to be kept out.
    assert!(all.len() >= 10, "{}", all.len());
    let over: Vec<String> = all
        .iter()
        .filter(|c| c.score >= DEFAULT_MIN_SCORE)
        .map(|c| format!("{} {}", c.term, c.score))
        .collect();
    assert!(over.is_empty(), "{over:?}");
    // Every eval variant carries its own invented term, so nothing recurs but words and the
    // listed terms' pieces.
    let mut rng = Rng::new(42);
    let damaged: Vec<String> = clean
        .iter()
        .flat_map(|a| {
            (0..4)
                .map(|_| redline::eval::damage(a, &mut rng, true).text)
                .collect::<Vec<_>>()
        })
        .collect();
    let found = mine(
        damaged.iter().map(String::as_str),
        &lex,
        &MineOptions::default(),
    );
    let shown: Vec<String> = found
        .iter()
        .map(|c| format!("{} {}", c.term, c.score))
        .collect();
    assert!(found.len() <= 2, "{shown:?}");
}

#[test]
fn listed_terms_are_hidden_unless_asked_for() {
    let lex = Lexicon::builtin();
    let clean = clean_articles();
    let mut rng = Rng::new(3);
    let texts: Vec<String> = clean
        .iter()
        .map(|(thai, a)| plant(&mut rng, a, *thai, "ufabet"))
        .collect();
    let mut miner = TermMiner::new();
    for (i, t) in texts.iter().enumerate() {
        miner.add(i, extract(t, &lex));
    }
    let hidden = miner.clone().finish(&MineOptions::default());
    assert!(rank_of(&hidden, "ufabet").is_none());
    let shown = miner.finish(&MineOptions {
        include_known: true,
        ..MineOptions::default()
    });
    let c = rank_of(&shown, "ufabet").map(|r| &shown[r]);
    assert_eq!(c.map(|c| c.known), Some(Some(TermClass::Promo)));
    assert_eq!(c.map(|c| c.documents), Some(clean.len()));
    assert_eq!(rank_of(&shown, "ufabet"), Some(0));
}

#[test]
fn candidates_serialize_to_json() {
    let corpus = spiked(5, 3, 2, 1);
    let found = mine(
        corpus.texts.iter().map(String::as_str),
        &Lexicon::builtin(),
        &MineOptions {
            top: 3,
            ..MineOptions::default()
        },
    );
    assert!(!found.is_empty() && found.len() <= 3);
    let json = serde_json::to_value(&found).expect("json");
    let first = &json[0];
    assert_eq!(first["key"], found[0].key.as_str());
    assert!(first["positions"]["title_start"].is_number());
    assert!(first["occurrences"][0]["site"].is_string());
}

/// Throughput against `scan` on the same texts: `cargo test --release --test terms -- --ignored`.
#[test]
#[ignore]
fn throughput_is_comparable_to_scan() {
    let corpus = spiked(9, 20, 6, 4);
    let lex = Lexicon::builtin();
    let bytes: usize = corpus.texts.iter().map(String::len).sum();
    let t0 = std::time::Instant::now();
    let mut miner = TermMiner::new();
    for (i, t) in corpus.texts.iter().enumerate() {
        miner.add(i, extract(t, &lex));
    }
    let found = miner.finish(&MineOptions::default());
    let mine_s = t0.elapsed().as_secs_f64();
    let t1 = std::time::Instant::now();
    let opts = redline::ScanOptions::default();
    let findings: usize = corpus
        .texts
        .iter()
        .map(|t| redline::scan(&Document::new(t.as_str()), &opts).len())
        .sum();
    let scan_s = t1.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB: mine {:.1} MB/s ({} candidates), scan {:.1} MB/s ({findings} findings)",
        mb / mine_s,
        found.len(),
        mb / scan_s
    );
    assert!(!found.is_empty());
}
