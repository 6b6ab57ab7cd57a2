//! Scoring behaviour on hand-built documents.

mod common;

use common::{document, ml_profile, taxonomy};
use rolefit_extract::Diagnostic;
use rolefit_score::{Band, Outcome, Scorer, Status};

const REAL: &[&str] = &[
    "Sam Example",
    "SUMMARY",
    "Machine Learning engineer who ships models.",
    "EXPERIENCE",
    "@ 2019-01 present",
    "Built PyTorch models (CNN, RNN, Transformers) with Python, NumPy and Pandas.",
    "Served them with FastAPI and Docker on Kubernetes; tracked runs in MLflow.",
    "Model Deployment to SageMaker, Model Monitoring and Data Drift alerts; Airflow Data Pipelines.",
    "Statistics and Probability for A/B tests; Git and Testing every day; SQL daily; scikit-learn baselines.",
    "Deep Learning and Machine Learning research into LLM fine-tuning.",
    "",
    "SKILLS",
    "Python, PyTorch, MLflow",
];

const STUFFER: &[&str] = &[
    "Keyword Person",
    "SKILLS",
    "Python, NumPy, Pandas, SQL, PyTorch, TensorFlow, scikit-learn, Machine Learning, Deep Learning, CNN, RNN,",
    "Transformers, MLflow, Weights & Biases, Kubeflow, Model Deployment, Model Monitoring, Data Drift, Docker,",
    "Kubernetes, Data Pipelines, Airflow, Spark, ETL, SageMaker, Vertex AI, Azure ML, Git, Testing, REST API,",
    "FastAPI, Flask, Statistics, Probability, LLM",
];

const ACCOUNTANT: &[&str] = &[
    "Ann Ledger",
    "EXPERIENCE",
    "@ 2015-01 present",
    "Accounting for a retail group; month-end close in Excel.",
    "",
    "SKILLS",
    "Excel, Accounting",
];

fn score(lines: &[&str]) -> rolefit_score::FitReport {
    let tax = taxonomy();
    let scorer = Scorer::new(&ml_profile(tax), tax);
    let (doc, matches) = document(lines, "2026-06");
    match scorer.score(&doc, &matches) {
        Outcome::Scored(r) => *r,
        Outcome::NotScored(n) => panic!("not scored: {}", n.reason),
    }
}

#[test]
fn real_experience_scores_strong_and_explains_itself() {
    let r = score(REAL);
    assert!(
        r.score >= 85.0,
        "real ML engineer scored {}\n{}",
        r.score,
        r.render()
    );
    assert_eq!(r.band, Band::Strong);
    assert_eq!(r.explanation.leaf_sum(), i64::from(r.score_milli));
    assert_eq!(r.explanation.milli, i64::from(r.score_milli));
    assert!(
        r.outcomes.iter().all(|o| o.status == Status::Met),
        "{}",
        r.render()
    );
    let python = r.outcomes.iter().find(|o| o.label == "Python").unwrap();
    assert_eq!(python.skills[0].months, 90);
    assert!(python.evidence[0].snippet.contains("Built PyTorch models"));
    assert_eq!(r.roadmap.reached.map(|s| s.number()), Some(4));
}

#[test]
fn keyword_list_does_not_score_like_real_work() {
    let stuffed = score(STUFFER);
    let real = score(REAL);
    assert!(
        stuffed.score < 45.0,
        "keyword-only resume scored {}\n{}",
        stuffed.score,
        stuffed.render()
    );
    assert!(real.score - stuffed.score > 40.0);
    // Every requirement has some credit, so there is no missing-required penalty.
    assert!(stuffed.outcomes.iter().all(|o| o.status != Status::Missing));
    assert!(stuffed.gaps.len() > 10);
}

#[test]
fn missing_required_skills_cost_a_documented_penalty() {
    let r = score(ACCOUNTANT);
    assert!(r.score < 5.0, "{}", r.render());
    assert_eq!(r.band, Band::Weak);
    let penalty = r.explanation.children.last().unwrap();
    assert_eq!(penalty.label, "missing required skills");
    assert!(penalty.milli <= 0);
    assert_eq!(r.coverage.written, 2);
    assert_eq!(r.coverage.used, 0);
    assert_eq!(r.roadmap.reached, None);
    assert_eq!(r.roadmap.next.map(|s| s.number()), Some(1));
    // Next steps go in learning order: every stage-1 step comes before any stage-2 step.
    let stages: Vec<u8> = r
        .roadmap
        .next_steps
        .iter()
        .map(|s| s.stage.map_or(9, |s| s.number()))
        .collect();
    assert!(stages.windows(2).all(|w| w[0] <= w[1]), "{stages:?}");
}

