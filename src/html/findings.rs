//! Spam evidence only the markup shows: text hidden from readers, and links to gambling sites.

use crate::detect::Rule;
use std::ops::Range;

use super::{ElementKind, HtmlArticle};
use crate::detect::{Finding, Kind, deletion_range};
use crate::document::Document;
use crate::lexicon::{Lexicon, TermClass};
use crate::normalize::fold;

/// Hidden text that names a gambling term, a brand or a gambling site.
fn hidden_spam() -> f32 {
    crate::detect::score::weights().html.hidden_spam
}
/// Hidden text whose only evidence is a link to another site.
fn hidden_link() -> f32 {
    crate::detect::score::weights().html.hidden_link
}
/// A visible link to a gambling site.
fn gambling_link_confidence() -> f32 {
    crate::detect::score::weights().html.gambling_link
}

/// Why hidden `text` (with the `hrefs` of links inside it) looks like planted spam: a
/// confidence and a reason for the message. `None` for harmless hidden text.
pub(crate) fn hidden_evidence(text: &str, hrefs: &[&str], lex: &Lexicon) -> Option<(f32, String)> {
    let folded = fold(text);
    let hits = lex.find(&folded);
    if let Some(h) = hits.iter().find(|h| {
        matches!(
            h.class,
            TermClass::Strong | TermClass::Promo | TermClass::Deny
        )
    }) {
        return Some((hidden_spam(), format!("names '{}'", lex.term(h.term))));
    }
    if let Some(token) = brand_token(text, lex) {
        return Some((hidden_spam(), format!("names the brand-like '{token}'")));
    }
    if let Some(why) = hrefs.iter().find_map(|h| gambling_link(h, lex)) {
        return Some((hidden_spam(), format!("links to a gambling site ({why})")));
    }
    if let Some(h) = hits.iter().find(|h| h.class == TermClass::Weak) {
        return Some((hidden_link(), format!("names '{}'", lex.term(h.term))));
    }
    if let Some(host) = hrefs.iter().find_map(|h| parse_url(h).map(|u| u.host)) {
        return Some((hidden_link(), format!("links to {host}")));
    }
    None
}

/// Why `text` reads as spam on its own: spam vocabulary or a betting brand. Ordinary words
/// (`ช่อง 7`, `ข่าวกีฬา`) give `None`.
pub(crate) fn spam_text(text: &str, lex: &Lexicon) -> Option<String> {
    hidden_evidence(text, &[], lex)
        .filter(|(c, _)| *c >= hidden_spam())
        .map(|(_, why)| why)
}

/// A Latin token with letters then digits, or with a spam stem and digits: `zeusbet88`.
pub(crate) fn brand_token<'t>(text: &'t str, lex: &Lexicon) -> Option<&'t str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|t| brand_like(&t.to_ascii_lowercase(), lex))
}

