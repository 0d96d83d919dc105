//! Duplicated text: repeated title lines and paragraphs, scraped teasers, and (through
//! [`super::units`] and [`super::repeat`]) repeated sentences and phrases.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::Rule;
use super::repeat::suggestion;
use super::score::weights;
use super::spam::whole_paragraph;
use super::{Complete, CopyEvidence, CopyUnit, Cut, Doubt, Evidence, Finding, Kind, repeat, units};
use crate::document::Document;
use crate::segment::{is_space, word_boundaries};

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
    // (copy, original, characters) of every paragraph that repeats an earlier one.
    let mut copies: Vec<(usize, usize, usize)> = Vec::new();
    for p in 0..doc.paragraphs.len() {
        let key = paragraph_key(doc, p, spam);
        let chars = key.chars().count();
        if chars < 10 {
            continue;
        }
        if let Some(&orig) = seen.get(&key) {
            copies.push((p, orig, chars));
        } else {
            seen.insert(key, p);
        }
    }
    // A document that repeats many of its paragraphs is built that way: a cabinet summary
    // lists its items and then repeats each heading, a table repeats its column headers.
    // There only a copy of the title or a paragraph straight after its original is damage.
    let structured = copies.iter().filter(|c| c.1 > 0).count() > 3;
    for &(p, orig, chars) in &copies {
        let adjacent = orig + 1 == p;
        let (rule, unit, line) = if orig == 0 {
            (Rule::DuplicateTitle, CopyUnit::Title, None)
        } else {
            let (line, _) = doc.line_col(doc.paragraphs[orig].start);
            (Rule::DuplicateParagraph, CopyUnit::Paragraph, Some(line))
        };
        // Short paragraphs repeat by design (section headings, list items, table cells), and
        // so do list items: a list given twice, a numbered heading from a table of contents.
        let text = &doc.text[doc.content(p)];
        let list_item = text.starts_with(['-', '•', '*', '–', '(', '[', '๏'])
            || text.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_numeric())
            });
        let fixable =
            orig == 0 || (chars >= 20 && (adjacent || (!structured && !list_item && chars >= 40)));
        whole[p] = true;
        let c = doc.content(p);
        out.push(Finding {
            kind: Kind::Duplicate,
            rule,
            range: whole_paragraph(doc, p),
            replacement: String::new(),
            confidence: if fixable {
                weights().duplicate.paragraph
            } else {
                suggestion()
            },
            message: String::new(),
            evidence: Evidence::Copy(CopyEvidence {
                unit,
                copy: c,
                other: doc.content(orig),
                line,
                complete: None,
                cut: None,
                doubt: (!fixable).then_some(Doubt::Structure),
            }),
            related: vec![doc.content(orig)],
        });
    }
    let last = doc.paragraphs.len().saturating_sub(1);
    for p in 0..last {
        if whole[p] || whole[p + 1] {
            continue;
        }
        // The cut copy goes, whichever comes first.
        if let Some(f) = teaser(doc, p, p + 1, spam) {
            whole[p] = true;
            out.push(f);
        } else if let Some(f) = teaser(doc, p + 1, p, spam) {
            whole[p + 1] = true;
            out.push(f);
        }
    }
    for (p, &done) in whole.iter().enumerate() {
        if !done && let Some(f) = line_teaser(doc, p) {
            out.push(f);
        }
        if !done
            && whole.get(p + 1) == Some(&false)
            && let Some(f) = glued_overlap(doc, p, p + 1)
        {
            out.push(f);
        }
    }
    let mut rest = units::detect(doc, &whole, spam);
    rest.extend(repeat::detect(doc));
    // The ranges taken so far never overlap one another, so the one starting last before a
    // candidate's end is the only one it can overlap: a map keeps this n·log n.
    let mut taken: BTreeMap<usize, usize> =
        out.iter().map(|o| (o.range.start, o.range.end)).collect();
    for f in rest {
        let clash = taken
            .range(..f.range.end)
            .next_back()
            .is_some_and(|(_, &end)| end > f.range.start);
        if !clash {
            taken.insert(f.range.start, f.range.end);
            out.push(f);
        }
    }
    out
}

