//! Thai-aware wrapping. Words come from ICU's dictionary segmenter (textwrap's own separator
//! breaks Thai only at spaces); an over-long run is split between grapheme clusters, never
//! inside one; textwrap's first-fit algorithm lays the words out.

use std::ops::Range;

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use redline::segment::word_boundaries;

#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    width: usize,
    trailing: Range<usize>,
    trailing_width: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.trailing_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Display width of `s` as ratatui measures it.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Split `text` (one paragraph, no newlines) into visual lines no wider than `max`. Returns
/// byte ranges into `text`; trailing spaces at a break are left out of the line.
pub fn wrap(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    if text.is_empty() {
        return vec![Range { start: 0, end: 0 }];
    }
    let bounds = word_boundaries(text);
    let mut pieces: Vec<Piece> = Vec::new();
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        let seg = &text[s..e];
        if seg.chars().all(|c| c == ' ' || c == '\u{3000}') {
            // Spaces hang off the previous word, so a line never starts with them.
            match pieces.last_mut() {
                Some(p) if p.trailing.end == s => {
                    p.trailing.end = e;
                    p.trailing_width += width(seg);
                }
                _ => pieces.push(Piece {
                    range: s..s,
                    width: 0,
                    trailing: s..e,
                    trailing_width: width(seg),
                }),
            }
            continue;
        }
        let w = width(seg);
        if w <= max {
            pieces.push(Piece {
                range: s..e,
                width: w,
                trailing: e..e,
                trailing_width: 0,
            });
            continue;
        }
        // An over-long run (a URL, a spam string): cut between grapheme clusters.
        let mut start = s;
        let mut acc = 0;
        for (i, g) in seg.grapheme_indices(true) {
            let gw = width(g);
            if acc + gw > max && acc > 0 {
                pieces.push(Piece {
                    range: start..s + i,
                    width: acc,
                    trailing: s + i..s + i,
                    trailing_width: 0,
                });
                start = s + i;
                acc = 0;
            }
            acc += gw;
        }
        pieces.push(Piece {
            range: start..e,
            width: acc,
            trailing: e..e,
            trailing_width: 0,
        });
    }
    let lines = wrap_first_fit(&pieces, &[max as f64]);
    lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l[0].range.start..l[l.len() - 1].range.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_wraps_at_word_boundaries_within_width() {
        let text = "ความสัมพันธ์ระหว่างเบลารุสและรัสเซียเริ่มแย่ลงหลังจากที่ทั้งสองฝ่ายไม่เห็นด้วยกับสัญญาจัดหาน้ำมัน";
        for max in [10, 20, 40] {
            let lines = wrap(text, max);
            let bounds = word_boundaries(text);
            for l in &lines {
                assert!(
                    width(&text[l.clone()]) <= max,
                    "{max}: {:?}",
                    &text[l.clone()]
                );
                assert!(bounds.contains(&l.start) || l.start == 0);
            }
            let joined: String = lines.iter().map(|l| &text[l.clone()]).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn long_runs_split_between_clusters() {
        let text = "น้ำน้ำน้ำน้ำน้ำน้ำ";
        for l in wrap(text, 3) {
            assert!(redline::segment::is_grapheme_boundary(text, l.start));
            assert!(width(&text[l.clone()]) <= 3);
        }
    }

    #[test]
    fn spaces_never_start_a_line() {
        let text = "The ferry will run twice a day from June";
        for l in wrap(text, 12) {
            assert!(!text[l].starts_with(' '));
        }
    }
}
