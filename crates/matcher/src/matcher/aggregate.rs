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
fn months_of(doc: &Document, positions: &[usize]) -> (u32, Option<YearMonth>) {
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

/// Sorts `v` and removes repeats.
fn sorted_set<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Groups `mentions` (in text order, each with the index of its skill in `ids`, which are
/// sorted) into per-skill evidence: written skills first by id, then implied ones by id.
pub(crate) fn aggregate(
    ids: &[SkillId],
    closure: &[Vec<u32>],
    doc: &Document,
    mentions: &[(usize, SkillMatch)],
) -> Vec<SkillEvidence> {
    let position_of = |m: &SkillMatch| {
        doc.positions
            .iter()
            .position(|p| p.span.start <= m.span.start && m.span.start < p.span.end)
    };
    // Mentions grouped by skill, each group in text order: a counting sort by skill.
    let mut next = vec![0usize; ids.len() + 1];
    for (skill, _) in mentions {
        next[skill + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut order = vec![0usize; mentions.len()];
    for (i, (skill, _)) in mentions.iter().enumerate() {
        order[next[*skill]] = i;
        next[*skill] += 1;
    }
    let mut out: Vec<SkillEvidence> = Vec::new();
    let mut written: Vec<usize> = Vec::new();
    for group in order.chunk_by(|&a, &b| mentions[a].0 == mentions[b].0) {
        let skill = mentions[group[0]].0;
        let found: Vec<SkillMatch> = group.iter().map(|&i| mentions[i].1.clone()).collect();
        let positions = sorted_set(found.iter().filter_map(position_of).collect());
        let (months, last_used) = months_of(doc, &positions);
        out.push(SkillEvidence {
            skill: ids[skill].clone(),
            sections: sorted_set(found.iter().map(|m| m.section).collect()),
            mentions: found,
            positions,
            months,
            last_used,
            implied_by: Vec::new(),
        });
        written.push(skill);
    }
    // (implied skill, the written skill implying it, that skill's evidence), by implied skill.
    let mut implied: Vec<(usize, usize, usize)> = Vec::new();
    for (evidence, &skill) in written.iter().enumerate() {
        for &target in &closure[skill] {
            let target = target as usize;
            if written.binary_search(&target).is_err() {
                implied.push((target, skill, evidence));
            }
        }
    }
    implied.sort_unstable();
    for group in implied.chunk_by(|a, b| a.0 == b.0) {
        let positions = sorted_set(
            group
                .iter()
                .flat_map(|&(_, _, e)| out[e].positions.iter().copied())
                .collect(),
        );
        let (months, last_used) = months_of(doc, &positions);
        out.push(SkillEvidence {
            skill: ids[group[0].0].clone(),
            mentions: Vec::new(),
            sections: Vec::new(),
            positions,
            months,
            last_used,
            implied_by: group.iter().map(|&(_, by, _)| ids[by].clone()).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use rolefit_extract::{DateRange, Position, SectionKind, Span};

    use crate::{Matcher, SkillId, SpecFormat, TaxonomyBuilder};

    const SPEC: &str = r#"
[[skill]]
id = "python"
name = "Python"
category = "programming_languages"
broader = ["software-engineering"]

[[skill]]
id = "software-engineering"
name = "Software engineering"
category = "software_engineering"

[[skill]]
id = "sql"
name = "SQL"
category = "databases"
"#;

    fn position(text: &str, entry: &str, start: (u16, u8), end: (u16, u8)) -> Position {
        let at = text.find(entry).unwrap();
        let month = |(y, m)| rolefit_extract::YearMonth::new(y, m).unwrap();
        Position {
            title: None,
            employer: None,
            dates: DateRange {
                start: month(start),
                end: month(end),
                ongoing: false,
                span: Span::new(at, at),
            },
            span: Span::new(at, at + entry.len()),
        }
    }

    #[test]
    fn months_merge_overlapping_positions_and_implied_skills_stay_apart() {
        let mut builder = TaxonomyBuilder::new();
        let taxonomy = builder
            .add_str("t.toml", SPEC, SpecFormat::Toml)
            .unwrap()
            .build()
            .unwrap();
        let matcher = Matcher::new(&taxonomy).unwrap();
        let first = "Job A: Python and SQL.";
        let second = "Job B: Python again.";
        let text = format!("{first}\n{second}\nSkills: Python");
        let mut doc = crate::matcher::plain_document(&text);
        doc.sections[0].kind = SectionKind::Experience;
        // Jan 2020–Dec 2021 and Jul 2021–Jun 2022 overlap by six months: 30 months, not 36.
        doc.positions = vec![
            position(&text, first, (2020, 1), (2021, 12)),
            position(&text, second, (2021, 7), (2022, 6)),
        ];
        let set = matcher.find(&doc);
        let python = set.get(&SkillId::from("python")).unwrap();
        assert_eq!(python.mentions.len(), 3);
        assert_eq!(python.positions, [0, 1]);
        assert_eq!(python.months, 30);
        assert_eq!(python.last_used, rolefit_extract::YearMonth::new(2022, 6));
        let sql = set.get(&SkillId::from("sql")).unwrap();
        assert_eq!((sql.months, sql.positions.as_slice()), (24, &[0usize][..]));
        let implied = set.get(&SkillId::from("software-engineering")).unwrap();
        assert!(implied.is_implied());
        assert_eq!(implied.implied_by, [SkillId::from("python")]);
        assert_eq!(implied.months, 30);
        let order: Vec<&str> = set.skills.iter().map(|e| e.skill.as_str()).collect();
        assert_eq!(
            order,
            ["python", "sql", "software-engineering"],
            "written by id, then implied"
        );
    }
}