/// A copy cut short before the complete one: a teaser (a fixed-length prefix of the lede, cut
/// mid-word or ended with "…" or "...") standing as its own paragraph before the full lede, or
/// a page title cut at a fixed length before the full headline. The cut copy goes, the
/// complete one stays. A headline that the lede repeats and continues after a space or a
/// whole word is news style, not a teaser.
fn teaser(doc: &Document, p: usize, complete: usize, spam: &[Range<usize>]) -> Option<Finding> {
    let c = paragraph_key(doc, p, spam);
    let ellipsis = c.strip_suffix('…').or_else(|| c.strip_suffix("..."));
    let body = ellipsis.map_or(c.as_str(), str::trim_end);
    if body.chars().count() < 20 {
        return None;
    }
    let full = paragraph_key(doc, complete, spam);
    if full.len() <= body.len() || !full.starts_with(body) {
        return None;
    }
    let rest = &full[body.len()..];
    let w = &weights().duplicate;
    let (confidence, how) = if ellipsis.is_some() {
        (w.teaser_ellipsis, Cut::Ellipsis)
    } else if rest.starts_with(is_space) {
        return None;
    } else if cut_mid_word(&full, body.len()) {
        (
            if p == 0 {
                w.teaser_title_mid_word
            } else {
                w.teaser_mid_word
            },
            Cut::MidWord,
        )
    } else if p > 0 && complete > p && !rest.starts_with(|c: char| !crate::segment::is_wordish(c)) {
        // A body paragraph that stops where the next one goes on without a space: a
        // fixed-length cut that happened to land between two words.
        (w.teaser_cut_at_next, Cut::AtNextParagraph)
    } else {
        return None;
    };
    Some(Finding {
        kind: Kind::Duplicate,
        rule: Rule::DuplicateTeaser,
        range: whole_paragraph(doc, p),
        replacement: String::new(),
        confidence,
        message: String::new(),
        evidence: Evidence::Copy(CopyEvidence {
            unit: if p == 0 {
                CopyUnit::Title
            } else {
                CopyUnit::Teaser
            },
            copy: doc.content(p),
            other: doc.content(complete),
            line: None,
            complete: Some(if complete > p {
                Complete::After
            } else {
                Complete::Before
            }),
            cut: Some(how),
            doubt: None,
        }),
        related: vec![doc.content(complete)],
    })
}

/// How long (characters) that tail must be, and how much comes before it in its paragraph
/// (a short heading restated by the next paragraph is news style; so is the title).
const GLUED_OVERLAP_CHARS: usize = 20;
const GLUED_OVERLAP_BODY_CHARS: usize = 20;

/// The end of a body paragraph repeated as the first clause of the next, where the first
/// copy is glued inside the paragraph's last chunk ("…จะมีฝนตกหนักในภาคใต้" then
/// "ฝนตกหนักในภาคใต้ ประชาชน…"); the spaced form is found by [`units`]. The copy at the start
/// of the next paragraph goes with the space after it.
fn glued_overlap(doc: &Document, p: usize, next: usize) -> Option<Finding> {
    let prev = doc.content(p);
    let nc = doc.content(next);
    let (a, b) = (&doc.text[prev.clone()], &doc.text[nc.clone()]);
    // The first clause of the next paragraph, which goes on after it.
    let end = b.find(is_space)?;
    let clause = &b[..end];
    let tail_start = a.len().checked_sub(clause.len())?;
    if clause.chars().count() < GLUED_OVERLAP_CHARS
        || !a.ends_with(clause)
        || p == 0
        || a[..tail_start].chars().count() < GLUED_OVERLAP_BODY_CHARS
        || b[end..].trim().is_empty()
    {
        return None;
    }
    // Glued: the first copy starts inside the last chunk, on a word boundary of it.
    let chunk_start = a[..tail_start]
        .rfind(is_space)
        .map_or(0, |i| i + a[i..].chars().next().map_or(1, char::len_utf8));
    if chunk_start == tail_start
        || !word_boundaries(&a[chunk_start..]).contains(&(tail_start - chunk_start))
    {
        return None;
    }
    let after = b[end..].len() - b[end..].trim_start().len();
    Some(Finding {
        kind: Kind::Duplicate,
        rule: Rule::DuplicateParagraphOverlap,
        range: nc.start..nc.start + end + after,
        replacement: String::new(),
        confidence: weights().duplicate.glued_overlap,
        message: String::new(),
        evidence: Evidence::Copy(CopyEvidence {
            unit: CopyUnit::ParagraphOverlap,
            copy: nc.start..nc.start + end,
            other: prev.start + tail_start..prev.end,
            line: None,
            complete: None,
            cut: None,
            doubt: None,
        }),
        related: vec![Range {
            start: prev.start + tail_start,
            end: prev.end,
        }],
    })
}

