//! A team across time zones and versions (issue 12): instants are `timestamptz` on PostgreSQL,
//! so that a promise made in New York reads at the same instant in Los Angeles; an older
//! database's wall-clock times keep their instant through the upgrade; a rep's messages sign
//! with their rep row's name; and a rep who starts a newer followup before the tables' owner
//! has upgraded the schema is told who must run it, and nothing changes.
//!
//! PostgreSQL only: skips, saying why, without PostgreSQL, except under `CI`.

mod common;

use common::Followup;
use followup::store::CURRENT_VERSION;
use serde_json::Value;

/// A team book whose tables the test cluster's superuser owns, with reps made by
/// `rep add --create-role` (roles named after the database: roles are the cluster's).
struct Team {
    world: Followup,
    database: String,
}

impl Team {
    fn new() -> Option<Team> {
        let (world, database) = common::team::team_world()?;
        Some(Team { world, database })
    }

    fn role(&self, key: &str) -> String {
        format!("{}_{key}", self.database)
    }

    fn email(key: &str) -> String {
        format!("{key}@example.com")
    }

    fn rep(&self, key: &str, name: &str) {
        let (role, email) = (self.role(key), Team::email(key));
        self.world.ok(&[
            "rep",
            "add",
            name,
            "--email",
            &email,
            "--role",
            &role,
            "--create-role",
        ]);
    }

    /// A cadence file for rep `key` that says only their zone (no `[me]`).
    fn zone_file(&self, key: &str, zone: &str) -> std::path::PathBuf {
        self.world.write(
            &format!("{key}.toml"),
            format!("[calendar]\ntime_zone = \"{zone}\"\n\n[cadence.standard]\n"),
        )
    }

    /// Runs `followup ARGS` as rep `key`'s role, with `cadence` as their cadence file.
    #[track_caller]
    fn run_as(&self, key: &str, cadence: Option<&std::path::Path>, args: &[&str]) -> common::Run {
        let url = common::cluster::required_cluster().url(&self.database, &self.role(key));
        let mut command = self.world.cmd(args).env("FOLLOWUP_DB", url);
        if let Some(cadence) = cadence {
            command = command.env("FOLLOWUP_CADENCE", cadence);
        }
        command.run()
    }

    #[track_caller]
    fn json_as(&self, key: &str, cadence: Option<&std::path::Path>, args: &[&str]) -> Value {
        let run = self.run_as(key, cadence, args);
        run.success();
        run.stdout_json()
    }

    fn sql(&self, sql: &str) {
        common::cluster::required_cluster()
            .connect(&self.database)
            .batch_execute(sql)
            .unwrap_or_else(|error| panic!("{sql}: {error}"));
    }

    fn version(&self) -> i64 {
        common::cluster::required_cluster()
            .connect(&self.database)
            .query_one("SELECT max(version) FROM followup_schema", &[])
            .unwrap()
            .get(0)
    }
}

#[test]
fn a_promise_made_in_new_york_reads_in_los_angeles_time_once_the_file_is_reassigned() {
    let Some(mut team) = Team::new() else {
        return;
    };
    team.rep("nia", "Nia Brooks");
    team.rep("lou", "Lou Vega");
    let new_york = team.zone_file("nia", "America/New_York");
    let los_angeles = team.zone_file("lou", "America/Los_Angeles");
    let id = team.world.add("Dana Whitfield", &common::DANA);
    team.world
        .ok(&["assign", &id.to_string(), &Team::email("nia")]);

    // Nia, in New York, calls at 09:30 her time and promises a callback at 10:00 tomorrow.
    team.world.at("2026-11-23T09:30");
    team.run_as(
        "nia",
        Some(&new_york),
        &["log", &id.to_string(), "--promise", "tomorrow 10:00"],
    )
    .success();
    let seen = team.json_as("nia", Some(&new_york), &["show", &id.to_string(), "--json"]);
    assert_eq!(seen["attempts"][0]["at"], "2026-11-23T09:30:00");
    assert_eq!(seen["attempts"][0]["promise"], "2026-11-24T10:00:00");

    // She leaves; Lou in Los Angeles takes her files over and sees the same instants, three
    // hours earlier on his clock.
    team.world.ok(&[
        "reassign",
        "--from",
        &Team::email("nia"),
        "--to",
        &Team::email("lou"),
    ]);
    let seen = team.json_as(
        "lou",
        Some(&los_angeles),
        &["show", &id.to_string(), "--json"],
    );
    assert_eq!(seen["attempts"][0]["at"], "2026-11-23T06:30:00");
    assert_eq!(seen["attempts"][0]["promise"], "2026-11-24T07:00:00");

    // On his morning list the promised call is at 07:00 his time.
    team.world.at("2026-11-24T06:00");
    let due = team.json_as("lou", Some(&los_angeles), &["today", "--json"]);
    let dana = due
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("Dana is not on Lou's list: {due}"));
    assert_eq!(dana["promised"], true, "{dana}");
    assert_eq!(dana["time"], "07:00", "{dana}");
}

