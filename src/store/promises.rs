//! Finding promised callbacks ahead without reading the whole book: the daily capacity must
//! keep room for them (see `tracker::capacity`).

use chrono::{Days, NaiveDate};
use rusqlite::params;

use super::error::{Context, StoreError};
use super::{Reader, rows};
use crate::domain::Prospect;

impl Reader<'_> {
    /// The prospects whose next action may be a promised call on a day after `after` through
    /// `last`: their stored due date is in that range, and an attempt of theirs promised a
    /// call for a day in it. A superset: the engine decides which really are.
    pub fn promised_between(
        &self,
        after: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<Prospect>, StoreError> {
        // Promises are stored as text that starts with their date, so whole days compare as
        // text: [the day after `after`, the day after `last`).
        let (Some(first), Some(end)) = (
            after.checked_add_days(Days::new(1)),
            last.checked_add_days(Days::new(1)),
        ) else {
            return Ok(Vec::new());
        };
        self.conn
            .prepare_cached(&format!(
                "SELECT {} FROM prospects
                 WHERE due_on > ?1 AND due_on <= ?2
                   AND EXISTS (SELECT 1 FROM attempts
                               WHERE attempts.prospect_id = prospects.id
                                 AND promise >= ?3 AND promise < ?4)
                 ORDER BY id",
                rows::PROSPECT_COLUMNS
            ))
            .and_then(|mut statement| {
                statement
                    .query_map(
                        params![after, last, first.to_string(), end.to_string()],
                        rows::prospect,
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .context("finding promised calls ahead")
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::domain::{Channel, Contact, Outcome, Status, Step};
    use crate::store::{NewAttempt, Store};

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    /// A prospect due on `due_on` whose one attempt promised `promise`.
    fn add(store: &mut Store, name: &str, due_on: &str, promise: Option<&str>) {
        store
            .write(|writer| {
                let id = writer.insert_prospect(&Prospect {
                    id: 0,
                    contact: Contact {
                        name: name.into(),
                        ..Contact::default()
                    },
                    cadence: "standard".into(),
                    start: date("2026-11-23"),
                    status: Status::Active,
                    closed: None,
                    recontact_on: None,
                    run_started_at: None,
                    created_at: at("2026-11-23T08:00"),
                })?;
                writer.insert_attempt(&NewAttempt {
                    prospect_id: id,
                    at: at("2026-11-23T09:00"),
                    channel: Channel::Call,
                    outcome: Outcome::Voicemail,
                    step: Step::First,
                    note: None,
                    promise: promise.map(at),
                    next: None,
                    logged_at: at("2026-11-23T09:00"),
                })?;
                writer.set_due_on(id, Some(date(due_on)))
            })
            .unwrap();
    }

    #[test]
    fn only_prospects_with_a_promise_in_the_window_are_candidates() {
        let mut store = Store::in_memory().unwrap();
        add(&mut store, "today", "2026-11-23", Some("2026-11-23T16:00"));
        add(
            &mut store,
            "tuesday",
            "2026-11-24",
            Some("2026-11-24T08:15"),
        );
        add(&mut store, "friday", "2026-11-27", Some("2026-11-27T23:59"));
        add(&mut store, "no promise", "2026-11-25", None);
        add(&mut store, "later", "2026-12-07", Some("2026-12-07T08:15"));
        let names: Vec<String> = store
            .reader()
            .promised_between(date("2026-11-23"), date("2026-11-27"))
            .unwrap()
            .into_iter()
            .map(|prospect| prospect.contact.name)
            .collect();
        assert_eq!(names, ["tuesday", "friday"]);
    }
}
