//! Paragraphs broken in the middle of a sentence. Thai marks no sentence end, so the evidence
//! is indirect (a dangling last word, a continuation word opening the next paragraph, a
//! stray space left at the break); the join is always only a suggestion.

use super::Rule;
use super::{BreakSign, Evidence, Finding, Kind};
use crate::document::Document;

/// Words that cannot end a Thai sentence: they need what follows.
const DANGLING_END: [&str; 16] = [
    "ว่า",
    "ที่",
    "ซึ่ง",
    "และ",
    "หรือ",
    "กับ",
    "ของ",
    "โดย",
    "เพื่อ",
    "กล่าวหา",
    "ระบุ",
    "คือ",
    "เป็น",
    "ให้",
    "จาก",
    "ใน",
];

/// Words that continue a sentence when they open a paragraph.
const CONTINUATION_START: [&str; 18] = [
    "นับตั้งแต่",
    "ทำให้",
    "ส่งผลให้",
    "จนทำให้",
    "จนถึง",
    "และ",
    "ซึ่ง",
    "โดย",
    "เพื่อ",
    "ว่า",
    "หรือ",
    "จึง",
    "เนื่องจาก",
    "เพราะ",
    "ขณะที่",
    "ทั้งนี้เพราะ",
    "ตั้งแต่",
    "ที่",
];

pub fn detect(doc: &Document) -> Vec<Finding> {
    let text = &doc.text;
    let mut out = Vec::new();
    for p in 1..doc.paragraphs.len().saturating_sub(1) {
        let raw = &doc.paragraphs[p];
        let cur = doc.content(p);
        let next = doc.content(p + 1);
        let a = &text[cur.clone()];
        let b = &text[next.clone()];
        let latin = crate::segment::mostly_latin(a);
        let stray_space = raw.end > cur.end;
        let mut evidence: Vec<BreakSign> = Vec::new();
        let w = &super::score::weights().layout;
        let mut score: f32 = 0.0;
        if latin {
            let ends_open = !a
                .trim_end_matches(['"', '”', '’', ')'])
                .ends_with(['.', '!', '?', ':', '…']);
            let starts_lower = b.chars().next().is_some_and(char::is_lowercase);
            if !ends_open {
                continue;
            }
            if starts_lower {
                score += w.lower_case_start;
                evidence.push(BreakSign::LowerCaseStart);
            }
            score += w.no_end_punct;
            evidence.push(BreakSign::NoEndPunct);
        } else {
            if stray_space {
                score += w.stray_space;
                evidence.push(BreakSign::StraySpace);
            }
            if CONTINUATION_START.iter().any(|w| b.starts_with(w)) {
                score += w.continuation_word;
                evidence.push(BreakSign::ContinuationWord);
            }
            if DANGLING_END.iter().any(|w| a.ends_with(w)) {
                score += w.dangling_end;
                evidence.push(BreakSign::DanglingEnd);
            }
            if !a.ends_with(|c: char| ")”\"".contains(c))
                && !b.contains(' ')
                && b.chars().count() < 120
            {
                score += w.single_clause;
                evidence.push(BreakSign::SingleClause);
            }
        }
        if score < w.min_score {
            continue;
        }
        out.push(Finding {
            kind: Kind::Layout,
            rule: Rule::LayoutBrokenParagraph,
            range: cur.end..next.start,
            replacement: " ".into(),
            confidence: (w.base + score).min(w.cap),
            message: String::new(),
            evidence: Evidence::BrokenParagraph {
                next: next.clone(),
                signs: evidence,
            },
            related: vec![next],
        });
    }
    out
}
