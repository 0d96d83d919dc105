//! Nothing lost in the TUI: an export is never made from a source that changed since it was
//! opened, a corrupt session is kept and reported, the CLI's size limit and directory walk
//! hold, and an output that is an input is refused before the UI starts.

use std::path::PathBuf;

use redline::ScanOptions;

use super::{files, open_with, options, press, sample, settle};
use crate::tui::terminal::{article_paths, check_targets, load_articles};

#[test]
fn an_export_is_refused_when_the_file_changed_since_it_was_opened() {
    let text = sample("english-news-damaged.txt");
    let (dir, opts) = files(&[("news.txt", &text)]);
    let mut app = open_with(&opts, false, 100, 30);
    press(&mut app, &["a"]);
    // Another program rewrites the article while it is open.
    let changed = format!("Corrected by the desk.\n\n{text}");
    std::fs::write(&opts.paths[0], &changed).expect("rewrite");
    let fx = press(&mut app, &["w"]);
    settle(&mut app, &opts, fx);
    assert!(
        app.status().contains("changed since it was opened"),
        "{}",
        app.status()
    );
    assert!(
        !dir.path().join("news.clean.txt").exists(),
        "nothing written"
    );
    assert!(
        app.articles()[0].unwritten,
        "the decisions are still unwritten"
    );
    assert_eq!(
        std::fs::read_to_string(&opts.paths[0]).expect("input"),
        changed
    );
}

#[test]
fn a_corpus_export_is_refused_when_the_corpus_changed_since_it_was_opened() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("pages.jsonl");
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let damaged = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nกรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n";
    let clean = "ข่าวดี\n\nวันนี้อากาศแจ่มใส\n";
    let original = [line("a", damaged), line("b", clean)].join("\n") + "\n";
    std::fs::write(&corpus, &original).expect("write");
    let opts = options(dir.path(), vec![corpus.clone()]);
    let mut app = open_with(&opts, false, 100, 30);
    press(&mut app, &["Enter", "A"]);
    press(&mut app, &["y"]);
    // Another process inserts a document at the top: line numbers no longer match.
    let grown = [line("new", clean), line("a", damaged), line("b", clean)].join("\n") + "\n";
    std::fs::write(&corpus, &grown).expect("rewrite");
    let fx = press(&mut app, &["w"]);
    settle(&mut app, &opts, fx);
    assert!(
        app.status().contains("changed since it was opened"),
        "{}",
        app.status()
    );
    assert!(
        !dir.path().join("pages.clean.jsonl").exists(),
        "no corpus with a lost or doubled document"
    );
}

#[test]
fn a_corrupt_session_is_kept_aside_reported_and_replaced() {
    let text = sample("thai-news-damaged.txt");
    let (dir, opts) = files(&[("thai.txt", &text)]);
    let mut app = open_with(&opts, false, 100, 30);
    let fx = press(&mut app, &["a"]);
    settle(&mut app, &opts, fx);
    let sessions = dir.path().join("data/sessions");
    let session: PathBuf = std::fs::read_dir(&sessions)
        .expect("sessions")
        .next()
        .expect("one session")
        .expect("entry")
        .path();
    std::fs::write(&session, b"{\"version\": 1, \"decis").expect("corrupt it");

    let mut app = open_with(&opts, false, 100, 30);
    let kept = PathBuf::from(format!("{}.corrupt-1", session.display()));
    assert!(app.status().contains("corrupt"), "{}", app.status());
    assert!(
        app.status().contains(&kept.display().to_string()),
        "{}",
        app.status()
    );
    assert_eq!(
        std::fs::read(&kept).expect("the copy"),
        b"{\"version\": 1, \"decis"
    );
    assert_eq!(app.articles()[0].review.counts().1, 0, "started fresh");
    // The next decision saves a good session; the copy stays.
    let fx = press(&mut app, &["a"]);
    settle(&mut app, &opts, fx);
    let saved = std::fs::read_to_string(&session).expect("new session");
    assert!(saved.contains("\"decisions\""), "{saved}");
    assert!(kept.exists());

    // A second corruption gets a second copy, never over the first.
    std::fs::write(&session, b"not json").expect("corrupt again");
    let app = open_with(&opts, false, 100, 30);
    assert!(app.status().contains(".corrupt-2"), "{}", app.status());
    assert_eq!(
        std::fs::read(&kept).expect("first copy"),
        b"{\"version\": 1, \"decis"
    );
}

#[test]
fn the_cli_size_limit_holds_in_the_tui() {
    let text = sample("english-news-damaged.txt");
    assert!(text.len() > 1024);
    let (_dir, mut opts) = files(&[("big.txt", &text), ("small.txt", "ข่าว\n\nวันนี้\n")]);
    opts.max_bytes = 1024;
    let mut errors = Vec::new();
    let articles = load_articles(&opts, &ScanOptions::default(), &mut errors);
    assert_eq!(articles.len(), 1, "only the small article opens");
    assert!(articles[0].path.ends_with("small.txt"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("big.txt") && errors[0].contains("larger than the --max-bytes limit"),
        "{errors:?}"
    );
}

#[test]
fn an_unreadable_directory_is_reported_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path().join("corpus");
    let locked = root.join("locked");
    std::fs::create_dir_all(&locked).expect("dirs");
    std::fs::write(root.join("a.txt"), "ข่าว\n\nวันนี้\n").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read_dir(&locked).is_ok();
    let (files, errors) = article_paths(std::slice::from_ref(&root));
    let mut load_errors = Vec::new();
    let articles = load_articles(
        &options(dir.path(), vec![root.clone()]),
        &ScanOptions::default(),
        &mut load_errors,
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if readable {
        eprintln!("running as root: a mode-000 directory is readable; skipping the check");
        return;
    }
    assert_eq!(files.len(), 1);
    assert_eq!(articles.len(), 1);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        load_errors.iter().any(|e| e.contains("locked")),
        "{load_errors:?}"
    );
}

#[test]
fn an_output_that_is_the_input_is_refused_before_the_ui_starts() {
    let (dir, mut opts) = files(&[("a.txt", "ข่าว\n\nวันนี้บาคาร่า\n")]);
    let input = opts.paths[0].clone();
    std::fs::create_dir(dir.path().join("sub")).expect("dir");
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&input, &link).expect("symlink");
    for out in [input.clone(), dir.path().join("sub/../a.txt"), link] {
        opts.output = Some(out.clone());
        let files = article_paths(&opts.paths).0;
        assert!(
            check_targets(&opts, &files).is_err(),
            "-o {} got through",
            out.display()
        );
    }
    opts.output = None;
    opts.report = Some(input.clone());
    assert!(check_targets(&opts, &opts.paths).is_err(), "--report too");
    opts.report = None;
    assert!(check_targets(&opts, &opts.paths).is_ok());
}
