//! The fuzzy pass: typos and variants are found with their distance and similarity;
//! English words, ambiguous aliases and words too far away are not.

mod support;

use rolefit_extract::SectionKind;
use rolefit_match::{MatchMethod, Matcher};

#[test]
fn typos_and_variants_are_found() {
    for (text, id) in [
        ("Deep learning with Tensorflow2 and Keras", "tensorflow"),
        ("Trained models in Pytorh", "pytorch"),
        ("Deployed on Kubernets clusters", "kubernetes"),
        ("Baselines in scikit learn", "scikit-learn"),
        ("Served from Sage Maker endpoints", "aws-sagemaker"),
        ("Fine-tuned models from Hugging-face", "hugging-face"),
        ("Indexed logs in Elasticsarch", "elasticsearch"),
    ] {
        let found = support::written(text, SectionKind::Experience);
        assert!(
            found.iter().any(|f| f == id),
            "{id} not found in {text:?}: {found:?}"
        );
    }
}

#[test]
fn fuzzy_evidence_reports_distance_and_similarity() {
    let text = "Trained models in Pytorh";
    let set = support::matcher().find(&support::document(text, SectionKind::Experience));
    let m = set
        .mentions
        .iter()
        .find(|m| m.skill.as_str() == "pytorch")
        .expect("pytorch found");
    assert_eq!(&text[m.span.range()], "Pytorh");
    match m.method {
        MatchMethod::Fuzzy {
            distance,
            similarity,
        } => {
            assert_eq!(distance, 1);
            assert!(similarity > 0.9 && similarity <= 1.0, "{similarity}");
        }
        other => panic!("expected a fuzzy match, got {other:?}"),
    }
    assert!(
        m.confidence < 0.9,
        "a fuzzy match is less certain than an exact one"
    );
}

#[test]
fn two_english_words_side_by_side_are_not_one_split_name() {
    // "cloud watch" joined is the alias "cloudwatch", "adapt ability" is "adaptability":
    // two common words are read as words.
    for (text, id) in [
        ("Kept a cloud watch on the harbour", "amazon-cloudwatch"),
        ("Tested the adapt ability of the design", "adaptability"),
    ] {
        let found = support::written(text, SectionKind::Experience);
        assert!(!found.iter().any(|f| f == id), "{id} in {text:?}");
    }
}

#[test]
fn english_words_near_skill_names_are_not_typos() {
    for text in [
        "Designed systems that work at scale.",
        "Astrophotography of Jupiter.",
        "We shipped it later that week.",
        "Saved space on the device.",
        "A perfect attendance record.",
        "Won three awards in Germany.",
        "Hiking in the valley.",
        "Added a clause to the contract.",
    ] {
        let found = support::written(text, SectionKind::Experience);
        let fuzzy: Vec<_> = support::matcher()
            .find(&support::document(text, SectionKind::Experience))
            .mentions
            .into_iter()
            .filter(|m| matches!(m.method, MatchMethod::Fuzzy { .. }))
            .map(|m| m.skill.to_string())
            .collect();
        assert!(
            fuzzy.is_empty(),
            "{text:?}: fuzzy found {fuzzy:?} (all: {found:?})"
        );
    }
}

#[test]
fn bounds_ambiguity_and_length_are_respected() {
    // Two edits in a nine-letter word: beyond the bound of one.
    assert!(
        !support::written("Deployed on Kubrnetis", SectionKind::Experience)
            .contains(&"kubernetes".to_owned())
    );
    // Ambiguous aliases (case-sensitive, context-bound) are never fuzzy-matched.
    assert!(
        !support::written("Mobile apps in Swfit", SectionKind::Experience)
            .contains(&"swift".to_owned())
    );
    assert!(
        !support::written("Built it in Rustt", SectionKind::Experience)
            .contains(&"rust".to_owned())
    );
    // Short tokens are never looked up.
    assert!(
        !support::written("Used Kafk daily", SectionKind::Experience)
            .contains(&"apache-kafka".to_owned())
    );
}

#[test]
fn fuzzy_can_be_switched_off() {
    let matcher = Matcher::builder()
        .fuzzy(false)
        .build(support::taxonomy())
        .unwrap();
    let set = matcher.find(&support::document(
        "Trained models in Pytorh",
        SectionKind::Experience,
    ));
    assert!(set.get(&"pytorch".into()).is_none());
}

#[test]
fn why_not_explains_near_misses() {
    let m = support::matcher();
    let doc = support::document(
        "Deployed on Kubrnetis; our go-to-market plan.",
        SectionKind::Experience,
    );
    let kube = m.why_not(&doc, &"kubernetes".into());
    assert!(
        kube.iter().any(|n| n.reason.contains("edits away")),
        "{kube:?}"
    );
    assert_eq!(doc.slice(kube[0].span), "Kubrnetis");
    let go = m.why_not(&doc, &"go".into());
    assert!(
        go.iter()
            .any(|n| n.reason.contains("go-to") || n.reason.contains("letter case")),
        "{go:?}"
    );
    let excel = m.why_not(
        &support::document("I Excel at negotiation.", SectionKind::Summary),
        &"excel".into(),
    );
    assert!(
        excel.iter().any(|n| n.reason.contains("excel at")),
        "{excel:?}"
    );
}
