//! The skeleton of a text: what a reader sees once the spammer's disguises are removed.
//!
//! Zero-width characters are dropped, spaced-out letters ("ส ล็ อ ต", "c a s i n o") and
//! spaced-out Thai syllables ("บา คา ร่า") are joined, a hyphen inside a Thai word
//! ("ฝาก-ถอน") is dropped, case is folded, full-width and Cyrillic/Greek look-alikes become ASCII, Thai digits
//! become ASCII digits and ํ + า becomes ำ. Lexicon terms are folded the same way, so a match
//! in the skeleton maps back to the whole obfuscated span in the original.

use unicode_segmentation::UnicodeSegmentation;

use crate::segment::{is_space, is_zero_width};

/// A folded copy of a slice of text with a map back to original byte offsets.
#[derive(Debug, Default, Clone)]
pub struct Skeleton {
    pub text: String,
    /// (skeleton offset, original offset) pairs where the offset delta changes; between two
    /// anchors the mapping is a plain shift.
    anchors: Vec<(usize, usize)>,
    base: usize,
}

impl Skeleton {
    /// Build the skeleton of `text[range]`; original offsets are reported relative to `text`.
    pub fn build(text: &str, range: std::ops::Range<usize>) -> Self {
        let mut sk = Skeleton {
            text: String::with_capacity(range.end - range.start),
            anchors: Vec::new(),
            base: range.start,
        };
        let slice = &text[range.clone()];
        let dropped_spaces = spaced_out_gaps(slice);
        if dropped_spaces.is_empty() && is_plain(slice) {
            // Nothing to fold: the skeleton is the text itself, offsets shifted by `base`.
            sk.text.push_str(slice);
            sk.anchors.push((0, range.start));
            sk.anchors.push((sk.text.len(), range.end));
            return sk;
        }
        let mut gap_iter = dropped_spaces.iter().peekable();
        let mut chars = slice.char_indices().peekable();
        let mut last_delta: Option<isize> = None;
        while let Some((i, c)) = chars.next() {
            while gap_iter.peek().is_some_and(|g| g.end <= i) {
                gap_iter.next();
            }
            if is_zero_width(c)
                || gap_iter.peek().is_some_and(|g| g.contains(&i))
                || inner_hyphen(slice, i, c)
            {
                continue;
            }
            let orig = range.start + i;
            let delta = orig as isize - sk.text.len() as isize;
            if last_delta != Some(delta) {
                sk.anchors.push((sk.text.len(), orig));
                last_delta = Some(delta);
            }
            if is_space(c) {
                if !sk.text.ends_with(' ') {
                    sk.text.push(' ');
                }
                // Collapsed spaces shift later offsets; re-anchor at the next kept char.
                last_delta = None;
                continue;
            }
            if c == '\u{0E4D}' && chars.peek().is_some_and(|&(_, n)| n == '\u{0E32}') {
                chars.next();
                sk.text.push('\u{0E33}');
                last_delta = None;
                continue;
            }
            let folded = fold_char(c);
            sk.text.push(folded);
            if folded.len_utf8() != c.len_utf8() {
                last_delta = None;
            }
        }
        sk.anchors.push((sk.text.len(), range.end));
        sk
    }

    /// Original byte offset of skeleton offset `pos` (the start of the char there).
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.anchors.partition_point(|&(s, _)| s <= pos);
        if i == 0 {
            return self.base;
        }
        let (s, o) = self.anchors[i - 1];
        o + (pos - s)
    }

    /// Original range covering the skeleton range `[start, end)`.
    pub fn range_to_original(
        &self,
        start: usize,
        end: usize,
        text: &str,
    ) -> std::ops::Range<usize> {
        let a = self.to_original(start);
        // The end is the end of the last kept char, not the start of whatever follows it,
        // so trailing dropped characters stay outside.
        let last = self.text[..end]
            .char_indices()
            .next_back()
            .map_or(start, |(i, _)| i);
        let last_orig = self.to_original(last);
        let mut b = last_orig + text[last_orig..].chars().next().map_or(0, char::len_utf8);
        // ํ + า folded into one char: include the า.
        if text[last_orig..].starts_with('\u{0E4D}') && text[b..].starts_with('\u{0E32}') {
            b += '\u{0E32}'.len_utf8();
        }
        a..b
    }
}

