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
    // A run over a directory with pages ends with its summary record (no source).
    assert_eq!(sources, ["a.html", "b.txt", ""]);
}

/// A page of the university shape, as written, and with a hidden spam block and a link
/// wrapped around a word.
fn tis620_pages() -> (String, String) {
    let clean = "<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=tis-620\">\n\
        <title>มหาวิทยาลัยบ้านนา</title>\n</head>\n<body>\n<article><h1>มหาวิทยาลัยเปิดรับสมัครนักศึกษาใหม่</h1>\n\
        <p>มหาวิทยาลัยบ้านนาเปิดรับสมัครนักศึกษาใหม่ประจำปีการศึกษา 2567 ผ่านระบบออนไลน์ ตั้งแต่วันนี้ถึงสิ้นเดือน</p>\n\
        </article>\n</body></html>\n";
    let hacked = clean
        .replacen(
            "ผ่านระบบออนไลน์",
            "ผ่าน<a href=\"https://ufabet-vip.example/\">ระบบออนไลน์</a>",
            1,
        )
        .replacen(
            "</article>\n",
            "</article>\n<div style=\"display:none\">สล็อตเว็บตรง <a href=\"https://pgslot-max.example/\">pgslot</a></div>\n",
            1,
        );
    (clean.to_owned(), hacked)
}

fn tis620(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_874.encode(s);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_tis620_page_that_declares_its_charset_is_fixed_in_tis620() {
    let dir = tempfile::tempdir().expect("temp");
    let (clean, hacked) = tis620_pages();
    let input = dir.path().join("admission.html");
    std::fs::write(&input, tis620(&hacked)).expect("write");
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(json["encoding"], "windows-874");
    let fixed = dir.path().join("fixed.html");
    redline(dir.path())
        .arg("fix")
        .arg(&input)
        .arg("-o")
        .arg(&fixed)
        .assert()
        .code(0);
    assert_eq!(std::fs::read(&fixed).expect("fixed"), tis620(&clean));
}

#[test]
fn page_findings_carry_their_scope_and_a_doorway_page_is_left_as_it_is() {
    let dir = tempfile::tempdir().expect("temp");
    let (_, hacked) = tis620_pages();
    let page = dir.path().join("page.html");
    std::fs::write(&page, &hacked).expect("write");
    let door = fixture("pages/doorway.html");
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&page)
        .arg(&door)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let docs: Vec<Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let findings = docs[0]["findings"].as_array().expect("findings");
    let wrapped = findings
        .iter()
        .find(|f| f["rule"] == "spam.wrapped-link")
        .expect("wrapped link");
    assert_eq!(wrapped["scope"], "page");
    assert_eq!(wrapped["replacement"], "ระบบออนไลน์");
    assert!(
        wrapped["extracted"]["start"].is_u64(),
        "its words are in the article"
    );
    let hidden = findings
        .iter()
        .find(|f| f["rule"] == "spam.hidden-text")
        .expect("hidden block");
    assert_eq!(hidden["scope"], "page");
    assert_eq!(hidden["replacement"], "");
    assert!(
        hidden["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("<div style"))
    );
    let door_findings = docs[1]["findings"].as_array().expect("findings");
    assert_eq!(door_findings.len(), 1);
    assert_eq!(door_findings[0]["rule"], "spam.page");

    let text = redline(dir.path())
        .arg("scan")
        .arg(&door)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(text)
            .expect("utf-8")
            .contains("spam.page")
    );
    let out = dir.path().join("door.html");
    redline(dir.path())
        .arg("fix")
        .arg(&door)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(read(&out), read(&door));
}

#[test]
fn hostile_pages_get_a_message_and_the_others_go_on() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("site");
    std::fs::create_dir(&corpus).expect("dir");
    let article = "<article><h1>ข่าวเช้า</h1><p>ฝนตกหนักในภาคใต้<span class=\"hidden\">บาคาร่า ufabet</span></p></article>";
    // An unknown charset: detected instead, and said so.
    std::fs::write(
        corpus.join("a-charset.html"),
        format!("<meta charset=\"x-klingon\x1b[31m\">{article}"),
    )
    .expect("write");
    // Broken and deeply nested CSS.
    std::fs::write(
        corpus.join("b-css.html"),
        format!(
            "<style>{}.x{{display:none</style><style>@media {{{{ ;;; }}</style>{article}",
            "{".repeat(50_000)
        ),
    )
    .expect("write");
    // A giant attribute and a giant class list.
    std::fs::write(
        corpus.join("c-attr.html"),
        format!(
            "<div title=\"{}\" class=\"{}\">x</div>{article}",
            "ก".repeat(2_000_000),
            "c ".repeat(200_000)
        ),
    )
    .expect("write");
    // Declared TIS-620, but bytes no TIS-620 page has.
    let mut bad = b"<meta charset=\"tis-620\">".to_vec();
    bad.extend_from_slice(&[0xdb, 0xdc, 0xfc]);
    bad.extend_from_slice(article.as_bytes());
    std::fs::write(corpus.join("d-bytes.html"), bad).expect("write");
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&corpus)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .get_output()
        .clone();
    let code = out.status.code();
    assert!(code == Some(1) || code == Some(2), "{code:?}");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("unknown charset"), "{stderr}");
    assert!(
        !stderr.contains('\x1b'),
        "the label is made harmless: {stderr:?}"
    );
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let names: Vec<&str> = docs
        .iter()
        .filter_map(|d| d["source"].as_str())
        .filter_map(|s| s.rsplit('/').next())
        .collect();
    // Every readable page is scanned, and each one's hidden spam is found.
    for name in ["a-charset.html", "b-css.html", "c-attr.html"] {
        assert!(names.contains(&name), "{name} in {names:?}; {stderr}");
    }
    let (summary, docs) = docs.split_last().expect("records");
    assert!(summary["summary"]["pages"].as_u64() >= Some(3), "{summary}");
    for d in docs {
        let rules: Vec<&str> = d["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(
            rules.contains(&"spam.hidden-text"),
            "{}: {rules:?}",
            d["source"]
        );
    }
}

#[test]
fn fix_out_dir_keeps_the_tree_of_a_mirrored_site() {
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path().join("site");
    let (clean, hacked) = tis620_pages();
    let pages = [
        ("index.html", clean.as_str()),
        ("2024/01/index.html", hacked.as_str()),
        ("2024/02/index.html", clean.as_str()),
        ("about/index.html", hacked.as_str()),
    ];
    for (name, page) in pages {
        let p = site.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
        std::fs::write(&p, tis620(page)).expect("write");
    }
    let out = dir.path().join("clean");
    redline(dir.path())
        .arg("fix")
        .arg(&site)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(0);
    for (name, _) in pages {
        let got = std::fs::read(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            got,
            tis620(&clean),
            "{name} is cleaned in place in the tree"
        );
    }
    assert!(!out.join("index.html").is_dir());
    // Files named one by one still go to the top of the output directory.
    let flat = dir.path().join("flat");
    redline(dir.path())
        .arg("fix")
        .arg(site.join("2024/01/index.html"))
        .arg("--out-dir")
        .arg(&flat)
        .assert()
        .code(0);
    assert!(flat.join("index.html").is_file());
}
