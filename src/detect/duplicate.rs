//! Duplicated text: repeated title lines and paragraphs, scraped teasers, and (through
//! [`super::units`] and [`super::repeat`]) repeated sentences and phrases.

use std::collections::HashMap;
use std::ops::Range;

use super::spam::whole_paragraph;
use super::{Finding, Kind, quote, repeat, units};
use crate::document::Document;
use crate::segment::is_space;

/// Paragraph text with spam spans left out and whitespace collapsed, so that two copies of a
/// title that both carry a planted prefix still compare equal.
fn paragraph_key(doc: &Document, p: usize, spam: &[Range<usize>]) -> String {
    let c = doc.content(p);
    let mut key = String::with_capacity(c.len());
    // Whole words are copied at once: this runs on every paragraph of every document.
    let mut space = false;
    let mut push = |seg: &str, key: &mut String| {
        for (i, w) in seg.split(is_space).enumerate() {
            space |= i > 0;
            if w.is_empty() {
                continue;
            }
            if space && !key.is_empty() {
                key.push(' ');
            }
            space = false;
            key.push_str(w);
        }
    };
    // `spam` is in text order; the text between its spans is kept.
    let mut at = c.start;
    for s in &spam[spam.partition_point(|s| s.end <= c.start)..] {
        if s.start >= c.end {
            break;
        }
        if s.start > at {
            push(&doc.text[at..s.start], &mut key);
        }
        at = at.max(s.end);
    }
    if at < c.end {
        push(&doc.text[at..c.end], &mut key);
    }
    key
}

pub fn detect(doc: &Document, spam: &[Range<usize>]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut whole = vec![false; doc.paragraphs.len()];
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (p, done) in whole.iter_mut().enumerate() {
        let key = paragraph_key(doc, p, spam);
        if key.chars().count() < 10 {
            continue;
        }
        if let Some(&orig) = seen.get(&key) {
            *done = true;
            let (rule, what) = if orig == 0 {
                ("duplicate.title", "repeats the title line".to_owned())
            } else {
                let (line, _) = doc.line_col(doc.paragraphs[orig].start);
                (
                    "duplicate.paragraph",
                    format!("repeats the paragraph at line {line}"),
                )
            };
            out.push(Finding {
                kind: Kind::Duplicate,
                rule,
                range: whole_paragraph(doc, p),
                replacement: String::new(),
                confidence: 0.95,
                message: format!("this paragraph {what}: {}", quote(&key, 40)),
                related: vec![doc.content(orig)],
            });
        } else {
            seen.insert(key, p);
        }
    }
    let last = doc.paragraphs.len().saturating_sub(1);
    for (p, done) in whole.iter_mut().enumerate().take(last).skip(1) {
        if *done {
            continue;
        }
        if let Some(f) = teaser(doc, p, spam) {
            *done = true;
            out.push(f);
        }
    }
    let mut rest = units::detect(doc, &whole, spam);
    rest.extend(repeat::detect(doc));
    for f in rest {
        if !out
            .iter()
            .any(|o| o.range.start < f.range.end && f.range.start < o.range.end)
        {
            out.push(f);
        }
    }
    out
}

/// A lede cut short with "…" standing as its own paragraph before the full lede.
fn teaser(doc: &Document, p: usize, spam: &[Range<usize>]) -> Option<Finding> {
    let c = paragraph_key(doc, p, spam);
    let body = c
        .strip_suffix('…')
        .or_else(|| c.strip_suffix("..."))?
        .trim_end();
    if body.chars().count() < 20 {
        return None;
    }
    let next = doc.content(p + 1);
    let full = paragraph_key(doc, p + 1, spam);
    if full.len() <= body.len() || !full.starts_with(body) {
        return None;
    }
    Some(Finding {
        kind: Kind::Duplicate,
        rule: "duplicate.teaser",
        range: whole_paragraph(doc, p),
        replacement: String::new(),
        confidence: 0.9,
        message: format!(
            "a teaser cut short with an ellipsis; the next paragraph has the full text: {}",
            quote(body, 40)
        ),
        related: vec![next],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let doc = Document::new(text);
        detect(&doc, &[])
            .into_iter()
            .map(|f| (doc.text[f.range].to_owned(), f.rule))
            .collect()
    }

    #[test]
    fn repeated_title() {
        let f = found("ปอมเปโอเยือนเบลารุส\n\nปอมเปโอเยือนเบลารุส\n\nเนื้อหาข่าวยาวพอสมควร");
        assert_eq!(f, [("\n\nปอมเปโอเยือนเบลารุส".to_owned(), "duplicate.title")]);
    }

    #[test]
    fn teaser_before_full_lede() {
        let f = found(
            "Title\n\nThe council approved a new budget on Monday…\n\nThe council approved a new budget on Monday, raising school spending.\n\nEnd.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "duplicate.teaser");
    }

    #[test]
    fn sentence_pasted_twice_in_english() {
        let f = found(
            "Title\n\nThe ferry will run twice a day from June. The ferry will run twice a day from June. Fares stay the same.",
        );
        assert_eq!(
            f,
            [(
                "The ferry will run twice a day from June. ".to_owned(),
                "duplicate.sentence"
            )]
        );
    }

    #[test]
    fn end_of_paragraph_repeated_at_start_of_next() {
        let f = found(
            "T\n\nA long first paragraph ends here with the closing words of its last sentence.\n\nits last sentence. The second paragraph goes on with new material here.",
        );
        assert_eq!(f.len(), 0, "a 3-word overlap is too short: {f:?}");
        let f = found(
            "T\n\nWe begin. The board said the new policy would start next month.\n\nThe board said the new policy would start next month. Critics disagreed strongly.",
        );
        assert_eq!(f[0].1, "duplicate.paragraph-overlap");
    }
}
