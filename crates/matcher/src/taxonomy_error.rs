//! The error type of taxonomy loading, importing and validation.

use std::fmt;

use crate::taxonomy::SkillId;

/// Where in a taxonomy source a problem is: the origin (a file path or a name given to
/// [`crate::TaxonomyBuilder::add_str`]), the 1-based line when known, the skill and field.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SourceLocation {
    /// The file path or origin name.
    pub origin: String,
    /// 1-based line, when the source text is known.
    pub line: Option<usize>,
    /// The skill the problem is in.
    pub skill: Option<SkillId>,
    /// The field the problem is in (`aliases`, `implies`, …).
    pub field: Option<String>,
}

impl SourceLocation {
    /// A location naming only the origin.
    pub fn origin(origin: &str) -> SourceLocation {
        SourceLocation {
            origin: origin.to_owned(),
            ..SourceLocation::default()
        }
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match (&self.skill, &self.field) {
            (Some(skill), Some(field)) => write!(f, ": skill `{skill}`, field `{field}`"),
            (Some(skill), None) => write!(f, ": skill `{skill}`"),
            (None, Some(field)) => write!(f, ": field `{field}`"),
            (None, None) => Ok(()),
        }
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaxonomyErrorKind {
    /// The file could not be read.
    Io(String),
    /// The source is larger than the builder's size limit.
    TooLarge {
        /// Size of the source in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file name has no extension that says its format (`.toml` or `.json`).
    UnknownFormat,
    /// The text is not valid TOML/JSON/CSV or does not fit the spec.
    Parse(String),
    /// An importer input lacks a column it needs.
    MissingColumn(String),
    /// A required field is missing or empty.
    Missing,
    /// The id is not a lower-case slug.
    InvalidId(String),
    /// Two skills of one source have the same id.
    DuplicateId {
        /// Where the first one is.
        first: Box<SourceLocation>,
    },
    /// Two skills claim the same alias and no rule decides between them.
    AmbiguousAlias {
        /// The alias (normalized).
        alias: String,
        /// The other skill claiming it.
        other: SkillId,
    },
    /// A `broader`, `implies` or `related` entry names no skill.
    UnknownSkill(SkillId),
    /// `broader`/`implies` edges form a cycle (the skills along it, first repeated last).
    Cycle(Vec<SkillId>),
}

impl fmt::Display for TaxonomyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaxonomyErrorKind::Io(e) => write!(f, "cannot read: {e}"),
            TaxonomyErrorKind::TooLarge { size, limit } => {
                write!(
                    f,
                    "source is {size} bytes, more than the limit of {limit} bytes"
                )
            }
            TaxonomyErrorKind::UnknownFormat => {
                f.write_str("unknown format: the file name must end in .toml or .json")
            }
            TaxonomyErrorKind::Parse(e) => write!(f, "{e}"),
            TaxonomyErrorKind::MissingColumn(c) => write!(f, "missing column `{c}` in the header"),
            TaxonomyErrorKind::Missing => f.write_str("missing or empty"),
            TaxonomyErrorKind::InvalidId(id) => write!(
                f,
                "`{id}` is not a valid id (lower-case letters and digits joined by single `-`)"
            ),
            TaxonomyErrorKind::DuplicateId { first } => {
                write!(f, "duplicate id, first defined at {first}")
            }
            TaxonomyErrorKind::AmbiguousAlias { alias, other } => write!(
                f,
                "alias `{alias}` is also claimed by skill `{other}`; mark both `shared = true`, \
                 give one a higher `priority`, or make one `case_sensitive`"
            ),
            TaxonomyErrorKind::UnknownSkill(id) => write!(f, "unknown skill `{id}`"),
            TaxonomyErrorKind::Cycle(path) => {
                f.write_str("cycle in broader/implies: ")?;
                for (i, id) in path.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" -> ")?;
                    }
                    f.write_str(id.as_str())?;
                }
                Ok(())
            }
        }
    }
}

/// An error loading, importing or validating a taxonomy; it names the file, line and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxonomyError {
    /// Where the problem is (boxed to keep `Result`s small).
    pub location: Box<SourceLocation>,
    /// What the problem is.
    pub kind: TaxonomyErrorKind,
}

impl TaxonomyError {
    /// An error at `location`.
    pub fn new(location: SourceLocation, kind: TaxonomyErrorKind) -> TaxonomyError {
        TaxonomyError {
            location: Box::new(location),
            kind,
        }
    }
}

impl fmt::Display for TaxonomyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.kind)
    }
}

impl std::error::Error for TaxonomyError {}
