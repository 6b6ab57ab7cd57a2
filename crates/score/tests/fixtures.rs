//! The fixture resumes and job postings, through the real extractor, matcher and the default
//! taxonomy: embedded profiles validate, ordering holds, golden text reports, JD derivation.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p rolefit-score --test fixtures` rewrites the snapshots in
//! `tests/snapshots/` (review the diff before committing it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rolefit_extract::{Extractor, YearMonth};
use rolefit_match::{Matcher, Taxonomy};
use rolefit_score::{Importance, Outcome, RoleProfile, Scorer};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn taxonomy() -> &'static Taxonomy {
    Taxonomy::embedded()
}

fn matcher() -> &'static Matcher {
    static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(taxonomy()).expect("the default taxonomy compiles"))
}

struct Resume {
    name: String,
    role: Option<String>,
    outcomes: BTreeMap<String, Outcome>,
}

fn sidecar(path: &Path) -> toml::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every fixture resume (.txt), scored against every embedded profile.
fn resumes() -> &'static [Resume] {
    static RESUMES: std::sync::OnceLock<Vec<Resume>> = std::sync::OnceLock::new();
    RESUMES.get_or_init(|| {
        let profiles: Vec<RoleProfile> = RoleProfile::embedded_ids()
            .map(|id| RoleProfile::embedded(id, taxonomy()).unwrap().unwrap())
            .collect();
        let scorers: Vec<Scorer> = profiles
            .iter()
            .map(|p| Scorer::new(p, taxonomy()))
            .collect();
        let dir = fixtures().join("resumes");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                let meta = sidecar(&dir.join(format!("{name}.expected.toml")));
                let as_of = meta["as_of"].as_str().unwrap();
                let (y, m) = as_of.split_once('-').unwrap();
                let extractor = Extractor::builder()
                    .as_of(YearMonth::new(y.parse().unwrap(), m.parse().unwrap()).unwrap())
                    .build();
                let doc = extractor.extract_str(&std::fs::read_to_string(path).unwrap());
                let matches = matcher().find(&doc);
                let outcomes = profiles
                    .iter()
                    .zip(&scorers)
                    .map(|(p, s)| (p.id.clone(), s.score(&doc, &matches)))
                    .collect();
                Resume {
                    name,
                    role: meta.get("role").and_then(|r| r.as_str()).map(str::to_owned),
                    outcomes,
                }
            })
            .collect()
    })
}

fn score(name: &str, profile: &str) -> f64 {
    let r = resumes()
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"));
    r.outcomes[profile]
        .score()
        .unwrap_or_else(|| panic!("{name} was not scored"))
}

#[test]
fn every_embedded_profile_validates_against_the_default_taxonomy() {
    for id in RoleProfile::embedded_ids() {
        let profile = RoleProfile::embedded(id, taxonomy()).unwrap();
        assert!(profile.is_ok(), "{}", profile.unwrap_err());
    }
}

/// Resumes written to test ranking extremes rather than to fit their sidecar role.
const SPECIAL: &[&str] = &["keyword-stuffer", "career-changer"];

#[test]
fn each_roles_own_resumes_rank_above_the_others() {
    for id in RoleProfile::embedded_ids() {
        let (own, others): (Vec<&Resume>, Vec<&Resume>) = resumes()
            .iter()
            .partition(|r| r.role.as_deref() == Some(id) && !SPECIAL.contains(&r.name.as_str()));
        assert!(!own.is_empty(), "no fixture resume is written for {id}");
        let best_other = others
            .iter()
            .map(|r| (score(&r.name, id), r.name.as_str()))
            .fold((f64::MIN, ""), |a, b| if b.0 > a.0 { b } else { a });
        for r in own {
            let s = score(&r.name, id);
            assert!(
                s > best_other.0,
                "for {id}: {} scored {s:.1}, below {} at {:.1}",
                r.name,
                best_other.1,
                best_other.0
            );
        }
    }
}

#[test]
fn ml_engineer_above_career_changer_above_accountant() {
    let (senior, junior) = (
        score("ml-engineer-senior", "ml-engineer"),
        score("ml-engineer-junior", "ml-engineer"),
    );
    let changer = score("career-changer", "ml-engineer");
    let accountant = score("accountant", "ml-engineer");
    assert!(
        senior > changer && junior > changer,
        "senior {senior:.1}, junior {junior:.1}, changer {changer:.1}"
    );
    assert!(
        changer > accountant + 10.0,
        "changer {changer:.1}, accountant {accountant:.1}"
    );
}

#[test]
fn keyword_stuffer_does_not_beat_real_experience() {
    let stuffer = score("keyword-stuffer", "ml-engineer");
    for real in ["ml-engineer-senior", "ml-engineer-junior"] {
        let s = score(real, "ml-engineer");
        assert!(
            s > stuffer + 15.0,
            "{real} {s:.1} vs keyword stuffer {stuffer:.1}"
        );
    }
}

#[test]
fn golden_text_reports() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for r in resumes() {
        let profile = r.role.as_deref().unwrap_or(rolefit_score::DEFAULT_PROFILE);
        // The taxonomy's content hash changes with every data edit; the version stays in the
        // snapshot and the hash is checked by the JSON stamp test.
        let outcome = &r.outcomes[profile];
        let hash = &outcome.stamp().taxonomy_hash;
        let rendered = outcome
            .render()
            .replace(hash.get(..12).unwrap_or(hash), "<taxonomy-hash>");
        let path = dir.join(format!("{}.{profile}.txt", r.name));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &rendered).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == rendered => {}
            Ok(_) => failures.push(format!("{} differs", path.display())),
            Err(_) => failures.push(format!("{} is missing", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "snapshots out of date (UPDATE_SNAPSHOTS=1 rewrites them):\n{}",
        failures.join("\n")
    );
}

/// Job postings: required/preferred sections and "N+ years" against the sidecars.
#[test]
fn job_descriptions_become_profiles() {
    let dir = fixtures().join("jobs");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let meta = sidecar(&dir.join(format!("{name}.expected.toml")));
        let derived = RoleProfile::from_job_description(
            &std::fs::read_to_string(&path).unwrap(),
            taxonomy(),
            matcher(),
        )
        .unwrap();
        let p = &derived.profile;
        let importance_of = |skill: &str| {
            let id = taxonomy().find(skill)?.id.clone();
            p.requirements
                .iter()
                .find(|r| r.rule.skills().contains(&id))
                .map(|r| (r.importance, r.min_months))
        };
        for (key, want, floor) in [
            ("required", Importance::Required, 0.8),
            ("preferred", Importance::Preferred, 0.7),
        ] {
            let names: Vec<&str> = meta[key]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|v| v.as_str())
                .collect();
            let known: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| taxonomy().find(n).is_some())
                .collect();
            let right: Vec<&str> = known
                .iter()
                .copied()
                .filter(|n| importance_of(n).map(|x| x.0) == Some(want))
                .collect();
            let share = right.len() as f64 / known.len().max(1) as f64;
            let wrong: Vec<&&str> = known.iter().filter(|n| !right.contains(n)).collect();
            assert!(
                share >= floor,
                "{name}: only {}/{} {key} skills derived as {key}; not: {wrong:?}\n{}",
                right.len(),
                known.len(),
                p.to_toml()
            );
        }
        if let Some(years) = meta.get("min_years").and_then(|v| v.as_table()) {
            for (skill, y) in years {
                let got = importance_of(skill).and_then(|x| x.1);
                assert_eq!(
                    got,
                    Some(y.as_integer().unwrap() as u32 * 12),
                    "{name}: min_months of {skill}"
                );
            }
        }
    }
}
