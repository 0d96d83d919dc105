//! The `redline` command line: `scan` and `fix` over files or standard input.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use redline::export;
use redline::lexicon::LexiconBuilder;
use redline::{DEFAULT_MIN_CONFIDENCE, Decoded, ScanOptions, decode};

mod cli;
use cli::input::{Analysis, InputFormat, is_html};
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
                  titles, doubled phrases, sentences pasted twice), and proposes a fix for each.",
    after_help = "Examples:\n  redline article.txt                 # review it in the terminal UI\n  redline corpus/                     # pick articles from a list\n  redline scan article.txt\n  redline scan --format json corpus/*.txt > findings.jsonl\n  redline fix article.txt -o article.clean.txt\n  redline fix --diff article.txt\n  cat article.txt | redline fix - -o -"
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
    /// Articles or directories of `.txt` articles.
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
        after_help = "Exit status: 0 when nothing was found, 1 when something was found, 2 on an error.\n\n\
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
    #[command(
        after_help = "Add the good ones to your deny list (redline --help shows where it lives), then scan or fix.\n\n\
Examples:\n  redline terms corpus/\n  redline terms --jsonl pages.jsonl --field body --format json | jq -r .term\n  redline terms corpus/ --min-documents 5 --top 20 --include-known"
    )]
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
    #[arg(long, value_name = "PATTERN", default_values = ["*.txt", "*.html", "*.htm"])]
    glob: Vec<String>,
    /// How to read each input: `auto` takes `.html`/`.htm` files (and standard input that
    /// starts with `<!doctype html` or `<html`) as HTML pages, everything else as text.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Largest document read: bigger files and longer JSONL lines are reported, not read.
    /// Accepts K, M and G suffixes.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_bytes: usize,
    #[command(flatten)]
    jsonl: JsonlArgs,
    #[command(flatten)]
    detection: Detection,
}

/// A JSON Lines corpus instead of files: one document a line.
#[derive(Args)]
#[command(next_help_heading = "JSON Lines")]
struct JsonlArgs {
    /// Read documents from this JSON Lines file (`-` for standard input), one object a line.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    jsonl: Option<PathBuf>,
    /// The field holding the text.
    #[arg(long, value_name = "NAME", default_value = "text", requires = "jsonl")]
    field: String,
    /// The field holding the document id, copied into scan results.
    #[arg(long, value_name = "NAME", default_value = "id", requires = "jsonl")]
    id_field: String,
    /// A line that is not a document (bad JSON, missing field, invalid UTF-8, too long).
    #[arg(long, value_enum, default_value_t = OnError::Pass, requires = "jsonl")]
    on_error: OnError,
}

/// Threshold and term lists, shared by every command that scans.
#[derive(Args, Clone)]
struct Detection {
    /// Only findings with at least this confidence (0 to 1).
    #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_CONFIDENCE, value_parser = parse_confidence)]
    min_confidence: f32,
    /// An extra deny list (one term a line, `#` comments): always spam. Repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// An extra allow list: never spam. Repeatable.
    #[arg(long, value_name = "FILE")]
    allow: Vec<PathBuf>,
    /// Ignore deny.txt and allow.txt in the config directory.
    #[arg(long)]
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
}

#[derive(Args)]
struct TermsArgs {
    #[command(flatten)]
    common: Common,
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
    #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_CONFIDENCE, value_parser = parse_confidence)]
    min_confidence: f32,
    /// Print every miss and false alarm.
    #[arg(long)]
    verbose: bool,
    /// Also write every damaged variant into this directory, to inspect or replay.
    #[arg(long, value_name = "DIR")]
    write_damaged: Option<PathBuf>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        Err(e) => {
            eprintln!("redline: {e:#}");
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
    })
}

