//! The shell of the TUI: the only code that touches the terminal and the disk. It loads the
//! articles (through the library's pipeline) and sessions, turns terminal events into
//! actions, runs `update`, and carries out the effects (saving sessions, writing exports,
//! appending to the user's lists) with the app read-only, handing each outcome back to
//! `update` as a message.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{DefaultTerminal, Terminal};

use super::action::{Action, InputKey, Outcome};
use super::app::{App, Article, Effect, Mode, OtherView};
use super::keymap::Keymap;
use super::origin::Origin;
use super::session::Session;
use super::theme::Theme;
use redline::detect::ScanOptions;
use redline::document::Document;
use redline::export::{to_json, unified_diff};
use redline::jsonl::{FieldNames, LineRead, LineReader, Record};
use redline::pipeline::{self, Analysis, InputFormat, Page};
use redline::review::ArticleReview;
use redline::safe_write::write_atomic;

/// How the TUI was asked to run. The threshold is in the [`ScanOptions`].
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub report: Option<PathBuf>,
    pub diff: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub color: bool,
    /// The text and id fields of JSON Lines corpora.
    pub fields: FieldNames,
    /// Largest document (file or corpus line) read.
    pub max_bytes: usize,
}

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The files to review: paths as given, directories walked by the pipeline for pages and
/// `.txt` articles (our own `.clean.` exports left out). Unreadable directories come back in
/// the second list.
pub fn article_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let names = redline::corpus::globs(&["*.txt".into(), "*.html".into(), "*.htm".into()])
        .expect("built-in patterns are valid");
    let (files, mut errors, skipped) = pipeline::inputs(paths, &names);
    // A pipe or a device in a directory is no article: say so rather than open it.
    errors.extend(
        skipped
            .into_iter()
            .map(|s| (s.path, format!("skipped, {}", s.kind))),
    );
    let files = files
        .into_iter()
        .filter(|f| paths.contains(f) || !f.to_string_lossy().contains(".clean."))
        .collect();
    (files, errors)
}

fn session_path(data_dir: &Path, article: &Path, origin: &Origin) -> PathBuf {
    let canonical = article
        .canonicalize()
        .unwrap_or_else(|_| article.to_owned());
    let key = format!("{}{}", canonical.to_string_lossy(), origin_key(origin));
    data_dir
        .join("sessions")
        .join(format!("{}.json", pipeline::content_hash(key.as_bytes())))
}

/// Which document of a file a session belongs to: nothing for a whole file, the line for a
/// corpus (ids need not be unique).
fn origin_key(origin: &Origin) -> String {
    match origin {
        Origin::Text | Origin::Html { .. } => String::new(),
        Origin::Jsonl { line, .. } => format!("#{line}"),
    }
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x == "jsonl" || x == "ndjson")
}

/// The saved session of a document, if any. A session file that cannot be read as one is
/// kept aside as `NAME.corrupt-N` (never overwritten by the next save) and reported; the
/// review starts fresh.
fn read_session(path: &Path) -> (Option<Session>, Option<String>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (None, None),
        Err(e) => return (None, Some(format!("could not read the saved session: {e}"))),
    };
    let error = match serde_json::from_slice::<Session>(&bytes) {
        Ok(s) => return (Some(s), None),
        Err(e) => e,
    };
    let note = match keep_corrupt(path) {
        Ok(kept) => format!(
            "the saved session was corrupt ({error}); kept as {}, starting fresh",
            kept.display()
        ),
        Err(e) => format!(
            "the saved session was corrupt ({error}) and could not be kept aside ({e}); starting fresh"
        ),
    };
    (None, Some(note))
}

/// Move `path` to the first free `path.corrupt-N`. A hard link never replaces an existing
/// file, so an earlier copy is never lost.
fn keep_corrupt(path: &Path) -> io::Result<PathBuf> {
    for n in 1..1000 {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".corrupt-{n}"));
        let kept = PathBuf::from(name);
        match std::fs::hard_link(path, &kept) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(kept);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many corrupt copies"))
}

/// Restore the saved decisions of a document onto its review; the note for the editor.
fn resume(
    opts: &Options,
    path: &Path,
    origin: &Origin,
    hash: &str,
    review: &mut ArticleReview,
) -> Option<String> {
    let dir = opts.data_dir.as_ref()?;
    match read_session(&session_path(dir, path, origin)) {
        (Some(session), _) => Some(session.restore(review, session.content_hash == hash)),
        (None, note) => note,
    }
}

