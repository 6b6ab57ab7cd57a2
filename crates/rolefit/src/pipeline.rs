//! The whole pipeline in one value: extract → match → score, for one resume or a batch.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rolefit_extract::{
    Diagnostic, Document, ErrorKind as ExtractKind, Extractor, Limits, YearMonth,
};
use rolefit_match::{MatchSet, Matcher, Taxonomy, TaxonomyBuilder};
use rolefit_score::{
    Batch, BatchStats, FailureKind, FitReport, ItemError, Metered, Outcome, Progress, RoleProfile,
    Scorer,
};

use crate::isolate::{WorkerConfig, WorkerPool};

/// A scored resume: the extracted document, the skills found, and the fit report.
#[derive(Clone, Debug)]
pub struct Scored {
    /// What extraction made of the input.
    pub document: Document,
    /// The skills found, with evidence.
    pub matches: MatchSet,
    /// The fit report.
    pub report: FitReport,
    /// Size of the input in bytes.
    pub bytes: u64,
}

impl Metered for Scored {
    fn pages(&self) -> u64 {
        self.document.pages.map_or(0, u64::from)
    }
    fn bytes(&self) -> u64 {
        self.bytes
    }
}

/// Why one resume has no score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Extraction failed (I/O, format, limits, damage, engine crash, timeout).
    Extract(ExtractKind),
    /// A PDF without a text layer (scanned or image-only): never scored.
    NoTextLayer,
}

impl ErrorKind {
    /// The snake_case name used in error records (`no_text_layer`, `malformed`, `timeout`…).
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Extract(k) => k.as_str(),
            ErrorKind::NoTextLayer => "no_text_layer",
        }
    }
}

/// A resume that could not be scored, naming it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The input, when it came from a file.
    pub path: Option<PathBuf>,
    /// What went wrong.
    pub kind: ErrorKind,
    /// In words.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(
                f,
                "{}: {} ({})",
                p.display(),
                self.message,
                self.kind.as_str()
            ),
            None => write!(f, "{} ({})", self.message, self.kind.as_str()),
        }
    }
}

impl std::error::Error for Error {}

impl FailureKind for Error {
    fn kind(&self) -> String {
        self.kind.as_str().to_owned()
    }
}

impl From<rolefit_extract::Error> for Error {
    fn from(e: rolefit_extract::Error) -> Error {
        Error {
            path: e.path().map(Path::to_path_buf),
            kind: ErrorKind::Extract(e.kind()),
            message: e.message().to_owned(),
        }
    }
}

/// A configuration that could not be loaded: the message names the file, line and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Where the role profile comes from.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum ProfileSource {
    /// An embedded profile by id (`ml-engineer`, `data-engineer`, …).
    Embedded(String),
    /// A profile file (TOML).
    File(PathBuf),
    /// A job description (text, PDF or DOCX) turned into a profile.
    JobDescription(PathBuf),
}

/// Which inputs the batch extracts in worker processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isolation {
    /// Everything in process; panics are caught, aborts and stack overflows are not.
    None,
    /// PDF and DOCX files in workers, text in process.
    Binary,
    /// Every file in a worker.
    All,
}

/// Builds a [`Pipeline`]; every setting has a default.
#[derive(Clone, Debug)]
pub struct PipelineBuilder {
    taxonomy_files: Vec<PathBuf>,
    profile: ProfileSource,
    as_of: Option<YearMonth>,
    limits: Limits,
    threads: usize,
    workers: Option<(WorkerConfig, Isolation)>,
}

impl Default for PipelineBuilder {
    fn default() -> PipelineBuilder {
        PipelineBuilder {
            taxonomy_files: Vec::new(),
            profile: ProfileSource::Embedded(rolefit_score::DEFAULT_PROFILE.to_owned()),
            as_of: None,
            limits: Limits::default(),
            threads: 0,
            workers: None,
        }
    }
}

impl PipelineBuilder {
    /// Merges a taxonomy file (TOML or JSON) over the embedded default; call again to add more.
    pub fn taxonomy_file(&mut self, path: impl Into<PathBuf>) -> &mut PipelineBuilder {
        self.taxonomy_files.push(path.into());
        self
    }

