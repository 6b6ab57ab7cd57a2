//! Normalization: a reader's [`RawText`] into the final text that every [`Span`] indexes.
//!
//! Per line: NFKC (ligatures, full-width forms), soft hyphens and control characters removed,
//! private-use icon glyphs and printed icon glyph names ("GITHUB-SQUARE") dropped, whitespace
//! collapsed, bullet glyphs unified to `"• "` (round and square glyphs) or `"- "` (dashes).
//! Across lines: words hyphenated at a line end are rejoined ("develop-" + "ment"), keeping the
//! hyphen for real compounds ("scikit-" + "learn"). Blank-line breaks survive as one empty line.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::raw::RawText;
use crate::{Diagnostic, Span};

/// One non-empty line of the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// The line in the text, without its `\n`.
    pub span: Span,
    /// The reader saw heading evidence (font, style, Markdown marker).
    pub heading_hint: bool,
    /// A blank line (a visual break) precedes this line.
    pub break_before: bool,
}

/// The normalized text with its line table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Normalized {
    /// The final text: lines joined by `\n`, one empty line where a break was.
    pub text: String,
    /// The non-empty lines, in order.
    pub lines: Vec<Line>,
}

/// Characters that mark a list item when they start a line, normalized to `"• "`.
const ROUND_BULLETS: &[char] = &[
    '•', '▪', '●', '◦', '○', '■', '□', '▫', '◆', '◇', '➢', '➤', '►', '▸', '▹', '‣', '⁃', '∙', '·',
    '✓', '✔', '❖', '➔', '→', '*', '⦁', '⚫',
];
/// Dash bullets, normalized to `"- "`.
const DASH_BULLETS: &[char] = &['-', '–', '—', '‐', '‒', '−'];
/// Private-use code points that Symbol/Wingdings fonts use for list bullets.
const PUA_BULLETS: &[char] = &[
    '\u{F0B7}', '\u{F0A7}', '\u{F0D8}', '\u{F076}', '\u{F0FC}', '\u{F0A8}',
];

/// Normalizes raw lines, appending a `Truncated` diagnostic when `max_chars` cuts the text.
pub(crate) fn normalize(
    raw: &RawText,
    max_chars: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Normalized {
    let mut cleaned: Vec<(String, bool, bool, bool)> = Vec::with_capacity(raw.lines.len());
    let mut pending_break = false;
    for line in &raw.lines {
        let soft_end = line.text.trim_end().ends_with('\u{AD}');
        let text = clean_line(&line.text);
        if text.is_empty() {
            // A line that cleans away (icons only, blank) still separates blocks.
            pending_break = true;
            continue;
        }
        let break_before = std::mem::take(&mut pending_break) || line.break_before;
        cleaned.push((text, line.heading_hint, break_before, soft_end));
    }
    rejoin_hyphenated(&mut cleaned);

    let mut out = Normalized::default();
    let mut chars = 0usize;
    for (text, heading_hint, break_before, _) in cleaned.into_iter().filter(|l| !l.0.is_empty()) {
        let sep = match (out.text.is_empty(), break_before) {
            (true, _) => "",
            (false, true) => "\n\n",
            (false, false) => "\n",
        };
        let len = text.chars().count();
        if chars + sep.len() + len > max_chars {
            let room = max_chars.saturating_sub(chars + sep.len());
            let cut: String = text.chars().take(room).collect();
            let cut = cut.trim_end();
            if !cut.is_empty() {
                out.text.push_str(sep);
                push_line(&mut out, cut, heading_hint, break_before);
            }
            diagnostics.push(Diagnostic::Truncated {
                limit: "max_chars".to_owned(),
            });
            break;
        }
        chars += sep.len() + len;
        out.text.push_str(sep);
        push_line(&mut out, &text, heading_hint, break_before);
    }
    out
}

fn push_line(out: &mut Normalized, text: &str, heading_hint: bool, break_before: bool) {
    let start = out.text.len();
    out.text.push_str(text);
    let span = Span::new(start, out.text.len());
    out.lines.push(Line {
        span,
        heading_hint,
        break_before: break_before && start > 0,
    });
}

/// Normalizes one line's characters (no line breaks in the result).
pub(crate) fn clean_line(raw: &str) -> String {
    let marked = mark_column_gaps(raw);
    let mut s = String::with_capacity(marked.len());
    let mut at_start = true;
    for c in marked.chars() {
        if at_start && PUA_BULLETS.contains(&c) {
            s.push('•');
            s.push(' ');
            continue;
        }
        if c.is_whitespace() {
            s.push(' ');
            continue;
        }
        at_start = false;
        if c == COLUMN_GAP {
            s.push(c);
            continue;
        }
        if is_private_use(c)
            || c == '\u{AD}'
            || c == '\u{FEFF}'
            || c.is_control()
            || is_invisible(c)
        {
            if is_private_use(c) {
                s.push(' ');
            }
            continue;
        }
        s.push(c);
    }
    // Most lines are already in NFKC; only the others pay for normalization.
    let s: String = match is_nfkc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfkc().collect(),
    };
    let mixed_case = s.chars().any(char::is_lowercase);
    let mut line = String::with_capacity(s.len());
    // A column gap shows as " | ", never twice in a row, never at either end: it is written
    // when a word follows it.
    let mut gap = false;
    let mut ends_in_pipe = false;
    for word in s
        .split_whitespace()
        .filter(|w| !is_icon_name(w, mixed_case))
    {
        if word.chars().eq([COLUMN_GAP]) {
            gap |= !line.is_empty() && !ends_in_pipe;
            continue;
        }
        for piece in [gap.then_some("|"), Some(word)].into_iter().flatten() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(piece);
        }
        gap = false;
        ends_in_pipe = word == "|";
    }
    if ends_in_pipe {
        line.truncate(line.len() - 1);
        line.truncate(line.trim_end().len());
    }
    normalize_bullet(line)
}

