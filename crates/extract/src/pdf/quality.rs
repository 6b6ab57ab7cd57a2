//! The quality gate: does a PDF engine's text look like the page?
//!
//! Engines fail quietly: near-empty text, replacement characters, icon-font glyph names, or
//! words split into letters by wrong glyph widths ("Seattle, W A", "GP A"). [`Quality`]
//! measures those on whitespace tokens; [`Quality::problem`] says whether the text fails, and
//! [`Quality::score`] ranks two engines' texts of the same file.

use std::fmt;

use crate::raw::RawLine;

/// Fewer words per page than this is suspicious for a resume page.
const LOW_WORDS_PER_PAGE: f64 = 40.0;
/// Fewer words per page than this means the page has no text layer.
const NO_TEXT_WORDS_PER_PAGE: f64 = 2.0;

/// Token counts of one extracted text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Quality {
    /// Pages read.
    pub pages: u32,
    /// Whitespace-separated tokens.
    pub words: usize,
    /// One-letter alphabetic tokens other than "a", "A" and "I".
    pub one_letter: usize,
    /// Tokens holding U+FFFD.
    pub replacement: usize,
    /// ALL-CAPS-WITH-DASHES tokens shaped like icon glyph names ("GITHUB-SQUARE").
    pub glyph_names: usize,
    /// Adjacent upper-case fragments that make one short word ("W A", "GP A").
    pub split_pairs: usize,
}

/// Why a text fails the gate.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Problem {
    /// Pages exist but there is (almost) no text: scanned or image-only.
    NoTextLayer,
    /// Too few words per page.
    LowDensity(f64),
    /// The text is there but damaged.
    Garbled(&'static str),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NoTextLayer => f.write_str("it found no text layer"),
            Problem::LowDensity(w) => write!(f, "it found only {w:.0} words per page"),
            Problem::Garbled(why) => write!(f, "its text was garbled ({why})"),
        }
    }
}

impl Quality {
    /// Measures `lines` of a document with `pages` pages.
    pub fn measure(lines: &[RawLine], pages: u32) -> Quality {
        let mut q = Quality {
            pages,
            ..Quality::default()
        };
        for line in lines {
            if is_letter_spaced_heading(&line.text) {
                q.words += 1; // one word, written letter by letter on purpose
                continue;
            }
            let mut prev: Option<&str> = None;
            for token in line.text.split_whitespace() {
                q.words += 1;
                let letters = token.chars().all(char::is_alphabetic);
                if letters && token.chars().count() == 1 && !matches!(token, "a" | "A" | "I") {
                    q.one_letter += 1;
                }
                if token.contains('\u{FFFD}') {
                    q.replacement += 1;
                }
                if is_glyph_name(token) {
                    q.glyph_names += 1;
                }
                if prev.is_some_and(|p| is_split_pair(p, token)) {
                    q.split_pairs += 1;
                }
                prev = Some(token);
            }
        }
        q
    }

    /// Words per page (all words when the page count is unknown or zero).
    pub fn words_per_page(&self) -> f64 {
        self.words as f64 / f64::from(self.pages.max(1))
    }

    /// The first reason the text fails the gate, if any.
    pub fn problem(&self) -> Option<Problem> {
        let words = self.words.max(1) as f64;
        let wpp = self.words_per_page();
        if self.pages > 0 && wpp < NO_TEXT_WORDS_PER_PAGE {
            Some(Problem::NoTextLayer)
        } else if self.replacement as f64 > 0.02 * words {
            Some(Problem::Garbled("replacement characters"))
        } else if self.one_letter as f64 > 0.12 * words {
            Some(Problem::Garbled("words split into letters"))
        } else if self.split_pairs >= 3 && self.split_pairs as f64 > 0.005 * words {
            Some(Problem::Garbled("split words such as \"W A\""))
        } else if self.glyph_names >= 3 {
            Some(Problem::Garbled("icon glyph names"))
        } else if wpp < LOW_WORDS_PER_PAGE {
            Some(Problem::LowDensity(wpp))
        } else {
            None
        }
    }

