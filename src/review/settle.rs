//! `fix` settles in one run: one pass of fixes can leave new damage in view (a repeated
//! paragraph whose first copy also carried a doubled phrase compares equal only once the
//! phrase is gone), so passes are applied until the text stops changing. Then running `fix`
//! on its own output changes nothing.

use super::apply::{ApplyError, fix_text};
use crate::detect::{ScanOptions, scan};
use crate::document::Document;

/// Enough for any real article; every pass that changes the text deletes something, so the
/// loop ends anyway, and the bound only guards against a detector that would not.
pub const MAX_PASSES: usize = 32;

/// Apply `pass` to `text` until it returns its input unchanged, at most [`MAX_PASSES`] times.
pub fn settle<E>(
    text: String,
    mut pass: impl FnMut(&str) -> Result<String, E>,
) -> Result<String, E> {
    let mut text = text;
    for _ in 0..MAX_PASSES {
        let next = pass(&text)?;
        if next == text {
            break;
        }
        text = next;
    }
    Ok(text)
}

/// The text `fix` writes for a plain-text document: every finding at or above
/// `min_confidence` applied, rescanned and applied again until nothing is left to fix.
pub fn fix_settled(
    text: &str,
    options: &ScanOptions,
    min_confidence: f32,
) -> Result<String, ApplyError> {
    settle(text.to_owned(), |t| {
        let doc = Document::new(t);
        let findings = scan(&doc, options);
        fix_text(&doc.text, &findings, min_confidence)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_copy_hidden_by_a_doubled_phrase_goes_in_the_second_pass() {
        let clean = "หัวข้อข่าวทดสอบการซ่อมแซม\n\nย่อหน้าแรกของข่าวนี้ยาวพอสมควรสำหรับการทดสอบ และมีอีกหลายคำต่อจากนี้\n\nย่อหน้าที่สองพูดถึงเรื่องอื่นโดยสิ้นเชิง ไม่ซ้ำกับย่อหน้าแรกเลย\n";
        // The first copy of the lede carries a doubled phrase; the second copy does not.
        let damaged = clean.replacen("สำหรับการทดสอบ", "สำหรับการทดสอบสำหรับการทดสอบ", 1)
            + "\nย่อหน้าแรกของข่าวนี้ยาวพอสมควรสำหรับการทดสอบ และมีอีกหลายคำต่อจากนี้\n";
        let opts = ScanOptions::default();
        let once = {
            let doc = Document::new(damaged.clone());
            fix_text(&doc.text, &scan(&doc, &opts), 0.5).expect("applies")
        };
        assert_ne!(
            once.trim_end(),
            clean.trim_end(),
            "one pass leaves the copy"
        );
        let settled = fix_settled(&damaged, &opts, 0.5).expect("applies");
        assert_eq!(settled.trim_end(), clean.trim_end());
        assert_eq!(fix_settled(&settled, &opts, 0.5).expect("applies"), settled);
    }
}
