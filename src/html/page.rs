//! Spam in the page around the article: the head, hidden blocks, `<noscript>`, `<marquee>`,
//! injecting scripts, link farms, links wrapped around ordinary words, and doorway pages.
//!
//! The extraction walk records what it saw (see [`PageRecord`]); this file judges it, with
//! `head` (title and metas) and `script` (injecting scripts) for their own evidence. Every
//! finding here is in page source offsets and carries the source edits its fix makes, so
//! everything else in the page is written back byte for byte.

use crate::detect::Rule;
use std::ops::Range;

use html5gum::{Token, Tokenizer};

use super::HtmlArticle;
use super::findings::{hidden_evidence, spam_text};
use super::head::{clean_head, diff_edits, head_sep, meta, pieces, through_references};
use super::script::script_evidence;
use super::style::HiddenReason;
use super::write_back::whole_lines;
use crate::DEFAULT_MIN_CONFIDENCE;
use crate::detect::{Finding, Kind, ScanOptions, quote};
use crate::lexicon::Lexicon;
use crate::review::{Edit, apply_edits};

/// Confidence of a removal whose evidence is spam vocabulary or a gambling site.
pub(super) fn spam_confidence() -> f32 {
    crate::detect::score::weights().html.outside_article
}
/// A link to a gambling site around ordinary words: the words stay.
fn wrapped() -> f32 {
    crate::detect::score::weights().html.wrapped_link
}
/// At least this many links to gambling sites make a container a link farm…
pub(super) const FARM_LINKS: usize = 3;
/// …when at most this many letters and digits per gambling link are text outside links:
/// separators, not a copyright line.
const FARM_TEXT_PER_LINK: usize = 2;
/// Bytes of an element's text (or of head text) judged at most.
pub(super) const JUDGED: usize = 64 << 10;
/// A doorway page: at least this share of its visible text is spam…
const DOORWAY_SHARE: f64 = 0.6;
/// …and its article keeps fewer characters than this once the spam is out.
const DOORWAY_REAL: usize = 300;

