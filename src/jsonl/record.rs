//! One JSON Lines document: its fields kept verbatim, its text and id pulled out.

use std::ops::Range;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::{RawValue, to_raw_value};

use crate::export::FindingJson;

/// Which fields hold the text and the id.
#[derive(Debug, Clone)]
pub struct FieldNames {
    pub text: String,
    pub id: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            text: "text".into(),
            id: "id".into(),
        }
    }
}

/// Why a line is not a document.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum LineError {
    #[error("invalid UTF-8 at byte {0}")]
    Utf8(usize),
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("not a JSON object")]
    NotObject,
    #[error("no \"{field}\" field (fields: {})", present.join(", "))]
    MissingField { field: String, present: Vec<String> },
    #[error("the \"{0}\" field is not a string")]
    NotString(String),
    #[error("the \"{0}\" field appears more than once; which one is the text is unclear")]
    DuplicateField(String),
    #[error("the \"{0}\" field holds a lone surrogate escape (such as \\ud800), which is not text")]
    LoneSurrogate(String),
    #[error("longer than the line limit of {0} bytes")]
    TooLong(usize),
}

const BOM: &str = "\u{feff}";
const APPLIED: &str = "redline_applied";

/// A parsed line. The line is kept as it was read, so writing it back changes nothing but
/// the text field's value: spacing, number formats, escapes and key order survive.
#[derive(Debug)]
pub struct Record {
    /// The line without a leading byte order mark.
    line: String,
    bom: bool,
    /// Each key and the byte range of its raw value in `line`, in order, duplicates kept.
    fields: Vec<(String, Range<usize>)>,
    id: Option<Box<RawValue>>,
    pub text: String,
}

/// Every member of an object, duplicates included (a map would keep only one).
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl Record {
    pub fn parse(line: &[u8], names: &FieldNames) -> Result<Record, LineError> {
        let s = std::str::from_utf8(line).map_err(|e| LineError::Utf8(e.valid_up_to()))?;
        // A byte order mark may open the file, so the first line.
        let (s, bom) = match s.strip_prefix(BOM) {
            Some(rest) => (rest, true),
            None => (s, false),
        };
        if !s.trim_start().starts_with('{') {
            return Err(match serde_json::from_str::<&RawValue>(s) {
                Ok(_) => LineError::NotObject,
                Err(e) => LineError::Json(e.to_string()),
            });
        }
        let members: Members =
            serde_json::from_str(s).map_err(|e| LineError::Json(e.to_string()))?;
        let at = |v: &RawValue| {
            let start = v.get().as_ptr() as usize - s.as_ptr() as usize;
            start..start + v.get().len()
        };
        let mut raw_text = None;
        let mut id = None;
        for (k, v) in &members.0 {
            if *k == names.text {
                if raw_text.is_some() {
                    return Err(LineError::DuplicateField(names.text.clone()));
                }
                raw_text = Some(*v);
            }
            if *k == names.id {
                id = Some(*v);
            }
        }
        let raw = raw_text.ok_or_else(|| LineError::MissingField {
            field: names.text.clone(),
            present: members.0.iter().map(|(k, _)| k.clone()).collect(),
        })?;
        let text: String = serde_json::from_str(raw.get()).map_err(|_| {
            if raw.get().starts_with('"') && has_lone_surrogate(raw.get()) {
                LineError::LoneSurrogate(names.text.clone())
            } else {
                LineError::NotString(names.text.clone())
            }
        })?;
        Ok(Record {
            fields: members.0.iter().map(|(k, v)| (k.clone(), at(v))).collect(),
            id: id.map(ToOwned::to_owned),
            line: s.to_owned(),
            bom,
            text,
        })
    }

    /// The id field as raw JSON, if the line has one.
    pub fn id(&self, _names: &FieldNames) -> Option<&RawValue> {
        self.id.as_deref()
    }

    /// The line `fix` writes. Nothing applied and the text unchanged: the line as it was read.
    /// Otherwise the line with only the text field's value replaced (or, with
    /// `keep_original`, the fixed text beside it as `<field>_clean`), and the applied findings
    /// under `redline_applied`.
    pub fn fixed_line(
        &self,
        names: &FieldNames,
        fixed: &str,
        applied: &[FindingJson],
        keep_original: bool,
    ) -> Result<String, serde_json::Error> {
        let bom = if self.bom { BOM } else { "" };
        if applied.is_empty() && fixed == self.text {
            return Ok(format!("{bom}{}", self.line));
        }
        let value = |key: &str| {
            self.fields
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, r)| r.clone())
        };
        let fixed_raw = to_raw_value(fixed)?;
        // (where, how much to replace, with what), applied back to front.
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        let text_at = value(&names.text).unwrap_or(0..0);
        if keep_original {
            let clean_key = format!("{}_clean", names.text);
            match value(&clean_key) {
                Some(r) => edits.push((r, fixed_raw.get().to_owned())),
                None => edits.push((
                    text_at.end..text_at.end,
                    format!(
                        ",{}:{}",
                        serde_json::to_string(&clean_key)?,
                        fixed_raw.get()
                    ),
                )),
            }
        } else {
            edits.push((text_at, fixed_raw.get().to_owned()));
        }
        if !applied.is_empty() {
            let applied_raw = to_raw_value(applied)?;
            match value(APPLIED) {
                Some(r) => edits.push((r, applied_raw.get().to_owned())),
                None => {
                    let close = self.line.rfind('}').unwrap_or(self.line.len());
                    edits.push((
                        close..close,
                        format!(",\"{APPLIED}\":{}", applied_raw.get()),
                    ));
                }
            }
        }
        edits.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = String::with_capacity(self.line.len() + fixed.len() + 64);
        out.push_str(bom);
        let mut last = 0;
        for (r, with) in edits {
            out.push_str(&self.line[last..r.start]);
            out.push_str(&with);
            last = r.end;
        }
        out.push_str(&self.line[last..]);
        Ok(out)
    }
}

