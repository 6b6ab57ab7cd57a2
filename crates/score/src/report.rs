//! The fit report: score, breakdown, gaps, roadmap, explanation tree and stamp.

use std::fmt::{self, Write as _};

use rolefit_extract::{Diagnostic, Document, SectionKind, Span};
use rolefit_match::SkillId;
use serde::Serialize;

use crate::profile::Importance;
use crate::roadmap::Stage;
use crate::scorer::{Basis, MET_CREDIT};

/// The result of scoring one document: a report, or an explicit refusal with the reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// The document was scored.
    Scored(Box<FitReport>),
    /// The document cannot be scored (no text, no text layer); there is no number.
    NotScored(NotScored),
}

impl Outcome {
    /// The report, when the document was scored.
    pub fn report(&self) -> Option<&FitReport> {
        match self {
            Outcome::Scored(r) => Some(r),
            Outcome::NotScored(_) => None,
        }
    }

    /// The score in points, when the document was scored.
    pub fn score(&self) -> Option<f64> {
        self.report().map(|r| r.score)
    }

    /// The reproducibility stamp, present either way.
    pub fn stamp(&self) -> &Stamp {
        match self {
            Outcome::Scored(r) => &r.stamp,
            Outcome::NotScored(n) => &n.stamp,
        }
    }

    /// The plain-text rendering: the report, or the reason it was not scored.
    pub fn render(&self) -> String {
        match self {
            Outcome::Scored(r) => r.render(),
            Outcome::NotScored(n) => format!("not scored: {}\n", n.reason),
        }
    }
}

/// Why a document was not scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotScored {
    /// The blocking diagnostics, in words.
    pub reason: String,
    /// Every extraction diagnostic.
    pub diagnostics: Vec<Diagnostic>,
    /// What would have scored it.
    pub stamp: Stamp,
}

/// Score bands. Thresholds: strong ≥ 75, good ≥ 55, fair ≥ 35, weak below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Below 35: far from the role.
    Weak,
    /// 35 to below 55: some of the role, real gaps.
    Fair,
    /// 55 to below 75: most of the role.
    Good,
    /// 75 and above: ready for the role.
    Strong,
}

impl Band {
    /// The band of a score given in milli-points.
    pub fn from_score(milli: u32) -> Band {
        match milli {
            75_000.. => Band::Strong,
            55_000.. => Band::Good,
            35_000.. => Band::Fair,
            _ => Band::Weak,
        }
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Weak => "weak",
            Band::Fair => "fair",
            Band::Good => "good",
            Band::Strong => "strong",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a requirement is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Credit of at least 0.6.
    Met,
    /// Some credit, below 0.6.
    Partial,
    /// No credit.
    Missing,
}

impl Status {
    /// The status for a credit in [0, 1].
    pub fn from_credit(credit: f64) -> Status {
        if credit >= MET_CREDIT {
            Status::Met
        } else if credit > 0.0 {
            Status::Partial
        } else {
            Status::Missing
        }
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
}

/// One place in the text that counts as evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvidenceSpan {
    /// The skill the text is evidence of.
    pub skill: SkillId,
    /// The mention's byte range in the document text.
    pub span: Span,
    /// The section it is in.
    pub section: SectionKind,
    /// The surrounding line, trimmed.
    pub snippet: String,
}

/// How much one skill of a requirement earned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkillCredit {
    /// The skill.
    pub skill: SkillId,
    /// Its display name.
    pub name: String,
    /// Credit in [0, 1].
    pub credit: f64,
    /// Where the best evidence comes from.
    pub basis: Basis,
    /// Months of dated experience behind the best evidence.
    pub months: u32,
    /// The written skill it is implied by, when its credit comes from implication.
    pub implied_by: Option<SkillId>,
}

/// The outcome of one requirement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequirementOutcome {
    /// The requirement's label.
    pub label: String,
    /// Its category id.
    pub category: String,
    /// How much it matters.
    pub importance: Importance,
    /// Met, partial or missing.
    pub status: Status,
    /// Credit in [0, 1].
    pub credit: f64,
    /// Its weight inside the category.
    pub weight: u32,
    /// Points it can earn.
    pub max_points: f64,
    /// Points it earned (before the missing-required penalty).
    pub points: f64,
    /// The roadmap stage where it is learned.
    pub stage: Option<Stage>,
    /// Credit per skill named by the requirement.
    pub skills: Vec<SkillCredit>,
    /// The text behind the credit.
    pub evidence: Vec<EvidenceSpan>,
}

/// One category of the breakdown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryScore {
    /// Category id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Its weight among categories.
    pub weight: u32,
    /// Points it can earn.
    pub max_points: f64,
    /// Points earned.
    pub points: f64,
    /// `points / max_points`.
    pub share: f64,
}

