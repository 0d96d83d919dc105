//! Links, e-mail addresses, domain names and file names in running text.
//!
//! Their pieces (`or.th`, `moac.go.th`, `report2019.pdf`) sit after a full stop at the end of
//! a paragraph, just where planted spam sits, and recur across a corpus of press releases.
//! They are never spam terms themselves: the detectors and the term miner skip them. A link
//! that spells gambling vocabulary is, on the other hand, evidence of spam.

use std::ops::Range;

use crate::segment::is_space;

/// File-name extensions that make `name.ext` a file rather than a sentence end.
const FILE_EXTENSIONS: [&str; 16] = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png", "gif", "zip", "txt",
    "csv", "html", "htm",
];

/// Generic top-level domains seen in Thai news and in spam links; any two-letter label is a
/// country code.
const GENERIC_TLDS: [&str; 24] = [
    "com", "net", "org", "info", "biz", "edu", "gov", "int", "mil", "asia", "xyz", "club",
    "online", "site", "top", "vip", "bet", "app", "shop", "store", "live", "link", "win", "casino",
];

/// Characters that delimit a link inside a line: brackets, quotes and Thai text around it
/// are not part of it.
fn delimiter(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '(' | ')' | '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '[' | ']' | '|'
        )
}

/// Characters a host name or path is made of.
fn link_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || crate::segment::is_thai(c)
        || matches!(
            c,
            '.' | '-' | '_' | '/' | ':' | '@' | '%' | '?' | '=' | '&' | '#' | '~' | '+'
        )
}

/// Byte ranges of links, e-mail addresses, domain names and file names in `text`, in order
/// and not overlapping. Linear in the text.
pub fn link_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for token in text.split(delimiter) {
        let start = at;
        at += token.len();
        // Every delimiter is one character; step over it.
        at += text[at..].chars().next().map_or(0, char::len_utf8);
        if !token.contains('.') && !token.contains("://") {
            continue;
        }
        if let Some(r) = link_in(token) {
            out.push(start + r.start..start + r.end);
        }
    }
    out
}

/// The link inside one space-delimited token, if any: its Thai prefix (ทางเว็บไซต์www...) and
/// trailing sentence punctuation are left out.
fn link_in(token: &str) -> Option<Range<usize>> {
    let lower = token.to_ascii_lowercase();
    // Where the link starts: a scheme, "www.", or the start of the host in front of a TLD.
    let start = if let Some(i) = lower.find("://") {
        lower[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_alphabetic())
            .last()
            .map_or(i, |(j, _)| j)
    } else if let Some(i) = lower.find("www.") {
        i
    } else {
        // A bare domain, address or file name: the run of link characters around the dot.
        let dot = lower.find('.')?;
        lower[..dot]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| link_char(c))
            .last()
            .map_or(dot, |(j, _)| j)
    };
    let mut end = start
        + lower[start..]
            .char_indices()
            .find(|&(_, c)| !link_char(c))
            .map_or(lower.len() - start, |(j, _)| j);
    // Sentence punctuation after a link is not part of it.
    while end > start && lower[..end].ends_with(['.', ',', ':', '?', '!', ';']) {
        end -= 1;
    }
    let link = &lower[start..end];
    let scheme_or_www = link.contains("://") || link.starts_with("www.");
    let email = link.contains('@') && link.rsplit('@').next().is_some_and(|h| h.contains('.'));
    // The host (or file name) and its last label: a top-level domain (th, com) or a file
    // extension.
    let host = link.rsplit("://").next().unwrap_or_default();
    let host = host.split(['/', '?', '#']).next().unwrap_or_default();
    let last = host.rsplit('.').next().unwrap_or_default();
    let has_dot_label = host.contains('.') && host.split('.').all(|l| !l.is_empty());
    let tld = last.len() == 2 && last.bytes().all(|b| b.is_ascii_lowercase())
        || GENERIC_TLDS.contains(&last);
    // "end.The" in English is a missing space, not a domain: the label must be lowercase.
    let original_last = token[start..end]
        .split(['/', '?', '#'])
        .next()
        .and_then(|h| h.rsplit('.').next())
        .unwrap_or_default();
    let lowercase_label = !original_last.bytes().any(|b| b.is_ascii_uppercase());
    let file = FILE_EXTENSIONS.contains(&last);
    let domain = has_dot_label && (tld && lowercase_label || file);
    (scheme_or_www || email || domain).then_some(start..end)
}

