//! Key-driven flows with no terminal: keys go through the real keymap into `update`, and the
//! assertions are on state and on the exported text.

use super::{files, open_text, open_with, open_with_lists, press, sample, settle, type_text};
use crate::tui::action::{Action, InputKey};
use crate::tui::app::{Effect, Mode};
use crate::tui::session::Session;
use redline::ScanOptions;
use redline::pipeline::Analysis;
use redline::review::{ArticleReview, Decision};

/// A fresh review of `text`, as the pipeline scans it.
fn fresh_review(text: &str) -> ArticleReview {
    let a = Analysis::text(text.to_owned(), &ScanOptions::default());
    ArticleReview::new(a.doc.text, a.findings)
}

#[test]
fn accepting_everything_exports_what_fix_writes() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 100, 30);
    let fx = press(&mut app, &["A"]);
    assert!(fx.is_empty(), "asks first");
    assert!(matches!(app.mode(), Mode::Confirm(Decision::Accepted)));
    let fx = press(&mut app, &["y"]);
    assert!(fx.contains(&Effect::SaveSession(0)));
    let expected = Analysis::text(text.clone(), &ScanOptions::default())
        .fixed()
        .expect("fix");
    assert_eq!(app.articles()[0].review.output(), expected);
    assert_eq!(press(&mut app, &["w"]), vec![Effect::Write(vec![0])]);
}

#[test]
fn accept_reject_undo_redo_and_skip() {
    let text = sample("english-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("en.txt", &text, 100, 30);
    let n = app.articles()[0].review.items.len();
    assert!(n >= 4);
    press(&mut app, &["a"]);
    assert_eq!(
        app.articles()[0].review.items[0].decision,
        Decision::Accepted
    );
    assert_eq!(app.selected(), 1, "moves to the next pending finding");
    press(&mut app, &["r"]);
    assert_eq!(app.articles()[0].review.counts(), (n - 2, 1, 1));
    press(&mut app, &["u", "u"]);
    assert_eq!(app.articles()[0].review.counts(), (n, 0, 0));
    press(&mut app, &["Ctrl-r"]);
    assert_eq!(app.articles()[0].review.counts(), (n - 1, 1, 0));
    let before = app.selected();
    press(&mut app, &["s"]);
    assert_ne!(app.selected(), before);
    assert_eq!(
        app.articles()[0].review.counts(),
        (n - 1, 1, 0),
        "skip decides nothing"
    );
    press(&mut app, &["G"]);
    assert_eq!(app.selected(), n - 1);
    press(&mut app, &["g"]);
    assert_eq!(app.selected(), 0);
}

#[test]
fn editing_the_replacement_and_the_text() {
    let text = sample("english-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("en.txt", &text, 100, 30);
    // The first finding is the spam prefix before the title: replace it with "Update: ".
    press(&mut app, &["e"]);
    assert!(matches!(app.mode(), Mode::EditReplacement(_)));
    type_text(&mut app, "Update: ");
    press(&mut app, &["Enter"]);
    assert!(
        app.articles()[0]
            .review
            .output()
            .starts_with("Update: Island ferry")
    );
    // Edit the title line itself: every finding on it goes stale, the rest are remapped.
    press(&mut app, &["i"]);
    assert!(matches!(app.mode(), Mode::EditText(..)));
    for _ in 0.."online casino ".chars().count() {
        app.update(Action::Input(InputKey::Home));
        app.update(Action::Input(InputKey::Delete));
    }
    press(&mut app, &["Enter"]);
    let review = &app.articles()[0].review;
    assert!(review.text.starts_with("Island ferry"));
    assert!(review.items[0].stale);
    for it in review.items.iter().filter(|i| !i.stale) {
        assert_eq!(review.text[it.finding.range.clone()], it.finding_text);
    }
    press(&mut app, &["u"]);
    assert!(app.articles()[0].review.text.starts_with("online casino "));
}

#[test]
fn search_and_invisibles() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 100, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "บาคาร่า");
    press(&mut app, &["Enter"]);
    assert!(app.status().starts_with("match "), "{}", app.status());
    press(&mut app, &["n", "N", "z", "Enter"]);
    assert!(app.reveal() && app.diff());
}

