//! The ambiguity table (`fixtures/cases/ambiguity.toml`): every human-judged sentence must
//! yield its `must` skills and none of its `must_not` skills.

mod support;

use rolefit_extract::SectionKind;
use rolefit_match::SkillId;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    section: Option<SectionKind>,
    #[serde(default)]
    must: Vec<String>,
    #[serde(default)]
    must_not: Vec<String>,
}

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

fn table() -> Table {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/cases/ambiguity.toml"
    );
    let text = std::fs::read_to_string(path).expect("fixtures/cases/ambiguity.toml is readable");
    toml::from_str(&text).expect("ambiguity.toml parses")
}

#[test]
fn table_is_large_and_names_real_skills() {
    let table = table();
    assert!(table.case.len() >= 200, "only {} cases", table.case.len());
    let taxonomy = support::taxonomy();
    let unknown: Vec<&str> = table
        .case
        .iter()
        .flat_map(|c| c.must.iter().chain(&c.must_not))
        .filter(|id| taxonomy.get(&SkillId::from(id.as_str())).is_none())
        .map(String::as_str)
        .collect();
    assert!(
        unknown.is_empty(),
        "ids not in the default taxonomy: {unknown:?}"
    );
}

#[test]
fn every_ambiguity_case_passes() {
    let table = table();
    let mut failures = Vec::new();
    for case in &table.case {
        let kind = case.section.unwrap_or(SectionKind::Other);
        let found = support::written(&case.text, kind);
        let missing: Vec<&String> = case.must.iter().filter(|id| !found.contains(id)).collect();
        let wrong: Vec<&String> = case
            .must_not
            .iter()
            .filter(|id| found.contains(id))
            .collect();
        if !missing.is_empty() || !wrong.is_empty() {
            failures.push(format!(
                "[{kind}] {:?}\n    missing {missing:?}, wrongly found {wrong:?}; found {found:?}",
                case.text
            ));
        }
    }
    let passed = table.case.len() - failures.len();
    println!("ambiguity: {passed} of {} cases pass", table.case.len());
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
