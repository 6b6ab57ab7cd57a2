//! Validation of taxonomy specs into a [`Taxonomy`]: merging sources, checking ids, links,
//! cycles and alias conflicts, and indexing labels for lookups.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::label::{compact_key, is_valid_slug, normalize_label};
use crate::locate;
use crate::spec::{AliasSpec, SkillSpec, SpecFormat, TaxonomySpec};
use crate::taxonomy::{
    Alias, Category, Crosswalk, LabelRef, Skill, SkillId, SkillKind, Taxonomy, TaxonomyStamp,
};
use crate::taxonomy_error::{SourceLocation, TaxonomyError, TaxonomyErrorKind};

/// The default limit on one source's size: 32 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// The version a taxonomy gets when no source sets one.
pub const UNVERSIONED: &str = "unversioned";

/// Collects taxonomy sources (files, strings, specs) and validates them into a [`Taxonomy`].
///
/// Later sources override earlier ones: a skill whose id an earlier source defined replaces
/// it whole, or, with `merge = true`, patches it (fields it sets win, aliases and links are
/// added). Within one source, ids must be unique.
///
/// ```
/// use rolefit_match::{SkillId, SpecFormat, TaxonomyBuilder};
///
/// let mut builder = TaxonomyBuilder::new();
/// builder.add_str("base.toml", r#"
/// [[skill]]
/// id = "deep-learning"
/// name = "Deep learning"
/// category = "deep_learning"
///
/// [[skill]]
/// id = "pytorch"
/// name = "PyTorch"
/// category = "ml_frameworks"
/// implies = ["deep-learning"]
/// "#, SpecFormat::Toml)?;
/// builder.add_str("ours.toml", r#"
/// [[skill]]
/// id = "pytorch"
/// merge = true
/// aliases = ["torch"]
/// "#, SpecFormat::Toml)?;
/// let taxonomy = builder.build()?;
/// assert_eq!(taxonomy.find("Torch").unwrap().id.as_str(), "pytorch");
/// assert_eq!(taxonomy.implied_closure(&SkillId::from("pytorch")), [SkillId::from("deep-learning")]);
/// # Ok::<(), rolefit_match::TaxonomyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct TaxonomyBuilder {
    sources: Vec<Source>,
    max_file_size: u64,
    version: Option<String>,
}

/// One added source: its spec, and its text (kept to find lines when validation fails).
#[derive(Clone, Debug)]
struct Source {
    origin: String,
    text: Option<(String, SpecFormat)>,
    spec: TaxonomySpec,
}

/// Which source and which skill entry of it a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Prov {
    source: usize,
    entry: usize,
}

/// A skill after merging all sources, every value remembering where it came from.
#[derive(Debug)]
struct Merged {
    prov: Prov,
    name: Option<(String, Prov)>,
    category: Option<Category>,
    kind: Option<SkillKind>,
    aliases: Vec<(AliasSpec, Prov)>,
    links: [Vec<(SkillId, Prov)>; 3],
    crosswalk: Option<Crosswalk>,
    description: Option<String>,
}

const LINK_FIELDS: [&str; 3] = ["broader", "implies", "related"];

impl Default for TaxonomyBuilder {
    fn default() -> Self {
        TaxonomyBuilder::new()
    }
}

impl TaxonomyBuilder {
    /// A builder with no sources and the default size limit.
    pub fn new() -> TaxonomyBuilder {
        TaxonomyBuilder {
            sources: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            version: None,
        }
    }

    /// Sets the largest source (file or string) accepted, in bytes.
    pub fn max_file_size(&mut self, bytes: u64) -> &mut TaxonomyBuilder {
        self.max_file_size = bytes;
        self
    }

    /// Sets the version of the built taxonomy, overriding the sources' versions.
    pub fn version(&mut self, version: impl Into<String>) -> &mut TaxonomyBuilder {
        self.version = Some(version.into());
        self
    }

    /// Adds the embedded default taxonomy as a source, so later sources extend or override it.
    pub fn add_default(&mut self) -> Result<&mut TaxonomyBuilder, TaxonomyError> {
        self.add_str(
            crate::embedded::EMBEDDED_ORIGIN,
            crate::embedded::EMBEDDED_JSON,
            SpecFormat::Json,
        )
    }

    /// Reads and parses a `.toml` or `.json` file.
    pub fn add_file(&mut self, path: &Path) -> Result<&mut TaxonomyBuilder, TaxonomyError> {
        let origin = path.display().to_string();
        let at = || SourceLocation::origin(&origin);
        let format = SpecFormat::from_path(path)
            .ok_or_else(|| TaxonomyError::new(at(), TaxonomyErrorKind::UnknownFormat))?;
        let text = read_limited(path, self.max_file_size)
            .map_err(|kind| TaxonomyError::new(at(), kind))?;
        self.add_str(&origin, &text, format)
    }

