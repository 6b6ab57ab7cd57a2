//! The default-taxonomy generator: curated skills first, then ESCO digital skills, then
//! O*NET technologies, then ESCO skill labels as extra aliases. Every rule that decides
//! what an imported label may do is here, and documented in `crates/matcher/data/README.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rolefit_match::import::{esco_csv, onet_technology_skills};
use rolefit_match::{
    normalize_label, AliasSpec, Category, ContextRequirement, Crosswalk, SkillId, SkillKind,
    SkillSpec, Taxonomy, TaxonomyBuilder, TaxonomySpec,
};

/// The version written into the generated file.
const VERSION: &str = "2026.12.1";

/// Paths and mode of one run.
#[derive(Debug)]
pub struct Options {
    sources: PathBuf,
    out: PathBuf,
    curated: PathBuf,
    check: bool,
}

impl Options {
    /// Parses the arguments after `taxonomy`; paths default relative to the workspace.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut options = Options {
            sources: root.join("../shared/data/taxonomy-sources"),
            out: root.join("crates/matcher/data/default-taxonomy.json"),
            curated: root.join("crates/matcher/data/curated"),
            check: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("{arg} needs a value"))
            };
            match arg.as_str() {
                "--sources" => options.sources = value()?,
                "--out" => options.out = value()?,
                "--check" => options.check = true,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(options)
    }
}

/// Generates the default taxonomy and writes it (or, with `--check`, compares it).
pub fn run(options: &Options) -> Result<(), String> {
    let started = Instant::now();
    let mut generator = Generator::default();
    generator.add_curated(&options.curated)?;
    let counts_before = generator.skills.len();
    generator.add_esco_digital(&options.sources.join("esco-1.2.0"))?;
    let after_esco = generator.skills.len();
    generator.add_onet(&options.sources.join("onet-29.2/Technology Skills.txt"))?;
    let after_onet = generator.skills.len();
    generator.add_esco_labels(&options.sources.join("esco-1.1.1-skills/skills_en.csv"))?;

    let spec = TaxonomySpec {
        skills: generator.skills.into_values().collect(),
        ..TaxonomySpec::default()
    };
    let taxonomy = TaxonomyBuilder::new()
        .version(VERSION)
        .add_spec("generated", spec)
        .build()
        .map_err(|e| e.to_string())?;
    let json = taxonomy.to_json().map_err(|e| e.to_string())?;

    println!(
        "skills: {counts_before} curated, +{} from ESCO, +{} from O*NET",
        after_esco - counts_before,
        after_onet - after_esco
    );
    print_stats(&taxonomy, json.len());
    println!("generated in {:.2?}", started.elapsed());
    let (wall, cpu) = time_build(&json)?;
    let cpu = cpu.map_or_else(String::new, |c| format!(", {c:.2?} on CPU"));
    println!("building it from its JSON (what Taxonomy::embedded does) takes {wall:.2?}{cpu}");
    if options.check {
        let committed = std::fs::read_to_string(&options.out)
            .map_err(|e| format!("{}: {e}", options.out.display()))?;
        if committed != json {
            return Err(format!(
                "{} is out of date: run `cargo run -p xtask -- taxonomy`",
                options.out.display()
            ));
        }
        println!("{} is up to date", options.out.display());
    } else {
        std::fs::write(&options.out, &json)
            .map_err(|e| format!("{}: {e}", options.out.display()))?;
        println!("wrote {}", options.out.display());
    }
    Ok(())
}

/// The median wall-clock and on-CPU times of five builds of a taxonomy from its JSON text
/// (the CPU time, from Linux's per-thread schedstat, is what a build costs on an idle core).
fn time_build(json: &str) -> Result<(Duration, Option<Duration>), String> {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..5 {
        let (started, cpu_start) = (Instant::now(), thread_cpu_time());
        TaxonomyBuilder::new()
            .add_str("generated", json, rolefit_match::SpecFormat::Json)
            .and_then(|b| b.build())
            .map_err(|e| e.to_string())?;
        wall.push(started.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_time()) {
            cpu.push(b.saturating_sub(a));
        }
    }
    wall.sort();
    cpu.sort();
    Ok((wall[2], cpu.get(cpu.len() / 2).copied()))
}

