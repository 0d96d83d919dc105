//! `scan --jsonl` and `fix --jsonl`: a corpus streamed line by line, processed a batch at a
//! time on every core, written in input order. Memory is bounded by the batch, never by the
//! length of the file, so the same code serves a laptop file and a Hadoop-streaming mapper.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{Context, Result};
use clap::ValueEnum;
use rayon::prelude::*;

use redline::ScanOptions;
use redline::corpus::Summary;
use redline::export::{self, to_json};
use redline::jsonl::{FieldNames, LineError, LineRead, LineReader, Record, ScanLineJson};
use redline::pipeline::{self, Analysis};

use super::progress;

/// What to do with a line that is not a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Report it and write it out unchanged (`fix`) or as an error record (`scan --format json`).
    Pass,
    /// Report it and leave it out of the output.
    Skip,
    /// Report it and stop with exit status 2.
    Fail,
}

pub enum Mode {
    Scan { json: bool, color: bool },
    Fix { keep_original: bool },
}

pub struct Run<'a> {
    pub input: &'a Path,
    pub names: FieldNames,
    pub on_error: OnError,
    pub max_bytes: usize,
    pub mode: Mode,
    pub options: &'a ScanOptions,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub found: bool,
    pub bad_lines: u64,
    /// Stopped at a bad line under `--on-error fail`.
    pub stopped: bool,
    pub summary: Summary,
    /// Lines that are objects without the text field, and the fields they have.
    pub missing_field: u64,
    pub fields_seen: std::collections::BTreeSet<String>,
    /// The reader of the output went away (`| head`): a normal, early end.
    pub closed: bool,
}

impl Outcome {
    /// When no line at all has the text field, the field name is most likely wrong: a hint
    /// naming the fields the lines do have.
    pub fn wrong_field(&self, field: &str) -> Option<String> {
        (self.summary.documents == 0 && self.missing_field > 0).then(|| {
            let seen: Vec<&str> = self.fields_seen.iter().map(String::as_str).collect();
            format!(
                "no line has a \"{field}\" field; the lines have: {}. Choose one with --field NAME",
                seen.join(", ")
            )
        })
    }
}

/// Lines handed to the workers at once; bounded in count and bytes.
const BATCH_LINES: usize = 512;
const BATCH_BYTES: usize = 32 << 20;

struct Line {
    number: u64,
    bytes: Vec<u8>,
    /// `\n`, `\r\n` or nothing: written back as it was.
    ending: &'static [u8],
}

/// A reader that copies every byte it reads to `copy`: the backup of a corpus rewritten in
/// place is made of the bytes that were read, not of the file as it is later.
struct Tee<'a, R> {
    inner: R,
    copy: &'a mut dyn Write,
}

impl<R: std::io::Read> std::io::Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.copy.write_all(&buf[..n])?;
        Ok(n)
    }
}

enum Processed {
    Document {
        out: Vec<u8>,
        summary: Summary,
        found: bool,
    },
    Blank,
    Bad(LineError),
}

