//! Nothing lost, nothing injected, as a user meets it at the command line: stray bytes,
//! backups, temporary files, owners and links, walks over odd directories, hostile text and
//! hostile file names, JSON Lines written back as they were read.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DAMAGED: &str = "บาคาร่าฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯบาคาร่า เตือนว่าฝนจะตกหนัก\n";
const FIXED: &str =
    "ฝนตกหนักในภาคเหนือ\n\nเชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาสหรัฐฯ เตือนว่าฝนจะตกหนัก\n";
const CLEAN: &str =
    "ฝนตกหนักในภาคเหนือ\n\nกรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักในสัปดาห์หน้า ประชาชนควรติดตามประกาศ\n";

fn redline(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("redline").expect("binary builds");
    c.env("REDLINE_CONFIG_DIR", dir.join("no-config"))
        .env_remove("NO_COLOR")
        .env_remove("REDLINE_ASSUME_TERMINAL");
    c
}

fn stdout_of(c: &mut Command, code: i32) -> (Vec<u8>, String) {
    let out = c.assert().code(code).get_output().clone();
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Bytes a terminal would act on, or that reorder what it shows.
fn unsafe_for_terminal(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[cfg(unix)]
fn os_name(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

// ---------------------------------------------------------------------------------------
// Item 2: decoding

#[test]
fn a_stray_byte_in_thai_utf8_is_kept_and_the_rest_stays_thai() {
    let d = tempfile::tempdir().expect("temp");
    let mut clean = CLEAN.as_bytes().to_vec();
    clean.splice(30..30, *b"\xff");
    let p = d.path().join("clean.txt");
    std::fs::write(&p, &clean).expect("write");
    let out = d.path().join("out.txt");
    let (_, err) = stdout_of(redline(d.path()).arg("fix").arg(&p).arg("-o").arg(&out), 0);
    assert_eq!(
        std::fs::read(&out).expect("out"),
        clean,
        "no findings: byte for byte"
    );
    assert!(err.contains("1 byte is not UTF-8 (at byte 30)"), "{err}");

    let mut damaged = DAMAGED.as_bytes().to_vec();
    damaged.extend_from_slice(b"\xff\xfe tail\n");
    std::fs::write(&p, &damaged).expect("write");
    let (json, _) = stdout_of(
        redline(d.path()).args(["scan", "--format", "json"]).arg(&p),
        1,
    );
    let v: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(v["encoding"], "UTF-8");
    stdout_of(redline(d.path()).arg("fix").arg(&p).arg("-o").arg(&out), 0);
    let mut expected = FIXED.as_bytes().to_vec();
    expected.extend_from_slice(b"\xff\xfe tail\n");
    assert_eq!(std::fs::read(&out).expect("out"), expected);
}

#[test]
fn a_fix_that_would_remove_a_stray_byte_is_left_out() {
    let d = tempfile::tempdir().expect("temp");
    let sentence = "กรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักในสัปดาห์หน้า";
    let text = |mark: &[u8]| {
        let mut b = "ข่าวฝนตก\n\n".as_bytes().to_vec();
        for _ in 0..2 {
            b.extend_from_slice(sentence.as_bytes());
            b.extend_from_slice(mark);
            b.push(b' ');
        }
        b.extend_from_slice("ประชาชนควรติดตามประกาศ\n".as_bytes());
        b
    };
    let p = d.path().join("a.txt");
    // With a letter where the stray byte will be, the doubled phrase is found.
    std::fs::write(&p, text(b"X")).expect("write");
    let (out, _) = stdout_of(redline(d.path()).arg("scan").arg(&p), 1);
    assert!(String::from_utf8_lossy(&out).contains("duplicate"));
    // With the stray byte, removing the copy would remove it: the fix is left out.
    std::fs::write(&p, text(b"\xff")).expect("write");
    let (fixed, err) = stdout_of(redline(d.path()).arg("fix").arg(&p).args(["-o", "-"]), 0);
    assert_eq!(fixed, text(b"\xff"));
    assert!(err.contains("2 bytes are not UTF-8"), "{err}");
}

#[test]
fn undecodable_files_are_refused_and_the_others_go_on() {
    let d = tempfile::tempdir().expect("temp");
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).expect("dir");
    std::fs::write(dir.join("a-ff.txt"), [0xff; 40]).expect("write");
    let (tis, _, _) = encoding_rs::WINDOWS_874.encode(CLEAN);
    let mut mixed = CLEAN.as_bytes().to_vec();
    mixed.extend_from_slice(&tis);
    std::fs::write(dir.join("b-mixed.txt"), &mixed).expect("write");
    std::fs::write(dir.join("c-tis.txt"), &tis).expect("write");
    std::fs::write(dir.join("d-ok.txt"), DAMAGED).expect("write");
    let out = d.path().join("out");
    let (_, err) = stdout_of(
        redline(d.path())
            .arg("fix")
            .arg(&dir)
            .arg("--out-dir")
            .arg(&out),
        2,
    );
    assert!(err.contains("a-ff.txt: not readable as text"), "{err}");
    assert!(
        err.contains("b-mixed.txt: not readable as text: UTF-8 mixed"),
        "{err}"
    );
    assert!(!out.join("a-ff.txt").exists() && !out.join("b-mixed.txt").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("c-tis.txt")).expect("tis"),
        CLEAN
    );
    assert_eq!(
        std::fs::read_to_string(out.join("d-ok.txt")).expect("ok"),
        FIXED
    );
}

// ---------------------------------------------------------------------------------------
// Items 4, 5, 6: backups, temporary files, owner, mode and links

#[test]
fn backups_hold_what_was_read_and_are_never_overwritten() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("a.txt");
    std::fs::write(&p, DAMAGED).expect("write");
    let fix = || {
        redline(d.path())
            .args(["fix", "--in-place", "--backup"])
            .arg(&p)
            .assert()
            .code(0);
    };
    fix();
    // Twice: the backup still holds the original, not the fixed text.
    fix();
    let bak = d.path().join("a.txt.bak");
    assert_eq!(std::fs::read_to_string(&bak).expect("bak"), DAMAGED);
    assert_eq!(std::fs::read_to_string(&p).expect("fixed"), FIXED);
    // Damaged again, differently: a new numbered backup, the first one untouched.
    let again = format!("{DAMAGED}สล็อต\n");
    std::fs::write(&p, &again).expect("write");
    fix();
    assert_eq!(std::fs::read_to_string(&bak).expect("bak"), DAMAGED);
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt.bak.1")).expect("bak.1"),
        again
    );
}

