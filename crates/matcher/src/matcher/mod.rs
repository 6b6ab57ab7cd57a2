//! The compiled skill matcher: exact aho-corasick pass, context policies, fuzzy pass,
//! per-skill aggregation and "why not" near misses.

mod aggregate;
mod context;
mod engine;
mod fuzzy;
mod normalize;
mod word_map;

use rolefit_extract::{Document, SectionKind, Span, YearMonth};

use crate::evidence::{MatchMethod, MatchSet, NearMiss, SkillMatch};
use crate::taxonomy::{Category, SkillId, SkillKind, Taxonomy, TaxonomyStamp};
use context::{PhraseHits, Support};
use engine::{is_word_char, Engine, Hit};
use fuzzy::{FuzzyIndex, FuzzyPass};
use normalize::{fold_label, Normalized};

/// An error building a [`Matcher`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MatchBuildError {
    /// An alias (or name) is empty once normalized.
    #[error("skill `{skill}`: alias {alias:?} is empty after normalization")]
    EmptyAlias {
        /// The skill the alias belongs to.
        skill: SkillId,
        /// The alias as written.
        alias: String,
    },
    /// The minimum confidence is not a number in [0, 1].
    #[error("min_confidence must be a number within [0, 1], got {0}")]
    InvalidMinConfidence(f32),
    /// The multi-pattern automaton could not be built (too many or too long patterns).
    #[error("cannot build the alias automaton: {0}")]
    Automaton(String),
}

/// Configures and builds a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    fuzzy: bool,
    min_confidence: f32,
}

impl Default for MatcherBuilder {
    fn default() -> MatcherBuilder {
        MatcherBuilder {
            fuzzy: true,
            min_confidence: 0.0,
        }
    }
}

impl MatcherBuilder {
    /// Enables or disables the fuzzy pass for typos and variants (on by default).
    pub fn fuzzy(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.fuzzy = yes;
        self
    }

    /// Drops mentions whose confidence is below `value` (0 by default: keep every mention).
    pub fn min_confidence(&mut self, value: f32) -> &mut MatcherBuilder {
        self.min_confidence = value;
        self
    }

    /// Compiles `taxonomy` into a matcher, validating the configuration.
    pub fn build(&self, taxonomy: &Taxonomy) -> Result<Matcher, MatchBuildError> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(MatchBuildError::InvalidMinConfidence(self.min_confidence));
        }
        let fuzzy = self.fuzzy;
        let common = fuzzy.then(fuzzy::common_words).into_iter().flatten();
        let (engine, (fuzzy, closure)) = Engine::build(taxonomy, common, |entries, patterns| {
            let index = fuzzy.then(|| FuzzyIndex::build(entries, patterns));
            (index, aggregate::implication_closure(taxonomy))
        })?;
        Ok(Matcher {
            ids: taxonomy.skills().iter().map(|s| s.id.clone()).collect(),
            categories: taxonomy.skills().iter().map(|s| s.category).collect(),
            kinds: taxonomy.skills().iter().map(|s| s.kind).collect(),
            stamp: taxonomy.stamp().clone(),
            closure,
            engine,
            fuzzy,
            min_confidence: self.min_confidence,
        })
    }
}

/// Finds the skills of a taxonomy in documents. Built once, it never fails and is shared
/// freely between threads.
///
/// A pass folds the text (see [`fold_text`]), finds every name and alias with one
/// overlapping aho-corasick search, keeps matches whose boundaries suit technology names
/// (`C++`, `.NET`, never `Java` in `JavaScript`), applies each alias's policy (letter case,
/// reject phrases, and for ambiguous aliases a supporting context: a skills section, a
/// skill line, a list of skills, a related skill in the sentence, or an anchor word), keeps
/// the leftmost-longest reading, then looks typos up in a deletion index over the words the
/// exact pass did not read.
///
/// Confidence of a mention = method × section × context, in [0, 1]:
/// method 1.0 (exact name), 0.95 (alias or case-folded), or for a typo
/// similarity × (0.9 − 0.1 × distance); section 1.0 (skills, experience, projects),
/// 0.95 (summary, certifications), 0.9 (education, publications, other), 0.85 (header,
/// awards, volunteering), 0.75 (languages), 0.6 (interests); context 1.0 (no context
/// needed), 0.95 (skills section or skill line), 0.9 (anchor word), 0.85 (list or related
/// skill).
///
/// ```
/// use rolefit_match::{Matcher, Taxonomy};
///
/// let matcher = Matcher::new(Taxonomy::embedded()).unwrap();
/// let found = matcher.find_text("Built services in Go and Python; led the go-to-market plan.");
/// let ids: Vec<&str> = found.written().map(|e| e.skill.as_str()).collect();
/// assert!(ids.contains(&"go") && ids.contains(&"python"));
/// assert_eq!(found.get(&"go".into()).unwrap().mentions.len(), 1);
/// ```
#[derive(Debug)]
pub struct Matcher {
    ids: Vec<SkillId>,
    categories: Vec<Category>,
    kinds: Vec<SkillKind>,
    stamp: TaxonomyStamp,
    closure: Vec<Vec<u32>>,
    engine: Engine,
    fuzzy: Option<FuzzyIndex>,
    min_confidence: f32,
}

/// A candidate mention in the folded text.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    /// Where it is in the original text.
    span: Span,
    entry: usize,
    support: Option<Support>,
    anchors: usize,
}

