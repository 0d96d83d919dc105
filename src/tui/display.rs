//! The article as the editor sees it: each paragraph turned into display text with marks
//! (decisions applied, invisibles and control characters made visible), wrapped to the pane.
//! Paragraphs are laid out once and kept until something that shows in them changes.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::theme::Mark;
use super::wrap::wrap_keeping;
use redline::detect::Kind;
use redline::document::Document;
use redline::review::{ArticleReview, Decision};

/// A run of display text with one look.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub mark: Mark,
    pub selected: bool,
    /// The finding shown by this run, for clicks.
    pub finding: Option<usize>,
    /// Not output text: removed text, a previewed replacement, a marker.
    pub decoration: bool,
}

/// One screen line of the article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisualLine {
    pub runs: Vec<Run>,
}

/// Everything a paragraph's look depends on besides its text.
#[derive(Debug, Clone, PartialEq)]
pub struct DisplayOptions {
    pub width: usize,
    pub diff: bool,
    pub reveal: bool,
    pub selected: Option<usize>,
    pub search: Option<String>,
    /// Where the current search match starts in the output: it shows apart from the others.
    pub current_hit: Option<usize>,
    /// Findings below this confidence are suggestions: they show dimmed.
    pub suggest_below: f32,
    /// Every line of the text is its own line on screen, with no blank line between: for a
    /// page's source, where reflowing paragraphs would make markup unreadable.
    pub hard_breaks: bool,
}

#[derive(Debug, Default)]
pub struct Layout {
    /// (key, lines) per paragraph.
    paras: Vec<(u64, Vec<VisualLine>)>,
    /// First global line of each paragraph (a blank line separates paragraphs).
    pub offsets: Vec<usize>,
    pub total: usize,
    hard_breaks: bool,
    /// An output position for every finding, to scroll to it.
    anchors: Vec<usize>,
    pub doc: Option<Document>,
}

/// A visible stand-in for characters that must not reach the terminal as they are.
fn visible(c: char, reveal: bool) -> Option<(String, bool)> {
    match c {
        '\r' => Some((String::new(), false)),
        '\n' => Some((if reveal { "⏎ ".into() } else { " ".into() }, reveal)),
        '\t' => Some((if reveal { "→".into() } else { " ".into() }, reveal)),
        '\u{00A0}' if reveal => Some(("⍽".into(), true)),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Some((if reveal { "¦".into() } else { String::new() }, reveal))
        }
        c => redline::sanitize::stand_in(c).map(|s| (s.to_owned(), true)),
    }
}

fn push_text(
    runs: &mut Vec<Run>,
    s: &str,
    mark: Mark,
    selected: bool,
    finding: Option<usize>,
    reveal: bool,
) {
    let mut plain = String::new();
    for c in s.chars() {
        match visible(c, reveal) {
            None => plain.push(c),
            Some((sub, special)) => {
                if special {
                    if !plain.is_empty() {
                        runs.push(Run {
                            text: std::mem::take(&mut plain),
                            mark,
                            selected,
                            finding,
                            decoration: false,
                        });
                    }
                    runs.push(Run {
                        text: sub,
                        mark: Mark::Invisible,
                        selected,
                        finding,
                        decoration: false,
                    });
                } else {
                    plain.push_str(&sub);
                }
            }
        }
    }
    if !plain.is_empty() {
        runs.push(Run {
            text: plain,
            mark,
            selected,
            finding,
            decoration: false,
        });
    }
}

fn kind_mark(kind: Kind) -> Mark {
    match kind {
        Kind::Spam => Mark::Spam,
        Kind::Duplicate => Mark::Duplicate,
        Kind::Whitespace | Kind::Layout => Mark::Other,
    }
}

/// Positions of the original text carried into the output: the accepted fixes that apply,
/// in text order, with the running size change before each.
pub struct OutputMap {
    /// (original range, replacement length, finding index)
    edits: Vec<(Range<usize>, usize, usize)>,
    /// Size change of the output before edit k.
    delta_before: Vec<isize>,
}

