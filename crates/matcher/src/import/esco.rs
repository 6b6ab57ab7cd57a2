//! ESCO skills CSV.

use std::io::Read;

use super::{csv_error, field, field_error, resolve_label_conflicts, unique_ids, Header};
use crate::label::{normalize_label, slugify};
use crate::spec::{AliasSpec, SkillSpec, TaxonomySpec};
use crate::taxonomy::{Category, Crosswalk, SkillKind};
use crate::taxonomy_error::{TaxonomyError, TaxonomyErrorKind};

/// Reads an ESCO skills CSV into a spec: one skill per row (rows whose `status` is present
/// and not `released` are skipped).
///
/// * `name`: `preferredLabel` without a trailing qualifier in parentheses ("Python
///   (computer programming)" → "Python"; the full label becomes an alias); `id`: its slug.
/// * `aliases`: `altLabels`, split at newlines and `" | "`.
/// * `kind`: `knowledge` → knowledge, otherwise hard; `reuseLevel` `transversal` → soft.
/// * `category`: [`Category::Other`] (ESCO has none that fit; callers may re-map).
/// * `crosswalk.esco_uri`: `conceptUri`; `description`: `description`.
///
/// Fails on a missing `preferredLabel` column, malformed CSV, or an empty label, naming
/// the line.
pub fn esco_csv<R: Read>(reader: R, origin: &str) -> Result<TaxonomySpec, TaxonomyError> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = Header::new(origin, csv.headers().map_err(|e| csv_error(origin, &e))?);
    let label = header.required("preferredLabel")?;
    let alt = header.optional("altLabels");
    let uri = header.optional("conceptUri");
    let skill_type = header.optional("skillType");
    let reuse = header.optional("reuseLevel");
    let description = header.optional("description");
    let status = header.optional("status");

    let mut skills = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| csv_error(origin, &e))?;
        if status.is_some() && !matches!(field(&record, status), "" | "released") {
            continue;
        }
        let full = field(&record, Some(label));
        if normalize_label(full).is_empty() {
            return Err(field_error(
                origin,
                &record,
                "preferredLabel",
                TaxonomyErrorKind::Missing,
            ));
        }
        let name = strip_qualifier(full);
        let mut aliases: Vec<AliasSpec> = Vec::new();
        if name != full {
            aliases.push(AliasSpec::plain(full));
        }
        aliases.extend(split_labels(field(&record, alt)).map(AliasSpec::plain));
        let kind = match (field(&record, skill_type), field(&record, reuse)) {
            (_, "transversal") => SkillKind::Soft,
            ("knowledge", _) => SkillKind::Knowledge,
            _ => SkillKind::Hard,
        };
        let esco_uri = Some(field(&record, uri))
            .filter(|u| !u.is_empty())
            .map(str::to_owned);
        skills.push(SkillSpec {
            id: slugify(name),
            name: Some(name.to_owned()),
            category: Some(Category::Other),
            kind: Some(kind),
            aliases,
            crosswalk: esco_uri.map(|u| Crosswalk {
                esco_uri: Some(u),
                ..Crosswalk::default()
            }),
            description: Some(field(&record, description).to_owned()).filter(|d| !d.is_empty()),
            ..SkillSpec::default()
        });
    }
    unique_ids(&mut skills);
    resolve_label_conflicts(&mut skills);
    Ok(TaxonomySpec {
        description: Some(format!("Imported from the ESCO CSV {origin}")),
        skills,
        ..TaxonomySpec::default()
    })
}

/// "Python (computer programming)" → "Python"; labels without a trailing qualifier are kept.
pub(crate) fn strip_qualifier(label: &str) -> &str {
    let label = label.trim();
    match (label.ends_with(')'), label.rfind(" (")) {
        (true, Some(i)) if i > 0 => label[..i].trim_end(),
        _ => label,
    }
}

/// Splits an `altLabels` field at newlines and `" | "`.
pub(crate) fn split_labels(field: &str) -> impl Iterator<Item = &str> {
    field
        .split('\n')
        .flat_map(|line| line.split(" | "))
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_and_label_lists() {
        assert_eq!(strip_qualifier("Python (computer programming)"), "Python");
        assert_eq!(strip_qualifier("(odd)"), "(odd)");
        assert_eq!(strip_qualifier("C++"), "C++");
        let labels: Vec<&str> = split_labels("a | b\nc\n\n | d ").collect();
        assert_eq!(labels, ["a", "b", "c", "d"]);
    }
}