/// A teaser on its own line, right above the complete line in the same paragraph (one line
/// break between them, not a blank line): the line is cut mid-word or ends with "…"/"...",
/// and the next line starts with all of it. The cut line goes with its line break.
fn line_teaser(doc: &Document, p: usize) -> Option<Finding> {
    let c = doc.content(p);
    let text = &doc.text[c.clone()];
    let mut start = 0;
    while let Some(nl) = text[start..].find('\n') {
        let next = start + nl + 1;
        let line = text[start..start + nl].trim();
        let after = &text[next..];
        let next_line = &after[..after.find('\n').unwrap_or(after.len())];
        let lead = next_line.len() - next_line.trim_start().len();
        let full = next_line.trim();
        let ellipsis = line.strip_suffix('…').or_else(|| line.strip_suffix("..."));
        let body = ellipsis.map_or(line, str::trim_end);
        if body.chars().count() >= 20 && full.len() > body.len() && full.starts_with(body) {
            let rest = &full[body.len()..];
            let cut = ellipsis.is_some()
                || (!rest.starts_with(is_space) && cut_mid_word(full, body.len()));
            if cut {
                return Some(Finding {
                    kind: Kind::Duplicate,
                    rule: Rule::DuplicateTeaser,
                    range: c.start + start..c.start + next,
                    replacement: String::new(),
                    confidence: weights().duplicate.line_teaser,
                    message: String::new(),
                    evidence: Evidence::Copy(CopyEvidence {
                        unit: CopyUnit::Teaser,
                        copy: c.start + start..c.start + start + nl,
                        other: c.start + next + lead..c.start + next + lead + full.len(),
                        line: None,
                        complete: Some(Complete::After),
                        cut: Some(if ellipsis.is_some() {
                            Cut::Ellipsis
                        } else {
                            Cut::MidWord
                        }),
                        doubt: None,
                    }),
                    related: vec![Range {
                        start: c.start + next + lead,
                        end: c.start + next + lead + full.len(),
                    }],
                });
            }
        }
        start = next;
    }
    None
}

