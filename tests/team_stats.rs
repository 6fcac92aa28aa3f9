//! `stats` on a team book (issue 12, point 5): `stats --by-rep` and each rep's `stats` sum the
//! figures stored with every file, rep by rep. These tests hold the stored figures to a
//! recount from every file's history on a generated team book, worked by two reps, before and
//! after the team's cadences change, a rep's files are reassigned and a rep marks days away;
//! they check that the team's line is the manager's `stats` and each rep's line their own
//! `stats`, that an upgraded database reports the same, and what a rep's role may read of the
//! stored figures.
//!
//! Team mode needs PostgreSQL: the tests skip (saying why) without it, unless `CI` is set.

#[path = "../bench/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

mod common;

use chrono::{Days, NaiveDate, NaiveDateTime};
use common::team::{make_rep_by_sql, team_world};
use common::{Followup, cluster};
use followup::Tracker;
use followup::config::Config;
use followup::domain::{Channel, CloseReason, Outcome, Status, Step};
use followup::rep_stats::{Figures, RepStats};
use followup::stats::Stats;
use followup::store::Store;
use followup::tracker::{CloseRequest, LogEntry, Recontact};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn morning(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(9, 0, 0).unwrap()
}

/// The tracker a session connected with `url` works with, as `followup` builds it: the
/// team's rules when it has set them.
fn tracker_at(url: &str, today: NaiveDate) -> Tracker {
    let config = Config::built_in();
    let store = Store::connect(url, config.zones.mine).unwrap();
    let (config, _) = followup::tracker::team_rules(&store, config).unwrap();
    Tracker::new(store, config, morning(today)).unwrap()
}

/// A rep of the test's team, made by SQL: their id and the URL of their role.
struct Member {
    id: i64,
    role: String,
    url: String,
}

fn member(world: &Followup, database: &str, name: &str) -> Member {
    let email = format!("{}@example.com", name.to_lowercase());
    let (id, role) = make_rep_by_sql(world, name, &email, false);
    Member {
        id,
        url: cluster::required_cluster().url(database, &role),
        role,
    }
}

/// Runs SQL behind followup's back, as the test cluster's superuser (who bypasses the
/// row-level policies).
fn sql(world: &Followup, statements: &str) {
    cluster::required_cluster()
        .connect(world.server().unwrap())
        .batch_execute(statements)
        .expect("running SQL on the test database");
}

/// A team book of `count` generated files as of `today`: a third each to Ann and Bob, a third
/// in the pool, each touch logged by the file's holder. Its figures are stored by the first
/// command, as in bench/team.sh: the rows were written behind followup's back.
fn generated_team(count: usize, today: NaiveDate) -> Option<(Followup, String, Member, Member)> {
    let (world, database) = team_world()?;
    let ann = member(&world, &database, "Ann");
    let bob = member(&world, &database, "Bob");
    let mut store = Store::connect(world.server().unwrap(), chrono_tz::UTC).unwrap();
    pipeline::generate(&mut store, &Config::built_in(), count, today, 7).unwrap();
    drop(store);
    sql(
        &world,
        &format!(
            "UPDATE prospects SET owner = CASE id % 3 WHEN 0 THEN {ann} WHEN 1 THEN {bob} END;
             UPDATE attempts SET rep = p.owner FROM prospects p WHERE p.id = attempts.prospect_id;
             DELETE FROM meta WHERE key = 'rules_fingerprint';",
            ann = ann.id,
            bob = bob.id
        ),
    );
    Some((world, database, ann, bob))
}

