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

/// The deepest nesting of `[` arrays and `<<` dictionaries pdf_oxide would parse: the file's
/// own bytes (skipping comments and literal strings) and the decoded data of every stream
/// that holds PDF syntax — content streams, form XObjects, object streams — each counted on
/// its own. Image, font, metadata and cross-reference streams are not looked into.
fn max_nesting(bytes: &[u8]) -> usize {
    nesting(bytes, true)
}

/// [`max_nesting`] of `bytes`; the data of the streams in it is decoded and counted only when
/// `streams` (object streams and content streams do not hold streams of their own).
fn nesting(bytes: &[u8], streams: bool) -> usize {
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
            b's' if streams && depth == 0 && stream_starts(bytes, i) => {
                let start = i + b"stream".len();
                let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |at| start + at);
                let dictionary = &bytes[i.saturating_sub(DICTIONARY_WINDOW)..i];
                let dictionary =
                    rfind(dictionary, b"obj").map_or(dictionary, |at| &dictionary[at..]);
                if holds_syntax(dictionary) {
                    max = max.max(nesting(&decoded(dictionary, &bytes[start..end]), false));
                }
                i = end + b"endstream".len();
                continue;
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// Whether a stream's data starts after `bytes[at..]`: the keyword `stream` right after a
/// dictionary's `>>` (elsewhere, as in `[[ stream [[`, the word hides nothing).
fn stream_starts(bytes: &[u8], at: usize) -> bool {
    bytes[at..].starts_with(b"stream") && bytes[..at].trim_ascii_end().ends_with(b">>")
}

/// How far before `stream` its dictionary is looked for.
const DICTIONARY_WINDOW: usize = 4096;

/// Whether a stream with this dictionary (its raw bytes) holds PDF syntax that pdf_oxide
/// parses: not an image, a font program, metadata, an embedded file or a cross-reference table.
fn holds_syntax(dictionary: &[u8]) -> bool {
    let subtype = name_after(dictionary, b"/Subtype");
    let kind = name_after(dictionary, b"/Type");
    !(subtype.is_some_and(|s| s != b"Form")
        || find(dictionary, b"/Length1").is_some()
        || kind.is_some_and(|t| matches!(t, b"XRef" | b"Metadata" | b"EmbeddedFile")))
}

/// The data of a stream after the filters its dictionary names (lopdf decodes them); the data
/// as it is when a filter is unknown or fails, so that nothing escapes the count.
fn decoded(dictionary: &[u8], data: &[u8]) -> Vec<u8> {
    let data = data.strip_prefix(b"\r").unwrap_or(data);
    let data = data.strip_prefix(b"\n").unwrap_or(data);
    let filters = filter_names(dictionary);
    if filters.is_empty() {
        return data.to_vec();
    }
    let filter = lopdf::Object::Array(filters.into_iter().map(lopdf::Object::Name).collect());
    let mut dictionary = lopdf::Dictionary::new();
    dictionary.set("Filter", filter);
    let stream = lopdf::Stream::new(dictionary, data.to_vec());
    match panic_guard::catch(|| stream.decompressed_content()) {
        Ok(Ok(plain)) => plain,
        _ => data.to_vec(),
    }
}

/// The names of `/Filter` in a stream dictionary: one name or an array of names.
fn filter_names(dictionary: &[u8]) -> Vec<Vec<u8>> {
    let Some(at) = find(dictionary, b"/Filter") else {
        return Vec::new();
    };
    let rest = dictionary[at + b"/Filter".len()..].trim_ascii_start();
    let list = match rest.strip_prefix(b"[") {
        Some(array) => &array[..array.iter().position(|&b| b == b']').unwrap_or(array.len())],
        None => rest,
    };
    let mut names = Vec::new();
    for part in list.split(|&b| b == b'/').skip(1) {
        let end = part
            .iter()
            .position(|&b| !is_name_byte(b))
            .unwrap_or(part.len());
        names.push(part[..end].to_vec());
        if rest.first() != Some(&b'[') {
            break;
        }
    }
    names
}

/// The name after `key` in a dictionary's raw bytes (`/Subtype /Image` gives `Image`).
fn name_after<'a>(dictionary: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(at) = find(&dictionary[from..], key) {
        let rest = &dictionary[from + at + key.len()..];
        from += at + key.len();
        if rest.first().is_some_and(|&b| is_name_byte(b)) {
            continue; // a longer key (`/Types`)
        }
        let value = rest.trim_ascii_start().strip_prefix(b"/")?;
        let end = value
            .iter()
            .position(|&b| !is_name_byte(b))
            .unwrap_or(value.len());
        return Some(&value[..end]);
    }
    None
}

