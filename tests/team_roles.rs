//! A team on PostgreSQL (issue 12): `team init`, `rep add|list|deactivate`, who a session is
//! (`--as`, `FOLLOWUP_REP`, `[me] email` against the role it connected as), and row-level
//! security that holds for a rep connecting with psql directly.
//!
//! PostgreSQL only: each test skips (saying why) without the binaries, unless `CI` is set.
//! Roles are the whole cluster's and the cluster is shared by the tests of this binary, so
//! every role name carries the test's database name.

mod common;

use std::process::{Command, Output, Stdio};

use common::Followup;
use serde_json::Value;

/// A world on PostgreSQL whose team is set up: the superuser `postgres` (who owns the
/// tables) is its first manager.
fn team() -> Option<Followup> {
    let world = Followup::postgres()?;
    let init = world
        .cmd([
            "team",
            "init",
            "--name",
            "Ruth Okafor",
            "--email",
            "ruth@acme.example",
        ])
        .env("COLUMNS", "80")
        .run();
    init.success().stdout_contains("Row-level security is on");
    assert!(
        init.stdout.lines().all(|line| line.chars().count() <= 80),
        "{}",
        init.stdout
    );
    Some(world)
}

/// The test database's name: `test_PID_N`, unique in the cluster.
fn database(world: &Followup) -> String {
    let url = world.server().unwrap();
    let rest = url.split_once("@/").unwrap().1;
    rest.split('?').next().unwrap().to_string()
}

/// A role name of this test: `who_DATABASE`.
fn role(world: &Followup, who: &str) -> String {
    format!("{who}_{}", database(world))
}

/// The world's URL as another role.
fn url_as(world: &Followup, role: &str) -> String {
    world.server().unwrap().replacen(
        "postgresql://postgres@",
        &format!("postgresql://{role}@"),
        1,
    )
}

/// Adds a rep whose role is `who_DATABASE`, creating the role; returns the role.
fn add_rep(world: &Followup, who: &str, flags: &[&str]) -> String {
    let role = role(world, who);
    let email = format!("{who}@acme.example");
    let mut args = vec![
        "rep",
        "add",
        who,
        "--email",
        &email,
        "--role",
        &role,
        "--create-role",
    ];
    args.extend_from_slice(flags);
    world.ok(&args);
    role
}

/// Runs followup as `role` (the URL's user), with no identity claimed.
fn run_as(world: &Followup, role: &str, args: &[&str]) -> common::Run {
    world
        .cmd(args)
        .env("FOLLOWUP_DB", url_as(world, role))
        .run()
}

/// psql, from PATH or beside initdb in Debian's folders.
fn psql_binary() -> std::path::PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path().join("bin")))
                .collect()
        })
        .unwrap_or_default();
    debian.sort();
    debian.reverse();
    on_path
        .into_iter()
        .chain(debian)
        .map(|folder| folder.join("psql"))
        .find(|path| path.is_file())
        .expect("psql is installed with the server")
}

/// `psql` as `role` on the world's database, running `sql` (tuples only, unaligned).
fn psql(world: &Followup, role: &str, sql: &str) -> Output {
    Command::new(psql_binary())
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
        .arg(url_as(world, role))
        .args(["-c", sql])
        .stdin(Stdio::null())
        .output()
        .expect("running psql")
}