#[test]
fn article_list_opens_and_goes_back_and_quitting_asks() {
    let (_dir, opts) = files(&[
        ("a.txt", &sample("thai-news-damaged.txt")),
        ("b.txt", &sample("english-news-damaged.txt")),
    ]);
    let mut app = open_with(&opts, false, 100, 30);
    assert_eq!(app.current(), None);
    press(&mut app, &["j", "Enter"]);
    assert_eq!(app.current(), Some(1));
    press(&mut app, &["a", "q"]);
    assert_eq!(app.current(), None, "q goes back to the list");
    assert!(
        press(&mut app, &["q"]).is_empty(),
        "unwritten decisions: asks"
    );
    assert_eq!(*app.mode(), Mode::ConfirmQuit);
    assert_eq!(press(&mut app, &["y"]), vec![Effect::Quit]);
}

#[test]
fn sessions_resume_and_re_anchor_by_text() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 100, 30);
    press(&mut app, &["a", "r"]);
    let saved = Session::capture("thai.txt", "hash-1", &app.articles()[0].review);
    let json = serde_json::to_string(&saved).expect("serialises");
    let back: Session = serde_json::from_str(&json).expect("parses");

    // Same content: both decisions come back.
    let mut fresh = fresh_review(&text);
    let note = back.restore(&mut fresh, true);
    assert!(note.starts_with("resumed: 2 decisions"), "{note}");
    assert_eq!(fresh.counts().1, 1);
    assert_eq!(fresh.counts().2, 1);

    // The file changed above the findings: decisions are found again by their text.
    let changed = format!("{}\n", text.replacen("ขอนแก่น,", "ขอนแก่น (แก้ไข),", 1));
    let mut moved = fresh_review(&changed);
    let note = back.restore(&mut moved, false);
    assert!(note.contains("re-anchored"), "{note}");
    assert_eq!(moved.counts().1 + moved.counts().2, 2);
}

#[test]
fn a_click_selects_the_finding_under_it_and_the_wheel_scrolls() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 100, 30);
    press(&mut app, &["G"]);
    let last = app.selected();
    // Row 1, column 1 is the first character of the title: the spam prefix.
    app.update(Action::Scroll(-100));
    app.update(Action::Click { column: 1, row: 1 });
    assert_ne!(app.selected(), last);
    assert_eq!(
        app.articles()[0].review.items[app.selected()].finding.kind,
        redline::Kind::Spam
    );
    app.update(Action::Resize {
        width: 40,
        height: 12,
    });
    app.update(Action::Scroll(5));
    assert!(app.scroll() > 0);
}

#[test]
fn writing_exports_report_and_diff_next_to_the_input() {
    let text = sample("english-news-damaged.txt");
    let (dir, mut opts) = files(&[("news.txt", &text)]);
    let input = opts.paths[0].clone();
    opts.report = Some(dir.path().join("report.json"));
    opts.diff = Some(dir.path().join("changes.diff"));
    let mut app = open_with(&opts, false, 100, 30);
    let fx = press(&mut app, &["a", "r", "w"]);
    assert!(!settle(&mut app, &opts, fx));
    assert!(!app.articles()[0].unwritten, "the outcome came back");
    assert!(app.status().starts_with("wrote "), "{}", app.status());
    let exported = std::fs::read_to_string(dir.path().join("news.clean.txt")).expect("export");
    assert_eq!(exported, app.articles()[0].review.output());
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        text,
        "input untouched"
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("report.json")).expect("report"),
    )
    .expect("json");
    let decisions: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["decision"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(&decisions[..2], ["accepted", "rejected"]);
    let diff = std::fs::read_to_string(dir.path().join("changes.diff")).expect("diff");
    assert!(diff.contains("-online casino Island ferry"), "{diff}");
    // The session was saved on every decision and holds both.
    let sessions: Vec<_> = std::fs::read_dir(dir.path().join("data/sessions"))
        .expect("sessions")
        .collect();
    assert_eq!(sessions.len(), 1);
    // `d` puts a spam term on the deny list in the config directory.
    press(&mut app, &["g"]);
    let fx = press(&mut app, &["d"]);
    settle(&mut app, &opts, fx);
    let deny = std::fs::read_to_string(dir.path().join("config/deny.txt")).expect("deny list");
    assert_eq!(deny.trim(), "online casino");
}

