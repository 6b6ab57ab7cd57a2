//! Finds the bundled `rolefit` example binary for the end-to-end tests.
//!
//! `cargo test --workspace --all-targets` and `cargo build --example rolefit` build the example
//! as the real program (it has `test = false`) and copy it to
//! `target/<profile>/examples/rolefit`, next to the test executables' `deps/` folder.
//! `ROLEFIT_BIN` overrides the search.

use std::path::{Path, PathBuf};

/// The rolefit binary to run, or why there is none.
pub fn rolefit_binary() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("ROLEFIT_BIN") {
        return Ok(PathBuf::from(bin));
    }
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    // target/<profile>/deps/<test>-<hash> → target/<profile>/examples/rolefit
    let bin = me
        .parent()
        .and_then(Path::parent)
        .map(|p| {
            p.join("examples")
                .join(format!("rolefit{}", std::env::consts::EXE_SUFFIX))
        })
        .ok_or("the test executable has no target dir")?;
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "{} is missing: run `cargo test --workspace --all-targets` or \
             `cargo build -p rolefit --example rolefit`, or set ROLEFIT_BIN",
            bin.display()
        ))
    }
}
