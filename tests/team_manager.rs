//! The manager's view of a team book (issue 12, steps 4 to 6): the audit of every change
//! (on both engines), `stats --by-rep`, the team's cadence file kept in the database, and
//! moving a personal book in with `team import-book`.
//!
//! Team mode needs PostgreSQL: those tests skip (saying why) without it, unless `CI` is set.
//! Reps are made by SQL here, each with a role of their own whose name derives from the test's
//! database (roles are global to the test cluster).

mod common;

use common::{DANA, Followup, cluster};
use serde_json::{Value, json};

// ---- helpers ----

/// A rep of the team: their id, and the URL that connects as their role.
struct TeamRep {
    id: i64,
    role: String,
    url: String,
}

/// A rep made by SQL (tests/common/team.rs), with the URL they connect with.
fn make_rep(world: &Followup, name: &str, email: &str, manager: bool) -> TeamRep {
    let (id, role) = common::team::make_rep_by_sql(world, name, email, manager);
    let url = world.server().expect("a PostgreSQL world");
    TeamRep {
        id,
        url: url.replacen("postgres@", &format!("{role}@"), 1),
        role,
    }
}

/// Runs SQL behind followup's back, as the test cluster's superuser.
fn sql(world: &Followup, statements: &str) {
    cluster::required_cluster()
        .connect(world.server().expect("a PostgreSQL world"))
        .batch_execute(statements)
        .expect("running SQL on the test database");
}

/// `followup ARGS` as a rep, connected as their role.
#[track_caller]
fn as_rep(world: &Followup, rep: &TeamRep, args: &[&str]) -> common::Run {
    world.cmd(args).env("FOLLOWUP_DB", &rep.url).run()
}

/// The audit as JSON rows.
#[track_caller]
fn audit(world: &Followup, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["audit", "--json"];
    all.extend_from_slice(args);
    world
        .json(&all)
        .as_array()
        .expect("`audit --json` is an array")
        .clone()
}

/// `(action, field, old, new)` of each row, the columns a change is checked by.
fn changes(rows: &[Value]) -> Vec<(String, Value, Value, Value)> {
    rows.iter()
        .map(|row| {
            (
                row["action"].as_str().unwrap_or_default().to_string(),
                row["field"].clone(),
                row["old_value"].clone(),
                row["new_value"].clone(),
            )
        })
        .collect()
}

/// A JSON value without the keys that name rows by their database ids, which differ from
/// one database to another.
fn without_ids(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| key.as_str() != "id")
                .map(|(key, value)| (key.clone(), without_ids(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_ids).collect()),
        other => other.clone(),
    }
}

// ---- the audit, on both engines ----

#[test]
fn add_edit_log_close_and_undo_each_leave_their_audit_rows() {
    let mut world = Followup::new();
    let dana = world.add("Dana Whitfield", &["--email", "dana@lakeside.example"]);
    world.ok(&[
        "edit",
        "dana",
        "--phone",
        "555-0147",
        "--email",
        "dana@lakeside.dental",
    ]);
    world.log(dana, &["--outcome", "voicemail"]);
    world.at("2026-11-24T10:00");
    world.ok(&["close", "dana", "--reason", "lost", "--no-drip"]);
    world.ok(&["reopen", "dana"]);
    world.log(dana, &["--channel", "email"]);
    world.ok(&["undo", "--yes"]);

    let rows = audit(&world, &[]);
    let null = Value::Null;
    // A team book's readers sit in many zones: its texts name the writer's.
    let zone = if world.server().is_some() { " UTC" } else { "" };
    let call = json!(format!("call voicemail (first) at 2026-11-23 09:00{zone}"));
    let email = json!(format!("email sent (follow-up) at 2026-11-24 10:00{zone}"));
    assert_eq!(
        changes(&rows),
        vec![
            (
                "add".into(),
                null.clone(),
                null.clone(),
                json!("Dana Whitfield")
            ),
            (
                "edit".into(),
                json!("phone"),
                null.clone(),
                json!("555-0147")
            ),
            (
                "edit".into(),
                json!("email"),
                json!("dana@lakeside.example"),
                json!("dana@lakeside.dental")
            ),
            ("log".into(), null.clone(), null.clone(), call),
            (
                "close".into(),
                json!("status"),
                json!("active"),
                json!("closed (lost)")
            ),
            (
                "reopen".into(),
                json!("status"),
                json!("closed (lost)"),
                json!("active")
            ),
            ("log".into(), null.clone(), null.clone(), email.clone()),
            ("undo".into(), null.clone(), email, null.clone()),
        ],
        "{rows:#?}"
    );
    // When is the command's clock; the file is named on every row; the actor is the
    // database's word: `me` on a file, the connected role on PostgreSQL.
    let actor = if world.server().is_some() {
        "postgres"
    } else {
        "me"
    };
    for row in &rows {
        assert_eq!(row["prospect_id"], json!(dana), "{row}");
        assert_eq!(row["actor"], json!(actor), "{row}");
    }
    assert_eq!(rows[0]["at"], json!("2026-11-23T09:00:00"));
    assert_eq!(rows[7]["at"], json!("2026-11-24T10:00:00"));
    // A command that fails writes no row.
    world.run(&["close", "dana", "--reason", "won", "--recontact", "x"]);
    assert_eq!(audit(&world, &[]).len(), rows.len());
}

