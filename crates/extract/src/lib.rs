//! rolefit-extract: PDF, DOCX and text resumes into a sectioned, tokenized [`Document`].
//!
//! The first stage of rolefit. An [`Extractor`] reads a file (or bytes, or a string), finds
//! its format from magic bytes (then the file extension), and produces a [`Document`]:
//!
//! - **text**: normalized (NFKC, soft hyphens removed, words hyphenated at line ends rejoined,
//!   bullets unified to `"• "`/`"- "`, icon glyphs dropped, whitespace collapsed), in reading
//!   order. Every [`Span`] in the document is a byte range of this text on `char` boundaries,
//!   and [`Document::slice`] never panics, whatever the span.
//! - **sections** ([`Section`], [`SectionKind`]): headings found by a synonym lexicon
//!   ("Work History", "Tech Stack", "E X P E R I E N C E", "Skills: Python, SQL") and by layout
//!   hints from the reader (bold or larger fonts, heading styles). They tile the text, the
//!   [`SectionKind::Header`] first.
//! - **tokens** ([`Token`]): words with spans, lowercase forms, line and section; tech terms
//!   such as `C++`, `.NET`, `CI/CD`, `scikit-learn` stay whole.
//! - **contact** ([`Contact`]): emails, phone numbers, links, a name candidate.
//! - **positions** ([`Position`]) with [`DateRange`]s in the many ways resumes write dates,
//!   "Present" resolved against an explicit as-of month, and [`ExperienceSummary`] totals that
//!   count overlapping jobs once.
//! - **education** ([`Education`]): degree level, field, institution, year.
//! - **diagnostics** ([`Diagnostic`]): empty text, no text layer (scans), guessed encodings,
//!   truncation, fallback engines. A document whose diagnostics block scoring says so in
//!   [`Document::is_scorable`].
//!
//! Hostile input (zip bombs, damaged or encrypted PDFs, oversized files) yields an [`Error`]
//! whose [`ErrorKind`] says what went wrong and which names the path; no panic escapes the
//! public API. [`Limits`] bound input size, pages, characters, DOCX expansion and time.
//! PDF support sits behind the default `pdf` feature.
//!
//! # Example
//!
//! ```
//! use rolefit_extract::{Extractor, SectionKind, YearMonth};
//!
//! let extractor = Extractor::builder().as_of(YearMonth::new(2026, 6).unwrap()).build();
//! let doc = extractor.extract_str(
//!     "Priya Raman\n\
//!      priya.raman@example.com | +1 206 555 0142\n\
//!      \n\
//!      WORK HISTORY\n\
//!      Senior ML Engineer — Northwind Analytics, Seattle, WA\n\
//!      Mar 2021 – Present\n\
//!      • Built fraud models in PyTorch and scikit-learn; CI/CD on k8s.\n\
//!      ML Engineer — Brightwater Payments\n\
//!      Jun 2018 – Feb 2021\n\
//!      \n\
//!      Skills: Python, C++, SQL\n",
//! );
//!
//! let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [SectionKind::Header, SectionKind::Experience, SectionKind::Skills]);
//!
//! let name = doc.contact.name.map(|(span, _)| doc.slice(span));
//! assert_eq!(name, Some("Priya Raman"));
//!
//! let job = &doc.positions[0];
//! assert_eq!(job.employer.as_deref(), Some("Northwind Analytics"));
//! assert!(job.dates.ongoing && job.dates.end == YearMonth::new(2026, 6).unwrap());
//! assert_eq!(doc.experience.total_months, 97); // Jun 2018 – Jun 2026, both ends counted
//!
//! // A mention of scikit-learn is attributed to the position whose entry contains it.
//! let token = doc.tokens.iter().find(|t| t.norm == "scikit-learn").unwrap();
//! assert_eq!(doc.position_at(token.span.start).and_then(|p| p.title.as_deref()), Some("Senior ML Engineer"));
//! assert!(doc.tokens.iter().any(|t| t.norm == "c++"));
//! ```
//!
//! Files go through [`Extractor::extract_path`] (or [`Extractor::extract_bytes`] with a file
//! name as the hint), which return `Result<Document, Error>`.
#![deny(missing_docs)]

#[cfg(test)]
mod cases;
mod document;
mod docx;
mod error;
mod extractor;
mod limits;
mod normalize;
mod panic_guard;
#[cfg(feature = "pdf")]
mod pdf;
mod raw;
mod sniff;
mod structure;
mod text;

pub use document::*;
pub use error::{Error, ErrorKind};
pub use extractor::{Extractor, ExtractorBuilder};
pub use limits::Limits;
