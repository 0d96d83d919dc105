//! What the user can ask for. Keys resolve to these through the keymap; `update` is the only
//! place they change state.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    NextFinding,
    PrevFinding,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    FirstFinding,
    LastFinding,
    Accept,
    Reject,
    Skip,
    AcceptAll,
    RejectAll,
    Undo,
    Redo,
    EditReplacement,
    EditText,
    ToggleDiff,
    ToggleReveal,
    ToggleSource,
    CorpusTerms,
    Search,
    SearchNext,
    SearchPrev,
    DenyTerm,
    IgnoreText,
    Write,
    /// The next article with pending findings (in a list of several).
    NextArticle,
    Help,
    Quit,
    ForceQuit,
}

/// A key as text-input modes see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Enter,
    Esc,
    /// Up arrow: in the search prompt, recalls the last query.
    Up,
    Down,
    /// Ctrl-U: clear the prompt.
    ClearLine,
}

/// Everything `update` hears: what the user asked for, and what came of the effects the shell
/// carried out.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// A key while a prompt, editor or confirmation is open.
    Input(InputKey),
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel: lines, positive is down.
    Scroll(i32),
    Click {
        column: u16,
        row: u16,
    },
    /// The outcome of an effect, reported back by the shell.
    Done(Outcome),
}

/// What happened when the shell carried out an [`super::Effect`].
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// These articles were written; `paths` are the exports, in order, each once.
    Wrote {
        articles: Vec<usize>,
        paths: Vec<String>,
    },
    /// Nothing more was written after this error; `articles` were written before it.
    WriteFailed {
        articles: Vec<usize>,
        error: String,
    },
    SessionSaved(usize),
    SessionFailed(String),
    /// A term was appended to the deny or allow list.
    ListUpdated {
        list: &'static str,
    },
    ListFailed {
        list: &'static str,
        error: String,
    },
}