#[test]
fn the_audit_of_a_file_selects_by_prospect_rep_and_day_and_fits_80_columns() {
    let mut world = Followup::sqlite();
    let dana = world.add("Dana Whitfield", &DANA);
    let lee = world.add("Lee Park", &["--email", "lee@example.com"]);
    world.at("2026-11-25T11:30");
    world.log(lee, &["--channel", "email"]);
    world.ok(&[
        "value",
        "add",
        "lee",
        "A figure worth a look",
        "--kind",
        "figure",
    ]);
    world.ok(&["away", "2026-12-21", "2026-12-24"]);
    world.ok(&["delete", "dana", "--yes"]);

    let for_lee = audit(&world, &["lee"]);
    assert_eq!(
        changes(&for_lee)
            .into_iter()
            .map(|change| change.0)
            .collect::<Vec<_>>(),
        ["add", "log", "value-add"]
    );
    // A deleted file is still found by its id.
    let for_dana = audit(&world, &[&dana.to_string()]);
    assert_eq!(
        changes(&for_dana)
            .into_iter()
            .map(|change| change.0)
            .collect::<Vec<_>>(),
        ["add", "delete"]
    );
    assert_eq!(
        for_dana[1]["old_value"],
        json!("Dana Whitfield (0 attempts)")
    );
    let since = audit(&world, &["--since", "2026-11-25"]);
    assert_eq!(since.len(), 4, "{since:#?}");
    assert!(
        since
            .iter()
            .all(|row| row["at"].as_str() >= Some("2026-11-25"))
    );
    assert_eq!(since[2]["action"], json!("away"));
    assert_eq!(since[2]["prospect_id"], Value::Null);
    assert_eq!(audit(&world, &["--rep", "me"]).len(), 6);
    world
        .run(&["audit", "--rep", "nobody@example.com"])
        .fails(2)
        .stderr_contains("the audit knows: me");

    let table = world.cmd(["audit"]).env("COLUMNS", "80").run();
    table.success();
    for line in table.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?}\n{}", table.stdout);
    }
    assert!(table.stdout.contains("value-add"), "{}", table.stdout);
}

#[test]
fn an_import_writes_one_audit_row_per_prospect() {
    let world = Followup::new();
    let csv = world.write(
        "leads.csv",
        "Name,Email\nAna,ana@example.com\nBo,bo@example.com\nAna again,ana@example.com\n",
    );
    world.ok(&["import", csv.to_str().unwrap()]);
    let rows = audit(&world, &[]);
    assert_eq!(
        rows.iter()
            .map(|row| (row["action"].clone(), row["new_value"].clone()))
            .collect::<Vec<_>>(),
        vec![
            (json!("import"), json!("Ana")),
            (json!("import"), json!("Bo"))
        ]
    );
}