/// Time this thread has run on a CPU, where Linux reports it.
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn print_stats(taxonomy: &Taxonomy, bytes: usize) {
    let stats = taxonomy.stats();
    println!(
        "version {} hash {}",
        taxonomy.stamp().version,
        taxonomy.stamp().hash
    );
    println!(
        "{} skills, {} aliases, {} distinct labels, {} O*NET hot technologies, {} with an ESCO URI, {} bytes",
        stats.skills, stats.aliases, stats.labels, stats.onet_hot, stats.with_esco_uri, bytes
    );
    for (category, n) in &stats.per_category {
        println!("  {:<24} {n}", format!("{category:?}"));
    }
    for (kind, n) in &stats.per_kind {
        println!("  kind {:<19} {n}", format!("{kind:?}"));
    }
}

/// Where a skill of the generated taxonomy came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Curated,
    Imported,
}

/// The taxonomy being generated: skills by id and the label claims that keep it free of
/// conflicts (first claimant wins: curated, then ESCO, then O*NET, then extra labels).
#[derive(Default)]
struct Generator {
    skills: BTreeMap<SkillId, SkillSpec>,
    origin: BTreeMap<SkillId, Origin>,
    /// Normalized label → the skill that claims it.
    labels: BTreeMap<String, SkillId>,
    /// ESCO concept URI → the skill it became or merged into.
    esco: BTreeMap<String, SkillId>,
    /// Skill → its ESCO preferred label, for the extra labels of step 4.
    esco_label: BTreeMap<SkillId, String>,
    /// Curated skill → its curated labels, normalized (see [`Generator::add_alias`]).
    curated_labels: BTreeMap<SkillId, Vec<String>>,
}

impl Generator {
    /// Step 1: the curated files, validated together (ambiguous.toml applied last).
    fn add_curated(&mut self, dir: &Path) -> Result<(), String> {
        let mut builder = TaxonomyBuilder::new();
        for name in ["skills.toml", "ambiguous.toml"] {
            let path = dir.join(name);
            if path.exists() {
                builder.add_file(&path).map_err(|e| e.to_string())?;
            }
        }
        let curated = builder.build().map_err(|e| e.to_string())?;
        for skill in curated.to_spec().skills {
            for label in labels_of(&skill) {
                self.labels
                    .entry(normalize_label(&label))
                    .or_insert_with(|| skill.id.clone());
            }
            let keys: Vec<String> = labels_of(&skill)
                .iter()
                .map(|l| normalize_label(l))
                .filter(|k| k.chars().count() >= 3)
                .collect();
            self.curated_labels.insert(skill.id.clone(), keys);
            self.origin.insert(skill.id.clone(), Origin::Curated);
            self.skills.insert(skill.id.clone(), skill);
        }
        Ok(())
    }

    /// Step 2: the ESCO digital skills collection, with its hierarchy and relations.
    fn add_esco_digital(&mut self, dir: &Path) -> Result<(), String> {
        let path = dir.join("digitalSkillsCollection_en.csv");
        let rows = read_rows(&path)?;
        let spec =
            esco_csv(open(&path)?, &path.display().to_string()).map_err(|e| e.to_string())?;
        let by_uri: BTreeMap<&str, &BTreeMap<String, String>> = rows
            .iter()
            .map(|r| (r.get("conceptUri").map_or("", String::as_str), r))
            .collect();
        for mut skill in spec.skills {
            let uri = skill
                .crosswalk
                .as_ref()
                .and_then(|c| c.esco_uri.clone())
                .unwrap_or_default();
            let row = by_uri.get(uri.as_str());
            let full_label = row
                .and_then(|r| r.get("preferredLabel"))
                .cloned()
                .unwrap_or_default();
            if let Some(crosswalk) = skill.crosswalk.as_mut() {
                crosswalk.esco_uri = crosswalk.esco_uri.as_deref().map(compact_esco_uri);
            }
            let broader_labels = row
                .and_then(|r| r.get("broaderConceptPT"))
                .map_or("", String::as_str);
            skill.category = Some(esco_category(
                skill.name.as_deref().unwrap_or(""),
                broader_labels,
                skill.kind,
            ));
            skill.description = skill.description.as_deref().and_then(short_description);
            let keys = esco_match_keys(&skill, &full_label);
            if let Some(id) = self.place(skill, &keys, false) {
                self.esco.insert(uri, id.clone());
                self.esco_label.entry(id).or_insert(full_label);
            }
        }
        self.add_esco_links(dir, &rows)
    }