/// The match number in "match 3/21 for 'the'".
fn match_no(status: &str) -> (usize, usize) {
    let m = status
        .strip_prefix("match ")
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.split_once('/'))
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
    m.unwrap_or_else(|| panic!("no match count in {status:?}"))
}

#[test]
fn n_steps_from_the_last_match_and_scrolls_to_it() {
    // A clean article: no findings to select, yet search scrolls.
    let text = sample("thai-news-clean.txt");
    let (_dir, _opts, mut app) = open_text("clean.txt", &text, 40, 12);
    assert!(app.articles()[0].review.items.is_empty());
    press(&mut app, &["/"]);
    type_text(&mut app, "ที่");
    press(&mut app, &["Enter"]);
    let (first, total) = match_no(app.status());
    assert_eq!(first, 1);
    assert!(total > 4, "{total}");
    let mut seen = vec![first];
    let mut scrolled = false;
    for _ in 0..total - 1 {
        let before = app.scroll();
        press(&mut app, &["n"]);
        seen.push(match_no(app.status()).0);
        scrolled |= app.scroll() != before;
        // The current match is on screen.
        let line = app.articles()[0]
            .layout
            .hit_line()
            .expect("current match shown");
        let rows = crate::tui::app::article_rows(12);
        assert!(line >= app.scroll() && line < app.scroll() + rows);
    }
    assert_eq!(
        seen,
        (1..=total).collect::<Vec<_>>(),
        "n advances one match at a time"
    );
    assert!(scrolled, "n scrolls to matches below the screen");
    press(&mut app, &["n"]);
    assert_eq!(match_no(app.status()).0, 1, "wraps around");
    press(&mut app, &["N"]);
    assert_eq!(match_no(app.status()).0, total, "N goes back");
}

#[test]
fn the_search_prompt_starts_empty_recalls_and_clears() {
    let text = sample("english-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("en.txt", &text, 100, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "the");
    press(&mut app, &["Enter"]);
    let (_, lower) = match_no(app.status());
    let sel = app.selected();
    press(&mut app, &["n", "n"]);
    assert_eq!(app.selected(), sel, "searching does not move the selection");
    press(&mut app, &["/"]);
    let Mode::Search(e) = app.mode() else {
        panic!("search prompt")
    };
    assert_eq!(e.text, "", "a new search starts empty");
    app.update(Action::Input(InputKey::Up));
    let Mode::Search(e) = app.mode() else {
        panic!("search prompt")
    };
    assert_eq!(e.text, "the", "up recalls the last query");
    app.update(Action::Input(InputKey::ClearLine));
    let Mode::Search(e) = app.mode() else {
        panic!("search prompt")
    };
    assert_eq!(e.text, "", "Ctrl-U clears");
    // Smart case: a capital letter makes the search exact.
    type_text(&mut app, "The");
    press(&mut app, &["Enter"]);
    let (_, upper) = match_no(app.status());
    assert!(upper < lower, "'The' {upper} vs 'the' {lower}");
}

fn list(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("config").join(name)).unwrap_or_default()
}