// ---- on PostgreSQL: who, as the database says ----

#[test]
fn the_audit_names_the_role_a_rep_connected_as_and_finds_them_by_email_or_name() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    world.ok(&["list"]);
    let ann = make_rep(&world, "Ann", "ann@example.com", false);
    as_rep(&world, &ann, &["add", "Dana Whitfield"]).success();
    world.ok(&["add", "Lee Park"]);
    let by_ann = audit(&world, &["--rep", "ann@example.com"]);
    assert_eq!(by_ann.len(), 1, "{by_ann:#?}");
    assert_eq!(by_ann[0]["actor"], json!(ann.role));
    assert_eq!(by_ann[0]["new_value"], json!("Dana Whitfield"));
    assert_eq!(audit(&world, &["--rep", "ANN"]), by_ann);
    assert_eq!(audit(&world, &["--rep", "postgres"]).len(), 1);
}

// ---- stats --by-rep ----

#[test]
fn stats_by_rep_counts_a_small_hand_made_book_exactly() {
    let Some(mut world) = Followup::postgres() else {
        return;
    };
    let dana = world.add("Dana Whitfield", &DANA);
    let lee = world.add("Lee Park", &["--email", "lee@example.com"]);
    let omar = world.add("Omar Haddad", &["--phone", "555-0199"]);
    let ann = make_rep(&world, "Ann", "ann@example.com", false);
    let bob = make_rep(&world, "Bob", "bob@example.com", false);
    // Monday: Ann leaves Dana a voicemail promising Tuesday 08:15; Bob emails Lee and leaves
    // Omar a voicemail promising Wednesday 08:15.
    world.log(dana, &["--outcome", "voicemail", "--promise", "tue 08:15"]);
    world.log(lee, &["--channel", "email"]);
    world.log(omar, &["--outcome", "voicemail", "--promise", "wed 08:15"]);
    // Tuesday before 08:15, Ann's promise for today is neither kept nor broken yet.
    world.at("2026-11-24T07:00");
    let early = world.json(&["stats", "--by-rep", "--json"]);
    assert_eq!(early["team"]["promises_made"], 1, "{early:#}");
    assert_eq!(early["team"]["promises_open"], 1, "{early:#}");
    world
        .ok(&["stats", "--by-rep"])
        .stdout_contains("0 of 1 (1 open)");
    // Tuesday: Ann calls Dana as promised and gets her; Dana buys.
    world.at("2026-11-24T08:20");
    world.log(dana, &["--outcome", "connected"]);
    world.ok(&["close", "dana", "--reason", "won"]);
    // Wednesday: Lee writes back; Bob loses the deal anyway. Omar's promised call is not made.
    world.at("2026-11-25T10:00");
    world.log(lee, &["--channel", "email", "--outcome", "replied"]);
    world.ok(&["close", "lee", "--reason", "lost"]);
    // Thursday: a call to Omar logged by no rep (the rescue, say).
    world.at("2026-11-26T09:00");
    world.log(omar, &["--outcome", "no-answer"]);
    sql(
        &world,
        &format!(
            "UPDATE prospects SET owner = {a} WHERE id = {dana};
             UPDATE prospects SET owner = {b} WHERE id = {lee};
             UPDATE attempts SET rep = {a} WHERE prospect_id = {dana};
             UPDATE attempts SET rep = {b} WHERE prospect_id IN ({lee}, {omar});
             UPDATE attempts SET rep = NULL, step = 'rescue'
                 WHERE prospect_id = {omar} AND at >= '2026-11-26';
             -- Changed behind followup's back: forgetting the rules its figures were
             -- stored under has the next command store them again.
             DELETE FROM meta WHERE key = 'rules_fingerprint';",
            a = ann.id,
            b = bob.id
        ),
    );
    world.at("2026-11-27T17:00");
    let report = world.json(&["stats", "--by-rep", "--json"]);
    let figures = |touches, answered, rate: Option<f64>, rescues, made, kept, closes, won| {
        json!({
            "touches": touches, "answered": answered, "reply_rate": rate, "rescues": rescues,
            "promises_made": made, "promises_kept": kept, "promises_open": 0,
            "closes": closes, "won": won,
        })
    };
    let line = |rep: Value, figures: Value| {
        let mut line = figures;
        line["rep"] = rep;
        line
    };
    let rep_json = |rep: &TeamRep, name: &str, email: &str| json!({"id": rep.id, "name": name, "email": email, "active": true});
    assert_eq!(
        report,
        json!({
            "since": null,
            "until": "2026-11-27",
            "reps": [
                line(rep_json(&ann, "Ann", "ann@example.com"),
                     figures(2, 1, Some(0.5), 0, 1, 1, 1, 1)),
                line(rep_json(&bob, "Bob", "bob@example.com"),
                     figures(2, 1, Some(0.5), 0, 1, 0, 1, 0)),
                line(Value::Null, figures(1, 0, Some(0.0), 1, 0, 0, 0, 0)),
            ],
            "team": figures(5, 2, Some(0.4), 1, 2, 1, 2, 1),
        }),
        "{report:#}"
    );
    // The period counts touches by their date, promises by the promised one, closes by theirs.
    let later = world.json(&["stats", "--by-rep", "--json", "--since", "2026-11-25"]);
    assert_eq!(
        later["team"],
        figures(1, 0, Some(0.0), 1, 1, 0, 1, 0),
        "{later:#}"
    );
    let table = world.ok(&["stats", "--by-rep"]);
    table.stdout_contains("no rep").stdout_contains("50%");
    // The team's line is the plain `stats` of whoever sees every file.
    for period in [&[][..], &["--since", "2026-11-25"][..]] {
        let by_rep = world.json(&[&["stats", "--by-rep", "--json"][..], period].concat());
        let stats = world.json(&[&["stats", "--json"][..], period].concat());
        assert_eq!(by_rep["team"], team_line_of(&stats), "{stats:#}");
    }
}

