//! `Extractor::extract_bytes` on arbitrary bytes, the file-name hint chosen by the first byte.
//! See tests/support/fuzz_checks.rs for what is checked.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;
#[path = "../../tests/support/invariants.rs"]
#[allow(dead_code)]
mod invariants;

/// Where each input is written before it runs, when `ROLEFIT_FUZZ_LAST_INPUT` names a file.
/// Without a sanitizer nothing sets up an alternate signal stack, so a stack overflow kills
/// the process before libFuzzer can save the input as a crash artifact; this file keeps it.
fn last_input() -> Option<&'static str> {
    static PATH: OnceLock<Option<String>> = OnceLock::new();
    PATH.get_or_init(|| std::env::var("ROLEFIT_FUZZ_LAST_INPUT").ok())
        .as_deref()
}

fuzz_target!(|data: &[u8]| {
    if let Some(path) = last_input() {
        std::fs::write(path, data).expect("the last-input file is writable");
    }
    if let Err(problem) = fuzz_checks::extract_bytes(data) {
        panic!("{problem}");
    }
});
