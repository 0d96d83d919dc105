//! Scripts that write or inject gambling links or text into a page.

use super::findings::{gambling_link, spam_text};
use super::page::FARM_LINKS;
use crate::lexicon::Lexicon;

/// Whether a script writes or injects gambling links or text, and why.
pub(super) fn script_evidence(tag: &str, code: &str, lex: &Lexicon) -> Option<String> {
    let lower_tag = tag.to_ascii_lowercase();
    if let Some(src) = urls(&lower_tag)
        .into_iter()
        .find_map(|u| gambling_link(u, lex))
    {
        return Some(format!("the script is loaded from a gambling site: {src}"));
    }
    // Obfuscated strings (`\u0e2a`, `\xe0`, `'สล'+'็อต'`, `%E0%B8…`) are judged as they run.
    let decoded = decode_strings(code);
    let code = decoded.as_str();
    let lower = code.to_ascii_lowercase();
    let gambling: Vec<String> = urls(code)
        .into_iter()
        .filter_map(|u| gambling_link(u, lex))
        .collect();
    let injects = [
        "document.write",
        "innerhtml",
        "outerhtml",
        "insertadjacenthtml",
        "appendchild",
        "createelement",
        ".append(",
        ".html(",
    ]
    .iter()
    .find(|w| lower.contains(*w));
    if gambling.len() >= FARM_LINKS {
        return Some(format!(
            "the script lists {} links to gambling sites ({})",
            gambling.len(),
            gambling[0]
        ));
    }
    let injects = injects?;
    if let Some(why) = gambling.first() {
        return Some(format!(
            "the script injects a link to a gambling site with {injects}: {why}"
        ));
    }
    let strings = spam_text(code, lex)?;
    Some(format!(
        "the script writes gambling text with {injects}: {strings}"
    ))
}

/// The gambling URLs a script is loaded from (`tag`) or names in its code, its strings
/// decoded as they run.
pub(super) fn gambling_urls(tag: &str, code: &str, lex: &Lexicon) -> Vec<String> {
    let decoded = decode_strings(code);
    let mut out: Vec<String> = urls(tag).into_iter().map(str::to_owned).collect();
    out.extend(urls(&decoded).into_iter().map(str::to_owned));
    out.retain(|u| gambling_link(u, lex).is_some());
    out
}

