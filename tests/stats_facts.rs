//! `stats` counts facts stored with each prospect (stats/facts.rs) instead of reading every
//! attempt. These tests hold the stored figures to a full recount (the engine over every
//! history) on generated books: as written, as worked day by day, after the cadence file
//! changes, after `undo` and after a prospect is deleted.

#[path = "../bench/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

use chrono::{Days, NaiveDate, NaiveDateTime};
use followup::Tracker;
use followup::config::{Config, Origin};
use followup::domain::{Channel, CloseReason, Outcome, Status, Step, ValueFor, ValueKind};
use followup::store::Store;
use followup::tracker::{CloseRequest, LogEntry, Recontact};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn morning(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(9, 0, 0).unwrap()
}

/// A generated book of `count` prospects as of `today`, with its due dates and facts stored.
fn generated(path: &std::path::Path, count: usize, today: NaiveDate) -> Tracker {
    let config = Config::built_in();
    let mut store = Store::open(path).unwrap();
    pipeline::generate(&mut store, &config, count, today, 11).unwrap();
    let mut tracker = Tracker::new(store, config, morning(today)).unwrap();
    tracker.refresh().unwrap();
    tracker
}

/// Works the morning list for `days` days from `from`: replies, promises, emails, closes,
/// reopenings, calls to the assistant and value items carried.
fn work(tracker: &mut Tracker, from: NaiveDate, days: u64) {
    let mut rng = fastrand::Rng::with_seed(5);
    for offset in 0..days {
        let today = from + Days::new(offset);
        tracker.set_now(morning(today));
        for due in tracker.fresh(|fresh| fresh.agenda()).unwrap() {
            let id = due.prospect.id;
            match due.action.step {
                Step::Close => {
                    let request = CloseRequest {
                        reason: CloseReason::NoResponse,
                        recontact: Recontact::ByReason,
                        note: None,
                        drip: None,
                    };
                    tracker.close(id, request).unwrap();
                    continue;
                }
                Step::Assistant => {
                    let entry = LogEntry {
                        channel: Some(Channel::Assistant),
                        ..LogEntry::default()
                    };
                    tracker.log(id, entry).unwrap();
                    continue;
                }
                _ => {}
            }
            let entry = match rng.u8(..16) {
                0 | 1 => LogEntry {
                    outcome: Some(Outcome::Replied),
                    ..LogEntry::default()
                },
                2 => LogEntry {
                    channel: Some(Channel::Call),
                    outcome: Some(Outcome::Connected),
                    next: Some(today + Days::new(rng.u64(1..10))),
                    force: true,
                    ..LogEntry::default()
                },
                3 => LogEntry {
                    channel: Some(Channel::Call),
                    promise: Some(morning(today + Days::new(1))),
                    force: true,
                    ..LogEntry::default()
                },
                4 => LogEntry {
                    channel: Some(Channel::Email),
                    ..LogEntry::default()
                },
                5 => LogEntry {
                    outcome: Some(Outcome::Declined),
                    ..LogEntry::default()
                },
                6 | 7 => continue,
                _ => LogEntry::default(),
            };
            tracker.log(id, entry).unwrap();
            // Now and then an answer comes in later the same day.
            let active = tracker.prospect(id).unwrap().status == Status::Active;
            if active && rng.u8(..10) == 0 {
                tracker.set_now(today.and_hms_opt(15, 0, 0).unwrap());
                let reply = LogEntry {
                    channel: Some(Channel::Email),
                    outcome: Some(Outcome::Replied),
                    ..LogEntry::default()
                };
                tracker.log(id, reply).unwrap();
                tracker.set_now(morning(today));
            }
        }
        // A few closed files come back to life.
        if offset % 5 == 4 {
            let closed = tracker.list(Some(Status::Closed)).unwrap();
            for (prospect, _) in closed.iter().take(2) {
                tracker.reopen(prospect.id).unwrap();
            }
        }
    }
}

/// The stored figures equal the recount, for several periods.
#[track_caller]
fn assert_stored_equal_recount(tracker: &mut Tracker, today: NaiveDate) {
    tracker.set_now(morning(today));
    let periods = [
        (None, None),
        (None, Some(today - Days::new(10))),
        (Some(today - Days::new(30)), None),
        (Some(today - Days::new(90)), Some(today - Days::new(20))),
        (Some(today), Some(today)),
        (Some(today - Days::new(400)), Some(today - Days::new(300))),
    ];
    for (since, until) in periods {
        let stored = tracker.stats(since, until).unwrap();
        let recount = tracker.recount_stats(since, until).unwrap();
        assert_eq!(stored, recount, "stats from {since:?} to {until:?}");
        let stored = tracker.value_stats(since, until).unwrap();
        let recount = tracker.recount_value_stats(since, until).unwrap();
        assert_eq!(stored, recount, "value items from {since:?} to {until:?}");
    }
}

const CHANGED_RULES: &str = r#"
[calendar]
workdays = ["mon", "tue", "wed", "thu"]
holidays = ["2026-11-19", "2026-11-26", "2026-11-27"]

[cadence.standard]
gap_business_days = 4
max_touches = 5
rescue_after = 1
rescue_min_span_days = 4
close_after_business_days = 2
recontact_after_days = 30
"#;

