//! Contact details: emails, phone numbers, links and a name candidate.

use std::sync::OnceLock;

use regex::Regex;

use super::experience::has_title_word;
use super::sections::lookup;
use crate::normalize::Line;
use crate::{Contact, Link, LinkKind, Section, SectionKind, Span};

fn email_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
            .expect("valid regex")
    })
}

fn url_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:https?://)?(?:www\.)?[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.(?:com|org|net|io|dev|ai|me|co|app|tech|info|xyz|site|page|blog|edu|gov|uk|de|in|ca|eu|us|fr|nl|ch|au|sg|ly|gg|sh|pro|codes|design|studio|online|cloud|science|ml|bio|example|test|invalid)(?-u:\b)(?:/[^\s,;|()<>\x22]*)?",
        )
        .expect("valid regex")
    })
}

fn phone_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{1,5}(?:[ .\-]\d{1,5}){1,6}")
            .expect("valid regex")
    })
}

/// Hosts of profile sites that count as links wherever they are written.
const PROFILE_HOSTS: &[&str] = &[
    "linkedin.com",
    "github.com",
    "github.io",
    "gitlab.com",
    "kaggle.com",
    "medium.com",
    "stackoverflow.com",
    "twitter.com",
    "x.com",
    "huggingface.co",
    "scholar.google",
    "behance.net",
    "dribbble.com",
    "bitbucket.org",
    "orcid.org",
];

/// Finds the contact details; `header` is the header section's extent.
pub(crate) fn find_contact(text: &str, lines: &[Line], sections: &[Section]) -> Contact {
    let header = sections
        .first()
        .filter(|s| s.kind == SectionKind::Header)
        .map_or(Span::new(0, 0), |s| s.body);
    let emails: Vec<Span> = email_regex()
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    let in_email = |a: usize, b: usize| super::overlaps_any(&emails, a, b);
    let mut links = Vec::new();
    for m in url_regex().find_iter(text) {
        if in_email(m.start(), m.end()) || text[..m.start()].ends_with('@') {
            continue;
        }
        let raw = m.as_str();
        let trimmed = raw.trim_end_matches(['.', ',', ')', ']', '>', '/', ':', '!', '?']);
        let end = m.start() + trimmed.len();
        let lower = trimmed.to_ascii_lowercase();
        let host_part = lower
            .split("://")
            .last()
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("");
        let written_host = trimmed
            .split("://")
            .last()
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("");
        let explicit = lower.starts_with("http") || lower.starts_with("www.");
        let profile = PROFILE_HOSTS
            .iter()
            .any(|h| host_part == *h || host_part.ends_with(&format!(".{h}")));
        let in_header = header.start <= m.start() && m.start() < header.end;
        let lowercase_host = !written_host.chars().any(char::is_uppercase);
        let has_path = trimmed.contains('/') && !trimmed.ends_with("://");
        // A bare domain on a line of its own is a contact link wherever the layout put it.
        let alone = lines
            .get(lines.partition_point(|l| l.span.end <= m.start()))
            .filter(|l| l.span.start <= m.start())
            .is_some_and(|l| text[l.span.range()].trim() == trimmed);
        if explicit || profile || (lowercase_host && (in_header || has_path || alone)) {
            let kind = if host_part.contains("linkedin.") {
                LinkKind::LinkedIn
            } else if host_part.ends_with("github.com") || host_part.ends_with("github.io") {
                LinkKind::GitHub
            } else {
                LinkKind::Website
            };
            links.push(Link {
                kind,
                span: Span::new(m.start(), end),
            });
        }
    }
    let link_spans: Vec<Span> = links.iter().map(|l| l.span).collect();
    let phones = phone_regex()
        .find_iter(text)
        .filter(|m| plausible_phone(text, m.start(), m.end()))
        .filter(|m| {
            !in_email(m.start(), m.end()) && !super::overlaps_any(&link_spans, m.start(), m.end())
        })
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    Contact {
        name: find_name(text, lines, header, sections),
        emails,
        phones,
        links,
    }
}

/// Digits 9–15 (7–15 with a country code), not a year range, not glued to other characters.
fn plausible_phone(text: &str, start: usize, end: usize) -> bool {
    let s = &text[start..end];
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let international = s.starts_with('+');
    if !(if international { 7..=15 } else { 9..=15 }).contains(&digits) {
        return false;
    }
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | '='))
        || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '%'))
    {
        return false;
    }
    let groups: Vec<&str> = s.split([' ', '.', '-']).filter(|g| !g.is_empty()).collect();
    let year = |g: &&str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    !groups.iter().all(year)
}

