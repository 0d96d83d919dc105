//! Runs of whitespace-separated chunks repeated anywhere in the article: a sentence or
//! clause pasted twice, or the end of one paragraph repeated at the start of the next.
//!
//! Each chunk is hashed once; a chunk seen before starts a candidate run that is extended
//! while chunks keep matching. Expected linear time in the number of chunks.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::Rule;
use super::repeat::{is_chant, quote_spans};
use super::spam::whole_paragraph;
use super::{Complete, CopyEvidence, CopyUnit, Cut, Doubt, Evidence, Finding, Kind};
use crate::document::Document;
use crate::segment::is_space;

struct Unit {
    range: Range<usize>,
    para: usize,
    hash: u64,
}

fn units(doc: &Document, skip: &[bool], spam: &[Range<usize>]) -> Vec<Unit> {
    let text = &doc.text;
    let mut out = Vec::new();
    for (p, _) in doc.paragraphs.iter().enumerate() {
        if skip[p] {
            continue;
        }
        let c = doc.content(p);
        let mut start = None;
        let push = |s: usize, e: usize, out: &mut Vec<Unit>| {
            // A planted term between the words of one copy must not break the match.
            if spam.iter().any(|r| r.start <= s && e <= r.end) {
                return;
            }
            let mut h = DefaultHasher::new();
            text[s..e].hash(&mut h);
            out.push(Unit {
                range: s..e,
                para: p,
                hash: h.finish(),
            });
        };
        for (i, ch) in text[c.clone()].char_indices() {
            let at = c.start + i;
            if is_space(ch) {
                if let Some(s) = start.take() {
                    push(s, at, &mut out);
                }
            } else if start.is_none() {
                start = Some(at);
            }
        }
        if let Some(s) = start {
            push(s, c.end, &mut out);
        }
    }
    out
}

/// Clause boundaries, the units a duplicate fix may remove. In Thai, spaces separate clauses
/// and sentences; elsewhere punctuation does too. A position is a clause start when it opens
/// its paragraph or follows whitespace or a mark that is not part of a word (“ ( , …).
pub(crate) fn at_clause_start(text: &str, para: &Range<usize>, pos: usize) -> bool {
    pos <= para.start
        || text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| is_space(c) || !crate::segment::is_wordish(c))
}

/// A clause end: the end of the paragraph, or whitespace or punctuation after `pos`.
pub(crate) fn at_clause_end(text: &str, para: &Range<usize>, pos: usize) -> bool {
    pos >= para.end
        || text[pos..]
            .chars()
            .next()
            .is_none_or(|c| is_space(c) || !crate::segment::is_wordish(c))
}

/// `range` without leading and trailing whitespace.
pub(crate) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    if lead == s.len() {
        return range.start..range.start;
    }
    let trail = s.len() - s.trim_end().len();
    range.start + lead..range.end - trail
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', '…'])
}

/// `skip[p]` marks paragraphs already reported whole (repeated paragraphs and teasers).
pub fn detect(doc: &Document, skip: &[bool], spam: &[Range<usize>]) -> Vec<Finding> {
    let text = &doc.text;
    let u = units(doc, skip, spam);
    let mut last: HashMap<u64, usize> = HashMap::with_capacity(u.len());
    let mut out = Vec::new();
    // Quote spans per paragraph, found once: one giant paragraph full of repeats would
    // otherwise be rescanned for every repeat in it.
    let mut quotes: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    let same = |a: usize, b: usize| {
        u[a].hash == u[b].hash && text[u[a].range.clone()] == text[u[b].range.clone()]
    };
    let mut j = 0;
    while j < u.len() {
        // The most recent earlier copy: adjacent and paragraph-edge repeats need the nearest.
        let Some(i) = last.insert(u[j].hash, j) else {
            j += 1;
            continue;
        };
        if !same(i, j) {
            j += 1;
            continue;
        }
        let mut r = 1;
        while i + r < j
            && j + r < u.len()
            && u[i + r].para == u[i].para
            && u[j + r].para == u[j].para
            && same(i + r, j + r)
        {
            r += 1;
        }
        match judge(doc, &u, i, j, r, &mut quotes) {
            Some(f) => {
                out.push(f);
                j += r;
            }
            // A rejected run is rejected from any of its units on: skipping it keeps a long
            // repeated run (a table) linear.
            None => j += r,
        }
    }
    out
}

