//! The morning list reads a stored due date per prospect instead of running the engine over
//! the whole book. These tests hold the stored dates to the engine's answer for a varied,
//! generated book, before and after the cadence file changes.

#[path = "../bench/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

use chrono::{Days, NaiveDate, NaiveDateTime};
use followup::Tracker;
use followup::capacity::Placed;
use followup::config::{Config, Origin};
use followup::domain::{Channel, CloseReason, Contact, Outcome, Status};
use followup::engine;
use followup::render::plan;
use followup::render::view::ActionView;
use followup::render::width::Width;
use followup::store::Store;
use followup::tracker::{CloseRequest, Due, Glimpse, LogEntry, NewProspect, Recontact};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn morning(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(9, 0, 0).unwrap()
}

/// A book worked through the tracker over six weeks: prospects at every step of the
/// cadence, with replies, promises, agreed dates, assistant calls and closes.
fn worked_book(path: &std::path::Path) -> Tracker {
    let start = day("2026-10-01");
    let config = Config::built_in();
    let mut tracker = Tracker::new(Store::open(path).unwrap(), config, morning(start)).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for index in 0..300 {
        let contact = Contact {
            name: format!("Prospect {index}"),
            assistant: (index % 3 == 0).then(|| "Sam".to_string()),
            ..Contact::default()
        };
        let cadence = ["standard", "standard", "as-promised", "nurture"][index % 4];
        tracker
            .add(NewProspect {
                contact,
                cadence: Some(cadence.to_string()),
                start: Some(start + Days::new(rng.u64(0..10))),
                ..NewProspect::default()
            })
            .unwrap();
    }
    let mut today = start;
    while today < day("2026-11-13") {
        today = today + Days::new(1);
        tracker.set_now(morning(today));
        for due in tracker.fresh(|fresh| fresh.agenda()).unwrap() {
            let id = due.prospect.id;
            let entry = match rng.u8(..20) {
                0 => LogEntry {
                    outcome: Some(Outcome::Replied),
                    ..LogEntry::default()
                },
                1 => LogEntry {
                    outcome: Some(Outcome::Connected),
                    next: Some(today + Days::new(rng.u64(1..15))),
                    // Some fall on weekends: kept, as `log --force` keeps them.
                    force: true,
                    ..LogEntry::default()
                },
                2 => LogEntry {
                    promise: Some(morning(today + Days::new(1))),
                    force: true,
                    ..LogEntry::default()
                },
                3 => LogEntry {
                    channel: Some(Channel::Email),
                    ..LogEntry::default()
                },
                4 => {
                    tracker
                        .close(
                            id,
                            CloseRequest {
                                // A lost deal goes on the drip, whose date is cached too.
                                reason: if rng.bool() {
                                    CloseReason::Lost
                                } else {
                                    CloseReason::NoResponse
                                },
                                recontact: Recontact::ByReason,
                                note: None,
                                drip: None,
                            },
                        )
                        .unwrap();
                    continue;
                }
                5..=7 => continue, // not done today: it stays overdue
                _ => LogEntry::default(),
            };
            let entry = match due.action.step {
                followup::domain::Step::Assistant => LogEntry {
                    channel: Some(Channel::Assistant),
                    ..entry
                },
                followup::domain::Step::Close => {
                    tracker
                        .close(
                            id,
                            CloseRequest {
                                reason: CloseReason::NoResponse,
                                recontact: Recontact::ByReason,
                                note: None,
                                drip: None,
                            },
                        )
                        .unwrap();
                    continue;
                }
                _ => entry,
            };
            tracker.log(id, entry).unwrap();
        }
    }
    tracker
}

/// Every stored due date equals the engine's, and the morning list and each file's next step
/// in `list` equal what running the engine over every prospect gives, on each of the next
/// days.
#[track_caller]
fn assert_cache_agrees(tracker: &mut Tracker, from: NaiveDate) {
    let config = tracker.config().clone();
    let reader = tracker.store().reader();
    let mut expected_due = Vec::new();
    for prospect in reader.prospects(None).unwrap() {
        let attempts = reader.attempts(prospect.id).unwrap();
        let cadence = config.cadence(&prospect.cadence).unwrap();
        let earliest = engine::earliest_due(&prospect, &attempts, cadence, &config.calendar);
        assert_eq!(
            reader.due_on(prospect.id).unwrap(),
            earliest,
            "stored due date of {}",
            prospect.contact.name
        );
        expected_due.push((prospect, attempts));
    }
    for offset in 0..15 {
        let today = from + Days::new(offset);
        tracker.set_now(morning(today));
        let mut listed: Vec<i64> = tracker
            .fresh(|fresh| fresh.agenda())
            .unwrap()
            .iter()
            .map(|due| due.prospect.id)
            .collect();
        let mut brute: Vec<i64> = expected_due
            .iter()
            .filter(|(prospect, attempts)| {
                let cadence = config.cadence(&prospect.cadence).unwrap();
                engine::next_action(prospect, attempts, cadence, &config.calendar, today)
                    .is_some_and(|action| action.due <= today)
            })
            .map(|(prospect, _)| prospect.id)
            .collect();
        listed.sort_unstable();
        brute.sort_unstable();
        assert_eq!(listed, brute, "the morning list of {today}");
        // The next step of every file, as `list` reads it from the stored outlooks.
        let mut glances = Vec::new();
        tracker
            .each_line(None, |prospect, next, _| {
                glances.push((prospect.id, next));
                Ok(())
            })
            .unwrap();
        let brute_glances: Vec<_> = expected_due
            .iter()
            .map(|(prospect, attempts)| {
                let cadence = config.cadence(&prospect.cadence).unwrap();
                let next =
                    engine::next_action(prospect, attempts, cadence, &config.calendar, today);
                (prospect.id, next.map(|action| action.glance()))
            })
            .collect();
        assert_eq!(glances, brute_glances, "the list of {today}");
        assert_agenda_tables_agree(tracker);
    }
}