    /// Parses `text` in `format`; `origin` names it in errors (a path or a label).
    pub fn add_str(
        &mut self,
        origin: &str,
        text: &str,
        format: SpecFormat,
    ) -> Result<&mut TaxonomyBuilder, TaxonomyError> {
        let size = text.len() as u64;
        if size > self.max_file_size {
            let kind = TaxonomyErrorKind::TooLarge {
                size,
                limit: self.max_file_size,
            };
            return Err(TaxonomyError::new(SourceLocation::origin(origin), kind));
        }
        let spec = parse_spec(origin, text, format)?;
        self.sources.push(Source {
            origin: origin.to_owned(),
            text: Some((text.to_owned(), format)),
            spec,
        });
        Ok(self)
    }

    /// Adds an already parsed spec (from an importer, or built in code).
    pub fn add_spec(&mut self, origin: &str, spec: TaxonomySpec) -> &mut TaxonomyBuilder {
        self.sources.push(Source {
            origin: origin.to_owned(),
            text: None,
            spec,
        });
        self
    }

    /// Merges the sources and validates the result.
    ///
    /// Fails, naming the source, line, skill and field, on: an invalid or duplicate id, an
    /// empty name, a missing category, an empty alias, an alias two skills claim with no
    /// rule to decide, a `broader`/`implies`/`related` entry naming no skill, or a cycle in
    /// `broader`/`implies`.
    pub fn build(&self) -> Result<Taxonomy, TaxonomyError> {
        let merged = self.merge()?;
        let ids: Vec<&SkillId> = merged.keys().collect();
        let mut skills = Vec::with_capacity(merged.len());
        for (id, m) in &merged {
            skills.push(self.resolve(id, m)?);
        }
        let by_id: BTreeMap<SkillId, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| ((*id).clone(), i))
            .collect();
        for (skill, m) in skills.iter().zip(merged.values()) {
            for (field, links) in LINK_FIELDS.iter().zip(&m.links) {
                for (target, prov) in links {
                    if !by_id.contains_key(target) {
                        let at = self.locate(*prov, &skill.id, field, Some(target.as_str()));
                        return Err(TaxonomyError::new(
                            at,
                            TaxonomyErrorKind::UnknownSkill(target.clone()),
                        ));
                    }
                }
            }
        }
        self.check_cycles(&skills, &by_id, &merged)?;
        let (labels, compact) = self.index_labels(&skills, &merged)?;
        let version = self
            .version
            .clone()
            .or_else(|| {
                self.sources
                    .iter()
                    .rev()
                    .find_map(|s| s.spec.version.clone())
            })
            .unwrap_or_else(|| UNVERSIONED.to_owned());
        let hash = content_hash(&skills);
        Ok(Taxonomy {
            skills,
            by_id,
            stamp: TaxonomyStamp { version, hash },
            labels,
            compact,
        })
    }

    /// Applies the sources in order into one map of merged skills.
    fn merge(&self) -> Result<BTreeMap<SkillId, Merged>, TaxonomyError> {
        let mut merged: BTreeMap<SkillId, Merged> = BTreeMap::new();
        for (source, src) in self.sources.iter().enumerate() {
            let mut seen: BTreeMap<&SkillId, usize> = BTreeMap::new();
            for (entry, spec) in src.spec.skills.iter().enumerate() {
                let prov = Prov { source, entry };
                if !is_valid_slug(spec.id.as_str()) {
                    let at = self.locate(prov, &spec.id, "id", None);
                    return Err(TaxonomyError::new(
                        at,
                        TaxonomyErrorKind::InvalidId(spec.id.to_string()),
                    ));
                }
                if let Some(&first) = seen.get(&spec.id) {
                    let first = self.locate(
                        Prov {
                            source,
                            entry: first,
                        },
                        &spec.id,
                        "id",
                        None,
                    );
                    let at = self.locate(prov, &spec.id, "id", None);
                    return Err(TaxonomyError::new(
                        at,
                        TaxonomyErrorKind::DuplicateId {
                            first: Box::new(first),
                        },
                    ));
                }
                seen.insert(&spec.id, entry);
                match merged.get_mut(&spec.id) {
                    Some(existing) if spec.merge => patch(existing, spec, prov),
                    _ => {
                        let mut fresh = Merged {
                            prov,
                            name: None,
                            category: None,
                            kind: None,
                            aliases: Vec::new(),
                            links: [Vec::new(), Vec::new(), Vec::new()],
                            crosswalk: None,
                            description: None,
                        };
                        patch(&mut fresh, spec, prov);
                        merged.insert(spec.id.clone(), fresh);
                    }
                }
            }
        }
        Ok(merged)
    }

    /// Checks the required fields of one merged skill and turns it into a [`Skill`].
    fn resolve(&self, id: &SkillId, m: &Merged) -> Result<Skill, TaxonomyError> {
        let name = match &m.name {
            Some((name, _)) if !name.trim().is_empty() => name.trim().to_owned(),
            Some((_, prov)) => {
                return Err(TaxonomyError::new(
                    self.locate(*prov, id, "name", None),
                    TaxonomyErrorKind::Missing,
                ))
            }
            None => {
                return Err(TaxonomyError::new(
                    self.locate(m.prov, id, "name", None),
                    TaxonomyErrorKind::Missing,
                ))
            }
        };
        let Some(category) = m.category else {
            return Err(TaxonomyError::new(
                self.locate(m.prov, id, "category", None),
                TaxonomyErrorKind::Missing,
            ));
        };
        let mut aliases: Vec<Alias> = Vec::with_capacity(m.aliases.len());
        for (alias, prov) in &m.aliases {
            let text = alias.text.trim();
            if text.is_empty() {
                return Err(TaxonomyError::new(
                    self.locate(*prov, id, "aliases", None),
                    TaxonomyErrorKind::Missing,
                ));
            }
            // A later entry for the same text replaces the earlier policy.
            match aliases.iter_mut().find(|a| a.text == text) {
                Some(existing) => existing.policy = alias.policy.clone(),
                None => aliases.push(Alias {
                    text: text.to_owned(),
                    policy: alias.policy.clone(),
                }),
            }
        }
        let links = m.links.clone().map(|list| {
            let mut seen = BTreeSet::new();
            list.into_iter()
                .map(|(id, _)| id)
                .filter(|id| seen.insert(id.clone()))
                .collect::<Vec<_>>()
        });
        let [broader, implies, related] = links;
        Ok(Skill {
            id: id.clone(),
            name,
            aliases,
            category,
            kind: m.kind.unwrap_or_default(),
            broader,
            implies,
            related,
            crosswalk: m.crosswalk.clone().unwrap_or_default(),
            description: m.description.clone().filter(|d| !d.trim().is_empty()),
        })
    }

    /// Fails on a cycle through `broader` and `implies` edges (self-loops included).
    fn check_cycles(
        &self,
        skills: &[Skill],
        by_id: &BTreeMap<SkillId, usize>,
        merged: &BTreeMap<SkillId, Merged>,
    ) -> Result<(), TaxonomyError> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let edges = |i: usize| {
            skills[i]
                .broader
                .iter()
                .chain(&skills[i].implies)
                .map(|t| by_id[t])
        };
        let mut mark = vec![Mark::New; skills.len()];
        for root in 0..skills.len() {
            if mark[root] != Mark::New {
                continue;
            }
            // Iterative depth-first search; `stack` holds the open path with edge cursors.
            let mut stack: Vec<(usize, Vec<usize>)> = vec![(root, edges(root).collect())];
            mark[root] = Mark::Open;
            while let Some((node, next)) = stack.last_mut() {
                let node = *node;
                let Some(target) = next.pop() else {
                    mark[node] = Mark::Done;
                    stack.pop();
                    continue;
                };
                match mark[target] {
                    Mark::Done => {}
                    Mark::New => {
                        mark[target] = Mark::Open;
                        stack.push((target, edges(target).collect()));
                    }
                    Mark::Open => {
                        let start = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        let mut path: Vec<SkillId> = stack[start..]
                            .iter()
                            .map(|(n, _)| skills[*n].id.clone())
                            .collect();
                        path.push(skills[target].id.clone());
                        // Report the edge of the cycle that was added last: likely the mistake.
                        let (prov, from, field, to) = path
                            .windows(2)
                            .filter_map(|pair| cycle_edge(merged, &pair[0], &pair[1]))
                            .max_by_key(|(prov, ..)| (prov.source, prov.entry))
                            .unwrap_or((
                                merged[&skills[node].id].prov,
                                &skills[node].id,
                                "implies",
                                &skills[target].id,
                            ));
                        let at = self.locate(prov, from, field, Some(to.as_str()));
                        return Err(TaxonomyError::new(at, TaxonomyErrorKind::Cycle(path)));
                    }
                }
            }
        }
        Ok(())
    }

    /// Indexes every name and alias by its normalized and compact keys, failing on an alias
    /// that two skills claim with no rule to decide.
    #[allow(clippy::type_complexity)]
    fn index_labels(
        &self,
        skills: &[Skill],
        merged: &BTreeMap<SkillId, Merged>,
    ) -> Result<
        (
            BTreeMap<String, Vec<LabelRef>>,
            BTreeMap<String, Option<usize>>,
        ),
        TaxonomyError,
    > {
        let mut labels: BTreeMap<String, Vec<LabelRef>> = BTreeMap::new();
        let mut compact: BTreeMap<String, Option<usize>> = BTreeMap::new();
        for (index, (skill, m)) in skills.iter().zip(merged.values()).enumerate() {
            for label in skill_labels(skill) {
                let key = normalize_label(label.text);
                let entry = labels.entry(key.clone()).or_default();
                if entry
                    .iter()
                    .any(|r| r.skill == index && r.text == label.text)
                {
                    continue;
                }
                for other in entry.iter().filter(|r| r.skill != index) {
                    let decided = (label.case_sensitive != other.case_sensitive)
                        || (label.case_sensitive
                            && other.case_sensitive
                            && label.text != other.text)
                        || (label.shared && other.shared)
                        || label.priority != other.priority;
                    if !decided {
                        // Report the claim made last (the later source): likely the mistake.
                        let here = (skill, label_origin(m, label.text, label.is_name));
                        let there_skill = &skills[other.skill];
                        let there_merged = &merged[&there_skill.id];
                        let there_is_name = !there_merged
                            .aliases
                            .iter()
                            .any(|(a, _)| a.text.trim() == other.text);
                        let there = (
                            there_skill,
                            label_origin(there_merged, &other.text, there_is_name),
                        );
                        let order = |(_, (_, p)): &(&Skill, (&str, Prov))| (p.source, p.entry);
                        let (at_skill, (field, prov), other_skill, text) =
                            if order(&there) > order(&here) {
                                (there.0, there.1, skill, other.text.as_str())
                            } else {
                                (here.0, here.1, there_skill, label.text)
                            };
                        let at = self.locate(prov, &at_skill.id, field, Some(text));
                        let kind = TaxonomyErrorKind::AmbiguousAlias {
                            alias: key,
                            other: other_skill.id.clone(),
                        };
                        return Err(TaxonomyError::new(at, kind));
                    }
                }
                entry.push(LabelRef {
                    skill: index,
                    text: label.text.to_owned(),
                    case_sensitive: label.case_sensitive,
                    priority: label.priority,
                    shared: label.shared,
                });
                let slot = compact.entry(compact_key(&key)).or_insert(Some(index));
                if *slot != Some(index) {
                    *slot = None;
                }
            }
        }
        for refs in labels.values_mut() {
            refs.sort_by(|a, b| {
                b.priority
                    .cmp(&a.priority)
                    .then(a.case_sensitive.cmp(&b.case_sensitive))
                    .then(a.skill.cmp(&b.skill))
            });
        }
        Ok((labels, compact))
    }

    /// The location of a skill entry's field, with the line when the source text is known.
    fn locate(
        &self,
        prov: Prov,
        id: &SkillId,
        field: &str,
        needle: Option<&str>,
    ) -> SourceLocation {
        let source = &self.sources[prov.source];
        let line = source.text.as_ref().and_then(|(text, format)| {
            locate::skill_line(text, *format, prov.entry, Some(field), needle)
                .or_else(|| locate::skill_line(text, *format, prov.entry, None, None))
        });
        SourceLocation {
            origin: source.origin.clone(),
            line,
            skill: Some(id.clone()),
            field: Some(field.to_owned()),
        }
    }
}

