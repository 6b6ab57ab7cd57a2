//! Every fixture resume's expected skills (`fixtures/resumes/NAME.expected.toml`) are found
//! (recall), and no skill outside that list is found as written (precision). Implied skills
//! are counted apart: they are not written. Printed per fixture; each overall figure ≥ 0.95.
//!
//! Run with `cargo test -p rolefit-match --test fixtures_recall -- --nocapture` to see the
//! table: per fixture, the skills found that the sidecar does not list. Such a skill is
//! either one the text really writes (add it to `skills`) or a false positive (fix the alias
//! policy in data/curated/ambiguous.toml, and name it in `not_skills` so it stays fixed).

mod support;

use std::collections::BTreeSet;
use std::path::PathBuf;

use rolefit_extract::{Extractor, YearMonth};
use rolefit_match::SkillId;
use serde::Deserialize;

#[derive(Deserialize)]
struct Sidecar {
    as_of: String,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    not_skills: Vec<String>,
}

/// Every fixture resume's text and sidecar, by name.
fn fixtures() -> Vec<(String, String, Sidecar)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/resumes");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/resumes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|txt| {
            let stem = txt.file_stem()?.to_str()?.to_owned();
            let sidecar =
                std::fs::read_to_string(dir.join(format!("{stem}.expected.toml"))).ok()?;
            let sidecar: Sidecar =
                toml::from_str(&sidecar).unwrap_or_else(|e| panic!("{stem}: {e}"));
            let text = std::fs::read_to_string(&txt).expect("fixture text is UTF-8");
            Some((stem, text, sidecar))
        })
        .collect()
}

fn month(s: &str) -> YearMonth {
    let (y, m) = s.split_once('-').expect("as_of is YYYY-MM");
    YearMonth::new(y.parse().expect("year"), m.parse().expect("month")).expect("a month")
}

/// Recall and precision over all fixtures, and the `not_skills` found, printing the table.
fn measure() -> (f64, f64, Vec<String>) {
    let taxonomy = support::taxonomy();
    let matcher = support::matcher();
    let resolve = |names: &[String], unresolved: &mut Vec<String>| -> BTreeSet<SkillId> {
        names
            .iter()
            .filter_map(|n| {
                let found = taxonomy.find(n).map(|s| s.id.clone());
                if found.is_none() {
                    unresolved.push(n.clone());
                }
                found
            })
            .collect()
    };
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no fixture resumes found");
    let (mut expected_total, mut hit_total, mut found_total) = (0usize, 0usize, 0usize);
    let mut forbidden_found = Vec::new();
    println!(
        "{:<28} {:>6} {:>6} {:>6} {:>7} {:>9} {:>8}",
        "fixture", "expect", "found", "hit", "recall", "precision", "implied"
    );
    for (name, text, sidecar) in &fixtures {
        let doc = Extractor::builder()
            .as_of(month(&sidecar.as_of))
            .build()
            .extract_str(text);
        let set = matcher.find(&doc);
        let mut unresolved = Vec::new();
        let expected = resolve(&sidecar.skills, &mut unresolved);
        let forbidden = resolve(&sidecar.not_skills, &mut Vec::new());
        let written: BTreeSet<SkillId> = set.written().map(|e| e.skill.clone()).collect();
        let implied = set.skills.iter().filter(|e| e.is_implied()).count();
        let hit = expected.intersection(&written).count();
        let expected_n = expected.len() + unresolved.len();
        println!(
            "{name:<28} {expected_n:>6} {:>6} {hit:>6} {:>7.3} {:>9.3} {implied:>8}",
            written.len(),
            ratio(hit, expected_n),
            ratio(hit, written.len()),
        );
        let missed: Vec<&str> = expected.difference(&written).map(SkillId::as_str).collect();
        let extra: Vec<String> = written
            .difference(&expected)
            .map(|id| {
                let m = set.get(id).and_then(|e| e.mentions.first());
                m.map_or(id.to_string(), |m| {
                    format!("{id} ({:?})", doc.slice(m.span))
                })
            })
            .collect();
        if !missed.is_empty() || !unresolved.is_empty() {
            println!("    missed: {missed:?}; names not in the taxonomy: {unresolved:?}");
        }
        if !extra.is_empty() {
            println!("    not in the sidecar: {extra:?}");
        }
        forbidden_found.extend(
            forbidden
                .intersection(&written)
                .map(|id| format!("{name}: {id}")),
        );
        expected_total += expected_n;
        hit_total += hit;
        found_total += written.len();
    }
    let recall = ratio(hit_total, expected_total);
    let precision = ratio(hit_total, found_total);
    println!(
        "overall: recall {recall:.3}, precision {precision:.3} over {} fixtures",
        fixtures.len()
    );
    (recall, precision, forbidden_found)
}

#[test]
fn fixture_skills_are_found_and_not_skills_are_not() {
    let (recall, _, forbidden_found) = measure();
    assert!(
        forbidden_found.is_empty(),
        "not_skills found: {forbidden_found:?}"
    );
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");
}

#[test]
fn no_skill_outside_the_sidecars_is_found() {
    let (_, precision, _) = measure();
    assert!(precision >= 0.95, "precision {precision:.3} < 0.95");
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}