/// Load, scan and resume every article through the pipeline: the `--max-bytes` limit,
/// decoding, page sniffing and the threshold are the CLI's. Unreadable files and
/// directories are reported and skipped.
pub fn load_articles(
    opts: &Options,
    scan_opts: &ScanOptions,
    errors: &mut Vec<String>,
) -> Vec<Article> {
    let mut articles = Vec::new();
    let (paths, walk_errors) = article_paths(&opts.paths);
    for (dir, e) in walk_errors {
        errors.push(format!("{}: {e}", dir.display()));
    }
    for path in paths {
        let loaded = if is_jsonl(&path) {
            load_corpus(&path, opts, scan_opts, errors).map(|list| articles.extend(list))
        } else {
            load_file(&path, opts, scan_opts).map(|a| articles.push(a))
        };
        if let Err(e) = loaded {
            errors.push(format!("{}: {e}", path.display()));
        }
    }
    articles
}

/// Findings down to this confidence are shown, below the threshold as suggestions.
const SUGGEST_FLOOR: f32 = 0.3;

/// The scan options with the threshold lowered to the suggestion floor.
fn with_suggestions(scan_opts: &ScanOptions) -> ScanOptions {
    let mut o = scan_opts.clone();
    o.min_confidence = o.min_confidence.min(SUGGEST_FLOOR);
    o
}

/// Findings below `threshold` go after the others (their own group in the list).
fn suggestions_last(findings: &mut [redline::detect::Finding], threshold: f32) {
    findings.sort_by_key(|f| f.confidence < threshold);
}

fn load_file(path: &Path, opts: &Options, scan_opts: &ScanOptions) -> Result<Article, Error> {
    let loaded = pipeline::load(path, opts.max_bytes)?;
    let html = pipeline::is_html(path, InputFormat::Auto, &loaded.decoded.text);
    let mut analysis = Analysis::new(
        loaded.decoded.text.clone(),
        html,
        &with_suggestions(scan_opts),
    )?;
    suggestions_last(&mut analysis.findings, scan_opts.min_confidence);
    analysis.leave_invalid_bytes_alone(&loaded.decoded);
    let mut source_view = analysis
        .page
        .as_ref()
        .map(|page| pipeline::to_page_source(page, &analysis.findings));
    let Analysis {
        doc,
        mut findings,
        page,
        page_findings,
        ..
    } = analysis;
    // The page-level findings (head, hidden blocks, scripts, link farms) follow the
    // article's in the same list, in both views, item for item.
    let mut page_items = Vec::new();
    if let (Some(p), Some(view)) = (&page, source_view.as_mut()) {
        let (in_article, in_source) = pipeline::page_review_findings(p, &doc.text, &page_findings);
        let mut mapped: Vec<_> = view.items.iter().map(|it| it.finding.clone()).collect();
        page_items = (findings.len()..)
            .zip(page_findings.iter().cloned())
            .collect();
        findings.extend(in_article);
        mapped.extend(in_source);
        *view = ArticleReview::new(p.source.clone(), mapped);
    }
    let mut review = ArticleReview::new(doc.text, findings);
    let notice = resume(opts, path, &Origin::Text, &loaded.hash, &mut review);
    let warning = loaded.decoded.warning().map(|w| w.to_string());
    let mut a = Article::new(path.to_owned(), loaded.decoded, review);
    a.notice = notice.or(warning);
    a.source_hash = Some(loaded.hash.clone());
    a.file_hash = loaded.hash;
    a.threshold = scan_opts.min_confidence;
    if let (Some(Page { source, article }), Some(view)) = (page, source_view) {
        a.origin = Origin::Html {
            page: Arc::new(source),
            article: Arc::new(article),
            page_items: Arc::new(page_items),
        };
        a.other_view = Some(Box::new(OtherView {
            review: view,
            layout: Default::default(),
        }));
    }
    Ok(a)
}

