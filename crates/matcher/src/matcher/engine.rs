//! The exact pass: every alias of the taxonomy in one aho-corasick automaton, searched with
//! overlapping (Standard) semantics so that no valid match hides behind a longer invalid one,
//! then filtered by a boundary class made for technology names.
//!
//! Boundaries are decided on the folded text. A match may not continue a word on either side
//! (`java` in `javascript`, `go` in `google`), may not be followed by `+` or `#` (`c` in `c++`),
//! and may not be glued by `.`, `&` or `@` to a following word (`node` in `node.js`, `r` in
//! `r&d`) — while sentence punctuation (`python.`) and separators (`python/go`) are fine.
//! A version number glued to a name (`python3`, `java11`, `html5`) is allowed for names of
//! at least three characters ending in a letter.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::matcher::context::CompiledPolicy;
use crate::matcher::normalize::fold_label;
use crate::matcher::MatchBuildError;
use crate::taxonomy::Taxonomy;

/// One (skill, alias) pair the automaton can report.
#[derive(Debug)]
pub(crate) struct AliasEntry {
    /// Index of the skill in `Taxonomy::skills`.
    pub(crate) skill: usize,
    /// The alias as written in the taxonomy.
    pub(crate) text: String,
    /// The alias folded without lower-casing, for case-sensitive checks and `Exact`.
    pub(crate) cased: String,
    /// Whether this alias is the skill's display name.
    pub(crate) is_name: bool,
    /// How it is matched.
    pub(crate) policy: CompiledPolicy,
}

/// A boundary-valid occurrence of a pattern in the folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    /// Start in the folded text.
    pub(crate) start: usize,
    /// End in the folded text.
    pub(crate) end: usize,
    /// The automaton's pattern index.
    pub(crate) pattern: usize,
}

/// The compiled exact matcher.
#[derive(Debug)]
pub(crate) struct Engine {
    automaton: AhoCorasick,
    /// For each pattern, the range of `entries` it reports.
    pattern_entries: Vec<(u32, u32)>,
    /// For each pattern, whether a glued version number may follow it.
    versionable: Vec<bool>,
    /// Every alias entry, grouped by pattern.
    pub(crate) entries: Vec<AliasEntry>,
    /// The folded patterns, in automaton order.
    pub(crate) patterns: Vec<String>,
}

impl Engine {
    /// Compiles every name and alias of `taxonomy`, running `alongside` over the alias
    /// entries on this thread while the automaton is built on another (the two are the
    /// bulk of a matcher's build time).
    pub(crate) fn build<T: Send>(
        taxonomy: &Taxonomy,
        alongside: impl FnOnce(&[AliasEntry]) -> T + Send,
    ) -> Result<(Engine, T), MatchBuildError> {
        let mut by_pattern: std::collections::BTreeMap<String, Vec<AliasEntry>> =
            Default::default();
        for (index, skill) in taxonomy.skills().iter().enumerate() {
            let mut seen: Vec<String> = Vec::new();
            // The aliases first, so that a name listed again as an alias keeps its policy.
            let named = skill
                .aliases
                .iter()
                .map(|a| (a.text.as_str(), Some(&a.policy)));
            let name_policy = skill
                .aliases
                .iter()
                .find(|a| fold_label(&a.text, true) == fold_label(&skill.name, true))
                .map(|a| &a.policy);
            let all = std::iter::once((skill.name.as_str(), name_policy)).chain(named);
            for (i, (text, policy)) in all.enumerate() {
                let folded = fold_label(text, true);
                if folded.is_empty() {
                    return Err(MatchBuildError::EmptyAlias {
                        skill: skill.id.clone(),
                        alias: text.to_owned(),
                    });
                }
                if seen.contains(&folded) {
                    continue;
                }
                seen.push(folded.clone());
                let policy = CompiledPolicy::compile(policy.cloned().unwrap_or_default());
                by_pattern.entry(folded).or_default().push(AliasEntry {
                    skill: index,
                    text: text.to_owned(),
                    cased: fold_label(text, false),
                    is_name: i == 0,
                    policy,
                });
            }
        }
        let mut patterns = Vec::with_capacity(by_pattern.len());
        let mut pattern_entries = Vec::with_capacity(by_pattern.len());
        let mut versionable = Vec::with_capacity(by_pattern.len());
        let mut entries = Vec::new();
        for (pattern, group) in by_pattern {
            let first = entries.len() as u32;
            versionable.push(
                pattern.chars().count() >= 3
                    && pattern.ends_with(|c: char| c.is_ascii_alphabetic())
                    && group.iter().all(|e| !e.policy.requires_context),
            );
            entries.extend(group);
            pattern_entries.push((first, entries.len() as u32));
            patterns.push(pattern);
        }
        let (automaton, extra) = std::thread::scope(|scope| {
            let automaton = scope.spawn(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| MatchBuildError::Automaton(e.to_string()))
            });
            let extra = alongside(&entries);
            let automaton = automaton.join().unwrap_or_else(|_| {
                Err(MatchBuildError::Automaton(
                    "the automaton build panicked".to_owned(),
                ))
            });
            (automaton, extra)
        });
        let engine = Engine {
            automaton: automaton?,
            pattern_entries,
            versionable,
            entries,
            patterns,
        };
        Ok((engine, extra))
    }

    /// The alias entries a pattern reports.
    pub(crate) fn entries_of(&self, pattern: usize) -> std::ops::Range<usize> {
        let (a, b) = self.pattern_entries[pattern];
        a as usize..b as usize
    }

    /// Number of patterns in the automaton.
    pub(crate) fn pattern_count(&self) -> usize {
        self.pattern_entries.len()
    }

    /// Every boundary-valid occurrence of every pattern in the folded `text`, overlapping ones
    /// included, ordered by start then end.
    pub(crate) fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            let pattern = m.pattern().as_usize();
            if left_boundary(text, start) && right_boundary(text, end, self.versionable[pattern]) {
                hits.push(Hit {
                    start,
                    end,
                    pattern,
                });
            }
        }
        hits.sort_unstable_by_key(|h| (h.start, h.end, h.pattern));
    }
}

