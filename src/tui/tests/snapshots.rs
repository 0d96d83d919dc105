//! The screen, cell by cell with styles (`assert_debug_snapshot!` of the buffer), because
//! the highlight colours are the product. Also: no line is wider than its pane, and a frame
//! after scrolling equals a fresh draw.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{files, open_with};
use crate::tui::action::{Action, Command};
use crate::tui::app::App;
use crate::tui::terminal::{Painter, draw_frame, needs_full_redraw};
use crate::tui::view::render;

/// The app for `text` read from `sample.txt` (the name the title shows).
fn app_for(text: &str, color: bool, w: u16, h: u16) -> (tempfile::TempDir, App) {
    let (dir, opts) = files(&[("sample.txt", text)]);
    let app = open_with(&opts, color, w, h);
    (dir, app)
}

fn draw(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| render(app, f)).expect("draw");
    t.backend().buffer().clone()
}

const SMALL: &str = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. – กรมอุตุฯ สหรัฐฯบาคาร่า เตือนว่าน้ำจะท่วม ของเกษตรกรในพื้นที่ ของเกษตรกรในพื้นที่ ต่อเนื่อง\n\nประชาชนควรติดตามประกาศ (รายงานโดย อรุณี)บาคาร่า\n";

#[test]
fn thai_article_with_highlights() {
    let (_dir, app) = app_for(SMALL, true, 48, 16);
    insta::assert_debug_snapshot!(draw(&app, 48, 16));
}

#[test]
fn monochrome_still_tells_kinds_apart() {
    let (_dir, mut app) = app_for(SMALL, false, 48, 16);
    app.update(Action::Command(Command::Accept));
    insta::assert_debug_snapshot!(draw(&app, 48, 16));
}

#[test]
fn no_line_is_wider_than_its_pane() {
    let text = super::sample("thai-news-damaged.txt");
    for (w, h) in [(40u16, 12u16), (61, 20), (120, 40)] {
        let (_dir, mut app) = app_for(&text, true, w, h);
        for _ in 0..40 {
            let opts = app.display_options();
            let a = &app.articles()[0];
            for n in 0..a.layout.total {
                if let Some(line) = a.layout.line(n) {
                    let width: usize = line
                        .runs
                        .iter()
                        .map(|r| crate::tui::wrap::width(&r.text))
                        .sum();
                    assert!(
                        width <= opts.width,
                        "{w}x{h} line {n}: {width} > {}",
                        opts.width
                    );
                }
            }
            app.update(Action::Command(Command::PageDown));
        }
    }
}