/// Every document of a JSON Lines corpus, scanned on all cores. Lines that are not
/// documents are counted and reported once; they pass through the export unchanged.
fn load_corpus(
    path: &Path,
    opts: &Options,
    scan_opts: &ScanOptions,
    errors: &mut Vec<String>,
) -> Result<Vec<Article>, Error> {
    use rayon::prelude::*;
    // Hashed before it is read: a change after this is caught when writing.
    let file_hash = pipeline::hash_file(path)?;
    let file = std::fs::File::open(path)?;
    let mut lines = LineReader::new(io::BufReader::new(file), opts.max_bytes);
    let mut buf = Vec::new();
    let mut records = Vec::new();
    let mut bad: Vec<String> = Vec::new();
    while let Some(kind) = lines.next_line(&mut buf)? {
        let number = lines.line_number();
        if kind == LineRead::TooLong {
            bad.push(format!(
                "line {number}: longer than {} bytes",
                opts.max_bytes
            ));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match Record::parse(&buf, &opts.fields) {
            Ok(r) => records.push((number, pipeline::content_hash(&buf), r)),
            Err(e) => bad.push(format!("line {number}: {e}")),
        }
    }
    if let Some(first) = bad.first() {
        errors.push(format!(
            "{}: {} lines are not documents and were left as they are (first: {first})",
            path.display(),
            bad.len()
        ));
    }
    let articles = records
        .into_par_iter()
        .map(|(line, hash, record)| {
            let mut analysis = Analysis::text(record.text.clone(), &with_suggestions(scan_opts));
            suggestions_last(&mut analysis.findings, scan_opts.min_confidence);
            let mut review = ArticleReview::new(analysis.doc.text, analysis.findings);
            let origin = Origin::Jsonl {
                line,
                id: record.id(&opts.fields).map(|v| {
                    serde_json::from_str::<String>(v.get()).unwrap_or_else(|_| v.get().to_owned())
                }),
                record: Arc::new(record),
            };
            let notice = resume(opts, path, &origin, &hash, &mut review);
            let decoded = redline::document::Decoded::utf8(review.text.clone());
            let mut a = Article::new(path.to_owned(), decoded, review);
            a.notice = notice;
            a.origin = origin;
            a.source_hash = Some(hash);
            a.file_hash = file_hash.clone();
            a.threshold = scan_opts.min_confidence;
            a
        })
        .collect();
    Ok(articles)
}

fn key_name(k: &KeyEvent) -> Option<String> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let name = match k.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) if ctrl => format!("Ctrl-{}", c.to_ascii_lowercase()),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        _ => return None,
    };
    Some(name)
}

fn input_key(k: &KeyEvent) -> Option<InputKey> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Char(c) if !ctrl => InputKey::Char(c),
        KeyCode::Char('u') => InputKey::ClearLine,
        KeyCode::Up => InputKey::Up,
        KeyCode::Down => InputKey::Down,
        KeyCode::Backspace => InputKey::Backspace,
        KeyCode::Delete => InputKey::Delete,
        KeyCode::Left if ctrl => InputKey::WordLeft,
        KeyCode::Right if ctrl => InputKey::WordRight,
        KeyCode::Left => InputKey::Left,
        KeyCode::Right => InputKey::Right,
        KeyCode::Home => InputKey::Home,
        KeyCode::End => InputKey::End,
        KeyCode::Enter => InputKey::Enter,
        KeyCode::Esc => InputKey::Esc,
        _ => return None,
    })
}

/// The action for a key in the app's current mode.
pub fn key_action(app: &App, k: &KeyEvent) -> Option<Action> {
    if app.showing_help() {
        return Some(
            key_name(k)
                .and_then(|n| app.keymap().command(&n))
                .map_or(Action::Input(InputKey::Esc), Action::Command),
        );
    }
    match app.mode() {
        Mode::Normal => {
            let name = key_name(k)?;
            app.keymap().command(&name).map(Action::Command)
        }
        _ => input_key(k).map(Action::Input),
    }
}

fn export_target(opts: &Options, article: &Path, many: bool) -> PathBuf {
    if let (Some(out), false) = (&opts.output, many) {
        return out.clone();
    }
    let name = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    let ext = article
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let file = format!("{name}.clean{ext}");
    match &opts.out_dir {
        Some(dir) => dir.join(file),
        None => article.with_file_name(file),
    }
}