#[test]
fn stale_temporary_files_are_cleaned_and_errors_name_the_target() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("a.txt");
    std::fs::write(&p, DAMAGED).expect("write");
    let stale = d.path().join(".out.txt.redline-tmp-Ab12Cd");
    std::fs::write(&stale, "36 MB, once").expect("write");
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| {
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200))
        })
        .expect("age it");
    let out = d.path().join("out.txt");
    stdout_of(redline(d.path()).arg("fix").arg(&p).arg("-o").arg(&out), 0);
    assert!(!stale.exists(), "a stale temporary file of ours is removed");
    let left: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("redline-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let missing = d.path().join("no-such-dir").join("out.txt");
    let (_, err) = stdout_of(
        redline(d.path()).arg("fix").arg(&p).arg("-o").arg(&missing),
        2,
    );
    assert!(
        err.contains("cannot write") && err.contains("no-such-dir/out.txt"),
        "{err}"
    );
    assert!(!err.contains("redline-tmp"), "{err}");
    assert!(
        err.ends_with("No such file or directory (os error 2)\n"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn in_place_keeps_owner_group_mode_and_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("a.txt");
    let link = d.path().join("link.txt");
    std::fs::write(&p, DAMAGED).expect("write");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let root = std::fs::metadata(&p).expect("meta").uid() == 0;
    if root {
        std::os::unix::fs::chown(&p, Some(65534), Some(65534)).expect("chown");
    } else {
        eprintln!("not root: the owner cannot be another user's; checking our own is kept");
    }
    let before = std::fs::metadata(&p).expect("meta");
    stdout_of(redline(d.path()).args(["fix", "--in-place"]).arg(&p), 0);
    let after = std::fs::metadata(&p).expect("meta");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);

    std::fs::write(&p, DAMAGED).expect("write");
    std::fs::hard_link(&p, &link).expect("link");
    stdout_of(
        redline(d.path())
            .args(["fix", "--in-place", "--backup"])
            .arg(&p),
        0,
    );
    assert_eq!(
        std::fs::read_to_string(&link).expect("link"),
        FIXED,
        "the link sees the fix"
    );
    assert_eq!(std::fs::metadata(&p).expect("meta").nlink(), 2);
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt.bak")).expect("bak"),
        DAMAGED
    );
}