    /// ESCO's broader concepts and skill-skill relations, for imported skills only (the
    /// curated hierarchy is never changed), skipping edges that would close a cycle.
    fn add_esco_links(
        &mut self,
        dir: &Path,
        rows: &[BTreeMap<String, String>],
    ) -> Result<(), String> {
        let mut broader: Vec<(SkillId, SkillId)> = Vec::new();
        for row in rows {
            let (Some(uri), Some(parents)) = (row.get("conceptUri"), row.get("broaderConceptUri"))
            else {
                continue;
            };
            let Some(child) = self.esco.get(uri) else {
                continue;
            };
            for parent in parents.split(" | ").filter_map(|p| self.esco.get(p.trim())) {
                broader.push((child.clone(), parent.clone()));
            }
        }
        for (child, parent) in broader {
            if child != parent
                && self.origin[&child] == Origin::Imported
                && !self.reaches(&parent, &child)
            {
                let skill = self.skills.get_mut(&child).expect("placed skills exist");
                if !skill.broader.contains(&parent) {
                    skill.broader.push(parent);
                }
            }
        }
        let relations = read_rows(&dir.join("skillSkillRelations_en.csv"))?;
        for row in relations {
            let (Some(from), Some(to)) = (row.get("originalSkillUri"), row.get("relatedSkillUri"))
            else {
                continue;
            };
            let (Some(from), Some(to)) = (self.esco.get(from).cloned(), self.esco.get(to).cloned())
            else {
                continue;
            };
            if from == to || self.origin[&from] != Origin::Imported {
                continue;
            }
            let skill = self.skills.get_mut(&from).expect("placed skills exist");
            if skill.related.len() < 5 && !skill.related.contains(&to) {
                skill.related.push(to);
            }
        }
        Ok(())
    }

    /// Returns true if and only if `to` is reachable from `from` through broader/implies.
    fn reaches(&self, from: &SkillId, to: &SkillId) -> bool {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(id) = todo.pop() {
            if &id == to {
                return true;
            }
            if let Some(skill) = self.skills.get(&id) {
                for next in skill.broader.iter().chain(&skill.implies) {
                    if seen.insert(next.clone()) {
                        todo.push(next.clone());
                    }
                }
            }
        }
        false
    }

    /// Step 3: O*NET technologies, selected (see [`onet_selected`]).
    fn add_onet(&mut self, path: &Path) -> Result<(), String> {
        let spec = onet_technology_skills(open(path)?, &path.display().to_string())
            .map_err(|e| e.to_string())?;
        // Tools by name, for product forms that are plain words ("Google Angular" → Angular).
        let tools: BTreeMap<String, SkillId> = self
            .skills
            .values()
            .filter(|s| s.kind == Some(SkillKind::Tool))
            .filter_map(|s| Some((normalize_label(s.name.as_deref()?), s.id.clone())))
            .collect();
        for skill in spec.skills.into_iter().filter(onet_selected) {
            let name = skill.name.clone().unwrap_or_default();
            let mut keys = vec![name.clone()];
            keys.extend(skill.aliases.iter().map(|a| a.text.clone()));
            let (forms, words): (Vec<String>, Vec<String>) = product_forms(&name)
                .into_iter()
                .partition(|f| !is_plain_word(f));
            keys.extend(forms);
            let by_keys = keys
                .iter()
                .any(|k| self.labels.contains_key(&normalize_label(k)));
            let tool = words
                .iter()
                .find_map(|w| tools.get(&normalize_label(w)))
                .cloned();
            match tool {
                Some(id) if !by_keys => self.merge_into(&id, skill),
                _ => {
                    let generic = is_generic_class(&name);
                    self.place(skill, &keys, generic);
                }
            }
        }
        Ok(())
    }

