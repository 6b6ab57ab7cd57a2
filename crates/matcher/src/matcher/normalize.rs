//! Text normalization for matching, with a byte map back to the original text.
//!
//! Matching runs over a folded copy of the text: NFKC, lower case, every dash and quote
//! variant unified, soft hyphens and zero-width characters dropped, tabs as spaces.
//! Folding changes byte lengths ("ﬁ" → "fi", "Σ" → "σ"), so the folded text carries a
//! piecewise map back: ASCII runs byte for byte, each folded non-ASCII character to the
//! whole original character. Evidence spans are always
//! mapped back: the original text is never replaced.

use compact_str::CompactString;
use rolefit_extract::Span;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The folded text and its map back to the original.
#[derive(Debug)]
pub(crate) struct Normalized {
    text: String,
    /// The map, piece by piece, sorted by folded offset: ASCII runs map byte for byte, and
    /// the bytes folded from one non-ASCII character all map to that whole character.
    /// Empty when the folding kept every byte in place (ASCII input, or every character
    /// folded to as many bytes as it had).
    pieces: Vec<Piece>,
    /// For every [`BLOCK`] bytes of the folded text, the piece holding the block's first
    /// byte: a lookup searches only the pieces of one block.
    blocks: Vec<u32>,
}

/// Folded bytes per entry of `Normalized::blocks`.
const BLOCK: usize = 64;

/// One piece of the folded-to-original map.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Where the piece starts in the folded text.
    folded: u32,
    /// Where it starts in the original.
    original: u32,
    /// The length of the original character, or 0 for a byte-for-byte run.
    char_len: u8,
}

impl Normalized {
    /// Folds `original`.
    pub(crate) fn new(original: &str) -> Normalized {
        if original.is_ascii() {
            let mut text = original.to_owned();
            fold_ascii_in_place(&mut text);
            return Normalized {
                text,
                pieces: Vec::new(),
                blocks: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len() + 16);
        let mut cache = FoldCache::default();
        let mut pieces = Vec::new();
        let mut rest = original;
        let mut at = 0usize;
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        while !rest.is_empty() {
            // ASCII runs fold byte for byte.
            let ascii = ascii_prefix_len(rest.as_bytes());
            if ascii > 0 {
                pieces.push(Piece {
                    folded: offset(text.len()),
                    original: offset(at),
                    char_len: 0,
                });
                text.push_str(&rest[..ascii]);
                at += ascii;
                rest = &rest[ascii..];
            }
            let Some(c) = rest.chars().next() else { break };
            let len = c.len_utf8();
            pieces.push(Piece {
                folded: offset(text.len()),
                original: offset(at),
                char_len: len as u8,
            });
            cache.fold(c, &mut text);
            at += len;
            rest = &rest[len..];
        }
        // ASCII runs were copied as they are; non-ASCII characters folded already, and
        // folding ASCII again changes nothing.
        fold_ascii_in_place(&mut text);
        // Every character folded to as many bytes as it had ("é", "—", "•"): offsets are
        // the same on both sides, as for ASCII.
        let same_offsets = u32::try_from(original.len()).is_ok()
            && text.len() == original.len()
            && pieces.iter().all(|p| p.folded == p.original);
        if same_offsets {
            pieces.clear();
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut piece = 0;
        for block_start in (0..text.len()).step_by(BLOCK) {
            while pieces
                .get(piece + 1)
                .is_some_and(|p: &Piece| p.folded as usize <= block_start)
            {
                piece += 1;
            }
            blocks.push(piece as u32);
        }
        Normalized {
            text,
            pieces,
            blocks,
        }
    }

    /// The folded text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps the folded range `start..end` (on char boundaries of the folded text) to the
    /// span of the original characters it came from; always on the original's char boundaries.
    pub(crate) fn to_original(&self, original: &str, start: usize, end: usize) -> Span {
        self.locator(original).span(start, end)
    }

    /// A [`Locator`] over `original`, for ranges that come in text order.
    pub(crate) fn locator<'n>(&'n self, original: &'n str) -> Locator<'n> {
        Locator {
            norm: self,
            original,
            piece: 0,
        }
    }

    /// The index of the piece holding the folded byte `at` (< the folded length), if any.
    fn piece_at(&self, at: usize) -> Option<usize> {
        let block = at / BLOCK;
        let first = self.blocks[block] as usize;
        let last = self
            .blocks
            .get(block + 1)
            .map_or(self.pieces.len(), |&b| b as usize + 1);
        let i = first
            + self.pieces[first..last]
                .partition_point(|p| p.folded as usize <= at)
                .saturating_sub(1);
        (i < self.pieces.len()).then_some(i)
    }
}

/// Maps folded ranges back to the original like [`Normalized::to_original`], keeping the
/// piece of the last one: ranges in text order then cost a step or two, not a search.
pub(crate) struct Locator<'n> {
    norm: &'n Normalized,
    original: &'n str,
    /// The piece of the last offset located.
    piece: usize,
}

impl Locator<'_> {
    /// The original span of the folded range `start..end` (see [`Normalized::to_original`]).
    pub(crate) fn span(&mut self, start: usize, end: usize) -> Span {
        if self.norm.pieces.is_empty() {
            return Span::new(start, end);
        }
        let from = self.locate(start, false);
        let to = if end > start {
            self.locate(end - 1, true)
        } else {
            from
        };
        Span::new(from, to.max(from))
    }

