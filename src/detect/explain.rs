//! The one renderer of a finding's message, from its [`Evidence`] and the text it was found
//! in. Plain data: the shells sanitize and colour it.

use std::ops::Range;

use super::evidence::Position;
use super::finding_evidence::{
    BreakSign, Complete, CopyEvidence, CopyUnit, Cut, Doubt, Evidence, SpaceKind, TermEvidence,
    TermSource,
};
use super::{Finding, quote};
use crate::lexicon::TermClass;

/// Copies of a term listed one by one in a message; more are counted.
pub const MAX_LISTED: usize = 16;

/// The message for `f`, found in `text`.
pub fn message(f: &Finding, text: &str) -> String {
    let q = |r: &Range<usize>, max: usize| quote(slice(text, r), max);
    match &f.evidence {
        Evidence::Term(t) => term(t, text),
        Evidence::SpamParagraph { paragraphs, first } => {
            if *paragraphs > 1 {
                "these paragraphs are nothing but spam terms".into()
            } else {
                format!("the paragraph {} is nothing but spam terms", q(first, 40))
            }
        }
        Evidence::PromoSentence { sentence, term } => format!(
            "{} is a promotional sentence around {}",
            q(sentence, 60),
            q(term, 30)
        ),
        Evidence::Copy(c) => copy(c, text),
        Evidence::Whitespace { what, count } => match what {
            SpaceKind::Trailing => "trailing whitespace at the end of the line".into(),
            SpaceKind::TrailingNbsp => "a no-break space left at the end of the line".into(),
            SpaceKind::Nbsp => {
                "a no-break space inside the text; an ordinary space was probably meant".into()
            }
            SpaceKind::Run => format!("{count} spaces in a row"),
        },
        Evidence::BrokenParagraph { next, signs } => format!(
            "the paragraph seems broken mid-sentence before {} ({}); join them",
            q(next, 20),
            signs
                .iter()
                .map(|s| break_sign(*s))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Evidence::HiddenText {
            text: t,
            hidden_by,
            why,
        } => format!(
            "{} is hidden from readers ({hidden_by}) and {why}",
            q(t, 40)
        ),
        Evidence::GamblingLink { text: t, why } => {
            format!("{} links to a gambling site: {why}", q(t, 40))
        }
        Evidence::Note { text } => text.clone(),
    }
}

/// `text[r]`, or nothing when `r` does not fit (evidence moved to another text).
fn slice<'a>(text: &'a str, r: &Range<usize>) -> &'a str {
    text.get(r.clone()).unwrap_or("")
}

fn term(t: &TermEvidence, text: &str) -> String {
    let mut m = format!(
        "{} {}, {}",
        quote(&t.text, 40),
        t.site.describe(text, &t.term),
        source(t)
    );
    let others = if t.copies > MAX_LISTED {
        format!("occurs {} times in all", t.copies)
    } else {
        summarize_others(&t.others)
    };
    if !others.is_empty() {
        m.push_str("; the same term ");
        m.push_str(&others);
    }
    if t.disguised {
        m.push_str("; written in disguise (hidden characters, spaced-out or look-alike letters)");
    }
    if t.topic_discount {
        m.push_str("; the article is about gambling, so an in-sentence mention may be legitimate");
    }
    m
}

