//! Colour for linter lines: the library hands over a structured line, the shell paints it.

use redline::Kind;
use redline::export::TextLine;

/// The line as printed: plain, or with ANSI colours on a terminal.
pub fn paint(line: &TextLine, color: bool) -> String {
    if !color {
        return line.to_string();
    }
    let c = match line.kind {
        Kind::Spam => "31",
        Kind::Duplicate => "35",
        Kind::Whitespace => "36",
        Kind::Layout => "34",
    };
    format!(
        "\x1b[1m{}:\x1b[0m \x1b[1;{c}m{}\x1b[0m \x1b[2m{}\x1b[0m {}",
        line.location,
        line.kind.as_str(),
        line.rule,
        line.message
    )
}
