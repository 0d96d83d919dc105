//! Per-document candidates: every string that sits at an injection site, with its site,
//! a fingerprint of its surroundings and how often it occurs elsewhere in the document.
//!
//! No segmenter knows a new brand, so a term's boundary is unknown. At each site every
//! string that ends (or, in front of a title, starts) at a word boundary is a candidate, up
//! to a few words; ranking across the corpus keeps the one that recurs.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Site;
use crate::document::Document;
use crate::lexicon::{Lexicon, TermClass};
use crate::normalize::{Skeleton, fold};
use crate::segment::{
    is_closing_punct, is_grapheme_boundary, is_space, is_thai, is_wordish, is_zero_width,
    thai_break_allowed, word_boundaries,
};

/// Longest candidate, in characters: spam terms are short brand names and phrases.
const MAX_CHARS: usize = 30;
/// Most segments a candidate spans: the segmenter cuts a made-up word into pieces that are
/// no syllables (ขึ๊ด|ดฟึ่|บจ๊|อบ|กรุ๊ง), so a four-syllable brand can take five or six.
const MAX_WORDS: usize = 6;
/// Characters around a site that make up its fingerprint.
const CONTEXT_CHARS: usize = 12;
/// Characters either side of a term in a sample.
const SAMPLE_CHARS: usize = 24;

/// The candidates of one document, grouped by folded key.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    pub(crate) terms: Vec<DocTerm>,
}

impl DocTerms {
    /// Number of distinct candidate strings.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct DocTerm {
    pub key: String,
    pub display: String,
    pub known: Option<TermClass>,
    /// Contains a piece of spam brand names (เบท, slot, 888) or a listed term.
    pub branded: bool,
    pub hits: Vec<Hit>,
    /// Occurrences of the key in this document that are not at a site.
    pub elsewhere: usize,
    /// The first hit in context.
    pub sample: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub range: Range<usize>,
    pub site: Site,
    /// After closing punctuation or glued in front of the title: places no ordinary word
    /// ends up by accident.
    pub strong: bool,
    pub context: u64,
    /// The word the hit is glued onto, hashed; `None` after punctuation or at the title.
    pub left: Option<u64>,
}

