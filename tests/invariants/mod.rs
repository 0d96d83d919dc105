//! The invariants of the three pipelines, shared by the proptests (`tests/fuzz_properties.rs`,
//! `tests/html.rs`) and the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, which include this
//! file by path). Every check panics on failure, so both harnesses report it.
#![allow(dead_code)]

use std::io::{self, BufReader};
use std::ops::Range;

use indexmap::IndexMap;
use redline::html::{self, HtmlArticle};
use redline::jsonl::{FieldNames, LineRead, LineReader, Record};
use redline::review::{ArticleReview, Decision, Edit, apply_edits, fix_text, map_range, resolve};
use redline::segment::{grapheme_ceil, grapheme_floor, is_grapheme_boundary};
use redline::{DEFAULT_MIN_CONFIDENCE, Document, Finding, LoadError, ScanOptions, decode, scan};
use serde_json::value::RawValue;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Building the built-in lexicon dominates a small scan: build it once.
fn options() -> &'static ScanOptions {
    static OPTIONS: std::sync::LazyLock<ScanOptions> =
        std::sync::LazyLock::new(ScanOptions::default);
    &OPTIONS
}

/// A cheap, stable seed from input bytes (FNV-1a), for the fuzz targets' choices.
pub fn seed_of(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn in_text(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

// ---------------------------------------------------------------------------------------
// 1. decode -> detect -> apply

/// Decode arbitrary bytes, then run the text pipeline on what came out.
pub fn decode_detect_apply(bytes: &[u8], seed: u64) {
    let decoded = decode(bytes);
    let body = bytes.strip_prefix(BOM);
    let utf16_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if body.is_none()
        && !utf16_bom
        && let Some(offset) = bytes.iter().position(|&b| b == 0)
    {
        assert_eq!(decoded, Err(LoadError::Binary { offset }));
        return;
    }
    let Ok(d) = decoded else {
        return;
    };
    if let Some(body) = body {
        // A UTF-8 BOM: the body is UTF-8, maybe with a few stray bytes kept aside, and the
        // whole input is written back byte for byte.
        if let Ok(s) = std::str::from_utf8(body) {
            assert_eq!(d.text, s);
            assert!(d.invalid.is_empty());
        }
        assert!(d.had_bom);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.encode_output(&d.text),
            Ok(bytes.to_vec()),
            "BOM input round-trips"
        );
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        // Valid UTF-8 is taken as is and written back byte for byte.
        assert_eq!(d.text, s);
        assert!(!d.had_bom);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.encode_output(&d.text),
            Ok(bytes.to_vec()),
            "UTF-8 input round-trips"
        );
    } else if d.encoding == "UTF-8" && !utf16_bom {
        // UTF-8 with a few stray bytes: they come back exactly as they were.
        assert!(!d.invalid.is_empty());
        assert_eq!(
            d.encode_output(&d.text),
            Ok(bytes.to_vec()),
            "stray bytes round-trip"
        );
    } else {
        assert_eq!(d.had_bom, utf16_bom);
        let out = d.encode_output(&d.text).expect("encodes");
        let out = if d.had_bom { &out[3..] } else { &out[..] };
        assert_eq!(out, d.text.as_bytes(), "output is always UTF-8");
    }
    text_pipeline(&d.text, seed);
}

