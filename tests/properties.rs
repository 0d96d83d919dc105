//! Invariants over arbitrary text: scanning never panics, every finding lies on grapheme
//! boundaries, applying any subset of fixes changes nothing outside the chosen ranges, and
//! remapping never points a pending finding at different text.

use proptest::prelude::*;
use redline::review::{Edit, apply_edits, map_range, resolve};
use redline::segment::is_grapheme_boundary;
use redline::{Document, ScanOptions, decode, scan};

/// Pieces that exercise the detectors and the hard parts of Thai text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("บาคาร่า".to_owned()),
        Just("สล็อต".to_owned()),
        Just("ufabet".to_owned()),
        Just("rambutanbet77".to_owned()),
        Just("กลับประเทศ".to_owned()),
        Just("ของตน".to_owned()),
        Just("น้ำ".to_owned()),
        Just("ที่".to_owned()),
        Just("เด็ก ๆ".to_owned()),
        Just("สหรัฐฯ".to_owned()),
        Just("รศ.ดร.".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("…".to_owned()),
        Just(". ".to_owned()),
        Just(")".to_owned()),
        Just(" ".to_owned()),
        Just("  ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("\u{0e48}".to_owned()),
        Just("\u{0e4d}\u{0e32}".to_owned()),
        Just("๑๖๘".to_owned()),
        Just("The council approved the budget".to_owned()),
        Just("c a s i n o".to_owned()),
        "[ก-ฮะ-ูเ-ๆ็-๎a-zA-Z0-9 ]{1,12}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// An article that repeats a few of its own pieces, so duplicate detectors fire too.
fn repetitive_article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(piece(), 1..12),
        prop::collection::vec(0usize..12, 0..40),
    )
        .prop_map(|(pieces, order)| {
            order
                .iter()
                .map(|&i| pieces[i % pieces.len()].as_str())
                .collect::<String>()
        })
}

fn check_findings(text: &str, mask: u64) -> Result<(), TestCaseError> {
    let doc = Document::new(text);
    let findings = scan(&doc, &ScanOptions::default());
    for f in &findings {
        prop_assert!(f.range.start <= f.range.end && f.range.end <= text.len());
        prop_assert!(is_grapheme_boundary(text, f.range.start), "{f:?}");
        prop_assert!(is_grapheme_boundary(text, f.range.end), "{f:?}");
        prop_assert!((0.0..=1.0).contains(&f.confidence));
        prop_assert!(!f.message.is_empty());
    }
    // Any subset: resolve overlaps, apply, and compare with a plain splice.
    let chosen = resolve(
        &findings,
        (0..findings.len()).filter(|i| mask >> (i % 64) & 1 == 1),
    );
    let edits: Vec<Edit> = chosen.iter().map(|&i| Edit::from(&findings[i])).collect();
    for w in chosen.windows(2) {
        prop_assert!(findings[w[0]].range.end <= findings[w[1]].range.start);
    }
    let out = apply_edits(text, &edits).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut expected = String::new();
    let mut at = 0;
    for e in &edits {
        expected.push_str(&text[at..e.range.start]);
        expected.push_str(&e.replacement);
        at = e.range.end;
    }
    expected.push_str(&text[at..]);
    prop_assert_eq!(&out, &expected);
    // Remap every other finding through the first edit: same text or stale, never moved.
    if let Some(first) = edits.first() {
        let once = apply_edits(text, std::slice::from_ref(first))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for f in &findings {
            if let Some(r) = map_range(&f.range, first) {
                prop_assert_eq!(&once[r], &text[f.range.clone()]);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_subset_of_fixes_changes_only_its_ranges(text in article(), mask in any::<u64>()) {
        check_findings(&text, mask)?;
    }

    #[test]
    fn repeated_material_never_breaks_the_invariants(text in repetitive_article(), mask in any::<u64>()) {
        check_findings(&text, mask)?;
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(d) = decode(&bytes) {
            let doc = Document::new(d.text);
            let _ = scan(&doc, &ScanOptions::default());
        }
    }
}
