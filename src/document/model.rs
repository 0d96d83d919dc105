//! The text model: a title, paragraphs separated by blank lines, and line starts.

use std::ops::Range;

use crate::segment::is_space;

/// An article over its decoded text. Ranges are byte ranges into `text`.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    /// Blocks of non-blank lines, from the first character of the first line to the end of
    /// the last line (line terminator excluded, trailing spaces included).
    pub paragraphs: Vec<Range<usize>>,
    /// The first non-empty line, trimmed.
    pub title: Option<Range<usize>>,
    line_starts: Vec<usize>,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut paragraphs = Vec::new();
        let mut current: Option<Range<usize>> = None;
        let mut title = None;
        for (idx, &start) in line_starts.iter().enumerate() {
            let end = line_starts
                .get(idx + 1)
                .map_or(text.len(), |&next| next - 1);
            let end = if text[start..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            let line = &text[start..end];
            if line.chars().all(is_space) {
                if let Some(p) = current.take() {
                    paragraphs.push(p);
                }
                continue;
            }
            if title.is_none() {
                let lead = line.len() - line.trim_start().len();
                let trail = line.len() - line.trim_end().len();
                title = Some(start + lead..end - trail);
            }
            current = Some(match current {
                Some(p) => p.start..end,
                None => start..end,
            });
        }
        if let Some(p) = current {
            paragraphs.push(p);
        }
        Document {
            text,
            paragraphs,
            title,
            line_starts,
        }
    }

    /// Every line its own paragraph, blank ones included: the model of a page's source,
    /// shown line for line.
    pub fn by_lines(text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let paragraphs = line_starts
            .iter()
            .enumerate()
            .map(|(idx, &start)| {
                let end = line_starts
                    .get(idx + 1)
                    .map_or(text.len(), |&next| next - 1);
                start..end
            })
            .collect();
        Document {
            text,
            paragraphs,
            title: None,
            line_starts,
        }
    }

    /// The paragraph range without leading and trailing whitespace.
    pub fn content(&self, paragraph: usize) -> Range<usize> {
        trim_range(&self.text, self.paragraphs[paragraph].clone())
    }

    /// 1-based line number and 1-based column in code points of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Index of the paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end < offset);
        self.paragraphs
            .get(i)
            .filter(|p| p.start <= offset && offset <= p.end)
            .map(|_| i)
    }
}

/// `range` without leading and trailing whitespace.
pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_paragraphs() {
        let d = Document::new("\n  Title here \n\nFirst line\nsecond line\n\n\u{a0}\n\nLast.");
        assert_eq!(&d.text[d.title.clone().unwrap()], "Title here");
        let paras: Vec<&str> = d.paragraphs.iter().map(|r| &d.text[r.clone()]).collect();
        assert_eq!(paras, ["  Title here ", "First line\nsecond line", "Last."]);
        assert_eq!(&d.text[d.content(0)], "Title here");
    }

    #[test]
    fn crlf_paragraphs_exclude_carriage_return() {
        let d = Document::new("T\r\n\r\nA b\r\n");
        let paras: Vec<&str> = d.paragraphs.iter().map(|r| &d.text[r.clone()]).collect();
        assert_eq!(paras, ["T", "A b"]);
    }

    #[test]
    fn line_col_counts_code_points() {
        let d = Document::new("ab\nกข้c");
        assert_eq!(d.line_col(0), (1, 1));
        let c = d.text.find('c').unwrap();
        assert_eq!(d.line_col(c), (2, 4));
    }
}
