//! Helpers shared by the matcher's integration tests.
#![allow(dead_code)]

use std::sync::OnceLock;

use rolefit_extract::{Document, SectionKind, YearMonth};
use rolefit_match::{Matcher, Taxonomy};

/// The matcher over the embedded default taxonomy, built once per test binary.
pub fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(taxonomy()).expect("the default taxonomy compiles"))
}

/// The embedded default taxonomy.
pub fn taxonomy() -> &'static Taxonomy {
    Taxonomy::embedded()
}

/// A document whose whole text is the body of one section of `kind`.
pub fn document(text: &str, kind: SectionKind) -> Document {
    let as_of = YearMonth {
        year: 2026,
        month: 6,
    };
    Document::from_plain_text(text, kind, as_of)
}

/// The ids of the skills written in `text` (read as a section of `kind`), sorted.
pub fn written(text: &str, kind: SectionKind) -> Vec<String> {
    matcher()
        .find(&document(text, kind))
        .written()
        .map(|e| e.skill.to_string())
        .collect()
}