    /// Step 4: the full ESCO skill labels add aliases to skills whose name (or ESCO label)
    /// is an ESCO preferred label; at most 8 per skill, filtered like every imported alias.
    fn add_esco_labels(&mut self, path: &Path) -> Result<(), String> {
        let spec = esco_csv(open(path)?, &path.display().to_string()).map_err(|e| e.to_string())?;
        let mut by_label: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for skill in spec.skills {
            let alts: Vec<String> = skill
                .aliases
                .iter()
                .filter(|a| a.policy.priority >= 0)
                .map(|a| a.text.clone())
                .collect();
            for label in [skill.name.clone().unwrap_or_default()]
                .into_iter()
                .chain(skill.aliases.first().map(|a| a.text.clone()))
            {
                by_label
                    .entry(normalize_label(&label))
                    .or_insert_with(|| alts.clone());
            }
        }
        let ids: Vec<SkillId> = self.skills.keys().cloned().collect();
        for id in ids {
            let skill = &self.skills[&id];
            let mut candidates = vec![skill.name.clone().unwrap_or_default()];
            candidates.extend(self.esco_label.get(&id).cloned());
            let Some(alts) = candidates
                .iter()
                .find_map(|c| by_label.get(&normalize_label(c)))
            else {
                continue;
            };
            let alts = alts.clone();
            let mut added = 0;
            for alt in alts {
                if added == 8 {
                    break;
                }
                if self.add_alias(&id, &alt) {
                    added += 1;
                }
            }
        }
        Ok(())
    }

    /// Merges an imported skill into the skill one of its `keys` names (or its id names),
    /// or adds it as a new skill unless `drop_if_new`. Returns where it went.
    fn place(&mut self, skill: SkillSpec, keys: &[String], drop_if_new: bool) -> Option<SkillId> {
        let target = keys
            .iter()
            .find_map(|k| self.labels.get(&normalize_label(k)))
            .cloned()
            .or_else(|| {
                self.skills
                    .contains_key(&skill.id)
                    .then(|| skill.id.clone())
            });
        match target {
            Some(id) => {
                self.merge_into(&id, skill);
                Some(id)
            }
            None if drop_if_new => None,
            None => self.add_new(skill),
        }
    }

    /// Folds an imported skill into an existing one: crosswalk ids fill gaps (flags are
    /// or-ed), the imported name and aliases are added when they pass the alias rules.
    fn merge_into(&mut self, id: &SkillId, imported: SkillSpec) {
        let target = self.skills.get_mut(id).expect("targets exist");
        if let Some(from) = imported.crosswalk {
            let to = target.crosswalk.get_or_insert_with(Crosswalk::default);
            to.esco_uri = to.esco_uri.take().or(from.esco_uri);
            to.onet_commodity = to.onet_commodity.take().or(from.onet_commodity);
            to.onet_example = to.onet_example.take().or(from.onet_example);
            to.onet_hot |= from.onet_hot;
            to.onet_in_demand |= from.onet_in_demand;
        }
        for text in imported.name.into_iter().chain(
            imported
                .aliases
                .into_iter()
                .filter(|a| a.policy.priority >= 0)
                .map(|a| a.text),
        ) {
            self.add_alias(id, &text);
        }
    }

    /// Adds an imported skill as new: its name must be unclaimed (else its qualified ESCO
    /// label is tried, else it is dropped); a plain single-word name needs skill context.
    fn add_new(&mut self, mut skill: SkillSpec) -> Option<SkillId> {
        let mut name = skill.name.clone().unwrap_or_default();
        if self.labels.contains_key(&normalize_label(&name))
            || normalize_label(&name).chars().count() < 2
        {
            let qualified = skill
                .aliases
                .first()
                .map(|a| a.text.clone())
                .filter(|q| q.contains(" ("))?;
            if self.labels.contains_key(&normalize_label(&qualified)) {
                return None;
            }
            name = qualified;
        }
        let id = skill.id.clone();
        let aliases = std::mem::take(&mut skill.aliases);
        skill.name = Some(name.clone());
        if is_plain_word(&name) {
            let mut policy = AliasSpec::plain(name.clone());
            policy.policy.case_sensitive = name.chars().any(char::is_uppercase);
            policy.policy.requires_context = ContextRequirement::SkillContext;
            policy.policy.note =
                Some("Imported single-word name: matched only in a skills context.".to_owned());
            skill.aliases.push(policy);
        }
        self.labels.insert(normalize_label(&name), id.clone());
        self.origin.insert(id.clone(), Origin::Imported);
        self.skills.insert(id.clone(), skill);
        for alias in aliases.into_iter().filter(|a| a.policy.priority >= 0) {
            self.add_alias(&id, &alias.text);
        }
        Some(id)
    }

