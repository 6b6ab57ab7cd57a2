//! Lookups, statistics and export on a validated [`Taxonomy`].

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::builder::skill_to_spec;
use crate::label::{compact_label, normalize_label};
use crate::spec::TaxonomySpec;
use crate::taxonomy::{Category, Skill, SkillId, SkillKind, Taxonomy};
use crate::taxonomy_error::{SourceLocation, TaxonomyError, TaxonomyErrorKind};

/// Counts that describe a taxonomy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaxonomyStats {
    /// Number of skills.
    pub skills: usize,
    /// Number of aliases (names not counted).
    pub aliases: usize,
    /// Number of distinct normalized labels (names and aliases).
    pub labels: usize,
    /// Skills per category.
    pub per_category: BTreeMap<Category, usize>,
    /// Skills per kind.
    pub per_kind: BTreeMap<SkillKind, usize>,
    /// Skills O*NET marks as Hot Technology.
    pub onet_hot: usize,
    /// Skills with an ESCO URI.
    pub with_esco_uri: usize,
}

impl Taxonomy {
    /// The skill a name, alias or id names, compared after [`normalize_label`] (so case,
    /// dashes and spacing do not matter); falls back to the id, then to the
    /// [`compact_label`] form ("scikit learn" → scikit-learn) when that names one skill.
    /// When several skills share the label, the best is the one whose case-sensitive alias
    /// matches the query's exact case, then the highest alias priority, then the smallest id.
    pub fn find(&self, name_or_alias: &str) -> Option<&Skill> {
        self.find_all(name_or_alias).into_iter().next()
    }

    /// Every skill a name, alias or id names, best first (see [`Taxonomy::find`]).
    pub fn find_all(&self, name_or_alias: &str) -> Vec<&Skill> {
        let query = name_or_alias.trim();
        let key = normalize_label(query);
        if let Some(refs) = self.labels.get(&key) {
            let mut ranked: Vec<_> = refs.iter().collect();
            ranked.sort_by_key(|r| {
                (
                    !(r.case_sensitive && r.text == query),
                    std::cmp::Reverse(r.priority),
                    r.case_sensitive,
                    r.skill,
                )
            });
            let mut seen = BTreeSet::new();
            return ranked
                .into_iter()
                .filter(|r| seen.insert(r.skill))
                .map(|r| &self.skills[r.skill])
                .collect();
        }
        if let Some(skill) = self.get(&SkillId::from(key)) {
            return vec![skill];
        }
        match self.compact.get(&compact_label(query)) {
            Some(Some(index)) => vec![&self.skills[*index]],
            _ => Vec::new(),
        }
    }

    /// Every skill reachable from `id` through `implies` and `broader`, transitively,
    /// sorted by id; `id` itself is not included. Empty for an unknown id.
    pub fn implied_closure(&self, id: &SkillId) -> Vec<SkillId> {
        let Some(&start) = self.by_id.get(id) else {
            return Vec::new();
        };
        let mut seen = BTreeSet::from([start]);
        let mut todo = vec![start];
        while let Some(i) = todo.pop() {
            let skill = &self.skills[i];
            for next in skill.implies.iter().chain(&skill.broader) {
                if let Some(&j) = self.by_id.get(next) {
                    if seen.insert(j) {
                        todo.push(j);
                    }
                }
            }
        }
        seen.remove(&start);
        // Indices follow id order, so the set is already sorted by id.
        seen.into_iter()
            .map(|i| self.skills[i].id.clone())
            .collect()
    }

    /// Counts of skills, aliases and labels, per category and kind.
    pub fn stats(&self) -> TaxonomyStats {
        let mut per_category = BTreeMap::new();
        let mut per_kind = BTreeMap::new();
        for skill in &self.skills {
            *per_category.entry(skill.category).or_insert(0) += 1;
            *per_kind.entry(skill.kind).or_insert(0) += 1;
        }
        TaxonomyStats {
            skills: self.skills.len(),
            aliases: self.skills.iter().map(|s| s.aliases.len()).sum(),
            labels: self.labels.len(),
            per_category,
            per_kind,
            onet_hot: self.skills.iter().filter(|s| s.crosswalk.onet_hot).count(),
            with_esco_uri: self
                .skills
                .iter()
                .filter(|s| s.crosswalk.esco_uri.is_some())
                .count(),
        }
    }

    /// The taxonomy as a spec (skills by id, with version and content hash), which builds
    /// back into an equal taxonomy.
    pub fn to_spec(&self) -> TaxonomySpec {
        TaxonomySpec {
            version: Some(self.stamp.version.clone()),
            hash: Some(self.stamp.hash.clone()),
            description: None,
            skills: self.skills.iter().map(skill_to_spec).collect(),
        }
    }

    /// The taxonomy as TOML (`[[skill]]` tables).
    pub fn to_toml(&self) -> Result<String, TaxonomyError> {
        toml::to_string(&self.to_spec()).map_err(|e| export_error("toml", e.to_string()))
    }

    /// The taxonomy as JSON, one skill per line (small, and diffs stay readable).
    pub fn to_json(&self) -> Result<String, TaxonomyError> {
        let mut out = String::from("{\n");
        out.push_str(&format!("\"version\": {},\n", json(&self.stamp.version)?));
        out.push_str(&format!("\"hash\": {},\n", json(&self.stamp.hash)?));
        out.push_str("\"skill\": [\n");
        for (i, skill) in self.skills.iter().enumerate() {
            out.push_str(&json(&skill_to_spec(skill))?);
            out.push_str(if i + 1 < self.skills.len() {
                ",\n"
            } else {
                "\n"
            });
        }
        out.push_str("]\n}\n");
        Ok(out)
    }
}

fn export_error(format: &str, message: String) -> TaxonomyError {
    TaxonomyError::new(
        SourceLocation::origin(&format!("<{format} export>")),
        TaxonomyErrorKind::Parse(message),
    )
}

fn json<T: Serialize>(value: &T) -> Result<String, TaxonomyError> {
    serde_json::to_string(value).map_err(|e| export_error("json", e.to_string()))
}
