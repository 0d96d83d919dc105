//! Rule ids as an enum. Every finding names the rule that produced it; the dotted string
//! (`spam.lexicon`) is the stable id seen in JSON, sessions and the CLI, so serde and
//! `Display` use it, and ordering follows it so sorted output stays the same.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares the enum, its dotted ids and the list of all variants in one table.
macro_rules! rules {
    ($($variant:ident => $id:literal,)*) => {
        /// Which rule produced a finding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable dotted id, e.g. `spam.lexicon`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }
        }
    };
}

rules! {
    SpamLexicon => "spam.lexicon",
    SpamDenyList => "spam.deny-list",
    SpamBrandToken => "spam.brand-token",
    SpamPlantedTerm => "spam.planted-term",
    SpamParagraph => "spam.paragraph",
    SpamHead => "spam.head",
    SpamHiddenText => "spam.hidden-text",
    SpamGamblingLink => "spam.gambling-link",
    SpamWrappedLink => "spam.wrapped-link",
    SpamPage => "spam.page",
    SpamNoscript => "spam.noscript",
    SpamMarquee => "spam.marquee",
    SpamScript => "spam.script",
    SpamLinkFarm => "spam.link-farm",
    SpamIframe => "spam.iframe",
    SpamSentence => "spam.sentence",
    SpamCorpusTerm => "spam.corpus-term",
    DuplicateTitle => "duplicate.title",
    DuplicateParagraph => "duplicate.paragraph",
    DuplicateTeaser => "duplicate.teaser",
    DuplicateSentence => "duplicate.sentence",
    DuplicateParagraphOverlap => "duplicate.paragraph-overlap",
    DuplicateRestatement => "duplicate.restatement",
    DuplicateAdjacentPhrase => "duplicate.adjacent-phrase",
    DuplicateGappedPhrase => "duplicate.gapped-phrase",
    WhitespaceTrailing => "whitespace.trailing",
    WhitespaceNbsp => "whitespace.nbsp",
    WhitespaceDoubleSpace => "whitespace.double-space",
    LayoutBrokenParagraph => "layout.broken-paragraph",
}

/// The family a rule belongs to: the part of the id before the dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Spam,
    Duplicate,
    Other,
}

impl Rule {
    pub fn family(self) -> Family {
        let s = self.as_str();
        if s.starts_with("spam.") {
            Family::Spam
        } else if s.starts_with("duplicate.") {
            Family::Duplicate
        } else {
            Family::Other
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id '{0}'")]
pub struct UnknownRule(pub String);

impl FromStr for Rule {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

// Ordered by the dotted id, as the strings were, so sorted output does not change.
impl Ord for Rule {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &r in Rule::ALL {
            assert!(seen.insert(r.as_str()), "{r} twice");
            assert_eq!(r.as_str().parse::<Rule>(), Ok(r));
            let json = serde_json::to_string(&r).expect("serialize");
            assert_eq!(json, format!("\"{r}\""));
            assert_eq!(serde_json::from_str::<Rule>(&json).expect("deserialize"), r);
        }
        assert!("spam.nothing".parse::<Rule>().is_err());
    }

    #[test]
    fn order_follows_the_dotted_id() {
        assert!(Rule::DuplicateTitle > Rule::DuplicateTeaser);
        assert!(Rule::LayoutBrokenParagraph < Rule::SpamDenyList);
        assert_eq!(Rule::SpamHead.family(), Family::Spam);
        assert_eq!(Rule::WhitespaceNbsp.family(), Family::Other);
    }
}