/// Where the report or diff of article `i` goes: the path given, numbered when there are
/// several files.
fn numbered(path: &Path, i: usize, ext: &str, many: bool) -> PathBuf {
    if !many {
        return path.to_owned();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.{i}.{ext}"))
}

/// The files the articles were read from, each once (a corpus holds many articles).
fn input_files(articles: &[Article]) -> Vec<&Path> {
    let mut paths: Vec<&Path> = articles.iter().map(|a| a.path.as_path()).collect();
    paths.dedup();
    paths
}

fn distinct_files(articles: &[Article]) -> usize {
    input_files(articles).len()
}

/// Refuse, before anything is loaded or the terminal touched, a run whose exports, reports
/// or diffs would land on one of its files (`-o` naming the input, by any path or link).
/// `files` are the files to review, as [`article_paths`] lists them.
pub fn check_targets(opts: &Options, files: &[PathBuf]) -> Result<(), pipeline::Overwrite> {
    let many = files.len() > 1;
    let mut targets = Vec::new();
    for (i, f) in files.iter().enumerate() {
        targets.push(export_target(opts, f, many));
        // Reports and diffs are numbered by article; a corpus has as many as it has lines,
        // so the unnumbered and first names stand for the pattern here.
        for (p, ext) in [(&opts.report, "json"), (&opts.diff, "diff")] {
            if let Some(p) = p {
                targets.push(numbered(p, i, ext, many));
                targets.push(p.clone());
            }
        }
    }
    pipeline::refuse_overwrite(
        files.iter().map(PathBuf::as_path),
        targets.iter().map(PathBuf::as_path),
    )
}

/// The export of a JSON Lines corpus: the corpus streamed again, each reviewed line
/// replaced by its fixed version, every other line (bad ones too) as it was. Refused when
/// the corpus changed since it was read: lines are matched by number.
fn write_corpus_export(
    articles: &[Article],
    inputs: &pipeline::Inputs,
    opts: &Options,
    i: usize,
    many: bool,
) -> Result<PathBuf, Error> {
    let corpus = &articles[i].path;
    let target = export_target(opts, corpus, many);
    inputs.refuse([target.as_path()])?;
    pipeline::check_unchanged(corpus, &articles[i].file_hash)?;
    let mut by_line = std::collections::HashMap::new();
    for a in articles.iter().filter(|a| &a.path == corpus) {
        if let Origin::Jsonl { line, record, .. } = &a.origin
            && let Some(fixed) = pipeline::reviewed_corpus_line(record, &opts.fields, &a.review)?
        {
            by_line.insert(*line, fixed);
        }
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = redline::safe_write::AtomicFile::create(&target)?;
    let mut lines = LineReader::new(
        io::BufReader::new(std::fs::File::open(corpus)?),
        opts.max_bytes,
    );
    let mut buf = Vec::new();
    while let Some(kind) = lines.next_line(&mut buf)? {
        match by_line.get(&lines.line_number()) {
            Some(fixed) if kind == LineRead::Complete => out.write_all(fixed.as_bytes())?,
            _ => {
                out.write_all(&buf)?;
                if kind == LineRead::TooLong {
                    lines.copy_rest(&mut out)?;
                }
            }
        }
        // Each line ends as it did: CRLF stays CRLF, a last line without one stays so.
        out.write_all(lines.line_ending())?;
    }
    // Read twice, the corpus must not have moved in between either.
    pipeline::check_unchanged(corpus, &articles[i].file_hash)?;
    out.commit(None)?;
    Ok(target)
}

/// Write the export of article `i` (and its report and diff when asked). Never the input,
/// and never from a source that changed since it was read. Changes nothing in the app: the
/// outcome goes back through `update`.
pub fn write_export(
    articles: &[Article],
    inputs: &pipeline::Inputs,
    opts: &Options,
    i: usize,
) -> Result<PathBuf, Error> {
    let many = distinct_files(articles) > 1;
    if matches!(articles[i].origin, Origin::Jsonl { .. }) {
        return write_corpus_export(articles, inputs, opts, i, many);
    }
    let a = &articles[i];
    let target = export_target(opts, &a.path, many);
    let report = opts.report.as_ref().map(|r| numbered(r, i, "json", many));
    let diff = opts.diff.as_ref().map(|d| numbered(d, i, "diff", many));
    inputs.refuse(
        [Some(&target), report.as_ref(), diff.as_ref()]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path),
    )?;
    pipeline::check_unchanged(&a.path, &a.file_hash)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let review = a.decided_review();
    // A page is written back as a page: the fixes go into its text nodes, nothing else moves.
    let (original, output) = match &a.origin {
        Origin::Html {
            page,
            article,
            page_items,
        } => (
            page.as_str(),
            pipeline::review_page_output(&review, page.as_str(), article, page_items),
        ),
        _ => (a.decoded.text.as_str(), review.output()),
    };
    write_atomic(&target, &a.decoded.encode_output(&output)?, None)?;
    if let Some(report) = &report {
        let doc = Document::new(review.text.clone());
        let findings: Vec<_> = review.items.iter().map(|it| it.finding.clone()).collect();
        let source = a.path.display().to_string();
        let json = match &a.origin {
            Origin::Html { page, article, .. } => redline::export::to_json_html(
                &source,
                a.decoded.encoding,
                page,
                article,
                &doc,
                &findings,
            ),
            _ => to_json(&source, a.decoded.encoding, &doc, &findings),
        };
        let mut json = serde_json::to_value(json)?;
        if let Some(list) = json.get_mut("findings").and_then(|f| f.as_array_mut()) {
            for (f, it) in list.iter_mut().zip(&review.items) {
                f["decision"] =
                    serde_json::to_value(if it.stale { None } else { Some(it.decision) })?;
                f["stale"] = it.stale.into();
                f["applied_replacement"] = it.replacement().into();
            }
        }
        write_atomic(
            report,
            serde_json::to_string_pretty(&json)?.as_bytes(),
            None,
        )?;
    }
    if let Some(diff) = &diff {
        let name = a.path.display().to_string();
        let text = unified_diff(
            original,
            &output,
            &format!("a/{name}"),
            &format!("b/{name}"),
        );
        write_atomic(diff, text.as_bytes(), None)?;
    }
    Ok(target)
}

fn save_session(app: &App, opts: &Options, i: usize) -> Result<(), Error> {
    let Some(dir) = &opts.data_dir else {
        return Ok(());
    };
    let a = &app.articles()[i];
    let hash = match &a.source_hash {
        Some(h) => h.clone(),
        None => pipeline::content_hash(&std::fs::read(&a.path)?),
    };
    let session = Session::capture(&a.label(), &hash, &a.decided_review());
    let path = session_path(dir, &a.path, &a.origin);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_atomic(&path, serde_json::to_string(&session)?.as_bytes(), None)?;
    Ok(())
}

fn append_line(dir: Option<&PathBuf>, file: &str, line: &str) -> Result<(), Error> {
    let Some(dir) = dir else {
        return Err("no config directory".into());
    };
    std::fs::create_dir_all(dir)?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(file))?;
    writeln!(f, "{line}")?;
    Ok(())
}

