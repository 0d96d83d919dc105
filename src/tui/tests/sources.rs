//! The TUI on pages and corpora, driven by keys with no terminal: an HTML page reviewed in
//! its extracted article or in its source (Ctrl-u) exports the same page `fix` writes, and a
//! JSON Lines corpus opens as an article list and exports as a corpus.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redline::ScanOptions;
use redline::pipeline::Analysis;

use super::{app_of, open_with, options, press, settle};
use crate::tui::action::{Action, InputKey};
use crate::tui::app::Effect;
use crate::tui::origin::Origin;
use crate::tui::terminal::load_articles;
use crate::tui::view::render;

fn page_fixture(dir: &Path) -> PathBuf {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/html/damaged.html");
    let path = dir.join("page.html");
    std::fs::copy(src, &path).expect("copy");
    path
}

/// What `fix` writes for a page: every finding applied in its text nodes.
fn fixed_page(page: &str) -> String {
    Analysis::new(page.to_owned(), true, &ScanOptions::default())
        .and_then(|a| a.fixed())
        .expect("page")
}

#[test]
fn a_page_reviewed_in_its_source_exports_what_fix_writes() {
    let dir = tempfile::tempdir().expect("temp");
    let path = page_fixture(dir.path());
    let page = std::fs::read_to_string(&path).expect("page");
    let opts = options(dir.path(), vec![path.clone()]);
    let mut app = open_with(&opts, true, 100, 30);
    let a = &app.articles()[0];
    assert!(matches!(a.origin, Origin::Html { .. }));
    assert!(
        !a.review.text.contains("<p>"),
        "the article is extracted text"
    );
    let n = a.review.items.len();
    assert_eq!(n, 4);

    press(&mut app, &["Ctrl-u"]);
    assert!(app.articles()[0].showing_source);
    assert_eq!(
        app.articles()[0].review.text,
        page,
        "the source view shows the page"
    );
    // Every highlight points at the same text in the markup.
    for it in &app.articles()[0].review.items {
        assert!(!page[it.finding.range.clone()].is_empty());
    }
    press(&mut app, &["a", "a"]);
    let fx = press(&mut app, &["Ctrl-u"]);
    assert!(fx.contains(&Effect::FullRedraw));
    let a = &app.articles()[0];
    assert!(!a.showing_source);
    assert_eq!(
        a.review.counts(),
        (n - 2, 2, 0),
        "decisions follow the view"
    );
    press(&mut app, &["u"]);
    assert_eq!(
        app.articles()[0].review.counts(),
        (n - 1, 1, 0),
        "and are undoable"
    );
    press(&mut app, &["Ctrl-u", "A"]);
    let fx = app.update(Action::Input(InputKey::Char('y')));
    assert!(!fx.is_empty());
    // Written while the source shows: the export still has every decision.
    let fx = press(&mut app, &["w"]);
    settle(&mut app, &opts, fx);
    let written = std::fs::read_to_string(dir.path().join("page.clean.html")).expect("export");
    assert_eq!(written, fixed_page(&page));
    assert_eq!(
        std::fs::read_to_string(&path).expect("input"),
        page,
        "input untouched"
    );
}

#[test]
fn the_source_view_highlights_the_markup() {
    let dir = tempfile::tempdir().expect("temp");
    let path = page_fixture(dir.path());
    let opts = options(dir.path(), vec![path]);
    let mut app = open_with(&opts, true, 72, 24);
    press(&mut app, &["Ctrl-u"]);
    let mut t = Terminal::new(TestBackend::new(72, 24)).expect("terminal");
    t.draw(|f| render(&app, f)).expect("draw");
    insta::assert_debug_snapshot!(t.backend().buffer().clone());
}

#[test]
fn a_text_article_has_no_source_view() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "ข่าว\n\nวันนี้ฝนตกบาคาร่า หนัก\n").expect("write");
    let mut app = open_with(&options(dir.path(), vec![path]), true, 80, 24);
    press(&mut app, &["Ctrl-u"]);
    assert!(!app.articles()[0].showing_source);
    assert!(app.status().contains("only HTML pages"), "{}", app.status());
}