/// An accepted mention before its evidence is built.
#[derive(Clone, Copy, Debug)]
struct Pick {
    span: Span,
    skill: usize,
    entry: usize,
    method: MatchMethod,
    /// The confidence factor of its context.
    context: f32,
}

/// A mention that was considered and not accepted.
#[derive(Debug)]
struct Rejected {
    skill: usize,
    alias: String,
    span: Span,
    reason: String,
}

/// The rejections of one skill's candidates, collected for `why_not`.
struct Trace {
    skill: usize,
    rejected: Vec<Rejected>,
}

impl Trace {
    fn wants(&self, skill: usize) -> bool {
        self.skill == skill
    }
}

/// The class of each byte for the tokenizer: [`ASCII_WORD`] (continues a word, see
/// [`is_word_char`]), [`ASCII_OTHER`], or [`NOT_ASCII`] (decoded to decide).
const BYTE_CLASS: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'_' {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        b += 1;
    }
    table
};
const ASCII_WORD: u8 = 1;
const ASCII_OTHER: u8 = 0;
const NOT_ASCII: u8 = 2;

/// Whether the non-ASCII character at byte `at` of `text` continues a word, and its length.
/// Kept out of line, so that the tokenizer's ASCII loop stays small enough to inline.
#[inline(never)]
fn wide_word_char(text: &str, at: usize) -> (bool, usize) {
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
}

/// The word tokens (runs of word characters) of the folded text, as byte ranges.
struct WordTokens<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> WordTokens<'t> {
    fn new(text: &'t str) -> WordTokens<'t> {
        WordTokens { text, at: 0 }
    }

    /// Moves past characters while their word-ness is `word`.
    #[inline(always)]
    fn skip_while(&mut self, word: bool) {
        let ascii = if word { ASCII_WORD } else { ASCII_OTHER };
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] == ascii {
                at += 1;
            }
            if at >= bytes.len() || bytes[at].is_ascii() {
                break;
            }
            match wide_word_char(self.text, at) {
                (is_word, len) if is_word == word => at += len,
                _ => break,
            }
        }
        self.at = at;
    }
}

impl Iterator for WordTokens<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        self.skip_while(false);
        let start = self.at;
        if start >= self.text.len() {
            return None;
        }
        self.skip_while(true);
        Some((start, self.at))
    }
}

/// The whitespace-delimited chunk of the folded text around `start..end`.
fn chunk_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let from = text[..start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    (from, to)
}

/// The whitespace-delimited chunks of a folded text that may be URLs or e-mail addresses
/// (an `@` or a `/` in them, or "www." at their start), found once per document.
struct Links {
    /// Sorted and disjoint, with whether each is a link.
    chunks: Vec<(usize, usize, bool)>,
    /// The first chunk that ends after the last mention asked about, and that mention's
    /// start: mentions come in text order, so a cursor replaces a search.
    next: usize,
    last_start: usize,
}

impl Links {
    fn new(text: &str) -> Links {
        let bytes = text.as_bytes();
        let mut marks: Vec<usize> = memchr::memchr2_iter(b'@', b'/', bytes).collect();
        marks.extend(memchr::memmem::find_iter(bytes, b"www."));
        marks.sort_unstable();
        let mut chunks: Vec<(usize, usize, bool)> = Vec::new();
        for at in marks {
            if chunks.last().is_some_and(|&(_, to, _)| at < to) {
                continue;
            }
            let (from, to) = chunk_around(text, at, at + 1);
            chunks.push((from, to, is_link(&text[from..to])));
        }
        Links {
            chunks,
            next: 0,
            last_start: 0,
        }
    }

    /// Returns true if and only if the mention `start..end` of the folded `text` is inside
    /// a URL or an e-mail address (the chunk around it is one).
    fn contains(&mut self, text: &str, start: usize, end: usize) -> bool {
        if start < self.last_start {
            self.next = self.chunks.partition_point(|&(_, to, _)| to <= start);
        }
        self.last_start = start;
        while self
            .chunks
            .get(self.next)
            .is_some_and(|&(_, to, _)| to <= start)
        {
            self.next += 1;
        }
        match self.chunks.get(self.next) {
            // No chunk around the mention has a mark.
            None => false,
            Some(&(from, _, _)) if from >= end => false,
            Some(&(_, _, link)) if !text[start..end].contains(char::is_whitespace) => link,
            // Several chunks around the mention: they count as one.
            Some(_) => {
                let (from, to) = chunk_around(text, start, end);
                is_link(&text[from..to])
            }
        }
    }
}

/// Returns true if and only if `chunk` (text between whitespace) is a URL or an e-mail address.
fn is_link(chunk: &str) -> bool {
    if chunk.contains('@') || chunk.contains("://") || chunk.starts_with("www.") {
        return true;
    }
    let Some(slash) = chunk.find('/') else {
        return false;
    };
    let host = &chunk[..slash];
    host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty()
            && matches!(
                tld,
                "com"
                    | "org"
                    | "io"
                    | "net"
                    | "dev"
                    | "ai"
                    | "co"
                    | "me"
                    | "edu"
                    | "app"
                    | "uk"
                    | "de"
            )
    })
}

