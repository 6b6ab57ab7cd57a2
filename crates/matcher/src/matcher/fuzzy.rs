//! The fuzzy pass: typos and spelling variants of unambiguous aliases ("Pytorh",
//! "Kubernets", "Sage Maker", "Hugging-face"), looked up in a SymSpell-style deletion index.
//!
//! Keys are aliases of one or two words, compacted (spaces, dashes, dots and underscores
//! removed), of at least five characters, that name exactly one skill and need no context.
//! Each key's first [`PREFIX`] characters are indexed under every string reachable by
//! deleting up to its edit bound of characters; a query is looked up under its own
//! deletions, and every candidate is verified with an edit distance and
//! ranked by Jaro-Winkler similarity (the optimal-string-alignment form of the distance:
//! a transposition counts as one edit). Nothing is ever compared against all keys.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::matcher::engine::AliasEntry;
use crate::matcher::word_map::WordMap;

/// Characters of a key that are indexed.
const PREFIX: usize = 7;
/// The shortest token that is looked up.
pub(crate) const MIN_LEN: usize = 5;

/// Common English words within an edit or two of a skill name: never read as typos.
const STOP_WORDS: &str = include_str!("fuzzy_stop_words.txt");
/// Lower-case English words of ESCO and O*NET prose: never read as typos.
const ENGLISH_WORDS: &str = include_str!("english_words.txt");

/// The edit bound for a token of `len` characters: none below 5, 1 up to 9, 2 from 10.
pub(crate) fn edit_bound(len: usize) -> usize {
    match len {
        0..MIN_LEN => 0,
        MIN_LEN..=9 => 1,
        _ => 2,
    }
}

/// Returns true if and only if `word` may be half of a product name split in two ("sage
/// maker", "hugging face"): three characters or more, and not a function word such as
/// "and" or "with". (Two common English words together are not looked up either, see
/// [`FuzzyPass::pair`].)
pub(crate) fn may_be_half_of_name(word: &str) -> bool {
    let bytes = word.as_bytes();
    match bytes.len() {
        0..3 => false,
        3 | 4 if bytes.is_ascii() => !matches!(
            bytes,
            b"and"
                | b"are"
                | b"for"
                | b"its"
                | b"our"
                | b"the"
                | b"was"
                | b"from"
                | b"into"
                | b"with"
        ),
        _ => word.chars().nth(2).is_some(),
    }
}

/// A verified fuzzy match.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct FuzzyHit {
    /// Index of the alias entry in the engine.
    pub(crate) entry: usize,
    /// Edit distance (optimal string alignment) between the compacted token and key.
    pub(crate) distance: u8,
    /// Jaro-Winkler similarity between them.
    pub(crate) similarity: f32,
}

#[derive(Debug)]
struct Key {
    key: String,
    entry: usize,
}

/// The multiplier of the polynomial hash over code points (odd, so no information is lost).
const BASE: u64 = 0x0100_0000_01b3;

/// Spreads a polynomial hash over all 64 bits (its low bits depend only on the characters'
/// low bits).
fn mix(h: u64) -> u64 {
    let h = (h ^ (h >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^ (h >> 32)
}

/// A hasher for keys that are already hashes: one multiplication spreads the key's bits
/// to the high end too (the hash table reads both ends).
#[derive(Default)]
struct Premixed(u64);

impl Hasher for Premixed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Deletion hash → the range of `FuzzyIndex::posting` holding the keys that reach it.
type DeletionMap = HashMap<u64, (u32, u32), BuildHasherDefault<Premixed>>;

/// The common English words that are never read as typos, shared by every index.
fn stop_words() -> &'static HashSet<&'static str, rustc_hash::FxBuildHasher> {
    static WORDS: OnceLock<HashSet<&'static str, rustc_hash::FxBuildHasher>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOP_WORDS
            .lines()
            .chain(ENGLISH_WORDS.lines())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .collect()
    })
}

/// The endings a common word may take and stay common: none, or a plural's.
const PLURAL_ENDINGS: [&str; 3] = ["", "s", "es"];