/// The provenance and field of the `broader` or `implies` edge `from` → `to`.
fn cycle_edge<'a>(
    merged: &BTreeMap<SkillId, Merged>,
    from: &'a SkillId,
    to: &'a SkillId,
) -> Option<(Prov, &'a SkillId, &'static str, &'a SkillId)> {
    let m = merged.get(from)?;
    (0..2).find_map(|f| {
        let (_, prov) = m.links[f].iter().rev().find(|(t, _)| t == to)?;
        Some((*prov, from, LINK_FIELDS[f], to))
    })
}

/// The field and provenance of one label of a merged skill: its name, or the alias entry
/// (the last one with that text) that gave it.
fn label_origin(m: &Merged, text: &str, is_name: bool) -> (&'static str, Prov) {
    if is_name {
        return ("name", m.name.as_ref().map_or(m.prov, |(_, p)| *p));
    }
    let alias = m.aliases.iter().rev().find(|(a, _)| a.text.trim() == text);
    ("aliases", alias.map_or(m.prov, |(_, p)| *p))
}

/// Applies one spec entry to a merged skill: set fields replace, lists are appended.
fn patch(target: &mut Merged, spec: &SkillSpec, prov: Prov) {
    target.prov = prov;
    if let Some(name) = &spec.name {
        target.name = Some((name.clone(), prov));
    }
    target.category = spec.category.or(target.category);
    target.kind = spec.kind.or(target.kind);
    target
        .aliases
        .extend(spec.aliases.iter().map(|a| (a.clone(), prov)));
    for (list, new) in target
        .links
        .iter_mut()
        .zip([&spec.broader, &spec.implies, &spec.related])
    {
        list.extend(new.iter().map(|id| (id.clone(), prov)));
    }
    if spec.crosswalk.is_some() {
        target.crosswalk = spec.crosswalk.clone();
    }
    if spec.description.is_some() {
        target.description = spec.description.clone();
    }
}

