//! The plain-text and Markdown reader: decoding (BOMs, UTF-16, legacy code pages) and lines.

use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use regex::Regex;

use crate::raw::{RawLine, RawText};
use crate::{Diagnostic, Format};

/// Decodes `bytes` and splits them into lines. Never fails: undecodable bytes become U+FFFD.
pub(crate) fn read_text(bytes: &[u8], format: Format) -> RawText {
    let (text, guessed) = decode(bytes);
    let mut raw = lines_from_str(&text, format);
    if let Some(encoding) = guessed {
        raw.diagnostics
            .push(Diagnostic::EncodingGuessed { encoding });
    }
    raw
}

/// Decodes bytes to a string; the second value names the encoding when it had to be guessed.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), None);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), None);
    }
    let encoding = utf16_without_bom(bytes).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, true)
    });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let name = if encoding == UTF_8 {
        None
    } else {
        Some(encoding.name().to_ascii_lowercase())
    };
    (text.into_owned(), name)
}

/// UTF-16 without a byte-order mark, recognised by NUL bytes in every other position.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let pairs = bytes.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Splits decoded text into raw lines (CRLF, CR, LF, form feed), marking blank-line breaks;
/// for Markdown, heading markers become heading hints and links show their targets.
pub(crate) fn lines_from_str(text: &str, format: Format) -> RawText {
    let markdown = format == Format::Markdown;
    let mut lines: Vec<RawLine> = Vec::new();
    let mut pending_break = false;
    let text = text.replace("\r\n", "\n");
    for line in text.split(['\n', '\r', '\u{0C}', '\u{2028}', '\u{2029}']) {
        if line.trim().is_empty() {
            pending_break = !lines.is_empty();
            continue;
        }
        let mut raw = RawLine {
            text: line.to_owned(),
            heading_hint: false,
            break_before: pending_break,
        };
        if markdown {
            if is_setext_underline(line) {
                if let Some(prev) = lines.last_mut() {
                    prev.heading_hint = true;
                    continue;
                }
            }
            markdown_line(&mut raw);
        }
        pending_break = false;
        lines.push(raw);
    }
    RawText {
        lines,
        pages: None,
        diagnostics: Vec::new(),
    }
}

fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// Strips ATX heading markers and emphasis, and rewrites `[text](url)` as `text (url)`.
fn markdown_line(line: &mut RawLine) {
    static LINK: OnceLock<Regex> = OnceLock::new();
    let link = LINK.get_or_init(|| Regex::new(r"\[([^\]]*)\]\(([^)\s]+)\)").expect("valid regex"));
    let trimmed = line.text.trim_start();
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        line.text = trimmed[hashes..]
            .trim()
            .trim_end_matches('#')
            .trim_end()
            .to_owned();
        line.heading_hint = true;
        line.break_before = true;
    }
    if line.text.contains("](") {
        line.text = link
            .replace_all(&line.text, |c: &regex::Captures<'_>| {
                if c[1].trim() == c[2].trim() || c[1].trim().is_empty() {
                    c[2].to_owned()
                } else {
                    format!("{} ({})", &c[1], &c[2])
                }
            })
            .into_owned();
    }
    if line.text.contains("**") {
        line.text = line.text.replace("**", "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &RawText) -> Vec<&str> {
        raw.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn decodes_boms_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFJos\xC3\xA9").0, "José");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le), ("Zoë".to_owned(), None));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).0, "Zoë");
        let bare: Vec<u8> = "Resume of Zoë"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&bare),
            ("Resume of Zoë".to_owned(), Some("utf-16le".to_owned()))
        );
    }

    #[test]
    fn guesses_legacy_encodings() {
        let latin1 = b"Ren\xE9 M\xFCller, Software Engineer in Z\xFCrich. Caf\xE9 owner.";
        let (text, guessed) = decode(latin1);
        assert_eq!(
            text,
            "René Müller, Software Engineer in Zürich. Café owner."
        );
        assert_eq!(guessed.as_deref(), Some("windows-1252"));
    }

    #[test]
    fn splits_all_line_ends_and_marks_breaks() {
        let raw = lines_from_str("a\r\nb\rc\n\n\nd\r\n\r\ne", Format::Text);
        assert_eq!(texts(&raw), ["a", "b", "c", "d", "e"]);
        let breaks: Vec<bool> = raw.lines.iter().map(|l| l.break_before).collect();
        assert_eq!(breaks, [false, false, false, true, true]);
    }

    #[test]
    fn markdown_headings_become_hints() {
        let raw = lines_from_str(
            "# Jane Doe\n## Experience ##\nSkills\n------\n[site](https://example.com)",
            Format::Markdown,
        );
        assert_eq!(
            texts(&raw),
            [
                "Jane Doe",
                "Experience",
                "Skills",
                "site (https://example.com)"
            ]
        );
        let hints: Vec<bool> = raw.lines.iter().map(|l| l.heading_hint).collect();
        assert_eq!(hints, [true, true, true, false]);
    }
}
