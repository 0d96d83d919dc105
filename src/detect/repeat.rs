//! Phrases repeated inside a paragraph: "X X", "XX" and the gapped "u v u" with a short v.
//!
//! One left-to-right pass per paragraph. A small direct-mapped table remembers where each
//! 10-byte window was last seen; a hit within the bounded period is verified and extended
//! both ways, then judged. The pass is linear in the paragraph length and allocates nothing
//! per character.

use std::ops::Range;

use super::Rule;
use super::units::trimmed as trim_range;
use super::{CopyEvidence, CopyUnit, Doubt, Evidence, Finding, Kind, units};
use crate::document::Document;
use crate::segment::{count_words, is_grapheme_boundary, is_space, word_boundaries};

const WINDOW: usize = 10;
const MAX_PERIOD: usize = 1200;
const TABLE_BITS: u32 = 14;

/// Confidence of a repeat that is only worth a look: below the default threshold and below
/// the 0.3 at which layout suggestions are listed.
pub(crate) fn suggestion() -> f32 {
    super::score::weights().duplicate.suggestion
}

/// A phrase glued to its own copy that is at least this long (characters, words) is fixed
/// even where the segmenter joins the copy's last word to the next one.
const GLUED_LONG_CHARS: usize = 15;
const GLUED_LONG_WORDS: usize = 3;

/// Gaps that close the phrase before them (possessives): "u ของตน u" repeats u by mistake.
const CLOSING_GAPS: [&str; 9] = [
    "ของตน",
    "ของตัวเอง",
    "ของตนเอง",
    "ของเขา",
    "ของเธอ",
    "ของเรา",
    "ของพวกเขา",
    "ของท่าน",
    "ของพวกเรา",
];

/// Words that start a phrase which cannot stand in apposition: "คณะทำงานของรัฐมนตรี
/// ของรัฐมนตรี" is a slip, where "ประธานคณะกรรมการ คณะกรรมการ…" names the committee in full.
const BOUND_STARTS: [&str; 16] = [
    "ของ",
    "ที่",
    "ซึ่ง",
    "ใน",
    "จาก",
    "ให้",
    "แก่",
    "เพื่อ",
    "โดย",
    "กับ",
    "ว่า",
    "เป็น",
    "จะ",
    "ได้",
    "of",
    "to",
];

/// Words that join two different things: "u และ u" or "u or u" is coordination, not a slip.
const JOINERS: [&str; 18] = [
    "และ",
    "หรือ",
    "กับ",
    "ถึง",
    "ต่อ",
    "แต่",
    "รอง",
    "และรอง",
    "กับรอง",
    "and",
    "or",
    "to",
    "vs",
    "by",
    "with",
    "&",
    "deputy",
    "versus",
];

pub fn detect(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut table = vec![0u32; 1 << TABLE_BITS];
    for i in 0..doc.paragraphs.len() {
        let content = doc.content(i);
        if content.len() > WINDOW * 2 {
            // No clearing between paragraphs: entries from before `content.start` are ignored.
            scan_paragraph(doc, content, &mut table, &mut out);
        }
    }
    out
}

fn window_hash(b: &[u8]) -> usize {
    // Two overlapping little-endian words cover the 10-byte window; multiply-shift mixes them.
    let lo = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    let hi = u64::from(u16::from_le_bytes([b[8], b[9]]));
    let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - TABLE_BITS)) as usize
}

struct Paragraph<'a> {
    text: &'a str,
    range: Range<usize>,
    /// The chunk last segmented and its word boundaries.
    words: Option<(Range<usize>, Vec<usize>)>,
    quotes: Option<Vec<Range<usize>>>,
}

