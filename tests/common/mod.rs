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
