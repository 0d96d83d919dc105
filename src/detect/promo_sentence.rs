//! The unit of a promotional insertion is its sentence. Spam is often planted as a whole
//! sentence or clause ("เล่นรูเล็ตออนไลน์กับ royalspin365 ได้ทุกวัน", "Play online casino games
//! now at ReefSpin99 and claim 200 free spins."): removing only the listed words leaves
//! residue ("เล่นกับ ได้ทุกวัน"). Once the words are confidently spam, this pass widens their
//! findings to the clause run, the sentence or the short paragraph they belong to, and never
//! past a real sentence: a Thai clause next to the spam joins only when it is short and
//! either sits between two spam clauses or carries a slogan word.
//!
//! One pass over each paragraph's chunks and findings: linear.

use std::ops::Range;

use super::spam::{deletion_range, whole_paragraph};
use super::{Evidence, Finding, Kind, Rule};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::segment::is_thai;

/// A clause of slogans before a spam run (สมัครวันนี้รับเครดิตฟรีทันที), at most.
const MAX_SLOGAN_LEAD_CHARS: usize = 30;
/// A suggestion (TH55 next to สล็อต) joins the unit of a confident finding from here up.
const MIN_MEMBER_CONFIDENCE: f32 = 0.3;
/// What is left of a paragraph after an inserted clause run, at most, to go with it
/// ("ได้ตลอด 24 ชั่วโมง").
const MAX_PARAGRAPH_REST_CHARS: usize = 20;
/// Leftover characters before a spam word in its own clause that still read as the
/// insertion's own verb or preposition (เล่น, ที่), not a real word it was glued onto.
const MAX_LEAD_RESIDUE: usize = 4;
/// Leftover characters after a spam word in its clause (แม่นทุกงวด, กับ), at most.
const MAX_TAIL_RESIDUE: usize = 12;
/// A clause with no spam of its own between two spam clauses (ดูฟรีที่), at most.
const MAX_BRIDGE_CHARS: usize = 12;
/// A clause with a slogan word right after a spam run (ได้ทุกวัน), at most.
const MAX_SLOGAN_TAIL_CHARS: usize = 15;
/// A clause that counts as a slogan of an ad paragraph (สมัครง่ายผ่านไลน์), at most.
const MAX_SLOGAN_CLAUSE_CHARS: usize = 20;
/// A promotional English sentence has at most this many words.
const MAX_SENTENCE_WORDS: usize = 30;
/// A short paragraph is an ad when this share of its characters is spam or slogans.
const MIN_PROMO_SHARE: f32 = 0.6;
/// Characters of a paragraph that can be an ad as a whole, at most.
const MAX_PROMO_PARAGRAPH_CHARS: usize = 200;

/// Imperatives that open an English gambling ad's sentence ("Play ... now", "Join X today").
const IMPERATIVES: [&str; 19] = [
    "play", "bet", "join", "register", "sign", "claim", "deposit", "visit", "download", "spin",
    "grab", "get", "try", "click", "win", "enjoy", "check", "apply", "start",
];
/// Words of an English ad's offer; two of them in a sentence with spam sell it.
const OFFER_WORDS: [&str; 19] = [
    "bonus",
    "free",
    "now",
    "today",
    "instant",
    "instantly",
    "jackpot",
    "welcome",
    "promo",
    "promotion",
    "vip",
    "credit",
    "withdraw",
    "withdrawals",
    "deposit",
    "register",
    "claim",
    "spins",
    "best",
];

#[derive(Clone, Copy, PartialEq)]
enum ChunkKind {
    /// No confident spam in it.
    Plain,
    /// Nothing but spam.
    Whole,
    /// Spam at its start with a short remainder: a piece of the inserted sentence.
    Lead,
    /// Spam glued onto the end of a real word: only the spam is the insertion.
    Glued,
    /// Spam somewhere else in it: leave the finding alone.
    Other,
}

struct Chunk {
    range: Range<usize>,
    kind: ChunkKind,
}

