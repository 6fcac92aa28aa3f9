//! The emails (or phones) of many prospects in little memory, for telling whether an imported
//! one is a duplicate.
//!
//! A million emails kept as strings take about 60 MB; kept here as a 64-bit fingerprint (32
//! bits pick the slot, 32 more check it) with the 4-byte id of a prospect that has it, they
//! take about 27 MB. A fingerprint that matches only says "perhaps": the caller checks the
//! prospect it names in the store, where the email itself is (see `tracker::import_keys`).
//! Two keys whose slot bits agree but check bits differ are told apart here, the later one
//! kept whole; two whose 64 bits agree (about one pair in ten million at a million keys)
//! only by a search of the store, which the caller makes when the check in the store fails.
//!
//! The caller works out each key and its fingerprint once ([`Printed`]) and passes it to every
//! set it is looked up in or added to: an imported row is checked against the book and the
//! file, then added, with one key and one hash of each kind.

use std::collections::hash_map::Entry;
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

/// The first stored prospect seen with a fingerprint's slot bits.
#[derive(Clone, Copy)]
struct Slot {
    /// Its id, `u32::MAX` when too large to keep.
    id: u32,
    /// The check bits of its key's fingerprint.
    check: u32,
}

/// A key with its fingerprint, worked out once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printed<'k> {
    pub key: &'k str,
    pub print: u64,
}

impl Printed<'_> {
    /// The slot bits and the check bits of the fingerprint.
    fn split(self) -> (u32, u32) {
        ((self.print >> 32) as u32, self.print as u32)
    }
}

/// One kind of key (emails, or phones) of a set of prospects.
#[derive(Default)]
pub struct KnownKeys {
    slots: HashMap<u32, Slot, BuildHasherDefault<Spread>>,
    /// Keys kept whole: those whose slot was taken by another key, and those of prospects
    /// not stored (a dry run stores nothing).
    whole: HashSet<String>,
}

impl KnownKeys {
    pub fn find(&self, key: Printed<'_>) -> Known {
        if !self.whole.is_empty() && self.whole.contains(key.key) {
            return Known::Yes;
        }
        let (slot, check) = key.split();
        match self.slots.get(&slot) {
            // Another key holds the slot, and every other key seen with these slot bits is
            // kept whole.
            Some(held) if held.check != check => Known::No,
            None => Known::No,
            Some(Slot { id: u32::MAX, .. }) => Known::Unsure,
            Some(held) => Known::Perhaps(ProspectId::from(held.id)),
        }
    }

    /// Remembers the key of a stored prospect, unless it is known already.
    pub fn insert_stored(&mut self, key: Printed<'_>, id: ProspectId) {
        let id = u32::try_from(id)
            .ok()
            .filter(|id| *id != u32::MAX)
            .unwrap_or(u32::MAX);
        let (slot, check) = key.split();
        match self.slots.entry(slot) {
            Entry::Vacant(vacant) => {
                vacant.insert(Slot { id, check });
            }
            Entry::Occupied(held) if held.get().check != check => {
                self.whole.insert(key.key.to_string());
            }
            // The same key, or one with the same 64 bits, which the store tells apart.
            Entry::Occupied(_) => {}
        }
    }

    /// Remembers the key of a prospect that is not stored: kept whole, as nothing else holds it.
    pub fn insert_unstored(&mut self, key: Printed<'_>) {
        self.whole.insert(key.key.to_string());
    }
}

/// A key's fingerprint: a SipHash of it.
pub fn fingerprint(key: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(key.as_bytes());
    hasher.finish()
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

    /// `key` with the fingerprint `print` gives it.
    fn with(print: fn(&str) -> u64) -> impl Fn(&'static str) -> Printed<'static> {
        move |key| Printed {
            key,
            print: print(key),
        }
    }

    #[test]
    fn a_fingerprint_seen_names_the_prospect_to_check() {
        let key = with(fingerprint);
        let mut keys = KnownKeys::default();
        assert_eq!(keys.find(key("ann@example.com")), Known::No);
        keys.insert_stored(key("ann@example.com"), 7);
        assert_eq!(keys.find(key("ann@example.com")), Known::Perhaps(7));
        // The first prospect keeps the slot.
        keys.insert_stored(key("ann@example.com"), 9);
        assert_eq!(keys.find(key("ann@example.com")), Known::Perhaps(7));
        assert_eq!(keys.find(key("bo@example.com")), Known::No);
    }

    #[test]
    fn keys_sharing_a_slot_are_told_apart_by_their_check_bits() {
        // Every key in one slot, with its own check bits.
        let key = with(|key| 7 << 32 | u64::from(fingerprint(key) as u32));
        let mut keys = KnownKeys::default();
        keys.insert_stored(key("ann@example.com"), 7);
        keys.insert_stored(key("bo@example.com"), 8);
        assert_eq!(keys.find(key("ann@example.com")), Known::Perhaps(7));
        assert_eq!(keys.find(key("bo@example.com")), Known::Yes);
        assert_eq!(keys.find(key("cy@example.com")), Known::No);
    }

    #[test]
    fn a_whole_fingerprint_shared_or_a_large_id_sends_the_caller_to_the_store() {
        let key = with(|_| 1);
        let mut keys = KnownKeys::default();
        keys.insert_stored(key("ann@example.com"), 7);
        keys.insert_stored(key("bo@example.com"), 8);
        // Only the store can tell them apart.
        assert_eq!(keys.find(key("bo@example.com")), Known::Perhaps(7));
        let mut large = KnownKeys::default();
        large.insert_stored(key("ann@example.com"), 1 << 40);
        assert_eq!(large.find(key("ann@example.com")), Known::Unsure);
    }

    #[test]
    fn keys_not_stored_are_kept_whole() {
        let key = with(|_| 1);
        let mut keys = KnownKeys::default();
        keys.insert_unstored(key("ann@example.com"));
        assert_eq!(keys.find(key("ann@example.com")), Known::Yes);
        assert_eq!(keys.find(key("bo@example.com")), Known::No);
    }
}
