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
    /// The column ↑ and ↓ aim for, kept across a run of them (as in any editor) so that a
    /// short line in between does not pull the cursor left for good.
    goal: Option<usize>,
}

/// The screen lines of a paragraph being edited, `cols` wide, as the reader wraps it (Thai
/// word breaks): byte ranges into `text`. Line breaks inside the paragraph count as spaces
/// (same length, so offsets hold). The editor draws these and ↑/↓ move over them.
pub fn screen_lines(text: &str, cols: usize) -> Vec<std::ops::Range<usize>> {
    super::wrap::wrap_keeping(&flatten(text), cols, &[])
}

/// `text` with its line breaks as spaces, byte for byte.
pub fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}

/// The screen line that shows the cursor at `at`: the last one starting at or before it
/// (a cursor at a break with no space shows at the start of the next line).
pub fn line_of(lines: &[std::ops::Range<usize>], at: usize) -> usize {
    lines.iter().rposition(|l| l.start <= at).unwrap_or(0)
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
        LineEdit {
            text,
            cursor,
            goal: None,
        }
    }

    /// ↑ (`down` false) or ↓ over the screen `lines` of [`screen_lines`]: to the same
    /// display column of the line above or below, or as near before it as a grapheme
    /// boundary allows; past the first or last line, to the start or the end.
    pub fn move_vertically(&mut self, lines: &[std::ops::Range<usize>], down: bool) {
        use unicode_width::UnicodeWidthStr;
        if lines.is_empty() {
            return;
        }
        let k = line_of(lines, self.cursor);
        let here = &lines[k];
        let col = self.goal.unwrap_or_else(|| {
            UnicodeWidthStr::width(&self.text[here.start..self.cursor.max(here.start)])
        });
        let target = if down { k + 1 } else { k.wrapping_sub(1) };
        let Some(line) = lines.get(target) else {
            self.cursor = if down { self.text.len() } else { 0 };
            self.goal = None;
            return;
        };
        // A position the next line starts at shows on that line: stop before it.
        let limit = lines
            .get(target + 1)
            .map_or(line.end, |next| line.end.min(next.start.saturating_sub(1)));
        let mut best = line.start;
        let mut width = 0;
        for (i, g) in self.text[line.start..line.end].grapheme_indices(true) {
            let at = line.start + i;
            if at > limit || width > col {
                break;
            }
            best = at;
            width += UnicodeWidthStr::width(g);
            let after = at + g.len();
            if width <= col && after <= limit {
                best = after;
            }
        }
        self.cursor = best;
        self.goal = Some(col);
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
        self.goal = None;
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

    #[test]
    fn up_and_down_move_by_screen_line_keeping_the_column() {
        // Three screen lines; น้ำ is one cell wide, three characters.
        let text = "abcdefgh น้ำ ijklmn opqrstuvwx yz";
        let at = |s: &str| text.find(s).expect("in text");
        let lines = vec![0..at(" ijk"), at("ijk")..at(" opq"), at("opq")..text.len()];
        let mut e = LineEdit::new(text);
        e.cursor = 4; // after "abcd", column 4
        e.move_vertically(&lines, true);
        assert_eq!(
            &e.text[e.cursor..],
            "mn opqrstuvwx yz",
            "column 4 of line 2"
        );
        e.move_vertically(&lines, true);
        assert_eq!(&e.text[e.cursor..], "stuvwx yz", "column 4 of line 3");
        e.move_vertically(&lines, false);
        e.move_vertically(&lines, false);
        assert_eq!(e.cursor, 4, "back where it started");
        // Column 11 (after น้ำ, whose SARA AM takes a cell) over a six-column line: its end; the goal column is kept
        // for the line after.
        e.cursor = at(" ijk");
        e.goal = None; // as any other key leaves it
        e.move_vertically(&lines, true);
        assert_eq!(e.cursor, at(" opq"));
        e.move_vertically(&lines, true);
        assert_eq!(&e.text[e.cursor..], "yz", "column 11 again, not 6");
        // Past the last line: the end; past the first: the start.
        e.move_vertically(&lines, true);
        assert_eq!(e.cursor, e.text.len());
        e.move_vertically(&lines, false);
        e.move_vertically(&lines, false);
        e.move_vertically(&lines, false);
        assert_eq!(e.cursor, 0);
    }

    #[test]
    fn vertical_moves_land_on_clusters_and_before_a_glued_break() {
        // A Thai line broken with no space: the break position shows on the next line, so
        // a move to the end of the first line stops before it.
        let mut e = LineEdit::new("น้ำดีมากน้ำดีมาก");
        let half = "น้ำดีมาก".len();
        let lines = vec![0..half, half..e.text.len()];
        e.cursor = e.text.len();
        e.move_vertically(&lines, false);
        assert!(e.cursor < half);
        assert!(redline::segment::is_grapheme_boundary(&e.text, e.cursor));
        assert_eq!(line_of(&lines, e.cursor), 0);
        // After น้ำ, the same on the line below, never inside it.
        e.key(InputKey::Home);
        e.key(InputKey::Right);
        e.move_vertically(&lines, true);
        assert_eq!(&e.text[half..e.cursor], "น้ำ");
        // Any other key forgets the goal column.
        e.key(InputKey::Right);
        assert_eq!(e.goal, None);
    }
}
