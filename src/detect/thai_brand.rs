//! Unlisted Thai brand names: two or more naming pieces (assets/lexicon/thai-brand-pieces.txt)
//! glued together in front of a brand number, as in เฮงเฮง168 or วินเนอร์คลับ789. Thai news
//! glues numbers onto words too (ซอย39, พระราม9, ปี2566), but never onto a stack of lucky
//! words; a year is never a brand's number.
//!
//! One pass over the digit runs, each looking back a bounded number of pieces: linear.

use std::ops::Range;
use std::sync::OnceLock;

use crate::segment::is_thai;

/// Pieces a brand stacks, at least.
const MIN_PIECES: usize = 2;
/// Pieces looked back over, at most.
const MAX_PIECES: usize = 5;
/// Digits of a brand number.
const BRAND_DIGITS: std::ops::RangeInclusive<usize> = 2..=4;

fn pieces() -> &'static [String] {
    static PIECES: OnceLock<Vec<String>> = OnceLock::new();
    PIECES.get_or_init(|| {
        let mut v: Vec<String> = include_str!("../../assets/lexicon/thai-brand-pieces.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        // Longest first, so the longest piece that ends a stretch is taken.
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        v
    })
}

/// The spans of Thai brand names with their numbers.
pub(super) fn thai_brands(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &text[start..i];
        let after_ok = text[i..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != ',');
        let year = digits.len() == 4 && ["19", "20", "25"].iter().any(|y| digits.starts_with(y));
        if !after_ok || year || !BRAND_DIGITS.contains(&digits.len()) {
            continue;
        }
        if !text[..start].ends_with(is_thai) {
            continue;
        }
        let mut head = start;
        let mut n = 0;
        while n < MAX_PIECES {
            let Some(p) = pieces().iter().find(|p| text[..head].ends_with(p.as_str())) else {
                break;
            };
            head -= p.len();
            n += 1;
        }
        // A piece must start where a Thai syllable starts: not after a leading vowel, not on
        // a following vowel or tone mark.
        let mark = |c: char| {
            ('\u{0E30}'..='\u{0E3A}').contains(&c) || ('\u{0E45}'..='\u{0E4E}').contains(&c)
        };
        let clean_start = !text[head..].starts_with(mark)
            && !text[..head].ends_with(crate::segment::is_thai_leading_vowel);
        if n >= MIN_PIECES && clean_start {
            out.push(head..i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        thai_brands(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn stacked_naming_pieces_before_a_number_are_a_brand() {
        assert_eq!(found("ค่าขนส่งต่ำกว่ารวยรวย365 สมาคมผู้ส่งออก"), ["รวยรวย365"]);
        assert_eq!(found("ที่เขื่อนใหญ่คิงคลับ99 จังหวัดขอนแก่น"), ["คิงคลับ99"]);
    }

    #[test]
    fn numbers_glued_onto_ordinary_words_are_not() {
        assert!(found("ซอย39 ถนนพระราม9 ปี2566 ราคาทอง99 บาท ทองคำ2567").is_empty());
        assert!(found("รุ่นเทพ10 คน").is_empty());
    }
}
