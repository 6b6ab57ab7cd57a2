//! The output contract: one record per input file, then a summary (JSON Lines).
//!
//! Field names are stable; [`SCHEMA_VERSION`] changes when one is removed or changes meaning.
//! `start`/`end` of a mention are byte offsets into the text that `rolefit extract` prints
//! for the same file.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use rolefit_extract::{Diagnostic, Document, SectionKind};
use rolefit_match::{Category, MatchMethod, SkillId, Taxonomy};
use rolefit_score::{
    Band, CategoryScore, RequirementOutcome, ReverseCoverage, RoadmapProgress, Stage, Stamp,
};
use serde::Serialize;

use crate::pipeline::{Error, Scored};

/// Version of the record layout.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of the JSON Lines output.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// A scored file.
    Result(Box<ResultRecord>),
    /// A file that could not be read or scored.
    Error(ErrorRecord),
    /// Totals, after every file's record.
    Summary(SummaryRecord),
}

impl Record {
    /// The record for one file's outcome.
    pub fn from_outcome(
        path: &Path,
        outcome: &Result<Scored, Error>,
        taxonomy: &Taxonomy,
        redact: bool,
    ) -> Record {
        match outcome {
            Ok(scored) => {
                Record::Result(Box::new(ResultRecord::new(path, scored, taxonomy, redact)))
            }
            Err(e) => Record::Error(ErrorRecord {
                schema_version: SCHEMA_VERSION,
                path: path.display().to_string(),
                kind: e.kind.as_str().to_owned(),
                message: e.message.clone(),
            }),
        }
    }

