//! Thai-aware text units: grapheme clusters, dictionary word boundaries and character classes.
//!
//! Word boundaries come from ICU4X's dictionary segmenter, which knows no spam words, so the
//! detectors match terms on characters and only use these boundaries to snap and to count words.

use std::sync::LazyLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

static WORDS: LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// Word boundaries of `s` as byte offsets, always including 0 and `s.len()`.
///
/// ICU's dictionary model sometimes breaks right after a Thai leading vowel (เ แ โ ใ ไ); such a
/// break is never valid, so it is dropped.
pub fn word_boundaries(s: &str) -> Vec<usize> {
    let mut out: Vec<usize> = WORDS
        .segment_str(s)
        .filter(|&b| b == 0 || b == s.len() || thai_break_allowed(s, b))
        .collect();
    if out.first() != Some(&0) {
        out.insert(0, 0);
    }
    if out.last() != Some(&s.len()) {
        out.push(s.len());
    }
    out
}

/// Thai spelling rules a dictionary break can violate: nothing breaks right after a leading
/// vowel (เ แ โ ใ ไ), before a vowel that cannot start a syllable (ะ า ำ), or inside the
/// split vowels เ◌ือ and เ◌ีย (the segmenter sometimes cuts เมื่|อ next to unknown names).
pub(crate) fn thai_break_allowed(s: &str, b: usize) -> bool {
    let before = &s[..b];
    let Some(next) = s[b..].chars().next() else {
        return true;
    };
    if before
        .chars()
        .next_back()
        .is_some_and(is_thai_leading_vowel)
    {
        return false;
    }
    if matches!(next, '\u{0E30}' | '\u{0E32}' | '\u{0E33}' | '\u{0E45}') {
        return false;
    }
    // The vowel mark before, skipping tone marks.
    let mark = before
        .chars()
        .rev()
        .find(|c| !('\u{0E48}'..='\u{0E4B}').contains(c));
    let leading_nearby = before.chars().rev().take(4).any(|c| c == '\u{0E40}');
    let sara_uea = next == '\u{0E2D}' && mark == Some('\u{0E37}');
    let sara_ia = next == '\u{0E22}' && mark == Some('\u{0E35}') && leading_nearby;
    !(sara_uea || sara_ia)
}

/// Number of word-like segments (letters or digits) between boundaries.
pub fn count_words(s: &str) -> usize {
    let b = word_boundaries(s);
    b.windows(2)
        .filter(|w| s[w[0]..w[1]].chars().any(is_alnum))
        .count()
}

/// Whether `pos` is a grapheme cluster boundary of `text`.
pub fn is_grapheme_boundary(text: &str, pos: usize) -> bool {
    if pos == 0 || pos == text.len() {
        return true;
    }
    if !text.is_char_boundary(pos) {
        return false;
    }
    let mut cursor = GraphemeCursor::new(pos, text.len(), true);
    cursor.is_boundary(text, 0).unwrap_or(false)
}

/// The nearest grapheme boundary at or before `pos`.
pub fn grapheme_floor(text: &str, pos: usize) -> usize {
    let mut p = text.floor_char_boundary(pos);
    while !is_grapheme_boundary(text, p) {
        let mut cursor = GraphemeCursor::new(p, text.len(), true);
        match cursor.prev_boundary(text, 0) {
            Ok(Some(b)) => p = b,
            _ => return 0,
        }
    }
    p
}

/// The nearest grapheme boundary at or after `pos`.
pub fn grapheme_ceil(text: &str, pos: usize) -> usize {
    let mut p = text.ceil_char_boundary(pos);
    while !is_grapheme_boundary(text, p) {
        let mut cursor = GraphemeCursor::new(p, text.len(), true);
        match cursor.next_boundary(text, 0) {
            Ok(Some(b)) => p = b,
            _ => return text.len(),
        }
    }
    p
}

