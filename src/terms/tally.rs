//! Corpus totals per candidate string, fed one document at a time.
//!
//! Most candidate strings are cut from ordinary text and occur in one document only. To keep
//! memory bounded on large corpora the miner forgets them as documents stream by (lossy
//! counting, Manku and Motwani 2002): every `window` documents, a string that has not been
//! seen in more documents than windows have passed since it was first seen is dropped. A
//! term planted in at least one document in `window` is always kept, and its document
//! count is short by at most one per window.

use std::collections::HashMap;

use super::candidates::{DocTerms, extract};
use super::{Candidate, MineOptions, Occurrence, Sample, SiteCounts};
use crate::lexicon::{Lexicon, TermClass};

/// Samples kept per string while mining; [`MineOptions::samples`] picks from these.
const STORED_SAMPLES: usize = 16;
/// Occurrences kept per string while mining.
const STORED_OCCURRENCES: usize = 10_000;
/// Context fingerprints kept per string; beyond that every new context is assumed distinct.
const STORED_CONTEXTS: usize = 4096;
/// Distinct neighbours and weak-site contexts kept per string: enough to tell a fixed
/// collocation from a term glued onto whatever word was there.
const STORED_NEIGHBOURS: usize = 256;
/// Documents per pruning round, by default.
pub const DEFAULT_WINDOW: usize = 4096;

#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub display: String,
    pub known: Option<TermClass>,
    pub branded: bool,
    pub documents: usize,
    pub count: usize,
    pub strong: usize,
    pub elsewhere: usize,
    pub positions: SiteCounts,
    /// Sorted context fingerprints.
    pub contexts: Vec<u64>,
    pub extra_contexts: usize,
    /// Sorted fingerprints of the hits glued onto a word (not after punctuation or at a title).
    pub weak_contexts: Vec<u64>,
    /// Sorted hashes of the distinct words those hits are glued onto.
    pub lefts: Vec<u64>,
    pub samples: Vec<Sample>,
    pub occurrences: Vec<Occurrence>,
    /// Lossy counting: how many documents it may have been in before it was first kept.
    delta: usize,
}

impl Tally {
    pub fn context_count(&self) -> usize {
        self.contexts.len() + self.extra_contexts
    }

    fn add_context(&mut self, c: u64) {
        match self.contexts.binary_search(&c) {
            Ok(_) => {}
            Err(_) if self.contexts.len() >= STORED_CONTEXTS => self.extra_contexts += 1,
            Err(i) => self.contexts.insert(i, c),
        }
    }

    /// Distinct words in front per distinct weak context: near 1 for a term planted after
    /// whatever word was there, low for a collocation. 1 when there are no weak hits.
    pub fn variety(&self) -> f32 {
        if self.weak_contexts.is_empty() {
            return 1.0;
        }
        (self.lefts.len() as f32 / self.weak_contexts.len() as f32).min(1.0)
    }

    fn add_neighbour(&mut self, context: u64, left: u64) {
        insert_capped(&mut self.weak_contexts, context);
        insert_capped(&mut self.lefts, left);
    }

    fn merge(&mut self, other: Tally) {
        self.documents += other.documents;
        self.count += other.count;
        self.strong += other.strong;
        self.elsewhere += other.elsewhere;
        self.positions.merge(&other.positions);
        for c in other.contexts {
            self.add_context(c);
        }
        self.extra_contexts += other.extra_contexts;
        for c in other.weak_contexts {
            insert_capped(&mut self.weak_contexts, c);
        }
        for l in other.lefts {
            insert_capped(&mut self.lefts, l);
        }
        let room = STORED_SAMPLES.saturating_sub(self.samples.len());
        self.samples.extend(other.samples.into_iter().take(room));
        let room = STORED_OCCURRENCES.saturating_sub(self.occurrences.len());
        self.occurrences
            .extend(other.occurrences.into_iter().take(room));
        self.delta = self.delta.max(other.delta);
    }
}

/// Insert into a sorted set that stops growing at [`STORED_NEIGHBOURS`].
fn insert_capped(set: &mut Vec<u64>, x: u64) {
    if let Err(i) = set.binary_search(&x)
        && set.len() < STORED_NEIGHBOURS
    {
        set.insert(i, x);
    }
}

/// Corpus totals. Feed it [`DocTerms`] (from [`extract`], which may run on many threads) or
/// whole documents, merge miners that saw different parts of the corpus, then rank.
#[derive(Debug, Clone)]
pub struct TermMiner {
    tallies: HashMap<String, Tally>,
    documents: usize,
    window: usize,
    rounds: usize,
}

impl Default for TermMiner {
    fn default() -> Self {
        Self::new()
    }
}

impl TermMiner {
    pub fn new() -> Self {
        Self::with_window(DEFAULT_WINDOW)
    }

