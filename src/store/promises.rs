//! Finding promised callbacks ahead without reading the whole book: the daily capacity must
//! keep room for them (see `tracker::capacity`).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::conn::{Dialect, Param};

/// The condition of `Selection::PromisedBetween`: the prospect's stored due date is in
/// (`after`, `last`], and an attempt of theirs promised a call for a day in that range:
/// [the day after `after`, the day after `last`).
pub(super) fn promised_between(
    dialect: Dialect,
    after: NaiveDate,
    last: NaiveDate,
) -> (&'static str, Vec<Box<dyn Param>>) {
    let condition = "due_on > ?1 AND due_on <= ?2
         AND EXISTS (SELECT 1 FROM attempts AS promised
                     WHERE promised.prospect_id = prospects.id
                       AND promised.promise >= ?3 AND promised.promise < ?4)";
    let day_after = |day: NaiveDate| day.checked_add_days(Days::new(1));
    let bounds: [Box<dyn Param>; 2] = match dialect {
        // SQLite keeps promises as text that starts with their date, so whole days compare
        // as text.
        Dialect::Sqlite => {
            let text = |day: NaiveDate| {
                day_after(day)
                    // Past the last date chrono knows: every stored promise compares before it.
                    .map_or_else(|| "9999-12-32".to_string(), |next| next.to_string())
            };
            [Box::new(text(after)), Box::new(text(last))]
        }
        // PostgreSQL keeps timestamps, compared with the midnight that starts each day.
        Dialect::Postgres => {
            let midnight = |day: NaiveDate| {
                day_after(day).map_or(NaiveDateTime::MAX, |next| next.and_time(NaiveTime::MIN))
            };
            [Box::new(midnight(after)), Box::new(midnight(last))]
        }
    };
    let [from, to] = bounds;
    (condition, vec![Box::new(after), Box::new(last), from, to])
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::domain::{Channel, Contact, Outcome, Prospect, Status, Step};
    use crate::store::{NewAttempt, Planned, Selection, Store, StoreError};

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
                    owner: None,
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
                writer.set_planned(id, &Planned::Unworked(Some(date(due_on))))
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
        let mut names = Vec::new();
        let selection = Selection::PromisedBetween {
            after: date("2026-11-23"),
            last: date("2026-11-27"),
        };
        store
            .reader()
            .each_with_attempts(selection, |prospect, attempts| {
                assert_eq!(attempts.len(), 1);
                names.push(prospect.contact.name);
                Ok::<_, StoreError>(())
            })
            .unwrap();
        assert_eq!(names, ["tuesday", "friday"]);
    }
}
