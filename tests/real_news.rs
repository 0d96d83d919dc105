//! Precision on real Thai government news (`../shared/corpus/thaigov-dev.jsonl`): a
//! duplicate fix at the default threshold never cuts a fragment out of a line. Real news
//! restates its headline in the deck and the lede; that is style, not damage.
//!
//! Debug builds sample every tenth article; release builds (`cargo test --release`) read all.

mod news;

use redline::{DEFAULT_MIN_CONFIDENCE, Document, Kind, ScanOptions, scan};

/// At most this share of articles may get a fragmenting duplicate cut (issue 9: 1%).
const MAX_FRAGMENT_RATE: f64 = 0.01;

#[test]
fn duplicate_fixes_never_cut_fragments_out_of_real_news() {
    let Some(corpus) = news::corpus("thaigov-dev.jsonl") else {
        return;
    };
    let step = if cfg!(debug_assertions) { 10 } else { 1 };
    let opts = ScanOptions::default();
    let (mut articles, mut cut) = (0usize, Vec::new());
    for line in corpus.lines().step_by(step) {
        let record: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let Some(text) = record["text"].as_str().and_then(news::canonical) else {
            continue;
        };
        articles += 1;
        let doc = Document::new(text);
        let rules: Vec<&str> = scan(&doc, &opts)
            .iter()
            .filter(|f| f.kind == Kind::Duplicate && f.confidence >= DEFAULT_MIN_CONFIDENCE)
            .filter(|f| news::cuts_fragment(&doc.text, &f.range))
            .map(|f| f.rule.as_str())
            .collect();
        if !rules.is_empty() {
            cut.push(format!("{} {rules:?}", record["id"]));
        }
    }
    let rate = cut.len() as f64 / articles.max(1) as f64;
    println!(
        "{articles} real articles, fragmenting duplicate cuts in {} ({:.2}%)",
        cut.len(),
        100.0 * rate
    );
    assert!(articles >= 200, "only {articles} articles canonicalised");
    assert!(
        rate <= MAX_FRAGMENT_RATE,
        "fragmenting duplicate cuts in {:.2}% of real articles: {cut:?}",
        100.0 * rate
    );
}

#[test]
fn the_canonical_form_and_the_fragment_test_behave_like_the_tool() {
    let raw = "\u{feff}รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-หัวข้อข่าว\r\n\r\nวันพฤหัสบดีที่ 23 กุมภาพันธ์ 2560\r\nพิมพ์\r\n12/03/2561\r\nหัวข้อ ข่าว\r\nย่อหน้าแรก\r\nย่อหน้าที่สอง\r\nที่มา: สำนักข่าว\r\nท้ายข่าว";
    // Too short to count (the tool keeps articles over 400 characters).
    assert_eq!(news::canonical(raw), None);
    let long = raw.replace("ย่อหน้าแรก", &"ย่อหน้าแรกยาว".repeat(40));
    let c = news::canonical(&long).expect("an article");
    assert!(c.starts_with("หัวข้อข่าว\n\nย่อหน้าแรกยาว"), "{c}");
    assert!(c.ends_with("ย่อหน้าที่สอง\n"), "{c}");
    assert!(!c.contains("พิมพ์") && !c.contains("ที่มา") && !c.contains("2560"));
    assert_eq!(news::canonical("ข่าวอื่น\n\nก\n\nข"), None);

    let t = "หัวข้อ\n\nคำหนึ่ง คำสอง คำสอง คำสาม\n\nจบ";
    let at = |s: &str| {
        let i = t.rfind(s).expect("in text");
        i..i + s.len()
    };
    assert!(!news::cuts_fragment(t, &at("\n\nจบ")), "whole line");
    assert!(!news::cuts_fragment(t, &at(" คำสอง")), "next to its copy");
    assert!(news::cuts_fragment(t, &at("คำสาม")), "a fragment");
}
