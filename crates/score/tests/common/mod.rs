//! Test support: a small taxonomy and hand-built documents with their matches, so scoring can
//! be tested without the extractor and matcher.
#![allow(dead_code)]

use rolefit_extract::{DateRange, Document, Position, Section, SectionKind, Span, YearMonth};
use rolefit_match::{
    MatchMethod, MatchSet, SkillEvidence, SkillId, SkillMatch, SpecFormat, Taxonomy,
    TaxonomyBuilder,
};

/// Every skill the ml-engineer test profile names, with a few implications.
pub const TAXONOMY: &str = r#"
version = "test-1"

[[skill]]
id = "python"
name = "Python"
category = "programming_languages"
[[skill]]
id = "numpy"
name = "NumPy"
category = "ml_frameworks"
[[skill]]
id = "pandas"
name = "Pandas"
category = "ml_frameworks"
[[skill]]
id = "sql"
name = "SQL"
category = "databases"
[[skill]]
id = "pytorch"
name = "PyTorch"
category = "ml_frameworks"
implies = ["deep-learning"]
[[skill]]
id = "tensorflow"
name = "TensorFlow"
category = "ml_frameworks"
implies = ["deep-learning"]
[[skill]]
id = "scikit-learn"
name = "scikit-learn"
category = "ml_frameworks"
implies = ["machine-learning"]
[[skill]]
id = "machine-learning"
name = "Machine Learning"
category = "ml_fundamentals"
[[skill]]
id = "deep-learning"
name = "Deep Learning"
category = "deep_learning"
implies = ["machine-learning"]
[[skill]]
id = "cnn"
name = "CNN"
category = "deep_learning"
broader = ["deep-learning"]
[[skill]]
id = "rnn"
name = "RNN"
category = "deep_learning"
broader = ["deep-learning"]
[[skill]]
id = "transformers"
name = "Transformers"
category = "deep_learning"
broader = ["deep-learning"]
[[skill]]
id = "mlflow"
name = "MLflow"
category = "mlops"
[[skill]]
id = "weights-and-biases"
name = "Weights & Biases"
category = "mlops"
[[skill]]
id = "kubeflow"
name = "Kubeflow"
category = "mlops"
implies = ["kubernetes"]
[[skill]]
id = "model-serving"
name = "Model Deployment"
category = "mlops"
[[skill]]
id = "model-monitoring"
name = "Model Monitoring"
category = "mlops"
[[skill]]
id = "data-drift"
name = "Data Drift"
category = "mlops"
[[skill]]
id = "docker"
name = "Docker"
category = "devops"
[[skill]]
id = "kubernetes"
name = "Kubernetes"
category = "devops"
[[skill]]
id = "data-pipelines"
name = "Data Pipelines"
category = "data_engineering"
[[skill]]
id = "apache-airflow"
name = "Airflow"
category = "data_engineering"
implies = ["data-pipelines"]
[[skill]]
id = "apache-spark"
name = "Spark"
category = "data_engineering"
[[skill]]
id = "etl"
name = "ETL"
category = "data_engineering"
[[skill]]
id = "aws"
name = "AWS"
category = "cloud_platforms"
[[skill]]
id = "aws-sagemaker"
name = "SageMaker"
category = "cloud_ml_platforms"
implies = ["aws"]
[[skill]]
id = "vertex-ai"
name = "Vertex AI"
category = "cloud_ml_platforms"
[[skill]]
id = "azure-ml"
name = "Azure ML"
category = "cloud_ml_platforms"
[[skill]]
id = "git"
name = "Git"
category = "software_engineering"
[[skill]]
id = "unit-testing"
name = "Testing"
category = "software_engineering"
[[skill]]
id = "rest-apis"
name = "REST API"
category = "software_engineering"
[[skill]]
id = "fastapi"
name = "FastAPI"
category = "software_engineering"
implies = ["rest-apis"]
[[skill]]
id = "flask"
name = "Flask"
category = "web"
[[skill]]
id = "statistics"
name = "Statistics"
category = "statistics"
[[skill]]
id = "probability"
name = "Probability"
category = "statistics"
[[skill]]
id = "llm"
name = "LLM"
category = "llm_nlp"
[[skill]]
id = "excel"
name = "Excel"
category = "office_tools"
[[skill]]
id = "accounting"
name = "Accounting"
category = "other"
"#;

/// The test taxonomy, built once per test binary.
pub fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY_ONCE: std::sync::OnceLock<Taxonomy> = std::sync::OnceLock::new();
    TAXONOMY_ONCE.get_or_init(build_taxonomy)
}

fn build_taxonomy() -> Taxonomy {
    TaxonomyBuilder::new()
        .add_str("test-taxonomy", TAXONOMY, SpecFormat::Toml)
        .expect("test taxonomy parses")
        .build()
        .expect("test taxonomy is valid")
}

/// The test profile: the embedded ml-engineer text, validated against the test taxonomy.
pub fn ml_profile(tax: &Taxonomy) -> rolefit_score::RoleProfile {
    let text = rolefit_score::EMBEDDED_PROFILES[0].1;
    rolefit_score::RoleProfile::from_toml_str("ml-engineer.toml", text, tax)
        .expect("profile validates")
}

