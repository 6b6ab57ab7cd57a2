//! The scoring formula: evidence → credit per requirement → integer milli-points → a report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use rolefit_extract::{Document, SectionKind, Span};
use rolefit_match::{MatchMethod, MatchSet, SkillEvidence, SkillId, SkillMatch, Taxonomy};

use crate::profile::{Importance, Requirement, RoleProfile, SkillRule};
use crate::report::{
    Band, CategoryScore, EvidenceSpan, Explanation, FitReport, Gap, NextStep, NotScored, Outcome,
    ParseConfidence, RequirementOutcome, ReverseCoverage, RoadmapProgress, SkillCredit, Stamp,
    Status,
};
use crate::roadmap::{Stage, ROADMAP, STAGE_REACHED_SHARE};

/// The whole score in milli-points: 100.000 points.
pub const TOTAL_MILLI: u32 = 100_000;

/// Credit of a mention inside a dated position of the experience section.
pub const CREDIT_DATED_WORK: f64 = 1.0;
/// Credit of a mention in the experience section outside any dated position.
pub const CREDIT_UNDATED_WORK: f64 = 0.8;
/// Credit of a mention in a projects or publications section.
pub const CREDIT_PROJECT: f64 = 0.7;
/// Credit of a mention in education, certifications, awards, volunteering or another section.
pub const CREDIT_PROSE: f64 = 0.5;
/// Credit of a skill only claimed: listed in a skills section, or named in the summary or
/// header (self-description, not evidence of use).
pub const CREDIT_LISTED: f64 = 0.3;
/// Share of the best implying skill's credit that an implied skill earns.
pub const IMPLIED_SHARE: f64 = 0.5;
/// A fuzzy (typo) mention earns this share of its place's credit, times its confidence.
pub const FUZZY_SHARE: f64 = 0.5;
/// A dated mention older than the requirement's `recent_months` keeps this share of its credit.
pub const STALE_SHARE: f64 = 0.5;
/// With `min_months`, credit is multiplied by `MIN_MONTHS_FLOOR + (1 − MIN_MONTHS_FLOOR) × min(1, months / min_months)`.
pub const MIN_MONTHS_FLOOR: f64 = 0.5;
/// A requirement with at least this credit is met; above zero it is partial.
pub const MET_CREDIT: f64 = 0.6;
/// The subtotal loses this share for the whole required weight missing: the penalty is
/// `subtotal × MISSING_REQUIRED_PENALTY × missing required max points / all required max points`.
pub const MISSING_REQUIRED_PENALTY: f64 = 0.5;

/// Where the best evidence for a skill comes from, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Used in a dated position.
    DatedWork,
    /// Written in the experience section outside a dated position.
    UndatedWork,
    /// Used in a project or publication.
    Project,
    /// Written in education, certifications or another section.
    Prose,
    /// Only claimed: listed in a skills section or named in the summary.
    Listed,
    /// Implied by a more specific skill that is written.
    Implied,
    /// No evidence.
    None,
}

impl Basis {
    fn describe(self) -> &'static str {
        match self {
            Basis::DatedWork => "used in a dated position",
            Basis::UndatedWork => "written in the experience section, undated",
            Basis::Project => "used in a project",
            Basis::Prose => "mentioned in education, certifications or other",
            Basis::Listed => "listed or claimed only",
            Basis::Implied => "implied by a more specific skill",
            Basis::None => "no evidence",
        }
    }
}

/// Scores documents against one role profile. Built once; scoring cannot fail.
#[derive(Clone, Debug)]
pub struct Scorer {
    profile: RoleProfile,
    profile_hash: String,
    taxonomy_version: String,
    taxonomy_hash: String,
    /// Max milli-points of each requirement, in profile order; they sum to [`TOTAL_MILLI`].
    budgets: Vec<u32>,
    /// Max milli-points of each category, in profile order.
    category_budgets: Vec<u32>,
    /// Display names of the role's skills.
    names: BTreeMap<SkillId, String>,
    /// Every taxonomy skill id, sorted: a skill's index here is how `implied_by` names it.
    ids: Vec<SkillId>,
    /// For each role skill, the more specific skills whose `implies`/`broader` closure
    /// reaches it, as sorted indices into `ids`.
    implied_by: BTreeMap<SkillId, Vec<u32>>,
    /// Every taxonomy skill that is a role skill or reaches one through `implies`/`broader`.
    role_related: BTreeSet<SkillId>,
}