    /// The original offset of the folded byte `at`: where its character starts, or (with
    /// `after`) where it ends.
    fn locate(&mut self, at: usize, after: bool) -> usize {
        let pieces = &self.norm.pieces;
        if at >= self.norm.text.len() {
            return self.original.len();
        }
        let starts_at = |i: usize| pieces.get(i).map(|p: &Piece| p.folded as usize);
        // The last piece, or the next one, holds `at`; else search.
        let near = (self.piece..self.piece + 2).find(|&i| {
            starts_at(i).is_some_and(|f| f <= at) && starts_at(i + 1).is_none_or(|f| f > at)
        });
        let Some(i) = near.or_else(|| self.norm.piece_at(at)) else {
            return self.original.len();
        };
        self.piece = i;
        let p = pieces[i];
        let base = p.original as usize;
        match (p.char_len, after) {
            (0, false) => base + (at - p.folded as usize),
            (0, true) => base + (at - p.folded as usize) + 1,
            (_, false) => base,
            (len, true) => base + usize::from(len),
        }
    }
}

/// The folded forms of the non-ASCII characters folded last, by code point: a text repeats
/// a few of them (bullets, dashes, quotes), and a repeat then costs one comparison instead
/// of the Unicode tables.
#[derive(Default)]
struct FoldCache {
    /// A character (NUL: none yet) and its folded form.
    slots: [(char, CompactString); 32],
}

impl FoldCache {
    /// Folds the non-ASCII `c` into `out` (lower-cased), as [`fold_char`] does.
    fn fold(&mut self, c: char, out: &mut String) {
        let slot = &mut self.slots[c as usize % 32];
        if slot.0 == c {
            out.push_str(&slot.1);
            return;
        }
        let from = out.len();
        fold_char(c, true, out);
        *slot = (c, CompactString::from(&out[from..]));
    }
}

/// The length of the ASCII run at the start of `bytes`, read eight bytes at a time.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let words = bytes
        .chunks_exact(8)
        .take_while(|w| {
            u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
                & 0x8080_8080_8080_8080
                == 0
        })
        .count();
    let n = words * 8;
    n + bytes[n..].iter().take_while(|b| b.is_ascii()).count()
}

/// Folds the ASCII bytes of `text`: lower case, tabs and carriage returns as spaces, the
/// backtick as an apostrophe (byte lengths stay the same).
fn fold_ascii_in_place(text: &mut String) {
    text.make_ascii_lowercase();
    if memchr::memchr3(b'\t', b'\r', b'`', text.as_bytes()).is_some() {
        *text = text.replace(['\t', '\r'], " ").replace('`', "'");
    }
}

