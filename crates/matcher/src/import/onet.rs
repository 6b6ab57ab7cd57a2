//! O*NET `Technology Skills.txt`.

use std::collections::BTreeMap;
use std::io::Read;

use super::{csv_error, field, field_error, resolve_label_conflicts, unique_ids, Header};
use crate::label::{normalize_label, slugify};
use crate::spec::{AliasSpec, SkillSpec, TaxonomySpec};
use crate::taxonomy::{Category, Crosswalk, SkillKind};
use crate::taxonomy_error::{TaxonomyError, TaxonomyErrorKind};

/// What the rows of one technology example say, over all occupations.
#[derive(Default)]
struct Example {
    commodities: BTreeMap<String, usize>,
    hot: bool,
    in_demand: bool,
}

/// Reads O*NET's tab-separated `Technology Skills.txt` into a spec: one skill (kind tool)
/// per distinct `Example`, over all the occupations that list it.
///
/// * `crosswalk`: `onet_example` (the example), `onet_commodity` (the UNSPSC commodity code
///   most rows give it; ties go to the smaller code), `onet_hot` / `onet_in_demand` (any row
///   says `Y`).
/// * `category`: from the commodity code, see [`onet_commodity_category`].
/// * `aliases`, from O*NET's naming habits: a trailing " software" dropped ("Amazon
///   Redshift software" → "Amazon Redshift"), and a trailing acronym split off its long
///   form ("Cascading style sheets CSS" → "Cascading style sheets", "CSS"; acronyms of up
///   to 4 letters are case-sensitive).
///
/// Fails on a missing `Example` or `Commodity Code` column, malformed input, or an empty
/// example, naming the line.
pub fn onet_technology_skills<R: Read>(
    reader: R,
    origin: &str,
) -> Result<TaxonomySpec, TaxonomyError> {
    let mut tsv = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_reader(reader);
    let header = Header::new(origin, tsv.headers().map_err(|e| csv_error(origin, &e))?);
    let example_column = header.required("Example")?;
    let code_column = header.required("Commodity Code")?;
    let hot_column = header.optional("Hot Technology");
    let demand_column = header.optional("In Demand");

    let mut examples: BTreeMap<String, Example> = BTreeMap::new();
    for record in tsv.records() {
        let record = record.map_err(|e| csv_error(origin, &e))?;
        let name = field(&record, Some(example_column));
        if normalize_label(name).is_empty() {
            return Err(field_error(
                origin,
                &record,
                "Example",
                TaxonomyErrorKind::Missing,
            ));
        }
        let code = field(&record, Some(code_column));
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            let kind = TaxonomyErrorKind::Parse(format!("commodity code `{code}` is not a number"));
            return Err(field_error(origin, &record, "Commodity Code", kind));
        }
        let example = examples.entry(name.to_owned()).or_default();
        *example.commodities.entry(code.to_owned()).or_insert(0) += 1;
        example.hot |= field(&record, hot_column) == "Y";
        example.in_demand |= field(&record, demand_column) == "Y";
    }

    let mut skills: Vec<SkillSpec> = examples
        .into_iter()
        .map(|(name, example)| {
            // Most rows first, then the smaller code.
            let code = example
                .commodities
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(code, _)| code.clone())
                .unwrap_or_default();
            SkillSpec {
                id: slugify(&name),
                category: Some(onet_commodity_category(&code)),
                kind: Some(SkillKind::Tool),
                aliases: derived_aliases(&name),
                crosswalk: Some(Crosswalk {
                    onet_example: Some(name.clone()),
                    onet_commodity: Some(code),
                    onet_hot: example.hot,
                    onet_in_demand: example.in_demand,
                    ..Crosswalk::default()
                }),
                name: Some(name),
                ..SkillSpec::default()
            }
        })
        .collect();
    unique_ids(&mut skills);
    resolve_label_conflicts(&mut skills);
    Ok(TaxonomySpec {
        description: Some(format!(
            "Imported from the O*NET Technology Skills file {origin}"
        )),
        skills,
        ..TaxonomySpec::default()
    })
}

