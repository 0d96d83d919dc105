//! The head of a page: `<title>` and the `<meta>` contents search engines show, cleaned of
//! planted phrases with edits that touch only those phrases.

use crate::detect::Rule;
use std::ops::Range;

use super::align::{RefCache, align};
use super::findings::stemmed_brand;
use super::page::{JUDGED, PageFinding, PageNode, spam_confidence};
use super::write_back::whole_lines;
use crate::DEFAULT_MIN_CONFIDENCE;
use crate::detect::{Finding, Kind, ScanOptions, quote, scan};
use crate::document::Document;
use crate::lexicon::TermClass;
use crate::review::{Edit, resolve};

/// What a `<meta>` content should become, as a finding.
pub(super) fn meta(
    source: &str,
    n: &PageNode,
    label: &str,
    content: &str,
    attr: &Range<usize>,
    spammed: bool,
    options: &ScanOptions,
) -> Option<PageFinding> {
    if content.len() > JUDGED {
        return None;
    }
    let sep = if label == "keywords" {
        keyword_sep
    } else {
        head_sep
    };
    let (clean, confidence) = clean_head(content, sep, spammed, options)?;
    let value = attr_value(source, attr);
    let empty = clean
        .chars()
        .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || c == '|');
    let edits = match value {
        Some(v) if !empty => vec![Edit {
            range: v,
            replacement: escape_attr(clean.trim()),
        }],
        _ => vec![Edit {
            range: whole_lines(source, n.src.clone()),
            replacement: String::new(),
        }],
    };
    Some(PageFinding {
        rule: Rule::SpamHead,
        range: n.src.clone(),
        edits,
        confidence,
        message: format!("<meta {label}> {} carries spam", quote(content, 60)),
        extracted: None,
    })
}

/// The value inside `name="value"` (or unquoted), given the attribute's source span.
fn attr_value(source: &str, attr: &Range<usize>) -> Option<Range<usize>> {
    let s = source.get(attr.clone())?;
    let eq = s.find('=')?;
    let rest = &s[eq + 1..];
    let lead = rest.len() - rest.trim_start().len();
    let start = attr.start + eq + 1 + lead;
    let rest = rest.trim_start();
    let q = rest.chars().next()?;
    if q == '"' || q == '\'' {
        let end = rest[1..].find(q)?;
        Some(start + 1..start + 1 + end)
    } else {
        let end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>')
            .unwrap_or(rest.len());
        Some(start..start + end)
    }
}

/// Head text (a title, a description, a keyword list) with the spam taken out: what the
/// detectors find, each phrase that names a spam term or brand, and a whole part between
/// `sep`s when most of it is spam. Only text with spam jargon or a brand, or the head of a
/// page with planted spam elsewhere, is touched; then gambling vocabulary (`บาคาร่า`)
/// counts too.
pub(super) fn clean_head(
    text: &str,
    sep: fn(char) -> bool,
    page_spammed: bool,
    options: &ScanOptions,
) -> Option<(String, f32)> {
    let lex = &options.lexicon;
    // Gambling vocabulary alone is what a news title about a crackdown says; spam jargon, a
    // deny-listed term or a betting brand is what shows the head was planted.
    let promo = |t: &str| {
        lex.find(&crate::normalize::fold(t))
            .iter()
            .any(|h| matches!(h.class, TermClass::Promo | TermClass::Deny))
            || stemmed_brand(t, lex).is_some()
    };
    if !page_spammed && !promo(text) {
        return None;
    }
    let doc = Document::new(text.to_owned());
    let found: Vec<Finding> = scan(&doc, options)
        .into_iter()
        .filter(|f| {
            f.kind == Kind::Spam
                && f.confidence >= DEFAULT_MIN_CONFIDENCE
                && f.replacement.is_empty()
        })
        .collect();
    let mut confidence = found.iter().map(|f| f.confidence).fold(0.0, f32::max);
    let cut: Vec<Range<usize>> = resolve(&found, 0..found.len())
        .iter()
        .map(|&i| found[i].range.clone())
        .collect();
    let spam_phrase = |chunk: &str| {
        promo(chunk)
            || lex
                .find(&crate::normalize::fold(chunk))
                .iter()
                .any(|h| h.class == TermClass::Strong)
    };
    let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let mut out = String::new();
    let mut lead = "";
    for part in pieces(text, |c| !sep(c)) {
        let mut kept = String::new();
        let mut dropped = 0;
        let mut space = "";
        let mut last_end = part.start;
        for chunk in pieces(&text[part.clone()], |c| !c.is_whitespace()) {
            let chunk = part.start + chunk.start..part.start + chunk.end;
            let gap = &text[last_end..chunk.start];
            last_end = chunk.end;
            let word = &text[chunk.clone()];
            let inside: Vec<Range<usize>> = cut
                .iter()
                .filter(|c| c.start < chunk.end && chunk.start < c.end)
                .map(|c| c.start.max(chunk.start)..c.end.min(chunk.end))
                .collect();
            let mut rest = String::new();
            let mut at = chunk.start;
            for c in &inside {
                rest.push_str(&text[at..c.start]);
                dropped += count(&text[c.clone()]);
                at = c.end;
            }
            rest.push_str(&text[at..chunk.end]);
            if rest.trim().is_empty() || spam_phrase(word) {
                dropped += count(&rest);
                space = if kept.is_empty() { "" } else { gap };
                continue;
            }
            if !kept.is_empty() {
                kept.push_str(if space.is_empty() { gap } else { space });
            }
            space = "";
            kept.push_str(&rest);
        }
        let total = count(&text[part.clone()]);
        let next_lead_end = text[part.end..]
            .find(|c: char| !sep(c) && !c.is_whitespace())
            .map_or(text.len(), |i| part.end + i);
        if dropped > 0 {
            confidence = confidence.max(spam_confidence());
        }
        if kept.trim().is_empty() || dropped > 0 && dropped * 2 >= total {
            lead = if out.is_empty() { "" } else { lead };
            continue;
        }
        if !out.is_empty() {
            out.push_str(lead);
        }
        out.push_str(kept.trim());
        lead = text.get(part.end..next_lead_end).unwrap_or("");
        // Whitespace before a separator belongs to the separator.
        if let Some(ws) = text[part.clone()]
            .len()
            .checked_sub(text[part.clone()].trim_end().len())
            && ws > 0
        {
            lead = text.get(part.end - ws..next_lead_end).unwrap_or(lead);
            out.truncate(out.trim_end().len());
        }
    }
    let out = out.trim().to_owned();
    (out != text.trim()).then_some((
        format!(
            "{}{out}{}",
            &text[..text.len() - text.trim_start().len()],
            &text[text.trim_end().len()..]
        ),
        confidence,
    ))
}