/// Widen confident spam findings (`findings` as the spam detector returns them) to the
/// promotional clause run, sentence or paragraph they belong to.
pub(super) fn widen(doc: &Document, lex: &Lexicon, findings: &mut Vec<Finding>) {
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    let confident = |f: &Finding| f.confidence >= crate::DEFAULT_MIN_CONFIDENCE;
    let mut remove = vec![false; findings.len()];
    let mut added: Vec<Finding> = Vec::new();
    let mut first = 0;
    for i in 0..doc.paragraphs.len() {
        let content = doc.content(i);
        if content.is_empty() || doc.title.as_ref().is_some_and(|t| t.start == content.start) {
            continue;
        }
        while first < findings.len() && findings[first].range.end <= content.start {
            first += 1;
        }
        let mut last = first;
        while last < findings.len() && findings[last].range.start < content.end {
            last += 1;
        }
        let members: Vec<usize> = (first..last)
            .filter(|&k| {
                findings[k].confidence >= MIN_MEMBER_CONFIDENCE && findings[k].kind == Kind::Spam
            })
            .collect();
        if !members.iter().any(|&k| confident(&findings[k]))
            || members.iter().any(|&k| {
                findings[k].range.start <= content.start && findings[k].range.end >= content.end
            })
        {
            continue;
        }
        let spans: Vec<Range<usize>> = members
            .iter()
            .map(|&k| trim(&doc.text, findings[k].range.clone()))
            .collect();
        let text = &doc.text;
        let para = &text[content.clone()];
        let cited = para.contains(['“', '”', '"', '«', '»']);
        let chunks = chunks(text, content.clone(), &spans);
        // A short ad paragraph goes whole.
        if !cited && promo_paragraph(text, lex, &content, &chunks, &spans) {
            // The suggestions in it go with the ad.
            added.push(widened(doc, whole_paragraph(doc, i), &members, findings));
            for &k in &members {
                remove[k] = true;
            }
            continue;
        }
        let units = if para.chars().any(is_thai) {
            clause_runs(text, lex, &chunks, &spans)
        } else if cited {
            Vec::new()
        } else {
            english_sentences(text, content.clone(), &spans)
        };
        for unit in merge_touching(text, units) {
            let inside: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&k| {
                    let r = &findings[k].range;
                    r.start < unit.end && unit.start < r.end
                })
                .collect();
            if !inside.iter().any(|&k| confident(&findings[k])) {
                continue;
            }
            let range = deletion_range(doc, &unit);
            added.push(widened(doc, range, &inside, findings));
            for k in inside {
                remove[k] = true;
            }
        }
    }
    if added.is_empty() {
        return;
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
    findings.extend(added);
}

fn widened(doc: &Document, range: Range<usize>, members: &[usize], all: &[Finding]) -> Finding {
    let confidence = members
        .iter()
        .map(|&k| all[k].confidence)
        .fold(0.0, f32::max);
    let shown = trim(&doc.text, range.clone());
    Finding {
        kind: Kind::Spam,
        rule: Rule::SpamSentence,
        range,
        replacement: String::new(),
        confidence,
        message: String::new(),
        evidence: Evidence::PromoSentence {
            sentence: shown,
            term: trim(&doc.text, all[members[0]].range.clone()),
        },
        related: Vec::new(),
    }
}

/// Units separated by nothing but whitespace are one deletion: two spam sentences that
/// make up a paragraph take the paragraph with them.
fn merge_touching(text: &str, units: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(units.len());
    for u in units {
        match out.last_mut() {
            Some(prev) if text[prev.end..u.start].trim().is_empty() => prev.end = u.end,
            _ => out.push(u),
        }
    }
    out
}

/// `r` without the whitespace at its edges.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