// ---------------------------------------------------------------------------------------
// Item 7: walks

#[cfg(unix)]
#[test]
fn a_fifo_in_a_directory_is_skipped_and_odd_names_are_scanned_and_escaped() {
    let d = tempfile::tempdir().expect("temp");
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).expect("dir");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::write(dir.join(os_name(b"caf\xe9.txt")), DAMAGED).expect("write");
    let mut cmd = redline(d.path());
    cmd.arg("scan")
        .arg(&dir)
        .timeout(std::time::Duration::from_secs(60));
    let (out, err) = stdout_of(&mut cmd, 1);
    let out = String::from_utf8(out).expect("utf-8 output");
    assert!(err.contains("pipe.txt: skipped, a named pipe"), "{err}");
    assert!(out.contains("caf\\xE9.txt:1:1: spam"), "{out}");
}

// ---------------------------------------------------------------------------------------
// Nothing injected

const HOSTILE: &str =
    "Title\n\nline \x1b]0;PWNED\x07 and \x1b]52;c;aGk=\x07 \u{9b}31m \u{202e}txt.exe ufabet\n";

#[test]
fn a_diff_is_exact_to_a_pipe_and_safe_on_a_terminal() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("a.txt");
    std::fs::write(&p, HOSTILE).expect("write");
    let (piped, _) = stdout_of(redline(d.path()).args(["fix", "--diff"]).arg(&p), 0);
    let piped = String::from_utf8(piped).expect("utf-8");
    assert!(
        piped.contains("\x1b]52;c;aGk=\x07"),
        "exact to a pipe: {piped}"
    );
    let (shown, _) = stdout_of(
        redline(d.path())
            .env("REDLINE_ASSUME_TERMINAL", "1")
            .args(["fix", "--diff"])
            .arg(&p),
        0,
    );
    let shown = String::from_utf8(shown).expect("utf-8");
    assert_eq!(unsafe_for_terminal(&shown), None, "{shown}");
    assert!(
        shown.contains("␛]52;c;aGk=␇") && shown.contains("⁅bidi⁆"),
        "{shown}"
    );
    assert!(shown.contains("-line"), "still a diff: {shown}");
}

#[test]
fn fixed_text_and_json_on_a_terminal_are_safe() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("a.txt");
    std::fs::write(&p, HOSTILE).expect("write");
    let (shown, _) = stdout_of(
        redline(d.path())
            .env("REDLINE_ASSUME_TERMINAL", "1")
            .args(["fix", "-o", "-"])
            .arg(&p),
        0,
    );
    assert_eq!(unsafe_for_terminal(&String::from_utf8_lossy(&shown)), None);
    let (json, _) = stdout_of(
        redline(d.path())
            .env("REDLINE_ASSUME_TERMINAL", "1")
            .args(["scan", "--format", "json", "--min-confidence", "0"])
            .arg(&p),
        1,
    );
    let json = String::from_utf8(json).expect("utf-8");
    assert_eq!(unsafe_for_terminal(&json), None, "{json}");
    serde_json::from_str::<serde_json::Value>(json.trim()).expect("still JSON");
}

