//! Ranking many candidates against one profile: stable, deterministic, optionally rarity-weighted.

use serde::Serialize;

use crate::report::{Band, FitReport, Status};

/// How to rank.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RankOptions {
    /// Weigh requirements few candidates of this batch meet more (off by default; see [`rank`]).
    pub rarity_weighting: bool,
}

/// One candidate's place in a ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ranked {
    /// 1-based place.
    pub rank: usize,
    /// The caller's id for the candidate (a path, a reference).
    pub id: String,
    /// The fit score.
    pub score: f64,
    /// The fit score in milli-points.
    pub score_milli: u32,
    /// The band of the fit score.
    pub band: Band,
    /// The rarity-weighted score the ranking used, when rarity weighting is on.
    pub rarity_score: Option<f64>,
}

/// The rarity weight of one requirement across a batch.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RarityWeight {
    /// The requirement's label.
    pub label: String,
    /// Share of the batch that meets it.
    pub met_share: f64,
    /// Its weight multiplier, `2 − met_share`.
    pub multiplier: f64,
}

/// A ranking of candidates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ranking {
    /// Candidates, best first.
    pub entries: Vec<Ranked>,
    /// The weights used, when rarity weighting is on.
    pub rarity: Vec<RarityWeight>,
}

/// Ranks `(id, report)` pairs, all scored against the same profile.
///
/// Order: score descending, then id ascending (byte order), then input position; the result is
/// the same for any input order unless two candidates share an id.
///
/// Rarity weighting (opt-in): a requirement met (status `met`) by a share `s` of this batch
/// gets the weight multiplier `2 − s` (1 when everyone meets it, 2 when no one does). The
/// rarity score is `100 × Σ credit·max·multiplier / Σ max·multiplier`, times the candidate's
/// own missing-required factor (`score / Σ requirement points`). Requirements are matched by
/// position, so every report must come from the same profile; reports of other profiles
/// than the first keep their plain score.
pub fn rank(candidates: &[(String, &FitReport)], options: RankOptions) -> Ranking {
    let rarity = if options.rarity_weighting {
        rarity_weights(candidates)
    } else {
        Vec::new()
    };
    let profile = candidates.first().map(|(_, r)| r.profile.as_str());
    let mut entries: Vec<(usize, Ranked, f64)> = candidates
        .iter()
        .enumerate()
        .map(|(i, (id, report))| {
            let rarity_score = (options.rarity_weighting
                && Some(report.profile.as_str()) == profile)
                .then(|| rarity_score(report, &rarity));
            let key = rarity_score.unwrap_or(report.score);
            let entry = Ranked {
                rank: 0,
                id: id.clone(),
                score: report.score,
                score_milli: report.score_milli,
                band: report.band,
                rarity_score,
            };
            (i, entry, key)
        })
        .collect();
    entries.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then_with(|| a.1.id.cmp(&b.1.id))
            .then(a.0.cmp(&b.0))
    });
    Ranking {
        entries: entries
            .into_iter()
            .enumerate()
            .map(|(place, (_, mut entry, _))| {
                entry.rank = place + 1;
                entry
            })
            .collect(),
        rarity,
    }
}

fn rarity_weights(candidates: &[(String, &FitReport)]) -> Vec<RarityWeight> {
    let Some((_, first)) = candidates.first() else {
        return Vec::new();
    };
    let same: Vec<&FitReport> = candidates
        .iter()
        .map(|(_, r)| *r)
        .filter(|r| r.profile == first.profile)
        .collect();
    first
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let met = same
                .iter()
                .filter(|r| r.outcomes.get(i).is_some_and(|x| x.status == Status::Met))
                .count();
            let met_share = met as f64 / same.len() as f64;
            RarityWeight {
                label: o.label.clone(),
                met_share,
                multiplier: 2.0 - met_share,
            }
        })
        .collect()
}

fn rarity_score(report: &FitReport, weights: &[RarityWeight]) -> f64 {
    let (mut earned, mut max, mut subtotal) = (0.0, 0.0, 0.0);
    for (o, w) in report.outcomes.iter().zip(weights) {
        earned += o.credit * o.max_points * w.multiplier;
        max += o.max_points * w.multiplier;
        subtotal += o.points;
    }
    let factor = if subtotal > 0.0 {
        (report.score / subtotal).min(1.0)
    } else {
        0.0
    };
    if max > 0.0 {
        100.0 * earned / max * factor
    } else {
        0.0
    }
}
