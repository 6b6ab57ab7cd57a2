//! The compiled skill matcher: exact aho-corasick pass, context policies, fuzzy pass,
//! per-skill aggregation and "why not" near misses.

mod aggregate;
mod context;
mod engine;
mod fuzzy;
mod normalize;

use std::collections::HashMap;

use rolefit_extract::{
    Contact, Document, ExperienceSummary, Format, Section, SectionKind, Span, YearMonth,
};

use crate::evidence::{MatchMethod, MatchSet, NearMiss, SkillMatch};
use crate::taxonomy::{SkillId, Taxonomy, TaxonomyStamp};
use context::Support;
use engine::{is_word_char, Engine, Hit};
use fuzzy::{FuzzyHit, FuzzyIndex};
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
        let engine = Engine::build(taxonomy)?;
        let fuzzy = self
            .fuzzy
            .then(|| FuzzyIndex::build(&engine, |i| fold_label(&engine.entries[i].text, true)));
        Ok(Matcher {
            ids: taxonomy.skills().iter().map(|s| s.id.clone()).collect(),
            stamp: taxonomy.stamp().clone(),
            closure: aggregate::implication_closure(taxonomy),
            engine,
            fuzzy,
            min_confidence: self.min_confidence,
        })
    }
}

/// Finds the skills of a taxonomy in documents. Built once, it never fails and is shared
/// freely between threads.
#[derive(Debug)]
pub struct Matcher {
    ids: Vec<SkillId>,
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
    entry: usize,
    support: Option<Support>,
    anchors: usize,
}

/// A mention that was considered and not accepted.
#[derive(Debug)]
struct Rejected {
    skill: usize,
    alias: String,
    span: Span,
    reason: String,
}

/// Where rejections go: nowhere for `find`, a list for `why_not`.
struct Trace {
    only: Option<usize>,
    rejected: Vec<Rejected>,
}

impl Trace {
    fn wants(&self, skill: usize) -> bool {
        self.only.is_none_or(|s| s == skill)
    }
}

/// The word tokens (runs of word characters) of the folded text.
fn word_tokens(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while iter.peek().is_some_and(|&(_, c)| !is_word_char(c)) {
            iter.next();
        }
        let &(start, _) = iter.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            iter.next();
        }
        Some((start, end))
    })
}

