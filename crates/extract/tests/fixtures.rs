//! Every fixture resume, in every render (text, DOCX, each PDF producer), against its sidecar.
//!
//! Prints one row per render with a mark per check, then the details of every mismatch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rolefit_extract::{DegreeLevel, Document, Extractor, YearMonth};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    as_of: String,
    name: Option<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    sections: Vec<String>,
    total_months: Option<u32>,
    degree: Option<String>,
    degree_field: Option<String>,
    #[serde(default)]
    positions: Vec<ExpectedPosition>,
}

#[derive(Debug, Deserialize)]
struct ExpectedPosition {
    title: Option<String>,
    employer: Option<String>,
    start: String,
    end: String,
}

fn resumes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/resumes")
}

fn month(s: &str) -> YearMonth {
    let (y, m) = s.split_once('-').expect("YYYY-MM");
    YearMonth::new(y.parse().expect("year"), m.parse().expect("month")).expect("valid month")
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn level_name(level: DegreeLevel) -> &'static str {
    match level {
        DegreeLevel::Associate => "associate",
        DegreeLevel::Bachelor => "bachelor",
        DegreeLevel::Master => "master",
        DegreeLevel::Doctorate => "doctorate",
        _ => "other",
    }
}

/// The checks, in table order.
const COLUMNS: [&str; 6] = [
    "sections",
    "name",
    "contact",
    "positions",
    "months",
    "degree",
];

/// The checks, each a name and, on failure, what differed.
fn check(doc: &Document, want: &Expected) -> Vec<(&'static str, Option<String>)> {
    let mut out = Vec::new();
    let kinds: Vec<&str> = doc.sections.iter().map(|s| s.kind.as_str()).collect();
    out.push((
        "sections",
        (kinds != want.sections).then(|| format!("got {kinds:?}, want {:?}", want.sections)),
    ));

    let name = doc.contact.name.map(|(span, _)| doc.slice(span).to_owned());
    let name_ok = match (&want.name, &name) {
        (Some(w), Some(g)) => squash(w) == squash(g),
        (None, _) => true,
        _ => false,
    };
    out.push((
        "name",
        (!name_ok).then(|| format!("got {name:?}, want {:?}", want.name)),
    ));

    let emails: Vec<String> = doc
        .contact
        .emails
        .iter()
        .map(|s| doc.slice(*s).to_lowercase())
        .collect();
    let phones: Vec<String> = doc
        .contact
        .phones
        .iter()
        .map(|s| digits(doc.slice(*s)))
        .collect();
    let links: Vec<String> = doc
        .contact
        .links
        .iter()
        .map(|l| doc.slice(l.span).to_lowercase())
        .collect();
    let mut missing: Vec<String> = Vec::new();
    missing.extend(
        want.emails
            .iter()
            .filter(|e| !emails.contains(&e.to_lowercase()))
            .cloned(),
    );
    missing.extend(
        want.phones
            .iter()
            .filter(|p| !phones.contains(&digits(p)))
            .cloned(),
    );
    missing.extend(
        want.links
            .iter()
            .filter(|l| !links.iter().any(|g| g.contains(&l.to_lowercase())))
            .cloned(),
    );
    out.push((
        "contact",
        (!missing.is_empty()).then(|| {
            format!("missing {missing:?}; got emails {emails:?} phones {phones:?} links {links:?}")
        }),
    ));

    let mut pos_problems = Vec::new();
    if doc.positions.len() != want.positions.len() {
        pos_problems.push(format!(
            "{} positions, want {}",
            doc.positions.len(),
            want.positions.len()
        ));
    }
    for (i, (got, w)) in doc.positions.iter().zip(&want.positions).enumerate() {
        let end_ok = if w.end == "present" {
            got.dates.ongoing
        } else {
            !got.dates.ongoing && got.dates.end == month(&w.end)
        };
        if got.dates.start != month(&w.start) || !end_ok {
            pos_problems.push(format!(
                "#{i} dates {}..{}, want {}..{}",
                got.dates.start, got.dates.end, w.start, w.end
            ));
        }
        let same = |g: &Option<String>, w: &Option<String>| match (g, w) {
            (_, None) => true,
            (Some(g), Some(w)) => squash(g) == squash(w),
            _ => false,
        };
        if !same(&got.title, &w.title) {
            pos_problems.push(format!("#{i} title {:?}, want {:?}", got.title, w.title));
        }
        if !same(&got.employer, &w.employer) {
            pos_problems.push(format!(
                "#{i} employer {:?}, want {:?}",
                got.employer, w.employer
            ));
        }
    }
    out.push((
        "positions",
        (!pos_problems.is_empty()).then(|| pos_problems.join("; ")),
    ));

    let months_ok = want
        .total_months
        .is_none_or(|m| doc.experience.total_months == m);
    out.push((
        "months",
        (!months_ok).then(|| {
            format!(
                "got {}, want {:?}",
                doc.experience.total_months, want.total_months
            )
        }),
    ));

    let highest = doc.education.iter().filter_map(|e| e.level).max();
    let field = doc
        .education
        .iter()
        .find(|e| e.level.is_some() && e.level == highest)
        .and_then(|e| e.field.clone());
    let degree_ok = want.degree.as_deref() == highest.map(level_name)
        && want.degree_field.as_ref().is_none_or(|w| {
            field
                .as_ref()
                .is_some_and(|f| squash(f).contains(&squash(w)))
        });
    out.push((
        "degree",
        (!degree_ok).then(|| {
            format!(
                "got {:?} {field:?}, want {:?} {:?}",
                highest.map(level_name),
                want.degree,
                want.degree_field
            )
        }),
    ));
    out
}

