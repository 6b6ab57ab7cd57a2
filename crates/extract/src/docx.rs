//! The DOCX reader: `word/document.xml` through zip + quick-xml, with zip-bomb defences.
//!
//! Paragraphs become lines (`w:br` splits them); heading styles, outline levels and all-bold
//! short paragraphs are heading hints; numbered or bulleted paragraphs get a `"• "` marker.
//! Tables whose cells hold one paragraph each are data: a row is one line, cells joined with
//! `" | "`. Tables with multi-paragraph cells are layout: cells are read one after another.
//! Page headers (`word/header*.xml`, where Word templates often put the name and contact
//! line) come first, each distinct line once. Text boxes (`w:txbxContent`) are read once (the VML fallback copy is skipped); hyperlinks
//! contribute their text.
//!
//! Before inflating anything, the declared sizes of all entries are checked against
//! [`Limits`] (entry count, total size, compression ratio); reads are capped as well, since
//! declared sizes can lie.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use crate::raw::{RawLine, RawText};
use crate::{Error, ErrorKind, Limits};

/// Entries smaller than this are not held to the compression-ratio limit (tiny XML parts
/// compress very well without being bombs).
const RATIO_FLOOR: u64 = 1 << 20;

/// Reads the paragraphs, tables and text boxes of a DOCX file.
pub(crate) fn read_docx(bytes: &[u8], limits: &Limits) -> Result<RawText, Error> {
    let malformed = |e: zip::result::ZipError| {
        Error::new(ErrorKind::Malformed, format!("not a readable DOCX: {e}"))
    };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(malformed)?;
    check_declared_sizes(&mut archive, limits)?;
    let document = read_entry(&mut archive, "word/document.xml", limits)?
        .ok_or_else(|| Error::new(ErrorKind::Malformed, "the DOCX has no word/document.xml"))?;
    let styles = match read_entry(&mut archive, "word/styles.xml", limits)? {
        Some(xml) => heading_styles(&xml),
        None => BTreeMap::new(),
    };
    // Page headers often hold the name and contact line of Word templates: read them first,
    // each distinct line once (first-page and default headers repeat each other). A damaged
    // header part is skipped rather than failing the document.
    let mut header_names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("word/header") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    header_names.sort();
    let mut lines: Vec<RawLine> = Vec::new();
    for name in header_names {
        let Some(xml) = read_entry(&mut archive, &name, limits)? else {
            continue;
        };
        for line in DocumentReader::new(&styles).read(&xml).unwrap_or_default() {
            if !lines.iter().any(|l| l.text == line.text) {
                lines.push(line);
            }
        }
    }
    let from_headers = lines.len();
    lines.extend(DocumentReader::new(&styles).read(&document)?);
    if let Some(first_body_line) = lines.get_mut(from_headers).filter(|_| from_headers > 0) {
        first_body_line.break_before = true;
    }
    Ok(RawText {
        lines,
        pages: None,
        diagnostics: Vec::new(),
    })
}

fn too_large(message: String) -> Error {
    Error::new(ErrorKind::TooLarge, message)
}

/// Rejects archives whose central directory promises too much.
fn check_declared_sizes(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
) -> Result<(), Error> {
    if archive.len() > limits.max_docx_entries {
        return Err(too_large(format!(
            "the DOCX has {} entries, over the limit of {} (Limits::max_docx_entries)",
            archive.len(),
            limits.max_docx_entries
        )));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| {
            Error::new(ErrorKind::Malformed, format!("damaged DOCX entry {i}: {e}"))
        })?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > RATIO_FLOOR && size / packed > limits.max_compression_ratio {
            return Err(too_large(format!(
                "DOCX entry {} expands {}:1, over the limit of {}:1 (Limits::max_compression_ratio); a zip bomb?",
                String::from_utf8_lossy(entry.name_raw()),
                size / packed,
                limits.max_compression_ratio
            )));
        }
    }
    if total > limits.max_docx_uncompressed {
        return Err(too_large(format!(
            "the DOCX would expand to {total} bytes, over the limit of {} (Limits::max_docx_uncompressed)",
            limits.max_docx_uncompressed
        )));
    }
    Ok(())
}

