//! The hand-off between the format readers (PDF, DOCX, text) and the structure stage.

use crate::Diagnostic;

/// One line of text as a format reader produced it, before normalization.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RawLine {
    /// The line's text, without a line terminator.
    pub text: String,
    /// The reader saw heading evidence: a larger or bold font, or a heading paragraph style.
    pub heading_hint: bool,
    /// A visual block break (vertical gap, new column, new page, new paragraph) precedes the line.
    pub break_before: bool,
}

/// Text in reading order, as a format reader produced it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RawText {
    /// Lines in reading order (column by column for multi-column pages).
    pub lines: Vec<RawLine>,
    /// Page count for paged formats.
    pub pages: Option<u32>,
    /// What the reader noticed.
    pub diagnostics: Vec<Diagnostic>,
}
