//! The one-file and inspection subcommands: explain, extract, skills, roles, profile, taxonomy.

use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::Path;

use rolefit::extract::Document;
use rolefit::matcher::{
    import, MatchMethod, SkillId, Taxonomy, TaxonomyBuilder, TaxonomyError, TaxonomySpec,
};
use rolefit::record::Record;
use rolefit::score::RoleProfile;
use rolefit::{Pipeline, Scored};

use crate::args::{Common, Format, ProfileCommand, SpecFormatArg, TaxonomyCommand};
use crate::sink::Sink;
use crate::{config, EXIT_FAILURES, EXIT_OK};

/// Serves extraction requests as a worker process (see `rolefit::isolate`).
pub fn worker(common: &Common) -> Result<u8, String> {
    let extractor = config::extractor(common)?;
    rolefit::isolate::serve(&extractor).map_err(|e| format!("worker: {e}"))?;
    Ok(EXIT_OK)
}

fn output(common: &Common, text: &str) -> Result<u8, String> {
    let mut sink = Sink::open(common.output.as_deref()).map_err(|e| e.to_string())?;
    match sink.block(text) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(EXIT_OK),
    }
}

/// Reads one resume: a file, or text on stdin for `-`.
fn score_one(pipeline: &Pipeline, file: &Path) -> Result<Scored, rolefit::Error> {
    if file.as_os_str() == "-" {
        pipeline.score_text(&read_stdin()?)
    } else {
        pipeline.score_path(file)
    }
}

fn read_stdin() -> Result<String, rolefit::Error> {
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| rolefit::Error {
            path: None,
            kind: rolefit::ErrorKind::Extract(rolefit::extract::ErrorKind::Io),
            message: format!("reading standard input: {e}"),
        })?;
    Ok(text)
}

/// Prints a file's error the way a batch would record it, and returns exit status 1.
fn file_error(
    common: &Common,
    file: &Path,
    error: &rolefit::Error,
    taxonomy: &Taxonomy,
) -> Result<u8, String> {
    match common.format {
        Some(Format::Json | Format::Jsonl) => {
            output(
                common,
                &format!(
                    "{}\n",
                    Record::from_outcome(file, &Err(error.clone()), taxonomy, false).to_line()
                ),
            )?;
        }
        _ => eprintln!("rolefit: {error}"),
    }
    Ok(EXIT_FAILURES)
}

pub fn explain(common: &Common, file: &Path) -> Result<u8, String> {
    let pipeline = config::pipeline(common)?;
    let mut scored = match score_one(&pipeline, file) {
        Ok(s) => s,
        Err(e) => return file_error(common, file, &e, pipeline.taxonomy()),
    };
    if common.redact {
        scored.report.redact(&scored.document);
    }
    if let Some(top) = common.top {
        scored.report.gaps.truncate(top);
    }
    let text = match common.format {
        Some(Format::Json | Format::Jsonl) => format!("{}\n", scored.report.to_json()),
        _ => scored.report.render(),
    };
    output(common, &text)?;
    Ok(
        if common
            .fail_under
            .is_some_and(|min| scored.report.score < min)
        {
            EXIT_FAILURES
        } else {
            EXIT_OK
        },
    )
}

pub fn extract(common: &Common, file: &Path) -> Result<u8, String> {
    let extractor = config::extractor(common)?;
    let doc = if file.as_os_str() == "-" {
        read_stdin()
            .map(|t| extractor.extract_str(&t))
            .map_err(|e| e.to_string())
    } else {
        extractor.extract_path(file).map_err(|e| e.to_string())
    };
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            eprintln!("rolefit: {e}");
            return Ok(EXIT_FAILURES);
        }
    };
    let text = match common.format {
        Some(Format::Json | Format::Jsonl) => format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        ),
        _ => render_document(&doc),
    };
    output(common, &text)
}

