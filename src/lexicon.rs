//! Term lists: the built-in spam lexicon, the user's deny and allow lists, the words that
//! mark an article as being about gambling, and the stems spam brands are built from.
//!
//! Terms are folded like text skeletons (see [`crate::normalize`]) and matched with
//! Aho-Corasick on the skeleton, never on word tokens: no segmenter knows บาคาร่า.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::normalize::fold;

/// How much a listed term says about injection on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermClass {
    /// Weak: used legitimately in news (หวย, แทง, casino).
    Weak,
    /// Strong: gambling vocabulary spam uses (บาคาร่า, online casino); an article about
    /// gambling uses it too.
    Strong,
    /// Promo: spam jargon and brands no newsroom writes (ufabet, slot gacor, เว็บตรง).
    Promo,
    /// Never spam (built-in or user allow list).
    Allow,
    /// Always spam (user deny list).
    Deny,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot build lexicon automaton: {0}")]
    Build(String),
}

/// A term hit in a skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    pub start: usize,
    pub end: usize,
    pub class: TermClass,
    pub term: usize,
}

/// Lists accumulated before the automata are built.
#[derive(Debug, Default, Clone)]
pub struct LexiconBuilder {
    /// folded term -> (class, priority); a higher priority wins when lists disagree.
    terms: HashMap<String, (TermClass, u8)>,
    topic: Vec<String>,
    stems: Vec<String>,
    context: Vec<String>,
    /// Repetitions kept as legitimate (see [`repeat_key`]).
    repeats: HashSet<String>,
}

const BUILTIN_STRONG: &str = include_str!("../assets/lexicon/spam-vocabulary.txt");
const BUILTIN_PROMO: &str = include_str!("../assets/lexicon/spam-promo.txt");
const BUILTIN_WEAK: &str = include_str!("../assets/lexicon/weak.txt");
const BUILTIN_ALLOW: &str = include_str!("../assets/lexicon/allow.txt");
const BUILTIN_TOPIC: &str = include_str!("../assets/lexicon/topic.txt");
const BUILTIN_STEMS: &str = include_str!("../assets/lexicon/stems.txt");
const BUILTIN_CONTEXT: &str = include_str!("../assets/lexicon/promo-context.txt");