/// `(id, touches, answered)` of each value item a `stats --json` ranks.
fn value_tallies(stats: &Value) -> Vec<(i64, i64, i64)> {
    stats["value_items"]
        .as_array()
        .expect("value_items")
        .iter()
        .map(|item| {
            let number = |key: &str| item[key].as_i64().expect("a count");
            (number("id"), number("touches"), number("answered"))
        })
        .collect()
}

#[test]
fn a_reps_value_items_are_those_their_own_touches_carried_whoever_holds_the_file_now() {
    let Some(mut world) = Followup::postgres() else {
        return;
    };
    let dana = world.add("Dana Whitfield", &DANA);
    let lee = world.add("Lee Park", &["--phone", "555-0190"]);
    world.ok(&["value", "add", "dana", "A tip for Dana"]);
    world.ok(&["value", "add", "lee", "A tip for Lee"]);
    let ann = make_rep(&world, "Ann", "ann@example.com", false);
    let bob = make_rep(&world, "Bob", "bob@example.com", false);
    // Monday: Ann calls Dana and Lee, each call carrying its file's tip; Lee calls back.
    world.log(dana, &[]);
    world.log(lee, &[]);
    world.at("2026-11-23T15:00");
    world.log(lee, &["--outcome", "replied"]);
    // Then Dana's file goes to Bob, who has not called her.
    sql(
        &world,
        &format!(
            "UPDATE attempts SET rep = {a};
             UPDATE prospects SET owner = {a} WHERE id = {lee};
             UPDATE prospects SET owner = {b} WHERE id = {dana};
             DELETE FROM meta WHERE key = 'rules_fingerprint';",
            a = ann.id,
            b = bob.id
        ),
    );
    world.at("2026-11-24T09:00");
    let stats_of = |rep: &TeamRep| -> Value {
        let run = as_rep(&world, rep, &["stats", "--json"]);
        run.success();
        serde_json::from_str(&run.stdout).expect("stats --json")
    };
    // Ann's work carried both tips, though Dana's file is hidden from her now.
    assert_eq!(value_tallies(&stats_of(&ann)), [(2, 1, 1), (1, 1, 0)]);
    // Bob holds Dana's file but carried nothing to anyone.
    assert_eq!(value_tallies(&stats_of(&bob)), []);
    // The manager's are the team's.
    assert_eq!(
        value_tallies(&world.json(&["stats", "--json"])),
        [(2, 1, 1), (1, 1, 0)]
    );
}

