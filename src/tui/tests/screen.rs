//! What is on screen is what gets written: the article pane is drawn from `output()`, with
//! decorations (removed text, previews, markers) added on top.

use proptest::prelude::*;

use super::{open_text, press, sample};
use crate::tui::app::App;
use crate::tui::display::{DisplayOptions, article_runs, shown, undecorated};
use redline::ScanOptions;
use redline::document::Document;
use redline::pipeline::Analysis;
use redline::review::{ArticleReview, Decision, Edit};

/// Every output paragraph, decorations stripped, spells the output exactly.
fn assert_screen_is_output(review: &ArticleReview, opts: &DisplayOptions) {
    let output = review.output();
    let (doc, runs) = article_runs(review, opts);
    let expected = Document::new(output.clone());
    assert_eq!(doc.paragraphs, expected.paragraphs);
    for (p, para) in doc.paragraphs.iter().enumerate() {
        // A finding over whitespace alone is made visible (⍽ for a no-break space): compare
        // everything but whitespace and its stand-ins.
        let ink = |s: String| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && !"⍽¦→⏎·".contains(*c))
                .collect()
        };
        assert_eq!(
            ink(undecorated(&runs[p])),
            ink(shown(&output[para.clone()], opts.reveal)),
            "paragraph {p}"
        );
    }
}

/// The text of every screen line of the current article, decorations included.
fn screen_lines(app: &App) -> Vec<String> {
    let a = &app.articles()[0];
    (0..=a.layout.total)
        .filter_map(|n| a.layout.line(n))
        .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
        .collect()
}

#[test]
fn accepting_the_repeated_title_leaves_nothing_of_it_on_screen() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 120, 40);
    press(&mut app, &["j", "a"]);
    let review = &app.articles()[0].review;
    assert_eq!(review.items[1].decision, Decision::Accepted);
    assert!(
        !screen_lines(&app).iter().any(|l| l.trim() == "บาคาร่า"),
        "a lone spam line is left: {:#?}",
        screen_lines(&app)
    );
    assert_screen_is_output(review, &app.display_options());
    // The spam term inside the removed paragraph has nothing left to decide: skipped.
    assert_ne!(app.selected(), 2);
    // Accept the next one and undo it: it is selected again, pending, and the removed
    // paragraph stays removed.
    let next = app.selected();
    press(&mut app, &["a", "u"]);
    let review = &app.articles()[0].review;
    assert_eq!(app.selected(), next, "undo returns to the undone finding");
    assert_eq!(review.items[next].decision, Decision::Pending);
    assert!(!screen_lines(&app).iter().any(|l| l.trim() == "บาคาร่า"));
    assert_screen_is_output(review, &app.display_options());
}

#[test]
fn the_pane_title_follows_the_title_fix() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 120, 40);
    press(&mut app, &["g", "a"]);
    let title = app.articles()[0].written_title();
    assert!(title.starts_with("ขอนแก่น"), "{title}");
}

#[derive(Debug, Clone)]
enum Step {
    Decide(usize, u8),
    Undo,
    Redo,
    Edit(usize, usize, String),
    Select(usize),
    Diff,
    Reveal,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..64, 0u8..3).prop_map(|(i, d)| Step::Decide(i, d)),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        2 => (0usize..4000, 0usize..40, "[ก-ฮ่ a\n]{0,6}").prop_map(|(a, l, s)| Step::Edit(a, l, s)),
        2 => (0usize..64).prop_map(Step::Select),
        1 => Just(Step::Diff),
        1 => Just(Step::Reveal),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn the_screen_spells_the_output_after_any_steps(
        english in any::<bool>(),
        steps in proptest::collection::vec(step(), 1..24),
    ) {
        let text = sample(if english { "english-news-damaged.txt" } else { "thai-news-damaged.txt" });
        let a = Analysis::text(text, &ScanOptions::default());
        let mut review = ArticleReview::new(a.doc.text, a.findings);
        let mut opts = DisplayOptions {
            width: 60,
            diff: false,
            reveal: false,
            selected: Some(0),
            search: Some("บาคาร่า".into()),
            current_hit: None,
            suggest_below: 0.0,
            hard_breaks: false,
        };
        for s in steps {
            let n = review.items.len().max(1);
            match s {
                Step::Decide(i, d) => {
                    let d = [Decision::Accepted, Decision::Rejected, Decision::Pending][d as usize];
                    review.decide(i % n, d);
                }
                Step::Undo => { review.undo(); }
                Step::Redo => { review.redo(); }
                Step::Edit(at, len, s) => {
                    let t = &review.text;
                    let mut start = at % (t.len() + 1);
                    while !t.is_char_boundary(start) { start -= 1; }
                    let mut end = (start + len).min(t.len());
                    while !t.is_char_boundary(end) { end -= 1; }
                    let _ = review.edit_text(Edit { range: start..end, replacement: s });
                }
                Step::Select(i) => opts.selected = Some(i % n),
                Step::Diff => opts.diff = !opts.diff,
                Step::Reveal => opts.reveal = !opts.reveal,
            }
            assert_screen_is_output(&review, &opts);
        }
    }
}

#[test]
fn the_spam_word_is_never_cut_on_screen() {
    let text = sample("thai-news-damaged.txt");
    for w in 24u16..=120 {
        let (_dir, _opts, app) = open_text("thai.txt", &text, w, 30);
        let joined = screen_lines(&app).join("\n");
        let word = "บาคาร่า";
        for (k, _) in word.char_indices().skip(1) {
            let cut = format!("{}\n{}", &word[..k], &word[k..]);
            assert!(!joined.contains(&cut), "{w}: cut as {cut:?}");
        }
    }
}

/// The article list and the pane show each title as it will be written: once the spam
/// prefix of the title is accepted, neither shows `บาคาร่า`; undone, both show it again.
#[test]
fn the_list_and_the_pane_show_the_title_as_written() {
    let (_dir, opts) = super::files(&[
        ("thai.txt", &sample("thai-news-damaged.txt")),
        ("en.txt", &sample("english-news-damaged.txt")),
    ]);
    let mut app = super::open_with(&opts, false, 120, 40);
    let draw = |app: &App| {
        let mut t =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        t.draw(|f| crate::tui::view::render(app, f)).expect("draw");
        let buf = t.backend().buffer().clone();
        (0..40u16)
            .map(|y| {
                (0..120u16)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
    };
    let row = |rows: &[String]| {
        rows.iter()
            .find(|r| r.contains("thai.txt"))
            .cloned()
            .expect("the Thai article's row")
    };
    assert!(row(&draw(&app)).contains("บาคาร่าขอนแก่น"));
    let thai = app
        .list_order()
        .iter()
        .position(|&i| i == 0)
        .expect("listed");
    for _ in 0..thai {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["Enter", "g", "a"]);
    assert_eq!(app.current(), Some(0));
    let pane = draw(&app)[0].clone();
    assert!(pane.contains("ขอนแก่นเดินหน้า"), "{pane}");
    assert!(!pane.contains("บาคาร่า"), "{pane}");
    press(&mut app, &["q"]);
    let listed = row(&draw(&app));
    assert!(listed.contains("ขอนแก่นเดินหน้า"), "{listed}");
    assert!(!listed.contains("บาคาร่า"), "{listed}");
    // Undone: the title as written has the prefix again.
    press(&mut app, &["Enter", "u", "q"]);
    assert!(row(&draw(&app)).contains("บาคาร่าขอนแก่น"));
}