/// The confidence factor of the section a mention is in.
fn section_factor(kind: SectionKind) -> f32 {
    match kind {
        SectionKind::Skills | SectionKind::Experience | SectionKind::Projects => 1.0,
        SectionKind::Summary | SectionKind::Certifications => 0.95,
        SectionKind::Header | SectionKind::Awards | SectionKind::Volunteering => 0.85,
        SectionKind::Languages => 0.75,
        SectionKind::Interests => 0.6,
        _ => 0.9,
    }
}

/// The confidence factor of a match method.
fn method_factor(method: MatchMethod) -> f32 {
    match method {
        MatchMethod::Exact => 1.0,
        MatchMethod::CaseFolded | MatchMethod::Alias => 0.95,
        MatchMethod::Fuzzy {
            distance,
            similarity,
        } => similarity * (0.9 - 0.1 * f32::from(distance)),
    }
}

impl Matcher {
    /// A builder with the default configuration (fuzzy on, no confidence floor).
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// Compiles `taxonomy` with the default configuration.
    pub fn new(taxonomy: &Taxonomy) -> Result<Matcher, MatchBuildError> {
        MatcherBuilder::default().build(taxonomy)
    }

    /// The version and hash of the taxonomy the matcher was built from.
    pub fn taxonomy_stamp(&self) -> &TaxonomyStamp {
        &self.stamp
    }

    /// Number of distinct folded patterns in the exact automaton.
    pub fn pattern_count(&self) -> usize {
        self.engine.pattern_count()
    }

    /// The folded patterns of the exact automaton (every name and alias, lower case, see
    /// [`fold_text`]), sorted: what a raw multi-pattern scan would search for.
    pub fn patterns(&self) -> &[String] {
        &self.engine.patterns
    }

    /// Number of keys in the fuzzy index (0 when fuzzy matching is off).
    pub fn fuzzy_key_count(&self) -> usize {
        self.fuzzy.as_ref().map_or(0, FuzzyIndex::len)
    }

    /// Finds every skill mention in `doc`, with evidence, and aggregates them per skill.
    pub fn find(&self, doc: &Document) -> MatchSet {
        let mentions = self.run(doc, None);
        let skills = aggregate::aggregate(&self.ids, &self.closure, doc, &mentions);
        MatchSet {
            mentions: mentions.into_iter().map(|(_, m)| m).collect(),
            skills,
        }
    }

    /// Finds the skills in plain `text`, read as one section of kind [`SectionKind::Other`].
    pub fn find_text(&self, text: &str) -> MatchSet {
        self.find(&plain_document(text))
    }

    /// Why `skill` was not found in `doc` (or not everywhere): mentions of its aliases that a
    /// rule rejected, and words that resemble an alias without being accepted as a typo.
    /// Empty for a skill the taxonomy does not have.
    pub fn why_not(&self, doc: &Document, skill: &SkillId) -> Vec<NearMiss> {
        // The taxonomy keeps its skills sorted by id.
        let Ok(index) = self.ids.binary_search(skill) else {
            return Vec::new();
        };
        let mut trace = Trace {
            skill: index,
            rejected: Vec::new(),
        };
        let accepted = self.run(doc, Some(&mut trace));
        let mut misses: Vec<NearMiss> = trace
            .rejected
            .into_iter()
            .map(|r| NearMiss {
                skill: self.ids[r.skill].clone(),
                span: r.span,
                alias: r.alias,
                reason: r.reason,
            })
            .collect();
        misses.extend(self.fuzzy_near_misses(doc, index, &accepted));
        misses.sort_by(|a, b| (a.span, &a.alias, &a.reason).cmp(&(b.span, &b.alias, &b.reason)));
        misses.dedup();
        misses
    }

    /// Words that resemble an alias of `skill` but were not accepted as a fuzzy match.
    fn fuzzy_near_misses(
        &self,
        doc: &Document,
        skill: usize,
        accepted: &[(usize, SkillMatch)],
    ) -> Vec<NearMiss> {
        let text = doc.text();
        let norm = Normalized::new(text);
        let t = norm.as_str();
        let covered: Vec<Span> = accepted.iter().map(|(_, m)| m.span).collect();
        let aliases: Vec<(&engine::AliasEntry, String)> = self
            .engine
            .entries
            .iter()
            .filter(|e| e.skill == skill)
            .filter_map(|e| {
                fuzzy::compact_key(&self.engine.patterns[e.pattern as usize]).map(|k| (e, k))
            })
            .collect();
        let mut out = Vec::new();
        for (start, end) in WordTokens::new(t) {
            let span = norm.to_original(text, start, end);
            let token = &t[start..end];
            let len = token.chars().count();
            if len < fuzzy::MIN_LEN
                || covered
                    .iter()
                    .any(|c| c.start < span.end && span.start < c.end)
            {
                continue;
            }
            for (entry, key) in &aliases {
                let distance = strsim::osa_distance(token, key);
                let bound = fuzzy::edit_bound(len).min(fuzzy::edit_bound(key.chars().count()));
                if distance == 0 || distance > bound + 1 {
                    continue;
                }
                let similarity = strsim::jaro_winkler(token, key);
                let reason = if entry.policy.is_ambiguous() {
                    format!("resembles an ambiguous alias (distance {distance}); ambiguous aliases are never fuzzy-matched")
                } else if self.fuzzy.is_none() {
                    format!("within {distance} edit(s), but fuzzy matching is off")
                } else if distance > bound {
                    format!("{distance} edits away (similarity {similarity:.2}); the bound for a {len}-character word is {bound}")
                } else if self.fuzzy.as_ref().is_some_and(|f| f.is_stop_word(token)) {
                    format!("\"{token}\" is a common English word, never read as a typo")
                } else if token.chars().next() != key.chars().next() {
                    format!("within {distance} edit(s), but the first letter differs")
                } else {
                    format!("within {distance} edit(s) (similarity {similarity:.2}), but another reading was preferred")
                };
                out.push(NearMiss {
                    skill: self.ids[skill].clone(),
                    span,
                    alias: entry.text.to_string(),
                    reason,
                });
            }
        }
        out
    }

