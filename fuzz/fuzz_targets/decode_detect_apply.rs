//! Arbitrary bytes through decode -> Document -> scan -> resolve -> apply -> review.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    invariants::decode_detect_apply(data, invariants::seed_of(data));
});