    /// Adds an imported alias to a skill if it passes [`imported_alias`] and no skill has
    /// claimed its label; a curated skill takes only imported labels that contain one of
    /// its curated labels ("Client-side JavaScript" for JavaScript, not "use of data" for
    /// statistics). Returns true if and only if it was added.
    fn add_alias(&mut self, id: &SkillId, text: &str) -> bool {
        let Some(alias) = imported_alias(text) else {
            return false;
        };
        let key = normalize_label(&alias.text);
        if self.labels.contains_key(&key) {
            return false;
        }
        if let Some(curated) = self.curated_labels.get(id) {
            if !curated.iter().any(|c| key.contains(c.as_str())) {
                return false;
            }
        }
        self.labels.insert(key, id.clone());
        self.skills
            .get_mut(id)
            .expect("targets exist")
            .aliases
            .push(alias);
        true
    }
}

/// A skill's name and alias texts.
fn labels_of(skill: &SkillSpec) -> Vec<String> {
    skill
        .name
        .iter()
        .cloned()
        .chain(skill.aliases.iter().map(|a| a.text.clone()))
        .collect()
}

/// The keys an ESCO skill may merge by: its name (qualifier stripped, unless that leaves 3
/// characters or fewer: "ML (computer programming)" is not machine learning), its full
/// preferred label, and a multi-word name without " software" ("data visualisation
/// software" is data visualisation). Alternative labels never merge skills.
fn esco_match_keys(skill: &SkillSpec, full_label: &str) -> Vec<String> {
    let name = skill.name.clone().unwrap_or_default();
    let mut keys = Vec::new();
    if name == full_label || normalize_label(&name).chars().count() > 3 {
        keys.push(name.clone());
    }
    keys.push(full_label.to_owned());
    if let Some(base) = name.strip_suffix(" software").filter(|b| b.contains(' ')) {
        keys.push(base.to_owned());
    }
    keys
}

/// The alias rules for imported labels (curated aliases are never filtered):
/// 1. 3 to 60 characters, at most 6 words, with a letter;
/// 2. a single plain word (letters only, at most an initial capital: "Python", "scratch")
///    is dropped: common words are false-positive magnets, and the curated file decides
///    which plain words are skills;
/// 3. an all-capitals acronym of up to 4 characters is case-sensitive ("SAS", not "sas");
///    any other label under 5 characters is dropped ("SaaS" is not service modelling).
fn imported_alias(text: &str) -> Option<AliasSpec> {
    let text = text.trim();
    let key = normalize_label(text);
    let chars = key.chars().count();
    if !(3..=60).contains(&chars)
        || key.split(' ').count() > 6
        || !key.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let acronym = chars <= 4
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if is_plain_word(text) || (chars < 5 && !acronym) {
        return None;
    }
    let mut alias = AliasSpec::plain(text);
    alias.policy.case_sensitive = acronym;
    Some(alias)
}

/// Returns true if and only if `text` is one word of letters with at most an initial capital.
fn is_plain_word(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphabetic() && c.is_lowercase())
}

/// O*NET examples kept: every Hot Technology or In Demand example, and every example of a
/// technology class (development, database, web, devops, cloud, security, BI, data), except
/// the large "database user interface and query software" class (43232306: mostly niche
/// vertical applications) unless hot or in demand.
fn onet_selected(skill: &SkillSpec) -> bool {
    let Some(cw) = &skill.crosswalk else {
        return false;
    };
    if cw.onet_hot || cw.onet_in_demand {
        return true;
    }
    let technology = matches!(
        skill.category,
        Some(
            Category::ProgrammingLanguages
                | Category::SoftwareEngineering
                | Category::Databases
                | Category::BusinessIntelligence
                | Category::MlFrameworks
                | Category::DataEngineering
                | Category::Web
                | Category::Devops
                | Category::CloudPlatforms
                | Category::Security
        )
    );
    technology && cw.onet_commodity.as_deref() != Some("43232306")
}

