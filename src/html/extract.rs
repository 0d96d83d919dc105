//! The walk over html5gum tokens that builds the article text, its source map and the
//! element records. Iterative with an explicit stack of open elements, so no input can
//! exhaust the call stack; the stack is capped at [`MAX_DEPTH`].

use std::collections::HashMap;
use std::ops::Range;

use html5gum::{DefaultEmitter, Span, StartTag, Token, Tokenizer};

use super::align::{Piece, RefCache, align};
use super::findings::{gambling_link, hidden_evidence};
use super::page::{FrameRecord, LinkRecord, NodeKind, PageNode, PageRecord};
use super::source_map::{Segment, SourceMap};
use super::style::{HiddenReason, StyleSheet};
use super::{Element, ElementKind, HtmlArticle};
use crate::lexicon::Lexicon;

/// Open elements tracked at once. Deeper start tags are read as if absent (counted in
/// [`HtmlArticle::flattened`]), which keeps every stack search bounded.
pub const MAX_DEPTH: usize = 512;

/// Bytes of `<style>` text read from one page.
const MAX_CSS: usize = 1 << 20;

/// Visible characters allowed before an `<h1>` for it to be the title; past that the h1 is
/// more likely a section heading, and `<title>` is used.
const MAX_BEFORE_TITLE: usize = 200;

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Never part of the article text.
const SKIP: &[&str] = &[
    "aside", "audio", "button", "canvas", "datalist", "footer", "form", "head", "iframe", "map",
    "marquee", "math", "nav", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title", "video",
];

const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements an implicit close never reaches through.
const SCOPE: &[&str] = &[
    "applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// A letter or digit for counting text outside links; separators and bullets are not.
/// (Cheaper than `char::is_alphanumeric` on Thai, which counts the same.)
fn is_wordish(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !c.is_ascii()
            && !c.is_whitespace()
            && !matches!(c, '·' | '•' | '–' | '—' | '»' | '«' | '\u{a0}' | '©' | '|')
}

fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No article or main element: the whole body.
    Body,
    /// Only what is inside `<article>` or `<main>` (and the title).
    Main,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleSource {
    None,
    TitleTag,
    /// The `<h1>` whose start tag begins at this source offset.
    H1At(usize),
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    skip: bool,
    in_main: bool,
    hidden: bool,
    in_title: bool,
    /// Inside `<a href>`: its text is link text, not the text around links.
    in_link: bool,
    /// Inside script, style or another element whose text is no text of the page.
    raw: bool,
}

/// What is due before the next visible character.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pending {
    None,
    /// A collapsed whitespace run: its source and whether it is exactly one space.
    Space(Range<usize>, bool),
    /// `<br>`s: one or two line breaks, at the first one's source offset.
    Line(u8, usize),
    /// A paragraph break at a tag's source offset.
    Para(usize),
}

#[derive(Debug, Clone)]
struct Checkpoint {
    out: usize,
    map: (usize, Option<Segment>),
    elements: usize,
    pending: Pending,
}

#[derive(Debug)]
struct Open {
    name: String,
    src_start: usize,
    ext_start: usize,
    ctx: Ctx,
    block: bool,
    href: Option<String>,
    /// The `src` of an `<iframe>`.
    frame: Option<String>,
    hidden: Option<(HiddenReason, Checkpoint)>,
    title: bool,
    /// Why it hides its content, when no ancestor already does.
    hides: Option<HiddenReason>,
    /// Where its start tag ends.
    tag_end: usize,
    /// Page record counters when it opened.
    page_at: PageCounters,
}

#[derive(Debug, Clone, Copy, Default)]
struct PageCounters {
    text: usize,
    links: usize,
    gambling: usize,
    other_chars: usize,
}

/// What the first pass learns to choose the mode and the title.
#[derive(Debug, Default)]
struct Probe {
    body_chars: usize,
    main_chars: usize,
    /// (source offset, main chars before it)
    first_main_h1: Option<(usize, usize)>,
    /// (source offset, body chars before, main chars before)
    first_h1: Option<(usize, usize, usize)>,
    /// (body chars before, main chars before)
    title_tag: Option<(usize, usize)>,
}

