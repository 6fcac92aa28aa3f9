//! Ownership on a team book (issue 12): a manager assigns files (one by one, or the pool by
//! round-robin) and moves a leaving rep's files; each rep's `today` holds their files and the
//! pool's; `log` claims a file, and a second rep is refused, naming who holds it.
//!
//! PostgreSQL only: each test makes its reps by SQL (roles named after its database, since
//! roles are the cluster's) and runs followup as them. Skips, saying why, without PostgreSQL,
//! except under `CI`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Followup;
use serde_json::Value;

/// A team book: a world on a database of the test cluster, and its reps.
struct Team {
    world: Followup,
    database: String,
}

/// The test team's reps: key (for the role's name), name, manager.
const MANAGER: &str = "kim";

impl Team {
    /// A team book with its schema made, or `None` (reason printed) without PostgreSQL.
    fn new() -> Option<Team> {
        let (world, database) = common::team::team_world()?;
        let team = Team { world, database };
        team.rep(MANAGER, "Kim Manager", true);
        Some(team)
    }

    fn email(key: &str) -> String {
        format!("{key}@example.com")
    }

    fn role(&self, key: &str) -> String {
        format!("{}_{key}", self.database)
    }

    /// Runs SQL as the superuser, behind followup's back.
    fn sql(&self, sql: &str) -> Vec<postgres::Row> {
        common::cluster::required_cluster()
            .connect(&self.database)
            .query(sql, &[])
            .unwrap_or_else(|error| panic!("{sql}: {error}"))
    }

    /// Makes rep `key` as a manager would: `rep add --create-role`, run by the owner.
    fn rep(&self, key: &str, name: &str, manager: bool) {
        let role = self.role(key);
        let email = Team::email(key);
        let mut args = vec!["rep", "add", name, "--email", &email, "--role", &role];
        args.push("--create-role");
        if manager {
            args.push("--manager");
        }
        self.world.ok(&args);
    }

    fn deactivate(&self, key: &str) {
        self.sql(&format!(
            "UPDATE reps SET active = false WHERE email = '{}'",
            Team::email(key)
        ));
    }

    /// Runs `followup ARGS` connected as rep `key`'s own role.
    #[track_caller]
    fn run_as(&self, key: &str, args: &[&str]) -> common::Run {
        common::team::run_as(&self.world, &self.database, &self.role(key), args)
    }

    #[track_caller]
    fn json_as(&self, key: &str, args: &[&str]) -> Value {
        common::team::json_as(&self.world, &self.database, &self.role(key), args)
    }

    /// The email of the rep holding file `id`, or `None` for the pool.
    fn owner(&self, id: i64) -> Option<String> {
        self.sql(&format!(
            "SELECT r.email FROM prospects p LEFT JOIN reps r ON r.id = p.owner WHERE p.id = {id}"
        ))[0]
            .get(0)
    }

    /// Gives file `id` to rep `key` behind followup's back.
    fn give(&self, id: i64, key: &str) {
        self.sql(&format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE email = '{}') WHERE id = {id}",
            Team::email(key)
        ));
    }

    /// The audit rows about who holds file `id`, oldest first (the file's other changes,
    /// its adds and logs, have rows of their own).
    fn audit(&self, id: i64) -> Vec<AuditRow> {
        self.sql(&format!(
            "SELECT action, field, old_value, new_value, actor FROM audit
             WHERE prospect_id = {id} AND field = 'owner' ORDER BY id"
        ))
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
        .collect()
    }

    fn count(&self, sql: &str) -> i64 {
        self.sql(sql)[0].get(0)
    }
}

/// An audit row: action, field, old value, new value, actor.
type AuditRow = (String, String, Option<String>, Option<String>, String);

