//! Role profiles: the TOML spec, its validation against a taxonomy, and the embedded profiles.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use rolefit_match::{SkillId, Taxonomy};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::roadmap::Stage;

/// Largest profile file accepted, in bytes (256 KiB; the embedded profiles are under 16 KiB).
pub const MAX_PROFILE_BYTES: usize = 256 * 1024;

/// How much a requirement matters to the role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// Must have. A required requirement with no evidence at all also lowers the whole score
    /// (see the crate docs, "missing required skills").
    Required,
    /// Nice to have.
    Preferred,
    /// A plus.
    Bonus,
}

impl Importance {
    /// The default weight of a requirement of this importance: 3, 2 and 1.
    pub fn default_weight(self) -> u32 {
        match self {
            Importance::Required => 3,
            Importance::Preferred => 2,
            Importance::Bonus => 1,
        }
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::Required => "required",
            Importance::Preferred => "preferred",
            Importance::Bonus => "bonus",
        }
    }
}

impl fmt::Display for Importance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which skills satisfy a requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkillRule {
    /// This one skill.
    Skill {
        /// The skill.
        skill: SkillId,
    },
    /// Any one of these; the best-evidenced one counts.
    AnyOf {
        /// The alternatives.
        of: Vec<SkillId>,
    },
    /// All of these; credit is the mean over them.
    AllOf {
        /// The skills.
        of: Vec<SkillId>,
    },
    /// At least `n` of these; credit is the mean of the `n` best.
    NOf {
        /// How many are needed.
        n: usize,
        /// The candidates.
        of: Vec<SkillId>,
    },
}

impl SkillRule {
    /// The skills the rule names, in the order written.
    pub fn skills(&self) -> &[SkillId] {
        match self {
            SkillRule::Skill { skill } => std::slice::from_ref(skill),
            SkillRule::AnyOf { of } | SkillRule::AllOf { of } | SkillRule::NOf { of, .. } => of,
        }
    }

    /// How many of [`SkillRule::skills`] must be shown for full credit.
    pub fn needed(&self) -> usize {
        match self {
            SkillRule::Skill { .. } | SkillRule::AnyOf { .. } => 1,
            SkillRule::AllOf { of } => of.len(),
            SkillRule::NOf { n, .. } => *n,
        }
    }
}

/// One requirement of a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Short human label, unique within the profile ("PyTorch or TensorFlow").
    pub label: String,
    /// The id of the profile category it belongs to.
    pub category: String,
    /// Which skills satisfy it.
    pub rule: SkillRule,
    /// How much it matters.
    pub importance: Importance,
    /// Relative weight inside its category (default from the importance: 3, 2, 1).
    pub weight: u32,
    /// Months of dated experience needed for full credit.
    pub min_months: Option<u32>,
    /// The skill must have been used within this many months of the as-of date.
    pub recent_months: Option<u32>,
    /// The learning-roadmap stage where it is learned.
    pub stage: Option<Stage>,
    /// Where the requirement comes from (ESCO, O*NET, a job posting, …).
    pub source: Option<String>,
}

/// A weighted group of requirements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileCategory {
    /// Identifier used by requirements (`ml_frameworks`).
    pub id: String,
    /// Display title.
    pub title: String,
    /// Relative weight among the profile's categories.
    pub weight: u32,
}

/// A validated role profile: every skill exists in the taxonomy it was validated against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleProfile {
    /// Stable identifier (`ml-engineer`).
    pub id: String,
    /// Display title.
    pub title: String,
    /// What the role is.
    pub description: String,
    /// Where the requirements come from, as a whole.
    pub sources: Vec<String>,
    /// Weighted categories, in file order.
    pub categories: Vec<ProfileCategory>,
    /// Requirements, in file order; each names a category above.
    pub requirements: Vec<Requirement>,
}

/// A profile that could not be read or validated, naming the file, line and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    /// The file (or a name such as `<embedded ml-engineer>`).
    pub file: String,
    /// One-based line, when known.
    pub line: Option<usize>,
    /// One-based column, when known.
    pub column: Option<usize>,
    /// The field path (`requirements[3].any_of[1]`), when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ProfileError {}

