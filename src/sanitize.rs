//! The one sanitiser: what an article or a file name may show on a terminal.
//!
//! Anything a terminal could act on (C0 and C1 controls, ESC, DEL), anything that reorders
//! what is shown (bidi overrides, embeddings, isolates and marks) and invisible formatting
//! that can hide text is replaced by a visible symbol. Thai, Latin and every other printable
//! character pass unchanged. Pure functions: the shells decide when output is a terminal.

use std::borrow::Cow;
use std::path::Path;

/// Control pictures for C0 (U+2400..U+241F); C1 controls share them (U+009B, CSI, shows as `␛`).
const CONTROL_PICTURES: [&str; 32] = [
    "␀", "␁", "␂", "␃", "␄", "␅", "␆", "␇", "␈", "␉", "␊", "␋", "␌", "␍", "␎", "␏", "␐", "␑", "␒",
    "␓", "␔", "␕", "␖", "␗", "␘", "␙", "␚", "␛", "␜", "␝", "␞", "␟",
];

/// The visible stand-in for a character that must not reach a terminal as it is, or `None`
/// when it may. Newline and tab get stand-ins too; [`text`] keeps them.
pub fn stand_in(c: char) -> Option<&'static str> {
    let n = c as u32;
    Some(match c {
        '\u{0}'..='\u{1f}' => CONTROL_PICTURES[n as usize],
        '\u{7f}' => "␡",
        '\u{80}'..='\u{9f}' => CONTROL_PICTURES[(n & 0x1f) as usize],
        // Bidi controls reorder what the terminal shows (Trojan Source): always visible.
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => "⁅bidi⁆",
        // Invisible formatting that can hide or smuggle text.
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{180e}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => "¦",
        '\u{2028}' | '\u{2029}' => "⏎",
        _ => return None,
    })
}

/// One line of output (a file name, a message, a scan result): nothing passes raw, line
/// breaks and tabs included (`⏎`, `␉`), so one value cannot forge another line.
pub fn line(s: &str) -> Cow<'_, str> {
    map(s, |c, _| match c {
        '\n' => Some("⏎"),
        c => stand_in(c),
    })
}

/// Several lines of output (a diff, an article): line breaks, CRLF and tabs stay; every
/// other unsafe character is made visible. A carriage return not followed by a line feed
/// could overwrite the line already shown, so it becomes `␍`.
pub fn text(s: &str) -> Cow<'_, str> {
    map(s, |c, next| match c {
        '\n' | '\t' => None,
        '\r' if next == Some('\n') => None,
        c => stand_in(c),
    })
}

/// A path for a message: [`line`], and bytes that are not UTF-8 (possible on Unix) written
/// as `\xFF` so that names differing only there stay distinct.
pub fn path(p: &Path) -> String {
    let mut out = String::new();
    for chunk in os_bytes(p).utf8_chunks() {
        out.push_str(&line(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(unix)]
fn os_bytes(p: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(p.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn os_bytes(p: &Path) -> Cow<'_, [u8]> {
    match p.to_string_lossy() {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

fn map(s: &str, f: impl Fn(char, Option<char>) -> Option<&'static str>) -> Cow<'_, str> {
    let mut chars = s.char_indices().peekable();
    let mut out: Option<String> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match (f(c, next), out.as_mut()) {
            (Some(sub), Some(o)) => o.push_str(sub),
            (Some(sub), None) => {
                let mut o = String::with_capacity(s.len() + 8);
                o.push_str(&s[..i]);
                o.push_str(sub);
                out = Some(o);
            }
            (None, Some(o)) => o.push(c),
            (None, None) => {}
        }
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_osc_never_pass() {
        let hostile = "a\x1b]0;owned\x07b\x1b]52;c;aGk=\x1b\\c\u{9b}31m\x7f";
        let safe = line(hostile);
        assert!(safe.chars().all(|c| stand_in(c).is_none()), "{safe}");
        assert_eq!(safe, "a␛]0;owned␇b␛]52;c;aGk=␛\\c␛31m␡");
    }

    #[test]
    fn bidi_and_invisible_formatting_become_visible() {
        assert_eq!(
            line("abc\u{202e}fed\u{2066}x\u{2069}"),
            "abc⁅bidi⁆fed⁅bidi⁆x⁅bidi⁆"
        );
        assert_eq!(line("ufa\u{200b}bet\u{e0041}"), "ufa¦bet¦");
    }

    #[test]
    fn thai_and_plain_text_are_borrowed_unchanged() {
        let thai = "ผู้ว่าราชการจังหวัด น้ำ café";
        assert!(matches!(line(thai), Cow::Borrowed(_)));
        assert!(matches!(text("a\tb\r\nc\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_cannot_forge_lines_but_text_keeps_them() {
        assert_eq!(line("a\nb\tc\rd"), "a⏎b␉c␍d");
        assert_eq!(text("a\nb\tc\r\nd\re"), "a\nb\tc\r\nd␍e");
    }

    #[cfg(unix)]
    #[test]
    fn paths_escape_bytes_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"dir/caf\xe9\x1b[2J.txt"));
        assert_eq!(path(p), "dir/caf\\xE9␛[2J.txt");
    }
}
