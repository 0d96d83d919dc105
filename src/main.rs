//! The `redline` command line: `scan` and `fix` over files or standard input.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use redline::export;
use redline::lexicon::LexiconBuilder;
use redline::pipeline::{self, Analysis, is_html};
use redline::sanitize;
use redline::{DEFAULT_MIN_CONFIDENCE, Decoded, ScanOptions, decode};

mod cli;
mod tui;
use cli::input::InputFormatArg;
use cli::jsonl::OnError;

#[derive(Parser)]
#[command(
    name = "redline",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    about = "Find and repair spam insertions and duplicated text in damaged articles",
    long_about = "redline finds SEO spam glued into articles (บาคาร่า, สล็อต, ufabet, unlisted brands \
                  such as rambutanbet77) and text duplicated by bad scraping or editing (repeated \
                  titles, doubled phrases, sentences pasted twice), and proposes a fix for each."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    review: ReviewArgs,
}

/// Review in the terminal UI (the default command).
#[derive(Args, Clone)]
struct ReviewArgs {
    /// Articles (text, HTML pages, JSON Lines corpora) or directories of them (`.txt`,
    /// `.html`, `.htm`).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Write the export here (one article). Default: NAME.clean.EXT next to the input.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// With several articles: write each export into this directory.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Also write a JSON record of every finding and its decision.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Also write a unified diff of the export.
    #[arg(long, value_name = "FILE")]
    diff: Option<PathBuf>,
    /// In JSON Lines corpora (`.jsonl`, `.ndjson`): the field holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,
    /// In JSON Lines corpora: the field holding the document id, shown in the list.
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// Largest document read (K, M and G suffixes).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_bytes: usize,
    #[command(flatten)]
    detection: Detection,
}

#[derive(Subcommand)]
enum Command {
    /// Report suspected insertions and duplicates, linter-style or as JSON Lines.
    #[command(
        after_help = "Exit status: 0 when nothing was found (or the reader stopped early, as `| head` does), 1 when something was found, 2 on an error.\n\n\
Examples:\n  redline scan article.txt\n  redline scan --min-confidence 0.3 article.txt   # include suggestions\n  redline scan --format json a.txt b.txt | jq .findings[].rule"
    )]
    Scan(ScanArgs),
    /// Apply every fix at or above the threshold and write the corrected text.
    #[command(
        after_help = "The input is never overwritten unless --in-place is given. Writes are atomic.\n\
Exit status: 0 on success, 2 if any input could not be read or written.\n\n\
Examples:\n  redline fix article.txt -o clean.txt\n  redline fix a.txt b.txt --out-dir cleaned/\n  redline fix --in-place --backup article.txt\n  redline fix --diff article.txt"
    )]
    Fix(FixArgs),
    /// Mine a corpus for candidate spam terms: strings that recur across many documents at
    /// injection sites (title start, glued to a word, after the last sentence).
    Terms(TermsArgs),
    /// Measure detection quality on a generated, labelled corpus built from clean articles.
    Eval(EvalArgs),
    /// Review articles in the terminal UI (what `redline PATH...` does).
    #[command(
        after_help = "Keys: ? shows them all. Decisions are saved as you make them and resumed when the same file is opened again.\n\n\
Examples:\n  redline review article.txt -o clean.txt --report decisions.json\n  redline review corpus/ --out-dir cleaned/"
    )]
    Review(ReviewArgs),
}

#[derive(Args)]
struct Common {
    /// Files or directories to read; `-` reads standard input.
    #[arg(required_unless_present = "jsonl", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Which files to take from directories (walked recursively). Repeatable.
    #[arg(long, value_name = "PATTERN", default_values = ["*.txt", "*.html", "*.htm"], help_heading = "Input")]
    glob: Vec<String>,
    /// How to read each input: `auto` takes `.html`/`.htm` files (and standard input that
    /// starts with `<!doctype html` or `<html`) as HTML pages, everything else as text.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto, help_heading = "Input")]
    input_format: InputFormatArg,
    /// Largest document read: bigger files and longer JSONL lines are reported, not read.
    /// Accepts K, M and G suffixes.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size, help_heading = "Input")]
    max_bytes: usize,
    #[command(flatten)]
    jsonl: JsonlArgs,
    #[command(flatten)]
    detection: Detection,
}

/// A JSON Lines corpus instead of files: one document a line.
#[derive(Args)]
struct JsonlArgs {
    /// Read documents from this JSON Lines file (`-` for standard input), one object a line.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "paths",
        help_heading = "JSON Lines"
    )]
    jsonl: Option<PathBuf>,
    /// The field holding the text.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "text",
        requires = "jsonl",
        help_heading = "JSON Lines"
    )]
    field: String,
    /// The field holding the document id, which names the document in messages and in
    /// `scan` and `terms` output.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "id",
        requires = "jsonl",
        help_heading = "JSON Lines"
    )]
    id_field: String,
    /// A line that is not a document (bad JSON, missing field, invalid UTF-8, too long).
    #[arg(long, value_enum, default_value_t = OnError::Pass, requires = "jsonl", help_heading = "JSON Lines")]
    on_error: OnError,
}

