//! The TUI driven with no terminal: articles are loaded from real files through the same
//! path the binary takes (`terminal::load_articles`, hence the library's pipeline), keys go
//! through the real keymap into `update`, and effects through `terminal::settle`.

mod drawing;
mod flow;
mod page_findings;
mod safety;
mod screen;
mod snapshots;
mod sources;

use std::path::{Path, PathBuf};

use redline::ScanOptions;

use super::action::{Action, InputKey};
use super::app::{App, Effect, Mode};
use super::keymap::Keymap;
use super::terminal::{self, Options};
use super::theme::Theme;

pub fn sample(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name);
    std::fs::read_to_string(p).expect("sample")
}

/// Options for a run over `paths`, with its config and data directories in `dir`.
pub fn options(dir: &Path, paths: Vec<PathBuf>) -> Options {
    Options {
        paths,
        output: None,
        out_dir: None,
        report: None,
        diff: None,
        config_dir: Some(dir.join("config")),
        data_dir: Some(dir.join("data")),
        color: true,
        fields: redline::jsonl::FieldNames::default(),
        max_bytes: 64 << 20,
    }
}

pub fn app_of(articles: Vec<super::app::Article>, color: bool, w: u16, h: u16) -> App {
    App::new(
        articles,
        Keymap::load(None).expect("keymap"),
        Theme::load(None, color).expect("theme"),
        w,
        h,
    )
}

/// The app the binary would open for `opts`; loading must report nothing.
pub fn open_with(opts: &Options, color: bool, w: u16, h: u16) -> App {
    let mut errors = Vec::new();
    let articles = terminal::load_articles(opts, &ScanOptions::default(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    app_of(articles, color, w, h)
}

/// [`open_with`] with the user's lists of the config directory read, as the binary reads
/// them without `--no-user-lists`.
pub fn open_with_lists(opts: &Options, color: bool, w: u16, h: u16) -> App {
    let mut b = redline::lexicon::LexiconBuilder::builtin();
    if let Some(dir) = &opts.config_dir {
        b.user_dir(dir).expect("user lists");
    }
    let scan = ScanOptions {
        lexicon: b.build().expect("lexicon"),
        ..ScanOptions::default()
    };
    let mut errors = Vec::new();
    let articles = terminal::load_articles(opts, &scan, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    app_of(articles, color, w, h)
}

/// A temporary directory holding `files` (name, text), and the options to open them all.
pub fn files(files: &[(&str, &str)]) -> (tempfile::TempDir, Options) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = files
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write article");
            p
        })
        .collect();
    let opts = options(dir.path(), paths);
    (dir, opts)
}

/// Open one article written to a temporary file as `name`.
pub fn open_text(name: &str, text: &str, w: u16, h: u16) -> (tempfile::TempDir, Options, App) {
    let (dir, opts) = files(&[(name, text)]);
    let app = open_with(&opts, false, w, h);
    (dir, opts, app)
}

/// Press keys by their keymap names; in prompts, characters are typed.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        let action = if *app.mode() == Mode::Normal {
            Action::Command(
                app.keymap()
                    .command(k)
                    .unwrap_or_else(|| panic!("unbound key {k}")),
            )
        } else {
            Action::Input(match *k {
                "Enter" => InputKey::Enter,
                "Esc" => InputKey::Esc,
                "Backspace" => InputKey::Backspace,
                "Up" => InputKey::Up,
                "Left" => InputKey::Left,
                "Right" => InputKey::Right,
                "Down" => InputKey::Down,
                "Home" => InputKey::Home,
                "End" => InputKey::End,
                other => InputKey::Char(other.chars().next().unwrap_or(' ')),
            })
        };
        effects.extend(app.update(action));
    }
    effects
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(InputKey::Char(c)));
    }
}

/// Carry out effects the way the event loop does, outcomes fed back through `update`.
pub fn settle(app: &mut App, opts: &Options, effects: Vec<Effect>) -> bool {
    let mut redraw = false;
    terminal::settle(app, opts, effects, &mut redraw)
}