/// Terms of a list file: one a line, `#` starts a comment line.
pub fn parse_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl LexiconBuilder {
    /// The built-in lists only.
    pub fn builtin() -> Self {
        let mut b = LexiconBuilder::default();
        b.add_list(BUILTIN_STRONG, TermClass::Strong, 1);
        b.add_list(BUILTIN_PROMO, TermClass::Promo, 1);
        b.add_list(BUILTIN_WEAK, TermClass::Weak, 0);
        b.add_list(BUILTIN_ALLOW, TermClass::Allow, 2);
        b.topic = parse_list(BUILTIN_TOPIC).map(fold).collect();
        b.stems = parse_list(BUILTIN_STEMS).map(fold).collect();
        b.context = parse_list(BUILTIN_CONTEXT)
            .map(|t| fold(t).replace(' ', ""))
            .collect();
        b
    }

    fn add_list(&mut self, text: &str, class: TermClass, priority: u8) {
        for term in parse_list(text) {
            let folded = fold(term);
            if folded.is_empty() {
                continue;
            }
            // Spammers write "sa gaming" as "SAGAMING" or "sa-gaming" and "pg สล็อต" as
            // "pgสล็อต": a term of several words also stands for its words run together or
            // hyphenated.
            let joined = folded.replace(' ', "");
            let hyphened = folded.replace(' ', "-");
            for key in [folded, joined, hyphened] {
                let entry = self.terms.entry(key).or_insert((class, priority));
                if priority >= entry.1 {
                    *entry = (class, priority);
                }
            }
        }
    }

    /// Add a user deny list: these terms are always spam, at full confidence.
    pub fn deny(&mut self, text: &str) -> &mut Self {
        self.add_list(text, TermClass::Deny, 3);
        self
    }

    /// Add a user allow list: these terms are never spam, whatever other lists say.
    pub fn allow(&mut self, text: &str) -> &mut Self {
        self.add_list(text, TermClass::Allow, 4);
        self
    }

    pub fn deny_file(&mut self, path: &Path) -> Result<&mut Self, LexiconError> {
        let text = read_list(path)?;
        Ok(self.deny(&text))
    }

    pub fn allow_file(&mut self, path: &Path) -> Result<&mut Self, LexiconError> {
        let text = read_list(path)?;
        Ok(self.allow(&text))
    }

    /// Add a list of repetitions kept as legitimate (one a line, `#` comments): a duplicate
    /// finding whose text is one of them is not reported.
    pub fn repeats(&mut self, text: &str) -> &mut Self {
        self.repeats
            .extend(parse_list(text).map(repeat_key).filter(|k| !k.is_empty()));
        self
    }

    pub fn repeats_file(&mut self, path: &Path) -> Result<&mut Self, LexiconError> {
        let text = read_list(path)?;
        Ok(self.repeats(&text))
    }

    /// Add `deny.txt`, `allow.txt` and `repeats.txt` from a config directory when they exist.
    pub fn user_dir(&mut self, dir: &Path) -> Result<&mut Self, LexiconError> {
        let deny = dir.join("deny.txt");
        if deny.is_file() {
            self.deny_file(&deny)?;
        }
        let allow = dir.join("allow.txt");
        if allow.is_file() {
            self.allow_file(&allow)?;
        }
        let repeats = dir.join("repeats.txt");
        if repeats.is_file() {
            self.repeats_file(&repeats)?;
        }
        Ok(self)
    }

    pub fn build(&self) -> Result<Lexicon, LexiconError> {
        let mut entries: Vec<(&String, &(TermClass, u8))> = self.terms.iter().collect();
        entries.sort();
        let terms: Vec<String> = entries.iter().map(|(t, _)| (*t).clone()).collect();
        let classes: Vec<TermClass> = entries.iter().map(|(_, (c, _))| *c).collect();
        // A full DFA: the lists are small, and every Thai term starts with the same byte, so
        // prefilters help little and the DFA's speed matters.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&terms)
            .map_err(|e| LexiconError::Build(e.to_string()))?;
        let topic = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&self.topic)
            .map_err(|e| LexiconError::Build(e.to_string()))?;
        let stem_ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&self.stems)
            .map_err(|e| LexiconError::Build(e.to_string()))?;
        let context = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&self.context)
            .map_err(|e| LexiconError::Build(e.to_string()))?;
        Ok(Lexicon {
            context,
            ac,
            terms,
            classes,
            topic,
            stems: self.stems.clone(),
            stem_ac,
            repeats: self.repeats.clone(),
        })
    }
}

fn read_list(path: &Path) -> Result<String, LexiconError> {
    std::fs::read_to_string(path).map_err(|source| LexiconError::Read {
        path: path.to_owned(),
        source,
    })
}

/// Compiled term lists.
#[derive(Debug, Clone)]
pub struct Lexicon {
    ac: AhoCorasick,
    terms: Vec<String>,
    classes: Vec<TermClass>,
    topic: AhoCorasick,
    stems: Vec<String>,
    /// The stems in one automaton, for the many yes-or-no questions term mining asks.
    stem_ac: AhoCorasick,
    /// Slogan words that go with a gambling term they stand next to (promo-context.txt).
    context: AhoCorasick,
    /// Repetitions the user kept as legitimate, by [`repeat_key`].
    repeats: HashSet<String>,
}