/// The figures of `stats --by-rep`'s team line, read from `stats --json`.
fn team_line_of(stats: &Value) -> Value {
    let promises = &stats["promises"];
    let made: u64 = ["kept", "missed", "early", "open"]
        .iter()
        .map(|kind| promises[kind].as_u64().unwrap())
        .sum();
    let closed = stats["closed"].as_array().unwrap();
    let closes: u64 = closed.iter().map(|c| c["files"].as_u64().unwrap()).sum();
    let won = closed
        .iter()
        .find(|c| c["reason"] == "won")
        .map_or(0, |c| c["files"].as_u64().unwrap());
    let touches = &stats["total"]["touches"];
    let answered = &stats["total"]["answered"];
    let rate = match touches.as_u64().unwrap() {
        0 => Value::Null,
        n => json!(answered.as_f64().unwrap() / n as f64),
    };
    json!({
        "touches": touches, "answered": answered, "reply_rate": rate,
        "rescues": stats["rescue"]["touches"],
        "promises_made": made, "promises_kept": promises["kept"],
        "promises_open": promises["open"], "closes": closes, "won": won,
    })
}

// ---- the team's cadence file ----

/// A cadence file whose standard cadence waits one business day between touches.
const QUICK: &str = "[cadence.standard]\ngap_business_days = 1\n";

#[test]
fn team_cadence_set_refuses_a_bad_file_exactly_as_cadence_check_does() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    world.write("bad.toml", "[cadence.standard]\ngap_business_days = -3\n");
    let check = world.run(&["--cadence", "bad.toml", "cadence", "check"]);
    check.fails(2);
    let set = world.run(&["team", "cadence", "set", "bad.toml"]);
    set.fails(2);
    assert_eq!(set.stderr, check.stderr);
    world
        .ok(&["team", "cadence", "show"])
        .stdout_contains("no cadence file of its own");
    // A file that names holiday calendars, which the other reps would not have.
    world.write(
        "with-calendar.toml",
        "[calendar]\nholiday_calendars = [\"h.ics\"]\n[cadence.standard]\n",
    );
    world.write(
        "h.ics",
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\n\
         SUMMARY:Christmas\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    world
        .run(&["team", "cadence", "set", "with-calendar.toml"])
        .fails(2)
        .stderr_contains("followup calendar import FILE");
}

#[test]
fn team_cadence_set_moves_every_due_date_and_every_rep_follows_it() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let dana = world.add("Dana Whitfield", &DANA);
    world.log(dana, &["--outcome", "voicemail"]);
    let due = || {
        world.sql_text(&format!(
            "SELECT due_on::text FROM prospects WHERE id = {dana}"
        ))
    };
    let before = due();
    assert_eq!(world.show(dana)["next"]["due"], json!("2026-11-27"));

    world.write("team.toml", QUICK);
    world
        .ok(&["team", "cadence", "set", "team.toml"])
        .stdout_says("1 due date moved.");
    assert_ne!(due(), before);
    assert_eq!(due().as_deref(), Some("2026-11-24"));
    assert_eq!(world.show(dana)["next"]["due"], json!("2026-11-24"));
    assert_eq!(world.ok(&["team", "cadence", "show"]).stdout, QUICK);
    let set = audit(&world, &[]);
    assert_eq!(set.last().unwrap()["action"], json!("team-cadence"));

    // A rep's own file with other cadences is set aside, with one warning.
    let ann = make_rep(&world, "Ann", "ann@example.com", false);
    world.write(
        "mine.toml",
        "[me]\nname = \"Ann\"\n[cadence.standard]\ngap_business_days = 7\n",
    );
    let shown = world
        .cmd([
            "--cadence",
            "mine.toml",
            "show",
            &dana.to_string(),
            "--json",
        ])
        .env("FOLLOWUP_DB", &ann.url)
        .run();
    shown.success();
    assert_eq!(shown.stdout_json()["next"]["due"], json!("2026-11-24"));
    assert_eq!(
        shown.stderr.matches("are not used here").count(),
        1,
        "{shown}"
    );
    // The team's rules are the stored due dates' rules: nothing to recompute.
    assert_eq!(due().as_deref(), Some("2026-11-24"));
}

