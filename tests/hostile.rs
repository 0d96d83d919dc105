//! Hostile input at the command line: each case gets a clear error or a bounded cost, and the
//! other documents of the run are still processed.

mod common;

use common::redline;
use std::io::Write;
use std::path::PathBuf;

const DAMAGED: &str = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n";

#[test]
fn a_one_gigabyte_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp");
    let huge = dir.path().join("huge.txt");
    // Sparse: a gigabyte on paper, nothing on disk.
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse file");
    std::fs::write(dir.path().join("ok.txt"), DAMAGED).expect("write");
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(2);
    let o = out.get_output();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("huge.txt: 1.0 GiB is larger than the --max-bytes limit of 64.0 MiB"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().count(), 1, "ok.txt is still scanned");
    assert!(stdout.contains("ok.txt"));
}

#[test]
fn a_hundred_megabyte_line_streams_through_jsonl_unchanged() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus).expect("create"));
        f.write_all(br#"{"id": 1, "text": ""#).expect("write");
        let chunk = "ข่าว".repeat(1024);
        for _ in 0..(100 << 20) / chunk.len() {
            f.write_all(chunk.as_bytes()).expect("write");
        }
        f.write_all(b"\"}\n").expect("write");
        writeln!(f, "{}", serde_json::json!({"id": 2, "text": DAMAGED})).expect("write");
    }
    let cleaned = dir.path().join("clean.jsonl");
    let out = redline(dir.path())
        .args(["fix", "--jsonl"])
        .arg(&corpus)
        .arg("-o")
        .arg(&cleaned)
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("corpus.jsonl:1: longer than the line limit"),
        "{err}"
    );
    let written = std::fs::read(&cleaned).expect("output");
    let input = std::fs::read(&corpus).expect("input");
    let newline = written.iter().position(|&b| b == b'\n').expect("two lines");
    // Passed through byte for byte; the next document is fixed.
    assert!(newline > 99 << 20);
    assert_eq!(written[..=newline], input[..=newline]);
    let second: serde_json::Value =
        serde_json::from_slice(&written[newline + 1..written.len() - 1]).expect("json");
    assert_eq!(second["redline_applied"].as_array().map(Vec::len), Some(2));
}

#[test]
fn symlink_loops_unreadable_entries_empty_and_all_spam_documents() {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("sub")).expect("dirs");
    std::fs::write(root.join("empty.txt"), "").expect("write");
    std::fs::write(
        root.join("spam.txt"),
        "บาคาร่าสล็อตufabet\n\nสล็อตเว็บตรง บาคาร่า\n",
    )
    .expect("write");
    std::fs::write(root.join("sub/ok.txt"), DAMAGED).expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).expect("loop");
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("dangling.txt"))
            .expect("dangling");
    }
    let out_dir = dir.path().join("out");
    let run = redline(dir.path())
        .args(["fix", "--out-dir"])
        .arg(&out_dir)
        .arg(&root)
        .timeout(std::time::Duration::from_secs(60))
        .assert();
    let o = run.get_output();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    #[cfg(unix)]
    assert!(err.contains("dangling.txt"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out_dir.join("empty.txt")).expect("empty"),
        ""
    );
    // A document of nothing but spam comes out empty, not half-cleaned.
    let spam = std::fs::read_to_string(out_dir.join("spam.txt")).expect("spam");
    assert!(spam.trim().is_empty(), "{spam:?}");
    // --out-dir keeps the tree below the directory argument.
    let ok = std::fs::read_to_string(out_dir.join("sub/ok.txt")).expect("ok");
    assert!(!ok.contains("บาคาร่า"));
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_one_error_line_and_the_rest_is_scanned() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp");
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, DAMAGED).expect("write");
    std::fs::write(dir.path().join("open.txt"), DAMAGED).expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads anything: then a file the kernel refuses to read stands in for it.
    let (unreadable, reason) = if std::fs::read(&locked).is_ok() {
        (PathBuf::from("/proc/self/mem"), "Input/output error")
    } else {
        (locked.clone(), "permission denied")
    };
    let out = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&unreadable)
        .arg(dir.path().join("open.txt"))
        .assert()
        .code(2);
    let o = out.get_output();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("{}: {reason}", unreadable.display())),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("open.txt"));
}