/// How a kept repetition is remembered and compared: whitespace runs as one space, ends
/// trimmed, so that one line of `repeats.txt` holds it.
pub fn repeat_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Lexicon {
    /// The built-in lists. They are compiled into the binary, so building cannot fail
    /// unless the lists themselves are broken, which the tests catch.
    pub fn builtin() -> Self {
        LexiconBuilder::builtin()
            .build()
            .expect("built-in lexicon compiles")
    }

    pub fn term(&self, id: usize) -> &str {
        &self.terms[id]
    }

    /// Term hits in a skeleton. An all-ASCII term must not touch a Latin letter on either
    /// side, so that `bet` never fires inside `alphabet`; Thai terms glue freely.
    pub fn find(&self, skeleton: &str) -> Vec<TermMatch> {
        self.find_glued(skeleton, |_| false)
    }

    /// [`Lexicon::find`], where `case_break(pos)` says whether the original text has a word
    /// break at skeleton offset `pos` that the skeleton hides (`pg slotLaos`: a lowercase term
    /// glued onto a capitalised word; a space joined away), so that an ASCII term may touch
    /// a Latin letter there.
    pub fn find_glued(&self, skeleton: &str, case_break: impl Fn(usize) -> bool) -> Vec<TermMatch> {
        self.ac
            .find_iter(skeleton)
            .filter_map(|m| {
                let id = m.pattern().as_usize();
                let term = &self.terms[id];
                if term.is_ascii() {
                    let before = skeleton[..m.start()].chars().next_back();
                    let after = skeleton[m.end()..].chars().next();
                    if before.is_some_and(|c| c.is_ascii_alphabetic()) && !case_break(m.start())
                        || after.is_some_and(|c| c.is_ascii_alphabetic()) && !case_break(m.end())
                    {
                        return None;
                    }
                }
                Some(TermMatch {
                    start: m.start(),
                    end: m.end(),
                    class: self.classes[id],
                    term: id,
                })
            })
            .collect()
    }

    /// Topic-word hits in plain text (ASCII case ignored), lazily.
    pub fn topic_hits<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.topic.find_iter(text).map(|m| m.range())
    }

    /// The end of the longest slogan word (ออนไลน์, ครบวงจร, แตกง่าย) that starts at `at`.
    pub fn slogan_word_at(&self, text: &str, at: usize) -> Option<usize> {
        let input = aho_corasick::Input::new(text)
            .range(at..)
            .anchored(aho_corasick::Anchored::Yes);
        self.context.find(input).map(|m| m.end())
    }

    /// Whether `chunk` is nothing but slogan words and the digits after them: "ออนไลน์",
    /// "อันดับ1", "แตกง่าย100%"; a bare number ("100 บาท") is not a slogan.
    pub fn is_slogan(&self, chunk: &str) -> bool {
        let mut at = 0;
        while at < chunk.len() {
            if let Some(end) = self.slogan_word_at(chunk, at) {
                at = end;
            } else if at > 0
                && chunk[at..].starts_with(|c: char| c.is_ascii_digit() || "!+%".contains(c))
            {
                at += 1;
            } else {
                return false;
            }
        }
        at > 0
    }

    /// Whether the text of a duplicate finding is a repetition the user kept as legitimate.
    pub fn is_kept_repeat(&self, text: &str) -> bool {
        !self.repeats.is_empty() && self.repeats.contains(&repeat_key(text))
    }

    /// Whether a folded string contains any spam-brand stem: one pass, not one per stem.
    pub fn contains_stem(&self, folded: &str) -> bool {
        self.stem_ac.is_match(folded)
    }

    /// Whether a folded token contains a spam-brand stem.
    /// Every spam-brand stem inside a folded token (`gacorwin88`: gacor, win).
    pub fn stems_in<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.stems
            .iter()
            .filter(move |s| folded.contains(s.as_str()))
            .map(String::as_str)
    }

    pub fn has_stem(&self, folded: &str) -> Option<&str> {
        self.stems
            .iter()
            .find(|s| folded.contains(s.as_str()))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn football_and_lottery_tip_words_from_public_lists_are_known() {
        let lex = Lexicon::builtin();
        let classes: Vec<TermClass> = lex
            .find("บอลเต็ง องค์ลงรวย สามตัวตรง")
            .iter()
            .map(|h| h.class)
            .collect();
        assert_eq!(
            classes,
            [TermClass::Strong, TermClass::Strong, TermClass::Weak]
        );
    }

    #[test]
    fn builtin_lists_compile_and_classify() {
        let lex = Lexicon::builtin();
        let hits = lex.find("ข่าวบาคาร่าวันนี้ alphabet ufabet168 สล็อตการบิน");
        let classes: Vec<TermClass> = hits.iter().map(|h| h.class).collect();
        assert_eq!(
            classes,
            [TermClass::Strong, TermClass::Promo, TermClass::Allow]
        );
    }

    #[test]
    fn user_allow_beats_deny_and_builtin() {
        let mut b = LexiconBuilder::builtin();
        b.deny("mangobet\n# comment\n").allow("บาคาร่า");
        let lex = b.build().unwrap();
        let hits = lex.find("mangobet บาคาร่า");
        assert_eq!(hits[0].class, TermClass::Deny);
        assert_eq!(hits[1].class, TermClass::Allow);
    }
}