struct Raw {
    range: Range<usize>,
    site: Site,
    strong: bool,
    left: Option<u64>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Candidates at the injection sites of one document.
pub fn extract(text: &str, lexicon: &Lexicon) -> DocTerms {
    let doc = Document::new(text);
    let mut raw = Vec::new();
    chunk_ends(&doc, &mut raw);
    title_prefixes(&doc, &mut raw);
    glued_latin(&doc, &mut raw);
    // URLs, e-mail addresses, domain and file names recur at paragraph ends of press
    // releases (www.itc.or.th): pieces of them are never candidates.
    let links = crate::detect::links::link_spans(&doc.text);
    raw.retain(|r| !crate::detect::links::overlaps_any(&links, &r.range));
    group(&doc, lexicon, raw)
}

fn para_end_site(doc: &Document, paragraph: usize) -> Site {
    if paragraph + 1 == doc.paragraphs.len() {
        Site::Tail
    } else {
        Site::ParagraphEnd
    }
}

/// Space-separated chunks of `range`.
fn chunks(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    text[range]
        .split(is_space)
        .scan(base, |at, s| {
            let r = *at..*at + s.len();
            // Every separator is one whitespace character.
            *at = r.end + text[r.end..].chars().next().map_or(0, char::len_utf8);
            Some(r)
        })
        .filter(|r| !r.is_empty())
}

/// Start of the window of at most `n` characters that ends at `end`, not before `floor`.
fn back_chars(text: &str, end: usize, n: usize, floor: usize) -> usize {
    text[floor..end]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// End of the window of at most `n` characters that starts at `start`, not after `ceil`.
fn forward_chars(text: &str, start: usize, n: usize, ceil: usize) -> usize {
    text[start..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| start + i)
}

/// Whether the character before `pos` ends a sentence, a quote or a bracket. A full stop
/// after a Thai letter is an abbreviation (ก.ย., รศ.ดร.), not a sentence end.
fn after_punct(text: &str, pos: usize) -> bool {
    let mut before = text[..pos].chars().rev().filter(|&c| !is_zero_width(c));
    match before.next() {
        // After a Thai letter an abbreviation, after a digit a list number or a decimal
        // point (1.ฟรีค่าธรรมเนียม, 0.0px).
        Some('.') => {
            let thai_digit = |c: &char| ('\u{0E50}'..='\u{0E59}').contains(c);
            let rest: Vec<char> = before.take(4).collect();
            let digits = rest
                .iter()
                .take_while(|c| c.is_ascii_digit() || thai_digit(c))
                .count();
            // A list number is one or two digits after a space, a bracket or the start.
            let list_number = (1..=2).contains(&digits)
                && rest.get(digits).is_none_or(|&c| is_space(c) || c == '(');
            let abbreviation = rest.first().is_some_and(|c| is_thai(*c) && !thai_digit(c));
            !list_number && !abbreviation
        }
        // A list number in brackets: (1)ยุทธศาสตร์.
        Some(')') => {
            let mut inner =
                before.skip_while(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(c));
            inner.next() != Some('(')
        }
        // A straight quote after a space or at the start opens a quote ("This).
        Some('"' | '\'') => before.next().is_some_and(|c| !is_space(c)),
        Some(c) => is_closing_punct(c),
        None => false,
    }
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().rev().find(|&c| !is_zero_width(c))
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().find(|&c| !is_zero_width(c))
}

/// Whether a string could be a term: a few letters, starting and ending with a word character.
fn termlike(s: &str) -> bool {
    // Cheap tests first: the Unicode tables behind is_alphabetic are slow for Thai.
    let letter = |c: char| {
        c.is_ascii_alphabetic()
            || is_thai(c) && !('\u{0E50}'..='\u{0E59}').contains(&c)
            || !c.is_ascii() && !is_thai(c) && c.is_alphabetic()
    };
    let letters = s.chars().filter(|&c| letter(c)).count();
    letters >= 2
        && s.chars().count() >= 3
        && s.chars().next().is_some_and(is_wordish)
        && s.chars().next_back().is_some_and(is_wordish)
}

/// Strings glued onto the end of a chunk: what was planted before a space or at the end of
/// a paragraph, glued to the last word or to the closing punctuation of the last sentence.
fn chunk_ends(doc: &Document, out: &mut Vec<Raw>) {
    let text = doc.text.as_str();
    for p in 0..doc.paragraphs.len() {
        let content = doc.content(p);
        for chunk in chunks(text, content.clone()) {
            if !text[..chunk.end]
                .chars()
                .next_back()
                .is_some_and(is_wordish)
            {
                continue;
            }
            let site = if chunk.end == content.end {
                para_end_site(doc, p)
            } else {
                Site::Glued
            };
            // Segment only the end of the chunk: long Thai chunks are whole clauses.
            let from = back_chars(text, chunk.end, MAX_CHARS + 16, chunk.start);
            let mut bounds: Vec<usize> = word_boundaries(&text[from..chunk.end])
                .into_iter()
                .map(|b| from + b)
                .filter(|&b| b > chunk.start && (b > from || from == chunk.start))
                .collect();
            // The segmenter keeps "end.brand" together; a sentence end and a change of
            // script are always places where a term can start.
            bounds.extend(script_cuts(text, from.max(chunk.start + 1)..chunk.end));
            bounds.sort_unstable();
            bounds.dedup();
            for (k, &b) in bounds.iter().enumerate().rev() {
                if b >= chunk.end {
                    continue;
                }
                let words = bounds.len() - 1 - k;
                let s = &text[b..chunk.end];
                if words > MAX_WORDS || s.chars().count() > MAX_CHARS {
                    break;
                }
                let Some(prev) = prev_char(text, b) else {
                    continue;
                };
                let strong = after_punct(text, b);
                // Glued after a decimal point, a string is a number's unit (0.0px).
                if prev_char(text, b) == Some('.')
                    && text[b..].starts_with(|c: char| c.is_ascii_digit())
                    && text[..b]
                        .trim_end_matches('.')
                        .ends_with(|c: char| c.is_ascii_digit())
                {
                    continue;
                }
                // After an abbreviation's full stop (ดร.สมชาย) a term may still sit, but
                // so do names: allowed, not strong.
                if !(is_closing_punct(prev) || is_wordish(prev))
                    || !termlike(s)
                    || !is_grapheme_boundary(text, b)
                {
                    continue;
                }
                // A fixed collocation (เปิด|เผยว่า) always has the same word in front; a
                // planted term is glued onto whatever word was there.
                let word_start = if k > 0 { bounds[k - 1] } else { from };
                out.push(Raw {
                    range: b..chunk.end,
                    site,
                    strong,
                    left: (!strong).then(|| hash_str(&text[word_start..b])),
                });
            }
        }
    }
}

/// Offsets in `range` after closing punctuation or where Thai and Latin meet.
fn script_cuts(text: &str, range: Range<usize>) -> Vec<usize> {
    let start = text.ceil_char_boundary(range.start);
    let mut out = Vec::new();
    let mut prev = prev_char(text, start);
    for (i, c) in text[start..range.end].char_indices() {
        if is_zero_width(c) {
            continue;
        }
        if let Some(p) = prev {
            let switch =
                is_thai(p) && c.is_ascii_alphanumeric() || p.is_ascii_alphanumeric() && is_thai(c);
            if switch || is_closing_punct(p) && is_wordish(c) {
                out.push(start + i);
            }
        }
        prev = Some(c);
    }
    out
}

/// Strings in front of the title: prefixes of its first chunk, glued to the title, and for
/// spaced scripts the first few words.
fn title_prefixes(doc: &Document, out: &mut Vec<Raw>) {
    let Some(title) = doc.title.clone() else {
        return;
    };
    let text = doc.text.as_str();
    let mut chunk_iter = chunks(text, title.clone());
    let Some(first) = chunk_iter.next() else {
        return;
    };
    let to = forward_chars(text, first.start, MAX_CHARS + 16, first.end);
    let words: Vec<usize> = word_boundaries(&text[first.start..to])
        .into_iter()
        .map(|b| first.start + b)
        .filter(|&b| b > first.start)
        .collect();
    // Glued onto a Thai title, a made-up word often loses its last boundary to the
    // segmenter (ลึ้ม|อุบลฯ becomes ลึ้มอุ|บลฯ). One title per document is cheap enough to
    // try every place between two Thai letters a syllable may end; the cuts that do not
    // recur across documents fall away in ranking.
    let syllables = text[first.start..to]
        .char_indices()
        .map(|(i, _)| first.start + i)
        .filter(|&b| {
            b > first.start
                && prev_char(text, b).is_some_and(is_thai)
                && next_char(text, b).is_some_and(is_thai)
                && thai_break_allowed(text, b)
        });
    let mut bounds: Vec<usize> = words
        .iter()
        .copied()
        .chain(script_cuts(text, first.start..to))
        .chain(syllables)
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    for &end in &bounds {
        let spanned = words.partition_point(|&w| w < end) + 1;
        if spanned > MAX_WORDS || text[first.start..end].chars().count() > MAX_CHARS {
            break;
        }
        // A window cut short is no word boundary.
        if end == to && to < first.end {
            break;
        }
        let s = &text[first.start..end];
        if !termlike(s) || !is_grapheme_boundary(text, end) {
            continue;
        }
        out.push(Raw {
            range: first.start..end,
            site: Site::TitleStart,
            strong: end < first.end && next_char(text, end).is_some_and(is_wordish),
            left: None,
        });
    }
    // "slot gacor Title": a spaced phrase in front of the title.
    for next in chunk_iter.take(2) {
        if text[first.start..next.end].chars().count() > MAX_CHARS {
            break;
        }
        if termlike(&text[first.start..next.end]) {
            out.push(Raw {
                range: first.start..next.end,
                site: Site::TitleStart,
                strong: false,
                left: None,
            });
        }
    }
}

/// Latin letters and digits glued to Thai on either side (ตลาดหุ้นขึ้นrambutanbet77):
/// newsrooms put a space between scripts, brand injectors do not.
fn glued_latin(doc: &Document, out: &mut Vec<Raw>) {
    let text = doc.text.as_str();
    for r in crate::segment::ascii_alnum_runs(text) {
        let thai_before = prev_char(text, r.start).is_some_and(is_thai);
        let thai_after = next_char(text, r.end).is_some_and(is_thai);
        if !(thai_before || thai_after) || !termlike(&text[r.clone()]) {
            continue;
        }
        let p = doc.paragraph_at(r.start);
        let site = match p {
            _ if doc.title.as_ref().is_some_and(|t| t.start == r.start) => Site::TitleStart,
            Some(p) if doc.content(p).end == r.end => para_end_site(doc, p),
            _ => Site::Glued,
        };
        let left = (site != Site::TitleStart)
            .then(|| hash_str(&text[back_chars(text, r.start, 4, 0)..r.start]));
        // A number in front is often the sentence's own (ร้อยละ 14ramyai940): the brand
        // may start after it.
        let lead = text[r.clone()].len()
            - text[r.clone()]
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        if lead > 0 && lead < r.len() && termlike(&text[r.start + lead..r.end]) {
            out.push(Raw {
                range: r.start + lead..r.end,
                site,
                strong: false,
                left,
            });
        }
        out.push(Raw {
            range: r,
            site,
            strong: false,
            left,
        });
    }
}

fn fingerprint(text: &str, range: &Range<usize>) -> u64 {
    let before = back_chars(text, range.start, CONTEXT_CHARS, 0);
    let after = forward_chars(text, range.end, CONTEXT_CHARS, text.len());
    let mut h = DefaultHasher::new();
    text[before..range.start].hash(&mut h);
    text[range.end..after].hash(&mut h);
    h.finish()
}

/// A short snippet with the term marked: `…ก่อนหน้า«term»ต่อมา…`.
pub(crate) fn snippet(text: &str, range: &Range<usize>) -> String {
    // Built for every distinct candidate of every document, so without format! and
    // temporary strings.
    let before = back_chars(text, range.start, SAMPLE_CHARS, 0);
    let after = forward_chars(text, range.end, SAMPLE_CHARS, text.len());
    let mut out = String::with_capacity(after - before + 12);
    let mut push = |s: &str| {
        for part in s.split_inclusive(['\n', '\r']) {
            match part.strip_suffix(['\n', '\r']) {
                Some(line) => {
                    out.push_str(line);
                    out.push(' ');
                }
                None => out.push_str(part),
            }
        }
    };
    if before > 0 {
        push("…");
    }
    push(&text[before..range.start]);
    push("«");
    push(&text[range.clone()]);
    push("»");
    push(&text[range.end..after]);
    if after < text.len() {
        push("…");
    }
    out
}

/// The list a key is on: a hit that covers the whole key, or `Allow` if any part of it is
/// allow-listed (so that สล็อตการบิน never comes back under another cut).
fn known_class(lexicon: &Lexicon, key: &str) -> Option<TermClass> {
    let hits = lexicon.find(key);
    if hits.iter().any(|m| m.class == TermClass::Allow) {
        return Some(TermClass::Allow);
    }
    hits.iter()
        .find(|m| m.start == 0 && m.end == key.len())
        .map(|m| m.class)
}

/// A lowercase Latin name with a number (zorkamee77, 77zorkamee): how betting brands are
/// written, and never an ordinary word.
fn brand_like(key: &str) -> bool {
    let letters = key.bytes().filter(u8::is_ascii_lowercase).count();
    let digits = key.bytes().filter(u8::is_ascii_digit).count();
    let core = key.trim_matches(|c: char| c.is_ascii_digit());
    letters >= 3
        && digits >= 2
        && key.len() == letters + digits
        && core.bytes().all(|b| b.is_ascii_lowercase())
        && !key[key.len() - 4.min(key.len())..].starts_with("20")
}

fn group(doc: &Document, lexicon: &Lexicon, mut raw: Vec<Raw>) -> DocTerms {
    let text = doc.text.as_str();
    raw.sort_by_key(|r| (r.range.start, r.range.end, r.site));
    raw.dedup_by(|a, b| a.range == b.range);
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut terms: Vec<DocTerm> = Vec::new();
    for r in raw {
        let key = fold(&text[r.range.clone()]);
        if key.chars().count() < 3 {
            continue;
        }
        let hit = Hit {
            context: fingerprint(text, &r.range),
            range: r.range,
            site: r.site,
            strong: r.strong,
            left: r.left,
        };
        if let Some(&k) = by_key.get(&key) {
            terms[k].hits.push(hit);
            continue;
        }
        let known = known_class(lexicon, &key);
        if known == Some(TermClass::Allow) {
            continue;
        }
        let branded =
            known.is_some() || lexicon.contains_stem(&key) || brand_like(&text[hit.range.clone()]);
        by_key.insert(key.clone(), terms.len());
        terms.push(DocTerm {
            branded,
            display: text[hit.range.clone()].to_owned(),
            sample: snippet(text, &hit.range),
            key,
            known,
            hits: vec![hit],
            elsewhere: 0,
        });
    }
    count_elsewhere(text, &mut terms);
    DocTerms { terms }
}

/// How often each key occurs in the document beyond its site hits: an ordinary word is used
/// inside sentences too, a planted term is not.
fn count_elsewhere(text: &str, terms: &mut [DocTerm]) {
    if terms.is_empty() {
        return;
    }
    let skeleton = Skeleton::build(text, 0..text.len()).text;
    // Keys are mostly suffixes of the same chunk ends (ลำไยเว็บตรง, ไยเว็บตรง, เว็บตรง):
    // reversed, they share their trie paths, and the automaton is several times smaller
    // to build. Byte order does not matter to a byte matcher.
    let reversed: Vec<u8> = skeleton.bytes().rev().collect();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        // Built for one search: converting to a faster automaton would cost more than it saves.
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(
            terms
                .iter()
                .map(|t| t.key.bytes().rev().collect::<Vec<u8>>()),
        )
    else {
        return;
    };
    let bytes = skeleton.as_bytes();
    let n = bytes.len();
    let mut total = vec![0usize; terms.len()];
    // Bytes are enough: no byte of a multi-byte character is ASCII.
    let latin = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    for m in ac.find_overlapping_iter(reversed.as_slice()) {
        let t = m.pattern().as_usize();
        let (start, end) = (n - m.end(), n - m.start());
        // A Latin key counts only as a whole token: `bet` is not in `alphabet`.
        if terms[t].key.is_ascii() && (latin(start.checked_sub(1)) || latin(Some(end))) {
            continue;
        }
        total[t] += 1;
    }
    for (t, n) in terms.iter_mut().zip(total) {
        t.elsewhere = n.saturating_sub(t.hits.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, Site)> {
        let terms = extract(text, &Lexicon::builtin());
        let mut out: Vec<(String, Site)> = terms
            .terms
            .iter()
            .flat_map(|t| t.hits.iter().map(|h| (t.key.clone(), h.site)))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn planted_term_is_a_candidate_at_each_site() {
        let text = "มะยมเด้งข่าวการเมือง\n\nรัฐบาลประกาศนโยบายใหม่มะยมเด้ง วันนี้\n\nจบข่าว (รายงานโดย สมชาย)มะยมเด้ง";
        let k = keys(text);
        for site in [Site::TitleStart, Site::Glued, Site::Tail] {
            assert!(
                k.iter().any(|(key, s)| key == "มะยมเด้ง" && *s == site),
                "{site:?} missing in {k:?}"
            );
        }
    }

    #[test]
    fn latin_glued_to_thai_is_a_candidate_and_case_is_folded() {
        let k = keys("ข่าว\n\nตลาดหุ้นRambutanBet77ปรับตัวขึ้น วันนี้");
        assert!(k.iter().any(|(key, _)| key == "rambutanbet77"), "{k:?}");
    }

    #[test]
    fn allow_listed_terms_never_become_candidates() {
        let k = keys("ข่าว\n\nสนามบินจัดสรรสล็อตการบิน ใหม่\n\nจบ.สล็อตการบิน");
        assert!(k.iter().all(|(key, _)| !key.contains("สล็อตการบิน")), "{k:?}");
    }

    #[test]
    fn ordinary_words_inside_sentences_count_as_elsewhere() {
        let text = "Title\n\nThe plan.plan was approved, and the plan starts now.";
        let terms = extract(text, &Lexicon::builtin());
        let plan = terms.terms.iter().find(|t| t.key == "plan");
        assert_eq!(plan.map(|t| (t.hits.len(), t.elsewhere)), Some((1, 2)));
    }

    #[test]
    fn samples_mark_the_term() {
        let text = "abc defXYZ ghi";
        assert_eq!(snippet(text, &(7..10)), "abc def«XYZ» ghi");
        assert_eq!(snippet("a\r\nb\nXY", &(5..7)), "a  b «XY»");
    }
}
