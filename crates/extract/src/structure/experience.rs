//! Experience: dated positions (title, employer, dates, the entry's span) and their totals.
//!
//! Every line of an experience section that holds a date range anchors a position. Its
//! header is the anchor line without the dates, plus up to two short non-bullet lines just
//! above it (or, when the anchor holds only dates, just below it). The header is split at
//! separators ("|", "—", "–", "·", " at ", commas) into a title (the part with a job-title word),
//! an employer (trailing locations and parentheticals removed) and the rest. An entry runs
//! from its first header line to the next entry, so it covers the entry's bullets.

use super::dates::{find_dates, FoundDate};
use crate::normalize::Line;
use crate::{ExperienceSummary, Position, Section, SectionKind, Span, YearMonth};

/// Words that mark a job title (compared lowercase, whole words).
const TITLE_WORDS: &[&str] = &[
    "accountant",
    "administrator",
    "adviser",
    "advisor",
    "analyst",
    "apprentice",
    "architect",
    "assistant",
    "associate",
    "auditor",
    "ceo",
    "cfo",
    "chief",
    "clerk",
    "consultant",
    "contractor",
    "controller",
    "coordinator",
    "cto",
    "designer",
    "developer",
    "director",
    "engineer",
    "executive",
    "fellow",
    "founder",
    "co-founder",
    "freelance",
    "freelancer",
    "head",
    "instructor",
    "integrator",
    "intern",
    "junior",
    "lead",
    "lecturer",
    "manager",
    "nurse",
    "officer",
    "owner",
    "partner",
    "postdoc",
    "president",
    "principal",
    "professor",
    "programmer",
    "representative",
    "researcher",
    "scientist",
    "senior",
    "specialist",
    "staff",
    "student",
    "supervisor",
    "teacher",
    "technician",
    "trainee",
    "tutor",
    "vp",
    "sde",
    "swe",
    "strategist",
    "editor",
    "writer",
    "therapist",
    "pharmacist",
    "physician",
    "paramedic",
    "aide",
    "agent",
    "buyer",
    "planner",
];

/// Words that mark an organisation, so a comma part holding one is not a location.
const ORG_WORDS: &[&str] = &[
    "university",
    "institute",
    "college",
    "school",
    "academy",
    "inc",
    "ltd",
    "llc",
    "llp",
    "gmbh",
    "ag",
    "plc",
    "group",
    "labs",
    "lab",
    "hospital",
    "center",
    "centre",
    "bank",
    "agency",
    "software",
    "systems",
    "technologies",
    "analytics",
    "partners",
    "company",
    "corp",
    "corporation",
    "solutions",
    "studio",
    "clinic",
    "foundation",
    "department",
    "faculty",
];

/// Returns true if and only if `s` has a word naming an organisation ("University", "GmbH").
pub(crate) fn has_org_word(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Returns true if and only if `s` contains a job-title word.
pub(crate) fn has_title_word(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| TITLE_WORDS.contains(&w.to_lowercase().as_str()))
}

fn is_bullet(s: &str) -> bool {
    s.starts_with("• ") || s.starts_with("- ")
}

/// Finds the positions in the experience sections.
pub(crate) fn find_positions(
    text: &str,
    lines: &[Line],
    sections: &[Section],
    as_of: YearMonth,
) -> Vec<Position> {
    let mut positions = Vec::new();
    for section in sections
        .iter()
        .filter(|s| s.kind == SectionKind::Experience)
    {
        let body: Vec<&Line> = super::lines_within(lines, section.body).iter().collect();
        positions.extend(section_positions(text, &body, section.body.end, as_of));
    }
    positions
}

/// An anchor: the line index holding the dates, the dates, and the header line range.
struct Entry {
    first_line: usize,
    anchor: usize,
    /// One past the last line of the header (after the anchor when the header follows it).
    header_end: usize,
    date: FoundDate,
    header: Vec<String>,
}

