//! Boundary semantics of the exact pass: technology names with symbols match whole, names
//! never match inside longer words, sentence punctuation is fine, spans slice the original.

mod support;

use rolefit_extract::SectionKind;
use rolefit_match::{Matcher, SpecFormat, TaxonomyBuilder};

fn found(text: &str) -> Vec<String> {
    support::written(text, SectionKind::Experience)
}

fn has(text: &str, id: &str) -> bool {
    found(text).iter().any(|f| f == id)
}

#[test]
fn symbols_in_names_match_whole() {
    for (text, id) in [
        ("Wrote C++ services", "cpp"),
        ("Wrote C# services", "csharp"),
        ("APIs on .NET 8", "dotnet"),
        ("Backends in Node.js.", "nodejs"),
        ("Models with scikit-learn, then XGBoost", "scikit-learn"),
        ("Pipelines on CI/CD with GitHub Actions", "ci-cd"),
    ] {
        assert!(
            has(text, id),
            "{id} not found in {text:?}: {:?}",
            found(text)
        );
    }
    assert!(!has("Wrote C++ services", "c"), "C inside C++");
    assert!(!has("Wrote C# services", "c"), "C inside C#");
}

#[test]
fn names_never_match_inside_longer_words() {
    assert!(!has("Modernised the JavaScript front end.", "java"));
    assert!(has("Modernised the JavaScript front end.", "javascript"));
    assert!(!has("Led an R&D group of six.", "r"));
    assert!(!has("Moved the stack to Google Cloud.", "go"));
    assert!(!has("Ran a Rustacean meetup.", "rust"));
    assert!(!has("Learned scalability patterns.", "scala"));
}

#[test]
fn sentence_punctuation_and_brackets_are_boundaries() {
    for text in [
        "I write Python.",
        "I write Python, daily",
        "(Python)",
        "Python; SQL",
        "\"Python\"",
        "Python!",
        "Python's tooling",
    ] {
        assert!(has(text, "python"), "python not found in {text:?}");
    }
}

#[test]
fn glued_versions_are_part_of_the_name() {
    assert!(has("Scripts in Python3.11 and Java17", "python"));
    assert!(has("Scripts in Python3.11 and Java17", "java"));
    assert!(!has("Model X3000 firmware", "c"));
}

#[test]
fn case_sensitive_aliases_are_checked_against_the_original_text() {
    assert!(has("Languages: Go, Python", "go"));
    assert!(
        !has("Languages: GO, Python", "go"),
        "GO is not the alias Go"
    );
    assert!(!has("ready to go, Python next", "go"));
}

#[test]
fn links_and_emails_are_not_mentions() {
    let text = "See github.com/someone/pytorch-demos or mail me at kafka@example.com";
    assert!(!has(text, "pytorch"), "{:?}", found(text));
    assert!(!has(text, "apache-kafka"), "{:?}", found(text));
}

#[test]
fn folded_text_maps_back_to_original_spans() {
    let text = "Ｐｙｔｈｏｎ, Py\u{00AD}Torch and Kuber\u{2010}netes? No: Kubernetes.";
    let set = support::matcher().find(&support::document(text, SectionKind::Skills));
    let written: Vec<(&str, &str)> = set
        .mentions
        .iter()
        .map(|m| (m.skill.as_str(), &text[m.span.range()]))
        .collect();
    assert!(written.contains(&("python", "Ｐｙｔｈｏｎ")), "{written:?}");
    assert!(
        written.contains(&("pytorch", "Py\u{00AD}Torch")),
        "{written:?}"
    );
    assert!(
        written.contains(&("kubernetes", "Kubernetes")),
        "{written:?}"
    );
}

/// The trap of LeftmostLongest + a boundary filter: the longer "foo bar" fails its boundary
/// in "foo barn" and must not hide the valid "foo".
#[test]
fn a_longer_invalid_match_never_hides_a_shorter_valid_one() {
    let spec = r#"
[[skill]]
id = "foo"
name = "Foo"
category = "other"

[[skill]]
id = "foo-bar"
name = "Foo Bar"
category = "other"
"#;
    let mut builder = TaxonomyBuilder::new();
    let taxonomy = builder
        .add_str("trap.toml", spec, SpecFormat::Toml)
        .unwrap()
        .build()
        .unwrap();
    let matcher = Matcher::builder().fuzzy(false).build(&taxonomy).unwrap();
    let ids = |text: &str| -> Vec<String> {
        matcher
            .find_text(text)
            .written()
            .map(|e| e.skill.to_string())
            .collect()
    };
    assert_eq!(ids("Foo barn"), ["foo"]);
    assert_eq!(ids("Foo Bar."), ["foo-bar"]);
    assert_eq!(ids("Foo Bar, Foo"), ["foo", "foo-bar"]);
}
