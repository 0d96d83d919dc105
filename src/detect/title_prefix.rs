//! A listed term broken by a space or a hyphen at the very start of the title (`เว็บ ตรง100%`,
//! `UFA-BET168`). Elsewhere a space between two words is ordinary text, so only the title
//! start, where spam prefixes are planted, folds them: the first few chunks are joined and
//! looked up again.

use std::ops::Range;

use crate::document::Document;
use crate::lexicon::{Lexicon, TermClass};
use crate::normalize::fold;
use crate::segment::is_space;

/// Chunks of the title joined at most (two gaps).
const MAX_CHUNKS: usize = 3;
/// Characters of the title looked at, at most.
const MAX_CHARS: usize = 40;

/// The span of a gambling term that starts the title and crosses a space or hyphen, with its
/// class: the term, the digits and `%` glued after it.
pub(super) fn broken_title_term(
    doc: &Document,
    lex: &Lexicon,
) -> Option<(Range<usize>, TermClass)> {
    let title = doc.title.clone()?;
    let text = &doc.text;
    let t = &text[title.clone()];
    let mut joined = String::new();
    // For every byte of `joined`, the end of the original character it came from.
    let mut ends: Vec<usize> = Vec::new();
    let mut gaps = 0;
    let mut prev: Option<char> = None;
    for (n, (i, c)) in t.char_indices().enumerate() {
        if n >= MAX_CHARS {
            break;
        }
        let next = t[i + c.len_utf8()..].chars().next();
        if is_space(c) {
            gaps += 1;
            if gaps >= MAX_CHUNKS || c == '\n' {
                break;
            }
            prev = Some(c);
            continue;
        }
        let alnum = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
        if c == '-' && alnum(prev) && alnum(next) {
            gaps += 1;
            prev = Some(c);
            continue;
        }
        let folded = fold(&c.to_string());
        let end = title.start + i + c.len_utf8();
        ends.extend(std::iter::repeat_n(end, folded.len()));
        joined.push_str(&folded);
        prev = Some(c);
    }
    if gaps == 0 {
        return None;
    }
    let m = lex
        .find(&joined)
        .into_iter()
        .filter(|m| {
            m.start == 0
                && matches!(
                    m.class,
                    TermClass::Strong | TermClass::Promo | TermClass::Deny
                )
        })
        .max_by_key(|m| m.end)?;
    let mut end = *ends.get(m.end.checked_sub(1)?)?;
    // Only a term the joining made: one that already reads whole is found the ordinary way.
    if !text[title.start..end].contains(|c: char| is_space(c) || c == '-') {
        return None;
    }
    // The brand's number and percent sign go with it (ตรง100%, BET168).
    while let Some(c) = text[end..]
        .chars()
        .next()
        .filter(|&c| c.is_ascii_alphanumeric() || c == '%')
    {
        end += c.len_utf8();
    }
    // It must end where a word ends: a term glued onto the headline's first word is another
    // finding's business.
    if text[end..].chars().next().is_some_and(|c| !is_space(c)) {
        return None;
    }
    Some((title.start..end, m.class))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<String> {
        let doc = Document::new(text);
        let lex = Lexicon::builtin();
        broken_title_term(&doc, &lex).map(|(r, _)| text[r].to_owned())
    }

    #[test]
    fn a_spaced_or_hyphenated_term_at_the_title_start_is_found_whole() {
        assert_eq!(
            found("เว็บ ตรง999% ชาวนาเริ่มปลูกข้าว\n\nเนื้อข่าว\n").as_deref(),
            Some("เว็บ ตรง999%")
        );
        assert_eq!(
            found("SBO-BET77 ชาวนาเริ่มปลูกข้าว\n\nเนื้อข่าว\n").as_deref(),
            Some("SBO-BET77")
        );
    }

    #[test]
    fn ordinary_title_words_are_not_joined() {
        assert_eq!(found("เว็บ ตรวจอากาศใหม่เปิดให้บริการ\n\nเนื้อข่าว\n"), None);
        assert_eq!(found("COVID-19 cases fall\n\nBody.\n"), None);
    }
}
