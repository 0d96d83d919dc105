//! What reaches the terminal: a model of how a terminal lays out what it is sent (combining
//! marks join the column before them, so a Thai cluster like น้ำ covers two columns as two
//! separate cells), to catch stale cells ratatui's own buffer cannot show; and the bytes one
//! key costs.

use std::io::Write;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect, Size};
use ratatui::{TerminalOptions, Viewport};
use unicode_width::UnicodeWidthChar;

use super::{files, open_with, sample};
use crate::tui::action::{Action, Command};
use crate::tui::app::App;
use crate::tui::terminal::{Painter, draw_frame, needs_full_redraw};

/// A terminal screen: each column holds a base character and the marks drawn onto it.
struct Screen {
    w: u16,
    h: u16,
    rows: Vec<Vec<String>>,
    cursor: Position,
}

impl Screen {
    fn new(w: u16, h: u16) -> Self {
        Screen {
            w,
            h,
            rows: vec![vec![" ".to_owned(); w as usize]; h as usize],
            cursor: Position::default(),
        }
    }

    fn text(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.concat()).collect()
    }
}

impl Backend for Screen {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            let row = &mut self.rows[y as usize];
            let mut col = x as usize;
            for c in cell.symbol().chars() {
                match c.width().unwrap_or(0) {
                    0 => {
                        if let Some(prev) = col.checked_sub(1).and_then(|p| row.get_mut(p)) {
                            prev.push(c);
                        }
                    }
                    cw => {
                        if col < row.len() {
                            row[col] = c.to_string();
                        }
                        if cw == 2 && col + 1 < row.len() {
                            row[col + 1] = String::new();
                        }
                        col += cw;
                    }
                }
            }
        }
        Ok(())
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.cursor = position.into();
        Ok(())
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        *self = Screen::new(self.w, self.h);
        Ok(())
    }
    fn clear_region(&mut self, _: ClearType) -> Result<(), Self::Error> {
        self.clear()
    }
    fn size(&self) -> Result<Size, Self::Error> {
        Ok(Size::new(self.w, self.h))
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        Ok(WindowSize {
            columns_rows: Size::new(self.w, self.h),
            pixels: Size::new(0, 0),
        })
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

fn app(w: u16, h: u16) -> (tempfile::TempDir, App) {
    let (dir, opts) = files(&[("thai.txt", &sample("thai-news-damaged.txt"))]);
    let app = open_with(&opts, true, w, h);
    (dir, app)
}

/// The screen a fresh terminal shows for the app as it is now.
fn fresh(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(Screen::new(w, h)).expect("terminal");
    draw_frame(&mut t, &mut Painter::default(), app, true).expect("draw");
    t.backend().text()
}

#[test]
fn diffs_leave_no_stale_thai_cells_on_a_real_terminal_model() {
    for (w, h) in [(50u16, 14u16), (61, 20), (120, 40)] {
        let (_dir, mut app) = app(w, h);
        let mut t = Terminal::new(Screen::new(w, h)).expect("terminal");
        let mut painter = Painter::default();
        draw_frame(&mut t, &mut painter, &app, true).expect("draw");
        let keys = [
            Command::PageDown,
            Command::ScrollDown,
            Command::ScrollDown,
            Command::PageUp,
            Command::NextFinding,
            Command::Accept,
            Command::ScrollUp,
            Command::NextFinding,
            Command::ToggleDiff,
            Command::NextFinding,
            Command::Reject,
            Command::PageDown,
            Command::Undo,
            Command::ToggleDiff,
            Command::PageUp,
        ];
        for cmd in keys {
            let action = Action::Command(cmd);
            let effects = app.update(action.clone());
            let full = needs_full_redraw(&action, &effects);
            assert!(!full, "{cmd:?} is drawn as a diff");
            draw_frame(&mut t, &mut painter, &app, full).expect("draw");
            assert_eq!(
                t.backend().text(),
                fresh(&app, w, h),
                "{w}x{h} after {cmd:?}"
            );
        }
    }
}

/// A writer that only counts.
#[derive(Default, Clone)]
struct Count(std::rc::Rc<std::cell::Cell<usize>>);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn counting_terminal() -> (Count, Terminal<CrosstermBackend<Count>>) {
    let count = Count::default();
    let t = Terminal::with_options(
        CrosstermBackend::new(count.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        },
    )
    .expect("terminal");
    (count, t)
}

/// Bytes written to a real (crossterm) backend for one key after a first frame, and for the
/// same frame drawn whole (what clearing the screen on every key cost).
fn bytes_for(app: &mut App, cmd: Command) -> (usize, usize) {
    let (count, mut t) = counting_terminal();
    let mut painter = Painter::default();
    draw_frame(&mut t, &mut painter, app, false).expect("draw");
    let before = count.0.get();
    app.update(Action::Command(cmd));
    draw_frame(&mut t, &mut painter, app, false).expect("draw");
    let diff = count.0.get() - before;
    let (whole, mut t2) = counting_terminal();
    draw_frame(&mut t2, &mut Painter::default(), app, false).expect("draw");
    (diff, whole.0.get())
}

#[test]
fn a_key_writes_only_what_changed() {
    let (_dir, mut a) = app(120, 40);
    let (j, j_whole) = bytes_for(&mut a, Command::NextFinding);
    let (_dir2, mut b) = app(120, 40);
    let (accept, accept_whole) = bytes_for(&mut b, Command::Accept);
    let (_dir3, mut c) = app(120, 40);
    let (down, down_whole) = bytes_for(&mut c, Command::ScrollDown);
    eprintln!(
        "bytes at 120x40: j {j} (whole frame {j_whole}), a {accept} ({accept_whole}), \
         scroll {down} ({down_whole})"
    );
    assert!(j < 10_000, "j wrote {j} bytes");
    assert!(j * 3 < j_whole, "a diff is much smaller than a full redraw");
}
