//! `scan --jsonl` and `fix --jsonl` as data pipelines use them: fields kept, bad lines handled
//! as `--on-error` says, and a corpus split across mappers gives the same result as one run.

mod common;

use common::{clean_articles, redline};

use serde_json::Value;

const DAMAGED: &str = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n\nประชาชนควรติดตามประกาศ (รายงานโดย อรุณี ใจงาม)บาคาร่า\n";
const FIXED: &str = "ฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯ เตือนว่าฝนจะตกหนัก\n\nประชาชนควรติดตามประกาศ (รายงานโดย อรุณี ใจงาม)\n";

fn line(id: usize, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "meta": {"site": "example"}}).to_string()
}

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn fix_replaces_only_the_text_and_records_what_it_applied() {
    let dir = tempfile::tempdir().expect("temp");
    let raw = r#"{"id": "a-1", "score": 1.50, "text": "__T__", "tags": ["x", "\u0e01"]}"#
        .replace("__T__", &DAMAGED.replace('\n', "\\n"));
    let input = format!("{raw}\n{}\n", line(2, FIXED));
    let out = redline(dir.path())
        .args(["fix", "--jsonl", "-", "-o", "-"])
        .write_stdin(input)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out.clone()).expect("utf-8");
    // Fields other than the text keep their exact spelling, spacing and order.
    assert!(
        text.starts_with(r#"{"id": "a-1", "score": 1.50, "text": "#),
        "{text}"
    );
    assert!(
        text.contains(r#""tags": ["x", "\u0e01"],"redline_applied":["#),
        "{text}"
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["text"], FIXED);
    let applied = docs[0]["redline_applied"].as_array().expect("array");
    assert_eq!(applied.len(), 3);
    assert!(applied.iter().all(|f| f["text"] == "บาคาร่า"));
    assert_eq!(docs[1]["text"], FIXED);
    // Nothing applied: the line as it was, no field added.
    assert_eq!(text.lines().nth(1), Some(line(2, FIXED).as_str()));
    assert_eq!(docs[1].get("redline_applied"), None);

    let kept = redline(dir.path())
        .args([
            "fix",
            "--jsonl",
            "-",
            "-o",
            "-",
            "--keep-original",
            "--field",
            "body",
        ])
        .write_stdin(serde_json::json!({"body": DAMAGED, "id": 1}).to_string() + "\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let kept = lines(&kept);
    assert_eq!(kept[0]["body"], DAMAGED);
    assert_eq!(kept[0]["body_clean"], FIXED);
}

#[test]
fn scan_writes_one_result_per_line_with_its_id() {
    let dir = tempfile::tempdir().expect("temp");
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"doc": "x-9", "text": DAMAGED}),
        serde_json::json!({"doc": 7, "text": FIXED})
    );
    let out = redline(dir.path())
        .args([
            "scan",
            "--jsonl",
            "-",
            "--id-field",
            "doc",
            "--format",
            "json",
        ])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let results = lines(&out);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["id"], "x-9");
    assert_eq!(results[0]["line"], 1);
    assert_eq!(results[0]["findings"].as_array().map(Vec::len), Some(3));
    // Offsets are code points within the text field.
    let first = &results[0]["findings"][0];
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(0), Some(7))
    );
    assert_eq!(results[1]["id"], 7);
    assert_eq!(results[1]["findings"], serde_json::json!([]));
}

#[test]
fn bad_lines_are_reported_with_their_number_and_handled_as_asked() {
    let dir = tempfile::tempdir().expect("temp");
    let good = line(1, DAMAGED);
    let mut input = Vec::new();
    input.extend_from_slice(format!("{good}\n").as_bytes());
    input.extend_from_slice(b"{\"id\": 2, \"text\": \n"); // line 2: truncated JSON
    input.extend_from_slice(b"{\"id\": 3, \"text\": \"ok\xff\"}\n"); // line 3: invalid UTF-8
    input.extend_from_slice(b"{\"id\": 4, \"body\": \"no text\"}\n"); // line 4: no field
    input.extend_from_slice(format!("{good}\n").as_bytes());

    let pass = redline(dir.path())
        .args(["fix", "--jsonl", "-", "-o", "-"])
        .write_stdin(input.clone())
        .assert()
        .code(0);
    let out = pass.get_output();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2: not valid JSON"), "{err}");
    assert!(err.contains("<stdin>:3: invalid UTF-8 at byte"), "{err}");
    assert!(err.contains("<stdin>:4: no \"text\" field"), "{err}");
    let out_lines: Vec<&[u8]> = out.stdout.split(|&b| b == b'\n').collect();
    let in_lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    assert_eq!(out_lines.len(), in_lines.len());
    // Bad lines pass through byte for byte; the good ones around them are fixed.
    assert_eq!(&out_lines[1..4], &in_lines[1..4]);
    for good_line in [out_lines[0], out_lines[4]] {
        let v: Value = serde_json::from_slice(good_line).expect("json");
        assert_eq!(v["text"], FIXED);
    }

    let skip = redline(dir.path())
        .args(["fix", "--jsonl", "-", "-o", "-", "--on-error", "skip"])
        .write_stdin(input.clone())
        .assert()
        .code(0);
    assert_eq!(lines(&skip.get_output().stdout).len(), 2);

    let target = dir.path().join("out.jsonl");
    let fail = redline(dir.path())
        .args(["fix", "--jsonl", "-", "--on-error", "fail", "-o"])
        .arg(&target)
        .write_stdin(input.clone())
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&fail.get_output().stderr).to_string();
    assert!(err.contains("<stdin>:2: not valid JSON"), "{err}");
    assert!(!err.contains(":3:"), "stops at the first bad line: {err}");
    assert!(
        !target.exists(),
        "a failed run leaves no half-written output"
    );

    let scan = redline(dir.path())
        .args(["scan", "--jsonl", "-", "--format", "json"])
        .write_stdin(input)
        .assert()
        .code(1);
    let records = lines(&scan.get_output().stdout);
    assert_eq!(records.len(), 5);
    assert_eq!(records[1]["line"], 2);
    assert!(
        records[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("JSON"))
    );
}

