//! rolefit-score: role profiles, explainable fit scores, skill gaps and parallel batches.
#![deny(missing_docs)]

mod batch;
mod jd;
mod profile;
mod rank;
mod redact;
mod report;
mod roadmap;
mod scorer;

pub use batch::{
    Batch, BatchStats, FailureKind, ItemError, Metered, Progress, ITEMS_PER_THREAD_IN_WINDOW,
};
pub use jd::{stage_for, Derivation, DerivedProfile};
pub use profile::{
    Importance, ProfileCategory, ProfileError, Requirement, RoleProfile, SkillRule,
    DEFAULT_PROFILE, EMBEDDED_PROFILES, MAX_PROFILE_BYTES,
};
pub use rank::{rank, RankOptions, Ranked, Ranking, RarityWeight};
pub use redact::{redact_text, REDACTED};
pub use report::{
    Band, CategoryScore, EvidenceSpan, Explanation, FitReport, Gap, NextStep, NotScored, Outcome,
    ParseConfidence, RequirementOutcome, ReverseCoverage, RoadmapProgress, SkillCredit, Stamp,
    Status,
};
pub use roadmap::{RoadmapStage, Stage, ROADMAP, STAGE_REACHED_SHARE};
pub use scorer::*;