/// Every word [`FuzzyIndex::is_stop_word`] is true of: the common words and their plurals.
pub(crate) fn common_words() -> impl Iterator<Item = String> {
    stop_words()
        .iter()
        .flat_map(|&w| PLURAL_ENDINGS.map(|ending| format!("{w}{ending}")))
}

/// The first [`PREFIX`] characters of `text`, the part of a key or query that is indexed.
fn prefix(text: &str) -> ([char; PREFIX], usize) {
    let mut chars = ['\0'; PREFIX];
    let mut len = 0;
    for (slot, c) in chars.iter_mut().zip(text.chars()) {
        *slot = c;
        len += 1;
    }
    (chars, len)
}

/// Calls `f` with the hash of every string reachable from `chars` (at most
/// [`PREFIX`] long) by deleting up to `depth` (at most two) characters, never all of them:
/// `chars` itself, then each set of deleted positions once (the same string may come from
/// different positions). A string's hash is a polynomial over its code points, mixed
/// (collisions only add candidates that fail verification); that of a string with a gap is
/// put together from the parts around it, so each string costs a few multiplications.
fn for_each_deletion(chars: &[char], depth: usize, f: &mut impl FnMut(u64)) {
    let n = chars.len();
    // prefix[k]: the unmixed hash of chars[..k]; pow[k]: BASE^k.
    let mut prefix = [0u64; PREFIX + 1];
    let mut pow = [1u64; PREFIX + 1];
    for (k, &c) in chars.iter().enumerate() {
        prefix[k + 1] = prefix[k].wrapping_mul(BASE).wrapping_add(u64::from(c));
        pow[k + 1] = pow[k].wrapping_mul(BASE);
    }
    // The unmixed hash of chars[a..b].
    let part = |a: usize, b: usize| prefix[b].wrapping_sub(prefix[a].wrapping_mul(pow[b - a]));
    f(mix(prefix[n]));
    if depth == 0 || n < 2 {
        return;
    }
    for i in 0..n {
        // chars[..i] followed by chars[i + 1..].
        f(mix(prefix[i]
            .wrapping_mul(pow[n - 1 - i])
            .wrapping_add(part(i + 1, n))));
        if depth == 1 || n < 3 {
            continue;
        }
        for j in i + 1..n {
            let left = prefix[i]
                .wrapping_mul(pow[j - i - 1])
                .wrapping_add(part(i + 1, j));
            f(mix(left
                .wrapping_mul(pow[n - 1 - j])
                .wrapping_add(part(j + 1, n))));
        }
    }
}

/// A cheap lower bound on the edit distance between `a` and `b`: half the difference of
/// their character counts (an insertion or deletion changes one count by one, a
/// substitution two, a transposition none). Characters share 32 buckets, which can only
/// lower the bound.
fn distance_lower_bound(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 32];
    for c in a.chars() {
        counts[c as usize % 32] += 1;
    }
    for c in b.chars() {
        counts[c as usize % 32] -= 1;
    }
    let differ: u32 = counts.iter().map(|n| n.unsigned_abs()).sum();
    (differ as usize).div_ceil(2)
}

/// The deletion index over every fuzzy-eligible alias.
#[derive(Debug)]
pub(crate) struct FuzzyIndex {
    keys: Vec<Key>,
    deletions: DeletionMap,
    /// Key ids, grouped by deletion hash.
    posting: Vec<u32>,
    /// The low bits of a deletion hash that are dropped to pack a key id beside it; the
    /// map is keyed by the hash shifted right by this many bits.
    id_bits: u32,
    /// Keys shadowed by an ambiguous alias, never reported.
    disabled: Vec<bool>,
    stop_words: &'static HashSet<&'static str, rustc_hash::FxBuildHasher>,
}

/// Returns the compact form of a folded alias, or `None` when it is not a fuzzy key (more
/// than two words, shorter than [`MIN_LEN`], or with symbols such as `+` and `#`).
pub(crate) fn compact_key(folded: &str) -> Option<String> {
    let separator = |c: char| matches!(c, ' ' | '-' | '_' | '.');
    let words = folded.split(separator).filter(|w| !w.is_empty()).count();
    if !(1..=2).contains(&words) {
        return None;
    }
    let key: String = folded.chars().filter(|&c| !separator(c)).collect();
    let ok = key.chars().count() >= MIN_LEN
        && key.chars().all(char::is_alphanumeric)
        && key.chars().any(char::is_alphabetic);
    ok.then_some(key)
}

