//! Job description → role profile: headings decide importance, "3+ years" decides `min_months`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use rolefit_extract::{Extractor, Span};
use rolefit_match::{Category, Matcher, SkillId, SkillMatch, Taxonomy};
use serde::Serialize;

use crate::profile::{
    Importance, ProfileCategory, ProfileError, Requirement, RoleProfile, SkillRule,
};
use crate::roadmap::Stage;

/// Heading phrases that make the skills below them required.
const REQUIRED_CUES: &[&str] = &[
    "requirements",
    "required",
    "must have",
    "must-have",
    "must haves",
    "what you bring",
    "what you'll bring",
    "what you will bring",
    "qualifications",
    "what we're looking for",
    "what we are looking for",
    "who you are",
    "about you",
    "you have",
    "essential",
];

/// Heading phrases that make the skills below them preferred.
const PREFERRED_CUES: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "nice to haves",
    "preferred",
    "bonus",
    "desirable",
    "good to have",
    "a plus",
    "pluses",
    "extra credit",
];

/// Heading phrases that end a requirements section (skills below them are context: bonus).
const NEUTRAL_CUES: &[&str] = &[
    "responsibilities",
    "what you will do",
    "what you'll do",
    "the role",
    "about us",
    "about the role",
    "what we offer",
    "we offer",
    "benefits",
    "perks",
    "how to apply",
];

/// One requirement derived from a posting, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Derivation {
    /// The requirement's label.
    pub label: String,
    /// Its skills.
    pub skills: Vec<SkillId>,
    /// The importance derived from the section heading (or an inline cue).
    pub importance: Importance,
    /// The heading it was under, when there was one.
    pub heading: Option<String>,
    /// Months from a phrase such as "3+ years".
    pub min_months: Option<u32>,
    /// One-based line of the posting it came from.
    pub line: usize,
    /// That line, trimmed.
    pub text: String,
}

/// A profile derived from a job posting, with the derivation of each requirement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DerivedProfile {
    /// The profile, validated by construction (every skill comes from the taxonomy).
    pub profile: RoleProfile,
    /// How each requirement was derived, in profile order.
    pub derivations: Vec<Derivation>,
    /// Things the reader should know ("no requirements heading: every skill is required").
    pub notes: Vec<String>,
}

fn years_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})\s*(?:\+|or more|plus)?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b")
            .expect("valid pattern")
    })
}

/// How a line sets importance: as a heading (for the lines below it) or not at all.
fn heading_cue(line: &str) -> Option<Option<Importance>> {
    let trimmed = line.trim().trim_end_matches(':').trim();
    let lower = trimmed.to_lowercase();
    let starts_bullet = trimmed.starts_with(['•', '-', '*', '–', '·', '▪']);
    if starts_bullet || lower.is_empty() || lower.chars().count() > 60 || lower.ends_with('.') {
        return None;
    }
    let has = |cues: &[&str]| cues.iter().any(|c| lower.contains(c));
    // Preferred first: "preferred qualifications" is a preferred heading.
    if has(PREFERRED_CUES) {
        Some(Some(Importance::Preferred))
    } else if has(REQUIRED_CUES) {
        Some(Some(Importance::Required))
    } else if has(NEUTRAL_CUES) {
        Some(None)
    } else {
        None
    }
}

/// The roadmap stage where skills of a category are usually learned.
pub fn stage_for(category: Category) -> Stage {
    let n = match category {
        Category::ProgrammingLanguages
        | Category::MlFundamentals
        | Category::Statistics
        | Category::Databases => 1,
        Category::MlFrameworks | Category::DeepLearning => 2,
        Category::LlmNlp | Category::ComputerVision | Category::RecommenderSystems => 4,
        _ => 3,
    };
    Stage::new(n).expect("1 to 4 are stages")
}

fn category_key(category: Category) -> String {
    serde_json::to_value(category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "other".to_owned())
}

fn category_title(key: &str) -> String {
    let mut title = key.replace('_', " ");
    if let Some(first) = title.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    title.replace("Ml ", "ML ").replace("Llm ", "LLM ")
}

