//! Spam insertions: listed terms (through every disguise in [`crate::normalize`]), brand-like
//! Latin+digit tokens, and unlisted strings planted at several injection sites.
//!
//! Confidence combines independent evidence (what the string is, where each copy sits, how
//! often it was planted) and is lowered for in-sentence mentions in an article that is
//! itself about gambling.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use super::evidence::{Position, classify_position, combine, next_visible, prev_visible};
use super::{Finding, Kind, quote};
use crate::document::Document;
use crate::lexicon::{Lexicon, TermClass};
use crate::normalize::{Skeleton, fold};
use crate::segment::{is_space, is_wordish, is_zero_width};

/// What a suspected span is, before its position is considered.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Listed(TermClass),
    /// A Latin+digit or stem-bearing token, e.g. `rambutanbet77`.
    Brand {
        stem: Option<String>,
        digits: bool,
        glued_to_thai: bool,
    },
    /// An unlisted string found at two or more injection sites.
    Planted,
}

#[derive(Debug, Clone)]
struct Occurrence {
    range: Range<usize>,
    key: String,
    source: Source,
    branded: bool,
}

pub fn detect(doc: &Document, lex: &Lexicon) -> Vec<Finding> {
    let mut occ = Vec::new();
    let mut allowed = Vec::new();
    for p in &doc.paragraphs {
        listed_terms(doc, lex, p.clone(), &mut occ, &mut allowed);
    }
    brand_tokens(doc, lex, &mut occ, &allowed);
    planted_strings(doc, lex, &mut occ, &allowed);
    let mut findings = score(doc, lex, occ);
    spam_only_paragraphs(doc, &mut findings);
    findings
}

