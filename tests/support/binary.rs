//! Finds the bundled `rolefit` example binary for the end-to-end tests.
//!
//! `cargo test --workspace --all-targets` builds the example in test mode; it has
//! `harness = false`, so that build is the real program, `target/<profile>/examples/rolefit-<hash>`.
//! `cargo build --example rolefit` writes `target/<profile>/examples/rolefit`. The newest is
//! run; `ROLEFIT_BIN` overrides the search.

use std::path::{Path, PathBuf};

/// The rolefit binary to run, or why there is none: the newest of `examples/rolefit` and the
/// `examples/rolefit-<hash>` builds next to this test's `deps/` folder.
pub fn rolefit_binary() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("ROLEFIT_BIN") {
        return Ok(PathBuf::from(bin));
    }
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    // target/<profile>/deps/<test>-<hash> → target/<profile>/examples
    let examples = me
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("examples"))
        .ok_or("the test executable has no target dir")?;
    let suffix = std::env::consts::EXE_SUFFIX;
    let is_build = |name: &str| {
        name.strip_suffix(suffix).is_some_and(|stem| {
            stem == "rolefit"
                || stem
                    .strip_prefix("rolefit-")
                    .is_some_and(|h| h.len() == 16 && h.chars().all(|c| c.is_ascii_hexdigit()))
        })
    };
    let newest = std::fs::read_dir(&examples)
        .map_err(|e| format!("{}: {e}", examples.display()))?
        .filter_map(Result::ok)
        .filter(|e| is_build(&e.file_name().to_string_lossy()))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .max_by_key(|(modified, _)| *modified);
    newest.map(|(_, path)| path).ok_or_else(|| {
        format!(
            "no rolefit example build in {}: run `cargo test --workspace --all-targets` or \
             `cargo build -p rolefit --example rolefit`, or set ROLEFIT_BIN",
            examples.display()
        )
    })
}
