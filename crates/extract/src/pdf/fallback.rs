//! The second engine: pdf_oxide, pure Rust, for the PDFs pdf-extract cannot read well.
//!
//! It repairs broken cross-reference tables, reads AES-256 (R6) encryption and predefined CJK
//! CMaps, and never panicked on the corpus measured in design.md §3. Its text has no font
//! sizes here, so its lines carry no heading hints; blank lines become `break_before`.

use std::time::Instant;

use crate::error::{Error, ErrorKind};
use crate::panic_guard;
use crate::raw::RawLine;

use super::{Budget, Extracted};

/// The engine's name in diagnostics.
pub(super) const ENGINE: &str = "pdf_oxide";

/// Extracts the text of `bytes` with pdf_oxide, page by page, within `budget`.
pub(super) fn read(bytes: &[u8], budget: &mut Budget) -> Result<Extracted, Error> {
    let crashed = |m: String| Error::new(ErrorKind::Crashed, format!("{ENGINE} panicked: {m}"));
    let doc = panic_guard::catch(|| pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()))
        .map_err(crashed)?
        .map_err(|e| {
            Error::new(
                ErrorKind::Malformed,
                format!("unreadable PDF ({ENGINE}: {e})"),
            )
        })?;
    if doc.is_encrypted() {
        let opened = panic_guard::catch(|| doc.authenticate(b"")).map_err(crashed)?;
        if !matches!(opened, Ok(true)) {
            return Err(Error::new(
                ErrorKind::Encrypted,
                "the PDF is encrypted with a user password",
            ));
        }
    }
    let pages = panic_guard::catch(|| doc.page_count())
        .map_err(crashed)?
        .map_err(|e| {
            Error::new(
                ErrorKind::Malformed,
                format!("PDF page tree unreadable ({ENGINE}: {e})"),
            )
        })?;
    let mut out = Extracted {
        pages: pages as u32,
        engine: ENGINE,
        ..Extracted::default()
    };
    let mut failed = None;
    for page in 0..pages {
        if !budget.next_page(page as u32, Instant::now())? {
            break;
        }
        match panic_guard::catch(|| doc.extract_text(page)) {
            Ok(Ok(text)) => {
                let mut blank = true;
                let mut lines = Vec::new();
                for line in text.lines() {
                    let line = line.trim();
                    if line.is_empty() {
                        blank = true;
                        continue;
                    }
                    lines.push(RawLine {
                        text: line.to_owned(),
                        heading_hint: false,
                        break_before: blank,
                    });
                    blank = false;
                }
                if !budget.take(&mut out.lines, lines) {
                    break;
                }
            }
            Ok(Err(e)) => {
                failed = Some(Error::new(
                    ErrorKind::Malformed,
                    format!("page {} ({ENGINE}: {e})", page + 1),
                ))
            }
            Err(m) => failed = Some(crashed(m)),
        }
    }
    out.truncated = std::mem::take(&mut budget.truncated);
    match failed {
        Some(e) if out.lines.is_empty() => Err(e),
        _ => Ok(out),
    }
}
