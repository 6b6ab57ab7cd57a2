//! The body of each fuzz target, shared with `tests/fuzz_regressions.rs` so that a crash
//! reproducer replays through exactly the code the fuzzer ran. Each check returns `Err` with
//! a description when the input breaks a promise; a panic escaping is a failure too.
//! Includers must also include `support/invariants.rs` as `crate::invariants`.

use std::path::Path;
use std::sync::OnceLock;

use rolefit::extract::{Extractor, Limits};
use rolefit::matcher::{Matcher, SpecFormat, Taxonomy, TaxonomyBuilder};
use rolefit::score::RoleProfile;

use crate::invariants;

/// File-name hints, chosen by the first input byte of `extract_bytes`.
const HINTS: [Option<&str>; 5] = [
    None,
    Some("r.pdf"),
    Some("r.docx"),
    Some("r.txt"),
    Some("r.md"),
];

/// `Extractor::extract_bytes` on `data[1..]` with the hint `data[0]` selects: a document whose
/// spans slice its text, or an error that is not a panic of rolefit's own code.
pub fn extract_bytes(data: &[u8]) -> Result<(), String> {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    let Some((&selector, bytes)) = data.split_first() else {
        return Ok(());
    };
    let extractor = EXTRACTOR.get_or_init(|| {
        Extractor::builder()
            .limits(Limits {
                max_bytes: 1 << 20,
                ..Limits::default()
            })
            .build()
    });
    let hint = HINTS[usize::from(selector) % HINTS.len()].map(Path::new);
    let problem = match extractor.extract_bytes(bytes, hint) {
        Ok(doc) => invariants::document_problem(&doc),
        Err(e) => invariants::extract_error_problem(&e),
    };
    problem.map_or(Ok(()), Err)
}

/// `TaxonomyBuilder::add_str` (TOML when `data[0]` is even, JSON when odd) then `build`, and a
/// matcher over what validates: errors, never panics.
pub fn taxonomy_source(data: &[u8]) -> Result<(), String> {
    let Some((&selector, bytes)) = data.split_first() else {
        return Ok(());
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let format = if selector & 1 == 0 {
        SpecFormat::Toml
    } else {
        SpecFormat::Json
    };
    let mut builder = TaxonomyBuilder::new();
    if builder.add_str("fuzz", text, format).is_ok() {
        if let Ok(taxonomy) = builder.build() {
            if let Ok(matcher) = Matcher::new(&taxonomy) {
                let set = matcher.find_text(text);
                if let Some(p) = invariants::matches_problem(text, &set) {
                    return Err(p);
                }
            }
        }
    }
    Ok(())
}

/// `RoleProfile::from_toml_str` against [`taxonomy`]: errors, never panics, and a profile that
/// loads also loads from its own `to_toml`.
pub fn profile(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    if let Ok(profile) = RoleProfile::from_toml_str("fuzz.toml", text, taxonomy()) {
        if let Err(e) = RoleProfile::from_toml_str("again.toml", &profile.to_toml(), taxonomy()) {
            return Err(format!("a loaded profile's own TOML is rejected: {e}"));
        }
    }
    Ok(())
}

/// `Matcher::find_text` over the (lossily decoded) bytes: every mention slices the text.
pub fn matcher_text(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let set = matcher().find_text(&text);
    invariants::matches_problem(&text, &set).map_or(Ok(()), Err)
}

/// The taxonomy the matcher and profile checks use: the embedded default.
pub fn taxonomy() -> &'static Taxonomy {
    Taxonomy::embedded()
}

/// A matcher over [`taxonomy`], compiled once per process.
pub fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(taxonomy()).expect("the taxonomy compiles"))
}