/// Marks a column gap: a tab, or three or more spaces, between two pieces of text.
const COLUMN_GAP: char = '\u{1F}';

/// Replaces whitespace runs that align columns ("Engineer\tJan 2020") with a gap marker,
/// except next to a dash or pipe (a range "2019\t–\t2021" stays a range) or after a lone
/// bullet glyph.
fn mark_column_gaps(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('\t') && !raw.contains("   ") {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len() + 4);
    let mut chars = raw.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut run = 1;
        let mut tab = c == '\t';
        while let Some(&n) = chars.peek().filter(|n| n.is_whitespace()) {
            run += 1;
            tab |= n == '\t';
            chars.next();
        }
        let dashy = |c: Option<char>| c.is_some_and(|c| DASH_BULLETS.contains(&c) || c == '|');
        let mut so_far = out.chars();
        let lone_glyph =
            so_far.next().is_some_and(|g| !g.is_alphanumeric()) && so_far.next().is_none();
        if (tab || run >= 3)
            && !dashy(out.chars().last())
            && !dashy(chars.peek().copied())
            && !lone_glyph
        {
            out.push(' ');
            out.push(COLUMN_GAP);
            out.push(' ');
        } else {
            out.push(' ');
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Zero-width and directional formatting characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
}

/// Words of icon-font glyph names as PDF engines print them ("GITHUB-SQUARE", "MAP-MARKER-ALT").
const ICON_PARTS: &[&str] = &[
    "ALT",
    "AMERICAS",
    "ARROW",
    "AT",
    "BRIEFCASE",
    "CHIMNEY",
    "CIRCLE",
    "DOT",
    "ENVELOPE",
    "GITHUB",
    "GLOBE",
    "HOUSE",
    "IN",
    "LINKEDIN",
    "LOCATION",
    "MAP",
    "MARKER",
    "MOBILE",
    "O",
    "OPEN",
    "PHONE",
    "PIN",
    "SCREEN",
    "SQUARE",
    "TWITTER",
    "USER",
    "VOLUME",
    "X",
];
/// Single-word glyph names safe to drop beside mixed-case text.
const ICON_WORDS: &[&str] = &[
    "ENVELOPE", "GITHUB", "GLOBE", "LINKEDIN", "MOBILE", "PHONE", "TWITTER",
];

/// Returns true if and only if `word` is a printed icon glyph name: hyphenated upper-case icon
/// words anywhere, or a lone icon word on a line that also has lower-case text.
fn is_icon_name(word: &str, mixed_case_line: bool) -> bool {
    if word.contains('-') {
        let parts: Vec<&str> = word.split('-').collect();
        parts.len() >= 2
            && parts.iter().all(|p| ICON_PARTS.contains(p))
            && !parts.iter().all(|p| p.len() <= 2)
    } else {
        mixed_case_line && ICON_WORDS.contains(&word)
    }
}

/// Rewrites a leading bullet glyph as `"• "` or `"- "`.
fn normalize_bullet(mut line: String) -> String {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return line;
    };
    let rest = chars.as_str();
    let rest_trimmed = rest.trim_start();
    let spaced = rest.starts_with(' ');
    // A glyph on both ends decorates a heading ("■ Skills ■"); it is not a list item.
    if rest_trimmed.is_empty() || rest_trimmed.ends_with(first) {
        return line;
    }
    // "*" only counts when spaced ("* item"), never in "*args"; other glyphs may touch the text.
    let bullet = if (first == '*' && spaced) || (first != '*' && ROUND_BULLETS.contains(&first)) {
        "• "
    } else if DASH_BULLETS.contains(&first) && spaced {
        "- "
    } else {
        return line;
    };
    let glyph_and_space = line.len() - rest_trimmed.len();
    line.replace_range(..glyph_and_space, bullet);
    line
}