    /// Matches `doc`: accepted mentions (with their skill index) in text order.
    fn run(&self, doc: &Document, trace: Option<&mut Trace>) -> Vec<(usize, SkillMatch)> {
        let norm = Normalized::new(doc.text());
        let mut fuzzy = (self.fuzzy.as_ref()).map(|index| FuzzyPass::new(index, norm.as_str()));
        let scan = self.engine.scan(norm.as_str(), |start, end, common| {
            if let Some(pass) = &mut fuzzy {
                pass.word(start, end, common);
            }
        });
        let mut pass = Pass {
            matcher: self,
            doc,
            norm: &norm,
            phrase_hits: &scan.phrase_hits,
            trace,
        };
        let (firm, pending) = pass.screen(&scan.hits);
        let firm = pass.resolve_context(firm, pending);
        let decided = pass.one_reading_per_span(firm);
        let selected = pass.leftmost_longest(decided);

        let text = doc.text();
        let fuzzy = fuzzy.map_or_else(Vec::new, FuzzyPass::finish);
        let mut picks: Vec<Pick> = Vec::with_capacity(selected.len() + fuzzy.len());
        picks.extend(selected.iter().map(|c| {
            let entry = &self.engine.entries[c.entry];
            let method = match (entry.is_name, text[c.span.range()] == *entry.text) {
                (true, true) => MatchMethod::Exact,
                (false, true) => MatchMethod::Alias,
                _ => MatchMethod::CaseFolded,
            };
            Pick {
                span: c.span,
                skill: entry.skill,
                entry: c.entry,
                method,
                context: c.support.unwrap_or(Support::Unconditional).factor(),
            }
        }));
        picks.extend(fuzzy.into_iter().map(|(start, end, hit)| Pick {
            span: norm.to_original(text, start, end),
            skill: self.engine.entries[hit.entry].skill,
            entry: hit.entry,
            method: MatchMethod::Fuzzy {
                distance: hit.distance,
                similarity: hit.similarity,
            },
            context: 1.0,
        }));
        picks.sort_by_key(|p| (p.span.start, p.span.end, p.skill));

        let mut kept = Vec::with_capacity(picks.len());
        for p in picks {
            let m = self.mention(
                doc,
                &self.engine.entries[p.entry],
                p.span,
                p.method,
                p.context,
            );
            if m.confidence >= self.min_confidence {
                kept.push((p.skill, m));
            } else {
                let reason = format!(
                    "confidence {:.2} is below the minimum {:.2}",
                    m.confidence, self.min_confidence
                );
                pass.reject_at(p.entry, m.span, reason);
            }
        }
        kept
    }

    /// Builds the evidence of one mention.
    fn mention(
        &self,
        doc: &Document,
        entry: &engine::AliasEntry,
        span: Span,
        method: MatchMethod,
        context: f32,
    ) -> SkillMatch {
        let section = doc.section_kind_at(span.start);
        let confidence =
            (method_factor(method) * section_factor(section) * context).clamp(0.0, 1.0);
        SkillMatch {
            skill: self.ids[entry.skill].clone(),
            alias: entry.text.clone(),
            span,
            section,
            method,
            confidence,
        }
    }
}

/// A rule that rules a candidate out before any context is weighed.
#[derive(Clone, Copy, Debug)]
enum Rule<'p> {
    /// A case-sensitive alias written in another case.
    LetterCase,
    /// Inside a URL or an e-mail address.
    Link,
    /// Inside a section heading.
    Heading,
    /// Inside an employer's or school's name or a degree field.
    OrganisationName,
    /// The alias names a job ("data engineer").
    JobTitle,
    /// "with the Java backend team".
    OtherTeam,
    /// A reject phrase of the alias's policy overlaps the mention.
    Phrase(&'p str),
    /// Capitalized like part of a name ("Ray Thompson").
    PersonName,
}

impl Rule<'_> {
    /// The reason shown by `why_not`, for a mention `written` of the alias `alias`.
    fn describe(&self, written: &str, alias: &str) -> String {
        match self {
            Rule::LetterCase => {
                format!("written \"{written}\"; the alias \"{alias}\" must match letter case")
            }
            Rule::Link => "inside a link or an e-mail address".to_owned(),
            Rule::Heading => "part of a section heading".to_owned(),
            Rule::OrganisationName => {
                "part of an employer's or a school's name or a degree field".to_owned()
            }
            Rule::JobTitle => "names a job title, not a skill".to_owned(),
            Rule::OtherTeam => "names the stack of another team (\"with the … team\")".to_owned(),
            Rule::Phrase(phrase) => format!("rejected by context rule \"{phrase}\""),
            Rule::PersonName => "reads as part of a person's or a place's name".to_owned(),
        }
    }
}

