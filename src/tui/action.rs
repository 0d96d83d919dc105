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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}
