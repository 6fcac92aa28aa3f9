//! The two engines behind `--db`: a SQLite file or a PostgreSQL URL. Both must end with the
//! same tables and columns, PostgreSQL's schema is upgraded once however many commands start
//! at the same moment, and a server that cannot be reached is named in one plain line.
//!
//! The tests that need a server skip (saying why) when PostgreSQL is not installed, unless
//! `CI` is set.

mod common;

use std::collections::BTreeSet;

use common::Followup;

/// `(table, column, not null)` for every column of the schema.
type Columns = BTreeSet<(String, String, bool)>;

fn sqlite_columns(world: &Followup) -> Columns {
    let conn = rusqlite::Connection::open(world.db()).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT m.name, c.name, c.\"notnull\" OR c.pk > 0
             FROM sqlite_master AS m, pragma_table_info(m.name) AS c
             WHERE m.type = 'table'",
        )
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn postgres_columns(url: &str) -> Columns {
    let mut client = common::cluster::required_cluster().connect(url);
    client
        .query(
            "SELECT table_name::text, column_name::text, is_nullable = 'NO'
             FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'followup_schema'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect()
}

/// The same tables and columns, each as nullable on both; their types differ by engine, as
/// each keeps its values: SQLite keeps days and instants as text, PostgreSQL as `date` and
/// `timestamptz` (checked in team_zones.rs).
#[test]
fn both_engines_end_with_the_same_tables_and_columns() {
    let Some(server) = Followup::postgres() else {
        return;
    };
    let file = Followup::sqlite();
    file.ok(&["list"]);
    server.ok(&["list"]);
    let sqlite = sqlite_columns(&file);
    let postgres = postgres_columns(server.server().unwrap());
    assert!(sqlite.len() > 40, "{sqlite:?}");
    let only = |a: &Columns, b: &Columns| a.difference(b).cloned().collect::<Vec<_>>();
    assert_eq!(
        (only(&sqlite, &postgres), only(&postgres, &sqlite)),
        (vec![], vec![]),
        "columns only on SQLite, and only on PostgreSQL"
    );
}

#[test]
fn a_day_of_work_reads_back_the_same_on_both_engines() {
    let Some(server) = Followup::postgres() else {
        return;
    };
    let file = Followup::sqlite();
    let mut views = Vec::new();
    for world in [file, server] {
        let mut world = world;
        let dana = world.add("Dana", &common::DANA);
        world.add(
            "Lee",
            &["--email", "lee@example.com", "--tz", "Europe/Berlin"],
        );
        world.log(dana, &["--outcome", "voicemail"]);
        world.at("2026-11-27T10:30");
        world.log(
            dana,
            &["--outcome", "connected", "--promise", "2026-12-02T16:00"],
        );
        world.ok(&["away", "2026-12-24", "2026-12-31"]);
        world.ok(&["close", "Lee", "--reason", "not-interested"]);
        world.at("2026-12-02");
        views.push((
            world.today_json(),
            world.snapshot().views,
            world.json(&["stats", "--json"]),
            world.ok(&["export", "--format", "json"]).stdout.clone(),
        ));
    }
    assert_eq!(views[0], views[1]);
}

#[test]
fn many_commands_starting_on_a_new_database_upgrade_it_once() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let children: Vec<_> = (0..6)
        .map(|_| {
            world
                .process(&["list", "--json"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut client = common::cluster::required_cluster().connect(world.server().unwrap());
    let rows = client
        .query("SELECT version FROM followup_schema", &[])
        .unwrap();
    assert_eq!(rows.len(), 1);
}

#[test]
fn a_database_from_a_newer_followup_is_refused_unchanged() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    world.add("Dana", &[]);
    let mut client = common::cluster::required_cluster().connect(world.server().unwrap());
    client
        .batch_execute("UPDATE followup_schema SET version = version + 1")
        .unwrap();
    let before = world.db_files();
    world
        .run(&["add", "Lee"])
        .fails(1)
        .stderr_contains("set up by a newer followup");
    assert_eq!(world.db_files(), before);
}

#[test]
fn a_database_of_another_program_is_refused_unchanged() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let mut client = common::cluster::required_cluster().connect(world.server().unwrap());
    client
        .batch_execute("CREATE TABLE invoices (id int PRIMARY KEY, total numeric)")
        .unwrap();
    let before = world.db_files();
    world
        .run(&["add", "Dana"])
        .fails(1)
        .stderr_contains("holds tables of another program (such as invoices)");
    assert_eq!(world.db_files(), before);
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "followup made no table of its own");
}

#[test]
fn a_server_that_cannot_be_reached_is_named_with_what_to_check() {
    let world = Followup::sqlite();
    let missing = world.dir().join("no-server");
    let url = format!("postgresql://rep@/sales?host={}", missing.display());
    world
        .cmd(["today"])
        .env("FOLLOWUP_DB", &url)
        .run()
        .fails(1)
        .stderr_contains(&format!(
            "cannot connect to PostgreSQL at the socket {}/.s.PGSQL.5432 (database sales, user rep)",
            missing.display()
        ))
        .stderr_contains("No such file or directory")
        .stderr_contains("check that the server is running");
}

#[test]
fn a_malformed_url_is_bad_input_and_its_password_is_not_shown() {
    let world = Followup::sqlite();
    let run = world
        .cmd(["today"])
        .env(
            "FOLLOWUP_DB",
            "postgresql://rep:hunter2@/sales?sslmode=sometimes",
        )
        .run();
    run.fails(2).stderr_contains("postgresql://rep:***@/sales");
    assert!(!run.stderr.contains("hunter2"), "{run}");
}

#[test]
fn backup_is_refused_on_postgresql() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    world.add("Dana", &[]);
    world
        .run(&["backup", "copy.db"])
        .fails(2)
        .stderr_contains("pg_dump");
    assert!(!world.dir().join("copy.db").exists());
}

#[test]
fn commands_writing_at_once_on_postgresql_each_land_whole() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let dana = world.add("Dana", &common::DANA).to_string();
    let children: Vec<_> = (0..8)
        .map(|index| {
            let note = format!("attempt {index}");
            world
                .process(&["log", &dana, "--outcome", "voicemail", "--note", &note])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let shown = world.show(dana.parse().unwrap());
    let mut notes: Vec<&str> = shown["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|attempt| attempt["note"].as_str().expect("a note"))
        .collect();
    notes.sort_unstable();
    assert_eq!(
        notes,
        (0..8)
            .map(|index| format!("attempt {index}"))
            .collect::<Vec<_>>()
    );
}
