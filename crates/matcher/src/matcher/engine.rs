//! The exact pass: every alias of the taxonomy in one aho-corasick automaton, walked
//! anchored from every place a match may start (a word start, or a character that begins a
//! pattern), so that every match is found — overlapping ones too, and none hides behind a
//! longer invalid one — then filtered by a boundary class made for technology names.
//!
//! Boundaries are decided on the folded text. A match may not continue a word on either side
//! (`java` in `javascript`, `go` in `google`), may not be followed by `+` or `#` (`c` in `c++`),
//! and may not be glued by `.`, `&` or `@` to a following word (`node` in `node.js`, `r` in
//! `r&d`) — while sentence punctuation (`python.`) and separators (`python/go`) are fine.
//! A version number glued to a name (`python3`, `java11`, `html5`) is allowed for names of
//! at least three characters ending in a letter.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use compact_str::CompactString;

use crate::matcher::context::{is_job_title, CompiledPolicy, PhraseHit, PhraseHits, PhraseTable};
use crate::matcher::normalize::fold_label;
use crate::matcher::word_map::WordMap;
use crate::matcher::{MatchBuildError, WordTokens};
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
    /// Every pattern, then every phrase (phrase `id` is automaton pattern
    /// `patterns.len() + id`), walked anchored only.
    automaton: NFA,
    /// Whether some pattern or phrase begins with the byte (walked from between words).
    first_bytes: [bool; 256],
    /// Where the walk from a word start goes, by the word.
    words: WordStarts,
    /// What is known of each pattern.
    pattern_info: Vec<PatternInfo>,
    /// Every alias entry, grouped by pattern.
    pub(crate) entries: Vec<AliasEntry>,
    /// The folded patterns, sorted.
    pub(crate) patterns: Vec<String>,
    /// The anchor words and reject phrases of every alias policy, found by the same walk.
    pub(crate) phrases: PhraseTable,
}

/// The automaton walk over every word a pattern or phrase begins with, done once when the
/// engine is built: a word start then costs one look-up instead of a step per byte.
///
/// A word that no pattern begins with can still hold a hit that counts, but only as a
/// pattern with a glued version number ("python3") or an anchor word that runs on into the
/// word ("goroutine" in "goroutines"); such words are walked.
#[derive(Debug, Default)]
struct WordStarts {
    /// Each leading word, and each common word (see [`Engine::build`]) → what is known of
    /// it.
    known: WordMap<Box<str>, KnownWord>,
    /// The walks of `known` (kept apart, so that the map's entries stay small).
    runs: Vec<Run>,
    /// (length, automaton pattern) of every pattern or phrase that is a prefix of a
    /// leading word, shortest first, grouped by word.
    matches: Vec<(u32, u32)>,
    /// The first three bytes of every anchor made of word characters only, hashed into a
    /// bit set (a shorter anchor sets every byte that may follow it).
    anchor_heads: Vec<u64>,
}

/// What the scan knows of a word before it sees any text.
#[derive(Clone, Copy, Debug)]
struct KnownWord {
    /// The index of the automaton walk over it in `WordStarts::runs` if a pattern or phrase
    /// begins with it, else [`KnownWord::NO_RUN`].
    run: u32,
    /// The fuzzy pass never reads it as a typo.
    common: bool,
}

impl KnownWord {
    const NO_RUN: u32 = u32::MAX;
}

/// The automaton walk over one leading word.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// The state after the word.
    state: StateID,
    /// The range of `WordStarts::matches` that end within the word.
    matches: (u32, u32),
    /// The next two bytes of every pattern and phrase that goes on past the word, as a
    /// bit set (see [`next_bit`]; 0: none goes on).
    next: u64,
}

/// The bit of `Run::next` for the two bytes after a leading word (`None` past the end of
/// the text or of a pattern: a pattern one byte longer than its word sets every bit).
fn next_bit(first: u8, second: Option<u8>) -> u64 {
    let pair = usize::from(first) * 31 + usize::from(second.unwrap_or(0));
    1 << (pair % 64)
}

/// The leading run of word characters of `text`.
fn leading_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// log2 of the number of bits in `WordStarts::anchor_heads` (32 KiB).
const HEAD_BITS: u32 = 18;