#[test]
fn undo_takes_a_deny_list_write_back_and_redo_makes_it_again() {
    let text = sample("english-news-damaged.txt");
    let (dir, opts) = files(&[("news.txt", &text)]);
    let mut app = open_with(&opts, false, 100, 30);
    let fx = press(&mut app, &["d"]);
    settle(&mut app, &opts, fx);
    assert_eq!(list(dir.path(), "deny.txt").trim(), "online casino");
    assert!(
        app.status().contains("deny list") && app.status().contains("online casino"),
        "{}",
        app.status()
    );
    assert_eq!(
        app.articles()[0].review.items[0].decision,
        Decision::Accepted
    );
    let fx = press(&mut app, &["u"]);
    settle(&mut app, &opts, fx);
    assert_eq!(
        list(dir.path(), "deny.txt").trim(),
        "",
        "undo takes the term off"
    );
    assert_eq!(
        app.articles()[0].review.items[0].decision,
        Decision::Pending
    );
    assert!(app.status().contains("deny"), "{}", app.status());
    let fx = press(&mut app, &["Ctrl-r"]);
    settle(&mut app, &opts, fx);
    assert_eq!(list(dir.path(), "deny.txt").trim(), "online casino");
    // A new decision after an undo: the undone write is not made again by a later redo.
    let fx = press(&mut app, &["u", "a"]);
    settle(&mut app, &opts, fx);
    assert_eq!(list(dir.path(), "deny.txt").trim(), "");
}

#[test]
fn a_repetition_kept_with_i_is_not_flagged_again_and_undo_forgets_it() {
    let text = sample("thai-news-damaged.txt");
    let (dir, mut opts) = files(&[("a.txt", &text), ("b.txt", &text)]);
    let second = opts.paths.pop().expect("b");
    let mut app = open_with(&opts, false, 100, 30);
    let doubled = app.articles()[0]
        .review
        .items
        .iter()
        .position(|it| it.finding.rule == redline::detect::Rule::DuplicateAdjacentPhrase)
        .expect("a doubled phrase");
    while app.selected() != doubled {
        press(&mut app, &["j"]);
    }
    let fx = press(&mut app, &["I"]);
    settle(&mut app, &opts, fx);
    assert!(app.status().contains("repeats.txt"), "{}", app.status());
    assert_eq!(list(dir.path(), "repeats.txt").trim(), "ของเกษตรกรในพื้นที่");
    assert_eq!(
        app.articles()[0].review.items[doubled].decision,
        Decision::Rejected
    );
    // Another article with the same repetition, opened as the binary opens it (the user's
    // lists read): the repetition is not flagged again, the rest still is.
    let mut other = opts.clone();
    other.paths = vec![second];
    let app2 = open_with_lists(&other, false, 100, 30);
    let r2 = &app2.articles()[0].review;
    assert!(
        r2.items
            .iter()
            .all(|it| it.finding.kind != redline::Kind::Duplicate
                || redline::lexicon::repeat_key(&r2.text[it.finding.range.clone()])
                    != "ของเกษตรกรในพื้นที่"),
        "not flagged again"
    );
    assert_eq!(
        r2.items.len(),
        app.articles()[0].review.items.len() - 1,
        "only the kept repetition is gone"
    );
    // The next scan and fix read the list too: fix keeps the repetition.
    let scan = {
        let mut b = redline::lexicon::LexiconBuilder::builtin();
        b.user_dir(&dir.path().join("config")).expect("lists");
        ScanOptions {
            lexicon: b.build().expect("lexicon"),
            ..ScanOptions::default()
        }
    };
    let fixed = Analysis::text(text.clone(), &scan)
        .settled(&scan)
        .expect("fix");
    assert!(
        fixed.contains("ของเกษตรกรในพื้นที่ ของเกษตรกรในพื้นที่")
            || fixed.contains("ของเกษตรกรในพื้นที่ของเกษตรกรในพื้นที่"),
        "the kept repetition is written as it was"
    );
    // Undo takes it off the list.
    let fx = press(&mut app, &["u"]);
    settle(&mut app, &opts, fx);
    assert_eq!(list(dir.path(), "repeats.txt").trim(), "");
    assert_eq!(
        app.articles()[0].review.items[doubled].decision,
        Decision::Pending
    );
}

