//! `fix` settles in one run (issue 8, item 10): fixing its own output changes nothing,
//! fix(fix(x)) == fix(x), over damaged articles from the generator and over repetitive text
//! where one fix can bring two copies together.

mod common;

use proptest::prelude::*;
use redline::eval::{Rng, damage};
use redline::review::{fix_settled, fix_text};
use redline::{DEFAULT_MIN_CONFIDENCE, Document, ScanOptions, scan};

fn fix(text: &str) -> String {
    fix_settled(text, &ScanOptions::default(), DEFAULT_MIN_CONFIDENCE).expect("fixes apply")
}

/// Pieces that repeat and nest: whole paragraphs, clauses, glued phrases, gapped repeats.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("รัฐบาลเร่งแผนน้ำประปาในชนบทของภาคอีสาน".to_owned()),
        Just("กลับประเทศ".to_owned()),
        Just("ของตน".to_owned()),
        Just("ของรัฐมนตรีมหาดไทย".to_owned()),
        Just("บาคาร่า".to_owned()),
        Just("ไม่เร่งรีบ".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("…".to_owned()),
        Just("The council approved the new budget".to_owned()),
        Just(". ".to_owned()),
        Just(" ".to_owned()),
        Just("\n\n".to_owned()),
        "[ก-ฮะ-ูเ-ๆ็-๎ ]{1,16}",
    ]
}

fn repetitive_article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(piece(), 1..10),
        prop::collection::vec(0usize..10, 0..50),
    )
        .prop_map(|(pieces, order)| {
            let body: String = order
                .iter()
                .map(|&i| pieces[i % pieces.len()].as_str())
                .collect();
            format!("หัวข้อข่าวทดสอบ\n\n{body}\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn fixing_damaged_articles_twice_changes_nothing(article in 0usize..1000, seed in any::<u64>()) {
        let clean = common::clean_articles();
        let mut rng = Rng::new(seed);
        let damaged = damage(&clean[article % clean.len()], &mut rng, false);
        let once = fix(&damaged.text);
        prop_assert_eq!(fix(&once), once);
    }

    #[test]
    fn fixing_repetitive_text_twice_changes_nothing(text in repetitive_article()) {
        let once = fix(&text);
        prop_assert_eq!(fix(&once), once);
    }
}

/// The case that broke it: the first copy of a repeated paragraph also carries a doubled
/// phrase, so the copies compare equal only after the first pass.
#[test]
fn the_cli_fix_settles_in_one_run() {
    let lede = "ย่อหน้าแรกของข่าวนี้ยาวพอสมควรสำหรับการทดสอบ และมีอีกหลายคำต่อจากนี้";
    let damaged = format!(
        "หัวข้อข่าวทดสอบการซ่อมแซม\n\n{}\n\nย่อหน้าที่สองพูดถึงเรื่องอื่นโดยสิ้นเชิง ไม่ซ้ำกับย่อหน้าแรกเลย\n\n{lede}\n",
        lede.replacen("สำหรับการทดสอบ", "สำหรับการทดสอบสำหรับการทดสอบ", 1)
    );
    // One pass alone leaves the paragraph copy.
    let doc = Document::new(damaged.as_str());
    let one_pass = fix_text(&doc.text, &scan(&doc, &ScanOptions::default()), 0.5).expect("applies");
    assert!(one_pass.matches(lede).count() == 2, "{one_pass}");

    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("a.txt");
    std::fs::write(&input, &damaged).expect("write");
    let run = |path: &std::path::Path| {
        let out = common::redline(dir.path())
            .args(["fix", "-o", "-"])
            .arg(path)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let first = run(&input);
    assert_eq!(first.matches(lede).count(), 1, "{first}");
    let again = dir.path().join("b.txt");
    std::fs::write(&again, &first).expect("write");
    assert_eq!(run(&again), first);
}
