//! Per-skill evidence: mentions grouped by skill, attributed to dated positions for months
//! of experience and last use, and the skills they imply listed apart.

use std::collections::{BTreeMap, BTreeSet};

use rolefit_extract::{Document, YearMonth};

use crate::evidence::{SkillEvidence, SkillMatch};
use crate::taxonomy::{SkillId, Taxonomy};

/// For every skill (by index), the skills it implies through `implies` and `broader`,
/// transitively, sorted, without itself.
pub(crate) fn implication_closure(taxonomy: &Taxonomy) -> Vec<Vec<u32>> {
    let index: BTreeMap<&SkillId, usize> = taxonomy
        .skills()
        .iter()
        .enumerate()
        .map(|(i, s)| (&s.id, i))
        .collect();
    let direct: Vec<Vec<usize>> = taxonomy
        .skills()
        .iter()
        .map(|s| {
            s.implies
                .iter()
                .chain(&s.broader)
                .filter_map(|id| index.get(id).copied())
                .collect()
        })
        .collect();
    (0..direct.len())
        .map(|root| {
            let mut seen = BTreeSet::new();
            let mut stack = direct[root].clone();
            while let Some(next) = stack.pop() {
                if next != root && seen.insert(next as u32) {
                    stack.extend(&direct[next]);
                }
            }
            seen.into_iter().collect()
        })
        .collect()
}

/// The merged months covered by `positions` of `doc` (overlaps counted once) and the latest
/// month among them.
fn months_of(doc: &Document, positions: &BTreeSet<usize>) -> (u32, Option<YearMonth>) {
    let mut ranges: Vec<(i32, i32)> = positions
        .iter()
        .filter_map(|&i| doc.positions.get(i))
        .map(|p| (p.dates.start.ordinal(), p.dates.end.ordinal()))
        .filter(|(s, e)| s <= e)
        .collect();
    ranges.sort_unstable();
    let mut total = 0i64;
    let mut current: Option<(i32, i32)> = None;
    for (s, e) in ranges {
        current = match current {
            Some((cs, ce)) if s <= ce + 1 => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += i64::from(ce - cs + 1);
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = current {
        total += i64::from(ce - cs + 1);
    }
    let last = positions
        .iter()
        .filter_map(|&i| doc.positions.get(i))
        .map(|p| p.dates.end)
        .max();
    (u32::try_from(total).unwrap_or(u32::MAX), last)
}

/// Groups `mentions` (in text order, each with the index of its skill in `ids`) into per-skill
/// evidence: written skills first by id, then implied ones by id.
pub(crate) fn aggregate(
    ids: &[SkillId],
    closure: &[Vec<u32>],
    doc: &Document,
    mentions: &[(usize, SkillMatch)],
) -> Vec<SkillEvidence> {
    let mut written: BTreeMap<usize, (Vec<SkillMatch>, BTreeSet<usize>)> = BTreeMap::new();
    for (skill, m) in mentions {
        let slot = written.entry(*skill).or_default();
        if let Some(p) = doc
            .positions
            .iter()
            .position(|p| p.span.start <= m.span.start && m.span.start < p.span.end)
        {
            slot.1.insert(p);
        }
        slot.0.push(m.clone());
    }
    // implied skill → (the written skills implying it, their positions)
    let mut implied: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
    for (&skill, (_, positions)) in &written {
        for &target in &closure[skill] {
            let target = target as usize;
            if written.contains_key(&target) {
                continue;
            }
            let slot = implied.entry(target).or_default();
            slot.0.insert(skill);
            slot.1.extend(positions);
        }
    }
    let mut out: Vec<SkillEvidence> = Vec::with_capacity(written.len() + implied.len());
    for (skill, (mentions, positions)) in written {
        let sections: BTreeSet<_> = mentions.iter().map(|m| m.section).collect();
        let (months, last_used) = months_of(doc, &positions);
        out.push(SkillEvidence {
            skill: ids[skill].clone(),
            mentions,
            sections: sections.into_iter().collect(),
            positions: positions.into_iter().collect(),
            months,
            last_used,
            implied_by: Vec::new(),
        });
    }
    let written_len = out.len();
    for (skill, (by, positions)) in implied {
        let (months, last_used) = months_of(doc, &positions);
        let mut implied_by: Vec<SkillId> = by.into_iter().map(|i| ids[i].clone()).collect();
        implied_by.sort();
        out.push(SkillEvidence {
            skill: ids[skill].clone(),
            mentions: Vec::new(),
            sections: Vec::new(),
            positions: positions.into_iter().collect(),
            months,
            last_used,
            implied_by,
        });
    }
    out[..written_len].sort_by(|a, b| a.skill.cmp(&b.skill));
    out[written_len..].sort_by(|a, b| a.skill.cmp(&b.skill));
    out
}