#[test]
fn one_key_goes_to_the_next_article_with_pending_findings() {
    let (_dir, opts) = files(&[
        ("clean.txt", &sample("thai-news-clean.txt")),
        ("thai.txt", &sample("thai-news-damaged.txt")),
        ("en.txt", &sample("english-news-damaged.txt")),
    ]);
    let mut app = open_with(&opts, false, 100, 30);
    // Articles with spam come first, the clean one last.
    assert_eq!(app.list_order(), &[1, 2, 0]);
    press(&mut app, &["Enter"]);
    assert_eq!(app.current(), Some(1));
    press(&mut app, &["A", "y"]);
    press(&mut app, &["]"]);
    assert_eq!(
        app.current(),
        Some(2),
        "the next article with pending findings"
    );
    press(&mut app, &["A", "y", "g", "r"]);
    assert!(
        app.status().contains("every article is decided") || app.status().contains("nothing"),
        "{}",
        app.status()
    );
    press(&mut app, &["]"]);
    assert_eq!(app.current(), Some(2), "nothing else pending: stays");
    assert!(
        app.status().contains("no other article"),
        "{}",
        app.status()
    );
    press(&mut app, &["q"]);
    assert_eq!(app.current(), None);
    assert!(app.articles().iter().all(|a| a.pending() == 0));
    // Suggestions (below the threshold) were left alone by A.
    assert!(app.articles()[1].suggestions() > 0);
}

#[test]
fn i_edits_the_whole_paragraph_from_the_finding() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 100, 30);
    let k = app.articles()[0]
        .review
        .items
        .iter()
        .position(|it| it.finding.rule == redline::detect::Rule::DuplicateAdjacentPhrase)
        .expect("a doubled phrase");
    while app.selected() != k {
        press(&mut app, &["j"]);
    }
    let finding = app.articles()[0].review.items[k].finding.range.clone();
    press(&mut app, &["i"]);
    let Mode::EditText(e, range) = app.mode().clone() else {
        panic!("editing")
    };
    let text = &app.articles()[0].review.text;
    let para = &text[range.clone()];
    // The whole paragraph around the finding: from a blank line to a blank line.
    assert!(
        range.start <= finding.start && finding.end <= range.end,
        "{para}"
    );
    assert!(
        range.start == 0 || text[..range.start].ends_with("\n\n"),
        "starts a paragraph: {para}"
    );
    assert!(
        text[range.end..].starts_with("\n\n") || range.end == text.trim_end().len(),
        "ends a paragraph: {para}"
    );
    assert!(!para.contains("\n\n"), "one paragraph: {para}");
    let edited = format!("{para} (แก้ไข)");
    assert_eq!(
        e.cursor,
        finding.start - range.start,
        "the cursor starts at the finding"
    );
    app.update(Action::Input(InputKey::End));
    type_text(&mut app, " (แก้ไข)");
    press(&mut app, &["Enter"]);
    let review = &app.articles()[0].review;
    assert!(review.text.contains(&edited));
    // Findings elsewhere were remapped onto the same text.
    for it in review.items.iter().filter(|i| !i.stale) {
        assert_eq!(review.text[it.finding.range.clone()], it.finding_text);
    }
    assert!(
        !review.items[k].stale,
        "an edit after the finding leaves it alone"
    );
}

#[test]
fn findings_below_the_threshold_are_suggestions_never_accepted_by_a() {
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 100, 30);
    let a = &app.articles()[0];
    let n = a.review.items.len();
    let sugg: Vec<usize> = (0..n).filter(|&i| a.is_suggestion(i)).collect();
    assert!(!sugg.is_empty(), "the stray no-break space is a suggestion");
    // Their own group: after every finding at or above the threshold.
    assert!(sugg.iter().all(|&i| i >= n - sugg.len()));
    press(&mut app, &["A", "y"]);
    let a = &app.articles()[0];
    for &i in &sugg {
        assert_eq!(
            a.review.items[i].decision,
            Decision::Pending,
            "A leaves suggestions"
        );
    }
    assert_eq!(a.pending(), 0);
    // Reachable with the keys, and decided one by one.
    press(&mut app, &["G"]);
    assert_eq!(app.selected(), n - 1);
    press(&mut app, &["a"]);
    assert_eq!(
        app.articles()[0].review.items[n - 1].decision,
        Decision::Accepted
    );
}

