//! One JSON Lines document: its fields kept verbatim, its text and id pulled out.

use indexmap::IndexMap;
use serde::Serialize;
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
    #[error("no \"{0}\" field")]
    MissingField(String),
    #[error("the \"{0}\" field is not a string")]
    NotString(String),
    #[error("longer than the line limit of {0} bytes")]
    TooLong(usize),
}

/// A parsed line. Every field is kept as its raw JSON, so writing the line back changes
/// nothing but the text field: number formats, escapes and key order survive.
#[derive(Debug)]
pub struct Record {
    fields: IndexMap<String, Box<RawValue>>,
    pub text: String,
}

impl Record {
    pub fn parse(line: &[u8], names: &FieldNames) -> Result<Record, LineError> {
        let s = std::str::from_utf8(line).map_err(|e| LineError::Utf8(e.valid_up_to()))?;
        if !s.trim_start().starts_with('{') {
            return Err(match serde_json::from_str::<&RawValue>(s) {
                Ok(_) => LineError::NotObject,
                Err(e) => LineError::Json(e.to_string()),
            });
        }
        let fields: IndexMap<String, Box<RawValue>> =
            serde_json::from_str(s).map_err(|e| LineError::Json(e.to_string()))?;
        let raw = fields
            .get(&names.text)
            .ok_or_else(|| LineError::MissingField(names.text.clone()))?;
        let text: String = serde_json::from_str(raw.get())
            .map_err(|_| LineError::NotString(names.text.clone()))?;
        Ok(Record { fields, text })
    }

    /// The id field as raw JSON, if the line has one.
    pub fn id(&self, names: &FieldNames) -> Option<&RawValue> {
        self.fields.get(&names.id).map(|v| &**v)
    }

    /// The line `fix` writes: the fixed text in place of the original (or beside it as
    /// `<field>_clean`), and the applied findings under `redline_applied`.
    pub fn fixed_line(
        &self,
        names: &FieldNames,
        fixed: &str,
        applied: &[FindingJson],
        keep_original: bool,
    ) -> Result<String, serde_json::Error> {
        let fixed_raw = to_raw_value(fixed)?;
        let clean_key = format!("{}_clean", names.text);
        let mut out: IndexMap<&str, &RawValue> = IndexMap::with_capacity(self.fields.len() + 2);
        for (k, v) in &self.fields {
            if k == &names.text {
                if keep_original {
                    out.insert(k, v);
                    out.insert(&clean_key, &fixed_raw);
                } else {
                    out.insert(k, &fixed_raw);
                }
            } else if !(keep_original && *k == clean_key) {
                out.insert(k, v);
            }
        }
        let applied_raw = to_raw_value(applied)?;
        out.insert("redline_applied", &applied_raw);
        serde_json::to_string(&out)
    }
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
            r#"{"id":12345678901234567890,"meta":{"x": 1.50, "s": "\u0e01"},"text":"a","z":null,"redline_applied":[]}"#
        );
        let kept = r.fixed_line(&names(), "a", &[], true).expect("write");
        assert!(
            kept.contains(r#""text":"a b","text_clean":"a","z""#),
            "{kept}"
        );
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
            Record::parse(br#"{"body": "x"}"#, &n).err(),
            Some(LineError::MissingField("text".into()))
        );
        assert_eq!(
            Record::parse(br#"{"text": 3}"#, &n).err(),
            Some(LineError::NotString("text".into()))
        );
    }
}