impl Run<'_> {
    fn source(&self) -> String {
        if self.input == Path::new("-") {
            "<stdin>".into()
        } else {
            redline::sanitize::path(self.input)
        }
    }

    /// Run over the corpus, writing to `out`; with `copy_input`, every byte read from the
    /// input file is copied there too (for a backup). A reader that closes the pipe ends the
    /// run early, with what was written so far ([`Outcome::closed`]).
    pub fn execute(
        &self,
        out: &mut dyn Write,
        copy_input: Option<&mut dyn Write>,
    ) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        match self.execute_into(out, copy_input, &mut outcome) {
            Ok(()) => Ok(outcome),
            Err(e) if super::pipe::is_broken_pipe(&e) => {
                outcome.closed = true;
                Ok(outcome)
            }
            Err(e) => Err(e),
        }
    }

    fn execute_into(
        &self,
        out: &mut dyn Write,
        copy_input: Option<&mut dyn Write>,
        outcome: &mut Outcome,
    ) -> Result<()> {
        let reader: Box<dyn BufRead + '_> = if self.input == Path::new("-") {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(self.input)
                .with_context(|| format!("cannot open {}", self.source()))?;
            match copy_input {
                Some(copy) => Box::new(std::io::BufReader::with_capacity(
                    1 << 20,
                    Tee { inner: f, copy },
                )),
                None => Box::new(std::io::BufReader::with_capacity(1 << 20, f)),
            }
        };
        let bar = progress::bytes(self.input);
        let mut lines = LineReader::new(reader, self.max_bytes);
        let source = self.source();
        let mut batch: Vec<Line> = Vec::new();
        loop {
            let mut batch_bytes = 0;
            let mut too_long = false;
            let mut buf = Vec::new();
            while batch.len() < BATCH_LINES && batch_bytes < BATCH_BYTES {
                match lines
                    .next_line(&mut buf)
                    .with_context(|| format!("cannot read {source}"))?
                {
                    None => break,
                    Some(kind) => {
                        batch_bytes += buf.len() + 1;
                        batch.push(Line {
                            number: lines.line_number(),
                            bytes: std::mem::take(&mut buf),
                            ending: lines.line_ending(),
                        });
                        if kind == LineRead::TooLong {
                            too_long = true;
                            break;
                        }
                    }
                }
            }
            if batch.is_empty() {
                break;
            }
            let long_line = if too_long { batch.pop() } else { None };
            let results: Vec<Processed> =
                batch.par_iter().map(|l| self.process(l, &source)).collect();
            for (line, processed) in batch.iter().zip(results) {
                match processed {
                    Processed::Document {
                        out: bytes,
                        summary,
                        found,
                    } => {
                        outcome.found |= found;
                        outcome.summary.merge(summary);
                        out.write_all(&bytes)?;
                    }
                    Processed::Blank => {
                        if matches!(self.mode, Mode::Fix { .. }) {
                            out.write_all(&line.bytes)?;
                            out.write_all(line.ending)?;
                        }
                    }
                    Processed::Bad(e) => {
                        if let LineError::MissingField { present, .. } = &e {
                            outcome.missing_field += 1;
                            for name in present {
                                if outcome.fields_seen.len() < 30 {
                                    outcome.fields_seen.insert(name.clone());
                                }
                            }
                        }
                        if self.bad_line(line, &e, &bar, outcome, out)? {
                            return Ok(());
                        }
                    }
                }
            }
            if let Some(b) = &bar {
                b.inc(batch_bytes as u64);
                b.set_message(format!("{} documents", outcome.summary.documents));
            }
            batch.clear();
            if let Some(line) = long_line {
                let e = LineError::TooLong(self.max_bytes);
                if self.bad_line(&line, &e, &bar, outcome, out)? {
                    return Ok(());
                }
                let rest =
                    if self.on_error == OnError::Pass && matches!(self.mode, Mode::Fix { .. }) {
                        let n = lines.copy_rest(out)?;
                        out.write_all(lines.line_ending())?;
                        n
                    } else {
                        lines.skip_rest()?
                    };
                if let Some(b) = &bar {
                    b.inc(rest);
                }
            }
        }
        out.flush()?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        Ok(())
    }

    /// Report a bad line and write what `--on-error` asks for. True when the run must stop.
    fn bad_line(
        &self,
        line: &Line,
        e: &LineError,
        bar: &Option<indicatif::ProgressBar>,
        outcome: &mut Outcome,
        out: &mut dyn Write,
    ) -> Result<bool> {
        outcome.bad_lines += 1;
        let (number, bytes) = (line.number, &line.bytes);
        let source = self.source();
        progress::eprint_above(bar, &format!("redline: {source}:{number}: {e}"));
        match (self.on_error, &self.mode) {
            (OnError::Fail, _) => {
                outcome.stopped = true;
                return Ok(true);
            }
            (OnError::Skip, _) | (OnError::Pass, Mode::Scan { json: false, .. }) => {}
            (OnError::Pass, Mode::Fix { .. }) => {
                out.write_all(bytes)?;
                // A too-long line's rest follows, then its newline.
                if !matches!(e, LineError::TooLong(_)) {
                    out.write_all(line.ending)?;
                }
            }
            (OnError::Pass, Mode::Scan { json: true, .. }) => {
                let record = ScanLineJson {
                    source: &source,
                    line: number,
                    id: None,
                    error: Some(e.to_string()),
                    findings: Vec::new(),
                };
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(false)
    }

    fn process(&self, line: &Line, source: &str) -> Processed {
        if line.bytes.iter().all(u8::is_ascii_whitespace) {
            return Processed::Blank;
        }
        let record = match Record::parse(&line.bytes, &self.names) {
            Ok(r) => r,
            Err(e) => return Processed::Bad(e),
        };
        match self.document(&record, line, source) {
            Ok(p) => p,
            Err(e) => Processed::Bad(LineError::Json(e.to_string())),
        }
    }

    fn document(&self, record: &Record, line: &Line, source: &str) -> Result<Processed> {
        let number = line.number;
        let a = Analysis::text(record.text.clone(), self.options);
        let (doc, findings) = (&a.doc, &a.findings);
        let mut summary = Summary::default();
        summary.add(&doc.text, findings);
        let mut out = Vec::new();
        match self.mode {
            Mode::Scan { json: true, .. } => {
                let record = ScanLineJson {
                    source,
                    line: number,
                    id: record.id(&self.names),
                    error: None,
                    findings: to_json(source, "UTF-8", doc, findings).findings,
                };
                serde_json::to_writer(&mut out, &record)?;
                out.push(b'\n');
            }
            Mode::Scan { json: false, color } => {
                let name = format!("{source}#{number}");
                for f in findings {
                    let line = export::text_line(&name, doc, f);
                    writeln!(out, "{}", super::style::paint(&line, color))?;
                }
            }
            Mode::Fix { keep_original } => {
                let applied = a.applied();
                if applied.is_empty() {
                    // Nothing changed: the line exactly as it was read.
                    out.extend_from_slice(&line.bytes);
                } else {
                    // Until the text settles, so `fix` on its own output changes nothing.
                    let fixed = a.settled(self.options)?;
                    let written = pipeline::corpus_line(
                        record,
                        &self.names,
                        &doc.text,
                        &applied,
                        &fixed,
                        keep_original,
                    )?;
                    out.extend_from_slice(written.as_bytes());
                }
                out.extend_from_slice(line.ending);
            }
        }
        Ok(Processed::Document {
            out,
            found: !findings.is_empty(),
            summary,
        })
    }
}