/// Write the exports of `list`, a corpus once however many of its lines changed. Stops at
/// the first failure.
fn write_all(app: &App, opts: &Options, list: Vec<usize>) -> Outcome {
    let articles = app.articles();
    // Every input, looked up once per `w`: no export, report or diff may land on any of them.
    let inputs = pipeline::Inputs::new(input_files(articles));
    let mut written: Vec<usize> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    let mut corpora: Vec<&Path> = Vec::new();
    for i in list {
        let a = &articles[i];
        let covered: Vec<usize> = if matches!(a.origin, Origin::Jsonl { .. }) {
            if corpora.contains(&a.path.as_path()) {
                continue;
            }
            corpora.push(&a.path);
            (0..articles.len())
                .filter(|&j| articles[j].path == a.path)
                .collect()
        } else {
            vec![i]
        };
        match write_export(articles, &inputs, opts, i) {
            Ok(p) => {
                let p = p.display().to_string();
                if !paths.contains(&p) {
                    paths.push(p);
                }
                written.extend(covered);
            }
            Err(error) => {
                return Outcome::WriteFailed {
                    articles: written,
                    error: error.to_string(),
                };
            }
        }
    }
    Outcome::Wrote {
        articles: written,
        paths,
    }
}

/// What carrying out effects came to: outcomes for `update`, and what the loop must do.
#[derive(Debug, Default)]
pub struct Ran {
    pub outcomes: Vec<Outcome>,
    pub quit: bool,
    pub redraw: bool,
}

