//! Where a span sits, and how much that says about injection.
//!
//! Spam is planted at a few kinds of places: in front of a title, glued onto the end of a
//! word just before a space, after the last sentence of a paragraph or of the text. A term
//! that only ever occurs at such places, or several times, is more likely planted.

use std::ops::Range;

use crate::document::Document;
use crate::segment::{is_closing_punct, is_space, is_wordish, is_zero_width, word_boundaries};

/// The position of a span relative to its surroundings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub title_start: bool,
    pub para_start: bool,
    pub para_end: bool,
    pub text_end: bool,
    /// The previous character is part of a word: no space in between.
    pub glued_before: bool,
    /// The next character is part of a word.
    pub glued_after: bool,
    /// The previous character closes a sentence, bracket or quote.
    pub after_punct: bool,
    pub space_after: bool,
}

impl Position {
    /// At the start of the title or of a paragraph.
    pub fn is_start(&self) -> bool {
        self.title_start || self.para_start
    }

    /// After the last sentence of a paragraph or of the text, with nothing after it.
    pub fn is_tail(&self) -> bool {
        (self.para_end || self.text_end) && (self.after_punct || self.glued_before)
    }

    /// Glued onto the end of a word and followed by a space.
    pub fn is_glued_word_end(&self) -> bool {
        self.glued_before && self.space_after
    }

    /// Any of the places where injectors plant terms.
    pub fn is_injection_site(&self) -> bool {
        self.is_start() || self.is_tail() || self.is_glued_word_end()
    }

    /// The strongest positional evidence: title start, or after the closing punctuation of
    /// the last sentence, where no legitimate word follows.
    pub fn is_strong_site(&self) -> bool {
        self.title_start || (self.is_tail() && self.after_punct)
    }

    /// Weight of this position as independent evidence of injection.
    pub fn weight(&self) -> f32 {
        let w = &super::score::weights().site;
        if self.title_start {
            if self.glued_after {
                w.title_start_glued
            } else {
                w.title_start
            }
        } else if self.is_tail() && self.after_punct {
            if self.text_end {
                w.text_end_after_punct
            } else {
                w.tail_after_punct
            }
        } else if self.para_start && self.glued_after {
            w.para_start_glued
        } else if self.is_tail() || self.is_glued_word_end() {
            w.weak_site
        } else {
            0.0
        }
    }

    /// A short phrase for messages.
    pub fn describe(&self, text: &str, range: &Range<usize>) -> String {
        if self.title_start {
            return "starts the title".into();
        }
        if self.is_tail() && self.after_punct {
            let p = prev_visible(text, range.start)
                .map(|(_, c)| c)
                .unwrap_or(' ');
            let place = if self.text_end {
                "the text"
            } else {
                "a paragraph"
            };
            return format!("ends {place}, glued after '{p}'");
        }
        if self.para_start {
            return "starts a paragraph".into();
        }
        if self.glued_before {
            let word = previous_word(text, range.start);
            let tail = if self.text_end {
                " at the end of the text"
            } else if self.para_end {
                " at the end of a paragraph"
            } else {
                ""
            };
            return format!("glued after '{word}'{tail}");
        }
        "stands between words".into()
    }
}

/// Classify the position of `range` in `doc`.
pub fn classify_position(doc: &Document, range: &Range<usize>) -> Position {
    let text = &doc.text;
    let prev = prev_visible(text, range.start);
    let next = next_visible(text, range.end);
    // A full stop after Thai letters is an abbreviation (รศ.ดร.สุภาวดี), not a sentence end.
    let abbreviation = |i: usize| {
        text[..i].ends_with('.')
            && text[..i - 1]
                .chars()
                .next_back()
                .is_some_and(crate::segment::is_thai)
    };
    let mut pos = Position {
        glued_before: prev.is_some_and(|(_, c)| is_wordish(c)),
        glued_after: next.is_some_and(|(_, c)| is_wordish(c)),
        after_punct: prev
            .is_some_and(|(i, c)| is_closing_punct(c) && !abbreviation(i + c.len_utf8())),
        space_after: next.is_some_and(|(_, c)| is_space(c)),
        ..Position::default()
    };
    if let Some(title) = &doc.title {
        pos.title_start = skip_invisible(text, title.start) == range.start;
    }
    if let Some(i) = doc.paragraph_at(range.start) {
        let content = doc.content(i);
        pos.para_start = skip_invisible(text, content.start) == range.start;
        pos.para_end = range.end >= content.end;
        pos.text_end = pos.para_end && i + 1 == doc.paragraphs.len();
    }
    pos
}

fn skip_invisible(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next().filter(|&c| is_zero_width(c)) {
        pos += c.len_utf8();
    }
    pos
}

/// The character before `pos`, skipping zero-width characters.
pub(crate) fn prev_visible(text: &str, pos: usize) -> Option<(usize, char)> {
    text[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_zero_width(c))
}

/// The character at `pos` or after, skipping zero-width characters.
pub(crate) fn next_visible(text: &str, pos: usize) -> Option<(usize, char)> {
    text[pos..]
        .char_indices()
        .find(|&(_, c)| !is_zero_width(c))
        .map(|(i, c)| (pos + i, c))
}

/// The word just before `pos` (for messages), by dictionary boundaries.
pub(crate) fn previous_word(text: &str, pos: usize) -> String {
    let chunk_start = text[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // Bound the work: a word is never longer than this.
    let mut from = pos.saturating_sub(60).max(chunk_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let chunk = &text[from..pos];
    let b = word_boundaries(chunk);
    let mut start = b[b.len().saturating_sub(2)];
    // Keep abbreviation marks and punctuation with the word they belong to (สหรัฐฯ).
    if chunk[start..].chars().count() < 3 && b.len() >= 3 {
        start = b[b.len() - 3];
    }
    chunk[start..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_planted_terms() {
        let doc = Document::new("บาคาร่าข่าวเด่น\n\nรัฐมนตรีสหรัฐฯบาคาร่า เดินทางไป (รอยเตอร์)บาคาร่า");
        let t = &doc.text;
        let hits: Vec<Range<usize>> = t
            .match_indices("บาคาร่า")
            .map(|(i, s)| i..i + s.len())
            .collect();
        let p: Vec<Position> = hits.iter().map(|r| classify_position(&doc, r)).collect();
        assert!(p[0].title_start && p[0].glued_after);
        assert!(p[1].is_glued_word_end() && !p[1].is_start());
        assert!(p[2].is_tail() && p[2].after_punct && p[2].text_end);
        assert_eq!(p[1].describe(t, &hits[1]), "glued after 'สหรัฐฯ'");
        assert_eq!(p[2].describe(t, &hits[2]), "ends the text, glued after ')'");
    }
}
