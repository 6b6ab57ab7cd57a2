//! Alias policies: letter case, reject phrases, and the context an ambiguous alias needs.
//!
//! An alias that `requires_context` ("Go", "R", "Spark", "Excel") is accepted only when one
//! of these supports it: the mention is in a skills section; it is on a labelled skill line
//! ("Languages: …", "Tools: …"); it is an item of a list whose neighbour is an accepted skill
//! ("Python, R and SQL"); or one of the alias's anchor words is near ("golang", "goroutines").
//! A reject phrase that overlaps the mention ("go-to", "excel at", "r&d") rules it out
//! whatever the support.

use std::collections::HashMap;

use crate::matcher::engine::is_word_char;
use crate::matcher::normalize::fold_label;
use crate::taxonomy::{AliasPolicy, ContextRequirement};

/// How many bytes either side of a mention are searched for anchor words.
const ANCHOR_WINDOW: usize = 100;
/// The longest gap between two list items.
const LIST_GAP: usize = 48;

/// An alias policy with its phrases folded for matching.
#[derive(Clone, Debug, Default)]
pub(crate) struct CompiledPolicy {
    /// Compare against the original letter case.
    pub(crate) case_sensitive: bool,
    /// Needs supporting context.
    pub(crate) requires_context: bool,
    /// Anchor words, as ids into [`Phrases`], sorted (at most [`MAX_ANCHORS`]).
    anchors: Vec<u32>,
    /// Reject phrases, as ids into [`Phrases`], sorted.
    reject: Vec<u32>,
    /// The longest reject phrase, in bytes.
    longest_reject: usize,
}

/// The most anchors one alias may have (they are counted in a bit mask).
const MAX_ANCHORS: usize = 128;

impl CompiledPolicy {
    /// Compiles a taxonomy policy whose phrases `phrases` has collected.
    pub(crate) fn compile(policy: &AliasPolicy, phrases: &PhraseTable) -> CompiledPolicy {
        // Ids in the folded phrases' order, without repeats.
        let ids = |v: &[String]| -> Vec<u32> {
            let mut ids: Vec<u32> = v.iter().filter_map(|p| phrases.id(p)).collect();
            ids.sort_unstable_by(|&a, &b| phrases.text(a).cmp(phrases.text(b)));
            ids.dedup();
            ids
        };
        let mut anchors = ids(&policy.anchors);
        anchors.truncate(MAX_ANCHORS);
        anchors.sort_unstable();
        let mut reject = ids(&policy.reject_contexts);
        let longest_reject = reject.iter().map(|&id| phrases.text(id).len()).max();
        reject.sort_unstable();
        CompiledPolicy {
            case_sensitive: policy.case_sensitive,
            requires_context: policy.requires_context != ContextRequirement::None,
            anchors,
            reject,
            longest_reject: longest_reject.unwrap_or(0),
        }
    }

    /// The anchor words, as phrase ids.
    pub(crate) fn anchors(&self) -> &[u32] {
        &self.anchors
    }

    /// Returns true if and only if the alias is too ambiguous for fuzzy matching.
    pub(crate) fn is_ambiguous(&self) -> bool {
        self.case_sensitive || self.requires_context
    }
}

/// The anchor words and reject phrases of every policy, folded, each with an id. They are
/// searched for by the alias automaton itself, in the same pass as the aliases.
#[derive(Debug, Default)]
pub(crate) struct PhraseTable {
    /// Each phrase as written → its id (`None` when it folds to nothing).
    ids: HashMap<String, Option<u32>>,
    /// Each folded phrase → its id.
    folded: HashMap<String, u32>,
    /// The folded phrases, by id.
    texts: Vec<String>,
}

impl PhraseTable {
    /// Collects the phrases of `policy`.
    pub(crate) fn add(&mut self, policy: &AliasPolicy) {
        for phrase in policy.anchors.iter().chain(&policy.reject_contexts) {
            if self.ids.contains_key(phrase) {
                continue;
            }
            let folded = fold_label(phrase, true);
            let next = self.texts.len() as u32;
            let id = (!folded.is_empty()).then(|| {
                *self.folded.entry(folded).or_insert_with_key(|folded| {
                    self.texts.push(folded.clone());
                    next
                })
            });
            self.ids.insert(phrase.clone(), id);
        }
    }

