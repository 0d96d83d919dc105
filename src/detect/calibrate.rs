//! Calibration: a monotone map per rule family from the scorer's raw score to the
//! probability that the finding is right, so that a reported 0.8 is right about 8 times in
//! 10. The map is data, `assets/calibration.toml`, fitted by `redline eval
//! --fit-calibration` (isotonic regression on labelled findings of a training split) and
//! applied in one place, `detect::scan`.

use std::fmt::Write as _;
use std::sync::LazyLock;

use serde::Deserialize;

use super::rule::{Family, Rule};

const CALIBRATION_TOML: &str = include_str!("../../assets/calibration.toml");

static CALIBRATION: LazyLock<Calibration> = LazyLock::new(|| {
    // Compiled in and parsed by a unit test: it cannot fail at run time.
    toml::from_str(CALIBRATION_TOML)
        .expect("assets/calibration.toml parses (checked by a unit test)")
});

/// The default threshold, which a map may be told not to move a score across.
const THRESHOLD: f32 = crate::DEFAULT_MIN_CONFIDENCE;

/// The maps of the three families.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    pub spam: Map,
    pub duplicate: Map,
    pub other: Map,
}

/// A piecewise-linear, non-decreasing map through `(raw[i], probability[i])`; flat beyond
/// the first and last knots. No knots is the identity.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Map {
    pub raw: Vec<f32>,
    pub probability: Vec<f32>,
    /// Keep every score on its side of the default threshold: the order and the 0.5
    /// crossing are preserved, so what `fix` applies does not change.
    #[serde(default)]
    pub keep_threshold: bool,
}

impl Map {
    pub fn apply(&self, x: f32) -> f32 {
        let (r, p) = (&self.raw, &self.probability);
        if r.is_empty() || r.len() != p.len() {
            return x;
        }
        let i = r.partition_point(|&k| k <= x);
        let y = if i == 0 {
            p[0]
        } else if i == r.len() {
            p[r.len() - 1]
        } else {
            let (x0, x1, y0, y1) = (r[i - 1], r[i], p[i - 1], p[i]);
            if x1 > x0 {
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            } else {
                y1
            }
        };
        // Four decimals: short in JSON, fine enough to keep distinct raw scores apart.
        let y = ((y * 10_000.0).round() / 10_000.0).clamp(0.0, 1.0);
        if self.keep_threshold {
            if x < THRESHOLD {
                y.min(THRESHOLD - 0.01)
            } else {
                y.max(THRESHOLD)
            }
        } else {
            y
        }
    }
}

impl Calibration {
    pub fn map(&self, family: Family) -> &Map {
        match family {
            Family::Spam => &self.spam,
            Family::Duplicate => &self.duplicate,
            Family::Other => &self.other,
        }
    }