/// The aliases O*NET's naming habits give an example (see [`onet_technology_skills`]).
pub(crate) fn derived_aliases(example: &str) -> Vec<AliasSpec> {
    let mut aliases = Vec::new();
    let base = example
        .strip_suffix(" software")
        .map(str::trim_end)
        .filter(|b| b.len() >= 3);
    if let Some(base) = base {
        aliases.push(AliasSpec::plain(base));
    }
    let text = base.unwrap_or(example);
    if let Some((long, acronym)) = split_acronym(text) {
        aliases.push(AliasSpec::plain(long));
        let mut short = AliasSpec::plain(acronym);
        short.policy.case_sensitive = acronym.chars().count() <= 4;
        aliases.push(short);
    }
    aliases
}

/// "Amazon Web Services AWS" → ("Amazon Web Services", "AWS"): a trailing all-capitals word
/// whose letters are the initials of words before it, in order.
fn split_acronym(text: &str) -> Option<(&str, &str)> {
    let (long, last) = text.rsplit_once(' ')?;
    let letters: Vec<char> = last.chars().filter(char::is_ascii_alphabetic).collect();
    let is_acronym = letters.len() >= 2
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '/' || c == '&')
        && last.chars().count() <= 8;
    if !is_acronym {
        return None;
    }
    let initials: Vec<char> = long
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut want = letters.iter().peekable();
    for initial in initials {
        if want.peek() == Some(&&initial) {
            want.next();
        }
    }
    (want.peek().is_none()).then_some((long.trim_end(), last))
}

/// The category of an O*NET (UNSPSC) commodity code: development, database, web, devops,
/// security, office, business and medical software classes map to the matching category;
/// everything else (scientific, CAD, industrial, …) is [`Category::Other`].
pub fn onet_commodity_category(code: &str) -> Category {
    match code {
        "43232405" => Category::ProgrammingLanguages,
        "43232402" | "43232406" | "43232409" | "43232404" | "43232407" | "43232203"
        | "43232403" => Category::SoftwareEngineering,
        "43232304" | "43232306" | "43232311" => Category::Databases,
        "43232305" | "43232314" => Category::BusinessIntelligence,
        "43232307" => Category::MlFrameworks,
        "43232310" => Category::DataEngineering,
        "43232408" | "43232107" => Category::Web,
        "43232401" | "43232701" | "43233004" | "43233001" | "43233415" | "43232801"
        | "43232804" | "43233701" | "43232907" | "43232302" => Category::Devops,
        "43232806" | "43233513" => Category::CloudPlatforms,
        "43233205" | "43233203" | "43233204" | "43233201" | "43233206" => Category::Security,
        "43232110" | "43232104" | "43232106" | "43231513" | "43233501" | "43232108"
        | "43232202" | "43233502" | "43233503" | "43233504" | "43232702" | "43231507" => {
            Category::OfficeTools
        }
        "43231601" | "43231604" | "43231603" | "43231602" | "43231505" | "43232303"
        | "43231514" | "43231506" | "43231508" | "43231605" | "43231503" => Category::Business,
        "43232610" => Category::Healthcare,
        _ => Category::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(example: &str) -> Vec<String> {
        derived_aliases(example)
            .into_iter()
            .map(|a| a.text)
            .collect()
    }

    #[test]
    fn aliases_from_naming_habits() {
        assert_eq!(
            texts("Amazon Web Services AWS software"),
            ["Amazon Web Services AWS", "Amazon Web Services", "AWS"]
        );
        assert_eq!(
            texts("Cascading style sheets CSS"),
            ["Cascading style sheets", "CSS"]
        );
        assert!(
            derived_aliases("Cascading style sheets CSS")[1]
                .policy
                .case_sensitive
        );
        assert!(texts("Python").is_empty());
        assert!(
            texts("IBM SPSS").is_empty(),
            "SPSS is not the initials of IBM"
        );
        assert_eq!(
            texts("Microsoft SQL Server Integration Services SSIS"),
            ["Microsoft SQL Server Integration Services", "SSIS"]
        );
    }
}