fn judge(
    doc: &Document,
    u: &[Unit],
    i: usize,
    j: usize,
    r: usize,
    quotes: &mut HashMap<usize, Vec<Range<usize>>>,
) -> Option<Finding> {
    let text = &doc.text;
    let copy = u[j].range.start..u[j + r - 1].range.end;
    let orig = u[i].range.start..u[i + r - 1].range.end;
    let s = &text[copy.clone()];
    let chars = s.chars().filter(|c| !is_space(*c)).count();
    let latin = crate::segment::mostly_latin(s);
    let adjacent = i + r == j && u[i].para == u[j].para;
    // The copy opens the paragraph right after the one the original closes. Units are in
    // text order and paragraphs already reported whole have none, so a repeated paragraph
    // between the two does not hide the overlap.
    let overlap = i + r == j && u[i].para != u[j].para;
    let sentence_start = |k: usize| {
        k == 0 || u[k - 1].para != u[k].para || ends_sentence(&text[u[k - 1].range.clone()])
    };
    // Table columns are set apart by runs of spaces or no-break spaces; repeated cells are
    // data, not a paste.
    let columns = |r: Range<usize>| {
        let t = &text[r];
        t.contains('\u{a0}') || t.contains("  ") || t.contains('\t')
    };
    if columns(orig.start.min(copy.start)..copy.end.max(orig.end)) && (adjacent || overlap) {
        return None;
    }
    // Two copies that are each a whole line, one under the other (a title printed twice):
    // one chunk is enough, as each copy is a whole unit.
    let line_copy = text[orig.end..copy.start].contains('\n')
        && (orig.start == doc.content(u[i].para).start || text[..orig.start].ends_with('\n'))
        && (copy.end == doc.content(u[j].para).end || text[copy.end..].starts_with('\n'));
    let (rule, confidence, unit, line) = if adjacent {
        let ok = if latin {
            r >= 4 && chars >= 20
        } else {
            r >= 2 && chars >= 20
        } || (line_copy && chars >= 20);
        if !ok {
            return None;
        }
        let quotes = quotes
            .entry(u[i].para)
            .or_insert_with(|| quote_spans(text, doc.content(u[i].para)));
        if is_chant(text, quotes, &(orig.start..copy.end)) {
            return None;
        }
        (
            Rule::DuplicateSentence,
            super::score::weights().duplicate.adjacent_sentence,
            CopyUnit::Sentence,
            None,
        )
    } else if overlap {
        // Thai sets clauses apart with spaces, so one chunk is already a whole clause: a
        // long one that closes a paragraph and opens the next is the copy.
        let ok = if latin { r >= 4 } else { r >= 1 } && chars >= 20;
        // The end of one paragraph repeated at the start of the next: the first copy is the
        // tail of a body paragraph, not all of it (a lede that opens by restating the whole
        // headline is news style).
        // What comes before it must be words: after a bare list number ("2. X" then "X
        // goes on…") the paragraph is a heading that the next one restates.
        let para_start = doc.content(u[i].para).start;
        let tail = u[i].para > 0
            && i > 0
            && u[i - 1].para == u[i].para
            && text[para_start..orig.start]
                .chars()
                .any(char::is_alphabetic);
        if !ok || !tail || u.get(j + r).is_none_or(|n| n.para != u[j].para) {
            return None;
        }
        (
            Rule::DuplicateParagraphOverlap,
            super::score::weights().duplicate.paragraph_overlap,
            CopyUnit::ParagraphOverlap,
            None,
        )
    } else {
        // A copy elsewhere in the article. Only a whole sentence pasted again, in English
        // where sentences are marked, away from the headline, is fixed; anything else is a
        // restatement (a deck or lede restating the headline and going on, a sub-heading
        // restating a sentence) and at most a suggestion.
        let whole_paragraph_copy = (j == 0 || u[j - 1].para != u[j].para)
            && u.get(j + r).is_none_or(|n| n.para != u[j].para);
        let whole_paragraph_orig = (i == 0 || u[i - 1].para != u[i].para)
            && u.get(i + r).is_none_or(|n| n.para != u[i].para);
        let pasted_sentence = latin
            && r >= 8
            && sentence_start(i)
            && sentence_start(j)
            && ends_sentence(s)
            && u[i].para > 0
            && whole_paragraph_copy == whole_paragraph_orig;
        if pasted_sentence {
            let (line, _) = doc.line_col(orig.start);
            (
                Rule::DuplicateSentence,
                super::score::weights().duplicate.pasted_sentence,
                CopyUnit::Sentence,
                Some(line),
            )
        } else {
            if chars < 20 || (latin && r < 4) {
                return None;
            }
            let (line, _) = doc.line_col(orig.start);
            return Some(Finding {
                kind: Kind::Duplicate,
                rule: Rule::DuplicateRestatement,
                range: copy.clone(),
                replacement: String::new(),
                confidence: super::repeat::suggestion(),
                message: String::new(),
                evidence: Evidence::Copy(CopyEvidence {
                    unit: CopyUnit::Restatement,
                    copy: copy.clone(),
                    other: orig.clone(),
                    line: Some(line),
                    complete: None,
                    cut: None,
                    doubt: Some(Doubt::Restatement),
                }),
                related: vec![orig],
            });
        }
    };
    // The first copy is a whole paragraph cut short with an ellipsis: that is a teaser (whose
    // lede also carries other damage), and the teaser goes.
    let first_para = doc.content(u[i].para);
    let cut_short = {
        let t = text[first_para.clone()].trim_end();
        t.ends_with('…') || t.ends_with("...")
    };
    if orig.start == first_para.start
        && cut_short
        && (i == 0 || u[i - 1].para != u[i].para)
        && u.get(i + r).is_none_or(|n| n.para != u[i].para)
        && u[i].para > 0
    {
        return Some(Finding {
            kind: Kind::Duplicate,
            rule: Rule::DuplicateTeaser,
            range: whole_paragraph(doc, u[i].para),
            replacement: String::new(),
            confidence: super::score::weights().duplicate.teaser_lede_ellipsis,
            message: String::new(),
            evidence: Evidence::Copy(CopyEvidence {
                unit: CopyUnit::Teaser,
                copy: first_para.clone(),
                other: first_para.clone(),
                line: None,
                complete: Some(Complete::Later),
                cut: Some(Cut::Ellipsis),
                doubt: None,
            }),
            related: vec![copy.clone()],
        });
    }
    // Delete the copy with one neighbouring space, or the whole paragraph if it is all copy.
    let starts_para = j == 0 || u[j - 1].para != u[j].para;
    let ends_para = u.get(j + r).is_none_or(|n| n.para != u[j].para);
    let range = if starts_para && ends_para {
        whole_paragraph(doc, u[j].para)
    } else if u.get(j + r).is_some_and(|n| n.para == u[j].para) {
        copy.start..u[j + r].range.start
    } else {
        u[j - 1].range.end..copy.end
    };
    Some(Finding {
        kind: Kind::Duplicate,
        rule,
        range,
        replacement: String::new(),
        confidence,
        message: String::new(),
        evidence: Evidence::Copy(CopyEvidence {
            unit,
            copy,
            other: orig.clone(),
            line,
            complete: None,
            cut: None,
            doubt: None,
        }),
        related: vec![orig],
    })
}
