//! End to end in a real terminal: tmux runs the TUI on a sample, the test accepts every
//! finding, writes, quits, and compares the export with what `redline fix` writes. Where tmux
//! is not installed it fails under CI (`CI` set: `.ci/run` installs it) and is skipped with a
//! note elsewhere.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> Option<String> {
    let out = Command::new("tmux").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn accept_all_write_and_compare_in_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed, and CI is set: the terminal end-to-end test must run in CI"
        );
        eprintln!("tmux is not installed; skipping the terminal end-to-end test");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let sample =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples/english-news-damaged.txt");
    let input = dir.path().join("article.txt");
    std::fs::copy(&sample, &input).expect("copy sample");
    let bin = env!("CARGO_BIN_EXE_redline");
    let session = format!("redline-e2e-{}", std::process::id());
    let socket = dir.path().join("tmux.sock");
    let sock = socket.to_string_lossy().into_owned();
    let cmd = format!(
        "REDLINE_DATA_DIR={d}/data REDLINE_CONFIG_DIR={d}/config {bin} {input}",
        d = dir.path().display(),
        input = input.display()
    );
    assert!(
        tmux(&[
            "-S",
            &sock,
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "100",
            "-y",
            "30",
            &cmd
        ])
        .is_some()
    );
    let run = |args: &[&str]| {
        let mut full = vec!["-S", sock.as_str()];
        full.extend_from_slice(args);
        tmux(&full)
    };
    let screen_has = |needle: &str| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Some(s) = run(&["capture-pane", "-p", "-t", &session])
                && s.contains(needle)
            {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        run(&["capture-pane", "-p", "-t", &session]).unwrap_or_default()
    };
    let first = screen_has("pending");
    assert!(first.contains("Island ferry"), "{first}");
    run(&["send-keys", "-t", &session, "A"]);
    screen_has("y/n");
    run(&["send-keys", "-t", &session, "y"]);
    screen_has("pending 0");
    run(&["send-keys", "-t", &session, "w"]);
    let after = screen_has("wrote");
    assert!(after.contains("wrote"), "{after}");
    run(&["send-keys", "-t", &session, "q"]);
    std::thread::sleep(Duration::from_millis(500));
    let _ = run(&["kill-session", "-t", &session]);

    let exported =
        std::fs::read_to_string(dir.path().join("article.clean.txt")).expect("export written");
    let fixed = Command::new(bin)
        .args(["fix", "--no-user-lists", "-o", "-"])
        .arg(&input)
        .output()
        .expect("fix runs");
    assert_eq!(exported, String::from_utf8_lossy(&fixed.stdout));
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        std::fs::read_to_string(&sample).expect("sample"),
        "input untouched"
    );
}
