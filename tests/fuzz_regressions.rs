//! Replays the fuzz seeds (`fuzz/seeds/<target>/`) and every crash reproducer the fuzzers
//! found (`fuzz/regressions/<target>/`) through the same checks the fuzz targets run
//! (tests/support/fuzz_checks.rs), in the normal test suite.
//!
//! A new reproducer: copy libFuzzer's `crash-<hash>` file to `fuzz/regressions/<target>/`
//! with a name that says what it broke; it then runs here on every `cargo test`.

use std::path::{Path, PathBuf};

#[path = "support/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;
#[path = "support/invariants.rs"]
#[allow(dead_code)]
mod invariants;

type Check = fn(&[u8]) -> Result<(), String>;

/// The inputs of one target: its seeds and its regressions, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = ["seeds", "regressions"]
        .iter()
        .filter_map(|kind| std::fs::read_dir(fuzz.join(kind).join(target)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, check: Check) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no seeds for fuzz target {target}");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            check(&data)
                .err()
                .map(|p| format!("{}: {p}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn extract_bytes_replays() {
    replay("extract_bytes", fuzz_checks::extract_bytes);
}

#[test]
fn taxonomy_replays() {
    replay("taxonomy", fuzz_checks::taxonomy_source);
}

#[test]
fn profile_replays() {
    replay("profile", fuzz_checks::profile);
}

#[test]
fn matcher_replays() {
    replay("matcher", fuzz_checks::matcher_text);
}

#[test]
fn the_fuzz_taxonomy_is_not_empty() {
    assert!(
        !fuzz_checks::taxonomy().is_empty(),
        "the matcher and profile checks would test nothing"
    );
}
