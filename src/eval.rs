//! Evaluation: a generator that damages clean articles in every way redline repairs, with
//! ground-truth labels, and the figures that say how well the detectors do: span precision
//! and recall per kind, recall on spam terms in no list, exact restoration, and findings on
//! the clean articles themselves.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use crate::detect::calibrate::{Reliability, Sample};
use crate::detect::{Finding, Kind, ScanOptions, scan, scan_raw};
use crate::document::Document;
use crate::pipeline::Analysis;
use crate::segment::{is_space, word_boundaries};

/// SplitMix64: small, seedable and good enough to pick damage sites.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// One inserted piece of damage: where it sits in the damaged text and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub kind: Kind,
    pub range: Range<usize>,
    /// For spam: whether the planted term is in no built-in list.
    pub unlisted: bool,
    pub what: &'static str,
}

/// A damaged article with its labels.
#[derive(Debug, Clone)]
pub struct Damaged {
    pub text: String,
    pub labels: Vec<Label>,
}

struct Insertion {
    at: usize,
    text: String,
    kind: Kind,
    unlisted: bool,
    what: &'static str,
}

const KNOWN_TH: [&str; 8] = [
    "บาคาร่า",
    "สล็อตเว็บตรง",
    "ufabet",
    "แทงบอลออนไลน์",
    "คาสิโนออนไลน์",
    "เว็บตรง",
    "หวยออนไลน์",
    "ยูฟ่าเบท",
];
const KNOWN_EN: [&str; 6] = [
    "online casino",
    "slot gacor",
    "ufabet",
    "judi online",
    "pg slot",
    "sbobet",
];
const SYLLABLES: [&str; 16] = [
    "ram", "bu", "tan", "pan", "dan", "lam", "yai", "ma", "prao", "rian", "kok", "sa", "wan",
    "jin", "mee", "fah",
];

/// An invented spam brand that no list contains and that shares no piece with any lexicon
/// file (no stem such as bet, slot or 888, no listed word): made-up syllables and a number,
/// the way betting brands are named. Finding it measures generalisation, not the lists.
/// Thai articles get it too: Thai gambling spam writes its brands in Latin letters.
pub fn invented_term(rng: &mut Rng, _thai: bool) -> String {
    static LEXICON: std::sync::OnceLock<crate::Lexicon> = std::sync::OnceLock::new();
    let lex = LEXICON.get_or_init(crate::Lexicon::builtin);
    loop {
        let mut s = String::new();
        for _ in 0..2 + rng.below(2) {
            let syllable: &&str = rng.pick(&SYLLABLES);
            s.push_str(syllable);
        }
        let number = 10 + rng.below(990);
        let _ = write!(s, "{number}");
        let key = crate::normalize::fold(&s);
        if !lex.contains_stem(&key) && lex.find(&key).is_empty() {
            return s;
        }
    }
}

const THAI_NAMES: [&str; 10] = [
    "มะปราง",
    "ลำไย",
    "ทุเรียน",
    "มังคุด",
    "เงาะทอง",
    "ส้มโอ",
    "มะขามหวาน",
    "กระท้อน",
    "ละมุด",
    "น้อยหน่า",
];

/// An invented brand in Thai script (two fruit names run together), with no gambling word
/// in it: for term mining, where recurrence across a corpus is the evidence. A single
/// article cannot tell it from a name, so `eval` does not plant it.
pub fn invented_thai_term(rng: &mut Rng) -> String {
    let a = rng.below(THAI_NAMES.len());
    let b = (a + 1 + rng.below(THAI_NAMES.len() - 1)) % THAI_NAMES.len();
    format!("{}{}", THAI_NAMES[a], THAI_NAMES[b])
}