/// A label of a skill as the index sees it.
struct LabelFacts<'a> {
    text: &'a str,
    case_sensitive: bool,
    shared: bool,
    priority: i32,
    is_name: bool,
}

/// The name (unless an alias with the same text gives it a policy) and every alias.
fn skill_labels(skill: &Skill) -> impl Iterator<Item = LabelFacts<'_>> {
    let name_has_policy = skill.aliases.iter().any(|a| a.text == skill.name);
    let name = (!name_has_policy).then_some(LabelFacts {
        text: &skill.name,
        case_sensitive: false,
        shared: false,
        priority: 0,
        is_name: true,
    });
    name.into_iter()
        .chain(skill.aliases.iter().map(|a| LabelFacts {
            text: &a.text,
            case_sensitive: a.policy.case_sensitive,
            shared: a.policy.shared,
            priority: a.policy.priority,
            is_name: false,
        }))
}

/// Parses one source text, mapping parse errors to the line they are on.
pub(crate) fn parse_spec(
    origin: &str,
    text: &str,
    format: SpecFormat,
) -> Result<TaxonomySpec, TaxonomyError> {
    match format {
        SpecFormat::Toml => toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| locate::line_of_offset(text, s.start));
            let at = SourceLocation {
                line,
                ..SourceLocation::origin(origin)
            };
            TaxonomyError::new(at, TaxonomyErrorKind::Parse(e.message().to_owned()))
        }),
        SpecFormat::Json => serde_json::from_str(text).map_err(|e| {
            let line = (e.line() > 0).then_some(e.line());
            let at = SourceLocation {
                line,
                ..SourceLocation::origin(origin)
            };
            TaxonomyError::new(at, TaxonomyErrorKind::Parse(e.to_string()))
        }),
    }
}

