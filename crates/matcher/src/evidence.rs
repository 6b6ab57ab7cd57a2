//! Match results: every mention with its evidence, and per-skill aggregates.

use compact_str::CompactString;
use rolefit_extract::{SectionKind, Span, YearMonth};
use serde::{Deserialize, Serialize};

use crate::taxonomy::SkillId;

/// How a mention was matched.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchMethod {
    /// The skill's name, exactly as written in the taxonomy.
    Exact,
    /// The name or an alias, after case folding and normalization.
    CaseFolded,
    /// An alias (synonym, abbreviation, variant spelling).
    Alias,
    /// A typo or variant within `distance` edits of an alias.
    Fuzzy {
        /// Edit distance to the alias.
        distance: u8,
        /// Jaro-Winkler similarity in [0, 1].
        similarity: f32,
    },
}

/// One place in the text where a skill is mentioned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillMatch {
    /// The skill found.
    pub skill: SkillId,
    /// The alias (or name) that matched, as written in the taxonomy (stored inline when
    /// short, so that a mention allocates nothing).
    pub alias: CompactString,
    /// Where in `Document::text` the mention is.
    pub span: Span,
    /// The kind of section the mention is in.
    pub section: SectionKind,
    /// How it matched.
    pub method: MatchMethod,
    /// Confidence in [0, 1] combining method, section and context.
    pub confidence: f32,
}

/// Everything known about one skill in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillEvidence {
    /// The skill.
    pub skill: SkillId,
    /// Written mentions, in text order (empty for a skill that is only implied).
    pub mentions: Vec<SkillMatch>,
    /// Distinct section kinds with a mention, sorted.
    pub sections: Vec<SectionKind>,
    /// Indices into `Document::positions` of the dated positions that mention the skill
    /// (for an implied skill: those that mention the skills implying it).
    pub positions: Vec<usize>,
    /// Months of experience: the merged length of those positions (overlaps counted once).
    pub months: u32,
    /// The latest month of those positions.
    pub last_used: Option<YearMonth>,
    /// Skills with written mentions that imply this one (empty when it is written itself).
    pub implied_by: Vec<SkillId>,
}

impl SkillEvidence {
    /// Returns true if and only if the skill is only implied, never written.
    pub fn is_implied(&self) -> bool {
        self.mentions.is_empty()
    }

    /// The highest mention confidence (0 for an implied skill).
    pub fn best_confidence(&self) -> f32 {
        self.mentions
            .iter()
            .map(|m| m.confidence)
            .fold(0.0, f32::max)
    }
}

/// A rejected or too-weak candidate, for "why was this skill not found?".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearMiss {
    /// The skill the candidate would have matched.
    pub skill: SkillId,
    /// Where the candidate is.
    pub span: Span,
    /// The alias it resembled.
    pub alias: String,
    /// Why it was not accepted ("rejected by context rule \"excel at\"").
    pub reason: String,
}

/// The result of matching one document: mentions and per-skill evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchSet {
    /// Every accepted mention, in text order.
    pub mentions: Vec<SkillMatch>,
    /// One entry per skill found, written skills first (by id), then implied ones (by id).
    pub skills: Vec<SkillEvidence>,
}

impl MatchSet {
    /// The evidence for `skill`, written or implied.
    pub fn get(&self, skill: &SkillId) -> Option<&SkillEvidence> {
        self.skills.iter().find(|e| &e.skill == skill)
    }

    /// Skills with at least one written mention.
    pub fn written(&self) -> impl Iterator<Item = &SkillEvidence> {
        self.skills.iter().filter(|e| !e.is_implied())
    }
}
