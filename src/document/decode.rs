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
    /// Bytes of a UTF-8 input that are not UTF-8, each shown in `text` as one U+FFFD and
    /// written back exactly as read. Empty for valid input.
    pub invalid: Vec<InvalidBytes>,
}

/// One invalid sequence of a mostly-UTF-8 input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBytes {
    /// Where it was in the input, in bytes from the start of the file (BOM included).
    pub offset: usize,
    pub bytes: Vec<u8>,
    /// Which U+FFFD of `text` stands for it, counting from 0 (a real U+FFFD counts too).
    nth_replacement: usize,
}

/// The text to write no longer holds the stand-ins for the input's invalid bytes in order.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the text no longer holds the {0} invalid bytes of the input where they were; not written")]
pub struct Unrestorable(pub usize);

const REPLACEMENT: char = '\u{FFFD}';

/// Whether changing `range` of `text` to `replacement` could move or remove a stand-in
/// (U+FFFD) for bytes that were not UTF-8.
pub fn touches_stand_in(text: &str, range: std::ops::Range<usize>, replacement: &str) -> bool {
    text.get(range).is_none_or(|s| s.contains(REPLACEMENT)) || replacement.contains(REPLACEMENT)
}

impl Decoded {
    /// Valid UTF-8 text with no BOM: a document that did not come from a file of its own.
    pub fn utf8(text: String) -> Self {
        Decoded {
            text,
            encoding: UTF_8.name(),
            had_bom: false,
            invalid: Vec::new(),
        }
    }

    /// The bytes to write for `text`: always UTF-8, with a BOM when the input had one, and
    /// the input's invalid bytes restored where their U+FFFD stand-ins are. Fixes never touch
    /// those (see [`Decoded::touches_invalid`]); if the U+FFFD characters of `text` are not the
    /// input's, nothing is written rather than a guess.
    pub fn encode_output(&self, text: &str) -> Result<Vec<u8>, Unrestorable> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.had_bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        if self.invalid.is_empty() {
            out.extend_from_slice(text.as_bytes());
            return Ok(out);
        }
        let expected = self.text.matches(REPLACEMENT).count();
        if text.matches(REPLACEMENT).count() != expected {
            return Err(Unrestorable(self.invalid_byte_count()));
        }
        let mut pending = self.invalid.iter().peekable();
        let mut last = 0;
        for (nth, (at, _)) in text.match_indices(REPLACEMENT).enumerate() {
            if let Some(bad) = pending.next_if(|b| b.nth_replacement == nth) {
                out.extend_from_slice(&text.as_bytes()[last..at]);
                out.extend_from_slice(&bad.bytes);
                last = at + REPLACEMENT.len_utf8();
            }
        }
        out.extend_from_slice(&text.as_bytes()[last..]);
        Ok(out)
    }

    /// Whether changing `range` of `text` (the decoded text, or text extracted from it)
    /// could move or remove a stand-in for invalid bytes. A fix that does is left out, so
    /// that [`Decoded::encode_output`] can put every byte back.
    pub fn touches_invalid(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        replacement: &str,
    ) -> bool {
        !self.invalid.is_empty() && touches_stand_in(text, range, replacement)
    }

    pub fn invalid_byte_count(&self) -> usize {
        self.invalid.iter().map(|b| b.bytes.len()).sum()
    }

    /// What the shells tell the user about kept invalid bytes, if there are any.
    pub fn warning(&self) -> Option<DecodeWarning> {
        (!self.invalid.is_empty()).then(|| DecodeWarning {
            bytes: self.invalid_byte_count(),
            offsets: self.invalid.iter().map(|b| b.offset).collect(),
        })
    }
}

/// Invalid bytes kept in a UTF-8 document: how many, and where each sequence starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeWarning {
    pub bytes: usize,
    pub offsets: Vec<usize>,
}

impl std::fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 5;
        let mut at: Vec<String> = self
            .offsets
            .iter()
            .take(SHOWN)
            .map(usize::to_string)
            .collect();
        if self.offsets.len() > SHOWN {
            at.push("…".into());
        }
        let (n, verb) = match self.bytes {
            1 => ("1 byte".to_owned(), "is"),
            n => (format!("{n} bytes"), "are"),
        };
        write!(
            f,
            "{n} {verb} not UTF-8 (at byte {}): kept exactly as read, shown as �, never touched by a fix",
            at.join(", ")
        )
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
    #[error(
        "not readable as text: {}; convert it to UTF-8 first",
        if *mixed {
            format!("UTF-8 mixed with another encoding ({bad_bytes} bytes are not UTF-8, the first at byte {first})")
        } else {
            format!("{bad_bytes} bytes are not UTF-8 (the first at byte {first}) and no other encoding reads it as Thai or Latin text")
        }
    )]
    Undecodable {
        bad_bytes: usize,
        first: usize,
        mixed: bool,
    },
}

