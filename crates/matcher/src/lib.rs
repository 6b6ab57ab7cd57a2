//! rolefit-match: the skill taxonomy and a context-aware skill matcher.
#![deny(missing_docs)]

mod builder;
mod embedded;
mod evidence;
pub mod import;
mod label;
mod locate;
mod lookup;
mod matcher;
mod spec;
mod taxonomy;
mod taxonomy_error;

pub use evidence::*;
pub use matcher::{fold_text, MatchBuildError, Matcher, MatcherBuilder};
pub use taxonomy::*;

pub use builder::{TaxonomyBuilder, DEFAULT_MAX_FILE_SIZE, UNVERSIONED};
pub use label::{compact_label, is_valid_slug, normalize_label, slugify};
pub use lookup::TaxonomyStats;
pub use spec::{AliasSpec, SkillSpec, SpecFormat, TaxonomySpec};
pub use taxonomy_error::{SourceLocation, TaxonomyError, TaxonomyErrorKind};