#[test]
fn up_and_down_in_the_paragraph_editor_move_by_screen_line() {
    use crate::tui::line_edit::{line_of, screen_lines};
    let text = sample("thai-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("thai.txt", &text, 40, 24);
    let k = app.articles()[0]
        .review
        .items
        .iter()
        .position(|it| it.finding.rule == "duplicate.adjacent-phrase")
        .expect("a doubled phrase");
    while app.selected() != k {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["i"]);
    let editing = |app: &crate::tui::app::App| match app.mode() {
        Mode::EditText(e, _) => e.clone(),
        _ => panic!("editing"),
    };
    let e = editing(&app);
    let lines = screen_lines(&e.text, crate::tui::app::editor_cols(40));
    assert!(lines.len() >= 4, "a long paragraph: {lines:?}");
    press(&mut app, &["Home", "Down"]);
    let e = editing(&app);
    assert_eq!(line_of(&lines, e.cursor), 1, "one screen line down");
    assert_eq!(e.cursor, lines[1].start, "column 0 of it");
    // From column 5 of the second line: column 5 of the third, clusters whole.
    press(&mut app, &["Right", "Right", "Right", "Right", "Right"]);
    let col = |e: &crate::tui::line_edit::LineEdit, l: &std::ops::Range<usize>| {
        crate::tui::wrap::width(&e.text[l.start..e.cursor])
    };
    let before = editing(&app);
    let c = col(&before, &lines[1]);
    press(&mut app, &["Down"]);
    let e = editing(&app);
    assert_eq!(line_of(&lines, e.cursor), 2);
    assert!(redline::segment::is_grapheme_boundary(&e.text, e.cursor));
    let c2 = col(&e, &lines[2]);
    assert!(c2 <= c && c2 + 2 >= c, "column {c2} for {c}");
    press(&mut app, &["Up"]);
    assert_eq!(editing(&app).cursor, before.cursor, "and back up");
    // Typing goes where the cursor shows, and Enter applies it.
    press(&mut app, &["Down", "Down"]);
    let at = editing(&app).cursor;
    assert_eq!(line_of(&lines, at), 3);
    type_text(&mut app, "#");
    let mut expected = e.text.clone();
    expected.insert(at, '#');
    assert_eq!(editing(&app).text, expected);
    // Up from the first line goes to the start, down from the last to the end.
    press(&mut app, &["Up", "Up", "Up", "Up", "Up"]);
    assert_eq!(editing(&app).cursor, 0);
    press(&mut app, &["End", "Down"]);
    assert_eq!(editing(&app).cursor, editing(&app).text.len());
    press(&mut app, &["Enter"]);
    assert!(app.articles()[0].review.text.contains('#'));
}

/// Leaving the editor with Esc says so (the status held its prompt), and `A` with nothing
/// pending asks nothing.
#[test]
fn esc_from_the_editor_and_a_with_nothing_pending_say_what_happened() {
    let text = sample("english-news-damaged.txt");
    let (_dir, _opts, mut app) = open_text("en.txt", &text, 100, 30);
    press(&mut app, &["i"]);
    assert!(app.status().contains("Esc cancels"), "{}", app.status());
    press(&mut app, &["Esc"]);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(app.status().contains("cancelled"), "{}", app.status());
    press(&mut app, &["A", "y"]);
    press(&mut app, &["A"]);
    assert_eq!(*app.mode(), Mode::Normal, "no question about 0 findings");
    assert_eq!(app.status(), "nothing pending here");
}
