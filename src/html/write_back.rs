//! Writing fixed text back into the page: only the text nodes an edit touches change.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use unicode_segmentation::UnicodeSegmentation;

use super::HtmlArticle;
use crate::review::Edit;

/// How long the diff between old and new text may take before it settles for a coarser
/// (still correct) answer.
const DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// One change to the source: replace `range` with `insert`.
#[derive(Debug)]
struct Op {
    range: Range<usize>,
    insert: String,
}

/// An edit grown to whole atomic segments, remembering how far its original end was.
struct Grown {
    range: Range<usize>,
    new: String,
    orig_end: usize,
    suffix: usize,
}

impl HtmlArticle {
    /// The page with its text replaced by `new_text` (the extracted text after fixes). Only
    /// the text nodes that change are rewritten; an element whose whole text was deleted
    /// (hidden text, a link, a paragraph) goes with its tags. Unchanged text returns the
    /// source as is, and so does a `source` of another length than the one extracted.
    pub fn write_back(&self, source: &str, new_text: &str) -> String {
        if new_text == self.text || source.len() != self.source_len {
            return source.to_owned();
        }
        let edits = diff_edits(&self.text, new_text);
        self.write_back_edits(source, &edits)
    }

    /// [`Self::write_back`] together with edits of the page source itself (from
    /// [`super::PageFinding`]s): for a review whose text was also edited by hand.
    pub fn write_back_text_and_page(
        &self,
        source: &str,
        new_text: &str,
        page_edits: &[Edit],
    ) -> String {
        if source.len() != self.source_len {
            return source.to_owned();
        }
        let edits = diff_edits(&self.text, new_text);
        self.write_back_page(source, &edits, page_edits)
    }

    /// [`Self::write_back`] from edits over `self.text` (e.g. the chosen findings), which
    /// places them exactly. Edits outside the text, off char boundaries or overlapping an
    /// earlier one are ignored.
    pub fn write_back_edits(&self, source: &str, edits: &[Edit]) -> String {
        self.write_back_page(source, edits, &[])
    }

    /// [`Self::write_back_edits`] together with edits of the page source itself (from
    /// [`super::PageFinding`]s). Where a page edit removes an element, article edits inside
    /// it are dropped.
    pub fn write_back_page(&self, source: &str, edits: &[Edit], page_edits: &[Edit]) -> String {
        if source.len() != self.source_len {
            return source.to_owned();
        }
        let edits = self.grow_to_segments(&self.clean(edits));
        let removed: Vec<Range<usize>> = self
            .removed_elements(&edits)
            .into_iter()
            .map(|r| whole_lines(source, r))
            .collect();
        let mut ops: Vec<Op> = removed
            .iter()
            .map(|r| Op {
                range: r.clone(),
                insert: String::new(),
            })
            .collect();
        let inside_removed = |r: &Range<usize>| !r.is_empty() && within(&removed, r);
        for e in &edits {
            if !e.new.is_empty() {
                let at = self.map.map_start(e.range.start);
                ops.push(Op {
                    range: at..at,
                    insert: escape(&e.new),
                });
            }
            for src in self.deleted_source(&e.range) {
                if !inside_removed(&src) {
                    ops.push(Op {
                        range: src,
                        insert: String::new(),
                    });
                }
            }
        }
        let page: Vec<&Edit> = page_edits
            .iter()
            .filter(|e| {
                e.range.start <= e.range.end
                    && source.is_char_boundary(e.range.start)
                    && source.get(e.range.clone()).is_some()
            })
            .collect();
        let mut spans: Vec<Range<usize>> = page
            .iter()
            .map(|e| e.range.clone())
            .filter(|r| !r.is_empty())
            .collect();
        spans.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for r in spans {
            match merged.last_mut() {
                Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                _ => merged.push(r),
            }
        }
        ops.retain(|o| !within(&merged, &o.range));
        ops.extend(page.iter().map(|e| Op {
            range: e.range.clone(),
            insert: e.replacement.clone(),
        }));
        ops.sort_by_key(|o| (o.range.start, o.range.end));
        splice(source, &ops)
    }