#[test]
fn an_evening_touch_in_los_angeles_stays_due_on_his_day_after_new_york_stores_its_date() {
    let Some(mut team) = Team::new() else {
        return;
    };
    team.rep("lou", "Lou Vega");
    let los_angeles = team.zone_file("lou", "America/Los_Angeles");
    let id = team.world.add("Dana Whitfield", &common::DANA);
    team.world
        .ok(&["assign", &id.to_string(), &Team::email("lou")]);

    // Lou emails Dana at 21:30 on Monday, his time: 00:30 on Tuesday in New York.
    team.world.at("2026-11-23T21:30");
    team.run_as(
        "lou",
        Some(&los_angeles),
        &["log", &id.to_string(), "--channel", "email"],
    )
    .success();

    // The manager, in New York, changes the team's rules: every due date is stored again,
    // worked out on her clock, where the email went on Tuesday (due Monday 30th).
    let new_york = team.world.write(
        "new-york.toml",
        "[calendar]\ntime_zone = \"America/New_York\"\nholidays = [\"2027-07-05\"]\n\n\
         [cadence.standard]\n",
    );
    team.world.at("2026-11-24T09:00");
    team.world
        .cmd(["team", "cadence", "set", new_york.to_str().unwrap()])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run()
        .success();

    // On Friday, four business days after his Monday, Dana is on Lou's list.
    team.world.at("2026-11-27T08:00");
    let due = team.json_as("lou", Some(&los_angeles), &["today", "--json"]);
    let dana = due
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("Dana is not on Lou's Friday list: {due}"));
    assert_eq!(dana["due"], "2026-11-27", "{dana}");
    assert_eq!(dana["step"], "follow-up", "{dana}");
}

