//! The tokenizer: words with byte spans, keeping tech terms whole.
//!
//! A token is a run of letters and digits, joined across `.`, `-`, `_`, `&` and apostrophes
//! when a letter or digit follows ("Node.js", "scikit-learn", "R&D", "GPT-4"), with a leading
//! dot when it starts a word (".NET") and trailing `++` or `#` ("C++", "C#"). Slashes join
//! only fixed terms ("CI/CD", "A/B", "TCP/IP"), so "AI/ML" is two tokens. Multi-word names
//! ("Power BI") are the matcher's business, not the tokenizer's.

use compact_str::CompactString;

use crate::{Section, Span, Token};

/// Slash-joined terms that are one token.
const SLASH_TERMS: &[&str] = &[
    "ci/cd", "a/b", "i/o", "ui/ux", "ux/ui", "tcp/ip", "pl/sql", "r/w", "n/a", "24/7", "b2b/b2c",
    "os/2",
];

/// Characters that join two alphanumeric runs into one token.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | '&' | '\'' | '’')
}

/// Returns the byte ranges of the tokens in `s`.
pub(crate) fn token_ranges(s: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let alnum = |i: usize| at(i).is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let leading_dot = at(i) == Some('.') && alnum(i + 1) && (i == 0 || !alnum(i - 1));
        if !alnum(i) && !leading_dot {
            i += 1;
            continue;
        }
        let start = i;
        if leading_dot {
            i += 1;
        }
        loop {
            while alnum(i) {
                i += 1;
            }
            match at(i) {
                Some(c) if is_joiner(c) && alnum(i + 1) => i += 1,
                Some('/') if alnum(i + 1) => {
                    let mut j = i + 1;
                    while alnum(j) {
                        j += 1;
                    }
                    let candidate = s[byte(start)..byte(j)].to_lowercase();
                    if SLASH_TERMS.contains(&candidate.as_str()) && at(j).is_none_or(|c| c != '/') {
                        i = j;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        // "C++", "C#", "F#": the suffix counts when no letter or digit follows it.
        if at(i) == Some('+') && at(i + 1) == Some('+') && !alnum(i + 2) {
            i += 2;
        } else if at(i) == Some('#') && !alnum(i + 1) {
            i += 1;
        }
        out.push((byte(start), byte(i)));
    }
    out
}

/// `s` lowercased; ASCII, the common case, without going character by character.
fn lowercase(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut lower = CompactString::from(s);
        lower.make_ascii_lowercase();
        lower
    } else {
        CompactString::from_str_to_lowercase(s)
    }
}

/// Tokenizes the whole text, recording each token's line and section.
pub(crate) fn tokenize(text: &str, sections: &[Section]) -> Vec<Token> {
    let ranges = token_ranges(text);
    let mut tokens = Vec::with_capacity(ranges.len());
    let mut line = 0u32;
    let mut line_scan = 0usize;
    let mut section = 0usize;
    for (start, end) in ranges {
        line += u32::try_from(text[line_scan..start].matches('\n').count()).unwrap_or(0);
        line_scan = start;
        while section + 1 < sections.len() && sections[section].body.end <= start {
            section += 1;
        }
        let slice = &text[start..end];
        tokens.push(Token {
            span: Span::new(start, end),
            norm: lowercase(slice),
            line,
            section,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        token_ranges(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn keeps_tech_terms_whole() {
        assert_eq!(
            words("C++, C# and F#; .NET"),
            ["C++", "C#", "and", "F#", ".NET"]
        );
        assert_eq!(words("AI/ML with CI/CD."), ["AI", "ML", "with", "CI/CD"]);
        assert_eq!(words("Power BI"), ["Power", "BI"]);
    }
}
