//! Importers that turn public skill classifications into taxonomy specs.
//!
//! * [`esco_csv`]: an ESCO skills CSV (the full `skills_en.csv` or a collection such as the
//!   digital skills collection): `preferredLabel`, `altLabels` (separated by newlines or
//!   `" | "`), and, when present, `conceptUri`, `skillType`, `reuseLevel`, `description`,
//!   `status`.
//! * [`onet_technology_skills`]: O*NET's `Technology Skills.txt` (tab-separated): `Example`,
//!   `Commodity Code`, and, when present, `Commodity Title`, `Hot Technology`, `In Demand`.
//!
//! Columns are found by header name, in any order. Errors name the origin, the line and the
//! column. The specs returned build without alias conflicts on their own: a label is kept by
//! the first skill that claims it (names before aliases), and a skill whose name another
//! skill already has keeps it only with a lower lookup priority. Merge them with other
//! sources through [`crate::TaxonomyBuilder::add_spec`].
//!
//! ```
//! let csv = "preferredLabel,altLabels,conceptUri,skillType\n\
//!            Haskell,Haskell techniques,http://example.com/esco/haskell,knowledge\n";
//! let spec = rolefit_match::import::esco_csv(csv.as_bytes(), "esco.csv")?;
//! assert_eq!(spec.skills[0].id.as_str(), "haskell");
//! # Ok::<(), rolefit_match::TaxonomyError>(())
//! ```

mod esco;
mod onet;

use std::collections::BTreeMap;

pub use esco::esco_csv;
pub use onet::{onet_commodity_category, onet_technology_skills};

use crate::label::{normalize_label, slugify};
use crate::spec::{AliasSpec, SkillSpec};
use crate::taxonomy::SkillId;
use crate::taxonomy_error::{SourceLocation, TaxonomyError, TaxonomyErrorKind};

/// The header of a delimited file: column name → index.
struct Header {
    origin: String,
    columns: BTreeMap<String, usize>,
}

impl Header {
    fn new(origin: &str, record: &csv::StringRecord) -> Header {
        let columns = record
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim().trim_start_matches('\u{feff}').to_owned(), i))
            .collect();
        Header {
            origin: origin.to_owned(),
            columns,
        }
    }

    /// The index of a column the importer cannot work without.
    fn required(&self, name: &str) -> Result<usize, TaxonomyError> {
        self.columns.get(name).copied().ok_or_else(|| {
            let at = SourceLocation {
                line: Some(1),
                ..SourceLocation::origin(&self.origin)
            };
            TaxonomyError::new(at, TaxonomyErrorKind::MissingColumn(name.to_owned()))
        })
    }

    fn optional(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }
}

/// A CSV error as a taxonomy error naming the line.
fn csv_error(origin: &str, e: &csv::Error) -> TaxonomyError {
    let line = e.position().map(|p| p.line() as usize);
    let at = SourceLocation {
        line,
        ..SourceLocation::origin(origin)
    };
    TaxonomyError::new(at, TaxonomyErrorKind::Parse(e.to_string()))
}

/// An error at a record's line and column.
fn field_error(
    origin: &str,
    record: &csv::StringRecord,
    column: &str,
    kind: TaxonomyErrorKind,
) -> TaxonomyError {
    let line = record.position().map(|p| p.line() as usize);
    let at = SourceLocation {
        line,
        field: Some(column.to_owned()),
        ..SourceLocation::origin(origin)
    };
    TaxonomyError::new(at, kind)
}

/// A field of a record by optional column index, trimmed ("" when absent).
fn field(record: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|i| record.get(i)).unwrap_or("").trim()
}

/// Gives every skill a unique id (`slug`, then `slug-2`, `slug-3`, … in order).
fn unique_ids(skills: &mut [SkillSpec]) {
    let mut used: BTreeMap<SkillId, usize> = BTreeMap::new();
    for skill in skills.iter_mut() {
        let base = if skill.id.as_str().is_empty() {
            slugify("skill")
        } else {
            skill.id.clone()
        };
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        skill.id = if *n == 1 {
            base
        } else {
            SkillId::from(format!("{base}-{n}"))
        };
        // A generated suffix may itself collide with a real slug; claim it too.
        used.entry(skill.id.clone()).or_insert(1);
    }
}

/// Makes a list of imported skills free of alias conflicts: names are claimed first (a name
/// already claimed keeps only a lower-priority entry), then aliases in order; an alias
/// another skill claimed is dropped, as are duplicates within a skill.
fn resolve_label_conflicts(skills: &mut [SkillSpec]) {
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    for (i, skill) in skills.iter_mut().enumerate() {
        let name = skill.name.clone().unwrap_or_default();
        let key = normalize_label(&name);
        match owner.get(&key) {
            Some(_) => {
                let mut alias = AliasSpec::plain(name.clone());
                alias.policy.priority = -1;
                alias.policy.note = Some("Another imported skill has the same name.".to_owned());
                skill.aliases.retain(|a| normalize_label(&a.text) != key);
                skill.aliases.insert(0, alias);
            }
            None => {
                owner.insert(key, i);
            }
        }
    }
    for (i, skill) in skills.iter_mut().enumerate() {
        let name_key = normalize_label(skill.name.as_deref().unwrap_or_default());
        let mut seen = std::collections::BTreeSet::new();
        skill.aliases.retain(|a| {
            let key = normalize_label(&a.text);
            if a.policy.priority < 0 {
                return seen.insert(key);
            }
            if key.is_empty() || key == name_key || !seen.insert(key.clone()) {
                return false;
            }
            *owner.entry(key).or_insert(i) == i
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(id: &str, name: &str, aliases: &[&str]) -> SkillSpec {
        SkillSpec {
            id: SkillId::from(id),
            name: Some(name.to_owned()),
            aliases: aliases.iter().map(|a| AliasSpec::plain(*a)).collect(),
            ..SkillSpec::default()
        }
    }

    #[test]
    fn ids_are_made_unique_in_order() {
        let mut skills = vec![
            skill("a", "A", &[]),
            skill("a", "A2", &[]),
            skill("a-2", "A3", &[]),
            skill("a", "A4", &[]),
        ];
        unique_ids(&mut skills);
        let ids: Vec<&str> = skills.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-2-2", "a-3"]);
    }

    #[test]
    fn first_claimant_keeps_a_label_names_first() {
        let mut skills = vec![
            skill("x", "Unity", &["game engine", "Unity3D"]),
            skill(
                "y",
                "unity",
                &["team unity", "Game Engine", "UNITY3D", "team unity"],
            ),
            skill("z", "Engine", &["Unity"]),
        ];
        resolve_label_conflicts(&mut skills);
        let texts = |i: usize| {
            skills[i]
                .aliases
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(0), ["game engine", "Unity3D"]);
        assert_eq!(texts(1), ["unity", "team unity"]);
        assert_eq!(skills[1].aliases[0].policy.priority, -1);
        assert!(texts(2).is_empty());
    }
}