#[cfg(unix)]
#[test]
fn hostile_file_names_never_reach_the_terminal_raw() {
    let d = tempfile::tempdir().expect("temp");
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).expect("dir");
    let name = "x\x1b]52;c;aGk=\x07\u{202e}txt.exe.txt";
    std::fs::write(dir.join(name), DAMAGED).expect("write");
    std::fs::write(dir.join("bin\x1b[2J.txt"), b"a\0b").expect("write");
    // Scan lines, even to a pipe: a name is not article text to keep exact.
    let (out, err) = stdout_of(redline(d.path()).arg("scan").arg(&dir), 2);
    let out = String::from_utf8(out).expect("utf-8");
    assert_eq!(unsafe_for_terminal(&out), None, "{out}");
    assert!(
        out.contains("x␛]52;c;aGk=␇⁅bidi⁆txt.exe.txt:1:1: spam"),
        "{out}"
    );
    // Error messages.
    assert_eq!(unsafe_for_terminal(&err), None, "{err}");
    assert!(err.contains("bin␛[2J.txt: binary file"), "{err}");
    // Diff headers.
    let (diff, _) = stdout_of(
        redline(d.path())
            .args(["fix", "--diff"])
            .arg(dir.join(name)),
        0,
    );
    let diff = String::from_utf8(diff).expect("utf-8");
    let headers: String = diff
        .lines()
        .filter(|l| l.starts_with("---") || l.starts_with("+++"))
        .collect();
    assert_eq!(unsafe_for_terminal(&headers), None, "{headers}");
    // A name in an error about writing.
    let target = d.path().join("no\x1b[31m-dir").join("out.txt");
    let (_, err) = stdout_of(
        redline(d.path())
            .arg("fix")
            .arg(dir.join(name))
            .arg("-o")
            .arg(&target),
        2,
    );
    assert_eq!(unsafe_for_terminal(&err), None, "{err}");
}

#[test]
fn hidden_characters_in_an_article_show_in_scan_lines() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("a.txt");
    // A zero-width space hides inside the brand the message quotes; a bidi override sits in
    // the line too (names with one are tested above, the JSON with one on a terminal too).
    std::fs::write(&p, "ข่าวฝนตก\n\nข่าวดี ufa\u{200b}bet \u{202e}ข่าว\n").expect("write");
    let (out, _) = stdout_of(redline(d.path()).arg("scan").arg(&p), 1);
    let out = String::from_utf8(out).expect("utf-8");
    assert!(out.contains("'ufa¦bet'"), "{out}");
    assert_eq!(unsafe_for_terminal(&out), None, "{out}");
    assert!(!out.contains('\u{200b}'), "{out}");
}

// ---------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn jsonl_lines_come_back_as_they_were_read() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("c.jsonl");
    let damaged = serde_json::to_string(DAMAGED).expect("json");
    let input = format!(
        "\u{feff}{{\"id\": 1,  \"text\": {damaged}}}\r\n{{\"id\": 2, \"text\": \"ฝนตก\"}}\r\n\r\n{{\"id\": 3, \"text\": \"ok\"}}"
    );
    std::fs::write(&p, &input).expect("write");
    let (out, err) = stdout_of(
        redline(d.path())
            .args(["fix", "--jsonl"])
            .arg(&p)
            .args(["-o", "-"]),
        0,
    );
    let out = String::from_utf8(out).expect("utf-8");
    assert!(err.is_empty(), "{err}");
    let lines: Vec<&str> = out.split_inclusive('\n').collect();
    assert_eq!(lines.len(), 4, "{out:?}");
    // The BOM did not hide the first document: it was fixed, and its line keeps the BOM,
    // its spacing and its CRLF.
    assert!(
        lines[0].starts_with("\u{feff}{\"id\": 1,  \"text\": \""),
        "{:?}",
        lines[0]
    );
    assert!(lines[0].ends_with("}\r\n"), "{:?}", lines[0]);
    let first: serde_json::Value =
        serde_json::from_str(lines[0].trim_start_matches('\u{feff}').trim_end()).expect("json");
    assert_eq!(first["text"], FIXED);
    assert_eq!(first["redline_applied"].as_array().map(Vec::len), Some(2));
    // Untouched lines: byte for byte, no field added, the last one with no newline.
    let rest: String = lines[1..].concat();
    assert_eq!(
        rest,
        input.split_inclusive('\n').skip(1).collect::<String>()
    );
    assert!(!rest.contains("redline_applied"));
}

