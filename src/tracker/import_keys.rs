//! Which imported prospects are duplicates, by the rule of `transfer::dedupe` (the same email,
//! or the same phone when there is no email), without holding every email and phone.
//!
//! The keys of the book and of the file's prospects stored so far are kept as fingerprints
//! with a prospect's id ([`KnownKeys`]); a fingerprint seen before is checked exactly against
//! that prospect in the store (one read by id, for each duplicate), and, when the two differ
//! (two keys with the same 64-bit fingerprint: about one pair in ten million at a million
//! keys), against every prospect of the set, a page at a time. A dry run stores nothing, so
//! the file's keys are kept whole there. Each row's keys and their fingerprints are worked
//! out once ([`RowKeys`]), for the check against the book, against the file, and for
//! remembering the row once added.

use crate::domain::{Contact, ProspectId};
use crate::error::Result;
use crate::store::{ContactKeys, Reader};
use crate::transfer::dedupe::{email_key, phone_key};
use crate::transfer::known_keys::{Known, KnownKeys, Printed, fingerprint};
use crate::transfer::{Match, Skip};

/// The email and phone keys of one prospect, each with its fingerprint.
pub(super) struct RowKeys {
    email: Option<(String, u64)>,
    phone: Option<(String, u64)>,
}

impl RowKeys {
    fn of(email: Option<&str>, phone: Option<&str>, print: fn(&str) -> u64) -> RowKeys {
        let printed = |key: String| {
            let print = print(&key);
            (key, print)
        };
        RowKeys {
            email: email.and_then(email_key).map(printed),
            phone: phone.and_then(phone_key).map(printed),
        }
    }

    fn email(&self) -> Option<Printed<'_>> {
        printed(&self.email)
    }

    fn phone(&self) -> Option<Printed<'_>> {
        printed(&self.phone)
    }

    /// What the prospect is compared by: its email, or its phone when it has no email.
    fn compared(&self) -> Option<(Match, Printed<'_>)> {
        match (self.email(), self.phone()) {
            (Some(email), _) => Some((Match::Email, email)),
            (None, Some(phone)) => Some((Match::Phone, phone)),
            (None, None) => None,
        }
    }
}

fn printed(key: &Option<(String, u64)>) -> Option<Printed<'_>> {
    key.as_ref()
        .map(|(key, print)| Printed { key, print: *print })
}

/// The emails and phones of one set of prospects: those on file, or those of the file.
struct KeySet {
    emails: KnownKeys,
    phones: KnownKeys,
    /// The ids this set's prospects have in the store: after `after`, up to `up_to`.
    after: ProspectId,
    up_to: ProspectId,
}

impl KeySet {
    fn new(after: ProspectId, up_to: ProspectId) -> KeySet {
        KeySet {
            emails: KnownKeys::default(),
            phones: KnownKeys::default(),
            after,
            up_to,
        }
    }

    fn insert(&mut self, row: &RowKeys, id: Option<ProspectId>) {
        for (keys, key) in [
            (&mut self.emails, row.email()),
            (&mut self.phones, row.phone()),
        ] {
            match (key, id) {
                (Some(key), Some(id)) => keys.insert_stored(key, id),
                (Some(key), None) => keys.insert_unstored(key),
                (None, _) => {}
            }
        }
    }

    /// What the prospect of `row` shares with the set: its email, or its phone when it has
    /// no email. `settle` is called before the store is read.
    fn matches(
        &self,
        reader: &Reader<'_>,
        row: &RowKeys,
        settle: &mut dyn FnMut() -> Result<()>,
    ) -> Result<Option<Match>> {
        let Some((by, key)) = row.compared() else {
            return Ok(None);
        };
        let keys = match by {
            Match::Email => &self.emails,
            Match::Phone => &self.phones,
        };
        let known = match keys.find(key) {
            Known::No => false,
            Known::Yes => true,
            Known::Perhaps(id) => {
                settle()?;
                reader
                    .contact_keys(id)?
                    .is_some_and(|stored| key_of(&stored, by).as_deref() == Some(key.key))
                    || self.search(reader, by, key.key)?
            }
            Known::Unsure => {
                settle()?;
                self.search(reader, by, key.key)?
            }
        };
        Ok(known.then_some(by))
    }