    /// The role profile to score against (default: the embedded `ml-engineer`).
    pub fn profile(&mut self, source: ProfileSource) -> &mut PipelineBuilder {
        self.profile = source;
        self
    }

    /// The month "Present" means (default: the current month).
    pub fn as_of(&mut self, month: YearMonth) -> &mut PipelineBuilder {
        self.as_of = Some(month);
        self
    }

    /// Input limits for extraction.
    pub fn limits(&mut self, limits: Limits) -> &mut PipelineBuilder {
        self.limits = limits;
        self
    }

    /// Threads for [`Pipeline::batch`]; 0 means one per core.
    pub fn threads(&mut self, threads: usize) -> &mut PipelineBuilder {
        self.threads = threads;
        self
    }

    /// Extracts the chosen inputs of a batch in worker processes started by `config`.
    pub fn isolation(&mut self, config: WorkerConfig, scope: Isolation) -> &mut PipelineBuilder {
        self.workers = (scope != Isolation::None).then_some((config, scope));
        self
    }

    /// Loads and validates everything; nothing is scored with a half-loaded configuration.
    pub fn build(&self) -> Result<Pipeline, ConfigError> {
        let taxonomy = Arc::new(self.load_taxonomy()?);
        let matcher = Matcher::new(&taxonomy).map_err(|e| ConfigError(format!("taxonomy: {e}")))?;
        let mut extractor = Extractor::builder();
        extractor.limits(self.limits.clone());
        if let Some(month) = self.as_of {
            extractor.as_of(month);
        }
        let extractor = extractor.build();
        let profile = self.load_profile(&taxonomy, &extractor, &matcher)?;
        let scorer = Scorer::new(&profile, &taxonomy);
        let batch = Batch::with_threads(self.threads);
        let workers = self
            .workers
            .clone()
            .map(|(config, scope)| (Arc::new(WorkerPool::new(config)), scope));
        Ok(Pipeline {
            extractor,
            taxonomy,
            matcher: Arc::new(matcher),
            profile: Arc::new(profile),
            scorer: Arc::new(scorer),
            batch,
            workers,
        })
    }

    fn load_taxonomy(&self) -> Result<Taxonomy, ConfigError> {
        if self.taxonomy_files.is_empty() {
            return Ok(Taxonomy::embedded().clone());
        }
        let mut builder = TaxonomyBuilder::new();
        builder
            .add_default()
            .map_err(|e| ConfigError(e.to_string()))?;
        for file in &self.taxonomy_files {
            builder
                .add_file(file)
                .map_err(|e| ConfigError(e.to_string()))?;
        }
        builder.build().map_err(|e| ConfigError(e.to_string()))
    }

    fn load_profile(
        &self,
        taxonomy: &Taxonomy,
        extractor: &Extractor,
        matcher: &Matcher,
    ) -> Result<RoleProfile, ConfigError> {
        match &self.profile {
            ProfileSource::Embedded(id) => match RoleProfile::embedded(id, taxonomy) {
                Some(p) => p.map_err(|e| ConfigError(e.to_string())),
                None => Err(ConfigError(format!(
                    "unknown role {id:?}; the embedded roles are: {}",
                    RoleProfile::embedded_ids().collect::<Vec<_>>().join(", ")
                ))),
            },
            ProfileSource::File(path) => {
                RoleProfile::from_path(path, taxonomy).map_err(|e| ConfigError(e.to_string()))
            }
            ProfileSource::JobDescription(path) => {
                let posting = extractor
                    .extract_path(path)
                    .map_err(|e| ConfigError(e.to_string()))?;
                RoleProfile::from_job_description(posting.text(), taxonomy, matcher)
                    .map(|derived| derived.profile)
                    .map_err(|e| ConfigError(format!("{}: {e}", path.display())))
            }
        }
    }
}

/// Extract → match → score, configured once and shared by threads.
///
/// Cloning is cheap: the taxonomy, matcher, profile and worker pool are shared.
#[derive(Clone, Debug)]
pub struct Pipeline {
    extractor: Extractor,
    taxonomy: Arc<Taxonomy>,
    matcher: Arc<Matcher>,
    profile: Arc<RoleProfile>,
    scorer: Arc<Scorer>,
    batch: Batch,
    workers: Option<(Arc<WorkerPool>, Isolation)>,
}