impl FuzzyIndex {
    /// Indexes the unambiguous aliases among `entries`.
    pub(crate) fn build(entries: &[AliasEntry], patterns: &[String]) -> FuzzyIndex {
        let folded = |i: usize| patterns[entries[i].pattern as usize].as_str();
        // key → (entry, skill); a key of two skills is dropped, as is any key an ambiguous
        // alias shares.
        let mut by_key: BTreeMap<String, Option<(usize, usize)>> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let Some(key) = compact_key(folded(i)) else {
                continue;
            };
            let slot = by_key.entry(key).or_insert(Some((i, entry.skill)));
            match *slot {
                _ if entry.policy.is_ambiguous() => *slot = None,
                Some((_, skill)) if skill != entry.skill => *slot = None,
                _ => {}
            }
        }
        let mut ambiguous: Vec<String> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            if entry.policy.is_ambiguous() {
                let form: String = folded(i).chars().filter(|c| c.is_alphanumeric()).collect();
                if form.chars().count() >= 3 {
                    ambiguous.push(form);
                }
            }
        }
        let keys: Vec<Key> = by_key
            .into_iter()
            .filter_map(|(key, slot)| slot.map(|(entry, _)| Key { key, entry }))
            .collect();
        // Every (deletion hash, key id) pair packed in one integer, so that one sort of
        // plain integers groups them by hash: the hash keeps its high bits (dropping the
        // low ones only adds candidates that fail verification), the id the low ones.
        let id_bits = usize::BITS - keys.len().leading_zeros();
        let mut reach: Vec<u64> = Vec::with_capacity(keys.len() * 16);
        for (id, key) in keys.iter().enumerate() {
            let (chars, len) = prefix(&key.key);
            let bound = edit_bound(key.key.chars().count());
            for_each_deletion(&chars[..len], bound, &mut |h| {
                reach.push((h >> id_bits << id_bits) | id as u64)
            });
        }
        reach.sort_unstable();
        reach.dedup();
        // The map is keyed by the kept high bits shifted down; `Premixed` spreads them
        // over both ends of the hash.
        let hash_of = |packed: u64| packed >> id_bits;
        let mut deletions = DeletionMap::default();
        deletions.reserve(reach.len() / 2);
        let mut posting = Vec::with_capacity(reach.len());
        for group in reach.chunk_by(|&a, &b| hash_of(a) == hash_of(b)) {
            let start = posting.len() as u32;
            posting.extend(group.iter().map(|&p| (p ^ (hash_of(p) << id_bits)) as u32));
            deletions.insert(hash_of(group[0]), (start, posting.len() as u32));
        }
        let mut index = FuzzyIndex {
            keys,
            deletions,
            posting,
            id_bits,
            disabled: Vec::new(),
            stop_words: stop_words(),
        };
        // A key within reach of an ambiguous alias ("swift5" of "swift") would let fuzzy
        // matching undo the context rules: disable it.
        let mut disabled = vec![false; index.keys.len()];
        let mut candidates = Vec::new();
        for form in &ambiguous {
            let bound = edit_bound(form.chars().count()).max(1);
            index.candidates(form, bound, &mut candidates);
            for &id in &candidates {
                if strsim::osa_distance(form, &index.keys[id as usize].key) <= bound {
                    disabled[id as usize] = true;
                }
            }
        }
        index.disabled = disabled;
        index
    }

    /// Number of indexed keys.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Returns true if and only if `word` is a common English word (or its plural) that is
    /// never read as a typo.
    pub(crate) fn is_stop_word(&self, word: &str) -> bool {
        PLURAL_ENDINGS.iter().any(|ending| {
            word.strip_suffix(ending)
                .is_some_and(|w| self.stop_words.contains(w))
        })
    }

    /// Puts in `out` the keys sharing a deletion (up to `bound`) of their prefix with
    /// `query`'s prefix: every key within `bound` edits, and some more; sorted, without
    /// repeats.
    fn candidates(&self, query: &str, bound: usize, out: &mut Vec<u32>) {
        let (chars, len) = prefix(query);
        out.clear();
        for_each_deletion(&chars[..len], bound, &mut |h| {
            if let Some(&(start, end)) = self.deletions.get(&(h >> self.id_bits)) {
                out.extend_from_slice(&self.posting[start as usize..end as usize]);
            }
        });
        out.sort_unstable();
        out.dedup();
    }

    /// The best key within the edit bound of the compacted token `query` (and within
    /// `max_distance`), if any; `candidates` is a buffer reused across look-ups.
    pub(crate) fn lookup(
        &self,
        query: &str,
        max_distance: usize,
        candidates: &mut Vec<u32>,
    ) -> Option<FuzzyHit> {
        let len = query.chars().count();
        let bound = edit_bound(len).min(max_distance);
        if bound == 0 || !query.chars().any(char::is_alphabetic) || self.is_stop_word(query) {
            return None;
        }
        let first = query.chars().next();
        let mut best: Option<(usize, f64, u32)> = None;
        self.candidates(query, bound, candidates);
        for &id in candidates.iter() {
            if self.disabled[id as usize] {
                continue;
            }
            let key = &self.keys[id as usize].key;
            let key_len = key.chars().count();
            let allowed = bound.min(edit_bound(key_len));
            // A typo rarely hits the first letter; requiring it keeps English words out.
            if key_len.abs_diff(len) > allowed || key.chars().next() != first {
                continue;
            }
            if distance_lower_bound(query, key) > allowed {
                continue;
            }
            let distance = strsim::osa_distance(query, key);
            if distance > allowed {
                continue;
            }
            let similarity = strsim::jaro_winkler(query, key);
            let better = match best {
                None => true,
                Some((d, s, _)) => distance < d || (distance == d && similarity > s),
            };
            if better {
                best = Some((distance, similarity, id));
            }
        }
        best.map(|(distance, similarity, id)| FuzzyHit {
            entry: self.keys[id as usize].entry,
            distance: distance as u8,
            similarity: similarity as f32,
        })
    }
}