/// Splits `total` over `weights` in proportion, by largest remainder, so the parts sum to `total`
/// exactly; ties go to the earlier weight.
pub(crate) fn apportion(total: u32, weights: &[u32]) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<(u64, u64)> = weights
        .iter()
        .map(|&w| {
            (
                u64::from(total) * u64::from(w) / sum,
                u64::from(total) * u64::from(w) % sum,
            )
        })
        .collect();
    let mut parts: Vec<u32> = exact.iter().map(|&(q, _)| q as u32).collect();
    let short = total - parts.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(short as usize) {
        parts[i] += 1;
    }
    parts
}

/// Per-requirement credit and how it was reached.
struct Assessed {
    credit: f64,
    skills: Vec<SkillCredit>,
    evidence: Vec<EvidenceSpan>,
}

/// Milli-points from a credit vector: per requirement, the subtotal, the penalty and the total.
struct Tally {
    points: Vec<u32>,
    subtotal: u32,
    penalty: u32,
    /// Max milli-points of the required requirements, and of those among them with no evidence.
    required_milli: u64,
    missing_milli: u64,
    missing_required: Vec<usize>,
    total: u32,
}

impl Scorer {
    /// Prepares `profile` for scoring with `taxonomy` (names, implications, the point budget).
    pub fn new(profile: &RoleProfile, taxonomy: &Taxonomy) -> Scorer {
        let category_budgets = apportion(
            TOTAL_MILLI,
            &profile
                .categories
                .iter()
                .map(|c| c.weight)
                .collect::<Vec<_>>(),
        );
        let mut budgets = vec![0; profile.requirements.len()];
        for (cat, &budget) in profile.categories.iter().zip(&category_budgets) {
            let members: Vec<usize> = (0..profile.requirements.len())
                .filter(|&i| profile.requirements[i].category == cat.id)
                .collect();
            let parts = apportion(
                budget,
                &members
                    .iter()
                    .map(|&i| profile.requirements[i].weight)
                    .collect::<Vec<_>>(),
            );
            for (i, part) in members.into_iter().zip(parts) {
                budgets[i] = part;
            }
        }
        let role_skills = profile.skills();
        let names = role_skills
            .iter()
            .map(|id| {
                (
                    id.clone(),
                    taxonomy
                        .get(id)
                        .map_or_else(|| id.to_string(), |s| s.name.clone()),
                )
            })
            .collect();
        let mut ids: Vec<SkillId> = taxonomy.skills().iter().map(|s| s.id.clone()).collect();
        ids.sort();
        let mut implied_by: BTreeMap<SkillId, Vec<u32>> = BTreeMap::new();
        let mut role_related: BTreeSet<SkillId> = role_skills.clone();
        for (index, id) in ids.iter().enumerate() {
            for general in taxonomy.implied_closure(id) {
                if role_skills.contains(&general) {
                    // Visited in id order: each list comes out sorted.
                    implied_by.entry(general).or_default().push(index as u32);
                    role_related.insert(id.clone());
                }
            }
        }
        Scorer {
            profile: profile.clone(),
            profile_hash: profile.hash(),
            taxonomy_version: taxonomy.stamp().version.clone(),
            taxonomy_hash: taxonomy.stamp().hash.clone(),
            budgets,
            category_budgets,
            names,
            ids,
            implied_by,
            role_related,
        }
    }

    /// The profile this scorer scores against.
    pub fn profile(&self) -> &RoleProfile {
        &self.profile
    }

    /// Max milli-points of each requirement, in profile order; they sum to [`TOTAL_MILLI`].
    pub fn budgets(&self) -> &[u32] {
        &self.budgets
    }