    /// The file `redline eval --fit-calibration` writes.
    pub fn to_toml(&self, header: &str) -> String {
        let mut s = String::new();
        for line in header.lines() {
            let _ = writeln!(s, "# {line}");
        }
        for (name, m) in [
            ("spam", &self.spam),
            ("duplicate", &self.duplicate),
            ("other", &self.other),
        ] {
            let list = |v: &[f32]| {
                v.iter()
                    .map(|x| format!("{x:.4}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(s, "\n[{name}]");
            let _ = writeln!(s, "keep_threshold = {}", m.keep_threshold);
            let _ = writeln!(s, "raw = [{}]", list(&m.raw));
            let _ = writeln!(s, "probability = [{}]", list(&m.probability));
        }
        s
    }
}

/// The compiled-in calibration.
pub fn calibration() -> &'static Calibration {
    &CALIBRATION
}

/// The probability that a finding of `rule` with raw score `raw` is right.
pub fn calibrate(rule: Rule, raw: f32) -> f32 {
    calibration().map(rule.family()).apply(raw)
}

/// One labelled finding: its raw score and whether it was right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub family: Family,
    pub raw: f32,
    pub right: bool,
}

/// Share of the raw score mixed into the fitted map, so that it is strictly increasing:
/// findings keep their order within a family.
const ORDER_MIX: f64 = 0.05;

/// Fit an increasing map to `samples` by isotonic regression (pool adjacent violators,
/// pooling equal neighbours too). Each pooled block is a flat step from its lowest to its
/// highest raw score, at its share of right findings with one right and one wrong added
/// (no finite sample proves 0 or 1); [`ORDER_MIX`] of the raw score is mixed in.
pub fn fit_map(samples: &[(f32, bool)], keep_threshold: bool) -> Map {
    let mut xs: Vec<(f32, bool)> = samples.to_vec();
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Blocks of (lowest x, highest x, right, count).
    let mut blocks: Vec<(f32, f32, f64, f64)> = Vec::new();
    for (x, y) in xs {
        let y = f64::from(u8::from(y));
        match blocks.last_mut() {
            Some(b) if b.1 == x => {
                b.2 += y;
                b.3 += 1.0;
            }
            _ => blocks.push((x, x, y, 1.0)),
        }
        while blocks.len() >= 2 {
            let n = blocks.len();
            let (a, b) = (blocks[n - 2], blocks[n - 1]);
            if a.2 / a.3 < b.2 / b.3 {
                break;
            }
            blocks.pop();
            blocks[n - 2] = (a.0, b.1, a.2 + b.2, a.3 + b.3);
        }
    }
    let mut raw = Vec::new();
    let mut probability = Vec::new();
    let mut floor = 0.0f64;
    for b in &blocks {
        // Smoothing can undo the order of two close blocks; keep it non-decreasing.
        let p = ((b.2 + 1.0) / (b.3 + 2.0)).max(floor);
        floor = p;
        for x in if b.0 == b.1 {
            vec![b.0]
        } else {
            vec![b.0, b.1]
        } {
            raw.push(x);
            probability.push(((1.0 - ORDER_MIX) * p + ORDER_MIX * f64::from(x)) as f32);
        }
    }
    Map {
        raw,
        probability,
        keep_threshold,
    }
}

/// Fit all three families. A family with no right or no wrong finding keeps the identity.
pub fn fit(samples: &[Sample], keep_threshold: bool) -> Calibration {
    let family = |f: Family| {
        let s: Vec<(f32, bool)> = samples
            .iter()
            .filter(|s| s.family == f)
            .map(|s| (s.raw, s.right))
            .collect();
        if s.iter().all(|x| x.1) || s.iter().all(|x| !x.1) {
            Map::default()
        } else {
            fit_map(&s, keep_threshold)
        }
    };
    Calibration {
        spam: family(Family::Spam),
        duplicate: family(Family::Duplicate),
        other: family(Family::Other),
    }
}

/// Bins of reported confidence, from 0.3 (where suggestions start) up.
pub const BINS: [(f32, f32); 6] = [
    (0.3, 0.5),
    (0.5, 0.6),
    (0.6, 0.7),
    (0.7, 0.8),
    (0.8, 0.9),
    (0.9, 1.0),
];

/// Count and right findings per bin of reported confidence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reliability {
    pub bins: [(usize, usize); BINS.len()],
}

impl Reliability {
    pub fn add(&mut self, confidence: f32, right: bool) {
        let last = BINS.len() - 1;
        if let Some(i) = BINS
            .iter()
            .enumerate()
            .position(|(i, &(lo, hi))| confidence >= lo && (confidence < hi || i == last))
        {
            self.bins[i].0 += 1;
            self.bins[i].1 += usize::from(right);
        }
    }

