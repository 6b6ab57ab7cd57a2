//! Workspace tasks for rolefit.
//!
//! `cargo run -p xtask -- taxonomy [--sources DIR] [--out FILE] [--check]` regenerates
//! `crates/matcher/data/default-taxonomy.json` from the curated files and the O*NET and
//! ESCO sources (see `crates/matcher/data/README.md`).

mod taxonomy;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo run -p xtask -- taxonomy [--sources DIR] [--out FILE] [--check]

  taxonomy   regenerate crates/matcher/data/default-taxonomy.json
    --sources DIR  the taxonomy sources (default: ../shared/data/taxonomy-sources)
    --out FILE     where to write (default: crates/matcher/data/default-taxonomy.json)
    --check        do not write; fail if the committed file differs from a fresh build";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("taxonomy") => taxonomy::Options::parse(&args[1..]).and_then(|o| taxonomy::run(&o)),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
