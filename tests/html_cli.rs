//! HTML pages at the command line: findings point into the page, `fix` changes only the
//! spam and leaves every other byte of the page as it was.

mod common;

use common::redline;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/html")
        .join(name)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("readable")
}

#[test]
fn scan_reports_places_in_the_page_source() {
    let dir = tempfile::tempdir().expect("temp");
    let page = read(&fixture("damaged.html"));
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(fixture("damaged.html"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).expect("json");
    let findings = json["findings"].as_array().expect("findings");
    let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"spam.hidden-text"), "{rules:?}");
    assert!(rules.contains(&"spam.gambling-link"), "{rules:?}");
    let chars: Vec<char> = page.chars().collect();
    for f in findings {
        // Code-point offsets into the page give back the reported text.
        let (s, e) = (
            f["start"].as_u64().expect("start"),
            f["end"].as_u64().expect("end"),
        );
        let text: String = chars[s as usize..e as usize].iter().collect();
        assert_eq!(Some(text.as_str()), f["text"].as_str());
        let b = f["byte_start"].as_u64().expect("byte") as usize;
        assert!(page[b..].starts_with(&text));
        assert!(f["extracted"]["start"].is_u64(), "extracted offsets too");
    }
    let lexicon = findings
        .iter()
        .find(|f| f["rule"] == "spam.lexicon")
        .expect("บาคาร่า");
    assert_eq!(lexicon["text"], "บาคาร่า");

    let text = redline(dir.path())
        .arg("scan")
        .arg(fixture("damaged.html"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).expect("utf-8");
    // บาคาร่า is on line 8 of the page, after "<p>รัฐมนตรีคมนาคม" (17 code points).
    assert!(
        text.contains("damaged.html:8:18: spam spam.lexicon"),
        "{text}"
    );
}

#[test]
fn fix_changes_only_the_spam_in_the_page() {
    let dir = tempfile::tempdir().expect("temp");
    let page = read(&fixture("damaged.html"));
    let out = dir.path().join("fixed.html");
    redline(dir.path())
        .arg("fix")
        .arg(fixture("damaged.html"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let fixed = read(&out);
    for gone in ["บาคาร่า", "ufabet", "display: none", "slot-example"] {
        assert!(!fixed.contains(gone), "{gone} left in {fixed}");
    }
    // Every line of the result is a line of the page, except the two edited in place.
    let page_lines: Vec<&str> = page.lines().collect();
    let changed: Vec<&str> = fixed.lines().filter(|l| !page_lines.contains(l)).collect();
    assert_eq!(
        changed,
        [
            "<p>รัฐมนตรีคมนาคม เดินทางไปตรวจพื้นที่ก่อสร้างเมื่อวันจันทร์</p>",
            "<p>ชาวบ้านในพื้นที่ส่วนใหญ่เห็นด้วยกับโครงการ โปรโมชั่นพิเศษ และหวังว่าจะเสร็จตามกำหนด</p>",
        ]
    );
    let para = "<p>ถนนสายนี้จะเชื่อมสองจังหวัดและช่วยลดเวลาเดินทางลงครึ่งหนึ่ง</p>";
    assert_eq!(fixed.matches(para).count(), 1, "the pasted copy goes");
    assert_eq!(fixed.lines().count(), page.lines().count() - 2);

    // A clean page comes back byte for byte.
    let clean_out = dir.path().join("clean.html");
    redline(dir.path())
        .arg("fix")
        .arg(fixture("clean.html"))
        .arg("-o")
        .arg(&clean_out)
        .assert()
        .code(0);
    assert_eq!(read(&clean_out), read(&fixture("clean.html")));
}

#[test]
fn html_on_standard_input_is_recognised_or_named() {
    let dir = tempfile::tempdir().expect("temp");
    let page = read(&fixture("damaged.html"));
    let auto = redline(dir.path())
        .args(["fix", "-", "-o", "-"])
        .write_stdin(page.clone())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let auto = String::from_utf8(auto).expect("utf-8");
    assert!(auto.starts_with("<!DOCTYPE html>") && !auto.contains("ufabet"));
    let fragment = "<p>ข่าวฝนตกหนัก<a href=\"https://ufabet-example.com/\">ufabet</a></p>";
    let named = redline(dir.path())
        .args(["fix", "--input-format", "html", "-", "-o", "-"])
        .write_stdin(fragment)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(named).expect("utf-8"),
        "<p>ข่าวฝนตกหนัก</p>"
    );
    let as_text = redline(dir.path())
        .args(["fix", "--input-format", "text", "-", "-o", "-"])
        .write_stdin(fragment)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(as_text)
            .expect("utf-8")
            .contains("<a href")
    );
}

#[test]
fn deeply_nested_pages_cost_little() {
    let dir = tempfile::tempdir().expect("temp");
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>ข่าว บาคาร่า</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let path = dir.path().join("deep.html");
    std::fs::write(&path, &page).expect("write");
    redline(dir.path())
        .arg("scan")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(predicates::ord::le(1));
}

#[test]
fn directories_take_pages_and_text_alike() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("dir");
    std::fs::copy(fixture("damaged.html"), corpus.join("a.html")).expect("copy");
    std::fs::write(corpus.join("b.txt"), "ข่าว\n\nวันนี้ฝนตกบาคาร่า หนัก\n").expect("write");
    std::fs::write(corpus.join("c.md"), "not read").expect("write");
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&corpus)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let sources: Vec<String> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json");
            v["source"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(sources, ["a.html", "b.txt"]);
}