fn section_positions(
    text: &str,
    lines: &[&Line],
    section_end: usize,
    as_of: YearMonth,
) -> Vec<Position> {
    let line_text = |i: usize| &text[lines[i].span.range()];
    let mut entries: Vec<Entry> = Vec::new();
    for i in 0..lines.len() {
        let s = line_text(i);
        if is_bullet(s) {
            continue;
        }
        let Some(date) = anchor_date(s) else { continue };
        let residual = remove_span(s, date.start_byte, date.end_byte);
        let floor = entries.last().map_or(0, |e| e.header_end);
        let mut first_line = i;
        while first_line > floor
            && i - first_line < 2
            && !lines[first_line].break_before
            && header_like(line_text(first_line - 1))
        {
            first_line -= 1;
        }
        let mut header: Vec<String> = (first_line..i).map(|j| line_text(j).to_owned()).collect();
        if !residual.is_empty() {
            header.push(residual);
        }
        let mut header_end = i + 1;
        if header.is_empty() {
            // Dates on their own line with nothing above: the header follows the dates.
            let following: Vec<usize> = (i + 1..lines.len().min(i + 3))
                .take_while(|&j| {
                    !lines[j].break_before
                        && header_like(line_text(j))
                        && anchor_date(line_text(j)).is_none()
                })
                .collect();
            header_end += following.len();
            header.extend(following.iter().map(|&j| line_text(j).to_owned()));
        }
        if header.is_empty() {
            // Or a few lines up, past a break or stray lines (a sidebar interleaved by the
            // PDF layout): the nearest short line naming a job title.
            if let Some(j) = (floor.max(i.saturating_sub(4))..i)
                .rev()
                .find(|&j| header_like(line_text(j)) && has_title_word(line_text(j)))
            {
                first_line = j;
                header.push(line_text(j).to_owned());
            }
        }
        entries.push(Entry {
            first_line,
            anchor: i,
            header_end,
            date,
            header,
        });
    }
    let mut positions: Vec<Position> = Vec::with_capacity(entries.len());
    for (k, entry) in entries.iter().enumerate() {
        let start = lines[entry.first_line].span.start;
        let end = entries
            .get(k + 1)
            .map_or(section_end, |next| lines[next.first_line].span.start);
        let (title, mut employer) = title_and_employer(&entry.header);
        let continues_employer =
            entry.first_line == entry.anchor && title.is_some() && employer.is_none();
        if continues_employer {
            employer = positions.last().and_then(|p| p.employer.clone());
        }
        let offset = lines[entry.anchor].span.start;
        positions.push(Position {
            title,
            employer,
            dates: entry.date.resolve(as_of, offset),
            span: Span::new(start, end.max(start)),
        });
    }
    positions
}

/// The date range on a line, or a lone date on a short line ("Summer 2022").
fn anchor_date(s: &str) -> Option<FoundDate> {
    let dates = find_dates(s);
    if let Some(range) = dates.iter().find(|d| d.is_range) {
        return Some(*range);
    }
    let single = dates.first()?;
    let rest = remove_span(s, single.start_byte, single.end_byte);
    (dates.len() == 1
        && single.start.month > 0
        && rest.split_whitespace().count() <= 6
        && s.len() < 80)
        .then_some(*single)
        .filter(|_| {
            s[single.start_byte..single.end_byte]
                .chars()
                .any(char::is_alphabetic)
        })
}