impl OutputMap {
    pub fn new(review: &ArticleReview) -> Self {
        let mut edits = Vec::new();
        let mut delta_before = Vec::new();
        let mut d = 0isize;
        for i in review.applied() {
            let it = &review.items[i];
            let r = it.finding.range.clone();
            delta_before.push(d);
            d += it.replacement().len() as isize - (r.end - r.start) as isize;
            edits.push((r, it.replacement().len(), i));
        }
        OutputMap {
            edits,
            delta_before,
        }
    }

    fn shift(&self, k: usize, p: usize) -> usize {
        (p as isize
            + self
                .delta_before
                .get(k)
                .copied()
                .unwrap_or_else(|| self.total()))
        .max(0) as usize
    }

    fn total(&self) -> isize {
        match (self.edits.last(), self.delta_before.last()) {
            (Some((r, len, _)), Some(d)) => d + *len as isize - (r.end - r.start) as isize,
            _ => 0,
        }
    }

    /// The edit whose range `r` overlaps, if any (its text is gone from the output).
    fn covering(&self, r: &Range<usize>) -> Option<usize> {
        let k = self.edits.partition_point(|(e, _, _)| e.end < r.start);
        (k..self.edits.len())
            .take_while(|&k| self.edits[k].0.start <= r.end)
            .find(|&k| {
                let e = &self.edits[k].0;
                (e.start < r.end && r.start < e.end)
                    || (r.is_empty() && e.start < r.start && r.start < e.end)
                    || (e.is_empty() && r.start < e.start && e.start < r.end)
            })
    }

    /// `r` in output coordinates, or `None` when an applied fix removed or replaced part of it.
    pub fn range(&self, r: &Range<usize>) -> Option<Range<usize>> {
        if self.covering(r).is_some() {
            return None;
        }
        // Edits wholly before r.start (an insertion at r.start comes before it).
        let k = self.edits.partition_point(|(e, _, _)| e.end <= r.start);
        Some(self.shift(k, r.start)..self.shift(k, r.end))
    }

    /// Where the fix of finding `i`, if it applies, sits in the output: (start, end).
    fn applied_at(&self, i: usize) -> Option<(usize, Range<usize>)> {
        let k = self.edits.iter().position(|(_, _, j)| *j == i)?;
        let (r, len, _) = &self.edits[k];
        let at = self.shift(k, r.start);
        Some((k, at..at + len))
    }

    /// An output position that stands for finding `i`, shown or not.
    pub fn anchor(&self, review: &ArticleReview, i: usize) -> usize {
        if let Some((_, r)) = self.applied_at(i) {
            return r.start;
        }
        let r = &review.items[i].finding.range;
        if let Some(m) = self.range(r) {
            return m.start;
        }
        match self.covering(r) {
            Some(k) => self.shift(k, self.edits[k].0.start),
            None => 0,
        }
    }
}

/// A highlighted stretch of the output.
struct Highlight {
    item: usize,
    range: Range<usize>,
    mark: Mark,
    /// The run shows the text as removed (a pending fix previewed in diff view).
    preview: bool,
}

/// A run shown at an output position that is not output text: text an accepted fix removed,
/// a replacement previewed, or a marker for a finding with nothing to show.
struct Decoration {
    at: usize,
    runs: Vec<Run>,
}

/// What every paragraph of the output shows besides its text.
struct Marks {
    highlights: Vec<Highlight>,
    decorations: Vec<Decoration>,
    related: Vec<Range<usize>>,
    hits: Vec<Range<usize>>,
}

