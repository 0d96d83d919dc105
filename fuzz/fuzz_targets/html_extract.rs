//! Arbitrary pages through extract -> scan_html -> write_back / write_back_edits -> extract.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let seed = invariants::seed_of(data) as usize;
    let cuts = [(seed, seed >> 16), (seed >> 32, seed >> 48)];
    invariants::html_pipeline(&src, &cuts);
});
