//! The ESCO and O*NET importers on small extracts written in the real formats.

use std::fs::File;
use std::path::PathBuf;

use rolefit_match::import::{esco_csv, onet_technology_skills};
use rolefit_match::{
    Category, SkillId, SkillKind, TaxonomyBuilder, TaxonomyErrorKind, TaxonomySpec,
};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn esco(name: &str) -> TaxonomySpec {
    esco_csv(File::open(data(name)).unwrap(), name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn esco_collection_rows_become_skills() {
    let spec = esco("esco-digital-sample.csv");
    let ids: Vec<&str> = spec.skills.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "python",
            "use-spreadsheets-software",
            "think-critically",
            "python-2"
        ],
        "obsolete rows are skipped"
    );
    let python = &spec.skills[0];
    assert_eq!(python.name.as_deref(), Some("Python"));
    let aliases: Vec<&str> = python.aliases.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        aliases,
        ["Python (computer programming)", "Python programming"],
        "the alt label equal to the name is dropped"
    );
    assert_eq!(python.kind, Some(SkillKind::Knowledge));
    assert_eq!(python.category, Some(Category::Other));
    let uri = python
        .crosswalk
        .as_ref()
        .and_then(|c| c.esco_uri.as_deref());
    assert_eq!(uri, Some("http://example.com/esco/skill/test-0001"));
    assert!(python
        .description
        .as_deref()
        .unwrap()
        .contains("written for this test"));

    let critical = &spec.skills[2];
    assert_eq!(
        critical.kind,
        Some(SkillKind::Soft),
        "transversal skills are soft"
    );
    let aliases: Vec<&str> = critical.aliases.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        aliases,
        ["critical thinking", "reason critically"],
        "newline-separated alt labels"
    );

    // The second "Python" keeps its name only at a lower priority; its "Python" alt label goes.
    let snake = &spec.skills[3];
    assert_eq!(snake.aliases[0].text, "Python");
    assert_eq!(snake.aliases[0].policy.priority, -1);
    assert!(snake.aliases.iter().any(|a| a.text == "snake handling"));

    // The spec builds on its own, and lookups prefer the first Python.
    let taxonomy = TaxonomyBuilder::new()
        .add_spec("esco", spec)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taxonomy.find("python").unwrap().id, SkillId::from("python"));
    assert_eq!(
        taxonomy.find("snake handling").unwrap().id,
        SkillId::from("python-2")
    );
    assert_eq!(
        taxonomy.find("work with spreadsheets").unwrap().id,
        SkillId::from("use-spreadsheets-software")
    );
}

#[test]
fn esco_full_skill_labels_without_uris() {
    let spec = esco("esco-skills-sample.csv");
    assert_eq!(spec.skills.len(), 2);
    let manage = &spec.skills[0];
    let aliases: Vec<&str> = manage.aliases.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        aliases,
        ["look after sample data", "sample data management"]
    );
    assert!(manage.crosswalk.is_none());
    assert_eq!(manage.kind, Some(SkillKind::Hard));
}

#[test]
fn esco_errors_name_the_line_and_column() {
    let err = esco_csv(
        "altLabels,skillType\nx,knowledge\n".as_bytes(),
        "no-label.csv",
    )
    .unwrap_err();
    assert_eq!(
        err.kind,
        TaxonomyErrorKind::MissingColumn("preferredLabel".into())
    );
    assert_eq!(
        (err.location.origin.as_str(), err.location.line),
        ("no-label.csv", Some(1))
    );
    let err = esco_csv(
        "preferredLabel,altLabels\nfine,\n  ,orphan alias\n".as_bytes(),
        "empty.csv",
    )
    .unwrap_err();
    assert_eq!(err.kind, TaxonomyErrorKind::Missing);
    assert_eq!(err.location.line, Some(3));
    assert_eq!(err.location.field.as_deref(), Some("preferredLabel"));
    let err = esco_csv(
        "preferredLabel,altLabels\n\"unterminated,\n".as_bytes(),
        "bad.csv",
    );
    assert!(
        err.is_err() || err.is_ok_and(|s| s.skills.len() <= 1),
        "malformed quoting never panics"
    );
}

#[test]
fn onet_examples_become_tool_skills() {
    let file = "onet-technology-skills-sample.txt";
    let spec = onet_technology_skills(File::open(data(file)).unwrap(), file)
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = spec.skills.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "amazon-web-services-aws-software",
            "cascading-style-sheets-css",
            "epic-systems",
            "microsoft-excel",
            "python"
        ]
    );
    let python = spec
        .skills
        .iter()
        .find(|s| s.id.as_str() == "python")
        .unwrap();
    let cw = python.crosswalk.as_ref().unwrap();
    assert!(
        cw.onet_hot && cw.onet_in_demand,
        "flags from any occupation's row"
    );
    assert_eq!(cw.onet_commodity.as_deref(), Some("43232405"));
    assert_eq!(cw.onet_example.as_deref(), Some("Python"));
    assert_eq!(python.category, Some(Category::ProgrammingLanguages));
    assert_eq!(python.kind, Some(SkillKind::Tool));
    let aws = &spec.skills[0];
    let aliases: Vec<&str> = aws.aliases.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        aliases,
        ["Amazon Web Services AWS", "Amazon Web Services", "AWS"]
    );
    assert!(aws.aliases[2].policy.case_sensitive);
    assert_eq!(spec.skills[2].category, Some(Category::Healthcare));
    let excel = &spec.skills[3];
    assert_eq!(excel.category, Some(Category::OfficeTools));
    assert!(excel.crosswalk.as_ref().unwrap().onet_in_demand);
    TaxonomyBuilder::new()
        .add_spec(file, spec)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn onet_errors_name_the_line_and_column() {
    let file = "onet-missing-column.txt";
    let err = onet_technology_skills(File::open(data(file)).unwrap(), file).unwrap_err();
    assert_eq!(
        err.kind,
        TaxonomyErrorKind::MissingColumn("Commodity Code".into())
    );
    assert_eq!(err.location.line, Some(1));
    let file = "onet-empty-example.txt";
    let err = onet_technology_skills(File::open(data(file)).unwrap(), file).unwrap_err();
    assert_eq!(err.kind, TaxonomyErrorKind::Missing);
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(3), Some("Example"))
    );
    let err = onet_technology_skills("Example\tCommodity Code\nPython\tabc\n".as_bytes(), "x.txt")
        .unwrap_err();
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(2), Some("Commodity Code"))
    );
}

#[test]
fn imports_merge_under_user_overrides() {
    let file = "onet-technology-skills-sample.txt";
    let onet = onet_technology_skills(File::open(data(file)).unwrap(), file).unwrap();
    let ours = "[[skill]]\nid = \"python\"\nmerge = true\ncategory = \"programming_languages\"\naliases = [\"py3\"]\n";
    let mut builder = TaxonomyBuilder::new();
    builder.add_spec(file, onet);
    builder
        .add_str("ours.toml", ours, rolefit_match::SpecFormat::Toml)
        .unwrap();
    let t = builder.build().unwrap();
    let python = t.find("py3").unwrap();
    assert_eq!(python.id, SkillId::from("python"));
    assert!(
        python.crosswalk.onet_hot,
        "a merge keeps the imported crosswalk"
    );
}