    fn clean(&self, edits: &[Edit]) -> Vec<Edit> {
        let t = &self.text;
        let mut v: Vec<Edit> = edits
            .iter()
            .filter(|e| {
                e.range.start <= e.range.end
                    && e.range.end <= t.len()
                    && t.is_char_boundary(e.range.start)
                    && t.is_char_boundary(e.range.end)
            })
            .cloned()
            .collect();
        v.sort_by_key(|e| (e.range.start, e.range.end));
        let mut out: Vec<Edit> = Vec::with_capacity(v.len());
        for e in v {
            if out.last().is_some_and(|l| e.range.start < l.range.end) {
                continue;
            }
            out.push(e);
        }
        out
    }

    /// Grow edits that end inside an atomic segment (an entity, a collapsed space) to the
    /// whole segment: its source can only be rewritten whole. Synthetic separators are left
    /// alone, since they have no source to rewrite.
    fn grow_to_segments(&self, edits: &[Edit]) -> Vec<Grown> {
        let t = &self.text;
        let segs = self.map.segments();
        let atomic_around = |pos: usize| {
            self.map
                .index_at(pos)
                .map(|i| &segs[i])
                .filter(|s| {
                    !s.verbatim && !s.is_synthetic() && s.ext.start < pos && pos < s.ext.end
                })
                .map(|s| s.ext.clone())
        };
        let mut out: Vec<Grown> = Vec::new();
        for e in edits {
            let start = atomic_around(e.range.start).map_or(e.range.start, |r| r.start);
            let end = atomic_around(e.range.end).map_or(e.range.end, |r| r.end);
            if let Some(last) = out.last_mut()
                && start < last.range.end
            {
                last.new.truncate(last.new.len() - last.suffix);
                last.new.push_str(&t[last.orig_end..e.range.start]);
                last.new.push_str(&e.replacement);
                last.new.push_str(&t[e.range.end..end]);
                last.range.end = end;
                last.orig_end = e.range.end;
                last.suffix = end - e.range.end;
                continue;
            }
            let mut new = t[start..e.range.start].to_owned();
            new.push_str(&e.replacement);
            new.push_str(&t[e.range.end..end]);
            out.push(Grown {
                range: start..end,
                new,
                orig_end: e.range.end,
                suffix: end - e.range.end,
            });
        }
        out
    }