fn render_document(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "format: {}  pages: {}  as of: {}",
        doc.format,
        doc.pages.map_or("-".to_owned(), |p| p.to_string()),
        doc.as_of
    );
    let _ = writeln!(
        out,
        "--- text ({} bytes) ---\n{}\n--- end of text ---",
        doc.text.len(),
        doc.text
    );
    let _ = writeln!(out, "\nsections:");
    for s in &doc.sections {
        let heading = s
            .heading
            .map(|h| doc.slice(h).trim().to_owned())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<15} {:>6}..{:<6} {heading}",
            s.kind.as_str(),
            s.body.start,
            s.body.end
        );
    }
    let _ = writeln!(out, "\ncontact:");
    if let Some((span, confidence)) = doc.contact.name {
        let _ = writeln!(
            out,
            "  name   {} (confidence {confidence:.2})",
            doc.slice(span)
        );
    }
    for e in &doc.contact.emails {
        let _ = writeln!(out, "  email  {}", doc.slice(*e));
    }
    for p in &doc.contact.phones {
        let _ = writeln!(out, "  phone  {}", doc.slice(*p));
    }
    for l in &doc.contact.links {
        let _ = writeln!(out, "  link   {} ({:?})", doc.slice(l.span), l.kind);
    }
    let _ = writeln!(
        out,
        "\npositions ({} months in all):",
        doc.experience.total_months
    );
    for p in &doc.positions {
        let _ = writeln!(
            out,
            "  {} – {}{}  {} @ {}  ({} months)",
            p.dates.start,
            p.dates.end,
            if p.dates.ongoing { " (ongoing)" } else { "" },
            p.title.as_deref().unwrap_or("?"),
            p.employer.as_deref().unwrap_or("?"),
            p.dates.months()
        );
    }
    for (from, to) in &doc.experience.gaps {
        let _ = writeln!(out, "  gap {from} – {to}");
    }
    let _ = writeln!(out, "\neducation:");
    for e in &doc.education {
        let _ = writeln!(
            out,
            "  {:?} {} — {} {}",
            e.level,
            e.field.as_deref().unwrap_or(""),
            e.institution.as_deref().unwrap_or(""),
            e.year.map_or(String::new(), |y| y.to_string())
        );
    }
    let _ = writeln!(out, "\ndiagnostics:");
    if doc.diagnostics.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for d in &doc.diagnostics {
        let _ = writeln!(out, "  {d}");
    }
    out
}

pub fn skills(common: &Common, file: &Path, why: Option<&str>) -> Result<u8, String> {
    let pipeline = config::pipeline(common)?;
    let doc = if file.as_os_str() == "-" {
        read_stdin().map(|t| pipeline.extractor().extract_str(&t))
    } else {
        pipeline
            .extractor()
            .extract_path(file)
            .map_err(rolefit::Error::from)
    };
    let doc = match doc {
        Ok(d) => d,
        Err(e) => return file_error(common, file, &e, pipeline.taxonomy()),
    };
    let taxonomy = pipeline.taxonomy();
    if let Some(name) = why {
        let skill = taxonomy.find(name).ok_or_else(|| {
            format!("--why {name:?}: no skill of that id, name or alias in the taxonomy")
        })?;
        return output(
            common,
            &render_why(pipeline.matcher(), &doc, &skill.id, &skill.name),
        );
    }
    let matches = pipeline.matcher().find(&doc);
    let text = match common.format {
        Some(Format::Json | Format::Jsonl) => format!(
            "{}\n",
            serde_json::to_string_pretty(&matches).unwrap_or_default()
        ),
        _ => {
            let mut out = String::new();
            for e in &matches.skills {
                let skill = taxonomy.get(&e.skill);
                let name = skill.map_or(e.skill.as_str(), |s| s.name.as_str());
                if e.is_implied() {
                    let by: Vec<&str> = e.implied_by.iter().map(SkillId::as_str).collect();
                    let _ = writeln!(out, "{name} [{}] implied by {}", e.skill, by.join(", "));
                    continue;
                }
                let _ = writeln!(
                    out,
                    "{name} [{}]  {} mention(s), {} month(s){}",
                    e.skill,
                    e.mentions.len(),
                    e.months,
                    e.last_used
                        .map_or(String::new(), |m| format!(", last used {m}"))
                );
                for m in &e.mentions {
                    let _ = writeln!(
                        out,
                        "    {:>6}..{:<6} {:<14} {:<22} {:.2}  {:?}",
                        m.span.start,
                        m.span.end,
                        m.section.as_str(),
                        method(&m.method),
                        m.confidence,
                        doc.slice(m.span)
                    );
                }
            }
            out
        }
    };
    output(common, &text)
}