/// What the extraction walk saw of the page as a whole.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageRecord {
    /// The decoded text of the page outside scripts, styles and the head, in source order.
    pub text: String,
    /// Every `<a href>`, in the order they close.
    pub links: Vec<LinkRecord>,
    pub nodes: Vec<PageNode>,
    /// Every `<iframe>` onto a gambling site, in the order they close.
    pub frames: Vec<FrameRecord>,
    /// Gambling URLs that scripts load from, write or list.
    pub script_urls: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct FrameRecord {
    pub src: String,
    /// The whole element in the source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct LinkRecord {
    pub href: String,
    pub src: Range<usize>,
    /// Between the start tag and the end tag (or where the link was closed implicitly).
    pub inner: Range<usize>,
    /// Its text, in [`PageRecord::text`].
    pub text: Range<usize>,
    /// Why it points at a gambling site.
    pub gambling: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// Hidden by its own style, class or attribute (not by an ancestor).
    Hidden(HiddenReason),
    Noscript,
    Marquee,
    Script,
    /// An `<iframe>` whose `src` is a gambling site.
    Iframe {
        src: String,
        why: String,
    },
    Title,
    /// An element holding several links to gambling sites.
    Farm,
    Meta {
        label: String,
        content: String,
        /// The `content="…"` attribute in the source.
        attr: Range<usize>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct PageNode {
    pub kind: NodeKind,
    pub src: Range<usize>,
    pub inner: Range<usize>,
    pub text: Range<usize>,
    /// Indices of the links inside, in [`PageRecord::links`].
    pub links: Range<usize>,
    pub gambling: usize,
    /// Letters and digits outside links.
    pub other_chars: usize,
}

/// A finding about the page itself, in page source offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFinding {
    pub rule: Rule,
    /// The element or text the finding is about.
    pub range: Range<usize>,
    /// What `fix` changes in the source, sorted and disjoint; none for a finding that is
    /// only reported (a doorway page).
    pub edits: Vec<Edit>,
    pub confidence: f32,
    pub message: String,
    /// For a link inside the article: where its text is in the article. The text stays; the
    /// finding changes only markup around it.
    pub extracted: Option<Range<usize>>,
}

impl PageFinding {
    /// The finding as a plain edit of the page source: `range` becomes what the edits make
    /// of it.
    pub fn as_finding(&self, source: &str) -> Finding {
        // The finding covers what its edits touch, so that its replacement is their result.
        let start = self
            .edits
            .iter()
            .map(|e| e.range.start)
            .fold(self.range.start, usize::min);
        let end = self
            .edits
            .iter()
            .map(|e| e.range.end)
            .fold(self.range.end, usize::max);
        let r = start.min(source.len())..end.min(source.len());
        let local: Vec<Edit> = self
            .edits
            .iter()
            .filter(|e| r.start <= e.range.start && e.range.end <= r.end)
            .map(|e| Edit {
                range: e.range.start - r.start..e.range.end - r.start,
                replacement: e.replacement.clone(),
            })
            .collect();
        let slice = source.get(r.clone()).unwrap_or("");
        let replacement = apply_edits(slice, &local).unwrap_or_else(|_| slice.to_owned());
        Finding {
            kind: Kind::Spam,
            rule: self.rule,
            range: r,
            replacement,
            confidence: self.confidence,
            message: self.message.clone(),
            evidence: crate::detect::Evidence::note(&self.message),
            related: Vec::new(),
        }
    }

    /// Reported only: `fix` leaves the page as it is.
    pub fn is_report(&self) -> bool {
        self.edits.is_empty()
    }
}

impl HtmlArticle {
    /// The spam sites the page links to, shows in a frame or points at from a script, by
    /// host (lower case), each with how many links, frames and script URLs point at it: the
    /// gambling sites, and any other site linked from inside `removed` (source ranges of
    /// spam that goes, sorted by start and disjoint).
    pub fn spam_hosts(&self, removed: &[Range<usize>]) -> Vec<(String, usize)> {
        let mut hosts: std::collections::BTreeMap<String, usize> = Default::default();
        let inside = |r: &Range<usize>| {
            let i = removed.partition_point(|m| m.start <= r.start);
            i > 0 && r.end <= removed[i - 1].end
        };
        let links = self
            .page
            .links
            .iter()
            .filter(|l| l.gambling.is_some() || inside(&l.src));
        let targets = links
            .map(|l| l.href.as_str())
            .chain(self.page.frames.iter().map(|f| f.src.as_str()))
            .chain(self.page.script_urls.iter().map(String::as_str));
        for h in targets.filter_map(host) {
            *hosts.entry(h.to_ascii_lowercase()).or_default() += 1;
        }
        hosts.into_iter().collect()
    }

    /// Whether any text of the article came from inside source range `r`.
    pub(crate) fn in_article(&self, r: &Range<usize>) -> bool {
        let segs = self.map.segments();
        let first = segs.partition_point(|s| s.src.end <= r.start);
        segs[first..]
            .iter()
            .take_while(|s| s.src.start < r.end)
            .any(|s| !s.src.is_empty())
    }

    /// Findings about the page outside the article text, plus links around article words
    /// that go to gambling sites. `article` are the findings over the article text, which
    /// decide whether the page is a doorway; then only `spam.page` is returned.
    pub fn page_findings(
        &self,
        source: &str,
        article: &[Finding],
        options: &ScanOptions,
    ) -> Vec<PageFinding> {
        if source.len() != self.source_len {
            return Vec::new();
        }
        let lex = &options.lexicon;
        let rec = &self.page;
        let mut out: Vec<PageFinding> = Vec::new();
        // Outermost first: an element inside one that goes is not judged again.
        let mut order: Vec<&PageNode> = rec.nodes.iter().collect();
        order.sort_by_key(|n| (n.src.start, std::cmp::Reverse(n.src.end)));
        let mut kept: Vec<(Range<usize>, Rule, f32, String)> = Vec::new();
        for n in order {
            if kept
                .last()
                .is_some_and(|k| k.0.start <= n.src.start && n.src.end <= k.0.end)
                || n.kind != NodeKind::Script && self.in_article(&n.src)
            {
                continue;
            }
            if let Some((rule, confidence, why)) = self.judge_node(source, n, lex) {
                kept.push((n.src.clone(), rule, confidence, why));
            }
        }
        let removed = |r: &Range<usize>| {
            let i = kept.partition_point(|k| k.0.start <= r.start);
            i > 0 && r.end <= kept[i - 1].0.end
        };
        let mut links: Vec<&LinkRecord> = rec
            .links
            .iter()
            .filter(|l| l.gambling.is_some() && !removed(&l.src))
            .collect();
        links.sort_by_key(|l| l.src.start);
        // Runs of gambling links with nothing but spaces and punctuation between them.
        let mut run: Vec<&LinkRecord> = Vec::new();
        let mut runs: Vec<Vec<&LinkRecord>> = Vec::new();
        for l in links {
            let text = &rec.text[l.text.clone()];
            let spammy = text.trim().is_empty() || spam_text(text, lex).is_some();
            let in_article = self.in_article(&l.inner);
            if !spammy {
                out.push(self.unwrap_link(source, l, in_article));
                continue;
            }
            if in_article {
                // The article's own finding deletes the text, and the element with it.
                continue;
            }
            let joins = run.last().is_some_and(|p| {
                source
                    .get(p.src.end..l.src.start)
                    .is_some_and(|gap| gap.chars().all(|c| !c.is_alphanumeric() && c != '<'))
            });
            if !joins && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            run.push(l);
        }
        if !run.is_empty() {
            runs.push(run);
        }
        for run in runs {
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let r = first.src.start..last.src.end;
            let hosts: Vec<&str> = run.iter().filter_map(|l| host(&l.href)).collect();
            if run.len() >= FARM_LINKS {
                let why = format!("{} links to gambling sites ({})", run.len(), list(&hosts));
                kept.push((r, Rule::SpamLinkFarm, spam_confidence(), why));
            } else {
                let why = format!(
                    "{} links to a gambling site: {}",
                    quote(&rec.text[first.text.clone()], 40),
                    first.gambling.clone().unwrap_or_default()
                );
                kept.push((r, Rule::SpamGamblingLink, spam_confidence(), why));
            }
        }
        for (r, rule, confidence, message) in kept {
            let whole = with_space_before(source, whole_lines(source, r.clone()));
            out.push(PageFinding {
                rule,
                range: r,
                edits: vec![Edit {
                    range: whole,
                    replacement: String::new(),
                }],
                confidence,
                message,
                extracted: None,
            });
        }
        // Planted elements or gambling links elsewhere show the page was hacked.
        let spammed = !out.is_empty();
        for n in &rec.nodes {
            let f = match &n.kind {
                NodeKind::Title if !self.in_article(&n.src) => {
                    self.title(source, n, spammed, options)
                }
                NodeKind::Meta {
                    label,
                    content,
                    attr,
                } => meta(source, n, label, content, attr, spammed, options),
                _ => None,
            };
            out.extend(f);
        }
        if let Some(doorway) = self.doorway(source, article, &out, lex) {
            return vec![doorway];
        }
        out.sort_by_key(|f| (f.range.start, f.range.end));
        out
    }

    /// Why an element outside the article should go: rule, confidence, reason.
    fn judge_node(&self, source: &str, n: &PageNode, lex: &Lexicon) -> Option<(Rule, f32, String)> {
        let rec = &self.page;
        // Links inside, and the sources of gambling frames inside: a hidden block holding
        // only a frame onto a casino goes whole.
        let hrefs = || -> Vec<&str> {
            rec.links
                .get(n.links.clone())
                .unwrap_or_default()
                .iter()
                .map(|l| l.href.as_str())
                .chain(
                    // Frames do not nest (their content is text), so they are in source order.
                    rec.frames[rec.frames.partition_point(|f| f.range.start < n.src.start)..]
                        .iter()
                        .take_while(|f| f.range.start < n.src.end)
                        .filter(|f| f.range.end <= n.src.end)
                        .map(|f| f.src.as_str()),
                )
                .collect()
        };
        // Planted text shows itself early; a huge element is judged by its start.
        let text = rec.text.get(n.text.clone()).unwrap_or("");
        let text = &text[..text.floor_char_boundary(JUDGED.min(text.len()))];
        match &n.kind {
            NodeKind::Hidden(reason) => {
                let (c, why) = hidden_evidence(text, &hrefs(), lex)?;
                let what = quote(text, 40);
                Some((
                    Rule::SpamHiddenText,
                    c,
                    format!("{what} is hidden from readers ({reason}) and {why}"),
                ))
            }
            NodeKind::Noscript | NodeKind::Marquee => {
                let (text, hrefs) = match n.kind {
                    NodeKind::Noscript => {
                        let inner = source.get(n.inner.clone())?;
                        markup_text(&inner[..inner.floor_char_boundary(JUDGED.min(inner.len()))])
                    }
                    _ => (
                        text.to_owned(),
                        hrefs().iter().map(|h| h.to_string()).collect(),
                    ),
                };
                let hrefs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
                let (c, why) =
                    hidden_evidence(&text, &hrefs, lex).filter(|(c, _)| *c >= spam_confidence())?;
                let (rule, what) = match n.kind {
                    NodeKind::Noscript => (Rule::SpamNoscript, "<noscript>"),
                    _ => (Rule::SpamMarquee, "<marquee>"),
                };
                Some((rule, c, format!("{what} {} {why}", quote(&text, 40))))
            }
            NodeKind::Iframe { src, why } => Some((
                Rule::SpamIframe,
                spam_confidence(),
                format!(
                    "an <iframe> shows a gambling site ({}): {why}",
                    quote(src, 60)
                ),
            )),
            NodeKind::Script => {
                let tag = source.get(n.src.start..n.inner.start).unwrap_or("");
                let code = source.get(n.inner.clone()).unwrap_or("");
                script_evidence(tag, code, lex)
                    .map(|why| (Rule::SpamScript, spam_confidence(), why))
            }
            NodeKind::Farm => {
                let links = n.links.len();
                let farm = n.gambling >= FARM_LINKS
                    && n.gambling * 10 >= links * 8
                    && n.other_chars <= FARM_TEXT_PER_LINK * n.gambling;
                farm.then(|| {
                    let hosts: Vec<&str> = rec
                        .links
                        .get(n.links.clone())
                        .unwrap_or_default()
                        .iter()
                        .filter(|l| l.gambling.is_some())
                        .filter_map(|l| host(&l.href))
                        .collect();
                    (
                        Rule::SpamLinkFarm,
                        spam_confidence(),
                        format!("{} links to gambling sites ({})", n.gambling, list(&hosts)),
                    )
                })
            }
            _ => None,
        }
    }

    fn unwrap_link(&self, source: &str, l: &LinkRecord, in_article: bool) -> PageFinding {
        let mut edits = vec![Edit {
            range: l.src.start..l.inner.start,
            replacement: String::new(),
        }];
        if l.inner.end < l.src.end {
            edits.push(Edit {
                range: l.inner.end..l.src.end,
                replacement: String::new(),
            });
        }
        let extracted = in_article
            .then(|| {
                let i = self.elements.partition_point(|e| e.src.start < l.src.start);
                self.elements[i..]
                    .iter()
                    .take_while(|e| e.src.start == l.src.start)
                    .find(|e| matches!(e.kind, super::ElementKind::Link { .. }))
                    .map(|e| e.ext.clone())
            })
            .flatten();
        let _ = source;
        PageFinding {
            rule: Rule::SpamWrappedLink,
            range: l.src.clone(),
            edits,
            confidence: wrapped(),
            message: format!(
                "{} is wrapped in a link to a gambling site ({}); the words stay, the link goes",
                quote(&self.page.text[l.text.clone()], 40),
                l.gambling.clone().unwrap_or_default()
            ),
            extracted,
        }
    }

    fn title(
        &self,
        source: &str,
        n: &PageNode,
        spammed: bool,
        options: &ScanOptions,
    ) -> Option<PageFinding> {
        let raw = source.get(n.inner.clone()).filter(|r| r.len() <= JUDGED)?;
        let text = decode_text(raw);
        let (clean, confidence) = clean_head(&text, head_sep, spammed, options)?;
        let edits = if text == raw {
            diff_edits(raw, &clean, n.inner.start)
        } else {
            through_references(raw, &text, &diff_edits(&text, &clean, 0), n.inner.start)
        };
        Some(PageFinding {
            rule: Rule::SpamHead,
            range: n.inner.clone(),
            edits,
            confidence,
            message: format!("the page title {} carries spam", quote(&text, 60)),
            extracted: None,
        })
    }

    /// A page that is mostly gambling spam: one finding, reported, never cleaned.
    fn doorway(
        &self,
        source: &str,
        article: &[Finding],
        page: &[PageFinding],
        lex: &Lexicon,
    ) -> Option<PageFinding> {
        let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let spam: Vec<&Finding> = article
            .iter()
            .filter(|f| f.kind == Kind::Spam && f.confidence >= DEFAULT_MIN_CONFIDENCE)
            .collect();
        // Keyword stuffing is judged word by word: a phrase is spam when the detectors cut
        // into it or it names gambling vocabulary or a brand.
        let mut cuts: Vec<Range<usize>> = spam.iter().map(|f| f.range.clone()).collect();
        cuts.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in cuts {
            match merged.last_mut() {
                Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let mut covered = 0;
        let mut real = 0;
        for w in pieces(&self.text, |c| !c.is_whitespace()) {
            let i = merged.partition_point(|m| m.end <= w.start);
            let cut = merged.get(i).is_some_and(|m| m.start < w.end);
            let word = &self.text[w];
            if cut || hidden_evidence(word, &[], lex).is_some() {
                covered += count(word);
            } else {
                real += count(word);
                if real >= DOORWAY_REAL {
                    // Enough real text: an article, not a doorway.
                    return None;
                }
            }
        }
        let article_chars = covered + real;
        let outside: usize = page
            .iter()
            .filter(|f| f.rule != Rule::SpamHead && f.extracted.is_none())
            .map(|f| {
                let r = f.range.clone();
                let inner = source.get(r).unwrap_or("");
                count(&markup_text(inner).0)
            })
            .sum();
        let total = count(&self.page.text).max(article_chars);
        let spam_chars = covered + outside;
        let gambling_links = self
            .page
            .links
            .iter()
            .filter(|l| l.gambling.is_some())
            .count();
        let mostly_spam = total > 0 && spam_chars as f64 >= DOORWAY_SHARE * total as f64;
        let evidence = spam.len() + gambling_links + page.len();
        if !(mostly_spam && real < DOORWAY_REAL && evidence >= 3 && spam_chars >= 20) {
            return None;
        }
        let title = self
            .page
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::Title)
            .and_then(|n| source.get(n.inner.clone()))
            .map(decode_text)
            .filter(|t| spam_text(t, lex).is_some() || !t.trim().is_empty());
        Some(PageFinding {
            rule: Rule::SpamPage,
            range: 0..source.len(),
            edits: Vec::new(),
            confidence: spam_confidence(),
            message: format!(
                "the page is a doorway: {}% of its text is gambling spam and {real} characters \
                 are left once it is out ({} links to gambling sites){}; delete the page rather \
                 than clean it",
                spam_chars * 100 / total.max(1),
                gambling_links,
                title.map_or(String::new(), |t| format!(", title {}", quote(&t, 40)))
            ),
            extracted: None,
        })
    }
}

/// The text and link targets of a piece of markup.
fn markup_text(markup: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut hrefs = Vec::new();
    let mut skip = 0usize;
    for token in Tokenizer::new(markup).flatten() {
        match token {
            Token::StartTag(t) => {
                if let Some(h) = t.attributes.get(b"href".as_slice()) {
                    hrefs.push(String::from_utf8_lossy(h).into_owned());
                }
                if matches!(t.name.as_slice(), b"script" | b"style") {
                    skip += 1;
                }
            }
            Token::EndTag(t) if matches!(t.name.as_slice(), b"script" | b"style") => {
                skip = skip.saturating_sub(1);
            }
            Token::String(s) if skip == 0 => {
                text.push_str(&String::from_utf8_lossy(&s));
                text.push(' ');
            }
            _ => {}
        }
    }
    (text, hrefs)
}

/// Text with character references resolved, as the tokenizer reads it.
fn decode_text(raw: &str) -> String {
    let mut out = Vec::new();
    for token in Tokenizer::new(raw).flatten() {
        if let Token::String(s) = token {
            out.extend_from_slice(&s);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn host(href: &str) -> Option<&str> {
    let h = href.trim();
    let rest = h.split_once("//")?.1;
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|h| !h.is_empty())
}

/// Up to three distinct hosts, then how many more.
fn list(hosts: &[&str]) -> String {
    let mut uniq: Vec<&str> = Vec::new();
    for h in hosts {
        if !uniq.contains(h) {
            uniq.push(h);
        }
    }
    let shown: Vec<&str> = uniq.iter().take(3).copied().collect();
    match uniq.len().saturating_sub(3) {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

/// A removal that ends at a tag or a line end takes the spaces before it, so that
/// `text <a>spam</a></p>` becomes `text</p>`.
fn with_space_before(source: &str, r: Range<usize>) -> Range<usize> {
    let after = source.get(r.end..).and_then(|s| s.chars().next());
    if !after.is_none_or(|c| c == '<' || c == '\n' || c == '\r') {
        return r;
    }
    let before = source.get(..r.start).unwrap_or("");
    let trimmed = before.trim_end_matches([' ', '\t']);
    // Not at the start of a line: that is whole_lines' case.
    if trimmed.ends_with('\n')
        || trimmed.is_empty()
        || trimmed.ends_with('>') && before.len() == trimmed.len()
    {
        return r;
    }
    trimmed.len()..r.end
}