/// A paragraph made of nothing but spam terms (a keyword block, or a whole document of
/// them) goes as one piece: term by term, a weak mention in the middle would stay behind.
fn spam_only_paragraphs(doc: &Document, findings: &mut Vec<Finding>) {
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    let mut remove = vec![false; findings.len()];
    let mut added = Vec::new();
    let mut first = 0;
    for i in 0..doc.paragraphs.len() {
        let content = doc.content(i);
        while first < findings.len() && findings[first].range.start < content.start {
            first += 1;
        }
        let mut last = first;
        while last < findings.len() && findings[last].range.start < content.end {
            last += 1;
        }
        let inside = first..last;
        if inside.is_empty()
            || findings[inside.clone()]
                .iter()
                .any(|f| f.range.end > content.end + 1)
        {
            continue;
        }
        let mut at = content.start;
        let mut wordy = false;
        for f in &findings[inside.clone()] {
            wordy |= f.range.start > at && doc.text[at..f.range.start].chars().any(is_wordish);
            at = at.max(f.range.end);
        }
        wordy |= at < content.end && doc.text[at..content.end].chars().any(is_wordish);
        if wordy {
            continue;
        }
        let members = &findings[inside.clone()];
        let strong = members.len() >= 2
            || members
                .iter()
                .any(|f| f.confidence >= crate::DEFAULT_MIN_CONFIDENCE);
        let confidence = if strong {
            0.95
        } else {
            members.iter().map(|f| f.confidence).fold(0.0, f32::max)
        };
        added.push(Finding {
            kind: Kind::Spam,
            rule: "spam.paragraph",
            range: whole_paragraph(doc, i),
            replacement: String::new(),
            confidence,
            message: format!(
                "the paragraph {} is nothing but spam terms",
                quote(&doc.text[content.clone()], 40)
            ),
            related: Vec::new(),
        });
        remove[inside].fill(true);
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
    // Neighbouring spam paragraphs share a separator: one deletion takes them together.
    let mut merged: Vec<Finding> = Vec::with_capacity(added.len());
    for f in added {
        match merged.last_mut() {
            Some(prev) if prev.range.end >= f.range.start => {
                prev.range.end = prev.range.end.max(f.range.end);
                prev.confidence = prev.confidence.min(f.confidence);
                prev.message = "these paragraphs are nothing but spam terms".into();
            }
            _ => merged.push(f),
        }
    }
    findings.extend(merged);
}

fn listed_terms(
    doc: &Document,
    lex: &Lexicon,
    para: Range<usize>,
    out: &mut Vec<Occurrence>,
    allowed: &mut Vec<Range<usize>>,
) {
    let text = &doc.text;
    let sk = Skeleton::build(text, para);
    let flush = |span: (usize, usize, TermClass), out: &mut Vec<Occurrence>| {
        let hit = sk.range_to_original(span.0, span.1, text);
        let range = extend_over_brand(text, hit.clone());
        out.push(Occurrence {
            key: fold(&text[range.clone()]),
            // A listed word with a brand glued on (pandan888slot) is a brand, not a mention.
            branded: range != hit,
            range,
            source: Source::Listed(span.2),
        });
    };
    for m in lex.find(&sk.text) {
        if m.class == TermClass::Allow {
            allowed.push(sk.range_to_original(m.start, m.end, text));
            continue;
        }
        // Each hit stands alone, even next to another: a planted term glued onto a legitimate
        // mention must not take the mention down with it.
        flush((m.start, m.end, m.class), out);
    }
}

/// Grow a span over Latin letters and digits glued to it: `pandan888` + `สล็อต`, `สล็อต` +
/// `888`. A bare number before it (`กรรมการ 2เว็บตรง`) belongs to the sentence, not the brand.
fn extend_over_brand(text: &str, mut r: Range<usize>) -> Range<usize> {
    // Brands are lowercase: an acronym before a term (IMFแทงบอล) is the sentence's own.
    let brand = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let mut start = r.start;
    while let Some(c) = text[..start].chars().next_back().filter(|&c| brand(c)) {
        start -= c.len_utf8();
    }
    if text[start..r.start]
        .chars()
        .any(|c| c.is_ascii_alphabetic())
    {
        r.start = start;
    }
    // To the right only a number that ends the token: สล็อต888, not เครดิตฟรี|888ละมุด.
    let digit = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c);
    let mut end = r.end;
    while let Some(c) = text[end..].chars().next().filter(|&c| digit(c)) {
        end += c.len_utf8();
    }
    if !text[end..].chars().next().is_some_and(is_wordish) {
        r.end = end;
    }
    r
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `sorted` (ranges in text order, not overlapping each other) overlaps `r`.
fn overlaps_sorted(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let k = sorted.partition_point(|t| t.end <= r.start);
    sorted.get(k).is_some_and(|t| overlaps(t, r))
}

/// The brand evidence of a Latin token: a spam stem where brands put it, and letters
/// followed by digits. `None` if it looks like an ordinary word or code.
fn brand_shape(lex: &Lexicon, original: &str) -> Option<(Option<String>, bool)> {
    let token = original.to_ascii_lowercase();
    let letters = token.chars().filter(char::is_ascii_alphabetic).count();
    let digits = token.len() - letters;
    // A stem counts at the end of the letters (rambutanbet77) or as the digits (ufa168),
    // never at a word start (between, slotted).
    let word_part = token.trim_end_matches(|c: char| c.is_ascii_digit());
    let stem = lex
        .has_stem(&token)
        .filter(|s| token.len() > s.len() + 1 && letters >= 2)
        .filter(|s| {
            word_part.ends_with(*s) && word_part.len() > s.len()
                || s.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_owned);
    let brand_digits = letters >= 3 && digits >= 2 && token.ends_with(|c: char| c.is_ascii_digit());
    // Without digits, only a lowercase token is brand-like: "Tibet" and "Alphabet" are names.
    let lowercase = !original.bytes().any(|b| b.is_ascii_uppercase());
    (brand_digits || stem.is_some() && lowercase).then_some((stem, brand_digits))
}

fn brand_tokens(
    doc: &Document,
    lex: &Lexicon,
    out: &mut Vec<Occurrence>,
    allowed: &[Range<usize>],
) {
    let text = &doc.text;
    let taken: Vec<Range<usize>> = out.iter().map(|o| o.range.clone()).collect();
    let bytes = text.as_bytes();
    for mut r in crate::segment::ascii_alnum_runs(text) {
        if overlaps_sorted(&taken, &r) || overlaps_sorted(allowed, &r) {
            continue;
        }
        // An acronym the brand was glued onto belongs to the sentence: "USDTmabuslot99".
        let upper_lead = bytes[r.clone()]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        if upper_lead >= 2
            && bytes
                .get(r.start + upper_lead)
                .is_some_and(u8::is_ascii_lowercase)
        {
            r.start += upper_lead;
        }
        if brand_shape(lex, &text[r.clone()]).is_none() {
            continue;
        }
        // So does a number before it ("3jinyaimeeslot47") when the brand also stands without
        // it elsewhere.
        let digits_lead = bytes[r.clone()]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits_lead > 0 && digits_lead < r.len() {
            let rest = &text[r.start + digits_lead..r.end];
            if text.matches(rest).count() > text.matches(&text[r.clone()]).count() {
                r.start += digits_lead;
            }
        }
        let Some((stem, brand_digits)) = brand_shape(lex, &text[r.clone()]) else {
            continue;
        };
        let thai = |c: Option<(usize, char)>| c.is_some_and(|(_, c)| crate::segment::is_thai(c));
        let glued_to_thai = thai(prev_visible(text, r.start)) || thai(next_visible(text, r.end));
        out.push(Occurrence {
            key: text[r.clone()].to_ascii_lowercase(),
            range: r,
            source: Source::Brand {
                stem,
                digits: brand_digits,
                glued_to_thai,
            },
            branded: false,
        });
    }
}

/// Unlisted strings planted at injection sites. Candidates come from the anchors a planted
/// term leaves: what follows the last sentence of a paragraph or of the text, and prefixes
/// of the title. A candidate counts only if every copy of it sits at an injection site.
fn planted_strings(
    doc: &Document,
    lex: &Lexicon,
    out: &mut Vec<Occurrence>,
    allowed: &[Range<usize>],
) {
    let text = &doc.text;
    let mut tails = Vec::new();
    for i in 0..doc.paragraphs.len() {
        let content = doc.content(i);
        let run_start = text[content.clone()]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_wordish(c) || is_zero_width(c))
            .last()
            .map_or(content.end, |(j, _)| content.start + j);
        if run_start == content.end || run_start == content.start {
            continue;
        }
        let tail = &text[run_start..content.end];
        let n = tail.chars().count();
        let after_punct = classify_position(doc, &(run_start..content.end)).after_punct;
        if after_punct && (2..=40).contains(&n) {
            tails.push(tail.to_owned());
        }
    }
    let mut prefixes = Vec::new();
    if let Some(title) = &doc.title {
        let t = &text[title.clone()];
        for (j, c) in t.char_indices() {
            let end = j + c.len_utf8();
            if is_space(c) || t[..end].chars().count() > 30 {
                break;
            }
            if t[..end].chars().count() >= 3 && crate::segment::is_grapheme_boundary(t, end) {
                prefixes.push(t[..end].to_owned());
            }
        }
    }
    if tails.is_empty() && prefixes.is_empty() {
        return;
    }
    let mut patterns: Vec<String> = tails.iter().chain(&prefixes).cloned().collect();
    patterns.sort();
    patterns.dedup();
    let mut found: Vec<Vec<Range<usize>>> = vec![Vec::new(); patterns.len()];
    // Title prefixes all extend the shortest one: find it, then see how far each copy goes.
    if let (Some(shortest), Some(title)) = (prefixes.first(), doc.title.clone()) {
        let title = &text[title];
        for (at, _) in text.match_indices(shortest.as_str()) {
            let common = text[at..]
                .bytes()
                .zip(title.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            for p in prefixes.iter().filter(|p| p.len() <= common) {
                if let Ok(k) = patterns.binary_search(p) {
                    found[k].push(at..at + p.len());
                }
            }
        }
    }
    if !tails.is_empty() {
        let Ok(ac) = AhoCorasick::new(&tails) else {
            return;
        };
        for m in ac.find_overlapping_iter(text) {
            if let Ok(k) = patterns.binary_search(&tails[m.pattern().as_usize()])
                && !found[k].contains(&m.range())
            {
                found[k].push(m.range());
            }
        }
    }
    let taken: Vec<Range<usize>> = out.iter().map(|o| o.range.clone()).collect();
    // A candidate may swallow listed hits it contains (ลำไย + สล็อต) but not cut through them.
    let clashes = |r: &Range<usize>| {
        allowed.iter().any(|t| overlaps(t, r))
            || taken.iter().any(|t| {
                overlaps(t, r) && !(r.start <= t.start && t.end <= r.end && r.len() > t.len())
            })
    };
    let accept = |pat: &str, ranges: &[Range<usize>], title_prefix: bool| {
        if ranges.len() < 2 || ranges.iter().any(clashes) {
            return false;
        }
        let pos: Vec<Position> = ranges.iter().map(|r| classify_position(doc, r)).collect();
        let all_sites = pos.iter().all(Position::is_injection_site);
        let not_only_starts = pos.iter().any(|p| !p.is_start());
        let strong_tail = pos.iter().any(|p| p.is_tail() && p.after_punct);
        let any_tail = pos.iter().any(Position::is_tail);
        // A title prefix needs more than its own copies at word ends: names of the article's
        // subject sit there too. A brand stem, or a copy after the last sentence, tips it.
        let enough = !title_prefix
            || strong_tail
            || lex.has_stem(&fold(pat)).is_some()
            || any_tail && ranges.len() >= 3;
        all_sites && not_only_starts && enough
    };
    let mut chosen: Vec<usize> = Vec::new();
    for (k, pat) in patterns.iter().enumerate() {
        if tails.contains(pat) && accept(pat, &found[k], false) {
            chosen.push(k);
        }
    }
    // The longest title prefix that passes is the planted term; shorter ones are its pieces.
    if let Some(k) = (0..patterns.len())
        .filter(|&k| prefixes.contains(&patterns[k]) && !chosen.contains(&k))
        .filter(|&k| accept(&patterns[k], &found[k], true))
        .max_by_key(|&k| patterns[k].len())
    {
        chosen.push(k);
    }
    for k in chosen {
        for r in &found[k] {
            out.retain(|o| {
                !(r.start <= o.range.start && o.range.end <= r.end && o.range.len() < r.len())
            });
            if out.iter().any(|o| overlaps(&o.range, r)) {
                continue;
            }
            out.push(Occurrence {
                range: r.clone(),
                key: fold(&patterns[k]),
                source: Source::Planted,
                branded: false,
            });
        }
    }
}

fn score(doc: &Document, lex: &Lexicon, occ: Vec<Occurrence>) -> Vec<Finding> {
    let positions: Vec<Position> = occ
        .iter()
        .map(|o| classify_position(doc, &o.range))
        .collect();
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, o) in occ.iter().enumerate() {
        groups.entry(o.key.as_str()).or_default().push(i);
    }
    // Topic words that are not themselves planted show the article is about gambling.
    let planted: Vec<&Range<usize>> = occ
        .iter()
        .zip(&positions)
        .filter(|(_, p)| p.is_injection_site())
        .map(|(o, _)| &o.range)
        .collect();
    // Only needed when a gambling word was found; two topic words outside planted spans
    // settle it, so the pass stops there.
    let any_topical = occ.iter().any(|o| {
        matches!(
            o.source,
            Source::Listed(TermClass::Strong | TermClass::Weak)
        )
    });
    let mut planted = planted;
    planted.sort_by_key(|r| r.start);
    let topic_count = if any_topical {
        lex.topic_hits(&doc.text)
            .filter(|t| {
                let k = planted.partition_point(|p| p.end <= t.start);
                !planted.get(k).is_some_and(|p| overlaps(p, t))
            })
            .take(2)
            .count()
    } else {
        0
    };
    let about_gambling = topic_count >= 2;

    // In an article about gambling, a mention that reads as part of its sentence (เกมบาคาร่า
    // ...) is no injection site, even if it ends a chunk.
    let is_site = |i: usize| {
        let (o, p) = (&occ[i], &positions[i]);
        let topical = matches!(
            o.source,
            Source::Listed(TermClass::Strong | TermClass::Weak)
        ) && !o.branded;
        let plain_site = p.is_start() || p.is_strong_site() || p.text_end;
        let reads_as_mention =
            about_gambling && topical && !plain_site && topical_penalty(doc, &o.range, p) < 0.5;
        p.is_injection_site() && !reads_as_mention
    };
    let mut findings = Vec::new();
    for members in groups.values() {
        let sites: Vec<&Position> = members
            .iter()
            .filter(|&&i| is_site(i))
            .map(|&i| &positions[i])
            .collect();
        let all_sites = sites.len() == members.len();
        // A brand token is spam wherever it stands, so every copy counts; a word only where
        // it was planted.
        let copies = if matches!(occ[members[0]].source, Source::Brand { .. }) {
            members.len()
        } else {
            sites.len()
        };
        let repetition = match copies {
            0 | 1 => 0.0,
            2 => 0.25,
            _ => 0.35,
        };
        let kinds_of_site = [
            sites.iter().any(|p| p.is_start()),
            sites.iter().any(|p| p.is_tail()),
            sites.iter().any(|p| p.is_glued_word_end() && !p.is_tail()),
        ]
        .iter()
        .filter(|&&b| b)
        .count();
        let spread = if kinds_of_site >= 2 { 0.15 } else { 0.0 };
        for &i in members {
            let o = &occ[i];
            let pos = &positions[i];
            let (base, rule, mut what) = describe_source(&o.source);
            if o.branded {
                what = "a listed word with a brand name glued on".to_owned();
            }
            let mut confidence = if o.source == Source::Listed(TermClass::Deny) {
                1.0
            } else {
                combine([base, pos.weight(), repetition, spread])
            };
            let planted_often = all_sites && sites.len() >= 2;
            if o.branded {
                confidence = combine([confidence, 0.4]);
            }
            let topical = matches!(
                o.source,
                Source::Listed(TermClass::Strong | TermClass::Weak)
            ) && !o.branded;
            let hidden = disguised(&doc.text[o.range.clone()]);
            if hidden {
                confidence = combine([confidence, 0.5]);
            }
            if about_gambling
                && topical
                && !(planted_often || hidden || pos.is_strong_site() || pos.text_end)
            {
                confidence *= topical_penalty(doc, &o.range, pos);
            }
            // A weak term (หวย, แทง, เครดิตฟรี) needs a planted copy at a strong site.
            if o.source == Source::Listed(TermClass::Weak)
                && !o.branded
                && !sites.iter().any(|p| p.is_strong_site())
            {
                confidence = confidence.min(0.45);
            }
            let range = deletion_range(doc, &o.range);
            let mut message = format!(
                "{} {}, {what}",
                quote(&doc.text[o.range.clone()], 40),
                pos.describe(doc, &o.range)
            );
            let others = if members.len() <= MAX_RELATED {
                summarize_others(members, i, &positions)
            } else {
                format!("occurs {} times in all", members.len())
            };
            if !others.is_empty() {
                message.push_str("; the same term ");
                message.push_str(&others);
            }
            if hidden {
                message.push_str(
                    "; written in disguise (hidden characters, spaced-out or look-alike letters)",
                );
            }
            if about_gambling && confidence < 0.5 {
                message.push_str(
                    "; the article is about gambling, so an in-sentence mention may be legitimate",
                );
            }
            findings.push(Finding {
                kind: Kind::Spam,
                rule,
                range,
                replacement: String::new(),
                confidence: (confidence * 100.0).round() / 100.0,
                message,
                related: members
                    .iter()
                    .filter(|&&j| j != i)
                    .take(MAX_RELATED)
                    .map(|&j| occ[j].range.clone())
                    .collect(),
            });
        }
    }
    findings
}

/// Whether a span hides its letters from filters: zero-width characters, spaced-out letters,
/// full-width or Cyrillic/Greek look-alikes. No newsroom writes that.
fn disguised(s: &str) -> bool {
    let spaced = s
        .split_whitespace()
        .filter(|t| t.chars().count() == 1)
        .count()
        >= 3;
    spaced
        || s.chars().any(|c| {
            is_zero_width(c)
                || ('\u{FF01}'..='\u{FF5E}').contains(&c)
                || ('\u{0370}'..='\u{04FF}').contains(&c)
                    && s.chars().any(|d| d.is_ascii_alphabetic())
        })
}

/// Words after which a gambling term reads as part of the sentence (เล่นบาคาร่า,
/// เว็บพนันออนไลน์, บ่อนสล็อต) rather than glued onto an unrelated word (สหรัฐฯบาคาร่า).
const TOPICAL_LEFT: [&str; 52] = [
    "เกม",
    "เล่น",
    "เว็บ",
    "บ่อน",
    "การ",
    "โต๊ะ",
    "พนัน",
    "บริการ",
    "โฆษณา",
    "ประเภท",
    "เช่น",
    "และ",
    "หรือ",
    "ว่า",
    "คือ",
    "ทั้ง",
    "รวมถึง",
    "ด้วย",
    "ชื่อ",
    "แอป",
    "แพลตฟอร์ม",
    "ธุรกิจ",
    "เครือข่าย",
    "ผู้เล่น",
    "ลงทุน",
    "ไพ่",
    "ตู้",
    "เปิด",
    "จับ",
    "ปราบ",
    "กลุ่ม",
    "ลักษณะ",
    "เป็น",
    "ของ",
    "กับ",
    "ใน",
    "ผ่าน",
    "จาก",
    "ห้าม",
    "ปิด",
    "โปรโมต",
    "โปรโมท",
    "บริหาร",
    "ดำเนิน",
    "ใช้",
    "เข้า",
    "สมัคร",
    "ปิดกั้น",
    "ติด",
    "ลง",
    "เสพ",
    "เลิก",
];

/// Whether an in-article mention reads as part of its sentence. Latin terms in English text
/// stand between words anyway; a Thai term glued after a word fits if that word introduces it.
fn topical_penalty(doc: &Document, range: &Range<usize>, pos: &Position) -> f32 {
    if !pos.glued_before {
        return 0.3;
    }
    let prev = prev_visible(&doc.text, range.start).map_or(' ', |(_, c)| c);
    if prev == '\u{0E2F}' || prev.is_ascii_alphanumeric() {
        // Glued after an abbreviation mark, a digit or a Latin word: not Thai grammar.
        return 0.9;
    }
    let word = super::evidence::previous_word(&doc.text, range.start);
    if TOPICAL_LEFT.iter().any(|w| word.ends_with(w)) {
        0.3
    } else {
        0.7
    }
}

fn describe_source(source: &Source) -> (f32, &'static str, String) {
    match source {
        Source::Listed(TermClass::Deny) => (1.0, "spam.deny-list", "on the user deny list".into()),
        Source::Listed(TermClass::Strong) => {
            (0.6, "spam.lexicon", "a listed gambling-spam term".into())
        }
        Source::Listed(TermClass::Promo) => (
            0.7,
            "spam.lexicon",
            "listed spam jargon or a betting brand".into(),
        ),
        Source::Listed(_) => (
            0.1,
            "spam.lexicon",
            "a listed term that is often legitimate".into(),
        ),
        Source::Brand {
            stem,
            digits,
            glued_to_thai,
        } => {
            let mut w = Vec::new();
            let mut parts = Vec::new();
            if let Some(s) = stem {
                w.push(0.35);
                parts.push(format!("contains the spam stem '{s}'"));
            }
            if *digits {
                w.push(0.3);
                parts.push("letters followed by digits like a betting brand".to_owned());
            }
            if *glued_to_thai {
                w.push(0.15);
                parts.push("glued to Thai text".to_owned());
            }
            (
                combine(w),
                "spam.brand-token",
                format!("an unlisted token that {}", parts.join(", ")),
            )
        }
        Source::Planted => (
            0.3,
            "spam.planted-term",
            "an unlisted string found only at injection sites".into(),
        ),
    }
}

/// Related ranges kept per finding; a term planted thousands of times lists the first few.
const MAX_RELATED: usize = 16;

fn summarize_others(members: &[usize], me: usize, pos: &[Position]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let others: Vec<usize> = members.iter().copied().filter(|&j| j != me).collect();
    if others.iter().any(|&j| pos[j].title_start) {
        parts.push("starts the title".into());
    }
    let para_starts = others
        .iter()
        .filter(|&&j| pos[j].para_start && !pos[j].title_start)
        .count();
    if para_starts > 0 {
        parts.push(plural(
            para_starts,
            "starts a paragraph",
            "start paragraphs",
        ));
    }
    if others.iter().any(|&j| pos[j].text_end) {
        parts.push("ends the text".into());
    }
    let para_ends = others
        .iter()
        .filter(|&&j| pos[j].para_end && !pos[j].text_end)
        .count();
    if para_ends > 0 {
        parts.push(plural(para_ends, "ends a paragraph", "end paragraphs"));
    }
    let glued = others
        .iter()
        .filter(|&&j| pos[j].is_glued_word_end() && !pos[j].is_start() && !pos[j].para_end)
        .count();
    if glued > 0 {
        parts.push(format!(
            "is glued onto {glued} other word{}",
            if glued == 1 { "" } else { "s" }
        ));
    }
    let elsewhere = others
        .iter()
        .filter(|&&j| !pos[j].is_injection_site())
        .count();
    if elsewhere > 0 {
        parts.push(format!(
            "occurs {elsewhere} more time{} inside sentences",
            if elsewhere == 1 { "" } else { "s" }
        ));
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_owned()
    } else {
        format!("{n} times {many}")
    }
}

/// The range to delete so that removing a span leaves exactly one space where one is needed:
/// "สหรัฐฯบาคาร่า เดินทาง" becomes "สหรัฐฯ เดินทาง", "a X b" becomes "a b", and a span that
/// is a whole paragraph takes its blank-line separator with it.
pub fn deletion_range(doc: &Document, span: &Range<usize>) -> Range<usize> {
    let text = &doc.text;
    let mut r = span.clone();
    // Leftover zero-width characters of the disguise go too.
    while let Some(c) = text[..r.start]
        .chars()
        .next_back()
        .filter(|&c| is_zero_width(c))
    {
        r.start -= c.len_utf8();
    }
    while let Some(c) = text[r.end..].chars().next().filter(|&c| is_zero_width(c)) {
        r.end += c.len_utf8();
    }
    if let Some(i) = doc.paragraph_at(r.start) {
        let content = doc.content(i);
        if r.start <= content.start && r.end >= content.end {
            return whole_paragraph(doc, i);
        }
    }
    let hspace = |c: char| is_space(c) && c != '\n' && c != '\r';
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    let line_start = before.is_none_or(|c| c == '\n');
    let line_end = after.is_none_or(|c| c == '\n' || c == '\r');
    let space_before = before.is_some_and(hspace);
    let space_after = after.is_some_and(hspace);
    if (space_before || line_start) && space_after {
        while let Some(c) = text[r.end..].chars().next().filter(|&c| hspace(c)) {
            r.end += c.len_utf8();
        }
    } else if space_before && line_end {
        while let Some(c) = text[..r.start].chars().next_back().filter(|&c| hspace(c)) {
            r.start -= c.len_utf8();
        }
    }
    r
}

/// A whole paragraph with the separator before it (or after it, for the first one).
pub(crate) fn whole_paragraph(doc: &Document, i: usize) -> Range<usize> {
    let p = &doc.paragraphs[i];
    if i > 0 {
        doc.paragraphs[i - 1].end..p.end
    } else if let Some(next) = doc.paragraphs.get(1) {
        p.start..next.start
    } else {
        p.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spam(text: &str) -> Vec<(String, f32)> {
        let doc = Document::new(text);
        let lex = Lexicon::builtin();
        detect(&doc, &lex)
            .into_iter()
            .map(|f| (doc.text[f.range].to_owned(), f.confidence))
            .collect()
    }

    #[test]
    fn glued_listed_term_is_deleted_keeping_the_space() {
        let doc = Document::new("ข่าว\n\nรัฐมนตรีสหรัฐฯบาคาร่า เดินทางไป");
        let f = detect(&doc, &Lexicon::builtin());
        assert_eq!(f.len(), 1);
        assert_eq!(&doc.text[f[0].range.clone()], "บาคาร่า");
        assert!(f[0].confidence >= 0.5);
    }

    #[test]
    fn spaced_term_takes_one_space_with_it() {
        let doc = Document::new("ข่าว\n\nวันนี้ บาคาร่า ฝนตก");
        let f = detect(&doc, &Lexicon::builtin());
        assert_eq!(&doc.text[f[0].range.clone()], "บาคาร่า ");
    }

    #[test]
    fn unlisted_brand_with_digits_glued_to_thai_is_found() {
        let found = spam("ข่าวเศรษฐกิจ\n\nตลาดหุ้นปรับตัวขึ้นrambutanbet77 ในวันนี้");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "rambutanbet77");
        assert!(found[0].1 >= 0.5, "{found:?}");
    }

    #[test]
    fn covid19_alone_is_not_spam() {
        let found = spam("Health\n\nCases of covid19 fell in March.");
        assert!(found.iter().all(|(_, c)| *c < 0.5), "{found:?}");
    }

    #[test]
    fn unlisted_thai_term_planted_at_title_and_tail_is_found() {
        let found = spam(
            "มะยมเด้งข่าวการเมือง\n\nรัฐบาลประกาศนโยบายใหม่มะยมเด้ง วันนี้\n\nจบข่าว (รายงานโดย สมชาย)มะยมเด้ง",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(t, c)| t.contains("มะยมเด้ง") && *c >= 0.5),
            "{found:?}"
        );
    }
}