/// One matching pass over one document: the stages between the automaton's hits and the
/// accepted mentions, with the rejections traced for `why_not`.
struct Pass<'a, 't> {
    matcher: &'a Matcher,
    doc: &'a Document,
    norm: &'a Normalized,
    /// Where the policies' phrases occur in the folded text.
    phrase_hits: &'a PhraseHits,
    trace: Option<&'t mut Trace>,
}

impl Pass<'_, '_> {
    fn entry(&self, c: &Candidate) -> &engine::AliasEntry {
        &self.matcher.engine.entries[c.entry]
    }

    fn skill(&self, c: &Candidate) -> usize {
        self.entry(c).skill
    }

    /// Records a rejection of alias entry `entry` at the original `span`.
    fn reject_at(&mut self, entry: usize, span: Span, reason: String) {
        let entry = &self.matcher.engine.entries[entry];
        if let Some(trace) = self.trace.as_deref_mut() {
            if trace.wants(entry.skill) {
                trace.rejected.push(Rejected {
                    skill: entry.skill,
                    alias: entry.text.to_string(),
                    span,
                    reason,
                });
            }
        }
    }

    /// Records a rejection of a candidate.
    fn reject(&mut self, c: &Candidate, reason: impl FnOnce() -> String) {
        if self.trace.is_some() {
            self.reject_at(c.entry, c.span, reason());
        }
    }

    /// Applies the static rules (letter case, links, reject phrases, person names) to every
    /// hit: returns the candidates that need no context and those that do.
    fn screen(&mut self, hits: &[Hit]) -> (Vec<Candidate>, Vec<Candidate>) {
        let text = self.doc.text();
        let t = self.norm.as_str();
        let names = context::organisation_names(self.doc);
        let mut links = Links::new(t);
        let phrases = &self.matcher.engine.phrases;
        let mut firm = Vec::with_capacity(hits.len());
        let mut pending = Vec::new();
        let mut locator = self.norm.locator(text);
        for hit in hits {
            let folded = (hit.start, hit.end);
            let span = locator.span(hit.start, hit.end);
            for entry_index in self.matcher.engine.entries_of(hit.pattern) {
                let mut c = Candidate {
                    start: hit.start,
                    end: hit.end,
                    span,
                    entry: entry_index,
                    support: None,
                    anchors: 0,
                };
                let policy = &self.matcher.engine.entries[entry_index].policy;
                let entry = self.entry(&c);
                let rule =
                    if policy.case_sensitive && !written_as(&text[span.range()], &entry.cased) {
                        Some(Rule::LetterCase)
                    } else if links.contains(t, hit.start, hit.end) {
                        Some(Rule::Link)
                    } else if self
                        .doc
                        .sections
                        .iter()
                        .any(|s| s.heading.is_some_and(|h| h.contains(span)))
                    {
                        Some(Rule::Heading)
                    } else if names.iter().any(|n| n.contains(span)) {
                        Some(Rule::OrganisationName)
                    } else if self.matcher.kinds[entry.skill] != SkillKind::Certification
                        && self.matcher.engine.names_job(hit.pattern)
                    {
                        Some(Rule::JobTitle)
                    } else if context::names_another_team(t, hit.start, hit.end) {
                        Some(Rule::OtherTeam)
                    } else if let Some(phrase) =
                        context::rejecting_phrase(t, folded, policy, phrases, self.phrase_hits)
                    {
                        Some(Rule::Phrase(phrase))
                    } else if policy.case_sensitive
                        && policy.requires_context
                        && context::looks_like_name(text, span, |at| {
                            starts_hit(hits, hit, self.norm, text, at)
                        })
                    {
                        Some(Rule::PersonName)
                    } else {
                        None
                    };
                if let Some(rule) = rule {
                    let cased = &entry.cased;
                    let reason = || rule.describe(&text[span.range()], cased);
                    if self.trace.is_some() {
                        let reason = reason();
                        self.reject(&c, || reason);
                    }
                    continue;
                }
                if policy.requires_context {
                    c.anchors = context::anchor_hits(t, folded, policy, phrases, self.phrase_hits);
                    pending.push(c);
                } else {
                    c.support = Some(Support::Unconditional);
                    firm.push(c);
                }
            }
        }
        (firm, pending)
    }

