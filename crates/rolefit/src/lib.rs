//! rolefit: score resumes against roles — skills found with evidence, explainable fit
//! scores, and ranked skill gaps.
//!
//! This crate is the front door. It re-exports the three stage crates
//! ([`extract`] → [`matcher`] → [`score`]) and ties them together in a [`Pipeline`]:
//! the embedded default taxonomy and the `ml-engineer` profile unless told otherwise.
//!
//! ```
//! use rolefit::Pipeline;
//!
//! let pipeline = Pipeline::new()?;
//! let scored = pipeline.score_text(
//!     "EXPERIENCE\nML Engineer, Acme — Jan 2021 – Present\n• Trained PyTorch models in Python\n\
//!      SKILLS\nPython, PyTorch, MLflow, Docker, SQL",
//! )?;
//! assert!(scored.report.score > 0.0);
//! // The explanation is the calculation: its leaves add up to the score exactly.
//! assert_eq!(scored.report.explanation.leaf_sum(), i64::from(scored.report.score_milli));
//! for gap in scored.report.gaps.iter().take(3) {
//!     println!("{}", gap.message);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`Pipeline::batch`] scores many files on a rayon pool and streams results in input
//!   order; [`isolate`] runs extraction in worker processes so that an abort or a stack
//!   overflow in the PDF engine costs one file, not the batch.
//! - [`record`] is the JSON Lines output contract of the bundled binary; [`html`] renders a
//!   batch as one self-contained HTML report; [`walk`] expands folders deterministically.
#![deny(missing_docs)]

pub mod html;
pub mod isolate;
mod pipeline;
pub mod record;
pub mod walk;

pub use pipeline::{
    ConfigError, Error, ErrorKind, Isolation, Pipeline, PipelineBuilder, ProfileSource, Scored,
};
pub use rolefit_extract as extract;
pub use rolefit_match as matcher;
pub use rolefit_score as score;

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