/// Decode an article. NUL bytes mark a binary file. Text that is UTF-8 except for a few
/// bytes stays UTF-8, with those bytes kept aside (see [`Decoded::invalid`]). Only when
/// UTF-8 clearly fails is a legacy encoding guessed with chardetng, and the guess is taken
/// only if it reads as plausible Thai or Latin text; anything else is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 {
            check_not_binary(body)?;
            let (text, invalid) = match std::str::from_utf8(body) {
                Ok(s) => (s.to_owned(), Vec::new()),
                Err(_) => {
                    let scan = Utf8Scan::of(body, bom_len);
                    if !scan.few_invalid() {
                        return Err(scan.refusal(true));
                    }
                    scan.into_text(body)
                }
            };
            return Ok(Decoded {
                text,
                encoding: UTF_8.name(),
                had_bom: true,
                invalid,
            });
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
            invalid: Vec::new(),
        });
    }
    check_not_binary(bytes)?;
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded::utf8(s.to_owned()));
    }
    let scan = Utf8Scan::of(bytes, 0);
    if scan.few_invalid() {
        let (text, invalid) = scan.into_text(bytes);
        return Ok(Decoded {
            text,
            encoding: UTF_8.name(),
            had_bom: false,
            invalid,
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if encoding != UTF_8 && plausible(&text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            had_bom: false,
            invalid: Vec::new(),
        }),
        _ => Err(scan.refusal(scan.multibyte * 10 >= scan.invalid.len())),
    }
}

/// How a byte string fares as UTF-8: its valid multi-byte characters and its invalid
/// sequences (maximal subparts, as a decoder replaces them).
struct Utf8Scan {
    multibyte: usize,
    /// (offset in `bytes`, length)
    invalid: Vec<(usize, usize)>,
    base: usize,
}

impl Utf8Scan {
    fn of(bytes: &[u8], base: usize) -> Self {
        let mut multibyte = 0;
        let mut invalid = Vec::new();
        let mut at = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
            at += valid.len();
            if !chunk.invalid().is_empty() {
                invalid.push((at, chunk.invalid().len()));
                at += chunk.invalid().len();
            }
        }
        Utf8Scan {
            multibyte,
            invalid,
            base,
        }
    }

    /// A few stray bytes in UTF-8 text: at most three sequences, or one for every fifty
    /// valid multi-byte characters. Legacy Thai text read as UTF-8 has more invalid
    /// sequences than accidental valid ones, so it never passes.
    fn few_invalid(&self) -> bool {
        self.invalid.len() <= 3 || self.invalid.len() * 50 <= self.multibyte
    }

    fn into_text(self, bytes: &[u8]) -> (String, Vec<InvalidBytes>) {
        let mut text = String::with_capacity(bytes.len() + 2 * self.invalid.len());
        let mut invalid = Vec::with_capacity(self.invalid.len());
        let mut replacements = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            replacements += valid.matches(REPLACEMENT).count();
            text.push_str(valid);
            if !chunk.invalid().is_empty() {
                let offset =
                    self.base + (chunk.invalid().as_ptr() as usize - bytes.as_ptr() as usize);
                invalid.push(InvalidBytes {
                    offset,
                    bytes: chunk.invalid().to_vec(),
                    nth_replacement: replacements,
                });
                replacements += 1;
                text.push(REPLACEMENT);
            }
        }
        (text, invalid)
    }

    fn refusal(&self, mixed: bool) -> LoadError {
        LoadError::Undecodable {
            bad_bytes: self.invalid.iter().map(|&(_, n)| n).sum(),
            first: self.base + self.invalid.first().map_or(0, |&(at, _)| at),
            mixed,
        }
    }
}

