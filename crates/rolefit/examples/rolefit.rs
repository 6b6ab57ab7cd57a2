//! rolefit — the bundled batch scorer.
//!
//! `cargo run --release --example rolefit -- score fixtures/resumes` scores a folder against
//! the embedded `ml-engineer` profile; `--help` lists every subcommand and flag.

#[path = "rolefit/args.rs"]
mod args;
#[path = "rolefit/commands.rs"]
mod commands;
#[path = "rolefit/config.rs"]
mod config;
#[path = "rolefit/score.rs"]
mod score;
#[path = "rolefit/sink.rs"]
mod sink;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::args::{Cli, Command};

/// Exit status: every file scored and above `--fail-under`.
const EXIT_OK: u8 = 0;
/// Exit status: some files failed, or a score was below `--fail-under`.
const EXIT_FAILURES: u8 = 1;
/// Exit status: a usage or configuration error; nothing was scored.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    // With no arguments at all, show the help and succeed: that is also what
    // `cargo test --all-targets` runs when it exercises the examples.
    if std::env::args_os().len() == 1 {
        let _ = Cli::command().print_long_help();
        return ExitCode::from(EXIT_OK);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("rolefit: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Runs one subcommand; `Err` is a usage or configuration error (exit status 2).
fn run(cli: Cli) -> Result<u8, String> {
    let common = &cli.common;
    match &cli.command {
        Command::Worker => commands::worker(common),
        Command::Score { paths } => score::run(common, paths),
        Command::Explain { file } => commands::explain(common, file),
        Command::Extract { file } => commands::extract(common, file),
        Command::Skills { file, why } => commands::skills(common, file, why.as_deref()),
        Command::Roles => commands::roles(common),
        Command::Profile(cmd) => commands::profile(common, cmd),
        Command::Taxonomy(cmd) => commands::taxonomy_command(common, cmd),
    }
}
