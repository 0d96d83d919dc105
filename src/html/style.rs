//! Styles that hide an element from readers but not from crawlers: inline `style`
//! attributes, the page's own `<style>` rules for tag, class and id selectors, and the
//! utility classes of common CSS frameworks. CSS is read with `cssparser`; what a browser
//! would do with external stylesheets is out of reach.

use std::collections::HashMap;
use std::fmt;

use cssparser::{
    AtRuleParser, CowRcStr, DeclarationParser, ParseError, Parser, ParserState,
    QualifiedRuleParser, RuleBodyItemParser, RuleBodyParser, StyleSheetParser, ToCss, Token,
    parse_important,
};

/// Why an element is invisible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HiddenReason {
    DisplayNone,
    VisibilityHidden,
    ZeroFontSize,
    ZeroOpacity,
    OffScreen,
    ZeroSize,
    HiddenAttribute,
    /// A framework class such as `d-none` or `sr-only`, whose stylesheet is external.
    UtilityClass,
}

impl fmt::Display for HiddenReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HiddenReason::DisplayNone => "display:none",
            HiddenReason::VisibilityHidden => "visibility:hidden",
            HiddenReason::ZeroFontSize => "font-size:0",
            HiddenReason::ZeroOpacity => "opacity:0",
            HiddenReason::OffScreen => "positioned off-screen",
            HiddenReason::ZeroSize => "zero size with overflow hidden",
            HiddenReason::HiddenAttribute => "the hidden attribute",
            HiddenReason::UtilityClass => "a hiding utility class",
        })
    }
}

/// Classes that frameworks (Bootstrap, Tailwind, Bulma, Foundation, WordPress themes) define
/// to hide an element on every screen.
const UTILITY_CLASSES: &[&str] = &[
    "d-none",
    "hidden",
    "hide",
    "invisible",
    "is-hidden",
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "show-for-sr",
    "element-invisible",
];

/// Rules of a stylesheet kept at most; later ones are ignored.
const MAX_RULES: usize = 20_000;
/// Rules with more than one simple selector (`div.x`, `.a.b`) kept at most: each is matched
/// against every element.
const MAX_COMPOUND: usize = 64;
/// Classes of one element looked at.
const MAX_CLASSES: usize = 32;

/// The properties that can hide an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prop {
    Display,
    Visibility,
    FontSize,
    Opacity,
    TextIndent,
    Position,
    Left,
    Top,
    MarginLeft,
    MarginTop,
    Height,
    MaxHeight,
    Width,
    MaxWidth,
    Overflow,
    Clip,
}

const PROPS: usize = 16;

impl Prop {
    fn from_name(name: &str) -> Option<Prop> {
        Some(match name.to_ascii_lowercase().as_str() {
            "display" => Prop::Display,
            "visibility" => Prop::Visibility,
            "font-size" => Prop::FontSize,
            "opacity" => Prop::Opacity,
            "text-indent" => Prop::TextIndent,
            "position" => Prop::Position,
            "left" | "right" => Prop::Left,
            "top" => Prop::Top,
            "margin-left" => Prop::MarginLeft,
            "margin-top" => Prop::MarginTop,
            "height" => Prop::Height,
            "max-height" => Prop::MaxHeight,
            "width" => Prop::Width,
            "max-width" => Prop::MaxWidth,
            "overflow" => Prop::Overflow,
            "clip" => Prop::Clip,
            _ => return None,
        })
    }
}

/// One declaration: a property and its value, lower-cased without spaces (`-9999px`).
#[derive(Debug, Clone, PartialEq)]
struct Decl {
    prop: Prop,
    value: String,
    important: bool,
}

/// Cascade order of a declaration: `!important`, then inline, then specificity, then
/// source order.
type Rank = (bool, bool, (u16, u16, u16), u32);

/// The winning value of each property.
#[derive(Debug, Clone, Default)]
struct Props([Option<(Rank, String)>; PROPS]);