/// psql's rows, for a statement that must succeed.
#[track_caller]
fn psql_ok(world: &Followup, role: &str, sql: &str) -> String {
    let output = psql(world, role, sql);
    assert!(
        output.status.success(),
        "psql as {role}: {sql}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// psql's error, for a statement that must fail.
#[track_caller]
fn psql_fails(world: &Followup, role: &str, sql: &str) -> String {
    let output = psql(world, role, sql);
    assert!(
        !output.status.success(),
        "psql as {role} should fail: {sql}\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stderr).unwrap()
}

/// Runs statements as the superuser, behind followup's back (giving files to reps until
/// `assign` exists, making roles).
fn admin(world: &Followup, sql: &str) {
    common::cluster::required_cluster()
        .connect(world.server().unwrap())
        .batch_execute(sql)
        .expect("running SQL as the superuser");
}

fn count(world: &Followup, sql: &str) -> i64 {
    world.sql_text(sql).unwrap().parse().unwrap()
}

fn rep_list(world: &Followup) -> Vec<Value> {
    world
        .json(&["rep", "list", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn team_init_makes_the_owner_the_first_manager_and_turns_row_security_on() {
    let Some(world) = team() else { return };
    let reps = rep_list(&world);
    assert_eq!(reps.len(), 1, "{reps:?}");
    assert_eq!(reps[0]["email"], "ruth@acme.example");
    assert_eq!(reps[0]["role_name"], "postgres");
    assert_eq!(reps[0]["manager"], true);
    assert_eq!(reps[0]["active"], true);
    for table in ["prospects", "attempts", "value_items", "reps", "audit"] {
        assert_eq!(
            world.sql_text(&format!(
                "SELECT (relrowsecurity AND relforcerowsecurity)::text FROM pg_class \
                 WHERE oid = '{table}'::regclass"
            )),
            Some("true".to_string()),
            "{table}"
        );
    }
    world
        .run(&[
            "team",
            "init",
            "--name",
            "Again",
            "--email",
            "again@acme.example",
        ])
        .fails(2)
        .stderr_contains("set up already")
        .stderr_contains("Ruth Okafor <ruth@acme.example>");
    assert_eq!(count(&world, "SELECT count(*)::text FROM reps"), 1);
}

#[test]
fn team_init_is_for_the_tables_owner() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    world.ok(&["list"]);
    let stranger = role(&world, "stranger");
    admin(
        &world,
        &format!(
            "CREATE ROLE {stranger} LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {stranger}"
        ),
    );
    run_as(
        &world,
        &stranger,
        &["team", "init", "--name", "S", "--email", "s@acme.example"],
    )
    .fails(1)
    .stderr_contains("owner, the role postgres");
    assert_eq!(count(&world, "SELECT count(*)::text FROM reps"), 0);
}

#[test]
fn rep_add_prints_sql_that_a_dba_pipes_into_psql() {
    let Some(world) = team() else { return };
    let email = format!("sam.ortiz.{}@acme.example", database(&world));
    let expected_role = format!("sam_ortiz_{}", database(&world));
    let run = world.ok(&["rep", "add", "Sam Ortiz", "--email", &email]);
    run.stdout_contains(&format!("CREATE ROLE \"{expected_role}\" LOGIN;"))
        .stdout_contains(&format!(
            "GRANT SELECT, INSERT ON audit TO \"{expected_role}\";"
        ));
    // Every line is SQL or a comment: the whole output goes to psql as it is.
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("-- ") || line.ends_with(';'),
            "not SQL: {line}"
        );
    }
    assert_eq!(
        world.sql_text(&format!(
            "SELECT count(*)::text FROM pg_roles WHERE rolname = '{expected_role}'"
        )),
        Some("0".to_string()),
        "printed, not run"
    );
    psql_ok(&world, "postgres", &run.stdout);
    // Sam connects as the role and works.
    let added = run_as(&world, &expected_role, &["add", "Dana", "--json"]);
    added.success();
    let reps = rep_list(&world);
    let sam = reps
        .iter()
        .find(|rep| rep["email"] == email.as_str())
        .unwrap();
    assert_eq!(sam["role_name"], expected_role.as_str());
    assert_eq!(sam["manager"], false);
    // Refused: an email or a role on file already, a role that is not a plain name.
    world
        .run(&["rep", "add", "Sam Again", "--email", &email.to_uppercase()])
        .fails(2)
        .stderr_contains("already has the email");
    world
        .run(&[
            "rep",
            "add",
            "X",
            "--email",
            "x@acme.example",
            "--role",
            &expected_role,
        ])
        .fails(2)
        .stderr_contains("already has the role");
    world
        .run(&[
            "rep",
            "add",
            "X",
            "--email",
            "x@acme.example",
            "--role",
            "x\"; DROP TABLE reps; --",
        ])
        .fails(2)
        .stderr_contains("--role");
    world
        .run(&["rep", "add", "X", "--email", "not an email"])
        .fails(2)
        .stderr_contains("--email");
    assert_eq!(count(&world, "SELECT count(*)::text FROM reps"), 2);
}

#[test]
fn rep_add_create_role_makes_the_role_and_needs_createrole() {
    let Some(world) = team() else { return };
    let lee = add_rep(&world, "lee", &["--manager"]);
    assert_eq!(
        world.sql_text(&format!(
            "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '{lee}'"
        )),
        Some("true".to_string())
    );
    // Lee manages but may not create roles: the refusal says what is missing, and no rep is
    // left behind.
    let email = "kim@acme.example";
    let kim = role(&world, "kim");
    run_as(
        &world,
        &lee,
        &[
            "rep",
            "add",
            "Kim",
            "--email",
            email,
            "--role",
            &kim,
            "--create-role",
        ],
    )
    .fails(1)
    .stderr_contains("CREATEROLE");
    assert_eq!(count(&world, "SELECT count(*)::text FROM reps"), 2);
    // Without --create-role, Lee adds Kim and gets the SQL.
    run_as(
        &world,
        &lee,
        &["rep", "add", "Kim", "--email", email, "--role", &kim],
    )
    .success()
    .stdout_contains("CREATE ROLE");
    // A rep who does not manage may not add reps.
    let sam = add_rep(&world, "sam", &[]);
    run_as(
        &world,
        &sam,
        &["rep", "add", "Pat", "--email", "pat@acme.example"],
    )
    .fails(1)
    .stderr_contains("for managers");
}

#[test]
fn rep_list_json_shows_everyone_with_their_open_files() {
    let Some(world) = team() else { return };
    let sam = add_rep(&world, "sam", &[]);
    let first = world.add("Dana", &[]);
    let second = world.add("Omar", &[]);
    world.add("In the pool", &[]);
    admin(
        &world,
        &format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{sam}') \
         WHERE id IN ({first}, {second})"
        ),
    );
    let reps = rep_list(&world);
    let fields: Vec<&str> = reps[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        [
            "active",
            "email",
            "id",
            "manager",
            "name",
            "open_files",
            "phone",
            "role_name"
        ]
    );
    let open: Vec<(String, i64)> = reps
        .iter()
        .map(|rep| {
            (
                rep["email"].as_str().unwrap().to_string(),
                rep["open_files"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        open,
        [
            ("ruth@acme.example".to_string(), 0),
            ("sam@acme.example".to_string(), 2)
        ]
    );
    // A rep sees the whole team too, and counts the files hidden from them.
    let as_sam = run_as(&world, &sam, &["rep", "list", "--json"]).stdout_json();
    assert_eq!(as_sam.as_array().unwrap().len(), 2);
    assert_eq!(as_sam[1]["open_files"], 2);
    world
        .ok(&["rep", "list"])
        .stdout_contains("Open files")
        .stdout_contains("sam@acme.example");
}

#[test]
fn a_deactivated_rep_keeps_their_files_and_can_no_longer_work() {
    let Some(world) = team() else { return };
    let sam = add_rep(&world, "sam", &[]);
    let dana = world.add("Dana", &[]);
    admin(
        &world,
        &format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{sam}') \
         WHERE id = {dana}"
        ),
    );
    world
        .ok(&["rep", "deactivate", "SAM@acme.example"])
        .stdout_contains("1 open file stays theirs")
        .stdout_contains(&format!("ALTER ROLE \"{sam}\" NOLOGIN;"));
    assert_eq!(
        world.sql_text(&format!(
            "SELECT active::text || ' ' || ((SELECT owner FROM prospects WHERE id = {dana}) = id)::text \
             FROM reps WHERE role_name = '{sam}'"
        )),
        Some("false true".to_string()),
        "inactive, still owner"
    );
    let reps = rep_list(&world);
    assert_eq!(reps[1]["active"], false);
    assert_eq!(reps[1]["open_files"], 1);
    run_as(&world, &sam, &["today"])
        .fails(1)
        .stderr_contains("was deactivated");
    // Their own connection sees nothing any more, their own file included.
    assert_eq!(psql_ok(&world, &sam, "SELECT count(*) FROM prospects"), "0");
    world
        .ok(&["rep", "deactivate", "sam@acme.example"])
        .stdout_contains("deactivated already");
    world
        .run(&["rep", "deactivate", "nobody@acme.example"])
        .fails(2)
        .stderr_contains("no rep has the email");
    world
        .run(&["rep", "deactivate", "ruth@acme.example"])
        .fails(2)
        .stderr_contains("owns the team's tables");
}

#[test]
fn a_rep_on_psql_sees_their_files_and_the_pool_and_never_another_reps() {
    let Some(world) = team() else { return };
    let sam = add_rep(&world, "sam", &[]);
    let lee = add_rep(&world, "lee", &[]);
    let sams = world.add("Dana", &[]);
    let lees = world.add("Omar", &["--email", "omar@lakeside.example"]);
    let pool = world.add("In the pool", &[]);
    world.log(lees, &["--note", "Omar's secret"]);
    admin(
        &world,
        &format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{sam}') \
         WHERE id = {sams}; \
         UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{lee}') \
         WHERE id = {lees}"
        ),
    );
    assert_eq!(
        psql_ok(
            &world,
            &sam,
            "SELECT string_agg(id::text, ',' ORDER BY id) FROM prospects"
        ),
        format!("{sams},{pool}")
    );
    assert_eq!(
        psql_ok(
            &world,
            &sam,
            &format!("SELECT count(*) FROM attempts WHERE prospect_id = {lees}")
        ),
        "0"
    );
    // An update of Lee's file finds nothing to update; giving one's own away is refused.
    assert_eq!(
        psql_ok(
            &world,
            &sam,
            &format!("UPDATE prospects SET note = 'mine now' WHERE id = {lees} RETURNING id")
        ),
        ""
    );
    assert!(
        psql_fails(
            &world,
            &sam,
            &format!(
                "UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{lee}') \
             WHERE id = {sams}"
            ),
        )
        .contains("row-level security")
    );
    // A table of one's own named `reps` does not make one a manager.
    assert_eq!(
        psql_ok(
            &world,
            &sam,
            &format!(
                "CREATE TEMP TABLE reps AS SELECT id, '{sam}'::text AS role_name, true AS \
                 manager, true AS active FROM public.reps; \
                 SET search_path = pg_temp, public; \
                 SELECT count(*) FROM public.prospects"
            )
        ),
        "2"
    );
    // The audit's actor is the role: no one appends in another's name.
    psql_fails(
        &world,
        &sam,
        "INSERT INTO audit (at, actor, action) VALUES (now(), 'postgres', 'forged')",
    );
    // Who holds a file the policies hide, for a claim refused.
    assert_eq!(
        psql_ok(&world, &sam, &format!("SELECT followup_holder({lees})")),
        "lee@acme.example"
    );
    // followup itself, as Sam: the same view.
    let listed = run_as(&world, &sam, &["list", "--status", "all", "--json"]).stdout_json();
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [sams, pool]);
    // Lee's file stays hidden: by id Sam learns only whose it is, never what it holds.
    let hidden = run_as(&world, &sam, &["show", &lees.to_string()]);
    hidden.fails(1).stderr_contains("lee@acme.example");
    assert!(
        !hidden.stderr.contains("omar@lakeside"),
        "{}",
        hidden.stderr
    );
    assert_eq!(
        world.sql_text(&format!(
            "SELECT coalesce(note, '') FROM prospects WHERE id = {lees}"
        )),
        Some(String::new())
    );
}

#[test]
fn a_manager_sees_and_changes_every_file() {
    let Some(world) = team() else { return };
    let sam = add_rep(&world, "sam", &[]);
    let boss = add_rep(&world, "boss", &["--manager"]);
    let sams = world.add("Dana", &[]);
    world.add("In the pool", &[]);
    admin(
        &world,
        &format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{sam}') \
         WHERE id = {sams}"
        ),
    );
    assert_eq!(
        psql_ok(&world, &boss, "SELECT count(*) FROM prospects"),
        "2"
    );
    assert_eq!(
        psql_ok(
            &world,
            &boss,
            &format!("UPDATE prospects SET note = 'seen' WHERE id = {sams} RETURNING id")
        ),
        sams.to_string()
    );
    let listed = run_as(&world, &boss, &["list", "--json"]).stdout_json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn as_naming_another_rep_is_refused_and_nothing_changes() {
    let Some(world) = team() else { return };
    let sam = add_rep(&world, "sam", &[]);
    add_rep(&world, "lee", &[]);
    let before = world.snapshot();
    let refused = world
        .cmd(["--as", "lee@acme.example", "add", "Dana"])
        .env("FOLLOWUP_DB", url_as(&world, &sam))
        .run();
    refused
        .fails(2)
        .stderr_contains("lee@acme.example")
        .stderr_contains(&sam)
        .stderr_contains(&format!("connect as their role {} ", role(&world, "lee")));
    assert_eq!(refused.stderr.lines().count(), 1, "{refused}");
    world
        .cmd(["add", "Dana"])
        .env("FOLLOWUP_DB", url_as(&world, &sam))
        .env("FOLLOWUP_REP", "lee@acme.example")
        .run()
        .fails(2);
    // [me] email of cadence.toml says who one is too.
    let file = world.write(
        "lee.toml",
        "[me]\nname = \"Lee\"\nemail = \"lee@acme.example\"\n\n[cadence.standard]\n",
    );
    world
        .cmd(["--cadence", file.to_str().unwrap(), "add", "Dana"])
        .env("FOLLOWUP_DB", url_as(&world, &sam))
        .run()
        .fails(2)
        .stderr_contains("[me] email");
    assert_eq!(world.snapshot(), before, "the database is unchanged");
    // The manager, claiming to be Sam; anyone, claiming to be someone not on the team.
    world
        .cmd(["--as", "sam@acme.example", "list"])
        .run()
        .fails(2)
        .stderr_contains("which is Ruth Okafor <ruth@acme.example>'s");
    world
        .cmd(["--as", "pat@acme.example", "list"])
        .run()
        .fails(2)
        .stderr_contains("must first add them");
    // One's own email, in any case, is fine.
    world
        .cmd(["--as", "SAM@acme.example", "add", "Dana"])
        .env("FOLLOWUP_DB", url_as(&world, &sam))
        .run()
        .success();
}

#[test]
fn a_role_that_is_no_reps_is_told_how_to_become_one() {
    let Some(world) = team() else { return };
    let stranger = role(&world, "stranger");
    admin(&world, &format!("CREATE ROLE {stranger} LOGIN"));
    run_as(&world, &stranger, &["today"])
        .fails(1)
        .stderr_contains(&format!("the role {stranger} may not read"))
        .stderr_contains("followup rep add");
}

#[test]
fn team_commands_on_a_sqlite_file_exit_2() {
    let world = Followup::sqlite();
    for args in [
        &["team", "init", "--name", "R", "--email", "r@acme.example"][..],
        &["rep", "add", "Sam", "--email", "sam@acme.example"],
        &["rep", "list", "--json"],
        &["rep", "deactivate", "sam@acme.example"],
    ] {
        world
            .run(args)
            .fails(2)
            .stderr_contains("postgresql:// URL");
    }
    assert!(!world.db().exists(), "no database file was made");
}

#[test]
fn audit_rows_cannot_be_changed_or_removed_even_by_the_owner() {
    let Some(world) = team() else { return };
    let sam = add_rep(&world, "sam", &[]);
    let rows = count(&world, "SELECT count(*)::text FROM audit");
    assert!(rows >= 2, "team init and rep add are in the audit: {rows}");
    assert_eq!(
        world.sql_text("SELECT action FROM audit ORDER BY id LIMIT 1"),
        Some("team-init".to_string())
    );
    let cluster = common::cluster::required_cluster();
    let mut owner = cluster.connect(world.server().unwrap());
    for statement in [
        "UPDATE audit SET actor = 'nobody'",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ] {
        let error = owner.batch_execute(statement).unwrap_err();
        assert!(
            error
                .as_db_error()
                .unwrap()
                .message()
                .contains("append-only"),
            "{statement}: {error}"
        );
    }
    assert!(
        psql_fails(&world, &sam, "UPDATE audit SET actor = 'nobody'").contains("permission denied")
    );
    assert!(psql_fails(&world, &sam, "DELETE FROM audit").contains("permission denied"));
    assert_eq!(count(&world, "SELECT count(*)::text FROM audit"), rows);
}

#[test]
fn the_audit_is_append_only_on_a_sqlite_file_too() {
    let world = Followup::sqlite();
    world.ok(&["list"]);
    let conn = rusqlite::Connection::open(world.db()).unwrap();
    conn.execute(
        "INSERT INTO audit (at, actor, action) VALUES ('2026-11-23T09:00:00', 'me', 'add')",
        [],
    )
    .unwrap();
    for statement in ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"] {
        let error = conn.execute(statement, []).unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
}

/// The README's way: a plain role with CREATEROLE owns the database (no superuser in sight
/// after the first two statements), sets the team up, and adds two reps who each work.
#[test]
fn a_team_of_three_on_a_database_owned_by_a_plain_role() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let ruth = role(&world, "ruth");
    let sales = format!("sales_{}", database(&world));
    let cluster = common::cluster::required_cluster();
    let mut superuser = cluster.connect("postgres");
    superuser
        .batch_execute(&format!("CREATE ROLE {ruth} LOGIN CREATEROLE"))
        .unwrap();
    // CREATE DATABASE runs alone, outside any transaction.
    superuser
        .batch_execute(&format!("CREATE DATABASE {sales} OWNER {ruth}"))
        .unwrap();
    let url = |user: &str| {
        world
            .server()
            .unwrap()
            .replacen(
                "postgresql://postgres@",
                &format!("postgresql://{user}@"),
                1,
            )
            .replacen(&format!("/{}?", database(&world)), &format!("/{sales}?"), 1)
    };
    let as_user = |user: &str, args: &[&str]| world.cmd(args).env("FOLLOWUP_DB", url(user)).run();
    as_user(&ruth, &["add", "Dana Whitfield"]).success();
    as_user(
        &ruth,
        &[
            "team",
            "init",
            "--name",
            "Ruth",
            "--email",
            "ruth@acme.example",
        ],
    )
    .success();
    let mut reps = Vec::new();
    for who in ["sam", "lee"] {
        let role = role(&world, who);
        let email = format!("{who}@acme.example");
        as_user(
            &ruth,
            &[
                "rep",
                "add",
                who,
                "--email",
                &email,
                "--role",
                &role,
                "--create-role",
            ],
        )
        .success()
        .stdout_contains("created the role");
        reps.push(role);
    }
    let sams = as_user(&reps[0], &["add", "Omar", "--json"]).stdout_json()["id"]
        .as_i64()
        .unwrap();
    // Until `assign` exists: the manager gives Omar to Sam through psql.
    cluster
        .connect(&url(&ruth))
        .batch_execute(&format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE role_name = '{}') \
             WHERE id = {sams}",
            reps[0]
        ))
        .unwrap();
    let names = |user: &str| -> Vec<String> {
        as_user(user, &["list", "--json"])
            .stdout_json()
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&reps[0]), ["Dana Whitfield", "Omar"]);
    assert_eq!(
        names(&reps[1]),
        ["Dana Whitfield"],
        "Lee sees the pool only"
    );
    assert_eq!(names(&ruth), ["Dana Whitfield", "Omar"]);
    as_user(&reps[1], &["--as", "sam@acme.example", "today"]).fails(2);
}