#[test]
fn gaps_are_ranked_by_what_they_add_and_say_it() {
    let lines = [
        "EXPERIENCE",
        "@ 2020-01 present",
        "Python, NumPy, Pandas, PyTorch, Machine Learning, Deep Learning, Git, Statistics, Model Deployment.",
        "",
    ];
    let r = score(&lines);
    assert!(r
        .gaps
        .windows(2)
        .all(|w| w[0].adds_milli >= w[1].adds_milli));
    let mlops = r
        .gaps
        .iter()
        .find(|g| g.label.starts_with("Experiment tracking"))
        .expect("MLflow gap");
    assert!(
        mlops
            .message
            .starts_with("evidence of MLflow, Weights & Biases or Kubeflow would add "),
        "{}",
        mlops.message
    );
    // Re-scoring with the gap met adds exactly what the gap says.
    let mut with = lines.to_vec();
    with.insert(3, "MLflow tracking for every run.");
    let better = score(&with);
    assert_eq!(
        better.score_milli - r.score_milli,
        mlops.adds_milli,
        "{}",
        better.render()
    );
}

#[test]
fn min_months_and_recency_scale_credit() {
    let short = score(&["EXPERIENCE", "@ 2025-07 2026-06", "Python every day.", ""]);
    let long = score(&["EXPERIENCE", "@ 2020-07 2026-06", "Python every day.", ""]);
    let credit = |r: &rolefit_score::FitReport| {
        r.outcomes
            .iter()
            .find(|o| o.label == "Python")
            .unwrap()
            .credit
    };
    // 12 of 24 months: 0.5 + 0.5 × 0.5.
    assert!((credit(&short) - 0.75).abs() < 1e-9);
    assert!((credit(&long) - 1.0).abs() < 1e-9);
}

#[test]
fn implied_skills_get_partial_credit() {
    let r = score(&[
        "EXPERIENCE",
        "@ 2020-01 present",
        "Trained PyTorch models.",
        "",
    ]);
    let dl = r
        .outcomes
        .iter()
        .find(|o| o.label == "Deep learning")
        .unwrap();
    assert_eq!(dl.status, Status::Partial);
    assert!((dl.credit - 0.5).abs() < 1e-9);
    assert_eq!(
        dl.skills[0].implied_by.as_ref().map(|s| s.as_str()),
        Some("pytorch")
    );
}

#[test]
fn documents_without_text_are_not_scored() {
    let tax = taxonomy();
    let scorer = Scorer::new(&ml_profile(tax), tax);
    let (mut doc, matches) = document(REAL, "2026-06");
    doc.diagnostics.push(Diagnostic::NoTextLayer);
    let outcome = scorer.score(&doc, &matches);
    assert!(outcome.score().is_none());
    let Outcome::NotScored(n) = &outcome else {
        panic!("scored a document without a text layer")
    };
    assert!(n.reason.contains("no text layer"));
    assert!(outcome.render().starts_with("not scored"));
}

#[test]
fn low_confidence_is_flagged() {
    let tax = taxonomy();
    let scorer = Scorer::new(&ml_profile(tax), tax);
    let (mut doc, matches) = document(REAL, "2026-06");
    doc.diagnostics.push(Diagnostic::GarbledText {
        reason: "U+FFFD".into(),
    });
    let r = scorer.score(&doc, &matches);
    let r = r.report().unwrap();
    assert!(r.confidence.low);
    assert!(r.render().contains("LOW PARSE CONFIDENCE"));
}

#[test]
fn report_json_has_stable_names_and_the_stamp() {
    let r = score(REAL);
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    for key in [
        "score",
        "score_milli",
        "band",
        "categories",
        "outcomes",
        "strengths",
        "gaps",
        "roadmap",
        "confidence",
        "coverage",
        "explanation",
        "stamp",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["stamp"]["taxonomy_version"], "test-1");
    assert_eq!(json["stamp"]["as_of"], "2026-06");
    assert_eq!(json["stamp"]["profile_id"], "ml-engineer");
    assert_eq!(json["stamp"]["profile_hash"].as_str().unwrap().len(), 64);
}

#[test]
fn scoring_ignores_contact_details_and_redact_blanks_them() {
    let tax = taxonomy();
    let scorer = Scorer::new(&ml_profile(tax), tax);
    let lines = [
        "Sam Example sam@example.com +1 206 555 0142",
        "EXPERIENCE",
        "@ 2020-01 present",
        "Python and Git at work; reach me at sam@example.com.",
        "",
    ];
    let (plain, matches) = document(&lines, "2026-06");
    let mut with_contact = plain.clone();
    let text = with_contact.text.clone();
    let at = |needle: &str| {
        let i = text.find(needle).unwrap();
        rolefit_extract::Span::new(i, i + needle.len())
    };
    with_contact.contact.name = Some((at("Sam Example"), 0.9));
    with_contact.contact.emails = vec![at("sam@example.com")];
    with_contact.contact.phones = vec![at("+1 206 555 0142")];
    let a = scorer.score(&plain, &matches);
    let b = scorer.score(&with_contact, &matches);
    assert_eq!(a, b, "contact details must not change a report");

    let mut report = b.report().unwrap().clone();
    assert!(report
        .outcomes
        .iter()
        .flat_map(|o| &o.evidence)
        .any(|e| e.snippet.contains("sam@example.com")));
    report.redact(&with_contact);
    for e in report.outcomes.iter().flat_map(|o| &o.evidence) {
        assert!(
            !e.snippet.contains("sam@example.com") && !e.snippet.contains("Sam Example"),
            "{}",
            e.snippet
        );
    }
    assert!(report.source.is_none());
}