fn method(m: &MatchMethod) -> String {
    match m {
        MatchMethod::Exact => "exact".to_owned(),
        MatchMethod::CaseFolded => "case-folded".to_owned(),
        MatchMethod::Alias => "alias".to_owned(),
        MatchMethod::Fuzzy {
            distance,
            similarity,
        } => format!("fuzzy d={distance} s={similarity:.2}"),
        _ => format!("{m:?}"),
    }
}

fn render_why(
    matcher: &rolefit::matcher::Matcher,
    doc: &Document,
    id: &SkillId,
    name: &str,
) -> String {
    let found = matcher.find(doc);
    let mut out = String::new();
    if let Some(e) = found.get(id) {
        let _ = writeln!(
            out,
            "{name} [{id}] was found: {} mention(s){}",
            e.mentions.len(),
            if e.is_implied() { " (implied)" } else { "" }
        );
    } else {
        let _ = writeln!(out, "{name} [{id}] was not found.");
    }
    let misses = matcher.why_not(doc, id);
    if misses.is_empty() {
        let _ = writeln!(
            out,
            "No near misses: nothing in the text resembles its aliases."
        );
    }
    for m in misses {
        let _ = writeln!(
            out,
            "  {:>6}..{:<6} {:?} (alias {:?}): {}",
            m.span.start,
            m.span.end,
            doc.slice(m.span),
            m.alias,
            m.reason
        );
    }
    out
}

pub fn roles(common: &Common) -> Result<u8, String> {
    let taxonomy = effective_taxonomy(common)?;
    let mut out = String::new();
    for id in RoleProfile::embedded_ids() {
        match RoleProfile::embedded(id, &taxonomy) {
            Some(Ok(p)) => {
                let _ = writeln!(
                    out,
                    "{:<26} {:<40} {} requirements",
                    p.id,
                    p.title,
                    p.requirements.len()
                );
            }
            Some(Err(e)) => return Err(e.to_string()),
            None => {}
        }
    }
    output(common, &out)
}

pub fn profile(common: &Common, cmd: &ProfileCommand) -> Result<u8, String> {
    let taxonomy = effective_taxonomy(common)?;
    match cmd {
        ProfileCommand::Show { id } => {
            let profile = RoleProfile::embedded(id, &taxonomy)
                .ok_or_else(|| format!("unknown role {id:?}; see `rolefit roles`"))?
                .map_err(|e| e.to_string())?;
            output(common, &profile.to_toml())
        }
        ProfileCommand::Validate { file } => {
            let profile = RoleProfile::from_path(file, &taxonomy).map_err(|e| e.to_string())?;
            output(
                common,
                &format!(
                    "{}: valid profile {:?}: {} requirements in {} categories\n",
                    file.display(),
                    profile.id,
                    profile.requirements.len(),
                    profile.categories.len()
                ),
            )
        }
        ProfileCommand::FromJd { file } => {
            let pipeline = config::pipeline(common)?;
            let doc = pipeline
                .extractor()
                .extract_path(file)
                .map_err(|e| e.to_string())?;
            let derived = RoleProfile::from_job_description(
                doc.text(),
                pipeline.taxonomy(),
                pipeline.matcher(),
            )
            .map_err(|e| format!("{}: {e}", file.display()))?;
            if !common.quiet {
                for d in &derived.derivations {
                    let years = d
                        .min_months
                        .map_or(String::new(), |m| format!(", at least {m} months"));
                    eprintln!(
                        "rolefit: line {}: {} ({}{years}) from {:?}",
                        d.line,
                        d.label,
                        d.importance.as_str(),
                        d.text
                    );
                }
                for note in &derived.notes {
                    eprintln!("rolefit: note: {note}");
                }
            }
            output(common, &derived.profile.to_toml())
        }
    }
}

