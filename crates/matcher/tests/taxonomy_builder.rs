//! Taxonomy specs: validation errors name the file, line and field; merging; lookups.

use rolefit_match::{
    Category, SkillId, SkillKind, SpecFormat, Taxonomy, TaxonomyBuilder, TaxonomyError,
    TaxonomyErrorKind,
};

const BASE: &str = r#"
version = "test.1"

[[skill]]
id = "machine-learning"
name = "Machine learning"
category = "ml_fundamentals"
kind = "knowledge"
aliases = ["ML"]

[[skill]]
id = "deep-learning"
name = "Deep learning"
category = "deep_learning"
kind = "knowledge"
aliases = ["DL"]
broader = ["machine-learning"]

[[skill]]
id = "python"
name = "Python"
category = "programming_languages"
aliases = ["Python 3", "py"]

[[skill]]
id = "pytorch"
name = "PyTorch"
category = "ml_frameworks"
kind = "tool"
aliases = ["torch", "py-torch"]
implies = ["deep-learning", "python"]

[[skill]]
id = "go"
name = "Go"
category = "programming_languages"
aliases = ["golang", { text = "Go", case_sensitive = true, requires_context = "skill_context" }]
"#;

fn build(sources: &[(&str, &str)]) -> Result<Taxonomy, TaxonomyError> {
    let mut builder = TaxonomyBuilder::new();
    for (origin, text) in sources {
        let format = if origin.ends_with(".json") {
            SpecFormat::Json
        } else {
            SpecFormat::Toml
        };
        builder.add_str(origin, text, format)?;
    }
    builder.build()
}

/// Builds `BASE` plus `extra` (as `extra.toml`) and returns the error.
fn error_with(extra: &str) -> TaxonomyError {
    build(&[("base.toml", BASE), ("extra.toml", extra)])
        .expect_err("the extra source must be rejected")
}

fn id(s: &str) -> SkillId {
    SkillId::from(s)
}

#[test]
fn lookups_on_a_valid_taxonomy() {
    let t = build(&[("base.toml", BASE)]).unwrap();
    assert_eq!(t.len(), 5);
    assert_eq!(t.stamp().version, "test.1");
    assert_eq!(t.stamp().hash.len(), 64);
    assert_eq!(t.find("pytorch").unwrap().id, id("pytorch"));
    assert_eq!(
        t.find("  PY\u{2011}TORCH ").unwrap().id,
        id("pytorch"),
        "dashes and case are normalized"
    );
    assert_eq!(
        t.find("Py Torch").unwrap().id,
        id("pytorch"),
        "compact form as a fallback"
    );
    assert_eq!(t.find("golang").unwrap().id, id("go"));
    assert_eq!(
        t.find("go").unwrap().id,
        id("go"),
        "lookups are case-insensitive"
    );
    assert_eq!(
        t.find("deep-learning").unwrap().id,
        id("deep-learning"),
        "ids are found too"
    );
    assert!(t.find("tensorflow").is_none());
    assert_eq!(t.get(&id("python")).unwrap().kind, SkillKind::Hard);
    assert_eq!(
        t.get(&id("pytorch")).unwrap().category,
        Category::MlFrameworks
    );
    assert_eq!(
        t.implied_closure(&id("pytorch")),
        [id("deep-learning"), id("machine-learning"), id("python")]
    );
    assert!(t.implied_closure(&id("machine-learning")).is_empty());
    assert!(t.implied_closure(&id("nope")).is_empty());
    let stats = t.stats();
    assert_eq!((stats.skills, stats.aliases), (5, 8));
    assert_eq!(stats.per_category[&Category::ProgrammingLanguages], 2);
}

#[test]
fn export_round_trips_through_toml_and_json() {
    let t = build(&[("base.toml", BASE)]).unwrap();
    let json = t.to_json().unwrap();
    let back = build(&[("export.json", &json)]).unwrap();
    assert_eq!(back.stamp(), t.stamp());
    assert_eq!(back.skills(), t.skills());
    let toml = t.to_toml().unwrap();
    let back = build(&[("export.toml", &toml)]).unwrap();
    assert_eq!(back.skills(), t.skills());
    assert_eq!(back.stamp(), t.stamp());
}