/// A group of mentions on one line that form one requirement ("PyTorch or TensorFlow").
struct Group {
    skills: Vec<SkillId>,
    start: usize,
}

/// Splits a line's mentions into groups: mentions joined only by "or" / "/" form an any-of.
fn group_line(text: &str, mentions: &[&SkillMatch]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for m in mentions {
        let joined = prev_end.is_some_and(|end| {
            let between = text
                .get(end..m.span.start)
                .unwrap_or("")
                .trim()
                .to_lowercase();
            matches!(
                between.as_str(),
                "or" | "/" | ", or" | "or other" | "or similar"
            )
        });
        match groups.last_mut() {
            Some(g) if joined => {
                if !g.skills.contains(&m.skill) {
                    g.skills.push(m.skill.clone());
                }
            }
            _ => groups.push(Group {
                skills: vec![m.skill.clone()],
                start: m.span.start,
            }),
        }
        prev_end = Some(m.span.end);
    }
    groups
}

impl RoleProfile {
    /// Derives a profile from a job posting: extracts it as text, matches skills with
    /// `matcher` (built from `taxonomy`), and turns them into requirements.
    ///
    /// Skills under a "requirements / must have / what you bring / qualifications" heading
    /// are required; under "nice to have / preferred / bonus", preferred; elsewhere (the role,
    /// responsibilities), bonus. When there is no such heading at all, every skill is required.
    /// "3+ years of Python" gives `min_months = 36` to the first skills after the phrase.
    /// Skills joined by "or" on one line form one `any_of` requirement. A skill named twice
    /// keeps its strongest importance and its largest `min_months`. Categories follow the
    /// taxonomy's categories, weighted by the weights of their requirements.
    ///
    /// Fails only when the posting names no skill the taxonomy knows.
    pub fn from_job_description(
        text: &str,
        taxonomy: &Taxonomy,
        matcher: &Matcher,
    ) -> Result<DerivedProfile, ProfileError> {
        let doc = Extractor::new().extract_str(text);
        let matches = matcher.find(&doc);
        let body = doc.text();
        let title = body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("Job posting")
            .to_owned();

        // Line starts, and the importance in force on each line.
        let mut line_starts = vec![0];
        line_starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        let mut importance_by_line: Vec<Option<Importance>> = Vec::with_capacity(line_starts.len());
        let mut heading_by_line: Vec<Option<String>> = Vec::with_capacity(line_starts.len());
        let (mut current, mut heading, mut any_heading) = (None, None, false);
        for line in body.lines() {
            if let Some(cue) = heading_cue(line) {
                current = cue;
                heading = Some(line.trim().trim_end_matches(':').to_owned());
                any_heading |= cue.is_some();
            }
            importance_by_line.push(current);
            heading_by_line.push(heading.clone());
        }
        let mut notes = Vec::new();
        if !any_heading {
            notes.push(
                "no requirements or nice-to-have heading found: every skill is taken as required"
                    .to_owned(),
            );
        }

        let written: Vec<&SkillMatch> = matches.mentions.iter().collect();
        let mut per_line: BTreeMap<usize, Vec<&SkillMatch>> = BTreeMap::new();
        for m in written {
            let line = line_starts.partition_point(|&s| s <= m.span.start) - 1;
            per_line.entry(line).or_default().push(m);
        }

        // Requirements keyed by their skill list; a skill already placed is not placed again.
        let mut derived: Vec<Derivation> = Vec::new();
        for (line, mentions) in per_line {
            let line_span = Span::new(
                line_starts[line],
                line_starts
                    .get(line + 1)
                    .map_or(body.len(), |&e| e.saturating_sub(1)),
            );
            let line_text = doc.slice(line_span);
            if heading_cue(line_text).is_some() && !line_text.contains(':') {
                continue; // a heading that happens to name a skill ("Python requirements")
            }
            let importance = if any_heading {
                importance_by_line[line].unwrap_or(Importance::Bonus)
            } else {
                Importance::Required
            };
            let years: Vec<(usize, u32)> = years_pattern()
                .captures_iter(line_text)
                .filter_map(|c| {
                    Some((
                        line_span.start + c.get(0)?.end(),
                        c[1].parse::<u32>().ok()? * 12,
                    ))
                })
                .collect();
            let groups = group_line(body, &mentions);
            for (g_index, group) in groups.iter().enumerate() {
                // "3+ years of X": the first group after the phrase gets the months.
                let min_months = years
                    .iter()
                    .rev()
                    .find(|&&(end, _)| end <= group.start)
                    .and_then(|&(end, months)| {
                        let first_after = groups.iter().position(|g| g.start >= end);
                        (first_after == Some(g_index)).then_some(months)
                    });
                merge(
                    &mut derived,
                    group,
                    importance,
                    min_months,
                    line,
                    line_text,
                    &heading_by_line[line],
                    taxonomy,
                );
            }
        }
        if derived.is_empty() {
            return Err(ProfileError {
                file: "<job description>".to_owned(),
                line: None,
                column: None,
                field: None,
                message: "the posting names no skill the taxonomy knows".to_owned(),
            });
        }
        derived.sort_by_key(|d| (d.importance, d.line));

        let mut categories: Vec<ProfileCategory> = Vec::new();
        let mut requirements = Vec::new();
        for d in &mut derived {
            if requirements
                .iter()
                .any(|r: &Requirement| r.label == d.label)
            {
                d.label = format!("{} ({})", d.label, d.skills[0]);
            }
            let first = taxonomy.get(&d.skills[0]);
            let key = category_key(first.map_or(Category::Other, |s| s.category));
            match categories.iter_mut().find(|c| c.id == key) {
                Some(c) => c.weight += d.importance.default_weight(),
                None => categories.push(ProfileCategory {
                    title: category_title(&key),
                    id: key.clone(),
                    weight: d.importance.default_weight(),
                }),
            }
            let rule = if d.skills.len() == 1 {
                SkillRule::Skill {
                    skill: d.skills[0].clone(),
                }
            } else {
                SkillRule::AnyOf {
                    of: d.skills.clone(),
                }
            };
            requirements.push(Requirement {
                label: d.label.clone(),
                category: key,
                rule,
                importance: d.importance,
                weight: d.importance.default_weight(),
                min_months: d.min_months,
                recent_months: None,
                stage: Some(stage_for(first.map_or(Category::Other, |s| s.category))),
                source: Some(format!("job description line {}: {}", d.line, d.text)),
            });
        }
        let profile = RoleProfile {
            id: rolefit_match::slugify(&title).to_string(),
            title,
            description: "Derived from a job description.".to_owned(),
            sources: vec!["job description".to_owned()],
            categories,
            requirements,
        };
        Ok(DerivedProfile {
            profile,
            derivations: derived,
            notes,
        })
    }
}