/// Hide a term the way spammers do: zero-width characters or spaced-out letters.
fn disguise(rng: &mut Rng, term: &str) -> String {
    match rng.below(4) {
        0 => {
            let chars: Vec<char> = term.chars().collect();
            let cut = chars.len() / 2;
            let mut s: String = chars[..cut].iter().collect();
            // Keep marks with their base: only cut before a base character.
            if chars
                .get(cut)
                .is_some_and(|c| !c.is_alphabetic() || crate::segment::is_thai(*c) && is_mark(*c))
            {
                return term.to_owned();
            }
            s.push('\u{200B}');
            s.extend(&chars[cut..]);
            s
        }
        1 if term.is_ascii() && !term.contains(' ') => term
            .chars()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        _ => term.to_owned(),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{0E33}')
}

fn is_thai_text(s: &str) -> bool {
    s.chars().filter(|c| crate::segment::is_thai(*c)).count() * 2
        > s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Spaces inside body paragraphs that have a word character on both sides.
fn inner_spaces(doc: &Document) -> Vec<usize> {
    let t = &doc.text;
    let mut out = Vec::new();
    for p in 1..doc.paragraphs.len() {
        let c = doc.content(p);
        for (i, ch) in t[c.clone()].char_indices() {
            let at = c.start + i;
            if ch == ' '
                && t[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || crate::segment::is_thai(c))
                && t[at + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || crate::segment::is_thai(c))
            {
                out.push(at);
            }
        }
    }
    out
}

/// A phrase of whole words inside one chunk, with at least `min_chars` characters.
fn pick_phrase(
    rng: &mut Rng,
    doc: &Document,
    min_chars: usize,
    words: Range<usize>,
) -> Option<Range<usize>> {
    let t = &doc.text;
    for _ in 0..40 {
        let p = 1 + rng.below(doc.paragraphs.len().saturating_sub(1).max(1));
        if p >= doc.paragraphs.len() {
            continue;
        }
        let c = doc.content(p);
        let b: Vec<usize> = word_boundaries(&t[c.clone()])
            .into_iter()
            .map(|x| x + c.start)
            .collect();
        if b.len() < 4 {
            continue;
        }
        let i = rng.below(b.len() - 1);
        let n = words.start + rng.below(words.end - words.start);
        let Some(&end) = b.get(i + n) else { continue };
        let r = b[i]..end;
        let s = &t[r.clone()];
        if s.chars().count() >= min_chars
            && !s.contains(|c: char| is_space(c) || c.is_ascii_punctuation() || "“”".contains(c))
            && s.chars()
                .all(|c| c.is_alphanumeric() || crate::segment::is_thai(c))
        {
            return Some(r);
        }
    }
    None
}

/// Build one damaged variant of `clean`. `layout` variants get whitespace and broken
/// paragraphs (suggestions); the others get spam and duplicates (fixed by default).
pub fn damage(clean: &str, rng: &mut Rng, layout: bool) -> Damaged {
    let doc = Document::new(clean);
    let t = &doc.text;
    let thai = is_thai_text(t);
    let mut ins: Vec<Insertion> = Vec::new();
    let Some(title) = doc.title.clone() else {
        return Damaged {
            text: clean.to_owned(),
            labels: Vec::new(),
        };
    };
    let last = doc.content(doc.paragraphs.len() - 1);
    let spaces = inner_spaces(&doc);
    let mut used: Vec<usize> = Vec::new();
    let free_space = |rng: &mut Rng, used: &mut Vec<usize>| -> Option<usize> {
        for _ in 0..20 {
            let s = *rng.pick(&spaces);
            if used.iter().all(|u| u.abs_diff(s) > 40) {
                used.push(s);
                return Some(s);
            }
        }
        None
    };
    if spaces.is_empty() || doc.paragraphs.len() < 4 {
        return Damaged {
            text: clean.to_owned(),
            labels: Vec::new(),
        };
    }
    if layout {
        // A stray no-break space at a paragraph end, and a paragraph broken at a space.
        let p = 1 + rng.below(doc.paragraphs.len() - 2);
        ins.push(Insertion {
            at: doc.content(p).end,
            text: "\u{a0}".into(),
            kind: Kind::Whitespace,
            unlisted: false,
            what: "trailing nbsp",
        });
        if let Some(s) = free_space(rng, &mut used) {
            ins.push(Insertion {
                at: s + 1,
                text: "\n\n".into(),
                kind: Kind::Layout,
                unlisted: false,
                what: "broken paragraph",
            });
        }
        return assemble(t, ins);
    }
    // Spam: a listed term or an invented one, planted at two or three sites.
    let unlisted = rng.chance(50);
    let term = if unlisted {
        invented_term(rng, thai)
    } else if thai {
        rng.pick(&KNOWN_TH).to_string()
    } else {
        rng.pick(&KNOWN_EN).to_string()
    };
    let spaced = !thai || term.contains(' ') || term.is_ascii();
    let mut sites = vec![0, 1, 2];
    if unlisted {
        sites.truncate(2 + rng.below(2));
    } else {
        sites.retain(|_| rng.chance(60));
        if sites.is_empty() {
            sites.push(1);
        }
    }
    for site in sites {
        let shown = if unlisted {
            term.clone()
        } else {
            disguise(rng, &term)
        };
        match site {
            0 => ins.push(Insertion {
                at: title.start,
                text: if spaced { format!("{shown} ") } else { shown },
                kind: Kind::Spam,
                unlisted,
                what: "spam at title start",
            }),
            1 => {
                if let Some(s) = free_space(rng, &mut used) {
                    // English words are never glued together; there the term stands between words.
                    let text = if thai { shown } else { format!(" {shown}") };
                    ins.push(Insertion {
                        at: s,
                        text,
                        kind: Kind::Spam,
                        unlisted,
                        what: "spam glued to a word",
                    });
                }
            }
            _ => ins.push(Insertion {
                at: last.end,
                text: shown,
                kind: Kind::Spam,
                unlisted,
                what: "spam after the last sentence",
            }),
        }
    }
    // Duplicates: two of the kinds, chosen at random; a kind the article offers no place for
    // gives way to the next.
    let mut kinds = [0, 1, 2, 3, 4, 5, 6];
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, rng.below(i + 1));
    }
    let mut planted = 0;
    for &k in &kinds {
        if planted == 2 {
            break;
        }
        let before = ins.len();
        match k {
            0 => ins.push(Insertion {
                at: title.end,
                text: format!("\n\n{}", &t[title.clone()]),
                kind: Kind::Duplicate,
                unlisted: false,
                what: "repeated title",
            }),
            1 => {
                let p = 1 + rng.below(doc.paragraphs.len() - 1);
                let q = p + rng.below(doc.paragraphs.len() - p);
                ins.push(Insertion {
                    at: doc.content(q).end,
                    text: format!("\n\n{}", &t[doc.content(p)]),
                    kind: Kind::Duplicate,
                    unlisted: false,
                    what: "repeated paragraph",
                });
            }
            2 => {
                if let Some(r) = pick_phrase(rng, &doc, 10, 2..5) {
                    ins.push(Insertion {
                        at: r.end,
                        text: t[r.clone()].to_owned(),
                        kind: Kind::Duplicate,
                        unlisted: false,
                        what: "doubled phrase",
                    });
                }
            }
            3 => {
                // "u v u" where v closes the phrase, as in the seed's
                // "กลับประเทศของตนกลับประเทศ". An ordinary short v is no slip: Thai repeats a
                // word after a short one all the time ("ผู้อำนวยการศูนย์อำนวยการ").
                if let Some((at, u)) = gapped_slip(rng, &doc) {
                    ins.push(Insertion {
                        at,
                        text: u,
                        kind: Kind::Duplicate,
                        unlisted: false,
                        what: "gapped repeat",
                    });
                }
            }
            4 => {
                // A sentence or run of clauses pasted twice in a row.
                let p = 1 + rng.below(doc.paragraphs.len() - 1);
                let c = doc.content(p);
                let para = &t[c.clone()];
                let cut = if thai {
                    para.char_indices()
                        .filter(|&(_, ch)| ch == ' ')
                        .map(|(i, _)| i)
                        .find(|&i| para[..i].chars().count() >= 60)
                } else {
                    para.match_indices(". ").map(|(i, _)| i + 1).next()
                };
                if let Some(cut) = cut {
                    ins.push(Insertion {
                        at: c.start + cut + 1,
                        text: format!("{} ", &para[..cut]),
                        kind: Kind::Duplicate,
                        unlisted: false,
                        what: "sentence pasted twice",
                    });
                }
            }
            5 => {
                let lede = doc.content(1);
                let s = &t[lede.clone()];
                let n = s.chars().count();
                let cut = s
                    .char_indices()
                    .map(|(i, _)| i)
                    .filter(|&i| s[..i].chars().count() >= n / 2)
                    .find(|&i| s[..i].ends_with(' '));
                if let Some(cut) = cut {
                    ins.push(Insertion {
                        at: lede.start,
                        text: format!("{}…\n\n", s[..cut].trim_end()),
                        kind: Kind::Duplicate,
                        unlisted: false,
                        what: "teaser",
                    });
                }
            }
            _ => {
                // The end of a paragraph repeated at the start of the next one.
                let p = 1 + rng.below(doc.paragraphs.len() - 2);
                let c = doc.content(p);
                let para = &t[c.clone()];
                let want = if thai { 30 } else { 25 };
                let from = para
                    .char_indices()
                    .filter(|&(_, ch)| ch == ' ')
                    .map(|(i, _)| i + 1)
                    .rfind(|&i| {
                        para[i..].chars().count() >= want
                            && para[i..].matches(' ').count() >= if thai { 1 } else { 3 }
                    });
                if let Some(from) = from {
                    ins.push(Insertion {
                        at: doc.content(p + 1).start,
                        text: format!("{} ", &para[from..]),
                        kind: Kind::Duplicate,
                        unlisted: false,
                        what: "paragraph overlap",
                    });
                }
            }
        }
        planted += usize::from(ins.len() > before);
    }
    assemble(t, ins)
}