/// The renders of one fixture: the text and every DOCX/PDF sharing its stem.
fn renders(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures/resumes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let file = p.file_name().and_then(|f| f.to_str()).unwrap_or("");
            let stem_ok = file.split('.').next() == Some(name);
            stem_ok && (file.ends_with(".txt") || file.ends_with(".docx") || file.ends_with(".pdf"))
        })
        .collect();
    files.sort();
    files
}

/// Renders whose PDF layout the reader does not recover yet, each for the reason given. The
/// test fails when a render outside this list fails (a regression) and when a listed render
/// passes (the list must shrink as the reader improves), so the list is always the truth.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

#[test]
fn every_fixture_matches_its_sidecar() {
    let dir = resumes_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/resumes exists")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".expected.toml")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no sidecars in {}", dir.display());

    let mut failures: Vec<String> = Vec::new();
    let mut per_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut header_printed = false;
    for name in &names {
        let sidecar = std::fs::read_to_string(dir.join(format!("{name}.expected.toml")))
            .expect("readable sidecar");
        let want: Expected =
            toml::from_str(&sidecar).unwrap_or_else(|e| panic!("{name}.expected.toml: {e}"));
        let extractor = Extractor::builder().as_of(month(&want.as_of)).build();
        for path in renders(&dir, name) {
            let file = path
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or("")
                .to_owned();
            let render = file
                .strip_prefix(name)
                .unwrap_or(&file)
                .trim_start_matches('.')
                .to_owned();
            let results = match extractor.extract_path(&path) {
                Ok(doc) => check(&doc, &want),
                Err(e) => COLUMNS
                    .iter()
                    .map(|c| (*c, Some(format!("extraction failed: {e}"))))
                    .collect(),
            };
            if !header_printed {
                println!("{:<28} {:<12} {}", "fixture", "render", COLUMNS.join("  "));
                header_printed = true;
            }
            let marks: Vec<String> = results
                .iter()
                .map(|(c, r)| {
                    format!(
                        "{:^w$}",
                        if r.is_none() { "ok" } else { "FAIL" },
                        w = c.len()
                    )
                })
                .collect();
            println!("{name:<28} {render:<12} {}", marks.join("  "));
            let entry = per_kind.entry(render.clone()).or_default();
            entry.1 += results.len();
            entry.0 += results.iter().filter(|r| r.1.is_none()).count();
            failures.extend(
                results
                    .into_iter()
                    .filter_map(|(c, r)| r.map(|r| format!("{file}: {c}: {r}"))),
            );
        }
    }
    println!();
    for (render, (ok, all)) in &per_kind {
        println!("{render:<12} {ok}/{all} checks pass");
    }
    for f in &failures {
        println!("{f}");
    }
    let failing: std::collections::BTreeSet<&str> = failures
        .iter()
        .filter_map(|f| f.split(':').next())
        .collect();
    let known: std::collections::BTreeSet<&str> = KNOWN_FAILURES.iter().map(|k| k.0).collect();
    let regressions: Vec<&&str> = failing.difference(&known).collect();
    let fixed: Vec<&&str> = known.difference(&failing).collect();
    println!(
        "known layout failures: {} of {} listed",
        known.len() - fixed.len(),
        known.len()
    );
    assert!(
        regressions.is_empty(),
        "renders failing that are not known failures: {regressions:?}; see the table above"
    );
    assert!(
        fixed.is_empty(),
        "renders now pass; remove them from KNOWN_FAILURES: {fixed:?}"
    );
}