/// A requirement not fully met, with what meeting it would add.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    /// The requirement's label.
    pub label: String,
    /// How much it matters.
    pub importance: Importance,
    /// Its current status.
    pub status: Status,
    /// The roadmap stage where it is learned.
    pub stage: Option<Stage>,
    /// Points the score would gain if the requirement were fully met (re-scored, penalty included).
    pub adds: f64,
    /// The same in milli-points.
    pub adds_milli: u32,
    /// "evidence of MLflow would add 6.2 points".
    pub message: String,
}

/// One next step on the roadmap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextStep {
    /// The requirement to work on.
    pub label: String,
    /// The roadmap stage where it is learned.
    pub stage: Option<Stage>,
    /// Its current status.
    pub status: Status,
    /// Points meeting it fully would add.
    pub adds: f64,
}

/// Where the person is on the learning roadmap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoadmapProgress {
    /// The last stage reached (every stage up to it has at least 60% of its points); none
    /// when stage 1 is not reached yet.
    pub reached: Option<Stage>,
    /// Its title.
    pub reached_title: Option<&'static str>,
    /// The stage to work on next; none when all four are reached.
    pub next: Option<Stage>,
    /// Its title.
    pub next_title: Option<&'static str>,
    /// Share of points earned per stage, stages 1 to 4 (1.0 for a stage with no requirements).
    pub stage_shares: Vec<f64>,
    /// Requirements not met, in learning order: by stage, then by points they would add.
    pub next_steps: Vec<NextStep>,
}

/// How far the text can be trusted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseConfidence {
    /// True if and only if an extraction diagnostic lowered confidence in the parse.
    pub low: bool,
    /// The diagnostics that lowered it, in words.
    pub reasons: Vec<String>,
}

impl ParseConfidence {
    /// Confidence from extraction diagnostics.
    pub fn from_diagnostics(diagnostics: &[Diagnostic]) -> ParseConfidence {
        let reasons: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.lowers_confidence())
            .map(|d| d.to_string())
            .collect();
        ParseConfidence {
            low: !reasons.is_empty(),
            reasons,
        }
    }
}

/// How much of the candidate's written skill set the role uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReverseCoverage {
    /// Distinct skills written in the resume.
    pub written: usize,
    /// Of those, skills the role names or that imply one it names.
    pub used: usize,
    /// `used / written` (0 when nothing is written).
    pub share: f64,
    /// Written skills the role does not use, by id.
    pub unused: Vec<SkillId>,
}

/// What produced a report, so it can be reproduced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stamp {
    /// Version of rolefit-score.
    pub crate_version: String,
    /// Version of the taxonomy.
    pub taxonomy_version: String,
    /// Content hash of the taxonomy.
    pub taxonomy_hash: String,
    /// The profile's id.
    pub profile_id: String,
    /// SHA-256 of the profile's canonical TOML.
    pub profile_hash: String,
    /// The as-of month ("2026-06") that "Present" was resolved to.
    pub as_of: String,
}

/// A node of the explanation tree. Leaves carry points; a node's points are the exact sum of
/// its children's, so the root's points are the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// What the node is.
    pub label: String,
    /// Points, as a decimal.
    pub points: f64,
    /// Points in integer milli-points (exact).
    pub milli: i64,
    /// How a leaf's points were computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Child nodes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Explanation>,
}

impl Explanation {
    pub(crate) fn leaf(label: String, milli: i64, detail: String) -> Explanation {
        Explanation {
            label,
            points: milli as f64 / 1000.0,
            milli,
            detail: Some(detail),
            children: Vec::new(),
        }
    }

    pub(crate) fn node(label: String, children: Vec<Explanation>) -> Explanation {
        let milli = children.iter().map(|c| c.milli).sum();
        Explanation {
            label,
            points: milli as f64 / 1000.0,
            milli,
            detail: None,
            children,
        }
    }

    /// The sum of the leaves' milli-points.
    pub fn leaf_sum(&self) -> i64 {
        if self.children.is_empty() {
            self.milli
        } else {
            self.children.iter().map(Explanation::leaf_sum).sum()
        }
    }

    /// Writes the tree indented, one node per line.
    pub fn render_into(&self, out: &mut String, depth: usize) {
        let indent = "  ".repeat(depth);
        let _ = writeln!(out, "{indent}{:>8.3}  {}", self.points, self.label);
        if let Some(detail) = &self.detail {
            let _ = writeln!(out, "{indent}          {detail}");
        }
        for child in &self.children {
            child.render_into(out, depth + 1);
        }
    }
}

