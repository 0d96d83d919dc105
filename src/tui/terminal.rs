//! The shell of the TUI: the only code that touches the terminal and the disk. It loads the
//! articles and sessions, turns terminal events into actions, runs `update`, and carries out
//! the effects (saving sessions, writing exports, appending to the user's lists).

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

use super::action::{Action, InputKey};
use super::app::{App, Article, Effect, Mode, OtherView};
use super::keymap::Keymap;
use super::origin::Origin;
use super::session::{Session, content_hash};
use super::theme::Theme;
use crate::detect::{ScanOptions, scan};
use crate::document::{Document, decode};
use crate::export::{to_json, unified_diff};
use crate::jsonl::{FieldNames, LineRead, LineReader, Record};
use crate::review::{ArticleReview, Decision};
use crate::safe_write::write_atomic;

/// How the TUI was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub report: Option<PathBuf>,
    pub diff: Option<PathBuf>,
    pub min_confidence: f32,
    pub config_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub color: bool,
    /// The text and id fields of JSON Lines corpora.
    pub fields: FieldNames,
    /// Largest document (file or corpus line) read.
    pub max_bytes: usize,
}

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Article files under `paths`: files as given, directories walked for `.txt` files.
pub fn collect_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for e in entries.flatten() {
                    let path = e.path();
                    let Ok(kind) = e.file_type() else { continue };
                    if kind.is_dir() {
                        stack.push(path);
                    } else if path
                        .extension()
                        .is_some_and(|x| x == "txt" || x == "html" || x == "htm")
                        && !path.to_string_lossy().contains(".clean.")
                    {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn session_path(data_dir: &Path, article: &Path, origin: &Origin) -> PathBuf {
    let canonical = article
        .canonicalize()
        .unwrap_or_else(|_| article.to_owned());
    let key = format!("{}{}", canonical.to_string_lossy(), origin_key(origin));
    data_dir
        .join("sessions")
        .join(format!("{}.json", content_hash(key.as_bytes())))
}

/// Which document of a file a session belongs to: nothing for a whole file, the line for a
/// corpus (ids need not be unique).
fn origin_key(origin: &Origin) -> String {
    match origin {
        Origin::Text | Origin::Html { .. } => String::new(),
        Origin::Jsonl { line, .. } => format!("#{line}"),
    }
}

fn is_html_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"))
}

/// The review of a page's source: the article's findings mapped into the markup, in the
/// same order, so the two views share decisions item by item.
fn source_review(
    article: &crate::html::HtmlArticle,
    page: &str,
    findings: &[crate::detect::Finding],
) -> ArticleReview {
    let mapped = findings
        .iter()
        .map(|f| {
            let mut g = f.clone();
            g.range = article.to_source(f.range.clone());
            g.related = f
                .related
                .iter()
                .map(|r| article.to_source(r.clone()))
                .collect();
            g
        })
        .collect();
    ArticleReview::new(page.to_owned(), mapped)
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x == "jsonl" || x == "ndjson")
}

