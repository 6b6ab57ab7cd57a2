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
use compact_str::CompactString;

use crate::matcher::context::{is_job_title, CompiledPolicy, PhraseHit, PhraseHits, PhraseTable};
use crate::matcher::normalize::fold_label;
use crate::matcher::{merge_sorted, MatchBuildError};
use crate::taxonomy::{Alias, AliasPolicy, Taxonomy};

/// One (skill, alias) pair the automaton can report.
#[derive(Debug)]
pub(crate) struct AliasEntry {
    /// Index of the skill in `Taxonomy::skills`.
    pub(crate) skill: usize,
    /// The alias as written in the taxonomy.
    pub(crate) text: CompactString,
    /// The alias folded without lower-casing, for case-sensitive checks and `Exact`.
    pub(crate) cased: String,
    /// Whether this alias is the skill's display name.
    pub(crate) is_name: bool,
    /// Index of its folded form in `Engine::patterns`.
    pub(crate) pattern: u32,
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
    /// The patterns the automaton searches for, by its pattern id; phrase `id` is its
    /// pattern `searched.len() + id`.
    searched: Vec<u32>,
    /// Patterns of one byte ("c", "r"), with their byte: found by memchr instead, as
    /// they occur inside most words and hardly ever count.
    single_bytes: Vec<(u8, u32)>,
    /// What is known of each pattern.
    pattern_info: Vec<PatternInfo>,
    /// Every alias entry, grouped by pattern.
    pub(crate) entries: Vec<AliasEntry>,
    /// The folded patterns, sorted.
    pub(crate) patterns: Vec<String>,
    /// The anchor words and reject phrases of every alias policy, found by the automaton
    /// after the searched patterns (see `searched`).
    pub(crate) phrases: PhraseTable,
}

/// The most one-byte patterns found by memchr (the rest go to the automaton).
const MEMCHR_NEEDLES: usize = 3;

/// What the matcher knows of one pattern before it sees any text.
#[derive(Clone, Copy, Debug)]
struct PatternInfo {
    /// The range of `Engine::entries` it reports.
    entries: (u32, u32),
    /// A glued version number may follow it.
    versionable: bool,
    /// It names a job ("data engineer"), not a skill (see [`is_job_title`]).
    job_title: bool,
}

/// One name or alias of a skill, folded, before it is compiled.
struct Written<'t> {
    folded: String,
    skill: usize,
    text: &'t str,
    is_name: bool,
    policy: Option<&'t AliasPolicy>,
}

/// Every distinct folded name and alias of every skill, in taxonomy order.
fn written_forms(taxonomy: &Taxonomy) -> Result<Vec<Written<'_>>, MatchBuildError> {
    let mut out = Vec::new();
    for (index, skill) in taxonomy.skills().iter().enumerate() {
        let aliases: Vec<(String, &Alias)> = skill
            .aliases
            .iter()
            .map(|a| (fold_label(&a.text, true), a))
            .collect();
        let name = fold_label(&skill.name, true);
        // A name listed again as an alias keeps the alias's policy.
        let name_policy = aliases
            .iter()
            .find(|(folded, _)| *folded == name)
            .map(|(_, a)| &a.policy);
        let all = std::iter::once((name, skill.name.as_str(), name_policy)).chain(
            aliases
                .into_iter()
                .map(|(folded, a)| (folded, a.text.as_str(), Some(&a.policy))),
        );
        let first = out.len();
        for (i, (folded, text, policy)) in all.enumerate() {
            if folded.is_empty() {
                return Err(MatchBuildError::EmptyAlias {
                    skill: skill.id.clone(),
                    alias: text.to_owned(),
                });
            }
            if out[first..].iter().any(|w: &Written| w.folded == folded) {
                continue;
            }
            out.push(Written {
                folded,
                skill: index,
                text,
                is_name: i == 0,
                policy,
            });
        }
    }
    Ok(out)
}

/// The alias entries of every pattern, with their policies compiled.
struct Compiled {
    entries: Vec<AliasEntry>,
    pattern_info: Vec<PatternInfo>,
}