/// `agenda`'s table from the stored outlooks is the table from whole actions, at any width,
/// within the daily capacity or without one.
#[track_caller]
fn assert_agenda_tables_agree(tracker: &mut Tracker) {
    let now = tracker.now();
    let config = tracker.config().clone();
    for days in [1, 5, 10] {
        let (glimpsed, whole) = tracker
            .fresh(|fresh| Ok((fresh.glimpsed_schedule(days)?, fresh.schedule(days)?)))
            .unwrap();
        let glimpsed = glimpsed.expect("a file's book reads its outlooks");
        let glimpse_id = |glimpse: &Glimpse| glimpse.prospect.id;
        let due_id = |due: &Due| due.prospect.id;
        assert_eq!(
            placed_of(&glimpsed.placed, glimpse_id),
            placed_of(&whole.placed, due_id),
            "{days} days from {now}"
        );
        let beyond: Vec<i64> = glimpsed.beyond.iter().map(glimpse_id).collect();
        assert_eq!(beyond, whole.beyond.iter().map(due_id).collect::<Vec<_>>());
        let views_of_glimpses = plan::placed_views(&glimpsed.placed, |glimpse| {
            ActionView::at_a_glance(&glimpse.prospect, &glimpse.reading, &config, now)
        });
        let views_of_actions = plan::placed_views(&whole.placed, |due| {
            ActionView::without_message(due, &config, now)
        });
        let last = tracker.window_end(days);
        for width in [60, 80, 200] {
            let width = Width::new(width);
            assert_eq!(
                plan::render(now.date(), last, &views_of_glimpses, width),
                plan::render(now.date(), last, &views_of_actions, width),
                "{days} days from {now}, {width:?}"
            );
        }
    }
}

/// Each placed action's prospect, day and the day it was moved from.
fn placed_of<T>(
    placed: &[Placed<T>],
    id: impl Fn(&T) -> i64,
) -> Vec<(i64, NaiveDate, Option<NaiveDate>)> {
    placed
        .iter()
        .map(|placed| (id(&placed.item), placed.on, placed.moved_from))
        .collect()
}

const CHANGED_RULES: &str = r#"
[calendar]
max_touches_per_day = 6
workdays = ["mon", "tue", "wed", "thu"]
holidays = ["2026-11-19", "2026-11-26", "2026-11-27"]

[cadence.standard]
gap_business_days = 3
max_touches = 5
rescue_after = 1
rescue_min_span_days = 4
close_after_business_days = 2
recontact_after_days = 30

[cadence.as-promised]
gap_business_days = 2
max_touches = 4
rescue_after = 0
promise_time = "10:30"

[cadence.nurture]
gap_business_days = 20
max_touches = 0
rescue_after = 0
"#;

#[test]
fn stored_due_dates_agree_with_the_engine_before_and_after_a_cadence_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut tracker = worked_book(&path);
    let statuses: Vec<Status> = tracker
        .list(None)
        .unwrap()
        .iter()
        .map(|(p, _)| p.status)
        .collect();
    assert!(statuses.contains(&Status::Closed) && statuses.contains(&Status::Active));
    // Callbacks promised in the coming days, two at the same time: first in the order and on
    // their day whatever the limit; the one of Monday is missed from Tuesday on.
    let active: Vec<i64> = tracker
        .list(Some(Status::Active))
        .unwrap()
        .iter()
        .map(|(prospect, _)| prospect.id)
        .collect();
    assert!(active.len() >= 4, "{active:?}");
    for (id, at) in active.iter().zip([
        "2026-11-16T10:30",
        "2026-11-16T08:15",
        "2026-11-17T09:00",
        "2026-11-16T10:30",
    ]) {
        let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").unwrap();
        let entry = LogEntry {
            promise: Some(at),
            ..LogEntry::default()
        };
        tracker.log(*id, entry).unwrap();
    }
    assert_cache_agrees(&mut tracker, day("2026-11-13"));

    // The same database under other rules: the due dates are recomputed on first use.
    let changed =
        Config::parse(CHANGED_RULES, Origin::File(dir.path().join("cadence.toml"))).unwrap();
    let store = tracker.into_store();
    let mut tracker = Tracker::new(store, changed, morning(day("2026-11-13"))).unwrap();
    tracker.refresh().unwrap();
    assert_cache_agrees(&mut tracker, day("2026-11-13"));
}

