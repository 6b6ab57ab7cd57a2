//! What the layout needs to know about a font: boldness and correct composite-font widths.
//!
//! pdf-extract 0.12.1 parses a CID font's `/W` array but drops the range form
//! `c_first c_last w`, so those glyphs get the `/DW` default width (often 0 in Chromium/Skia
//! output). The glyph advance it reports is then wrong, and gap-based word splitting inserts
//! spaces between letters ("Seattle, W A"). [`CidWidths`] reads `/W` completely. Type3 fonts
//! (Chromium's fallback for some system fonts) have the same problem another way: pdf-extract
//! reads their `/Widths` as thousandths of an em and ignores `/FontMatrix`, so with the usual
//! 2048-unit matrix every glyph is twice as wide as drawn and glyphs seem to overlap. The
//! glyph collector takes the widths from [`FontInfo::advances`] to recompute every glyph's
//! extent and position.

use lopdf::{Dictionary, Document, Object};

/// Layout facts about one font resource.
#[derive(Debug, Default)]
pub(super) struct FontInfo {
    /// The font is bold by name (…Bold, …Black, CMBX…), weight (≥ 600) or the ForceBold flag.
    pub bold: bool,
    /// The font is a composite (Type0) font, whose character codes may be several bytes long.
    pub composite: bool,
    /// Where correct advance widths come from.
    advances: Advances,
}

/// Where a font's correct advance widths come from.
#[derive(Debug, Default)]
enum Advances {
    /// pdf-extract's own widths are right, or the codes cannot be split here.
    #[default]
    Reported,
    /// Two-byte Identity codes (code = CID); widths from `/W` and `/DW`.
    Cid(CidWidths),
    /// One-byte codes of a Type3 font: `/Widths` from `first` on, in thousandths of an em.
    Type3 { first: u32, widths: Vec<f64> },
}

impl FontInfo {
    /// Reads a font dictionary. Never fails: unknown parts are left at their defaults.
    pub fn from_dict(doc: &Document, font: &Dictionary) -> FontInfo {
        let base_font = name_of(doc, font, b"BaseFont").unwrap_or_default();
        let descendant = descendant_font(doc, font);
        let descriptor = descendant
            .unwrap_or(font)
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| dict(doc, o));
        let bold =
            bold_by_name(&base_font) || descriptor.is_some_and(|d| bold_by_descriptor(doc, d));
        let advances = match descendant {
            Some(cid_font) if is_two_byte_identity(doc, font) => {
                Advances::Cid(CidWidths::from_cid_font(doc, cid_font))
            }
            None if name_of(doc, font, b"Subtype").as_deref() == Some("Type3") => {
                type3_advances(doc, font).unwrap_or_default()
            }
            _ => Advances::Reported,
        };
        FontInfo {
            bold,
            composite: descendant.is_some(),
            advances,
        }
    }

    /// The correct advance widths (thousandths of an em) of the glyphs `bytes` shows, when
    /// pdf-extract's are wrong; `None` when its own are right or cannot be corrected.
    pub fn advances(&self, bytes: &[u8]) -> Option<Vec<f64>> {
        match &self.advances {
            Advances::Reported => None,
            Advances::Cid(w) => Some(
                bytes
                    .chunks_exact(2)
                    .map(|c| w.width(u32::from(u16::from_be_bytes([c[0], c[1]]))))
                    .collect(),
            ),
            Advances::Type3 { first, widths } => bytes
                .iter()
                .map(|&b| {
                    widths
                        .get(u32::from(b).checked_sub(*first)? as usize)
                        .copied()
                })
                .collect(),
        }
    }

    /// How many glyphs pdf-extract reports for `bytes`, when the code length is known.
    pub fn glyph_count(&self, bytes: &[u8]) -> Option<usize> {
        match self.advances {
            Advances::Cid(_) => Some(bytes.len() / 2),
            _ if !self.composite => Some(bytes.len()),
            _ => None,
        }
    }
}