    /// Whether any prospect of the set has `key`, read from the store a page at a time.
    fn search(&self, reader: &Reader<'_>, by: Match, key: &str) -> Result<bool> {
        let mut after = self.after;
        loop {
            let page = reader.contacts_after(after, self.up_to)?;
            let Some(last) = page.last() else {
                return Ok(false);
            };
            after = last.id;
            if page
                .iter()
                .any(|stored| key_of(stored, by).as_deref() == Some(key))
            {
                return Ok(true);
            }
        }
    }
}

fn key_of(stored: &ContactKeys, by: Match) -> Option<String> {
    match by {
        Match::Email => stored.email.as_deref().and_then(email_key),
        Match::Phone => stored.phone.as_deref().and_then(phone_key),
    }
}

/// The duplicate check of one import.
pub(super) struct Duplicates {
    on_file: KeySet,
    in_file: KeySet,
    keep_repeats: bool,
    print: fn(&str) -> u64,
}

impl Duplicates {
    /// Reads the keys of every prospect on file. `keep_repeats`: the file's own repeats are
    /// kept (a JSON backup), so only the book counts.
    pub(super) fn of_book(reader: &Reader<'_>, keep_repeats: bool) -> Result<Duplicates> {
        Duplicates::printed(reader, keep_repeats, fingerprint)
    }

    /// With another fingerprint function: the tests force every key to share one.
    fn printed(
        reader: &Reader<'_>,
        keep_repeats: bool,
        print: fn(&str) -> u64,
    ) -> Result<Duplicates> {
        let mut on_file = KeySet::new(ProspectId::MIN, ProspectId::MAX);
        let mut last = ProspectId::MIN;
        loop {
            let page = reader.contacts_after(last, ProspectId::MAX)?;
            let Some(end) = page.last() else {
                break;
            };
            last = end.id;
            for keys in &page {
                let row = RowKeys::of(keys.email.as_deref(), keys.phone.as_deref(), print);
                on_file.insert(&row, Some(keys.id));
            }
        }
        on_file.up_to = last;
        Ok(Duplicates {
            on_file,
            // Whatever the import stores has an id after the book's last.
            in_file: KeySet::new(last, ProspectId::MAX),
            keep_repeats,
            print,
        })
    }

    /// The keys of `contact`, for [`Duplicates::skip`] and then [`Duplicates::added`].
    pub(super) fn keys(&self, contact: &Contact) -> RowKeys {
        RowKeys::of(
            contact.email.as_deref(),
            contact.phone.as_deref(),
            self.print,
        )
    }

    /// Why the prospect of `row` is skipped, or `None` when it is added. `settle` is called
    /// before the store is read for the prospects of the file added so far: it makes them
    /// readable (an import holds some back, see `store::NewProspects`).
    pub(super) fn skip(
        &self,
        reader: &Reader<'_>,
        row: &RowKeys,
        settle: &mut dyn FnMut() -> Result<()>,
    ) -> Result<Option<Skip>> {
        // The book's own prospects were stored before the import began.
        if let Some(by) = self.on_file.matches(reader, row, &mut || Ok(()))? {
            return Ok(Some(Skip::OnFile(by)));
        }
        if self.keep_repeats {
            return Ok(None);
        }
        Ok(self
            .in_file
            .matches(reader, row, settle)?
            .map(Skip::Repeated))
    }