/// The bit of `anchor_heads` for a word beginning `a`, `b`, `c` (0 past its end).
fn head_bit(a: u8, b: u8, c: u8) -> usize {
    let head = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (head.wrapping_mul(0x9E37_79B1) >> (32 - HEAD_BITS)) as usize
}

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
    /// Compiles every name and alias of `taxonomy`; [`Engine::scan`] reports the words of
    /// `common` as common. The automaton is built on another thread while this one
    /// compiles the alias policies, runs `alongside` over the alias entries and the folded
    /// patterns, and files the common words (together the bulk of a matcher's build time).
    pub(crate) fn build<T: Send>(
        taxonomy: &Taxonomy,
        common: impl IntoIterator<Item = String>,
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
        let mut first_bytes = [false; 256];
        for text in patterns.iter().chain(phrases.texts()) {
            first_bytes[usize::from(text.as_bytes()[0])] = true;
        }
        let (automaton, compiled, extra, known) = std::thread::scope(|scope| {
            let automaton = scope.spawn(|| {
                NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(patterns.iter().chain(phrases.texts()))
                    .map_err(|e| MatchBuildError::Automaton(e.to_string()))
            });
            let compiled = Compiled::new(&groups, &patterns, &phrases);
            let extra = alongside(&compiled.entries, &patterns);
            let mut known = WordMap::default();
            let common_word = KnownWord {
                run: KnownWord::NO_RUN,
                common: true,
            };
            for word in common {
                known.get_or_insert_with(word.into(), || common_word);
            }
            let automaton = automaton.join().unwrap_or_else(|_| {
                Err(MatchBuildError::Automaton(
                    "the automaton build panicked".to_owned(),
                ))
            });
            (automaton, compiled, extra, known)
        });
        let automaton = automaton?;
        let anchors = compiled.entries.iter().flat_map(|e| e.policy.anchors());
        let words = WordStarts::new(
            known,
            &automaton,
            &patterns,
            phrases.texts(),
            anchors.copied(),
        );
        let engine = Engine {
            automaton,
            first_bytes,
            words,
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

    /// Scans the folded `text` (see [`Scan`]), calling `unread(start, end, common)` with
    /// every word token that no hit overlaps, in order (`common`: one of the common words
    /// given to [`Engine::build`]).
    pub(crate) fn scan(&self, text: &str, mut unread: impl FnMut(usize, usize, bool)) -> Scan {
        let mut found = Found {
            engine: self,
            text,
            // About one boundary-valid hit per 32 bytes of resume text, and room to spare.
            scan: Scan {
                hits: Vec::with_capacity(text.len() / 24),
                phrase_hits: PhraseHits::with_capacity(text.len() / 16),
            },
            reach: 0,
        };
        let Ok(root) = self.automaton.start_state(Anchored::Yes) else {
            return found.scan;
        };
        let bytes = text.as_bytes();
        // A match starts a word (else it fails the left boundary) or begins with a
        // non-word character (".net", or a phrase such as "&d"); between words every
        // character is a non-word one, and no pattern begins inside a UTF-8 sequence.
        let mut gap_from = 0;
        for (start, end) in WordTokens::new(text).chain([(text.len(), text.len())]) {
            for (at, &byte) in bytes[gap_from..start].iter().enumerate() {
                if self.first_bytes[usize::from(byte)] {
                    self.walk(root, gap_from + at, 0, &mut found);
                }
            }
            gap_from = end;
            let word = &text[start..end];
            let known = self.words.known.get(word);
            if let Some(run) = known.and_then(|k| self.words.runs.get(k.run as usize)) {
                let (from, to) = run.matches;
                for &(len, id) in &self.words.matches[from as usize..to as usize] {
                    found.add(start, len as usize, id as usize);
                }
                let next = bytes
                    .get(end)
                    .map(|&b| next_bit(b, bytes.get(end + 1).copied()));
                if next.is_some_and(|bit| run.next & bit != 0) {
                    self.walk(run.state, start, word.len(), &mut found);
                }
            } else if self.words.may_hold_hit(word) {
                self.walk(root, start, 0, &mut found);
            }
            // Every hit so far starts at or before the word, and none starts inside it.
            if found.reach <= start && start < end {
                unread(start, end, known.is_some_and(|k| k.common));
            }
        }
        found.scan
    }

    /// Walks the automaton on from `state`, which it reached `offset` bytes past `start` of
    /// the text, adding every pattern and phrase that begins at `start` and ends further on.
    #[inline]
    fn walk(&self, state: StateID, start: usize, offset: usize, found: &mut Found) {
        let rest = &found.text.as_bytes()[start + offset..];
        walk(&self.automaton, state, offset, rest, |len, id| {
            found.add(start, len, id)
        });
    }

    /// Returns true if and only if `pattern` at `start..end` of `text` is not part of a
    /// longer word, number or symbol run (see [`left_boundary`] and [`right_boundary`]).
    fn bounded(&self, text: &str, start: usize, end: usize, pattern: usize) -> bool {
        left_boundary(text, start)
            && right_boundary(text, end, self.pattern_info[pattern].versionable)
    }
}

/// Walks `automaton` anchored on from `state` over `bytes`, which follow `offset` bytes
/// walked already, calling `f(len, id)` for every pattern or phrase `id` that spans the
/// first `len` bytes of the walk; returns the state after `bytes`, or `None` where the walk
/// dies.
#[inline]
fn walk(
    automaton: &NFA,
    mut state: StateID,
    offset: usize,
    bytes: &[u8],
    mut f: impl FnMut(usize, usize),
) -> Option<StateID> {
    for (len, &byte) in (offset + 1..).zip(bytes) {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if !automaton.is_special(state) {
            continue;
        }
        if automaton.is_dead(state) {
            return None;
        }
        if !automaton.is_match(state) {
            continue;
        }
        // A match state also lists the patterns that end here but start later.
        for k in 0..automaton.match_len(state) {
            let id = automaton.match_pattern(state, k);
            if automaton.pattern_len(id) == len {
                f(len, id.as_usize());
            }
        }
    }
    Some(state)
}

impl WordStarts {
    /// Walks `automaton` over the leading word of every pattern and phrase, adding the walks
    /// to `known`, the common words; `anchors` are the phrase ids of the anchor words.
    fn new(
        known: WordMap<Box<str>, KnownWord>,
        automaton: &NFA,
        patterns: &[String],
        phrases: &[String],
        anchors: impl Iterator<Item = u32>,
    ) -> WordStarts {
        let mut words = WordStarts {
            known,
            anchor_heads: vec![0; (1 << HEAD_BITS) / 64],
            ..WordStarts::default()
        };
        let anchors = anchors.map(|id| phrases[id as usize].as_str());
        for anchor in anchors.filter(|a| leading_word(a).len() == a.len()) {
            let bytes = 0..=u8::MAX;
            match *anchor.as_bytes() {
                [a] => (bytes
                    .clone()
                    .flat_map(|b| bytes.clone().map(move |c| (b, c))))
                .for_each(|(b, c)| words.set_head(head_bit(a, b, c))),
                [a, b] => bytes.for_each(|c| words.set_head(head_bit(a, b, c))),
                [a, b, c, ..] => words.set_head(head_bit(a, b, c)),
                [] => {}
            }
        }
        let Ok(root) = automaton.start_state(Anchored::Yes) else {
            return words;
        };
        for text in patterns.iter().chain(phrases) {
            let word = leading_word(text);
            if word.is_empty() {
                continue;
            }
            let next = match text.as_bytes()[word.len()..] {
                [] => 0,
                [_] => u64::MAX,
                [first, second, ..] => next_bit(first, Some(second)),
            };
            if let Some(run) =
                (words.known.get(word)).and_then(|k| words.runs.get_mut(k.run as usize))
            {
                run.next |= next;
                continue;
            }
            let from = words.matches.len() as u32;
            let matches = &mut words.matches;
            let push = |len: usize, id: usize| matches.push((len as u32, id as u32));
            // The word begins a pattern: the walk over it never dies.
            let Some(state) = walk(automaton, root, 0, word.as_bytes(), push) else {
                continue;
            };
            let run = Run {
                state,
                matches: (from, words.matches.len() as u32),
                next,
            };
            let index = words.runs.len() as u32;
            words.runs.push(run);
            // A common word keeps its flag and gains the walk.
            let known = words.known.get_or_insert_with(word.into(), || KnownWord {
                run: KnownWord::NO_RUN,
                common: false,
            });
            known.run = index;
        }
        words
    }

    /// Returns true if and only if `word`, which no pattern or phrase begins with, may hold
    /// a hit that counts: it ends in a version number, or it begins like an anchor.
    fn may_hold_hit(&self, word: &str) -> bool {
        match *word.as_bytes() {
            [] => false,
            [.., last] if last.is_ascii_digit() => true,
            // An anchor that ends inside the word is shorter than it.
            [_] => false,
            [a, b] => self.has_head(head_bit(a, b, 0)),
            [a, b, c, ..] => self.has_head(head_bit(a, b, c)),
        }
    }

    fn has_head(&self, bit: usize) -> bool {
        self.anchor_heads[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn set_head(&mut self, bit: usize) {
        self.anchor_heads[bit / 64] |= 1 << (bit % 64);
    }
}

/// What [`Engine::scan`] found in a folded text.
pub(crate) struct Scan {
    /// Every boundary-valid occurrence of every pattern, overlapping ones included,
    /// ordered by start then end.
    pub(crate) hits: Vec<Hit>,
    /// Every occurrence of every phrase that starts a word or begins with a non-word
    /// character (the only ones that count), by start then end.
    pub(crate) phrase_hits: PhraseHits,
}

/// A scan in progress.
struct Found<'a> {
    engine: &'a Engine,
    text: &'a str,
    scan: Scan,
    /// The furthest end of a hit so far.
    reach: usize,
}

impl Found<'_> {
    /// Adds automaton pattern `id` found at `start..start + len`: a pattern if it is
    /// within its boundaries, a phrase in any case.
    #[inline]
    fn add(&mut self, start: usize, len: usize, id: usize) {
        let engine = self.engine;
        let end = start + len;
        match id.checked_sub(engine.patterns.len()) {
            None => {
                if engine.bounded(self.text, start, end, id) {
                    self.scan.hits.push(Hit {
                        start,
                        end,
                        pattern: id,
                    });
                    self.reach = self.reach.max(end);
                }
            }
            // Phrase offsets are 32-bit; a text beyond 4 GiB has no phrases found.
            Some(phrase) => {
                if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) {
                    let id = phrase as u32;
                    self.scan.phrase_hits.push(PhraseHit { start, end, id });
                }
            }
        }
    }
}

