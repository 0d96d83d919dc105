//! The help screens: every option described, headings that group only what they name, help
//! last, and the term lists' real location.

use assert_cmd::Command;

fn help(config: &std::path::Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("redline")
        .expect("binary builds")
        .env("REDLINE_CONFIG_DIR", config)
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{args:?} failed");
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The options of a help screen, by section: (heading, [(flags, description)]). A description
/// that wraps continues on lines indented past the flags.
fn sections(help: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in help.lines() {
        if !line.starts_with(' ') && line.ends_with(':') && !line.is_empty() {
            out.push((line.trim_end_matches(':').to_owned(), Vec::new()));
            continue;
        }
        let Some((_, opts)) = out.last_mut() else {
            continue;
        };
        let trimmed = line.trim_start();
        if trimmed.starts_with('-') && line.len() - trimmed.len() <= 6 {
            let (flags, desc) = match trimmed.find("  ") {
                Some(i) => (&trimmed[..i], trimmed[i..].trim()),
                None => (trimmed, ""),
            };
            opts.push((flags.to_owned(), desc.to_owned()));
        } else if !trimmed.is_empty()
            && let Some((_, desc)) = opts.last_mut()
            && line.starts_with("      ")
        {
            desc.push(' ');
            desc.push_str(trimmed);
        }
    }
    out.retain(|(_, opts)| !opts.is_empty());
    out
}

fn long_name(flags: &str) -> &str {
    flags
        .split([' ', ','])
        .find(|w| w.starts_with("--"))
        .unwrap_or(flags)
}

#[test]
fn every_option_is_described_and_help_comes_last() {
    let cfg = tempfile::tempdir().expect("temp dir");
    for cmd in [
        &[][..],
        &["scan"],
        &["fix"],
        &["terms"],
        &["eval"],
        &["review"],
    ] {
        let text = help(cfg.path(), &[cmd, &["-h"]].concat());
        let secs = sections(&text);
        assert!(!secs.is_empty(), "{cmd:?}: no options found in\n{text}");
        for (heading, opts) in &secs {
            for (flags, desc) in opts {
                let plain = desc.split(" [").next().unwrap_or("");
                assert!(
                    !plain.is_empty() && !desc.starts_with('['),
                    "{cmd:?} {heading}: {flags} has no description"
                );
            }
        }
        let (heading, opts) = secs
            .iter()
            .find(|(_, o)| o.iter().any(|(f, _)| f.contains("--help")))
            .expect("a help flag");
        assert_eq!(heading, "Options", "{cmd:?}");
        let names: Vec<&str> = opts.iter().map(|(f, _)| long_name(f)).collect();
        let tail: &[&str] = if cmd.is_empty() {
            &["--help", "--version"]
        } else {
            &["--help"]
        };
        assert!(
            names.ends_with(tail),
            "{cmd:?}: help is not last in {names:?}"
        );
    }
}

#[test]
fn headings_group_only_the_options_they_name() {
    let cfg = tempfile::tempdir().expect("temp dir");
    for cmd in ["scan", "fix", "terms"] {
        let text = help(cfg.path(), &[cmd, "-h"]);
        let secs = sections(&text);
        let names = |h: &str| -> Vec<String> {
            secs.iter()
                .find(|(heading, _)| heading == h)
                .map(|(_, o)| o.iter().map(|(f, _)| long_name(f).to_owned()).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            names("JSON Lines"),
            ["--jsonl", "--field", "--id-field", "--on-error"],
            "{cmd}"
        );
        assert_eq!(
            names("Detection"),
            [
                "--min-confidence",
                "--lexicon",
                "--allow",
                "--no-user-lists"
            ],
            "{cmd}"
        );
        assert_eq!(
            names("Input"),
            ["--glob", "--input-format", "--max-bytes"],
            "{cmd}"
        );
        let own = names("Options");
        assert!(
            own.contains(&"--format".to_owned()) || cmd == "fix",
            "{cmd}: {own:?}"
        );
    }
}

#[test]
fn id_field_says_what_each_command_does_with_it() {
    let cfg = tempfile::tempdir().expect("temp dir");
    for cmd in ["scan", "fix", "terms"] {
        let text = help(cfg.path(), &[cmd, "-h"]);
        let desc = sections(&text)
            .into_iter()
            .flat_map(|(_, o)| o)
            .find(|(f, _)| long_name(f) == "--id-field")
            .map(|(_, d)| d)
            .expect("--id-field listed");
        if cmd == "scan" {
            assert!(desc.contains("--format json"), "{desc}");
        } else {
            assert!(!desc.contains("scan"), "{cmd}: {desc}");
        }
    }
}

#[test]
fn top_level_help_names_every_input_kind() {
    let cfg = tempfile::tempdir().expect("temp dir");
    let text = help(cfg.path(), &["-h"]);
    assert!(!text.contains("directories of `.txt` articles"), "{text}");
    for kind in [".txt", ".html", ".htm", "JSON Lines"] {
        assert!(text.contains(kind), "{kind} missing from\n{text}");
    }
}

#[test]
fn help_shows_where_the_term_lists_live() {
    let cfg = tempfile::tempdir().expect("temp dir");
    let deny = cfg.path().join("deny.txt").display().to_string();
    let allow = cfg.path().join("allow.txt").display().to_string();
    let repeats = cfg.path().join("repeats.txt").display().to_string();
    for flag in ["-h", "--help"] {
        let text = help(cfg.path(), &[flag]);
        assert!(
            text.contains(&deny) && text.contains(&allow) && text.contains(&repeats),
            "{text}"
        );
    }
    let terms = help(cfg.path(), &["terms", "-h"]);
    assert!(terms.contains(&deny), "{terms}");
    assert!(!terms.contains("redline --help shows"), "{terms}");
}
