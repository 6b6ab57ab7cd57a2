//! The serde spec of taxonomy files (TOML and JSON): what a user writes, before validation.
//!
//! ```toml
//! version = "2026.12.1"
//!
//! [[skill]]
//! id = "pytorch"
//! name = "PyTorch"
//! category = "ml_frameworks"
//! kind = "tool"
//! aliases = ["py torch", { text = "Torch", case_sensitive = true, requires_context = "skill_context" }]
//! implies = ["deep-learning"]
//! ```
//!
//! The same structure in JSON is `{"version": …, "skill": [{"id": …}, …]}` (`skills` is
//! accepted for the array too). [`crate::TaxonomyBuilder`] validates specs into a
//! [`crate::Taxonomy`].

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::taxonomy::{
    Alias, AliasPolicy, Category, ContextRequirement, Crosswalk, SkillId, SkillKind,
};

/// The text format of a taxonomy source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpecFormat {
    /// TOML (`[[skill]]` tables).
    Toml,
    /// JSON (`{"skill": [...]}`).
    Json,
}

impl SpecFormat {
    /// The format a file name's extension says (`.toml`, `.json`), if any.
    pub fn from_path(path: &std::path::Path) -> Option<SpecFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(SpecFormat::Toml),
            "json" => Some(SpecFormat::Json),
            _ => None,
        }
    }
}

/// A whole taxonomy file.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomySpec {
    /// Version of the taxonomy ("2026.12.1"); the last source that sets one wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Informational SHA-256 of the content, written by the generator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Free text: what this file is, where its data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The skills.
    #[serde(
        default,
        rename = "skill",
        alias = "skills",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub skills: Vec<SkillSpec>,
}

/// One skill as written in a file. Only `id` is required in the spec; after merging, a
/// skill must have a non-empty `name` and a `category`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillSpec {
    /// Stable slug id (see [`crate::slugify`]).
    pub id: SkillId,
    /// When true, this entry patches a skill an earlier source defined: the fields it sets
    /// replace that skill's, its aliases and links are added. When false (the default), a
    /// later entry with the same id replaces the earlier skill whole.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub merge: bool,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Kind (default `hard`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SkillKind>,
    /// Other names: a plain string, or a table with a matching policy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasSpec>,
    /// Parent skills.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broader: Vec<SkillId>,
    /// Skills this one implies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implies: Vec<SkillId>,
    /// Related skills (not implied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<SkillId>,
    /// Ids in ESCO and O*NET.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<Crosswalk>,
    /// One-line description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An alias as written: `"sklearn"` or `{ text = "Go", case_sensitive = true, … }`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AliasSpec {
    /// The alias text.
    pub text: String,
    /// Its matching policy (the default when written as a plain string).
    pub policy: AliasPolicy,
}

impl AliasSpec {
    /// A plain alias with the default policy.
    pub fn plain(text: impl Into<String>) -> AliasSpec {
        AliasSpec {
            text: text.into(),
            policy: AliasPolicy::default(),
        }
    }
}

impl From<AliasSpec> for Alias {
    fn from(a: AliasSpec) -> Alias {
        Alias {
            text: a.text,
            policy: a.policy,
        }
    }
}

impl From<&Alias> for AliasSpec {
    fn from(a: &Alias) -> AliasSpec {
        AliasSpec {
            text: a.text.clone(),
            policy: a.policy.clone(),
        }
    }
}

/// The table form of an alias; `deny_unknown_fields` catches misspelled policy fields.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasTable {
    text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    case_sensitive: bool,
    #[serde(default, skip_serializing_if = "is_no_context")]
    requires_context: ContextRequirement,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    anchors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reject_contexts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    shared: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    priority: i32,
}

fn is_no_context(c: &ContextRequirement) -> bool {
    *c == ContextRequirement::None
}

fn is_zero(p: &i32) -> bool {
    *p == 0
}

impl From<AliasTable> for AliasSpec {
    fn from(t: AliasTable) -> AliasSpec {
        AliasSpec {
            text: t.text,
            policy: AliasPolicy {
                case_sensitive: t.case_sensitive,
                requires_context: t.requires_context,
                anchors: t.anchors,
                reject_contexts: t.reject_contexts,
                note: t.note,
                shared: t.shared,
                priority: t.priority,
            },
        }
    }
}

impl Serialize for AliasSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.policy == AliasPolicy::default() {
            return serializer.serialize_str(&self.text);
        }
        let p = self.policy.clone();
        AliasTable {
            text: self.text.clone(),
            case_sensitive: p.case_sensitive,
            requires_context: p.requires_context,
            anchors: p.anchors,
            reject_contexts: p.reject_contexts,
            note: p.note,
            shared: p.shared,
            priority: p.priority,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AliasSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<AliasSpec, D::Error> {
        struct AliasVisitor;
        impl<'de> Visitor<'de> for AliasVisitor {
            type Value = AliasSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an alias string or a table with `text` and policy fields")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AliasSpec, E> {
                Ok(AliasSpec::plain(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<AliasSpec, E> {
                Ok(AliasSpec::plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AliasSpec, A::Error> {
                AliasTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(AliasSpec::from)
            }
        }
        deserializer.deserialize_any(AliasVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
version = "1"

[[skill]]
id = "go"
name = "Go"
category = "programming_languages"
kind = "tool"
aliases = ["golang", { text = "Go", case_sensitive = true, requires_context = "skill_context", anchors = ["goroutines"], reject_contexts = ["go-to"] }]
"#;

    #[test]
    fn toml_mixes_plain_and_table_aliases() {
        let spec: TaxonomySpec = toml::from_str(SAMPLE).unwrap();
        let go = &spec.skills[0];
        assert_eq!(go.aliases[0], AliasSpec::plain("golang"));
        assert!(go.aliases[1].policy.case_sensitive);
        assert_eq!(
            go.aliases[1].policy.requires_context,
            ContextRequirement::SkillContext
        );
        assert_eq!(go.aliases[1].policy.reject_contexts, ["go-to"]);
    }

    #[test]
    fn round_trips_through_json_and_toml() {
        let spec: TaxonomySpec = toml::from_str(SAMPLE).unwrap();
        let json = serde_json::to_string(&spec).unwrap();
        assert!(
            json.contains(r#""aliases":["golang",{"text":"Go","case_sensitive":true"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<TaxonomySpec>(&json).unwrap(), spec);
        let toml_text = toml::to_string(&spec).unwrap();
        assert_eq!(toml::from_str::<TaxonomySpec>(&toml_text).unwrap(), spec);
    }

    #[test]
    fn misspelled_fields_are_rejected() {
        let err = toml::from_str::<TaxonomySpec>("[[skill]]\nid = \"a\"\nimplied = [\"b\"]\n")
            .unwrap_err();
        assert!(err.to_string().contains("implied"), "{err}");
        let err = toml::from_str::<TaxonomySpec>(
            "[[skill]]\nid = \"a\"\naliases = [{ text = \"x\", case_sensitiv = true }]\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("case_sensitiv"), "{err}");
    }
}