#[test]
fn a_rep_who_sees_only_some_files_never_stamps_the_rules_key() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let mine = world.add("Dana Whitfield", &DANA);
    let theirs = world.add("Lee Park", &["--email", "lee@example.com"]);
    let ann = make_rep(&world, "Ann", "ann@example.com", false);
    let bob = make_rep(&world, "Bob", "bob@example.com", false);
    let boss = make_rep(&world, "Carol", "carol@example.com", true);
    // A stand-in for the policies of the roles helper: a rep sees their files and the
    // pool, a manager every file.
    sql(
        &world,
        &format!(
            "UPDATE prospects SET owner = {bob} WHERE id = {theirs};
             ALTER TABLE prospects ENABLE ROW LEVEL SECURITY;
             CREATE POLICY own_and_pool ON prospects USING (
                 owner IS NULL
                 OR owner = (SELECT id FROM reps WHERE role_name = current_user)
                 OR EXISTS (SELECT 1 FROM reps WHERE role_name = current_user AND manager));
             UPDATE meta SET value = 'other rules' WHERE key = 'rules_fingerprint';
             UPDATE prospects SET due_on = NULL;",
            bob = bob.id
        ),
    );
    let key = || world.sql_text("SELECT value FROM meta WHERE key = 'rules_fingerprint'");
    let due = |id: i64| {
        world.sql_text(&format!(
            "SELECT due_on::text FROM prospects WHERE id = {id}"
        ))
    };
    as_rep(&world, &ann, &["today", "--json"]).success();
    // Ann's session recomputed what it sees, for its own reads, and left the stamp alone.
    assert_eq!(due(mine).as_deref(), Some("2026-11-23"));
    assert_eq!(due(theirs), None);
    assert_eq!(key().as_deref(), Some("other rules"));
    // A manager sees every file: theirs recomputes them all and stamps the key.
    as_rep(&world, &boss, &["today", "--json"]).success();
    assert_eq!(due(theirs).as_deref(), Some("2026-11-23"));
    assert_ne!(key().as_deref(), Some("other rules"));
    // Only a manager sets the team's cadences.
    world.write("team.toml", QUICK);
    as_rep(&world, &ann, &["team", "cadence", "set", "team.toml"])
        .fails(2)
        .stderr_contains("only a manager");
}

// ---- team import-book ----