#[test]
fn an_older_databases_wall_clock_times_keep_their_instant_through_the_upgrade() {
    let Some(mut world) = Followup::postgres() else {
        return;
    };
    let berlin = world.write(
        "berlin.toml",
        "[calendar]\ntime_zone = \"Europe/Berlin\"\n\n[cadence.standard]\n",
    );
    let new_york = world.write(
        "new-york.toml",
        "[calendar]\ntime_zone = \"America/New_York\"\n\n[cadence.standard]\n",
    );
    let id = world.add("Li Wei", &["--phone", "555-0101"]);
    world.at("2026-11-23T10:00");
    world
        .cmd(["log", &id.to_string(), "--promise", "tomorrow 08:15"])
        .env("FOLLOWUP_CADENCE", &berlin)
        .run()
        .success();
    // The database as schema 9 left it: `timestamp` columns holding Berlin's wall clock, the
    // zone kept under `clock_zone`. Step 10 turned instants into `timestamptz`; step 11 (each
    // rep's days away), step 12 (the zone of each due date), step 13 (who did the work
    // `stats` counts), step 14 (the reps' phone) and step 15 (each file's outlook) are taken
    // back first, so that the upgrade runs them again. A step added after these needs taking
    // back here too.
    const BEFORE_TIMESTAMPTZ: i64 = 9;
    assert_eq!(CURRENT_VERSION, 15, "take back the steps after 10 below");
    let url = world.server().unwrap().to_string();
    let mut admin = common::cluster::required_cluster().connect(&url);
    admin
        .batch_execute(&format!(
            "DO $$
             DECLARE change record;
             BEGIN
                 FOR change IN SELECT table_name, column_name FROM information_schema.columns
                               WHERE table_schema = 'public'
                                 AND data_type = 'timestamp with time zone'
                 LOOP
                     EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE timestamp
                                     USING %I AT TIME ZONE ''Europe/Berlin''',
                                    change.table_name, change.column_name, change.column_name);
                 END LOOP;
             END $$;
             DROP POLICY followup_own ON away_days;
             DROP POLICY followup_manager ON away_days;
             DROP POLICY followup_read ON holidays;
             DROP POLICY followup_manager ON holidays;
             DROP INDEX away_days_once;
             ALTER TABLE away_days DROP COLUMN rep;
             ALTER TABLE away_days ADD PRIMARY KEY (day);
             ALTER TABLE attempts DROP COLUMN claimed, DROP COLUMN claimed_from;
             DROP TRIGGER followup_due_zone ON prospects;
             DROP FUNCTION followup_due_zone();
             ALTER TABLE prospects DROP COLUMN due_zone;
             DROP POLICY followup_visible ON touch_facts;
             DROP POLICY followup_visible ON promise_facts;
             DROP INDEX touch_facts_by_rep, promise_facts_by_rep, touch_days_by_rep;
             ALTER TABLE touch_facts DROP COLUMN rep;
             ALTER TABLE promise_facts DROP COLUMN rep;
             CREATE INDEX promise_facts_by_day ON promise_facts (day, settled, deadline);
             DELETE FROM touch_days;
             ALTER TABLE touch_days DROP CONSTRAINT touch_days_pkey, DROP COLUMN rep;
             ALTER TABLE touch_days
                 ADD PRIMARY KEY (day, step, channel, answered, first_answer, opens_run);
             ALTER TABLE reps DROP COLUMN phone;
             ALTER TABLE prospects DROP COLUMN outlook;
             INSERT INTO meta (key, value) VALUES ('clock_zone', 'Europe/Berlin')
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value;
             UPDATE followup_schema SET version = {BEFORE_TIMESTAMPTZ};"
        ))
        .unwrap();
    let promise: String = admin
        .query_one("SELECT promise::text FROM attempts", &[])
        .unwrap()
        .get(0);
    assert_eq!(promise, "2026-11-24 08:15:00");

    // A salesperson in New York upgrades it: 08:15 in Berlin is 02:15 in New York.
    let run = world
        .cmd(["show", &id.to_string(), "--json"])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run();
    run.success();
    let shown = run.stdout_json();
    assert_eq!(shown["attempts"][0]["at"], "2026-11-23T04:00:00");
    assert_eq!(shown["attempts"][0]["promise"], "2026-11-24T02:15:00");
    let instant: String = admin
        .query_one(
            "SELECT to_char(promise AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM attempts",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(instant, "2026-11-24 07:15");
}

#[test]
fn every_instant_column_is_timestamptz_on_postgres() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    world.ok(&["list"]);
    let mut admin = common::cluster::required_cluster().connect(world.server().unwrap());
    let mut types = |sql: &str| -> Vec<String> {
        admin
            .query(sql, &[])
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect()
    };
    let naive = types(
        "SELECT table_name || '.' || column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'",
    );
    assert_eq!(naive, Vec::<String>::new(), "columns still without a zone");
    let zoned = types(
        "SELECT table_name || '.' || column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type = 'timestamp with time zone'
         ORDER BY 1",
    );
    for column in [
        "attempts.at",
        "attempts.logged_at",
        "attempts.promise",
        "audit.at",
        "promise_facts.deadline",
        "prospects.closed_at",
        "prospects.created_at",
        "prospects.run_started_at",
        "reps.added_at",
        "value_items.added_at",
    ] {
        assert!(zoned.contains(&column.to_string()), "{column}: {zoned:?}");
    }
    // Days stay days.
    let day: String = admin
        .query_one(
            "SELECT data_type::text FROM information_schema.columns
             WHERE table_name = 'prospects' AND column_name = 'due_on'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(day, "date");
}

#[test]
fn a_reps_messages_sign_with_their_rep_rows_name_unless_their_own_me_says_otherwise() {
    let Some(team) = Team::new() else {
        return;
    };
    team.rep("ana", "Ana Lima");
    team.rep("bo", "Bo Chen");
    let id = team.world.add("Dana Whitfield", &common::DANA);
    let second = team.world.add("Li Wei", &["--phone", "555-0101"]);
    team.world
        .ok(&["assign", &id.to_string(), &Team::email("ana")]);
    team.world
        .ok(&["assign", &second.to_string(), &Team::email("bo")]);

    // Ana has no cadence file: her name comes from her rep row, not the built-in example,
    // and nothing else of the example's is given out.
    let run = team.run_as("ana", None, &["today", "--json"]);
    run.success();
    let due = run.stdout_json();
    let script = due[0]["script"].as_str().unwrap();
    assert!(script.contains("Ana Lima"), "{script}");
    for example in ["Sam Carter", "Harbor Office Supply", "555-0100"] {
        assert!(!script.contains(example), "{example} in {script}");
    }
    run.stderr_contains("your row in the team")
        .stderr_contains("followup cadence init --company ... --phone ...");

    // Bo's own [me] wins over his row.
    let own = team.world.write(
        "bo.toml",
        "[me]\nname = \"Bobby Chen\"\n\n[cadence.standard]\n",
    );
    let due = team.json_as("bo", Some(&own), &["today", "--json"]);
    let script = due[0]["script"].as_str().unwrap();
    assert!(script.contains("Bobby Chen"), "{script}");
}

#[test]
fn a_rep_on_a_newer_followup_than_the_schema_is_told_that_the_owner_must_upgrade_it() {
    let Some(team) = Team::new() else {
        return;
    };
    team.rep("cy", "Cy Park");
    let id = team.world.add("Dana Whitfield", &common::DANA);
    // The database as an older followup left it, the tables' owner not having upgraded yet.
    team.sql(&format!(
        "UPDATE followup_schema SET version = {}",
        CURRENT_VERSION - 1
    ));
    let run = team.run_as("cy", None, &["log", &id.to_string()]);
    run.fails(1);
    let line = run.stderr_line();
    for needed in [
        "upgraded",
        "role that owns its tables",
        "postgres",
        "team init",
        &team.role("cy"),
        "nothing was changed",
    ] {
        assert!(line.contains(needed), "{needed:?} not in {line}");
    }
    assert!(!line.contains("must be owner"), "{line}");
    assert_eq!(team.version(), CURRENT_VERSION - 1);
    let attempts: i64 = common::cluster::required_cluster()
        .connect(&team.database)
        .query_one("SELECT count(*) FROM attempts", &[])
        .unwrap()
        .get(0);
    assert_eq!(attempts, 0);
}

#[test]
fn a_personal_book_moved_in_keeps_the_moment_of_each_time() {
    let Some(mut team) = Team::new() else {
        return;
    };
    team.rep("eve", "Eve Moreau");
    // Eve kept her book in Berlin: a call at 10:00 there, and a callback promised for 08:15.
    let mut book = Followup::sqlite();
    let berlin = book.write(
        "berlin.toml",
        "[calendar]\ntime_zone = \"Europe/Berlin\"\n\n[cadence.standard]\n",
    );
    book.cmd(["add", "Li Wei", "--phone", "555-0101"])
        .env("FOLLOWUP_CADENCE", &berlin)
        .run()
        .success();
    book.at("2026-11-23T10:00");
    book.cmd(["log", "li", "--promise", "tomorrow 08:15"])
        .env("FOLLOWUP_CADENCE", &berlin)
        .run()
        .success();

    // The manager, in New York, moves it in: the same moments on New York's clock.
    let new_york = team.zone_file("manager", "America/New_York");
    team.world.at("2026-11-30T10:00");
    let path = book.db();
    let report = team
        .world
        .cmd([
            "team",
            "import-book",
            path.to_str().unwrap(),
            "--owner",
            &Team::email("eve"),
            "--json",
        ])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run();
    report.success();
    let id = report.stdout_json()["added"][0]["id"].as_i64().unwrap();
    let shown = team
        .world
        .cmd(["show", &id.to_string(), "--json"])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run();
    shown.success();
    let shown = shown.stdout_json();
    assert_eq!(shown["attempts"][0]["at"], "2026-11-23T04:00:00");
    assert_eq!(shown["attempts"][0]["promise"], "2026-11-24T02:15:00");
    // And on Eve's own clock in Berlin, what her book said.
    let berlin_file = team.zone_file("eve", "Europe/Berlin");
    let seen = team.json_as(
        "eve",
        Some(&berlin_file),
        &["show", &id.to_string(), "--json"],
    );
    assert_eq!(seen["attempts"][0]["promise"], "2026-11-24T08:15:00");
}

/// The instant kept in `column` of the one row of `rows` (a table, with a condition if need
/// be), in UTC: what the database holds, whoever reads it.
fn kept_in_utc(database: &str, rows: &str, column: &str) -> String {
    common::cluster::required_cluster()
        .connect(database)
        .query_one(
            &format!(
                "SELECT to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM {rows}"
            ),
            &[],
        )
        .unwrap()
        .get(0)
}

/// A wall-clock time of New York (`2026-11-01T01:30`) as zones.rs puts it on the clock of
/// `to`, written as `show --json` writes times.
fn as_zones_converts(local: &str, to: chrono_tz::Tz) -> String {
    let local = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap();
    followup::zones::convert(local, chrono_tz::America::New_York, to)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// The night the clocks go back in New York (2026-11-01), 01:30 happens twice. A rep who logs
/// a call at 01:30 is taken to mean the first (summer time, 05:30 UTC), as followup reads such
/// a time everywhere else (zones.rs): the team's database keeps that instant, not the second
/// one the server would take by the session's `TimeZone`.
#[test]
fn a_call_logged_in_the_repeated_hour_is_kept_at_the_first_of_the_two() {
    let Some(mut team) = Team::new() else {
        return;
    };
    team.rep("nia", "Nia Brooks");
    let new_york = team.zone_file("nia", "America/New_York");
    let tokyo = team.zone_file("manager", "Asia/Tokyo");
    let id = team.world.add("Dana Whitfield", &common::DANA);
    team.world
        .ok(&["assign", &id.to_string(), &Team::email("nia")]);

    team.world.at("2026-11-01T09:00");
    team.run_as(
        "nia",
        Some(&new_york),
        &["log", &id.to_string(), "--at", "2026-11-01T01:30"],
    )
    .success();
    assert_eq!(
        kept_in_utc(&team.database, "attempts", "at"),
        "2026-11-01 05:30"
    );
    // Nia reads back what she typed; the manager in Tokyo reads 14:30, as zones.rs converts
    // the time (15:30 would be the second 01:30).
    let seen = team.json_as("nia", Some(&new_york), &["show", &id.to_string(), "--json"]);
    assert_eq!(seen["attempts"][0]["at"], "2026-11-01T01:30:00");
    let seen = team
        .world
        .cmd(["show", &id.to_string(), "--json"])
        .env("FOLLOWUP_CADENCE", &tokyo)
        .run();
    seen.success();
    let at = &seen.stdout_json()["attempts"][0]["at"];
    assert_eq!(at, "2026-11-01T14:30:00");
    assert_eq!(
        at,
        &as_zones_converts("2026-11-01T01:30", chrono_tz::Asia::Tokyo)
    );
}

/// A personal book kept in New York, moved in by a manager in New York: its call at the
/// repeated 01:30 keeps the instant the book's own rule gives it (the first), as read from
/// Tokyo and in UTC.
#[test]
fn a_book_moved_in_keeps_the_first_of_the_two_repeated_hours() {
    let Some(mut team) = Team::new() else {
        return;
    };
    team.rep("eve", "Eve Moreau");
    let mut book = Followup::sqlite();
    let book_clock = book.write(
        "new-york.toml",
        "[calendar]\ntime_zone = \"America/New_York\"\n\n[cadence.standard]\n",
    );
    book.cmd(["add", "Li Wei", "--phone", "555-0101"])
        .env("FOLLOWUP_CADENCE", &book_clock)
        .run()
        .success();
    book.at("2026-11-01T09:00");
    book.cmd(["log", "li", "--at", "2026-11-01T01:30"])
        .env("FOLLOWUP_CADENCE", &book_clock)
        .run()
        .success();

    let new_york = team.zone_file("manager", "America/New_York");
    let tokyo = team.zone_file("reader", "Asia/Tokyo");
    team.world.at("2026-11-30T10:00");
    let path = book.db();
    let report = team
        .world
        .cmd([
            "team",
            "import-book",
            path.to_str().unwrap(),
            "--owner",
            &Team::email("eve"),
            "--json",
        ])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run();
    report.success();
    let id = report.stdout_json()["added"][0]["id"].as_i64().unwrap();
    assert_eq!(
        kept_in_utc(&team.database, "attempts", "at"),
        "2026-11-01 05:30"
    );
    let shown = team
        .world
        .cmd(["show", &id.to_string(), "--json"])
        .env("FOLLOWUP_CADENCE", &tokyo)
        .run();
    shown.success();
    assert_eq!(
        shown.stdout_json()["attempts"][0]["at"],
        as_zones_converts("2026-11-01T01:30", chrono_tz::Asia::Tokyo)
    );
}

/// The night the clocks go forward in New York (2026-03-08), 02:00 to 03:00 never happens:
/// `--at 02:30` is refused, naming 03:00 as the next time that exists. A time of that hour
/// that reaches the database all the same (here a clock pinned at 02:30) is kept as that
/// next time, 03:00 (07:00 UTC), where the server would move it an hour on (03:30).
#[test]
fn a_time_the_clocks_skip_is_kept_as_the_next_that_exists() {
    let Some(mut team) = Team::new() else {
        return;
    };
    team.rep("nia", "Nia Brooks");
    let new_york = team.zone_file("nia", "America/New_York");
    let tokyo = team.zone_file("manager", "Asia/Tokyo");
    let id = team.world.add("Dana Whitfield", &common::DANA);
    team.world
        .ok(&["assign", &id.to_string(), &Team::email("nia")]);

    team.world.at("2026-03-08T09:00");
    let refused = team.run_as(
        "nia",
        Some(&new_york),
        &["log", &id.to_string(), "--at", "2026-03-08T02:30"],
    );
    refused.fails(2);
    assert!(
        refused
            .stderr_line()
            .contains("the next valid time is 03:00"),
        "{}",
        refused.stderr_line()
    );

    team.world.at("2026-03-08T02:30");
    team.run_as("nia", Some(&new_york), &["log", &id.to_string()])
        .success();
    assert_eq!(
        kept_in_utc(&team.database, "attempts", "at"),
        "2026-03-08 07:00"
    );
    let seen = team.json_as("nia", Some(&new_york), &["show", &id.to_string(), "--json"]);
    assert_eq!(seen["attempts"][0]["at"], "2026-03-08T03:00:00");
    let seen = team
        .world
        .cmd(["show", &id.to_string(), "--json"])
        .env("FOLLOWUP_CADENCE", &tokyo)
        .run();
    seen.success();
    assert_eq!(
        seen.stdout_json()["attempts"][0]["at"],
        "2026-03-08T16:00:00"
    );
}

/// The audit keeps when each change was made by the same rule: prospects imported, and one
/// added, by a manager in New York at the first 01:30 are audited at 05:30 UTC.
#[test]
fn changes_made_in_the_repeated_hour_are_audited_at_the_first_of_the_two() {
    let Some(mut team) = Team::new() else {
        return;
    };
    let new_york = team.zone_file("manager", "America/New_York");
    let leads = team
        .world
        .write("leads.csv", "name,phone\nAnn Reyes,555-0111\n");
    team.world.at("2026-11-01T01:30");
    team.world
        .cmd(["import", leads.to_str().unwrap()])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run()
        .success();
    team.world
        .cmd(["add", "Li Wei", "--phone", "555-0101"])
        .env("FOLLOWUP_CADENCE", &new_york)
        .run()
        .success();
    for action in ["import", "add"] {
        assert_eq!(
            kept_in_utc(
                &team.database,
                &format!("audit WHERE action = '{action}'"),
                "at"
            ),
            "2026-11-01 05:30",
            "{action}"
        );
    }
}
