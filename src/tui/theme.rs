//! Colours. Every kind of highlight also differs by modifier (reverse, underline, bold), so
//! with `NO_COLOR` or a monochrome terminal every kind is still told apart.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// What a piece of the article is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Plain,
    Spam,
    Duplicate,
    Other,
    /// A finding the editor rejected: shown plainly with a subtle mark.
    Rejected,
    /// Text an accepted fix removes (shown in diff view).
    Removed,
    /// Text an accepted fix puts in (shown in diff view).
    Inserted,
    /// The first copy of the selected duplicate.
    Related,
    SearchHit,
    /// A visible stand-in for an invisible or control character.
    Invisible,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Theme {
    pub spam: String,
    pub duplicate: String,
    pub other: String,
    pub rejected: String,
    pub removed: String,
    pub inserted: String,
    pub search: String,
    pub invisible: String,
    #[serde(skip)]
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            spam: "red".into(),
            duplicate: "magenta".into(),
            other: "cyan".into(),
            rejected: "darkgray".into(),
            removed: "red".into(),
            inserted: "green".into(),
            search: "yellow".into(),
            invisible: "blue".into(),
            color: true,
        }
    }
}

fn parse(name: &str) -> Color {
    name.parse().unwrap_or(Color::Reset)
}

impl Theme {
    /// The default theme, with a user `theme.toml` on top; `color` off for `NO_COLOR`.
    pub fn load(user: Option<&str>, color: bool) -> Result<Self, String> {
        let mut t: Theme = match user {
            Some(text) => toml::from_str(text).map_err(|e| format!("theme: {e}"))?,
            None => Theme::default(),
        };
        t.color = color;
        Ok(t)
    }

    pub fn style(&self, mark: Mark, selected: bool) -> Style {
        let mut s = Style::default();
        let (fg, modifier) = match mark {
            Mark::Plain => (None, Modifier::empty()),
            Mark::Spam => (Some(&self.spam), Modifier::BOLD | Modifier::UNDERLINED),
            Mark::Duplicate => (
                Some(&self.duplicate),
                Modifier::UNDERLINED | Modifier::ITALIC,
            ),
            Mark::Other => (Some(&self.other), Modifier::DIM | Modifier::UNDERLINED),
            Mark::Rejected => (Some(&self.rejected), Modifier::DIM),
            Mark::Removed => (Some(&self.removed), Modifier::CROSSED_OUT),
            Mark::Inserted => (Some(&self.inserted), Modifier::BOLD),
            Mark::Related => (Some(&self.duplicate), Modifier::UNDERLINED),
            Mark::SearchHit => (Some(&self.search), Modifier::REVERSED),
            Mark::Invisible => (Some(&self.invisible), Modifier::DIM),
        };
        if self.color
            && let Some(c) = fg
        {
            s = s.fg(parse(c));
        }
        s = s.add_modifier(modifier);
        if selected {
            s = s.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        s
    }
}