/// The evidence as short labelled lines for a detail view: `("site", "title start, glued
/// after")`. Plain data; nothing in them depends on where the finding now stands, so they
/// hold after edits elsewhere moved it. A [`Evidence::Note`] has none: its message says it.
pub fn lines(e: &Evidence) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match e {
        Evidence::Term(t) => {
            out.push(("term", t.text.trim().to_owned()));
            let mut from = match &t.source {
                TermSource::DenyList
                | TermSource::Lexicon {
                    class: TermClass::Deny,
                } => "deny list".to_owned(),
                TermSource::Lexicon { class } => format!("lexicon ({})", class_name(*class)),
                TermSource::BrandShape { .. } => format!("brand shape: {}", source(t)),
                TermSource::Recurrence => "recurrence at injection sites".to_owned(),
            };
            if t.branded {
                from.push_str(", brand name glued on");
            }
            out.push(("source", from));
            out.push(("site", site(&t.site)));
            if t.copies > 1 {
                let others = if t.copies > MAX_LISTED {
                    String::new()
                } else {
                    format!("; also {}", summarize_others(&t.others))
                };
                out.push(("copies", format!("{}{others}", t.copies)));
            }
            if t.disguised {
                out.push((
                    "script",
                    "disguised (hidden, spaced-out or look-alike letters)".to_owned(),
                ));
            }
            if t.topic_discount {
                out.push((
                    "topic",
                    "the article is about gambling: confidence lowered".to_owned(),
                ));
            }
        }
        Evidence::SpamParagraph { paragraphs, .. } => {
            out.push(("unit", plural(*paragraphs, "paragraph", "paragraphs")));
            out.push(("source", "spam terms and slogan words only".to_owned()));
        }
        Evidence::PromoSentence { .. } => {
            out.push(("unit", "sentence".to_owned()));
            out.push(("source", "promotion around a spam term".to_owned()));
        }
        Evidence::Copy(c) => {
            out.push(("unit", unit_name(c.unit).to_owned()));
            let copy = match (c.complete, c.cut) {
                (Some(Complete::Before), _) => "teaser; the complete copy is the paragraph before",
                (Some(Complete::After), _) => "teaser; the complete copy is the paragraph after",
                (Some(Complete::Later), _) => "teaser; the complete copy follows",
                (None, _) => "second copy; the first stays",
            };
            out.push(("copy", copy.to_owned()));
            if let Some(line) = c.line {
                out.push(("other copy", format!("line {line}")));
            }
            if let Some(cut) = c.cut {
                let how = match cut {
                    Cut::Ellipsis => "ellipsis",
                    Cut::MidWord => "mid-word",
                    Cut::AtNextParagraph => "where the next paragraph goes on",
                };
                out.push(("cut", how.to_owned()));
            }
            if let Some(d) = c.doubt {
                let why = match d {
                    Doubt::Structure => "headings and list items repeat by design",
                    Doubt::Restatement => "news restates text",
                    Doubt::ThaiRepeat => "Thai repeats a word after a short one",
                    Doubt::ClosingGap => "none: the gap closes the phrase",
                    Doubt::Quote => "inside a quote: maybe emphasis",
                    Doubt::ShortClause => "a short clause said twice: maybe emphasis",
                    Doubt::LongerWord => "the first copy ends a longer word",
                };
                out.push(("doubt", why.to_owned()));
            }
        }
        Evidence::Whitespace { what, count } => {
            let what = match what {
                SpaceKind::Trailing => "trailing".to_owned(),
                SpaceKind::TrailingNbsp => "trailing no-break space".to_owned(),
                SpaceKind::Nbsp => "no-break space".to_owned(),
                SpaceKind::Run => format!("{count} spaces"),
            };
            out.push(("space", what));
        }
        Evidence::BrokenParagraph { signs, .. } => {
            out.push(("unit", "paragraph break".to_owned()));
            for s in signs {
                out.push(("sign", break_sign(*s).to_owned()));
            }
        }
        Evidence::HiddenText { hidden_by, why, .. } => {
            out.push(("page", "hidden text".to_owned()));
            out.push(("hidden by", hidden_by.clone()));
            out.push(("why", why.clone()));
        }
        Evidence::GamblingLink { why, .. } => {
            out.push(("page", "link to a gambling site".to_owned()));
            out.push(("why", why.clone()));
        }
        Evidence::Note { .. } => {}
    }
    out
}

/// A position as a list of what holds: `title start, glued after`.
fn site(p: &Position) -> String {
    let flags = [
        (p.title_start, "title start"),
        (p.para_start && !p.title_start, "paragraph start"),
        (p.text_end, "text end"),
        (p.para_end && !p.text_end, "paragraph end"),
        (p.glued_before, "glued before"),
        (p.glued_after, "glued after"),
        (p.after_punct, "after punctuation"),
    ];
    let on: Vec<&str> = flags.iter().filter(|(b, _)| *b).map(|(_, s)| *s).collect();
    let mut s = if on.is_empty() {
        "between words".to_owned()
    } else {
        on.join(", ")
    };
    if !p.is_injection_site() {
        s.push_str(" (no injection site)");
    }
    s
}

fn class_name(c: TermClass) -> &'static str {
    match c {
        TermClass::Strong => "gambling term",
        TermClass::Promo => "spam jargon or brand",
        TermClass::Weak => "often legitimate",
        TermClass::Allow => "allowed",
        TermClass::Deny => "deny list",
    }
}

fn unit_name(u: CopyUnit) -> &'static str {
    match u {
        CopyUnit::Title => "title",
        CopyUnit::Paragraph => "paragraph",
        CopyUnit::ParagraphOverlap => "paragraph opening",
        CopyUnit::Sentence => "sentence",
        CopyUnit::Clause => "clause",
        CopyUnit::AdjacentPhrase => "adjacent phrase",
        CopyUnit::GappedPhrase => "gapped phrase",
        CopyUnit::Teaser => "teaser",
        CopyUnit::Restatement => "restatement",
    }
}

