//! Scraping leftovers in whitespace: trailing spaces and no-break spaces at line ends, stray
//! no-break spaces inside text, runs of spaces. Suggestions, below the default threshold.

use super::Rule;
use super::{Evidence, Finding, Kind, SpaceKind};
use crate::document::Document;

pub fn detect(doc: &Document) -> Vec<Finding> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut line_start = 0;
    for line_end in text.match_indices('\n').map(|(i, _)| i).chain([text.len()]) {
        let line = &text[line_start..line_end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let body = line.trim_end_matches([' ', '\t', '\u{00A0}', '\u{3000}']);
        if !body.trim().is_empty() && body.len() < line.len() {
            let trailing = &line[body.len()..];
            let nbsp = trailing.contains('\u{00A0}');
            out.push(Finding {
                kind: Kind::Whitespace,
                rule: Rule::WhitespaceTrailing,
                range: line_start + body.len()..line_start + line.len(),
                replacement: String::new(),
                confidence: if nbsp {
                    super::score::weights().whitespace.trailing_nbsp
                } else {
                    super::score::weights().whitespace.trailing
                },
                message: String::new(),
                evidence: Evidence::Whitespace {
                    what: if nbsp {
                        SpaceKind::TrailingNbsp
                    } else {
                        SpaceKind::Trailing
                    },
                    count: 1,
                },
                related: Vec::new(),
            });
        }
        // Inside the line: a no-break space standing in for a space, or a run of spaces.
        let indent = body.len() - body.trim_start().len();
        let mut k = indent;
        let b = body.as_bytes();
        while k < body.len() {
            // Only no-break spaces and space runs matter here; skip everything else fast.
            if b[k] != b' ' && b[k] != 0xC2 {
                k += 1;
                continue;
            }
            let Some(c) = body[k..].chars().next() else {
                break;
            };
            let at = line_start + k;
            if c == '\u{00A0}' {
                out.push(Finding {
                    kind: Kind::Whitespace,
                    rule: Rule::WhitespaceNbsp,
                    range: at..at + c.len_utf8(),
                    replacement: " ".into(),
                    confidence: super::score::weights().whitespace.nbsp,
                    message: String::new(),
                    evidence: Evidence::Whitespace {
                        what: SpaceKind::Nbsp,
                        count: 1,
                    },
                    related: Vec::new(),
                });
            } else if c == ' ' && b.get(k + 1) == Some(&b' ') {
                let mut e = k;
                while b.get(e) == Some(&b' ') {
                    e += 1;
                }
                out.push(Finding {
                    kind: Kind::Whitespace,
                    rule: Rule::WhitespaceDoubleSpace,
                    range: at..line_start + e,
                    replacement: " ".into(),
                    confidence: super::score::weights().whitespace.double_space,
                    message: String::new(),
                    evidence: Evidence::Whitespace {
                        what: SpaceKind::Run,
                        count: e - k,
                    },
                    related: Vec::new(),
                });
                k = e;
                continue;
            }
            k += c.len_utf8();
        }
        line_start = line_end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_nbsp_and_double_space() {
        let doc = Document::new("T\n\nคำหนึ่ง\u{a0}\r\nสอง  สาม");
        let f = detect(&doc);
        let rules: Vec<Rule> = f.iter().map(|f| f.rule).collect();
        assert_eq!(
            rules,
            [Rule::WhitespaceTrailing, Rule::WhitespaceDoubleSpace]
        );
        assert_eq!(&doc.text[f[0].range.clone()], "\u{a0}");
    }
}
