//! A map keyed by words, for the per-word look-ups of the scan and the fuzzy pass.

use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::hash::Hash;

use rustc_hash::FxHashMap;

/// A map keyed by words, with a fast deterministic hasher (the default SipHash costs more
/// than the look-ups it guards). Words of up to eight bytes are keyed by their bytes packed
/// in an integer, so that a look-up has no key string to chase and compare; longer ones by
/// the word itself.
#[derive(Debug)]
pub(crate) struct WordMap<K, V> {
    short: FxHashMap<u64, V>,
    long: FxHashMap<K, V>,
}

impl<K, V> Default for WordMap<K, V> {
    fn default() -> WordMap<K, V> {
        WordMap::with_capacity(0)
    }
}

impl<K, V> WordMap<K, V> {
    /// An empty map with room for `words` words of each kind, short and long.
    pub(crate) fn with_capacity(words: usize) -> WordMap<K, V> {
        let hasher = rustc_hash::FxBuildHasher;
        WordMap {
            short: FxHashMap::with_capacity_and_hasher(words, hasher),
            long: FxHashMap::with_capacity_and_hasher(words, hasher),
        }
    }
}

impl<K: Borrow<str> + Hash + Eq, V> WordMap<K, V> {
    /// The value of `word`.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// The value of `word`, made by `make` if it has none yet.
    #[inline]
    pub(crate) fn get_or_insert_with(&mut self, word: K, make: impl FnOnce() -> V) -> &mut V {
        match packed(word.borrow()) {
            Some(key) => self.short.entry(key).or_insert_with(make),
            None => match self.long.entry(word) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(make()),
            },
        }
    }
}

/// The bytes of a word of up to eight bytes packed in an integer, zero-padded (a word holds
/// no zero byte, so no two words share a key).
#[inline]
fn packed(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    let n = b.len();
    // Three reads (or two overlapping four-byte ones) cover every byte without a copy of
    // variable length; where they overlap they read the same bytes, so or-ing them in place
    // gives the packing.
    let key = match n {
        0 => 0,
        1..=3 => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            byte(0) | byte(n / 2) | byte(n - 1)
        }
        4..=8 => {
            let four =
                |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
            four(0) | four(n - 4) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_words_are_kept_apart_from_their_prefixes() {
        let mut map: WordMap<&str, usize> = WordMap::default();
        for (i, word) in ["go", "golang", "goroutine", "goroutines", "données"]
            .iter()
            .enumerate()
        {
            *map.get_or_insert_with(word, || i) += 0;
        }
        assert_eq!(map.get("go"), Some(&0));
        assert_eq!(map.get("goroutine"), Some(&2));
        assert_eq!(map.get("goroutines"), Some(&3));
        assert_eq!(map.get("données"), Some(&4));
        assert_eq!(map.get("gol"), None);
        assert_eq!(map.get("goroutin"), None);
        assert_eq!(*map.get_or_insert_with("go", || 9), 0);
        *map.get_or_insert_with("golang", || 9) = 7;
        assert_eq!(map.get("golang"), Some(&7));
    }

    #[test]
    fn short_words_pack_their_bytes_zero_padded() {
        for word in [
            "", "a", "go", "sql", "rust", "spark", "python", "données", "pytorch!",
        ] {
            let mut bytes = [0u8; 8];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            assert_eq!(packed(word), Some(u64::from_le_bytes(bytes)), "{word:?}");
        }
        assert_eq!(packed("goroutine"), None);
    }
}