/// Returns true if and only if a line can be part of an entry header: short, not a bullet,
/// not a sentence.
fn header_like(s: &str) -> bool {
    let words = s.split_whitespace().count();
    !is_bullet(s)
        && words <= 14
        && !s.ends_with('.')
        && s.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// The line with `[a, b)` removed and separators trimmed from the seams.
fn remove_span(s: &str, a: usize, b: usize) -> String {
    let trim = |x: &str| {
        x.trim_matches(|c: char| c.is_whitespace() || "|,·•–—-()[]:;/".contains(c))
            .to_owned()
    };
    let (left, right) = (trim(&s[..a]), trim(&s[b..]));
    match (left.is_empty(), right.is_empty()) {
        (false, false) => format!("{left} | {right}"),
        (false, true) => left,
        _ => right,
    }
}

/// Splits header lines into title and employer.
fn title_and_employer(header: &[String]) -> (Option<String>, Option<String>) {
    let mut segments: Vec<String> = Vec::new();
    let mut previous_split = false;
    for piece in header {
        let parts = split_strong(piece);
        // A short piece after a line with separators is that line wrapped ("… — Bluefin Office" +
        // "Supply").
        let wrapped = previous_split
            && parts.len() == 1
            && !piece.contains(',')
            && piece.split_whitespace().count() <= 3;
        match segments.last_mut() {
            Some(last) if wrapped => {
                last.push(' ');
                last.push_str(piece.trim());
            }
            _ => segments.extend(parts.iter().cloned()),
        }
        previous_split = parts.len() > 1;
    }
    segments.retain(|s| !s.is_empty() && !is_strong_location(s));
    if segments.len() == 1 {
        let parts: Vec<String> = segments[0]
            .split(", ")
            .map(|p| p.trim().to_owned())
            .collect();
        if parts.len() >= 2 && !is_strong_location(&parts[1]) {
            let (t, e) = if !has_title_word(&parts[0]) && has_title_word(&parts[1]) {
                (1, 0)
            } else {
                (0, 1)
            };
            return (Some(parts[t].clone()), Some(clean_employer(&parts[e])));
        }
        return (Some(segments[0].clone()), None);
    }
    let title_at = segments.iter().position(|s| has_title_word(s)).unwrap_or(0);
    let title = segments.get(title_at).cloned();
    let employer = segments
        .iter()
        .enumerate()
        .find(|(i, _)| *i != title_at)
        .map(|(_, s)| clean_employer(s));
    (title, employer.filter(|e| !e.is_empty()))
}

/// Splits at strong separators: pipes, dashes with spaces, middle dots, " at ", " @ ".
fn split_strong(s: &str) -> Vec<String> {
    let mut out = vec![s.to_owned()];
    for sep in [
        " | ", " — ", " – ", " - ", " · ", " • ", " @ ", " at ", "\t",
    ] {
        out = out
            .into_iter()
            .flat_map(|part| {
                if sep == " at "
                    && !part
                        .split(sep)
                        .nth(1)
                        .is_some_and(|r| r.starts_with(char::is_uppercase))
                {
                    return vec![part];
                }
                part.split(sep)
                    .map(|p| p.trim().to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    out
}

/// The employer without a parenthetical ("(e-commerce)") or trailing location parts.
fn clean_employer(s: &str) -> String {
    let mut s = s.to_owned();
    if let (Some(a), Some(b)) = (s.find(" ("), s.rfind(')')) {
        if a < b {
            s.replace_range(a..=b, "");
        }
    }
    let mut parts: Vec<&str> = s.split(", ").collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| is_location(p)) {
        parts.pop();
    }
    parts.join(", ").trim().to_owned()
}

/// Countries and regions written after a city.
const REGIONS: &[&str] = &[
    "uk",
    "usa",
    "us",
    "united states",
    "united kingdom",
    "england",
    "scotland",
    "wales",
    "ireland",
    "germany",
    "france",
    "spain",
    "italy",
    "netherlands",
    "india",
    "canada",
    "australia",
    "singapore",
    "japan",
    "china",
    "brazil",
    "mexico",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "poland",
    "switzerland",
    "austria",
    "belgium",
    "portugal",
    "remote",
];

/// Returns true if and only if `s` is certainly a place: "Remote", "City, ST", "City, Country".
fn is_strong_location(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    if matches!(lower.as_str(), "remote" | "hybrid" | "on-site" | "onsite") {
        return true;
    }
    let Some((city, region)) = s.trim().rsplit_once(", ") else {
        return false;
    };
    let state = region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase());
    (state || REGIONS.contains(&region.to_lowercase().as_str()))
        && !city.contains(", ")
        && is_location(city)
}

/// Returns true if and only if `s` reads as a place: "Remote", a state code, or one to three
/// capitalised words with no organisation word.
fn is_location(s: &str) -> bool {
    let s = s.trim();
    let words: Vec<&str> = s.split_whitespace().collect();
    if matches!(
        s.to_lowercase().as_str(),
        "remote" | "hybrid" | "on-site" | "onsite"
    ) {
        return true;
    }
    if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit()))
        && !has_org_word(s)
        && !has_title_word(s)
}

/// Totals over positions: months covered at least once (both end months counted), and gaps of
/// two months or more between covered periods. Dates after `as_of` are cut at `as_of`.
pub(crate) fn summarize(positions: &[Position], as_of: YearMonth) -> ExperienceSummary {
    let mut ranges: Vec<(i32, i32)> = positions
        .iter()
        .map(|p| (p.dates.start.ordinal(), p.dates.end.min(as_of).ordinal()))
        .filter(|(a, b)| a <= b)
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let total: i32 = merged.iter().map(|(a, b)| b - a + 1).sum();
    let from_ordinal = |o: i32| {
        YearMonth::new(
            u16::try_from(o.div_euclid(12)).unwrap_or(0),
            u8::try_from(o.rem_euclid(12) + 1).unwrap_or(1),
        )
    };
    let gaps = merged
        .windows(2)
        .filter(|w| w[1].0 - w[0].1 > 2)
        .filter_map(|w| Some((from_ordinal(w[0].1 + 1)?, from_ordinal(w[1].0 - 1)?)))
        .collect();
    ExperienceSummary {
        total_months: u32::try_from(total).unwrap_or(0),
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn titles_and_employers() {
        let te = |h: &[&str]| title_and_employer(&owned(h));
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(
            te(&["Senior Tax Manager, Calder & Moray LLP, Edinburgh"]),
            (s("Senior Tax Manager"), s("Calder & Moray LLP"))
        );
        assert_eq!(
            te(&["Registered Nurse, Cardiac ICU — St. Brigid Memorial Hospital, Houston, TX"]),
            (
                s("Registered Nurse, Cardiac ICU"),
                s("St. Brigid Memorial Hospital")
            )
        );
        assert_eq!(
            te(&["Doctoral Researcher | University of Kastelberg, Institute of Statistics"]),
            (
                s("Doctoral Researcher"),
                s("University of Kastelberg, Institute of Statistics")
            )
        );
        assert_eq!(
            te(&["Senior Frontend Developer — Maison Verbena (e-commerce)"]),
            (s("Senior Frontend Developer"), s("Maison Verbena"))
        );
        assert_eq!(
            te(&["Northwind Analytics, Seattle, WA", "Staff Engineer"]),
            (s("Staff Engineer"), s("Northwind Analytics"))
        );
        assert_eq!(
            te(&["Data Scientist at Acme Corp"]),
            (s("Data Scientist"), s("Acme Corp"))
        );
    }

    fn position(start: (u16, u8), end: (u16, u8)) -> Position {
        let ym = |(y, m): (u16, u8)| YearMonth::new(y, m).unwrap();
        let dates = crate::DateRange {
            start: ym(start),
            end: ym(end),
            ongoing: false,
            span: Span::default(),
        };
        Position {
            title: None,
            employer: None,
            dates,
            span: Span::default(),
        }
    }

    #[test]
    fn totals_merge_overlaps_and_report_gaps() {
        let as_of = YearMonth::new(2026, 6).unwrap();
        let jobs = [
            position((2020, 10), (2023, 7)), // overlaps the next one
            position((2022, 1), (2026, 6)),
            position((2019, 9), (2021, 12)),
            position((2015, 10), (2019, 8)), // adjacent: no gap
            position((2012, 1), (2014, 12)), // gap Jan–Sep 2015
        ];
        let summary = summarize(&jobs, as_of);
        // 2015-10..2026-06 = 129 months, plus 2012-01..2014-12 = 36 months.
        assert_eq!(summary.total_months, 129 + 36);
        assert_eq!(
            summary.gaps,
            [(
                YearMonth::new(2015, 1).unwrap(),
                YearMonth::new(2015, 9).unwrap()
            )]
        );
    }

    #[test]
    fn totals_cut_future_dates_at_as_of() {
        let as_of = YearMonth::new(2026, 6).unwrap();
        let summary = summarize(
            &[
                position((2026, 1), (2027, 12)),
                position((2027, 1), (2028, 1)),
            ],
            as_of,
        );
        assert_eq!(summary.total_months, 6);
        assert!(summary.gaps.is_empty());
    }

    fn jobs(body: &str) -> Vec<(Option<String>, Option<String>, String)> {
        let doc = crate::Extractor::builder()
            .as_of(YearMonth::new(2026, 6).unwrap())
            .build()
            .extract_str(&format!("Jane Doe\n\nExperience\n{body}"));
        doc.positions
            .iter()
            .map(|p| {
                (
                    p.title.clone(),
                    p.employer.clone(),
                    format!("{}..{}", p.dates.start, p.dates.end),
                )
            })
            .collect()
    }

    fn job(t: &str, e: Option<&str>, d: &str) -> (Option<String>, Option<String>, String) {
        (Some(t.to_owned()), e.map(str::to_owned), d.to_owned())
    }

    #[test]
    fn entry_layouts() {
        // Dates on the title line, after a column gap.
        assert_eq!(
            jobs("Senior Engineer\tAcme Inc\tJan 2020 – Present\n• Built it."),
            [job("Senior Engineer", Some("Acme Inc"), "2020-01..2026-06")]
        );
        // Dates first, then the title and employer.
        assert_eq!(
            jobs("2019 – 2021\nData Scientist, Beta Labs\n• Modelled churn."),
            [job("Data Scientist", Some("Beta Labs"), "2019-01..2021-12")]
        );
        // "at" and parenthesised dates.
        assert_eq!(
            jobs("Data Analyst at Gamma Corp (Mar 2017 – Jun 2019)"),
            [job("Data Analyst", Some("Gamma Corp"), "2017-03..2019-06")]
        );
        // Employer line above two roles at the same employer.
        assert_eq!(
            jobs("Northwind Analytics, Seattle, WA\nStaff Engineer | 2022 – Present\n• Led.\nSenior Engineer | 2019 – 2021\n• Built."),
            [
                job("Staff Engineer", Some("Northwind Analytics"), "2022-01..2026-06"),
                job("Senior Engineer", Some("Northwind Analytics"), "2019-01..2021-12"),
            ]
        );
    }

    #[test]
    fn title_found_past_stray_sidebar_lines() {
        assert_eq!(
            jobs("Frontend Developer — Cabestan Travel\n\nTesting: Jest, Cypress\n\nLibrary, Storybook\n\n2018-03 – 2021-08\n• Booking funnel."),
            [job("Frontend Developer", Some("Cabestan Travel"), "2018-03..2021-08")]
        );
    }

    #[test]
    fn position_spans_cover_their_bullets() {
        let doc = crate::Extractor::new().extract_str(
            "Experience\nEngineer, Acme\n2019 – 2020\n• Used Kafka daily.\nAnalyst, Beta\n2017 – 2018\n• Used Excel.\n\nSkills\nPython",
        );
        let at = |word: &str| doc.text.find(word).unwrap();
        assert_eq!(
            doc.position_at(at("Kafka"))
                .and_then(|p| p.employer.as_deref()),
            Some("Acme")
        );
        assert_eq!(
            doc.position_at(at("Excel"))
                .and_then(|p| p.employer.as_deref()),
            Some("Beta")
        );
        assert!(doc.position_at(at("Python")).is_none());
    }
}
