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