/// The effective taxonomy: the embedded default with `--taxonomy` files merged over it.
fn effective_taxonomy(common: &Common) -> Result<Taxonomy, String> {
    if common.taxonomy.is_empty() {
        return Ok(Taxonomy::embedded().clone());
    }
    let mut builder = TaxonomyBuilder::new();
    builder.add_default().map_err(|e| e.to_string())?;
    for file in &common.taxonomy {
        builder.add_file(file).map_err(|e| e.to_string())?;
    }
    builder.build().map_err(|e| e.to_string())
}

pub fn taxonomy_command(common: &Common, cmd: &TaxonomyCommand) -> Result<u8, String> {
    match cmd {
        TaxonomyCommand::Stats => {
            let t = effective_taxonomy(common)?;
            output(common, &render_stats(&t))
        }
        TaxonomyCommand::Validate { file } => {
            let mut builder = TaxonomyBuilder::new();
            builder.add_default().map_err(|e| e.to_string())?;
            builder.add_file(file).map_err(|e| e.to_string())?;
            let t = builder.build().map_err(|e| e.to_string())?;
            output(
                common,
                &format!(
                    "{}: valid; merged over the default:\n{}",
                    file.display(),
                    render_stats(&t)
                ),
            )
        }
        TaxonomyCommand::Export { spec_format } => {
            let t = effective_taxonomy(common)?;
            let text = match spec_format {
                SpecFormatArg::Json => t.to_json(),
                SpecFormatArg::Toml => t.to_toml(),
            }
            .map_err(|e| e.to_string())?;
            output(common, &text)
        }
        TaxonomyCommand::Import {
            esco,
            onet,
            spec_format,
        } => {
            let (path, spec) = match (esco, onet) {
                (Some(p), _) => (p, import::esco_csv as Importer),
                (None, Some(p)) => (p, import::onet_technology_skills as Importer),
                (None, None) => {
                    return Err("taxonomy import: give --esco CSV or --onet FILE".to_owned())
                }
            };
            let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let spec = spec(file, &path.display().to_string()).map_err(|e| e.to_string())?;
            let text = match spec_format {
                SpecFormatArg::Json => {
                    serde_json::to_string_pretty(&spec).map_err(|e| e.to_string())
                }
                SpecFormatArg::Toml => toml::to_string(&spec).map_err(|e| e.to_string()),
            }
            .map_err(|e| format!("{}: {e}", path.display()))?;
            output(common, &text)
        }
    }
}

/// An importer of a foreign taxonomy format.
type Importer = fn(std::fs::File, &str) -> Result<TaxonomySpec, TaxonomyError>;

fn render_stats(t: &Taxonomy) -> String {
    let s = t.stats();
    let mut out = format!(
        "taxonomy {} (sha256 {})\nskills: {}\naliases: {}\nlabels: {}\nO*NET hot technologies: {}\nwith ESCO URI: {}\nper category:\n",
        t.stamp().version, t.stamp().hash, s.skills, s.aliases, s.labels, s.onet_hot, s.with_esco_uri
    );
    for (category, n) in &s.per_category {
        let name = serde_json::to_value(category)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = writeln!(out, "  {name:<24} {n}");
    }
    out
}