#[test]
fn rep_add_again_prints_the_sql_again_or_makes_the_role_it_printed() {
    let Some(world) = team() else { return };
    let lee = role(&world, "lee");
    let add = |flags: &[&str]| {
        let mut args = vec!["rep", "add", "Lee Park", "--email", "lee@acme.example"];
        args.extend_from_slice(&["--role", &lee]);
        args.extend_from_slice(flags);
        world.run(&args)
    };
    add(&[]).success().stdout_contains("CREATE ROLE");
    // The same rep again: not refused as a duplicate, and nothing added twice.
    add(&[])
        .success()
        .stdout_contains("is on the team already")
        .stdout_contains("CREATE ROLE");
    add(&["--create-role"])
        .success()
        .stdout_contains("is on the team already, and created the role");
    assert_eq!(
        world.sql_text(&format!(
            "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '{lee}'"
        )),
        Some("true".to_string())
    );
    assert_eq!(
        count(
            &world,
            "SELECT count(*)::text FROM reps WHERE email = 'lee@acme.example'"
        ),
        1
    );
    assert_eq!(
        count(
            &world,
            "SELECT count(*)::text FROM audit WHERE action = 'rep-add'"
        ),
        1
    );
    // Another rep with Lee's email is still refused.
    world
        .run(&["rep", "add", "Lee Other", "--email", "lee@acme.example"])
        .fails(2)
        .stderr_contains("already has the email");
}