/// What the term is, as a phrase.
pub fn source(t: &TermEvidence) -> String {
    if t.branded {
        return "a listed word with a brand name glued on".into();
    }
    match &t.source {
        TermSource::DenyList => "on the user deny list".into(),
        TermSource::Lexicon { class } => match class {
            TermClass::Strong => "a listed gambling-spam term".into(),
            TermClass::Promo => "listed spam jargon or a betting brand".into(),
            TermClass::Deny => "on the user deny list".into(),
            _ => "a listed term that is often legitimate".into(),
        },
        TermSource::BrandShape {
            stem,
            digits,
            glued_to_thai,
            vocabulary,
            planted,
        } => {
            let mut parts = Vec::new();
            if let Some(s) = stem {
                parts.push(format!("contains the spam stem '{s}'"));
            }
            if *digits {
                parts.push("letters followed by digits like a betting brand".to_owned());
            }
            if *glued_to_thai {
                parts.push("glued to Thai text".to_owned());
            }
            if *vocabulary {
                parts.push("in an article with gambling vocabulary".to_owned());
            }
            if *planted {
                parts.push("planted where brands are planted".to_owned());
            }
            format!("an unlisted token that {}", parts.join(", "))
        }
        TermSource::Recurrence => "an unlisted string found only at injection sites".into(),
    }
}

fn summarize_others(others: &[Position]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if others.iter().any(|p| p.title_start) {
        parts.push("starts the title".into());
    }
    let para_starts = others
        .iter()
        .filter(|p| p.para_start && !p.title_start)
        .count();
    if para_starts > 0 {
        parts.push(plural(
            para_starts,
            "starts a paragraph",
            "start paragraphs",
        ));
    }
    if others.iter().any(|p| p.text_end) {
        parts.push("ends the text".into());
    }
    let para_ends = others.iter().filter(|p| p.para_end && !p.text_end).count();
    if para_ends > 0 {
        parts.push(plural(para_ends, "ends a paragraph", "end paragraphs"));
    }
    let glued = others
        .iter()
        .filter(|p| p.is_glued_word_end() && !p.is_start() && !p.para_end)
        .count();
    if glued > 0 {
        parts.push(format!(
            "is glued onto {glued} other word{}",
            if glued == 1 { "" } else { "s" }
        ));
    }
    let elsewhere = others.iter().filter(|p| !p.is_injection_site()).count();
    if elsewhere > 0 {
        parts.push(format!(
            "occurs {elsewhere} more time{} inside sentences",
            if elsewhere == 1 { "" } else { "s" }
        ));
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_owned()
    } else {
        format!("{n} {many}")
    }
}

fn copy(c: &CopyEvidence, text: &str) -> String {
    let q = |r: &Range<usize>, max: usize| quote(slice(text, r), max);
    let line = c.line.unwrap_or(0);
    match c.unit {
        CopyUnit::Title | CopyUnit::Paragraph if c.cut.is_none() => {
            let what = if c.unit == CopyUnit::Title {
                "repeats the title line".to_owned()
            } else {
                format!("repeats the paragraph at line {line}")
            };
            let mut m = format!("this paragraph {what}: {}", q(&c.copy, 40));
            if c.doubt == Some(Doubt::Structure) {
                m.push_str("; headings and list items repeat by design, check before removing");
            }
            m
        }
        CopyUnit::ParagraphOverlap => format!(
            "the paragraph starts by repeating the end of the one before: {}",
            q(&c.copy, 50)
        ),
        CopyUnit::Sentence if c.line.is_none() => {
            format!("{} is pasted twice in a row", q(&c.copy, 50))
        }
        CopyUnit::Sentence => format!("{} repeats the sentence at line {line}", q(&c.copy, 50)),
        CopyUnit::Restatement => format!(
            "{} restates text from line {line}; news often does, check before removing",
            q(&c.copy, 50)
        ),
        CopyUnit::Teaser | CopyUnit::Title | CopyUnit::Paragraph => {
            let how = match c.cut {
                Some(Cut::MidWord) => "cut off in the middle of a word",
                Some(Cut::AtNextParagraph) => "cut off where the next paragraph goes on",
                _ => "cut short with an ellipsis",
            };
            let what = if c.unit == CopyUnit::Title {
                "the title"
            } else {
                "a teaser"
            };
            match c.complete {
                Some(Complete::Later) => {
                    format!("a teaser {how}; the full text follows: {}", q(&c.other, 40))
                }
                Some(Complete::Before) => format!(
                    "{what} {how}; the paragraph before it has the complete text: {}",
                    q(&c.copy, 40)
                ),
                _ => format!(
                    "{what} {how}; the paragraph after it has the complete text: {}",
                    q(&c.copy, 40)
                ),
            }
        }
        CopyUnit::AdjacentPhrase => format!(
            "{} is typed again after {}",
            q(&c.copy, 20),
            q(&c.other, 20)
        ),
        CopyUnit::GappedPhrase => format!(
            "{} is repeated after the short gap {}{}",
            q(&c.other, 40),
            q(&(c.other.end..c.copy.start.max(c.other.end)), 20),
            if c.doubt == Some(Doubt::ThaiRepeat) {
                "; Thai often repeats a word like this, check before removing"
            } else {
                ": a scraping or editing slip"
            }
        ),
        CopyUnit::Clause => format!(
            "{} is written twice in a row{}",
            q(&c.copy, 50),
            match c.doubt {
                Some(Doubt::Quote) => "; inside a quote this may be deliberate emphasis",
                Some(Doubt::ShortClause) =>
                    "; a short clause said twice may be deliberate emphasis",
                Some(Doubt::LongerWord) => {
                    "; the first copy ends a longer word, so this may name the same thing twice on purpose"
                }
                _ => "",
            }
        ),
    }
}

