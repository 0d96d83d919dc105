//! Helpers shared by the tests: samples, the clean corpus, the binary.

use std::path::PathBuf;

#[allow(dead_code)]
pub fn sample(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name);
    std::fs::read_to_string(p).expect("sample")
}

/// The clean corpus, Thai then English, in file order.
#[allow(dead_code)]
pub fn clean_articles() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean");
    let mut files: Vec<PathBuf> = ["th", "en"]
        .iter()
        .flat_map(|d| std::fs::read_dir(dir.join(d)).expect("corpus dir"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect()
}

/// The binary, reading its user lists from `config` rather than the real config directory.
#[allow(dead_code)]
pub fn redline(config: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("redline").expect("binary builds");
    c.env("REDLINE_CONFIG_DIR", config);
    c
}

/// Run tmux with `args`: its standard output when it succeeded.
#[allow(dead_code)]
pub fn tmux(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("tmux")
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether tmux can run the terminal test `test`. Without it the test fails under CI
/// (`.ci/run` installs tmux) and is skipped with a note elsewhere.
#[allow(dead_code)]
pub fn tmux_available(test: &str) -> bool {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok()
    {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tmux is not installed, and CI is set: the {test} must run in CI"
    );
    eprintln!("tmux is not installed; skipping the {test}");
    false
}