#[test]
fn later_sources_replace_or_patch() {
    let ours = r#"
[[skill]]
id = "pytorch"
merge = true
aliases = ["Torch2"]
related = ["go"]

[[skill]]
id = "python"
name = "Python (replaced)"
category = "programming_languages"

[[skill]]
id = "in-house-tool"
name = "Frobnicator"
category = "devops"
kind = "tool"
implies = ["python"]
"#;
    let t = build(&[("base.toml", BASE), ("ours.toml", ours)]).unwrap();
    let pytorch = t.get(&id("pytorch")).unwrap();
    assert_eq!(
        pytorch.name, "PyTorch",
        "a merge keeps fields it does not set"
    );
    assert_eq!(
        pytorch
            .aliases
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>(),
        ["torch", "py-torch", "Torch2"]
    );
    assert_eq!(pytorch.related, [id("go")]);
    let python = t.get(&id("python")).unwrap();
    assert_eq!(python.name, "Python (replaced)");
    assert!(
        python.aliases.is_empty(),
        "a replacement drops the old aliases"
    );
    assert_eq!(t.find("frobnicator").unwrap().id, id("in-house-tool"));
    assert_ne!(
        t.stamp().hash,
        build(&[("base.toml", BASE)]).unwrap().stamp().hash
    );
}

#[test]
fn duplicate_id_names_both_places() {
    let err = error_with("[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"other\"\n\n[[skill]]\nid = \"a\"\nname = \"B\"\ncategory = \"other\"\n");
    assert_eq!(err.location.origin, "extra.toml");
    assert_eq!(err.location.line, Some(7));
    assert_eq!(err.location.field.as_deref(), Some("id"));
    let TaxonomyErrorKind::DuplicateId { first } = &err.kind else {
        panic!("{err}")
    };
    assert_eq!(first.line, Some(2));
    assert_eq!(err.to_string(), "extra.toml:7: skill `a`, field `id`: duplicate id, first defined at extra.toml:2: skill `a`, field `id`");
}

#[test]
fn empty_name_and_missing_category() {
    let err = error_with("[[skill]]\nid = \"a\"\ncategory = \"other\"\nname = \"  \"\n");
    assert_eq!(err.kind, TaxonomyErrorKind::Missing);
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(4), Some("name"))
    );
    let err = error_with("[[skill]]\nid = \"a\"\n\nname = \"A\"\n");
    assert_eq!(err.kind, TaxonomyErrorKind::Missing);
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(1), Some("category"))
    );
}

#[test]
fn invalid_id() {
    let err = error_with("[[skill]]\nid = \"C++\"\nname = \"C++\"\ncategory = \"other\"\n");
    assert_eq!(err.kind, TaxonomyErrorKind::InvalidId("C++".into()));
    assert_eq!(err.location.line, Some(2));
}

#[test]
fn unknown_link_target_points_at_the_entry() {
    let err = error_with("[[skill]]\nid = \"keras\"\nname = \"Keras\"\ncategory = \"ml_frameworks\"\nimplies = [\n  \"python\",\n  \"deep-learnin\",\n]\n");
    assert_eq!(
        err.kind,
        TaxonomyErrorKind::UnknownSkill(id("deep-learnin"))
    );
    assert_eq!(err.location.origin, "extra.toml");
    assert_eq!(err.location.line, Some(7));
    assert_eq!(err.location.skill, Some(id("keras")));
    assert_eq!(err.location.field.as_deref(), Some("implies"));
    let err = error_with("[[skill]]\nid = \"keras\"\nname = \"Keras\"\ncategory = \"ml_frameworks\"\nbroader = [\"nothing\"]\n");
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(5), Some("broader"))
    );
}