/// The first header line that looks like a person's name (2–4 capitalised words), or a name
/// set so large that it wraps, one word per line ("Derek" / "Kowalczyk").
fn find_name(
    text: &str,
    lines: &[Line],
    header: Span,
    sections: &[Section],
) -> Option<(Span, f32)> {
    let in_header: Vec<&Line> = lines
        .iter()
        .take_while(|l| l.span.start < header.end.max(1))
        .take(6)
        .collect();
    name_among(text, &in_header).or_else(|| {
        // A layout may put a heading ("Profile") before the name: look at the first lines that
        // are not headings, with less confidence.
        let is_heading = |l: &Line| {
            sections
                .iter()
                .filter_map(|s| s.heading)
                .any(|h| l.span.start <= h.start && h.end <= l.span.end)
        };
        let first: Vec<&Line> = lines
            .iter()
            .take(10)
            .filter(|l| !is_heading(l))
            .take(6)
            .collect();
        name_among(text, &first).map(|(span, confidence)| (span, confidence * 0.6))
    })
}

fn name_among(text: &str, lines: &[&Line]) -> Option<(Span, f32)> {
    let candidates: Vec<(&Line, usize, &str)> = lines
        .iter()
        .map(|&line| {
            let (skip, segment) = first_segment(&text[line.span.range()]);
            (line, skip, segment)
        })
        .collect();
    for (index, &(line, skip, segment)) in candidates.iter().enumerate() {
        let start = line.span.start + skip;
        let whole_line = skip + segment.len() == line.span.len();
        if looks_like_name(segment) {
            let mut confidence: f32 = 0.6;
            if index == 0 {
                confidence += 0.2;
            }
            if line.heading_hint {
                confidence += 0.1;
            }
            if whole_line {
                confidence += 0.05;
            }
            return Some((
                Span::new(start, start + segment.len()),
                confidence.min(0.95),
            ));
        }
        let next = candidates.get(index + 1);
        if let Some(&(next_line, 0, next_segment)) = next {
            let joined = format!("{segment} {next_segment}");
            let one_word = segment.split_whitespace().count() == 1;
            if whole_line
                && one_word
                && next_segment.len() == next_line.span.len()
                && looks_like_name(&joined)
            {
                return Some((Span::new(start, next_line.span.end), 0.6));
            }
        }
    }
    None
}

/// A line's text up to its first separator, without an honorific: (bytes skipped, segment).
fn first_segment(s: &str) -> (usize, &str) {
    let seg_end = ["|", " • ", " · ", " – ", " — ", " - ", ","]
        .iter()
        .filter_map(|sep| s.find(sep))
        .min()
        .unwrap_or(s.len());
    let segment = s[..seg_end].trim_end();
    let skip = ["Dr. ", "Dr ", "Prof. ", "Mr. ", "Ms. ", "Mrs. ", "Mx. "]
        .iter()
        .find(|h| segment.starts_with(**h))
        .map_or(0, |h| h.len());
    (skip, &segment[skip..])
}

/// Returns true if and only if `s` is 2–4 capitalised words of letters (initials allowed)
/// that are not a heading or a job title.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || lookup(s).is_some() || has_title_word(s) {
        return false;
    }
    words.iter().all(|w| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_look_like_names() {
        assert!(looks_like_name("Priya Raman"));
        assert!(looks_like_name("JOSÉ M. GARCÍA-LÓPEZ"));
        assert!(!looks_like_name("Senior Data Scientist"));
        assert!(!looks_like_name("Work Experience"));
        assert!(!looks_like_name("Seattle, WA 98101"));
        assert!(!looks_like_name("Priya"));
    }

    #[test]
    fn phones_reject_years_and_ids() {
        let ok = |s: &str| {
            phone_regex()
                .find(s)
                .is_some_and(|m| plausible_phone(s, m.start(), m.end()))
        };
        assert!(ok("+1 (206) 555-0142"));
        assert!(ok("Tel 206.555.0142"));
        assert!(ok("+44 20 7946 0958"));
        assert!(!ok("2019 - 2021 2022"));
        assert!(!ok("id=1234 5678 9012"));
    }
}