/// Load, scan and resume every article. Unreadable files are reported and skipped.
pub fn load_articles(
    opts: &Options,
    scan_opts: &ScanOptions,
    errors: &mut Vec<String>,
) -> Vec<Article> {
    let mut articles = Vec::new();
    for path in collect_paths(&opts.paths) {
        if is_jsonl(&path) {
            match load_corpus(&path, opts, scan_opts, errors) {
                Ok(list) => articles.extend(list),
                Err(e) => errors.push(format!("{}: {e}", path.display())),
            }
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let decoded = match decode(&bytes) {
            Ok(d) => d,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let page = is_html_path(&path).then(|| {
            crate::html::scan_html(&decoded.text, scan_opts).map(|(article, findings)| {
                let findings: Vec<_> = findings
                    .into_iter()
                    .filter(|f| f.confidence >= opts.min_confidence)
                    .filter(|f| {
                        !decoded.touches_invalid(&article.text, f.range.clone(), &f.replacement)
                    })
                    .collect();
                (article, findings)
            })
        });
        let (text, findings, page) = match page {
            Some(Ok((article, findings))) => (article.text.clone(), findings, Some(article)),
            Some(Err(e)) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
            None => {
                let doc = Document::new(decoded.text.clone());
                let findings: Vec<_> = scan(&doc, scan_opts)
                    .into_iter()
                    .filter(|f| f.confidence >= opts.min_confidence)
                    .filter(|f| {
                        !decoded.touches_invalid(&doc.text, f.range.clone(), &f.replacement)
                    })
                    .collect();
                (decoded.text.clone(), findings, None)
            }
        };
        let source_view = page
            .as_ref()
            .map(|article| source_review(article, &decoded.text, &findings));
        let mut review = ArticleReview::new(text, findings);
        let mut notice = None;
        let hash = content_hash(&bytes);
        if let Some(dir) = &opts.data_dir
            && let Ok(text) = std::fs::read_to_string(session_path(dir, &path, &Origin::Text))
            && let Ok(session) = serde_json::from_str::<Session>(&text)
        {
            notice = Some(session.restore(&mut review, session.content_hash == hash));
        }
        let page_text = page.as_ref().map(|_| decoded.text.clone());
        let warning = decoded.warning().map(|w| w.to_string());
        let mut a = Article::new(path, decoded, review);
        a.notice = notice.or(warning);
        a.source_hash = Some(hash);
        if let (Some(article), Some(page_text), Some(view)) = (page, page_text, source_view) {
            a.origin = Origin::Html {
                page: Arc::new(page_text),
                article: Arc::new(article),
            };
            a.other_view = Some(Box::new(OtherView {
                review: view,
                layout: Default::default(),
            }));
        }
        articles.push(a);
    }
    articles
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
            Ok(r) => records.push((number, content_hash(&buf), r)),
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
            let doc = Document::new(record.text.clone());
            let findings: Vec<_> = scan(&doc, scan_opts)
                .into_iter()
                .filter(|f| f.confidence >= opts.min_confidence)
                .collect();
            let mut review = ArticleReview::new(record.text.clone(), findings);
            let origin = Origin::Jsonl {
                line,
                id: record.id(&opts.fields).map(|v| {
                    serde_json::from_str::<String>(v.get()).unwrap_or_else(|_| v.get().to_owned())
                }),
                record: Arc::new(record),
            };
            let mut notice = None;
            if let Some(dir) = &opts.data_dir
                && let Ok(text) = std::fs::read_to_string(session_path(dir, path, &origin))
                && let Ok(session) = serde_json::from_str::<Session>(&text)
            {
                notice = Some(session.restore(&mut review, session.content_hash == hash));
            }
            let decoded = crate::document::Decoded::utf8(review.text.clone());
            let mut a = Article::new(path.to_owned(), decoded, review);
            a.notice = notice;
            a.origin = origin;
            a.source_hash = Some(hash);
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
    match app.mode {
        Mode::Normal => {
            let name = key_name(k)?;
            app.keymap.command(&name).map(Action::Command)
        }
        Mode::Help => Some(
            key_name(k)
                .and_then(|n| app.keymap.command(&n))
                .map_or(Action::Input(InputKey::Esc), Action::Command),
        ),
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

fn distinct_files(app: &App) -> usize {
    let mut paths: Vec<&Path> = app.articles.iter().map(|a| a.path.as_path()).collect();
    paths.dedup();
    paths.len()
}

/// The export of a JSON Lines corpus: the corpus streamed again, each reviewed line
/// replaced by its fixed version, every other line (bad ones too) as it was.
fn write_corpus_export(
    app: &mut App,
    opts: &Options,
    i: usize,
    many: bool,
) -> Result<PathBuf, Error> {
    let corpus = app.articles[i].path.clone();
    let target = export_target(opts, &corpus, many);
    if target
        .canonicalize()
        .ok()
        .is_some_and(|t| corpus.canonicalize().is_ok_and(|p| p == t))
    {
        return Err(format!("refusing to overwrite the input {}", corpus.display()).into());
    }
    let mut by_line = std::collections::HashMap::new();
    for a in app.articles.iter().filter(|a| a.path == corpus) {
        if let Origin::Jsonl { line, record, .. } = &a.origin {
            // What the export applied: accepted fixes after overlaps are resolved, as `fix`
            // reports them.
            let mut accepted: Vec<_> = a
                .review
                .applied()
                .into_iter()
                .map(|k| {
                    let item = &a.review.items[k];
                    let mut f = item.finding.clone();
                    f.replacement = item.replacement().to_owned();
                    f
                })
                .collect();
            accepted.sort_by_key(|f| (f.range.start, f.range.end));
            let doc = Document::new(a.review.text.clone());
            let applied = to_json(&a.label(), "UTF-8", &doc, &accepted).findings;
            let fixed = record.fixed_line(&opts.fields, &a.review.output(), &applied, false)?;
            by_line.insert(*line, fixed);
        }
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = crate::safe_write::AtomicFile::create(&target)?;
    let mut lines = LineReader::new(
        io::BufReader::new(std::fs::File::open(&corpus)?),
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
        out.write_all(b"\n")?;
    }
    out.commit(None)?;
    for a in app.articles.iter_mut().filter(|a| a.path == corpus) {
        a.unwritten = false;
    }
    Ok(target)
}

/// Write the export of article `i` (and its report and diff when asked). Never the input.
pub fn write_export(app: &mut App, opts: &Options, i: usize) -> Result<PathBuf, Error> {
    let many = distinct_files(app) > 1;
    if matches!(app.articles[i].origin, Origin::Jsonl { .. }) {
        return write_corpus_export(app, opts, i, many);
    }
    let a = &app.articles[i];
    let target = export_target(opts, &a.path, many);
    if target
        .canonicalize()
        .ok()
        .is_some_and(|t| a.path.canonicalize().is_ok_and(|p| p == t))
    {
        return Err(format!("refusing to overwrite the input {}", a.path.display()).into());
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let review = a.decided_review();
    let text_output = review.output();
    // A page is written back as a page: the fixes go into its text nodes, nothing else moves.
    let (original, output) = match &a.origin {
        Origin::Html { page, article } => {
            let written = if review.edits.is_empty() {
                let edits: Vec<crate::review::Edit> = review
                    .applied()
                    .into_iter()
                    .map(|k| crate::review::Edit {
                        range: review.items[k].finding.range.clone(),
                        replacement: review.items[k].replacement().to_owned(),
                    })
                    .collect();
                article.write_back_edits(page, &edits)
            } else {
                article.write_back(page, &text_output)
            };
            (page.as_str(), written)
        }
        _ => (a.decoded.text.as_str(), text_output),
    };
    write_atomic(&target, &a.decoded.encode_output(&output)?, None)?;
    if let Some(report) = &opts.report {
        let doc = Document::new(review.text.clone());
        let findings: Vec<_> = review.items.iter().map(|it| it.finding.clone()).collect();
        let source = a.path.display().to_string();
        let json = match &a.origin {
            Origin::Html { page, article } => crate::export::to_json_html(
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
        let path = if many {
            report.with_file_name(format!(
                "{}.{}.json",
                report
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                i
            ))
        } else {
            report.clone()
        };
        write_atomic(&path, serde_json::to_string_pretty(&json)?.as_bytes(), None)?;
    }
    if let Some(diff) = &opts.diff {
        let name = a.path.display().to_string();
        let text = unified_diff(
            original,
            &output,
            &format!("a/{name}"),
            &format!("b/{name}"),
        );
        let path = if many {
            diff.with_file_name(format!(
                "{}.{}.diff",
                diff.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                i
            ))
        } else {
            diff.clone()
        };
        write_atomic(&path, text.as_bytes(), None)?;
    }
    app.articles[i].unwritten = false;
    Ok(target)
}

fn save_session(app: &App, opts: &Options, i: usize) -> Result<(), Error> {
    let Some(dir) = &opts.data_dir else {
        return Ok(());
    };
    let a = &app.articles[i];
    let hash = match &a.source_hash {
        Some(h) => h.clone(),
        None => content_hash(&std::fs::read(&a.path)?),
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

/// Carry out effects; returns true when the app should quit.
pub fn run_effects(app: &mut App, opts: &Options, effects: Vec<Effect>, redraw: &mut bool) -> bool {
    let mut quit = false;
    for e in effects {
        match e {
            Effect::SaveSession(i) => {
                if let Err(err) = save_session(app, opts, i) {
                    app.status = format!("could not save the session: {err}");
                }
            }
            Effect::Write(list) => {
                let mut written: Vec<String> = Vec::new();
                let mut corpora: Vec<PathBuf> = Vec::new();
                for i in list {
                    let a = &app.articles[i];
                    if matches!(a.origin, Origin::Jsonl { .. }) {
                        if corpora.contains(&a.path) {
                            continue;
                        }
                        corpora.push(a.path.clone());
                    }
                    match write_export(app, opts, i) {
                        Ok(p) => {
                            let p = p.display().to_string();
                            // A corpus is written whole, once, however many of its lines changed.
                            if !written.contains(&p) {
                                written.push(p);
                            }
                        }
                        Err(err) => {
                            app.status = format!("write failed: {err}");
                            written.clear();
                            break;
                        }
                    }
                }
                if !written.is_empty() {
                    app.status = format!("wrote {}", written.join(", "));
                }
            }
            Effect::AppendDeny(term) => {
                if let Err(err) = append_line(opts.config_dir.as_ref(), "deny.txt", &term) {
                    app.status = format!("could not update the deny list: {err}");
                }
            }
            Effect::AppendAllow(term) => {
                if let Err(err) = append_line(opts.config_dir.as_ref(), "allow.txt", &term) {
                    app.status = format!("could not update the allow list: {err}");
                }
            }
            Effect::FullRedraw => *redraw = true,
            Effect::Quit => quit = true,
        }
    }
    quit
}

fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
}

/// Run the TUI until the user quits, a signal arrives, or an error occurs. The terminal is
/// restored in every case, panics included.
pub fn run(opts: Options, scan_opts: ScanOptions) -> Result<Vec<String>, Error> {
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
            let mut app = App::new(articles, keymap, theme, size.width, size.height);
            app.lexicon = Some(scan_opts.lexicon.clone());
            event_loop(&mut terminal, &mut app, &opts, &stop)
        });
    restore_terminal();
    result.map(|()| errors)
}

/// Whether the next frame must be drawn from scratch. Anything that changes the article pane
/// does: ratatui's diff and the terminal disagree about two-column Thai clusters, and a diff
/// over them can leave stale cells. Typing in a prompt only changes the status line.
pub fn needs_full_redraw(action: &Action, effects: &[Effect]) -> bool {
    !matches!(action, Action::Input(_))
        || effects.contains(&Effect::FullRedraw)
        || effects.iter().any(|e| matches!(e, Effect::SaveSession(_)))
}

/// Draw one frame. After a scroll or resize (`full`), clear first: ratatui's diff can leave
/// a stale half of a two-column Thai cluster (กำ, น้ำ) on screen, and a cleared frame always
/// equals a fresh draw.
pub fn draw_frame<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    full: bool,
) -> Result<(), Error>
where
    B::Error: Send + Sync + 'static,
{
    if full {
        terminal.clear()?;
    }
    terminal.draw(|f| super::view::render(app, f))?;
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    opts: &Options,
    stop: &AtomicBool,
) -> Result<(), Error> {
    let mut redraw = true;
    loop {
        draw_frame(terminal, app, redraw)?;
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
            if run_effects(app, opts, effects, &mut redraw) {
                return Ok(());
            }
        }
        let _ = Decision::Pending;
    }
}