/// Returns true if and only if an O*NET example names a class of software rather than a
/// product ("Cluster server software", "Code profilers"): several words, all but the first
/// in lower case or acronyms. Such examples are kept only when they merge into a skill.
fn is_generic_class(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words[1..]
            .iter()
            .all(|w| w.chars().all(|c| !c.is_uppercase()) || w.chars().all(|c| !c.is_lowercase()))
        && words[0].chars().skip(1).all(|c| !c.is_uppercase())
}

/// Other forms of an O*NET product name, used only to find the skill it is: without the
/// vendor ("Microsoft Power BI" → "Power BI") and without an edition word ("Splunk
/// Enterprise" → "Splunk", "Microsoft Hyper-V Server" → "Hyper-V"). A form that is a plain
/// word only finds a tool of that exact name ("Google Angular" → Angular), never an alias
/// ("Oracle Database" is not "database").
fn product_forms(name: &str) -> Vec<String> {
    const VENDORS: [&str; 24] = [
        "Microsoft ",
        "Oracle ",
        "IBM ",
        "Apache ",
        "Amazon ",
        "Google ",
        "Adobe ",
        "Atlassian ",
        "SAP ",
        "Autodesk ",
        "Intuit ",
        "Salesforce ",
        "Cisco ",
        "Red Hat ",
        "VMware ",
        "Apple ",
        "Facebook ",
        "Meta ",
        "JetBrains ",
        "HashiCorp ",
        "The MathWorks ",
        "NVIDIA ",
        "Intel ",
        "Elastic ",
    ];
    const EDITIONS: [&str; 10] = [
        " Server",
        " Enterprise",
        " Professional",
        " Pro",
        " Suite",
        " Platform",
        " Desktop",
        " Online",
        " Cloud",
        " Studio",
    ];
    let mut forms: Vec<String> = Vec::new();
    let rest = VENDORS
        .iter()
        .find_map(|v| name.strip_prefix(v))
        .map(str::trim);
    forms.extend(rest.map(str::to_owned));
    for form in [Some(name), rest].into_iter().flatten() {
        forms.extend(
            EDITIONS
                .iter()
                .filter_map(|e| form.strip_suffix(e))
                .map(|f| f.trim().to_owned()),
        );
    }
    forms.retain(|f| f.chars().count() >= 3 && f != name);
    forms
}

/// The category of an ESCO digital skill, from its label and its broader concepts' labels.
fn esco_category(label: &str, broader: &str, kind: Option<SkillKind>) -> Category {
    let label = label.to_lowercase();
    let broader = broader.to_lowercase();
    let has = |text: &str, words: &[&str]| words.iter().any(|w| text.contains(w));
    if kind == Some(SkillKind::Soft) || has(&broader, &["think critically", "instruct others"]) {
        return Category::SoftSkills;
    }
    let rules: [(&[&str], Category); 14] = [
        (
            &[
                "machine learning",
                "artificial intelligence",
                "neural network",
                "deep learning",
            ],
            Category::MlFundamentals,
        ),
        (
            &["natural language", "speech recognition"],
            Category::LlmNlp,
        ),
        (
            &["computer vision", "image recognition"],
            Category::ComputerVision,
        ),
        (&["statistic", "probabilit"], Category::Statistics),
        (&["cloud"], Category::CloudPlatforms),
        (
            &["security", "penetration", "cyber", "malware", "encrypt"],
            Category::Security,
        ),
        (&["query language", "database"], Category::Databases),
        (
            &[
                "extraction, transformation and loading",
                "data warehouse",
                "big data",
                "data pipeline",
            ],
            Category::DataEngineering,
        ),
        (
            &[
                "web programming",
                "web design",
                "website",
                "web development",
            ],
            Category::Web,
        ),
        (
            &["mobile operating", "mobile device", "mobile app"],
            Category::Mobile,
        ),
        (
            &["computer programming", "programming computer systems"],
            Category::ProgrammingLanguages,
        ),
        (
            &[
                "configuration management",
                "setting up computer systems",
                "network",
                "operating system",
                "resolving computer problems",
            ],
            Category::Devops,
        ),
        (
            &[
                "software and applications development",
                "designing ict systems",
                "ict project management",
                "integrated development environment",
                "software design",
            ],
            Category::SoftwareEngineering,
        ),
        (
            &[
                "business intelligence",
                "data analytics",
                "visualis",
                "accessing and analysing digital data",
            ],
            Category::BusinessIntelligence,
        ),
    ];
    for (words, category) in rules {
        if has(&label, words) || has(&broader, words) {
            // Only a body of knowledge under "programming" is a language ("Haskell");
            // the competences there ("debug software") are engineering practice.
            if category == Category::ProgrammingLanguages && kind != Some(SkillKind::Knowledge) {
                return Category::SoftwareEngineering;
            }
            return category;
        }
    }
    if has(
        &broader,
        &[
            "computer use",
            "collaboration and productivity",
            "working with computers",
            "entering and transforming information",
            "manage digital documents",
            "word processing",
            "spreadsheet",
        ],
    ) {
        return Category::OfficeTools;
    }
    if has(
        &broader,
        &[
            "marketing",
            "business operations",
            "financial, business",
            "management and administration",
        ],
    ) {
        return Category::Business;
    }
    Category::Other
}

