//! The command line as scripts use it: exit codes, JSON Lines, safe writes, encodings.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const DAMAGED: &str = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n\nประชาชนควรติดตามประกาศ (รายงานโดย อรุณี ใจงาม)บาคาร่า\n";
const FIXED: &str = "ฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯ เตือนว่าฝนจะตกหนัก\n\nประชาชนควรติดตามประกาศ (รายงานโดย อรุณี ใจงาม)\n";
const CLEAN: &str =
    "Ferry to resume\n\nThe ferry will run twice a day from June, officials said.\n";

fn redline(config: &Path) -> Command {
    let mut c = Command::cargo_bin("redline").expect("binary builds");
    c.env("REDLINE_CONFIG_DIR", config).env_remove("NO_COLOR");
    c
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("config")).expect("config dir");
    std::fs::write(dir.path().join("damaged.txt"), DAMAGED).expect("write");
    std::fs::write(dir.path().join("clean.txt"), CLEAN).expect("write");
    dir
}

#[test]
fn scan_exit_codes_and_linter_lines() {
    let d = setup();
    let cfg = d.path().join("config");
    redline(&cfg)
        .arg("scan")
        .arg(d.path().join("clean.txt"))
        .assert()
        .code(0)
        .stdout("");
    let out = redline(&cfg)
        .arg("scan")
        .arg(d.path().join("damaged.txt"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("damaged.txt:1:1: spam spam.lexicon 'บาคาร่า' starts the title"),
        "{text}"
    );
    assert!(
        lines.iter().all(|l| !l.contains('\x1b')),
        "no colour when piped"
    );
    // Column is in code points: บาคาร่า starts after "...กรมอุตุนิยมวิทยาสหรัฐฯ".
    let col = DAMAGED
        .lines()
        .nth(2)
        .and_then(|l| l.find("บาคาร่า"))
        .map(|b| DAMAGED.lines().nth(2).unwrap_or("")[..b].chars().count() + 1);
    assert!(
        lines[1].contains(&format!(":3:{}: spam", col.unwrap_or(0))),
        "{}",
        lines[1]
    );
}

#[test]
fn missing_and_binary_files_are_reported_and_the_rest_still_scanned() {
    let d = setup();
    let cfg = d.path().join("config");
    std::fs::write(d.path().join("bin.dat"), b"abc\0def").expect("write");
    redline(&cfg)
        .arg("scan")
        .arg(d.path().join("nope.txt"))
        .arg(d.path().join("bin.dat"))
        .arg(d.path().join("damaged.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.txt: no such file"))
        .stderr(predicate::str::contains(
            "bin.dat: binary file (NUL byte at offset 3)",
        ))
        .stdout(predicate::str::contains("damaged.txt:1:1: spam"));
}

#[test]
fn json_lines_carry_code_point_and_byte_offsets() {
    let d = setup();
    let cfg = d.path().join("config");
    let out = redline(&cfg)
        .args(["scan", "--format", "json"])
        .arg(d.path().join("damaged.txt"))
        .arg(d.path().join("clean.txt"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    let docs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["encoding"], "UTF-8");
    assert!(
        docs[0]["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("damaged.txt"))
    );
    assert_eq!(docs[1]["findings"].as_array().map(Vec::len), Some(0));
    let chars: Vec<char> = DAMAGED.chars().collect();
    for f in docs[0]["findings"].as_array().expect("findings") {
        for key in [
            "id",
            "kind",
            "rule",
            "start",
            "end",
            "byte_start",
            "byte_end",
            "text",
            "replacement",
            "confidence",
            "message",
            "evidence",
            "related",
        ] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
        // The facts behind the message: the term and where it stands.
        assert_eq!(f["evidence"]["type"], "term", "{f}");
        assert!(f["evidence"]["site"]["title_start"].is_boolean(), "{f}");
        let (s, e) = (
            f["start"].as_u64().unwrap_or(0) as usize,
            f["end"].as_u64().unwrap_or(0) as usize,
        );
        let (bs, be) = (
            f["byte_start"].as_u64().unwrap_or(0) as usize,
            f["byte_end"].as_u64().unwrap_or(0) as usize,
        );
        let by_chars: String = chars[s..e].iter().collect();
        assert_eq!(by_chars, f["text"].as_str().unwrap_or(""));
        assert_eq!(&DAMAGED[bs..be], f["text"].as_str().unwrap_or(""));
        assert_eq!(f["kind"], "spam");
        assert!(f["related"].as_array().is_some_and(|r| r.len() == 2));
    }
}

#[test]
fn fix_writes_atomically_and_never_over_the_input() {
    let d = setup();
    let cfg = d.path().join("config");
    let input = d.path().join("damaged.txt");
    let out = d.path().join("out.txt");
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&out).expect("read"), FIXED);
    assert_eq!(std::fs::read_to_string(&input).expect("read"), DAMAGED);
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use --in-place"));
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output"));
    assert_eq!(std::fs::read_to_string(&input).expect("read"), DAMAGED);
    let leftovers = std::fs::read_dir(d.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn fix_to_stdout_in_place_with_backup_out_dir_and_diff() {
    let d = setup();
    let cfg = d.path().join("config");
    let input = d.path().join("damaged.txt");
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .args(["-o", "-"])
        .assert()
        .code(0)
        .stdout(FIXED);
    redline(&cfg)
        .args(["fix", "-", "-o", "-"])
        .write_stdin(DAMAGED)
        .assert()
        .code(0)
        .stdout(FIXED);
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .arg("--diff")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "-บาคาร่าฝนตกหนักในภาคเหนือ\n+ฝนตกหนักในภาคเหนือ",
        ));
    let outdir = d.path().join("cleaned");
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .arg(d.path().join("clean.txt"))
        .arg("--out-dir")
        .arg(&outdir)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(outdir.join("damaged.txt")).expect("read"),
        FIXED
    );
    assert_eq!(
        std::fs::read_to_string(outdir.join("clean.txt")).expect("read"),
        CLEAN
    );
    redline(&cfg)
        .arg("fix")
        .arg(&input)
        .args(["--in-place", "--backup"])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&input).expect("read"), FIXED);
    assert_eq!(
        std::fs::read_to_string(d.path().join("damaged.txt.bak")).expect("read"),
        DAMAGED
    );
}