pub fn ym(s: &str) -> YearMonth {
    let (y, m) = s.split_once('-').expect("YYYY-MM");
    YearMonth::new(y.parse().unwrap(), m.parse().unwrap()).unwrap()
}

/// Builds a document from lines. A line in capitals ending with nothing else ("EXPERIENCE",
/// "SKILLS", "PROJECTS", "SUMMARY", "EDUCATION") starts a section; a line "@ 2020-01 2023-12"
/// (or "@ 2020-01 present") starts a dated position that runs to the next blank line.
/// Skill names of the test taxonomy written in the text become exact matches.
pub fn document(lines: &[&str], as_of: &str) -> (Document, MatchSet) {
    let as_of = ym(as_of);
    let mut text = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut positions: Vec<Position> = Vec::new();
    let mut open_position: Option<(usize, DateRange)> = None;
    let mut current = (SectionKind::Header, None::<Span>, 0usize);
    for line in lines {
        let start = text.len();
        let kind = match *line {
            "EXPERIENCE" => Some(SectionKind::Experience),
            "SKILLS" => Some(SectionKind::Skills),
            "PROJECTS" => Some(SectionKind::Projects),
            "SUMMARY" => Some(SectionKind::Summary),
            "EDUCATION" => Some(SectionKind::Education),
            _ => None,
        };
        if kind.is_some() || line.is_empty() {
            if let Some((pstart, dates)) = open_position.take() {
                positions.push(Position {
                    title: None,
                    employer: None,
                    dates,
                    span: Span::new(pstart, start),
                });
            }
        }
        if let Some(kind) = kind {
            sections.push(Section {
                kind: current.0,
                heading: current.1,
                body: Span::new(current.2, start),
            });
            current = (
                kind,
                Some(Span::new(start, start + line.len())),
                start + line.len() + 1,
            );
        }
        if let Some(rest) = line.strip_prefix("@ ") {
            let mut parts = rest.split_whitespace();
            let s = ym(parts.next().unwrap());
            let e = parts.next().unwrap();
            let (end, ongoing) = if e == "present" {
                (as_of, true)
            } else {
                (ym(e), false)
            };
            open_position = Some((
                start,
                DateRange {
                    start: s,
                    end,
                    ongoing,
                    span: Span::new(start, start + line.len()),
                },
            ));
        }
        text.push_str(line);
        text.push('\n');
    }
    if let Some((pstart, dates)) = open_position.take() {
        positions.push(Position {
            title: None,
            employer: None,
            dates,
            span: Span::new(pstart, text.len()),
        });
    }
    sections.push(Section {
        kind: current.0,
        heading: current.1,
        body: Span::new(current.2.min(text.len()), text.len()),
    });
    let mut doc = Document::from_plain_text(text, SectionKind::Other, as_of);
    doc.sections = sections;
    doc.positions = positions;
    doc.experience.total_months = doc.positions.iter().map(|p| p.dates.months()).sum();
    let matches = match_names(&doc, taxonomy());
    (doc, matches)
}

/// A naive exact matcher over skill names (word-bounded, case-sensitive), aggregating months
/// over the positions that mention each skill. Enough to test scoring.
pub fn match_names(doc: &Document, tax: &Taxonomy) -> MatchSet {
    let text = doc.text();
    let mut mentions = Vec::new();
    for skill in tax.skills() {
        let name = skill.name.as_str();
        let mut from = 0;
        while let Some(i) = text[from..].find(name) {
            let start = from + i;
            let end = start + name.len();
            from = end;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            mentions.push(SkillMatch {
                skill: skill.id.clone(),
                alias: name.into(),
                span: Span::new(start, end),
                section: doc.section_kind_at(start),
                method: MatchMethod::Exact,
                confidence: 1.0,
            });
        }
    }
    mentions.sort_by_key(|m| m.span);
    evidence_for(doc, mentions)
}

/// Aggregates mentions into a MatchSet (months = sum of distinct positions mentioning it).
pub fn evidence_for(doc: &Document, mentions: Vec<SkillMatch>) -> MatchSet {
    let mut ids: Vec<SkillId> = mentions.iter().map(|m| m.skill.clone()).collect();
    ids.sort();
    ids.dedup();
    let skills = ids
        .into_iter()
        .map(|id| {
            let own: Vec<SkillMatch> = mentions.iter().filter(|m| m.skill == id).cloned().collect();
            let mut positions: Vec<usize> = own
                .iter()
                .filter_map(|m| {
                    doc.positions
                        .iter()
                        .position(|p| p.span.start <= m.span.start && m.span.start < p.span.end)
                })
                .collect();
            positions.sort();
            positions.dedup();
            let months = positions
                .iter()
                .map(|&i| doc.positions[i].dates.months())
                .sum();
            let last_used = positions.iter().map(|&i| doc.positions[i].dates.end).max();
            let mut sections: Vec<SectionKind> = own.iter().map(|m| m.section).collect();
            sections.sort();
            sections.dedup();
            SkillEvidence {
                skill: id,
                mentions: own,
                sections,
                positions,
                months,
                last_used,
                implied_by: Vec::new(),
            }
        })
        .collect();
    MatchSet { mentions, skills }
}