/// Possessives that close the phrase before them.
const CLOSING: [&str; 3] = ["ของตน", "ของเขา", "ของเรา"];

/// Where to plant a gapped slip: the end of a possessive that follows a phrase of two or
/// three words inside one chunk, and that phrase.
fn gapped_slip(rng: &mut Rng, doc: &Document) -> Option<(usize, String)> {
    let t = &doc.text;
    let mut spots = Vec::new();
    for p in 1..doc.paragraphs.len() {
        let c = doc.content(p);
        for gap in CLOSING {
            for (i, _) in t[c.clone()].match_indices(gap) {
                let at = c.start + i;
                let end = at + gap.len();
                // The possessive ends a word: nothing Thai glued after it (ของตนเอง).
                if t[end..].chars().next().is_some_and(crate::segment::is_thai) {
                    continue;
                }
                let chunk_start = t[c.start..at]
                    .rfind(is_space)
                    .map_or(c.start, |k| c.start + k + 1);
                let b = word_boundaries(&t[chunk_start..at]);
                for n in [3, 2] {
                    if b.len() > n {
                        let u = &t[chunk_start + b[b.len() - 1 - n]..at];
                        if u.chars().count() >= 8 && u.chars().all(crate::segment::is_thai) {
                            spots.push((end, u.to_owned()));
                            break;
                        }
                    }
                }
            }
        }
    }
    (!spots.is_empty()).then(|| spots.swap_remove(rng.below(spots.len())))
}

