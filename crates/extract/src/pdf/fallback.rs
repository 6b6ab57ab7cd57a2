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

/// Deepest nesting of arrays and dictionaries given to pdf_oxide, whose recursive parser
/// overflows the stack (an abort, not a panic) on a few thousand levels. Real PDFs stay
/// far below ten.
const MAX_NESTING: usize = 100;

/// Extracts the text of `bytes` with pdf_oxide, page by page, within `budget`.
pub(super) fn read(bytes: &[u8], budget: &mut Budget) -> Result<Extracted, Error> {
    let depth = max_nesting(bytes);
    if depth > MAX_NESTING {
        return Err(Error::new(
            ErrorKind::Malformed,
            format!("PDF objects nest {depth} levels deep (more than {MAX_NESTING})"),
        ));
    }
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

/// The deepest nesting of `[` arrays and `<<` dictionaries in the file's own bytes, skipping
/// comments, literal strings and stream data (compressed object streams are not looked into).
fn max_nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'%' => {
                i += bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(bytes.len() - i)
            }
            b'(' => i += literal_string_len(&bytes[i..]),
            b's' if bytes[i..].starts_with(b"stream") => {
                i += find(&bytes[i..], b"endstream")
                    .map_or(bytes.len() - i, |at| at + b"endstream".len());
                continue;
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// Length of the literal string at the start of `bytes` (balanced parentheses, `\` escapes),
/// less its last byte.
fn literal_string_len(bytes: &[u8]) -> usize {
    let (mut open, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => open += 1,
            b')' => {
                open -= 1;
                if open == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len().saturating_sub(1)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_arrays_and_dictionaries_but_not_strings_or_streams() {
        assert_eq!(max_nesting(b"<< /A [1 [2 <</B 3>>]] >>"), 4);
        assert_eq!(max_nesting(b"(([[ \\) ]])) [1]"), 1);
        assert_eq!(
            max_nesting(b"% [[[[[\n<< /L 5 >>stream\n[[[[[[[[\nendstream [ ]"),
            1
        );
        assert_eq!(
            max_nesting(&[b"[".repeat(5000), b"]".repeat(5000)].concat()),
            5000
        );
    }
}
