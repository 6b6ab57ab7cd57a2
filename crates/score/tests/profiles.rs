//! Profile files: validation errors name file, line and field; profiles round-trip through TOML.

mod common;

use common::taxonomy;
use rolefit_score::{Importance, RoleProfile, SkillRule, EMBEDDED_PROFILES, MAX_PROFILE_BYTES};

const GOOD: &str = r#"
id = "tiny"
title = "Tiny role"
description = "A test role."
sources = ["hand-written"]

[[categories]]
id = "core"
title = "Core"
weight = 3

[[requirements]]
label = "Python"
category = "core"
skill = "python"
importance = "required"
min_months = 36
recent_months = 24
stage = 1

[[requirements]]
label = "A framework"
category = "core"
n_of = { n = 1, of = ["pytorch", "tensorflow"] }
importance = "preferred"
weight = 5
source = "a posting"
"#;

fn error(text: &str) -> rolefit_score::ProfileError {
    RoleProfile::from_toml_str("role.toml", text, taxonomy()).expect_err("profile must be rejected")
}

#[test]
fn a_valid_profile_reads_with_defaults() {
    let p = RoleProfile::from_toml_str("role.toml", GOOD, taxonomy()).unwrap();
    assert_eq!(p.id, "tiny");
    assert_eq!(p.requirements[0].weight, 3);
    assert_eq!(p.requirements[0].min_months, Some(36));
    assert_eq!(p.requirements[0].stage.map(|s| s.number()), Some(1));
    assert_eq!(p.requirements[1].importance, Importance::Preferred);
    assert_eq!(p.requirements[1].weight, 5);
    assert!(matches!(&p.requirements[1].rule, SkillRule::NOf { n: 1, of } if of.len() == 2));
}

#[test]
fn to_toml_round_trips() {
    let tax = taxonomy();
    let p = RoleProfile::from_toml_str("role.toml", GOOD, tax).unwrap();
    let again = RoleProfile::from_toml_str("again.toml", &p.to_toml(), tax).unwrap();
    assert_eq!(p, again);
    assert_eq!(p.hash(), again.hash());
}

#[test]
fn unknown_skill_names_line_and_field() {
    let e = error(&GOOD.replace(
        r#"of = ["pytorch", "tensorflow"]"#,
        r#"of = ["pytorch", "tensorfloww"]"#,
    ));
    assert_eq!(e.file, "role.toml");
    assert_eq!(e.line, Some(24));
    assert_eq!(e.field.as_deref(), Some("requirements[1].n_of.of[1]"));
    assert!(
        e.message.contains("unknown skill id \"tensorfloww\""),
        "{e}"
    );
    assert!(e.to_string().starts_with("role.toml:24:"), "{e}");
}

#[test]
fn structural_errors_are_located() {
    let cases: &[(&str, &str, Option<usize>, &str)] = &[
        (
            r#"category = "core"
skill = "python""#,
            r#"category = "nope"
skill = "python""#,
            Some(14),
            "unknown category",
        ),
        ("stage = 1", "stage = 7", Some(19), "not a roadmap stage"),
        ("weight = 5", "weight = 0", Some(26), "at least 1"),
        ("n = 1,", "n = 3,", Some(24), "n must be between"),
        (
            "importance = \"required\"",
            "importance = \"vital\"",
            Some(16),
            "unknown variant",
        ),
        (
            "min_months = 36",
            "min_monhts = 36",
            Some(17),
            "unknown field",
        ),
        (
            "skill = \"python\"",
            "skill = \"python\"\nall_of = [\"numpy\"]",
            Some(12),
            "exactly one of",
        ),
        (
            "label = \"A framework\"",
            "label = \"Python\"",
            Some(21),
            "duplicate label",
        ),
    ];
    for (from, to, line, message) in cases {
        let text = GOOD.replacen(from, to, 1);
        assert_ne!(text, GOOD, "case {to:?} did not apply");
        let e = error(&text);
        assert_eq!(e.line, *line, "{to:?}: {e}");
        assert!(e.message.contains(message), "{to:?}: {e}");
    }
}

#[test]
fn oversized_profiles_are_rejected_before_parsing() {
    let big = format!("{GOOD}\n#{}", "x".repeat(MAX_PROFILE_BYTES));
    let e = error(&big);
    assert!(e.message.contains("limit"), "{e}");
}

#[test]
fn embedded_profiles_have_unique_ids_matching_their_names() {
    let mut ids: Vec<&str> = EMBEDDED_PROFILES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids[0], "ml-engineer");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8);
    for (id, text) in EMBEDDED_PROFILES {
        let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(value["id"].as_str(), Some(*id));
        for req in value["requirements"].as_array().unwrap() {
            assert!(
                req.get("source").is_some(),
                "{id}: requirement {} has no source",
                req["label"]
            );
            assert!(
                req.get("stage").is_some(),
                "{id}: requirement {} has no stage",
                req["label"]
            );
        }
    }
}