    /// Decides the candidates that need context: anchors, a skills section or a skill line
    /// first, then a peer of the same category in the sentence, then list membership,
    /// repeated until nothing changes. Returns every accepted candidate.
    fn resolve_context(&mut self, firm: Vec<Candidate>, pending: Vec<Candidate>) -> Vec<Candidate> {
        let t = self.norm.as_str();
        let mut supported = Vec::new();
        let mut undecided = Vec::new();
        for mut c in pending {
            let at = c.span.start;
            c.support = if c.anchors > 0 {
                Some(Support::Anchor)
            } else if self.doc.section_kind_at(at) == SectionKind::Skills {
                Some(Support::SkillsSection)
            } else if context::on_skill_line(t, c.start) {
                Some(Support::SkillLine)
            } else {
                None
            };
            match c.support {
                Some(_) => supported.push(c),
                None => undecided.push(c),
            }
        }
        let mut firm = merge_by_span(firm, supported);
        let categories = &self.matcher.categories;
        // Each with its sentence; in text order, so the sentences' starts never decrease.
        let mut undecided: Vec<(Candidate, (usize, usize))> = undecided
            .into_iter()
            .map(|c| (c, context::sentence_around(t, c.start, c.end)))
            .collect();
        loop {
            let before = undecided.len();
            let spans: Vec<(usize, usize)> = firm.iter().map(|c| (c.start, c.end)).collect();
            let mut still = Vec::with_capacity(undecided.len());
            let mut newly = Vec::new();
            let mut first = 0;
            for (c, (from, to)) in undecided {
                let skill = self.skill(&c);
                while firm.get(first).is_some_and(|f| f.start < from) {
                    first += 1;
                }
                let peer = firm[first..].iter().take_while(|f| f.start < to).any(|f| {
                    f.end <= to
                        && (f.end <= c.start || f.start >= c.end)
                        && self.skill(f) != skill
                        && categories[self.skill(f)] == categories[skill]
                });
                let support = if peer {
                    Some(Support::Peer)
                } else if context::in_skill_list(t, c.start, c.end, &spans) {
                    Some(Support::SkillList)
                } else {
                    None
                };
                match support {
                    Some(s) => newly.push(Candidate {
                        support: Some(s),
                        ..c
                    }),
                    None => still.push((c, (from, to))),
                }
            }
            firm = merge_by_span(firm, newly);
            undecided = still;
            if undecided.len() == before || undecided.is_empty() {
                break;
            }
        }
        for (c, _) in &undecided {
            self.reject(c, || {
                "needs context (a skills section, a list of skills, a related skill in the \
                 sentence, or an anchor word) and none was found"
                    .to_owned()
            });
        }
        firm
    }

    /// Keeps one reading per span: when an alias names several skills, the one with the
    /// most anchors nearby (or the only one that needs no context) wins; a tie drops both.
    fn one_reading_per_span(&mut self, mut firm: Vec<Candidate>) -> Vec<Candidate> {
        // Sorted by span already: longest first among those of one start.
        for group in firm.chunk_by_mut(|a, b| a.start == b.start) {
            group.sort_by_key(|c| (std::cmp::Reverse(c.end), self.skill(c)));
        }
        let mut decided: Vec<Candidate> = Vec::with_capacity(firm.len());
        let mut i = 0;
        while i < firm.len() {
            let same = |c: &Candidate| c.start == firm[i].start && c.end == firm[i].end;
            let j = i + firm[i..].iter().take_while(|c| same(c)).count();
            let first_skill = self.skill(&firm[i]);
            if firm[i..j].iter().all(|c| self.skill(c) == first_skill) {
                decided.push(firm[i]);
                i = j;
                continue;
            }
            let mut group: Vec<Candidate> = firm[i..j].to_vec();
            i = j;
            let mut skills: Vec<usize> = group.iter().map(|c| self.skill(c)).collect();
            skills.dedup();
            // Anchors are counted up front only for context-bound aliases.
            for c in &mut group {
                let policy = &self.matcher.engine.entries[c.entry].policy;
                c.anchors = context::anchor_hits(
                    self.norm.as_str(),
                    (c.start, c.end),
                    policy,
                    &self.matcher.engine.phrases,
                    self.phrase_hits,
                );
            }
            let best = group.iter().map(|c| c.anchors).max().unwrap_or(0);
            let top: Vec<&Candidate> = group.iter().filter(|c| c.anchors == best).collect();
            let free: Vec<&Candidate> = group
                .iter()
                .filter(|c| c.support == Some(Support::Unconditional))
                .collect();
            let pick = if best > 0 && top.len() == 1 {
                Some(*top[0])
            } else if free.len() == 1 {
                Some(*free[0])
            } else {
                None
            };
            let names: Vec<&str> = skills
                .iter()
                .map(|&s| self.matcher.ids[s].as_str())
                .collect();
            let names = names.join(" and ");
            for c in &group {
                match pick {
                    Some(p) if self.skill(&p) == self.skill(c) => {}
                    Some(_) => self.reject(c, || {
                        "another skill with the same alias had more support here".to_owned()
                    }),
                    None => self.reject(c, || {
                        format!("ambiguous between {names}; no anchor word decides")
                    }),
                }
            }
            decided.extend(pick);
        }
        decided
    }

    /// Leftmost-longest selection among valid candidates (sorted by start, longest first):
    /// a candidate inside an accepted longer one is dropped, but a longer invalid match
    /// never hides a shorter valid one, because only valid candidates get here.
    fn leftmost_longest(&mut self, decided: Vec<Candidate>) -> Vec<Candidate> {
        let mut selected: Vec<Candidate> = Vec::with_capacity(decided.len());
        let mut outer: Option<Candidate> = None;
        for &c in &decided {
            let Some(p) = outer.filter(|p| c.start < p.end) else {
                outer = Some(c);
                selected.push(c);
                continue;
            };
            let repeated = selected
                .iter()
                .rev()
                .take_while(|s| s.start >= p.start)
                .any(|s| self.skill(s) == self.skill(&c));
            if !repeated && self.is_nested_mention(&p, &c, &decided) {
                selected.push(c);
            } else {
                if self.trace.is_some() {
                    let by = self.entry(&p).text.clone();
                    self.reject(&c, || format!("part of the longer mention \"{by}\""));
                }
            }
        }
        // Sorted by start already: shortest first among those of one start.
        for group in selected.chunk_by_mut(|a, b| a.start == b.start) {
            group.sort_by_key(|c| c.end);
        }
        selected
    }