/// Whether a legacy decoding reads as text in the scripts redline works on: Thai, or Latin
/// with mostly ASCII letters. Control characters, letters of other scripts, and Thai vowel
/// or tone marks with no consonant to sit on are what mojibake and binary data decode to.
fn plausible(text: &str) -> bool {
    let (mut thai, mut ascii, mut latin, mut other, mut orphan_marks, mut odd) = (0, 0, 0, 0, 0, 0);
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{c}' => {}
            c if c.is_control() => return false,
            'a'..='z' | 'A'..='Z' => ascii += 1,
            '\u{0e01}'..='\u{0e5b}' => {
                thai += 1;
                if is_thai_mark(c) && !('\u{0e01}'..='\u{0e5b}').contains(&prev) {
                    orphan_marks += 1;
                }
            }
            '\u{c0}'..='\u{24f}' if c.is_alphabetic() => latin += 1,
            c if c.is_alphabetic() => other += 1,
            c if c.is_ascii() => {}
            // Latin-1 and general punctuation: NBSP, quotes, dashes, ellipsis, euro…
            '\u{a0}'..='\u{bf}'
            | '\u{d7}'
            | '\u{f7}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            | '\u{20ac}' => {}
            _ => odd += 1,
        }
        prev = c;
    }
    let letters = thai + ascii + latin + other;
    if letters == 0 || other * 100 > letters || odd * 50 > letters {
        return false;
    }
    if thai > 0 {
        orphan_marks * 50 <= thai && thai * 2 >= thai + latin + other
    } else {
        latin * 10 <= 3 * (ascii + latin)
    }
}

/// Thai vowel and tone marks written above or below a consonant.
fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0e31}' | '\u{0e34}'..='\u{0e3a}' | '\u{0e47}'..='\u{0e4e}')
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
        assert_eq!(d.encode_output(&d.text), Ok(bytes));
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

    fn with_stray(bytes: &[u8]) -> Vec<u8> {
        let mut b = THAI.as_bytes().to_vec();
        b.extend_from_slice(bytes);
        b.extend_from_slice(THAI.as_bytes());
        b
    }

    #[test]
    fn thai_utf8_with_a_stray_byte_stays_utf8_and_writes_it_back() {
        let bytes = with_stray(b"\xff");
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, format!("{THAI}\u{FFFD}{THAI}"));
        assert_eq!(d.encode_output(&d.text), Ok(bytes.clone()));
        let w = d.warning().expect("a warning");
        assert_eq!((w.bytes, w.offsets.clone()), (1, vec![THAI.len()]));
        assert!(w.to_string().contains(&format!("at byte {}", THAI.len())));
    }

    #[test]
    fn stray_bytes_are_restored_after_edits_elsewhere_and_a_real_replacement_char_stays() {
        let mut bytes = "ก\u{FFFD}ข ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xe0\xb8 x \xff");
        bytes.extend_from_slice(THAI.as_bytes());
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.invalid.len(), 2);
        let edited = d.text.replace(" x ", "");
        let mut expected = "ก\u{FFFD}ข ".as_bytes().to_vec();
        expected.extend_from_slice(b"\xe0\xb8\xff");
        expected.extend_from_slice(THAI.as_bytes());
        assert_eq!(d.encode_output(&edited), Ok(expected));
        // A fix that would remove a stand-in is refused, and so is writing a text without it.
        let first = d.text.find('\u{FFFD}').expect("stand-in");
        assert!(d.touches_invalid(&d.text, first..first + 3, ""));
        assert!(!d.touches_invalid(&d.text, 0..3, ""));
        assert_eq!(
            d.encode_output(&d.text.replacen('\u{FFFD}', "", 1)),
            Err(Unrestorable(3))
        );
    }

    #[test]
    fn a_utf8_bom_with_a_stray_byte_keeps_both() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(&with_stray(b"\x80"));
        let d = decode(&bytes).expect("decodes");
        assert!(d.had_bom);
        assert_eq!(d.warning().map(|w| w.offsets), Some(vec![3 + THAI.len()]));
        assert_eq!(d.encode_output(&d.text), Ok(bytes));
    }

    #[test]
    fn a_file_of_ff_bytes_is_refused() {
        let e = decode(&[0xff; 64]).expect_err("refused");
        assert!(
            matches!(
                e,
                LoadError::Undecodable {
                    bad_bytes: 64,
                    first: 0,
                    mixed: false
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("convert it to UTF-8"), "{e}");
    }

    #[test]
    fn utf8_mixed_with_tis620_is_refused() {
        let (tis, _, bad) = encoding_rs::WINDOWS_874.encode(THAI);
        assert!(!bad);
        let mut bytes = THAI.as_bytes().to_vec();
        bytes.push(b'\n');
        bytes.extend_from_slice(&tis);
        let e = decode(&bytes).expect_err("refused");
        assert!(
            matches!(e, LoadError::Undecodable { mixed: true, .. }),
            "{e:?}"
        );
        assert!(e.to_string().contains("mixed"), "{e}");
    }

    #[test]
    fn latin1_english_is_still_read() {
        // More than a few bytes, none of them UTF-8: a legacy encoding. (Up to three would
        // stay UTF-8, kept byte for byte.)
        let text =
            "Caf\u{e9} owners in S\u{e3}o Paulo said the na\u{ef}ve r\u{e9}sum\u{e9} would fail.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "windows-1252");
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
