//! The structure stage: normalized text into sections, tokens, contact, positions, education.

use std::path::PathBuf;

use crate::raw::RawText;
use crate::{Diagnostic, Document, ExperienceSummary, Format, Limits, YearMonth};

/// Builds the [`Document`] from a reader's raw text.
pub(crate) fn build_document(
    raw: RawText,
    format: Format,
    source: Option<PathBuf>,
    limits: &Limits,
    as_of: YearMonth,
) -> Document {
    let _ = limits;
    let text: String = raw
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut diagnostics = raw.diagnostics;
    if !text.chars().any(char::is_alphanumeric) {
        diagnostics.push(Diagnostic::EmptyText);
    }
    Document {
        source,
        format,
        text,
        sections: Vec::new(),
        tokens: Vec::new(),
        contact: Default::default(),
        positions: Vec::new(),
        experience: ExperienceSummary::default(),
        education: Vec::new(),
        diagnostics,
        pages: raw.pages,
        as_of,
    }
}
