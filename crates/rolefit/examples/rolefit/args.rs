//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Score resumes against roles: skills found with evidence, explainable fit scores, ranked skill gaps.
#[derive(Debug, Parser)]
#[command(name = "rolefit", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score files and folders (recursive; .pdf .docx .txt .md; `-` reads text from stdin).
    Score {
        /// Resume files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// One resume, the full breakdown: categories, requirements with evidence, gaps, roadmap.
    Explain {
        /// The resume (or `-` for text on stdin).
        file: PathBuf,
    },
    /// The extracted text, sections, contact, positions and diagnostics.
    Extract {
        /// The resume (or `-` for text on stdin).
        file: PathBuf,
    },
    /// Every skill found with its evidence.
    Skills {
        /// The resume (or `-` for text on stdin).
        file: PathBuf,
        /// Show the near misses for this skill (id or name): why it was not found.
        #[arg(long, value_name = "SKILL")]
        why: Option<String>,
    },
    /// The embedded role profiles.
    Roles,
    /// Show, validate, or derive role profiles.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Inspect, validate, export or import skill taxonomies.
    #[command(subcommand)]
    Taxonomy(TaxonomyCommand),
    /// Internal: serve extraction requests as an isolated worker process.
    #[command(name = "__worker", hide = true)]
    Worker,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print an embedded profile as TOML.
    Show {
        /// Profile id (see `rolefit roles`).
        id: String,
    },
    /// Check a profile file against the taxonomy.
    Validate {
        /// The profile file (TOML).
        file: PathBuf,
    },
    /// Derive a profile from a job description and print it as TOML.
    FromJd {
        /// The job description (text, PDF or DOCX).
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaxonomyCommand {
    /// Counts of skills and aliases, by category.
    Stats,
    /// Check a taxonomy file (TOML or JSON) merged over the default.
    Validate {
        /// The taxonomy file.
        file: PathBuf,
    },
    /// Print the effective taxonomy (default plus --taxonomy files) as JSON or TOML.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = SpecFormatArg::Json)]
        spec_format: SpecFormatArg,
    },
    /// Convert an ESCO CSV or O*NET Technology Skills file into a rolefit taxonomy file.
    Import {
        /// An ESCO skills CSV (preferredLabel, altLabels, conceptUri…).
        #[arg(
            long,
            value_name = "CSV",
            conflicts_with = "onet",
            required_unless_present = "onet"
        )]
        esco: Option<PathBuf>,
        /// An O*NET `Technology Skills.txt`.
        #[arg(long, value_name = "FILE")]
        onet: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SpecFormatArg::Toml)]
        spec_format: SpecFormatArg,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SpecFormatArg {
    Toml,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Text,
    Json,
    Jsonl,
    Csv,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Isolation {
    /// PDF and DOCX files in worker processes, text in process.
    Auto,
    /// Every file in a worker process.
    All,
    /// Everything in process (panics are still caught).
    None,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Role profile: an embedded id (see `roles`) or a TOML file.
    #[arg(
        long,
        global = true,
        value_name = "ID|FILE",
        default_value = "ml-engineer"
    )]
    pub role: String,
    /// Derive the role profile from a job description instead of --role.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "role")]
    pub jd: Option<PathBuf>,
    /// A taxonomy file (TOML or JSON) merged over the embedded default; repeatable.
    #[arg(long, global = true, value_name = "FILE")]
    pub taxonomy: Vec<PathBuf>,
    /// The date "Present" means, YYYY-MM-DD (default: today).
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Worker threads (0 = all cores).
    #[arg(
        short = 'j',
        long,
        global = true,
        default_value_t = 0,
        value_name = "N"
    )]
    pub threads: usize,
    /// Output format (default: table for score, text for the others).
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Write output to this file instead of stdout.
    #[arg(short, long, global = true, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Colour in tables: auto honours NO_COLOR and non-terminal output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// No progress bar or notices on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Largest input file in bytes.
    #[arg(long, global = true, value_name = "BYTES")]
    pub max_bytes: Option<u64>,
    /// Wall-clock budget per file in seconds (isolated extraction).
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout_per_file: f64,
    /// Address-space cap per extraction worker in MiB.
    #[arg(long, global = true, value_name = "MIB", default_value_t = 2048)]
    pub worker_memory: u64,
    /// Which files are extracted in worker processes.
    #[arg(long, global = true, value_enum, default_value_t = Isolation::Auto)]
    pub isolate: Isolation,
    /// Exit with status 1 when any scored file is below this score.
    #[arg(long, global = true, value_name = "SCORE")]
    pub fail_under: Option<f64>,
    /// Blank names, emails, phones and links in the output.
    #[arg(long, global = true)]
    pub redact: bool,
    /// Show only the top N rows of the ranked table (and gaps in explain).
    #[arg(long, global = true, value_name = "N")]
    pub top: Option<usize>,
}