struct Walker<'a> {
    source: &'a str,
    lexicon: &'a Lexicon,
    probe_only: bool,
    mode: Mode,
    title_src: TitleSource,
    title_seen: bool,
    title_done: bool,
    stack: Vec<Open>,
    open_count: HashMap<String, usize>,
    flat_open: HashMap<String, usize>,
    flattened: usize,
    out: String,
    map: SourceMap,
    elements: Vec<Element>,
    pending: Pending,
    cache: RefCache,
    probe: Probe,
    sheet: StyleSheet,
    css: String,
    page: PageRecord,
    counters: PageCounters,
}

pub(super) fn run(source: &str, lexicon: &Lexicon) -> HtmlArticle {
    let mut first = Walker::new(source, lexicon, true, Mode::Body, TitleSource::None);
    first.walk();
    let p = first.probe;
    let sheet = first.sheet;
    let mode = if p.main_chars > 0 {
        Mode::Main
    } else {
        Mode::Body
    };
    let h1 = match mode {
        Mode::Main => p
            .first_main_h1
            .or(p.first_h1.map(|(at, _, main)| (at, main))),
        Mode::Body => p.first_h1.map(|(at, body, _)| (at, body)),
    };
    let title_before = p.title_tag.map(|(body, main)| match mode {
        Mode::Main => main,
        Mode::Body => body,
    });
    let title = match (h1, title_before) {
        (Some((at, before)), _) if before <= MAX_BEFORE_TITLE => TitleSource::H1At(at),
        // A <title> after visible text would put the text out of source order.
        (_, Some(0)) => TitleSource::TitleTag,
        _ => TitleSource::None,
    };
    let mut w = Walker::new(source, lexicon, false, mode, title);
    w.sheet = sheet;
    w.walk();
    let mut elements = w.elements;
    elements.sort_by(|a, b| {
        (a.src.start, std::cmp::Reverse(a.src.end))
            .cmp(&(b.src.start, std::cmp::Reverse(b.src.end)))
    });
    HtmlArticle {
        text: w.out,
        map: w.map,
        elements,
        flattened: w.flattened,
        source_len: source.len(),
        page: w.page,
    }
}

impl<'a> Walker<'a> {
    fn new(
        source: &'a str,
        lexicon: &'a Lexicon,
        probe_only: bool,
        mode: Mode,
        title_src: TitleSource,
    ) -> Self {
        Walker {
            source,
            lexicon,
            probe_only,
            mode,
            title_src,
            title_seen: false,
            title_done: title_src == TitleSource::None,
            stack: Vec::new(),
            open_count: HashMap::new(),
            flat_open: HashMap::new(),
            flattened: 0,
            out: String::new(),
            map: SourceMap::default(),
            elements: Vec::new(),
            pending: Pending::None,
            cache: RefCache::default(),
            probe: Probe::default(),
            sheet: StyleSheet::default(),
            css: String::new(),
            page: PageRecord::default(),
            counters: PageCounters::default(),
        }
    }

    fn walk(&mut self) {
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(self.source, emitter).flatten() {
            match token {
                Token::StartTag(t) => self.start_tag(&t),
                Token::EndTag(t) => {
                    let name = String::from_utf8_lossy(&t.name).into_owned();
                    let span = self.clamp(t.span);
                    self.end_tag(&name, span);
                }
                Token::String(s) => {
                    let span = self.clamp(s.span);
                    self.text(&s.value, span);
                }
                _ => {}
            }
        }
        let end = self.source.len();
        self.pop_to(0, end, None);
    }

    /// A token span as a valid range of the source, whatever the tokenizer reported.
    fn clamp(&self, span: Span<usize>) -> Range<usize> {
        let s = self.source;
        let start = s.floor_char_boundary(span.start.min(s.len()));
        let end = s.floor_char_boundary(span.end.min(s.len())).max(start);
        start..end
    }

    fn ctx(&self) -> Ctx {
        self.stack.last().map_or(Ctx::default(), |o| o.ctx)
    }

    fn accepts(&self, ctx: &Ctx) -> bool {
        !ctx.skip && (ctx.in_title || self.title_done && (self.mode == Mode::Body || ctx.in_main))
    }