/// A Type3 font's `/Widths` scaled by its `/FontMatrix` to thousandths of an em.
fn type3_advances(doc: &Document, font: &Dictionary) -> Option<Advances> {
    let first = font
        .get(b"FirstChar")
        .ok()
        .and_then(|o| number(doc, o))
        .and_then(cid)?;
    let matrix = array(doc, font.get(b"FontMatrix").ok()?)?;
    let scale = number(doc, matrix.first()?)? * 1000.0;
    let widths = array(doc, font.get(b"Widths").ok()?)?;
    let widths = widths
        .iter()
        .map(|w| number(doc, w).map(|w| w * scale))
        .collect::<Option<_>>()?;
    Some(Advances::Type3 { first, widths })
}

/// Advance widths (in thousandths of an em) of a CID font, from `/W` and `/DW`.
#[derive(Debug, Default, PartialEq)]
pub(super) struct CidWidths {
    /// Sorted, non-overlapping `(first_cid, last_cid, width)` runs.
    runs: Vec<(u32, u32, f64)>,
    /// `/DW`, 1000 when absent.
    default: f64,
}

impl CidWidths {
    /// Reads `/W` (both the `c [w1 w2 …]` and the `c_first c_last w` forms) and `/DW`.
    pub fn from_cid_font(doc: &Document, cid_font: &Dictionary) -> CidWidths {
        let default = cid_font
            .get(b"DW")
            .ok()
            .and_then(|o| number(doc, o))
            .unwrap_or(1000.0);
        let entries = cid_font
            .get(b"W")
            .ok()
            .and_then(|o| array(doc, o))
            .map(Vec::as_slice);
        CidWidths::parse(entries.unwrap_or_default(), default, doc)
    }

    /// Parses a `/W` array; a malformed tail is ignored.
    fn parse(w: &[Object], default: f64, doc: &Document) -> CidWidths {
        let mut runs = Vec::new();
        let mut i = 0;
        while i + 1 < w.len() {
            let Some(first) = number(doc, &w[i]).and_then(cid) else {
                break;
            };
            if let Some(widths) = array(doc, &w[i + 1]) {
                for (k, width) in widths.iter().enumerate() {
                    if let Some(width) = number(doc, width) {
                        let c = first.saturating_add(k as u32);
                        runs.push((c, c, width));
                    }
                }
                i += 2;
            } else {
                let last = number(doc, &w[i + 1]).and_then(cid);
                let width = w.get(i + 2).and_then(|o| number(doc, o));
                let (Some(last), Some(width)) = (last, width) else {
                    break;
                };
                if last >= first {
                    runs.push((first, last, width));
                }
                i += 3;
            }
        }
        // Overlapping entries are malformed; the later of two overlapping runs wins.
        runs.sort_by_key(|&(first, _, _)| first);
        let mut merged: Vec<(u32, u32, f64)> = Vec::with_capacity(runs.len());
        for run in runs {
            match merged.last_mut() {
                Some(prev) if run.0 <= prev.1 => *prev = run,
                _ => merged.push(run),
            }
        }
        CidWidths {
            runs: merged,
            default,
        }
    }

    /// The advance width of `cid`, in thousandths of an em.
    pub fn width(&self, cid: u32) -> f64 {
        let i = self.runs.partition_point(|&(_, last, _)| last < cid);
        match self.runs.get(i) {
            Some(&(first, _, width)) if first <= cid => width,
            _ => self.default,
        }
    }
}

/// Returns true if and only if a font name says bold (subset prefix ignored).
fn bold_by_name(base_font: &str) -> bool {
    let name = base_font
        .split_once('+')
        .map_or(base_font, |(_, n)| n)
        .to_ascii_lowercase();
    ["bold", "black", "heavy", "demi", "semibd"]
        .iter()
        .any(|w| name.contains(w))
        || name.starts_with("cmbx")
        || name.starts_with("sfbx")
}

