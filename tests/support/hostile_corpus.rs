//! A deterministic corpus of hostile resumes, generated from the good fixtures: truncations,
//! bit flips, overwritten blocks, swapped PDF objects, huge declared `/Length`s and xref
//! offsets, deeply nested arrays and dictionaries, a page tree that loops, DOCX archives that
//! declare huge sizes or too many entries, and text files that are huge or binary.
//!
//! Shared by `tests/hostile.rs` (a small corpus in the normal suite) and
//! `examples/reliability.rs` (a larger one for the README's reliability table). The same
//! `variants` gives byte-identical files on every run and machine.

use std::path::{Path, PathBuf};

/// One generated file: its name (an index prefix keeps the folder walk in generation order)
/// and its bytes.
#[derive(Clone, Debug)]
pub struct HostileFile {
    /// File name, `NNN-<source>-<mutation>.<ext>`.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// A small deterministic generator (xorshift64*), so the corpus needs no RNG crate.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value; 0 is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Builds the corpus from `pdfs` and `docxs` (name stem, bytes); `variants` is how many
/// random variants of each random mutation kind are made per source file.
pub fn generate(
    pdfs: &[(impl AsRef<str>, Vec<u8>)],
    docxs: &[(impl AsRef<str>, Vec<u8>)],
    variants: usize,
) -> Vec<HostileFile> {
    let mut out: Vec<(String, &str, Vec<u8>)> = Vec::new();
    for (seed, (stem, bytes)) in pdfs.iter().enumerate() {
        for (what, b) in pdf_mutations(bytes, variants, seed as u64) {
            out.push((format!("{}-{what}", stem.as_ref()), "pdf", b));
        }
    }
    for (what, b) in crafted_pdfs() {
        out.push((format!("crafted-{what}"), "pdf", b));
    }
    for (seed, (stem, bytes)) in docxs.iter().enumerate() {
        for (what, b) in docx_mutations(bytes, variants, 1000 + seed as u64) {
            out.push((format!("{}-{what}", stem.as_ref()), "docx", b));
        }
    }
    for (what, b) in crafted_docx() {
        out.push((format!("crafted-{what}"), "docx", b));
    }
    for (what, b) in hostile_text() {
        out.push((format!("crafted-{what}"), "txt", b));
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (name, ext, bytes))| HostileFile {
            name: format!("{i:03}-{name}.{ext}"),
            bytes,
        })
        .collect()
}

/// Writes `files` into `dir` (created, emptied first) and returns their paths in order.
pub fn write(dir: &Path, files: &[HostileFile]) -> std::io::Result<Vec<PathBuf>> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    files
        .iter()
        .map(|f| {
            let path = dir.join(&f.name);
            std::fs::write(&path, &f.bytes).map(|()| path)
        })
        .collect()
}

fn truncations(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    [10, 100, 500, 900, 995]
        .iter()
        .map(|per_mille| {
            let at = bytes.len() * per_mille / 1000;
            (format!("truncated-{per_mille}"), bytes[..at].to_vec())
        })
        .collect()
}

fn bit_flips(bytes: &[u8], rng: &mut Rng, flips: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for _ in 0..flips {
        let at = rng.below(b.len());
        b[at] ^= 1 << rng.below(8);
    }
    b
}

fn overwritten_block(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let len = 256.min(b.len());
    let at = rng.below(b.len() - len + 1);
    for x in &mut b[at..at + len] {
        *x = rng.next() as u8;
    }
    b
}

/// Byte ranges `N G obj … endobj` of the top-level objects, in file order.
fn object_ranges(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while let Some(start) = find(&bytes[i..], b" obj").map(|p| p + i) {
        let Some(end) = find(&bytes[start..], b"endobj").map(|p| start + p + 6) else {
            break;
        };
        let line_start = bytes[..start]
            .iter()
            .rposition(|&c| c == b'\n' || c == b'\r')
            .map_or(0, |p| p + 1);
        ranges.push((line_start, end));
        i = end;
    }
    ranges
}

/// Swaps the bodies of two objects (their bytes move; the xref offsets stay).
fn swapped_objects(bytes: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let objects = object_ranges(bytes);
    if objects.len() < 2 {
        return None;
    }
    let a = rng.below(objects.len());
    let mut b = rng.below(objects.len() - 1);
    if b >= a {
        b += 1;
    }
    let (first, second) = if a < b {
        (objects[a], objects[b])
    } else {
        (objects[b], objects[a])
    };
    let mut out = bytes[..first.0].to_vec();
    out.extend_from_slice(&bytes[second.0..second.1]);
    out.extend_from_slice(&bytes[first.1..second.0]);
    out.extend_from_slice(&bytes[first.0..first.1]);
    out.extend_from_slice(&bytes[second.1..]);
    Some(out)
}

