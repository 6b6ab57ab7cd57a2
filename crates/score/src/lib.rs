//! rolefit-score: role profiles, explainable fit scores, ranked skill gaps and parallel batches.
//!
//! The last stage of the pipeline: a [`RoleProfile`] (TOML, validated against a taxonomy)
//! is compiled into a [`Scorer`]; [`Scorer::score`] turns a `Document` and its `MatchSet`
//! into an [`Outcome`] — a [`FitReport`], or [`Outcome::NotScored`] for a document without
//! text (never a number invented from nothing). Scoring is deterministic and cannot fail.
//!
//! # How the score is computed
//!
//! 1. **Credit per mention** by where it is written: inside a dated position
//!    [`CREDIT_DATED_WORK`] (1.0); in the experience section but undated
//!    [`CREDIT_UNDATED_WORK`] (0.8); in projects or publications [`CREDIT_PROJECT`] (0.7);
//!    in education, certifications or another section [`CREDIT_PROSE`] (0.5); only claimed —
//!    listed in a skills section or named in the summary — [`CREDIT_LISTED`] (0.3). A fuzzy
//!    (typo) mention earns [`FUZZY_SHARE`] (½) of that, times its confidence. With
//!    `recent_months`, a dated mention whose position ended longer ago keeps
//!    [`STALE_SHARE`] (½).
//! 2. **Credit per skill** = its best mention, times the experience factor when the
//!    requirement has `min_months`: `0.5 + 0.5 × min(1, months / min_months)`
//!    ([`MIN_MONTHS_FLOOR`]); months are the matcher's merged months of the positions that
//!    mention the skill. A skill that is not written (or written weakly) but implied by a more
//!    specific written skill (taxonomy `implies`/`broader`, e.g. PyTorch → deep learning)
//!    earns [`IMPLIED_SHARE`] (½) of that skill's credit, if that is more.
//! 3. **Credit per requirement** in [0, 1]: `skill` = the skill's credit; `any_of` = the best;
//!    `all_of` = the mean; `n_of` = the mean of the best `n`. Met at ≥ [`MET_CREDIT`] (0.6),
//!    partial above 0, missing at 0.
//! 4. **Points.** The 100 points (100,000 integer milli-points, [`TOTAL_MILLI`]) are split
//!    over categories by weight and inside each category over requirements by weight
//!    (required 3, preferred 2, bonus 1 unless set), by largest remainder so the parts sum
//!    exactly. A requirement earns `round(max points × credit)` milli-points.
//! 5. **Missing required skills.** Each *required* requirement with no evidence at all also
//!    costs a share of the subtotal: `penalty = floor(subtotal × ½ × missing required max
//!    points / all required max points)` ([`MISSING_REQUIRED_PENALTY`]). Missing every
//!    required skill halves the score; the penalty is its own (negative) leaf of the tree.
//! 6. **Score** = subtotal − penalty, 0 to 100; band ([`Band`]): strong ≥ 75, good ≥ 55,
//!    fair ≥ 35, weak below.
//!
//! A resume that only lists keywords earns at most 0.3 per requirement (less with
//! `min_months`), so it cannot score like one that shows the skills used in dated work.
//! Adding evidence never lowers the score: every step above is monotone.
//!
//! The [`Explanation`] tree *is* the calculation: its leaves are the requirements' points and
//! the penalty, in integer milli-points, and they sum exactly to [`FitReport::score_milli`].
//! **Gaps** are computed by re-scoring with one requirement fully met ("evidence of MLflow
//! would add 6.2 points"). The **roadmap** stage reached is the last of the four
//! [`ROADMAP`] stages for which every stage up to it earned ≥ 60% of its points; next steps
//! are the unmet requirements by stage, then by points they would add.
//!
//! Bias-aware: scoring reads positions, sections, dates and matches, never names or contact
//! details; [`FitReport::redact`] blanks contact details in the output.
//!
//! # Example
//!
//! ```
//! use rolefit_extract::Extractor;
//! use rolefit_match::{Matcher, SpecFormat, TaxonomyBuilder};
//! use rolefit_score::{Band, RoleProfile, Scorer};
//!
//! let taxonomy = TaxonomyBuilder::new()
//!     .add_str("skills.toml", r#"
//!         version = "doc-1"
//!         [[skill]]
//!         id = "python"
//!         name = "Python"
//!         category = "programming_languages"
//!         [[skill]]
//!         id = "mlflow"
//!         name = "MLflow"
//!         category = "mlops"
//!     "#, SpecFormat::Toml)?
//!     .build()?;
//! let profile = RoleProfile::from_toml_str("role.toml", r#"
//!     id = "tiny"
//!     title = "Tiny role"
//!     [[categories]]
//!     id = "core"
//!     title = "Core"
//!     weight = 1
//!     [[requirements]]
//!     label = "Python"
//!     category = "core"
//!     skill = "python"
//!     importance = "required"
//!     stage = 1
//!     [[requirements]]
//!     label = "MLflow"
//!     category = "core"
//!     skill = "mlflow"
//!     importance = "preferred"
//!     stage = 3
//! "#, &taxonomy)?;
//!
//! let doc = Extractor::new().extract_str(
//!     "Sam Example\n\nExperience\nData Engineer, Example Ltd\nJan 2020 - Present\n- Built services in Python.\n",
//! );
//! let matches = Matcher::new(&taxonomy)?.find(&doc);
//! let outcome = Scorer::new(&profile, &taxonomy).score(&doc, &matches);
//! let report = outcome.report().expect("the document has text");
//! assert_eq!(report.explanation.leaf_sum(), i64::from(report.score_milli));
//! assert!(report.gaps[0].message.starts_with("evidence of MLflow would add"));
//! println!("{}", report.render());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