/// Works a rep's morning list for `days` days from `from`: replies, promises, emails,
/// closes, calls to the assistant; every few days a pool file claimed by a log.
fn work(url: &str, from: NaiveDate, days: u64, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut tracker = tracker_at(url, from);
    for offset in 0..days {
        let today = from + Days::new(offset);
        tracker.set_now(morning(today));
        for due in tracker.fresh(|fresh| fresh.agenda()).unwrap() {
            let id = due.prospect.id;
            let entry = match (due.action.step, rng.u8(..12)) {
                (Step::Close, _) => {
                    let request = CloseRequest {
                        reason: if rng.bool() {
                            CloseReason::Won
                        } else {
                            CloseReason::NoResponse
                        },
                        recontact: Recontact::ByReason,
                        note: None,
                        drip: None,
                    };
                    tracker.close(id, request).unwrap();
                    continue;
                }
                (Step::Assistant, _) => LogEntry {
                    channel: Some(Channel::Assistant),
                    ..LogEntry::default()
                },
                (_, 0 | 1) => LogEntry {
                    outcome: Some(Outcome::Replied),
                    ..LogEntry::default()
                },
                (_, 2) => LogEntry {
                    channel: Some(Channel::Call),
                    promise: Some(morning(today + Days::new(1))),
                    force: true,
                    ..LogEntry::default()
                },
                (_, 3) => LogEntry {
                    outcome: Some(Outcome::Declined),
                    ..LogEntry::default()
                },
                (_, 4 | 5) => continue,
                _ => LogEntry::default(),
            };
            // Another rep may have claimed a pool file since the list was read.
            if tracker.log(id, entry).is_err() {
                continue;
            }
            let active = tracker.prospect(id).unwrap().status == Status::Active;
            if active && rng.u8(..8) == 0 {
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
    }
}

/// The figures of the team's line, read off a `stats` report.
fn team_figures(stats: &Stats) -> Figures {
    let promises = &stats.promises;
    let closes = stats.closed.iter().map(|closed| closed.files).sum();
    let won = stats
        .closed
        .iter()
        .filter(|closed| closed.reason == CloseReason::Won)
        .map(|closed| closed.files)
        .sum();
    Figures {
        touches: stats.total.touches,
        answered: stats.total.answered,
        reply_rate: (stats.total.touches > 0)
            .then(|| f64::from(stats.total.answered) / f64::from(stats.total.touches)),
        rescues: stats.rescue.tally.touches,
        promises_made: promises.kept + promises.missed + promises.early + promises.open,
        promises_kept: promises.kept,
        promises_open: promises.open,
        closes,
        won,
    }
}

fn line_of(report: &RepStats, rep: i64) -> Figures {
    report
        .reps
        .iter()
        .find(|line| line.rep.as_ref().is_some_and(|r| r.id == rep))
        .map(|line| line.figures)
        .unwrap()
}

/// The stored figures equal the recount for several periods; the team's line is the
/// manager's `stats`, each rep's line their own `stats`.
#[track_caller]
fn assert_figures_hold(world: &Followup, reps: &[&Member], today: NaiveDate) {
    let mut manager = tracker_at(world.server().unwrap(), today);
    let mut trackers: Vec<Tracker> = reps.iter().map(|rep| tracker_at(&rep.url, today)).collect();
    let periods = [
        (None, None),
        (None, Some(today - Days::new(10))),
        (Some(today - Days::new(30)), None),
        (Some(today), Some(today)),
        (Some(today - Days::new(400)), Some(today - Days::new(200))),
    ];
    for (since, until) in periods {
        let stored = manager.stats_by_rep(since, until).unwrap();
        let recount = manager.recount_stats_by_rep(since, until).unwrap();
        assert_eq!(stored, recount, "by rep from {since:?} to {until:?}");
        let stats = manager.stats(since, until).unwrap();
        assert_eq!(
            stored.team,
            team_figures(&stats),
            "team from {since:?} to {until:?}"
        );
        for (rep, tracker) in reps.iter().zip(&mut trackers) {
            let own = tracker.stats(since, until).unwrap();
            let line = line_of(&stored, rep.id);
            assert_eq!(
                team_figures(&own),
                line,
                "rep {} from {since:?} to {until:?}",
                rep.id
            );
        }
    }
}

/// `touch_days` counts the rows of `touch_facts`, no more and no fewer.
#[track_caller]
fn assert_days_count_the_rows(world: &Followup) {
    let key = "day, coalesce(rep, 0), step, channel, answered, first_answer, opens_run";
    let counted = "SELECT day, rep, step, channel, answered, first_answer, opens_run, touches
         FROM touch_days WHERE touches <> 0";
    let rows = format!("SELECT {key}, count(*) FROM touch_facts GROUP BY {key}");
    let mut client = cluster::required_cluster().connect(world.server().unwrap());
    for query in [
        format!("SELECT count(*) FROM ({counted} EXCEPT {rows}) AS extra"),
        format!("SELECT count(*) FROM ({rows} EXCEPT {counted}) AS missing"),
    ] {
        let differ: i64 = client.query_one(&query, &[]).unwrap().get(0);
        assert_eq!(differ, 0, "{query}");
    }
}

const CHANGED_RULES: &str = "[calendar]
workdays = [\"mon\", \"tue\", \"wed\", \"thu\"]
holidays = [\"2026-11-19\", \"2026-11-26\"]

[cadence.standard]
gap_business_days = 4
max_touches = 5
rescue_after = 1
rescue_min_span_days = 4
close_after_business_days = 2
recontact_after_days = 30
";

#[test]
fn stored_figures_by_rep_equal_a_recount_through_cadences_reassignment_and_days_away() {
    let start = day("2026-10-05");
    let Some((world, _, ann, bob)) = generated_team(150, start) else {
        return;
    };
    // Ann's session comes first: it stores her files' figures and the pool's, and leaves
    // Bob's to the manager's.
    let mut first = tracker_at(&ann.url, start);
    first.stats(None, None).unwrap();
    assert_days_count_the_rows(&world);
    assert_figures_hold(&world, &[&ann, &bob], start);
    let report = tracker_at(world.server().unwrap(), start)
        .stats_by_rep(None, None)
        .unwrap();
    assert!(line_of(&report, ann.id).touches > 0, "{report:?}");
    assert!(
        report.team.promises_made > 0 && report.team.closes > 0,
        "{report:?}"
    );

    // Both reps work their lists, claiming pool files as they log.
    work(&ann.url, start, 12, 1);
    work(&bob.url, start, 12, 2);
    let today = start + Days::new(12);
    assert_figures_hold(&world, &[&ann, &bob], today);

    // The team's rules change: every file's figures are stored again.
    world.write("team.toml", CHANGED_RULES);
    let mut manager = tracker_at(world.server().unwrap(), today);
    manager
        .set_team_cadence(&world.dir().join("team.toml"))
        .unwrap();
    assert_figures_hold(&world, &[&ann, &bob], today);

    // Ann leaves: her files go to Bob, her touches stay hers.
    let before = manager.stats_by_rep(None, None).unwrap();
    manager
        .reassign("ann@example.com", "bob@example.com")
        .unwrap();
    let after = manager.stats_by_rep(None, None).unwrap();
    assert_eq!(
        line_of(&after, ann.id).touches,
        line_of(&before, ann.id).touches
    );
    assert_eq!(line_of(&after, ann.id).closes, 0, "{after:?}");
    assert_figures_hold(&world, &[&ann, &bob], today);

    // Bob marks days away: his files' figures are stored again under his calendar.
    let mut bob_tracker = tracker_at(&bob.url, today);
    bob_tracker
        .mark_away(today + Days::new(1), today + Days::new(6))
        .unwrap();
    work(&bob.url, today, 2, 3);
    assert_figures_hold(&world, &[&ann, &bob], today + Days::new(1));
    assert_days_count_the_rows(&world);
}

#[test]
fn a_reps_role_reads_only_the_figures_of_the_files_it_sees_and_of_its_own_work() {
    let start = day("2026-10-05");
    let Some((world, database, ann, bob)) = generated_team(60, start) else {
        return;
    };
    tracker_at(world.server().unwrap(), start)
        .refresh()
        .unwrap();
    let client = |url: &str| cluster::required_cluster().connect(url);
    let count =
        |url: &str, query: &str| -> i64 { client(url).query_one(query, &[]).unwrap().get(0) };
    let all_touches = count(world.server().unwrap(), "SELECT count(*) FROM touch_facts");
    let all_promises = count(
        world.server().unwrap(),
        "SELECT count(*) FROM promise_facts",
    );
    // Ann sees her files and the pool's, not Bob's.
    let anns = count(
        &ann.url,
        &format!("SELECT count(*) FROM touch_facts WHERE rep = {}", bob.id),
    );
    assert_eq!(anns, 0, "Ann reads the facts of Bob's files");
    let seen = count(&ann.url, "SELECT count(*) FROM touch_facts");
    assert!(seen > 0 && seen < all_touches, "{seen} of {all_touches}");
    let promised = count(
        &ann.url,
        &format!("SELECT count(*) FROM promise_facts WHERE rep = {}", bob.id),
    );
    assert_eq!(promised, 0);
    assert!(all_promises > 0);
    // The day counts hold no file: every rep reads them (their `stats` reads their own).
    let days = count(
        &ann.url,
        &format!("SELECT count(*) FROM touch_days WHERE rep = {}", bob.id),
    );
    assert!(days > 0);

    // Bob's file handed to Ann: Bob still reads the facts of his own work on it.
    let file: i64 = count(
        world.server().unwrap(),
        &format!(
            "SELECT min(prospect_id) FROM touch_facts WHERE rep = {}",
            bob.id
        ),
    );
    sql(
        &world,
        &format!("UPDATE prospects SET owner = {} WHERE id = {file}", ann.id),
    );
    let kept = count(
        &bob.url,
        &format!("SELECT count(*) FROM touch_facts WHERE prospect_id = {file}"),
    );
    assert!(kept > 0);

    // `stats --by-rep` is a manager's view: a rep reads their own `stats`.
    common::team::run_as(&world, &database, &ann.role, &["stats", "--by-rep"])
        .fails(1)
        .stderr_contains("stats --by-rep is for managers");
    common::team::run_as(&world, &database, &ann.role, &["stats"]).success();
}

#[test]
fn a_database_of_the_schema_before_reports_the_same_once_upgraded() {
    let start = day("2026-10-05");
    let Some((world, _, ann, bob)) = generated_team(90, start) else {
        return;
    };
    work(&ann.url, start, 5, 4);
    let today = start + Days::new(5);
    let expected = tracker_at(world.server().unwrap(), today)
        .stats_by_rep(None, None)
        .unwrap();
    // The database as schema 12 left it: no rep beside the facts, the day counts keyed
    // without one, the facts unguarded (and no phone for the reps, which schema 14 adds, nor
    // outlooks, which schema 15 adds).
    sql(
        &world,
        "DROP POLICY followup_visible ON touch_facts;
             DROP POLICY followup_visible ON promise_facts;
             ALTER TABLE touch_facts DISABLE ROW LEVEL SECURITY;
             ALTER TABLE promise_facts DISABLE ROW LEVEL SECURITY;
             DROP INDEX touch_facts_by_rep;
             DROP INDEX promise_facts_by_rep;
             DROP INDEX touch_days_by_rep;
             ALTER TABLE touch_facts DROP COLUMN rep;
             ALTER TABLE promise_facts DROP COLUMN rep;
             CREATE INDEX promise_facts_by_day ON promise_facts (day, settled, deadline);
             DELETE FROM touch_days;
             ALTER TABLE touch_days DROP CONSTRAINT touch_days_pkey;
             ALTER TABLE touch_days DROP COLUMN rep;
             ALTER TABLE touch_days
                 ADD PRIMARY KEY (day, step, channel, answered, first_answer, opens_run);
             INSERT INTO touch_days
             SELECT day, step, channel, answered, first_answer, opens_run, count(*)
             FROM touch_facts GROUP BY day, step, channel, answered, first_answer, opens_run;
             ALTER TABLE reps DROP COLUMN phone;
             ALTER TABLE prospects DROP COLUMN outlook;
             UPDATE followup_schema SET version = 12;",
    );
    // The tables' owner upgrades; a rep's session, which sees only some files, reads first.
    tracker_at(world.server().unwrap(), today)
        .refresh()
        .unwrap();
    let upgraded = tracker_at(world.server().unwrap(), today)
        .stats_by_rep(None, None)
        .unwrap();
    assert_eq!(upgraded, expected);
    assert_figures_hold(&world, &[&ann, &bob], today);
}