impl Paragraph<'_> {
    /// Whether `pos` is a word boundary or touches whitespace. Only the chunk around `pos`
    /// (between spaces, which are always breaks) is segmented, and the last one is cached.
    fn boundary(&mut self, pos: usize) -> bool {
        let t = self.text;
        if pos <= self.range.start || pos >= self.range.end {
            return true;
        }
        if t[..pos].ends_with(is_space) || t[pos..].starts_with(is_space) {
            return true;
        }
        if let Some((chunk, words)) = &self.words
            && chunk.start < pos
            && pos < chunk.end
        {
            return words.binary_search(&pos).is_ok();
        }
        let start = t[self.range.start..pos]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_space(c))
            .map_or(self.range.start, |(i, c)| {
                self.range.start + i + c.len_utf8()
            });
        let end = t[pos..self.range.end]
            .find(is_space)
            .map_or(self.range.end, |i| pos + i);
        let words: Vec<usize> = word_boundaries(&t[start..end])
            .into_iter()
            .map(|b| b + start)
            .collect();
        let hit = words.binary_search(&pos).is_ok();
        self.words = Some((start..end, words));
        hit
    }

    fn chant(&mut self, r: &Range<usize>) -> bool {
        let text = self.text;
        is_chant(text, self.quotes(), r)
    }

    /// Whether `r` lies inside one quotation.
    fn quoted(&mut self, r: &Range<usize>) -> bool {
        self.quotes()
            .iter()
            .any(|q| q.start <= r.start && r.end <= q.end)
    }

    fn quotes(&mut self) -> &[Range<usize>] {
        let (text, range) = (self.text, self.range.clone());
        self.quotes.get_or_insert_with(|| quote_spans(text, range))
    }
}

/// Whether the repeat `r` (both copies) is a chant: inside quotation marks and most of what
/// is quoted (“สู้ต่อไป สู้ต่อไป”). A phrase doubled inside a long quote is still a slip.
pub(crate) fn is_chant(text: &str, quotes: &[Range<usize>], r: &Range<usize>) -> bool {
    // A chant is short: a sentence pasted twice inside a quote is no chant.
    const CHANT_MAX_CHARS: usize = 60;
    text[r.clone()].chars().count() <= CHANT_MAX_CHARS
        && quotes.iter().any(|q| {
            q.start <= r.start && r.end <= q.end && (r.end - r.start) * 2 >= q.end - q.start
        })
}

