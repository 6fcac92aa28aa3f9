//! The emails (or phones) of many prospects in little memory, for telling whether an imported
//! one is a duplicate.
//!
//! A million emails kept as strings take about 60 MB; kept here as a 4-byte fingerprint with
//! the 4-byte id of a prospect that has it, they take about 19 MB. A fingerprint only says
//! "perhaps": the caller checks the prospect it names in the store, where the email itself is
//! (see `tracker::import_keys`). Two keys can share a fingerprint; the first keeps the slot,
//! and the store is the exact answer for the second.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::domain::ProspectId;

/// What is known of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// No key seen has its fingerprint: it is new.
    No,
    /// It was seen, exactly.
    Yes,
    /// A key with the same fingerprint was seen, that of this stored prospect.
    Perhaps(ProspectId),
    /// A key with the same fingerprint was seen, on a prospect whose id does not fit here
    /// (beyond four billion): only a search of the store can tell.
    Unsure,
}

/// One kind of key (emails, or phones) of a set of prospects.
pub struct KnownKeys {
    print: fn(&str) -> u32,
    /// Each fingerprint seen, with the id of the first stored prospect that had it
    /// (`u32::MAX`: an id too large to keep).
    prints: HashMap<u32, u32, BuildHasherDefault<Spread>>,
    /// Keys of prospects not stored (a dry run stores nothing), kept whole.
    whole: HashSet<String>,
}

impl Default for KnownKeys {
    fn default() -> KnownKeys {
        KnownKeys::with_print(fingerprint)
    }
}

impl KnownKeys {
    /// With another fingerprint function: the tests force every key to share one.
    pub fn with_print(print: fn(&str) -> u32) -> KnownKeys {
        KnownKeys {
            print,
            prints: HashMap::default(),
            whole: HashSet::new(),
        }
    }

    pub fn find(&self, key: &str) -> Known {
        if !self.whole.is_empty() && self.whole.contains(key) {
            return Known::Yes;
        }
        match self.prints.get(&(self.print)(key)) {
            None => Known::No,
            Some(&u32::MAX) => Known::Unsure,
            Some(&id) => Known::Perhaps(ProspectId::from(id)),
        }
    }

    /// Remembers the key of a stored prospect. When its fingerprint is taken already, the
    /// slot stays with the first prospect: the store holds this one's key for the exact check.
    pub fn insert_stored(&mut self, key: &str, id: ProspectId) {
        let id = u32::try_from(id)
            .ok()
            .filter(|id| *id != u32::MAX)
            .unwrap_or(u32::MAX);
        self.prints.entry((self.print)(key)).or_insert(id);
    }

    /// Remembers the key of a prospect that is not stored: kept whole, as nothing else holds it.
    pub fn insert_unstored(&mut self, key: &str) {
        self.whole.insert(key.to_string());
    }
}

/// A key's fingerprint: 32 bits of a SipHash of it.
pub fn fingerprint(key: &str) -> u32 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(key.as_bytes());
    hasher.finish() as u32
}

/// The hasher of the fingerprint map: a fingerprint is already evenly spread, so one multiply
/// gives the table the high bits it needs, instead of hashing it again.
#[derive(Default)]
pub struct Spread(u64);

impl Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 << 8 | u64::from(*byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.0 = u64::from(value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_seen_names_the_prospect_to_check() {
        let mut keys = KnownKeys::default();
        assert_eq!(keys.find("ann@example.com"), Known::No);
        keys.insert_stored("ann@example.com", 7);
        assert_eq!(keys.find("ann@example.com"), Known::Perhaps(7));
        // The first prospect keeps the slot.
        keys.insert_stored("ann@example.com", 9);
        assert_eq!(keys.find("ann@example.com"), Known::Perhaps(7));
        assert_eq!(keys.find("bo@example.com"), Known::No);
    }

    #[test]
    fn shared_fingerprints_and_large_ids_send_the_caller_to_the_store() {
        let mut keys = KnownKeys::with_print(|_| 1);
        keys.insert_stored("ann@example.com", 7);
        // Another key with the same fingerprint: only the store can tell them apart.
        assert_eq!(keys.find("bo@example.com"), Known::Perhaps(7));
        let mut large = KnownKeys::default();
        large.insert_stored("ann@example.com", 1 << 40);
        assert_eq!(large.find("ann@example.com"), Known::Unsure);
    }

    #[test]
    fn keys_not_stored_are_kept_whole() {
        let mut keys = KnownKeys::with_print(|_| 1);
        keys.insert_unstored("ann@example.com");
        assert_eq!(keys.find("ann@example.com"), Known::Yes);
        assert_eq!(keys.find("bo@example.com"), Known::No);
    }
}