/// Whether `r` overlaps any of `sorted` (ranges in order, not overlapping each other).
/// Labels that introduce a social-media handle ("IG: somename777", "Facebook : name99").
const HANDLE_LABELS: [&str; 10] = [
    "ig",
    "instagram",
    "fb",
    "facebook",
    "twitter",
    "x",
    "tiktok",
    "youtube",
    "threads",
    "line",
];

/// Social networks named in running text right before an account ("Instagram ของ name777").
const PLATFORMS: [&str; 12] = [
    "instagram",
    "facebook",
    "tiktok",
    "twitter",
    "youtube",
    "ไอจี",
    "อินสตาแกรม",
    "เฟซบุ๊ก",
    "เฟสบุ๊ค",
    "เฟซบุ๊ค",
    "ทวิตเตอร์",
    "ติ๊กต็อก",
];
/// Characters between the network's name and the account, at most ("ของ", "บัญชี ").
const PLATFORM_REACH: usize = 12;

/// Whether a social network is named just before the end of `before`.
fn after_platform_name(before: &str) -> bool {
    let start = before
        .char_indices()
        .rev()
        .nth(PLATFORM_REACH + 12)
        .map_or(0, |(i, _)| i);
    let window = before[start..].to_lowercase();
    PLATFORMS.iter().any(|p| {
        window
            .rfind(p)
            .is_some_and(|i| window[i + p.len()..].chars().count() <= PLATFORM_REACH)
    })
}

/// Whether the token at `r` is a social-media handle: right after `@`, or after a label such
/// as `IG:`. A person's or a page's handle with digits is a name, never a brand.
pub fn social_handle(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    if before.ends_with('@') || after_platform_name(before) {
        return true;
    }
    let Some(label) = before.trim_end_matches([' ', '\u{a0}']).strip_suffix(':') else {
        return false;
    };
    let label = label.trim_end_matches([' ', '\u{a0}']);
    let word_start = label
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphabetic())
        .last()
        .map_or(label.len(), |(i, _)| i);
    let word = label[word_start..].to_ascii_lowercase();
    HANDLE_LABELS.contains(&word.as_str())
}

pub fn overlaps_any(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let k = sorted.partition_point(|t| t.end <= r.start);
    sorted.get(k).is_some_and(|t| t.start < r.end)
}

/// The span of `sorted` that contains `pos`, if any.
pub fn containing(sorted: &[Range<usize>], r: &Range<usize>) -> Option<Range<usize>> {
    let k = sorted.partition_point(|t| t.end <= r.start);
    sorted
        .get(k)
        .filter(|t| t.start <= r.start && r.end <= t.end)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<&str> {
        link_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn urls_addresses_domains_and_files_are_links() {
        assert_eq!(
            links("ดูที่ www.nsf.or.th หรือ https://moac.go.th/news?id=1."),
            ["www.nsf.or.th", "https://moac.go.th/news?id=1"]
        );
        assert_eq!(
            links("E-mail: ilovebureau@ncb.co.th"),
            ["ilovebureau@ncb.co.th"]
        );
        assert_eq!(
            links("แอป ไทยชนะ.com และ (report2019.pdf)"),
            ["ไทยชนะ.com", "report2019.pdf"]
        );
        assert_eq!(links("ทางเว็บไซต์www.dpa.or.th"), ["www.dpa.or.th"]);
    }

    #[test]
    fn sentences_and_numbers_are_not_links() {
        assert!(links("ร้อยละ 37.84 ของทั้งหมด. The end.It was").is_empty());
        assert!(links("รศ.ดร.สมชาย กล่าว").is_empty());
        assert!(links("end of the season.ufabet").is_empty());
    }
}