/// Ranges of the runs of characters for which `keep` holds.
pub(super) fn pieces(s: &str, keep: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (keep(c), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push(a..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push(a..s.len());
    }
    out
}

pub(super) fn head_sep(c: char) -> bool {
    matches!(c, '|' | ',' | '–' | '—' | ':' | '·' | '»' | '-')
}

fn keyword_sep(c: char) -> bool {
    matches!(c, ',' | '，' | ';')
}

/// Edits at `base` that turn `old` into `new`, where `new` is `old` with parts removed.
pub(super) fn diff_edits(old: &str, new: &str, base: usize) -> Vec<Edit> {
    let ops = similar::capture_diff_slices(
        similar::Algorithm::Myers,
        &old.chars().collect::<Vec<_>>(),
        &new.chars().collect::<Vec<_>>(),
    );
    let offsets: Vec<usize> = old
        .char_indices()
        .map(|(i, _)| i)
        .chain([old.len()])
        .collect();
    let mut edits: Vec<Edit> = Vec::new();
    let new_chars: Vec<char> = new.chars().collect();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        edits.push(Edit {
            range: base + offsets[o.start]..base + offsets[o.end],
            replacement: new_chars[n].iter().collect(),
        });
    }
    edits
}

/// Edits of `decoded` (the text of `raw` with character references resolved) as edits of
/// `raw` at `base`: a reference is kept or deleted whole, inserted text is escaped.
pub(super) fn through_references(
    raw: &str,
    decoded: &str,
    edits: &[Edit],
    base: usize,
) -> Vec<Edit> {
    let pieces = align(decoded, raw, &mut RefCache::default());
    let at = |pos: usize, end: bool| {
        let i = pieces.partition_point(|p| p.dec.end <= pos);
        match pieces.get(i) {
            None => raw.len(),
            Some(p) if p.verbatim => p.raw.start + (pos - p.dec.start.min(pos)),
            Some(p) if end && pos > p.dec.start => p.raw.end,
            Some(p) => p.raw.start,
        }
    };
    edits
        .iter()
        .map(|e| Edit {
            range: base + at(e.range.start, false)..base + at(e.range.end, true),
            replacement: escape_text(&e.replacement),
        })
        .collect()
}

pub(super) fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_are_located() {
        let src = r#"<meta name="description" content = 'ข่าว สล็อต' >"#;
        let at = src.find("content").unwrap();
        let r = attr_value(src, &(at..src.len() - 2)).unwrap();
        assert_eq!(&src[r], "ข่าว สล็อต");
        let src = "<meta content=abc>";
        let r = attr_value(src, &(6..17)).unwrap();
        assert_eq!(&src[r], "abc");
    }

    #[test]
    fn head_text_loses_its_spam_and_keeps_its_own_words() {
        let o = ScanOptions::default();
        let clean = |t: &str, sep| clean_head(t, sep, false, &o).map(|(c, _)| c);
        assert_eq!(
            clean("กรมทางหลวง | สล็อตเว็บตรง แตกง่าย", head_sep).as_deref(),
            Some("กรมทางหลวง")
        );
        assert_eq!(
            clean("ข่าวสาร, ufabet, ประกาศ", keyword_sep).as_deref(),
            Some("ข่าวสาร, ประกาศ")
        );
        // A page about a gambling crackdown keeps its vocabulary.
        assert_eq!(clean("ตำรวจบุกจับบ่อนบาคาร่า | ข่าวภูมิภาค", head_sep), None);
        assert_eq!(clean("ผลสลากกินแบ่ง หวย งวดนี้", head_sep), None);
        // On a page with planted links, gambling vocabulary in its keywords is spam too.
        assert_eq!(
            clean_head("ข่าวจังหวัด, สล็อต, บาคาร่า", keyword_sep, true, &o)
                .map(|(c, _)| c)
                .as_deref(),
            Some("ข่าวจังหวัด")
        );
        assert_eq!(clean("ข่าวภูมิภาค – ประจำวัน", head_sep), None);
        // Event names look like brands to the article detectors, not here.
        assert_eq!(
            clean("สวทช. จัดงานประชุม NAC2019 โชว์ผลงานวิจัย", head_sep),
            None
        );
    }
}
