//! A page's bytes to text the way browsers choose the encoding: a byte order mark, then the
//! `<meta charset>` or `http-equiv` declaration in the first 1024 bytes, then detection
//! (shared with plain text, see [`crate::document::decode`]). One exception: bytes that are
//! valid UTF-8 are read as UTF-8 even under a legacy declaration (a page re-saved as UTF-8
//! with its old `<meta>` left in), since the declared reading would garble them. The fixed page is written back
//! in the encoding it was read in, so a TIS-620 page stays TIS-620.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};
use html5gum::{Token, Tokenizer};

use crate::document::{Decoded, LoadError, decode};

/// Bytes a browser looks at for a declaration.
const PRESCAN: usize = 1024;

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
    /// `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">`.
    Declared,
    Detected,
}

/// A decoded page and how to write it back.
#[derive(Debug, Clone)]
pub struct PageText {
    pub decoded: Decoded,
    pub source: CharsetSource,
    /// Something the editor should know: a declaration that was unknown or wrong.
    pub note: Option<String>,
    /// Set for a page read in a legacy encoding: written back in it.
    legacy: Option<&'static Encoding>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EncodeError {
    #[error("the fixed page has characters {encoding} cannot hold; nothing was written")]
    Unmappable { encoding: &'static str },
    #[error(transparent)]
    Unrestorable(#[from] crate::document::Unrestorable),
}

impl PageText {
    /// The bytes of `text` in the page's own encoding.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, EncodeError> {
        match self.legacy {
            None => Ok(self.decoded.encode_output(text)?),
            Some(enc) => {
                let (bytes, _, unmappable) = enc.encode(text);
                if unmappable {
                    return Err(EncodeError::Unmappable {
                        encoding: enc.name(),
                    });
                }
                Ok(bytes.into_owned())
            }
        }
    }
}

/// Decode a page. Errors are those of [`decode`]: a binary file, or bytes no encoding reads.
pub fn decode_page(bytes: &[u8]) -> Result<PageText, LoadError> {
    if Encoding::for_bom(bytes).is_some() {
        return Ok(PageText {
            decoded: decode(bytes)?,
            source: CharsetSource::ByteOrderMark,
            note: None,
            legacy: None,
        });
    }
    let mut note = None;
    match declared(&bytes[..bytes.len().min(PRESCAN)]) {
        // Bytes that are valid UTF-8 with non-ASCII text are UTF-8 whatever an old
        // declaration says: legacy Thai text is never valid UTF-8 by chance, and reading UTF-8
        // as TIS-620 would garble every Thai character.
        Some(Declaration::Known(enc))
            if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() =>
        {
            note = Some(format!(
                "the page declares {} but its bytes are UTF-8; read as UTF-8",
                enc.name()
            ));
            let decoded = decode(bytes)?;
            let legacy = legacy(&decoded);
            return Ok(PageText {
                decoded,
                source: CharsetSource::Detected,
                note,
                legacy,
            });
        }
        Some(Declaration::Known(enc)) if enc != UTF_8 => {
            if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes)
                && round_trips(enc, &text, bytes)
            {
                return Ok(PageText {
                    decoded: Decoded {
                        text: text.into_owned(),
                        encoding: enc.name(),
                        had_bom: false,
                        invalid: Default::default(),
                    },
                    source: CharsetSource::Declared,
                    note: None,
                    legacy: Some(enc),
                });
            }
            note = Some(format!(
                "the page declares {} but its bytes are not {0}",
                enc.name()
            ));
        }
        Some(Declaration::Known(_)) => {
            let decoded = decode(bytes)?;
            let source = if decoded.encoding == UTF_8.name() {
                CharsetSource::Declared
            } else {
                note = Some(format!(
                    "the page declares UTF-8 but its bytes are not UTF-8; read as {}",
                    decoded.encoding
                ));
                CharsetSource::Detected
            };
            let legacy = legacy(&decoded);
            return Ok(PageText {
                decoded,
                source,
                note,
                legacy,
            });
        }
        Some(Declaration::Unknown(label)) => {
            note = Some(format!(
                "the page declares the unknown charset {label:?}; the encoding was detected"
            ));
        }
        None => {}
    }
    let decoded = decode(bytes)?;
    if let Some(n) = &mut note
        && !n.contains("detected")
    {
        n.push_str(&format!("; read as {}", decoded.encoding));
    }
    let legacy = legacy(&decoded);
    Ok(PageText {
        decoded,
        source: CharsetSource::Detected,
        note,
        legacy,
    })
}

/// The encoding to write a detected page back in: its own, unless that is UTF-8.
fn legacy(d: &Decoded) -> Option<&'static Encoding> {
    Encoding::for_label(d.encoding.as_bytes()).filter(|e| *e != UTF_8 && e.output_encoding() == *e)
}

/// Whether writing `text` back gives `bytes` again, so that unchanged parts of the page
/// stay byte for byte.
fn round_trips(enc: &'static Encoding, text: &str, bytes: &[u8]) -> bool {
    if enc.output_encoding() != enc {
        return false;
    }
    let (out, _, unmappable) = enc.encode(text);
    !unmappable && out.as_ref() == bytes
}

