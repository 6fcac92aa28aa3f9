//! Days away on a team book (issue 12): each rep marks their own, and a file's dates skip the
//! days away of the rep who holds it (the pool's skip no one's); no rep reads another's,
//! whatever program they connect with. Also what a rep's `undo` takes back of a claim.
//!
//! PostgreSQL only: each test makes its reps by `rep add --create-role` (roles named after its
//! database, since roles are the cluster's) and runs followup as them. Skips, saying why,
//! without PostgreSQL, except under `CI`.

mod common;

use std::collections::BTreeMap;

use common::Followup;
use serde_json::Value;

/// The manager of every test team, besides the tables' owner.
const MANAGER: &str = "kim";

/// A team book: a world on a database of the test cluster, a manager and two reps, Mia and
/// Omar. The clock reads Mon 2026-11-23 09:00.
struct Team {
    world: Followup,
    database: String,
}

impl Team {
    fn new() -> Option<Team> {
        let (world, database) = common::team::team_world()?;
        let team = Team { world, database };
        team.rep(MANAGER, "Kim Manager", true);
        team.rep("mia", "Mia Lund", false);
        team.rep("omar", "Omar Haddad", false);
        Some(team)
    }

    fn email(key: &str) -> String {
        format!("{key}@example.com")
    }

    fn role(&self, key: &str) -> String {
        format!("{}_{key}", self.database)
    }

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

    /// Runs SQL as the superuser, behind followup's back.
    fn sql(&self, sql: &str) -> Vec<postgres::Row> {
        common::cluster::required_cluster()
            .connect(&self.database)
            .query(sql, &[])
            .unwrap_or_else(|error| panic!("{sql}: {error}"))
    }

    /// Runs SQL connected as rep `key`'s own role, as `psql` would.
    fn sql_as(&self, key: &str, sql: &str) -> Result<Vec<postgres::Row>, postgres::Error> {
        let url = common::cluster::required_cluster().url(&self.database, &self.role(key));
        common::cluster::required_cluster()
            .connect(&url)
            .query(sql, &[])
    }

    #[track_caller]
    fn run_as(&self, key: &str, args: &[&str]) -> common::Run {
        common::team::run_as(&self.world, &self.database, &self.role(key), args)
    }

    #[track_caller]
    fn json_as(&self, key: &str, args: &[&str]) -> Value {
        common::team::json_as(&self.world, &self.database, &self.role(key), args)
    }

    /// Gives file `id` to rep `key` behind followup's back.
    fn give(&self, id: i64, key: &str) {
        self.sql(&format!(
            "UPDATE prospects SET owner = (SELECT id FROM reps WHERE email = '{}') WHERE id = {id}",
            Team::email(key)
        ));
    }

    /// The stored due date of file `id`, as text.
    fn due_on(&self, id: i64) -> String {
        self.sql(&format!(
            "SELECT due_on::text FROM prospects WHERE id = {id}"
        ))[0]
            .get(0)
    }

    /// The email of the rep holding file `id`, or `None` for the pool.
    fn owner(&self, id: i64) -> Option<String> {
        self.sql(&format!(
            "SELECT r.email FROM prospects p LEFT JOIN reps r ON r.id = p.owner WHERE p.id = {id}"
        ))[0]
            .get(0)
    }

    /// Three files whose first touch is due Wed 2026-11-25: Mia's, Omar's and the pool's.
    fn three_files(&self) -> (i64, i64, i64) {
        let mias = self.world.add("Mia File", &["--start", "2026-11-25"]);
        let omars = self.world.add("Omar File", &["--start", "2026-11-25"]);
        let pool = self.world.add("Pool File", &["--start", "2026-11-25"]);
        self.give(mias, "mia");
        self.give(omars, "omar");
        (mias, omars, pool)
    }
}