/// Inflates one entry, never more than the limits allow whatever its header says.
fn read_entry(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, Error> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Error::new(
                ErrorKind::Malformed,
                format!("cannot open {name} in the DOCX: {e}"),
            ))
        }
    };
    let packed = entry.compressed_size().max(1);
    let cap = limits.max_docx_uncompressed.min(
        packed
            .saturating_mul(limits.max_compression_ratio)
            .max(RATIO_FLOOR),
    );
    let mut out = Vec::new();
    entry
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| Error::new(ErrorKind::Malformed, format!("cannot inflate {name}: {e}")))?;
    if out.len() as u64 > cap {
        return Err(too_large(format!(
            "{name} inflates past {cap} bytes (compression ratio or size limit); a zip bomb?"
        )));
    }
    Ok(Some(out))
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Style ids that are headings: named "heading N" / "Title", with an outline level, or based
/// on such a style.
fn heading_styles(xml: &[u8]) -> BTreeMap<String, bool> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut based_on: BTreeMap<String, String> = BTreeMap::new();
    let mut heading: BTreeMap<String, bool> = BTreeMap::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    current = attr(&e, b"styleId");
                    if let Some(id) = &current {
                        heading.entry(id.clone()).or_insert(false);
                    }
                }
                b"name" => {
                    if let (Some(id), Some(name)) = (&current, attr(&e, b"val")) {
                        let name = name.to_lowercase();
                        if name.starts_with("heading") || name == "title" {
                            heading.insert(id.clone(), true);
                        }
                    }
                }
                b"outlineLvl" => {
                    if let Some(id) = &current {
                        heading.insert(id.clone(), true);
                    }
                }
                b"basedOn" => {
                    if let (Some(id), Some(base)) = (&current, attr(&e, b"val")) {
                        based_on.insert(id.clone(), base);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    let ids: Vec<String> = heading.keys().cloned().collect();
    for id in ids {
        let mut at = id.clone();
        for _ in 0..8 {
            match based_on.get(&at) {
                Some(base) if heading.get(base).copied().unwrap_or(false) => {
                    heading.insert(id.clone(), true);
                    break;
                }
                Some(base) => at = base.clone(),
                None => break,
            }
        }
    }
    heading
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    heading: bool,
    listed: bool,
    chars: usize,
    bold_chars: usize,
}

/// A table being read: the cells of the current row, each a list of lines.
#[derive(Default)]
struct Table {
    row: Vec<Vec<RawLine>>,
}

struct DocumentReader<'s> {
    styles: &'s BTreeMap<String, bool>,
    out: Vec<RawLine>,
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    fallback_depth: usize,
    in_text: bool,
    in_paragraph_props: bool,
    run_bold: bool,
    pending_break: bool,
}

