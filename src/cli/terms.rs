//! `redline terms`: mine a corpus (files, directories or a JSON Lines corpus) for candidate
//! spam terms, documents read in parallel batches and added in input order, so the ranking
//! is the same on one core or many.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use redline::Lexicon;
use redline::export::sanitize;
use redline::jsonl::{FieldNames, LineRead, LineReader, Record};
use redline::terms::{Candidate, DocTerms, MineOptions, TermMiner, extract};

use super::progress;
use redline::pipeline::{InputFormat, is_html};

/// The documents of a run, by index: a file name, or `corpus.jsonl#17`.
pub struct Names(Vec<String>);

impl Names {
    fn get(&self, i: usize) -> &str {
        self.0.get(i).map_or("?", String::as_str)
    }
}

pub struct Mined {
    pub candidates: Vec<Candidate>,
    pub names: Names,
    pub documents: usize,
    pub failed: bool,
}

const BATCH: usize = 256;

/// Mine files (HTML pages by their extracted article).
pub fn mine_files(
    files: &[PathBuf],
    format: InputFormat,
    max_bytes: usize,
    lexicon: &Lexicon,
    options: &MineOptions,
    load: impl Fn(&Path, usize) -> Result<redline::Decoded> + Sync,
) -> Mined {
    let bar = progress::documents(files.len());
    let mut miner = TermMiner::new();
    let mut names = Vec::with_capacity(files.len());
    let mut failed = false;
    for batch in files.chunks(BATCH) {
        let results: Vec<Result<DocTerms>> = batch
            .par_iter()
            .map(|p| {
                let decoded = load(p, max_bytes)?;
                let text = if is_html(p, format, &decoded.text) {
                    redline::html::extract_with(&decoded.text, lexicon)?.text
                } else {
                    decoded.text
                };
                Ok(extract(&text, lexicon))
            })
            .collect();
        for (path, r) in batch.iter().zip(results) {
            match r {
                Ok(terms) => {
                    miner.add(names.len(), terms);
                    names.push(redline::sanitize::path(path));
                }
                Err(e) => {
                    failed = true;
                    progress::eprint_above(
                        &bar,
                        &format!("redline: {}: {e:#}", redline::sanitize::path(path)),
                    );
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(batch.len() as u64);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let documents = miner.documents();
    Mined {
        candidates: miner.finish(options),
        names: Names(names),
        documents,
        failed,
    }
}

/// Mine a JSON Lines corpus as a stream; lines that are not documents are reported and
/// skipped.
pub fn mine_jsonl(
    input: &Path,
    fields: &FieldNames,
    max_bytes: usize,
    lexicon: &Lexicon,
    options: &MineOptions,
) -> Result<Mined> {
    let source = if input == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        redline::sanitize::path(input)
    };
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(input).with_context(|| format!("cannot open {source}"))?;
        Box::new(std::io::BufReader::with_capacity(1 << 20, f))
    };
    let bar = progress::bytes(input);
    let mut lines = LineReader::new(reader, max_bytes);
    let mut miner = TermMiner::new();
    let mut names = Vec::new();
    let mut failed = false;
    let mut buf = Vec::new();
    loop {
        let mut batch: Vec<(u64, Vec<u8>)> = Vec::with_capacity(BATCH);
        let mut bytes = 0u64;
        while batch.len() < BATCH {
            match lines.next_line(&mut buf)? {
                None => break,
                Some(LineRead::TooLong) => {
                    failed = true;
                    progress::eprint_above(
                        &bar,
                        &format!(
                            "redline: {source}:{}: longer than the line limit of {max_bytes} bytes",
                            lines.line_number()
                        ),
                    );
                    bytes += lines.skip_rest()? + buf.len() as u64;
                }
                Some(LineRead::Complete) => {
                    bytes += buf.len() as u64 + 1;
                    if !buf.iter().all(u8::is_ascii_whitespace) {
                        batch.push((lines.line_number(), std::mem::take(&mut buf)));
                    }
                }
            }
        }
        if batch.is_empty() && bytes == 0 {
            break;
        }
        let results: Vec<Result<DocTerms, redline::jsonl::LineError>> = batch
            .par_iter()
            .map(|(_, line)| Record::parse(line, fields).map(|r| extract(&r.text, lexicon)))
            .collect();
        for ((number, _), r) in batch.iter().zip(results) {
            match r {
                Ok(terms) => {
                    miner.add(names.len(), terms);
                    names.push(format!("{source}#{number}"));
                }
                Err(e) => {
                    failed = true;
                    progress::eprint_above(&bar, &format!("redline: {source}:{number}: {e}"));
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(bytes);
            b.set_message(format!("{} documents", names.len()));
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let documents = miner.documents();
    Ok(Mined {
        candidates: miner.finish(options),
        names: Names(names),
        documents,
        failed,
    })
}

/// One JSON object a candidate, samples named by document.
pub fn write_json(m: &Mined, out: &mut dyn Write) -> Result<()> {
    for (rank, c) in m.candidates.iter().enumerate() {
        let samples: Vec<serde_json::Value> = c
            .samples
            .iter()
            .map(|s| {
                serde_json::json!({
                    "source": m.names.get(s.doc),
                    "context": s.context,
                    "byte_start": s.range.start,
                    "byte_end": s.range.end,
                })
            })
            .collect();
        let record = serde_json::json!({
            "rank": rank + 1,
            "term": c.term,
            "key": c.key,
            "score": c.score,
            "count": c.count,
            "documents": c.documents,
            "contexts": c.contexts,
            "elsewhere": c.elsewhere,
            "variety": c.variety,
            "positions": c.positions,
            "known": c.known,
            "samples": samples,
        });
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A ranked table with a few example contexts under each candidate.
pub fn write_text(m: &Mined, samples: usize, out: &mut dyn Write) -> Result<()> {
    if m.candidates.is_empty() {
        writeln!(
            out,
            "no candidates in {} documents (try a lower --min-documents or --min-score)",
            m.documents
        )?;
        return Ok(());
    }
    writeln!(out, "rank  score  docs  count  where                 term")?;
    for (rank, c) in m.candidates.iter().enumerate() {
        let known = c
            .known
            .map(|k| {
                format!(
                    "  (listed: {})",
                    serde_json::to_string(&k)
                        .unwrap_or_default()
                        .trim_matches('"')
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{:>4}  {:>5.2}  {:>4}  {:>5}  {:<20}  {}{known}",
            rank + 1,
            c.score,
            c.documents,
            c.count,
            c.positions.describe(),
            sanitize(&c.term)
        )?;
        for s in c.samples.iter().take(samples) {
            writeln!(
                out,
                "        {}: {}",
                m.names.get(s.doc),
                sanitize(&s.context)
            )?;
        }
    }
    Ok(())
}