/// The next action's due day of each file in a `today --json` or `agenda --json` list.
fn due_by_id(items: &Value) -> BTreeMap<i64, String> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| {
            (
                item["id"].as_i64().unwrap(),
                item["due"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_reps_days_away_move_their_own_files_and_neither_a_teammates_nor_the_pools() {
    let Some(team) = Team::new() else { return };
    let (mias, omars, pool) = team.three_files();

    team.run_as("mia", &["away", "2026-11-25", "2026-11-27"])
        .success()
        .stdout_says("The next action of 1 prospect moved;");
    // Mia is out Wednesday to Friday: her file waits for Monday; the others keep Wednesday.
    assert_eq!(team.due_on(mias), "2026-11-30");
    assert_eq!(team.due_on(omars), "2026-11-25");
    assert_eq!(team.due_on(pool), "2026-11-25");
    assert_eq!(
        team.json_as("mia", &["show", "mia file", "--json"])["next"]["due"],
        "2026-11-30"
    );
    assert_eq!(
        team.json_as("mia", &["show", "pool file", "--json"])["next"]["due"],
        "2026-11-25"
    );
    assert_eq!(
        team.json_as("omar", &["show", "omar file", "--json"])["next"]["due"],
        "2026-11-25"
    );
    // A promise agreed on one of her days away is refused on her file, not on Omar's.
    team.run_as("mia", &["log", "mia file", "--next", "2026-11-26"])
        .fails(2)
        .stderr_contains("away");
    team.run_as("omar", &["log", "omar file", "--next", "2026-11-26"])
        .success();

    // Clearing them moves her file back, and only hers.
    team.run_as("mia", &["away", "--clear"])
        .success()
        .stdout_contains("Cleared 3 days away");
    assert_eq!(team.due_on(mias), "2026-11-25");
    assert_eq!(team.due_on(pool), "2026-11-25");
}

#[test]
fn no_rep_sees_or_clears_another_reps_days_away_whatever_program_they_use() {
    let Some(team) = Team::new() else { return };
    let (mias, _, _) = team.three_files();
    team.run_as("mia", &["away", "2026-11-25", "2026-11-27"])
        .success();
    team.run_as("omar", &["away", "2026-12-21", "2026-12-24"])
        .success();

    let mias_list = team.run_as("mia", &["away", "--list"]);
    mias_list.success().stdout_contains("2026-11-25");
    assert!(
        !mias_list.stdout.contains("2026-12-21"),
        "{}",
        mias_list.stdout
    );
    let omars_list = team.run_as("omar", &["away", "--list"]);
    omars_list.success().stdout_contains("2026-12-21");
    assert!(
        !omars_list.stdout.contains("2026-11-25"),
        "{}",
        omars_list.stdout
    );
    // Omar clearing "every day away" clears his own.
    team.run_as("omar", &["away", "--clear"])
        .success()
        .stdout_contains("Cleared 4 days away");
    team.run_as("omar", &["away", "--list"])
        .success()
        .stdout_contains("No days away");
    assert_eq!(team.due_on(mias), "2026-11-30");

    // Connected as his role with any client, the table shows him nothing of Mia's, and he
    // cannot mark a day in her name.
    let seen = team
        .sql_as("omar", "SELECT count(*) FROM away_days")
        .unwrap();
    assert_eq!(seen[0].get::<_, i64>(0), 0);
    let forged = team.sql_as(
        "omar",
        "INSERT INTO away_days (day, marked_at, rep)
         SELECT DATE '2026-11-30', now()::timestamp, id FROM reps WHERE email = 'mia@example.com'",
    );
    let error = forged.expect_err("a row in another rep's name");
    let said = error.as_db_error().map(|db| db.message().to_string());
    assert!(
        said.as_deref()
            .is_some_and(|said| said.contains("row-level security")),
        "{said:?}"
    );
    let erased = team
        .sql_as("omar", "DELETE FROM away_days RETURNING day")
        .unwrap();
    assert!(erased.is_empty());
    // A manager sees everyone's.
    let all = team
        .sql_as(MANAGER, "SELECT count(*) FROM away_days")
        .unwrap();
    assert_eq!(all[0].get::<_, i64>(0), 3);
    // The holidays are the team's: a rep reads them and may not change them.
    team.run_as("omar", &["calendar", "clear", "--all"])
        .fails(1)
        .stderr_contains("for managers");
    let holiday = team.sql_as(
        "omar",
        "INSERT INTO holidays (source, day, name, imported_at)
         VALUES ('mine.ics', DATE '2026-11-30', 'a day off', now()::timestamp)",
    );
    assert!(holiday.is_err());
}

#[test]
fn a_file_that_changes_hands_takes_the_new_holders_days_away() {
    let Some(team) = Team::new() else { return };
    let (mias, omars, pool) = team.three_files();
    team.run_as("mia", &["away", "2026-11-25", "2026-11-27"])
        .success();
    assert_eq!(team.due_on(omars), "2026-11-25");

    team.run_as(MANAGER, &["assign", "omar file", "mia"])
        .success();
    assert_eq!(team.due_on(omars), "2026-11-30");
    team.run_as(MANAGER, &["reassign", "--from", "mia", "--to", "omar"])
        .success();
    assert_eq!(team.due_on(omars), "2026-11-25");
    assert_eq!(team.due_on(mias), "2026-11-25");

    // A claim by a log: Omar, out Wednesday to Friday, agrees Thursday with the pool's
    // prospect anyway; the call waits for his return, as on his other files.
    team.run_as("omar", &["away", "2026-11-25", "2026-11-27"])
        .success();
    assert_eq!(team.due_on(mias), "2026-11-30");
    let agreed = [
        "log",
        "pool file",
        "--outcome",
        "replied",
        "--next",
        "2026-11-26",
    ];
    team.run_as("omar", &agreed)
        .fails(2)
        .stderr_contains("away");
    let mut forced = agreed.to_vec();
    forced.push("--force");
    team.run_as("omar", &forced).success();
    assert_eq!(team.owner(pool).as_deref(), Some("omar@example.com"));
    assert_eq!(team.due_on(pool), "2026-11-30");

    // A rep who leaves: their files are anyone's to claim, and skip no one's days away.
    team.run_as(MANAGER, &["rep", "deactivate", "omar@example.com"])
        .success();
    assert_eq!(team.due_on(mias), "2026-11-25");
    assert_eq!(team.due_on(pool), "2026-11-26");
}

#[test]
fn the_team_view_dates_each_reps_files_with_their_own_days_away() {
    let Some(mut team) = Team::new() else { return };
    let (mias, omars, pool) = team.three_files();
    team.run_as("mia", &["away", "2026-11-25", "2026-11-27"])
        .success();
    team.run_as("omar", &["away", "2026-11-25", "2026-11-25"])
        .success();
    team.run_as(MANAGER, &["away", "2026-11-30", "2026-12-04"])
        .success();

    team.world.at("2026-12-07");
    let whole = team.json_as(MANAGER, &["today", "--team", "--json"]);
    assert_eq!(
        due_by_id(&whole),
        BTreeMap::from([
            (mias, "2026-11-30".to_string()),
            (omars, "2026-11-26".to_string()),
            (pool, "2026-11-25".to_string()),
        ])
    );
    // Each rep's own list says the same of their files.
    let mine = due_by_id(&team.json_as("mia", &["today", "--json"]));
    assert_eq!(mine.get(&mias).map(String::as_str), Some("2026-11-30"));
    assert_eq!(mine.get(&pool).map(String::as_str), Some("2026-11-25"));
}

#[test]
fn undo_of_the_log_that_claimed_a_pool_file_puts_it_back_in_the_pool() {
    let Some(team) = Team::new() else { return };
    let (_, _, pool) = team.three_files();
    team.run_as("mia", &["log", "pool file"]).success();
    assert_eq!(team.owner(pool).as_deref(), Some("mia@example.com"));

    team.run_as("mia", &["undo", "--yes"])
        .success()
        .stdout_contains("it is back in the pool");
    assert_eq!(team.owner(pool), None);
    assert_eq!(
        team.sql(&format!(
            "SELECT count(*) FROM attempts WHERE prospect_id = {pool}"
        ))[0]
            .get::<_, i64>(0),
        0
    );
    let changes: Vec<(String, Option<String>, Option<String>)> = team
        .sql(&format!(
            "SELECT action, old_value, new_value FROM audit
             WHERE prospect_id = {pool} AND field = 'owner' ORDER BY id"
        ))
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect();
    assert_eq!(
        changes,
        [
            (
                "claim".to_string(),
                None,
                Some("mia@example.com".to_string())
            ),
            (
                "unclaim".to_string(),
                Some("mia@example.com".to_string()),
                None
            ),
        ]
    );
    // Anyone may claim it again.
    team.run_as("omar", &["log", "pool file"]).success();
    assert_eq!(team.owner(pool).as_deref(), Some("omar@example.com"));

    // A touch on a file that was already the rep's leaves it theirs.
    team.run_as(
        "omar",
        &[
            "log",
            "pool file",
            "--outcome",
            "replied",
            "--next",
            "2026-11-30",
        ],
    )
    .success();
    let undone = team.run_as("omar", &["undo", "--yes"]);
    undone.success();
    assert!(!undone.stdout.contains("pool"), "{}", undone.stdout);
    assert_eq!(team.owner(pool).as_deref(), Some("omar@example.com"));

    // Once a manager moved the file, undoing the log that claimed it leaves it where it is.
    team.run_as(MANAGER, &["assign", "pool file", "mia"])
        .success();
    let undone = team.run_as(MANAGER, &["undo", "--yes"]);
    undone.success().stdout_contains("Pool File");
    assert!(
        !undone.stdout.contains("back in the pool"),
        "{}",
        undone.stdout
    );
    assert_eq!(team.owner(pool).as_deref(), Some("mia@example.com"));
}