    /// Usable words: all words less the damaged ones, counted twice as a penalty.
    pub fn score(&self) -> f64 {
        let damaged = self.one_letter + self.replacement + self.glyph_names + self.split_pairs;
        self.words as f64 - 2.0 * damaged as f64
    }
}

/// Returns true if and only if `line` is a short heading set in spaced capitals
/// ("E X P E R I E N C E"): a design choice, not damage.
fn is_letter_spaced_heading(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    (3..=20).contains(&tokens.len())
        && tokens
            .iter()
            .all(|t| t.chars().count() == 1 && t.chars().all(|c| c.is_uppercase() || c == '&'))
}

/// Returns true if and only if `token` looks like an icon glyph name: two or more dash-joined
/// runs of capital letters ("GITHUB-SQUARE", "MAP-MARKER-ALT").
pub(super) fn is_glyph_name(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_uppercase()))
}

/// Returns true if and only if two adjacent tokens are upper-case fragments of one short word:
/// both letters only, at least one a single letter, together at most four letters ("W A", "GP A").
fn is_split_pair(a: &str, b: &str) -> bool {
    let frag = |t: &str| !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_uppercase());
    frag(a) && frag(b) && (a.len() == 1 || b.len() == 1) && a.len() + b.len() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<RawLine> {
        text.lines()
            .map(|l| RawLine {
                text: l.to_owned(),
                ..RawLine::default()
            })
            .collect()
    }

    fn prose(words: usize) -> String {
        (0..words)
            .map(|i| ["design", "build", "ship", "measure"][i % 4])
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn clean_prose_passes() {
        let q = Quality::measure(&lines(&prose(300)), 1);
        assert_eq!(q.problem(), None);
        assert_eq!(q.score(), 300.0);
    }

    #[test]
    fn letter_spaced_text_is_garbled() {
        let text = format!(
            "{}\nS E N I O R S O F T W A R E E N G I N E E R j o h n",
            prose(60)
        );
        let q = Quality::measure(&lines(&text), 1);
        assert_eq!(
            q.problem(),
            Some(Problem::Garbled("words split into letters"))
        );
    }

    #[test]
    fn letter_spaced_headings_are_not_damage() {
        let text = format!(
            "P R O F I L E\n{}\nE X P E R I E N C E\nS K I L L S",
            prose(100)
        );
        let q = Quality::measure(&lines(&text), 1);
        assert_eq!((q.words, q.one_letter, q.split_pairs), (103, 0, 0));
        assert_eq!(q.problem(), None);
    }

    #[test]
    fn split_state_abbreviations_are_garbled() {
        let text = format!("{}\nSeattle, W A\nGP A 3.9\nBoston, M A", prose(300));
        let q = Quality::measure(&lines(&text), 1);
        assert_eq!(q.split_pairs, 3);
        assert_eq!(
            q.problem(),
            Some(Problem::Garbled("split words such as \"W A\""))
        );
    }

    #[test]
    fn empty_pages_have_no_text_layer_and_sparse_ones_low_density() {
        assert_eq!(
            Quality::measure(&lines("1"), 3).problem(),
            Some(Problem::NoTextLayer)
        );
        assert_eq!(
            Quality::measure(&lines(&prose(30)), 1).problem(),
            Some(Problem::LowDensity(30.0))
        );
    }

    #[test]
    fn glyph_names_and_replacement_characters_are_counted() {
        let text = format!(
            "{}\nGITHUB-SQUARE me HOUSE-CHIMNEY home LINKEDIN-IN x\u{FFFD}y",
            prose(300)
        );
        let q = Quality::measure(&lines(&text), 1);
        assert_eq!((q.glyph_names, q.replacement), (3, 1));
        assert!(
            !is_glyph_name("CI-CD-X1") && !is_glyph_name("Full-Stack") && !is_glyph_name("GPT-4")
        );
    }
}
