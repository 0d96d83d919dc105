//! Real Thai government news for precision tests: where the shared corpus lives, the
//! canonical form `../shared/tools/real-precision.py` cuts each raw article to (headline +
//! body), and its test for a duplicate fix that would cut a fragment out of a line.
//!
//! The corpus is not ours and is never copied into the repository; tests read it at run time.

use std::ops::Range;
use std::path::PathBuf;

/// The shared directory: `$REDLINE_SHARED_DIR`, or the nearest `shared/` beside the
/// repository or one of its parents (worktrees sit one level deeper than the main checkout).
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("REDLINE_SHARED_DIR") {
        return Some(PathBuf::from(d));
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .take(3)
        .map(|a| a.join("shared"))
        .find(|d| d.is_dir())
}

/// The raw corpus, one `{"id","text"}` a line, or `None` when it is not there. Under CI a
/// missing corpus is a failure, elsewhere a skip that says so.
pub fn corpus(name: &str) -> Option<String> {
    let path = shared_dir().map(|d| d.join("corpus").join(name));
    match path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()) {
        Some(text) => Some(text),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set and the real-news corpus {name} is missing (looked for {path:?})"
            );
            eprintln!("real-news corpus {name} not found ({path:?}); skipping");
            None
        }
    }
}

const SITE_PREFIX: &str = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-";

/// Headline + body paragraphs of a raw article, as `real-precision.py` cuts it: the site
/// prefix, date lines, the print button, the headline's repeats before the body and the
/// source line onwards are dropped. `None` for pages that are not news articles or too short.
pub fn canonical(raw: &str) -> Option<String> {
    let raw = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut lines = raw.split('\n').map(str::trim);
    let title = lines.next()?.strip_prefix(SITE_PREFIX)?.trim();
    let squeeze = |s: &str| s.replace(' ', "");
    let mut body: Vec<&str> = Vec::new();
    for l in lines {
        if l.is_empty() || is_date_or_print(l) {
            continue;
        }
        if l.starts_with("ที่มา") {
            break;
        }
        if body.is_empty() && squeeze(l) == squeeze(title) {
            continue;
        }
        body.push(l);
    }
    if body.len() < 2 {
        return None;
    }
    let c = format!("{title}\n\n{}\n", body.join("\n\n"));
    (c.chars().count() > 400).then_some(c)
}

fn digits(s: &str) -> usize {
    s.chars().take_while(|c| c.is_numeric()).count()
}

/// `^(วัน.+ที่ \d+ .+ \d{4}|\d{2}/\d{2}/\d{4}|พิมพ์)$`
fn is_date_or_print(l: &str) -> bool {
    if l == "พิมพ์" {
        return true;
    }
    let c: Vec<char> = l.chars().collect();
    let is_digit = |k: usize| c.get(k).is_some_and(|c| c.is_numeric());
    if c.len() == 10
        && [0, 1, 3, 4, 6, 7, 8, 9].iter().all(|&k| is_digit(k))
        && c[2] == '/'
        && c[5] == '/'
    {
        return true;
    }
    // วัน.+ที่ \d+ .+ \d{4}
    let Some(rest) = l.strip_prefix("วัน") else {
        return false;
    };
    let n = rest.chars().count();
    if n < 5 {
        return false;
    }
    let tail: String = rest.chars().skip(n - 5).collect();
    if !tail.starts_with(' ') || digits(&tail[1..]) != 4 {
        return false;
    }
    let middle: String = rest.chars().take(n - 5).collect();
    middle.match_indices("ที่ ").any(|(i, m)| {
        let after = &middle[i + m.len()..];
        let d = digits(after);
        i > 0 && d > 0 && {
            let after = &after[after.char_indices().nth(d).map_or(after.len(), |(k, _)| k)..];
            after.strip_prefix(' ').is_some_and(|r| !r.is_empty())
        }
    })
}

/// Whether deleting `range` (bytes) of `text` cuts a fragment out of a line: the range is
/// neither whole lines nor next to an identical copy of itself (within three characters).
pub fn cuts_fragment(text: &str, range: &Range<usize>) -> bool {
    !whole_lines(text, range) && !next_to_copy(text, range)
}

fn whole_lines(text: &str, r: &Range<usize>) -> bool {
    let x = &text[r.clone()];
    let ls = r.start + (x.len() - x.trim_start().len());
    let le = r.end - (x.len() - x.trim_end().len());
    (ls == 0 || text[..ls].ends_with('\n')) && (le == text.len() || text[le..].starts_with('\n'))
}

fn next_to_copy(text: &str, r: &Range<usize>) -> bool {
    let x = text[r.clone()].trim();
    let n = x.chars().count();
    if n < 2 {
        return true;
    }
    let back = |at: usize, k: usize| {
        text[..at]
            .char_indices()
            .rev()
            .nth(k.saturating_sub(1))
            .map_or(0, |(i, _)| i)
    };
    let fwd = |at: usize, k: usize| {
        text[at..]
            .char_indices()
            .nth(k)
            .map_or(text.len(), |(i, _)| at + i)
    };
    text[back(r.start, n + 3)..r.start].contains(x) || text[r.end..fwd(r.end, n + 3)].contains(x)
}