#[test]
fn a_corpus_opens_as_a_list_and_exports_as_a_corpus() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("pages.jsonl");
    let damaged = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nกรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n";
    let lines = [
        format!(
            r#"{{"id": "a", "text": {}, "n": 1.50}}"#,
            serde_json::to_string(damaged).expect("json")
        ),
        "{not json".to_owned(),
        serde_json::json!({"id": "b", "text": "ข่าวดี\n\nวันนี้อากาศแจ่มใส\n"}).to_string(),
    ];
    std::fs::write(&corpus, lines.join("\n") + "\n").expect("write");
    let opts = options(dir.path(), vec![corpus.clone()]);
    let mut errors = Vec::new();
    let articles = load_articles(&opts, &ScanOptions::default(), &mut errors);
    assert_eq!(articles.len(), 2);
    assert_eq!(errors.len(), 1, "the bad line is reported once: {errors:?}");
    assert!(errors[0].contains("line 2"), "{errors:?}");
    let mut app = app_of(articles, false, 100, 30);
    assert_eq!(app.current(), None, "a list first");
    assert_eq!(app.articles()[0].label(), "pages.jsonl#1 id a");
    press(&mut app, &["Enter", "A"]);
    app.update(Action::Input(InputKey::Char('y')));
    let fx = press(&mut app, &["w"]);
    settle(&mut app, &opts, fx);
    let out = std::fs::read_to_string(dir.path().join("pages.clean.jsonl")).expect("export");
    let out: Vec<&str> = out.lines().collect();
    assert_eq!(out.len(), 3);
    let first: serde_json::Value = serde_json::from_str(out[0]).expect("json");
    assert_eq!(
        first["text"],
        "ฝนตกหนักในภาคเหนือ\n\nกรมอุตุนิยมวิทยาสหรัฐฯ เตือนว่าฝนจะตกหนัก\n"
    );
    assert!(
        out[0].contains(r#""n": 1.50"#),
        "other fields verbatim: {}",
        out[0]
    );
    assert!(
        out[0].starts_with(r#"{"id": "a", "text": "#),
        "in their order: {}",
        out[0]
    );
    assert_eq!(first["redline_applied"].as_array().map(Vec::len), Some(2));
    assert_eq!(out[1], "{not json", "a bad line passes through");
    // Nothing applied: the line exactly as it was.
    assert_eq!(out[2], lines[2]);
}

/// Two invented brands glued to the titles and the ends of eight articles each.
fn planted_dir(dir: &Path) -> (PathBuf, [&'static str; 2]) {
    let brands = ["ทองคำเบท", "qomtabet77"];
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).expect("dir");
    let clean = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean");
    let mut files: Vec<PathBuf> = ["th", "en"]
        .iter()
        .flat_map(|d| std::fs::read_dir(clean.join(d)).expect("corpus"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for (i, f) in files.iter().take(24).enumerate() {
        let a = std::fs::read_to_string(f).expect("article");
        let text = match i % 3 {
            2 => a,
            k => format!("{}{}{}\n", brands[k], a.trim_end(), brands[k]),
        };
        std::fs::write(corpus.join(format!("{i:02}.txt")), text).expect("write");
    }
    (corpus, brands)
}

#[test]
fn a_cluster_decision_reaches_every_occurrence_in_the_corpus() {
    let dir = tempfile::tempdir().expect("temp");
    let (corpus, brands) = planted_dir(dir.path());
    let opts = options(dir.path(), vec![corpus]);
    let mut app = open_with(&opts, true, 100, 30);
    assert_eq!(app.current(), None);
    press(&mut app, &["T"]);
    let view = app.terms().expect("the corpus view shows");
    let top: Vec<&str> = view
        .candidates
        .iter()
        .take(2)
        .map(|c| c.term.as_str())
        .collect();
    assert!(brands.iter().all(|b| top.contains(b)), "{top:?}");
    let first = view.candidates[0].term.clone();
    let planted: Vec<usize> = (0..app.articles().len())
        .filter(|&i| app.articles()[i].review.text.contains(&first))
        .collect();
    assert_eq!(planted.len(), 8);

    // Nothing changes before the count is confirmed.
    let fx = press(&mut app, &["a"]);
    assert!(fx.is_empty());
    assert!(
        app.status().contains("16 occurrences in 8 articles"),
        "{}",
        app.status()
    );
    let fx = app.update(Action::Input(InputKey::Char('y')));
    assert!(fx.contains(&Effect::AppendDeny(first.clone())));
    for &i in &planted {
        assert!(fx.contains(&Effect::SaveSession(i)));
        let out = app.articles()[i].review.output();
        assert!(!out.contains(&first), "article {i} still has it: {out}");
    }
    // Only the planted articles were touched.
    for i in (0..app.articles().len()).filter(|i| !planted.contains(i)) {
        assert!(!app.articles()[i].unwritten);
    }

    // Keeping the other brand everywhere rejects whatever the engine flagged on it.
    press(&mut app, &["j", "r"]);
    app.update(Action::Input(InputKey::Char('y')));
    let second = app.terms().expect("view").candidates[1].term.clone();
    for a in app.articles() {
        for it in a.review.items.iter().filter(|it| {
            it.finding.kind == redline::Kind::Spam
                && a.review.text[it.finding.range.clone()].contains(&second)
        }) {
            assert_eq!(
                it.decision,
                redline::review::Decision::Rejected,
                "{} {:?} {}",
                a.label(),
                it.finding.range,
                it.finding.message
            );
        }
    }
    press(&mut app, &["q"]);
    assert!(app.terms().is_none(), "back to the list");
}