fn assemble(clean: &str, mut ins: Vec<Insertion>) -> Damaged {
    ins.sort_by_key(|i| i.at);
    ins.dedup_by_key(|i| i.at);
    let mut text = String::with_capacity(clean.len() + 512);
    let mut labels = Vec::new();
    let mut at = 0;
    for i in ins {
        text.push_str(&clean[at..i.at]);
        let start = text.len();
        text.push_str(&i.text);
        labels.push(Label {
            kind: i.kind,
            range: start..text.len(),
            unlisted: i.unlisted,
            what: i.what,
        });
        at = i.at;
    }
    text.push_str(&clean[at..]);
    Damaged { text, labels }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub findings: usize,
    pub true_findings: usize,
    pub labels: usize,
    pub found_labels: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.findings == 0 {
            1.0
        } else {
            self.true_findings as f64 / self.findings as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.labels == 0 {
            1.0
        } else {
            self.found_labels as f64 / self.labels as f64
        }
    }
}

/// The figures of one evaluation run.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub per_kind: BTreeMap<&'static str, Counts>,
    pub unlisted_spam: Counts,
    pub restorable: usize,
    pub restored: usize,
    pub clean_articles: usize,
    pub clean_findings: Vec<String>,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
    pub not_restored: Vec<String>,
    /// Every finding from 0.3 up, on clean and damaged articles, by reported confidence.
    pub reliability: Reliability,
}

