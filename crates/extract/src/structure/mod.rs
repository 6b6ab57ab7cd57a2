//! The structure stage: normalized text into sections, tokens, contact, positions, education.

mod contact;
pub(crate) mod dates;
mod education;
mod experience;
pub(crate) mod sections;
pub(crate) mod tokens;

use std::path::PathBuf;

use crate::normalize::{normalize, Line};
use crate::raw::RawText;
use crate::{Diagnostic, Document, Format, Limits, Span, YearMonth};

/// The lines lying wholly inside `span` (lines are sorted and disjoint, so this is a slice).
pub(crate) fn lines_within(lines: &[Line], span: Span) -> &[Line] {
    let from = lines.partition_point(|l| l.span.start < span.start);
    let to = lines.partition_point(|l| l.span.end <= span.end).max(from);
    &lines[from..to]
}

/// Returns true if and only if `[start, end)` overlaps one of the sorted, disjoint `spans`.
pub(crate) fn overlaps_any(spans: &[Span], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= start);
    spans.get(i).is_some_and(|s| s.start < end)
}

/// Builds the [`Document`] from a reader's raw text.
pub(crate) fn build_document(
    raw: RawText,
    format: Format,
    source: Option<PathBuf>,
    limits: &Limits,
    as_of: YearMonth,
) -> Document {
    let mut diagnostics = raw.diagnostics.clone();
    let norm = normalize(&raw, limits.max_chars, &mut diagnostics);
    let text = norm.text;
    let lines = norm.lines;
    if !text.chars().any(char::is_alphanumeric)
        && !diagnostics
            .iter()
            .any(|d| matches!(d, Diagnostic::NoTextLayer | Diagnostic::EmptyText))
    {
        diagnostics.push(Diagnostic::EmptyText);
    }
    let sections = sections::split_sections(&text, &lines);
    let tokens = tokens::tokenize(&text, &sections);
    let contact = contact::find_contact(&text, &lines, &sections);
    let positions = experience::find_positions(&text, &lines, &sections, as_of);
    let experience = experience::summarize(&positions, as_of);
    let education = education::find_education(&text, &lines, &sections);
    Document {
        source,
        format,
        text,
        sections,
        tokens,
        contact,
        positions,
        experience,
        education,
        diagnostics,
        pages: raw.pages,
        as_of,
    }
}
