//! The corpus view: candidate spam terms mined from every loaded article, and the decision
//! on a whole cluster (every occurrence of a term across the corpus) at once.

use redline::detect::Rule;
use std::ops::Range;

use super::app::Article;
use redline::detect::{Finding, Kind};
use redline::document::Document;
use redline::lexicon::Lexicon;
use redline::review::Decision;
use redline::terms::{Candidate, MineOptions, TermMiner, extract};

#[derive(Debug, Default)]
pub struct TermsView {
    pub candidates: Vec<Candidate>,
    pub selected: usize,
    /// What the editor decided for each candidate, if anything.
    pub decided: Vec<Option<Decision>>,
}

/// What a cluster decision changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClusterOutcome {
    pub occurrences: usize,
    /// Indices of the articles touched.
    pub articles: Vec<usize>,
}

impl TermsView {
    /// Mine the articles as they stand (each article's own text, in list order).
    pub fn mine(articles: &[Article], lexicon: &Lexicon) -> Self {
        let mut miner = TermMiner::new();
        for (i, a) in articles.iter().enumerate() {
            miner.add(i, extract(&main_text(a), lexicon));
        }
        let options = MineOptions {
            min_documents: 2,
            // Every occurrence is kept: a cluster decision must reach all of them.
            occurrences: usize::MAX,
            ..MineOptions::default()
        };
        let candidates = miner.finish(&options);
        TermsView {
            decided: vec![None; candidates.len()],
            candidates,
            selected: 0,
        }
    }

    pub fn current(&self) -> Option<&Candidate> {
        self.candidates.get(self.selected)
    }
}

/// The article's text, not its page source, whichever view it shows.
fn main_text(a: &Article) -> String {
    match (&a.other_view, a.showing_source) {
        (Some(other), true) => other.review.text.clone(),
        _ => a.review.text.clone(),
    }
}

/// Every place the term occurs in the corpus: where the miner saw it at an injection site,
/// and every other copy of the same string (the miner keeps only the sites it scored).
pub fn cluster_occurrences(articles: &[Article], c: &Candidate) -> Vec<(usize, Range<usize>)> {
    let mut out: Vec<(usize, Range<usize>)> = c
        .occurrences
        .iter()
        .map(|o| (o.doc, o.range.clone()))
        .collect();
    if !c.term.is_empty() {
        for (i, a) in articles.iter().enumerate() {
            let text = main_text(a);
            for (at, m) in text.match_indices(c.term.as_str()) {
                let r = at..at + m.len();
                if redline::segment::is_grapheme_boundary(&text, r.start)
                    && redline::segment::is_grapheme_boundary(&text, r.end)
                {
                    out.push((i, r));
                }
            }
        }
    }
    out.sort_by_key(|(d, r)| (*d, r.start, r.end));
    // One place counted once, even when the miner's span and the string's differ a little.
    out.dedup_by(|b, a| a.0 == b.0 && overlaps(&a.1, &b.1));
    out
}

/// Decide every occurrence of `c` across the corpus. Accepting makes each occurrence a
/// deletion (an existing spam finding over it, or a new one); rejecting rejects the spam
/// findings over its occurrences and adds nothing.
pub fn decide_cluster(
    articles: &mut [Article],
    c: &Candidate,
    decision: Decision,
) -> ClusterOutcome {
    for a in articles.iter_mut().filter(|a| a.showing_source) {
        a.toggle_source();
    }
    let mut out = ClusterOutcome::default();
    for (doc, range) in cluster_occurrences(articles, c) {
        let Some(a) = articles.get_mut(doc) else {
            continue;
        };
        if decide_occurrence(a, &range, c, decision) {
            out.occurrences += 1;
            if out.articles.last() != Some(&doc) {
                out.articles.push(doc);
            }
        }
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn decide_occurrence(a: &mut Article, r: &Range<usize>, c: &Candidate, d: Decision) -> bool {
    let existing: Vec<usize> = (0..a.review.items.len())
        .filter(|&k| {
            let it = &a.review.items[k];
            it.finding.kind == Kind::Spam && !it.stale && overlaps(&it.finding.range, r)
        })
        .collect();
    if !existing.is_empty() {
        for k in existing {
            a.review.decide(k, d);
        }
        return true;
    }
    if d != Decision::Accepted {
        return false;
    }
    let doc = Document::new(a.review.text.clone());
    let range = redline::detect::deletion_range(&doc, r);
    let message = format!(
        "{} recurs at injection sites in {} documents of this corpus",
        redline::detect::quote(&c.term, 30),
        c.documents
    );
    let finding = Finding {
        kind: Kind::Spam,
        rule: Rule::SpamCorpusTerm,
        range,
        replacement: String::new(),
        confidence: 0.9,
        message: message.clone(),
        evidence: redline::detect::Evidence::note(&message),
        related: Vec::new(),
    };
    // A page keeps its two views item for item.
    let mapped = match (&a.origin, a.other_view.as_mut()) {
        (super::origin::Origin::Html { article, .. }, Some(other)) => {
            let mut g = finding.clone();
            g.range = article.to_source(finding.range.clone());
            Some((other, g))
        }
        _ => None,
    };
    let Some(k) = a.review.add_finding(finding) else {
        return false;
    };
    if let Some((other, g)) = mapped
        && other.review.add_finding(g).is_none()
    {
        // Both views or neither: drop the new item again rather than misalign them.
        a.review.items.pop();
        return false;
    }
    a.review.decide(k, Decision::Accepted)
}
