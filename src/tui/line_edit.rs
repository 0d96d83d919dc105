//! A one-line editor whose cursor moves by grapheme cluster (and by word with word motions),
//! so it never stops between a Thai consonant and its vowel or tone mark.

use unicode_segmentation::UnicodeSegmentation;

use super::action::InputKey;
use redline::segment::word_boundaries;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEdit {
    pub text: String,
    /// Byte offset, always on a grapheme boundary.
    pub cursor: usize,
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    Continue,
    Done,
    Cancel,
}

impl LineEdit {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let cursor = text.len();
        LineEdit { text, cursor }
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn key(&mut self, key: InputKey) -> EditOutcome {
        match key {
            InputKey::Char(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                // A combining mark joins the cluster before it: keep the cursor after it.
                self.cursor = redline::segment::grapheme_ceil(&self.text, self.cursor);
            }
            InputKey::Backspace => {
                // Delete the last character, so a mistyped tone mark goes alone.
                if let Some((i, _)) = self.text[..self.cursor].char_indices().next_back() {
                    self.text.replace_range(i..self.cursor, "");
                    self.cursor = redline::segment::grapheme_floor(&self.text, i);
                }
            }
            InputKey::Delete => {
                let n = self.next();
                self.text.replace_range(self.cursor..n, "");
            }
            InputKey::Left => self.cursor = self.prev(),
            InputKey::Right => self.cursor = self.next(),
            InputKey::WordLeft => {
                let b = word_boundaries(&self.text);
                self.cursor = b
                    .iter()
                    .rev()
                    .copied()
                    .find(|&x| x < self.cursor)
                    .unwrap_or(0);
            }
            InputKey::WordRight => {
                let b = word_boundaries(&self.text);
                self.cursor = b
                    .iter()
                    .copied()
                    .find(|&x| x > self.cursor)
                    .unwrap_or(self.text.len());
            }
            InputKey::Home => self.cursor = 0,
            InputKey::End => self.cursor = self.text.len(),
            InputKey::ClearLine => {
                self.text.clear();
                self.cursor = 0;
            }
            InputKey::Up | InputKey::Down => {}
            InputKey::Enter => return EditOutcome::Done,
            InputKey::Esc => return EditOutcome::Cancel,
        }
        EditOutcome::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_moves_by_cluster_and_word() {
        // น้ำ and ดี are one cluster each: the cursor never stops inside them.
        let mut e = LineEdit::new("น้ำดี");
        e.key(InputKey::Left);
        assert_eq!(&e.text[..e.cursor], "น้ำ");
        e.key(InputKey::Left);
        assert_eq!(e.cursor, 0);
        e.key(InputKey::Right);
        assert_eq!(&e.text[..e.cursor], "น้ำ");
        e.key(InputKey::Home);
        e.key(InputKey::WordRight);
        assert!(e.cursor > 0 && redline::segment::is_grapheme_boundary(&e.text, e.cursor));
    }

    #[test]
    fn typing_a_tone_mark_joins_its_consonant() {
        let mut e = LineEdit::new("");
        for c in "น้ำ".chars() {
            e.key(InputKey::Char(c));
        }
        assert_eq!(e.text, "น้ำ");
        assert_eq!(e.cursor, e.text.len());
        e.key(InputKey::Backspace);
        assert_eq!(e.text, "น้");
    }
}
