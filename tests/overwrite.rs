//! No output may be an input, by any path or link: the run is refused before anything is
//! written, and every input keeps its bytes.

mod common;

use std::path::Path;

use common::{redline, sample};

fn damaged_dir() -> (tempfile::TempDir, Vec<(std::path::PathBuf, String)>) {
    let dir = tempfile::tempdir().expect("temp");
    let mut files = Vec::new();
    for name in ["thai-news-damaged.txt", "english-news-damaged.txt"] {
        let p = dir.path().join(name);
        let text = sample(name);
        std::fs::write(&p, &text).expect("write");
        files.push((p, text));
    }
    (dir, files)
}

fn untouched(files: &[(std::path::PathBuf, String)]) {
    for (p, text) in files {
        assert_eq!(
            &std::fs::read_to_string(p).expect("input"),
            text,
            "{} was changed",
            p.display()
        );
    }
}

fn refused(dir: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = redline(dir).args(args).assert().code(2);
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

#[test]
fn fix_into_the_directory_it_reads_is_refused() {
    let (dir, files) = damaged_dir();
    let d = dir.path().as_os_str();
    let err = refused(dir.path(), &["fix".as_ref(), d, "--out-dir".as_ref(), d]);
    assert!(err.contains("is the input itself"), "{err}");
    untouched(&files);
    // Spelled differently, the same directory.
    let dotted = dir.path().join("x/..");
    std::fs::create_dir(dir.path().join("x")).expect("dir");
    let err = refused(
        dir.path(),
        &["fix".as_ref(), d, "--out-dir".as_ref(), dotted.as_os_str()],
    );
    assert!(err.contains("is the input itself"), "{err}");
    untouched(&files);
}

#[test]
fn an_output_reaching_the_input_by_a_link_is_refused() {
    let (dir, files) = damaged_dir();
    let input = &files[1].0;
    let soft = dir.path().join("soft.txt");
    std::os::unix::fs::symlink(input, &soft).expect("symlink");
    let hard = dir.path().join("hard.txt");
    std::fs::hard_link(input, &hard).expect("hard link");
    for out in [&soft, &hard] {
        let err = refused(
            dir.path(),
            &[
                "fix".as_ref(),
                input.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ],
        );
        assert!(err.contains("is the input itself"), "{err}");
    }
    untouched(&files);
}

#[test]
fn a_scan_report_over_its_input_is_refused() {
    let (dir, files) = damaged_dir();
    let input = files[0].0.as_os_str();
    let err = refused(dir.path(), &["scan".as_ref(), input, "-o".as_ref(), input]);
    assert!(err.contains("is the input itself"), "{err}");
    untouched(&files);
}

#[test]
fn a_backup_over_another_input_is_refused() {
    let (dir, files) = damaged_dir();
    let a = &files[0].0;
    let bak = dir.path().join("thai-news-damaged.txt.bak");
    std::fs::copy(&files[1].0, &bak).expect("copy");
    let err = refused(
        dir.path(),
        &[
            "fix".as_ref(),
            "--in-place".as_ref(),
            "--backup".as_ref(),
            a.as_os_str(),
            bak.as_os_str(),
        ],
    );
    assert!(err.contains("is the input itself"), "{err}");
    untouched(&files);
    assert_eq!(
        std::fs::read_to_string(&bak).expect("bak"),
        files[1].1,
        "the second input is untouched"
    );
}

#[test]
fn the_review_ui_refuses_an_output_that_is_its_input_before_it_starts() {
    let (dir, files) = damaged_dir();
    let input = &files[0].0;
    let dotted = dir.path().join("x/../thai-news-damaged.txt");
    std::fs::create_dir(dir.path().join("x")).expect("dir");
    let err = refused(
        dir.path(),
        &[input.as_os_str(), "-o".as_ref(), dotted.as_os_str()],
    );
    assert!(err.contains("is the input itself"), "{err}");
    // The review has no --in-place: its message must not send the user looking for one.
    assert!(!err.contains("--in-place"), "{err}");
    untouched(&files);
}
