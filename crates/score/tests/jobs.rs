//! Job description → profile.

mod common;

use common::taxonomy;
use rolefit_match::Matcher;
use rolefit_score::{Importance, RoleProfile, SkillRule};

const POSTING: &str = "Machine Learning Engineer
Example Corp, remote

What you will do
- Build Data Pipelines and keep Docker images small.

Requirements
- 3+ years of Python in production, including NumPy and Pandas.
- 2+ years of experience with PyTorch or TensorFlow.
- Strong SQL and experience with Docker and Git.

Nice to have
- MLflow or Kubeflow for tracking.
- Spark.
";

#[test]
fn headings_decide_importance_and_years_become_months() {
    let tax = taxonomy();
    let matcher = Matcher::new(tax).unwrap();
    let derived = RoleProfile::from_job_description(POSTING, tax, &matcher).unwrap();
    let p = &derived.profile;
    let find = |id: &str| {
        p.requirements
            .iter()
            .find(|r| r.rule.skills().iter().any(|s| s.as_str() == id))
            .unwrap_or_else(|| panic!("no requirement for {id}:\n{}", p.to_toml()))
    };
    assert_eq!(find("python").importance, Importance::Required);
    assert_eq!(find("python").min_months, Some(36));
    assert_eq!(find("numpy").min_months, None);
    let fw = find("pytorch");
    assert!(
        matches!(&fw.rule, SkillRule::AnyOf { of } if of.len() == 2),
        "{fw:?}"
    );
    assert_eq!(fw.min_months, Some(24));
    // Docker is named under "What you will do" (bonus) and under Requirements: required wins.
    assert_eq!(find("docker").importance, Importance::Required);
    assert_eq!(find("git").importance, Importance::Required);
    assert_eq!(find("mlflow").importance, Importance::Preferred);
    assert_eq!(find("apache-spark").importance, Importance::Preferred);
    assert_eq!(find("data-pipelines").importance, Importance::Bonus);
    assert!(derived.notes.is_empty());
    assert_eq!(p.title, "Machine Learning Engineer");
    assert_eq!(p.id, "machine-learning-engineer");
    // The derived profile is a valid profile file.
    let again = RoleProfile::from_toml_str("derived.toml", &p.to_toml(), tax).unwrap();
    assert_eq!(&again, p);
    assert!(derived
        .derivations
        .iter()
        .all(|d| d.line > 0 && !d.text.is_empty()));
}

#[test]
fn a_posting_without_headings_makes_everything_required() {
    let tax = taxonomy();
    let matcher = Matcher::new(tax).unwrap();
    let derived =
        RoleProfile::from_job_description("We use Python and Git every day.", tax, &matcher)
            .unwrap();
    assert!(derived
        .profile
        .requirements
        .iter()
        .all(|r| r.importance == Importance::Required));
    assert_eq!(derived.notes.len(), 1);
    assert!(RoleProfile::from_job_description("We sell shoes.", tax, &matcher).is_err());
}