impl Props {
    fn set(&mut self, d: &Decl, inline: bool, spec: (u16, u16, u16), order: u32) {
        let rank = (d.important, inline, spec, order);
        let slot = &mut self.0[d.prop as usize];
        if slot.as_ref().is_none_or(|(r, _)| *r <= rank) {
            *slot = Some((rank, d.value.clone()));
        }
    }

    fn merge(&mut self, other: &Props) {
        for (slot, o) in self.0.iter_mut().zip(&other.0) {
            if let Some((rank, v)) = o
                && slot.as_ref().is_none_or(|(r, _)| r <= rank)
            {
                *slot = Some((*rank, v.clone()));
            }
        }
    }

    fn get(&self, p: Prop) -> &str {
        self.0[p as usize].as_ref().map_or("", |(_, v)| v.as_str())
    }

    /// What a browser would make of these values.
    fn hidden(&self) -> Option<HiddenReason> {
        let zero = |p: Prop| length(self.get(p)).is_some_and(|(n, _)| n == 0.0);
        let tiny = |p: Prop| length(self.get(p)).is_some_and(|(n, u)| n <= 1.0 && u != "%");
        if self.get(Prop::Display) == "none" {
            return Some(HiddenReason::DisplayNone);
        }
        if matches!(self.get(Prop::Visibility), "hidden" | "collapse") {
            return Some(HiddenReason::VisibilityHidden);
        }
        if zero(Prop::FontSize) {
            return Some(HiddenReason::ZeroFontSize);
        }
        if zero(Prop::Opacity) {
            return Some(HiddenReason::ZeroOpacity);
        }
        if off_screen(self.get(Prop::TextIndent)) {
            return Some(HiddenReason::OffScreen);
        }
        let positioned = matches!(self.get(Prop::Position), "absolute" | "fixed");
        let far = [Prop::Left, Prop::Top, Prop::MarginLeft, Prop::MarginTop]
            .iter()
            .any(|&p| off_screen(self.get(p)));
        if positioned && far {
            return Some(HiddenReason::OffScreen);
        }
        let clipped = self.get(Prop::Overflow) == "hidden";
        let no_room = [Prop::Height, Prop::MaxHeight, Prop::Width, Prop::MaxWidth]
            .iter()
            .any(|&p| zero(p));
        let clip = self.get(Prop::Clip);
        let clipped_away = positioned
            && (clip.starts_with("rect(0") || clip == "rect(1px,1px,1px,1px)")
            && tiny(Prop::Width)
            && tiny(Prop::Height);
        if clipped && no_room || clipped_away {
            return Some(HiddenReason::ZeroSize);
        }
        None
    }
}

/// A CSS number and its unit, e.g. `-9999px` -> (-9999, "px").
fn length(v: &str) -> Option<(f64, &str)> {
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(v.len());
    let n: f64 = v[..split].parse().ok()?;
    Some((n, &v[split..]))
}

/// Far enough left or up that no screen shows it.
fn off_screen(v: &str) -> bool {
    match length(v) {
        Some((n, "em" | "rem")) => n <= -50.0,
        Some((n, "%")) => n <= -100.0,
        Some((n, _)) => n <= -999.0,
        None => false,
    }
}

/// Reads declarations, keeping only the properties that can hide.
struct Declarations;

impl<'i> DeclarationParser<'i> for Declarations {
    type Declaration = Option<Decl>;
    type Error = ();

    fn parse_value(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i>,
        _start: &ParserState,
    ) -> Result<Option<Decl>, ParseError<()>> {
        let Some(prop) = Prop::from_name(&name) else {
            while input.next().is_ok() {}
            return Ok(None);
        };
        let mut value = String::new();
        let mut important = false;
        loop {
            if input.try_parse(parse_important).is_ok() {
                important = true;
                continue;
            }
            let Ok(token) = input.next() else { break };
            let token = token.clone();
            match token {
                Token::Function(_) => {
                    value.push_str(&token.to_css_string());
                    let inner: Result<String, ParseError<()>> = input.parse_nested_block(|p| {
                        let mut s = String::new();
                        while let Ok(t) = p.next() {
                            s.push_str(&t.to_css_string());
                        }
                        Ok(s)
                    });
                    value.push_str(&inner.unwrap_or_default());
                    value.push(')');
                }
                t => value.push_str(&t.to_css_string()),
            }
        }
        Ok(Some(Decl {
            prop,
            value: value.to_ascii_lowercase(),
            important,
        }))
    }
}

