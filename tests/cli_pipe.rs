//! `redline … | head`: a reader that stops early is a normal end, as in ripgrep: no message,
//! exit status 0.

use std::path::Path;
use std::process::{Command, Stdio};

const DAMAGED: &str = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n\nประชาชนควรติดตามประกาศ (รายงานโดย อรุณี ใจงาม)บาคาร่า\n";

/// Run redline in `dir` with standard output a pipe whose reader has already gone, so the
/// first write fails with EPIPE. Returns the exit code and standard error.
fn with_closed_stdout(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("redline"))
        .current_dir(dir)
        .env("REDLINE_CONFIG_DIR", dir.join("config"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_every_mode_quietly() {
    let d = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(d.path().join("config")).expect("config dir");
    std::fs::write(d.path().join("a.txt"), DAMAGED).expect("write");
    std::fs::write(d.path().join("b.txt"), DAMAGED).expect("write");
    std::fs::write(d.path().join("c.txt"), DAMAGED).expect("write");
    let line = serde_json::json!({ "id": 1, "text": DAMAGED }).to_string() + "\n";
    std::fs::write(d.path().join("c.jsonl"), line.repeat(50)).expect("write");
    let terms = ["terms", "--min-documents", "1", "--min-score", "0"];
    let runs: Vec<Vec<&str>> = vec![
        vec!["scan", "a.txt"],
        vec!["scan", "--format", "json", "a.txt"],
        vec!["fix", "a.txt", "-o", "-"],
        vec!["fix", "--diff", "a.txt"],
        [&terms[..], &["a.txt", "b.txt", "c.txt"]].concat(),
        [&terms[..], &["--format", "json", "a.txt", "b.txt", "c.txt"]].concat(),
        vec!["scan", "--jsonl", "c.jsonl"],
        vec!["scan", "--format", "json", "--jsonl", "c.jsonl"],
        vec!["fix", "--jsonl", "c.jsonl", "-o", "-"],
        [&terms[..], &["--jsonl", "c.jsonl"]].concat(),
    ];
    for args in runs {
        let (code, stderr) = with_closed_stdout(d.path(), &args);
        assert_eq!(stderr, "", "{args:?}");
        // The reader stopped, not redline: 0 in every mode, scan included (as ripgrep).
        assert_eq!(code, Some(0), "{args:?}");
    }
}

/// `redline scan … | head -1`: the reader takes a line and goes while redline still has
/// far more to write than a pipe holds, so the end is always a closed pipe.
#[test]
fn scan_into_head_exits_zero_quietly() {
    use std::io::BufRead as _;
    let d = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(d.path().join("config")).expect("config dir");
    let line = serde_json::json!({ "id": 1, "text": DAMAGED }).to_string() + "\n";
    std::fs::write(d.path().join("c.jsonl"), line.repeat(2000)).expect("write");
    for n in 0..40 {
        std::fs::write(d.path().join(format!("{n}.txt")), DAMAGED.repeat(40)).expect("write");
    }
    for args in [vec!["scan", "--jsonl", "c.jsonl"], vec!["scan", "."]] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("redline"))
            .current_dir(d.path())
            .env("REDLINE_CONFIG_DIR", d.path().join("config"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("reads");
        assert!(first.contains("spam"), "{first}");
        let out = child.wait_with_output().expect("waits");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}