#[test]
fn bom_crlf_and_windows_874_survive_a_fix() {
    let d = setup();
    let cfg = d.path().join("config");
    let crlf = DAMAGED.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let p = d.path().join("bom.txt");
    std::fs::write(&p, &bytes).expect("write");
    let out = redline(&cfg)
        .arg("fix")
        .arg(&p)
        .args(["-o", "-"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let mut expected = b"\xEF\xBB\xBF".to_vec();
    expected.extend_from_slice(FIXED.replace('\n', "\r\n").as_bytes());
    assert_eq!(out, expected);

    let (tis, _, bad) = encoding_rs::WINDOWS_874.encode(DAMAGED);
    assert!(!bad);
    let p = d.path().join("tis.txt");
    std::fs::write(&p, &tis).expect("write");
    redline(&cfg)
        .args(["scan", "--format", "json"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"encoding\":\"windows-874\""));
    redline(&cfg)
        .arg("fix")
        .arg(&p)
        .args(["-o", "-"])
        .assert()
        .code(0)
        .stdout(FIXED);
}

#[test]
fn thresholds_and_colour() {
    let d = setup();
    let cfg = d.path().join("config");
    redline(&cfg)
        // Above every calibrated confidence (the surest spam here is right 99.7% of the time).
        .args(["scan", "--min-confidence", "0.999"])
        .arg(d.path().join("damaged.txt"))
        .assert()
        .code(0);
    redline(&cfg)
        .args(["scan", "--min-confidence", "2"])
        .arg(d.path().join("damaged.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not between 0 and 1"));
    redline(&cfg)
        .args(["scan", "--color", "always"])
        .arg(d.path().join("damaged.txt"))
        .assert()
        .stdout(predicate::str::contains("\x1b[1;31mspam"));
}

#[test]
fn user_deny_and_allow_lists() {
    let d = setup();
    let cfg = d.path().join("config");
    let p = d.path().join("brand.txt");
    std::fs::write(
        &p,
        "Title\n\nThe mangosteen club opened a new branch in the city.\n",
    )
    .expect("write");
    redline(&cfg).arg("scan").arg(&p).assert().code(0);
    std::fs::write(cfg.join("deny.txt"), "# our own list\nmangosteen club\n").expect("write");
    redline(&cfg)
        .arg("scan")
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("spam.deny-list"));
    redline(&cfg)
        .args(["scan", "--no-user-lists"])
        .arg(&p)
        .assert()
        .code(0);
    let allow = d.path().join("allow.txt");
    std::fs::write(&allow, "บาคาร่า\n").expect("write");
    redline(&cfg)
        .args(["scan", "--allow"])
        .arg(&allow)
        .arg(d.path().join("damaged.txt"))
        .assert()
        .code(0);
    let deny = d.path().join("deny-extra.txt");
    std::fs::write(&deny, "ferry\n").expect("write");
    redline(&cfg)
        .args(["scan", "--lexicon"])
        .arg(&deny)
        .arg(d.path().join("clean.txt"))
        .assert()
        .code(1);
    redline(&cfg)
        .args(["scan", "--lexicon"])
        .arg(d.path().join("missing-list.txt"))
        .arg(d.path().join("clean.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read lexicon"));
}

#[test]
fn help_has_examples() {
    let d = setup();
    let cfg = d.path().join("config");
    for sub in [&["--help"][..], &["scan", "--help"], &["fix", "--help"]] {
        redline(&cfg)
            .args(sub)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn directories_are_walked_in_order_and_json_stays_clean() {
    let d = setup();
    let cfg = d.path().join("config");
    let corpus = d.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).expect("dirs");
    std::fs::write(corpus.join("b.txt"), DAMAGED).expect("write");
    std::fs::write(corpus.join("sub/a.txt"), CLEAN).expect("write");
    std::fs::write(corpus.join("notes.md"), DAMAGED).expect("write");
    let out = redline(&cfg)
        .args(["scan", "--format", "json"])
        .arg(&corpus)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let sources: Vec<String> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap_or("").replace('\\', "/"))
        .collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(
        sources[0].ends_with("corpus/b.txt") && sources[1].ends_with("corpus/sub/a.txt"),
        "{sources:?}"
    );
    assert!(out.stderr.is_empty(), "no progress noise off a terminal");
    redline(&cfg)
        .args(["scan", "--glob", "*.md"])
        .arg(&corpus)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("notes.md"));
    let outdir = d.path().join("fixed");
    redline(&cfg)
        .arg("fix")
        .arg(&corpus)
        .arg("--out-dir")
        .arg(&outdir)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(outdir.join("b.txt")).expect("fixed"),
        FIXED
    );
}

