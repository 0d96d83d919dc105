//! The one scorer: every confidence a detector reports is built from named weights of its
//! features (site, glue, script break, vocabulary, recurrence, topic, unit, copy
//! completeness). The weights are data, `assets/scorer.toml`, parsed once.

use std::sync::LazyLock;

use serde::Deserialize;

/// The weights file, compiled in so the binary needs no assets at run time.
const SCORER_TOML: &str = include_str!("../../assets/scorer.toml");

static WEIGHTS: LazyLock<Weights> = LazyLock::new(|| {
    // The file is part of the build and a unit test parses it: it cannot fail at run time.
    toml::from_str(SCORER_TOML).expect("assets/scorer.toml parses (checked by a unit test)")
});

/// The weights of every feature.
pub fn weights() -> &'static Weights {
    &WEIGHTS
}

/// Noisy-or combination of independent pieces of evidence.
pub(crate) fn combine(weights: impl IntoIterator<Item = f32>) -> f32 {
    1.0 - weights
        .into_iter()
        .fold(1.0, |acc, w| acc * (1.0 - w.clamp(0.0, 1.0)))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub site: Site,
    pub spam: Spam,
    pub duplicate: Duplicate,
    pub layout: Layout,
    pub whitespace: Whitespace,
    pub html: Html,
}

/// Where a spam term stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title_start: f32,
    pub title_start_glued: f32,
    pub tail_after_punct: f32,
    pub text_end_after_punct: f32,
    pub para_start_glued: f32,
    pub weak_site: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spam {
    pub source: SpamSource,
    pub brand: Brand,
    pub recurrence: Recurrence,
    pub glue: Glue,
    pub script: Script,
    pub topic: Topic,
    pub vocabulary: Vocabulary,
    pub unit: SpamUnit,
}

/// What a term is: which list, or found only by recurrence.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamSource {
    pub deny: f32,
    pub strong: f32,
    pub promo: f32,
    pub weak: f32,
    pub planted: f32,
}

/// Evidence that an unlisted token is a betting brand.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub stem: f32,
    pub digits: f32,
    pub glued_to_thai: f32,
    pub gambling_context: f32,
    pub planted: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    pub two_copies: f32,
    pub three_or_more: f32,
    pub spread: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glue {
    pub branded: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub disguise: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub quoted_factor: f32,
    pub not_glued: f32,
    pub after_abbreviation_or_latin: f32,
    pub introduced: f32,
    pub glued_to_unrelated: f32,
    pub mention_below: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub weak_cap: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamUnit {
    pub paragraph: f32,
}

/// Duplicates, by unit and copy completeness.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duplicate {
    pub suggestion: f32,
    pub paragraph: f32,
    pub adjacent_sentence: f32,
    pub paragraph_overlap: f32,
    pub pasted_sentence: f32,
    pub teaser_ellipsis: f32,
    pub teaser_title_mid_word: f32,
    pub teaser_mid_word: f32,
    pub teaser_cut_at_next: f32,
    pub teaser_lede_ellipsis: f32,
    pub adjacent_phrase: f32,
    pub phrase_long: f32,
    pub phrase_short: f32,
    pub gapped_closes: f32,
    pub glued_overlap: f32,
    pub line_teaser: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    pub lower_case_start: f32,
    pub no_end_punct: f32,
    pub stray_space: f32,
    pub continuation_word: f32,
    pub dangling_end: f32,
    pub single_clause: f32,
    pub min_score: f32,
    pub base: f32,
    pub cap: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Whitespace {
    pub trailing_nbsp: f32,
    pub trailing: f32,
    pub nbsp: f32,
    pub double_space: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Html {
    pub hidden_spam: f32,
    pub hidden_link: f32,
    pub gambling_link: f32,
    pub outside_article: f32,
    pub wrapped_link: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_file_parses_and_every_weight_is_a_probability() {
        let w: Weights = toml::from_str(SCORER_TOML).expect("scorer.toml");
        // Spot checks that the file is the one the detectors were written against.
        assert_eq!(w.spam.source.deny, 1.0);
        assert_eq!(w.duplicate.suggestion, 0.25);
        let v = toml::from_str::<toml::Value>(SCORER_TOML).expect("toml");
        fn walk(v: &toml::Value, path: &str) {
            match v {
                toml::Value::Table(t) => {
                    t.iter().for_each(|(k, v)| walk(v, &format!("{path}.{k}")))
                }
                toml::Value::Float(f) => assert!((0.0..=1.0).contains(f), "{path} = {f}"),
                other => panic!("{path} is not a weight: {other:?}"),
            }
        }
        walk(&v, "");
    }

    #[test]
    fn combine_is_a_noisy_or() {
        assert!((combine([0.5, 0.5]) - 0.75).abs() < 1e-6);
        assert_eq!(combine([]), 0.0);
    }
}
