//! Table-driven tests over fixtures/cases/{tokenizer,dates,sections}.toml.

use serde::Deserialize;

use crate::normalize::normalize;
use crate::raw::{RawLine, RawText};
use crate::structure::{dates, sections};
use crate::{Extractor, Format, Limits, SectionKind, YearMonth};

fn load<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/cases")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn month(s: &str) -> YearMonth {
    let (y, m) = s.split_once('-').expect("YYYY-MM");
    YearMonth::new(y.parse().expect("year"), m.parse().expect("month")).expect("month 1-12")
}

#[derive(Deserialize)]
struct TokenizerCases {
    case: Vec<TokenizerCase>,
}

#[derive(Deserialize)]
struct TokenizerCase {
    input: String,
    tokens: Vec<String>,
}

#[test]
fn tokenizer_cases() {
    let cases: TokenizerCases = load("tokenizer.toml");
    let extractor = Extractor::new();
    let mut failures = Vec::new();
    for case in &cases.case {
        let doc = extractor.extract_str(&case.input);
        let got: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
        if got != case.tokens {
            failures.push(format!(
                "{:?}: got {got:?}, want {:?}",
                case.input, case.tokens
            ));
        }
        for t in &doc.tokens {
            assert_eq!(t.norm, doc.slice(t.span).to_lowercase());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} tokenizer cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[derive(Deserialize)]
struct DateCases {
    as_of: String,
    case: Vec<DateCase>,
}

#[derive(Deserialize)]
struct DateCase {
    input: String,
    kind: Option<String>,
    start: Option<String>,
    end: Option<String>,
    months: Option<u32>,
}

#[test]
fn date_cases() {
    let cases: DateCases = load("dates.toml");
    let as_of = month(&cases.as_of);
    let mut failures = Vec::new();
    for case in &cases.case {
        let found = dates::find_dates(&case.input);
        let problem = match case.kind.as_deref().unwrap_or("range") {
            "none" => (!found.is_empty()).then(|| format!("found {found:?}")),
            "point" => match found.first() {
                Some(d)
                    if !found.iter().any(|d| d.is_range)
                        && Some(d.start) == case.start.as_deref().map(month)
                        && case.end.as_deref().is_none_or(|e| d.end == Some(month(e))) =>
                {
                    None
                }
                _ => Some(format!("found {found:?}")),
            },
            _ => match found.iter().find(|d| d.is_range) {
                None => Some("no range found".to_owned()),
                Some(d) => {
                    let r = d.resolve(as_of, 0);
                    let want_end_ok = match case.end.as_deref() {
                        Some("present") => r.ongoing && r.end == as_of,
                        Some(e) => !r.ongoing && r.end == month(e),
                        None => true,
                    };
                    let ok = case.start.as_deref().map(month) == Some(r.start)
                        && want_end_ok
                        && case.months.is_none_or(|m| m == r.months())
                        && case.input.get(r.span.range()).is_some();
                    (!ok).then(|| {
                        format!(
                            "got {}..{} ongoing={} months={}",
                            r.start,
                            r.end,
                            r.ongoing,
                            r.months()
                        )
                    })
                }
            },
        };
        if let Some(p) = problem {
            failures.push(format!("{:?}: {p}", case.input));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} date cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[derive(Deserialize)]
struct SectionCases {
    heading: Vec<HeadingCase>,
    document: Vec<DocumentCase>,
}

#[derive(Deserialize)]
struct HeadingCase {
    line: String,
    kind: String,
    #[serde(rename = "in")]
    within: Option<SectionKind>,
    #[serde(default)]
    hint: bool,
}

#[derive(Deserialize)]
struct DocumentCase {
    name: String,
    text: String,
    sections: Vec<String>,
    #[serde(default)]
    hints: Vec<String>,
}

#[test]
fn heading_cases() {
    let cases: SectionCases = load("sections.toml");
    let mut failures = Vec::new();
    for case in &cases.heading {
        let raw = RawText {
            lines: vec![RawLine {
                text: case.line.clone(),
                heading_hint: case.hint,
                break_before: false,
            }],
            ..RawText::default()
        };
        let norm = normalize(&raw, usize::MAX, &mut Vec::new());
        let within = case.within.unwrap_or(SectionKind::Summary);
        let got = norm
            .lines
            .first()
            .and_then(|l| sections::detect(&norm.text, l, within));
        let got_kind = got.map_or("none", |h| h.kind.as_str());
        if got_kind != case.kind {
            failures.push(format!(
                "{:?} in {within}: got {got_kind}, want {}",
                case.line, case.kind
            ));
        }
        if let Some(h) = got {
            assert!(
                norm.text.get(h.span.range()).is_some_and(|s| !s.is_empty()),
                "{:?}",
                case.line
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} heading cases failed:\n{}",
        failures.len(),
        cases.heading.len(),
        failures.join("\n")
    );
}

#[test]
fn document_section_cases() {
    let cases: SectionCases = load("sections.toml");
    let extractor = Extractor::new();
    let mut failures = Vec::new();
    for case in &cases.document {
        let doc = if case.hints.is_empty() {
            extractor.extract_str(&case.text)
        } else {
            let mut raw = crate::text::lines_from_str(&case.text, Format::Text);
            for line in &mut raw.lines {
                line.heading_hint = case.hints.contains(&line.text);
            }
            crate::structure::build_document(
                raw,
                Format::Text,
                None,
                &Limits::default(),
                extractor.as_of(),
            )
        };
        let got: Vec<&str> = doc.sections.iter().map(|s| s.kind.as_str()).collect();
        if got != case.sections {
            failures.push(format!(
                "{}: got {got:?}, want {:?}",
                case.name, case.sections
            ));
        }
        // Sections tile the text.
        assert_eq!(
            doc.sections.last().map(|s| s.body.end),
            Some(doc.text.len()),
            "{}",
            case.name
        );
    }
    assert!(
        failures.is_empty(),
        "{} document cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
