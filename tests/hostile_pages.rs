//! Hostile pages in a site run: nesting 100 000 deep (closed and unclosed), a 10 MB
//! attribute, broken CSS, a big page, unknown and garbage charset labels. Each page is
//! scanned and fixed (or gets a clear message), and no page loses the others of the run.
//! No timing asserts: a quadratic step shows as a test that does not finish.

mod common;

use common::redline;
use serde_json::Value;

/// Planted in every page: what `fix` must take out, and nothing else.
const SPAM: &str = "<span class=\"hidden\">บาคาร่า ufabet</span>";

fn article() -> String {
    format!(
        "<article><h1>ข่าวเช้า</h1><p>ฝนตกหนักในภาคใต้ ประชาชนได้รับผลกระทบหลายพื้นที่{SPAM}</p></article>"
    )
}

/// The pages: name and bytes.
fn pages() -> Vec<(&'static str, Vec<u8>)> {
    let a = article();
    let mut big = String::from("<html><head><title>ข่าว</title></head><body>\n");
    let mut i = 0;
    // 8 MB of ordinary posts: big enough to show a quadratic step, small enough for a
    // debug build (the 50 MB page is measured in the README).
    while big.len() < 8 << 20 {
        big.push_str(&format!(
            "<div class=\"post\"><a href=\"/news/{i}\">ข่าวประจำวันที่ {i}</a> <span>{i} ครั้ง</span></div>\n"
        ));
        i += 1;
    }
    big.push_str(&a);
    big.push_str("</body></html>\n");
    vec![
        (
            "a-deep.html",
            format!(
                "<html><body>{}ลึก{}{a}</body></html>",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            )
            .into_bytes(),
        ),
        (
            "b-attr.html",
            format!(
                "<html><body><div title=\"{}\" class=\"{}\">x</div>{a}</body></html>",
                "ก".repeat((10 << 20) / 3),
                "c ".repeat(1 << 20)
            )
            .into_bytes(),
        ),
        (
            "c-css.html",
            format!(
                "<style>{}.x{{display:none</style><style>@media {{{{ ;;; }}</style><style>{}{{color:red}}</style>{a}",
                "{".repeat(50_000),
                ".a .b > c ~ d + e:hover::before[x=\"y\"],".repeat(50_000)
            )
            .into_bytes(),
        ),
        ("d-big.html", big.into_bytes()),
        (
            "e-charset.html",
            format!("<meta charset=\"x-klingon\">{a}").into_bytes(),
        ),
        ("f-charset.html", {
            let mut b = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=".to_vec();
            b.extend_from_slice(&[0xff, 0xfe, 0x1b]);
            b.extend_from_slice(b"\">");
            b.extend_from_slice(a.as_bytes());
            b
        }),
        (
            "g-ok.html",
            format!("<html><body>{a}</body></html>").into_bytes(),
        ),
    ]
}

/// `bytes` without the planted spam.
fn without_spam(bytes: &[u8]) -> Vec<u8> {
    let s = SPAM.as_bytes();
    let i = bytes
        .windows(s.len())
        .position(|w| w == s)
        .expect("spam planted");
    [&bytes[..i], &bytes[i + s.len()..]].concat()
}

#[test]
fn hostile_pages_are_scanned_and_fixed_and_never_lose_the_others() {
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path().join("site");
    std::fs::create_dir(&site).expect("dir");
    let pages = pages();
    for (name, bytes) in &pages {
        std::fs::write(site.join(name), bytes).expect("write");
    }
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&site)
        .timeout(std::time::Duration::from_secs(900))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("e-charset.html: the page declares the unknown charset \"x-klingon\""),
        "{stderr}"
    );
    assert!(stderr.contains("f-charset.html"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "labels are made harmless");
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let (summary, docs) = records.split_last().expect("records");
    assert_eq!(summary["summary"]["pages"], pages.len(), "{summary}");
    assert_eq!(docs.len(), pages.len());
    for d in docs {
        let rules: Vec<&str> = d["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert_eq!(rules, ["spam.hidden-text"], "{}", d["source"]);
    }

    let clean = dir.path().join("clean");
    let out = redline(dir.path())
        .arg("fix")
        .arg(&site)
        .arg("--out-dir")
        .arg(&clean)
        .timeout(std::time::Duration::from_secs(900))
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (name, bytes) in &pages {
        let got =
            std::fs::read(clean.join(name)).unwrap_or_else(|e| panic!("{name}: {e}; {stderr}"));
        assert!(got == without_spam(bytes), "{name}: only the spam goes");
    }
}