/// Whether `b` may appear in a PDF name (not whitespace or a delimiter).
fn is_name_byte(b: u8) -> bool {
    !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b)
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

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_arrays_and_dictionaries_but_not_strings_or_comments() {
        assert_eq!(max_nesting(b"<< /A [1 [2 <</B 3>>]] >>"), 4);
        assert_eq!(max_nesting(b"(([[ \\) ]])) [1]"), 1);
        assert_eq!(max_nesting(b"% [[[[[\n[ ]"), 1);
        // `stream` that does not follow a dictionary does not start stream data.
        assert_eq!(max_nesting(b"1 0 obj [[ stream [[ ]]]] endobj"), 4);
        assert_eq!(max_nesting(b"<< >> endstream [[[ ]]]"), 3);
        assert_eq!(
            max_nesting(&[b"[".repeat(5000), b"]".repeat(5000)].concat()),
            5000
        );
    }

    /// A stream object with the `dictionary` entries (and its /Length) around `data`.
    fn stream(dictionary: &str, data: &[u8]) -> Vec<u8> {
        [
            format!(
                "4 0 obj\n<< {dictionary} /Length {} >>\nstream\n",
                data.len()
            )
            .as_bytes(),
            data,
            b"\nendstream\nendobj\n",
        ]
        .concat()
    }

    #[test]
    fn nesting_inside_content_and_object_streams_counts() {
        let deep = [b"[".repeat(300), b"]".repeat(300)].concat();
        // A content stream, an object stream and a form, each on its own count.
        for dictionary in ["", "/Type /ObjStm /N 1 /First 4", "/Subtype /Form"] {
            assert_eq!(max_nesting(&stream(dictionary, &deep)), 300, "{dictionary}");
        }
        // ... also when compressed (lopdf inflates the data).
        let mut packed = lopdf::Stream::new(lopdf::Dictionary::new(), deep.clone());
        packed.compress().unwrap();
        assert!(packed.content.len() < 100);
        let compressed = stream("/Filter [/FlateDecode]", &packed.content);
        assert_eq!(max_nesting(&compressed), 300);
        let compressed = stream("/Filter/FlateDecode", &packed.content);
        assert_eq!(max_nesting(&compressed), 300);
        // Binary streams (images, fonts) are not syntax and are not counted.
        for dictionary in ["/Subtype /Image /Width 8", "/Length1 600", "/Type/XRef"] {
            assert_eq!(max_nesting(&stream(dictionary, &deep)), 1, "{dictionary}");
        }
    }

    #[test]
    fn stream_dictionaries_give_their_filters_and_names() {
        assert_eq!(
            filter_names(b"<< /Filter /FlateDecode /Length 3"),
            [b"FlateDecode"]
        );
        assert_eq!(
            filter_names(b"<</Filter[/ASCII85Decode/FlateDecode]>>"),
            [b"ASCII85Decode".to_vec(), b"FlateDecode".to_vec()]
        );
        assert!(filter_names(b"<< /Length 3 >>").is_empty());
        assert_eq!(
            name_after(b"<< /Type1 /X /Type /Page", b"/Type"),
            Some(&b"Page"[..])
        );
        assert_eq!(name_after(b"<< /Type 3 >>", b"/Type"), None);
    }
}