/// Scan, resolve, apply, review, remap: everything after decoding.
pub fn text_pipeline(text: &str, seed: u64) {
    let doc = Document::new(text);
    check_document(&doc);
    let findings = scan(&doc, options());
    for w in findings.windows(2) {
        assert!(w[0].range.start <= w[1].range.start, "findings are sorted");
    }
    for f in &findings {
        check_finding(text, f);
    }
    let _ = redline::export::to_json("fuzz.txt", "UTF-8", &doc, &findings);

    // Everything, overlaps resolved: the edits apply, and the text grows by at most the
    // replacements.
    let all = resolve(&findings, 0..findings.len());
    let edits: Vec<Edit> = all.iter().map(|&i| Edit::from(&findings[i])).collect();
    let out = apply_edits(text, &edits).expect("resolved findings apply");
    let removed: usize = edits.iter().map(|e| e.range.len()).sum();
    let added: usize = edits.iter().map(|e| e.replacement.len()).sum();
    assert_eq!(out.len(), text.len() - removed + added);
    assert!(out.len() <= text.len() + added);
    assert_eq!(splice(text, &edits), out, "apply_edits is a plain splice");
    let fixed = fix_text(text, &findings, 0.0).expect("fix_text applies");
    assert_eq!(fixed, out);
    let fixed_default =
        fix_text(text, &findings, DEFAULT_MIN_CONFIDENCE).expect("fix_text applies");
    assert!(fixed_default.len() <= text.len() + added);

    // Accept everything in a review: the same text as `fix --min-confidence 0`.
    let mut review = ArticleReview::new(text.to_owned(), findings.clone());
    assert_eq!(review.output(), text, "nothing decided, nothing changed");
    assert_eq!(
        review.decide_all_pending(Decision::Accepted),
        findings.len()
    );
    assert_eq!(review.output(), fixed);
    assert_eq!(review.counts(), (0, findings.len(), 0));
    if !findings.is_empty() {
        assert!(review.undo());
        assert_eq!(review.output(), text, "undo restores the original output");
        assert_eq!(review.counts(), (findings.len(), 0, 0));
        assert!(review.redo());
        assert_eq!(review.output(), fixed);
        assert!(review.undo());
    }

    // A subset decided one by one matches fix over the same subset.
    let subset: Vec<usize> = (0..findings.len())
        .filter(|i| seed >> (i % 64) & 1 == 1)
        .collect();
    let mut review = ArticleReview::new(text.to_owned(), findings.clone());
    for &i in &subset {
        assert!(review.decide(i, Decision::Accepted));
    }
    for i in (0..findings.len()).filter(|i| !subset.contains(i)) {
        if seed.rotate_left(i as u32) & 2 == 2 {
            assert!(review.decide(i, Decision::Rejected));
        }
    }
    let chosen = resolve(&findings, subset.iter().copied());
    assert_eq!(review.applied(), chosen);
    let sub_edits: Vec<Edit> = chosen.iter().map(|&i| Edit::from(&findings[i])).collect();
    let sub_out = apply_edits(text, &sub_edits).expect("a resolved subset applies");
    assert_eq!(review.output(), sub_out);
    for _ in 0..subset.len() + findings.len() {
        review.undo();
    }
    assert_eq!(review.output(), text);
    assert_eq!(review.counts(), (findings.len(), 0, 0));

    // Remapping through any one applied edit: the same text, or stale.
    if let Some(e) = sub_edits.get((seed as usize >> 8) % sub_edits.len().max(1)) {
        let once = apply_edits(text, std::slice::from_ref(e)).expect("one edit applies");
        for f in &findings {
            if let Some(r) = map_range(&f.range, e) {
                assert_eq!(&once[r.clone()], &text[f.range.clone()], "{f:?} via {e:?}");
                let g = redline::review::remap_finding(f, e).expect("same as map_range");
                assert_eq!(g.range, r);
            }
        }
    }

    manual_edit(text, &findings, seed);
}

/// A manual edit in a review: pending findings keep their text or go stale, and undo
/// restores text and findings.
fn manual_edit(text: &str, findings: &[Finding], seed: u64) {
    const REPLACEMENTS: [&str; 5] = ["", "x", " ", "ข่าว", "a\nb"];
    let len = text.len() + 1;
    let (a, b) = ((seed >> 16) as usize % len, (seed >> 40) as usize % len);
    let start = grapheme_floor(text, a.min(b));
    let end = grapheme_ceil(text, a.max(b)).max(start);
    let edit = Edit {
        range: start..end,
        replacement: REPLACEMENTS[(seed >> 60) as usize % REPLACEMENTS.len()].to_owned(),
    };
    let mut review = ArticleReview::new(text.to_owned(), findings.to_vec());
    review.decide_all_pending(Decision::Accepted);
    let before = review.output();
    review
        .edit_text(edit.clone())
        .expect("a grapheme-aligned edit applies");
    assert_eq!(review.text, splice(text, std::slice::from_ref(&edit)));
    for item in review.items.iter().filter(|i| !i.stale) {
        assert!(in_text(&review.text, &item.finding.range));
        assert_eq!(&review.text[item.finding.range.clone()], item.finding_text);
    }
    // Every live accepted finding still applies: output() never falls back to the unfixed
    // text because one of them went off a cluster boundary.
    let live: Vec<Edit> = review
        .applied()
        .into_iter()
        .map(|i| Edit::from(&review.items[i].finding))
        .collect();
    let expect = apply_edits(&review.text, &live).expect("live findings apply after an edit");
    assert_eq!(review.output(), expect);
    assert!(review.undo());
    assert_eq!(review.text, text);
    assert_eq!(review.output(), before);
    assert!(review.items.iter().all(|i| !i.stale));
}

fn check_document(doc: &Document) {
    let t = &doc.text;
    let mut prev = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        assert!(in_text(t, p) && p.start >= prev && p.start < p.end, "{p:?}");
        prev = p.end;
        let c = doc.content(i);
        assert!(in_text(t, &c) && p.start <= c.start && c.end <= p.end);
        assert_eq!(doc.paragraph_at(p.start), Some(i));
    }
    if let Some(title) = &doc.title {
        assert!(in_text(t, title));
    }
    let _ = doc.line_col(t.len());
}