fn run_review(args: ReviewArgs) -> Result<ExitCode> {
    let scan_opts = lexicon_options(&args.detection)?;
    if !std::io::stdout().is_terminal() {
        bail!("the review UI needs a terminal; use `redline scan` or `redline fix` in scripts");
    }
    if args.output.is_some() && redline::tui::terminal::collect_paths(&args.paths).len() > 1 {
        bail!("-o takes one article; use --out-dir DIR for several");
    }
    let opts = redline::tui::terminal::Options {
        paths: args.paths,
        output: args.output,
        out_dir: args.out_dir,
        report: args.report,
        diff: args.diff,
        min_confidence: args.detection.min_confidence,
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
    let errors =
        redline::tui::terminal::run(opts, scan_opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    for e in &errors {
        eprintln!("redline: {e}");
    }
    Ok(ExitCode::from(if errors.is_empty() { 0 } else { 2 }))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Read and decode one document, refusing anything over `max` bytes before reading it.
fn load(path: &Path, max: usize) -> Result<Decoded> {
    Ok(decode(&read_bytes(path, max)?)?)
}

/// A document read for `scan` or `fix`: a page is decoded as browsers decode it, and
/// written back in its own encoding.
struct Loaded {
    decoded: Decoded,
    html: bool,
    page: Option<redline::html::PageText>,
}

impl Loaded {
    fn encode(&self, text: &str) -> Result<Vec<u8>> {
        Ok(match &self.page {
            Some(p) => p.encode(text)?,
            None => self.decoded.encode_output(text),
        })
    }
}

fn load_input(path: &Path, common: &Common) -> Result<Loaded> {
    let bytes = read_bytes(path, common.max_bytes)?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    if !is_html(path, common.input_format, &head) {
        return Ok(Loaded {
            decoded: decode(&bytes)?,
            html: false,
            page: None,
        });
    }
    let page = redline::html::decode_page(&bytes)?;
    if let Some(note) = &page.note {
        eprintln!("redline: {}: {}", display(path), export::sanitize(note));
    }
    Ok(Loaded {
        decoded: page.decoded.clone(),
        html: true,
        page: Some(page),
    })
}

fn read_bytes(path: &Path, max: usize) -> Result<Vec<u8>> {
    let too_big = |n: u64| {
        anyhow::anyhow!(
            "{} is larger than the --max-bytes limit of {}; raise it to read this document",
            human_size(n),
            human_size(max as u64)
        )
    };
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        if buf.len() > max {
            return Err(too_big(buf.len() as u64)).context("standard input");
        }
        buf
    } else {
        let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
        if meta.is_dir() {
            bail!("is a directory");
        }
        if meta.len() > max as u64 {
            return Err(too_big(meta.len()));
        }
        let mut buf = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(max as u64 + 1).read_to_end(&mut buf))
            .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
        if buf.len() > max {
            return Err(too_big(buf.len() as u64));
        }
        buf
    };
    Ok(bytes)
}

fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn report_error(path: &Path, e: &anyhow::Error) {
    eprintln!("redline: {}: {e:#}", display(path));
}

/// Documents are processed in parallel a batch at a time and reported in input order, so
/// output is deterministic and memory stays bounded.
const BATCH: usize = 64;

/// The inputs of a run: files as given, directories expanded. Unreadable directories are
/// reported and count as errors.
fn inputs(common: &Common, failed: &mut bool) -> Result<Vec<PathBuf>> {
    let names = redline::corpus::globs(&common.glob).context("bad --glob pattern")?;
    let mut errors = Vec::new();
    let files = redline::corpus::expand(&common.paths, &names, &mut errors);
    for (p, e) in errors {
        eprintln!("redline: {}: {e}", display(&p));
        *failed = true;
    }
    Ok(files)
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
}

fn scan_one(path: &Path, opts: &ScanOptions, args: &ScanArgs, color: bool) -> Result<Scanned> {
    let Loaded { decoded, html, .. } = load_input(path, &args.common)?;
    let a = Analysis::new(
        decoded.text,
        html,
        opts,
        args.common.detection.min_confidence,
    )?;
    let source = display(path);
    let mut out = Vec::new();
    match args.format {
        Format::Json => {
            serde_json::to_writer(&mut out, &a.json(&source, decoded.encoding))?;
            out.push(b'\n');
        }
        Format::Text => {
            for line in a.text_lines(&source, color) {
                writeln!(out, "{line}")?;
            }
        }
    }
    let mut summary = redline::corpus::Summary::default();
    summary.add(&a.doc.text, &a.findings);
    Ok(Scanned {
        out,
        found: a.found(),
        summary,
    })
}

/// Where a report or a corpus goes: standard output, or a file that appears only once the
/// whole run has been written.
enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    File(redline::safe_write::AtomicFile),
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

    fn finish(self, keep_permissions_of: Option<&Path>) -> Result<()> {
        match self {
            Sink::Stdout(mut s) => Ok(s.flush()?),
            Sink::File(f) => Ok(f.commit(keep_permissions_of)?),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File(f) => f.flush(),
        }
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
        min_confidence: common.detection.min_confidence,
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

fn run_scan(args: ScanArgs) -> Result<ExitCode> {
    use rayon::prelude::*;
    let opts = options(&args.common)?;
    let mut out = Sink::open(args.output.as_deref())?;
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            out.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if let Some(input) = &args.common.jsonl.jsonl {
        let json = matches!(args.format, Format::Json);
        let run = jsonl_run(
            &args.common,
            input,
            cli::jsonl::Mode::Scan { json, color },
            &opts,
        );
        let outcome = run.execute(&mut out)?;
        out.finish(None)?;
        print_summary(&outcome.summary, outcome.bad_lines);
        return Ok(scan_status(&args, outcome.found, outcome.stopped));
    }
    let (mut found, mut failed) = (false, false);
    let files = inputs(&args.common, &mut failed)?;
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
            found |= s.found;
            summary.merge(s.summary);
            if let Err(e) = out.write_all(&s.out) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(scan_status(&args, found, failed));
                }
                return Err(e.into());
            }
        }
        tick(&bar, done, summary.bytes);
    }
    out.finish(None)?;
    if let Some(b) = bar {
        b.finish_and_clear();
        eprintln!("redline: {}", summary.render());
    }
    Ok(scan_status(&args, found, failed))
}

