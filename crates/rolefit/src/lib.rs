//! rolefit: score resumes against roles.
#![deny(missing_docs)]

pub mod html;
pub mod isolate;

pub use rolefit_extract as extract;
pub use rolefit_match as matcher;
pub use rolefit_score as score;
mod pipeline;
pub mod walk;

pub use pipeline::{
    ConfigError, Error, ErrorKind, Isolation, Pipeline, PipelineBuilder, ProfileSource, Scored,
};
pub mod record;