fn check_finding(text: &str, f: &Finding) {
    assert!(
        f.range.start < f.range.end && f.range.end <= text.len(),
        "{f:?} in {}",
        text.len()
    );
    assert!(is_grapheme_boundary(text, f.range.start), "{f:?}");
    assert!(is_grapheme_boundary(text, f.range.end), "{f:?}");
    assert!((0.0..=1.0).contains(&f.confidence), "{f:?}");
    assert!(!f.message.is_empty());
    for r in &f.related {
        assert!(in_text(text, r), "related {r:?} of {f:?}");
    }
}

fn splice(text: &str, edits: &[Edit]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

// ---------------------------------------------------------------------------------------
// 2. HTML

/// Extract, scan and write fixes back into a page.
pub fn html_pipeline(src: &str, cuts: &[(usize, usize)]) {
    let (a, findings) = html::scan_html(src, options()).expect("small pages extract");
    check_map(&a, src);
    assert_eq!(
        a.write_back(src, &a.text),
        src,
        "unchanged text, unchanged page"
    );
    assert_eq!(
        a.write_back_edits(src, &[]),
        src,
        "no edits, unchanged page"
    );
    for e in &a.elements {
        assert!(in_text(&a.text, &e.ext), "{e:?}");
        assert!(in_text(src, &e.src), "{e:?}");
    }
    for f in &findings {
        check_finding(&a.text, f);
        let s = a.to_source(f.range.clone());
        assert!(in_text(src, &s), "{f:?} -> {s:?}");
    }
    for w in findings.windows(2) {
        assert!(w[0].range.start <= w[1].range.start, "findings are sorted");
    }
    let doc = Document::new(a.text.clone());
    let _ = redline::export::to_json_html("fuzz.html", "UTF-8", src, &a, &doc, &findings);

    for min in [DEFAULT_MIN_CONFIDENCE, 0.0] {
        let chosen = resolve(
            &findings,
            (0..findings.len()).filter(|&i| findings[i].confidence >= min),
        );
        let edits: Vec<Edit> = chosen.iter().map(|&i| Edit::from(&findings[i])).collect();
        let fixed = apply_edits(&a.text, &edits).expect("resolved findings apply");
        assert_eq!(
            fix_text(&a.text, &findings, min).as_deref(),
            Ok(fixed.as_str())
        );
        let page = a.write_back_edits(src, &edits);
        let again = html::extract(&page).expect("a fixed page extracts");
        check_map(&again, &page);
        let page = a.write_back(src, &fixed);
        html::extract(&page).expect("a fixed page extracts");
    }

    // Arbitrary ranges map into the source on char boundaries; deleting them writes back.
    let len = a.text.len();
    for &(x, y) in cuts {
        let (x, y) = (x % (len + 1), y % (len + 1));
        let s = a.to_source(x.min(y)..x.max(y));
        assert!(in_text(src, &s), "{x}..{y} -> {s:?}");
        let t = &a.text;
        let (x, y) = (
            t.floor_char_boundary(x.min(y)),
            t.ceil_char_boundary(x.max(y)),
        );
        let edit = Edit {
            range: x..y,
            replacement: String::new(),
        };
        let page = a.write_back_edits(src, &[edit]);
        html::extract(&page).expect("extracts");
    }
}

/// Verbatim segments hold the same bytes on both sides; source ranges never overlap or go
/// backwards; segments cover the text without gaps.
pub fn check_map(a: &HtmlArticle, src: &str) {
    let mut ext_end = 0;
    let mut src_end = 0;
    for s in a.map.segments() {
        assert_eq!(s.ext.start, ext_end, "gap before {s:?}");
        assert!(s.src.start >= src_end, "source goes backwards at {s:?}");
        assert!(in_text(src, &s.src), "{s:?}");
        if s.verbatim {
            assert_eq!(&a.text[s.ext.clone()], &src[s.src.clone()]);
        }
        ext_end = s.ext.end;
        src_end = s.src.end;
    }
    assert_eq!(ext_end, a.text.len());
}

// ---------------------------------------------------------------------------------------
// 3. JSON Lines

/// How a too-long line's rest is handled.
#[derive(Debug, Clone, Copy)]
pub enum Rest {
    Copy,
    Skip,
    /// Leave it: the next `next_line` skips it.
    Leave,
}

/// Read `input` with a line cap and a tiny buffer; every line must be exactly the input
/// line (a trailing `\r` dropped from complete lines), or its first `cap` bytes when
/// longer, with the rest available through `copy_rest`. Returns the complete lines.
pub fn jsonl_lines(input: &[u8], cap: usize, buf_cap: usize, rest: Rest) -> Vec<Vec<u8>> {
    let mut raw: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    if input.is_empty() || input.ends_with(b"\n") {
        raw.pop();
    }
    let mut reader = LineReader::new(BufReader::with_capacity(buf_cap.max(1), input), cap);
    let cap = cap.max(1);
    let mut buf = Vec::new();
    let mut complete = Vec::new();
    let mut rebuilt: Vec<u8> = Vec::new();
    let mut n = 0usize;
    while let Some(kind) = reader
        .next_line(&mut buf)
        .expect("reading a slice never fails")
    {
        let want = *raw.get(n).expect("no more lines than the input has");
        n += 1;
        assert_eq!(reader.line_number(), n as u64);
        match kind {
            LineRead::Complete => {
                assert!(
                    want.len() <= cap,
                    "line {n} of {} > {cap} is complete",
                    want.len()
                );
                assert_eq!(buf, want.strip_suffix(b"\r").unwrap_or(want), "line {n}");
                rebuilt.extend_from_slice(want);
                complete.push(buf.clone());
            }
            LineRead::TooLong => {
                assert!(
                    want.len() > cap,
                    "line {n} of {} <= {cap} is too long",
                    want.len()
                );
                assert_eq!(buf, &want[..cap], "line {n}");
                match rest {
                    Rest::Copy => {
                        let mut out = buf.clone();
                        let copied = reader.copy_rest(&mut out).expect("copy");
                        assert_eq!(copied as usize, want.len() - cap);
                        assert_eq!(out, want);
                        assert_eq!(reader.copy_rest(&mut io::sink()).expect("copy"), 0);
                        rebuilt.extend_from_slice(&out);
                    }
                    Rest::Skip => {
                        let skipped = reader.skip_rest().expect("skip");
                        assert_eq!(skipped as usize, want.len() - cap);
                        rebuilt.extend_from_slice(want);
                    }
                    Rest::Leave => rebuilt.extend_from_slice(want),
                }
            }
        }
        if n < raw.len() || input.ends_with(b"\n") {
            rebuilt.push(b'\n');
        }
    }
    assert_eq!(n, raw.len(), "every line is read");
    assert_eq!(rebuilt, input);
    assert!(reader.next_line(&mut buf).expect("read").is_none());
    complete
}

/// Parse one line as a record; if it is one, writing it back with the same text gives the
/// line as it was, and with another text keeps every other field as the same raw JSON.
pub fn jsonl_record(line: &[u8]) {
    let names = FieldNames::default();
    let Ok(record) = Record::parse(line, &names) else {
        return;
    };
    let s = std::str::from_utf8(line).expect("a record is UTF-8");
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let original: IndexMap<String, Box<RawValue>> =
        serde_json::from_str(s).expect("a record is a JSON object");
    let text_raw = original.get("text").expect("a record has its text field");
    assert_eq!(
        serde_json::from_str::<String>(text_raw.get())
            .ok()
            .as_deref(),
        Some(record.text.as_str())
    );
    let _ = record.id(&names);
    let changed = format!("{}x", record.text);
    for keep_original in [false, true] {
        let same = record
            .fixed_line(&names, &record.text, &[], keep_original)
            .expect("writes");
        assert_eq!(
            same.as_bytes(),
            line,
            "an untouched line is written as read"
        );
        let out = record
            .fixed_line(&names, &changed, &[], keep_original)
            .expect("writes");
        if !line.contains(&b'\n') {
            assert!(!out.contains('\n'), "a fixed line stays one line: {out:?}");
        }
        let back: IndexMap<String, Box<RawValue>> =
            serde_json::from_str(&out).expect("the fixed line is a JSON object");
        for (k, v) in &original {
            if keep_original && k == "text_clean" {
                continue;
            }
            let got = back
                .get(k)
                .unwrap_or_else(|| panic!("key {k:?} lost: {out}"));
            if k == "text" && !keep_original {
                let t: String = serde_json::from_str(got.get()).expect("text is a string");
                assert_eq!(t, changed);
            } else {
                assert_eq!(got.get(), v.get(), "field {k:?} changed");
            }
        }
        if keep_original {
            let clean: String = serde_json::from_str(back["text_clean"].get()).expect("string");
            assert_eq!(clean, changed);
        }
        assert_eq!(
            back.contains_key("redline_applied"),
            original.contains_key("redline_applied"),
            "nothing applied, no list added"
        );
        // Where serde_json reads the values, they are equal as values too.
        if let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) = (
            serde_json::from_str::<serde_json::Value>(s),
            serde_json::from_str::<serde_json::Value>(&out),
        ) {
            for (k, v) in &a {
                if k != "text" && !(keep_original && k == "text_clean") {
                    assert_eq!(b.get(k), Some(v), "value of {k:?}");
                }
            }
        }
        // And the written line reads back as a record with its text.
        let again = Record::parse(out.as_bytes(), &names).expect("the fixed line is a record");
        assert_eq!(
            again.text,
            if keep_original {
                record.text.as_str()
            } else {
                changed.as_str()
            }
        );
    }
}
