//! Education entries: degree level, field of study, institution, graduation year.

use super::dates::find_dates;
use crate::normalize::Line;
use crate::{DegreeLevel, Education, Section, SectionKind, Span};

/// Degree words and abbreviations, compared with dots removed and lowercased.
const DEGREES: &[(&str, DegreeLevel)] = &[
    ("phd", DegreeLevel::Doctorate),
    ("dphil", DegreeLevel::Doctorate),
    ("doctorate", DegreeLevel::Doctorate),
    ("edd", DegreeLevel::Doctorate),
    ("scd", DegreeLevel::Doctorate),
    ("dsc", DegreeLevel::Doctorate),
    ("master", DegreeLevel::Master),
    ("masters", DegreeLevel::Master),
    ("master's", DegreeLevel::Master),
    ("ms", DegreeLevel::Master),
    ("msc", DegreeLevel::Master),
    ("mba", DegreeLevel::Master),
    ("meng", DegreeLevel::Master),
    ("mtech", DegreeLevel::Master),
    ("mphil", DegreeLevel::Master),
    ("mres", DegreeLevel::Master),
    ("mph", DegreeLevel::Master),
    ("msn", DegreeLevel::Master),
    ("mfa", DegreeLevel::Master),
    ("llm", DegreeLevel::Master),
    ("med", DegreeLevel::Master),
    ("mcs", DegreeLevel::Master),
    ("mse", DegreeLevel::Master),
    ("bachelor", DegreeLevel::Bachelor),
    ("bachelors", DegreeLevel::Bachelor),
    ("bachelor's", DegreeLevel::Bachelor),
    ("bs", DegreeLevel::Bachelor),
    ("bsc", DegreeLevel::Bachelor),
    ("ba", DegreeLevel::Bachelor),
    ("beng", DegreeLevel::Bachelor),
    ("btech", DegreeLevel::Bachelor),
    ("bba", DegreeLevel::Bachelor),
    ("bcom", DegreeLevel::Bachelor),
    ("bsn", DegreeLevel::Bachelor),
    ("bfa", DegreeLevel::Bachelor),
    ("bse", DegreeLevel::Bachelor),
    ("llb", DegreeLevel::Bachelor),
    ("aas", DegreeLevel::Associate),
    ("adn", DegreeLevel::Associate),
    ("asn", DegreeLevel::Associate),
];

/// Abbreviations that are also common words or place codes: they count only when written with
/// dots ("M.A.") or followed by "in"/"of".
const AMBIGUOUS: &[(&str, DegreeLevel)] = &[
    ("ma", DegreeLevel::Master),
    ("be", DegreeLevel::Bachelor),
    ("ab", DegreeLevel::Bachelor),
    ("aa", DegreeLevel::Associate),
    ("as", DegreeLevel::Associate),
];

const INSTITUTION_WORDS: &[&str] = &[
    "university",
    "college",
    "institute",
    "school",
    "academy",
    "polytechnic",
    "université",
    "universität",
    "universidad",
    "universidade",
    "università",
    "hochschule",
    "conservatory",
    "politecnico",
    "école",
    "ecole",
    "iit",
    "universiteit",
    "seminary",
];

/// Generic "of" parts that name the degree, not the field ("Bachelor of Science").
const GENERIC_FIELDS: &[&str] = &[
    "science",
    "sciences",
    "arts",
    "engineering",
    "technology",
    "applied science",
    "fine arts",
    "philosophy",
];

/// The degree named in `s`: its level and the byte range of the degree words.
pub(crate) fn find_degree(s: &str) -> Option<(DegreeLevel, usize, usize)> {
    let words: Vec<(usize, &str)> = s
        .split_inclusive(|c: char| {
            c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == '|'
        })
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len();
            Some((start, w))
        })
        .collect();
    for (i, &(start, w)) in words.iter().enumerate() {
        let raw = w.trim_end_matches(|c: char| {
            c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == '|'
        });
        let key: String = raw
            .chars()
            .filter(|&c| c != '.')
            .flat_map(char::to_lowercase)
            .collect();
        let key = key.replace('’', "'");
        let next = words.get(i + 1).map_or("", |(_, n)| n.trim());
        let end = start + raw.len();
        if let Some((_, level)) = DEGREES.iter().find(|(k, _)| *k == key) {
            // "Master" must name a degree, not "Scrum Master": "of", "in" or an entry start.
            if matches!(key.as_str(), "master" | "masters" | "master's")
                && !matches!(next, "of" | "in" | "degree")
                && i > 0
            {
                continue;
            }
            return Some((*level, start, end));
        }
        if let Some((_, level)) = AMBIGUOUS.iter().find(|(k, _)| *k == key) {
            if raw.contains('.') || matches!(next, "in" | "of") {
                return Some((*level, start, end));
            }
        }
        let associate =
            key == "associate's" || (key == "associate" && matches!(next, "of" | "in" | "degree"));
        if associate {
            return Some((DegreeLevel::Associate, start, end));
        }
        if key == "doctor" && next == "of" {
            return Some((DegreeLevel::Doctorate, start, end));
        }
    }
    None
}

