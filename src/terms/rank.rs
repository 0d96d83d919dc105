//! Ranking: which recurring strings are spam terms, and where each one begins and ends.
//!
//! A planted term recurs in many unrelated documents, at injection sites only, and at
//! several kinds of site. An ordinary word that happens to end clauses recurs too, but it is
//! also used inside sentences, it ends up at closing punctuation or in front of a title only
//! by accident, and a single dictionary word is not a brand. Where it is glued onto a word,
//! it is glued onto the same few (เปิด|เผยว่า, ที่|ร้อยละ), while a planted term lands after
//! whatever word was there. Candidates below [`MineOptions::min_score`] are dropped, so a
//! corpus with no recurring spam lists next to nothing.
//!
//! Every cut of a term is a candidate (ลำไยเว็บตรง, ไยเว็บตรง, ตรง...). A cut found in
//! nearly as many places as the longer candidates that contain it is a piece of them and
//! goes. A longer cut that adds an ordinary neighbour stays, ranked below the term: it is
//! found in fewer places.

use std::collections::{HashMap, HashSet};

use super::tally::Tally;
use super::{Candidate, MineOptions};
use crate::lexicon::TermClass;
use crate::segment::{is_thai, word_boundaries};

/// A shorter string found in at least this share of a longer one's places is its piece.
const PIECE_SHARE: f32 = 0.8;
/// Weight of a string found only at clause ends, against one found only at strong sites.
const WEAK_SITES: f32 = 0.1;
/// Evidence a brand piece (เบท, slot, 888) in the string is worth, as a share of strong sites.
const BRANDED_EVIDENCE: f32 = 0.5;

pub(crate) fn rank(tallies: HashMap<String, Tally>, options: &MineOptions) -> Vec<Candidate> {
    let min = options.min_documents.max(1);
    let pool: HashMap<String, Tally> = tallies
        .into_iter()
        .filter(|(_, t)| t.documents >= min && t.context_count() >= min)
        .filter(|(_, t)| t.known != Some(TermClass::Allow))
        .collect();
    let keep = boundaries(&pool);
    let mut out: Vec<Candidate> = pool
        .into_iter()
        .filter(|(key, _)| keep.contains(key))
        .filter(|(_, t)| options.include_known || !hidden(t.known))
        .map(|(key, t)| candidate(key, t, options))
        .filter(|c| c.score >= options.min_score)
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.documents.cmp(&a.documents))
            .then(a.key.cmp(&b.key))
    });
    out.truncate(options.top);
    out
}

fn hidden(known: Option<TermClass>) -> bool {
    matches!(
        known,
        Some(TermClass::Deny | TermClass::Strong | TermClass::Promo | TermClass::Allow)
    )
}

/// The keys that are not pieces of longer candidates: a string whose places are nearly all
/// inside longer candidates (one brand, or a family of brands that share a name) is a cut,
/// not a term of its own.
fn boundaries(pool: &HashMap<String, Tally>) -> HashSet<String> {
    let mut covered: HashMap<&str, usize> = HashMap::new();
    for (long, t) in pool {
        let mut seen = HashSet::new();
        for short in substrings(long) {
            if short != long.as_str() && pool.contains_key(short) && seen.insert(short) {
                *covered.entry(short).or_default() += t.context_count();
            }
        }
    }
    pool.iter()
        .filter(|(k, t)| {
            let c = covered.get(k.as_str()).copied().unwrap_or(0) as f32;
            c < PIECE_SHARE * t.context_count() as f32
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// Every substring of `s` that starts and ends on a character boundary. Keys are short
/// (see `MAX_CHARS` in candidates), so this stays small.
fn substrings(s: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let ends: Vec<usize> = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .collect::<Vec<_>>();
    starts.into_iter().flat_map(move |a| {
        ends.clone()
            .into_iter()
            .filter(move |&b| b > a)
            .map(move |b| &s[a..b])
    })
}

/// The score: spread over unrelated documents, times the evidence that the string was
/// planted rather than written.
fn score(key: &str, t: &Tally) -> f32 {
    let places = t.context_count() as f32;
    let count = t.count.max(1) as f32;
    // Used inside sentences as well: ordinary language.
    let purity = count / (count + t.elsewhere as f32);
    // After closing punctuation or glued in front of a title no word lands by accident; at
    // the end of a clause every word does, so clause ends alone are weak evidence. A piece
    // of a spam brand (เบท, slot, 888) makes up for part of it.
    let strong_share = t.strong as f32 / count;
    let evidence = if t.branded {
        strong_share.max(BRANDED_EVIDENCE)
    } else {
        strong_share
    };
    let sites = WEAK_SITES + (1.0 - WEAK_SITES) * evidence;
    let kinds = 1.0 + 0.3 * (t.positions.kinds().saturating_sub(1)) as f32;
    // A collocation (เปิด|เผยว่า, ที่|ร้อยละ) is glued onto the same few words; a planted term
    // onto whatever word was there. Only the hits glued onto a word say anything.
    let neighbours = 1.0 - (1.0 - strong_share) * (1.0 - t.variety());
    // One dictionary word is vocabulary; a new brand is cut into pieces or is Latin.
    let word = if key.chars().all(is_thai) && word_boundaries(key).len() <= 2 {
        0.4
    } else {
        1.0
    };
    // Recurrence alone is how phrases of a press release behave (กลุ่มอุตสาหกรรมเป้าหมาย
    // glued after different words, นายกรัฐมนตรี starting many titles): without a brand
    // piece, a string must sit at more than one kind of site, and not mostly at title starts.
    let title_share = t.positions.title_start as f32 / count;
    let evidence_gate = if t.branded || title_share < 0.8 && t.positions.kinds() >= 2 {
        1.0
    } else {
        0.3
    };
    (1.0 + places).ln() * purity * purity * sites * kinds * neighbours * word * evidence_gate
}

fn candidate(key: String, t: Tally, options: &MineOptions) -> Candidate {
    let score = (score(&key, &t) * 1000.0).round() / 1000.0;
    let variety = (t.variety() * 100.0).round() / 100.0;
    let mut seen = HashSet::new();
    let samples = t
        .samples
        .into_iter()
        .filter(|s| seen.insert(s.doc))
        .take(options.samples)
        .collect();
    let mut occurrences = t.occurrences;
    occurrences.truncate(options.occurrences);
    Candidate {
        term: t.display.trim().to_owned(),
        contexts: t.contexts.len() + t.extra_contexts,
        key,
        count: t.count,
        variety,
        documents: t.documents,
        elsewhere: t.elsewhere,
        score,
        positions: t.positions,
        known: t.known,
        samples,
        occurrences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substrings_cover_every_cut() {
        let all: Vec<&str> = substrings("abc").collect();
        assert_eq!(all, ["a", "ab", "abc", "b", "bc", "c"]);
        assert_eq!(substrings("ลำไย").count(), 10);
    }
}