/// Threshold and term lists, shared by every command that scans.
#[derive(Args, Clone)]
struct Detection {
    /// Only findings with at least this confidence (0 to 1).
    #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_CONFIDENCE, value_parser = parse_confidence, help_heading = "Detection")]
    min_confidence: f32,
    /// An extra deny list (one term a line, `#` comments): always spam. Repeatable.
    #[arg(long, value_name = "FILE", help_heading = "Detection")]
    lexicon: Vec<PathBuf>,
    /// An extra allow list: never spam. Repeatable.
    #[arg(long, value_name = "FILE", help_heading = "Detection")]
    allow: Vec<PathBuf>,
    /// Ignore deny.txt, allow.txt and repeats.txt in the config directory.
    #[arg(long, help_heading = "Detection")]
    no_user_lists: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct ScanArgs {
    #[command(flatten)]
    common: Common,
    /// `text`: one `FILE:LINE:COL: kind[rule] message` line a finding; `json`: one JSON
    /// object a document (JSON Lines).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Colour text output: auto means on a terminal and NO_COLOR unset.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Write the report here instead of standard output (`-` for standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Exit 0 even when something was found (for pipelines that fail on any other status).
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Args)]
#[group(id = "dest", required = true, multiple = false, args = ["output", "out_dir", "in_place", "diff"])]
struct FixArgs {
    #[command(flatten)]
    common: Common,
    /// Write the corrected text to this file (`-` for standard output). One input only.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Write each corrected file into this directory under its own name.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Overwrite the inputs with the corrected text.
    #[arg(long)]
    in_place: bool,
    /// With --in-place: keep the original as FILE.bak.
    #[arg(long, requires = "in_place")]
    backup: bool,
    /// Print a unified diff of the fixes instead of writing.
    #[arg(long)]
    diff: bool,
    /// With --jsonl: keep the text field and add the fixed text as `<field>_clean`.
    #[arg(long, requires = "jsonl")]
    keep_original: bool,
    /// `json`: end with a summary record on standard output (pages by kind of spam,
    /// doorway pages, spam hosts), for scripts. Not with `-o -` or `--diff`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Args)]
struct TermsArgs {
    #[command(flatten)]
    common: Common,
    /// `text`: a ranked table with sample contexts; `json`: one JSON object a candidate.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Only strings found in at least this many documents.
    #[arg(long, value_name = "N", default_value_t = 3)]
    min_documents: usize,
    /// How many candidates to print, best first.
    #[arg(long, value_name = "N", default_value_t = 50)]
    top: usize,
    /// Leave out candidates scoring below this. Ordinary words that end clauses score
    /// below the default; 0 lists everything that recurs.
    #[arg(long, value_name = "SCORE", default_value_t = redline::terms::DEFAULT_MIN_SCORE)]
    min_score: f32,
    /// Example contexts shown per candidate.
    #[arg(long, value_name = "N", default_value_t = 3)]
    samples: usize,
    /// Also list terms already on the built-in or user deny lists.
    #[arg(long)]
    include_known: bool,
}

#[derive(Args)]
struct EvalArgs {
    /// Directories of clean articles (one article a .txt file).
    #[arg(value_name = "DIR", default_values = ["tests/corpus/clean/th", "tests/corpus/clean/en"])]
    dirs: Vec<PathBuf>,
    /// Damaged variants generated per clean article.
    #[arg(long, default_value_t = 4)]
    variants: usize,
    /// Random seed of the generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Count only findings with at least this confidence (0 to 1).
    #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_CONFIDENCE, value_parser = parse_confidence)]
    min_confidence: f32,
    /// Print every miss and false alarm.
    #[arg(long)]
    verbose: bool,
    /// Also write every damaged variant into this directory, to inspect or replay.
    #[arg(long, value_name = "DIR")]
    write_damaged: Option<PathBuf>,
    /// JSONL files of clean real articles ({"text": ...} a line) held out from fitting:
    /// their findings, all wrong, join the reliability table.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    real: Vec<PathBuf>,
    /// Fit the calibration instead of evaluating, and print it (the contents of
    /// assets/calibration.toml). Training data: the generated cases of the training seeds
    /// and every finding on these JSONL files of clean real articles ({"text": ...} a
    /// line), all of which are wrong.
    #[arg(long, value_name = "FILE", num_args = 0..)]
    fit_calibration: Option<Vec<PathBuf>>,
    /// Training seeds for --fit-calibration: 1000 up to 1000+N. The held-out --seed must
    /// not be among them.
    #[arg(long, value_name = "N", default_value_t = 10)]
    train_seeds: u64,
    /// With --fit-calibration: keep every score on its side of the default threshold, so the
    /// map changes what is reported but not what is fixed.
    #[arg(long)]
    keep_threshold: bool,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("'{s}' is not a size such as 64M"))?;
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("'{s}': the unit must be K, M or G")),
    };
    n.checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("'{s}' is out of range"))
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    let x: f32 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0 and 1"))
    }
}