    /// Returns true if and only if `inner`, inside the longer mention `outer`, names a
    /// second skill in its own right: `outer` is composed of `inner` and, after one space or
    /// dash, another mention of `outer`'s own skill ("LLM" + "fine-tuning" in "LLM
    /// fine-tuning"), and neither skill implies the other ("AWS" in "AWS SageMaker" is
    /// implied, so not).
    fn is_nested_mention(&self, outer: &Candidate, inner: &Candidate, all: &[Candidate]) -> bool {
        let (o, i) = (self.skill(outer), self.skill(inner));
        let closure = &self.matcher.closure;
        let from = all.partition_point(|r| r.start <= inner.end);
        let composed = all[from..]
            .iter()
            .take_while(|r| r.start == inner.end + 1)
            .any(|r| r.end == outer.end && self.skill(r) == o)
            && matches!(
                self.norm.as_str().as_bytes().get(inner.end),
                Some(b' ' | b'-')
            );
        composed
            && inner.start == outer.start
            && o != i
            && inner.support == Some(Support::Unconditional)
            && !closure[o].contains(&(i as u32))
            && !closure[i].contains(&(o as u32))
    }
}

/// Returns true if and only if the original `written` folds (without lower-casing) to `cased`.
fn written_as(written: &str, cased: &str) -> bool {
    written == cased || (!written.is_ascii() && fold_label(written, false) == cased)
}

/// Merges two lists sorted by `key`, `a`'s first among equals, in place from the back (no
/// scratch buffer: these lists are as long as the text has mentions).
fn merge_sorted<T: Copy, K: Ord>(mut a: Vec<T>, b: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let Some(&filler) = b.first() else {
        return a;
    };
    let (mut i, mut j) = (a.len(), b.len());
    a.resize(a.len() + b.len(), filler);
    let mut k = a.len();
    while j > 0 {
        k -= 1;
        if i > 0 && key(&a[i - 1]) > key(&b[j - 1]) {
            a[k] = a[i - 1];
            i -= 1;
        } else {
            a[k] = b[j - 1];
            j -= 1;
        }
    }
    a
}

/// Merges two lists of candidates sorted by span.
fn merge_by_span(a: Vec<Candidate>, b: Vec<Candidate>) -> Vec<Candidate> {
    merge_sorted(a, b, |c| (c.start, c.end))
}

/// Returns true if and only if some hit near `around` starts at the original offset `at`.
fn starts_hit(hits: &[Hit], around: &Hit, norm: &Normalized, text: &str, at: usize) -> bool {
    let from = hits.partition_point(|h| h.end + 64 < around.start);
    hits[from..]
        .iter()
        .take_while(|h| h.start <= around.end + 64)
        .any(|h| norm.to_original(text, h.start, h.end).start == at)
}

/// Returns the folded form of `text` that the exact pass searches: NFKC, lower case, dash
/// and quote variants unified, soft hyphens and zero-width characters dropped, tabs as
/// spaces. Evidence spans always refer to the original text, never to this one.
///
/// ```
/// assert_eq!(rolefit_match::fold_text("Py\u{00AD}Torch \u{2013} ＧＯ"), "pytorch - go");
/// ```
pub fn fold_text(text: &str) -> String {
    Normalized::new(text).as_str().to_owned()
}