    /// The id of `phrase` (as written), if it was collected and folds to something.
    fn id(&self, phrase: &str) -> Option<u32> {
        self.ids.get(phrase).copied().flatten()
    }

    /// The folded phrase of `id`.
    pub(crate) fn text(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }

    /// The folded phrases, by id.
    pub(crate) fn texts(&self) -> &[String] {
        &self.texts
    }
}

/// Where a phrase occurs in the folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PhraseHit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) id: u32,
}

/// The occurrences of the phrases in a folded text, by start then end (the order the
/// automaton walk reports them in).
#[derive(Debug, Default)]
pub(crate) struct PhraseHits {
    hits: Vec<PhraseHit>,
}

impl PhraseHits {
    /// Room for `capacity` occurrences.
    pub(crate) fn with_capacity(capacity: usize) -> PhraseHits {
        PhraseHits {
            hits: Vec::with_capacity(capacity),
        }
    }

    /// Adds an occurrence that sorts after every one so far.
    pub(crate) fn push(&mut self, hit: PhraseHit) {
        self.hits.push(hit);
    }

    /// Every occurrence, in order.
    #[cfg(test)]
    pub(crate) fn all(&self) -> &[PhraseHit] {
        &self.hits
    }

    /// The phrases of `ids` that lie within `from..to`: (id, position in `ids`, start).
    fn within<'a>(
        &'a self,
        from: usize,
        to: usize,
        ids: &'a [u32],
    ) -> impl Iterator<Item = (u32, usize, usize)> + 'a {
        let first = self.hits.partition_point(|h| (h.start as usize) < from);
        let last = self.hits.partition_point(|h| (h.start as usize) < to);
        let hits = if ids.is_empty() {
            &[][..]
        } else {
            &self.hits[first..last.max(first)]
        };
        hits.iter()
            .filter(move |h| h.end as usize <= to)
            .filter_map(move |h| {
                let k = ids.binary_search(&h.id).ok()?;
                Some((h.id, k, h.start as usize))
            })
    }
}

/// What made a context-requiring alias acceptable (or that it needed none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Support {
    /// The alias needs no context.
    Unconditional,
    /// The mention is in a skills section.
    SkillsSection,
    /// The mention is on a labelled skill line ("Languages: …").
    SkillLine,
    /// The mention is an item of a list of accepted skills.
    SkillList,
    /// An anchor word is near.
    Anchor,
    /// A skill of the same category is mentioned in the same sentence.
    Peer,
}

impl Support {
    /// The confidence factor of this support.
    pub(crate) fn factor(self) -> f32 {
        match self {
            Support::Unconditional => 1.0,
            Support::SkillsSection | Support::SkillLine => 0.95,
            Support::Anchor => 0.9,
            Support::Peer => 0.85,
            Support::SkillList => 0.85,
        }
    }
}

/// The largest char boundary of `text` at or before `at`.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or after `at`.
pub(crate) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Returns true if and only if `phrase` sits at `at` in `text` as whole words: it does not
/// continue a word on a side where the phrase itself begins or ends with a word character.
fn whole_at(text: &str, at: usize, phrase: &str, right_open: bool) -> bool {
    let end = at + phrase.len();
    let starts_word = phrase.chars().next().is_some_and(is_word_char);
    let ends_word = phrase.chars().next_back().is_some_and(is_word_char);
    let left_ok = !starts_word || !text[..at].chars().next_back().is_some_and(is_word_char);
    let right_ok =
        right_open || !ends_word || !text[end..].chars().next().is_some_and(is_word_char);
    left_ok && right_ok
}