/// Replaces the number after every occurrence of `key` with `value`.
fn replace_numbers_after(bytes: &[u8], key: &[u8], value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], key).map(|p| p + i) {
        let mut j = p + key.len();
        out.extend_from_slice(&bytes[i..j]);
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            out.push(bytes[j]);
            j += 1;
        }
        let digits = bytes[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            out.extend_from_slice(value);
        }
        i = j + digits;
    }
    out.extend_from_slice(&bytes[i..]);
    out
}

/// Rewrites every xref entry's offset (`0000012345 00000 n`) to a huge one.
fn huge_xref_offsets(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut i = 0;
    while let Some(p) = find(&out[i..], b" 00000 n").map(|p| p + i) {
        if p >= 10 && out[p - 10..p].iter().all(u8::is_ascii_digit) {
            out[p - 10..p].copy_from_slice(b"9999999999");
        }
        i = p + 8;
    }
    out
}

fn pdf_mutations(bytes: &[u8], variants: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::new(seed);
    let mut out = truncations(bytes);
    for v in 0..variants {
        out.push((format!("bitflip-{v}"), bit_flips(bytes, &mut rng, 16)));
        out.push((
            format!("overwritten-{v}"),
            overwritten_block(bytes, &mut rng),
        ));
        if let Some(b) = swapped_objects(bytes, &mut rng) {
            out.push((format!("swapped-objects-{v}"), b));
        }
    }
    out.push((
        "huge-length".into(),
        replace_numbers_after(bytes, b"/Length", b"99999999999"),
    ));
    out.push((
        "huge-startxref".into(),
        replace_numbers_after(bytes, b"startxref", b"99999999999"),
    ));
    out.push(("huge-xref-offsets".into(), huge_xref_offsets(bytes)));
    out.push((
        "huge-size".into(),
        replace_numbers_after(bytes, b"/Size", b"2147483647"),
    ));
    out
}

/// A one-page PDF with a correct xref table around the given objects (1-based numbering).
pub fn pdf_from_objects(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict_extra: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {}{dict_extra} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

const FONT: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
const TEXT: &[u8] =
    b"BT /F1 11 Tf 72 720 Td (Jane Doe, ML Engineer: Python, PyTorch, Kubernetes) Tj ET";

/// The objects of a good one-page PDF, for the crafted variants to break one piece of.
fn page_objects(page_extra: &str, kids: &str, count: &str, content: Vec<u8>) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {count} >>").into_bytes(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R{page_extra} >>"
        )
        .into_bytes(),
        content,
        FONT.as_bytes().to_vec(),
    ]
}

fn crafted_pdfs() -> Vec<(String, Vec<u8>)> {
    let nested = |open: &str, close: &str, depth: usize| {
        format!(" /Deep {}{}", open.repeat(depth), close.repeat(depth))
    };
    let mut many_ops = Vec::new();
    for i in 0..4_000 {
        many_ops.extend_from_slice(
            format!(
                "BT /F1 9 Tf 72 {} Td (Python PyTorch line {i}) Tj ET\n",
                700 - i % 600
            )
            .as_bytes(),
        );
    }
    vec![
        (
            "good".into(),
            pdf_from_objects(&page_objects("", "3 0 R", "1", stream("", TEXT))),
        ),
        (
            "nested-arrays".into(),
            pdf_from_objects(&page_objects(
                &nested("[", "]", 100_000),
                "3 0 R",
                "1",
                stream("", TEXT),
            )),
        ),
        (
            "unclosed-arrays".into(),
            pdf_from_objects(&page_objects(
                &"[".repeat(200_000),
                "3 0 R",
                "1",
                stream("", TEXT),
            )),
        ),
        (
            "nested-dicts".into(),
            pdf_from_objects(&page_objects(
                &nested("<< /A ", " >>", 50_000),
                "3 0 R",
                "1",
                stream("", TEXT),
            )),
        ),
        (
            "page-tree-loop".into(),
            pdf_from_objects(&page_objects("", "2 0 R 3 0 R", "2", stream("", TEXT))),
        ),
        (
            "huge-page-count".into(),
            pdf_from_objects(&page_objects("", "3 0 R", "999999999", stream("", TEXT))),
        ),
        (
            "content-huge-length".into(),
            pdf_from_objects(&page_objects(
                "",
                "3 0 R",
                "1",
                stream(" /Length 99999999999", TEXT),
            )),
        ),
        (
            "flate-garbage".into(),
            pdf_from_objects(&page_objects(
                "",
                "3 0 R",
                "1",
                stream(
                    " /Filter /FlateDecode",
                    &[0x78, 0x9c, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01],
                ),
            )),
        ),
        (
            "many-text-ops".into(),
            pdf_from_objects(&page_objects("", "3 0 R", "1", stream("", &many_ops))),
        ),
    ]
}