/// A document of plain text: one section of kind [`SectionKind::Other`], nothing else.
fn plain_document(text: &str) -> Document {
    let epoch = YearMonth {
        year: 1970,
        month: 1,
    };
    Document::from_plain_text(text, SectionKind::Other, epoch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SpecFormat, TaxonomyBuilder};

    const SPEC: &str = r#"
[[skill]]
id = "go"
name = "Go"
category = "programming_languages"
aliases = ["golang", { text = "Go", case_sensitive = true, requires_context = "skill_context", anchors = ["goroutine", "programming"], reject_contexts = ["go-to", "go to"] }]

[[skill]]
id = "java"
name = "Java"
category = "programming_languages"

[[skill]]
id = "javascript"
name = "JavaScript"
category = "programming_languages"
aliases = ["JS"]

[[skill]]
id = "cpp"
name = "C++"
category = "programming_languages"

[[skill]]
id = "python"
name = "Python"
category = "programming_languages"

[[skill]]
id = "machine-learning"
name = "Machine Learning"
category = "ml_fundamentals"

[[skill]]
id = "deep-learning"
name = "Deep Learning"
category = "deep_learning"
implies = ["machine-learning"]

[[skill]]
id = "pytorch"
name = "PyTorch"
category = "ml_frameworks"
implies = ["deep-learning"]

[[skill]]
id = "kubernetes"
name = "Kubernetes"
category = "devops"

[[skill]]
id = "aws-sagemaker"
name = "AWS SageMaker"
category = "cloud_ml_platforms"
aliases = ["SageMaker"]
"#;

    fn matcher() -> Matcher {
        let mut builder = TaxonomyBuilder::new();
        let taxonomy = builder
            .add_str("test.toml", SPEC, SpecFormat::Toml)
            .unwrap()
            .build()
            .unwrap();
        Matcher::new(&taxonomy).unwrap()
    }

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        m.find_text(text)
            .written()
            .map(|e| e.skill.to_string())
            .collect()
    }

    #[test]
    fn links_are_delimited_by_any_whitespace() {
        // U+2028 is whitespace of three bytes: the chunk must start after all of them.
        let text = "see\u{2028}python.org/docs and\u{2028}python";
        let mut links = Links::new(text);
        let at = text.find("python").unwrap();
        assert!(links.contains(text, at, at + 6));
        let at = text.rfind("python").unwrap();
        assert!(!links.contains(text, at, at + 6));
        let text = "www.rust-lang.org, me@go.dev and ci/cd";
        let mut links = Links::new(text);
        for (needle, link) in [("rust", true), ("go", true), ("ci", false), ("and", false)] {
            let at = text.find(needle).unwrap();
            assert_eq!(
                links.contains(text, at, at + needle.len()),
                link,
                "{needle}"
            );
        }
        // A mention across whitespace: the chunks on both sides count together.
        let text = "x/apache spark@y";
        let at = text.find("apache").unwrap();
        assert!(Links::new(text).contains(text, at, at + "apache spark".len()));
    }

    #[test]
    fn merging_by_span_keeps_the_first_list_first_among_equals() {
        let candidate = |start: usize, end: usize, entry: usize| Candidate {
            start,
            end,
            span: Span::new(start, end),
            entry,
            support: None,
            anchors: 0,
        };
        let a = vec![candidate(1, 2, 0), candidate(3, 4, 1), candidate(3, 4, 2)];
        let b = vec![candidate(0, 1, 3), candidate(3, 4, 4), candidate(5, 6, 5)];
        let merged: Vec<usize> = merge_by_span(a.clone(), b)
            .iter()
            .map(|c| c.entry)
            .collect();
        assert_eq!(merged, [3, 0, 1, 2, 4, 5]);
        assert_eq!(merge_by_span(a, Vec::new()).len(), 3);
        let merged = merge_by_span(Vec::new(), vec![candidate(0, 1, 7)]);
        assert_eq!(merged.iter().map(|c| c.entry).collect::<Vec<_>>(), [7]);
    }

    #[test]
    fn word_tokens_split_on_non_word_characters() {
        let text = "c++, scikit_learn — über·cool\u{2028}x1";
        let words: Vec<&str> = WordTokens::new(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["c", "scikit_learn", "über", "cool", "x1"]);
        assert_eq!(WordTokens::new(" ,;").count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn word_tokens_are_the_runs_of_word_characters(
            text in "[a-zA-Z0-9_ .,+#/@&\\-é•—ü\u{2028}\u{0660}]{0,40}",
        ) {
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        expected.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(WordTokens::new(&text).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Matcher>();
    }

    #[test]
    fn boundaries_and_context() {
        let m = matcher();
        assert_eq!(found(&m, "JavaScript and C++."), ["cpp", "javascript"]);
        assert_eq!(
            found(&m, "Our go-to-market plan at Google"),
            Vec::<String>::new()
        );
        assert_eq!(found(&m, "Python, Go and Java"), ["go", "java", "python"]);
        assert_eq!(found(&m, "I go to work. Go is fun."), Vec::<String>::new());
        assert_eq!(found(&m, "Wrote Go services using goroutines"), ["go"]);
    }

    #[test]
    fn evidence_spans_methods_and_implied() {
        let m = matcher();
        let text = "Built models in pytorch; deployed on Kubernets and Sage Maker.";
        let set = m.find_text(text);
        let by: Vec<(&str, &str)> = set
            .mentions
            .iter()
            .map(|x| (x.skill.as_str(), &text[x.span.range()]))
            .collect();
        assert_eq!(
            by,
            [
                ("pytorch", "pytorch"),
                ("kubernetes", "Kubernets"),
                ("aws-sagemaker", "Sage Maker")
            ]
        );
        assert_eq!(set.mentions[0].method, MatchMethod::CaseFolded);
        assert!(matches!(
            set.mentions[1].method,
            MatchMethod::Fuzzy { distance: 1, .. }
        ));
        let implied: Vec<(&str, Vec<&str>)> = set
            .skills
            .iter()
            .filter(|e| e.is_implied())
            .map(|e| {
                (
                    e.skill.as_str(),
                    e.implied_by.iter().map(SkillId::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            implied,
            [
                ("deep-learning", vec!["pytorch"]),
                ("machine-learning", vec!["pytorch"])
            ]
        );
        assert!(set
            .mentions
            .iter()
            .all(|x| (0.0..=1.0).contains(&x.confidence)));
    }

    #[test]
    fn why_not_names_the_rule() {
        let m = matcher();
        let doc = plain_document("Led the Go-to-market launch.");
        let misses = m.why_not(&doc, &SkillId::from("go"));
        assert_eq!(misses.len(), 1, "{misses:?}");
        assert!(
            misses[0].reason.contains("\"go-to\""),
            "{}",
            misses[0].reason
        );
        let doc = plain_document("Trained on Kubernetez clusters with Pyyytorch");
        let misses = m.why_not(&doc, &SkillId::from("pytorch"));
        assert!(
            misses.iter().any(|n| n.reason.contains("edits away")),
            "{misses:?}"
        );
        assert!(m.why_not(&doc, &SkillId::from("no-such-skill")).is_empty());
    }

    #[test]
    fn bad_configuration_is_an_error() {
        let mut builder = TaxonomyBuilder::new();
        let taxonomy = builder
            .add_str("test.toml", SPEC, SpecFormat::Toml)
            .unwrap()
            .build()
            .unwrap();
        let err = Matcher::builder()
            .min_confidence(f32::NAN)
            .build(&taxonomy)
            .unwrap_err();
        assert!(matches!(err, MatchBuildError::InvalidMinConfidence(_)));
    }
}