/// Second halves that make a real hyphenated compound ("scikit-learn", "data-driven").
const COMPOUND_TAILS: &[&str] = &[
    "art",
    "aware",
    "based",
    "bound",
    "by",
    "centric",
    "class",
    "commerce",
    "critical",
    "down",
    "driven",
    "end",
    "facing",
    "first",
    "free",
    "friendly",
    "grade",
    "in",
    "intensive",
    "learn",
    "level",
    "like",
    "making",
    "native",
    "of",
    "off",
    "on",
    "oriented",
    "out",
    "over",
    "party",
    "powered",
    "ready",
    "scale",
    "service",
    "side",
    "source",
    "specific",
    "stack",
    "step",
    "term",
    "the",
    "tier",
    "time",
    "to",
    "trained",
    "tuned",
    "up",
    "value",
    "wide",
    "world",
];
/// First halves that make a real hyphenated compound ("self-", "cross-", "e-").
const COMPOUND_HEADS: &[&str] = &[
    "back", "client", "cloud", "co", "cross", "customer", "data", "e", "end", "first", "front",
    "full", "high", "long", "low", "multi", "near", "non", "open", "real", "scikit", "self",
    "short", "state", "team", "user", "well", "x",
];

/// Rejoins words split across line ends. The second half moves up to the first line.
fn rejoin_hyphenated(lines: &mut [(String, bool, bool, bool)]) {
    for i in 1..lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        let prev = &mut head[i - 1];
        let next = &mut tail[0];
        if next.2 || next.0.starts_with("• ") || next.0.starts_with("- ") {
            continue;
        }
        let soft = prev.3;
        let hard = prev.0.ends_with('-') && !prev.0.ends_with(" -") && !prev.0.ends_with("--");
        if !soft && !hard {
            continue;
        }
        let first_half = last_word(&prev.0[..prev.0.len() - usize::from(hard)]);
        let second_end = next.0.find(' ').unwrap_or(next.0.len());
        let second = &next.0[..second_end];
        let letters = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
        let word_part = second.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !letters(first_half) || !word_part.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let keep_hyphen = hard && is_compound(first_half, word_part);
        if hard && !keep_hyphen {
            prev.0.pop();
        }
        prev.0.push_str(second);
        next.0 = next.0[second_end..].trim_start().to_owned();
    }
}