#[test]
fn cycles_through_broader_and_implies() {
    let extra = "[[skill]]\nid = \"machine-learning\"\nmerge = true\nimplies = [\"pytorch\"]\n";
    let err = error_with(extra);
    let TaxonomyErrorKind::Cycle(path) = &err.kind else {
        panic!("{err}")
    };
    assert_eq!(path.first(), path.last());
    assert!(
        path.contains(&id("pytorch")) && path.contains(&id("deep-learning")),
        "{path:?}"
    );
    assert_eq!(err.location.origin, "extra.toml");
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(4), Some("implies"))
    );
    let err = error_with(
        "[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"other\"\nbroader = [\"a\"]\n",
    );
    assert_eq!(err.kind, TaxonomyErrorKind::Cycle(vec![id("a"), id("a")]));
}

#[test]
fn alias_conflicts_need_a_rule() {
    // Plain clash: "torch" is PyTorch's.
    let err = error_with("[[skill]]\nid = \"torch-lighting\"\nname = \"Torch lighting\"\ncategory = \"other\"\naliases = [\"flashlight\", \"Torch\"]\n");
    assert_eq!(
        err.kind,
        TaxonomyErrorKind::AmbiguousAlias {
            alias: "torch".into(),
            other: id("pytorch")
        }
    );
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(5), Some("aliases"))
    );
    assert_eq!(err.location.skill, Some(id("torch-lighting")));
    // A name clashing with another skill's alias is reported on the name.
    let err = error_with("[[skill]]\nid = \"dl-other\"\ncategory = \"other\"\nname = \"DL\"\n");
    assert_eq!(
        (err.location.line, err.location.field.as_deref()),
        (Some(4), Some("name"))
    );

    // Rules that decide: case sensitivity on one side, shared on both, or a priority.
    let ok = [
        "[[skill]]\nid = \"go-game\"\nname = \"Go (game)\"\ncategory = \"other\"\naliases = [\"go\"]\n",
        "[[skill]]\nid = \"tl\"\nname = \"Torch lighting\"\ncategory = \"other\"\naliases = [{ text = \"torch\", priority = -1 }]\n",
    ];
    for extra in ok {
        build(&[("base.toml", BASE), ("extra.toml", extra)]).unwrap_or_else(|e| panic!("{e}"));
    }
    let t = build(&[("base.toml", BASE), ("extra.toml", ok[0])]).unwrap();
    assert_eq!(
        t.find("Go").unwrap().id,
        id("go"),
        "the exact case-sensitive alias wins"
    );
    assert_eq!(t.find("go").unwrap().id, id("go-game"));
    assert_eq!(t.find_all("GO").len(), 2);
    let t = build(&[("base.toml", BASE), ("extra.toml", ok[1])]).unwrap();
    assert_eq!(
        t.find("torch").unwrap().id,
        id("pytorch"),
        "the higher priority wins"
    );

    let shared = "[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"other\"\naliases = [{ text = \"both\", shared = true }]\n\
                  [[skill]]\nid = \"b\"\nname = \"B\"\ncategory = \"other\"\naliases = [{ text = \"Both\", shared = true }]\n";
    let t = build(&[("shared.toml", shared)]).unwrap();
    assert_eq!(
        t.find_all("both")
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    let half = shared.replacen("shared = true", "shared = false", 1);
    assert!(matches!(
        build(&[("half.toml", &half)]).unwrap_err().kind,
        TaxonomyErrorKind::AmbiguousAlias { .. }
    ));
}

#[test]
fn json_errors_name_lines_too() {
    let json = "{\n  \"skill\": [\n    {\"id\": \"a\", \"name\": \"A\", \"category\": \"other\"},\n    {\n      \"id\": \"b\",\n      \"name\": \"B\",\n      \"category\": \"other\",\n      \"implies\": [\"a\", \"zz\"]\n    }\n  ]\n}\n";
    let err = build(&[("t.json", json)]).unwrap_err();
    assert_eq!(err.kind, TaxonomyErrorKind::UnknownSkill(id("zz")));
    assert_eq!(
        (err.location.origin.as_str(), err.location.line),
        ("t.json", Some(8))
    );
    let err = build(&[("t.json", "{\n \"skill\": [\n  {\"id\": 3}\n ]\n}")]).unwrap_err();
    assert!(matches!(err.kind, TaxonomyErrorKind::Parse(_)));
    assert_eq!(err.location.line, Some(3));
}

