//! TUI speed on a 1 MB article: the first frame (load through the pipeline, scan, layout and
//! draw into a TestBackend), and a key press handled and redrawn. The TUI is part of the
//! binary, so the bench compiles its modules in directly.

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redline::ScanOptions;

#[path = "../src/tui/mod.rs"]
#[allow(dead_code, unused_imports)]
mod tui;

use tui::action::{Action, Command};
use tui::app::App;
use tui::keymap::Keymap;
use tui::terminal::{Options, load_articles};
use tui::theme::Theme;
use tui::view::render;

mod common;

fn main() {
    divan::main();
}

fn build(path: &std::path::Path) -> App {
    let opts = Options {
        paths: vec![path.to_owned()],
        output: None,
        out_dir: None,
        report: None,
        diff: None,
        config_dir: None,
        data_dir: None,
        color: true,
        fields: redline::jsonl::FieldNames::default(),
        max_bytes: 64 << 20,
    };
    let mut errors = Vec::new();
    let articles = load_articles(&opts, &ScanOptions::default(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    App::new(
        articles,
        Keymap::load(None).expect("keymap"),
        Theme::load(None, true).expect("theme"),
        120,
        40,
    )
}

fn article_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("bench.txt");
    std::fs::write(&path, common::thai_news(1_000_000)).expect("write");
    path
}

#[divan::bench(sample_count = 10)]
fn first_frame_1mb(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("temp");
    let path = article_file(&dir);
    bencher.bench(|| {
        let app = build(black_box(&path));
        let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        t.draw(|f| render(&app, f)).expect("draw");
    });
}

#[divan::bench(args = ["next_finding", "accept", "page_down"], sample_count = 20)]
fn key_press_1mb(bencher: Bencher, key: &str) {
    let dir = tempfile::tempdir().expect("temp");
    let mut app = build(&article_file(&dir));
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let cmd = match key {
        "accept" => Command::Accept,
        "page_down" => Command::PageDown,
        _ => Command::NextFinding,
    };
    bencher.bench_local(|| {
        app.update(Action::Command(cmd));
        t.clear().expect("clear");
        t.draw(|f| render(&app, f)).expect("draw");
    });
}
