//! A [`pdf_extract::OutputDev`] that collects positioned glyphs with correct widths.
//!
//! pdf-extract reports every glyph with its text rendering matrix, the font size and the
//! advance width it believes in. For CID fonts whose `/W` ranges it dropped, that width is
//! wrong, and so is the pen position of every later glyph of the same string (it advances the
//! text matrix by the wrong width until the next `Td`/`Tm`/`T*`, which reports `end_line`).
//! [`GlyphCollector`] takes the correct widths from the page's [`Show`]s, recomputes each
//! glyph's extent, and subtracts the accumulated drift from its position.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::shows::Show;

/// One glyph on a page, in points, with y growing downwards from the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Glyph {
    /// Left edge of the advance box.
    pub x0: f64,
    /// Right edge of the advance box.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Font size in device space.
    pub size: f64,
    /// Decoded text (usually one character; ligatures decode to several).
    pub text: String,
    /// Drawn in a bold font.
    pub bold: bool,
    /// Not upright: rotated, skewed or mirrored text.
    pub rotated: bool,
}

impl Glyph {
    /// Returns true if and only if the glyph draws nothing but white space.
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// What pdf-extract reported for one glyph, before correction.
#[derive(Debug)]
struct Reported {
    trm: Transform,
    width: f64,
    font_size: f64,
    text: String,
}

/// Collects the glyphs of one page.
#[derive(Debug)]
pub(super) struct GlyphCollector<'s> {
    shows: Option<&'s [Show]>,
    next_show: usize,
    current: Option<&'s Show>,
    word: Vec<Reported>,
    /// Device-space error of pdf-extract's pen position since the last positioning operator.
    drift: (f64, f64),
    /// Top and left of the media box, for flipping into top-down coordinates.
    top: f64,
    left: f64,
    width: f64,
    height: f64,
    /// Glyphs of the page in content order.
    pub glyphs: Vec<Glyph>,
}

impl<'s> GlyphCollector<'s> {
    /// A collector for a page whose shows are known (`Some`) or not.
    pub fn new(shows: Option<&'s [Show]>) -> GlyphCollector<'s> {
        GlyphCollector {
            shows,
            next_show: 0,
            current: None,
            word: Vec::new(),
            drift: (0.0, 0.0),
            top: 0.0,
            left: 0.0,
            width: 0.0,
            height: 0.0,
            glyphs: Vec::new(),
        }
    }

    /// Converts the buffered glyphs of one shown string.
    fn finish_word(&mut self) {
        let show = self.current.take();
        let word = std::mem::take(&mut self.word);
        let matches = show.is_some_and(|s| s.glyphs.is_none_or(|n| n == word.len()));
        if show.is_some() && !matches {
            // From here on the shadow walk and pdf-extract disagree; trust neither fonts nor widths.
            self.shows = None;
        }
        let show = show.filter(|_| matches);
        let bold = show.and_then(|s| s.font.as_ref()).is_some_and(|f| f.bold);
        for (i, g) in word.into_iter().enumerate() {
            let t = &g.trm;
            let width = show
                .and_then(|s| s.widths.as_ref())
                .and_then(|w| w.get(i))
                .map_or(g.width, |w| w / 1000.0);
            let (x, y) = (t.m31 - self.drift.0, t.m32 - self.drift.1);
            // pdf-extract advanced the pen by `g.width`; the font advances it by `width`.
            let error = (g.width - width) * g.font_size;
            self.drift.0 += error * t.m11;
            self.drift.1 += error * t.m12;
            let rotated = t.m11 <= 0.0
                || t.m22 <= 0.0
                || t.m12.abs() > 1e-3 * t.m11
                || t.m21.abs() > 1e-3 * t.m22;
            let size = g.font_size * (t.m11 * t.m22 - t.m12 * t.m21).abs().sqrt();
            let text = clean_glyph_text(&g.text);
            if text.is_empty() || !size.is_finite() || size <= 0.0 {
                continue;
            }
            let (x0, y) = (x - self.left, self.top - y);
            if !(-size..=self.width + size).contains(&x0)
                || !(-size..=self.height + size).contains(&y)
            {
                continue; // outside the page: not visible
            }
            let advance = width * g.font_size * t.m11;
            self.glyphs.push(Glyph {
                x0,
                x1: x0 + advance.max(0.0),
                y,
                size,
                text,
                bold,
                rotated,
            });
        }
    }
}

/// The text of a glyph as it reads on the page: control characters removed, an icon font's
/// glyph name (one glyph decoding to "GITHUB-SQUARE") dropped, and a drawn soft hyphen —
/// visible, so a real hyphen — written as `-`.
fn clean_glyph_text(text: &str) -> String {
    let is_glyph_name = text.chars().count() >= 3
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && text.chars().any(|c| c.is_ascii_uppercase());
    if is_glyph_name {
        return String::new();
    }
    text.chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .map(|c| match c {
            '\u{00AD}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

impl OutputDev for GlyphCollector<'_> {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.left = media_box.llx;
        self.width = (media_box.urx - media_box.llx).abs();
        self.height = (media_box.ury - media_box.lly).abs();
        self.drift = (0.0, 0.0);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.word.push(Reported {
            trm: *trm,
            width,
            font_size,
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.current = self.shows.and_then(|s| s.get(self.next_show));
        self.next_show += 1;
        if self.shows.is_some() && self.current.is_none() {
            self.shows = None; // pdf-extract showed more strings than the walk found
        }
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.finish_word();
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.drift = (0.0, 0.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_are_dropped_and_soft_hyphens_drawn() {
        assert_eq!(clean_glyph_text("GITHUB-SQUARE"), "");
        assert_eq!(clean_glyph_text("HOUSE-CHIMNEY"), "");
        assert_eq!(clean_glyph_text("ENVELOPE"), "");
        assert_eq!(clean_glyph_text("A"), "A");
        assert_eq!(clean_glyph_text("ffi"), "ffi");
        assert_eq!(clean_glyph_text("\u{00AD}"), "-");
        assert_eq!(clean_glyph_text("\u{0}"), "");
        assert_eq!(clean_glyph_text("\t"), " ");
    }
}