fn break_sign(s: BreakSign) -> &'static str {
    match s {
        BreakSign::LowerCaseStart => "the next paragraph starts in lower case",
        BreakSign::NoEndPunct => "no sentence-ending punctuation",
        BreakSign::StraySpace => "a stray space at the break",
        BreakSign::ContinuationWord => "the next paragraph opens with a continuation word",
        BreakSign::DanglingEnd => "the paragraph ends on a word that needs a continuation",
        BreakSign::SingleClause => "the next paragraph is a single short clause",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{ScanOptions, scan};
    use crate::document::Document;

    #[test]
    fn a_planted_term_carries_its_facts_and_the_message_is_rendered_from_them() {
        let doc = Document::new(
            "บาคาร่าข่าวเด่นวันนี้\n\nรัฐมนตรีเดินทางไปประชุมที่กรุงเทพฯ เมื่อวานนี้\n\nจบข่าว (รอยเตอร์)บาคาร่า",
        );
        let found = scan(&doc, &ScanOptions::default());
        let f = found
            .iter()
            .find(|f| f.range.start == 0)
            .expect("the term in front of the title");
        let Evidence::Term(t) = &f.evidence else {
            panic!("{:?}", f.evidence)
        };
        assert_eq!(t.text, "บาคาร่า");
        assert!(t.site.title_start && t.site.glued_after);
        assert_eq!(t.copies, 2);
        assert_eq!(f.message, message(f, &doc.text));
        assert!(
            f.message.starts_with("'บาคาร่า' starts the title"),
            "{}",
            f.message
        );
        assert!(
            f.message.contains("the same term ends the text"),
            "{}",
            f.message
        );
        let lines = lines(&f.evidence);
        let get = |k: &str| {
            lines
                .iter()
                .find(|(l, _)| *l == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        assert_eq!(get("term"), "บาคาร่า");
        assert_eq!(get("site"), "title start, glued after");
        assert!(get("source").starts_with("lexicon"), "{lines:?}");
        assert_eq!(get("copies"), "2; also ends the text");
    }

    #[test]
    fn a_teaser_says_which_copy_is_complete() {
        let lede = "รัฐบาลประกาศมาตรการช่วยเหลือเกษตรกรผู้ปลูกข้าวทั่วประเทศในปีนี้";
        let doc = Document::new(format!(
            "หัวข้อข่าว\n\n{}\n\n{lede} โดยจะเริ่มในเดือนหน้า",
            &lede[..lede.len() - 12]
        ));
        let found = scan(&doc, &ScanOptions::default());
        let f = found
            .iter()
            .find(|f| matches!(&f.evidence, Evidence::Copy(c) if c.unit == CopyUnit::Teaser))
            .expect("a teaser");
        let Evidence::Copy(c) = &f.evidence else {
            unreachable!()
        };
        assert_eq!(c.complete, Some(Complete::After));
        assert!(
            f.message
                .contains("the paragraph after it has the complete text")
        );
        let lines = lines(&f.evidence);
        assert!(lines.contains(&("unit", "teaser".to_owned())), "{lines:?}");
        assert!(
            lines.contains(&(
                "copy",
                "teaser; the complete copy is the paragraph after".to_owned()
            )),
            "{lines:?}"
        );
    }

    #[test]
    fn evidence_serializes_with_its_type() {
        let e = Evidence::Whitespace {
            what: SpaceKind::Run,
            count: 3,
        };
        let json = serde_json::to_string(&e).expect("serializable");
        assert_eq!(json, r#"{"type":"whitespace","what":"run","count":3}"#);
        let note = serde_json::to_string(&Evidence::note("x")).expect("serializable");
        assert_eq!(note, r#"{"type":"note","text":"x"}"#);
    }
}