#[test]
fn import_book_copies_a_personal_book_skipping_who_is_on_file_and_leaves_the_file_alone() {
    let Some(mut team) = Followup::postgres() else {
        return;
    };
    let mut book = Followup::sqlite();
    let dana = book.add(
        "Dana Whitfield",
        &["--email", "dana@lakeside.example", "--phone", "555-0147"],
    );
    let lee = book.add("Lee Park", &["--phone", "555-0100", "--topic", "desks"]);
    let omar = book.add("Omar Haddad", &["--email", "omar@example.com"]);
    book.log(dana, &["--outcome", "voicemail"]);
    book.ok(&[
        "value",
        "add",
        "lee",
        "Clinics cut complaints by a third",
        "--kind",
        "figure",
    ]);
    book.ok(&[
        "value",
        "add",
        "--topic",
        "desks",
        "Which room do people avoid?",
        "--kind",
        "question",
    ]);
    book.log(lee, &["--outcome", "connected", "--ground-rules"]);
    book.at("2026-11-30T10:00");
    book.log(lee, &["--outcome", "voicemail"]);
    book.log(omar, &["--channel", "email"]);
    book.ok(&["close", "omar", "--reason", "lost"]);
    team.at("2026-11-30T10:00");
    let shows = |world: &Followup, ids: &[i64]| -> Vec<Value> {
        ids.iter().map(|id| without_ids(&world.show(*id))).collect()
    };
    let book_shows = shows(&book, &[lee, omar]);
    let bytes = std::fs::read(book.db()).unwrap();

    let on_file = team.add("Dana W.", &["--email", "DANA@lakeside.example"]);
    let sam = make_rep(&team, "Sam", "sam@example.com", false);
    let path = book.db();
    let report = team.json(&[
        "team",
        "import-book",
        path.to_str().unwrap(),
        "--owner",
        "sam@example.com",
        "--json",
    ]);
    assert_eq!(
        report["skipped"],
        json!([{
            "book_id": dana, "name": "Dana Whitfield", "matched_by": "email",
            "matched_id": on_file, "matched_name": "Dana W.",
        }])
    );
    let added: Vec<(i64, i64)> = report["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            (
                file["book_id"].as_i64().unwrap(),
                file["id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        added
            .iter()
            .map(|(book_id, _)| *book_id)
            .collect::<Vec<_>>(),
        [lee, omar]
    );
    assert_eq!(report["attempts"], json!(3));
    assert_eq!(report["value_items"], json!(2));
    assert_eq!(report["owner"]["email"], json!("sam@example.com"));

    // Each file reads back as it did in the book: details, history, items, next action.
    let team_ids: Vec<i64> = added.iter().map(|(_, id)| *id).collect();
    assert_eq!(shows(&team, &team_ids), book_shows);
    assert_eq!(
        team.sql_text(&format!(
            "SELECT count(*)::text FROM prospects WHERE owner = {} AND id IN ({}, {})",
            sam.id, team_ids[0], team_ids[1]
        ))
        .as_deref(),
        Some("2")
    );
    assert_eq!(
        team.sql_text(&format!(
            "SELECT count(*)::text FROM attempts WHERE rep = {}",
            sam.id
        ))
        .as_deref(),
        Some("3")
    );
    assert_eq!(
        audit(&team, &[])
            .iter()
            .filter(|row| row["action"] == json!("import-book"))
            .count(),
        2
    );
    // The book is as it was, with nothing left beside it.
    assert_eq!(std::fs::read(book.db()).unwrap(), bytes);
    for beside in ["followup.db-wal", "followup.db-shm"] {
        assert!(
            !book.dir().join(beside).exists(),
            "{beside} left beside the book"
        );
    }

    // Text, and a second run that finds everyone on file.
    let again = team.ok(&[
        "team",
        "import-book",
        path.to_str().unwrap(),
        "--owner",
        "Sam",
    ]);
    again
        .stdout_contains("Copied 0 prospects")
        .stdout_contains("Skipped 3 prospects already on file");

    // A book of an older followup is refused, and left as it was.
    let old = team.write(
        "old.db",
        std::fs::read("tests/fixtures/schema-v7.db").unwrap(),
    );
    team.run(&[
        "team",
        "import-book",
        old.to_str().unwrap(),
        "--owner",
        "Sam",
    ])
    .fails(2)
    .stderr_contains("older followup");
    assert_eq!(
        std::fs::read(&old).unwrap(),
        std::fs::read("tests/fixtures/schema-v7.db").unwrap()
    );
    team.run(&[
        "team",
        "import-book",
        path.to_str().unwrap(),
        "--owner",
        "nobody",
    ])
    .fails(2)
    .stderr_contains("Sam <sam@example.com>");
}

// ---- a SQLite file refuses the team commands ----

#[test]
fn team_commands_on_a_sqlite_file_say_they_need_the_teams_server() {
    let world = Followup::sqlite();
    world.add("Dana Whitfield", &DANA);
    world.write("team.toml", QUICK);
    for args in [
        &["stats", "--by-rep"][..],
        &["team", "cadence", "set", "team.toml"],
        &["team", "cadence", "show"],
        &[
            "team",
            "import-book",
            "other.db",
            "--owner",
            "sam@example.com",
        ],
    ] {
        world
            .run(args)
            .fails(2)
            .stderr_contains("is for a team book on PostgreSQL");
    }
}
