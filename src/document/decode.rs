//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy encodings such as
//! TIS-620 / Windows-874, detected with chardetng.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// A decoded article. Offsets everywhere in the engine are byte offsets into `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the source encoding, e.g. `UTF-8` or `windows-874`.
    pub encoding: &'static str,
    /// Whether the input started with a byte order mark; output keeps a UTF-8 BOM then.
    pub had_bom: bool,
}

impl Decoded {
    /// The bytes to write for `text`: always UTF-8, with a BOM when the input had one.
    pub fn encode_output(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.had_bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(text.as_bytes());
        out
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("binary file (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("{0}")]
    Io(String),
    #[error("text is not valid {encoding}")]
    Malformed { encoding: &'static str },
}

/// Decode an article. NUL bytes mark a binary file; anything else that is not UTF-8 is
/// handed to chardetng, and the guess is decoded without replacement characters.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 {
            check_not_binary(body)?;
        }
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(LoadError::Malformed {
                encoding: encoding.name(),
            })?;
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            had_bom: true,
        });
    }
    check_not_binary(bytes)?;
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
            had_bom: false,
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(LoadError::Malformed {
            encoding: encoding.name(),
        })?;
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        had_bom: false,
    })
}

fn check_not_binary(bytes: &[u8]) -> Result<(), LoadError> {
    match bytes.iter().position(|&b| b == 0) {
        Some(offset) => Err(LoadError::Binary { offset }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THAI: &str =
        "ผู้ว่าราชการจังหวัดเปิดโครงการชลประทานแห่งใหม่ เกษตรกรกว่าสองพันครัวเรือนจะได้รับน้ำในฤดูแล้ง";

    #[test]
    fn utf8_with_bom_is_remembered() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(THAI.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, THAI);
        assert!(d.had_bom);
        assert_eq!(d.encode_output(&d.text), bytes);
    }

    #[test]
    fn windows_874_is_detected_and_round_trips() {
        let (bytes, _, bad) = encoding_rs::WINDOWS_874.encode(THAI);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-874");
        assert_eq!(d.text, THAI);
        assert!(!d.had_bom);
    }

    #[test]
    fn nul_byte_is_binary() {
        assert_eq!(decode(b"abc\0def"), Err(LoadError::Binary { offset: 3 }));
    }

    #[test]
    fn crlf_is_kept_verbatim() {
        let d = decode(b"Title\r\n\r\nBody.\r\n").unwrap();
        assert_eq!(d.text, "Title\r\n\r\nBody.\r\n");
    }
}