/// Carry out effects. The app is only read: every outcome goes back as a message.
pub fn run_effects(app: &App, opts: &Options, effects: Vec<Effect>) -> Ran {
    let mut ran = Ran::default();
    for e in effects {
        let outcome = match e {
            Effect::SaveSession(i) => match save_session(app, opts, i) {
                Ok(()) => Outcome::SessionSaved(i),
                Err(err) => Outcome::SessionFailed(err.to_string()),
            },
            Effect::Write(list) => write_all(app, opts, list),
            Effect::AppendDeny(term) => list_append(opts, "deny", &term),
            Effect::AppendTo(list, term) => list_append(opts, list, &term),
            Effect::RemoveFrom(list, term) => list_remove(opts, list, &term),
            Effect::FullRedraw => {
                ran.redraw = true;
                continue;
            }
            Effect::Quit => {
                ran.quit = true;
                continue;
            }
        };
        ran.outcomes.push(outcome);
    }
    ran
}

fn list_append(opts: &Options, list: &'static str, term: &str) -> Outcome {
    match append_line(opts.config_dir.as_ref(), &format!("{list}.txt"), term) {
        Ok(()) => Outcome::ListUpdated { list },
        Err(e) => Outcome::ListFailed {
            list,
            error: e.to_string(),
        },
    }
}

/// Take the last line equal to `term` off `list` (an undone `d` or `I`). The list is
/// rewritten atomically; other lines stay as they were.
fn list_remove(opts: &Options, list: &'static str, term: &str) -> Outcome {
    let done = (|| -> Result<(), Error> {
        let Some(dir) = opts.config_dir.as_ref() else {
            return Err("no config directory".into());
        };
        let path = dir.join(format!("{list}.txt"));
        let text = std::fs::read_to_string(&path)?;
        let mut lines: Vec<&str> = text.lines().collect();
        if let Some(k) = lines.iter().rposition(|l| *l == term) {
            lines.remove(k);
            let mut out = lines.join("\n");
            if !out.is_empty() {
                out.push('\n');
            }
            redline::safe_write::write_atomic(&path, out.as_bytes(), None)?;
        }
        Ok(())
    })();
    match done {
        Ok(()) => Outcome::ListUpdated { list },
        Err(e) => Outcome::ListFailed {
            list,
            error: e.to_string(),
        },
    }
}

/// Run effects and feed their outcomes back through `update` until nothing is left to do.
/// True when the app should quit.
pub fn settle(app: &mut App, opts: &Options, mut effects: Vec<Effect>, redraw: &mut bool) -> bool {
    while !effects.is_empty() {
        let ran = run_effects(app, opts, effects);
        *redraw |= ran.redraw;
        if ran.quit {
            return true;
        }
        effects = ran
            .outcomes
            .into_iter()
            .flat_map(|o| app.update(Action::Done(o)))
            .collect();
    }
    false
}

fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
}

/// Run the TUI until the user quits, a signal arrives, or an error occurs. The terminal is
/// restored in every case, panics included.
pub fn run(opts: Options, scan_opts: ScanOptions) -> Result<Vec<String>, Error> {
    check_targets(&opts, &article_paths(&opts.paths).0)?;
    let mut errors = Vec::new();
    let articles = load_articles(&opts, &scan_opts, &mut errors);
    if articles.is_empty() {
        return Err(if errors.is_empty() {
            "no articles to review".into()
        } else {
            errors.join("\n").into()
        });
    }
    let user_keymap = opts
        .config_dir
        .as_ref()
        .and_then(|d| std::fs::read_to_string(d.join("keymap.toml")).ok());
    let keymap = Keymap::load(user_keymap.as_deref())?;
    let user_theme = opts
        .config_dir
        .as_ref()
        .and_then(|d| std::fs::read_to_string(d.join("theme.toml")).ok());
    let theme = Theme::load(user_theme.as_deref(), opts.color)?;

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // When the terminal goes away (SIGHUP), crossterm's reader can spin on end-of-file and
    // never hand control back to the loop that watches the flag: a watchdog ends the process
    // shortly after any of these signals. Sessions are saved after every decision, so
    // nothing is lost.
    let watched = Arc::clone(&stop);
    std::thread::spawn(move || {
        while !watched.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
        }
        std::thread::sleep(Duration::from_millis(750));
        restore_terminal();
        std::process::exit(130);
    });
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous_hook(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let backend = ratatui::backend::CrosstermBackend::new(io::stdout());
    let result = Terminal::new(backend)
        .map_err(Error::from)
        .and_then(|mut terminal| {
            let size = terminal.size()?;
            let mut app = App::new(articles, keymap, theme, size.width, size.height)
                .with_lexicon(scan_opts.lexicon.clone());
            event_loop(&mut terminal, &mut app, &opts, &stop)
        });
    restore_terminal();
    result.map(|()| errors)
}