/// The full result of scoring one resume against one role profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FitReport {
    /// The document's path, when it came from a file (cleared by [`FitReport::redact`]).
    pub source: Option<String>,
    /// The profile id.
    pub profile: String,
    /// The score, 0 to 100, to three decimals (`score_milli / 1000`).
    pub score: f64,
    /// The score in integer milli-points, 0 to 100,000; the explanation's leaves sum to it.
    pub score_milli: u32,
    /// The band of the score.
    pub band: Band,
    /// Points per category.
    pub categories: Vec<CategoryScore>,
    /// One outcome per requirement, in profile order.
    pub outcomes: Vec<RequirementOutcome>,
    /// Labels of met requirements, most points first.
    pub strengths: Vec<String>,
    /// Requirements not fully met, ranked by the points meeting each would add.
    pub gaps: Vec<Gap>,
    /// The roadmap stage reached and the next steps.
    pub roadmap: RoadmapProgress,
    /// Whether the parse can be trusted.
    pub confidence: ParseConfidence,
    /// How much of the candidate's skill set the role uses.
    pub coverage: ReverseCoverage,
    /// The calculation as a tree.
    pub explanation: Explanation,
    /// What produced the report.
    pub stamp: Stamp,
}

impl FitReport {
    /// The report as pretty JSON with stable snake_case names.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialization cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Blanks contact details for bias-aware output: the source path, and every name, email,
    /// phone and link of `doc` (plus anything shaped like an email, phone number or URL) in
    /// the evidence snippets. Scoring itself never reads them.
    pub fn redact(&mut self, doc: &Document) {
        self.source = None;
        let mut literals: Vec<&str> = Vec::new();
        if let Some((span, _)) = doc.contact.name {
            literals.push(doc.slice(span));
        }
        literals.extend(
            doc.contact
                .emails
                .iter()
                .chain(&doc.contact.phones)
                .map(|&s| doc.slice(s)),
        );
        literals.extend(doc.contact.links.iter().map(|l| doc.slice(l.span)));
        literals.retain(|s| !s.trim().is_empty());
        literals.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for outcome in &mut self.outcomes {
            for ev in &mut outcome.evidence {
                ev.snippet = crate::redact::redact_text(&ev.snippet, &literals);
            }
        }
    }

    /// The plain-text report: score, breakdown tree, strengths, gaps, roadmap, confidence,
    /// coverage and stamp.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} — {:.1} / 100 ({})",
            self.explanation.label, self.score, self.band
        );
        if let Some(source) = &self.source {
            let _ = writeln!(out, "source: {source}");
        }
        if self.confidence.low {
            let _ = writeln!(
                out,
                "LOW PARSE CONFIDENCE: {}",
                self.confidence.reasons.join("; ")
            );
        }
        out.push_str("\ncalculation (points):\n");
        self.explanation.render_into(&mut out, 1);
        out.push_str("\ncategories:\n");
        for c in &self.categories {
            let _ = writeln!(
                out,
                "  {:<36} {:>6.1} / {:>5.1}",
                c.title, c.points, c.max_points
            );
        }
        out.push_str("\nstrengths:\n");
        for s in &self.strengths {
            let _ = writeln!(out, "  + {s}");
        }
        if self.strengths.is_empty() {
            out.push_str("  (none)\n");
        }
        out.push_str("\ngaps (by points they would add):\n");
        for g in &self.gaps {
            let _ = writeln!(
                out,
                "  - {} [{}, {}]: {}",
                g.label,
                g.importance,
                g.status.as_str(),
                g.message
            );
        }
        if self.gaps.is_empty() {
            out.push_str("  (none)\n");
        }
        out.push_str("\nroadmap:\n");
        match self.roadmap.reached {
            Some(s) => {
                let _ = writeln!(out, "  reached {s}");
            }
            None => out.push_str("  stage 1 not reached yet\n"),
        }
        if let Some(next) = self.roadmap.next {
            let _ = writeln!(out, "  next: {next}");
        }
        for (i, step) in self.roadmap.next_steps.iter().enumerate() {
            let stage = step
                .stage
                .map_or("-".to_owned(), |s| s.number().to_string());
            let _ = writeln!(
                out,
                "  {}. {} (stage {stage}, {}, +{:.1})",
                i + 1,
                step.label,
                step.status.as_str(),
                step.adds
            );
        }
        let _ = writeln!(
            out,
            "\ncoverage: the role uses {} of {} written skills ({:.0}%)",
            self.coverage.used,
            self.coverage.written,
            self.coverage.share * 100.0
        );
        let s = &self.stamp;
        let _ = writeln!(
            out,
            "stamp: rolefit-score {}, taxonomy {} ({}), profile {} ({}), as of {}",
            s.crate_version,
            s.taxonomy_version,
            short(&s.taxonomy_hash),
            s.profile_id,
            short(&s.profile_hash),
            s.as_of
        );
        out
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