/// `code` with JavaScript string escapes (`\uXXXX`, `\u{…}`, `\xHH`), percent escapes and
/// string concatenations (`'a' + "b"`) resolved, in one linear pass. Runs of `\xHH` or
/// `%HH` that spell UTF-8 are read as UTF-8 (what `decodeURIComponent` or a byte decoder
/// makes of them); other `\xHH` are code points, as JavaScript reads them.
pub(super) fn decode_strings(code: &str) -> String {
    let b = code.as_bytes();
    let mut out = String::with_capacity(code.len());
    let hex = |s: &[u8]| -> Option<u32> {
        let s = std::str::from_utf8(s).ok()?;
        u32::from_str_radix(s, 16).ok()
    };
    let mut i = 0;
    while i < b.len() {
        // A run of byte escapes: `\xHH` or `%HH`.
        let byte_at = |j: usize| -> Option<u8> {
            match b.get(j..j + 2)? {
                [b'\\', b'x'] => hex(b.get(j + 2..j + 4)?).map(|v| v as u8),
                [b'%', _] => hex(b.get(j + 1..j + 3)?).map(|v| v as u8),
                _ => None,
            }
        };
        if let Some(first) = byte_at(i) {
            let mut bytes = vec![first];
            let mut j = i + if b[i] == b'%' { 3 } else { 4 };
            while let Some(v) = byte_at(j) {
                bytes.push(v);
                j += if b[j] == b'%' { 3 } else { 4 };
            }
            match String::from_utf8(bytes) {
                Ok(s) => out.push_str(&s),
                Err(e) => out.extend(e.into_bytes().into_iter().map(char::from)),
            }
            i = j;
            continue;
        }
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'u') {
            let (value, len) = if b.get(i + 2) == Some(&b'{') {
                let close = b[i + 3..].iter().take(8).position(|&c| c == b'}');
                match close {
                    Some(k) => (hex(&b[i + 3..i + 3 + k]), k + 4),
                    None => (None, 0),
                }
            } else {
                (b.get(i + 2..i + 6).and_then(hex), 6)
            };
            if let Some(c) = value.and_then(char::from_u32) {
                out.push(c);
                i += len;
                continue;
            }
        }
        // `' + '` between two strings: the strings are one.
        if matches!(b[i], b'\'' | b'"' | b'`') {
            let mut j = i + 1;
            while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if b.get(j) == Some(&b'+') {
                j += 1;
                while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                    j += 1;
                }
                if b.get(j).is_some_and(|&c| matches!(c, b'\'' | b'"' | b'`')) {
                    i = j + 1;
                    continue;
                }
            }
        }
        let c = code[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Absolute URLs in `s`.
fn urls(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = s[at..].find("//").map(|i| at + i) {
        let start = s[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '+'))
            .map_or(0, |j| j + 1);
        let end = s[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | '`'))
            .map_or(s.len(), |j| i + j);
        if let Some(u) = s.get(start..end)
            && end > i + 2
        {
            out.push(u);
        }
        at = end.max(i + 2);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_in_code_and_attributes() {
        let code = r#"var l=["https://a.example/x","//b.example"]; document.write('<a href="http://c.example/">')"#;
        assert_eq!(
            urls(code),
            ["https://a.example/x", "//b.example", "http://c.example/"]
        );
        assert!(urls("a // comment only").is_empty() || urls("a // comment only") == ["//"]);
    }

    #[test]
    fn escaped_and_concatenated_strings_are_read_as_they_run() {
        assert_eq!(decode_strings(r#"'\u0e2a\u0e25' + "\u{e47}""#), "'สล็\"");
        assert_eq!(decode_strings(r"\xe0\xb8\xaa a\x41"), "ส aA");
        assert_eq!(decode_strings("%E0%B8%AA%"), "ส%");
        assert_eq!(decode_strings("a + b"), "a + b");
        let lex = Lexicon::builtin();
        // สล็อต เว็บตรง written with escapes, and split into pieces.
        let escaped = r"document.getElementById('f').innerHTML = '\u0e2a\u0e25\u0e47\u0e2d\u0e15 \u0e40\u0e27\u0e47\u0e1a\u0e15\u0e23\u0e07';";
        assert!(script_evidence("<script>", escaped, &lex).is_some());
        let joined = "document.write('<b>สล' + '็อต ' + \"เว็บ\" + 'ตรง</b>');";
        assert!(script_evidence("<script>", joined, &lex).is_some());
        let bytes =
            r"document.write('\xe0\xb8\xaa\xe0\xb8\xa5\xe0\xb9\x87\xe0\xb8\xad\xe0\xb8\x95');";
        assert!(script_evidence("<script>", bytes, &lex).is_some());
        let host = r"document.write('<a href=\x22https://ufa' + 'bet-vip.example/\x22>x</a>')";
        assert!(script_evidence("<script>", host, &lex).is_some());
        // Ordinary escaped text stays ordinary.
        let menu = r"el.innerHTML = '\u0e40\u0e21\u0e19\u0e39';";
        assert!(script_evidence("<script>", menu, &lex).is_none());
    }

    #[test]
    fn scripts_need_injection_and_gambling_evidence() {
        let lex = Lexicon::builtin();
        assert!(
            script_evidence(
                "<script>",
                r#"document.write('<a href="https://ufabet-win.example/">x</a>')"#,
                &lex
            )
            .is_some()
        );
        assert!(
            script_evidence("<script src=\"https://pgslot-x.example/a.js\">", "", &lex).is_some()
        );
        assert!(
            script_evidence(
                "<script>",
                "var menu = document.createElement('div'); menu.innerHTML = 'เมนู';",
                &lex
            )
            .is_none()
        );
        assert!(
            script_evidence(
                "<script>",
                "gtag('config', 'G-XXXX'); // https://www.google.com/",
                &lex
            )
            .is_none()
        );
    }
}
