//! Checks shared by the property tests, the hostile-corpus test and the fuzz targets: every
//! span a stage hands out must slice the text it points into.

use rolefit::extract::{Document, Span};
use rolefit::matcher::MatchSet;

/// Returns why `span` does not slice `text` (out of range, reversed, or off a char boundary).
pub fn span_problem(text: &str, span: Span) -> Option<String> {
    if span.start > span.end {
        return Some(format!("reversed span {}..{}", span.start, span.end));
    }
    if text.get(span.range()).is_none() {
        return Some(format!(
            "span {}..{} does not slice a text of {} bytes on char boundaries",
            span.start,
            span.end,
            text.len()
        ));
    }
    None
}

/// Every span of `doc` (sections, tokens, contact, positions, education): the first that
/// does not slice `doc.text()`, with what it belongs to.
pub fn document_problem(doc: &Document) -> Option<String> {
    let text = doc.text();
    let mut spans: Vec<(&str, Span)> = Vec::new();
    for s in &doc.sections {
        spans.push(("section body", s.body));
        if let Some(h) = s.heading {
            spans.push(("section heading", h));
        }
    }
    spans.extend(doc.tokens.iter().map(|t| ("token", t.span)));
    if let Some((name, _)) = doc.contact.name {
        spans.push(("contact name", name));
    }
    spans.extend(doc.contact.emails.iter().map(|s| ("email", *s)));
    spans.extend(doc.contact.phones.iter().map(|s| ("phone", *s)));
    spans.extend(doc.contact.links.iter().map(|l| ("link", l.span)));
    for p in &doc.positions {
        spans.push(("position", p.span));
        spans.push(("position dates", p.dates.span));
    }
    spans.extend(doc.education.iter().map(|e| ("education", e.span)));
    for t in &doc.tokens {
        if t.section >= doc.sections.len().max(1) {
            return Some(format!(
                "token at {} names section {} of {}",
                t.span.start,
                t.section,
                doc.sections.len()
            ));
        }
    }
    spans
        .into_iter()
        .find_map(|(what, span)| span_problem(text, span).map(|p| format!("{what}: {p}")))
}

/// Every mention in `set`, top-level and per skill: the first whose span does not slice
/// `text`, or whose confidence is outside [0, 1].
pub fn matches_problem(text: &str, set: &MatchSet) -> Option<String> {
    let per_skill = set.skills.iter().flat_map(|e| e.mentions.iter());
    set.mentions.iter().chain(per_skill).find_map(|m| {
        if let Some(p) = span_problem(text, m.span) {
            return Some(format!("mention of {}: {p}", m.skill));
        }
        if !(0.0..=1.0).contains(&m.confidence) {
            return Some(format!(
                "mention of {} has confidence {}",
                m.skill, m.confidence
            ));
        }
        None
    })
}

/// Returns why an extraction error is not an acceptable answer to hostile input: an empty
/// message, or a panic in rolefit's own reading code (engine panics are contained and fine;
/// a panic of ours, though caught, is a bug).
pub fn extract_error_problem(e: &rolefit::extract::Error) -> Option<String> {
    if e.message().trim().is_empty() {
        return Some(format!("{:?} error without a message", e.kind()));
    }
    if e.kind() == rolefit::extract::ErrorKind::Crashed
        && e.message().starts_with("the reader panicked")
    {
        return Some(format!("rolefit's own code panicked: {}", e.message()));
    }
    None
}