impl<'i> AtRuleParser<'i> for Declarations {
    type Prelude = ();
    type AtRule = Option<Decl>;
    type Error = ();
}

impl<'i> QualifiedRuleParser<'i> for Declarations {
    type Prelude = ();
    type QualifiedRule = Option<Decl>;
    type Error = ();
}

impl<'i> RuleBodyItemParser<'i, Option<Decl>, ()> for Declarations {
    fn parse_declarations(&self) -> bool {
        true
    }
    fn parse_qualified(&self) -> bool {
        false
    }
}

fn declarations(css: &str) -> Vec<Decl> {
    let mut parser = Parser::new(css);
    let mut decls = Declarations;
    RuleBodyParser::new(&mut parser, &mut decls)
        .filter_map(|r| r.ok().flatten())
        .collect()
}

/// Why an element with this `style` attribute is invisible, if it is.
pub fn hidden_by_style(style: &str) -> Option<HiddenReason> {
    let mut props = Props::default();
    for (i, d) in declarations(style).iter().enumerate() {
        props.set(d, true, (0, 0, 0), i as u32);
    }
    props.hidden()
}

/// One simple compound selector: `div`, `.x`, `#y`, `p.x.y`, `*`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
}

impl Compound {
    fn specificity(&self) -> (u16, u16, u16) {
        (
            u16::from(self.id.is_some()),
            self.classes.len().min(u16::MAX as usize) as u16,
            u16::from(self.tag.is_some()),
        )
    }

    fn parts(&self) -> usize {
        usize::from(self.tag.is_some()) + usize::from(self.id.is_some()) + self.classes.len()
    }

    fn matches(&self, tag: &str, id: Option<&str>, classes: &[&str]) -> bool {
        self.tag.as_deref().is_none_or(|t| t == tag)
            && self.id.as_deref().is_none_or(|i| Some(i) == id)
            && self.classes.iter().all(|c| classes.contains(&c.as_str()))
    }
}

/// The selectors of one rule that can be evaluated; `None` for a list that has none.
fn selectors(input: &mut Parser<'_>) -> Vec<Compound> {
    let mut out = Vec::new();
    let mut cur = Compound::default();
    // Whether the current selector is still a single compound we can evaluate.
    let mut ok = true;
    let mut any = false;
    let mut after_space = false;
    while let Ok(token) = input.next_including_whitespace() {
        match token.clone() {
            Token::Comma => {
                if ok && any {
                    out.push(std::mem::take(&mut cur));
                }
                (cur, ok, any, after_space) = (Compound::default(), true, false, false);
                continue;
            }
            Token::WhiteSpace(_) => {
                after_space = any;
                continue;
            }
            _ if after_space => ok = false,
            Token::Ident(name) if !any => cur.tag = Some(name.to_ascii_lowercase()),
            Token::Delim('*') if !any => {}
            Token::IDHash(id) => cur.id = Some(id.to_string()),
            Token::Delim('.') => match input.next_including_whitespace() {
                Ok(Token::Ident(c)) => cur.classes.push(c.to_string()),
                _ => ok = false,
            },
            _ => ok = false,
        }
        any = true;
    }
    if ok && any {
        out.push(cur);
    }
    out
}

struct Rules;

impl<'i> QualifiedRuleParser<'i> for Rules {
    type Prelude = Vec<Compound>;
    type QualifiedRule = (Vec<Compound>, Vec<Decl>);
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Result<Vec<Compound>, ParseError<()>> {
        Ok(selectors(input))
    }