fn collect_marks(
    review: &ArticleReview,
    map: &OutputMap,
    output: &str,
    opts: &DisplayOptions,
) -> Marks {
    let mut highlights = Vec::new();
    let mut decorations = Vec::new();
    for (i, item) in review.items.iter().enumerate() {
        if item.stale {
            continue;
        }
        let selected = opts.selected == Some(i);
        if let Some((_, at)) = map.applied_at(i) {
            // Applied: the replacement is output text; the removed text is a decoration,
            // shown for the selected fix and in diff view.
            let mut runs = Vec::new();
            if opts.diff || selected {
                let whole = &review.text[item.finding.range.clone()];
                let removed = whole.trim_matches('\n');
                // A removed paragraph shows after the one before it: set it apart.
                let open = if whole.starts_with('\n') {
                    " ⟦"
                } else {
                    "⟦"
                };
                push_text(&mut runs, open, Mark::Removed, selected, Some(i), false);
                push_text(&mut runs, removed, Mark::Removed, selected, Some(i), true);
                push_text(&mut runs, "⟧", Mark::Removed, selected, Some(i), false);
            }
            for r in &mut runs {
                r.decoration = true;
            }
            if !runs.is_empty() {
                decorations.push(Decoration { at: at.start, runs });
            }
            if !at.is_empty() {
                highlights.push(Highlight {
                    item: i,
                    range: at,
                    mark: Mark::Inserted,
                    preview: false,
                });
            }
            continue;
        }
        let Some(range) = map.range(&item.finding.range) else {
            continue;
        };
        let preview = opts.diff && selected && item.decision != Decision::Rejected;
        let mark = match item.decision {
            Decision::Rejected => Mark::Rejected,
            _ if item.finding.confidence < opts.suggest_below => Mark::Other,
            _ => kind_mark(item.finding.kind),
        };
        if preview && !item.replacement().is_empty() {
            let mut runs = Vec::new();
            push_text(
                &mut runs,
                item.replacement(),
                Mark::Inserted,
                true,
                Some(i),
                opts.reveal,
            );
            for r in &mut runs {
                r.decoration = true;
            }
            decorations.push(Decoration {
                at: range.end,
                runs,
            });
        }
        // A finding over nothing visible (a paragraph break) still needs something to show.
        if output[range.clone()].trim().is_empty() {
            decorations.push(Decoration {
                at: range.start,
                runs: vec![Run {
                    text: "·".into(),
                    mark,
                    selected,
                    finding: Some(i),
                    decoration: true,
                }],
            });
        }
        highlights.push(Highlight {
            item: i,
            range,
            mark: if preview { Mark::Removed } else { mark },
            preview,
        });
    }
    let related = opts
        .selected
        .and_then(|i| review.items.get(i))
        .map(|it| {
            it.finding
                .related
                .iter()
                .filter_map(|r| map.range(r))
                .collect()
        })
        .unwrap_or_default();
    let hits = match opts.search.as_deref().filter(|q| !q.is_empty()) {
        Some(q) => search_matches(output, q),
        None => Vec::new(),
    };
    Marks {
        highlights,
        decorations,
        related,
        hits,
    }
}

