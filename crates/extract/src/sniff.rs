//! Format detection: magic bytes first, the file extension second.

use std::path::Path;

use crate::{Error, ErrorKind, Format};

/// Decides how to read `bytes`. `hint` is the file name, used when the bytes are inconclusive.
pub(crate) fn sniff(bytes: &[u8], hint: Option<&Path>) -> Result<Format, Error> {
    let ext = hint
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if let Some(format) = sniff_magic(bytes, &ext)? {
        return Ok(format);
    }
    match ext.as_str() {
        "pdf" => Err(Error::new(
            ErrorKind::Malformed,
            "named .pdf but is not a PDF: no %PDF header in the first 1024 bytes",
        )),
        "docx" => Err(Error::new(
            ErrorKind::Malformed,
            "named .docx but is not a zip archive",
        )),
        "txt" | "text" | "md" | "markdown" | "" => {
            if looks_like_text(bytes) {
                Ok(text_format(&ext))
            } else if ext.is_empty() {
                Err(Error::new(
                    ErrorKind::Unsupported,
                    "unrecognised binary format",
                ))
            } else {
                Err(Error::new(
                    ErrorKind::Malformed,
                    format!("named .{ext} but holds binary data, not text"),
                ))
            }
        }
        "doc" | "rtf" | "odt" | "pages" | "wpd" => Err(Error::new(
            ErrorKind::Unsupported,
            format!(".{ext} files are not supported; save the resume as PDF, DOCX or text"),
        )),
        _ if looks_like_text(bytes) => Ok(Format::Text),
        _ => Err(Error::new(
            ErrorKind::Unsupported,
            format!("unsupported format (.{ext})"),
        )),
    }
}

/// The format the first bytes prove, if any.
fn sniff_magic(bytes: &[u8], ext: &str) -> Result<Option<Format>, Error> {
    // The header may follow up to 1 KiB of junk; only trust that offset when the name does
    // not say text (a text resume may well mention "%PDF-").
    let head = &bytes[..bytes.len().min(1024)];
    let text_name = matches!(ext, "txt" | "text" | "md" | "markdown");
    if bytes.starts_with(b"%PDF-") || (!text_name && head.windows(5).any(|w| w == b"%PDF-")) {
        return Ok(Some(Format::Pdf));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // The central directory stores entry names uncompressed.
        return if contains(bytes, b"word/document.xml") {
            Ok(Some(Format::Docx))
        } else {
            Err(Error::new(
                ErrorKind::Unsupported,
                "a zip archive without word/document.xml (not a DOCX)",
            ))
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "a legacy binary Office file (.doc); save it as DOCX or PDF",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "RTF is not supported; save as DOCX or PDF",
        ));
    }
    const IMAGES: [&[u8]; 4] = [b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"II*\x00"];
    if IMAGES.iter().any(|m| bytes.starts_with(m)) {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "an image, not a document; OCR is not supported",
        ));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return Ok(Some(text_format(ext)));
    }
    Ok(None)
}

fn text_format(ext: &str) -> Format {
    if matches!(ext, "md" | "markdown") {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Returns true if and only if the bytes read as text in some encoding: few control bytes,
/// or the NUL pattern of UTF-16.
fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if crate::text::utf16_without_bom(sample).is_some() {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 100 <= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8], name: &str) -> Result<Format, ErrorKind> {
        sniff(bytes, Some(Path::new(name))).map_err(|e| e.kind())
    }

    #[test]
    fn magic_beats_extension() {
        assert_eq!(kind(b"%PDF-1.7\n...", "cv.txt"), Ok(Format::Pdf));
        assert_eq!(kind(b"junk\n%PDF-1.7\n...", "cv.pdf"), Ok(Format::Pdf));
        assert_eq!(
            kind(b"Notes on %PDF-1.7 headers", "cv.txt"),
            Ok(Format::Text)
        );
        assert_eq!(kind(b"\xEF\xBB\xBFhello", "cv.pdf"), Ok(Format::Text));
        assert_eq!(kind(b"\xFF\xFEh\0i\0", "cv.md"), Ok(Format::Markdown));
    }

    #[test]
    fn extension_is_the_fallback() {
        assert_eq!(kind(b"# Jane\n", "cv.md"), Ok(Format::Markdown));
        assert_eq!(kind(b"Jane Doe\n", "cv.txt"), Ok(Format::Text));
        assert_eq!(kind(b"Jane Doe\n", "cv"), Ok(Format::Text));
    }

    #[test]
    fn misnamed_and_unsupported_inputs_are_errors() {
        assert_eq!(
            kind(&[0x13, 0x00, 0xff, 0x02, 0x01], "cv.pdf"),
            Err(ErrorKind::Malformed)
        );
        assert_eq!(kind(b"hello", "cv.docx"), Err(ErrorKind::Malformed));
        assert_eq!(
            kind(b"PK\x03\x04rest", "cv.docx"),
            Err(ErrorKind::Unsupported)
        );
        assert_eq!(
            kind(b"\xD0\xCF\x11\xE0....", "cv.doc"),
            Err(ErrorKind::Unsupported)
        );
        assert_eq!(
            kind(b"\x89PNG\r\n", "scan.png"),
            Err(ErrorKind::Unsupported)
        );
        assert_eq!(
            kind(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8], "blob.bin"),
            Err(ErrorKind::Unsupported)
        );
    }
}