/// Folds one character into `out`: NFKC, lower case (when `lower`), dashes and quotes
/// unified, invisible characters dropped.
pub(crate) fn fold_char(c: char, lower: bool, out: &mut String) {
    if c.is_ascii() {
        out.push(match c {
            '\t' | '\r' => ' ',
            '`' => '\'',
            c if lower => c.to_ascii_lowercase(),
            c => c,
        });
        return;
    }
    match c {
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            out.push('-')
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' => out.push(' '),
        // Most characters (bullets, letters with accents) are their own NFKC form.
        _ if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes => {
            if lower {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        _ => {
            for n in std::iter::once(c).nfkc() {
                if lower {
                    out.extend(n.to_lowercase());
                } else {
                    out.push(n);
                }
            }
        }
    }
}

/// Folds a label (an alias or an anchor phrase) the way the text is folded, with
/// whitespace runs collapsed to one space and trimmed.
pub(crate) fn fold_label(label: &str, lower: bool) -> String {
    let plain = |b: &u8| b.is_ascii_graphic() && b != &b'`';
    let single_spaced = !label.contains("  ") && !label.starts_with(' ') && !label.ends_with(' ');
    if label.bytes().all(|b| plain(&b) || b == b' ') && single_spaced {
        return if lower {
            label.to_ascii_lowercase()
        } else {
            label.to_owned()
        };
    }
    let mut folded = String::with_capacity(label.len());
    for c in label.chars() {
        fold_char(c, lower, &mut folded);
    }
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_end_at_the_first_other_byte() {
        for text in [
            "",
            "abc",
            "abcdefgh",
            "abcdefghé",
            "abcdefghijkl\u{2013}x",
            "é",
        ] {
            let expected = text.bytes().take_while(u8::is_ascii).count();
            assert_eq!(ascii_prefix_len(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn ascii_is_lowercased_in_place() {
        let n = Normalized::new("Python\tC++");
        assert_eq!(n.as_str(), "python c++");
        assert_eq!(n.to_original("Python\tC++", 7, 10), Span::new(7, 10));
    }

    #[test]
    fn expansions_and_drops_map_back_to_whole_chars() {
        let original = "Py\u{00AD}Torch, \u{FB01}ne-tuning, Ｇｏ – “Rust”";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "pytorch, fine-tuning, go - \"rust\"");
        let at = n.as_str().find("pytorch").unwrap();
        let span = n.to_original(original, at, at + 7);
        assert_eq!(&original[span.range()], "Py\u{00AD}Torch");
        // "f" alone is half of the ligature: the span covers the whole original char.
        let at = n.as_str().find("fine").unwrap();
        let span = n.to_original(original, at, at + 1);
        assert_eq!(&original[span.range()], "\u{FB01}");
        let at = n.as_str().find("go").unwrap();
        assert_eq!(
            &original[n.to_original(original, at, at + 2).range()],
            "Ｇｏ"
        );
        let at = n.as_str().find("rust").unwrap();
        assert_eq!(
            &original[n.to_original(original, at, at + 4).range()],
            "Rust"
        );
    }

    #[test]
    fn same_length_folding_keeps_offsets_without_a_map() {
        let original = "Résumé • ΣQL € Go";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "résumé • σql € go");
        assert!(n.pieces.is_empty());
        let at = n.as_str().find("σql").unwrap();
        assert_eq!(
            &original[n.to_original(original, at, at + 4).range()],
            "ΣQL"
        );
        // A dash and a ligature that shrink, then a fraction that grows: the lengths add
        // up, the offsets between them do not.
        let original = "a\u{2013}b \u{FB01}x \u{BD} Go";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "a-b fix 1\u{2044}2 go");
        assert_eq!(n.as_str().len(), original.len());
        assert!(!n.pieces.is_empty());
        let at = n.as_str().find("fix").unwrap();
        assert_eq!(
            &original[n.to_original(original, at, at + 3).range()],
            "\u{FB01}x"
        );
        let at = n.as_str().find("go").unwrap();
        assert_eq!(&original[n.to_original(original, at, at + 2).range()], "Go");
    }

    #[test]
    fn a_locator_maps_ranges_in_any_order_like_a_fresh_search() {
        let original = "Py\u{00AD}Torch – “Rust” • ﬁne ½ ΣQL — Go’s\tC++ é";
        let n = Normalized::new(original);
        let t = n.as_str();
        let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        let ranges: Vec<(usize, usize)> = bounds
            .iter()
            .flat_map(|&a| {
                bounds
                    .iter()
                    .filter(move |&&b| b >= a)
                    .map(move |&b| (a, b))
            })
            .collect();
        for order in [ranges.clone(), ranges.iter().rev().copied().collect()] {
            let mut locator = n.locator(original);
            for &(a, b) in &order {
                let fresh = n.to_original(original, a, b);
                assert_eq!(locator.span(a, b), fresh, "{a}..{b}");
                assert!(
                    original.is_char_boundary(fresh.start) && original.is_char_boundary(fresh.end)
                );
            }
        }
    }

    #[test]
    fn repeated_characters_fold_as_the_first_time() {
        // U+2022 and U+2042, U+00C9 and U+00E9 share cache slots; "ﬁ" expands.
        let original = "•⁂•⁂ Éé Éé ﬁﬁ ½ “x” “x” ΣΣ";
        let mut expected = String::new();
        for c in original.chars() {
            fold_char(c, true, &mut expected);
        }
        assert_eq!(Normalized::new(original).as_str(), expected);
    }

    #[test]
    fn labels_fold_like_text() {
        assert_eq!(fold_label("  Scikit\u{2013}Learn ", true), "scikit-learn");
        assert_eq!(fold_label("Weights  &\tBiases", false), "Weights & Biases");
    }
}
