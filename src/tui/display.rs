//! The article as the editor sees it: each paragraph turned into display text with marks
//! (decisions applied, invisibles and control characters made visible), wrapped to the pane.
//! Paragraphs are laid out once and kept until something that shows in them changes.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::theme::Mark;
use super::wrap::wrap;
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
    text_version: u64,
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
                        });
                    }
                    runs.push(Run {
                        text: sub,
                        mark: Mark::Invisible,
                        selected,
                        finding,
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

/// The runs of paragraph `range`, decisions applied.
pub fn paragraph_runs(
    review: &ArticleReview,
    range: Range<usize>,
    here: &[usize],
    applied: &[bool],
    opts: &DisplayOptions,
) -> Vec<Run> {
    let text = &review.text;
    // Clip every finding to the paragraph; the elementary pieces between all their ends each
    // take the look of the narrowest finding over them (the selected one first).
    let mut cuts = vec![range.start, range.end];
    let mut over: Vec<(usize, Range<usize>)> = Vec::new();
    for &i in here {
        let item = &review.items[i];
        let r = &item.finding.range;
        let (s, e) = (r.start.max(range.start), r.end.min(range.end));
        if s < e && !item.stale {
            cuts.push(s);
            cuts.push(e);
            over.push((i, s..e));
        }
    }
    let related: Vec<Range<usize>> = opts
        .selected
        .and_then(|i| review.items.get(i))
        .map(|it| it.finding.related.clone())
        .unwrap_or_default();
    for r in &related {
        let (s, e) = (r.start.max(range.start), r.end.min(range.end));
        if s < e {
            cuts.push(s);
            cuts.push(e);
        }
    }
    let mut hits: Vec<Range<usize>> = Vec::new();
    if let Some(q) = opts.search.as_deref().filter(|q| !q.is_empty()) {
        for (at, m) in text[range.clone()].match_indices(q) {
            hits.push(range.start + at..range.start + at + m.len());
            cuts.push(range.start + at);
            cuts.push(range.start + at + m.len());
        }
    }
    cuts.retain(|&c| c >= range.start && c <= range.end && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut runs = Vec::new();
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        // An applied deletion hides everything under it, narrower findings included;
        // otherwise the selected finding shows, then the narrowest.
        let covering = || {
            over.iter()
                .filter(|(_, r)| r.start <= piece.start && piece.end <= r.end)
        };
        let selected_here = covering().any(|(i, _)| Some(*i) == opts.selected);
        let top = covering()
            .find(|(i, _)| applied[*i] && review.items[*i].decision == Decision::Accepted)
            .or_else(|| {
                covering().min_by_key(|(i, r)| (Some(*i) != opts.selected, r.end - r.start))
            })
            .map(|(i, _)| *i);
        let slice = &text[piece.clone()];
        let Some(i) = top else {
            let mark = if related
                .iter()
                .any(|r| r.start <= piece.start && piece.end <= r.end)
            {
                Mark::Related
            } else if hits
                .iter()
                .any(|r| r.start <= piece.start && piece.end <= r.end)
            {
                Mark::SearchHit
            } else {
                Mark::Plain
            };
            push_text(&mut runs, slice, mark, false, None, opts.reveal);
            continue;
        };
        let item = &review.items[i];
        let selected = selected_here;
        let is_applied = applied[i];
        let full = &item.finding.range;
        let ends_here = piece.end == full.end.min(range.end) && full.end <= range.end;
        // In diff view the selected fix shows before and after, decided or not.
        let preview = opts.diff && selected && item.decision != Decision::Rejected;
        if item.decision == Decision::Accepted && is_applied || preview {
            if opts.diff || selected {
                push_text(&mut runs, slice, Mark::Removed, selected, Some(i), true);
            }
            if ends_here && !item.replacement().is_empty() {
                push_text(
                    &mut runs,
                    item.replacement(),
                    Mark::Inserted,
                    selected,
                    Some(i),
                    opts.reveal,
                );
            }
            continue;
        }
        let mark = match item.decision {
            Decision::Rejected => Mark::Rejected,
            _ => kind_mark(item.finding.kind),
        };
        // A finding that only covers the paragraph break still needs something to show.
        if slice.trim().is_empty() && !opts.reveal {
            push_text(
                &mut runs,
                if slice.is_empty() { "" } else { "·" },
                mark,
                selected,
                Some(i),
                false,
            );
        } else {
            push_text(
                &mut runs,
                slice,
                mark,
                selected,
                Some(i),
                opts.reveal || mark != Mark::Plain && slice.trim().is_empty(),
            );
        }
    }
    runs
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
    wrap(&text, width)
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

fn key_of(review: &ArticleReview, here: &[usize], applied: &[bool], opts: &DisplayOptions) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    opts.width.hash(&mut h);
    opts.diff.hash(&mut h);
    opts.reveal.hash(&mut h);
    opts.search.hash(&mut h);
    for &i in here {
        let item = &review.items[i];
        i.hash(&mut h);
        (item.decision as u8).hash(&mut h);
        item.edited.hash(&mut h);
        item.stale.hash(&mut h);
        applied[i].hash(&mut h);
        (opts.selected == Some(i)).hash(&mut h);
    }
    h.finish()
}

/// For each paragraph, the findings that touch it (and the selected finding's related
/// ranges, which are underlined): found by binary search, not by scanning every finding.
fn buckets(doc: &Document, review: &ArticleReview, selected: Option<usize>) -> Vec<Vec<usize>> {
    let paras = &doc.paragraphs;
    let mut out = vec![Vec::new(); paras.len()];
    let add = |i: usize, r: &Range<usize>, out: &mut Vec<Vec<usize>>| {
        let mut p = paras.partition_point(|x| x.end <= r.start);
        while p < paras.len() && paras[p].start < r.end.max(r.start + 1) {
            if out[p].last() != Some(&i) {
                out[p].push(i);
            }
            p += 1;
        }
    };
    for (i, item) in review.items.iter().enumerate() {
        add(i, &item.finding.range, &mut out);
    }
    if let Some(i) = selected.filter(|&i| i < review.items.len()) {
        for r in &review.items[i].finding.related {
            add(i, r, &mut out);
        }
    }
    for b in &mut out {
        b.sort_unstable();
        b.dedup();
    }
    out
}

impl Layout {
    /// Bring the layout up to date, redoing only the paragraphs whose look changed.
    pub fn update(&mut self, review: &ArticleReview, text_version: u64, opts: &DisplayOptions) {
        if self.doc.is_none() || self.text_version != text_version {
            self.doc = Some(if opts.hard_breaks {
                Document::by_lines(review.text.clone())
            } else {
                Document::new(review.text.clone())
            });
            self.paras.clear();
            self.text_version = text_version;
        }
        let Some(doc) = &self.doc else { return };
        let mut applied = vec![false; review.items.len()];
        for i in review.applied() {
            applied[i] = true;
        }
        let here = buckets(doc, review, opts.selected);
        self.paras
            .resize_with(doc.paragraphs.len(), || (u64::MAX, Vec::new()));
        for (p, range) in doc.paragraphs.iter().enumerate() {
            let key = key_of(review, &here[p], &applied, opts);
            if self.paras[p].0 != key {
                let runs = paragraph_runs(review, range.clone(), &here[p], &applied, opts);
                // A paragraph removed whole by an accepted fix takes no room at all.
                let lines = if runs.iter().all(|r| r.text.is_empty()) {
                    if opts.hard_breaks {
                        vec![VisualLine::default()]
                    } else {
                        Vec::new()
                    }
                } else {
                    wrap_runs(&runs, opts.width)
                };
                self.paras[p] = (key, lines);
            }
        }
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

    /// The global line `n` (a blank line between paragraphs).
    pub fn line(&self, n: usize) -> Option<&VisualLine> {
        let p = self.offsets.partition_point(|&o| o <= n).checked_sub(1)?;
        self.paras.get(p)?.1.get(n - self.offsets[p])
    }

    /// The first global line showing finding `i`.
    pub fn line_of(&self, review: &ArticleReview, i: usize) -> usize {
        let Some(doc) = &self.doc else { return 0 };
        let Some(item) = review.items.get(i) else {
            return 0;
        };
        let r = &item.finding.range;
        let p = doc
            .paragraphs
            .partition_point(|x| x.end <= r.start)
            .min(doc.paragraphs.len().saturating_sub(1));
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