/// Returns true if and only if the whitespace-delimited chunk around `start..end` of the
/// folded text is a URL or an e-mail address.
fn inside_link(text: &str, start: usize, end: usize) -> bool {
    let from = text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let chunk = &text[from..to];
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
        let Ok(index) = self
            .ids
            .binary_search(skill)
            .or_else(|_| self.ids.iter().position(|id| id == skill).ok_or(()))
        else {
            return Vec::new();
        };
        let mut trace = Trace {
            only: Some(index),
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
            .filter_map(|e| fuzzy::compact_key(&fold_label(&e.text, true)).map(|k| (e, k)))
            .collect();
        let mut out = Vec::new();
        for (start, end) in word_tokens(t) {
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
                let distance = strsim::damerau_levenshtein(token, key);
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
                    alias: entry.text.clone(),
                    reason,
                });
            }
        }
        out
    }

    /// Matches `doc`: accepted mentions (with their skill index) in text order.
    fn run(&self, doc: &Document, mut trace: Option<&mut Trace>) -> Vec<(usize, SkillMatch)> {
        let text = doc.text();
        let norm = Normalized::new(text);
        let t = norm.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        self.engine.scan(t, &mut hits);

        let reject = |trace: &mut Option<&mut Trace>, c: &Candidate, reason: String| {
            let entry = &self.engine.entries[c.entry];
            if let Some(trace) = trace.as_deref_mut() {
                if trace.wants(entry.skill) {
                    trace.rejected.push(Rejected {
                        skill: entry.skill,
                        alias: entry.text.clone(),
                        span: norm.to_original(text, c.start, c.end),
                        reason,
                    });
                }
            }
        };

        // Static policy: letter case, links, reject phrases.
        let mut firm: Vec<Candidate> = Vec::new();
        let mut pending: Vec<Candidate> = Vec::new();
        for hit in &hits {
            for entry_index in self.engine.entries_of(hit.pattern) {
                let entry = &self.engine.entries[entry_index];
                let mut c = Candidate {
                    start: hit.start,
                    end: hit.end,
                    entry: entry_index,
                    support: None,
                    anchors: 0,
                };
                if entry.policy.case_sensitive {
                    let span = norm.to_original(text, hit.start, hit.end);
                    let written = fold_label(&text[span.range()], false);
                    if written != entry.cased {
                        reject(
                            &mut trace,
                            &c,
                            format!(
                                "written \"{written}\"; the alias \"{}\" must match letter case",
                                entry.cased
                            ),
                        );
                        continue;
                    }
                }
                if inside_link(t, hit.start, hit.end) {
                    reject(
                        &mut trace,
                        &c,
                        "inside a link or an e-mail address".to_owned(),
                    );
                    continue;
                }
                if let Some(phrase) =
                    context::rejecting_phrase(t, hit.start, hit.end, &entry.policy)
                {
                    reject(
                        &mut trace,
                        &c,
                        format!("rejected by context rule \"{phrase}\""),
                    );
                    continue;
                }
                c.anchors = context::anchor_hits(t, hit.start, hit.end, &entry.policy);
                if entry.policy.requires_context {
                    pending.push(c);
                } else {
                    c.support = Some(Support::Unconditional);
                    firm.push(c);
                }
            }
        }

        // Context: section, skill line and anchors first, then lists, until nothing changes.
        let mut undecided = Vec::new();
        for mut c in pending {
            let at = norm.to_original(text, c.start, c.end).start;
            c.support = if c.anchors > 0 {
                Some(Support::Anchor)
            } else if doc.section_kind_at(at) == SectionKind::Skills {
                Some(Support::SkillsSection)
            } else if context::on_skill_line(t, c.start) {
                Some(Support::SkillLine)
            } else {
                None
            };
            match c.support {
                Some(_) => firm.push(c),
                None => undecided.push(c),
            }
        }
        loop {
            let mut spans: Vec<(usize, usize)> = firm.iter().map(|c| (c.start, c.end)).collect();
            spans.sort_unstable();
            let before = undecided.len();
            undecided.retain(|c| {
                if context::in_skill_list(t, c.start, c.end, &spans) {
                    firm.push(Candidate {
                        support: Some(Support::SkillList),
                        ..*c
                    });
                    false
                } else {
                    true
                }
            });
            if undecided.len() == before || undecided.is_empty() {
                break;
            }
        }
        for c in &undecided {
            reject(&mut trace, c, "needs context (a skills section, a list of skills, or an anchor word) and none was found".to_owned());
        }

        // One reading per span: when an alias names several skills, anchors decide.
        firm.sort_by_key(|c| {
            (
                c.start,
                std::cmp::Reverse(c.end),
                self.engine.entries[c.entry].skill,
            )
        });
        let mut decided: Vec<Candidate> = Vec::with_capacity(firm.len());
        let mut i = 0;
        while i < firm.len() {
            let j = i + firm[i..]
                .iter()
                .take_while(|c| c.start == firm[i].start && c.end == firm[i].end)
                .count();
            let group = &firm[i..j];
            let skills_in = |g: &[Candidate]| {
                let mut s: Vec<usize> = g
                    .iter()
                    .map(|c| self.engine.entries[c.entry].skill)
                    .collect();
                s.dedup();
                s
            };
            if skills_in(group).len() <= 1 {
                decided.push(group[0]);
            } else {
                let best = group.iter().map(|c| c.anchors).max().unwrap_or(0);
                let top: Vec<Candidate> = group
                    .iter()
                    .copied()
                    .filter(|c| c.anchors == best)
                    .collect();
                let unconditional: Vec<Candidate> = group
                    .iter()
                    .copied()
                    .filter(|c| c.support == Some(Support::Unconditional))
                    .collect();
                let pick = if best > 0 && skills_in(&top).len() == 1 {
                    Some(top[0])
                } else if skills_in(&unconditional).len() == 1 {
                    Some(unconditional[0])
                } else {
                    None
                };
                match pick {
                    Some(p) => decided.push(p),
                    None => {
                        let names: Vec<&str> = skills_in(group)
                            .into_iter()
                            .map(|s| self.ids[s].as_str())
                            .collect();
                        for c in group {
                            reject(
                                &mut trace,
                                c,
                                format!(
                                    "ambiguous between {}; no anchor word decides",
                                    names.join(" and ")
                                ),
                            );
                        }
                    }
                }
                for c in group {
                    if pick.is_some_and(|p| {
                        self.engine.entries[p.entry].skill != self.engine.entries[c.entry].skill
                    }) {
                        reject(
                            &mut trace,
                            c,
                            "another skill with the same alias had more support here".to_owned(),
                        );
                    }
                }
            }
            i = j;
        }

        // Leftmost-longest among the valid candidates.
        let mut selected: Vec<Candidate> = Vec::with_capacity(decided.len());
        let mut covered_to = 0;
        for c in decided {
            if c.start >= covered_to || selected.is_empty() {
                covered_to = c.end;
                selected.push(c);
            } else {
                let by = selected
                    .last()
                    .map_or("", |p| self.engine.entries[p.entry].text.as_str());
                reject(
                    &mut trace,
                    &c,
                    format!("part of the longer mention \"{by}\""),
                );
            }
        }

        let mut out: Vec<(usize, SkillMatch, usize)> = selected
            .iter()
            .map(|c| {
                let entry = &self.engine.entries[c.entry];
                let span = norm.to_original(text, c.start, c.end);
                let written = fold_label(&text[span.range()], false);
                let method = match (entry.is_name, written == entry.cased) {
                    (true, true) => MatchMethod::Exact,
                    (false, true) => MatchMethod::Alias,
                    _ => MatchMethod::CaseFolded,
                };
                let support = c.support.unwrap_or(Support::Unconditional);
                (
                    entry.skill,
                    self.mention(doc, entry, span, method, support.factor()),
                    c.entry,
                )
            })
            .collect();

        if let Some(index) = &self.fuzzy {
            let spans: Vec<(usize, usize)> = selected.iter().map(|c| (c.start, c.end)).collect();
            for (start, end, hit) in self.fuzzy_pass(index, t, &spans) {
                let entry = &self.engine.entries[hit.entry];
                let span = norm.to_original(text, start, end);
                let method = MatchMethod::Fuzzy {
                    distance: hit.distance,
                    similarity: hit.similarity,
                };
                out.push((
                    entry.skill,
                    self.mention(doc, entry, span, method, 1.0),
                    hit.entry,
                ));
            }
        }
        out.sort_by_key(|(skill, m, _)| (m.span.start, m.span.end, *skill));

        let mut kept = Vec::with_capacity(out.len());
        for (skill, m, entry) in out {
            if m.confidence >= self.min_confidence {
                kept.push((skill, m));
            } else if let Some(trace) = trace.as_deref_mut() {
                if trace.wants(skill) {
                    trace.rejected.push(Rejected {
                        skill,
                        alias: self.engine.entries[entry].text.clone(),
                        span: m.span,
                        reason: format!(
                            "confidence {:.2} is below the minimum {:.2}",
                            m.confidence, self.min_confidence
                        ),
                    });
                }
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

    /// Fuzzy matches over the word tokens that no exact mention covers: pairs of words
    /// joined by a space or a dash first ("sage maker"), then single words.
    fn fuzzy_pass(
        &self,
        index: &FuzzyIndex,
        t: &str,
        covered: &[(usize, usize)],
    ) -> Vec<(usize, usize, FuzzyHit)> {
        let mut cover = covered.iter().peekable();
        let mut free: Vec<(usize, usize)> = Vec::new();
        for (start, end) in word_tokens(t) {
            while cover.peek().is_some_and(|&&(_, e)| e <= start) {
                cover.next();
            }
            if cover.peek().is_some_and(|&&(s, _)| s < end) {
                free.push((usize::MAX, usize::MAX));
            } else {
                free.push((start, end));
            }
        }
        let mut single: HashMap<&str, Option<FuzzyHit>> = HashMap::new();
        let mut pair: HashMap<(&str, &str), Option<FuzzyHit>> = HashMap::new();
        let mut out = Vec::new();
        let mut i = 0;
        while i < free.len() {
            let (s, e) = free[i];
            if s == usize::MAX {
                i += 1;
                continue;
            }
            if let Some(&(s2, e2)) = free.get(i + 1) {
                let joined =
                    s2 != usize::MAX && s2 == e + 1 && matches!(t.as_bytes()[e], b' ' | b'-');
                if joined && e - s >= 2 && e2 - s2 >= 2 {
                    let (a, b) = (&t[s..e], &t[s2..e2]);
                    let hit = *pair.entry((a, b)).or_insert_with(|| {
                        let mut key = String::with_capacity(a.len() + b.len());
                        key.push_str(a);
                        key.push_str(b);
                        index.lookup(&key).filter(|h| h.distance <= 1)
                    });
                    if let Some(hit) = hit {
                        out.push((s, e2, hit));
                        i += 2;
                        continue;
                    }
                }
            }
            let word = &t[s..e];
            if word.len() >= fuzzy::MIN_LEN {
                if let Some(hit) = *single
                    .entry(word)
                    .or_insert_with(|| index.lookup(word).filter(|h| h.distance > 0))
                {
                    out.push((s, e, hit));
                }
            }
            i += 1;
        }
        out
    }
}

/// A document of plain text: one section of kind [`SectionKind::Other`], nothing else.
fn plain_document(text: &str) -> Document {
    Document {
        source: None,
        format: Format::Text,
        text: text.to_owned(),
        sections: vec![Section {
            kind: SectionKind::Other,
            heading: None,
            body: Span::new(0, text.len()),
        }],
        tokens: Vec::new(),
        contact: Contact::default(),
        positions: Vec::new(),
        experience: ExperienceSummary::default(),
        education: Vec::new(),
        diagnostics: Vec::new(),
        pages: None,
        as_of: YearMonth {
            year: 1970,
            month: 1,
        },
    }
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
