//! TUI speed on a 1 MB article: the first frame (scan excluded: load, layout and draw into a
//! TestBackend), and a key press handled and redrawn.

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redline::review::ArticleReview;
use redline::tui::keymap::Keymap;
use redline::tui::theme::Theme;
use redline::tui::view::render;
use redline::tui::{Action, App, Article, Command};
use redline::{Document, ScanOptions, decode, scan};

mod common;

fn main() {
    divan::main();
}

fn build(text: &str) -> App {
    let decoded = decode(text.as_bytes()).expect("decodes");
    let doc = Document::new(text);
    let findings: Vec<_> = scan(&doc, &ScanOptions::default())
        .into_iter()
        .filter(|f| f.confidence >= 0.5)
        .collect();
    let a = Article::new(
        "bench.txt".into(),
        decoded,
        ArticleReview::new(text.to_owned(), findings),
    );
    App::new(
        vec![a],
        Keymap::load(None).expect("keymap"),
        Theme::load(None, true).expect("theme"),
        120,
        40,
    )
}

#[divan::bench(sample_count = 10)]
fn first_frame_1mb(bencher: Bencher) {
    let text = common::thai_news(1_000_000);
    bencher.bench(|| {
        let app = build(black_box(&text));
        let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        t.draw(|f| render(&app, f)).expect("draw");
    });
}

#[divan::bench(args = ["next_finding", "accept", "page_down"], sample_count = 20)]
fn key_press_1mb(bencher: Bencher, key: &str) {
    let text = common::thai_news(1_000_000);
    let mut app = build(&text);
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