fn visible_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The whitespace-separated chunks of a paragraph, each classified by the spam in it.
fn chunks(text: &str, content: Range<usize>, spans: &[Range<usize>]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut at = content.start;
    let mut s = 0;
    for piece in text[content.clone()].split(char::is_whitespace) {
        let start = at;
        let end = start + piece.len();
        at = end + text[end..].chars().next().map_or(0, char::len_utf8);
        if piece.is_empty() {
            continue;
        }
        while s < spans.len() && spans[s].end <= start {
            s += 1;
        }
        let mut covered = Vec::new();
        let mut j = s;
        while j < spans.len() && spans[j].start < end {
            covered.push(spans[j].start.max(start)..spans[j].end.min(end));
            j += 1;
        }
        let kind = match (covered.first(), covered.last()) {
            (Some(f), Some(l)) => {
                let lead = visible_chars(&text[start..f.start]);
                let tail = visible_chars(&text[l.end..end]);
                if lead == 0 && tail == 0 {
                    ChunkKind::Whole
                } else if lead <= MAX_LEAD_RESIDUE && tail <= MAX_TAIL_RESIDUE && tail > 0 {
                    ChunkKind::Lead
                } else if tail == 0 {
                    ChunkKind::Glued
                } else {
                    ChunkKind::Other
                }
            }
            _ => ChunkKind::Plain,
        };
        out.push(Chunk {
            range: start..end,
            kind,
        });
    }
    out
}

