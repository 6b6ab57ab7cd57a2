//! PDF reading: pdf-extract text under a panic guard, with limits.
//!
//! [`read_pdf`] is the single entry point the structure stage calls.

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::panic_guard;
use crate::raw::{RawLine, RawText};

/// Reads the text of a PDF held in memory.
///
/// Errors: [`ErrorKind::TooLarge`] above `limits.max_bytes`, [`ErrorKind::Encrypted`] when the
/// empty user password does not open it, [`ErrorKind::Malformed`] when it cannot be parsed,
/// [`ErrorKind::Crashed`] when the engine panicked.
pub(crate) fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<RawText, Error> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "PDF of {} bytes exceeds the {} byte limit",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    let mut doc = panic_guard::catch(|| lopdf::Document::load_mem(bytes))
        .map_err(|m| Error::new(ErrorKind::Crashed, format!("PDF parser panicked: {m}")))?
        .map_err(|e| Error::new(ErrorKind::Malformed, format!("unreadable PDF: {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Error::new(
            ErrorKind::Encrypted,
            "the PDF is encrypted with a user password",
        ));
    }
    let pages = doc.get_pages().len() as u32;
    let mut text = String::new();
    panic_guard::catch(|| {
        let mut out = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc(&doc, &mut out)
    })
    .map_err(|m| Error::new(ErrorKind::Crashed, format!("PDF text engine panicked: {m}")))?
    .map_err(|e| {
        Error::new(
            ErrorKind::Malformed,
            format!("PDF text could not be read: {e}"),
        )
    })?;
    let lines = text
        .lines()
        .map(|l| RawLine {
            text: l.to_owned(),
            heading_hint: false,
            break_before: l.trim().is_empty(),
        })
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    Ok(RawText {
        lines,
        pages: Some(pages),
        diagnostics: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_input_over_the_byte_limit() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let err = read_pdf(b"%PDF-1.4 too long for the limit", &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn random_bytes_are_malformed() {
        let err = read_pdf(b"%PDF-1.7\nthis is not a real pdf", &Limits::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
    }
}
