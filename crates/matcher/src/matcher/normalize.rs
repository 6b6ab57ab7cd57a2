//! Text normalization for matching, with a byte map back to the original text.
//!
//! Matching runs over a folded copy of the text: NFKC, lower case, every dash and quote
//! variant unified, soft hyphens and zero-width characters dropped, tabs as spaces.
//! Folding changes byte lengths ("ﬁ" → "fi", "Σ" → "σ"), so the folded text carries, for
//! every byte, the start of the original character it came from. Evidence spans are always
//! mapped back: the original text is never replaced.

use rolefit_extract::Span;
use unicode_normalization::UnicodeNormalization;

/// The folded text and its map back to the original.
#[derive(Debug)]
pub(crate) struct Normalized {
    text: String,
    /// For each byte of `text`, the start of the original char it came from; empty when
    /// the folding kept every byte in place (ASCII input).
    origin: Vec<u32>,
}

impl Normalized {
    /// Folds `original`.
    pub(crate) fn new(original: &str) -> Normalized {
        if original.is_ascii() {
            let text = original
                .bytes()
                .map(|b| {
                    if b == b'\t' || b == b'\r' {
                        ' '
                    } else {
                        char::from(b.to_ascii_lowercase())
                    }
                })
                .collect();
            return Normalized {
                text,
                origin: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len() + 16);
        let mut origin = Vec::with_capacity(original.len() + 16);
        for (at, c) in original.char_indices() {
            let before = text.len();
            fold_char(c, true, &mut text);
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            origin.resize(origin.len() + (text.len() - before), at);
        }
        Normalized { text, origin }
    }

    /// The folded text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps the folded range `start..end` (on char boundaries of the folded text) to the
    /// span of the original characters it came from; always on the original's char boundaries.
    pub(crate) fn to_original(&self, original: &str, start: usize, end: usize) -> Span {
        if self.origin.is_empty() {
            return Span::new(start, end);
        }
        if start >= end || end > self.origin.len() {
            let at = self.origin_at(original, start);
            return Span::new(at, at);
        }
        let first = self.origin[start] as usize;
        let last = self.origin[end - 1] as usize;
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        Span::new(first, last + last_len)
    }

    /// The original offset of a folded offset (the original length at the end).
    fn origin_at(&self, original: &str, at: usize) -> usize {
        self.origin.get(at).map_or(original.len(), |&o| o as usize)
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
    fn labels_fold_like_text() {
        assert_eq!(fold_label("  Scikit\u{2013}Learn ", true), "scikit-learn");
        assert_eq!(fold_label("Weights  &\tBiases", false), "Weights & Biases");
    }
}
