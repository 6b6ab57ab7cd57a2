//! The validated skill taxonomy model.

use std::collections::BTreeMap;
use std::fmt;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A skill's stable identifier: a lowercase slug such as `pytorch`, `cpp`, `aws-sagemaker` (see [`crate::slugify`]).
///
/// Short slugs (up to 24 bytes, nearly all of them) are stored inline, so cloning one,
/// which every mention does, allocates nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SkillId(CompactString);

impl SkillId {
    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SkillId {
    fn from(s: &str) -> SkillId {
        SkillId(CompactString::from(s))
    }
}

impl From<String> for SkillId {
    fn from(s: String) -> SkillId {
        SkillId(CompactString::from(s))
    }
}

/// The category a skill belongs to; role profiles weigh requirements by these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Python, Go, R, C++, …
    ProgrammingLanguages,
    /// PyTorch, TensorFlow, scikit-learn, NumPy, Pandas, …
    MlFrameworks,
    /// Supervised learning, feature engineering, model evaluation, …
    MlFundamentals,
    /// CNNs, RNNs, transformers, …
    DeepLearning,
    /// LLMs, NLP, RAG, prompt engineering, …
    LlmNlp,
    /// Object detection, segmentation, OpenCV, …
    ComputerVision,
    /// Collaborative filtering, ranking, …
    RecommenderSystems,
    /// MLflow, Kubeflow, model serving, monitoring, data drift, …
    Mlops,
    /// Spark, Airflow, Kafka, ETL, …
    DataEngineering,
    /// PostgreSQL, MongoDB, …
    Databases,
    /// AWS, GCP, Azure, …
    CloudPlatforms,
    /// SageMaker, Vertex AI, Azure ML, …
    CloudMlPlatforms,
    /// Git, testing, APIs, CI/CD, …
    SoftwareEngineering,
    /// Statistics, probability, A/B testing, …
    Statistics,
    /// Communication, leadership, …
    SoftSkills,
    /// Web frameworks and front end.
    Web,
    /// Mobile development.
    Mobile,
    /// Docker, Kubernetes, Terraform, …
    Devops,
    /// Security.
    Security,
    /// Tableau, Power BI, Looker, …
    BusinessIntelligence,
    /// Excel, Word, Access, …
    OfficeTools,
    /// Accounting, finance, sales, marketing, operations.
    Business,
    /// Nursing, clinical and patient care.
    Healthcare,
    /// Anything else (imported skills of other fields).
    Other,
}

/// What sort of skill it is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkillKind {
    /// A hard, practical skill.
    #[default]
    Hard,
    /// An interpersonal skill.
    Soft,
    /// A body of knowledge.
    Knowledge,
    /// A certification.
    Certification,
    /// A tool, product or library.
    Tool,
}

/// Where an alias may be trusted without more context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContextRequirement {
    /// Anywhere.
    #[default]
    None,
    /// Only in a skills section, in a list of other skills, or near an anchor word.
    SkillContext,
}

/// How one alias is matched.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AliasPolicy {
    /// Match only with the exact letter case ("Go", "R", "SAS").
    pub case_sensitive: bool,
    /// Whether the alias needs supporting context.
    pub requires_context: ContextRequirement,
    /// Words that count as supporting context nearby ("golang", "programming", "goroutines").
    pub anchors: Vec<String>,
    /// Phrases around the mention that rule it out ("go-to", "excel at", "R&D").
    pub reject_contexts: Vec<String>,
    /// Why the policy is what it is.
    pub note: Option<String>,
    /// The alias legitimately names several skills (every claimant marks it shared); a
    /// lookup then prefers the highest `priority`, then the smallest id.
    pub shared: bool,
    /// Decides between skills claiming the same alias: the higher priority wins a lookup.
    pub priority: i32,
}

/// A name a skill goes by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// How it is matched.
    pub policy: AliasPolicy,
}

/// Identifiers of the same skill in other classifications.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Crosswalk {
    /// ESCO concept URI; the default taxonomy stores it compactly as `esco:skill/<uuid>`
    /// (the part of the URI after `/esco/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esco_uri: Option<String>,
    /// O*NET UNSPSC commodity code (8 digits) of the technology's class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onet_commodity: Option<String>,
    /// O*NET marks the technology as a Hot Technology.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub onet_hot: bool,
    /// The O*NET Technology Skills example name the skill corresponds to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onet_example: Option<String>,
    /// O*NET marks the technology as In Demand.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub onet_in_demand: bool,
}

impl Crosswalk {
    /// Returns true if and only if no identifier is set.
    pub fn is_empty(&self) -> bool {
        *self == Crosswalk::default()
    }
}

/// One skill of the taxonomy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// Stable identifier.
    pub id: SkillId,
    /// Display name.
    pub name: String,
    /// Other names, each with its matching policy; the name itself is matched as an alias too.
    pub aliases: Vec<Alias>,
    /// Category.
    pub category: Category,
    /// Kind.
    pub kind: SkillKind,
    /// Parents in the hierarchy.
    pub broader: Vec<SkillId>,
    /// Skills that having this one implies (PyTorch implies deep learning).
    pub implies: Vec<SkillId>,
    /// Related skills (not implied).
    pub related: Vec<SkillId>,
    /// Ids in other classifications.
    pub crosswalk: Crosswalk,
    /// One-line description.
    pub description: Option<String>,
}

/// Identity of a taxonomy, for reproducibility stamps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyStamp {
    /// Version string of the taxonomy ("2026.12-1").
    pub version: String,
    /// Hex SHA-256 of the taxonomy's canonical content.
    pub hash: String,
}

/// A validated taxonomy: ids unique, parents present, no cycles, aliases unambiguous.
#[derive(Clone, Debug)]
pub struct Taxonomy {
    pub(crate) skills: Vec<Skill>,
    pub(crate) by_id: BTreeMap<SkillId, usize>,
    pub(crate) stamp: TaxonomyStamp,
    /// Normalized label (see [`crate::normalize_label`]) → the skills it names, best first.
    pub(crate) labels: BTreeMap<String, Vec<LabelRef>>,
    /// Compact label (see [`crate::compact_label`]) → the one skill it names, if unique.
    pub(crate) compact: BTreeMap<String, Option<usize>>,
}

/// One skill a normalized label names, with the policy facts a lookup ranks by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LabelRef {
    /// Index into `Taxonomy::skills`.
    pub(crate) skill: usize,
    /// The label exactly as written.
    pub(crate) text: String,
    /// The alias is matched only in this exact case.
    pub(crate) case_sensitive: bool,
    /// The alias priority.
    pub(crate) priority: i32,
    /// The alias is marked shared.
    pub(crate) shared: bool,
}

impl Taxonomy {
    /// Looks a skill up by id.
    pub fn get(&self, id: &SkillId) -> Option<&Skill> {
        self.by_id.get(id).map(|&i| &self.skills[i])
    }

    /// Every skill, sorted by id.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Number of skills.
    pub fn len(&self) -> usize {
        self.skills.len()
    }

    /// Returns true if and only if the taxonomy has no skills.
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// Version and content hash.
    pub fn stamp(&self) -> &TaxonomyStamp {
        &self.stamp
    }
}