/// A hyphen between two Thai letters ("ฝาก-ถอน"): spammers
/// break terms with it, and no list entry is written with it.
fn inner_hyphen(s: &str, i: usize, c: char) -> bool {
    if !matches!(c, '-' | '\u{2010}' | '\u{2011}') {
        return false;
    }
    let before = s[..i].chars().next_back();
    let after = s[i + c.len_utf8()..].chars().next();
    // Only between Thai letters: Latin hyphens belong to names and host names
    // (sbobet-th.com), and the lexicon lists hyphenated Latin variants itself.
    before.is_some_and(crate::segment::is_thai) && after.is_some_and(crate::segment::is_thai)
}

/// Whether folding would leave `s` as it is: no ASCII capitals, whitespace other than single
/// spaces, and nothing but ASCII and Thai letters other than ํ and Thai digits.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_uppercase()
                || x.is_ascii_whitespace() && (x != b' ' || b.get(i + 1) == Some(&b' '))
                || x == b'-' && inner_hyphen(s, i, '-')
            {
                return false;
            }
            i += 1;
        } else if x == 0xE2
            && b.get(i + 1) == Some(&0x80)
            && !matches!(b.get(i + 2), Some(0x8B..=0x8D))
        {
            // General punctuation (– “ ” …), but not the zero-width characters.
            i += 3;
        } else if x == 0xE0 && matches!(b.get(i + 1), Some(0xB8 | 0xB9)) {
            // Thai block: U+0E00-U+0E7F. Refuse ํ (E0 B9 8D) and digits (E0 B9 90-99).
            if b[i + 1] == 0xB9
                && b.get(i + 2)
                    .is_some_and(|&y| y == 0x8D || (0x90..=0x99).contains(&y))
            {
                return false;
            }
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// Fold a whole string (a lexicon term) the way [`Skeleton::build`] folds text.
pub fn fold(s: &str) -> String {
    // The common case, a plain word: nothing to fold and no spacing to look at.
    if !s.bytes().any(|b| b.is_ascii_whitespace()) && is_plain(s) {
        return s.to_owned();
    }
    let sk = Skeleton::build(s, 0..s.len());
    sk.text.trim().to_owned()
}

fn fold_char(c: char) -> char {
    // Fast paths: ASCII, and Thai letters, which have no case and no look-alikes.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if ('\u{0E01}'..='\u{0E4F}').contains(&c) {
        return c;
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{0E50}'..='\u{0E59}' => char::from_u32(c as u32 - 0x0E50 + '0' as u32).unwrap_or(c),
        _ => confusable(c).unwrap_or(c),
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Cyrillic and Greek letters that look like Latin ones.
pub(crate) fn confusable(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'в' | 'В' | 'β' | 'Β' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'һ' | 'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'ӏ' => 'l',
        'М' | 'Μ' => 'm',
        'п' | 'η' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'u',
        'ν' => 'v',
        'ш' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'γ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

/// A short run of Thai letters and marks (at most three clusters), no digits or ๆ/ฯ.
fn thai_syllable(tok: &str) -> bool {
    tok.chars()
        .all(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c) && c != '\u{0E2F}' && c != '\u{0E46}')
        && tok.graphemes(true).count() <= 3
}

/// Whitespace gaps inside runs of three or more single-letter tokens ("c a s i n o"), which
/// no language writes on purpose.
fn spaced_out_gaps(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII fast path; other characters are decoded only where they start.
        let (space, len) = if b[i] < 0x80 {
            (b[i].is_ascii_whitespace(), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (is_space(c), c.len_utf8())
        };
        if space {
            if let Some(st) = start.take() {
                tokens.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(st) = start {
        tokens.push((st, s.len()));
    }
    // Nothing to join unless three short tokens stand in a row.
    // The first of them may be a long word with the first letter glued on.
    if tokens
        .windows(3)
        .all(|w| w[1..].iter().any(|t| t.1 - t.0 > 16))
    {
        return Vec::new();
    }
    let letters = |tok: &str| {
        tok.graphemes(true)
            .filter(|g| g.chars().any(crate::segment::is_alnum))
            .count()
    };
    // A single letter is a few bytes at most; most tokens are ruled out by length alone. A
    // Thai syllable (บา, ร่า, สิ) spaced out like a letter counts as one too.
    let single = |t: &(usize, usize)| {
        t.1 - t.0 <= 16 && {
            let tok = &s[t.0..t.1];
            letters(tok) == 1 && !tok.contains(['\u{0E46}', '\u{0E2F}']) || thai_syllable(tok)
        }
    };
    // The first letter of a run may be glued to what comes before it ("ข่าวu f a b e t",
    // ".c a s i n o"): there only its last letter must stand alone in its script.
    let single_tail = |t: &(usize, usize)| {
        let tok = &s[t.0..t.1];
        // A Thai word with the first syllable of a spaced-out term glued on ("ขึ้นบา คา ร่า").
        if tok.ends_with(|c: char| {
            ('\u{0E01}'..='\u{0E4E}').contains(&c) && c != '\u{0E46}' && c != '\u{0E2F}'
        }) {
            return true;
        }
        let Some(last) = tok
            .chars()
            .next_back()
            .filter(|c| c.is_ascii_alphanumeric())
        else {
            return false;
        };
        let before = tok[..tok.len() - last.len_utf8()].chars().next_back();
        before.is_none_or(|c| !c.is_ascii_alphabetic())
    };
    let mut gaps = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        let latin = |t: &(usize, usize)| {
            s[t.0..t.1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii())
        };
        while j < tokens.len()
            && (single(&tokens[j]) || j == i && single_tail(&tokens[j]))
            && (j == i
                || tokens[j].0 - tokens[j - 1].1 <= 2 && latin(&tokens[j]) == latin(&tokens[i]))
        {
            j += 1;
        }
        if j - i >= 3 {
            gaps.extend((i..j - 1).map(|k| tokens[k].1..tokens[k + 1].0));
            i = j;
        } else {
            i += 1;
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skeleton_and_back(s: &str) -> (String, String) {
        let sk = Skeleton::build(s, 0..s.len());
        let r = sk.range_to_original(0, sk.text.len(), s);
        (sk.text.clone(), s[r].to_owned())
    }

    #[test]
    fn disguises_fold_to_the_plain_term() {
        for disguised in [
            "บา\u{200B}คา\u{200D}ร่า",
            "ส ล็ อ ต",
            "ＣＡＳＩＮＯ",
            "саsinо",
            "ufa\u{2060}bet",
        ] {
            let (sk, back) = skeleton_and_back(disguised);
            assert!(
                ["บาคาร่า", "สล็อต", "casino", "ufabet"].contains(&sk.as_str()),
                "{disguised} -> {sk}"
            );
            assert_eq!(back, disguised);
        }
        assert_eq!(fold("น\u{0E49}\u{0E4D}\u{0E32}"), "น้ำ");
        assert_eq!(fold("สล็อต๘๘๘"), "สล็อต888");
        assert_eq!(fold("C a s i n o"), "casino");
        assert_eq!(fold("ปี.u f a b e t"), "ปี.ufabet");
        assert_eq!(fold("ข่าวs b o b e t ดี"), "ข่าวsbobet ดี");
        assert_eq!(fold("บา คา ร่า"), "บาคาร่า");
        assert_eq!(fold("คา สิ โน"), "คาสิโน");
        assert_eq!(fold("ฝาก-ถอนออโต้"), "ฝากถอนออโต้");
        // Ordinary Thai phrases with spaces keep them.
        assert_eq!(fold("ประชุม ครม. วันนี้"), "ประชุม ครม. วันนี้");
    }

    #[test]
    fn ordinary_spaces_are_collapsed_not_removed() {
        assert_eq!(fold("online   casino"), "online casino");
        assert_eq!(fold("เด็ก ๆ ไป"), "เด็ก ๆ ไป");
    }

    #[test]
    fn offsets_map_back_through_dropped_and_folded_chars() {
        let s = "ข่าว บา\u{200B}คาร่า ดี";
        let sk = Skeleton::build(s, 0..s.len());
        let at = sk.text.find("บาคาร่า").unwrap();
        let r = sk.range_to_original(at, at + "บาคาร่า".len(), s);
        assert_eq!(&s[r], "บา\u{200B}คาร่า");
    }
}