#[derive(Debug, PartialEq, Eq)]
enum Declaration {
    Known(&'static Encoding),
    /// A label no browser knows, made printable.
    Unknown(String),
}

/// The encoding a `<meta>` in `head` declares, read with the HTML tokenizer.
fn declared(head: &[u8]) -> Option<Declaration> {
    let head = String::from_utf8_lossy(head);
    for token in Tokenizer::new(head.as_ref()).flatten() {
        let Token::StartTag(t) = token else {
            continue;
        };
        if t.name.as_slice() != b"meta" {
            continue;
        }
        let attr = |k: &str| {
            t.attributes
                .get(k.as_bytes())
                .map(|v| String::from_utf8_lossy(v).into_owned())
        };
        let label = match attr("charset") {
            Some(c) => c,
            None if attr("http-equiv")
                .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type")) =>
            {
                match attr("content").and_then(|c| charset_in_content(&c)) {
                    Some(c) => c,
                    None => continue,
                }
            }
            None => continue,
        };
        let label = label.trim();
        return Some(match Encoding::for_label(label.as_bytes()) {
            // What browsers do with these declarations.
            Some(e) if e == UTF_16BE || e == UTF_16LE => Declaration::Known(UTF_8),
            Some(e) if e == X_USER_DEFINED => Declaration::Known(WINDOWS_1252),
            Some(e) if e.name() == "replacement" => Declaration::Unknown(printable(label)),
            Some(e) => Declaration::Known(e),
            None => Declaration::Unknown(printable(label)),
        });
    }
    None
}

/// The `charset=` value in a `content` attribute (`text/html; charset=tis-620`).
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + 7..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let (value, _) = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split_once(q)?,
        _ => rest.split_at(rest.find([';', ' ', '\t']).unwrap_or(rest.len())),
    };
    (!value.is_empty()).then(|| value.to_owned())
}

fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_read_from_meta() {
        assert_eq!(
            declared(br#"<html><head><meta charset="tis-620">"#),
            Some(Declaration::Known(encoding_rs::WINDOWS_874))
        );
        assert_eq!(
            declared(
                br#"<meta http-equiv="Content-Type" content="text/html; charset=windows-874">"#
            ),
            Some(Declaration::Known(encoding_rs::WINDOWS_874))
        );
        assert_eq!(
            declared(br#"<meta charset="utf-16">"#),
            Some(Declaration::Known(UTF_8))
        );
        assert_eq!(
            declared(b"<meta charset=\"klingon-8\x1b[2J\">"),
            Some(Declaration::Unknown("klingon-8[2J".into()))
        );
        assert_eq!(declared(b"<p>no declaration</p>"), None);
    }

    const THAI: &str = "ผู้ว่าราชการจังหวัดเปิดตลาดนัดชุมชนแห่งใหม่";

    fn page(meta: &str) -> String {
        format!("<html><head>{meta}</head><body><p>{THAI}</p></body></html>")
    }

    #[test]
    fn a_declared_legacy_page_reads_and_writes_back_in_its_charset() {
        let src = page("<meta charset=\"tis-620\">");
        let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(&src);
        let p = decode_page(&bytes).unwrap();
        assert_eq!(p.decoded.text, src);
        assert_eq!(p.decoded.encoding, "windows-874");
        assert_eq!(p.source, CharsetSource::Declared);
        assert_eq!(p.encode(&p.decoded.text).unwrap(), bytes.as_ref());
        // Characters TIS-620 cannot hold are refused, not written as something else.
        assert!(p.encode("€ ok 日本").is_err());
    }

    #[test]
    fn wrong_or_unknown_declarations_fall_back_to_detection_with_a_note() {
        // Declared UTF-8, written in TIS-620.
        let src = page("<meta charset=\"utf-8\">");
        let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(&src);
        let p = decode_page(&bytes).unwrap();
        assert_eq!(p.decoded.text, src);
        assert_eq!(p.encode(&p.decoded.text).unwrap(), bytes.as_ref());
        assert!(p.note.is_some_and(|n| n.contains("not UTF-8")));
        // Declared TIS-620, written in UTF-8.
        let src = page("<meta charset=\"tis-620\">");
        let p = decode_page(src.as_bytes()).unwrap();
        assert_eq!(p.decoded.text, src);
        assert_eq!(p.encode(&src).unwrap(), src.as_bytes());
        assert!(p.note.is_some());
        // An unknown label.
        let src = page("<meta charset=\"no-such-charset\">");
        let p = decode_page(src.as_bytes()).unwrap();
        assert_eq!(p.decoded.text, src);
        assert!(p.note.is_some_and(|n| n.contains("unknown charset")));
        // A byte order mark wins over the declaration.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(page("<meta charset=\"tis-620\">").as_bytes());
        let p = decode_page(&bom).unwrap();
        assert_eq!(p.source, CharsetSource::ByteOrderMark);
        assert_eq!(p.encode(&p.decoded.text).unwrap(), bom);
    }

    #[test]
    fn content_charset_forms() {
        assert_eq!(
            charset_in_content("text/html; charset=UTF-8").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(
            charset_in_content("text/html;charset = 'tis-620'").as_deref(),
            Some("tis-620")
        );
        assert_eq!(charset_in_content("text/html"), None);
    }
}