/// The first reject phrase of `policy` that overlaps the mention `start..end` of the folded text.
pub(crate) fn rejecting_phrase<'p>(
    text: &str,
    (start, end): (usize, usize),
    policy: &CompiledPolicy,
    phrases: &'p PhraseTable,
    found: &PhraseHits,
) -> Option<&'p str> {
    if policy.reject.is_empty() {
        return None;
    }
    let from = floor_boundary(text, start.saturating_sub(policy.longest_reject));
    let to = ceil_boundary(text, end + policy.longest_reject);
    found
        .within(from, to, &policy.reject)
        .find_map(|(id, _, at)| {
            let phrase = phrases.text(id);
            (at < end && at + phrase.len() > start && whole_at(text, at, phrase, false))
                .then_some(phrase)
        })
}

/// The window of the folded text searched for anchors: ±[`ANCHOR_WINDOW`] bytes, not
/// crossing a blank line.
fn anchor_window(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut from = floor_boundary(text, start.saturating_sub(ANCHOR_WINDOW));
    let mut to = ceil_boundary(text, end + ANCHOR_WINDOW);
    let (before, after) = (&text.as_bytes()[from..start], &text.as_bytes()[end..to]);
    // The last line break that ends a blank line before, the first that starts one after.
    if let Some(i) = memchr::memrchr_iter(b'\n', before).find(|&i| i > 0 && before[i - 1] == b'\n')
    {
        from += i + 1;
    }
    if let Some(i) = memchr::memchr_iter(b'\n', after).find(|&i| after.get(i + 1) == Some(&b'\n')) {
        to = end + i;
    }
    (from, to)
}

/// How many distinct anchors of `policy` occur near the mention (an anchor matches at a
/// word start and may run on: "goroutine" anchors "goroutines").
pub(crate) fn anchor_hits(
    text: &str,
    (start, end): (usize, usize),
    policy: &CompiledPolicy,
    phrases: &PhraseTable,
    found: &PhraseHits,
) -> usize {
    if policy.anchors.is_empty() {
        return 0;
    }
    let (from, to) = anchor_window(text, start, end);
    let mut seen: u128 = 0;
    for (id, k, at) in found.within(from, to, &policy.anchors) {
        let anchor = phrases.text(id);
        if (at + anchor.len() <= start || at >= end) && whole_at(text, at, anchor, true) {
            seen |= 1 << k;
        }
    }
    seen.count_ones() as usize
}

/// The sentence of the folded text around `start..end`: up to the nearest line break,
/// semicolon, or `.`, `!`, `?` followed by a space, on either side.
pub(crate) fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let ends_sentence = |i: usize| match bytes[i] {
        b'\n' | b';' => true,
        b'.' | b'!' | b'?' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
        _ => false,
    };
    let from = (0..start)
        .rev()
        .find(|&i| ends_sentence(i))
        .map_or(0, |i| i + 1);
    let to = (end..bytes.len())
        .find(|&i| ends_sentence(i))
        .unwrap_or(bytes.len());
    (from, to)
}

/// Returns true if and only if `word` is capitalized like a name: one upper-case letter,
/// then lower-case letters only.
fn is_title_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(char::is_lowercase)
}

/// Returns true if and only if the mention `span` of the original `text` reads as part of a
/// name: it is capitalized like a name and glued by one space to another such word that
/// starts no other mention ("Ray Thompson", "Rust Belt", "Taylor Swift"). A capitalized
/// word before the mention counts only when it does not start the sentence ("Learned Swift"
/// is not a name). `starts_mention` says whether a mention starts at an original offset.
pub(crate) fn looks_like_name(
    text: &str,
    span: rolefit_extract::Span,
    starts_mention: impl Fn(usize) -> bool,
) -> bool {
    if !is_title_word(&text[span.range()]) {
        return false;
    }
    let after = &text[span.end..];
    if let Some(rest) = after.strip_prefix(' ') {
        let word: &str = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if is_title_word(word) && !starts_mention(span.end + 1) {
            return true;
        }
    }
    let before = &text[..span.start];
    if let Some(head) = before.strip_suffix(' ') {
        let word_start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &head[word_start..];
        let lead = head[..word_start].trim_end();
        let starts_sentence =
            lead.is_empty() || lead.ends_with(['.', '!', '?', ':', ';', '\n', '•']);
        if is_title_word(word) && !starts_sentence && !starts_mention(word_start) {
            return true;
        }
    }
    false
}