const EXAMPLES: &str = "Examples:
  redline article.txt                 # review it in the terminal UI
  redline corpus/                     # pick articles from a list
  redline scan article.txt
  redline scan --format json corpus/*.txt > findings.jsonl
  redline fix article.txt -o article.clean.txt
  redline fix --diff article.txt
  cat article.txt | redline fix - -o -";

const TERMS_EXAMPLES: &str = "Examples:
  redline terms corpus/
  redline terms --jsonl pages.jsonl --field body --format json | jq -r .term
  redline terms corpus/ --min-documents 5 --top 20 --include-known";

/// The user's term lists, for the help: where they live on this machine, found at run time.
fn lists_help() -> (String, String) {
    match config_dir() {
        Some(dir) => {
            let (deny, allow, repeats) = (
                display(&dir.join("deny.txt")),
                display(&dir.join("allow.txt")),
                display(&dir.join("repeats.txt")),
            );
            (
                format!(
                    "Term lists (one term a line, `#` comments; REDLINE_CONFIG_DIR moves them):\n  \
                     {deny}     always spam\n  {allow}    never spam\n  \
                     {repeats}  repetitions kept as legitimate (I in the review)"
                ),
                deny,
            )
        }
        None => (
            "Term lists: no config directory was found; set REDLINE_CONFIG_DIR to a directory \
             holding deny.txt, allow.txt and repeats.txt."
                .into(),
            "deny.txt in REDLINE_CONFIG_DIR".into(),
        ),
    }
}

/// The command line with the parts known only at run time: the term lists' paths, and
/// `--id-field` worded for what each command does with it.
fn command() -> clap::Command {
    let (lists, deny) = lists_help();
    let id_help = |c: clap::Command, help: &'static str| c.mut_arg("id_field", |a| a.help(help));
    Cli::command()
        .after_help(format!("{lists}\n\n{EXAMPLES}"))
        .mut_subcommand("terms", |c| {
            id_help(
                c,
                "The field holding the document id (candidates name documents by line: FILE#LINE)",
            )
            .after_help(format!(
                "Add the good ones to your deny list, {deny}, then scan or fix.\n\n{TERMS_EXAMPLES}"
            ))
        })
        .mut_subcommand("scan", |c| {
            id_help(
                c,
                "The field holding the document id, copied into each `--format json` record as `id`",
            )
        })
        .mut_subcommand("fix", |c| {
            id_help(
                c,
                "The field holding the document id; fix writes it, like every field but the text, \
                 as it was read",
            )
        })
}

fn main() -> ExitCode {
    let cli = match Cli::from_arg_matches(&command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Some(Command::Scan(args)) => run_scan(args),
        Some(Command::Fix(args)) => run_fix(args),
        Some(Command::Terms(args)) => run_terms(args),
        Some(Command::Eval(args)) => run_eval(args),
        Some(Command::Review(args)) => run_review(args),
        None => run_review(cli.review),
    };
    match result {
        Ok(code) => code,
        // The reader of standard output has all it wanted (`| head`): a normal end, as in
        // ripgrep.
        Err(e) if cli::pipe::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("redline: {}", sanitize::line(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("REDLINE_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "redline").map(|d| d.config_dir().to_owned())
}

fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("REDLINE_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "redline").map(|d| d.data_dir().to_owned())
}

fn options(common: &Common) -> Result<ScanOptions> {
    lexicon_options(&common.detection)
}

fn lexicon_options(d: &Detection) -> Result<ScanOptions> {
    let mut b = LexiconBuilder::builtin();
    if !d.no_user_lists
        && let Some(dir) = config_dir()
    {
        b.user_dir(&dir)?;
    }
    for f in &d.lexicon {
        b.deny_file(f)?;
    }
    for f in &d.allow {
        b.allow_file(f)?;
    }
    Ok(ScanOptions {
        lexicon: b.build()?,
        min_confidence: d.min_confidence,
    })
}

/// What the review UI takes from a directory (`tui::terminal::article_paths`).
const REVIEW_PATTERNS: [&str; 3] = ["*.txt", "*.html", "*.htm"];

fn run_review(args: ReviewArgs) -> Result<ExitCode> {
    let scan_opts = lexicon_options(&args.detection)?;
    let files = tui::terminal::article_paths(&args.paths).0;
    report_empty_dirs(&args.paths, &files, &REVIEW_PATTERNS.map(String::from));
    if files.is_empty() {
        return Ok(ExitCode::from(2));
    }
    if args.output.is_some() && files.len() > 1 {
        bail!("-o takes one article; use --out-dir DIR for several");
    }
    let opts = tui::terminal::Options {
        paths: args.paths,
        output: args.output,
        out_dir: args.out_dir,
        report: args.report,
        diff: args.diff,
        config_dir: config_dir(),
        data_dir: data_dir(),
        // Monochrome terminals get the same highlights by modifier alone.
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && ratatui::crossterm::style::available_color_count() >= 8,
        fields: redline::jsonl::FieldNames {
            text: args.field,
            id: args.id_field,
        },
        max_bytes: args.max_bytes,
    };
    // An output that is an input is refused before anything else, terminal or not.
    tui::terminal::check_targets(&opts, &files)?;
    if !std::io::stdout().is_terminal() {
        bail!("the review UI needs a terminal; use `redline scan` or `redline fix` in scripts");
    }
    let errors = tui::terminal::run(opts, scan_opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    for e in &errors {
        eprintln!("redline: {}", sanitize::line(e));
    }
    Ok(ExitCode::from(if errors.is_empty() { 0 } else { 2 }))
}

/// A path for a message: made safe for a terminal, bytes that are not UTF-8 escaped.
fn display(path: &Path) -> String {
    sanitize::path(path)
}

/// Whether standard output is a person's terminal, which gets article text only through
/// the sanitiser. `REDLINE_ASSUME_TERMINAL=1` says yes (for tests).
fn stdout_is_terminal() -> bool {
    std::env::var_os("REDLINE_ASSUME_TERMINAL")
        .map_or_else(|| std::io::stdout().is_terminal(), |v| v == "1")
}

/// Read and decode one document through the pipeline, refusing anything over `max` bytes.
fn load(path: &Path, max: usize) -> Result<Decoded> {
    Ok(decode(&load_bytes(path, max)?)?)
}

/// A document read for `scan` or `fix`: the bytes read, and a page decoded as browsers decode
/// it (BOM, then its declared charset, then detection) and written back in its own encoding.
struct Loaded {
    read: Vec<u8>,
    decoded: Decoded,
    html: bool,
    page: Option<redline::html::PageText>,
}

impl Loaded {
    fn encode(&self, text: &str) -> Result<Vec<u8>> {
        Ok(match &self.page {
            Some(p) => p.encode(text)?,
            None => self.decoded.encode_output(text)?,
        })
    }
}

fn load_input(path: &Path, common: &Common) -> Result<Loaded> {
    let read = load_bytes(path, common.max_bytes)?;
    let head = String::from_utf8_lossy(&read[..read.len().min(1024)]);
    if !is_html(path, common.input_format.into(), &head) {
        return Ok(Loaded {
            decoded: decode(&read)?,
            read,
            html: false,
            page: None,
        });
    }
    let page = redline::html::decode_page(&read)?;
    if let Some(note) = &page.note {
        eprintln!("redline: {}: {}", display(path), sanitize::line(note));
    }
    Ok(Loaded {
        decoded: page.decoded.clone(),
        read,
        html: true,
        page: Some(page),
    })
}

/// Read one document's bytes through the pipeline, refusing anything over `max` bytes.
fn load_bytes(path: &Path, max: usize) -> Result<Vec<u8>> {
    let read = pipeline::read_limited(path, max);
    if path == Path::new("-") {
        return read.context("standard input");
    }
    Ok(read?)
}

fn report_error(path: &Path, e: &anyhow::Error) {
    eprintln!(
        "redline: {}: {}",
        display(path),
        sanitize::line(&format!("{e:#}"))
    );
}

/// Documents are processed in parallel a batch at a time and reported in input order, so
/// output is deterministic and memory stays bounded.
const BATCH: usize = 64;

/// The inputs of a run: files as given, directories expanded. Unreadable directories are
/// reported and count as errors.
fn inputs(common: &Common, failed: &mut bool) -> Result<Vec<PathBuf>> {
    let names = redline::corpus::globs(&common.glob).context("bad --glob pattern")?;
    let (files, errors, skipped) = pipeline::inputs(&common.paths, &names);
    for (p, e) in errors {
        eprintln!("redline: {}: {}", display(&p), sanitize::line(&e));
        *failed = true;
    }
    // Not an error: a directory may hold a pipe or a socket next to its articles.
    for s in skipped {
        eprintln!("redline: {}: skipped, {}", display(&s.path), s.kind);
    }
    report_empty_dirs(&common.paths, &files, &common.glob);
    // Nothing at all to read is a failed run, not a clean one.
    *failed |= files.is_empty();
    Ok(files)
}

/// "DIR: no files matching *.txt, …" for each directory that gave nothing to read.
fn report_empty_dirs(paths: &[PathBuf], files: &[PathBuf], patterns: &[String]) {
    for dir in pipeline::empty_dirs(paths, files) {
        eprintln!(
            "redline: {}: no files matching {}",
            display(dir),
            sanitize::line(&patterns.join(", "))
        );
    }
}

/// Tell the user about bytes kept as they were, without tearing the progress bar.
fn report_warning_above(
    bar: &Option<indicatif::ProgressBar>,
    path: &Path,
    w: &redline::DecodeWarning,
) {
    let line = format!("redline: {}: warning: {w}", display(path));
    match bar {
        Some(b) => b.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

/// Report an error without tearing the progress bar.
fn report_error_above(bar: &Option<indicatif::ProgressBar>, path: &Path, e: &anyhow::Error) {
    match bar {
        Some(b) => b.suspend(|| report_error(path, e)),
        None => report_error(path, e),
    }
}

fn tick(bar: &Option<indicatif::ProgressBar>, done: usize, bytes: u64) {
    if let Some(b) = bar {
        let secs = b.elapsed().as_secs_f64().max(1e-3);
        b.set_message(format!("{:.1} MB/s", bytes as f64 / 1e6 / secs));
        b.set_position(done as u64);
    }
}

struct Scanned {
    out: Vec<u8>,
    found: bool,
    summary: redline::corpus::Summary,
    warning: Option<redline::DecodeWarning>,
}

fn scan_one(path: &Path, opts: &ScanOptions, args: &ScanArgs, color: bool) -> Result<Scanned> {
    let Loaded {
        mut decoded, html, ..
    } = load_input(path, &args.common)?;
    let mut a = Analysis::new(std::mem::take(&mut decoded.text), html, opts)?;
    a.leave_invalid_bytes_alone(&decoded);
    let source = display(path);
    let mut out = Vec::new();
    match args.format {
        Format::Json => {
            let source = path.display().to_string();
            serde_json::to_writer(&mut out, &a.json(&source, decoded.encoding))?;
            out.push(b'\n');
        }
        Format::Text => {
            for line in a.text_lines(&source) {
                writeln!(out, "{}", cli::style::paint(&line, color))?;
            }
        }
    }
    let mut summary = redline::corpus::Summary::default();
    summary.add(&a.doc.text, &a.findings);
    // Findings about the page around the article count too.
    summary.with_findings += usize::from(a.findings.is_empty() && a.found());
    if !a.page_findings.is_empty() {
        *summary.by_kind.entry(redline::Kind::Spam).or_default() += a.page_findings.len();
    }
    summary.site.add(&path.display().to_string(), &a.report());
    Ok(Scanned {
        out,
        found: a.found(),
        summary,
        warning: decoded.warning(),
    })
}

/// Where a report or a corpus goes: standard output, or a file that appears only once the
/// whole run has been written.
enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    /// Standard output that is a person's terminal, for JSON: it passes the sanitiser.
    Terminal(TerminalSafe<std::io::StdoutLock<'static>>),
    File(redline::safe_write::AtomicFile),
}

/// A writer for a terminal: every buffer written passes [`sanitize::text`]. The callers
/// write whole records, so no character is split between two writes.
struct TerminalSafe<W: Write>(W);

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .write_all(sanitize::text(&String::from_utf8_lossy(buf)).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl Sink {
    fn open(output: Option<&Path>) -> Result<Sink> {
        Ok(match output {
            Some(p) if p != Path::new("-") => Sink::File(
                redline::safe_write::AtomicFile::create(p)
                    .with_context(|| format!("cannot write {}", display(p)))?,
            ),
            _ => Sink::Stdout(std::io::stdout().lock()),
        })
    }

    fn is_terminal(&self) -> bool {
        matches!(self, Sink::Stdout(_)) && std::io::stdout().is_terminal()
    }

    /// Standard output on a terminal gets the text only through the sanitiser (for output
    /// that carries article text but no colour of ours: JSON).
    fn sanitized(self) -> Sink {
        match self {
            Sink::Stdout(s) if stdout_is_terminal() => Sink::Terminal(TerminalSafe(s)),
            other => other,
        }
    }

    fn finish(self, keep_permissions_of: Option<&Path>) -> Result<()> {
        match self {
            Sink::Stdout(mut s) => Ok(s.flush()?),
            Sink::Terminal(mut s) => Ok(s.flush()?),
            Sink::File(f) => Ok(f.commit(keep_permissions_of)?),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::Terminal(s) => s.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::Terminal(s) => s.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

/// "cannot write OUT", for an error on finishing `-o OUT`.
fn output_name(output: Option<&Path>) -> String {
    match output {
        Some(p) if p != Path::new("-") => format!("cannot write {}", display(p)),
        _ => "cannot write standard output".into(),
    }
}

fn scan_status(args: &ScanArgs, found: bool, failed: bool) -> ExitCode {
    ExitCode::from(if failed {
        2
    } else {
        u8::from(found && !args.exit_zero)
    })
}

fn jsonl_run<'a>(
    common: &'a Common,
    input: &'a Path,
    mode: cli::jsonl::Mode,
    options: &'a ScanOptions,
) -> cli::jsonl::Run<'a> {
    cli::jsonl::Run {
        input,
        names: redline::jsonl::FieldNames {
            text: common.jsonl.field.clone(),
            id: common.jsonl.id_field.clone(),
        },
        on_error: common.jsonl.on_error,
        max_bytes: common.max_bytes,
        mode,
        options,
    }
}

/// Print the end-of-run summary, only for a person watching a terminal.
fn print_summary(summary: &redline::corpus::Summary, bad_lines: u64) {
    if std::io::stderr().is_terminal() {
        let bad = if bad_lines > 0 {
            format!("; {bad_lines} bad lines")
        } else {
            String::new()
        };
        eprintln!("redline: {}{bad}", summary.render());
    }
}

/// The pages of a run of several, for a person at a terminal: infected by kind, doorways,
/// spam hosts. (One page's findings say it all.)
fn print_site(summary: &redline::corpus::Summary) {
    if std::io::stderr().is_terminal() && summary.documents > 1 {
        for line in cli::site::lines(&summary.site) {
            eprintln!("redline: {line}");
        }
    }
}

/// Whether a directory is among the inputs: then a run that read pages is a site, and its
/// JSON output ends with a summary record.
fn reads_directory(paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| p != Path::new("-") && p.is_dir())
}

fn run_scan(args: ScanArgs) -> Result<ExitCode> {
    use rayon::prelude::*;
    let opts = options(&args.common)?;
    let (mut found, mut failed) = (false, false);
    let files = match &args.common.jsonl.jsonl {
        Some(input) => vec![input.clone()],
        None => inputs(&args.common, &mut failed)?,
    };
    pipeline::refuse_overwrite(files.iter().map(PathBuf::as_path), args.output.as_deref())?;
    let mut out = Sink::open(args.output.as_deref())?;
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            out.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // Text lines are sanitised as they are made (their colour is ours); JSON here.
    if matches!(args.format, Format::Json) {
        out = out.sanitized();
    }
    if let Some(input) = &args.common.jsonl.jsonl {
        let json = matches!(args.format, Format::Json);
        let run = jsonl_run(
            &args.common,
            input,
            cli::jsonl::Mode::Scan { json, color },
            &opts,
        );
        let outcome = run.execute(&mut out, None)?;
        if outcome.closed {
            // The reader has all it wanted (`| head`): a quiet, successful end, as in ripgrep.
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(hint) = outcome.wrong_field(&args.common.jsonl.field) {
            bail!(hint);
        }
        out.finish(None)
            .with_context(|| output_name(args.output.as_deref()))?;
        print_summary(&outcome.summary, outcome.bad_lines);
        return Ok(scan_status(&args, outcome.found, outcome.stopped));
    }
    let bar = cli::progress::documents(files.len());
    let mut summary = redline::corpus::Summary::default();
    let mut done = 0;
    for batch in files.chunks(BATCH) {
        let results: Vec<Result<Scanned>> = batch
            .par_iter()
            .map(|p| scan_one(p, &opts, &args, color))
            .collect();
        for (path, r) in batch.iter().zip(results) {
            done += 1;
            let s = match r {
                Ok(s) => s,
                Err(e) => {
                    report_error_above(&bar, path, &e);
                    failed = true;
                    continue;
                }
            };
            if let Some(w) = &s.warning {
                report_warning_above(&bar, path, w);
            }
            found |= s.found;
            summary.merge(s.summary);
            if let Err(e) = out.write_all(&s.out) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::SUCCESS);
                }
                return Err(e.into());
            }
        }
        tick(&bar, done, summary.bytes);
    }
    // A run over a site (a directory with pages) ends with its summary, for scripts.
    if matches!(args.format, Format::Json)
        && reads_directory(&args.common.paths)
        && summary.site.pages > 0
    {
        let record = cli::site::json_record(&summary)?;
        if let Err(e) = writeln!(out, "{record}")
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(e.into());
        }
    }
    out.finish(None)
        .with_context(|| output_name(args.output.as_deref()))?;
    if let Some(b) = bar {
        b.finish_and_clear();
        eprintln!("redline: {}", summary.render());
    }
    print_site(&summary);
    Ok(scan_status(&args, found, failed))
}

fn run_fix(args: FixArgs) -> Result<ExitCode> {
    use rayon::prelude::*;
    let opts = options(&args.common)?;
    if let Some(input) = &args.common.jsonl.jsonl {
        return fix_jsonl(&args, input, &opts);
    }
    let json = matches!(args.format, Format::Json);
    if json && (args.diff || args.output.as_deref() == Some(Path::new("-"))) {
        bail!(
            "--format json writes the summary to standard output: use --out-dir, -o FILE or --in-place"
        );
    }
    let mut failed = false;
    let files = inputs(&args.common, &mut failed)?;
    let paths = &files;
    if args.output.is_some() && paths.len() > 1 {
        bail!(
            "-o takes one input; use --out-dir DIR for {} inputs",
            paths.len()
        );
    }
    if args.in_place && paths.iter().any(|p| p == Path::new("-")) {
        bail!("--in-place cannot write back to standard input");
    }
    if let Some(dir) = &args.out_dir {
        let mut names = std::collections::HashSet::new();
        for p in paths {
            let name = out_path(p, &args.common.paths);
            if !names.insert(name.clone()) {
                bail!(
                    "two inputs would both be written to {}",
                    display(&dir.join(name))
                );
            }
        }
    }
    // Every file this run would write, checked against every input before the first write.
    let targets: Vec<PathBuf> = paths.iter().filter_map(|p| fix_target(&args, p)).collect();
    pipeline::refuse_overwrite(
        paths.iter().map(PathBuf::as_path),
        targets.iter().map(PathBuf::as_path),
    )
    .map_err(|e| in_place_hint(e, args.in_place))?;
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", display(dir)))?;
    }
    let bar = cli::progress::documents(paths.len());
    let mut out = std::io::stdout().lock();
    let terminal = stdout_is_terminal();
    let mut done = 0;
    let mut summary = redline::corpus::Summary::default();
    for batch in paths.chunks(BATCH) {
        let results: Vec<Result<Fixed>> =
            batch.par_iter().map(|p| fix_one(&args, &opts, p)).collect();
        for (path, r) in batch.iter().zip(results) {
            done += 1;
            match r {
                Ok(f) => {
                    if let Some(w) = &f.warning {
                        report_warning_above(&bar, path, w);
                    }
                    summary.merge(f.summary);
                    // A diff or a text for a person's eyes passes the sanitiser; to a file
                    // or a pipe it stays exact.
                    if terminal {
                        out.write_all(
                            sanitize::text(&String::from_utf8_lossy(&f.stdout)).as_bytes(),
                        )?;
                    } else {
                        out.write_all(&f.stdout)?;
                    }
                }
                Err(e) => {
                    report_error_above(&bar, path, &e);
                    failed = true;
                }
            }
        }
        tick(&bar, done, summary.bytes);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
        eprintln!("redline: fixed: {}", summary.render());
    }
    print_site(&summary);
    if json {
        writeln!(out, "{}", cli::site::json_record(&summary)?)?;
        out.flush()?;
    }
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}

/// `fix --jsonl`: the corpus streamed to `-o` (atomically for a file) or back over the input
/// with `--in-place`.
fn fix_jsonl(args: &FixArgs, input: &Path, opts: &ScanOptions) -> Result<ExitCode> {
    if args.out_dir.is_some() || args.diff {
        bail!("--jsonl writes one corpus: use -o FILE, -o - or --in-place");
    }
    if matches!(args.format, Format::Json) {
        bail!("--format json summarises files and directories of pages, not --jsonl corpora");
    }
    let target = if args.in_place {
        if input == Path::new("-") {
            bail!("--in-place cannot write back to standard input");
        }
        Some(input.to_owned())
    } else {
        args.output.clone().filter(|o| o != Path::new("-"))
    };
    if !args.in_place {
        pipeline::refuse_overwrite([input], target.as_deref())
            .map_err(|e| in_place_hint(e, false))?;
    } else if args.backup {
        pipeline::refuse_overwrite([input], [backup_path(input).as_path()])?;
    }
    let mut out = Sink::open(target.as_deref())?.sanitized();
    let mode = cli::jsonl::Mode::Fix {
        keep_original: args.keep_original,
    };
    // The backup is made of the bytes read, as they are read.
    let mut backup = if args.in_place && args.backup {
        Some(
            redline::safe_write::Backup::create(input)
                .map_err(|e| anyhow::anyhow!("cannot write a backup of {}: {e}", display(input)))?,
        )
    } else {
        None
    };
    let outcome = jsonl_run(&args.common, input, mode, opts)
        .execute(&mut out, backup.as_mut().map(|b| b as &mut dyn Write))?;
    if outcome.closed {
        // Only standard output closes: nothing else is left to write.
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(hint) = outcome.wrong_field(&args.common.jsonl.field) {
        if target.is_some() {
            bail!("{hint}; nothing was written");
        }
        bail!(hint);
    }
    if outcome.stopped {
        // A file target is dropped with its temporary file; the input is untouched.
        if target.is_some() {
            bail!("stopped at a bad line (--on-error fail); nothing was written");
        }
        bail!("stopped at a bad line (--on-error fail); the lines before it were written");
    }
    if let Some(b) = backup {
        b.finish().map_err(|e| {
            anyhow::anyhow!(
                "cannot write a backup of {} ({e}); the file was left as it is",
                display(input)
            )
        })?;
    }
    out.finish(args.in_place.then_some(input))
        .with_context(|| match &target {
            Some(t) => format!("cannot write {}", display(t)),
            None => "cannot write standard output".into(),
        })?;
    print_summary(&outcome.summary, outcome.bad_lines);
    Ok(ExitCode::SUCCESS)
}

/// `fix` is the one command that can write over its input, and says how when it was not asked.
fn in_place_hint(e: pipeline::Overwrite, in_place: bool) -> anyhow::Error {
    if in_place {
        e.into()
    } else {
        anyhow::anyhow!("{e}, or use --in-place to overwrite it")
    }
}

/// Where `p` goes under `--out-dir`: its path below the directory argument it was found in,
/// so a mirrored site keeps its tree; a file named on the command line keeps its name.
fn out_path(p: &Path, roots: &[PathBuf]) -> PathBuf {
    roots
        .iter()
        .filter(|r| r.is_dir())
        .find_map(|r| {
            p.strip_prefix(r)
                .ok()
                .filter(|rel| rel.file_name().is_some())
        })
        .map_or_else(|| out_name(p), Path::to_path_buf)
}

fn out_name(p: &Path) -> PathBuf {
    if p == Path::new("-") {
        PathBuf::from("stdin.txt")
    } else {
        p.file_name()
            .map_or_else(|| PathBuf::from("out.txt"), PathBuf::from)
    }
}

fn backup_path(p: &Path) -> PathBuf {
    let mut bak = p.as_os_str().to_owned();
    bak.push(".bak");
    PathBuf::from(bak)
}

/// The file `fix` writes for input `path` (`None`: standard output or a diff), and for
/// `--in-place --backup` the backup, which must not be an input either.
fn fix_target(args: &FixArgs, path: &Path) -> Option<PathBuf> {
    if args.diff {
        return None;
    }
    if let Some(out) = &args.output {
        return (out != Path::new("-")).then(|| out.clone());
    }
    if let Some(dir) = &args.out_dir {
        return Some(dir.join(out_path(path, &args.common.paths)));
    }
    args.backup.then(|| backup_path(path))
}

/// What fixing one file gives the run: its totals, what goes to standard output (a diff, or
/// the text for `-o -`), which the caller prints in input order, and any warning.
struct Fixed {
    summary: redline::corpus::Summary,
    stdout: Vec<u8>,
    warning: Option<redline::DecodeWarning>,
}

/// Fix one file.
fn fix_one(args: &FixArgs, opts: &ScanOptions, path: &Path) -> Result<Fixed> {
    let loaded = load_input(path, &args.common)?;
    let (read, decoded) = (&loaded.read, &loaded.decoded);
    let mut a = Analysis::new(decoded.text.clone(), loaded.html, opts)?;
    a.leave_invalid_bytes_alone(decoded);
    // Fixes are applied until the text settles, so `fix` on its own output changes nothing.
    let fixed = a.settled(opts)?;
    let mut summary = redline::corpus::Summary::default();
    summary.add(&a.doc.text, &a.findings);
    // Findings about the page around the article count too.
    summary.with_findings += usize::from(a.findings.is_empty() && a.found());
    if !a.page_findings.is_empty() {
        *summary.by_kind.entry(redline::Kind::Spam).or_default() += a.page_findings.len();
    }
    summary.site.add(&path.display().to_string(), &a.report());
    let mut done = Fixed {
        summary,
        stdout: Vec::new(),
        warning: decoded.warning(),
    };
    if args.diff {
        let name = display(path);
        let diff = export::unified_diff(
            a.original(),
            &fixed,
            &format!("a/{name}"),
            &format!("b/{name}"),
        );
        done.stdout = diff.into_bytes();
        return Ok(done);
    }
    let bytes = loaded.encode(&fixed)?;
    let target = if let Some(out) = &args.output {
        if out == Path::new("-") {
            done.stdout = bytes;
            return Ok(done);
        }
        out.clone()
    } else if let Some(dir) = &args.out_dir {
        let target = dir.join(out_path(path, &args.common.paths));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", display(parent)))?;
        }
        target
    } else {
        if bytes == *read {
            // Nothing to change: the file, its times and its backups are left alone.
            return Ok(done);
        }
        if args.backup {
            // From the bytes read, not the file as it is now.
            redline::safe_write::backup(path, read).map_err(|e| {
                anyhow::anyhow!("cannot write a backup ({e}); the file was left as it is")
            })?;
        }
        path.to_owned()
    };
    write_atomic(&target, &bytes, args.in_place.then_some(path))?;
    Ok(done)
}

fn write_atomic(target: &Path, bytes: &[u8], keep_permissions_of: Option<&Path>) -> Result<()> {
    redline::safe_write::write_atomic(target, bytes, keep_permissions_of)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", display(target)))
}

fn run_terms(args: TermsArgs) -> Result<ExitCode> {
    let opts = options(&args.common)?;
    let mine = redline::terms::MineOptions {
        min_documents: args.min_documents.max(1),
        top: args.top,
        min_score: args.min_score,
        include_known: args.include_known,
        samples: args.samples.max(1),
        ..Default::default()
    };
    let mut failed = false;
    let mined = match &args.common.jsonl.jsonl {
        Some(input) => cli::terms::mine_jsonl(
            input,
            &redline::jsonl::FieldNames {
                text: args.common.jsonl.field.clone(),
                id: args.common.jsonl.id_field.clone(),
            },
            args.common.max_bytes,
            &opts.lexicon,
            &mine,
        )?,
        None => {
            let files = inputs(&args.common, &mut failed)?;
            cli::terms::mine_files(
                &files,
                args.common.input_format.into(),
                args.common.max_bytes,
                &opts.lexicon,
                &mine,
                load,
            )
        }
    };
    failed |= mined.failed;
    let mut out = Sink::Stdout(std::io::stdout().lock()).sanitized();
    match args.format {
        Format::Json => cli::terms::write_json(&mined, &mut out)?,
        Format::Text => cli::terms::write_text(&mined, args.samples, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}

/// The "text" of every line of these JSONL files.
fn read_texts(files: &[PathBuf]) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for f in files {
        let data =
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", display(f)))?;
        for (i, line) in data
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not JSON", display(f), i + 1))?;
            let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
                anyhow::bail!("{}:{}: no \"text\" string", display(f), i + 1);
            };
            texts.push(t.to_owned());
        }
    }
    Ok(texts)
}

/// `redline eval --fit-calibration`: fit on the training seeds and the real clean files,
/// print the calibration file.
fn fit_calibration(
    args: &EvalArgs,
    clean: &[(String, String)],
    files: &[PathBuf],
) -> Result<ExitCode> {
    use redline::detect::calibrate;
    let seeds = 1000..1000 + args.train_seeds;
    if seeds.contains(&args.seed) {
        anyhow::bail!(
            "the held-out seed {} is among the training seeds {}..{}",
            args.seed,
            seeds.start,
            seeds.end
        );
    }
    let mut samples = redline::eval::calibration_samples(clean, args.variants, seeds.clone());
    let generated = samples.len();
    let real = read_texts(files)?;
    samples.extend(redline::eval::real_samples(&real));
    let c = calibrate::fit(&samples, args.keep_threshold);
    let count = |fam| samples.iter().filter(|s| s.family == fam).count();
    let right = |fam| {
        samples
            .iter()
            .filter(|s| s.family == fam && s.right)
            .count()
    };
    use redline::detect::Family;
    let header = format!(
        "Fitted by `redline eval --fit-calibration` (isotonic regression per rule family):\n\
         {generated} findings on generated cases (seeds {}..{}, {} variants, {} clean articles)\n\
         and {} findings on {} clean real articles, all wrong.\n\
         spam {}/{} right, duplicate {}/{}, other {}/{}. keep_threshold: the map keeps\n\
         each score on its side of the default threshold.",
        seeds.start,
        seeds.end,
        args.variants,
        clean.len(),
        samples.len() - generated,
        real.len(),
        right(Family::Spam),
        count(Family::Spam),
        right(Family::Duplicate),
        count(Family::Duplicate),
        right(Family::Other),
        count(Family::Other),
    );
    let text = c.to_toml(&header);
    let mut out = std::io::stdout().lock();
    if stdout_is_terminal() {
        out.write_all(sanitize::text(&text).as_bytes())?;
    } else {
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_eval(args: EvalArgs) -> Result<ExitCode> {
    let mut clean = Vec::new();
    for dir in &args.dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", display(dir)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f)
                .with_context(|| format!("cannot read {}", display(&f)))?;
            clean.push((display(&f), text));
        }
    }
    if let Some(files) = &args.fit_calibration {
        return fit_calibration(&args, &clean, files);
    }
    if let Some(dir) = &args.write_damaged {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", display(dir)))?;
    }
    let mut write_error = None;
    let report = redline::eval::evaluate_with(
        &clean,
        args.variants,
        args.seed,
        args.min_confidence,
        |name, d| {
            if let Some(dir) = &args.write_damaged {
                let file = name
                    .rsplit('/')
                    .next()
                    .unwrap_or(name)
                    .replace(".txt#", "-")
                    + ".txt";
                if let Err(e) = std::fs::write(dir.join(file), &d.text) {
                    write_error.get_or_insert(e);
                }
            }
        },
    );
    if let Some(e) = write_error {
        return Err(e).context("cannot write damaged variants");
    }
    let mut report = report;
    redline::eval::add_real(&mut report, &read_texts(&args.real)?);
    let report = report.render(args.verbose);
    let mut out = std::io::stdout().lock();
    if stdout_is_terminal() {
        out.write_all(sanitize::text(&report).as_bytes())?;
    } else {
        out.write_all(report.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