    fn parse_block(
        &mut self,
        prelude: Vec<Compound>,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<(Vec<Compound>, Vec<Decl>), ParseError<()>> {
        if prelude.is_empty() {
            while input.next().is_ok() {}
            return Ok((prelude, Vec::new()));
        }
        let mut decls = Declarations;
        let body: Vec<Decl> = RuleBodyParser::new(input, &mut decls)
            .filter_map(|r| r.ok().flatten())
            .collect();
        Ok((prelude, body))
    }
}

impl<'i> AtRuleParser<'i> for Rules {
    type Prelude = ();
    type AtRule = (Vec<Compound>, Vec<Decl>);
    type Error = ();
}

/// Where a single-part selector is filed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Any,
    Tag(String),
    Id(String),
    Class(String),
}

/// The page's own style rules that can hide an element.
#[derive(Debug, Clone, Default)]
pub struct StyleSheet {
    /// Single-part selectors, their declarations already merged in cascade order.
    simple: HashMap<Key, Props>,
    compound: Vec<(Compound, Props)>,
    order: u32,
    rules: usize,
}

impl StyleSheet {
    /// Add the rules of one `<style>` block. Rules inside at-rules (`@media`, `@supports`)
    /// depend on the screen and are left out; so are selectors with combinators,
    /// pseudo-classes or attributes.
    pub fn add(&mut self, css: &str) {
        let mut parser = Parser::new(css);
        let mut rules = Rules;
        for rule in StyleSheetParser::new(&mut parser, &mut rules) {
            if self.rules >= MAX_RULES {
                break;
            }
            self.rules += 1;
            let Ok((selectors, decls)) = rule else {
                continue;
            };
            if decls.is_empty() {
                continue;
            }
            for sel in selectors {
                self.order += 1;
                let spec = sel.specificity();
                let mut props = Props::default();
                for d in &decls {
                    props.set(d, false, spec, self.order);
                }
                let key = match (&sel.tag, &sel.id, sel.classes.as_slice()) {
                    _ if sel.parts() > 1 => None,
                    (Some(t), None, []) => Some(Key::Tag(t.clone())),
                    (None, Some(i), []) => Some(Key::Id(i.clone())),
                    (None, None, [c]) => Some(Key::Class(c.clone())),
                    _ => Some(Key::Any),
                };
                match key {
                    Some(k) => self.simple.entry(k).or_default().merge(&props),
                    None if self.compound.len() < MAX_COMPOUND => self.compound.push((sel, props)),
                    None => {}
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.simple.is_empty() && self.compound.is_empty()
    }

    /// Why an element is invisible, from its tag, `id`, `class` and `style` attributes.
    pub fn hidden(
        &self,
        tag: &str,
        id: Option<&str>,
        class: Option<&str>,
        style: Option<&str>,
    ) -> Option<HiddenReason> {
        if self.is_empty() && style.is_none() && class.is_none() {
            return None;
        }
        let classes: Vec<&str> = class
            .map(|c| c.split_ascii_whitespace().take(MAX_CLASSES).collect())
            .unwrap_or_default();
        let mut props = Props::default();
        if !self.is_empty() {
            let mut keys = vec![Key::Any, Key::Tag(tag.to_owned())];
            keys.extend(id.map(|i| Key::Id(i.to_owned())));
            keys.extend(classes.iter().map(|c| Key::Class((*c).to_owned())));
            for k in &keys {
                if let Some(p) = self.simple.get(k) {
                    props.merge(p);
                }
            }
            for (sel, p) in &self.compound {
                if sel.matches(tag, id, &classes) {
                    props.merge(p);
                }
            }
        }
        if let Some(style) = style {
            for (i, d) in declarations(style).iter().enumerate() {
                props.set(d, true, (0, 0, 0), i as u32);
            }
        }
        props.hidden().or_else(|| {
            classes
                .iter()
                .any(|c| UTILITY_CLASSES.contains(c))
                .then_some(HiddenReason::UtilityClass)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_styles_are_recognised_whatever_the_spacing_and_case() {
        let hidden = [
            ("display:none", HiddenReason::DisplayNone),
            (
                "color:red; DISPLAY : None !important",
                HiddenReason::DisplayNone,
            ),
            ("visibility: hidden", HiddenReason::VisibilityHidden),
            ("font-size:0px", HiddenReason::ZeroFontSize),
            ("font-size: 0.0em", HiddenReason::ZeroFontSize),
            ("opacity:0", HiddenReason::ZeroOpacity),
            ("position:absolute; left:-9999px", HiddenReason::OffScreen),
            ("position: fixed; top: -1200px", HiddenReason::OffScreen),
            ("text-indent:-9999px", HiddenReason::OffScreen),
            ("height:0;overflow:hidden", HiddenReason::ZeroSize),
            (
                "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)",
                HiddenReason::ZeroSize,
            ),
            ("display:block; display:none", HiddenReason::DisplayNone),
        ];
        for (style, want) in hidden {
            assert_eq!(hidden_by_style(style), Some(want), "{style}");
        }
    }

    #[test]
    fn ordinary_styles_are_visible() {
        for style in [
            "",
            "color: #333; font-size: 14px",
            "display:block",
            "display:none; display:block",
            "opacity:0.8",
            "position:absolute; left:10px",
            "left:-9999px",
            "text-indent: -2em",
            "height:0",
            "overflow:hidden",
            "font-size:10pt",
            "display",
            "display:none{",
            "}}}{{{",
        ] {
            assert_eq!(hidden_by_style(style), None, "{style}");
        }
    }

    #[test]
    fn page_rules_hide_by_class_id_and_tag_in_cascade_order() {
        let mut s = StyleSheet::default();
        s.add(
            ".x{display:none} #ad { position:absolute; left:-5000px } \
             marquee{font-size:0} .shown{display:none} .shown{display:block} \
             p.tiny{height:0;overflow:hidden} .menu:hover .sub{display:none} \
             .a .b{display:none} @media print{.y{display:none}}",
        );
        let h = |tag, id, class, style| s.hidden(tag, id, class, style);
        assert_eq!(
            h("div", None, Some("col x"), None),
            Some(HiddenReason::DisplayNone)
        );
        assert_eq!(
            h("div", Some("ad"), None, None),
            Some(HiddenReason::OffScreen)
        );
        assert_eq!(
            h("marquee", None, None, None),
            Some(HiddenReason::ZeroFontSize)
        );
        assert_eq!(
            h("p", None, Some("tiny"), None),
            Some(HiddenReason::ZeroSize)
        );
        assert_eq!(h("div", None, Some("tiny"), None), None);
        assert_eq!(h("div", None, Some("shown"), None), None);
        assert_eq!(h("div", None, Some("x"), Some("display:block")), None);
        assert_eq!(h("div", None, Some("sub"), None), None);
        assert_eq!(h("div", None, Some("b"), None), None);
        assert_eq!(h("div", None, Some("y"), None), None);
        assert_eq!(
            h("p", None, Some("X"), None),
            None,
            "classes are case-sensitive"
        );
    }

    #[test]
    fn utility_classes_hide() {
        let s = StyleSheet::default();
        for class in [
            "d-none",
            "btn sr-only",
            "visually-hidden",
            "hidden",
            "invisible",
        ] {
            assert_eq!(
                s.hidden("span", None, Some(class), None),
                Some(HiddenReason::UtilityClass),
                "{class}"
            );
        }
        assert_eq!(
            s.hidden("span", None, Some("d-md-none hidden-xs"), None),
            None
        );
    }

    #[test]
    fn broken_and_deeply_nested_css_is_read_without_panic() {
        let mut s = StyleSheet::default();
        s.add(&"{".repeat(100_000));
        s.add(&format!("{}.z{{display:none}}", "}".repeat(10_000)));
        s.add("@media{{{{ .q{display:none");
        s.add(".w{display:none");
        s.add("\u{0}\u{fffd}.v{display:none}");
        assert_eq!(
            s.hidden("div", None, Some("w"), None),
            Some(HiddenReason::DisplayNone)
        );
    }
}