/// Returns true if and only if `c` continues a word.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    match text.as_bytes()[..at].last() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[..at].chars().next_back(),
    }
}

fn char_after(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[at..].chars().next(),
    }
}

/// Returns true if and only if a match may start at `start`.
pub(crate) fn left_boundary(text: &str, start: usize) -> bool {
    match char_before(text, start) {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some('@') => false,
        Some(c @ ('.' | '&')) => !char_before(text, start - c.len_utf8()).is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// Returns true if and only if a match may end at `end`; `versionable` allows a glued
/// version number (`python3`, `java 11` is fine anyway).
pub(crate) fn right_boundary(text: &str, end: usize, versionable: bool) -> bool {
    match char_after(text, end) {
        None => true,
        Some(c) if c.is_ascii_digit() && versionable => {
            let rest = &text[end..];
            let mut len = rest.bytes().take_while(u8::is_ascii_digit).count();
            while rest[len..].starts_with('.')
                && rest[len + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                len += 1 + rest[len + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .count();
            }
            right_boundary(text, end + len, false)
        }
        Some(c) if is_word_char(c) => false,
        Some('+' | '#') => false,
        Some(c @ ('.' | '&' | '@')) => {
            !char_after(text, end + c.len_utf8()).is_some_and(is_word_char)
        }
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(text: &str, needle: &str, versionable: bool) -> bool {
        let start = text.find(needle).unwrap();
        left_boundary(text, start) && right_boundary(text, start + needle.len(), versionable)
    }

    #[test]
    fn boundary_class() {
        assert!(!valid("javascript", "java", true));
        assert!(!valid("c++ and c#", "c", false));
        assert!(valid("c++ and c#", "c++", false));
        assert!(!valid("node.js", "node", true));
        assert!(!valid("asp.net", "net", true));
        assert!(valid("using .net 8", ".net", true));
        assert!(!valid("r&d budget", "r", false));
        assert!(!valid("google", "go", false));
        assert!(valid("python.", "python", true));
        assert!(valid("python, go.", "go", false));
        assert!(valid("python3.11 and", "python", true));
        assert!(!valid("python3x", "python", true));
        assert!(!valid("go2", "go", false));
        assert!(valid("python/go", "go", false));
        assert!(!valid("me@python.org", "python", true));
        assert!(valid("scikit-learn", "scikit-learn", true));
    }
}
