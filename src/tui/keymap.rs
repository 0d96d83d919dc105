//! The keymap is data: `assets/keymap.toml`, overridable by `keymap.toml` in the config
//! directory. Each binding maps key names to a [`Command`] with a line of help.

use std::collections::HashMap;

use serde::Deserialize;

use super::action::Command;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

#[derive(Debug, Clone, Deserialize)]
struct Binding {
    keys: Vec<String>,
    action: Command,
    help: String,
}

#[derive(Debug, Clone, Deserialize)]
struct KeymapFile {
    #[serde(default)]
    bind: Vec<Binding>,
}

#[derive(Debug, thiserror::Error)]
#[error("keymap: {0}")]
pub struct KeymapError(String);

#[derive(Debug, Clone)]
pub struct Keymap {
    keys: HashMap<String, Command>,
    /// (keys, help) in file order, for the help overlay and hints.
    pub help: Vec<(Vec<String>, Command, String)>,
}

impl Keymap {
    /// The built-in keymap, with `user` (the text of a user keymap.toml) layered on top.
    pub fn load(user: Option<&str>) -> Result<Self, KeymapError> {
        let base: KeymapFile =
            toml::from_str(DEFAULT_KEYMAP).map_err(|e| KeymapError(e.to_string()))?;
        let mut map = Keymap {
            keys: HashMap::new(),
            help: Vec::new(),
        };
        map.add(base.bind);
        if let Some(text) = user {
            let file: KeymapFile = toml::from_str(text).map_err(|e| KeymapError(e.to_string()))?;
            map.add(file.bind);
        }
        Ok(map)
    }

    fn add(&mut self, bindings: Vec<Binding>) {
        for b in bindings {
            for k in &b.keys {
                self.keys.insert(k.clone(), b.action);
                // A key rebound elsewhere leaves its old binding.
                for (keys, _, _) in &mut self.help {
                    keys.retain(|x| x != k);
                }
            }
            if let Some(entry) = self.help.iter_mut().find(|(_, c, _)| *c == b.action) {
                entry.0.extend(b.keys.iter().cloned());
                entry.2 = b.help.clone();
            } else {
                self.help.push((b.keys.clone(), b.action, b.help.clone()));
            }
        }
        self.help.retain(|(keys, _, _)| !keys.is_empty());
    }

    pub fn command(&self, key: &str) -> Option<Command> {
        self.keys.get(key).copied()
    }

    /// The first key bound to `command`, for hints.
    pub fn key_for(&self, command: Command) -> Option<&str> {
        self.help
            .iter()
            .find(|(_, c, _)| *c == command)
            .and_then(|(k, _, _)| k.first())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keymap_binds_the_documented_keys() {
        let k = Keymap::load(None).unwrap();
        assert_eq!(k.command("j"), Some(Command::NextFinding));
        assert_eq!(k.command("Down"), Some(Command::NextFinding));
        assert_eq!(k.command("Ctrl-r"), Some(Command::Redo));
        assert_eq!(k.command("Space"), Some(Command::PageDown));
        assert_eq!(k.key_for(Command::Accept), Some("a"));
    }

    #[test]
    fn user_keymap_overrides() {
        let k = Keymap::load(Some("[[bind]]\nkeys = [\"y\"]\naction = \"accept\"\nhelp = \"yes\"\n[[bind]]\nkeys = [\"a\"]\naction = \"reject\"\nhelp = \"no\"\n")).unwrap();
        assert_eq!(k.command("y"), Some(Command::Accept));
        assert_eq!(k.command("a"), Some(Command::Reject));
        assert_eq!(k.key_for(Command::Accept), Some("y"));
    }
}