/// A Latin token that names a betting brand by its stem (`pgslot`, `slotxo`, `sbobet88`):
/// unlike [`brand_token`], event names such as `NAC2019` are not.
pub(crate) fn stemmed_brand<'t>(text: &'t str, lex: &Lexicon) -> Option<&'t str> {
    // Words news also uses (casino, jackpot, lotto, better) need digits to count.
    const BRAND_STEMS: &[&str] = &["slot", "gacor", "baccarat", "bacara", "sbobet", "ufabet"];
    text.split(|c: char| !c.is_ascii_alphanumeric()).find(|t| {
        let t = t.to_ascii_lowercase();
        // A number alone (`168`, a page number in a title) is no brand, even when brands
        // end with it.
        BRAND_STEMS.iter().any(|s| t.contains(s))
            || lex.has_stem(&t).is_some()
                && t.bytes().any(|b| b.is_ascii_digit())
                && t.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

fn brand_like(token: &str, lex: &Lexicon) -> bool {
    let letters = token.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    let stem = lex
        .has_stem(token)
        .is_some_and(|s| s.bytes().all(|b| b.is_ascii_alphabetic()) && token.len() > s.len());
    letters >= 3 && digits >= 2 && token.ends_with(|c: char| c.is_ascii_digit())
        || stem && digits >= 1 && letters >= 2
}

/// English words that start like a `bet…` brand.
const BET_WORDS: &[&str] = &[
    "beta",
    "betas",
    "betel",
    "beth",
    "bethany",
    "bethel",
    "bethlehem",
    "betray",
    "betrayal",
    "betroth",
    "better",
    "betterment",
    "betting",
    "betty",
    "between",
    "betwixt",
];

/// Letter stems that make a host token a gambling brand wherever they sit in it.
const HOST_STEMS: &[&str] = &[
    "slot", "casino", "gacor", "baccarat", "bacara", "jackpot", "lotto", "sbobet", "ufabet",
];

struct Url<'h> {
    host: &'h str,
    path: &'h str,
}

/// Host and path of an absolute or protocol-relative link; `None` for links within the site
/// and other schemes.
fn parse_url(href: &str) -> Option<Url<'_>> {
    let h = href.trim();
    let lower_prefix = |p: &str| h.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    let rest = if lower_prefix("https://") {
        &h[8..]
    } else if lower_prefix("http://") {
        &h[7..]
    } else {
        h.strip_prefix("//")?
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    (!host.is_empty()).then_some(Url {
        host,
        path: &rest[end..],
    })
}

/// Why `href` points at a gambling site (quoting the host or path), or `None` for an
/// ordinary link. Links within the site are never judged.
pub fn gambling_link(href: &str, lex: &Lexicon) -> Option<String> {
    let url = parse_url(href)?;
    let host = url.host.to_ascii_lowercase();
    let spaced: String = host
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let listed = |s: &str, weak: bool| {
        lex.find(&fold(s))
            .into_iter()
            .find(|h| match h.class {
                TermClass::Strong | TermClass::Promo | TermClass::Deny => true,
                TermClass::Weak => weak,
                TermClass::Allow => false,
            })
            .map(|h| lex.term(h.term).to_owned())
    };
    if let Some(term) = listed(&spaced, true) {
        return Some(format!("the host '{host}' names '{term}'"));
    }
    for token in spaced.split(' ').filter(|t| !t.is_empty()) {
        let stem = HOST_STEMS.iter().find(|s| token.contains(*s));
        let bet_brand = token.strip_prefix("bet").is_some_and(|rest| {
            rest.len() >= 3
                && rest.bytes().all(|b| b.is_ascii_alphabetic())
                && !BET_WORDS.contains(&token)
        });
        if stem.is_some() || bet_brand || brand_like(token, lex) {
            return Some(format!("the host '{host}' looks like a betting brand"));
        }
    }
    // Paths name what a page sells, often in percent-encoded Thai; only spam vocabulary
    // counts there, since news sites write about casinos.
    let path = percent_decode(url.path);
    let spaced: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || crate::segment::is_thai(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    listed(&spaced, false).map(|term| format!("the link path names '{term}'"))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl HtmlArticle {
    /// Hidden spam and gambling links, in extracted coordinates. Every finding deletes.
    pub fn html_findings(&self, lexicon: &Lexicon) -> Vec<Finding> {
        let doc = Document::new(self.text.clone());
        let mut out: Vec<Finding> = Vec::new();
        for (i, e) in self.elements.iter().enumerate() {
            let ElementKind::Hidden { reason } = &e.kind else {
                continue;
            };
            // Elements are sorted by start: those inside follow it.
            let hrefs: Vec<&str> = self.elements[i..]
                .iter()
                .take_while(|l| l.src.start < e.src.end.max(e.src.start + 1))
                .filter(|l| e.src.start <= l.src.start && l.src.end <= e.src.end)
                .filter_map(|l| match &l.kind {
                    ElementKind::Link { href } => Some(href.as_str()),
                    _ => None,
                })
                .collect();
            let text = &self.text[e.ext.clone()];
            let Some((confidence, why)) = hidden_evidence(text, &hrefs, lexicon) else {
                continue;
            };
            if covered(&out, &e.ext) {
                continue;
            }
            let mut f = Finding {
                kind: Kind::Spam,
                rule: Rule::SpamHiddenText,
                range: paragraphs_range(&doc, e.ext.clone()),
                replacement: String::new(),
                confidence,
                message: String::new(),
                evidence: crate::detect::Evidence::HiddenText {
                    text: e.ext.clone(),
                    hidden_by: reason.to_string(),
                    why,
                },
                related: Vec::new(),
            };
            f.message = crate::detect::explain::message(&f, &self.text);
            out.push(f);
        }
        out.sort_by_key(|f| (f.range.start, f.range.end));
        let hidden = out.clone();
        for e in &self.elements {
            let ElementKind::Link { href } = &e.kind else {
                continue;
            };
            if covered(&hidden, &e.ext) {
                continue;
            }
            let Some(why) = gambling_link(href, lexicon) else {
                continue;
            };
            // Ordinary words in a gambling link stay: the page scan unwraps them.
            if spam_text(&self.text[e.ext.clone()], lexicon).is_none() {
                continue;
            }
            let mut f = Finding {
                kind: Kind::Spam,
                rule: Rule::SpamGamblingLink,
                range: deletion_range(&doc, &e.ext),
                replacement: String::new(),
                confidence: gambling_link_confidence(),
                message: String::new(),
                evidence: crate::detect::Evidence::GamblingLink {
                    text: e.ext.clone(),
                    why,
                },
                related: Vec::new(),
            };
            f.message = crate::detect::explain::message(&f, &self.text);
            out.push(f);
        }
        out.sort_by_key(|f| (f.range.start, f.range.end));
        out
    }
}

/// Whether one of `found` (sorted by start, not nested) holds `r`.
fn covered(found: &[Finding], r: &Range<usize>) -> bool {
    let i = found.partition_point(|f| f.range.start <= r.start);
    i > 0 && r.end <= found[i - 1].range.end
        || found
            .last()
            .is_some_and(|f| f.range.start <= r.start && r.end <= f.range.end)
}

/// Whole paragraphs covering `r`, with the separator before them (after them when they
/// open the text), so that deleting them leaves one blank line between neighbours.
fn paragraphs_range(doc: &Document, r: Range<usize>) -> Range<usize> {
    let ps = &doc.paragraphs;
    let first = ps.partition_point(|p| p.end <= r.start);
    let last = ps.partition_point(|p| p.start < r.end);
    if first >= last {
        return r;
    }
    let covers = r.start <= doc.content(first).start && doc.content(last - 1).end <= r.end;
    if !covers {
        return r;
    }
    if first > 0 {
        ps[first - 1].end..ps[last - 1].end
    } else if let Some(next) = ps.get(last) {
        ps[first].start..next.start
    } else {
        ps[first].start..ps[last - 1].end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gambling_hosts_and_paths_are_recognised() {
        let lex = Lexicon::builtin();
        for href in [
            "https://ufabet-example.com/",
            "http://www.betflik.example/register",
            "https://pgslot.example.net",
            "//zeusbet88.example",
            "https://example.org/%E0%B8%AA%E0%B8%A5%E0%B9%87%E0%B8%AD%E0%B8%95",
            "https://casino-example.com",
            "HTTPS://SLOTXO.EXAMPLE",
            "https://bet365.example",
        ] {
            assert!(gambling_link(href, &lex).is_some(), "{href}");
        }
    }

    #[test]
    fn ordinary_links_are_not_gambling() {
        let lex = Lexicon::builtin();
        for href in [
            "https://www.reuters.com/world/asia-pacific/",
            "https://www.bbc.co.uk/news/world-asia",
            "https://www.mfa.go.th/en/content/press",
            "https://alphabet.example/between",
            "https://news.example/2024/casino-bill-debate",
            "/tag/slot",
            "mailto:desk@example.com",
            "#top",
            "javascript:void(0)",
        ] {
            assert!(gambling_link(href, &lex).is_none(), "{href}");
        }
    }

    #[test]
    fn a_number_alone_is_no_brand() {
        let lex = Lexicon::builtin();
        assert_eq!(stemmed_brand("ข่าวประชาสัมพันธ์ 168", &lex), None);
        assert_eq!(stemmed_brand("ฉบับที่ 777", &lex), None);
        assert_eq!(stemmed_brand("เว็บ ufa168", &lex), Some("ufa168"));
        assert_eq!(stemmed_brand("joker888 เว็บตรง", &lex), Some("joker888"));
    }

    #[test]
    fn hidden_evidence_needs_spam_or_links() {
        let lex = Lexicon::builtin();
        assert!(hidden_evidence("สล็อต เว็บตรง", &[], &lex).is_some_and(|(c, _)| c > 0.9));
        assert!(hidden_evidence("play at zeusbet88 now", &[], &lex).is_some());
        assert!(
            hidden_evidence("Menu", &["https://x.example/"], &lex).is_some_and(|(c, _)| c < 0.9)
        );
        assert!(hidden_evidence("Skip to content", &["#main"], &lex).is_none());
        assert!(hidden_evidence("ปิดเมนู", &[], &lex).is_none());
    }
}