#[test]
fn parse_errors_name_lines_and_fields() {
    let err = build(&[(
        "bad.toml",
        "[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"robotics\"\n",
    )])
    .unwrap_err();
    assert_eq!(err.location.line, Some(4));
    assert!(err.to_string().contains("robotics"), "{err}");
    let err = build(&[("bad.toml", "[[skill]]\nid = \"a\"\nalias = [\"x\"]\n")]).unwrap_err();
    assert_eq!(err.location.line, Some(3));
    assert!(err.to_string().contains("alias"), "{err}");
}

#[test]
fn size_limit_and_unknown_format() {
    let mut builder = TaxonomyBuilder::new();
    builder.max_file_size(100);
    let big = format!("description = \"{}\"\n", "x".repeat(200));
    let err = builder
        .add_str("big.toml", &big, SpecFormat::Toml)
        .unwrap_err();
    assert_eq!(
        err.kind,
        TaxonomyErrorKind::TooLarge {
            size: big.len() as u64,
            limit: 100
        }
    );

    let dir = std::env::temp_dir().join(format!("rolefit-taxonomy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big_file = dir.join("big.toml");
    std::fs::write(&big_file, &big).unwrap();
    let err = builder.add_file(&big_file).unwrap_err();
    assert!(
        matches!(err.kind, TaxonomyErrorKind::TooLarge { .. }),
        "{err}"
    );
    assert_eq!(err.location.origin, big_file.display().to_string());
    let txt = dir.join("skills.txt");
    std::fs::write(&txt, "x").unwrap();
    assert_eq!(
        TaxonomyBuilder::new().add_file(&txt).unwrap_err().kind,
        TaxonomyErrorKind::UnknownFormat
    );
    let good = dir.join("base.toml");
    std::fs::write(&good, BASE).unwrap();
    let t = TaxonomyBuilder::new()
        .add_file(&good)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(t.len(), 5);
    let missing = TaxonomyBuilder::new()
        .add_file(&dir.join("missing.toml"))
        .unwrap_err();
    assert!(matches!(missing.kind, TaxonomyErrorKind::Io(_)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn in_house_tools_extend_the_default() {
    let ours = r#"
[[skill]]
id = "frobnicator"
name = "Frobnicator"
category = "devops"
kind = "tool"
aliases = ["frob cli"]
implies = ["kubernetes"]

[[skill]]
id = "pytorch"
merge = true
aliases = ["our torch fork"]
"#;
    let mut builder = TaxonomyBuilder::new();
    builder.add_default().unwrap();
    builder
        .add_str("ours.toml", ours, SpecFormat::Toml)
        .unwrap();
    let t = builder.build().unwrap_or_else(|e| panic!("{e}"));
    let default = Taxonomy::embedded();
    assert_eq!(t.len(), default.len() + 1);
    assert_eq!(t.stamp().version, default.stamp().version);
    assert_ne!(t.stamp().hash, default.stamp().hash);
    assert_eq!(t.find("Frob CLI").unwrap().id, id("frobnicator"));
    assert_eq!(t.find("our torch fork").unwrap().id, id("pytorch"));
    assert!(t
        .implied_closure(&id("frobnicator"))
        .contains(&id("docker")));
    // A user alias that the default already gives another skill is reported, not merged.
    let clash = "[[skill]]\nid = \"frobnicator\"\nname = \"Frobnicator\"\ncategory = \"devops\"\naliases = [\"sklearn\"]\n";
    let mut builder = TaxonomyBuilder::new();
    builder.add_default().unwrap();
    builder
        .add_str("clash.toml", clash, SpecFormat::Toml)
        .unwrap();
    let err = builder.build().unwrap_err();
    assert_eq!(
        (err.location.origin.as_str(), err.location.line),
        ("clash.toml", Some(5))
    );
    assert!(
        matches!(err.kind, TaxonomyErrorKind::AmbiguousAlias { .. }),
        "{err}"
    );
}

#[test]
fn taxonomies_are_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Taxonomy>();
    assert_send_sync::<TaxonomyBuilder>();
    assert_send_sync::<TaxonomyError>();
}