    /// Remembers the prospect of `row`, of the file, which is added, with its id once stored
    /// (`None` in a dry run).
    pub(super) fn added(&mut self, row: &RowKeys, id: Option<ProspectId>) {
        if !self.keep_repeats {
            self.in_file.insert(row, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Prospect, Status};
    use crate::store::Store;
    use crate::transfer::dedupe::Seen;

    fn prospect(email: Option<&str>, phone: Option<&str>) -> Prospect {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        Prospect {
            id: 0,
            contact: Contact {
                name: "Ann".into(),
                email: email.map(String::from),
                phone: phone.map(String::from),
                ..Contact::default()
            },
            cadence: "standard".into(),
            start: now.date(),
            status: Status::Active,
            closed: None,
            recontact_on: None,
            run_started_at: None,
            created_at: now,
            owner: None,
        }
    }

    /// The skips of `file` on a book of `book`, as the import decides them with `print`,
    /// storing each prospect added (or not, for a dry run).
    fn skips(
        book: &[(Option<&str>, Option<&str>)],
        file: &[(Option<&str>, Option<&str>)],
        print: fn(&str) -> u64,
        store_added: bool,
    ) -> Vec<Option<Skip>> {
        let temp = tempfile::tempdir().unwrap();
        let mut store = Store::open(&temp.path().join("book.db")).unwrap();
        store
            .write(|writer| {
                for (email, phone) in book {
                    writer.insert_prospect(&prospect(*email, *phone))?;
                }
                Ok::<_, crate::store::StoreError>(())
            })
            .unwrap();
        let mut duplicates = Duplicates::printed(&store.reader(), false, print).unwrap();
        let mut skips = Vec::new();
        for (email, phone) in file {
            let incoming = prospect(*email, *phone);
            let keys = duplicates.keys(&incoming.contact);
            let skip = duplicates
                .skip(&store.reader(), &keys, &mut || Ok(()))
                .unwrap();
            if skip.is_none() {
                let id = store_added.then(|| {
                    store
                        .write(|writer| writer.insert_prospect(&incoming))
                        .unwrap()
                });
                duplicates.added(&keys, id);
            }
            skips.push(skip);
        }
        skips
    }

    /// The skips the whole sets of `transfer::dedupe` give, the rule to follow.
    fn expected(
        book: &[(Option<&str>, Option<&str>)],
        file: &[(Option<&str>, Option<&str>)],
    ) -> Vec<Option<Skip>> {
        let mut on_file = Seen::default();
        for (email, phone) in book {
            on_file.insert(*email, *phone);
        }
        let mut in_file = Seen::default();
        file.iter()
            .map(|(email, phone)| {
                let contact = prospect(*email, *phone).contact;
                let skip = match on_file.matches(&contact) {
                    Some(by) => Some(Skip::OnFile(by)),
                    None => in_file.matches(&contact).map(Skip::Repeated),
                };
                if skip.is_none() {
                    in_file.insert(*email, *phone);
                }
                skip
            })
            .collect()
    }

    #[test]
    fn fingerprints_shared_by_every_key_still_give_the_exact_answers() {
        let book = [
            (Some("ann@example.com"), Some("555-0001")),
            (None, Some("555-0002")),
            (Some("eve@example.com"), None),
        ];
        let file = [
            (Some("ANN@example.com "), None),
            (Some("cy@example.com"), Some("555-0002")),
            (None, Some("(555) 0002")),
            (Some("dee@example.com"), Some("555-0003")),
            (Some("Dee@Example.com"), None),
            (None, Some("555 0003")),
            (None, Some("555-0004")),
            (None, Some("5550004")),
            (Some("eve@example.com"), Some("555-0009")),
            (None, Some("555-0009")),
            (None, None),
            (Some("fay@example.com"), Some("555-0001")),
        ];
        let expected = expected(&book, &file);
        assert!(expected.iter().filter(|skip| skip.is_some()).count() >= 6);
        for (print, store_added) in [
            (fingerprint as fn(&str) -> u64, true),
            (|_: &str| 7, true),
            (fingerprint, false),
            (|_: &str| 7, false),
        ] {
            assert_eq!(skips(&book, &file, print, store_added), expected);
        }
    }
}