/// Reads a UTF-8 file of at most `limit` bytes.
fn read_limited(path: &Path, limit: u64) -> Result<String, TaxonomyErrorKind> {
    let file = std::fs::File::open(path).map_err(|e| TaxonomyErrorKind::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| TaxonomyErrorKind::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(TaxonomyErrorKind::TooLarge { size, limit });
    }
    String::from_utf8(bytes).map_err(|e| TaxonomyErrorKind::Parse(format!("not UTF-8: {e}")))
}

/// The spec of one validated skill, as [`Taxonomy::to_spec`] writes it.
pub(crate) fn skill_to_spec(skill: &Skill) -> SkillSpec {
    SkillSpec {
        id: skill.id.clone(),
        merge: false,
        name: Some(skill.name.clone()),
        category: Some(skill.category),
        kind: Some(skill.kind),
        aliases: skill.aliases.iter().map(AliasSpec::from).collect(),
        broader: skill.broader.clone(),
        implies: skill.implies.clone(),
        related: skill.related.clone(),
        crosswalk: (!skill.crosswalk.is_empty()).then(|| skill.crosswalk.clone()),
        description: skill.description.clone(),
    }
}

/// Hex SHA-256 of the canonical content: the compact JSON of every skill's spec, by id.
pub(crate) fn content_hash(skills: &[Skill]) -> String {
    let mut hasher = Sha256::new();
    for skill in skills {
        // Serializing these plain structs to JSON cannot fail (string keys, no maps).
        if let Ok(bytes) = serde_json::to_vec(&skill_to_spec(skill)) {
            hasher.update(&bytes);
        }
        hasher.update(b"\n");
    }
    format!("{:x}", hasher.finalize())
}