#[test]
fn a_generated_benchmark_book_has_fifty_actions_due_and_a_consistent_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let config = Config::built_in();
    let today = day("2026-11-23");
    let mut store = Store::open(&path).unwrap();
    pipeline::generate(&mut store, &config, 500, today, 42).unwrap();
    let mut tracker = Tracker::new(store, config, morning(today)).unwrap();
    assert_eq!(
        tracker.fresh(|fresh| fresh.agenda()).unwrap().len(),
        pipeline::DUE_TODAY
    );
    assert_cache_agrees(&mut tracker, today);
}

/// The morning list within a daily limit reads the promised calls of the coming days one day
/// at a time, and stops reading a day once its promises fill the limit. What it keeps and
/// moves must be what planning with every promised call of the window gives, whether the
/// promises fill the days or not, and with a cadence's own limit alone.
#[test]
fn the_morning_within_limits_equals_planning_with_every_promise() {
    let today = day("2026-11-23");
    let limits = [
        (
            "[calendar]\n",
            "[calendar]\nmax_touches_per_day = 3\n",
            true,
        ),
        (
            "[calendar]\n",
            "[calendar]\nmax_touches_per_day = 10\n",
            true,
        ),
        // More than the promises of any day: every day is read whole, and nothing moves.
        (
            "[calendar]\n",
            "[calendar]\nmax_touches_per_day = 90\n",
            false,
        ),
        (
            "[cadence.standard]\n",
            "[cadence.standard]\nmax_touches_per_day = 2\n",
            true,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("promises.db");
    let mut store = Store::open(&path).unwrap();
    // About fifty promised calls on each of the four days after today, and a backlog of
    // about seventeen agreed calls today beside the promised calls and re-contacts.
    pipeline::generate_with_due(&mut store, &Config::built_in(), 2_000, 50, today, 11).unwrap();
    for (at, with, moves) in limits {
        let text = followup::config::BUILT_IN.replacen(at, with, 1);
        let config = Config::parse(&text, Origin::File(dir.path().join("cadence.toml"))).unwrap();
        let mut tracker = Tracker::new(store, config, morning(today)).unwrap();
        tracker.refresh().unwrap();
        let morning = tracker.fresh(|fresh| fresh.morning()).unwrap();
        let expected = planned_with_every_promise(&mut tracker, today);
        let got: (Kept, MovedTo) = (
            morning.kept.iter().map(|due| due.prospect.id).collect(),
            morning
                .moved
                .iter()
                .map(|moved| (moved.due.prospect.id, moved.to))
                .collect(),
        );
        assert_eq!(!got.1.is_empty(), moves, "{with}: whether something moves");
        assert_eq!(got, expected, "{with}");
        store = tracker.into_store();
    }
}

type Kept = Vec<i64>;
type MovedTo = Vec<(i64, Option<NaiveDate>)>;

/// The morning as planned with every promised call of the window, read with the engine over
/// the whole book: the window doubles until the backlog has a day, as `morning` does.
fn planned_with_every_promise(tracker: &mut Tracker, today: NaiveDate) -> (Kept, MovedTo) {
    use followup::capacity;
    let every: Vec<followup::tracker::Due> = tracker
        .list(None)
        .unwrap()
        .into_iter()
        .filter_map(|(_, due)| due)
        .collect();
    let overdue = tracker.fresh(|fresh| fresh.agenda()).unwrap();
    let limits = tracker.limits();
    let mut days = 5;
    loop {
        let last = tracker.window_end(days);
        let mut items = overdue.clone();
        items.extend(
            every
                .iter()
                .filter(|due| due.action.promised() && due.action.due > today)
                .filter(|due| due.action.due <= last)
                .cloned(),
        );
        let plan = capacity::plan(
            items,
            followup::tracker::agenda_key,
            &tracker.config().calendar,
            today,
            last,
            &limits,
        );
        let unplaced = plan.beyond.iter().any(|due| due.action.due <= today);
        if !unplaced || days >= 260 {
            let kept = plan
                .placed
                .iter()
                .filter(|placed| placed.on == today)
                .map(|placed| placed.item.prospect.id)
                .collect();
            let mut moved: MovedTo = plan
                .placed
                .iter()
                .filter(|placed| placed.on != today && placed.item.action.due <= today)
                .map(|placed| (placed.item.prospect.id, Some(placed.on)))
                .collect();
            moved.extend(
                plan.beyond
                    .iter()
                    .filter(|due| due.action.due <= today)
                    .map(|due| (due.prospect.id, None)),
            );
            return (kept, moved);
        }
        days = (days * 2).min(260);
    }
}