/// Spans between matching quotation marks, where a repeated chant is legitimate.
pub(crate) fn quote_spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        match (open, c) {
            (None, '“' | '«' | '"' | '„') => open = Some((at, c)),
            (Some((s, '“')), '”')
            | (Some((s, '«')), '»')
            | (Some((s, '"')), '"')
            | (Some((s, '„')), '“' | '”') => {
                spans.push(s..at + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    spans
}

fn scan_paragraph(doc: &Document, range: Range<usize>, table: &mut [u32], out: &mut Vec<Finding>) {
    let text = doc.text.as_str();
    let bytes = text.as_bytes();
    let mut para = Paragraph {
        text,
        quotes: None,
        range: range.clone(),
        words: None,
    };
    let (s, e) = (range.start, range.end);
    let mut j = s;
    while j + WINDOW <= e {
        if !text.is_char_boundary(j) {
            j += 1;
            continue;
        }
        let h = window_hash(&bytes[j..j + WINDOW]);
        let seen = table[h] as usize;
        table[h] = (j + 1) as u32;
        if seen == 0 {
            j += 1;
            continue;
        }
        let i = seen - 1;
        if i < s || i >= j || j - i > MAX_PERIOD || bytes[i..i + WINDOW] != bytes[j..j + WINDOW] {
            j += 1;
            continue;
        }
        let mut fwd = WINDOW;
        while j + fwd < e && bytes[i + fwd] == bytes[j + fwd] {
            fwd += 1;
        }
        let mut back = 0;
        while i - back > s && back < MAX_PERIOD && bytes[i - back - 1] == bytes[j - back - 1] {
            back += 1;
        }
        // Too short to judge whatever the boundaries: skip before any segmentation.
        let chars = bytes[i - back..i + fwd]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        if chars < 8 {
            if let Some(f) = retyped_tail(doc, &mut para, i - back, j - back, fwd + back) {
                let skip_to = f.range.end.max(j + 1);
                out.push(f);
                j = skip_to;
            } else {
                j += 1;
            }
            continue;
        }
        let (mut i0, mut j0, mut len) = (i - back, j - back, fwd + back);
        // Byte-wise matching can stop inside a character; keep whole characters only.
        while !text.is_char_boundary(i0) || !text.is_char_boundary(j0) {
            i0 += 1;
            j0 += 1;
            len -= 1;
        }
        while !text.is_char_boundary(i0 + len) || !text.is_char_boundary(j0 + len) {
            len -= 1;
        }
        // Nor inside a cluster: ให้|อาคาร and ได้|อาคาร share the tone mark, not a word.
        while len > 0 && !(is_grapheme_boundary(text, i0) && is_grapheme_boundary(text, j0)) {
            let step = text[i0..].chars().next().map_or(1, char::len_utf8);
            i0 += step;
            j0 += step;
            len = len.saturating_sub(step);
        }
        while len > 0
            && !(is_grapheme_boundary(text, i0 + len) && is_grapheme_boundary(text, j0 + len))
        {
            len -= text[..i0 + len]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
        }
        match judge(doc, &mut para, i0, j0, len) {
            Some(f) => {
                let skip_to = f.range.end.max(j + 1);
                out.push(f);
                j = skip_to;
            }
            // Past the rejected copy (less one window, so a repeat starting right after it
            // is still seen): re-extending the same run from every byte would be quadratic.
            // The skipped windows are still remembered, so a copy of them further on finds
            // its nearest original.
            None => {
                let next = (j + fwd).saturating_sub(WINDOW).max(j + 1);
                for k in j + 1..next.min(e + 1 - WINDOW) {
                    if text.is_char_boundary(k) {
                        table[window_hash(&bytes[k..k + WINDOW])] = (k + 1) as u32;
                    }
                }
                j = next;
            }
        }
    }
}

/// A word typed again without its first letter or two: "เห็นชอบห็นชอบ". The repeat is
/// too short to judge as a phrase, but its first copy starts one or two characters into a
/// word and the second follows it directly, so the second is the slip.
fn retyped_tail(
    doc: &Document,
    para: &mut Paragraph,
    i0: usize,
    j0: usize,
    len: usize,
) -> Option<Finding> {
    let text = doc.text.as_str();
    // Byte-wise matching can run into the first byte of the next character.
    let (mut i0, mut j0, mut len) = (i0, j0, len);
    while len > 0 && !(text.is_char_boundary(i0) && text.is_char_boundary(j0)) {
        (i0, j0, len) = (i0 + 1, j0 + 1, len - 1);
    }
    while len > 0 && !text.is_char_boundary(j0 + len) {
        len -= 1;
    }
    if len == 0
        || i0 + len != j0
        || !text.is_char_boundary(i0)
        || !text.is_char_boundary(j0)
        || !text.is_char_boundary(j0 + len)
    {
        return None;
    }
    let tail = &text[i0..j0];
    if tail.chars().count() < 4 || !tail.chars().all(crate::segment::is_thai) {
        return None;
    }
    // The whole word: from the last space or word boundary before the first copy.
    let head_start = text[para.range.start..i0]
        .char_indices()
        .rev()
        .take(3)
        .find(|&(k, _)| para.boundary(para.range.start + k))
        .map(|(k, _)| para.range.start + k)?;
    let head = &text[head_start..i0];
    if head.is_empty()
        || head.chars().count() > 2
        || !head.chars().all(crate::segment::is_thai)
        || para.boundary(i0)
        || !para.boundary(j0 + len)
    {
        return None;
    }
    Some(Finding {
        kind: Kind::Duplicate,
        rule: Rule::DuplicateAdjacentPhrase,
        range: j0..j0 + len,
        replacement: String::new(),
        confidence: super::score::weights().duplicate.adjacent_phrase,
        message: String::new(),
        evidence: Evidence::Copy(CopyEvidence {
            unit: CopyUnit::AdjacentPhrase,
            copy: j0..j0 + len,
            other: head_start..j0,
            line: None,
            complete: None,
            cut: None,
            doubt: None,
        }),
        related: vec![Range {
            start: head_start,
            end: j0,
        }],
    })
}

fn char_len(s: &str) -> usize {
    s.chars().filter(|c| !is_space(*c)).count()
}

/// Decide whether the repeat of `len` bytes at `i0` and `j0` is damage, and build its fix.
fn judge(
    doc: &Document,
    para: &mut Paragraph,
    i0: usize,
    j0: usize,
    len: usize,
) -> Option<Finding> {
    let text = doc.text.as_str();
    if !text.is_char_boundary(i0) || !text.is_char_boundary(j0) {
        return None;
    }
    let period = j0 - i0;
    // Cheap rejections before any word segmentation: a unit under 8 characters, or a gap
    // too long to be a slip ("ความสัมพันธ์ ... ความสัมพันธ์" a sentence apart).
    if char_len(&text[i0..j0.min(i0 + len)]) < 8 {
        return None;
    }
    if len < period {
        let gap = &text[i0 + len..j0];
        let spaces_only = gap.chars().all(is_space);
        if !spaces_only && (gap.len() > 8 * 3 + 2 * 12 || gap.contains(is_space)) {
            return None;
        }
    }
    if len >= period {
        // Periodic run: every rotation of the unit deletes to the same text, so pick the one
        // whose deleted copy starts with its separating space, or else lies on word bounds.
        let copies = len / period;
        let slack = len - copies * period;
        let mut best = None;
        // The segmenter may glue the copy's last word to what follows ("ทาง|ใน" read as
        // "ทางใน"): a long phrase doubled with no space is a slip whatever that end says.
        let unit0 = &text[i0..j0];
        let long_unit =
            char_len(unit0) >= GLUED_LONG_CHARS && count_words(unit0) >= GLUED_LONG_WORDS;
        for k in 0..=slack {
            let a = i0 + k;
            let del = a + period..a + period * (copies + 1);
            if !text.is_char_boundary(a) || !text.is_char_boundary(del.end) {
                continue;
            }
            // English glued onto its own copy ("budgetthe new budget") has no word boundary
            // at the join; the copy's own ends must still be word ends.
            let glued_latin = !text[..del.start].ends_with(is_space)
                && crate::segment::mostly_latin(&text[a..del.start]);
            if !(para.boundary(del.start) || glued_latin)
                || !(para.boundary(del.end) || long_unit)
                || !para.boundary(a)
            {
                continue;
            }
            let starts_with_space = text[del.clone()].starts_with(is_space);
            if best.is_none() || starts_with_space {
                best = Some((a, del.clone()));
            }
            if starts_with_space {
                break;
            }
        }
        let (a, mut del) = best?;
        // "X X rest": show the copy with the space before it (" X") rather than after it;
        // both deletions leave the same text.
        if let Some(w) = text[..del.start]
            .chars()
            .next_back()
            .filter(|&c| is_space(c))
            && !text[del.clone()].starts_with(is_space)
            && text[..del.end].ends_with(w)
        {
            del = del.start - w.len_utf8()..del.end - w.len_utf8();
        }
        let unit = &text[a..a + period];
        let first = a..a + period;
        return phrase_finding(doc, para, unit, first, del, Rule::DuplicateAdjacentPhrase);
    }
    // The match can run on into a shared start of the next words (เพิ่ม / เติม share เ):
    // the repeated unit ends at the last word boundary inside it.
    let (mut i0, mut j0, mut len) = (i0, j0, len);
    // Likewise at the front: ตัวแทน|กลับ and ของตน|กลับ share the น, not a word.
    while len > 0 && !para.boundary(i0) {
        let step = text[i0..].chars().next().map_or(1, char::len_utf8);
        i0 += step;
        j0 += step;
        len = len.saturating_sub(step);
    }
    while len > 0 && !para.boundary(i0 + len) {
        len -= text[..i0 + len]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
    }
    if len == 0 {
        return None;
    }
    let gap = &text[i0 + len..j0];
    let u = &text[i0..i0 + len];
    if gap.chars().all(is_space) {
        // "X X" where the separator did not extend the match: delete the gap and the copy.
        let del = i0 + len..j0 + len;
        if !para.boundary(j0 + len) {
            return None;
        }
        return phrase_finding(
            doc,
            para,
            u,
            i0..i0 + len,
            del,
            Rule::DuplicateAdjacentPhrase,
        );
    }
    // Gapped "u v u": the copy is deleted, v stays.
    let u_trim = u.trim();
    if u_trim.len() != u.len()
        || gap.contains(is_space)
        || gap
            .chars()
            .any(|c| c.is_ascii_punctuation() || "“”‘’«»…".contains(c))
    {
        return None;
    }
    if char_len(gap) > 8 || count_words(gap) > 2 || gap_has_joiner(gap) {
        return None;
    }
    if char_len(u) < 8 || count_words(u) < 2 {
        return None;
    }
    let del = j0..j0 + len;
    // The copy confuses the segmenter around it, so one of the four ends may miss a boundary.
    let bounds = [i0, i0 + len, del.start, del.end]
        .iter()
        .filter(|&&b| para.boundary(b))
        .count();
    if bounds < 3 || !para.boundary(i0) {
        return None;
    }
    // Thai repeats a word after a short one all the time ("ผู้อำนวยการศูนย์อำนวยการ",
    // "เห็นด้วยไม่เห็นด้วย"): the repeat alone is no evidence of a slip. A gap that closes
    // the phrase (a possessive: "กลับประเทศของตนกลับประเทศ") leaves the copy nothing to
    // attach to, so that is fixed; any other gapped repeat is only a suggestion.
    let closes = CLOSING_GAPS.contains(&gap);
    Some(Finding {
        kind: Kind::Duplicate,
        rule: Rule::DuplicateGappedPhrase,
        range: del.clone(),
        replacement: String::new(),
        confidence: if closes {
            super::score::weights().duplicate.gapped_closes
        } else {
            suggestion()
        },
        message: String::new(),
        evidence: Evidence::Copy(CopyEvidence {
            unit: CopyUnit::GappedPhrase,
            copy: del.clone(),
            other: i0..i0 + len,
            line: None,
            complete: None,
            cut: None,
            doubt: Some(if closes {
                Doubt::ClosingGap
            } else {
                Doubt::ThaiRepeat
            }),
        }),
        related: vec![Range {
            start: i0,
            end: i0 + len,
        }],
    })
}

fn gap_has_joiner(gap: &str) -> bool {
    let lower = gap.to_lowercase();
    let b = word_boundaries(&lower);
    JOINERS.contains(&lower.as_str()) || b.windows(2).any(|w| JOINERS.contains(&&lower[w[0]..w[1]]))
}

/// Titles that open a person's name. Thai writes a preposition straight before them
/// ("กับนาย…"), so the first copy of a doubled name does not start its chunk.
const PERSONAL_TITLES: [&str; 6] = ["นางสาว", "นาง", "นาย", "ดร.", "Mr", "Ms"];

/// Whether `x` is a person's name: a title that is a word of its own, then more words.
fn personal_name(x: &str) -> bool {
    PERSONAL_TITLES
        .iter()
        .find(|t| x.starts_with(*t))
        .is_some_and(|t| word_boundaries(x).contains(&t.len()) && x.len() > t.len())
}

fn phrase_finding(
    doc: &Document,
    para: &mut Paragraph,
    unit: &str,
    first: Range<usize>,
    del: Range<usize>,
    rule: Rule,
) -> Option<Finding> {
    let text = doc.text.as_str();
    let x = unit.trim();
    let chars = char_len(x);
    let words = count_words(x);
    // One long English word glued onto itself ("lighthouselighthouse") is no word of the language;
    // a single Thai word said twice is how Thai reduplicates.
    let glued_word = trim_range(text, first.clone()).end == trim_range(text, del.clone()).start
        && words == 1
        && x.chars().all(|c| c.is_ascii_alphabetic());
    if chars < 8 || (words < 2 && !glued_word) || !x.chars().any(char::is_alphabetic) {
        return None;
    }
    if para.chant(&(first.start..del.end)) {
        return None;
    }
    let first = trim_range(text, first);
    let copy = trim_range(text, del.clone());
    // Columns of a table are set apart by runs of spaces or no-break spaces: repeated cells
    // are data.
    let span = &text[first.start..copy.end];
    if span.contains(['\u{a0}', '\t']) || span.contains("  ") {
        return None;
    }
    let mut confidence = if words >= 3 || chars >= 15 {
        super::score::weights().duplicate.phrase_long
    } else {
        super::score::weights().duplicate.phrase_short
    };
    let mut why = None;
    let starts_clause = units::at_clause_start(text, &para.range, first.start);
    let ends_clause = units::at_clause_end(text, &para.range, copy.end);
    // A phrase opening with "ของ", "ที่", "of"… belongs to what precedes it: said twice it is
    // neither emphasis nor a name given in full.
    let bound = BOUND_STARTS.iter().any(|w| x.starts_with(w));
    if first.end == copy.start {
        // "XX" glued. A phrase that spans a space is doubled as a whole clause or not at all:
        // "จ.ชลบุรี, โรงพยาบาลชลบุรี, โรงพยาบาลระยอง" is a list.
        if x.contains(is_space) && !(starts_clause && ends_clause) {
            return None;
        }
    } else {
        // "X X" with a space. Thai separates clauses with spaces, so the copy must be whole
        // clauses: "สิทธิในการศึกษา การศึกษาจะต้อง" is two clauses that share a noun. Columns
        // of a table are set apart by runs of spaces or no-break spaces, not by one space.
        if !ends_clause || &text[first.end..copy.start] != " " {
            return None;
        }
        if para.quoted(&(first.start..copy.end)) && (words <= 3 || chars <= 20) {
            // "ไม่เร่งรีบ ไม่เร่งรีบ" inside a quote: the speaker's emphasis.
            confidence = suggestion();
            why = Some(Doubt::Quote);
        } else if starts_clause
            && words <= 3
            && chars < 15
            && !bound
            && !crate::segment::mostly_latin(x)
        {
            // A short clause said twice ("ค่อย ๆ คิด ค่อย ๆ คิด") is how people speak.
            confidence = suggestion();
            why = Some(Doubt::ShortClause);
        } else if !starts_clause && !bound && !personal_name(x) {
            // "ประธานคณะกรรมการ คณะกรรมการปฏิรูป…": a title, then the body's full name.
            confidence = suggestion();
            why = Some(Doubt::LongerWord);
        }
    }
    Some(Finding {
        kind: Kind::Duplicate,
        rule,
        range: del,
        replacement: String::new(),
        confidence,
        message: String::new(),
        evidence: Evidence::Copy(CopyEvidence {
            unit: CopyUnit::Clause,
            copy,
            other: first.clone(),
            line: None,
            complete: None,
            cut: None,
            doubt: why,
        }),
        related: vec![first],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_thai_phrase_glued_to_its_copy_goes_when_the_segmenter_joins_its_end() {
        let f = found(
            "ข่าว\n\nหลังเปิดทดลองใช้ ทางด่วนสายใหม่จะเก็บค่าผ่านทางทางด่วนสายใหม่จะเก็บค่าผ่านทางในอัตราเดิมจนถึงสิ้นปี\n",
        );
        assert_eq!(
            f,
            [(
                "ทางด่วนสายใหม่จะเก็บค่าผ่านทาง".to_owned(),
                Rule::DuplicateAdjacentPhrase
            )]
        );
    }

    fn found(text: &str) -> Vec<(String, Rule)> {
        let doc = Document::new(text);
        detect(&doc)
            .into_iter()
            .map(|f| (doc.text[f.range].to_owned(), f.rule))
            .collect()
    }

    #[test]
    fn doubled_phrase_with_space() {
        let f =
            found("ข่าว\n\nเจ้าหน้าที่ในคณะบริหารของประธานาธิบดีโดนัลด์ ทรัมป์ ของประธานาธิบดีโดนัลด์ ทรัมป์ กล่าวว่า");
        assert_eq!(
            f,
            [(
                " ของประธานาธิบดีโดนัลด์ ทรัมป์".to_owned(),
                Rule::DuplicateAdjacentPhrase
            )]
        );
    }

    #[test]
    fn gapped_repeat() {
        let f = found("ข่าว\n\nทั้งสองประเทศวางแผนนำเอกอัครราชทูตกลับประเทศของตนกลับประเทศหลังจากหายไป");
        assert_eq!(f, [("กลับประเทศ".to_owned(), Rule::DuplicateGappedPhrase)]);
    }

    #[test]
    fn legitimate_patterns_are_left_alone() {
        for t in [
            "อธิบดีกรมชลประทานและรองอธิบดีกรมชลประทานลงพื้นที่",
            "ความสัมพันธ์ในช่วงเวลาที่ความสัมพันธ์ระหว่างสองประเทศตึงเครียด",
            "ผู้ชุมนุมตะโกนว่า “สู้ต่อไป สู้ต่อไป” ตลอดคืน",
            "เด็ก ๆ เดินช้าช้า ไปที่ที่นัดไว้",
            "The mayor and deputy mayor met the press.",
        ] {
            assert!(found(&format!("T\n\n{t}")).is_empty(), "{t}");
        }
    }

    fn at_threshold(text: &str) -> Vec<(String, Rule)> {
        let doc = Document::new(text);
        detect(&doc)
            .into_iter()
            .filter(|f| f.confidence >= crate::DEFAULT_MIN_CONFIDENCE)
            .map(|f| (doc.text[f.range].to_owned(), f.rule))
            .collect()
    }

    #[test]
    fn legitimate_thai_repetition_is_never_fixed() {
        for t in [
            // Emphasis inside a quote.
            "เขากล่าวว่า “เราจะทำงานอย่างรอบคอบ ไม่เร่งรีบ ไม่เร่งรีบ และไม่ประมาท” ในที่ประชุม",
            // Two clauses, each starting with the same noun.
            "ทุกคนมีสิทธิในการศึกษา การศึกษาจะต้องเป็นไปเพื่อการพัฒนาบุคลิกภาพอย่างเต็มที่",
            // A title, then the body's full name.
            "ประธานคณะกรรมการปฏิรูปประเทศด้านสาธารณสุข คณะกรรมการปฏิรูปประเทศด้านสาธารณสุข และคณะอนุกรรมการ",
            // A word repeated after a short one.
            "ผู้อำนวยการศูนย์อำนวยการใหญ่จิตอาสา พร้อมด้วยข้าราชการ",
            "ขอให้ทุกฝ่ายเห็นด้วยไม่เห็นด้วยกันอย่างสันติ",
            // A short clause said twice in a speech.
            "แล้วเอาไปย่อยต่ออีกหลาย ๆ วัน ค่อย ๆ คิด ค่อย ๆ คิด อาจจะรู้",
            // Table cells set apart by no-break spaces.
            "ภาคตะวันออก\u{a0}\u{a0} \u{a0}ภาคตะวันออก\u{a0}\u{a0} \u{a0}ภาคใต้",
            // A list whose items share words.
            "จ.ชลบุรี, โรงพยาบาลชลบุรี, โรงพยาบาลระยอง, โรงพยาบาลสมุทรปราการ",
        ] {
            let f = at_threshold(&format!("T\n\n{t}"));
            assert!(f.is_empty(), "{t}: {f:?}");
        }
    }

    #[test]
    fn emphasis_in_a_quote_is_still_suggested() {
        let doc = Document::new("T\n\nเขากล่าวว่า “ไม่เร่งรีบ ไม่เร่งรีบ” แล้วเดินออกไป และทุกคนก็ตามไป");
        let f = detect(&doc);
        assert!(f.iter().all(|f| f.confidence < 0.5), "{f:?}");
    }

    #[test]
    fn real_slips_are_fixed() {
        for (t, copy) in [
            ("งาน ไทยแลนด์ไทยแลนด์ เอ็กซ์โป จัดขึ้นที่เมืองทองธานี", "ไทยแลนด์"),
            ("คณะรัฐมนตรีมีมติเห็นชอบห็นชอบให้ดำเนินการต่อไป", "ห็นชอบ"),
            (
                "The council approved the new budgetthe new budget on Monday.",
                "the new budget",
            ),
        ] {
            let f = at_threshold(&format!("T\n\n{t}"));
            assert_eq!(f.len(), 1, "{t}: {f:?}");
            assert_eq!(f[0].0.trim(), copy, "{t}");
        }
    }

    #[test]
    fn a_doubled_name_after_a_preposition_goes() {
        let t = "รัฐมนตรีพบกับนายสมศักดิ์ รุ่งเรือง นายสมศักดิ์ รุ่งเรือง ผู้อำนวยการสถาบัน";
        let f = at_threshold(&format!("T\n\n{t}"));
        assert_eq!(
            f,
            [(" นายสมศักดิ์ รุ่งเรือง".to_owned(), Rule::DuplicateAdjacentPhrase)]
        );
        // A word that only starts like a title is no name: นายกรัฐมนตรี is one word.
        assert!(!personal_name("นายกรัฐมนตรี"));
        assert!(personal_name("นางสาวสุดา ดีงาม"));
    }

    #[test]
    fn one_long_english_word_glued_onto_itself_goes() {
        let f = at_threshold(
            "T\n\nThe ferry now stops at the old lighthouselighthouse. Tickets cost less.",
        );
        assert_eq!(
            f,
            [("lighthouse".to_owned(), Rule::DuplicateAdjacentPhrase)]
        );
        // Said twice with a space, one word may be meant ("had had"); only glued is a slip.
        assert_eq!(
            at_threshold("T\n\nThe old lighthouse lighthouse keeper retired."),
            []
        );
        // Short reduplications stay.
        assert_eq!(
            at_threshold("T\n\nThey ate couscous and bonbons after the talks."),
            []
        );
    }

    #[test]
    fn glued_double() {
        let f = found("T\n\nรัฐบาลตัดสินใจกลับประเทศกลับประเทศในวันนี้");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "กลับประเทศ");
    }
}