/// Whether the next frame must be drawn from scratch: only after a resize (ratatui clears
/// then anyway). Everything else is drawn as a diff; see [`Painter`] for why that is safe
/// with Thai.
pub fn needs_full_redraw(action: &Action, _effects: &[Effect]) -> bool {
    matches!(action, Action::Resize { .. })
}

/// Draws frames as diffs against the last one, the way ratatui does, with one correction.
///
/// Why stale cells appeared: ratatui keeps a two-column Thai cluster (น้ำ: น, a tone mark,
/// SARA AM, which is a spacing vowel) in one cell, with a blank hidden cell after it. The
/// terminal holds น in the first column and ำ in the second. When narrower text replaces
/// the cluster and the second column is blank in the new frame too, ratatui sees no change
/// there and sends nothing, and ำ stays on screen. (Wide CJK characters do not show this:
/// a terminal treats them as one unit and clears both halves.) So every column a previous
/// wide cell covered is sent again when that cell changes; nothing else is.
#[derive(Debug, Default)]
pub struct Painter {
    last: Option<ratatui::buffer::Buffer>,
}

/// Mark for sending the columns a changed wide cell of `prev` covered.
fn refresh_cluster_tails(prev: &ratatui::buffer::Buffer, next: &mut ratatui::buffer::Buffer) {
    let w = prev.area.width as usize;
    let n = prev.content.len().min(next.content.len());
    for i in 0..n {
        let pw = super::wrap::width(prev.content[i].symbol());
        if pw > 1 && prev.content[i] != next.content[i] {
            for k in 1..pw {
                let j = i + k;
                if j < n && j % w.max(1) != 0 {
                    next.content[j].diff_option = ratatui::buffer::CellDiffOption::AlwaysUpdate;
                }
            }
        }
    }
}

/// Draw one frame, sending only the cells that changed (`full`: clear first, after a
/// resize).
pub fn draw_frame<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    painter: &mut Painter,
    app: &App,
    full: bool,
) -> Result<(), Error>
where
    B::Error: Send + Sync + 'static,
{
    if full {
        terminal.clear()?;
        painter.last = None;
    }
    terminal.autoresize()?;
    let mut frame = terminal.get_frame();
    let cursor = super::view::render_with_cursor(app, &mut frame);
    let buf = terminal.current_buffer_mut();
    let drawn = buf.clone();
    if let Some(prev) = painter.last.as_ref().filter(|p| p.area == buf.area) {
        refresh_cluster_tails(prev, buf);
    }
    painter.last = Some(drawn);
    // The terminal's cursor shows only in the paragraph editor, on its cursor cell (input
    // methods place their window there).
    terminal.apply_buffer_with_cursor(cursor)?;
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    opts: &Options,
    stop: &AtomicBool,
) -> Result<(), Error> {
    let mut redraw = true;
    let mut painter = Painter::default();
    loop {
        draw_frame(terminal, &mut painter, app, redraw)?;
        redraw = false;
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press || k.kind == KeyEventKind::Repeat => {
                if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                    // Sessions are saved after every decision: nothing is lost.
                    return Ok(());
                }
                key_action(app, &k)
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
                MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
                MouseEventKind::Down(_) => Some(Action::Click {
                    column: m.column,
                    row: m.row,
                }),
                _ => None,
            },
            Event::Resize(w, h) => Some(Action::Resize {
                width: w,
                height: h,
            }),
            _ => None,
        };
        if let Some(action) = action {
            let effects = app.update(action.clone());
            redraw = needs_full_redraw(&action, &effects);
            // Scrolling no longer needs a cleared screen (see `Painter`).
            let mut _scrolled = false;
            if settle(app, opts, effects, &mut _scrolled) {
                return Ok(());
            }
        }
    }
}
