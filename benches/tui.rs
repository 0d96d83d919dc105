//! TUI speed on a 1 MB article: the first frame (scan excluded: load, layout and draw into a
//! TestBackend), and a key press handled and redrawn.

use std::path::Path;

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redline::review::ArticleReview;
use redline::tui::keymap::Keymap;
use redline::tui::theme::Theme;
use redline::tui::view::render;
use redline::tui::{Action, App, Article, Command};
use redline::{Document, ScanOptions, decode, scan};

fn main() {
    divan::main();
}

/// About 1 MB of Thai news with planted spam and repeated titles.
fn article_1mb() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean/th");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let articles: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("article"))
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while out.len() < 1_000_000 {
        if i % 5 == 0 {
            out.push_str("บาคาร่า");
        }
        out.push_str(&articles[i % articles.len()]);
        out.push('\n');
        i += 1;
    }
    out
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
    let text = article_1mb();
    bencher.bench(|| {
        let app = build(black_box(&text));
        let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        t.draw(|f| render(&app, f)).expect("draw");
    });
}

#[divan::bench(args = ["next_finding", "accept", "page_down"], sample_count = 20)]
fn key_press_1mb(bencher: Bencher, key: &str) {
    let text = article_1mb();
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