impl Compiled {
    /// Compiles `groups`, the written forms of each of `patterns` in turn.
    fn new(groups: &[&[Written]], patterns: &[String], phrases: &PhraseTable) -> Compiled {
        let mut entries = Vec::with_capacity(groups.iter().map(|g| g.len()).sum());
        let mut pattern_info = Vec::with_capacity(groups.len());
        for (pattern, (group, folded)) in groups.iter().zip(patterns).enumerate() {
            let first = entries.len();
            entries.extend(group.iter().map(|w| AliasEntry {
                skill: w.skill,
                text: w.text.into(),
                cased: fold_label(w.text, false),
                is_name: w.is_name,
                pattern: pattern as u32,
                policy: w.policy.map_or_else(CompiledPolicy::default, |p| {
                    CompiledPolicy::compile(p, phrases)
                }),
            }));
            pattern_info.push(PatternInfo {
                entries: (first as u32, entries.len() as u32),
                versionable: folded.chars().count() >= 3
                    && folded.ends_with(|c: char| c.is_ascii_alphabetic())
                    && entries[first..].iter().all(|e| !e.policy.requires_context),
                job_title: is_job_title(folded),
            });
        }
        Compiled {
            entries,
            pattern_info,
        }
    }
}

impl Engine {
    /// Compiles every name and alias of `taxonomy`. The automaton is built on another
    /// thread while this one compiles the alias policies and runs `alongside` over the
    /// alias entries and the folded patterns (together the bulk of a matcher's build time).
    pub(crate) fn build<T: Send>(
        taxonomy: &Taxonomy,
        alongside: impl FnOnce(&[AliasEntry], &[String]) -> T + Send,
    ) -> Result<(Engine, T), MatchBuildError> {
        let mut written = written_forms(taxonomy)?;
        // Stable, so the entries of one pattern keep taxonomy order.
        written.sort_by(|a, b| a.folded.cmp(&b.folded));
        let groups: Vec<&[Written]> = written.chunk_by(|a, b| a.folded == b.folded).collect();
        let patterns: Vec<String> = groups.iter().map(|g| g[0].folded.clone()).collect();
        let mut phrases = PhraseTable::default();
        for policy in written.iter().filter_map(|w| w.policy) {
            phrases.add(policy);
        }
        let single_bytes: Vec<(u8, u32)> = (patterns.iter().enumerate())
            .filter_map(|(i, p)| match p.as_bytes() {
                &[b] => Some((b, i as u32)),
                _ => None,
            })
            .take(MEMCHR_NEEDLES)
            .collect();
        let searched: Vec<u32> = (0..patterns.len() as u32)
            .filter(|i| !single_bytes.iter().any(|(_, p)| p == i))
            .collect();
        let (automaton, compiled, extra) = std::thread::scope(|scope| {
            let automaton = scope.spawn(|| {
                let searched = searched.iter().map(|&i| &patterns[i as usize]);
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(searched.chain(phrases.texts()))
                    .map_err(|e| MatchBuildError::Automaton(e.to_string()))
            });
            let compiled = Compiled::new(&groups, &patterns, &phrases);
            let extra = alongside(&compiled.entries, &patterns);
            let automaton = automaton.join().unwrap_or_else(|_| {
                Err(MatchBuildError::Automaton(
                    "the automaton build panicked".to_owned(),
                ))
            });
            (automaton, compiled, extra)
        });
        let engine = Engine {
            automaton: automaton?,
            searched,
            single_bytes,
            phrases,
            pattern_info: compiled.pattern_info,
            entries: compiled.entries,
            patterns,
        };
        Ok((engine, extra))
    }

    /// The alias entries a pattern reports.
    pub(crate) fn entries_of(&self, pattern: usize) -> std::ops::Range<usize> {
        let (a, b) = self.pattern_info[pattern].entries;
        a as usize..b as usize
    }

    /// Returns true if and only if `pattern` names a job, not a skill.
    pub(crate) fn names_job(&self, pattern: usize) -> bool {
        self.pattern_info[pattern].job_title
    }

    /// Number of patterns in the automaton.
    pub(crate) fn pattern_count(&self) -> usize {
        self.pattern_info.len()
    }