/// The most words a memo of [`FuzzyPass`] makes room for up front.
const MEMO_ROOM: usize = 512;

/// A word token of the fuzzy pass.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// One of [`common_words`].
    common: bool,
    /// See [`may_be_half_of_name`].
    half: bool,
}

impl Word {
    /// Returns true if and only if the word is looked up on its own: neither common nor
    /// shorter than [`MIN_LEN`].
    fn looked_up_alone(&self) -> bool {
        !self.common && self.end - self.start >= MIN_LEN
    }
}

/// The fuzzy pass over one text, fed the word tokens that no exact hit covers, in order:
/// pairs of words joined by a space or a dash first ("sage maker"), then single words.
pub(crate) struct FuzzyPass<'a> {
    index: &'a FuzzyIndex,
    text: &'a str,
    /// The word before the current one, not yet decided (it may pair with the next).
    held: Option<Word>,
    single: WordMap<&'a str, Option<FuzzyHit>>,
    /// Keyed by the two words with the space or dash between them.
    pair: WordMap<&'a str, Option<FuzzyHit>>,
    key: String,
    candidates: Vec<u32>,
    found: Vec<(usize, usize, FuzzyHit)>,
}

impl<'a> FuzzyPass<'a> {
    pub(crate) fn new(index: &'a FuzzyIndex, text: &'a str) -> FuzzyPass<'a> {
        // Room for a resume's distinct words up front (one per 16 bytes of text, a guess on
        // the generous side), so the memos are rarely rehashed as they fill.
        let words = (text.len() / 16).min(MEMO_ROOM);
        FuzzyPass {
            index,
            text,
            held: None,
            single: WordMap::with_capacity(words),
            pair: WordMap::with_capacity(words),
            key: String::new(),
            candidates: Vec::new(),
            found: Vec::new(),
        }
    }

    /// The next word token no exact hit covers, at `start..end`; `common`: a word of
    /// [`common_words`], never a typo (the scan knows it without a look-up).
    // Kept out of the scan's loop: inlined there, the pass measured 2% more instructions.
    #[inline(never)]
    pub(crate) fn word(&mut self, start: usize, end: usize, common: bool) {
        let word = Word {
            start,
            end,
            common,
            half: may_be_half_of_name(&self.text[start..end]),
        };
        if !word.half && !word.looked_up_alone() {
            // Neither half of a pair nor looked up alone: it only ends the held word's run.
            if let Some(before) = self.held.take() {
                self.single(before);
            }
            return;
        }
        match self.held.take() {
            Some(before) if self.pair(before, word) => {}
            Some(before) => {
                self.single(before);
                self.held = Some(word);
            }
            None => self.held = Some(word),
        }
    }

    /// The fuzzy matches found: (start, end, hit), in text order.
    pub(crate) fn finish(mut self) -> Vec<(usize, usize, FuzzyHit)> {
        if let Some(last) = self.held.take() {
            self.single(last);
        }
        self.found
    }

    /// Looks up two adjacent words as one name; returns true if and only if they are one.
    /// Two common words together are not looked up.
    fn pair(&mut self, first: Word, second: Word) -> bool {
        let t = self.text;
        let (s, e, s2, e2) = (first.start, first.end, second.start, second.end);
        let (a, b) = (&t[s..e], &t[s2..e2]);
        // One byte apart: no other word lies between them.
        let joined = s2 == e + 1 && matches!(t.as_bytes()[e], b' ' | b'-');
        if !(joined && first.half && second.half)
            || a.len() + b.len() < MIN_LEN
            || (first.common && second.common)
        {
            return false;
        }
        let (index, key, candidates) = (self.index, &mut self.key, &mut self.candidates);
        let hit = *self.pair.get_or_insert_with(&t[s..e2], || {
            key.clear();
            key.push_str(a);
            key.push_str(b);
            index.lookup(key, 1, candidates)
        });
        hit.inspect(|&hit| self.found.push((s, e2, hit))).is_some()
    }

    /// Looks up one word, unless it is common or short.
    #[inline(always)]
    fn single(&mut self, word: Word) {
        if word.looked_up_alone() {
            self.look_up(word.start, word.end);
        }
    }

    /// Looks up the word at `s..e`.
    fn look_up(&mut self, s: usize, e: usize) {
        let word = &self.text[s..e];
        let (index, candidates) = (self.index, &mut self.candidates);
        let hit = self.single.get_or_insert_with(word, || {
            index.lookup(word, 2, candidates).filter(|h| h.distance > 0)
        });
        if let Some(hit) = *hit {
            self.found.push((s, e, hit));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_of_split_names() {
        for word in [
            "sage", "maker", "hugging", "face", "data", "abc", "éab", "andy",
        ] {
            assert!(may_be_half_of_name(word), "{word}");
        }
        for word in ["", "go", "ab", "éa", "and", "the", "with", "from", "into"] {
            assert!(!may_be_half_of_name(word), "{word}");
        }
    }

    #[test]
    fn common_words_are_the_stop_words_and_their_plurals() {
        let index = FuzzyIndex::build(&[], &[]);
        let common: HashSet<String> = common_words().collect();
        assert!(common.iter().all(|w| index.is_stop_word(w)));
        for word in ["analysis", "process", "processes", "projects", "experience"] {
            assert!(index.is_stop_word(word) && common.contains(word), "{word}");
        }
        assert!(!common.contains("pytorch") && !common.contains("sage"));
    }

    /// The hash [`for_each_deletion`] gives `chars`, computed directly.
    fn hash_chars(chars: &[char]) -> u64 {
        mix(chars
            .iter()
            .fold(0, |h, &c| h.wrapping_mul(BASE).wrapping_add(u64::from(c))))
    }

    #[test]
    fn the_lower_bound_never_exceeds_the_distance() {
        let words = [
            "pytorch",
            "pytorh",
            "ptyorch",
            "tensorflow",
            "tensorflw",
            "kubernetes",
            "kubernets",
            "sagemaker",
            "sage",
            "",
            "x",
            "scikitlearn",
            "zzzzzzz",
        ];
        for a in words {
            for b in words {
                let bound = distance_lower_bound(a, b);
                assert!(bound <= strsim::osa_distance(a, b), "{a} {b}");
            }
        }
        assert_eq!(distance_lower_bound("pytorch", "zzzzzzz"), 7);
    }

    #[test]
    fn deletion_keys_spread_over_both_ends_of_the_hash() {
        // Keys are hashes shifted right: their top bits are zero. A table that reads the
        // top bits as tags and the low bits as buckets must still see them spread.
        use std::collections::BTreeSet;
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<Premixed>::default();
        let hashes: Vec<u64> = (0..1000u64)
            .map(|i| {
                build.hash_one(
                    hash_chars(&[
                        char::from(b'a' + (i % 26) as u8),
                        char::from_u32(0x100 + i as u32).unwrap(),
                    ]) >> 12,
                )
            })
            .collect();
        let tags: BTreeSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        let buckets: BTreeSet<u64> = hashes.iter().map(|h| h & 1023).collect();
        assert!(tags.len() > 100, "{} distinct tags", tags.len());
        assert!(buckets.len() > 500, "{} distinct buckets", buckets.len());
    }

    #[test]
    fn bounds_by_length() {
        assert_eq!(edit_bound(4), 0);
        assert_eq!(edit_bound(5), 1);
        assert_eq!(edit_bound(9), 1);
        assert_eq!(edit_bound(10), 2);
    }

    #[test]
    fn compact_keys() {
        assert_eq!(compact_key("scikit-learn").as_deref(), Some("scikitlearn"));
        assert_eq!(compact_key("hugging face").as_deref(), Some("huggingface"));
        assert_eq!(compact_key("c++"), None);
        assert_eq!(compact_key("rust"), None);
        assert_eq!(compact_key("google cloud platform"), None);
    }

    #[test]
    fn deletions_cover_single_and_double_edits() {
        let hash = |s: &str| hash_chars(&s.chars().collect::<Vec<_>>());
        let mut seen = Vec::new();
        for_each_deletion(&['a', 'b', 'c'], 1, &mut |h| seen.push(h));
        seen.sort_unstable();
        let mut want: Vec<u64> = ["abc", "bc", "ac", "ab"].map(hash).to_vec();
        want.sort_unstable();
        assert_eq!(seen, want);
        let mut seen = Vec::new();
        for_each_deletion(&['a', 'b', 'c', 'd'], 2, &mut |h| seen.push(h));
        for s in [
            "abcd", "bcd", "acd", "abd", "abc", "cd", "bd", "bc", "ad", "ac", "ab",
        ] {
            assert!(seen.contains(&hash(s)), "{s}");
        }
        // Each two-character deletion once: positions are taken in increasing order.
        assert_eq!(seen.len(), 1 + 4 + 6);
    }

    #[test]
    fn deletion_hashes_equal_the_hashes_of_the_deleted_strings() {
        // Every set of up to `depth` positions, never all of them, deleted one by one.
        for word in ["x", "ab", "aab", "kubeflo", "données", "ßπ∑ab", "pytorch"] {
            let chars: Vec<char> = word.chars().collect();
            let n = chars.len();
            for depth in 0..=2 {
                let mut want = Vec::new();
                for mask in 0u32..1 << n {
                    let deleted = mask.count_ones() as usize;
                    if deleted <= depth && deleted < n.max(1) {
                        let kept: Vec<char> = (0..n)
                            .filter(|&i| mask & (1 << i) == 0)
                            .map(|i| chars[i])
                            .collect();
                        want.push(hash_chars(&kept));
                    }
                }
                let mut seen = Vec::new();
                for_each_deletion(&chars, depth, &mut |h| seen.push(h));
                want.sort_unstable();
                seen.sort_unstable();
                assert_eq!(seen, want, "{word} depth {depth}");
            }
        }
    }
}