impl Report {
    pub fn restoration_rate(&self) -> f64 {
        if self.restorable == 0 {
            1.0
        } else {
            self.restored as f64 / self.restorable as f64
        }
    }

    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "kind        precision  recall   findings  labels");
        for (k, c) in &self.per_kind {
            let _ = writeln!(
                s,
                "{k:<11} {:>8.3}  {:>7.3}  {:>8}  {:>6}",
                c.precision(),
                c.recall(),
                c.findings,
                c.labels
            );
        }
        let _ = writeln!(
            s,
            "unlisted spam terms: recall {:.3} ({} of {})",
            self.unlisted_spam.recall(),
            self.unlisted_spam.found_labels,
            self.unlisted_spam.labels
        );
        let _ = writeln!(
            s,
            "exact restoration: {:.3} ({} of {} damaged articles)",
            self.restoration_rate(),
            self.restored,
            self.restorable
        );
        let _ = writeln!(
            s,
            "clean articles: {} findings on {} articles",
            self.clean_findings.len(),
            self.clean_articles
        );
        s.push_str(&self.reliability.render());
        if verbose {
            for (title, list) in [
                ("finding on a clean article", &self.clean_findings),
                ("miss", &self.misses),
                ("false alarm", &self.false_alarms),
                ("not restored", &self.not_restored),
            ] {
                for x in list {
                    let _ = writeln!(s, "  {title}: {x}");
                }
            }
        }
        s
    }
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(50).collect();
    s.replace('\n', "⏎")
}

/// Whether a finding touches a planted piece of damage (or the character before it).
fn right(d: &Damaged, f: &Finding) -> bool {
    d.labels
        .iter()
        .any(|l| overlap(&(l.range.start.saturating_sub(1)..l.range.end), &f.range) > 0)
}

/// Labelled raw-scored findings for fitting the calibration: every finding, at any score,
/// on each clean article (all wrong) and on `variants` damaged copies of it per seed (right
/// when it touches a planted piece). Damage is drawn as [`evaluate`] draws it, so a seed
/// used here must not be the held-out seed `evaluate` reports on.
pub fn calibration_samples(
    clean: &[(String, String)],
    variants: usize,
    seeds: impl IntoIterator<Item = u64>,
) -> Vec<Sample> {
    let opts = ScanOptions::default();
    let mut out = Vec::new();
    for seed in seeds {
        let mut rng = Rng::new(seed);
        for (_, text) in clean {
            out.extend(real_samples(std::slice::from_ref(text)));
            for v in 0..variants {
                let d = damage(text, &mut rng, v % 4 == 3);
                let doc = Document::new(d.text.clone());
                out.extend(scan_raw(&doc, &opts).iter().map(|f| Sample {
                    family: f.rule.family(),
                    raw: f.confidence,
                    right: right(&d, f),
                }));
            }
        }
    }
    out
}

/// Add the findings on held-out clean real articles, all wrong, to the reliability table.
pub fn add_real(report: &mut Report, texts: &[String]) {
    let opts = ScanOptions::default();
    for t in texts {
        for f in scan(&Document::new(t.clone()), &opts) {
            report.reliability.add(f.confidence, false);
        }
    }
}

/// Labelled raw-scored findings on clean real articles: every one is wrong.
pub fn real_samples(texts: &[String]) -> Vec<Sample> {
    let opts = ScanOptions::default();
    texts
        .iter()
        .flat_map(|t| scan_raw(&Document::new(t.clone()), &opts))
        .map(|f| Sample {
            family: f.rule.family(),
            raw: f.confidence,
            right: false,
        })
        .collect()
}

/// Damage every clean article `variants` times (half spam and duplicates, some layout) and
/// measure the detectors at `min_confidence` (suggestion kinds at 0.3).
pub fn evaluate(
    clean: &[(String, String)],
    variants: usize,
    seed: u64,
    min_confidence: f32,
) -> Report {
    evaluate_with(clean, variants, seed, min_confidence, |_, _| {})
}

