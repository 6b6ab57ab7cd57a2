//! Helpers shared by the matcher's integration tests.
#![allow(dead_code)]

use std::sync::OnceLock;

use rolefit_extract::{
    Contact, Document, ExperienceSummary, Format, Section, SectionKind, Span, YearMonth,
};
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
    Document {
        source: None,
        format: Format::Text,
        text: text.to_owned(),
        sections: vec![Section {
            kind,
            heading: None,
            body: Span::new(0, text.len()),
        }],
        tokens: Vec::new(),
        contact: Contact::default(),
        positions: Vec::new(),
        experience: ExperienceSummary::default(),
        education: Vec::new(),
        diagnostics: Vec::new(),
        pages: None,
        as_of: YearMonth {
            year: 2026,
            month: 6,
        },
    }
}

/// The ids of the skills written in `text` (read as a section of `kind`), sorted.
pub fn written(text: &str, kind: SectionKind) -> Vec<String> {
    matcher()
        .find(&document(text, kind))
        .written()
        .map(|e| e.skill.to_string())
        .collect()
}