/// Matches of `query` in `text`, smart-case as in vim and less: a query with no capital
/// letter matches any case.
pub fn search_matches(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    if query.chars().any(char::is_uppercase) {
        return text
            .match_indices(query)
            .map(|(at, m)| at..at + m.len())
            .collect();
    }
    // Case-folded search that keeps byte offsets of the original text.
    let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut k = 0;
        let mut j = i;
        while k < q.len() && j < chars.len() {
            let lower: Vec<char> = chars[j].1.to_lowercase().collect();
            if q[k..].starts_with(&lower) {
                k += lower.len();
                j += 1;
            } else {
                break;
            }
        }
        if k == q.len() {
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(chars[i].0..end);
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The runs of output paragraph `para`: its text, marked, with decorations at their places.
/// With decorations left out, the runs spell the paragraph exactly (invisibles aside).
fn paragraph_runs(
    output: &str,
    para: Range<usize>,
    marks: &Marks,
    decorations: &[&Decoration],
    opts: &DisplayOptions,
) -> Vec<Run> {
    let over: Vec<&Highlight> = marks
        .highlights
        .iter()
        .filter(|h| h.range.start < para.end && para.start < h.range.end)
        .collect();
    let mut cuts = vec![para.start, para.end];
    for h in &over {
        cuts.push(h.range.start);
        cuts.push(h.range.end);
    }
    for r in marks.related.iter().chain(&marks.hits) {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    for d in decorations {
        cuts.push(d.at);
    }
    cuts.retain(|&c| c >= para.start && c <= para.end && output.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let within =
        |r: &Range<usize>, piece: &Range<usize>| r.start <= piece.start && piece.end <= r.end;
    let mut runs = Vec::new();
    let mut decorated = vec![false; decorations.len()];
    let mut place = |at: usize, runs: &mut Vec<Run>, last: bool| {
        for (k, d) in decorations.iter().enumerate() {
            if !decorated[k] && (d.at <= at || last) {
                decorated[k] = true;
                runs.extend(d.runs.iter().cloned());
            }
        }
    };
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        place(piece.start, &mut runs, false);
        let top = over
            .iter()
            .filter(|h| within(&h.range, &piece))
            .min_by_key(|h| (Some(h.item) != opts.selected, h.range.end - h.range.start));
        let slice = &output[piece.clone()];
        if let Some(h) = opts
            .current_hit
            .and_then(|at| marks.hits.iter().find(|r| r.start == at))
            .filter(|r| within(r, &piece))
        {
            let _ = h;
            push_text(
                &mut runs,
                slice,
                Mark::SearchHit,
                true,
                top.map(|t| t.item),
                opts.reveal,
            );
            continue;
        }
        match top {
            Some(h) => {
                let selected = opts.selected == Some(h.item);
                push_text(
                    &mut runs,
                    slice,
                    h.mark,
                    selected,
                    Some(h.item),
                    opts.reveal || h.preview || slice.trim().is_empty(),
                );
            }
            None => {
                let mark = if marks.related.iter().any(|r| within(r, &piece)) {
                    Mark::Related
                } else if marks.hits.iter().any(|r| within(r, &piece)) {
                    Mark::SearchHit
                } else {
                    Mark::Plain
                };
                push_text(&mut runs, slice, mark, false, None, opts.reveal);
            }
        }
    }
    place(para.end, &mut runs, true);
    runs
}

#[cfg(test)]
/// The text a run list spells with decorations left out: for checking that the screen
/// shows the output.
pub fn undecorated(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| !r.decoration)
        .map(|r| r.text.as_str())
        .collect()
}

#[cfg(test)]
/// How `s` shows on screen with invisibles hidden: what [`undecorated`] runs spell.
pub fn shown(s: &str, reveal: bool) -> String {
    let mut runs = Vec::new();
    push_text(&mut runs, s, Mark::Plain, false, None, reveal);
    undecorated(&runs)
}

#[cfg(test)]
/// Every output paragraph's runs, as the layout shows them (before wrapping).
pub fn article_runs(review: &ArticleReview, opts: &DisplayOptions) -> (Document, Vec<Vec<Run>>) {
    let map = OutputMap::new(review);
    let output = review.output();
    let doc = if opts.hard_breaks {
        Document::by_lines(output)
    } else {
        Document::new(output)
    };
    let runs = runs_of(&doc, review, &map, opts);
    (doc, runs)
}

fn runs_of(
    doc: &Document,
    review: &ArticleReview,
    map: &OutputMap,
    opts: &DisplayOptions,
) -> Vec<Vec<Run>> {
    let marks = collect_marks(review, map, &doc.text, opts);
    let paras = &doc.paragraphs;
    // Each decoration goes to the paragraph holding its position, or the one before it.
    let mut per_para: Vec<Vec<&Decoration>> = vec![Vec::new(); paras.len().max(1)];
    for d in &marks.decorations {
        let p = paras.partition_point(|x| x.start <= d.at).saturating_sub(1);
        per_para[p].push(d);
    }
    if paras.is_empty() {
        // Everything was removed: the decorations still show.
        return vec![
            per_para[0]
                .iter()
                .flat_map(|d| d.runs.iter().cloned())
                .collect(),
        ];
    }
    paras
        .iter()
        .enumerate()
        .map(|(p, para)| paragraph_runs(&doc.text, para.clone(), &marks, &per_para[p], opts))
        .collect()
}

/// Wrap runs to `width` columns.
pub fn wrap_runs(runs: &[Run], width: usize) -> Vec<VisualLine> {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let mut starts = Vec::with_capacity(runs.len());
    let mut at = 0;
    for r in runs {
        starts.push(at);
        at += r.text.len();
    }
    // A finding (a spam word, a short repeat) stays on one line when it fits on one.
    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let Some(f) = runs[k].finding else {
            k += 1;
            continue;
        };
        let s = starts[k];
        let mut e = s + runs[k].text.len();
        k += 1;
        while k < runs.len() && runs[k].finding == Some(f) {
            e = starts[k] + runs[k].text.len();
            k += 1;
        }
        if super::wrap::width(&text[s..e]) <= width / 2 {
            keep.push(s..e);
        }
    }
    wrap_keeping(&text, width, &keep)
        .into_iter()
        .map(|line| {
            let mut out = VisualLine::default();
            for (r, &s) in runs.iter().zip(&starts) {
                let e = s + r.text.len();
                let (a, b) = (s.max(line.start), e.min(line.end));
                if a < b {
                    out.runs.push(Run {
                        text: text[a..b].to_owned(),
                        ..r.clone()
                    });
                } else if r.text.is_empty() && s >= line.start && s < line.end.max(line.start + 1) {
                    continue;
                }
            }
            out
        })
        .collect()
}

fn key_of(runs: &[Run], opts: &DisplayOptions) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    opts.width.hash(&mut h);
    for r in runs {
        r.text.hash(&mut h);
        r.mark.hash(&mut h);
        r.selected.hash(&mut h);
        r.finding.hash(&mut h);
        r.decoration.hash(&mut h);
    }
    h.finish()
}

