//! Section detection: headings found by a synonym lexicon and by layout evidence.
//!
//! A line is a heading when, once glyphs, colons and letter-spacing are stripped, it is a
//! known heading phrase ("Work History", "E X P E R I E N C E", "== SKILLS ==", "Tech Stack:").
//! A line that starts with a known phrase and a colon ("Skills: Python, SQL") is an inline
//! heading: the phrase is the heading and the rest of the line begins the body. Unknown short
//! lines become [`SectionKind::Other`] headings only with layout evidence (a bold or larger
//! font, a heading style) and heading typography (ALL CAPS or a trailing colon).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::dates;
use super::experience::has_org_word;
use crate::normalize::Line;
use crate::{Section, SectionKind, Span};

/// Heading phrases, compared after [`heading_key`] (lowercase letters only, "&" as "and").
const LEXICON: &[(SectionKind, &[&str])] = &[
    (
        SectionKind::Experience,
        &[
            "experience",
            "work experience",
            "professional experience",
            "work history",
            "employment",
            "employment history",
            "career history",
            "relevant experience",
            "industry experience",
            "professional background",
            "career",
            "positions",
            "professional history",
            "experience history",
            "work",
            "research experience",
            "teaching experience",
            "clinical experience",
            "internships",
            "internship experience",
            "professional employment",
            "selected experience",
            "experiences",
        ],
    ),
    (
        SectionKind::Skills,
        &[
            "skills",
            "technical skills",
            "tech stack",
            "tools",
            "core competencies",
            "competencies",
            "skills and tools",
            "technologies",
            "tools and technologies",
            "key skills",
            "core skills",
            "skill set",
            "skillset",
            "expertise",
            "areas of expertise",
            "technical proficiencies",
            "technical expertise",
            "programming languages",
            "skills and technologies",
            "technical toolkit",
            "toolkit",
            "stack",
            "skills summary",
            "professional skills",
            "relevant skills",
            "computer skills",
            "it skills",
            "skills and expertise",
            "skills and competencies",
            "clinical skills",
            "technical competencies",
            "software",
            "frameworks",
            "tools and frameworks",
        ],
    ),
    (
        SectionKind::Education,
        &[
            "education",
            "academic background",
            "education and training",
            "academic qualifications",
            "qualifications",
            "educational background",
            "academics",
            "education history",
            "degrees",
            "academic history",
            "studies",
        ],
    ),
    (
        SectionKind::Projects,
        &[
            "projects",
            "personal projects",
            "selected projects",
            "key projects",
            "side projects",
            "open source",
            "open source contributions",
            "open source projects",
            "portfolio",
            "project experience",
            "notable projects",
            "academic projects",
            "project highlights",
            "research projects",
            "independent projects",
        ],
    ),
    (
        SectionKind::Certifications,
        &[
            "certifications",
            "certification",
            "certificates",
            "licenses",
            "licences",
            "licenses and certifications",
            "certifications and licenses",
            "licensure",
            "credentials",
            "courses",
            "training",
            "professional development",
            "certifications and training",
            "courses and certifications",
            "certificates and courses",
            "professional certifications",
            "licenses and certificates",
            "licensure and certifications",
        ],
    ),
    (
        SectionKind::Summary,
        &[
            "summary",
            "profile",
            "objective",
            "professional summary",
            "career objective",
            "about",
            "about me",
            "career summary",
            "executive summary",
            "personal statement",
            "overview",
            "professional profile",
            "personal profile",
            "summary of qualifications",
            "career profile",
            "professional objective",
            "introduction",
        ],
    ),
    (
        SectionKind::Publications,
        &[
            "publications",
            "selected publications",
            "papers",
            "patents",
            "publications and talks",
            "research publications",
            "patents and publications",
            "publications and patents",
        ],
    ),
    (
        SectionKind::Awards,
        &[
            "awards",
            "honors",
            "honours",
            "awards and honors",
            "awards and honours",
            "honors and awards",
            "achievements",
            "accomplishments",
            "recognition",
            "key achievements",
            "awards and recognition",
            "scholarships",
        ],
    ),
    (
        SectionKind::Languages,
        &[
            "languages",
            "spoken languages",
            "language skills",
            "language",
        ],
    ),
    (
        SectionKind::Interests,
        &[
            "interests",
            "hobbies",
            "hobbies and interests",
            "personal interests",
            "interests and hobbies",
        ],
    ),
    (
        SectionKind::Volunteering,
        &[
            "volunteering",
            "volunteer experience",
            "volunteer work",
            "community involvement",
            "community service",
            "volunteer",
            "volunteer activities",
            "community",
        ],
    ),
    (
        SectionKind::Other,
        &[
            "references",
            "additional information",
            "activities",
            "leadership",
            "extracurricular activities",
            "affiliations",
            "memberships",
            "professional memberships",
            "conferences",
            "talks",
            "additional",
            "other",
            "miscellaneous",
            "contact",
            "contact information",
            "personal details",
            "personal information",
            "links",
        ],
    ),
];