/// Slogan words in `s`, not overlapping.
fn slogan_hits(lex: &Lexicon, s: &str) -> usize {
    let mut n = 0;
    let mut at = 0;
    while at < s.len() {
        if let Some(end) = lex.slogan_word_at(s, at) {
            n += 1;
            at = end;
        } else {
            at += s[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    n
}

/// Whether `s` holds a slogan word anywhere (ทุกวัน in ได้ทุกวัน).
fn has_slogan(lex: &Lexicon, s: &str) -> bool {
    s.char_indices()
        .any(|(i, _)| lex.slogan_word_at(s, i).is_some())
}

/// A short paragraph whose text is mostly spam or slogans is an advertisement. Shares are
/// counted in characters: a spaced-out term (บา คา ร่า) is many chunks but one word.
fn promo_paragraph(
    text: &str,
    lex: &Lexicon,
    content: &Range<usize>,
    chunks: &[Chunk],
    spans: &[Range<usize>],
) -> bool {
    if chunks.len() < 3 || text[content.clone()].chars().count() > MAX_PROMO_PARAGRAPH_CHARS {
        return false;
    }
    let spam = chunks
        .iter()
        .filter(|c| matches!(c.kind, ChunkKind::Whole | ChunkKind::Lead))
        .count();
    let total = visible_chars(&text[content.clone()]);
    // A long clause may hold an ordinary word that ads also use (ปลอดภัย, ล่าสุด).
    let salesy: usize = chunks
        .iter()
        .map(|c| {
            let t = &text[c.range.clone()];
            match c.kind {
                ChunkKind::Whole | ChunkKind::Lead => visible_chars(t),
                ChunkKind::Plain
                    if visible_chars(t) <= MAX_SLOGAN_CLAUSE_CHARS && has_slogan(lex, t) =>
                {
                    visible_chars(t)
                }
                ChunkKind::Plain => 0,
                ChunkKind::Glued | ChunkKind::Other => spans
                    .iter()
                    .filter(|s| s.start < c.range.end && c.range.start < s.end)
                    .map(|s| {
                        visible_chars(&text[s.start.max(c.range.start)..s.end.min(c.range.end)])
                    })
                    .sum(),
            }
        })
        .sum();
    spam >= 2 && salesy as f32 >= MIN_PROMO_SHARE * total as f32
}

/// Runs of Thai clauses that together are one inserted sentence. A run needs two clauses
/// with spam and at least one piece of residue (a clause remainder, a bridge or a slogan
/// clause) that the word findings would leave behind.
fn clause_runs(
    text: &str,
    lex: &Lexicon,
    chunks: &[Chunk],
    spans: &[Range<usize>],
) -> Vec<Range<usize>> {
    let spammy = |c: &Chunk| c.kind != ChunkKind::Plain && c.kind != ChunkKind::Other;
    let chars = |c: &Chunk| visible_chars(&text[c.range.clone()]);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chunks.len() {
        if !spammy(&chunks[k]) {
            k += 1;
            continue;
        }
        // A glued clause may only start a run: its real word stays. A short clause of ad
        // slogans right before the run belongs to it (สมัครวันนี้รับเครดิตฟรีทันที).
        let first = if chunks[k].kind != ChunkKind::Glued
            && k > 0
            && chunks[k - 1].kind == ChunkKind::Plain
            && chars(&chunks[k - 1]) <= MAX_SLOGAN_LEAD_CHARS
            && slogan_hits(lex, &text[chunks[k - 1].range.clone()]) >= 2
        {
            k - 1
        } else {
            k
        };
        let mut end = k;
        let mut j = k + 1;
        loop {
            if j < chunks.len()
                && spammy(&chunks[j])
                && (chunks[j].kind != ChunkKind::Glued
                    || glued_lead(text, &chunks[j], spans) <= MAX_TAIL_RESIDUE)
            {
                end = j;
                j += 1;
            } else if j + 1 < chunks.len()
                && chunks[j].kind == ChunkKind::Plain
                && chars(&chunks[j]) <= MAX_BRIDGE_CHARS
                && spammy(&chunks[j + 1])
            {
                end = j + 1;
                j += 2;
            } else {
                break;
            }
            if chunks[end].kind == ChunkKind::Glued {
                // The spam ends at a glued word: what follows is text of its own.
                break;
            }
        }
        // One clause with a slogan word right after the run ends the ad (ได้ทุกวัน).
        if end + 1 < chunks.len()
            && chunks[end].kind != ChunkKind::Glued
            && chunks[end + 1].kind == ChunkKind::Plain
            && chars(&chunks[end + 1]) <= MAX_SLOGAN_TAIL_CHARS
            && has_slogan(lex, &text[chunks[end + 1].range.clone()])
        {
            end += 1;
        }
        // A short rest of the paragraph after the run that still sells (ได้ตลอด 24 ชั่วโมง)
        // is the ad's tail; a short real clause (เพื่อให้ทันตลาดต้นปี) is not.
        let rest: usize = chunks[end + 1..]
            .iter()
            .map(|c| visible_chars(&text[c.range.clone()]))
            .sum();
        let rest_sells = || {
            let joined: String = chunks[end + 1..]
                .iter()
                .map(|c| &text[c.range.clone()])
                .collect();
            has_slogan(lex, &joined)
        };
        if end + 1 < chunks.len()
            && chunks[end].kind != ChunkKind::Glued
            && rest <= MAX_PARAGRAPH_REST_CHARS
            && chunks[end + 1..].iter().all(|c| c.kind == ChunkKind::Plain)
            && rest_sells()
        {
            end = chunks.len() - 1;
        }
        let with_spam = chunks[first..=end]
            .iter()
            .filter(|c| c.kind != ChunkKind::Plain)
            .count();
        // Two spam clauses side by side are one deletion even with no residue between them:
        // two deletions would both claim the space between them.
        if with_spam >= 2
            && chunks[first..=end]
                .iter()
                .all(|c| c.kind != ChunkKind::Other)
        {
            let start = if chunks[first].kind == ChunkKind::Glued {
                // Only the spam of a glued first clause.
                spans
                    .iter()
                    .find(|s| {
                        s.start >= chunks[first].range.start && s.start < chunks[first].range.end
                    })
                    .map_or(chunks[first].range.start, |s| s.start)
            } else {
                chunks[first].range.start
            };
            out.push(start..chunks[end].range.end);
        }
        k = end + 1;
    }
    out
}

/// Characters of the word a glued clause's spam is glued onto.
fn glued_lead(text: &str, chunk: &Chunk, spans: &[Range<usize>]) -> usize {
    spans
        .iter()
        .find(|s| s.start >= chunk.range.start && s.start < chunk.range.end)
        .map_or(usize::MAX, |s| {
            visible_chars(&text[chunk.range.start..s.start])
        })
}

/// Whether an English sentence sells: it opens with an imperative, is a hook question or
/// exclamation, or names two parts of an offer.
fn selling(sentence: &str, words: &[String]) -> bool {
    let imperative = words
        .first()
        .is_some_and(|w| IMPERATIVES.contains(&w.as_str()));
    let hook = sentence.ends_with(['?', '!']);
    let offers = words
        .iter()
        .filter(|w| OFFER_WORDS.contains(&w.as_str()))
        .count();
    imperative || hook || offers >= 2
}

/// Whether the English sentence around `r` (a brand-shaped token) sells: "Sign up at ufa365
/// now and get free credit" is the gambling evidence the token needs.
pub(super) fn sells(text: &str, r: &Range<usize>) -> bool {
    /// Bytes looked at on either side, at most (keeps the check bounded).
    const REACH: usize = 300;
    let mut lo = r.start.saturating_sub(REACH);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (r.end + REACH).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = text[lo..r.start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(lo, |i| lo + i + 1);
    let end = text[r.end..hi]
        .find(['.', '!', '?', '\n'])
        .map_or(hi, |i| r.end + i + 1);
    let sentence = text[start..end].trim();
    if sentence.chars().any(is_thai) || sentence.contains(['“', '”', '"']) {
        return false;
    }
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words.len() <= MAX_SENTENCE_WORDS && selling(sentence, &words)
}

/// English sentences that hold spam and call the reader to act: the whole sentence goes.
fn english_sentences(
    text: &str,
    content: Range<usize>,
    spans: &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let para = &text[content.clone()];
    let mut start = 0;
    let bytes = para.as_bytes();
    let mut bounds = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            bounds.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < para.len() {
        bounds.push(start..para.len());
    }
    for b in bounds {
        let r = trim(text, content.start + b.start..content.start + b.end);
        if r.is_empty() || !spans.iter().any(|s| s.start < r.end && r.start < s.end) {
            continue;
        }
        let words: Vec<String> = text[r.clone()]
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        if words.len() > MAX_SENTENCE_WORDS {
            continue;
        }
        // A brand glued onto a word of the sentence was planted into a real sentence: only
        // the brand goes.
        let glued = spans
            .iter()
            .filter(|s| s.start < r.end && r.start < s.end)
            .any(|s| {
                text[..s.start].ends_with(|c: char| c.is_alphanumeric())
                    || text[s.end..].starts_with(|c: char| c.is_alphanumeric())
            });
        if !glued && selling(&text[r.clone()], &words) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::detect::{ScanOptions, scan};
    use crate::document::Document;

    fn fixed(text: &str) -> String {
        let doc = Document::new(text);
        let mut findings: Vec<_> = scan(&doc, &ScanOptions::default())
            .into_iter()
            .filter(|f| f.confidence >= crate::DEFAULT_MIN_CONFIDENCE)
            .collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.range.start));
        let mut out = text.to_owned();
        let mut floor = usize::MAX;
        for f in findings {
            if f.range.end <= floor {
                out.replace_range(f.range.clone(), &f.replacement);
                floor = f.range.start;
            }
        }
        out
    }

    #[test]
    fn a_promotional_clause_run_goes_whole_in_thai() {
        let clean = "ชาวนาเริ่มปลูกข้าวรอบใหม่\n\nเกษตรกรในอำเภอหนึ่งเริ่มหว่านข้าวหลังฝนแรก ซึ่งมาเร็วกว่าทุกปี เพื่อให้ทันตลาดต้นปี\n";
        let damaged = "ชาวนาเริ่มปลูกข้าวรอบใหม่\n\nเกษตรกรในอำเภอหนึ่งเริ่มหว่านข้าวหลังฝนแรก ซึ่งมาเร็วกว่าทุกปี เล่นบาคาร่าออนไลน์กับ pomelobet77 ได้ทุกวัน เพื่อให้ทันตลาดต้นปี\n";
        assert_eq!(fixed(damaged), clean);
    }

    #[test]
    fn a_promotional_tail_sentence_goes_whole_in_thai() {
        let clean = "ชาวนาเริ่มปลูกข้าวรอบใหม่\n\nเกษตรกรในอำเภอหนึ่งเริ่มหว่านข้าวหลังฝนแรก ซึ่งมาเร็วกว่าทุกปี\n";
        let damaged = "ชาวนาเริ่มปลูกข้าวรอบใหม่\n\nเกษตรกรในอำเภอหนึ่งเริ่มหว่านข้าวหลังฝนแรก ซึ่งมาเร็วกว่าทุกปี สูตรสล็อตแม่นทุกรอบ บาคาร่าเว็บนี้ เข้าเล่นที่ มะม่วงสล็อต\n";
        assert_eq!(fixed(damaged), clean);
    }

    #[test]
    fn an_english_spam_sentence_goes_whole() {
        let clean = "Farmers plant early\n\nRice farmers began sowing after the first rain. They expect a good harvest this year.\n";
        let damaged = "Farmers plant early\n\nRice farmers began sowing after the first rain. Join ufabet today and claim your bonus. They expect a good harvest this year.\n";
        assert_eq!(fixed(damaged), clean);
    }

    #[test]
    fn a_real_english_sentence_with_a_glued_brand_stays() {
        let text = "casino88vip Council backs new park\n\nThe council approved the budget on Tuesday. The library will get longer hours and a new park is planned for Riverside Reservegacorwin88. Residents can comment online.\n";
        let out = fixed(text);
        assert!(
            out.contains(
                "The library will get longer hours and a new park is planned for Riverside Reserve."
            ),
            "{out}"
        );
    }

    #[test]
    fn an_unlisted_brand_in_an_english_sales_sentence_goes_with_it() {
        let clean = "Port opens terminal\n\nOfficials said waiting times would halve. The project took three years.\n";
        let damaged = "Port opens terminal\n\nOfficials said waiting times would halve. Sign up at mango777 now and get free credit on your first deposit. The project took three years.\n";
        assert_eq!(fixed(damaged), clean);
    }

    #[test]
    fn slogan_clauses_around_a_spam_run_go_with_it() {
        let clean = "เทศบาลเร่งซ่อมถนน\n\nนายกเทศมนตรีกล่าวว่า ถนนเส้นนี้ชำรุดหนักหลังน้ำท่วมปีที่แล้ว\n\nงานจะเสร็จภายในสามเดือน\n";
        let damaged = "เทศบาลเร่งซ่อมถนน\n\nนายกเทศมนตรีกล่าวว่า ถนนเส้นนี้ชำรุดหนักหลังน้ำท่วมปีที่แล้ว สมัครวันนี้รับโบนัสทันที เล่นบาคาร่ากับ durianbet99 ได้ตลอด 24 ชั่วโมง\n\nงานจะเสร็จภายในสามเดือน\n";
        assert_eq!(fixed(damaged), clean);
    }

    #[test]
    fn two_spam_words_side_by_side_go_together() {
        let clean = "ราคายางขยับขึ้น\n\nเกษตรกรคาดว่าราคาจะทรงตัวไปจนถึงปลายปี\n";
        let damaged = "ราคายางขยับขึ้น\n\nเกษตรกรคาดว่าราคาจะทรงตัวไปจนถึงปลายปี QX77 สล็อต\n";
        assert_eq!(fixed(damaged), clean);
    }

    #[test]
    fn a_glued_brand_keeps_the_real_word() {
        let text = "ชาวนาเริ่มปลูกข้าวรอบใหม่\n\nเกษตรกรในอำเภอหนึ่งเริ่มหว่านข้าวบาคาร่า ซึ่งมาเร็วกว่าทุกปี เพื่อให้ทันตลาดต้นปี\n";
        let out = fixed(text);
        assert!(
            out.contains("หว่านข้าว ซึ่งมาเร็วกว่าทุกปี เพื่อให้ทันตลาดต้นปี"),
            "{out}"
        );
    }
}