fn run_fix(args: FixArgs) -> Result<ExitCode> {
    use rayon::prelude::*;
    let opts = options(&args.common)?;
    if let Some(input) = &args.common.jsonl.jsonl {
        return fix_jsonl(&args, input, &opts);
    }
    let mut failed = false;
    let files = inputs(&args.common, &mut failed)?;
    let paths = &files;
    if let Some(out) = &args.output {
        if paths.len() > 1 {
            bail!(
                "-o takes one input; use --out-dir DIR for {} inputs",
                paths.len()
            );
        }
        if out != Path::new("-") && same_file(out, &paths[0]) {
            bail!(
                "-o {} is the input itself; use --in-place to overwrite it",
                display(out)
            );
        }
    }
    if args.in_place && paths.iter().any(|p| p == Path::new("-")) {
        bail!("--in-place cannot write back to standard input");
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", display(dir)))?;
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
    let bar = cli::progress::documents(paths.len());
    let mut out = std::io::stdout().lock();
    let mut done = 0;
    let mut summary = redline::corpus::Summary::default();
    for batch in paths.chunks(BATCH) {
        let results: Vec<Result<(redline::corpus::Summary, Vec<u8>)>> =
            batch.par_iter().map(|p| fix_one(&args, &opts, p)).collect();
        for (path, r) in batch.iter().zip(results) {
            done += 1;
            match r {
                Ok((s, stdout)) => {
                    summary.merge(s);
                    out.write_all(&stdout)?;
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
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}

/// `fix --jsonl`: the corpus streamed to `-o` (atomically for a file) or back over the input
/// with `--in-place`.
fn fix_jsonl(args: &FixArgs, input: &Path, opts: &ScanOptions) -> Result<ExitCode> {
    if args.out_dir.is_some() || args.diff {
        bail!("--jsonl writes one corpus: use -o FILE, -o - or --in-place");
    }
    let target = if args.in_place {
        if input == Path::new("-") {
            bail!("--in-place cannot write back to standard input");
        }
        Some(input.to_owned())
    } else {
        args.output.clone().filter(|o| o != Path::new("-"))
    };
    if let Some(t) = &target
        && !args.in_place
        && same_file(t, input)
    {
        bail!(
            "-o {} is the input itself; use --in-place to overwrite it",
            display(t)
        );
    }
    let mut out = Sink::open(target.as_deref())?;
    let mode = cli::jsonl::Mode::Fix {
        keep_original: args.keep_original,
    };
    let outcome = jsonl_run(&args.common, input, mode, opts).execute(&mut out)?;
    if outcome.stopped {
        // A file target is dropped with its temporary file; the input is untouched.
        if target.is_some() {
            bail!("stopped at a bad line (--on-error fail); nothing was written");
        }
        bail!("stopped at a bad line (--on-error fail); the lines before it were written");
    }
    if args.in_place && args.backup {
        let mut bak = input.as_os_str().to_owned();
        bak.push(".bak");
        std::fs::copy(input, &bak)
            .with_context(|| format!("cannot write backup {}", bak.to_string_lossy()))?;
    }
    out.finish(args.in_place.then_some(input))?;
    print_summary(&outcome.summary, outcome.bad_lines);
    Ok(ExitCode::SUCCESS)
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

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Fix one file. Returns the bytes read and what goes to standard output (a diff, or the
/// text for `-o -`), which the caller prints in input order.
fn fix_one(
    args: &FixArgs,
    opts: &ScanOptions,
    path: &Path,
) -> Result<(redline::corpus::Summary, Vec<u8>)> {
    let loaded = load_input(path, &args.common)?;
    let (decoded, html) = (&loaded.decoded, loaded.html);
    let a = Analysis::new(
        decoded.text.clone(),
        html,
        opts,
        args.common.detection.min_confidence,
    )?;
    let fixed = a.fixed()?;
    let mut summary = redline::corpus::Summary::default();
    summary.add(&a.doc.text, &a.findings);
    if args.diff {
        let name = display(path);
        let diff = export::unified_diff(
            a.original(),
            &fixed,
            &format!("a/{name}"),
            &format!("b/{name}"),
        );
        return Ok((summary, diff.into_bytes()));
    }
    let bytes = loaded.encode(&fixed)?;
    let target = if let Some(out) = &args.output {
        if out == Path::new("-") {
            return Ok((summary, bytes));
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
        if args.backup {
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            std::fs::copy(path, &bak)
                .with_context(|| format!("cannot write backup {}", bak.to_string_lossy()))?;
        }
        path.to_owned()
    };
    write_atomic(&target, &bytes, args.in_place.then_some(path))?;
    Ok((summary, Vec::new()))
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
                args.common.input_format,
                args.common.max_bytes,
                &opts.lexicon,
                &mine,
                load,
            )
        }
    };
    failed |= mined.failed;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => cli::terms::write_json(&mined, &mut out)?,
        Format::Text => cli::terms::write_text(&mined, args.samples, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
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
    print!("{}", report.render(args.verbose));
    Ok(ExitCode::SUCCESS)
}
