//! Findings about the page around the article (head, hidden blocks, scripts, link farms,
//! wrapped links) in the TUI: listed after the article's findings and marked `page`,
//! reachable with the keys in both views, shown in the detail area as the markup they
//! change, and written back by `w` exactly as `fix` writes the page.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redline::ScanOptions;
use redline::pipeline::Analysis;

use super::{open_with, options, press, settle};
use crate::tui::action::{Action, InputKey};
use crate::tui::view::render;

/// The team's government page with spam planted all over it, and the page as written.
fn hacked_page() -> (String, String) {
    let clean = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/html/pages/gov.html"),
    )
    .expect("fixture");
    let plant = |s: &str, after: &str, what: &str| {
        let i = s.find(after).expect("anchor") + after.len();
        format!("{}{what}{}", &s[..i], &s[i..])
    };
    let mut hacked = plant(&clean, "| ข่าวประชาสัมพันธ์", " | สล็อตเว็บตรง แตกง่าย");
    hacked = plant(
        &hacked,
        "</main>\n",
        "<div class=\"d-none\">เว็บพนันออนไลน์ <a href=\"https://ufa-club.example/\">ufabet</a></div>\n",
    );
    hacked = plant(
        &hacked,
        "ติดตามรายละเอียดได้ทางสถานีโทรทัศน์",
        "<a href=\"https://ufabet-vip.example/\">",
    );
    hacked = plant(&hacked, "ช่อง 7", "</a>");
    hacked = plant(
        &hacked,
        "</footer>\n",
        "<script>document.write('<a href=\"https://spinwin88.example/\">สล็อตเว็บตรง</a>');</script>\n",
    );
    hacked = plant(
        &hacked,
        "<p>&copy; 2567 สำนักงานจังหวัดนครเมืองทอง</p>\n",
        "  <div class=\"partners\">\n    <a href=\"https://jokerslot99.example/\">สล็อต</a>\n    <a href=\"https://luckycasino77.example/\">คาสิโนออนไลน์</a>\n    <a href=\"https://huaylotto.example/\">หวยออนไลน์</a>\n  </div>\n",
    );
    (clean, hacked)
}

fn screen_text(app: &crate::tui::app::App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| render(app, f)).expect("draw");
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn page_findings_are_listed_reachable_and_written_as_fix_writes_them() {
    let (clean, hacked) = hacked_page();
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("page.html");
    std::fs::write(&path, &hacked).expect("write");
    let opts = options(dir.path(), vec![path.clone()]);
    let mut app = open_with(&opts, false, 120, 40);
    let a = &app.articles()[0];
    // The article view opens, as for any page.
    assert!(!a.showing_source);
    assert!(!a.review.text.contains("<p>"));
    let page_items: Vec<usize> = (0..a.review.items.len())
        .filter(|&k| a.origin.is_page_item(k))
        .collect();
    let rules: Vec<&str> = page_items
        .iter()
        .map(|&k| a.review.items[k].finding.rule.as_str())
        .collect();
    for want in [
        "spam.head",
        "spam.hidden-text",
        "spam.wrapped-link",
        "spam.script",
        "spam.link-farm",
    ] {
        assert!(rules.contains(&want), "no {want} in {rules:?}");
    }
    // In the article view they change no article text.
    for &k in &page_items {
        assert!(a.review.items[k].finding.range.is_empty());
    }

    // Reached with `j`, marked `page` in the list, shown as markup in the detail area.
    let first = page_items[0];
    let mut guard = 0;
    while app.selected() != first {
        press(&mut app, &["j"]);
        guard += 1;
        assert!(guard < 50, "j never reaches the page findings");
    }
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("page"), "{screen}");
    assert!(
        screen.contains("outside the article, in the page:"),
        "{screen}"
    );

    // The same items in the source view, pointing at the markup.
    press(&mut app, &["Ctrl-u"]);
    let a = &app.articles()[0];
    assert!(a.showing_source);
    for &k in &page_items {
        let f = &a.review.items[k].finding;
        assert!(!hacked[f.range.clone()].is_empty());
        assert!(a.origin.is_page_item(k));
    }
    press(&mut app, &["Ctrl-u"]);

    // Accept all, write: the page `fix` writes.
    press(&mut app, &["A"]);
    app.update(Action::Input(InputKey::Char('y')));
    let fx = press(&mut app, &["w"]);
    settle(&mut app, &opts, fx);
    let written = std::fs::read_to_string(dir.path().join("page.clean.html")).expect("export");
    let opts = ScanOptions::default();
    let a = Analysis::new(hacked.clone(), true, &opts).expect("page");
    let fixed = a.settled(&opts).expect("fix");
    assert_eq!(written, fixed, "the TUI writes what fix writes");
    assert_eq!(written, clean, "and that is the page as it was");
}

#[test]
fn accepting_a_page_finding_in_the_source_view_changes_only_its_markup() {
    let (_, hacked) = hacked_page();
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("page.html");
    std::fs::write(&path, &hacked).expect("write");
    let opts = options(dir.path(), vec![path]);
    let mut app = open_with(&opts, false, 100, 30);
    let a = &app.articles()[0];
    let farm = (0..a.review.items.len())
        .find(|&k| a.origin.is_page_item(k) && a.review.items[k].finding.rule == "spam.link-farm")
        .expect("a link farm item");
    // Decided in the page source view, written from there.
    press(&mut app, &["Ctrl-u"]);
    assert!(app.articles()[0].showing_source);
    while app.selected() != farm {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["a"]);
    let fx = press(&mut app, &["w"]);
    settle(&mut app, &opts, fx);
    let written = std::fs::read_to_string(dir.path().join("page.clean.html")).expect("export");
    let start = hacked.find("  <div class=\"partners\">").expect("farm");
    let end = hacked[start..].find("</div>\n").expect("end") + start + "</div>\n".len();
    let want = format!("{}{}", &hacked[..start], &hacked[end..]);
    assert_eq!(written, want);
}
