//! Finding the prospect a `PROSPECT` argument names, forgiving the usual slips: a whole name
//! wins over a part of one, a file being worked over a closed one, and a name made of digits
//! ("12") is still found by name when no prospect has that id.

use crate::assign::OwnershipError;
use crate::domain::{ProspectId, Status};
use crate::error::{Error, Result};
use crate::store::NameEntry;

use super::Tracker;

impl Tracker {
    /// Finds the one prospect that `query` names, preferring active files: an id, else the
    /// prospect whose name is `query` (ignoring case), else the one whose name or company
    /// contains it.
    pub fn resolve(&self, query: &str) -> Result<ProspectId> {
        self.resolve_preferring(query, Some(Status::Active))
    }

    /// As [`Tracker::resolve`], preferring files in `status` where several match (`reopen`
    /// looks for a closed file), or none for `None` (`delete` must not guess).
    pub fn resolve_preferring(&self, query: &str, status: Option<Status>) -> Result<ProspectId> {
        let query = query.trim();
        let as_id = query.parse::<ProspectId>().ok();
        if let Some(id) = as_id
            && self.store.reader().prospect(id)?.is_some()
        {
            return Ok(id);
        }
        // An id another rep holds, which row-level security hides: said as such, rather than
        // matched against the names of the files this rep sees.
        if let Some(id) = as_id
            && let Some(hidden) = self.hidden_file(id)?
        {
            return Err(hidden);
        }
        if query.is_empty() {
            return Err(Error::Invalid(
                "an empty prospect name matches everyone; give an id or part of a name".into(),
            ));
        }
        let names = self.store.reader().names()?;
        match pick(&names, query, status) {
            Pick::One(id) => Ok(id),
            Pick::Several(candidates) => Err(Error::Ambiguous {
                query: query.to_string(),
                candidates,
            }),
            Pick::None => match as_id {
                Some(id) => Err(Error::NoSuchId(id)),
                None if self.store.reader().session_rep()?.is_some() => Err(Error::NoMatchOfMine {
                    query: query.to_string(),
                }),
                None => Err(Error::NoMatch {
                    query: query.to_string(),
                }),
            },
        }
    }
}

impl Tracker {
    /// The refusal for an id that row-level security hides from this rep: the file exists and
    /// another rep holds it. `None` where nothing hides it (no such file, or no team).
    pub(super) fn hidden_file(&self, id: ProspectId) -> Result<Option<Error>> {
        let Some(me) = self.store.reader().session_rep()? else {
            return Ok(None);
        };
        let holder = self.store.reader().holder(id)?;
        Ok(holder.filter(|rep| rep.id != me.id).map(|rep| {
            OwnershipError::HiddenFile {
                id,
                holder: crate::quote::brief(&rep.name).into_owned(),
                email: rep.email,
                me: me.email,
            }
            .into()
        }))
    }
}

/// What a name query found.
#[derive(Debug, PartialEq, Eq)]
enum Pick {
    One(ProspectId),
    Several(Vec<NameEntry>),
    None,
}

/// The best match for `query` among `names`: whole names first, then parts of names or
/// companies; within the first tier that matches anyone, the one file in `status` if several
/// match.
fn pick(names: &[NameEntry], query: &str, status: Option<Status>) -> Pick {
    let needle = query.to_lowercase();
    let whole = |entry: &&NameEntry| entry.name.trim().to_lowercase() == needle;
    let part = |entry: &&NameEntry| {
        entry.name.to_lowercase().contains(&needle)
            || entry
                .company
                .as_ref()
                .is_some_and(|company| company.to_lowercase().contains(&needle))
    };
    let tiers: [&dyn Fn(&&NameEntry) -> bool; 2] = [&whole, &part];
    for tier in tiers {
        let found: Vec<&NameEntry> = names.iter().filter(tier).collect();
        let preferred: Vec<&NameEntry> = found
            .iter()
            .copied()
            .filter(|entry| Some(entry.status) == status)
            .collect();
        match (found.len(), preferred.len()) {
            (0, _) => continue,
            (1, _) => return Pick::One(found[0].id),
            (_, 1) => return Pick::One(preferred[0].id),
            _ => return Pick::Several(found.into_iter().cloned().collect()),
        }
    }
    Pick::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: ProspectId, name: &str, company: Option<&str>, status: Status) -> NameEntry {
        NameEntry {
            id,
            name: name.into(),
            company: company.map(String::from),
            status,
        }
    }

    #[test]
    fn a_whole_name_wins_over_a_part_of_another() {
        let names = [
            entry(1, "Dan Brown", None, Status::Active),
            entry(2, "Dan", None, Status::Active),
        ];
        assert_eq!(pick(&names, "dan", Some(Status::Active)), Pick::One(2));
    }

    #[test]
    fn an_active_file_wins_over_a_closed_one() {
        let names = [
            entry(1, "Eve", Some("Dana Corp"), Status::Closed),
            entry(2, "Dana Whitfield", None, Status::Active),
        ];
        assert_eq!(pick(&names, "dana", Some(Status::Active)), Pick::One(2));
        assert_eq!(pick(&names, "dana", Some(Status::Closed)), Pick::One(1));
        assert!(matches!(pick(&names, "dana", None), Pick::Several(_)));
    }

    #[test]
    fn two_active_matches_stay_ambiguous() {
        let names = [
            entry(1, "Dana A", None, Status::Active),
            entry(2, "Dana B", None, Status::Active),
        ];
        assert!(
            matches!(pick(&names, "dana", Some(Status::Active)), Pick::Several(list) if list.len() == 2)
        );
    }
}