/// [`evaluate`], handing each damaged variant (name, damaged article) to `sink` as well.
pub fn evaluate_with(
    clean: &[(String, String)],
    variants: usize,
    seed: u64,
    min_confidence: f32,
    mut sink: impl FnMut(&str, &Damaged),
) -> Report {
    // Scored through the pipeline, at the threshold the CLI would use.
    let opts = ScanOptions {
        min_confidence,
        ..ScanOptions::default()
    };
    let suggestions = ScanOptions {
        min_confidence: 0.3,
        ..opts.clone()
    };
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    for (name, text) in clean {
        let clean_scan = Analysis::text(text.clone(), &opts);
        let doc = &clean_scan.doc;
        report.clean_articles += 1;
        for f in scan(doc, &opts) {
            report.reliability.add(f.confidence, false);
        }
        for f in &clean_scan.findings {
            report.clean_findings.push(format!(
                "{name}: {} {} '{}'",
                f.rule,
                f.confidence,
                short(&doc.text[f.range.clone()])
            ));
        }
        for v in 0..variants {
            let layout = v % 4 == 3;
            let d = damage(text, &mut rng, layout);
            sink(&format!("{name}#{v}"), &d);
            let damaged = Analysis::text(d.text.clone(), if layout { &suggestions } else { &opts });
            let findings: Vec<Finding> = damaged.findings.clone();
            for f in scan(&damaged.doc, &opts) {
                report.reliability.add(f.confidence, right(&d, &f));
            }
            for f in &findings {
                let c = report.per_kind.entry(f.kind.as_str()).or_default();
                c.findings += 1;
                if right(&d, f) {
                    c.true_findings += 1;
                } else {
                    report.false_alarms.push(format!(
                        "{name}#{v}: {} {} '{}'",
                        f.rule,
                        f.confidence,
                        short(&d.text[f.range.clone()])
                    ));
                }
            }
            for l in &d.labels {
                let c = report.per_kind.entry(l.kind.as_str()).or_default();
                c.labels += 1;
                let visible = d.text[l.range.clone()].trim().len().max(1);
                let found = findings
                    .iter()
                    .any(|f| overlap(&l.range, &f.range) * 2 >= visible);
                if found {
                    c.found_labels += 1;
                } else {
                    report.misses.push(format!(
                        "{name}#{v}: {} '{}'",
                        l.what,
                        short(&d.text[l.range.clone()])
                    ));
                }
                if l.kind == Kind::Spam && l.unlisted {
                    report.unlisted_spam.labels += 1;
                    report.unlisted_spam.found_labels += usize::from(found);
                }
            }
            if !layout && !d.labels.is_empty() {
                report.restorable += 1;
                match damaged.settled(&opts) {
                    Ok(fixed) if fixed == *text => report.restored += 1,
                    _ => report.not_restored.push(format!("{name}#{v}")),
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_point_at_inserted_text_and_removing_them_restores_the_clean_text() {
        let clean = "หัวข้อข่าวทดสอบ\n\nกรุงเทพฯ, 1 ม.ค. (ผู้สื่อข่าว) – รัฐบาลประกาศแผนพัฒนาระบบชลประทาน ในจังหวัดภาคเหนือ เพื่อช่วยเหลือเกษตรกร\n\nนายสมชาย ใจดี กล่าวว่า โครงการนี้จะเริ่มในปีหน้า และจะใช้งบประมาณจำนวนมาก\n\nประชาชนในพื้นที่ต่างแสดงความยินดี กับโครงการใหม่ของรัฐบาล\n\nการก่อสร้างจะแล้วเสร็จภายในสามปี ตามแผนที่วางไว้";
        let mut rng = Rng::new(1);
        for layout in [false, true, false, false] {
            let d = damage(clean, &mut rng, layout);
            assert!(!d.labels.is_empty());
            let mut restored = String::new();
            let mut at = 0;
            for l in &d.labels {
                restored.push_str(&d.text[at..l.range.start]);
                at = l.range.end;
            }
            restored.push_str(&d.text[at..]);
            assert_eq!(restored, clean);
        }
    }
}