/// The field of study written after the degree words.
fn field_after(rest: &str) -> Option<String> {
    let mut rest = rest.trim_start_matches(|c: char| c == '.' || c.is_whitespace());
    // "(Hons)" and the like directly after the degree.
    while rest.starts_with('(') {
        rest = rest.split_once(')').map_or("", |(_, r)| r).trim_start();
    }
    let end = [",", " | ", " — ", " – ", " - ", "(", ";", " at ", " from "]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .min()
        .unwrap_or(rest.len());
    let mut phrase = rest[..end].trim();
    phrase =
        phrase.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '\'');
    if let Some(i) = phrase
        .rfind(" in ")
        .map(|i| i + 4)
        .or_else(|| phrase.starts_with("in ").then_some(3))
    {
        phrase = &phrase[i..];
    } else if let Some(of) = phrase.strip_prefix("of ") {
        if GENERIC_FIELDS.contains(&of.to_lowercase().as_str()) {
            return None;
        }
        phrase = of;
    }
    let phrase = phrase.trim();
    (!phrase.is_empty() && phrase.chars().next().is_some_and(char::is_uppercase))
        .then(|| phrase.to_owned())
}

fn institution_in(s: &str) -> Option<String> {
    s.split([',', '|', '—', '–', ';'])
        .map(str::trim)
        .find(|part| {
            part.split_whitespace()
                .any(|w| INSTITUTION_WORDS.contains(&w.to_lowercase().as_str()))
        })
        .map(|p| {
            p.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
                .to_owned()
        })
}

/// Finds education entries in the education sections.
pub(crate) fn find_education(text: &str, lines: &[Line], sections: &[Section]) -> Vec<Education> {
    let mut out: Vec<Education> = Vec::new();
    for section in sections.iter().filter(|s| s.kind == SectionKind::Education) {
        let mut open = false;
        for line in super::lines_within(lines, section.body) {
            let s = &text[line.span.range()];
            let s_clean = s.trim_start_matches(['•', '-', ' ']);
            let degree = find_degree(s_clean);
            let attach = open
                && !line.break_before
                && out
                    .last()
                    .is_some_and(|e| e.level.is_none() || degree.is_none());
            if !attach {
                out.push(Education {
                    level: None,
                    field: None,
                    institution: None,
                    year: None,
                    span: line.span,
                });
            }
            let Some(entry) = out.last_mut() else {
                continue;
            };
            entry.span = Span::new(entry.span.start, line.span.end);
            if let Some((level, _, end)) = degree {
                if entry.level.is_none() {
                    entry.level = Some(level);
                    entry.field = field_after(&s_clean[end..]);
                }
            }
            if entry.institution.is_none() {
                entry.institution = institution_in(s_clean);
            }
            if let Some(year) = find_dates(s_clean)
                .last()
                .map(|d| d.end.unwrap_or(d.start).year)
            {
                entry.year = Some(year);
            }
            open = true;
        }
    }
    out.retain(|e| e.level.is_some() || e.institution.is_some());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level_field(s: &str) -> (Option<DegreeLevel>, Option<String>) {
        match find_degree(s) {
            Some((level, _, end)) => (Some(level), field_after(&s[end..])),
            None => (None, None),
        }
    }

    #[test]
    fn degrees_and_fields() {
        let f = |x: &str| Some(x.to_owned());
        assert_eq!(
            level_field("LL.M. in Taxation, University of Glenrowan, 2019"),
            (Some(DegreeLevel::Master), f("Taxation"))
        );
        assert_eq!(
            level_field("BA (Hons) Accounting and Finance, Univ"),
            (Some(DegreeLevel::Bachelor), f("Accounting and Finance"))
        );
        assert_eq!(
            level_field("Bachelor of Science in Nursing, Gulf Coast"),
            (Some(DegreeLevel::Bachelor), f("Nursing"))
        );
        assert_eq!(
            level_field("Master of Business Administration (MBA)"),
            (Some(DegreeLevel::Master), f("Business Administration"))
        );
        assert_eq!(
            level_field("Bachelor of Science, 2014"),
            (Some(DegreeLevel::Bachelor), None)
        );
        assert_eq!(
            level_field("PhD in Statistics, University of Kastelberg, 2019").0,
            Some(DegreeLevel::Doctorate)
        );
        assert_eq!(
            level_field("Associate of Arts in Business Administration").1,
            f("Business Administration")
        );
        assert_eq!(level_field("Certified Scrum Master, 2020").0, None);
        assert_eq!(level_field("Boston, MA 02110").0, None);
    }
}