/// The lexicon key of a phrase: lowercase letters only (letter-spacing vanishes), "&" as "and".
pub(crate) fn heading_key(phrase: &str) -> String {
    let mut key = String::with_capacity(phrase.len());
    for c in phrase.chars() {
        if c == '&' || c == '+' {
            key.push_str("and");
        } else if c.is_alphabetic() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Last words that name a section even after a qualifier ("Machine Learning Projects").
const QUALIFIED_TAILS: &[&str] = &[
    "projects",
    "experience",
    "skills",
    "publications",
    "certifications",
    "awards",
    "honors",
    "interests",
    "education",
];

/// The kind of a qualified heading: up to four capitalised words ending in a section word.
fn lookup_qualified(phrase: &str) -> Option<SectionKind> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    let capitalised = words
        .iter()
        .all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(*w, "and" | "of" | "&"));
    (words.len() <= 4 && capitalised && QUALIFIED_TAILS.contains(&last.as_str()))
        .then(|| lookup(&last))
        .flatten()
}

/// The lexicon keyed by [`heading_key`]; the first kind listed for a key wins.
fn lexicon() -> &'static BTreeMap<String, SectionKind> {
    static MAP: OnceLock<BTreeMap<String, SectionKind>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = BTreeMap::new();
        for (kind, phrases) in LEXICON {
            for phrase in *phrases {
                map.entry(heading_key(phrase)).or_insert(*kind);
            }
        }
        map
    })
}

/// A key's kind, also matching a singular or plural variant ("Project", "Experiences").
fn lookup_key(key: &str) -> Option<SectionKind> {
    let map = lexicon();
    map.get(key)
        .or_else(|| key.strip_suffix('s').and_then(|k| map.get(k)))
        .or_else(|| map.get(&format!("{key}s")))
        .copied()
}

/// The section kind of a heading phrase, if the lexicon knows it. A compound heading
/// ("Honors/Awards", "Skills & Interests") takes the kind of its first known part.
pub(crate) fn lookup(phrase: &str) -> Option<SectionKind> {
    let key = heading_key(phrase);
    if key.is_empty() {
        return None;
    }
    lookup_key(&key).or_else(|| {
        let parts: Vec<&str> = phrase
            .split(['/', '&', ',', '|', '+'])
            .flat_map(|p| p.split(" and "))
            .collect();
        (parts.len() >= 2)
            .then(|| {
                parts
                    .iter()
                    .find_map(|p| lookup_key(&heading_key(p)).filter(|k| *k != SectionKind::Other))
            })
            .flatten()
    })
}

/// Characters that decorate headings: stripped from both ends before the lexicon lookup.
fn is_decoration(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The heading phrase of a line: its byte range within the line after stripping decoration.
fn strip_decoration(line: &str) -> (usize, usize) {
    let start = line.len() - line.trim_start_matches(is_decoration).len();
    let end = line.trim_end_matches(is_decoration).len().max(start);
    (start, end)
}

/// Returns true if and only if the words are letter-spaced: "E X P E R I E N C E".
fn letter_spaced(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
    words.len() >= 4
        && words.iter().filter(|w| w.chars().count() == 1).count() * 10 >= words.len() * 8
}

/// A heading found on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    /// What the section is about.
    pub kind: SectionKind,
    /// The heading phrase in the text.
    pub span: Span,
    /// True if and only if body text follows the heading on the same line.
    pub inline: bool,
}

/// The heading a line carries, if any. `text` is the whole document text.
pub(crate) fn detect(text: &str, line: &Line, current: SectionKind) -> Option<Heading> {
    let s = &text[line.span.range()];
    if s.starts_with("• ") || s.starts_with("- ") {
        return None;
    }
    let (a, b) = strip_decoration(s);
    let phrase = &s[a..b];
    let words = phrase.split_whitespace().count();
    let abs = |from: usize, to: usize| Span::new(line.span.start + from, line.span.start + to);
    if (words <= 5 || letter_spaced(phrase)) && phrase.chars().count() <= 48 {
        if let Some(kind) = lookup(phrase).or_else(|| lookup_qualified(phrase)) {
            // A lone lower-case word mid-section ("tools") is prose, not a heading.
            let typographic = line.heading_hint
                || phrase.chars().next().is_some_and(char::is_uppercase)
                || s[b..].trim_start().starts_with(':');
            if typographic {
                return Some(Heading {
                    kind,
                    span: abs(a, b),
                    inline: false,
                });
            }
        }
        if current != SectionKind::Header
            && line.heading_hint
            && unknown_heading_shape(phrase, &s[b..])
        {
            return Some(Heading {
                kind: SectionKind::Other,
                span: abs(a, b),
                inline: false,
            });
        }
    }
    inline_heading(s, current, line.break_before).map(|(kind, from, to)| Heading {
        kind,
        span: abs(from, to),
        inline: true,
    })
}