/// Whether a JSON string literal holds a `\\uD800`-`\\uDFFF` escape that is not half of a
/// pair: valid JSON syntax, but no text.
fn has_lone_surrogate(raw: &str) -> bool {
    let b = raw.as_bytes();
    let hex = |i: usize| {
        b.get(i..i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u16::from_str_radix(h, 16).ok())
    };
    let mut i = 0;
    let mut pending_high = false;
    while i < b.len() {
        if b[i] != b'\\' {
            if pending_high {
                return true;
            }
            i += 1;
            continue;
        }
        if b.get(i + 1) != Some(&b'u') {
            if pending_high {
                return true;
            }
            i += 2;
            continue;
        }
        let Some(n) = hex(i + 2) else {
            return false;
        };
        match n {
            0xD800..=0xDBFF if pending_high => return true,
            0xD800..=0xDBFF => pending_high = true,
            0xDC00..=0xDFFF if !pending_high => return true,
            0xDC00..=0xDFFF => pending_high = false,
            _ if pending_high => return true,
            _ => {}
        }
        i += 6;
    }
    pending_high
}

/// One line of `scan --jsonl` output: the findings of one input line, or why it was not read.
#[derive(Debug, Serialize)]
pub struct ScanLineJson<'a> {
    pub source: &'a str,
    pub line: u64,
    pub id: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub findings: Vec<FindingJson>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Rule;

    fn names() -> FieldNames {
        FieldNames::default()
    }

    #[test]
    fn fields_survive_verbatim_and_only_the_text_changes() {
        let line = br#"{"id": 12345678901234567890, "meta": {"x": 1.50, "s": "\u0e01"}, "text": "a b", "z": null}"#;
        let r = Record::parse(line, &names()).expect("parse");
        assert_eq!(r.text, "a b");
        assert_eq!(
            r.id(&names()).map(|v| v.get()),
            Some("12345678901234567890")
        );
        let out = r.fixed_line(&names(), "a", &[], false).expect("write");
        assert_eq!(
            out,
            r#"{"id": 12345678901234567890, "meta": {"x": 1.50, "s": "\u0e01"}, "text": "a", "z": null}"#
        );
        let kept = r.fixed_line(&names(), "a", &[], true).expect("write");
        assert!(
            kept.contains(r#""text": "a b","text_clean":"a", "z""#),
            "{kept}"
        );
    }

    #[test]
    fn an_untouched_line_is_written_as_it_was_read() {
        let line = "\u{feff}{\"id\": 2,  \"text\": \"a\\u0020b\"}".as_bytes();
        let r = Record::parse(line, &names()).expect("a BOM does not hide the first document");
        assert_eq!(r.text, "a b");
        let out = r.fixed_line(&names(), "a b", &[], false).expect("write");
        assert_eq!(out.as_bytes(), line);
        let changed = r.fixed_line(&names(), "a", &[], false).expect("write");
        assert_eq!(changed, "\u{feff}{\"id\": 2,  \"text\": \"a\"}");
    }

    #[test]
    fn applied_findings_are_added_or_replace_an_old_list() {
        let finding = FindingJson {
            id: "x".into(),
            kind: crate::detect::Kind::Spam,
            rule: Rule::SpamLexicon,
            start: 0,
            end: 1,
            byte_start: 0,
            byte_end: 1,
            text: "b".into(),
            replacement: String::new(),
            confidence: 0.9,
            message: "m".into(),
            evidence: Default::default(),
            related: Vec::new(),
            extracted: None,
            scope: None,
        };
        let r = Record::parse(br#"{"text": "ba" }"#, &names()).expect("parse");
        let out = r
            .fixed_line(&names(), "a", std::slice::from_ref(&finding), false)
            .expect("write");
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["text"], "a");
        assert_eq!(v[APPLIED][0]["rule"], "spam.lexicon");
        let again = Record::parse(out.as_bytes(), &names()).expect("parse");
        let twice = again
            .fixed_line(&names(), "", std::slice::from_ref(&finding), false)
            .expect("write");
        assert_eq!(twice.matches(APPLIED).count(), 1, "{twice}");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let n = names();
        assert_eq!(
            Record::parse(b"{\"text\": \"ok\xff\"}", &n).err(),
            Some(LineError::Utf8(12))
        );
        assert!(matches!(
            Record::parse(b"{\"text\": ", &n),
            Err(LineError::Json(_))
        ));
        assert_eq!(
            Record::parse(b"[1, 2]", &n).err(),
            Some(LineError::NotObject)
        );
        assert_eq!(
            Record::parse(br#"{"body": "x", "id": 1}"#, &n).err(),
            Some(LineError::MissingField {
                field: "text".into(),
                present: vec!["body".into(), "id".into()]
            })
        );
        assert_eq!(
            Record::parse(br#"{"text": "a", "text": "b"}"#, &n).err(),
            Some(LineError::DuplicateField("text".into()))
        );
        let lone = Record::parse(br#"{"text": "a\ud800b"}"#, &n).err();
        assert_eq!(lone, Some(LineError::LoneSurrogate("text".into())));
        assert!(lone.is_some_and(|e| e.to_string().contains("lone surrogate")));
        assert_eq!(
            Record::parse(br#"{"text": 3}"#, &n).err(),
            Some(LineError::NotString("text".into()))
        );
    }
}
