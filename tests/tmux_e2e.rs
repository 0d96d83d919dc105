//! End to end in a real terminal: tmux runs the TUI on a sample, the test accepts every
//! finding, writes, quits, and compares the export with what `redline fix` writes. Where tmux
//! is not installed it fails under CI (`CI` set: `.ci/run` installs it) and is skipped with a
//! note elsewhere.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{tmux, tmux_available};

#[test]
fn accept_all_write_and_compare_in_tmux() {
    if !tmux_available("terminal end-to-end test") {
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
    screen_has("0 pending");
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

/// The TUI in a tmux session of its own (own socket), on a copy of a sample.
struct Tui {
    dir: tempfile::TempDir,
    sock: String,
    session: String,
}

impl Tui {
    /// None when tmux is missing (and CI is not set).
    fn start(sample: &str, w: u16, h: u16) -> Option<Tui> {
        if !tmux_available("terminal end-to-end test") {
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples")
            .join(sample);
        let input = dir.path().join("article.txt");
        std::fs::copy(&src, &input).expect("copy sample");
        let bin = env!("CARGO_BIN_EXE_redline");
        let session = format!("redline-e2e-{}-{w}", std::process::id());
        let sock = dir.path().join("tmux.sock").to_string_lossy().into_owned();
        let cmd = format!(
            "REDLINE_DATA_DIR={d}/data REDLINE_CONFIG_DIR={d}/config {bin} {input}",
            d = dir.path().display(),
            input = input.display()
        );
        let (ws, hs) = (w.to_string(), h.to_string());
        tmux(&[
            "-S",
            &sock,
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            &ws,
            "-y",
            &hs,
            &cmd,
        ])
        .expect("tmux session");
        let tui = Tui { dir, sock, session };
        tui.wait_for("pending");
        Some(tui)
    }

    fn run(&self, args: &[&str]) -> Option<String> {
        let mut full = vec!["-S", self.sock.as_str()];
        full.extend_from_slice(args);
        tmux(&full)
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
            .unwrap_or_default()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        self.screen()
    }

    /// Send keys one at a time, letting each frame land.
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", &self.session, k]);
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn status(&self) -> String {
        self.screen().lines().last().unwrap_or_default().to_owned()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.run(&["kill-session", "-t", &self.session]);
    }
}

#[test]
fn thai_screen_equals_the_export_and_search_steps_in_tmux() {
    let Some(tui) = Tui::start("thai-news-damaged.txt", 120, 40) else {
        return;
    };
    tui.keys(&["j", "a"]);
    let screen = tui.wait_for("accepted finding 2");
    assert!(
        !screen
            .lines()
            .any(|l| l.trim_matches(|c| c == '│' || c == ' ') == "บาคาร่า"),
        "a lone spam line is left:\n{screen}"
    );
    tui.keys(&["w"]);
    tui.wait_for("wrote");
    let exported =
        std::fs::read_to_string(tui.dir.path().join("article.clean.txt")).expect("export");
    // The repeated title paragraph is gone from both.
    assert_eq!(exported.matches("ขอนแก่นเดินหน้าโครงการ").count(), 1);
    tui.keys(&["/", "ท", "ี", "่", "Enter"]);
    let first = tui.wait_for("match 1/");
    assert!(first.contains("match 1/"), "{first}");
    tui.keys(&["n", "n"]);
    let third = tui.wait_for("match 3/");
    assert!(third.contains("match 3/"), "{third}");
}

#[test]
fn thai_diffs_leave_no_stale_cells_in_tmux() {
    let Some(tui) = Tui::start("thai-news-damaged.txt", 61, 20) else {
        return;
    };
    tui.keys(&[
        "PageDown", "j", "j", "Down", "Down", "PageUp", "a", "j", "z", "Down", "r", "PageDown",
        "u", "z", "PageUp", "j", "j", "Down", "Down", "Down", "Up", "g", "J", "J",
    ]);
    let drawn = tui.screen();
    // A resize makes the TUI draw from a cleared screen: the two must agree. (Near the top:
    // a taller pane does not change the scroll there.)
    tui.run(&["resize-window", "-t", &tui.session, "-y", "21"]);
    std::thread::sleep(Duration::from_millis(400));
    tui.run(&["resize-window", "-t", &tui.session, "-y", "20"]);
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(drawn, tui.screen());
    assert!(!tui.status().is_empty());
}

/// `I` on the doubled phrase keeps it as a legitimate repetition: the status names the list
/// and the term, repeats.txt holds it, and `scan` with the same config no longer flags it.
#[test]
fn i_on_a_repetition_is_honoured_by_the_next_scan_in_tmux() {
    let Some(tui) = Tui::start("thai-news-damaged.txt", 120, 40) else {
        return;
    };
    let input = tui.dir.path().join("article.txt");
    let config = tui.dir.path().join("config");
    let flagged = |cfg: &std::path::Path| {
        let out = common::redline(cfg)
            .arg("scan")
            .arg(&input)
            .output()
            .expect("scan runs");
        String::from_utf8_lossy(&out.stdout)
            .matches("adjacent-phrase")
            .count()
    };
    assert_eq!(flagged(&config), 1);
    tui.keys(&["j", "j", "j", "j"]);
    let detail = tui.wait_for("written twice");
    assert!(detail.contains("[5/"), "{detail}");
    tui.keys(&["I"]);
    let status = tui.wait_for("repeats.txt");
    assert!(status.contains("ของเกษตรกรในพื้นที่"), "{status}");
    let kept = std::fs::read_to_string(config.join("repeats.txt")).expect("repeats.txt");
    assert_eq!(kept.trim(), "ของเกษตรกรในพื้นที่");
    assert_eq!(flagged(&config), 0, "the next scan keeps it");
    tui.keys(&["u"]);
    tui.wait_for("taken off");
    assert_eq!(flagged(&config), 1, "undone: flagged again");
}