/// Returns true if and only if `first-second` is better read as a hyphenated compound.
fn is_compound(first: &str, second: &str) -> bool {
    let second_word: String = second.chars().take_while(|c| c.is_alphabetic()).collect();
    COMPOUND_TAILS.contains(&second_word.as_str())
        || COMPOUND_HEADS.contains(&first.to_lowercase().as_str())
        || first.chars().skip(1).any(char::is_uppercase)
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::RawLine;

    fn raw(lines: &[&str]) -> RawText {
        RawText {
            lines: lines
                .iter()
                .map(|t| RawLine {
                    text: (*t).to_owned(),
                    heading_hint: false,
                    break_before: t.is_empty(),
                })
                .collect(),
            ..RawText::default()
        }
    }

    fn norm(lines: &[&str]) -> String {
        normalize(&raw(lines), usize::MAX, &mut Vec::new()).text
    }

    #[test]
    fn nfkc_soft_hyphens_and_whitespace() {
        assert_eq!(
            clean_line("  e\u{FB03}cient  o\u{FB00}ice\u{AD}s\u{A0}ok "),
            "efficient offices ok"
        );
        assert_eq!(clean_line("Ｐｙｔｈｏｎ\u{200B}"), "Python");
    }

    #[test]
    fn bullets_are_unified() {
        assert_eq!(clean_line("● Built models"), "• Built models");
        assert_eq!(clean_line("▪Built"), "• Built");
        assert_eq!(clean_line("\u{F0B7}\tBuilt"), "• Built");
        assert_eq!(clean_line("– Led team"), "- Led team");
        assert_eq!(clean_line("* item"), "• item");
        assert_eq!(clean_line("*args"), "*args");
        assert_eq!(clean_line("-5% churn"), "-5% churn");
    }

    #[test]
    fn column_gaps_become_pipes() {
        assert_eq!(
            clean_line("Senior Engineer\tAcme Inc\t\tJan 2020 – Present"),
            "Senior Engineer | Acme Inc | Jan 2020 – Present"
        );
        assert_eq!(
            clean_line("Data Scientist      2019 - 2021"),
            "Data Scientist | 2019 - 2021"
        );
        assert_eq!(clean_line("2019\t–\t2021"), "2019 – 2021");
        assert_eq!(clean_line("•\tBuilt it"), "• Built it");
        assert_eq!(clean_line("GITHUB-SQUARE\tgithub.com/x\t"), "github.com/x");
        assert_eq!(clean_line("a  b"), "a b");
    }

    #[test]
    fn icon_glyphs_and_names_are_dropped() {
        assert_eq!(clean_line("\u{F09B} github.com/jdoe"), "github.com/jdoe");
        assert_eq!(
            clean_line("GITHUB-SQUARE github.com/jdoe HOUSE-CHIMNEY Seattle"),
            "github.com/jdoe Seattle"
        );
        assert_eq!(
            clean_line("ENVELOPE jane@example.com PHONE +1 555"),
            "jane@example.com +1 555"
        );
        assert_eq!(clean_line("GITHUB PROJECTS"), "GITHUB PROJECTS");
        assert_eq!(clean_line("CI-CD"), "CI-CD");
    }

    #[test]
    fn dehyphenation_keeps_real_compounds() {
        assert_eq!(
            norm(&["the develop-", "ment of models"]),
            "the development\nof models"
        );
        assert_eq!(
            norm(&["used scikit-", "learn daily"]),
            "used scikit-learn\ndaily"
        );
        assert_eq!(norm(&["a data-", "driven team"]), "a data-driven\nteam");
        assert_eq!(norm(&["Objective-", "C apps"]), "Objective-\nC apps");
        assert_eq!(norm(&["soft\u{AD}", "ware"]), "software");
        assert_eq!(norm(&["ends -", "dash"]), "ends -\ndash");
        assert_eq!(norm(&["list-", "• item"]), "list-\n• item");
    }

    #[test]
    fn breaks_become_one_blank_line() {
        assert_eq!(norm(&["a", "", "", "b"]), "a\n\nb");
        let n = normalize(&raw(&["a", "", "b"]), usize::MAX, &mut Vec::new());
        assert_eq!(n.lines.len(), 2);
        assert!(n.lines[1].break_before);
        assert_eq!(&n.text[n.lines[1].span.range()], "b");
    }

    #[test]
    fn max_chars_truncates_with_a_diagnostic() {
        let mut diags = Vec::new();
        let n = normalize(&raw(&["héllo wörld", "second"]), 8, &mut diags);
        assert_eq!(n.text, "héllo wö");
        assert_eq!(
            diags,
            [Diagnostic::Truncated {
                limit: "max_chars".to_owned()
            }]
        );
    }
}
