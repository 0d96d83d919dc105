//! In a real terminal: a JSON Lines corpus reviewed in the TUI is written back with its lines
//! ending as they were read (CRLF stays CRLF, no newline added at the end), and a line the
//! review left unchanged comes out byte for byte. Where tmux is not installed it fails under
//! CI and is skipped with a note elsewhere.

mod common;

use std::time::{Duration, Instant};

/// tmux on the test's own server socket.
fn tmux(sock: &str, args: &[&str]) -> Option<String> {
    let full: Vec<&str> = ["-S", sock]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    common::tmux(&full)
}

#[test]
fn corpus_export_keeps_line_endings_and_untouched_lines() {
    if !common::tmux_available("corpus export test") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let damaged = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่ – กรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n";
    let first = serde_json::json!({ "id": "a", "text": damaged }).to_string();
    // Spacing no serialiser would reproduce: only a copy of the bytes keeps it.
    let untouched = r#"{"id": "b",  "text": "Ferry to resume\n\nThe ferry will run twice a day from June, officials said.\n"}"#;
    let last = r#"{ "id":"c", "text":"Tickets go on sale in May.\n" }"#;
    let corpus = format!("{first}\r\n{untouched}\r\n{last}");
    let input = dir.path().join("corpus.jsonl");
    std::fs::write(&input, &corpus).expect("write corpus");

    let sock = dir.path().join("tmux.sock").to_string_lossy().into_owned();
    let session = format!("redline-corpus-{}", std::process::id());
    let cmd = format!(
        "REDLINE_DATA_DIR={d}/data REDLINE_CONFIG_DIR={d}/config {bin} {input}",
        d = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_redline"),
        input = input.display()
    );
    let started = tmux(
        &sock,
        &[
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "200",
            "-y",
            "30",
            &cmd,
        ],
    );
    assert!(started.is_some(), "tmux session starts");
    let screen_has = |needle: &str| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Some(s) = tmux(&sock, &["capture-pane", "-p", "-t", &session])
                && s.contains(needle)
            {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        tmux(&sock, &["capture-pane", "-p", "-t", &session]).unwrap_or_default()
    };
    let keys = |k: &str| tmux(&sock, &["send-keys", "-t", &session, k]);
    let list = screen_has("articles");
    assert!(list.contains("corpus.jsonl#1"), "{list}");
    keys("Enter");
    screen_has("pending");
    keys("A");
    screen_has("y/n");
    keys("y");
    screen_has("pending 0");
    keys("w");
    let after = screen_has("wrote");
    let _ = tmux(&sock, &["kill-server"]);
    assert!(after.contains("wrote"), "{after}");

    let exported = std::fs::read(dir.path().join("corpus.clean.jsonl")).expect("export written");
    let lines: Vec<&[u8]> = exported.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), 3, "{}", String::from_utf8_lossy(&exported));
    assert!(lines[0].ends_with(b"\r\n"), "the fixed line ends as read");
    assert_ne!(
        lines[0],
        format!("{first}\r\n").as_bytes(),
        "the fix is written"
    );
    assert_eq!(lines[1], format!("{untouched}\r\n").as_bytes());
    assert_eq!(lines[2], last.as_bytes(), "no newline added at the end");
}
