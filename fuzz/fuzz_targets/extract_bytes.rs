//! `Extractor::extract_bytes` on arbitrary bytes, the file-name hint chosen by the first byte.
//! See tests/support/fuzz_checks.rs for what is checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;
#[path = "../../tests/support/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = fuzz_checks::extract_bytes(data) {
        panic!("{problem}");
    }
});