/// The last words of job titles: an alias ending in one names a role, not a skill.
const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "engineers",
    "developer",
    "developers",
    "scientist",
    "scientists",
    "analyst",
    "analysts",
    "lead",
    "architect",
    "programmer",
    "consultant",
    "intern",
    "manager",
    "assistant",
    "researcher",
    "specialist",
    "director",
];

/// Returns true if and only if the folded mention ends with a role noun ("data engineer",
/// "tech lead"): the alias names a job, not a skill.
pub(crate) fn is_job_title(mention: &str) -> bool {
    let mention = mention.trim_end_matches(|c: char| !is_word_char(c));
    mention
        .rsplit_once(|c: char| !is_word_char(c))
        .is_some_and(|(head, last)| ROLE_NOUNS.contains(&last) && head.chars().any(is_word_char))
}

/// Returns true if and only if the mention names another team's stack: "with the Java
/// backend team", "alongside our data science team", "for the forecasting team's ML models"
/// (a named team's; "the team's Excel models" is the writer's own team).
pub(crate) fn names_another_team(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    // Every lead-in below ends in one of these.
    if !matches!(before.as_bytes().last(), Some(b's' | b'\'' | b'e' | b'r')) {
        return false;
    }
    if let Some(owner) = before
        .strip_suffix("team's")
        .or_else(|| before.strip_suffix("teams'"))
    {
        let words: Vec<&str> = owner.split_whitespace().rev().take(4).collect();
        if let Some(the) = words.iter().position(|w| *w == "the") {
            return the > 0;
        }
    }
    let led_in = [
        "with the",
        "with our",
        "alongside the",
        "alongside our",
        "and the",
    ]
    .iter()
    .any(|p| before.ends_with(p));
    if !led_in {
        return false;
    }
    text[end..].split_whitespace().take(3).any(|w| {
        matches!(
            w.trim_end_matches(|c: char| !c.is_alphanumeric()),
            "team" | "teams"
        )
    })
}

/// The spans of employer and school names and of degree fields: a skill inside one
/// ("Kranich Payments GmbH", "Hudson Ridge College", "BSc Computer Science") is part of a
/// name, not a claim.
pub(crate) fn organisation_names(doc: &rolefit_extract::Document) -> Vec<rolefit_extract::Span> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut locate = |within: rolefit_extract::Span, name: &Option<String>| {
        let Some(name) = name.as_deref().filter(|n| !n.trim().is_empty()) else {
            return;
        };
        let Some(area) = text.get(within.range()) else {
            return;
        };
        if let Some(i) = area.find(name) {
            out.push(rolefit_extract::Span::new(
                within.start + i,
                within.start + i + name.len(),
            ));
        }
    };
    for p in &doc.positions {
        locate(p.span, &p.employer);
    }
    for e in &doc.education {
        locate(e.span, &e.institution);
        locate(e.span, &e.field);
    }
    out
}

/// Words that label a line as a list of skills ("Languages: Go, Rust").
const SKILL_LINE_LABELS: &[&str] = &[
    "skills",
    "skill",
    "languages",
    "language",
    "tools",
    "tooling",
    "technologies",
    "technology",
    "tech",
    "stack",
    "frameworks",
    "libraries",
    "platforms",
    "databases",
    "programming",
    "environment",
    "software",
    "cloud",
    "devops",
    "infrastructure",
    "data",
    "ml",
    "web",
    "backend",
    "frontend",
    "competencies",
];

/// The line of the folded text around `at`.
fn line_around(text: &str, at: usize) -> (usize, usize) {
    let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let to = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (from, to)
}

/// Returns true if and only if the mention at `start` follows a short skill label and a colon
/// on its line ("Languages: Python, Go", "Tech stack: Go").
pub(crate) fn on_skill_line(text: &str, start: usize) -> bool {
    let (from, _) = line_around(text, start);
    let head = &text[from..start];
    let Some(colon) = head.find(':') else {
        return false;
    };
    let label = &head[..colon];
    label.len() <= 40
        && label
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| SKILL_LINE_LABELS.contains(&w))
}

