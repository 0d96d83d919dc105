//! The review TUI, part of the binary: it owns the terminal, which the library never does.
//! Everything here but `terminal` is pure: state, `update`, layout and views can be driven by
//! tests without a terminal. `terminal` owns the terminal and the disk, and loads articles
//! through the library's pipeline.

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

#[cfg(test)]
mod tests;
