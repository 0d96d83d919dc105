//! Arbitrary bytes through LineReader (any small cap, a tiny BufReader) and Record.
//! The first three bytes choose the line cap, the buffer capacity and what happens to the
//! rest of a too-long line; the remaining bytes are the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use invariants::Rest;

fuzz_target!(|data: &[u8]| {
    let [a, b, c, input @ ..] = data else {
        return;
    };
    let cap = usize::from(*a % 64);
    let buf_cap = 1 + usize::from(*b % 16);
    let rest = match c % 3 {
        0 => Rest::Copy,
        1 => Rest::Skip,
        _ => Rest::Leave,
    };
    for line in invariants::jsonl_lines(input, cap, buf_cap, rest) {
        invariants::jsonl_record(&line);
    }
    invariants::jsonl_record(input);
});