/// "http://…/esco/skill/…" → "esco:skill/…": shorter, and no web addresses in the data.
fn compact_esco_uri(uri: &str) -> String {
    match uri.find("/esco/") {
        Some(i) => format!("esco:{}", &uri[i + "/esco/".len()..]),
        None => uri.to_owned(),
    }
}

/// The first sentence of an ESCO description, at most 160 characters (or none).
fn short_description(text: &str) -> Option<String> {
    let first = text
        .split(". ")
        .next()
        .unwrap_or(text)
        .trim()
        .trim_end_matches('.');
    (!first.is_empty() && first.chars().count() <= 160).then(|| format!("{first}."))
}

fn open(path: &Path) -> Result<File, String> {
    File::open(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The rows of a CSV file as column name → value.
fn read_rows(path: &Path) -> Result<Vec<BTreeMap<String, String>>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(open(path)?);
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_rules() {
        assert!(
            imported_alias("Python").is_none(),
            "plain single words are dropped"
        );
        assert!(imported_alias("programming").is_none());
        assert!(imported_alias("ab").is_none(), "too short");
        assert!(imported_alias("2019").is_none(), "no letter");
        assert!(
            imported_alias("one two three four five six seven").is_none(),
            "too many words"
        );
        assert!(
            imported_alias("ECMAScript").is_some(),
            "distinctive single words stay"
        );
        assert!(imported_alias("Python programming").is_some());
        assert!(imported_alias("SAS").unwrap().policy.case_sensitive);
        assert!(
            imported_alias("SaaS").is_none(),
            "short mixed-case labels are dropped"
        );
        assert!(!imported_alias("Node.js").unwrap().policy.case_sensitive);
    }

    #[test]
    fn onet_naming() {
        assert!(is_generic_class("Cluster server software"));
        assert!(is_generic_class("Code profilers"));
        assert!(!is_generic_class("Microsoft Excel"));
        assert!(!is_generic_class("Eclipse Jersey"));
        assert!(!is_generic_class("Oberon"));
        assert_eq!(product_forms("Microsoft Power BI"), ["Power BI"]);
        assert_eq!(
            product_forms("Microsoft Hyper-V Server"),
            ["Hyper-V Server", "Microsoft Hyper-V", "Hyper-V"]
        );
        assert_eq!(product_forms("Splunk Enterprise"), ["Splunk"]);
        assert!(product_forms("Python").is_empty());
        assert_eq!(
            compact_esco_uri("http://example.com/esco/skill/abc"),
            "esco:skill/abc"
        );
        assert_eq!(
            short_description("First one. Second one.").as_deref(),
            Some("First one.")
        );
    }

    #[test]
    fn esco_categories() {
        assert_eq!(
            esco_category(
                "Haskell",
                "computer programming",
                Some(SkillKind::Knowledge)
            ),
            Category::ProgrammingLanguages
        );
        assert_eq!(
            esco_category(
                "MySQL",
                "database management systems",
                Some(SkillKind::Knowledge)
            ),
            Category::Databases
        );
        assert_eq!(
            esco_category("think critically", "", Some(SkillKind::Soft)),
            Category::SoftSkills
        );
        assert_eq!(
            esco_category(
                "use spreadsheets software",
                "computer use",
                Some(SkillKind::Hard)
            ),
            Category::OfficeTools
        );
    }
}