    /// Every boundary-valid occurrence of every pattern in the folded `text`, overlapping ones
    /// included, ordered by start then end; and every occurrence of every phrase.
    pub(crate) fn scan(&self, text: &str, hits: &mut Vec<Hit>, phrase_hits: &mut PhraseHits) {
        let key = |h: &Hit| (h.start, h.end, h.pattern);
        // The automaton reports hits by end, so insertion puts each one in place past the
        // few it overlaps; a text of deeply overlapping hits falls back to one sort.
        let mut moves = 0usize;
        let mut inserting = true;
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            let Some(&pattern) = self.searched.get(m.pattern().as_usize()) else {
                // Phrase offsets are 32-bit; a text beyond 4 GiB has no phrases found.
                if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) {
                    let id = (m.pattern().as_usize() - self.searched.len()) as u32;
                    phrase_hits.push(PhraseHit { start, end, id });
                }
                continue;
            };
            let pattern = pattern as usize;
            if !self.bounded(text, start, end, pattern) {
                continue;
            }
            hits.push(Hit {
                start,
                end,
                pattern,
            });
            if inserting {
                let mut i = hits.len() - 1;
                while i > 0 && key(&hits[i - 1]) > key(&hits[i]) {
                    hits.swap(i - 1, i);
                    i -= 1;
                }
                moves += hits.len() - 1 - i;
                inserting = moves <= 8 * hits.len() + 1024;
            }
        }
        if !inserting {
            hits.sort_unstable_by_key(key);
        }
        *hits = merge_sorted(std::mem::take(hits), self.single_byte_hits(text), key);
    }

    /// Returns true if and only if `pattern` at `start..end` of `text` is not part of a
    /// longer word, number or symbol run (see [`left_boundary`] and [`right_boundary`]).
    fn bounded(&self, text: &str, start: usize, end: usize, pattern: usize) -> bool {
        left_boundary(text, start)
            && right_boundary(text, end, self.pattern_info[pattern].versionable)
    }

    /// The boundary-valid occurrences of the one-byte patterns, by start.
    fn single_byte_hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut found = |start: usize| {
            let byte = text.as_bytes()[start];
            let Some(&(_, pattern)) = self.single_bytes.iter().find(|(b, _)| *b == byte) else {
                return;
            };
            let (pattern, end) = (pattern as usize, start + 1);
            if self.bounded(text, start, end, pattern) {
                hits.push(Hit {
                    start,
                    end,
                    pattern,
                });
            }
        };
        let bytes = text.as_bytes();
        match self.single_bytes[..] {
            [] => {}
            [(a, _)] => memchr::memchr_iter(a, bytes).for_each(&mut found),
            [(a, _), (b, _)] => memchr::memchr2_iter(a, b, bytes).for_each(&mut found),
            [(a, _), (b, _), (c, _), ..] => {
                memchr::memchr3_iter(a, b, c, bytes).for_each(&mut found)
            }
        }
        hits
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

#[inline]
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
#[inline]
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

    /// Every boundary-valid occurrence of every pattern, by brute force.
    fn all_hits(engine: &Engine, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (pattern, needle) in engine.patterns.iter().enumerate() {
            for start in (0..text.len()).filter(|&at| text[at..].starts_with(needle.as_str())) {
                let end = start + needle.len();
                if engine.bounded(text, start, end, pattern) {
                    out.push((start, end, pattern));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn scan_orders_overlapping_hits_by_start_then_end() {
        // Aliases that all overlap one another: the first text needs a handful of moves
        // per hit, the second (one long run of them) more than insertion is allowed.
        let aliases: Vec<String> = (1..=12).map(|n| vec!["x y"; n].join(" ")).collect();
        let spec = format!(
            "[[skill]]\nid = \"xy\"\nname = \"x\"\ncategory = \"other\"\naliases = {aliases:?}\n"
        );
        let taxonomy = crate::TaxonomyBuilder::new()
            .add_str("xy.toml", &spec, crate::SpecFormat::Toml)
            .unwrap()
            .build()
            .unwrap();
        let (engine, ()) = Engine::build(&taxonomy, |_, _| ()).unwrap();
        for text in ["a x y b x y x y c x", &vec!["x y"; 400].join(" ")] {
            let mut hits = Vec::new();
            engine.scan(text, &mut hits, &mut PhraseHits::default());
            let got: Vec<_> = hits.iter().map(|h| (h.start, h.end, h.pattern)).collect();
            assert!(
                got == all_hits(&engine, text),
                "{} hits, out of order",
                got.len()
            );
        }
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