    /// A miner that prunes rare strings every `window` documents: a larger window keeps
    /// rarer terms and uses more memory.
    pub fn with_window(window: usize) -> Self {
        TermMiner {
            tallies: HashMap::new(),
            documents: 0,
            window: window.max(1),
            rounds: 0,
        }
    }

    /// Documents added so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Candidate strings currently held.
    pub fn strings(&self) -> usize {
        self.tallies.len()
    }

    /// Extract and add one document.
    pub fn add_document(&mut self, doc: usize, text: &str, lexicon: &Lexicon) {
        self.add(doc, extract(text, lexicon));
    }

    /// Add the candidates of document number `doc`. Each document is added once.
    pub fn add(&mut self, doc: usize, terms: DocTerms) {
        for t in terms.terms {
            let rounds = self.rounds;
            let tally = self.tallies.entry(t.key).or_insert_with(|| Tally {
                display: t.display,
                known: t.known,
                branded: t.branded,
                documents: 0,
                count: 0,
                strong: 0,
                elsewhere: 0,
                positions: SiteCounts::default(),
                contexts: Vec::new(),
                extra_contexts: 0,
                weak_contexts: Vec::new(),
                lefts: Vec::new(),
                samples: Vec::new(),
                occurrences: Vec::new(),
                delta: rounds,
            });
            tally.documents += 1;
            tally.count += t.hits.len();
            tally.elsewhere += t.elsewhere;
            if let (Some(first), true) = (t.hits.first(), tally.samples.len() < STORED_SAMPLES) {
                tally.samples.push(Sample {
                    doc,
                    context: t.sample,
                    range: first.range.clone(),
                });
            }
            for h in t.hits {
                tally.strong += usize::from(h.strong);
                tally.positions.add(h.site);
                tally.add_context(h.context);
                if let Some(left) = h.left {
                    tally.add_neighbour(h.context, left);
                }
                if tally.occurrences.len() < STORED_OCCURRENCES {
                    tally.occurrences.push(Occurrence {
                        doc,
                        range: h.range,
                        site: h.site,
                    });
                }
            }
        }
        self.documents += 1;
        if self.documents.is_multiple_of(self.window) {
            self.prune();
        }
    }

    fn prune(&mut self) {
        self.rounds += 1;
        let rounds = self.rounds;
        self.tallies.retain(|_, t| t.documents + t.delta > rounds);
    }

    /// Fold in a miner that saw other documents (document numbers must not repeat).
    pub fn merge(&mut self, other: TermMiner) {
        self.documents += other.documents;
        self.rounds = self.rounds.max(other.rounds);
        for (key, t) in other.tallies {
            match self.tallies.get_mut(&key) {
                Some(mine) => mine.merge(t),
                None => {
                    self.tallies.insert(key, t);
                }
            }
        }
    }

    /// Rank the candidates.
    pub fn finish(self, options: &MineOptions) -> Vec<Candidate> {
        super::rank::rank(self.tallies, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_forgets_strings_seen_once_but_keeps_recurring_ones() {
        let lex = Lexicon::builtin();
        let mut miner = TermMiner::with_window(4);
        for i in 0..16 {
            let text = format!("ข่าวที่{i}\n\nเนื้อหาข่าวลำดับที่{i}\n\nจบข่าว.zzqbrand");
            miner.add_document(i, &text, &lex);
        }
        assert_eq!(miner.documents(), 16);
        let t = miner.tallies.get("zzqbrand").map(|t| t.documents);
        assert_eq!(t, Some(16));
        assert!(miner.strings() < 10, "{:?}", miner.tallies.keys());
    }

    #[test]
    fn merged_miners_equal_one_miner() {
        let lex = Lexicon::builtin();
        let texts: Vec<String> = (0..6)
            .map(|i| format!("ข่าว{i}\n\nเนื้อหา{i} ทดสอบ\n\nจบข่าว{i}.zzqbrand"))
            .collect();
        let mut one = TermMiner::new();
        let (mut a, mut b) = (TermMiner::new(), TermMiner::new());
        for (i, t) in texts.iter().enumerate() {
            one.add_document(i, t, &lex);
            if i % 2 == 0 { &mut a } else { &mut b }.add_document(i, t, &lex);
        }
        a.merge(b);
        assert_eq!(a.documents(), one.documents());
        let opts = MineOptions::default();
        let (x, y) = (a.finish(&opts), one.finish(&opts));
        assert_eq!(
            x.iter().map(|c| (&c.key, c.documents)).collect::<Vec<_>>(),
            y.iter().map(|c| (&c.key, c.documents)).collect::<Vec<_>>()
        );
        assert!(x.iter().any(|c| c.key == "zzqbrand" && c.documents == 6));
    }
}