impl<'s> DocumentReader<'s> {
    fn new(styles: &'s BTreeMap<String, bool>) -> Self {
        DocumentReader {
            styles,
            out: Vec::new(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            fallback_depth: 0,
            in_text: false,
            in_paragraph_props: false,
            run_bold: false,
            pending_break: false,
        }
    }

    fn read(mut self, xml: &[u8]) -> Result<Vec<RawLine>, Error> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            let event = reader.read_event_into(&mut buf).map_err(|e| {
                Error::new(
                    ErrorKind::Malformed,
                    format!("word/document.xml is not well-formed XML: {e}"),
                )
            })?;
            match event {
                Event::Eof => break,
                Event::Start(e) => self.start(&e, false),
                Event::Empty(e) => self.start(&e, true),
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.fallback_depth == 0 => {
                    let text = t
                        .unescape()
                        .map(|c| c.into_owned())
                        .unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned());
                    self.push_text(&text);
                }
                Event::CData(t) if self.in_text && self.fallback_depth == 0 => {
                    self.push_text(&String::from_utf8_lossy(&t));
                }
                _ => {}
            }
            buf.clear();
        }
        Ok(self.out)
    }

    fn push_text(&mut self, text: &str) {
        let bold = self.run_bold;
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
            let n = text.chars().filter(|c| !c.is_whitespace()).count();
            p.chars += n;
            if bold {
                p.bold_chars += n;
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        if name.as_ref() == b"Fallback" {
            if !empty {
                self.fallback_depth += 1;
            }
            return;
        }
        if self.fallback_depth > 0 {
            return;
        }
        match name.as_ref() {
            b"p" if !empty => self.paragraphs.push(Paragraph::default()),
            b"pPr" if !empty => self.in_paragraph_props = true,
            b"pStyle" => {
                let heading = attr(e, b"val").is_some_and(|id| {
                    self.styles.get(&id).copied().unwrap_or_else(|| {
                        let id = id.to_lowercase();
                        id.starts_with("heading") || id == "title"
                    })
                });
                if let Some(p) = self.paragraphs.last_mut() {
                    p.heading |= heading;
                }
            }
            b"outlineLvl" => {
                let level = attr(e, b"val")
                    .and_then(|v| v.parse::<u8>().ok())
                    .unwrap_or(9);
                if let Some(p) = self.paragraphs.last_mut() {
                    p.heading |= level < 9;
                }
            }
            b"numPr" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.listed = true;
                }
            }
            b"r" if !empty => self.run_bold = false,
            b"b" if !self.in_paragraph_props => {
                self.run_bold = !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"));
            }
            b"t" if !empty => self.in_text = true,
            b"tab" if !self.in_paragraph_props => self.push_text("\t"),
            b"br" | b"cr" => self.push_text("\n"),
            b"noBreakHyphen" => self.push_text("-"),
            b"softHyphen" => self.push_text("\u{AD}"),
            b"tbl" if !empty => self.tables.push(Table::default()),
            b"tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            b"tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if name == b"Fallback" {
            self.fallback_depth = self.fallback_depth.saturating_sub(1);
            return;
        }
        if self.fallback_depth > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"pPr" => self.in_paragraph_props = false,
            b"p" => {
                if let Some(p) = self.paragraphs.pop() {
                    self.finish_paragraph(p);
                }
            }
            b"tr" => self.finish_row(),
            b"tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self, p: Paragraph) {
        if p.text.trim().is_empty() {
            self.pending_break = true;
            return;
        }
        let all_bold = p.chars > 0 && p.bold_chars == p.chars && p.text.chars().count() <= 60;
        let heading = p.heading || all_bold;
        let mut lines = Vec::new();
        for (i, piece) in p
            .text
            .split('\n')
            .filter(|s| !s.trim().is_empty())
            .enumerate()
        {
            let text = if p.listed && i == 0 {
                format!("• {piece}")
            } else {
                piece.to_owned()
            };
            let break_before = i == 0 && (std::mem::take(&mut self.pending_break) || heading);
            lines.push(RawLine {
                text,
                heading_hint: heading,
                break_before,
            });
        }
        self.emit(lines, self.tables.len());
    }

    /// A table row: one line of cells joined with " | ", or the cells' lines one after another
    /// when any cell holds several paragraphs (a layout table).
    fn finish_row(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let cells = std::mem::take(&mut table.row);
        let depth = self.tables.len() - 1;
        let layout = cells.iter().any(|c| c.len() > 1);
        if layout {
            for cell in cells {
                let mut cell = cell;
                if let Some(first) = cell.first_mut() {
                    first.break_before = true;
                }
                self.emit(cell, depth);
            }
        } else {
            let texts: Vec<String> = cells
                .iter()
                .filter_map(|c| c.first())
                .map(|l| l.text.trim().to_owned())
                .collect();
            if texts.is_empty() {
                return;
            }
            let heading_hint = cells
                .iter()
                .filter_map(|c| c.first())
                .all(|l| l.heading_hint);
            self.emit(
                vec![RawLine {
                    text: texts.join(" | "),
                    heading_hint,
                    break_before: false,
                }],
                depth,
            );
        }
    }

    /// Appends lines to the open cell of the table at `depth` (1-based), or to the output.
    fn emit(&mut self, lines: Vec<RawLine>, depth: usize) {
        match depth
            .checked_sub(1)
            .and_then(|i| self.tables.get_mut(i))
            .and_then(|t| t.row.last_mut())
        {
            Some(cell) => cell.extend(lines),
            None => self.out.extend(lines),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &str) -> Vec<u8> {
        docx_with(&[("word/document.xml", document)])
    }

    fn docx_with(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, xml) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn page_headers_come_first_once() {
        let header = r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p></w:hdr>"#;
        let bytes = docx_with(&[
            (
                "word/document.xml",
                &body("<w:p><w:r><w:t>Experience</w:t></w:r></w:p>"),
            ),
            ("word/header1.xml", header),
            ("word/header2.xml", header),
        ]);
        let raw = read_docx(&bytes, &Limits::default()).unwrap();
        let texts: Vec<&str> = raw.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Jane Doe", "Experience"]);
        assert!(raw.lines[1].break_before);
    }

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{inner}</w:body></w:document>"#
        )
    }

    fn lines(inner: &str) -> Vec<(String, bool)> {
        read_docx(&docx(&body(inner)), &Limits::default())
            .unwrap()
            .lines
            .into_iter()
            .map(|l| (l.text, l.heading_hint))
            .collect()
    }

    #[test]
    fn paragraphs_styles_breaks_and_lists() {
        let got = lines(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Experience</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">Engineer </w:t></w:r><w:r><w:tab/><w:t>2020 &amp; on</w:t><w:br/><w:t>next</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:hyperlink><w:r><w:t>Built it</w:t></w:r></w:hyperlink></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>SKILLS</w:t></w:r></w:p>"#,
        ));
        let want = [
            ("Experience", true),
            ("Engineer \t2020 & on", false),
            ("next", false),
            ("• Built it", false),
            ("SKILLS", true),
        ];
        assert_eq!(got, want.map(|(t, h)| (t.to_owned(), h)));
    }

    #[test]
    fn tables_and_text_boxes() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let data = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell("Python"),
            cell("SQL")
        );
        let textbox = r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Anchor</w:t></w:r></w:p>"#;
        let texts: Vec<String> = lines(&format!("{data}{textbox}"))
            .into_iter()
            .map(|l| l.0)
            .collect();
        assert_eq!(texts, ["Python | SQL", "Boxed", "Anchor"]);
    }

    #[test]
    fn too_many_entries_is_too_large() {
        let limits = Limits {
            max_docx_entries: 0,
            ..Limits::default()
        };
        let err = read_docx(&docx(&body("")), &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn reads_are_capped_even_when_sizes_lie() {
        let limits = Limits {
            max_docx_uncompressed: 100,
            ..Limits::default()
        };
        let big = body(&"<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(50));
        let err = read_docx(&docx(&big), &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }
}