/// Returns true if and only if a font descriptor has `/FontWeight` ≥ 600 or the ForceBold flag.
fn bold_by_descriptor(doc: &Document, descriptor: &Dictionary) -> bool {
    const FORCE_BOLD: i64 = 1 << 18;
    let weight = descriptor
        .get(b"FontWeight")
        .ok()
        .and_then(|o| number(doc, o));
    let flags = descriptor
        .get(b"Flags")
        .ok()
        .and_then(|o| number(doc, o))
        .map(|f| f as i64);
    weight.is_some_and(|w| w >= 600.0) || flags.is_some_and(|f| f & FORCE_BOLD != 0)
}

/// The first descendant of a Type0 font.
fn descendant_font<'d>(doc: &'d Document, font: &'d Dictionary) -> Option<&'d Dictionary> {
    if name_of(doc, font, b"Subtype").as_deref() != Some("Type0") {
        return None;
    }
    let descendants = array(doc, font.get(b"DescendantFonts").ok()?)?;
    dict(doc, descendants.first()?)
}

/// Returns true if and only if the font's `/Encoding` is `Identity-H` or `Identity-V`,
/// the two-byte CMaps where the character code is the CID.
fn is_two_byte_identity(doc: &Document, font: &Dictionary) -> bool {
    matches!(
        name_of(doc, font, b"Encoding").as_deref(),
        Some("Identity-H" | "Identity-V")
    )
}

fn name_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    let (_, o) = doc.dereference(d.get(key).ok()?).ok()?;
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

pub(super) fn dict<'d>(doc: &'d Document, o: &'d Object) -> Option<&'d Dictionary> {
    doc.dereference(o).ok()?.1.as_dict().ok()
}

fn array<'d>(doc: &'d Document, o: &'d Object) -> Option<&'d Vec<Object>> {
    doc.dereference(o).ok()?.1.as_array().ok()
}

fn number(doc: &Document, o: &Object) -> Option<f64> {
    match doc.dereference(o).ok()?.1 {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn cid(n: f64) -> Option<u32> {
    (n >= 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Object::{Array, Integer, Real};

    #[test]
    fn reads_range_entries_that_pdf_extract_drops() {
        let doc = Document::new();
        // The Skia form: one range for a monospace font, DW 0.
        let w = CidWidths::parse(&[Integer(0), Integer(92), Real(602.05)], 0.0, &doc);
        assert!((w.width(0) - 602.05).abs() < 0.01);
        assert!((w.width(92) - 602.05).abs() < 0.01);
        assert_eq!(w.width(93), 0.0);
    }

    #[test]
    fn mixes_array_and_range_entries() {
        let doc = Document::new();
        let w = CidWidths::parse(
            &[
                Integer(3),
                Array(vec![Integer(250), Real(333.5)]),
                Integer(10),
                Integer(20),
                Integer(500),
                Integer(40),
                Array(vec![Integer(700)]),
            ],
            1000.0,
            &doc,
        );
        assert_eq!(w.width(3), 250.0);
        assert_eq!(w.width(4), 333.5);
        assert_eq!(w.width(5), 1000.0);
        assert_eq!(w.width(10), 500.0);
        assert_eq!(w.width(15), 500.0);
        assert_eq!(w.width(20), 500.0);
        assert_eq!(w.width(21), 1000.0);
        assert_eq!(w.width(40), 700.0);
    }

    #[test]
    fn stops_at_a_malformed_tail() {
        let doc = Document::new();
        let w = CidWidths::parse(
            &[Integer(1), Array(vec![Integer(100)]), Integer(5)],
            0.0,
            &doc,
        );
        assert_eq!(w.width(1), 100.0);
        assert_eq!(w.width(5), 0.0);
    }

    #[test]
    fn recognises_bold_names() {
        for name in [
            "AAAAAA+Georgia-Bold",
            "Arial-BoldMT",
            "CMBX12",
            "Roboto-Black",
            "OpenSans-SemiBold",
        ] {
            assert!(bold_by_name(name), "{name}");
        }
        for name in ["BAAAAA+Menlo-Regular", "CMR10", "Helvetica", "Lato-Italic"] {
            assert!(!bold_by_name(name), "{name}");
        }
    }
}