/// Each `FILE:LINE:COL` of `scan` points at the first character of the finding's visible
/// text, whatever the edit range starts with.
fn assert_locations_point_at_text(cfg: &Path, file: &Path) {
    let run = |format: &str| {
        let out = redline(cfg)
            .args(["scan", "--format", format])
            .arg(file)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let text_out = run("text");
    let json: Value = serde_json::from_str(run("json").trim()).expect("one JSON record");
    let findings = json["findings"].as_array().expect("findings");
    let locations: Vec<&str> = text_out.lines().collect();
    assert!(!findings.is_empty(), "no finding in {}", file.display());
    assert_eq!(locations.len(), findings.len());
    let content = std::fs::read_to_string(file).expect("read");
    let lines: Vec<&str> = content.lines().collect();
    for (loc, f) in locations.iter().zip(findings) {
        let rest = loc
            .strip_prefix(&file.display().to_string())
            .expect("the location starts with the file");
        let mut parts = rest.split(':').skip(1);
        let line: usize = parts.next().and_then(|l| l.parse().ok()).expect("line");
        let col: usize = parts.next().and_then(|c| c.parse().ok()).expect("col");
        let visible = f["text"].as_str().expect("text").trim_start();
        let first_line = visible.lines().next().unwrap_or("");
        let at: String = lines[line - 1].chars().skip(col - 1).collect();
        assert!(
            at.starts_with(first_line),
            "{loc} points at {at:?}, the finding's text is {visible:?}"
        );
    }
}

#[test]
fn a_duplicate_is_reported_where_its_text_starts() {
    let d = setup();
    let cfg = d.path().join("config");
    let para = "The ferry will run twice a day from June, officials said.";
    let article = format!("Ferry to resume\n\n{para}\n\n{para}\n\nTickets go on sale in May.\n");
    for (name, text) in [
        ("lf.txt", article.clone()),
        ("crlf.txt", article.replace('\n', "\r\n")),
    ] {
        let file = d.path().join(name);
        std::fs::write(&file, text).expect("write");
        assert_locations_point_at_text(&cfg, &file);
    }
    let page = format!(
        "<!doctype html>\n<html><body><article>\n<h1>Ferry to resume</h1>\n<p>{para}</p>\n\n<p>\n{para}</p>\n</article></body></html>\n"
    );
    let file = d.path().join("page.html");
    std::fs::write(&file, page).expect("write");
    assert_locations_point_at_text(&cfg, &file);
}

#[test]
fn a_directory_with_nothing_to_read_is_reported() {
    let d = setup();
    let cfg = d.path().join("config");
    let empty = d.path().join("empty");
    std::fs::create_dir_all(empty.join("deeper")).expect("dir");
    std::fs::write(empty.join("notes.md"), CLEAN).expect("write");
    let message = format!(
        "redline: {}: no files matching *.txt, *.html, *.htm",
        empty.display()
    );
    for args in [
        &["scan"][..],
        &["fix", "--diff"],
        &["terms"],
        &["review"],
        &[],
    ] {
        redline(&cfg)
            .args(args)
            .arg(&empty)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(&message));
    }
    // With something else to read the run goes on, and says which directory gave nothing.
    redline(&cfg)
        .arg("scan")
        .arg(&empty)
        .arg(d.path().join("clean.txt"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains(&message));
    // The patterns named are the ones asked for.
    redline(&cfg)
        .args(["scan", "--glob", "*.text"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no files matching *.text"));
}

#[test]
fn fix_jsonl_passes_a_too_long_last_line_as_read() {
    let d = setup();
    let cfg = d.path().join("config");
    let long = format!(r#"{{"id":2,"text":"{}"}}"#, "x".repeat(200));
    for corpus in [
        format!("{{\"id\":1,\"text\":\"ok\"}}\r\n{long}"),
        format!("{{\"id\":1,\"text\":\"ok\"}}\r\n{long}\r\n"),
        format!("{{\"id\":1,\"text\":\"ok\"}}\n{long}\n"),
    ] {
        let file = d.path().join("long.jsonl");
        std::fs::write(&file, &corpus).expect("write");
        let out = redline(&cfg)
            .args(["fix", "--max-bytes", "100", "-o", "-", "--jsonl"])
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout), corpus);
    }
}

/// A repetition kept as legitimate (`I` on a duplicate in the review writes it to
/// repeats.txt) is not flagged by `scan`, not removed by `fix`, in files and in JSON Lines
/// corpora, unless `--no-user-lists`.
#[test]
fn kept_repetitions_in_repeats_txt_are_honoured_by_scan_and_fix() {
    let d = setup();
    let cfg = d.path().join("config");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/thai-news-damaged.txt"),
    )
    .expect("sample");
    let doubled = "ของเกษตรกรในพื้นที่ ของเกษตรกรในพื้นที่";
    assert!(text.contains(doubled));
    let p = d.path().join("thai.txt");
    std::fs::write(&p, &text).expect("write");
    let corpus = d.path().join("c.jsonl");
    std::fs::write(
        &corpus,
        format!("{}\n", serde_json::json!({"id": "a", "text": text})),
    )
    .expect("write");
    let scan = |extra: &[&str]| {
        let out = redline(&cfg)
            .arg("scan")
            .args(extra)
            .arg(&p)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let fix = |extra: &[&str]| {
        let out = redline(&cfg)
            .args(["fix", "-o", "-"])
            .args(extra)
            .arg(&p)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let fix_jsonl = |extra: &[&str]| {
        let out = redline(&cfg)
            .args(["fix", "-o", "-", "--jsonl"])
            .arg(&corpus)
            .args(extra)
            .output()
            .expect("runs");
        let v: Value = serde_json::from_slice(&out.stdout).expect("one record");
        v["text"].as_str().expect("text").to_owned()
    };
    let phrase = |s: &str| s.matches("duplicate.adjacent-phrase").count();
    let before = scan(&[]);
    assert!(phrase(&before) >= 1, "{before}");
    assert!(!fix(&[]).contains(doubled));
    assert!(!fix_jsonl(&[]).contains(doubled));
    // The line as the review writes it: whitespace runs as one space.
    std::fs::write(cfg.join("repeats.txt"), "# kept\nของเกษตรกรในพื้นที่\n").expect("write");
    let after = scan(&[]);
    assert_eq!(phrase(&after), phrase(&before) - 1, "{after}");
    assert!(
        after.lines().count() >= 1,
        "the other findings stay: {after}"
    );
    assert!(fix(&[]).contains(doubled), "fix keeps the repetition");
    assert!(fix_jsonl(&[]).contains(doubled), "so does fix --jsonl");
    let json = redline(&cfg)
        .args(["scan", "--format", "json", "--jsonl"])
        .arg(&corpus)
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&json.stdout)
            .matches("duplicate.adjacent-phrase")
            .count(),
        phrase(&after),
        "scan --jsonl too"
    );
    // --no-user-lists: flagged and removed again.
    assert_eq!(scan(&["--no-user-lists"]), before);
    assert!(!fix(&["--no-user-lists"]).contains(doubled));
}