/// Returns true if and only if `c` continues a word.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        // General Punctuation (bullets, dashes, quotes) holds no letter or digit: the most
        // common characters outside ASCII in resumes, answered without the Unicode tables.
        !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
    }
}

/// The General Punctuation block.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

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
            for start in (0..text.len())
                .filter(|&at| text.is_char_boundary(at) && text[at..].starts_with(needle.as_str()))
            {
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
        // Aliases that all overlap one another, a few and a long run of them.
        let aliases: Vec<String> = (1..=12).map(|n| vec!["x y"; n].join(" ")).collect();
        let spec = format!(
            "[[skill]]\nid = \"xy\"\nname = \"x\"\ncategory = \"other\"\naliases = {aliases:?}\n"
        );
        let taxonomy = crate::TaxonomyBuilder::new()
            .add_str("xy.toml", &spec, crate::SpecFormat::Toml)
            .unwrap()
            .build()
            .unwrap();
        let (engine, ()) = Engine::build(&taxonomy, [], |_, _| ()).unwrap();
        for text in ["a x y b x y x y c x", &vec!["x y"; 400].join(" ")] {
            let hits = engine.scan(text, |_, _, _| {}).hits;
            let got: Vec<_> = hits.iter().map(|h| (h.start, h.end, h.pattern)).collect();
            assert!(
                got == all_hits(&engine, text),
                "{} hits, out of order",
                got.len()
            );
        }
    }

    /// Returns true if and only if phrase `id` at `start` of `text` counts: it begins with
    /// a non-word character or at a word start, and it ends with a non-word character, at
    /// a word end, or (an anchor) anywhere.
    fn phrase_counts(engine: &Engine, text: &str, start: usize, id: usize) -> bool {
        let phrase = &engine.phrases.texts()[id];
        let end = start + phrase.len();
        let anchor = (engine.entries.iter()).any(|e| e.policy.anchors().contains(&(id as u32)));
        let word_before = text[..start].chars().next_back().is_some_and(is_word_char);
        let word_after = text[end..].chars().next().is_some_and(is_word_char);
        (!phrase.starts_with(is_word_char) || !word_before)
            && (anchor || !phrase.ends_with(is_word_char) || !word_after)
    }

    /// Every occurrence of every phrase that counts, by brute force.
    fn all_phrase_hits(engine: &Engine, text: &str) -> Vec<(u32, u32, u32)> {
        let mut out = Vec::new();
        for (id, phrase) in engine.phrases.texts().iter().enumerate() {
            for start in (0..text.len())
                .filter(|&at| text.is_char_boundary(at) && text[at..].starts_with(phrase.as_str()))
            {
                if phrase_counts(engine, text, start, id) {
                    out.push((start as u32, (start + phrase.len()) as u32, id as u32));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// A taxonomy of the hard cases for the walk: patterns that begin with or hold
    /// non-word characters, one-byte and versioned ones, prefixes of one another and of
    /// anchors, non-ASCII ones; anchors that run on into a word; reject phrases that
    /// begin with a non-word character. `common` are its common words.
    fn tricky_engine(common: &[&str]) -> Engine {
        let spec = r#"
[[skill]]
id = "c"
name = "C"
category = "programming_languages"
aliases = [{ text = "C", case_sensitive = true, requires_context = "skill_context", anchors = ["gcc", "embedded", "go", "x"], reject_contexts = ["c-suite", "&c", "-c", "gop"] }, "c++", "c#"]

[[skill]]
id = "go"
name = "Go"
category = "programming_languages"
aliases = [{ text = "Go", requires_context = "skill_context", anchors = ["goroutine", "golang", "programming"], reject_contexts = ["go-to", "go to market"] }]

[[skill]]
id = "python"
name = "Python"
category = "programming_languages"
aliases = ["python 3", "py", "pyth.on"]

[[skill]]
id = "dotnet"
name = ".NET"
category = "programming_languages"
aliases = ["asp.net", "node.js", "a/b testing", "-fast"]

[[skill]]
id = "ml"
name = "Machine learning"
category = "ml_fundamentals"
aliases = ["ml", "machine", "machine learning engineer", "ml_ops", "données", "é"]
"#;
        let taxonomy = crate::TaxonomyBuilder::new()
            .add_str("tricky.toml", spec, crate::SpecFormat::Toml)
            .unwrap()
            .build()
            .unwrap();
        let common = common.iter().map(|w| w.to_string());
        Engine::build(&taxonomy, common, |_, _| ()).unwrap().0
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn scan_finds_what_brute_force_finds(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "c", "c++", "c#", "&c", "-c", "c-suite", "go", "goroutines", "golang", "go-to",
                "gopher", "gcc", "programming", "python", "python3", "python3.11", "python3x",
                "py", "pyth", "pyth.on", "python 3", ".net", "asp.net", "node.js", "node",
                "a/b", "testing", "-fast", "fast", "ml", "ml_ops", "machine", "learning",
                "engineer", "données", "é", "éa", "x", "xen", "2024", "embedded", "java11",
            ]), 0..24),
            seps in proptest::collection::vec(proptest::sample::select(vec![
                " ", "", ".", "-", ", ", "\n", "(", "@", "&", "/", " — ",
            ]), 24),
        ) {
            // Common words with and without a pattern beginning with them.
            let common = ["programming", "learning", "fast", "xen", "testing"];
            let engine = tricky_engine(&common);
            let mut text = String::new();
            for (word, sep) in words.iter().zip(&seps) {
                text.push_str(word);
                text.push_str(sep);
            }
            let mut unread = Vec::new();
            let scan = engine.scan(&text, |start, end, is_common| {
                unread.push((start, end, is_common))
            });
            let got: Vec<_> = scan.hits.iter().map(|h| (h.start, h.end, h.pattern)).collect();
            let expected = all_hits(&engine, &text);
            proptest::prop_assert_eq!(&got, &expected, "hits in {:?}", text);
            let phrases = engine.phrases.texts();
            for h in scan.phrase_hits.all() {
                let phrase = &phrases[h.id as usize];
                proptest::prop_assert_eq!(&text[h.start as usize..h.end as usize], phrase);
            }
            let got: Vec<_> = (scan.phrase_hits.all().iter())
                .filter(|h| phrase_counts(&engine, &text, h.start as usize, h.id as usize))
                .map(|h| (h.start, h.end, h.id))
                .collect();
            proptest::prop_assert_eq!(got, all_phrase_hits(&engine, &text), "phrases in {:?}", text);
            let expected_unread: Vec<_> = crate::matcher::WordTokens::new(&text)
                .filter(|&(s, e)| !expected.iter().any(|&(hs, he, _)| hs < e && s < he))
                .map(|(s, e)| (s, e, common.contains(&&text[s..e])))
                .collect();
            proptest::prop_assert_eq!(unread, expected_unread, "unread words in {:?}", text);
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        assert!(GENERAL_PUNCTUATION
            .into_iter()
            .all(|c| !c.is_alphanumeric()));
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
