//! The review TUI. Everything here but `terminal` is pure: state, `update`, layout and views
//! can be driven by tests without a terminal. `terminal` owns the terminal and the disk.

pub mod action;
pub mod app;
pub mod display;
pub mod keymap;
pub mod line_edit;
pub mod origin;
pub mod session;
pub mod terminal;
pub mod terms_view;
pub mod theme;
pub mod view;
pub mod wrap;

pub use action::{Action, Command, InputKey};
pub use app::{App, Article, Effect, Mode};
pub use origin::Origin;