/// Whether byte `at` of `s` falls inside a word: inside a chunk between spaces and not on
/// one of its word boundaries.
fn cut_mid_word(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at..].chars().next();
    if !before.is_some_and(crate::segment::is_wordish)
        || !after.is_some_and(crate::segment::is_wordish)
    {
        return false;
    }
    let start = s[..at].rfind(is_space).map_or(0, |i| i + 1);
    let end = s[at..].find(is_space).map_or(s.len(), |i| at + i);
    let chunk = &s[start..end];
    !word_boundaries(chunk).contains(&(at - start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Rule)> {
        let doc = Document::new(text);
        detect(&doc, &[])
            .into_iter()
            .map(|f| (doc.text[f.range].to_owned(), f.rule))
            .collect()
    }

    #[test]
    fn repeated_title() {
        let f = found("ปอมเปโอเยือนเบลารุส\n\nปอมเปโอเยือนเบลารุส\n\nเนื้อหาข่าวยาวพอสมควร");
        assert_eq!(
            f,
            [("\n\nปอมเปโอเยือนเบลารุส".to_owned(), Rule::DuplicateTitle)]
        );
    }

    #[test]
    fn teaser_before_full_lede() {
        let f = found(
            "Title\n\nThe council approved a new budget on Monday…\n\nThe council approved a new budget on Monday, raising school spending.\n\nEnd.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, Rule::DuplicateTeaser);
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
                Rule::DuplicateSentence
            )]
        );
    }

    fn fixed(text: &str) -> Vec<(String, Rule)> {
        let doc = Document::new(text);
        detect(&doc, &[])
            .into_iter()
            .filter(|f| f.confidence >= crate::DEFAULT_MIN_CONFIDENCE)
            .map(|f| (doc.text[f.range].to_owned(), f.rule))
            .collect()
    }

    const HEADLINE: &str = "นายกรัฐมนตรีเปิดโครงการพัฒนาแหล่งน้ำชุมชนในภาคตะวันออกเฉียงเหนือ";
    const LEDE: &str = "นายกรัฐมนตรีเปิดโครงการพัฒนาแหล่งน้ำชุมชนในภาคตะวันออกเฉียงเหนือ เพื่อช่วยเกษตรกรกว่าหนึ่งหมื่นครัวเรือนให้มีน้ำใช้ตลอดปี";

    #[test]
    fn a_lede_restating_the_headline_is_no_damage() {
        let text = format!("{HEADLINE}\n\n{LEDE}\n\nเนื้อข่าวย่อหน้าที่สองพูดถึงงบประมาณของโครงการ\n");
        assert_eq!(fixed(&text), []);
        // A deck that restates it and goes on, further down: a suggestion with the copy shown.
        let text = format!(
            "{HEADLINE}\n\nเนื้อข่าวย่อหน้าแรกพูดถึงงบประมาณ\n\nสรุปว่า {HEADLINE} และจะขยายผลต่อไป\n"
        );
        assert_eq!(fixed(&text), []);
        let doc = Document::new(text.as_str());
        let f = detect(&doc, &[]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, Rule::DuplicateRestatement);
        assert_eq!(&doc.text[f[0].related[0].clone()], HEADLINE);
    }

    #[test]
    fn a_sub_heading_restating_the_title_stays() {
        let text = "Council approves the new city budget\n\nThe council approved the new city budget on Monday. It raises school spending by a tenth.\n\nThe council approved the new city budget on Monday.\n\nDetails follow in the annex.\n";
        assert_eq!(fixed(text), []);
    }

    #[test]
    fn a_teaser_cut_mid_word_goes_and_the_full_lede_stays() {
        let cut = LEDE
            .char_indices()
            .nth(80)
            .map(|(i, _)| i)
            .unwrap_or(LEDE.len());
        let teaser = &LEDE[..cut];
        let text = format!("{HEADLINE}\n\n{teaser}\n\n{LEDE}\n\nจบข่าว\n");
        assert_eq!(
            fixed(&text),
            [(format!("\n\n{teaser}"), Rule::DuplicateTeaser)]
        );
        // With three dots.
        let text = format!("{HEADLINE}\n\n{teaser}...\n\n{LEDE}\n\nจบข่าว\n");
        assert_eq!(fixed(&text).len(), 1);
    }

    #[test]
    fn a_teaser_line_right_above_the_full_line_goes() {
        let full = "Irrigation officers are rushing to repair the broken sluice gates before the rainy season.";
        for cut in [
            "Irrigation officers are rushing to repair the broken slu...",
            "Irrigation officers are rushing to repair the broken sluice gat",
        ] {
            let text = format!("Flood works\n\n{cut}\n{full}\n\nA second paragraph.\n");
            assert_eq!(
                fixed(&text),
                [(format!("{cut}\n"), Rule::DuplicateTeaser)],
                "{cut}"
            );
        }
        // A short line over its paragraph is a heading, cut or not.
        let text = format!("Flood works\n\nIrrigation…\n{full}\n");
        assert_eq!(fixed(&text), []);
    }

    #[test]
    fn a_glued_paragraph_tail_repeated_at_the_next_start_goes() {
        let text = "ข่าว\n\nกรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกหนักในภาคใต้ตลอดสัปดาห์นี้\n\nฝนตกหนักในภาคใต้ตลอดสัปดาห์นี้ ประชาชนควรติดตามประกาศ\n";
        assert_eq!(
            fixed(text),
            [(
                "ฝนตกหนักในภาคใต้ตลอดสัปดาห์นี้ ".to_owned(),
                Rule::DuplicateParagraphOverlap
            )]
        );
        // After a short heading the next paragraph restating its end is news style.
        let text =
            "ข่าว\n\nสรุปข่าวการประชุมคณะรัฐมนตรีประจำสัปดาห์\n\nการประชุมคณะรัฐมนตรีประจำสัปดาห์ มีมติสามเรื่อง\n";
        assert_eq!(fixed(text), []);
    }

    #[test]
    fn a_title_printed_twice_on_adjacent_lines_goes() {
        let title = "สภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภคออนไลน์";
        let text = format!("{title}\n{title}\n\nที่ประชุมสภามีมติเห็นชอบในวาระแรก\n");
        assert_eq!(
            fixed(&text),
            [(format!("\n{title}"), Rule::DuplicateSentence)]
        );
        // The same words as a short chunk inside a line stay a restatement.
        let text = format!("{title}\n\nข่าวนี้ {title} ในวาระแรก\n");
        assert_eq!(fixed(&text), []);
    }

    #[test]
    fn a_page_title_cut_at_a_fixed_length_goes() {
        let full = "รัฐบาลเร่งรัดการเบิกจ่ายงบประมาณเพื่อกระตุ้นเศรษฐกิจสู่ชุมชนกว่าสิบเจ็ดล้านบาท";
        let cut = full.find("ชุมชน").expect("word") + "ชุม".len();
        let text = format!("{}\n\n{full}\n\nเนื้อข่าว\n", &full[..cut]);
        let f = fixed(&text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, Rule::DuplicateTeaser);
        assert_eq!(f[0].0.trim(), &full[..cut]);
    }

    #[test]
    fn a_cut_copy_after_the_complete_one_goes_too() {
        let full = "รัฐบาลเร่งรัดการเบิกจ่ายงบประมาณเพื่อกระตุ้นเศรษฐกิจสู่ชุมชนกว่าสิบเจ็ดล้านบาท";
        let cut = full.find("ชุมชน").expect("word") + "ชุม".len();
        let text = format!("{full}\n\n{}\n\nเนื้อข่าวย่อหน้าแรก\n", &full[..cut]);
        let f = fixed(&text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0.trim(), &full[..cut]);
        // Ending on a whole word, it is a shorter restatement and stays.
        let cut = full.find("กว่า").expect("word");
        let text = format!("{full}\n\n{}\n\nเนื้อข่าว\n", &full[..cut]);
        assert_eq!(fixed(&text), []);
    }

    #[test]
    fn a_list_given_twice_stays_and_a_pasted_paragraph_goes() {
        let item = "- นิทรรศการเทิดพระเกียรติพระบรมวงศานุวงศ์ทุกพระองค์";
        let body = "ผู้เข้าชมหาคำตอบได้จากนิทรรศการหลายแห่งที่จัดขึ้นในงานนี้ตลอดสัปดาห์";
        let text = format!("หัวข้อข่าว\n\n{item}\n\n{body}\n\nสรุปอีกครั้ง\n\n{item}\n");
        assert_eq!(fixed(&text), []);
        let text = format!("หัวข้อข่าว\n\n{body}\n\n{item}\n\nสรุปอีกครั้ง\n\n{body}\n");
        assert_eq!(
            fixed(&text),
            [(format!("\n\n{body}"), Rule::DuplicateParagraph)]
        );
    }

    #[test]
    fn repeated_headings_of_a_structured_document_stay() {
        let mut text = String::from("สรุปข่าวการประชุมคณะรัฐมนตรี\n\n");
        for i in 1..=5 {
            text.push_str(&format!(
                "{i}. เรื่อง ร่างระเบียบฉบับที่ {i} ว่าด้วยการบริหารงานของหน่วยงานรัฐ\n\n"
            ));
        }
        for i in 1..=5 {
            text.push_str(&format!(
                "{i}. เรื่อง ร่างระเบียบฉบับที่ {i} ว่าด้วยการบริหารงานของหน่วยงานรัฐ\n\nสาระสำคัญของเรื่อง\n\nคณะรัฐมนตรีมีมติอนุมัติหลักการตามที่เสนอในข้อ {i}\n\n"
            ));
        }
        assert_eq!(fixed(&text), []);
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
        assert_eq!(f[0].1, Rule::DuplicateParagraphOverlap);
    }

    #[test]
    fn a_thai_clause_closing_a_paragraph_and_opening_the_next_goes() {
        let clause = "ซึ่งทำให้ถนนสายหลักหลายเส้นปิดการจราจรชั่วคราว";
        let text =
            format!("หัวข้อ\n\nฝนตกหนักตลอดคืนในตัวเมือง {clause}\n\n{clause} เจ้าหน้าที่เร่งสูบน้ำออก\n");
        let f = fixed(&text);
        assert_eq!(
            f,
            [(format!("{clause} "), Rule::DuplicateParagraphOverlap)],
            "{f:?}"
        );
        // A short chunk (a name, a place) that ends one paragraph and opens the next stays.
        let text = "หัวข้อ\n\nประชุมร่วมกันที่ ศาลากลาง\n\nศาลากลาง จัดงานทุกปี\n";
        assert_eq!(fixed(text), []);
        // A numbered heading that the next paragraph restates and goes on from.
        for heading in [
            "โครงการปลูกป่าชายเลนเพื่อชุมชนชายฝั่งทะเล",
            "โครงการ ปลูกป่าชายเลน เพื่อชุมชนชายฝั่งทะเล",
        ] {
            let text = format!(
                "หัวข้อ\n\nมีสองโครงการดังนี้\n\n2.\u{a0} {heading}\n\n{heading} ที่จัดขึ้นเมื่อปีก่อนได้ผลดี\n"
            );
            assert_eq!(fixed(&text), [], "{heading}");
        }
    }
}
