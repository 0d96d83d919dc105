//! Progress on stderr, only when stderr is a terminal: pipes and files stay clean.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar counting documents, for a run over `n` files.
pub fn documents(n: usize) -> Option<ProgressBar> {
    if n < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(n as u64);
    bar.set_style(style("{bar:30} {pos}/{len} documents {msg} eta {eta}"));
    Some(bar)
}

/// A bar counting bytes of a stream: with a known length when it is a file, a spinner
/// otherwise.
pub fn bytes(input: &Path) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let len = (input != Path::new("-"))
        .then(|| std::fs::metadata(input).ok())
        .flatten()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    Some(match len {
        Some(len) => {
            let bar = ProgressBar::new(len);
            bar.set_style(style(
                "{bar:30} {bytes}/{total_bytes} {msg} {bytes_per_sec} eta {eta}",
            ));
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(style("{spinner} {bytes} {msg} {bytes_per_sec}"));
            bar
        }
    })
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// Print a line on stderr without tearing the bar. It passes the sanitiser: messages carry
/// file names and text from documents.
pub fn eprint_above(bar: &Option<ProgressBar>, line: &str) {
    let line = redline::sanitize::line(line);
    match bar {
        Some(b) => b.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}