#[test]
fn jsonl_lines_that_are_not_documents_say_why() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("c.jsonl");
    std::fs::write(
        &p,
        "{\"text\": \"a\", \"text\": \"b\"}\n{\"text\": \"x\\ud800y\"}\n{\"text\": \"ok\"}\n",
    )
    .expect("write");
    let (out, err) = stdout_of(
        redline(d.path())
            .args(["fix", "--jsonl"])
            .arg(&p)
            .args(["-o", "-"]),
        0,
    );
    assert!(
        err.contains("c.jsonl:1: the \"text\" field appears more than once"),
        "{err}"
    );
    assert!(
        err.contains("c.jsonl:2: the \"text\" field holds a lone surrogate"),
        "{err}"
    );
    assert_eq!(
        out,
        std::fs::read(&p).expect("input"),
        "passed through unchanged"
    );
}

#[test]
fn jsonl_with_no_line_holding_the_field_exits_2_naming_the_fields() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("c.jsonl");
    std::fs::write(
        &p,
        "{\"id\": 1, \"body\": \"x\"}\n{\"id\": 2, \"body\": \"y\"}\n",
    )
    .expect("write");
    let (_, err) = stdout_of(redline(d.path()).args(["scan", "--jsonl"]).arg(&p), 2);
    assert!(
        err.contains("no line has a \"text\" field; the lines have: body, id"),
        "{err}"
    );
    assert!(err.contains("--field"), "{err}");
    let out = d.path().join("out.jsonl");
    stdout_of(
        redline(d.path())
            .args(["fix", "--jsonl"])
            .arg(&p)
            .arg("-o")
            .arg(&out),
        2,
    );
    assert!(!out.exists(), "nothing written");
    stdout_of(
        redline(d.path())
            .args(["scan", "--jsonl"])
            .arg(&p)
            .args(["--field", "body"]),
        0,
    );
}

#[test]
fn jsonl_in_place_backup_holds_the_bytes_read() {
    let d = tempfile::tempdir().expect("temp");
    let p = d.path().join("c.jsonl");
    let input = format!(
        "{{\"id\": 1, \"text\": {}}}\n",
        serde_json::to_string(DAMAGED).expect("json")
    );
    std::fs::write(&p, &input).expect("write");
    for _ in 0..2 {
        stdout_of(
            redline(d.path())
                .args(["fix", "--in-place", "--backup", "--jsonl"])
                .arg(&p),
            0,
        );
    }
    assert_eq!(
        std::fs::read_to_string(d.path().join("c.jsonl.bak")).expect("bak"),
        input
    );
    assert!(
        std::fs::read_to_string(&p)
            .expect("fixed")
            .contains("redline_applied")
    );
}

#[cfg(unix)]
#[test]
fn terms_output_never_carries_hostile_names_or_text_raw() {
    let d = tempfile::tempdir().expect("temp");
    let corpus = d.path().join("corpus");
    std::fs::create_dir(&corpus).expect("dir");
    let clean = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean/th");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&clean)
        .expect("clean corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for (i, f) in files.iter().enumerate().take(8) {
        let article = std::fs::read_to_string(f).expect("article");
        let planted = format!(
            "qomtabet77{}qomtabet77\x1b]52;c;aGk=\x07\u{202e}\n",
            article.trim_end()
        );
        std::fs::write(corpus.join(format!("x\x1b]0;T\x07{i}.txt")), planted).expect("write");
    }
    let (text, _) = stdout_of(
        redline(d.path())
            .args(["terms", "--samples", "3"])
            .arg(&corpus),
        0,
    );
    let text = String::from_utf8(text).expect("utf-8");
    assert!(text.contains("qomtabet77"), "{text}");
    assert!(
        text.contains("x␛]0;T␇"),
        "sample names are shown, made safe: {text}"
    );
    assert_eq!(unsafe_for_terminal(&text), None, "{text}");
    let (json, _) = stdout_of(
        redline(d.path())
            .env("REDLINE_ASSUME_TERMINAL", "1")
            .args(["terms", "--format", "json"])
            .arg(&corpus),
        0,
    );
    let json = String::from_utf8(json).expect("utf-8");
    assert_eq!(unsafe_for_terminal(&json), None, "{json}");
}