fn docx_mutations(bytes: &[u8], variants: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<(String, Vec<u8>)> = truncations(bytes).into_iter().step_by(2).collect();
    for v in 0..variants {
        out.push((format!("bitflip-{v}"), bit_flips(bytes, &mut rng, 16)));
        out.push((
            format!("overwritten-{v}"),
            overwritten_block(bytes, &mut rng),
        ));
    }
    out.push(("huge-declared-size".into(), huge_declared_sizes(bytes)));
    out.push(("huge-entry-count".into(), huge_entry_count(bytes)));
    let mut no_body = bytes.to_vec();
    replace_all(&mut no_body, b"word/document.xml", b"word/documenX.xml");
    out.push(("renamed-document-xml".into(), no_body));
    out
}

/// Sets every declared uncompressed size (local headers and central directory) to ~4 GiB.
fn huge_declared_sizes(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for (sig, offset) in [(&b"PK\x03\x04"[..], 22), (&b"PK\x01\x02"[..], 24)] {
        let mut i = 0;
        while let Some(p) = find(&out[i..], sig).map(|p| p + i) {
            if p + offset + 4 <= out.len() {
                out[p + offset..p + offset + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
            }
            i = p + 4;
        }
    }
    out
}

/// Claims 65,535 entries in the end-of-central-directory record.
fn huge_entry_count(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if let Some(p) = rfind(&out, b"PK\x05\x06") {
        if p + 12 <= out.len() {
            out[p + 8..p + 12].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        }
    }
    out
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

fn document_xml(body: &[u8]) -> Vec<u8> {
    let mut x = br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#.to_vec();
    x.extend_from_slice(body);
    x.extend_from_slice(b"</w:body></w:document>");
    x
}

fn crafted_docx() -> Vec<(String, Vec<u8>)> {
    let paragraph =
        b"<w:p><w:r><w:t>Jane Doe. Skills: Python, PyTorch, Kubernetes.</w:t></w:r></w:p>";
    let good = stored_zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.to_vec()),
        ("word/document.xml", document_xml(paragraph)),
    ]);
    let deep = {
        let mut body = b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>".to_vec();
        body.splice(0..0, b"<w:sdt><w:sdtContent>".repeat(100_000));
        body.extend_from_slice(&b"</w:sdtContent></w:sdt>".repeat(100_000));
        stored_zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.to_vec()),
            ("word/document.xml", document_xml(&body)),
        ])
    };
    let many_entries = {
        let mut entries = vec![
            ("[Content_Types].xml".to_owned(), CONTENT_TYPES.to_vec()),
            ("word/document.xml".to_owned(), document_xml(paragraph)),
        ];
        entries.extend((0..3000).map(|i| (format!("word/media/image{i}.bin"), vec![0u8; 4])));
        let refs: Vec<(&str, Vec<u8>)> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.clone()))
            .collect();
        stored_zip(&refs)
    };
    let huge_text = {
        let mut body = b"<w:p><w:r><w:t>".to_vec();
        body.extend_from_slice(&b"Python PyTorch Kubernetes ".repeat(200_000));
        body.extend_from_slice(b"</w:t></w:r></w:p>");
        stored_zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.to_vec()),
            ("word/document.xml", document_xml(&body)),
        ])
    };
    vec![
        ("good".into(), good),
        ("nested-xml".into(), deep),
        ("many-entries".into(), many_entries),
        ("huge-text".into(), huge_text),
    ]
}

fn hostile_text() -> Vec<(String, Vec<u8>)> {
    let mut one_line = b"Skills: ".to_vec();
    one_line.extend_from_slice(&b"Python, Go, C++, Kubernetes, ".repeat(100_000));
    let mut invalid = Vec::new();
    for i in 0..20_000u32 {
        invalid.extend_from_slice(b"Python \xff\xfe\xc3 ");
        invalid.push((i % 256) as u8);
    }
    vec![
        ("one-huge-line".into(), one_line),
        ("nul-bytes".into(), vec![0u8; 100_000]),
        ("invalid-utf8".into(), invalid),
    ]
}

/// A zip archive with `entries` stored uncompressed (method 0), valid CRCs and directory.
pub fn stored_zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // version made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk number, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend_from_slice(&header(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        central.extend_from_slice(&header(b"PK\x01\x02", true));
    }
    let dir_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE), bit by bit: small inputs only.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], from).map(|p| p + i) {
        bytes[p..p + to.len()].copy_from_slice(to);
        i = p + to.len();
    }
}