    fn name(&self, id: &SkillId) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Scores `doc` with its `matches`. A document that is not scorable (no text, no text
    /// layer) gets [`Outcome::NotScored`], never a number. Reads no contact details.
    pub fn score(&self, doc: &Document, matches: &MatchSet) -> Outcome {
        let stamp = self.stamp(doc);
        if !doc.is_scorable() {
            let reasons: Vec<String> = doc
                .diagnostics
                .iter()
                .filter(|d| d.blocks_scoring())
                .map(|d| d.to_string())
                .collect();
            return Outcome::NotScored(NotScored {
                reason: reasons.join("; "),
                diagnostics: doc.diagnostics.clone(),
                stamp,
            });
        }
        let index = EvidenceIndex::new(matches, &self.ids);
        let assessed: Vec<Assessed> = self
            .profile
            .requirements
            .iter()
            .map(|r| self.assess(r, doc, &index))
            .collect();
        let credits: Vec<f64> = assessed.iter().map(|a| a.credit).collect();
        let tally = self.tally(&credits);
        Outcome::Scored(Box::new(
            self.report(doc, matches, assessed, &credits, tally, stamp),
        ))
    }

    fn stamp(&self, doc: &Document) -> Stamp {
        Stamp {
            crate_version: env!("CARGO_PKG_VERSION").to_owned(),
            taxonomy_version: self.taxonomy_version.clone(),
            taxonomy_hash: self.taxonomy_hash.clone(),
            profile_id: self.profile.id.clone(),
            profile_hash: self.profile_hash.clone(),
            as_of: doc.as_of.to_string(),
        }
    }

    /// The credit of one written mention under `req`'s recency rule, and its basis.
    fn mention_credit(&self, req: &Requirement, doc: &Document, m: &SkillMatch) -> (f64, Basis) {
        let position = doc.position_at(m.span.start);
        let (mut credit, basis) = match (position, m.section) {
            (Some(_), _) => (CREDIT_DATED_WORK, Basis::DatedWork),
            (None, SectionKind::Experience) => (CREDIT_UNDATED_WORK, Basis::UndatedWork),
            (None, SectionKind::Projects | SectionKind::Publications) => {
                (CREDIT_PROJECT, Basis::Project)
            }
            (
                None,
                SectionKind::Skills
                | SectionKind::Summary
                | SectionKind::Header
                | SectionKind::Languages
                | SectionKind::Interests,
            ) => (CREDIT_LISTED, Basis::Listed),
            (None, _) => (CREDIT_PROSE, Basis::Prose),
        };
        if let MatchMethod::Fuzzy { .. } = m.method {
            credit *= FUZZY_SHARE * f64::from(m.confidence.clamp(0.0, 1.0));
        }
        if let (Some(recent), Some(p)) = (req.recent_months, position) {
            if p.dates.end.months_until(doc.as_of) > i32::try_from(recent).unwrap_or(i32::MAX) {
                credit *= STALE_SHARE;
            }
        }
        (credit, basis)
    }

    /// Credit for a skill from its own written mentions (before implication).
    fn written_credit(
        &self,
        req: &Requirement,
        doc: &Document,
        ev: &SkillEvidence,
    ) -> (f64, Basis, Option<usize>) {
        let mut best = (0.0, Basis::None, None);
        for (i, m) in ev.mentions.iter().enumerate() {
            let (credit, basis) = self.mention_credit(req, doc, m);
            if credit > best.0 || (credit == best.0 && basis < best.1) {
                best = (credit, basis, Some(i));
            }
        }
        if let Some(min) = req.min_months {
            let ratio = (f64::from(ev.months) / f64::from(min)).min(1.0);
            best.0 *= MIN_MONTHS_FLOOR + (1.0 - MIN_MONTHS_FLOOR) * ratio;
        }
        best
    }

    fn skill_credit(
        &self,
        req: &Requirement,
        doc: &Document,
        index: &EvidenceIndex,
        skill: &SkillId,
    ) -> (SkillCredit, Vec<EvidenceSpan>) {
        let mut evidence = Vec::new();
        let found = index.get(skill);
        let (mut credit, mut basis, mut months, mut via) = (0.0, Basis::None, 0, None);
        if let Some(ev) = found.filter(|e| !e.is_implied()) {
            let (c, b, best) = self.written_credit(req, doc, ev);
            (credit, basis, months) = (c, b, ev.months);
            if let Some(i) = best {
                evidence.push(EvidenceSpan::new(doc, skill, &ev.mentions[i]));
            }
        }
        // Implied: a more specific written skill (by the taxonomy, or as the matcher reports),
        // visited in id order so that ties go to the smallest id.
        let by_taxonomy = self.implied_by.get(skill).map_or(&[][..], Vec::as_slice);
        let by_matcher = found.map_or(&[][..], |e| &e.implied_by[..]);
        for ev in index.written_among(by_taxonomy, by_matcher) {
            let other = &ev.skill;
            if other == skill {
                continue;
            }
            let (c, _, best) = self.written_credit(req, doc, ev);
            let c = c * IMPLIED_SHARE;
            if c > credit {
                (credit, basis, months, via) = (c, Basis::Implied, ev.months, Some(other.clone()));
                evidence.clear();
                if let Some(i) = best {
                    evidence.push(EvidenceSpan::new(doc, other, &ev.mentions[i]));
                }
            }
        }
        let credit = credit.clamp(0.0, 1.0);
        (
            SkillCredit {
                skill: skill.clone(),
                name: self.name(skill),
                credit,
                basis,
                months,
                implied_by: via,
            },
            evidence,
        )
    }

    fn assess(&self, req: &Requirement, doc: &Document, index: &EvidenceIndex) -> Assessed {
        let mut skills = Vec::new();
        let mut evidence = Vec::new();
        for skill in req.rule.skills() {
            let (credit, ev) = self.skill_credit(req, doc, index, skill);
            skills.push(credit);
            evidence.extend(ev);
        }
        let mut sorted: Vec<f64> = skills.iter().map(|s| s.credit).collect();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let credit = match req.rule {
            SkillRule::Skill { .. } | SkillRule::AnyOf { .. } => sorted[0],
            SkillRule::AllOf { .. } | SkillRule::NOf { .. } => {
                let n = req.rule.needed();
                sorted.iter().take(n).sum::<f64>() / n as f64
            }
        };
        Assessed {
            credit: credit.clamp(0.0, 1.0),
            skills,
            evidence,
        }
    }

    /// Points from credits: each requirement earns `round(max points × credit)`; a missing
    /// required requirement (credit 0) also costs the penalty described in the crate docs.
    fn tally(&self, credits: &[f64]) -> Tally {
        let points: Vec<u32> = credits
            .iter()
            .zip(&self.budgets)
            .map(|(&c, &b)| (f64::from(b) * c).round() as u32)
            .collect();
        let subtotal: u32 = points.iter().sum();
        let (mut required, mut missing) = (0u64, 0u64);
        let mut missing_required = Vec::new();
        for (i, req) in self.profile.requirements.iter().enumerate() {
            if req.importance == Importance::Required {
                required += u64::from(self.budgets[i]);
                if credits[i] <= 0.0 {
                    missing += u64::from(self.budgets[i]);
                    missing_required.push(i);
                }
            }
        }
        // penalty = floor(subtotal × 0.5 × missing / required), in integers.
        let penalty = if required == 0 {
            0
        } else {
            let half = (1.0 / MISSING_REQUIRED_PENALTY).round() as u64;
            (u64::from(subtotal) * missing / (half * required)) as u32
        };
        Tally {
            points,
            subtotal,
            penalty,
            required_milli: required,
            missing_milli: missing,
            missing_required,
            total: subtotal - penalty,
        }
    }

    fn report(
        &self,
        doc: &Document,
        matches: &MatchSet,
        assessed: Vec<Assessed>,
        credits: &[f64],
        tally: Tally,
        stamp: Stamp,
    ) -> FitReport {
        let reqs = &self.profile.requirements;
        let outcomes: Vec<RequirementOutcome> = assessed
            .into_iter()
            .enumerate()
            .map(|(i, a)| RequirementOutcome {
                label: reqs[i].label.clone(),
                category: reqs[i].category.clone(),
                importance: reqs[i].importance,
                status: Status::from_credit(a.credit),
                credit: a.credit,
                weight: reqs[i].weight,
                max_points: milli(self.budgets[i]),
                points: milli(tally.points[i]),
                stage: reqs[i].stage,
                skills: a.skills,
                evidence: a.evidence,
            })
            .collect();

        let categories: Vec<CategoryScore> = self
            .profile
            .categories
            .iter()
            .zip(&self.category_budgets)
            .map(|(c, &budget)| {
                let earned: u32 = (0..reqs.len())
                    .filter(|&i| reqs[i].category == c.id)
                    .map(|i| tally.points[i])
                    .sum();
                CategoryScore {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    weight: c.weight,
                    max_points: milli(budget),
                    points: milli(earned),
                    share: if budget == 0 {
                        0.0
                    } else {
                        f64::from(earned) / f64::from(budget)
                    },
                }
            })
            .collect();

        // Gaps: re-score with the requirement fully met; the difference is what it would add.
        let mut gaps: Vec<Gap> = (0..reqs.len())
            .filter(|&i| credits[i] < 1.0)
            .map(|i| {
                let mut full = credits.to_vec();
                full[i] = 1.0;
                let gain = self.tally(&full).total - tally.total;
                let what = self.rule_phrase(&reqs[i].rule);
                Gap {
                    label: reqs[i].label.clone(),
                    importance: reqs[i].importance,
                    status: outcomes[i].status,
                    stage: reqs[i].stage,
                    adds: milli(gain),
                    message: format!(
                        "evidence of {what} would add {:.1} points",
                        f64::from(gain) / 1000.0
                    ),
                    adds_milli: gain,
                }
            })
            .filter(|g| g.adds_milli > 0)
            .collect();
        gaps.sort_by(|a, b| {
            b.adds_milli
                .cmp(&a.adds_milli)
                .then_with(|| a.label.cmp(&b.label))
        });

        let mut strengths: Vec<(u32, String)> = outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.status == Status::Met)
            .map(|(i, o)| (tally.points[i], o.label.clone()))
            .collect();
        strengths.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));

        let roadmap = self.roadmap(&tally, &outcomes, &gaps);
        let explanation = self.explain(&outcomes, &tally);
        let confidence = ParseConfidence::from_diagnostics(&doc.diagnostics);
        let coverage = self.coverage(matches);
        let total = tally.total;
        FitReport {
            source: doc.source.as_ref().map(|p| p.display().to_string()),
            profile: self.profile.id.clone(),
            score: milli(total),
            score_milli: total,
            band: Band::from_score(total),
            categories,
            outcomes,
            strengths: strengths.into_iter().map(|(_, l)| l).collect(),
            gaps,
            roadmap,
            confidence,
            coverage,
            explanation,
            stamp,
        }
    }

    fn rule_phrase(&self, rule: &SkillRule) -> String {
        let names: Vec<String> = rule.skills().iter().map(|s| self.name(s)).collect();
        let join = |sep: &str| match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} {sep} {last}", rest.join(", ")),
            _ => names.join(""),
        };
        match rule {
            SkillRule::Skill { .. } => names.join(""),
            SkillRule::AnyOf { .. } => join("or"),
            SkillRule::AllOf { .. } => join("and"),
            SkillRule::NOf { n, .. } => format!("{n} of {}", join("and")),
        }
    }

    fn roadmap(
        &self,
        tally: &Tally,
        outcomes: &[RequirementOutcome],
        gaps: &[Gap],
    ) -> RoadmapProgress {
        let mut shares = Vec::with_capacity(ROADMAP.len());
        for stage in &ROADMAP {
            let members: Vec<usize> = (0..outcomes.len())
                .filter(|&i| outcomes[i].stage.map(Stage::number) == Some(stage.number))
                .collect();
            let max: u32 = members.iter().map(|&i| self.budgets[i]).sum();
            let got: u32 = members.iter().map(|&i| tally.points[i]).sum();
            shares.push(if max == 0 {
                1.0
            } else {
                f64::from(got) / f64::from(max)
            });
        }
        let reached = shares
            .iter()
            .take_while(|&&s| s >= STAGE_REACHED_SHARE)
            .count();
        let reached_stage = Stage::new(reached as u8);
        let next_stage = Stage::new(reached as u8 + 1);
        let gain: BTreeMap<&str, u32> = gaps
            .iter()
            .map(|g| (g.label.as_str(), g.adds_milli))
            .collect();
        let mut steps: Vec<(u8, u32, &RequirementOutcome)> = outcomes
            .iter()
            .filter(|o| o.status != Status::Met)
            .map(|o| {
                (
                    o.stage.map_or(u8::MAX, Stage::number),
                    gain.get(o.label.as_str()).copied().unwrap_or(0),
                    o,
                )
            })
            .collect();
        steps.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then_with(|| a.2.label.cmp(&b.2.label))
        });
        RoadmapProgress {
            reached: reached_stage,
            reached_title: reached_stage.map(|s| s.info().title),
            next: next_stage,
            next_title: next_stage.map(|s| s.info().title),
            stage_shares: shares,
            next_steps: steps
                .into_iter()
                .map(|(_, g, o)| NextStep {
                    label: o.label.clone(),
                    stage: o.stage,
                    status: o.status,
                    adds: milli(g),
                })
                .collect(),
        }
    }

    fn explain(&self, outcomes: &[RequirementOutcome], tally: &Tally) -> Explanation {
        let reqs = &self.profile.requirements;
        let mut children: Vec<Explanation> = self
            .profile
            .categories
            .iter()
            .zip(&self.category_budgets)
            .map(|(c, &budget)| {
                let leaves: Vec<Explanation> = (0..reqs.len())
                    .filter(|&i| reqs[i].category == c.id)
                    .map(|i| {
                        let o = &outcomes[i];
                        let best = o.skills.iter().max_by(|a, b| {
                            a.credit.total_cmp(&b.credit).then(b.basis.cmp(&a.basis))
                        });
                        // Writing to a `String` cannot fail.
                        let mut detail = format!(
                            "credit {:.3} × {} max = {}; ",
                            o.credit,
                            Milli(self.budgets[i].into()),
                            Milli(tally.points[i].into())
                        );
                        match best {
                            Some(s) if s.credit > 0.0 => {
                                let _ = write!(detail, "{}: {}", s.name, s.basis.describe());
                                if let Some(via) = &s.implied_by {
                                    let _ = write!(detail, " (via {via})");
                                }
                                if s.months > 0 {
                                    let _ = write!(detail, ", {} months", s.months);
                                }
                            }
                            _ => detail.push_str("no evidence"),
                        }
                        Explanation::leaf(
                            format!("[{}] {} ({})", o.status.as_str(), o.label, o.importance),
                            i64::from(tally.points[i]),
                            detail,
                        )
                    })
                    .collect();
                Explanation::node(format!("{} (max {:.1})", c.title, milli(budget)), leaves)
            })
            .collect();
        if !tally.missing_required.is_empty() {
            let labels: Vec<&str> = tally
                .missing_required
                .iter()
                .map(|&i| reqs[i].label.as_str())
                .collect();
            children.push(Explanation::leaf(
                "missing required skills".to_owned(),
                -i64::from(tally.penalty),
                format!(
                    "subtotal {} × {} × {} / {} (max points of the missing required / of all required) = −{}; missing: {}",
                    Milli(tally.subtotal.into()),
                    MISSING_REQUIRED_PENALTY,
                    Milli(tally.missing_milli),
                    Milli(tally.required_milli),
                    Milli(tally.penalty.into()),
                    labels.join(", ")
                ),
            ));
        }
        Explanation::node(format!("{} fit score", self.profile.title), children)
    }

    fn coverage(&self, matches: &MatchSet) -> ReverseCoverage {
        let written: BTreeSet<&SkillId> = matches.written().map(|e| &e.skill).collect();
        let (used, unused): (Vec<&SkillId>, Vec<&SkillId>) = written
            .iter()
            .partition(|s| self.role_related.contains(**s));
        ReverseCoverage {
            written: written.len(),
            used: used.len(),
            share: if written.is_empty() {
                0.0
            } else {
                used.len() as f64 / written.len() as f64
            },
            unused: unused.into_iter().cloned().collect(),
        }
    }
}