/// An unknown heading needs ALL CAPS or a trailing colon, no digits, at most four words, and
/// no organisation word (bold "CORNELL UNIVERSITY" names an entry, not a section).
fn unknown_heading_shape(phrase: &str, tail: &str) -> bool {
    let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    let colon = tail.trim_start().starts_with(':');
    (caps || colon)
        && !has_org_word(phrase)
        && !phrase.chars().any(|c| c.is_ascii_digit())
        && phrase.split_whitespace().count() <= 4
}

/// "Skills: Python, SQL" → the phrase's byte range within the line and its kind.
fn inline_heading(
    s: &str,
    current: SectionKind,
    after_break: bool,
) -> Option<(SectionKind, usize, usize)> {
    let colon = s.find(':')?;
    let (a, b) = strip_decoration(&s[..colon]);
    let phrase = &s[a..b];
    if phrase.is_empty()
        || phrase.split_whitespace().count() > 4
        || s[colon + 1..].trim().is_empty()
    {
        return None;
    }
    if !phrase.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let kind = lookup(phrase)?;
    // Inside a job or project, "Tools: …" or "Tech stack: …" describes that entry; only a
    // strong heading after a blank line ends the section.
    let inside_entry = matches!(current, SectionKind::Experience | SectionKind::Projects);
    let strong = matches!(
        kind,
        SectionKind::Education
            | SectionKind::Certifications
            | SectionKind::Languages
            | SectionKind::Interests
    ) || heading_key(phrase).ends_with("skills");
    if kind == current || kind == SectionKind::Other || (inside_entry && !(strong && after_break)) {
        return None;
    }
    // "Languages: Python, Go" under Skills is a skills line, not spoken languages.
    if current == SectionKind::Skills
        && kind == SectionKind::Languages
        && !mentions_spoken_language(&s[colon..])
    {
        return None;
    }
    Some((kind, a, b))
}

const SPOKEN: &[&str] = &[
    "english",
    "spanish",
    "french",
    "german",
    "mandarin",
    "chinese",
    "cantonese",
    "hindi",
    "arabic",
    "portuguese",
    "russian",
    "japanese",
    "korean",
    "italian",
    "dutch",
    "polish",
    "turkish",
    "vietnamese",
    "tamil",
    "telugu",
    "bengali",
    "urdu",
    "swahili",
    "tagalog",
    "greek",
    "hebrew",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "ukrainian",
    "persian",
    "farsi",
    "punjabi",
    "marathi",
    "gujarati",
    "malay",
    "indonesian",
    "thai",
    "czech",
    "romanian",
    "hungarian",
    "fluent",
    "native",
    "conversational",
];

fn mentions_spoken_language(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic())
        .any(|w| SPOKEN.contains(&w.to_lowercase().as_str()))
}

/// Splits the text into sections that tile it: a `Header` first, then one per heading.
pub(crate) fn split_sections(text: &str, lines: &[Line]) -> Vec<Section> {
    let mut sections = vec![Section {
        kind: SectionKind::Header,
        heading: None,
        body: Span::new(0, 0),
    }];
    let mut starts = vec![0usize];
    for (i, line) in lines.iter().enumerate() {
        let current = sections.last().map_or(SectionKind::Header, |s| s.kind);
        let Some(h) = detect(text, line, current) else {
            continue;
        };
        // A bold unknown line right above dates heads an entry ("NORTHWIND ANALYTICS").
        let dated_next = lines.get(i + 1).is_some_and(|next| {
            dates::find_dates(&text[next.span.range()])
                .iter()
                .any(|d| d.is_range)
        });
        let unknown = h.kind == SectionKind::Other && lookup(&text[h.span.range()]).is_none();
        if unknown && dated_next {
            continue;
        }
        let body_start = if h.inline {
            // The body starts after the colon that ends the inline heading.
            text[h.span.end..line.span.end]
                .find(':')
                .map_or(h.span.end, |i| h.span.end + i + 1)
        } else {
            line.span.end
        };
        sections.push(Section {
            kind: h.kind,
            heading: Some(h.span),
            body: Span::new(body_start, body_start),
        });
        starts.push(line.span.start);
    }
    for (section, next_start) in sections
        .iter_mut()
        .zip(starts.iter().skip(1).copied().chain([text.len()]))
    {
        section.body.start = section.body.start.min(next_start);
        section.body.end = next_start;
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_keys_ignore_case_spacing_and_glyphs() {
        assert_eq!(lookup("WORK HISTORY"), Some(SectionKind::Experience));
        assert_eq!(lookup("E X P E R I E N C E"), Some(SectionKind::Experience));
        assert_eq!(
            lookup("Licenses & Certifications"),
            Some(SectionKind::Certifications)
        );
        assert_eq!(lookup("Banana"), None);
        assert_eq!(strip_decoration("== SKILLS =="), (3, 9));
        assert_eq!(strip_decoration("Tech Stack:"), (0, 10));
    }
}