    fn start_tag(&mut self, t: &StartTag<usize>) {
        let name = String::from_utf8_lossy(&t.name).into_owned();
        let span = self.clamp(t.span);
        let pos = span.start;
        self.implicit_close(&name, pos);
        let parent = self.ctx();
        if name == "br" {
            self.line_break(pos, &parent);
            return;
        }
        let block = BLOCK.contains(&name.as_str());
        if block {
            self.para_break(pos);
        }
        let attr = |k: &str| {
            t.attributes
                .get(k.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        if name == "meta" && !self.probe_only {
            self.meta(t, span.clone());
        }
        if VOID.contains(&name.as_str()) || t.self_closing && (name == "svg" || name == "math") {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.flattened += 1;
            *self.flat_open.entry(name).or_default() += 1;
            return;
        }
        let reason = if t.attributes.contains_key("hidden".as_bytes()) {
            Some(HiddenReason::HiddenAttribute)
        } else {
            self.sheet.hidden(
                &name,
                attr("id").as_deref(),
                attr("class").as_deref(),
                attr("style").as_deref(),
            )
        };
        let mut ctx = parent;
        let hides = reason.filter(|_| !parent.hidden);
        if matches!(
            name.as_str(),
            "script" | "style" | "template" | "textarea" | "select" | "head" | "noscript"
        ) {
            ctx.raw = true;
        }
        if SKIP.contains(&name.as_str()) || name == "header" && !parent.in_main {
            ctx.skip = true;
        }
        if name == "article" || name == "main" {
            ctx.in_main = true;
        }
        if self.probe_only {
            self.probe_tag(&name, pos, &parent, reason.is_some());
        }
        let title = match self.title_src {
            TitleSource::TitleTag => {
                name == "title" && !std::mem::replace(&mut self.title_seen, true)
            }
            TitleSource::H1At(at) => name == "h1" && pos == at,
            TitleSource::None => false,
        };
        if title {
            ctx.skip = false;
            ctx.in_title = true;
        }
        let href = if name == "a" { attr("href") } else { None };
        let frame = if name == "iframe" { attr("src") } else { None };
        if href.is_some() {
            ctx.in_link = true;
        }
        let mut hidden = None;
        if let Some(reason) = reason
            && !ctx.hidden
            && !ctx.in_title
        {
            ctx.hidden = true;
            if !self.probe_only && self.accepts(&ctx) {
                hidden = Some((reason, self.checkpoint()));
                // Hidden text stands as its own paragraph so it can be shown and removed.
                self.para_break(pos);
            }
        }
        *self.open_count.entry(name.clone()).or_default() += 1;
        self.stack.push(Open {
            name,
            src_start: pos,
            ext_start: self.out.len(),
            ctx,
            block,
            href,
            frame,
            hidden,
            title,
            hides,
            tag_end: span.end,
            page_at: self.counters,
        });
    }

    fn probe_tag(&mut self, name: &str, pos: usize, parent: &Ctx, hidden: bool) {
        let p = &mut self.probe;
        if name == "h1" && !parent.skip && !parent.hidden && !hidden {
            if p.first_h1.is_none() {
                p.first_h1 = Some((pos, p.body_chars, p.main_chars));
            }
            if parent.in_main && p.first_main_h1.is_none() {
                p.first_main_h1 = Some((pos, p.main_chars));
            }
        }
        if name == "title" && p.title_tag.is_none() {
            p.title_tag = Some((p.body_chars, p.main_chars));
        }
    }

    fn end_tag(&mut self, name: &str, span: Range<usize>) {
        if name == "br" {
            let ctx = self.ctx();
            self.line_break(span.start, &ctx);
            return;
        }
        // Elements past the depth cap pair with their own end tags, not with tracked ones.
        if let Some(n) = self.flat_open.get_mut(name)
            && *n > 0
        {
            *n -= 1;
            return;
        }
        if self.open_count.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        if let Some(i) = self.stack.iter().rposition(|o| o.name == name) {
            self.pop_to(i, span.start, Some(span.end));
        }
    }

    fn implicit_close(&mut self, name: &str, pos: usize) {
        if CLOSES_P.contains(&name)
            && let Some(i) = self.find_open(&["p"], &[])
        {
            self.pop_to(i, pos, None);
        }
        let target = match name {
            "li" => self.find_open(&["li"], &["ul", "ol"]),
            "dd" | "dt" => self.find_open(&["dd", "dt"], &["dl"]),
            "tr" => self.find_open(&["tr"], &["thead", "tbody", "tfoot"]),
            "td" | "th" => self.find_open(&["td", "th"], &["tr"]),
            "thead" | "tbody" | "tfoot" => self.find_open(&["thead", "tbody", "tfoot"], &[]),
            "a" => self.find_open(&["a"], &[]),
            _ if HEADINGS.contains(&name) => self
                .stack
                .last()
                .filter(|o| HEADINGS.contains(&o.name.as_str()))
                .map(|_| self.stack.len() - 1),
            _ => None,
        };
        if let Some(i) = target {
            self.pop_to(i, pos, None);
        }
    }

    /// The innermost open element named one of `names`, unless a scope boundary or one of
    /// `stops` comes first.
    fn find_open(&self, names: &[&str], stops: &[&str]) -> Option<usize> {
        if !names
            .iter()
            .any(|n| self.open_count.get(*n).is_some_and(|&c| c > 0))
        {
            return None;
        }
        for (i, o) in self.stack.iter().enumerate().rev() {
            let n = o.name.as_str();
            if names.contains(&n) {
                return Some(i);
            }
            if stops.contains(&n) || SCOPE.contains(&n) {
                return None;
            }
        }
        None
    }

    /// Close the elements from the top of the stack down to index `i`. The one at `i` ends at
    /// `end` if its end tag was seen; the others were closed implicitly at `at`.
    fn pop_to(&mut self, i: usize, at: usize, end: Option<usize>) {
        while self.stack.len() > i {
            let Some(open) = self.stack.pop() else {
                break;
            };
            if let Some(n) = self.open_count.get_mut(&open.name) {
                *n = n.saturating_sub(1);
            }
            let src_end = if self.stack.len() == i {
                end.unwrap_or(at)
            } else {
                at
            };
            self.close(open, src_end, at);
        }
    }

    fn close(&mut self, open: Open, src_end: usize, at: usize) {
        if self.probe_only {
            if open.name == "style" {
                let css = std::mem::take(&mut self.css);
                self.sheet.add(&css);
            }
            return;
        }
        self.record(&open, src_end, at);
        if let Some((_, cp)) = &open.hidden {
            let text = &self.out[open.ext_start.min(self.out.len())..];
            let mut hrefs: Vec<&str> = self.elements[cp.elements.min(self.elements.len())..]
                .iter()
                .filter_map(|e| match &e.kind {
                    ElementKind::Link { href } => Some(href.as_str()),
                    _ => None,
                })
                .collect();
            hrefs.extend(open.href.as_deref());
            // Harmless hidden text (labels, widgets) stays out of the article.
            if hidden_evidence(text, &hrefs, self.lexicon).is_none() {
                let cp = cp.clone();
                self.rollback(cp);
                return;
            }
        }
        let ext = self.content_start(open.ext_start)..self.out.len();
        if !ext.is_empty() {
            let src = open.src_start..src_end.max(open.src_start);
            let mut push = |kind: ElementKind| {
                self.elements.push(Element {
                    name: open.name.clone(),
                    src: src.clone(),
                    ext: ext.clone(),
                    kind,
                });
            };
            if let Some((reason, _)) = &open.hidden {
                push(ElementKind::Hidden { reason: *reason });
            }
            if let Some(href) = &open.href {
                push(ElementKind::Link { href: href.clone() });
            }
            if open.block && open.hidden.is_none() && open.name != "html" && open.name != "body" {
                push(ElementKind::Block);
            }
        }
        if open.title {
            self.title_done = true;
        }
        if open.block || open.hidden.is_some() || open.title {
            self.para_break(at);
        }
    }

    /// The first byte of real text at or after `pos`: separators and a leading space
    /// emitted before an element's first character belong to what came before it.
    fn content_start(&self, pos: usize) -> usize {
        let mut p = pos.min(self.out.len());
        while let Some(i) = self.map.index_at(p) {
            let s = &self.map.segments()[i];
            if p < s.ext.end && s.is_synthetic() {
                p = s.ext.end;
            } else {
                break;
            }
        }
        let b = self.out.as_bytes();
        while b.get(p).is_some_and(|&c| c == b' ' || c == b'\n') {
            p += 1;
        }
        p
    }

    /// A `<meta>` whose content search engines show: description, keywords, Open Graph.
    fn meta(&mut self, t: &StartTag<usize>, span: Range<usize>) {
        let attr = |k: &str| {
            t.attributes
                .get(k.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        let label = attr("name")
            .or_else(|| attr("property"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let shown = matches!(label.as_str(), "description" | "keywords")
            || label.starts_with("og:")
            || label.starts_with("twitter:");
        let (Some(content), Some(value)) =
            (attr("content"), t.attributes.get(b"content".as_slice()))
        else {
            return;
        };
        if !shown {
            return;
        }
        let attr_span = self.clamp(value.span);
        self.page.nodes.push(PageNode {
            kind: NodeKind::Meta {
                label,
                content,
                attr: attr_span,
            },
            src: span.clone(),
            inner: span.end..span.end,
            text: 0..0,
            links: 0..0,
            gambling: 0,
            other_chars: 0,
        });
    }

    /// What the page-level scan needs to know about an element that just closed.
    fn record(&mut self, open: &Open, src_end: usize, at: usize) {
        let c = self.counters;
        let at0 = open.page_at;
        let src = open.src_start..src_end.max(open.src_start);
        let inner = open.tag_end.min(at).max(open.src_start)..at.max(open.tag_end.min(at));
        let text = at0.text..c.text;
        if let Some(href) = &open.href {
            let gambling = gambling_link(href, self.lexicon);
            if gambling.is_some() {
                self.counters.gambling += 1;
            }
            self.page.links.push(LinkRecord {
                href: href.clone(),
                src: src.clone(),
                inner: inner.clone(),
                text: text.clone(),
                gambling,
            });
            self.counters.links = self.page.links.len();
            return;
        }
        if open.name == "script" {
            let tag = self.source.get(src.start..inner.start).unwrap_or("");
            let code = self.source.get(inner.clone()).unwrap_or("");
            let urls = super::script::gambling_urls(tag, code, self.lexicon);
            self.page.script_urls.extend(urls);
        }
        let frame = open
            .frame
            .as_ref()
            .and_then(|f| Some((f, gambling_link(f, self.lexicon)?)));
        if let Some((frame, _)) = &frame {
            self.page.frames.push(FrameRecord {
                src: frame.to_string(),
                range: src.clone(),
            });
        }
        let kind = if let Some((src, why)) = frame {
            // A frame onto a gambling site goes whether or not it is hidden.
            Some(NodeKind::Iframe {
                src: src.clone(),
                why,
            })
        } else if let Some(reason) = open.hides {
            Some(NodeKind::Hidden(reason))
        } else {
            match open.name.as_str() {
                "noscript" => Some(NodeKind::Noscript),
                "marquee" => Some(NodeKind::Marquee),
                "script" => Some(NodeKind::Script),
                "title" => Some(NodeKind::Title),
                "html" | "body" | "head" => None,
                _ if c.gambling - at0.gambling >= 3 => Some(NodeKind::Farm),
                _ => None,
            }
        };
        if let Some(kind) = kind {
            self.page.nodes.push(PageNode {
                kind,
                src,
                inner,
                text,
                links: at0.links..c.links,
                gambling: c.gambling - at0.gambling,
                other_chars: c.other_chars - at0.other_chars,
            });
        }
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            out: self.out.len(),
            map: self.map.checkpoint(),
            elements: self.elements.len(),
            pending: self.pending.clone(),
        }
    }

    fn rollback(&mut self, cp: Checkpoint) {
        self.out.truncate(cp.out);
        self.map.rollback(cp.map);
        self.elements.truncate(cp.elements);
        self.pending = cp.pending;
    }

    fn para_break(&mut self, pos: usize) {
        if !matches!(self.pending, Pending::Para(_)) {
            self.pending = Pending::Para(pos);
        }
    }

    fn line_break(&mut self, pos: usize, ctx: &Ctx) {
        if !self.accepts(ctx) {
            return;
        }
        self.pending = match self.pending {
            Pending::Para(p) => Pending::Para(p),
            Pending::Line(n, p) => Pending::Line((n + 1).min(2), p),
            _ => Pending::Line(1, pos),
        };
    }

    fn text(&mut self, value: &[u8], span: Range<usize>) {
        let ctx = self.ctx();
        if self.probe_only
            && self.stack.last().is_some_and(|o| o.name == "style")
            && self.css.len() < MAX_CSS
        {
            self.css.push_str(&String::from_utf8_lossy(value));
        }
        if !self.probe_only && !ctx.raw {
            let dec = String::from_utf8_lossy(value);
            self.page.text.push_str(&dec);
            self.counters.text = self.page.text.len();
            if !ctx.in_link {
                self.counters.other_chars += dec.chars().filter(|&c| is_wordish(c)).count();
            }
        }
        if !self.accepts(&ctx) {
            return;
        }
        let dec = String::from_utf8_lossy(value);
        if self.probe_only {
            if !ctx.hidden {
                let n = dec.chars().filter(|c| !c.is_ascii_whitespace()).count();
                self.probe.body_chars += n;
                if ctx.in_main {
                    self.probe.main_chars += n;
                }
            }
            return;
        }
        let raw = &self.source[span.clone()];
        let pieces = align(&dec, raw, &mut self.cache);
        let bytes = dec.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            let ws = is_ascii_ws(bytes[k]);
            let mut e = k;
            while e < bytes.len() && is_ascii_ws(bytes[e]) == ws {
                e += 1;
            }
            if ws {
                if self.pending == Pending::None && !self.out.is_empty() {
                    let src = raw_range(&pieces, k..e, span.start);
                    let single = self.source.get(src.clone()) == Some(" ");
                    self.pending = Pending::Space(src, single);
                }
            } else {
                self.flush_pending();
                self.emit(&dec, k..e, &pieces, span.start);
            }
            k = e;
        }
    }

    fn flush_pending(&mut self) {
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        if self.out.is_empty() {
            return;
        }
        match pending {
            Pending::None => {}
            Pending::Space(src, single) => {
                self.out.push(' ');
                self.map.push(1, src, single);
            }
            Pending::Line(n, pos) => {
                let n = usize::from(n);
                self.out.push_str(&"\n".repeat(n));
                self.map.push(n, pos..pos, false);
            }
            Pending::Para(pos) => {
                self.out.push_str("\n\n");
                self.map.push(2, pos..pos, false);
            }
        }
    }

    fn emit(&mut self, dec: &str, r: Range<usize>, pieces: &[Piece], base: usize) {
        let first = pieces.partition_point(|p| p.dec.end <= r.start);
        for p in pieces[first..].iter().take_while(|p| p.dec.start < r.end) {
            let x = r.start.max(p.dec.start);
            let y = r.end.min(p.dec.end);
            let Some(s) = dec.get(x..y) else {
                continue;
            };
            self.out.push_str(s);
            if p.verbatim {
                let at = base + p.raw.start + (x - p.dec.start);
                self.map.push(y - x, at..at + (y - x), true);
            } else {
                self.map
                    .push(y - x, base + p.raw.start..base + p.raw.end, false);
            }
        }
    }
}

/// The raw source range of decoded bytes `r`, atomic pieces taken whole.
fn raw_range(pieces: &[Piece], r: Range<usize>, base: usize) -> Range<usize> {
    let at = |pos: usize| pieces.partition_point(|p| p.dec.end <= pos);
    let (Some(a), Some(b)) = (
        pieces.get(at(r.start)),
        pieces.get(at(r.end.saturating_sub(1))),
    ) else {
        return base..base;
    };
    let start = if a.verbatim {
        a.raw.start + (r.start - a.dec.start)
    } else {
        a.raw.start
    };
    let end = if b.verbatim {
        b.raw.start + (r.end - b.dec.start)
    } else {
        b.raw.end
    };
    base + start..base + end.max(start)
}