/// Grapheme clusters of `s` with their byte offsets.
pub fn graphemes(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.grapheme_indices(true)
}

/// Number of grapheme clusters, ignoring zero-width characters.
pub fn grapheme_count(s: &str) -> usize {
    s.graphemes(true)
        .filter(|g| !g.chars().all(is_zero_width))
        .count()
}

/// Characters spammers insert to split a word for filters but not for readers.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

pub fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// เ แ โ ใ ไ: written before the consonant they follow in speech.
pub fn is_thai_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// Latin letters and ASCII digits: the material brand tokens such as `rambutanbet77` are made of.
pub fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Letters, digits and marks: anything that glues to a neighbouring word without a space.
pub fn is_wordish(c: char) -> bool {
    // Cheap tests first: the Unicode tables behind is_alphanumeric are slow for Thai.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_thai(c) {
        // ฯ ends an abbreviation inside a word (สหรัฐฯ); ๚ ๛ are verse punctuation.
        return c != '\u{0E5A}' && c != '\u{0E5B}';
    }
    c.is_alphanumeric()
}

/// `char::is_alphanumeric`, with the Thai block answered from its ranges: the Unicode
/// tables behind the standard test are slow for the Thai text that fills most articles.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_thai(c) {
        return matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E46}' | '\u{0E4D}' | '\u{0E50}'..='\u{0E59}');
    }
    c.is_alphanumeric()
}

/// Byte ranges of the maximal runs of ASCII letters and digits: where Latin brands hide in
/// Thai text.
pub fn ascii_alnum_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

/// Punctuation that closes a sentence, a quote or a bracket.
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '…'
            | '。'
            | '：'
            | ':'
            | ';'
            | '\u{0E2F}'
    )
}

/// Whether Latin letters outnumber Thai characters: which language's rules apply.
pub fn mostly_latin(s: &str) -> bool {
    let (mut latin, mut thai) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if is_thai(c) {
            thai += 1;
        }
    }
    latin > thai
}

/// Whitespace including the no-break space, but not the zero-width characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_alphanumeric_test_agrees_with_the_standard_one() {
        for c in ('\u{0}'..='\u{FFFF}').chain(['\u{1F600}', '\u{20000}']) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn thai_words_are_split_and_leading_vowels_are_never_a_break() {
        let s = "กลับประเทศของตน";
        let b = word_boundaries(s);
        assert_eq!(b.first(), Some(&0));
        assert_eq!(b.last(), Some(&s.len()));
        for &x in &b {
            assert!(
                !s[..x]
                    .chars()
                    .next_back()
                    .is_some_and(is_thai_leading_vowel),
                "break after leading vowel at {x}"
            );
        }
        assert!(b.contains(&"กลับ".len()));
        assert!(count_words(s) >= 3);
    }

    #[test]
    fn split_vowels_are_never_cut() {
        let s = "เดินทางไปเบลารุสเมื่อวันเสาร์";
        let b = word_boundaries(s);
        let at = s.find("เมื่อ").unwrap_or(0);
        assert!(!b.contains(&(at + "เมื่".len())), "{b:?}");
    }

    #[test]
    fn sara_am_cluster_is_one_grapheme() {
        let s = "น้ำ";
        assert_eq!(grapheme_count(s), 1);
        assert!(!is_grapheme_boundary(s, "น".len()));
        assert!(is_grapheme_boundary(s, s.len()));
    }

    #[test]
    fn snapping_to_clusters() {
        let s = "บาคาร่า\u{e48}x";
        let end = "บาคาร่า".len();
        assert!(!is_grapheme_boundary(s, end));
        assert_eq!(grapheme_ceil(s, end), end + 3);
        assert_eq!(grapheme_floor(s, end), end - "า".len());
    }

    #[test]
    fn zero_width_is_not_space() {
        assert!(is_zero_width('\u{200B}'));
        assert!(!is_space('\u{200B}'));
        assert!(is_space('\u{00A0}'));
    }
}