#[test]
fn stored_figures_equal_a_recount_as_the_book_is_worked_and_after_the_rules_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let start = day("2026-10-05");
    let mut tracker = generated(&path, 300, start);
    assert_stored_equal_recount(&mut tracker, start);

    // Value items for the book's topic, carried by the touches that follow.
    tracker
        .add_value_item(
            ValueFor::Topic("office chairs".into()),
            ValueKind::Tip,
            "Chairs with a seat that slides forward fit more people",
        )
        .unwrap();
    tracker
        .add_value_item(
            ValueFor::Topic("office chairs".into()),
            ValueKind::Figure,
            "Most back pain at desks starts with a seat too deep",
        )
        .unwrap();
    work(&mut tracker, start, 30);
    let today = start + Days::new(30);
    let stats = tracker.stats(None, None).unwrap();
    assert!(stats.first_response.without_response > 0, "{stats:?}");
    assert!(!stats.first_response.after_touches.is_empty());
    assert!(stats.promises.kept + stats.promises.missed + stats.promises.early > 0);
    assert!(stats.assistant.touches > 0);
    assert!(!tracker.value_stats(None, None).unwrap().is_empty());
    assert_stored_equal_recount(&mut tracker, today);

    // New rules: the gap, the working week and holidays move which responses answer which
    // touch. The first command recomputes the stored facts with the due dates.
    let store = tracker.into_store();
    let changed =
        Config::parse(CHANGED_RULES, Origin::File(dir.path().join("cadence.toml"))).unwrap();
    let mut tracker = Tracker::new(store, changed, morning(today)).unwrap();
    assert_stored_equal_recount(&mut tracker, today);

    // And back.
    let store = tracker.into_store();
    let mut tracker = Tracker::new(store, Config::built_in(), morning(today)).unwrap();
    assert_stored_equal_recount(&mut tracker, today);
}

#[test]
fn stored_figures_follow_undo_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let start = day("2026-10-05");
    let mut tracker = generated(&path, 120, start);
    work(&mut tracker, start, 12);
    let today = start + Days::new(12);
    tracker.set_now(morning(today));
    let before = tracker.stats(None, None).unwrap();
    let plan = tracker.undo_plan().unwrap().expect("something was logged");
    let prospect = plan.prospect.id;

    // A reply logged and taken back leaves the figures as they were.
    tracker
        .log(
            prospect,
            LogEntry {
                outcome: Some(Outcome::Replied),
                ..LogEntry::default()
            },
        )
        .unwrap();
    let logged = tracker.undo_plan().unwrap().unwrap();
    assert_ne!(tracker.stats(None, None).unwrap(), before);
    tracker.undo(logged.last.attempt.id).unwrap();
    assert_eq!(tracker.stats(None, None).unwrap(), before);
    assert_stored_equal_recount(&mut tracker, today);

    // Undo of earlier logs, one after the other.
    for _ in 0..5 {
        let plan = tracker.undo_plan().unwrap().unwrap();
        tracker.undo(plan.last.attempt.id).unwrap();
    }
    assert_stored_equal_recount(&mut tracker, today);

    // A deleted prospect's touches leave the counts.
    tracker.delete(prospect).unwrap();
    assert_stored_equal_recount(&mut tracker, today);
}

#[test]
fn a_book_of_schema_7_reports_the_same_stats_once_its_figures_are_stored() {
    // tests/fixtures/make-stats-v7.sh made the book and recorded what that build's `stats`
    // printed: replies, promises kept, missed and open, value items, closes and a reopening.
    assert_reports_what_its_version_printed("stats-v7");
}

#[test]
fn a_book_of_schema_12_reports_the_same_stats_once_its_day_counts_name_the_rep() {
    // tests/fixtures/make-stats-v12.sh: the same book, with the figures stored by schema 12,
    // whose day counts the upgrade counts again (no rep on a file) without the rules changing.
    assert_reports_what_its_version_printed("stats-v12");
}

/// `stats --json` on a copy of the fixture `name`.db prints `name`.json, on the run that
/// upgrades it and on the next.
#[track_caller]
fn assert_reports_what_its_version_printed(name: &str) {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    std::fs::copy(fixtures.join(format!("{name}.db")), &db).unwrap();
    let cadence = dir.path().join("cadence.toml");
    std::fs::write(
        &cadence,
        "[calendar]\ntime_zone = \"Europe/Berlin\"\ncall_hours = \"08:00-17:30\"\n\n\
         [cadence.standard]\n",
    )
    .unwrap();
    let stats = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_followup"))
            .env_clear()
            .env("HOME", dir.path())
            .env("FOLLOWUP_DB", &db)
            .env("FOLLOWUP_CADENCE", &cadence)
            .env("FOLLOWUP_NOW", "2026-12-04T12:00")
            .args(["stats", "--until", "2026-12-04", "--json"])
            .output()
            .unwrap()
    };
    let expected = std::fs::read_to_string(fixtures.join(format!("{name}.json"))).unwrap();
    // The first run upgrades the schema (and stores the figures if it must), the second
    // reads them.
    for _ in 0..2 {
        let run = stats();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(String::from_utf8(run.stdout).unwrap(), expected);
    }
}