    /// The table: per bin the count, the observed precision, and whether it falls in the
    /// bin (strictly, and allowing two standard errors of sampling noise).
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "reliability (held-out): confidence  findings  right  observed  in bin"
        );
        for (&(lo, hi), &(n, k)) in BINS.iter().zip(&self.bins) {
            if n == 0 {
                let _ = writeln!(s, "  {lo:.1}-{hi:.1}  {n:>8}  {k:>5}         -  -");
                continue;
            }
            let p = k as f64 / n as f64;
            let (lo, hi) = (f64::from(lo), f64::from(hi));
            let se = 2.0 * (p.clamp(0.05, 0.95) * (1.0 - p.clamp(0.05, 0.95)) / n as f64).sqrt();
            let check = if (lo..=hi).contains(&p) {
                "yes"
            } else if p + se >= lo && p - se <= hi {
                "within noise"
            } else {
                "NO"
            };
            let _ = writeln!(s, "  {lo:.1}-{hi:.1}  {n:>8}  {k:>5}  {p:>8.3}  {check}");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calibration_file_parses_and_every_map_is_monotone() {
        let c: Calibration = toml::from_str(CALIBRATION_TOML).expect("calibration.toml");
        for m in [&c.spam, &c.duplicate, &c.other] {
            assert_eq!(m.raw.len(), m.probability.len());
            assert!(m.raw.windows(2).all(|w| w[0] <= w[1]));
            assert!(m.probability.windows(2).all(|w| w[0] <= w[1]));
            let ys: Vec<f32> = (0..=100).map(|i| m.apply(i as f32 / 100.0)).collect();
            assert!(ys.windows(2).all(|w| w[0] <= w[1]), "{ys:?}");
            // The shipped maps keep what is fixed: every raw score stays on its side of the
            // default threshold.
            assert!(m.raw.is_empty() || m.keep_threshold);
            for i in 0..=1000 {
                let x = i as f32 / 1000.0;
                assert_eq!(x >= THRESHOLD, m.apply(x) >= THRESHOLD, "{x}");
            }
        }
    }

    #[test]
    fn isotonic_fit_pools_violators_and_reproduces_frequencies() {
        // At 0.2 one of two is right, at 0.4 none of two (a violation: pooled), at 0.9 all.
        let s = [
            (0.2, true),
            (0.2, false),
            (0.4, false),
            (0.4, false),
            (0.9, true),
            (0.9, true),
        ];
        let m = fit_map(&s, false);
        assert_eq!(m.raw, [0.2, 0.4, 0.9]);
        // (1 + 1) / (4 + 2) from 0.2 to 0.4, then (2 + 1) / (2 + 2); 5% of raw mixed in.
        let want = [
            0.95 * 2.0 / 6.0 + 0.05 * 0.2,
            0.95 * 2.0 / 6.0 + 0.05 * 0.4,
            0.95 * 0.75 + 0.05 * 0.9,
        ];
        for (p, w) in m.probability.iter().zip(want) {
            assert!((p - w).abs() < 1e-6, "{p} {w}");
        }
        assert!(m.apply(0.6) > m.apply(0.5) && m.apply(0.6) < m.apply(0.9));
    }

    #[test]
    fn keeping_the_threshold_keeps_each_score_on_its_side() {
        let m = Map {
            raw: vec![0.3, 0.45, 0.6],
            probability: vec![0.2, 0.9, 0.95],
            keep_threshold: true,
        };
        assert!(m.apply(0.49) < 0.5);
        assert!(m.apply(0.5) >= 0.5);
        let low = Map {
            raw: vec![0.5, 0.9],
            probability: vec![0.1, 0.2],
            keep_threshold: true,
        };
        assert_eq!(low.apply(0.6), 0.5);
        assert!(Map::default().apply(0.37) == 0.37);
    }

    #[test]
    fn reliability_bins_by_reported_confidence() {
        let mut r = Reliability::default();
        r.add(0.85, true);
        r.add(0.85, false);
        r.add(1.0, true);
        r.add(0.1, true);
        assert_eq!(r.bins[4], (2, 1));
        assert_eq!(r.bins[5], (1, 1));
        assert!(r.render().contains("0.8-0.9"));
    }
}
