//! The map from extracted text offsets to source offsets.

use std::ops::Range;

/// One stretch of extracted text and where it came from.
///
/// `verbatim`: the bytes are identical, offsets map linearly. Otherwise the segment is
/// atomic: a character reference, a CR LF, a collapsed run of whitespace, or a synthetic
/// separator (an empty `src` at the tag that caused it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub ext: Range<usize>,
    pub src: Range<usize>,
    pub verbatim: bool,
}

impl Segment {
    /// A separator the extraction made up: nothing in the source to edit.
    pub fn is_synthetic(&self) -> bool {
        self.src.is_empty() && !self.ext.is_empty()
    }
}

/// Segments in extracted order, covering the extracted text without gaps; their source
/// ranges never overlap and never go backwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    segments: Vec<Segment>,
}

impl SourceMap {
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    pub(crate) fn ext_len(&self) -> usize {
        self.segments.last().map_or(0, |s| s.ext.end)
    }

    /// Append `len` extracted bytes that came from `src`. A source range that overlaps the
    /// previous segment (two parts of one atomic piece) merges into it.
    pub(crate) fn push(&mut self, len: usize, mut src: Range<usize>, verbatim: bool) {
        let start = self.ext_len();
        if let Some(last) = self.segments.last_mut() {
            if src.is_empty() {
                // A separator stays synthetic, after everything before it.
                let at = src.start.max(last.src.end);
                src = at..at;
            }
            if last.src.end > src.start || src.start < last.src.start {
                last.ext.end = start + len;
                last.src.end = last.src.end.max(src.end);
                last.verbatim = false;
                return;
            }
            if last.verbatim && verbatim && last.src.end == src.start {
                last.ext.end = start + len;
                last.src.end = src.end;
                return;
            }
        }
        self.segments.push(Segment {
            ext: start..start + len,
            src,
            verbatim,
        });
    }

    pub(crate) fn checkpoint(&self) -> (usize, Option<Segment>) {
        (self.segments.len(), self.segments.last().cloned())
    }

    pub(crate) fn rollback(&mut self, (len, last): (usize, Option<Segment>)) {
        self.segments.truncate(len);
        if let (Some(slot), Some(last)) = (self.segments.last_mut(), last) {
            *slot = last;
        }
    }

    /// Index of the segment holding extracted byte `pos` (the last one for `pos == len`).
    pub(crate) fn index_at(&self, pos: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.ext.end <= pos);
        if i < self.segments.len() {
            Some(i)
        } else {
            self.segments.len().checked_sub(1)
        }
    }

    /// Source offset where an extracted range starting at `pos` begins.
    pub fn map_start(&self, pos: usize) -> usize {
        let Some(i) = self.index_at(pos) else {
            return 0;
        };
        let s = &self.segments[i];
        if pos >= s.ext.end {
            return s.src.end;
        }
        if s.verbatim {
            s.src.start + (pos.max(s.ext.start) - s.ext.start)
        } else {
            s.src.start
        }
    }

    /// Source offset where an extracted range ending at `pos` ends.
    pub fn map_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.segments.first().map_or(0, |s| s.src.start);
        }
        let Some(i) = self.index_at(pos - 1) else {
            return 0;
        };
        let s = &self.segments[i];
        if s.verbatim {
            s.src.start + (pos.min(s.ext.end) - s.ext.start)
        } else {
            s.src.end
        }
    }

    /// The source range an extracted range came from: atomic segments are taken whole.
    pub fn to_source(&self, ext: Range<usize>) -> Range<usize> {
        let start = self.map_start(ext.start);
        if ext.end <= ext.start {
            return start..start;
        }
        start..self.map_end(ext.end).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_maps_linearly_and_atomic_whole() {
        // "ab&amp;cd" -> "ab&cd", then a separator at 20, then "xy" from 20..22.
        let mut m = SourceMap::default();
        m.push(2, 10..12, true);
        m.push(1, 12..17, false);
        m.push(2, 17..19, true);
        m.push(2, 20..20, false);
        m.push(2, 20..22, true);
        assert_eq!(m.segments().len(), 5);
        assert_eq!(m.to_source(0..2), 10..12);
        assert_eq!(m.to_source(2..3), 12..17);
        assert_eq!(m.to_source(1..4), 11..18);
        assert_eq!(m.to_source(5..7), 20..20);
        assert_eq!(m.to_source(5..9), 20..22);
        assert_eq!(m.to_source(8..9), 21..22);
        assert_eq!(m.to_source(9..9), 22..22);
        assert_eq!(m.to_source(3..3), 17..17);
    }

    #[test]
    fn overlapping_atomic_parts_merge() {
        let mut m = SourceMap::default();
        m.push(3, 0..8, false);
        m.push(1, 4..8, false);
        assert_eq!(m.segments().len(), 1);
        assert_eq!(m.segments()[0].ext, 0..4);
        assert_eq!(m.to_source(1..2), 0..8);
    }

    #[test]
    fn adjacent_verbatim_extends() {
        let mut m = SourceMap::default();
        m.push(2, 0..2, true);
        m.push(2, 2..4, true);
        assert_eq!(m.segments().len(), 1);
    }
}