/// Returns true if and only if `gap` (text between two list items) is only list glue:
/// separators, spaces, "and"/"or", and parenthesized asides.
fn is_list_glue(gap: &str) -> bool {
    if gap.len() > LIST_GAP || gap.contains('\n') {
        return false;
    }
    let mut depth = 0u32;
    let mut rest = String::with_capacity(gap.len());
    for c in gap.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c => rest.push(c),
        }
    }
    let has_separator = gap.contains([',', ';', '|', '/', '•', '·', '&', '+', '(', ')']);
    let words_ok = rest
        .split(|c: char| !is_word_char(c))
        .all(|w| w.is_empty() || w == "and" || w == "or");
    let has_word = rest
        .split(|c: char| !is_word_char(c))
        .any(|w| !w.is_empty());
    words_ok && (has_separator || has_word)
}

/// Returns true if and only if the text just before the mention ends a list item or
/// starts a line.
fn list_left_edge(text: &str, start: usize) -> bool {
    let (from, _) = line_around(text, start);
    let before = text[from..start].trim_end();
    before.is_empty()
        || before.ends_with(|c| {
            matches!(
                c,
                ',' | ';' | '|' | '/' | '•' | '·' | '(' | ':' | '*' | '-' | '+' | '&'
            )
        })
        || before.ends_with(" and")
        || before.ends_with(" or")
        || before == "and"
        || before == "or"
}

/// Returns true if and only if the text just after the mention ends a list item or the line.
fn list_right_edge(text: &str, end: usize) -> bool {
    let (_, to) = line_around(text, end);
    let after = text[end..to].trim_start();
    after.is_empty()
        || after.starts_with(|c| {
            matches!(
                c,
                ',' | ';' | '|' | '/' | '•' | '·' | '(' | ')' | '.' | ':' | '&'
            )
        })
        || after.starts_with("and ")
        || after.starts_with("or ")
}