#[test]
fn a_frame_after_scrolling_equals_a_fresh_draw() {
    let text = super::sample("thai-news-damaged.txt");
    let (w, h) = (50, 14);
    let (_dir, mut app) = app_for(&text, true, w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let mut painter = Painter::default();
    draw_frame(&mut t, &mut painter, &app, true).expect("draw");
    for cmd in [
        Command::PageDown,
        Command::ScrollDown,
        Command::ScrollDown,
        Command::PageUp,
        Command::NextFinding,
        Command::Accept,
    ] {
        let action = Action::Command(cmd);
        let effects = app.update(action.clone());
        // The event loop's own policy decides when to draw from scratch.
        let full = needs_full_redraw(&action, &effects);
        draw_frame(&mut t, &mut painter, &app, full).expect("draw");
        assert_eq!(
            shown_cells(t.backend().buffer()),
            shown_cells(&draw(&app, w, h)),
            "after {cmd:?}"
        );
    }
}

/// The cells a terminal shows: the column behind a two-column cluster is its second half,
/// whatever the test backend kept there from before (it never receives that column).
fn shown_cells(buf: &ratatui::buffer::Buffer) -> ratatui::buffer::Buffer {
    let mut out = buf.clone();
    // How a cell was sent (the painter forces some) is not what it shows.
    for c in &mut out.content {
        c.diff_option = ratatui::buffer::CellDiffOption::None;
    }
    let w = buf.area.width as usize;
    for i in 0..buf.content.len() {
        let cw = crate::tui::wrap::width(buf.content[i].symbol());
        for k in 1..cw {
            if i + k < out.content.len() && (i + k) % w != 0 {
                out.content[i + k] = ratatui::buffer::Cell::default();
            }
        }
    }
    out
}

/// The last row of a frame, as text.
fn status_row(app: &App, w: u16, h: u16) -> String {
    let buf = draw(app, w, h);
    (0..w)
        .map(|x| buf[(x, h - 1)].symbol().to_owned())
        .collect::<String>()
        .trim_end()
        .to_owned()
}

#[test]
fn prompts_keep_their_keys_down_to_40_columns() {
    let text = super::sample("thai-news-damaged.txt");
    for w in [40u16, 52, 61, 77, 120] {
        let (_dir, mut app) = app_for(&text, false, w, 24);
        app.update(Action::Command(Command::Accept));
        let normal = status_row(&app, w, 24);
        assert!(normal.contains("[2/"), "{w}: {normal}");
        app.update(Action::Command(Command::Quit));
        let quit = status_row(&app, w, 24);
        assert!(quit.ends_with("Quit anyway? y/n"), "{w}: {quit}");
        app.update(Action::Input(crate::tui::action::InputKey::Char('n')));
        app.update(Action::Command(Command::AcceptAll));
        let all = status_row(&app, w, 24);
        assert!(all.ends_with("? y/n"), "{w}: {all}");
        app.update(Action::Input(crate::tui::action::InputKey::Char('n')));
        app.update(Action::Command(Command::Search));
        for c in "ยาวมากๆ ".repeat(12).chars() {
            app.update(Action::Input(crate::tui::action::InputKey::Char(c)));
        }
        let search = status_row(&app, w, 24);
        assert!(search.contains("Esc cancel"), "{w}: {search}");
    }
}

#[test]
fn status_line_and_detail_at_61_columns() {
    let text = super::sample("thai-news-damaged.txt");
    let (_dir, mut app) = app_for(&text, false, 61, 30);
    app.update(Action::Command(Command::NextFinding));
    app.update(Action::Command(Command::Accept));
    // Back to the accepted repeated title: its removed text shows, marked, with its state.
    app.update(Action::Command(Command::PrevFinding));
    app.update(Action::Command(Command::PrevFinding));
    assert_eq!(app.selected(), 1);
    insta::assert_debug_snapshot!(draw(&app, 61, 30));
}

#[test]
fn the_detail_shows_the_evidence_as_labelled_parts() {
    let text = super::sample("thai-news-damaged.txt");
    // Tall enough for the detail's nine rows: the evidence comes after the before/after.
    let (_dir, app) = app_for(&text, false, 100, 54);
    let buf = draw(&app, 100, 54);
    let rows: Vec<String> = (0..54)
        .map(|y| (0..100).map(|x| buf[(x, y)].symbol().to_owned()).collect())
        .collect();
    let at = rows
        .iter()
        .position(|r| r.starts_with("before: "))
        .expect("the detail shows the before/after");
    let detail: Vec<&str> = rows[at - 2..]
        .iter()
        .map(|r| r.trim_end())
        .take_while(|r| !r.is_empty() && !r.starts_with(" ["))
        .collect();
    let facts = detail
        .iter()
        .find(|r| r.starts_with("term: "))
        .unwrap_or_else(|| panic!("no evidence line in {detail:#?}"));
    assert!(facts.contains(" · source: lexicon"), "{facts}");
    assert!(facts.contains(" · site: title start"), "{facts}");
    insta::assert_debug_snapshot!(detail);
}

#[test]
fn a_clean_article_says_no_problems_found() {
    let text = super::sample("thai-news-clean.txt");
    let (_dir, app) = app_for(&text, false, 80, 24);
    let buf = draw(&app, 80, 24);
    let all: String = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .map(|p| buf[p].symbol().to_owned())
        .collect();
    assert!(all.contains("no problems found"), "{all}");
    assert!(!all.contains("[0/0]"));
}

#[test]
fn the_article_list_shows_progress_across_the_corpus() {
    let (_dir, opts) = files(&[
        ("clean.txt", &super::sample("thai-news-clean.txt")),
        ("thai.txt", &super::sample("thai-news-damaged.txt")),
    ]);
    let app = open_with(&opts, false, 90, 8);
    let buf = draw(&app, 90, 8);
    let row = |y: u16| -> String { (0..90).map(|x| buf[(x, y)].symbol().to_owned()).collect() };
    assert!(row(1).contains("บาคาร่าขอนแก่น"), "spam first: {}", row(1));
    assert!(row(2).starts_with("✓"), "the clean one is done: {}", row(2));
    assert!(
        row(7).contains("1/2 articles done, 6 findings pending"),
        "{}",
        row(7)
    );
}

#[test]
fn the_paragraph_editor_keeps_the_cursor_in_view_at_40_columns() {
    let text = super::sample("thai-news-damaged.txt");
    let (_dir, mut app) = app_for(&text, false, 40, 24);
    for _ in 0..5 {
        app.update(Action::Command(Command::NextFinding));
    }
    app.update(Action::Command(Command::EditText));
    // Type past the end of a long paragraph: the cursor line stays on screen.
    app.update(Action::Input(crate::tui::action::InputKey::End));
    for c in "ต่อท้ายย่อหน้า".chars() {
        app.update(Action::Input(crate::tui::action::InputKey::Char(c)));
    }
    let mut t = Terminal::new(TestBackend::new(40, 24)).expect("terminal");
    t.draw(|f| render(&app, f)).expect("draw");
    let buf = t.backend().buffer().clone();
    let rows: Vec<String> = (0..24)
        .map(|y| (0..40).map(|x| buf[(x, y)].symbol().to_owned()).collect())
        .collect();
    let cursor = (0..24u16)
        .flat_map(|y| (0..40u16).map(move |x| (x, y)))
        .find(|&p| {
            buf[p].modifier.contains(ratatui::style::Modifier::REVERSED) && p.1 < 23 && p.1 > 10
        });
    let (_, y) = cursor.expect("a cursor cell in the editor");
    assert!(
        rows[y as usize].contains("ย่อหน้า"),
        "the typed text is on the cursor line: {rows:#?}"
    );
    assert!(rows[23].contains("Enter apply"), "{}", rows[23]);
}

/// The paragraph editor after ↓ ↓ at 40 columns: the reader's wrapping, the cursor (shown
/// as `▮` over its cell) two screen lines down in the same column.
#[test]
fn the_paragraph_editor_after_two_downs_at_40_columns() {
    use crate::tui::action::InputKey;
    let text = super::sample("thai-news-damaged.txt");
    let (_dir, mut app) = app_for(&text, false, 40, 24);
    for _ in 0..5 {
        app.update(Action::Command(Command::NextFinding));
    }
    app.update(Action::Command(Command::EditText));
    for k in [
        InputKey::Home,
        InputKey::Right,
        InputKey::Right,
        InputKey::Right,
    ] {
        app.update(Action::Input(k));
    }
    app.update(Action::Input(InputKey::Down));
    app.update(Action::Input(InputKey::Down));
    let buf = draw(&app, 40, 24);
    let rows: Vec<String> = (0..24u16)
        .map(|y| {
            let mut row = String::new();
            for x in 0..40u16 {
                let cell = &buf[(x, y)];
                if y < 23 && cell.modifier.contains(ratatui::style::Modifier::REVERSED) {
                    row.push('▮');
                } else {
                    row.push_str(cell.symbol());
                }
            }
            row.trim_end().to_owned()
        })
        .collect();
    insta::assert_snapshot!(rows.join("\n"));
}

/// Hints fit the width by priority: down to 40 columns the article's status line keeps
/// `? help` and `a accept`, and the list's keeps `Enter open` and `] next`.
#[test]
fn hints_fit_the_width_by_priority() {
    let (_dir, opts) = files(&[
        ("thai.txt", &super::sample("thai-news-damaged.txt")),
        ("en.txt", &super::sample("english-news-damaged.txt")),
    ]);
    for w in [40u16, 52, 61, 77, 120] {
        let app = open_with(&opts, false, w, 24);
        let list = status_row(&app, w, 24);
        assert!(
            list.contains("Enter open") && list.contains("] next"),
            "{w}: {list}"
        );
        assert!(list.contains("0/2"), "{w}: {list}");
        let (_d, one) = app_for(&super::sample("thai-news-damaged.txt"), false, w, 24);
        let normal = status_row(&one, w, 24);
        assert!(
            normal.contains("? help") && normal.contains("a accept"),
            "{w}: {normal}"
        );
        assert!(
            normal.contains("pending") || normal.contains('·'),
            "{w}: {normal}"
        );
    }
}

/// The shell draws through its own buffer step: the terminal's cursor still lands on the
/// editor's cursor cell (where input methods open their window), after ↓ as well.
#[test]
fn the_terminal_cursor_follows_the_paragraph_editor() {
    use crate::tui::action::InputKey;
    use ratatui::backend::Backend as _;
    let text = super::sample("thai-news-damaged.txt");
    let (w, h) = (61u16, 24u16);
    let (_dir, mut app) = app_for(&text, false, w, h);
    for _ in 0..5 {
        app.update(Action::Command(Command::NextFinding));
    }
    app.update(Action::Command(Command::EditText));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let mut painter = Painter::default();
    for k in [
        InputKey::Home,
        InputKey::Right,
        InputKey::Down,
        InputKey::Down,
    ] {
        app.update(Action::Input(k));
        draw_frame(&mut t, &mut painter, &app, false).expect("draw");
        let buf = t.backend().buffer().clone();
        let cell = (0..h - 1)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .rev()
            .find(|&p| buf[p].modifier.contains(ratatui::style::Modifier::REVERSED))
            .expect("a cursor cell");
        let at = t.backend_mut().get_cursor_position().expect("cursor");
        assert_eq!((at.x, at.y), cell, "after {k:?}");
    }
}