    /// Source ranges to delete for extracted range `r`, one per segment it touches.
    fn deleted_source(&self, r: &Range<usize>) -> Vec<Range<usize>> {
        let segs = self.map.segments();
        let first = segs.partition_point(|s| s.ext.end <= r.start);
        segs[first..]
            .iter()
            .take_while(|s| s.ext.start < r.end)
            .filter(|s| !s.is_synthetic())
            .map(|s| {
                if s.verbatim {
                    let a = r.start.max(s.ext.start) - s.ext.start;
                    let b = r.end.min(s.ext.end) - s.ext.start;
                    s.src.start + a..s.src.start + b
                } else {
                    s.src.clone()
                }
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Source ranges of the outermost elements whose whole text the edits delete.
    fn removed_elements(&self, edits: &[Grown]) -> Vec<Range<usize>> {
        let mut removed: Vec<Range<usize>> = Vec::new();
        for e in &self.elements {
            if e.ext.is_empty()
                || removed
                    .last()
                    .is_some_and(|r| r.start <= e.src.start && e.src.end <= r.end)
            {
                continue;
            }
            if self.fully_deleted(&e.ext, edits) {
                removed.push(e.src.clone());
            }
        }
        removed
    }

    fn fully_deleted(&self, r: &Range<usize>, edits: &[Grown]) -> bool {
        let first = edits.partition_point(|e| e.range.end <= r.start);
        let mut cursor = r.start;
        for e in edits[first..].iter().take_while(|e| e.range.start < r.end) {
            // New text placed inside the element would go with it.
            if !e.new.is_empty() && e.range.start >= r.start {
                return false;
            }
            if e.range.start > cursor && !self.only_synthetic(cursor..e.range.start) {
                return false;
            }
            cursor = cursor.max(e.range.end);
        }
        cursor >= r.end || self.only_synthetic(cursor..r.end)
    }

    fn only_synthetic(&self, r: Range<usize>) -> bool {
        let segs = self.map.segments();
        let first = segs.partition_point(|s| s.ext.end <= r.start);
        segs[first..]
            .iter()
            .take_while(|s| s.ext.start < r.end)
            .all(|s| s.is_synthetic())
    }
}

/// Whether `r` lies inside one of `sorted` (sorted by start, disjoint).
fn within(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|x| x.start <= r.start);
    i > 0 && r.end <= sorted[i - 1].end
}

/// An element that sat alone on its lines takes those lines with it, so removing a hidden
/// div or a pasted paragraph leaves no blank line behind. Only the blanks around it are
/// looked at, so long lines cost nothing.
pub(super) fn whole_lines(source: &str, r: Range<usize>) -> Range<usize> {
    let b = source.as_bytes();
    let blank = |c: u8| c == b' ' || c == b'\t';
    let mut start = r.start.min(b.len());
    while start > 0 && blank(b[start - 1]) {
        start -= 1;
    }
    let mut end = r.end.min(b.len());
    while end < b.len() && blank(b[end]) {
        end += 1;
    }
    let at_line_start = start == 0 || b[start - 1] == b'\n';
    if at_line_start && b.get(end) == Some(&b'\n') {
        start..end + 1
    } else {
        r
    }
}

fn splice(source: &str, ops: &[Op]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for op in ops {
        let overlaps = op.range.start < at;
        let start = source.floor_char_boundary(op.range.start.clamp(at, source.len()));
        let start = start.max(at);
        let end = source
            .ceil_char_boundary(op.range.end.min(source.len()))
            .max(start);
        out.push_str(&source[at..start]);
        if !overlaps {
            out.push_str(&op.insert);
        }
        at = end;
    }
    out.push_str(&source[at..]);
    out
}

/// Text made safe to place between tags.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// The edits that turn `old` into `new`, on grapheme cluster boundaries.
fn diff_edits(old: &str, new: &str) -> Vec<Edit> {
    let og: Vec<(usize, &str)> = old.grapheme_indices(true).collect();
    let ng: Vec<(usize, &str)> = new.grapheme_indices(true).collect();
    // The common ends are most of the text; only the middle needs the (costly) diff.
    let prefix = og.iter().zip(&ng).take_while(|(a, b)| a.1 == b.1).count();
    let suffix = og[prefix..]
        .iter()
        .rev()
        .zip(ng[prefix..].iter().rev())
        .take_while(|(a, b)| a.1 == b.1)
        .count();
    let om: Vec<&str> = og[prefix..og.len() - suffix].iter().map(|g| g.1).collect();
    let nm: Vec<&str> = ng[prefix..ng.len() - suffix].iter().map(|g| g.1).collect();
    let obyte = |i: usize| {
        og.get(prefix + i)
            .map_or(old.len() - suffix_bytes(&og, suffix), |g| g.0)
    };
    let nbyte = |i: usize| {
        ng.get(prefix + i)
            .map_or(new.len() - suffix_bytes(&ng, suffix), |g| g.0)
    };
    let ops = capture_diff_slices_deadline(
        Algorithm::Myers,
        &om,
        &nm,
        Some(Instant::now() + DIFF_DEADLINE),
    );
    let mut edits: Vec<Edit> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let range = obyte(o.start)..obyte(o.end);
        let replacement = &new[nbyte(n.start)..nbyte(n.end)];
        if let Some(last) = edits.last_mut()
            && last.range.end == range.start
        {
            last.range.end = range.end;
            last.replacement.push_str(replacement);
            continue;
        }
        edits.push(Edit {
            range,
            replacement: replacement.to_owned(),
        });
    }
    edits
}

/// Bytes taken by the last `n` graphemes.
fn suffix_bytes(g: &[(usize, &str)], n: usize) -> usize {
    g[g.len() - n..].iter().map(|x| x.1.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_edits_reproduce_the_new_text() {
        for (old, new) in [
            ("ข่าวบาคาร่า ดี", "ข่าว ดี"),
            ("a\n\nb\n\nb\n\nc", "a\n\nb\n\nc"),
            ("same", "same"),
            ("", "x"),
            ("x", ""),
            ("น้ำดี", "น้ำดีมาก"),
        ] {
            let edits = diff_edits(old, new);
            let got = crate::review::apply_edits(old, &edits);
            assert_eq!(got.as_deref(), Ok(new), "{old:?} -> {new:?}: {edits:?}");
        }
    }

    #[test]
    fn escape_makes_text_inert() {
        assert_eq!(escape("a<b & c>"), "a&lt;b &amp; c&gt;");
    }
}