/// Returns true if and only if the mention `start..end` is an item of a list in which an
/// adjacent item is one of `accepted` (folded spans, sorted by start).
pub(crate) fn in_skill_list(
    text: &str,
    start: usize,
    end: usize,
    accepted: &[(usize, usize)],
) -> bool {
    if !list_left_edge(text, start) || !list_right_edge(text, end) {
        return false;
    }
    let i = accepted.partition_point(|&(s, _)| s < start);
    let before = accepted[..i].iter().rev().find(|&&(_, e)| e <= start);
    let after = accepted[i..].iter().find(|&&(s, _)| s >= end);
    before.is_some_and(|&(_, e)| is_list_glue(&text[e..start]))
        || after.is_some_and(|&(s, _)| is_list_glue(&text[end..s]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A policy with `anchors` and `reject` phrases, beside another policy's phrases.
    fn policy(anchors: &[&str], reject: &[&str]) -> (CompiledPolicy, PhraseTable) {
        let other = AliasPolicy {
            anchors: vec!["golang".into(), "market".into()],
            reject_contexts: vec!["go toward".into()],
            ..AliasPolicy::default()
        };
        let policy = AliasPolicy {
            case_sensitive: true,
            requires_context: ContextRequirement::SkillContext,
            anchors: anchors.iter().map(|s| s.to_string()).collect(),
            reject_contexts: reject.iter().map(|s| s.to_string()).collect(),
            ..AliasPolicy::default()
        };
        let mut table = PhraseTable::default();
        table.add(&other);
        table.add(&policy);
        (CompiledPolicy::compile(&policy, &table), table)
    }

    /// Every occurrence of every phrase of `table` in `text`, by start, shortest first.
    fn phrase_hits(text: &str, table: &PhraseTable) -> PhraseHits {
        let mut all: Vec<PhraseHit> = Vec::new();
        for (id, phrase) in table.texts().iter().enumerate() {
            for start in (0..text.len()).filter(|&at| text[at..].starts_with(phrase.as_str())) {
                let (start, end) = (start as u32, (start + phrase.len()) as u32);
                all.push(PhraseHit {
                    start,
                    end,
                    id: id as u32,
                });
            }
        }
        all.sort_by_key(|h| (h.start, h.end));
        let mut found = PhraseHits::default();
        all.into_iter().for_each(|h| found.push(h));
        found
    }

    fn reject(
        text: &str,
        span: (usize, usize),
        p: &CompiledPolicy,
        t: &PhraseTable,
    ) -> Option<String> {
        rejecting_phrase(text, span, p, t, &phrase_hits(text, t)).map(str::to_owned)
    }

    fn anchors(text: &str, span: (usize, usize), p: &CompiledPolicy, t: &PhraseTable) -> usize {
        anchor_hits(text, span, p, t, &phrase_hits(text, t))
    }

    #[test]
    fn reject_phrases_must_overlap_the_mention() {
        let (p, phrases) = policy(&[], &["go-to", "go to", "excel at"]);
        let text = "our go-to-market plan; written in go";
        let at = text.find("go-").unwrap();
        assert_eq!(
            reject(text, (at, at + 2), &p, &phrases).as_deref(),
            Some("go-to")
        );
        let at = text.rfind("go").unwrap();
        assert_eq!(reject(text, (at, at + 2), &p, &phrases), None);
        let text = "we go toward";
        assert_eq!(
            reject(text, (3, 5), &p, &phrases),
            None,
            "\"go to\" must end at a word end"
        );
    }

    #[test]
    fn anchors_near_the_mention() {
        let (p, phrases) = policy(&["golang", "goroutine", "concurrency"], &[]);
        let text = "services in go using goroutines";
        let at = text.find(" go ").unwrap() + 1;
        assert_eq!(anchors(text, (at, at + 2), &p, &phrases), 1);
        let text = "let's go\n\nconcurrency";
        assert_eq!(anchors(text, (6, 8), &p, &phrases), 0);
        let text = "go to market"; // "market" anchors only the other policy
        assert_eq!(anchors(text, (0, 2), &p, &phrases), 0);
    }

    #[test]
    fn lists_and_skill_lines() {
        let text = "python, r and sql";
        let accepted = [(0, 6), (14, 17)];
        assert!(in_skill_list(text, 8, 9, &accepted));
        let text = "python (primary), go";
        assert!(in_skill_list(text, 18, 20, &[(0, 6)]));
        let text = "with python and go to the gym";
        assert!(!in_skill_list(text, 16, 18, &[(5, 11)]));
        assert!(on_skill_line("tech stack: go, rust", 12));
        let text = "Worked with Ray Patel. Ray Tune runs; Learned Swift, Taylor Swift";
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            rolefit_extract::Span::new(i, i + w.len())
        };
        assert!(looks_like_name(text, at("Ray"), |_| false));
        assert!(!looks_like_name(text, at("Ray"), |_| true));
        let swift = text.find("Swift").unwrap();
        assert!(!looks_like_name(
            text,
            rolefit_extract::Span::new(swift, swift + 5),
            |_| false
        ));
        let swift = text.rfind("Swift").unwrap();
        assert!(looks_like_name(
            text,
            rolefit_extract::Span::new(swift, swift + 5),
            |_| false
        ));
        assert_eq!(sentence_around("a. b c. d", 3, 4), (2, 6));
        assert!(is_job_title("data engineer"));
        assert!(!is_job_title("engineer"));
        assert!(!is_job_title("data engineering"));
        assert!(is_job_title("ml-engineer."));
        assert!(!is_job_title("engineer."));
        assert!(!is_job_title("- engineer"));
        let text = "worked with the java backend team";
        assert!(names_another_team(text, 16, 20));
        assert!(!names_another_team("built it with java", 14, 18));
        let text = "feature tables for the forecasting team's ml models";
        assert!(names_another_team(text, 42, 44));
        assert!(!names_another_team("built the team's excel models", 17, 22));
        assert!(!on_skill_line("note: go home", 6));
    }
}
