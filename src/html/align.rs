//! Alignment of a text token's decoded value with its raw bytes in the source.
//!
//! The tokenizer resolves character references and turns CR LF into LF; to map extracted
//! text back into the source, every decoded byte must know which raw bytes produced it.

use std::collections::HashMap;
use std::ops::Range;

use html5gum::{Token, Tokenizer};

/// A stretch of decoded text and the raw bytes it came from. `verbatim` means the bytes are
/// identical, so offsets inside map linearly; otherwise the piece is atomic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub dec: Range<usize>,
    pub raw: Range<usize>,
    pub verbatim: bool,
}

/// Decoded forms of character references seen so far: a page repeats `&nbsp;` a lot.
#[derive(Debug, Default)]
pub(crate) struct RefCache(HashMap<String, String>);

impl RefCache {
    fn decode(&mut self, raw: &str) -> &str {
        if !self.0.contains_key(raw) {
            // The tokenizer itself decodes, so reference rules (legacy names without `;`,
            // numeric fix-ups) can never disagree with the token being aligned.
            let mut out = Vec::new();
            for token in Tokenizer::new(raw).flatten() {
                if let Token::String(s) = token {
                    out.extend_from_slice(&s.value);
                }
            }
            self.0
                .insert(raw.to_owned(), String::from_utf8_lossy(&out).into_owned());
        }
        self.0.get(raw).map_or("", String::as_str)
    }
}

/// Align `decoded` with `raw` (offsets relative to each). Falls back to one atomic piece for
/// the whole token whenever the two cannot be matched step by step.
pub(crate) fn align(decoded: &str, raw: &str, cache: &mut RefCache) -> Vec<Piece> {
    if decoded == raw {
        return vec![Piece {
            dec: 0..decoded.len(),
            raw: 0..raw.len(),
            verbatim: true,
        }];
    }
    walk(decoded, raw, cache).unwrap_or_else(|| {
        vec![Piece {
            dec: 0..decoded.len(),
            raw: 0..raw.len(),
            verbatim: false,
        }]
    })
}

fn walk(decoded: &str, raw: &str, cache: &mut RefCache) -> Option<Vec<Piece>> {
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    let push = |pieces: &mut Vec<Piece>, p: Piece| {
        if let Some(last) = pieces.last_mut()
            && last.verbatim
            && p.verbatim
        {
            last.dec.end = p.dec.end;
            last.raw.end = p.raw.end;
            return;
        }
        pieces.push(p);
    };
    while i < raw.len() {
        let rest = &raw[i..];
        let drest = &decoded[j..];
        if rest.starts_with('\r') {
            if !drest.starts_with('\n') {
                return None;
            }
            let n = if rest.starts_with("\r\n") { 2 } else { 1 };
            push(
                &mut pieces,
                Piece {
                    dec: j..j + 1,
                    raw: i..i + n,
                    verbatim: false,
                },
            );
            i += n;
            j += 1;
            continue;
        }
        if rest.starts_with('&') {
            let n = reference_len(rest);
            let out = cache.decode(&rest[..n]);
            if !out.is_empty() && drest.starts_with(out) {
                let m = out.len();
                push(
                    &mut pieces,
                    Piece {
                        dec: j..j + m,
                        raw: i..i + n,
                        verbatim: out == &rest[..n],
                    },
                );
                i += n;
                j += m;
                continue;
            }
        }
        let c = rest.chars().next()?;
        if !drest.starts_with(c) {
            return None;
        }
        let n = c.len_utf8();
        push(
            &mut pieces,
            Piece {
                dec: j..j + n,
                raw: i..i + n,
                verbatim: true,
            },
        );
        i += n;
        j += n;
    }
    (j == decoded.len()).then_some(pieces)
}

/// Raw length of the character reference at the start of `s` (which starts with `&`): the
/// name or digits and an optional `;`. What follows cannot change how the tokenizer reads it.
fn reference_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut k = 1;
    if b.get(k) == Some(&b'#') {
        k += 1;
        let hex = matches!(b.get(k), Some(b'x' | b'X'));
        if hex {
            k += 1;
        }
        while b.get(k).is_some_and(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        }) {
            k += 1;
        }
    } else {
        while b.get(k).is_some_and(u8::is_ascii_alphanumeric) {
            k += 1;
        }
    }
    if b.get(k) == Some(&b';') {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(dec: &str, raw: &str) -> Vec<(String, String, bool)> {
        align(dec, raw, &mut RefCache::default())
            .into_iter()
            .map(|p| (dec[p.dec].to_owned(), raw[p.raw].to_owned(), p.verbatim))
            .collect()
    }

    #[test]
    fn entities_and_crlf_are_atomic_and_the_rest_verbatim() {
        let got = pieces("a & b\u{a0}c\nd", "a &amp; b&nbsp;c\r\nd");
        let want = [
            ("a ", "a ", true),
            ("&", "&amp;", false),
            (" b", " b", true),
            ("\u{a0}", "&nbsp;", false),
            ("c", "c", true),
            ("\n", "\r\n", false),
            ("d", "d", true),
        ];
        let want: Vec<(String, String, bool)> = want
            .iter()
            .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), *c))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn legacy_reference_without_semicolon_and_unknown_names() {
        // `&notit;` reads as `&not` + `it;`; `&zzz;` is no reference and stays literal.
        let got = pieces("¬it; &zzz; A", "&notit; &zzz; &#x41;");
        assert_eq!(got[0], ("¬it;".into(), "&notit;".into(), false));
        assert_eq!(got[1], (" &zzz; ".into(), " &zzz; ".into(), true));
        assert_eq!(got[2], ("A".into(), "&#x41;".into(), false));
    }

    #[test]
    fn mismatch_falls_back_to_one_atomic_piece() {
        let got = pieces("xyz", "abc");
        assert_eq!(got, [("xyz".into(), "abc".into(), false)]);
        let got = pieces("ab", "abc");
        assert_eq!(got, [("ab".into(), "abc".into(), false)]);
    }

    #[test]
    fn thai_text_is_verbatim() {
        let got = pieces("ข่าว ดี", "ข่าว ดี");
        assert_eq!(got, [("ข่าว ดี".into(), "ข่าว ดี".into(), true)]);
    }
}