    /// The record as one line of JSON (no trailing newline).
    pub fn to_line(&self) -> String {
        // Plain data with string keys: serialization cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A scored file.
#[derive(Clone, Debug, Serialize)]
pub struct ResultRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The input path as given.
    pub path: String,
    /// The role profile id.
    pub role: String,
    /// Fit score, 0–100, three decimals.
    pub score: f64,
    /// Band of the score.
    pub band: Band,
    /// True if and only if extraction diagnostics lower confidence in the parse.
    pub low_confidence: bool,
    /// Per-category breakdown.
    pub categories: Vec<CategoryScore>,
    /// Every skill found, written ones first.
    pub skills: Vec<SkillRecord>,
    /// Every requirement of the profile with its outcome and evidence.
    pub requirements: Vec<RequirementOutcome>,
    /// Missing or partial requirements, ranked by the points each would add.
    pub gaps: Vec<GapRecord>,
    /// Roadmap stage reached and next steps.
    pub roadmap: RoadmapProgress,
    /// How much of the candidate's skill set the role uses.
    pub coverage: ReverseCoverage,
    /// Extraction diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Reproducibility stamp.
    pub stamp: Stamp,
}

impl ResultRecord {
    fn new(path: &Path, scored: &Scored, taxonomy: &Taxonomy, redact: bool) -> ResultRecord {
        let mut report = scored.report.clone();
        if redact {
            report.redact(&scored.document);
        }
        let gaps = report
            .gaps
            .iter()
            .map(|g| GapRecord {
                requirement: g.label.clone(),
                skills: report
                    .outcomes
                    .iter()
                    .find(|o| o.label == g.label)
                    .map(|o| o.skills.iter().map(|s| s.skill.clone()).collect())
                    .unwrap_or_default(),
                points: g.adds,
                stage: g.stage,
                message: g.message.clone(),
            })
            .collect();
        ResultRecord {
            schema_version: SCHEMA_VERSION,
            path: path.display().to_string(),
            role: report.profile.clone(),
            score: report.score,
            band: report.band,
            low_confidence: report.confidence.low,
            categories: report.categories,
            skills: skill_records(&scored.document, scored, taxonomy),
            requirements: report.outcomes,
            gaps,
            roadmap: report.roadmap,
            coverage: report.coverage,
            diagnostics: scored.document.diagnostics.clone(),
            stamp: report.stamp,
        }
    }
}

fn skill_records(doc: &Document, scored: &Scored, taxonomy: &Taxonomy) -> Vec<SkillRecord> {
    scored
        .matches
        .skills
        .iter()
        .map(|e| {
            let skill = taxonomy.get(&e.skill);
            SkillRecord {
                id: e.skill.clone(),
                name: skill.map_or_else(|| e.skill.to_string(), |s| s.name.clone()),
                category: skill.map_or(Category::Other, |s| s.category),
                implied: e.is_implied(),
                implied_by: e.implied_by.clone(),
                months: e.months,
                last_used: e.last_used.map(|m| m.to_string()),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| MentionRecord {
                        start: m.span.start,
                        end: m.span.end,
                        text: doc.slice(m.span).to_owned(),
                        section: m.section,
                        method: m.method,
                        confidence: m.confidence,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One skill found in a resume.
#[derive(Clone, Debug, Serialize)]
pub struct SkillRecord {
    /// Taxonomy id.
    pub id: SkillId,
    /// Display name.
    pub name: String,
    /// Taxonomy category.
    pub category: Category,
    /// True if and only if the skill is implied by others, never written.
    pub implied: bool,
    /// The written skills that imply it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implied_by: Vec<SkillId>,
    /// Months of dated experience that mention it.
    pub months: u32,
    /// Latest month of a position that mentions it (YYYY-MM).
    pub last_used: Option<String>,
    /// Written mentions.
    pub mentions: Vec<MentionRecord>,
}

/// One written mention of a skill.
#[derive(Clone, Debug, Serialize)]
pub struct MentionRecord {
    /// Byte offset of the first byte in the extracted text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The text at `start..end`.
    pub text: String,
    /// Section kind.
    pub section: SectionKind,
    /// How it matched.
    pub method: MatchMethod,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// A requirement that is missing or only partly met.
#[derive(Clone, Debug, Serialize)]
pub struct GapRecord {
    /// The requirement's label.
    pub requirement: String,
    /// The skills that would meet it.
    pub skills: Vec<SkillId>,
    /// Points the score would gain with full evidence for it.
    pub points: f64,
    /// The roadmap stage where it is learned.
    pub stage: Option<Stage>,
    /// In words ("evidence of MLflow would add 6.2 points").
    pub message: String,
}

/// A file that could not be read or scored.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The input path as given.
    pub path: String,
    /// `io`, `unsupported`, `too_large`, `malformed`, `encrypted`, `no_text`,
    /// `no_text_layer`, `timeout`, `crashed`.
    pub kind: String,
    /// In words.
    pub message: String,
}

/// Totals of a run: `scored + failed == files`; `by_kind` sums to `failed`.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Files with a record.
    pub files: usize,
    /// Files scored.
    pub scored: usize,
    /// Files with an error record.
    pub failed: usize,
    /// Error records per kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Pages read over scored files.
    pub pages: u64,
    /// Wall-clock time (the one field that differs between identical runs).
    pub elapsed_ms: u64,
    /// True if and only if the run was stopped (Ctrl-C) before every file was read.
    pub interrupted: bool,
}

impl Default for SummaryRecord {
    fn default() -> SummaryRecord {
        SummaryRecord {
            schema_version: SCHEMA_VERSION,
            files: 0,
            scored: 0,
            failed: 0,
            by_kind: BTreeMap::new(),
            pages: 0,
            elapsed_ms: 0,
            interrupted: false,
        }
    }
}

impl SummaryRecord {
    /// Counts one file's outcome; count exactly the outcomes that get a record, so that the
    /// summary adds up to the records written.
    pub fn count(&mut self, outcome: &Result<Scored, Error>) {
        self.files += 1;
        match outcome {
            Ok(scored) => {
                self.scored += 1;
                self.pages += scored.document.pages.map_or(0, u64::from);
            }
            Err(e) => {
                self.failed += 1;
                *self.by_kind.entry(e.kind.as_str().to_owned()).or_default() += 1;
            }
        }
    }

    /// Closes the summary with the run's wall-clock time and whether it was interrupted.
    pub fn finish(mut self, elapsed: Duration, interrupted: bool) -> SummaryRecord {
        self.elapsed_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        self.interrupted = interrupted;
        self
    }
}