impl Layout {
    /// Bring the layout up to date: the output of the review's decisions, marked, wrapped.
    /// Only paragraphs whose runs changed are wrapped again.
    pub fn update(&mut self, review: &ArticleReview, _text_version: u64, opts: &DisplayOptions) {
        let map = OutputMap::new(review);
        let output = review.output();
        if self.doc.as_ref().is_none_or(|d| d.text != output)
            || self.hard_breaks != opts.hard_breaks
        {
            self.doc = Some(if opts.hard_breaks {
                Document::by_lines(output)
            } else {
                Document::new(output)
            });
            self.hard_breaks = opts.hard_breaks;
        }
        let Some(doc) = &self.doc else { return };
        let all = runs_of(doc, review, &map, opts);
        self.paras.resize_with(all.len(), || (u64::MAX, Vec::new()));
        for (p, runs) in all.iter().enumerate() {
            let key = key_of(runs, opts);
            if self.paras[p].0 != key {
                let lines = if runs.iter().all(|r| r.text.is_empty()) {
                    if opts.hard_breaks || doc.paragraphs.is_empty() {
                        vec![VisualLine::default()]
                    } else {
                        Vec::new()
                    }
                } else {
                    wrap_runs(runs, opts.width)
                };
                self.paras[p] = (key, lines);
            }
        }
        self.anchors = (0..review.items.len())
            .map(|i| map.anchor(review, i))
            .collect();
        self.offsets.clear();
        let mut total = 0;
        for (_, lines) in &self.paras {
            self.offsets.push(total);
            if !lines.is_empty() {
                total += lines.len() + usize::from(!opts.hard_breaks);
            }
        }
        self.total = if opts.hard_breaks {
            total
        } else {
            total.saturating_sub(1)
        };
    }

    /// Where finding `i` stands in the output (its text, or the fix that took its place).
    pub fn anchor(&self, i: usize) -> Option<usize> {
        self.anchors.get(i).copied()
    }

    /// The first global line of the current search match.
    pub fn hit_line(&self) -> Option<usize> {
        self.paras
            .iter()
            .zip(&self.offsets)
            .find_map(|((_, lines), off)| {
                lines
                    .iter()
                    .position(|l| {
                        l.runs
                            .iter()
                            .any(|r| r.mark == Mark::SearchHit && r.selected)
                    })
                    .map(|k| off + k)
            })
    }

    /// The global line `n` (a blank line between paragraphs).
    pub fn line(&self, n: usize) -> Option<&VisualLine> {
        let p = self.offsets.partition_point(|&o| o <= n).checked_sub(1)?;
        self.paras.get(p)?.1.get(n - self.offsets[p])
    }

    /// The first global line showing finding `i`, or where its text was.
    pub fn line_of(&self, _review: &ArticleReview, i: usize) -> usize {
        let Some(doc) = &self.doc else { return 0 };
        let Some(&at) = self.anchors.get(i) else {
            return 0;
        };
        let p = doc
            .paragraphs
            .partition_point(|x| x.start <= at)
            .saturating_sub(1);
        let Some((_, lines)) = self.paras.get(p) else {
            return 0;
        };
        let within = lines
            .iter()
            .position(|l| l.runs.iter().any(|run| run.finding == Some(i)))
            .unwrap_or(0);
        self.offsets.get(p).copied().unwrap_or(0) + within
    }
}