/// Adds a group as a requirement, or strengthens the requirement that already has its skills.
#[allow(clippy::too_many_arguments)]
fn merge(
    derived: &mut Vec<Derivation>,
    group: &Group,
    importance: Importance,
    min_months: Option<u32>,
    line: usize,
    text: &str,
    heading: &Option<String>,
    taxonomy: &Taxonomy,
) {
    // Skills already placed in a requirement are strengthened there, not placed twice.
    let mut fresh: Vec<SkillId> = Vec::new();
    for skill in &group.skills {
        match derived.iter_mut().find(|d| d.skills.contains(skill)) {
            Some(d) => {
                if importance < d.importance {
                    d.importance = importance;
                    d.heading = heading.clone();
                    d.line = line + 1;
                    d.text = text.trim().to_owned();
                }
                d.min_months = d.min_months.max(min_months);
            }
            None => fresh.push(skill.clone()),
        }
    }
    if fresh.is_empty() {
        return;
    }
    let names: Vec<String> = fresh
        .iter()
        .map(|s| {
            taxonomy
                .get(s)
                .map_or_else(|| s.to_string(), |k| k.name.clone())
        })
        .collect();
    derived.push(Derivation {
        label: names.join(" or "),
        skills: fresh,
        importance,
        heading: heading.clone(),
        min_months,
        line: line + 1,
        text: text.trim().to_owned(),
    });
}