impl Pipeline {
    /// The embedded default taxonomy and the `ml-engineer` profile, as of this month.
    pub fn new() -> Result<Pipeline, ConfigError> {
        Pipeline::builder().build()
    }

    /// A builder to choose the taxonomy, profile, as-of date, limits and parallelism.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The extractor.
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// The taxonomy in use.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The role profile scored against.
    pub fn profile(&self) -> &RoleProfile {
        &self.profile
    }

    /// Scores the resume at `path` (extracted in a worker process when isolation covers it).
    pub fn score_path(&self, path: &Path) -> Result<Scored, Error> {
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let document = match &self.workers {
            Some((pool, scope)) if needs_worker(path, *scope) => pool.extract(path)?,
            _ => self.extractor.extract_path(path)?,
        };
        self.score_document(document, bytes)
    }

    /// Scores a resume held in memory; `hint` (a file name) helps when the format is unclear.
    pub fn score_bytes(&self, bytes: &[u8], hint: Option<&Path>) -> Result<Scored, Error> {
        let document = self.extractor.extract_bytes(bytes, hint)?;
        self.score_document(document, bytes.len() as u64)
    }

    /// Scores a resume given as text.
    pub fn score_text(&self, text: &str) -> Result<Scored, Error> {
        self.score_document(self.extractor.extract_str(text), text.len() as u64)
    }

    /// Matches and scores an extracted document.
    pub fn score_document(&self, document: Document, bytes: u64) -> Result<Scored, Error> {
        let matches = self.matcher.find(&document);
        match self.scorer.score(&document, &matches) {
            Outcome::Scored(report) => Ok(Scored {
                document,
                matches,
                report: *report,
                bytes,
            }),
            Outcome::NotScored(n) => Err(Error {
                path: document.source.clone(),
                kind: if document.diagnostics.contains(&Diagnostic::NoTextLayer) {
                    ErrorKind::NoTextLayer
                } else {
                    ErrorKind::Extract(ExtractKind::NoText)
                },
                message: format!("not scored: {}", n.reason),
            }),
        }
    }

    /// Scores `paths` in parallel and hands each result to `sink` in input order, as soon as
    /// it and every file before it are done; memory stays flat however many paths there are.
    /// A panic while scoring one file becomes that file's error (kind `crashed`). `progress`
    /// is called after each file. The batch ends early when `paths` stops yielding.
    pub fn batch<S, P>(
        &self,
        paths: impl IntoIterator<Item = PathBuf>,
        mut sink: S,
        progress: P,
    ) -> BatchStats
    where
        S: FnMut(&Path, Result<Scored, Error>),
        P: FnMut(&Progress),
    {
        // Inputs are pulled and results delivered on this thread, both in input order, so a
        // queue pairs every result with its path.
        let pending = RefCell::new(VecDeque::new());
        let inputs = paths
            .into_iter()
            .inspect(|p| pending.borrow_mut().push_back(p.clone()));
        self.batch.run_streaming(
            inputs,
            |path: PathBuf| self.score_path(&path),
            |_, result| {
                let path = pending.borrow_mut().pop_front().unwrap_or_default();
                let result = result.map_err(|e| match e {
                    ItemError::Failed { error } => error,
                    ItemError::Panicked { message } => Error {
                        path: Some(path.clone()),
                        kind: ErrorKind::Extract(ExtractKind::Crashed),
                        message: format!("scoring panicked: {message}"),
                    },
                });
                sink(&path, result);
            },
            progress,
        )
    }
}

/// Returns true if and only if `scope` sends the file at `path` to a worker: by extension,
/// or by its first bytes (`%PDF`, a zip) when the extension says nothing.
fn needs_worker(path: &Path, scope: Isolation) -> bool {
    match scope {
        Isolation::None => false,
        Isolation::All => true,
        Isolation::Binary => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if ext == "pdf" || ext == "docx" {
                return true;
            }
            let mut head = [0u8; 5];
            let n = File::open(path)
                .and_then(|mut f| f.read(&mut head))
                .unwrap_or(0);
            head[..n].starts_with(b"%PDF") || head[..n].starts_with(b"PK")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Pipeline>();
    }
}