/// Milli-points as points.
pub(crate) fn milli(m: u32) -> f64 {
    f64::from(m) / 1000.0
}

/// Milli-points written as points with three decimals, exactly ("6.200"), without going
/// through a float.
struct Milli(u64);

impl fmt::Display for Milli {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}", self.0 / 1000, self.0 % 1000)
    }
}

impl EvidenceSpan {
    fn new(doc: &Document, skill: &SkillId, m: &SkillMatch) -> EvidenceSpan {
        EvidenceSpan {
            skill: skill.clone(),
            span: m.span,
            section: m.section,
            snippet: snippet(doc, m.span),
        }
    }
}

/// The line around `span`, at most about 160 bytes, cut on char boundaries.
fn snippet(doc: &Document, span: Span) -> String {
    const RADIUS: usize = 80;
    let text = doc.text();
    if doc.slice(span).is_empty() && !span.is_empty() {
        return String::new();
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let mut start = line_start.max(span.start.saturating_sub(RADIUS));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = line_end.min(span.end + RADIUS);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[start..end].trim().to_owned()
}

/// The evidence of one match set, looked up by skill id.
struct EvidenceIndex<'m> {
    /// Every skill's evidence, by id (for a skill listed twice, the first).
    by_id: Vec<&'m SkillEvidence>,
    /// The written skills' evidence with their indices into the scorer's sorted ids, by
    /// index (skills the taxonomy does not know are left out).
    written: Vec<(u32, &'m SkillEvidence)>,
}

impl<'m> EvidenceIndex<'m> {
    fn new(matches: &'m MatchSet, ids: &[SkillId]) -> EvidenceIndex<'m> {
        let mut by_id: Vec<&SkillEvidence> = matches.skills.iter().collect();
        by_id.sort_by(|a, b| a.skill.cmp(&b.skill));
        by_id.dedup_by(|b, a| a.skill == b.skill);
        let written = by_id
            .iter()
            .filter(|e| !e.is_implied())
            .filter_map(|&e| Some((ids.binary_search(&e.skill).ok()? as u32, e)))
            .collect();
        EvidenceIndex { by_id, written }
    }

    fn get(&self, skill: &SkillId) -> Option<&'m SkillEvidence> {
        let i = self.by_id.binary_search_by(|e| e.skill.cmp(skill)).ok()?;
        Some(self.by_id[i])
    }

    /// The written skills among the sorted skill indices `by_taxonomy` and the ids
    /// `by_matcher`, by id, each once.
    fn written_among(&self, by_taxonomy: &[u32], by_matcher: &[SkillId]) -> Vec<&'m SkillEvidence> {
        // Walk the shorter side, searching the other.
        let mut found: Vec<&SkillEvidence> = if by_taxonomy.len() < self.written.len() {
            by_taxonomy
                .iter()
                .filter_map(|i| {
                    let at = self.written.binary_search_by_key(i, |&(j, _)| j).ok()?;
                    Some(self.written[at].1)
                })
                .collect()
        } else {
            self.written
                .iter()
                .filter(|(i, _)| by_taxonomy.binary_search(i).is_ok())
                .map(|&(_, e)| e)
                .collect()
        };
        found.extend(
            by_matcher
                .iter()
                .filter_map(|id| self.get(id).filter(|e| !e.is_implied())),
        );
        found.sort_by(|x, y| x.skill.cmp(&y.skill));
        found.dedup_by(|y, x| x.skill == y.skill);
        found
    }
}