#[test]
fn a_line_over_the_limit_is_passed_through_without_being_read_whole() {
    let dir = tempfile::tempdir().expect("temp");
    let long = line(1, &"ข่าว ".repeat(5000));
    let input = format!("{long}\n{}\n", line(2, DAMAGED));
    let out = redline(dir.path())
        .args(["fix", "--jsonl", "-", "-o", "-", "--max-bytes", "4K"])
        .write_stdin(input.clone())
        .assert()
        .code(0);
    let output = out.get_output();
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("<stdin>:1: longer than the line limit of 4096 bytes")
    );
    let text = String::from_utf8(output.stdout.clone()).expect("utf-8");
    let mut out_lines = text.lines();
    assert_eq!(out_lines.next(), Some(long.as_str()));
    let second: Value = serde_json::from_str(out_lines.next().expect("line 2")).expect("json");
    assert_eq!(second["text"], FIXED);
}

#[test]
fn a_corpus_split_across_mappers_gives_the_same_output_as_one_run() {
    let dir = tempfile::tempdir().expect("temp");
    let mut corpus: Vec<String> = Vec::new();
    for (i, article) in clean_articles().iter().enumerate() {
        corpus.push(line(2 * i, article));
        // Every other document damaged: spam glued to the title and after the last line.
        corpus.push(line(
            2 * i + 1,
            &format!("บาคาร่า{}ufabet", article.trim_end()),
        ));
    }
    let whole = corpus.join("\n") + "\n";
    let run = |input: String, command: &[&str]| {
        redline(dir.path())
            .args(command)
            .args(["--jsonl", "-", "-o", "-"])
            .write_stdin(input)
            .output()
            .expect("runs")
            .stdout
    };
    for command in [&["fix"][..], &["scan", "--format", "json", "--exit-zero"]] {
        let single = run(whole.clone(), command);
        // Like Hadoop streaming: contiguous splits, one process each, outputs concatenated.
        let mut union = Vec::new();
        for part in corpus.chunks(7) {
            union.extend(run(part.join("\n") + "\n", command));
        }
        if command[0] == "scan" {
            // Line numbers are per split; everything else must agree.
            let strip = |out: &[u8]| -> Vec<Value> {
                lines(out)
                    .into_iter()
                    .map(|mut v| {
                        v["line"] = Value::Null;
                        v
                    })
                    .collect()
            };
            assert_eq!(strip(&single), strip(&union));
        } else {
            assert_eq!(single, union);
        }
        assert_eq!(lines(&single).len(), corpus.len());
    }
    let fixed = lines(&run(whole, &["fix"]));
    let articles = clean_articles();
    for (i, article) in articles.iter().enumerate() {
        assert_eq!(
            fixed[2 * i + 1]["text"].as_str(),
            Some(article.trim_end()),
            "damaged copy of article {i} is repaired"
        );
    }
    let untouched = fixed
        .iter()
        .step_by(2)
        .all(|d| d.get("redline_applied").is_none());
    assert!(untouched, "clean documents come out untouched");
}

#[test]
fn in_place_rewrites_the_corpus_only_when_asked_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("corpus.jsonl");
    let input = format!("{}\n", line(1, DAMAGED));
    std::fs::write(&path, &input).expect("write");
    redline(dir.path())
        .args(["fix", "--jsonl"])
        .arg(&path)
        .arg("-o")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is the input itself"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), input);
    redline(dir.path())
        .args(["fix", "--in-place", "--backup", "--jsonl"])
        .arg(&path)
        .assert()
        .code(0);
    let fixed = lines(&std::fs::read(&path).expect("read"));
    assert_eq!(fixed[0]["text"], FIXED);
    let backup = dir.path().join("corpus.jsonl.bak");
    assert_eq!(std::fs::read_to_string(backup).expect("backup"), input);
}

#[test]
fn scan_writes_its_report_to_a_file_and_exit_zero_keeps_pipelines_going() {
    let dir = tempfile::tempdir().expect("temp");
    let report = dir.path().join("findings.jsonl");
    redline(dir.path())
        .args(["scan", "--jsonl", "-", "--format", "json", "-o"])
        .arg(&report)
        .write_stdin(line(1, DAMAGED) + "\n")
        .assert()
        .code(1)
        .stdout("");
    let written = lines(&std::fs::read(&report).expect("report"));
    assert_eq!(written.len(), 1);
    assert_eq!(written[0]["findings"].as_array().map(Vec::len), Some(3));
    redline(dir.path())
        .args(["scan", "--jsonl", "-", "--exit-zero"])
        .write_stdin(line(1, DAMAGED) + "\n")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("<stdin>#1:1:1: spam"));
}