fn ids(items: &[Value]) -> BTreeSet<i64> {
    items
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn a_manager_assigns_a_file_by_a_reps_email_or_name_and_the_audit_keeps_each_change() {
    let Some(team) = Team::new() else { return };
    team.rep("mia", "Mia Lund", false);
    team.rep("omar", "Omar Haddad", false);
    let dana = team.world.add("Dana Whitfield", &["--company", "Lakeside"]);

    let given = team.json_as(MANAGER, &["assign", "dana", "mia@example.com", "--json"]);
    assert_eq!(given["id"], dana);
    assert_eq!(given["owner"], "mia@example.com");
    assert_eq!(given["previous_owner"], Value::Null);
    assert_eq!(team.owner(dana).as_deref(), Some("mia@example.com"));

    let text = team.run_as(MANAGER, &["assign", "Lakeside", "omar haddad"]);
    text.success()
        .stdout_contains("Omar Haddad (omar@example.com)")
        .stdout_contains("it was Mia Lund's");
    assert_eq!(team.owner(dana).as_deref(), Some("omar@example.com"));

    let manager_role = team.role(MANAGER);
    assert_eq!(
        team.audit(dana),
        [
            (
                "assign".to_string(),
                "owner".to_string(),
                None,
                Some("mia@example.com".to_string()),
                manager_role.clone()
            ),
            (
                "assign".to_string(),
                "owner".to_string(),
                Some("mia@example.com".to_string()),
                Some("omar@example.com".to_string()),
                manager_role
            ),
        ]
    );

    // Not a rep's to do, not to a rep who left, not to nobody.
    team.run_as("mia", &["assign", "dana", "mia"])
        .fails(1)
        .stderr_contains("for managers");
    team.deactivate("mia");
    team.run_as(MANAGER, &["assign", "dana", "mia"])
        .fails(2)
        .stderr_contains("deactivated");
    team.run_as(MANAGER, &["assign", "dana", "zoe"])
        .fails(2)
        .stderr_contains("omar@example.com");
    assert_eq!(team.owner(dana).as_deref(), Some("omar@example.com"));
    assert_eq!(team.audit(dana).len(), 2);
}

#[test]
fn round_robin_fills_the_lightest_active_reps_and_skips_inactive_reps_and_managers() {
    let Some(team) = Team::new() else { return };
    for (key, name) in [
        ("ana", "Ana Costa"),
        ("ben", "Ben Okafor"),
        ("cy", "Cy Young"),
        ("dee", "Dee Left"),
    ] {
        team.rep(key, name, false);
    }
    team.deactivate("dee");
    // Ana holds two open files and a closed one, Cy one; Ben none.
    let mut held = Vec::new();
    for (name, key) in [("A1", "ana"), ("A2", "ana"), ("C1", "cy")] {
        let id = team.world.add(name, &[]);
        team.give(id, key);
        held.push(id);
    }
    let closed = team.world.add("A3 closed", &[]);
    team.give(closed, "ana");
    team.world.ok(&["close", "A3", "--reason", "lost"]);
    let pool: Vec<i64> = (1..=5)
        .map(|n| team.world.add(&format!("Pool {n}"), &[]))
        .collect();
    let closed_in_pool = team.world.add("Pool closed", &[]);
    team.world
        .ok(&["close", "Pool closed", "--reason", "not-a-fit"]);

    let shared = team.json_as(MANAGER, &["assign", "--round-robin", "--json"]);
    let shared = shared.as_array().unwrap();
    assert_eq!(ids(shared), pool.iter().copied().collect());
    let mut open: BTreeMap<String, i64> = BTreeMap::new();
    for key in ["ana", "ben", "cy"] {
        open.insert(
            Team::email(key),
            team.count(&format!(
                "SELECT COUNT(*) FROM prospects p JOIN reps r ON r.id = p.owner
                 WHERE r.email = '{}' AND p.status = 'active'",
                Team::email(key)
            )),
        );
    }
    // 3 + 5 open files over three reps: 3, 3 and 2, and Ana (who started at 2) ends at 2 or 3.
    let mut counts: Vec<i64> = open.values().copied().collect();
    counts.sort_unstable();
    assert_eq!(counts, [2, 3, 3], "{open:?}");
    for item in shared {
        let owner = item["owner"].as_str().unwrap();
        assert!(
            ["ana", "ben", "cy"]
                .map(Team::email)
                .contains(&owner.to_string()),
            "{item}"
        );
        assert_eq!(item["previous_owner"], Value::Null);
    }
    assert_eq!(team.owner(closed_in_pool), None, "a closed file stays put");
    assert_eq!(
        team.count("SELECT COUNT(*) FROM audit WHERE action = 'assign' AND old_value IS NULL"),
        5
    );

    // The pool is empty now: nothing to share, nothing written.
    team.run_as(MANAGER, &["assign", "--round-robin"])
        .success()
        .stdout_contains("nothing changed");
    team.run_as("ben", &["assign", "--round-robin"]).fails(1);
}

#[test]
fn reassign_moves_every_file_of_a_leaving_rep_open_and_closed_in_one_go() {
    let Some(team) = Team::new() else { return };
    team.rep("mia", "Mia Lund", false);
    team.rep("omar", "Omar Haddad", false);
    let open = team.world.add("Open One", &[]);
    let closed = team.world.add("Closed One", &[]);
    let mias = team.world.add("Mia's Own", &[]);
    team.give(open, "omar");
    team.give(closed, "omar");
    team.give(mias, "mia");
    team.world.ok(&["close", "Closed One", "--reason", "won"]);
    team.deactivate("omar");

    team.run_as("mia", &["reassign", "--from", "omar", "--to", "mia"])
        .fails(1)
        .stderr_contains("for managers");
    team.run_as(MANAGER, &["reassign", "--from", "mia", "--to", "omar"])
        .fails(2)
        .stderr_contains("deactivated");

    let moved = team.json_as(
        MANAGER,
        &[
            "reassign",
            "--from",
            "omar@example.com",
            "--to",
            "Mia",
            "--json",
        ],
    );
    assert_eq!(moved["from"], "omar@example.com");
    assert_eq!(moved["to"], "mia@example.com");
    assert_eq!(moved["moved"], 2);
    assert_eq!(moved["open"], 1);
    assert_eq!(moved["ids"], serde_json::json!([open, closed]));
    for id in [open, closed, mias] {
        assert_eq!(team.owner(id).as_deref(), Some("mia@example.com"));
    }
    assert_eq!(
        team.count(
            "SELECT COUNT(*) FROM audit WHERE old_value = 'omar@example.com'
             AND new_value = 'mia@example.com'"
        ),
        2
    );
    team.run_as(MANAGER, &["reassign", "--from", "omar", "--to", "mia"])
        .success()
        .stdout_contains("holds no file");
}

#[test]
fn today_lists_my_files_and_the_pools_and_the_team_view_is_the_managers() {
    let Some(team) = Team::new() else { return };
    team.rep("mia", "Mia Lund", false);
    team.rep("omar", "Omar Haddad", false);
    let mine = team.world.add("Mia File", &[]);
    let his = team.world.add("Omar File", &[]);
    let pool = team.world.add("Pool File", &[]);
    team.give(mine, "mia");
    team.give(his, "omar");

    let mias = team.json_as("mia", &["today", "--json"]);
    let mias = mias.as_array().unwrap();
    assert_eq!(ids(mias), BTreeSet::from([mine, pool]));
    for item in mias {
        let expected = if item["id"] == mine {
            Value::from("mia@example.com")
        } else {
            Value::Null
        };
        assert_eq!(item["owner"], expected, "{item}");
    }
    let omars = team.json_as("omar", &["today", "--json"]);
    assert_eq!(ids(omars.as_array().unwrap()), BTreeSet::from([his, pool]));
    team.run_as("mia", &["today"])
        .success()
        .stdout_contains("Mia File")
        .stdout_contains("From the pool")
        .stdout_contains("Pool File");
    assert!(!team.run_as("mia", &["today"]).stdout.contains("Omar File"));

    let whole = team.json_as(MANAGER, &["today", "--team", "--json"]);
    let owners: BTreeMap<i64, Value> = whole
        .as_array()
        .unwrap()
        .iter()
        .map(|item| (item["id"].as_i64().unwrap(), item["owner"].clone()))
        .collect();
    assert_eq!(
        owners,
        BTreeMap::from([
            (mine, Value::from("mia@example.com")),
            (his, Value::from("omar@example.com")),
            (pool, Value::Null),
        ])
    );
    let text = team.run_as(MANAGER, &["today", "--team"]);
    text.success()
        .stdout_contains("The team's list: 3 actions due, for 2 reps and the pool.");
    let (mia_at, omar_at, pool_at) = (
        text.stdout
            .find("== Mia Lund (mia@example.com) ==")
            .unwrap(),
        text.stdout
            .find("== Omar Haddad (omar@example.com) ==")
            .unwrap(),
        text.stdout.find("== The pool").unwrap(),
    );
    assert!(mia_at < omar_at && omar_at < pool_at, "{}", text.stdout);
    // The manager sees who is due, not the messages: those are each rep's own to say.
    assert!(!text.stdout.contains("Why:"), "{}", text.stdout);
    text.stdout_contains("Messages: in each rep's own `followup today`");
    assert!(
        text.stdout.lines().all(|line| line.chars().count() <= 80),
        "{}",
        text.stdout
    );

    team.run_as("mia", &["today", "--team"])
        .fails(1)
        .stderr_contains("for managers");
    // The tables' owner is the team's first manager: their own list is the pool's, and the
    // team view holds everyone's.
    let owners = team.world.json(&["today", "--json"]);
    assert_eq!(ids(owners.as_array().unwrap()), BTreeSet::from([pool]));
    let all = team.world.json(&["today", "--team", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
}

/// How many transactions the server has committed in the test's database, once every
/// session on it has ended and reported. Every statement sent outside a transaction is one,
/// and so is every statement prepared before it is run: a count of round trips.
fn commits(database: &str) -> i64 {
    // Read from another database, so that the reading adds nothing to the count.
    let mut admin = common::cluster::required_cluster().connect("postgres");
    let read = |admin: &mut postgres::Client| -> (i64, i64) {
        let row = admin
            .query_one(
                "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = $1),
                        (SELECT count(*) FROM pg_stat_activity WHERE datname = $1)",
                &[&database],
            )
            .expect("reading the server's counts");
        (row.get(0), row.get(1))
    };
    // A session reports its counts as it ends, a moment after its client has gone.
    let mut last = read(&mut admin);
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let now = read(&mut admin);
        if now == last && now.1 == 0 {
            return now.0;
        }
        last = now;
    }
    panic!("the sessions on {database} did not end: {last:?}");
}

#[test]
fn a_reps_today_costs_the_server_few_round_trips() {
    let Some(team) = Team::new() else { return };
    team.rep("mia", "Mia Lund", false);
    let mine = team.world.add("Mia File", &[]);
    team.world.add("Pool File", &[]);
    team.give(mine, "mia");
    team.run_as("mia", &["today"]).success();

    let before = commits(&team.database);
    team.run_as("mia", &["today"])
        .success()
        .stdout_contains("Mia File")
        .stdout_contains("Pool File");
    let spent = commits(&team.database) - before;
    // Each statement once, in one round trip: the session's time zone, the schema version
    // with the session's rep, the team's rules, the days off, the bookkeeping, the due list,
    // its history, the value items, the holders. (It was 28: a SET, then a prepare before
    // every statement.)
    assert!(spent <= 10, "a rep's today took {spent} round trips");
}

#[test]
fn a_personal_book_has_no_owners_and_no_team_view() {
    let book = Followup::sqlite();
    book.add("Dana", &[]);
    let listed = book.json(&["today", "--json"]);
    assert!(listed[0].get("owner").is_none(), "{listed}");
    assert!(!book.ok(&["today"]).stdout.contains("pool"));
    book.run(&["today", "--team"])
        .fails(2)
        .stderr_contains("PostgreSQL");
    book.run(&["assign", "--round-robin"]).fails(2);
    book.run(&["reassign", "--from", "a", "--to", "b"]).fails(2);
}

#[test]
fn the_first_rep_to_log_a_pool_file_holds_it_and_the_second_is_refused() {
    let Some(team) = Team::new() else { return };
    team.rep("mia", "Mia Lund", false);
    team.rep("omar", "Omar Haddad", false);
    let pool = team.world.add("Dana Whitfield", &["--phone", "555-0147"]);

    team.run_as("mia", &["log", "dana", "--outcome", "no-answer"])
        .success();
    assert_eq!(team.owner(pool).as_deref(), Some("mia@example.com"));
    assert_eq!(
        team.count(&format!(
            "SELECT COUNT(*) FROM attempts a JOIN reps r ON r.id = a.rep
             WHERE a.prospect_id = {pool} AND r.email = 'mia@example.com'"
        )),
        1
    );
    assert_eq!(
        team.audit(pool),
        [(
            "claim".to_string(),
            "owner".to_string(),
            None,
            Some("mia@example.com".to_string()),
            team.role("mia")
        )]
    );

    // Hers now, and hidden from Omar by row-level security: by id he is told whose it is.
    let refused = team.run_as(
        "omar",
        &["log", &pool.to_string(), "--outcome", "no-answer"],
    );
    refused
        .fails(1)
        .stderr_contains("Mia Lund")
        .stderr_contains("mia@example.com")
        .stderr_contains(&format!("`followup assign {pool} omar@example.com`"));
    assert_eq!(
        team.count(&format!(
            "SELECT COUNT(*) FROM attempts WHERE prospect_id = {pool}"
        )),
        1,
        "nothing written for the second rep"
    );
    assert_eq!(team.audit(pool).len(), 1);
    assert_eq!(team.owner(pool).as_deref(), Some("mia@example.com"));

    // By name he cannot find it, and is told why, without learning whether it exists.
    team.run_as("omar", &["log", "dana", "--outcome", "no-answer"])
        .fails(2)
        .stderr_contains("none of your files or the pool's has 'dana'")
        .stderr_contains("the other reps' files are hidden from you");

    // Hers now: it leaves Omar's list, and her second touch claims nothing new.
    let omars = team.json_as("omar", &["today", "--json", "--now", "2026-12-10"]);
    assert!(!ids(omars.as_array().unwrap()).contains(&pool), "{omars}");
    let mias = team.json_as("mia", &["today", "--json", "--now", "2026-12-10"]);
    assert!(ids(mias.as_array().unwrap()).contains(&pool), "{mias}");
    team.run_as("mia", &["log", "dana", "--at", "2026-11-23T10:00"])
        .success();
    assert_eq!(team.audit(pool).len(), 1);
}

#[test]
fn a_rep_cannot_claim_a_file_a_manager_gave_another_rep_until_that_rep_leaves() {
    let Some(team) = Team::new() else { return };
    team.rep("mia", "Mia Lund", false);
    team.rep("omar", "Omar Haddad", false);
    let file = team.world.add("Lee Park", &[]);
    team.json_as(MANAGER, &["assign", "lee", "omar@example.com", "--json"]);

    // Row-level security hides Omar's file from Mia: by name she finds nothing, and by id
    // she is told whose it is.
    team.run_as("mia", &["log", "lee"]).fails(2);
    team.run_as("mia", &["log", &file.to_string()])
        .fails(1)
        .stderr_contains("Omar Haddad")
        .stderr_contains(&format!("`followup assign {file} mia@example.com`"));
    assert_eq!(
        team.count("SELECT COUNT(*) FROM attempts"),
        0,
        "nothing written"
    );

    // Omar is deactivated: his files are up for grabs to whoever logs first.
    team.deactivate("omar");
    team.run_as("mia", &["log", "lee"]).success();
    assert_eq!(team.owner(file).as_deref(), Some("mia@example.com"));
    let claim = team.audit(file).pop().unwrap();
    assert_eq!(
        (claim.0.as_str(), claim.2.as_deref(), claim.3.as_deref()),
        ("claim", Some("omar@example.com"), Some("mia@example.com"))
    );
}