// ---------------------------------------------------------------------------------------------
// The file format (serde spec). Spans locate errors; serializing writes the same format back.

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ProfileSpec {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sources: Vec<String>,
    categories: Vec<CategorySpec>,
    requirements: Vec<Spanned<RequirementSpec>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct CategorySpec {
    id: Spanned<String>,
    title: String,
    weight: Spanned<u32>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct NOfSpec {
    n: Spanned<usize>,
    of: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RequirementSpec {
    label: String,
    category: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    skill: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    any_of: Option<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all_of: Option<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n_of: Option<NOfSpec>,
    importance: Importance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<Spanned<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recent_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stage: Option<Spanned<u8>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// Turns byte offsets into one-based line and column.
struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl Locator<'_> {
    fn error(
        &self,
        span: Option<Range<usize>>,
        field: Option<String>,
        message: impl Into<String>,
    ) -> ProfileError {
        let (line, column) = match span {
            Some(span) => {
                let at = span.start.min(self.text.len());
                let before = self.text.get(..at).unwrap_or("");
                let line = before.matches('\n').count() + 1;
                let column = before.rfind('\n').map_or(before.chars().count(), |nl| {
                    before[nl + 1..].chars().count()
                }) + 1;
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        ProfileError {
            file: self.file.to_owned(),
            line,
            column,
            field,
            message: message.into(),
        }
    }
}

impl RoleProfile {
    /// Reads and validates a profile from TOML text. `file` names the source in errors.
    ///
    /// Errors name the file, line and field: TOML syntax, unknown or missing fields, a skill
    /// id not in `taxonomy`, an unknown category, a stage outside 1–4, duplicate labels,
    /// an empty list, `n` larger than its list, a zero weight, or a file over
    /// [`MAX_PROFILE_BYTES`].
    pub fn from_toml_str(
        file: &str,
        text: &str,
        taxonomy: &Taxonomy,
    ) -> Result<RoleProfile, ProfileError> {
        let loc = Locator { file, text };
        if text.len() > MAX_PROFILE_BYTES {
            return Err(loc.error(
                None,
                None,
                format!(
                    "profile is {} bytes, more than the {MAX_PROFILE_BYTES}-byte limit",
                    text.len()
                ),
            ));
        }
        let spec: ProfileSpec =
            toml::from_str(text).map_err(|e| loc.error(e.span(), None, e.message().trim()))?;
        spec.validate(&loc, taxonomy)
    }

    /// Reads and validates a profile file (size-checked before it is read whole).
    pub fn from_path(
        path: &std::path::Path,
        taxonomy: &Taxonomy,
    ) -> Result<RoleProfile, ProfileError> {
        let file = path.display().to_string();
        let io_error = |e: std::io::Error| ProfileError {
            file: file.clone(),
            line: None,
            column: None,
            field: None,
            message: e.to_string(),
        };
        let len = std::fs::metadata(path).map_err(io_error)?.len();
        if len > MAX_PROFILE_BYTES as u64 {
            return Err(ProfileError {
                file: file.clone(),
                line: None,
                column: None,
                field: None,
                message: format!(
                    "profile is {len} bytes, more than the {MAX_PROFILE_BYTES}-byte limit"
                ),
            });
        }
        let text = std::fs::read_to_string(path).map_err(io_error)?;
        RoleProfile::from_toml_str(&file, &text, taxonomy)
    }

    /// Writes the profile in the TOML format [`RoleProfile::from_toml_str`] reads.
    pub fn to_toml(&self) -> String {
        let spec = ProfileSpec::from(self);
        // Serializing plain strings, numbers and tables cannot fail.
        toml::to_string(&spec).unwrap_or_default()
    }

    /// Hex SHA-256 of the canonical TOML form: equal profiles hash equal whatever their layout.
    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.to_toml().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The category with id `id`.
    pub fn category(&self, id: &str) -> Option<&ProfileCategory> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Every skill any requirement names, sorted and deduplicated.
    pub fn skills(&self) -> BTreeSet<SkillId> {
        self.requirements
            .iter()
            .flat_map(|r| r.rule.skills().iter().cloned())
            .collect()
    }
}

impl ProfileSpec {
    fn validate(self, loc: &Locator<'_>, taxonomy: &Taxonomy) -> Result<RoleProfile, ProfileError> {
        let id = self.id.get_ref().trim().to_owned();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(loc.error(
                Some(self.id.span()),
                Some("id".into()),
                "id must be a non-empty lowercase slug (a-z, 0-9, -)",
            ));
        }
        if self.categories.is_empty() {
            return Err(loc.error(
                None,
                Some("categories".into()),
                "a profile needs at least one category",
            ));
        }
        let mut categories = Vec::with_capacity(self.categories.len());
        for (i, cat) in self.categories.iter().enumerate() {
            let field = |name: &str| Some(format!("categories[{i}].{name}"));
            if cat.id.get_ref().is_empty() {
                return Err(loc.error(Some(cat.id.span()), field("id"), "category id is empty"));
            }
            if categories
                .iter()
                .any(|c: &ProfileCategory| &c.id == cat.id.get_ref())
            {
                return Err(loc.error(
                    Some(cat.id.span()),
                    field("id"),
                    format!("duplicate category id {:?}", cat.id.get_ref()),
                ));
            }
            if *cat.weight.get_ref() == 0 {
                return Err(loc.error(
                    Some(cat.weight.span()),
                    field("weight"),
                    "category weight must be at least 1",
                ));
            }
            categories.push(ProfileCategory {
                id: cat.id.get_ref().clone(),
                title: cat.title.clone(),
                weight: *cat.weight.get_ref(),
            });
        }
        if self.requirements.is_empty() {
            return Err(loc.error(
                None,
                Some("requirements".into()),
                "a profile needs at least one requirement",
            ));
        }
        let mut requirements: Vec<Requirement> = Vec::with_capacity(self.requirements.len());
        for (i, spanned) in self.requirements.iter().enumerate() {
            let req = spanned.get_ref();
            let field = |name: &str| Some(format!("requirements[{i}].{name}"));
            if req.label.trim().is_empty() {
                return Err(loc.error(Some(spanned.span()), field("label"), "label is empty"));
            }
            if requirements.iter().any(|r| r.label == req.label) {
                return Err(loc.error(
                    Some(spanned.span()),
                    field("label"),
                    format!("duplicate label {:?}", req.label),
                ));
            }
            if !categories.iter().any(|c| &c.id == req.category.get_ref()) {
                return Err(loc.error(
                    Some(req.category.span()),
                    field("category"),
                    format!("unknown category {:?}", req.category.get_ref()),
                ));
            }
            let rule = req.rule(i, spanned.span(), loc, taxonomy)?;
            let weight = match &req.weight {
                Some(w) if *w.get_ref() == 0 => {
                    return Err(loc.error(
                        Some(w.span()),
                        field("weight"),
                        "weight must be at least 1",
                    ));
                }
                Some(w) => *w.get_ref(),
                None => req.importance.default_weight(),
            };
            let stage = match &req.stage {
                Some(s) => Some(Stage::new(*s.get_ref()).ok_or_else(|| {
                    loc.error(
                        Some(s.span()),
                        field("stage"),
                        format!("stage {} is not a roadmap stage (1 to 4)", s.get_ref()),
                    )
                })?),
                None => None,
            };
            requirements.push(Requirement {
                label: req.label.trim().to_owned(),
                category: req.category.get_ref().clone(),
                rule,
                importance: req.importance,
                weight,
                min_months: req.min_months.filter(|&m| m > 0),
                recent_months: req.recent_months.filter(|&m| m > 0),
                stage,
                source: req.source.clone(),
            });
        }
        if let Some(empty) = categories
            .iter()
            .find(|c| !requirements.iter().any(|r| r.category == c.id))
        {
            return Err(loc.error(
                None,
                Some("categories".into()),
                format!("category {:?} has no requirements", empty.id),
            ));
        }
        Ok(RoleProfile {
            id,
            title: self.title,
            description: self.description,
            sources: self.sources,
            categories,
            requirements,
        })
    }
}

impl RequirementSpec {
    fn rule(
        &self,
        i: usize,
        span: Range<usize>,
        loc: &Locator<'_>,
        taxonomy: &Taxonomy,
    ) -> Result<SkillRule, ProfileError> {
        let forms = [
            self.skill.is_some(),
            self.any_of.is_some(),
            self.all_of.is_some(),
            self.n_of.is_some(),
        ];
        if forms.iter().filter(|&&f| f).count() != 1 {
            return Err(loc.error(
                Some(span),
                Some(format!("requirements[{i}]")),
                "a requirement needs exactly one of `skill`, `any_of`, `all_of`, `n_of`",
            ));
        }
        let list = |name: &str, ids: &[Spanned<String>]| -> Result<Vec<SkillId>, ProfileError> {
            if ids.is_empty() {
                return Err(loc.error(
                    Some(span.clone()),
                    Some(format!("requirements[{i}].{name}")),
                    "list is empty",
                ));
            }
            let mut out: Vec<SkillId> = Vec::with_capacity(ids.len());
            for (j, id) in ids.iter().enumerate() {
                let field = Some(format!("requirements[{i}].{name}[{j}]"));
                let skill = known_skill(id, field.clone(), loc, taxonomy)?;
                if out.contains(&skill) {
                    return Err(loc.error(
                        Some(id.span()),
                        field,
                        format!("skill {skill} is listed twice"),
                    ));
                }
                out.push(skill);
            }
            Ok(out)
        };
        if let Some(skill) = &self.skill {
            return Ok(SkillRule::Skill {
                skill: known_skill(
                    skill,
                    Some(format!("requirements[{i}].skill")),
                    loc,
                    taxonomy,
                )?,
            });
        }
        if let Some(ids) = &self.any_of {
            return Ok(SkillRule::AnyOf {
                of: list("any_of", ids)?,
            });
        }
        if let Some(ids) = &self.all_of {
            return Ok(SkillRule::AllOf {
                of: list("all_of", ids)?,
            });
        }
        let n_of = self.n_of.as_ref().expect("exactly one form is present");
        let of = list("n_of.of", &n_of.of)?;
        let n = *n_of.n.get_ref();
        if n == 0 || n > of.len() {
            return Err(loc.error(
                Some(n_of.n.span()),
                Some(format!("requirements[{i}].n_of.n")),
                format!("n must be between 1 and the {} skills listed", of.len()),
            ));
        }
        Ok(SkillRule::NOf { n, of })
    }
}

fn known_skill(
    id: &Spanned<String>,
    field: Option<String>,
    loc: &Locator<'_>,
    taxonomy: &Taxonomy,
) -> Result<SkillId, ProfileError> {
    let skill = SkillId::from(id.get_ref().trim());
    if taxonomy.get(&skill).is_none() {
        return Err(loc.error(
            Some(id.span()),
            field,
            format!(
                "unknown skill id {:?} (not in taxonomy {})",
                skill.as_str(),
                taxonomy.stamp().version
            ),
        ));
    }
    Ok(skill)
}

impl From<&RoleProfile> for ProfileSpec {
    fn from(p: &RoleProfile) -> ProfileSpec {
        let ids = |of: &[SkillId]| {
            of.iter()
                .map(|s| unspanned(s.to_string()))
                .collect::<Vec<_>>()
        };
        ProfileSpec {
            id: unspanned(p.id.clone()),
            title: p.title.clone(),
            description: p.description.clone(),
            sources: p.sources.clone(),
            categories: p
                .categories
                .iter()
                .map(|c| CategorySpec {
                    id: unspanned(c.id.clone()),
                    title: c.title.clone(),
                    weight: unspanned(c.weight),
                })
                .collect(),
            requirements: p
                .requirements
                .iter()
                .map(|r| {
                    let (mut skill, mut any_of, mut all_of, mut n_of) = (None, None, None, None);
                    match &r.rule {
                        SkillRule::Skill { skill: s } => skill = Some(unspanned(s.to_string())),
                        SkillRule::AnyOf { of } => any_of = Some(ids(of)),
                        SkillRule::AllOf { of } => all_of = Some(ids(of)),
                        SkillRule::NOf { n, of } => {
                            n_of = Some(NOfSpec {
                                n: unspanned(*n),
                                of: ids(of),
                            })
                        }
                    }
                    unspanned(RequirementSpec {
                        label: r.label.clone(),
                        category: unspanned(r.category.clone()),
                        skill,
                        any_of,
                        all_of,
                        n_of,
                        importance: r.importance,
                        weight: (r.weight != r.importance.default_weight())
                            .then(|| unspanned(r.weight)),
                        min_months: r.min_months,
                        recent_months: r.recent_months,
                        stage: r.stage.map(|s| unspanned(s.number())),
                        source: r.source.clone(),
                    })
                })
                .collect(),
        }
    }
}

/// The profiles compiled into the crate: `(id, TOML text)`, the default first.
pub const EMBEDDED_PROFILES: &[(&str, &str)] = &[
    ("ml-engineer", include_str!("../profiles/ml-engineer.toml")),
    (
        "applied-scientist",
        include_str!("../profiles/applied-scientist.toml"),
    ),
    (
        "ai-platform-engineer",
        include_str!("../profiles/ai-platform-engineer.toml"),
    ),
    (
        "llm-engineer",
        include_str!("../profiles/llm-engineer.toml"),
    ),
    (
        "computer-vision-engineer",
        include_str!("../profiles/computer-vision-engineer.toml"),
    ),
    (
        "recsys-engineer",
        include_str!("../profiles/recsys-engineer.toml"),
    ),
    (
        "data-scientist",
        include_str!("../profiles/data-scientist.toml"),
    ),
    (
        "data-engineer",
        include_str!("../profiles/data-engineer.toml"),
    ),
];

/// The id of the default profile.
pub const DEFAULT_PROFILE: &str = "ml-engineer";

impl RoleProfile {
    /// Validates the embedded profile `id` against `taxonomy`; `None` when there is no such profile.
    pub fn embedded(id: &str, taxonomy: &Taxonomy) -> Option<Result<RoleProfile, ProfileError>> {
        EMBEDDED_PROFILES
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(name, text)| {
                RoleProfile::from_toml_str(&format!("<embedded {name}>"), text, taxonomy)
            })
    }

    /// The ids of the embedded profiles, the default first.
    pub fn embedded_ids() -> impl Iterator<Item = &'static str> {
        EMBEDDED_PROFILES.iter().map(|(id, _)| *id)
    }
}
