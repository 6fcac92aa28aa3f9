//! What a rep's messages are signed with when the rep has no cadence file of their own (issue
//! 12): the name and email of their row in the team, the phone a manager keeps there (`rep add
//! --phone`, `rep edit --phone`), and the company of the team's cadence file. Before, such a
//! rep told a prospect to call "my usual number" at "our company".
//!
//! PostgreSQL only (reps are a team book's); skips, saying why, without PostgreSQL, except
//! under `CI`.

mod common;

use common::Followup;
use serde_json::Value;

/// A team: the owner (a manager, from `team init`), Sam Carter with a phone on file and Lee
/// Park without one, and Dana's file given to Sam.
struct Team {
    world: Followup,
    database: String,
}

impl Team {
    fn new() -> Option<Team> {
        let (world, database) = common::team::team_world()?;
        let team = Team { world, database };
        team.rep("sam", "Sam Carter", &["--phone", "+1 555 0142"]);
        team.rep("lee", "Lee Park", &[]);
        team.world.add(
            "Dana Whitfield",
            &["--company", "Lakeside Dental", "--phone", "555-0190"],
        );
        team.world.ok(&["assign", "dana", "sam@example.com"]);
        Some(team)
    }

    fn role(&self, key: &str) -> String {
        format!("{}_{key}", self.database)
    }

    fn rep(&self, key: &str, name: &str, flags: &[&str]) {
        let role = self.role(key);
        let email = format!("{key}@example.com");
        let mut args = vec![
            "rep",
            "add",
            name,
            "--email",
            &email,
            "--role",
            &role,
            "--create-role",
        ];
        args.extend_from_slice(flags);
        self.world.ok(&args);
    }

    #[track_caller]
    fn as_rep(&self, key: &str, args: &[&str]) -> common::Run {
        common::team::run_as(&self.world, &self.database, &self.role(key), args)
    }

    /// Dana's first touch, as `key` reads it in `today --json` (the owner: `--team`).
    #[track_caller]
    fn danas_script(&self, key: Option<&str>) -> String {
        let list: Value = match key {
            Some(key) => {
                let run = self.as_rep(key, &["today", "--json"]);
                run.success();
                run.stdout_json()
            }
            None => self.world.json(&["today", "--team", "--json"]),
        };
        let item = list
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["name"] == "Dana Whitfield")
            .unwrap_or_else(|| panic!("Dana is not on the list: {list:#}"))
            .clone();
        item["script"].as_str().unwrap().to_string()
    }
}

#[test]
fn a_rep_without_a_cadence_file_gives_the_phone_the_team_keeps_and_the_teams_company() {
    let Some(team) = Team::new() else { return };
    let script = team.danas_script(Some("sam"));
    assert!(script.contains("+1 555 0142"), "{script}");
    assert!(!script.contains("my usual number"), "{script}");
    // No company anywhere yet: the stand-in, and a warning that says so.
    assert!(script.contains("our company"), "{script}");
    team.as_rep("sam", &["today"])
        .success()
        .stderr_contains("has no company:");

    // The team's cadence file names the company: every rep's messages carry it; the rest of
    // its [me] (whoever set the rules) signs no one else's.
    let rules = team.world.write(
        "team-cadence.toml",
        "[me]\nname = \"Ole Owner\"\ncompany = \"Lakeshore Supply\"\nphone = \"555-0999\"\n\n\
         [cadence.standard]\n",
    );
    team.world
        .ok(&["team", "cadence", "set", rules.to_str().unwrap()]);
    let script = team.danas_script(Some("sam"));
    assert!(
        script.contains("Sam Carter at Lakeshore Supply") && script.contains("+1 555 0142"),
        "{script}"
    );
    assert!(
        !script.contains("555-0999") && !script.contains("Ole"),
        "{script}"
    );
    let quiet = team.as_rep("sam", &["today"]);
    quiet.success();
    assert!(!quiet.stderr.contains("[me]"), "{}", quiet.stderr);
}

#[test]
fn a_manager_sets_a_reps_phone_and_their_view_of_the_reps_files_gives_it() {
    let Some(team) = Team::new() else { return };
    // The owner's view of Sam's file is signed as Sam, with his number.
    let script = team.danas_script(None);
    assert!(
        script.contains("Sam Carter") && script.contains("+1 555 0142"),
        "{script}"
    );
    let list = team.world.json(&["today", "--team", "--json"]);
    let dana = &list.as_array().unwrap()[0];
    assert_eq!(
        dana["signed_as"],
        serde_json::json!({"name": "Sam Carter", "email": "sam@example.com", "phone": "+1 555 0142"})
    );
    team.world
        .ok(&["show", "dana"])
        .stdout_contains("who holds the file and will say it, with the number");

    // Dana goes to Lee, who has no phone on file: the manager's marked script says so and how
    // to fix it; then the manager adds it.
    team.world.ok(&["assign", "dana", "lee@example.com"]);
    team.world
        .ok(&["script", "dana"])
        .stdout_contains("rep edit lee@example.com --phone");
    team.world
        .ok(&["rep", "edit", "lee@example.com", "--phone", "+1 555 0177"])
        .stdout_contains("now give +1 555 0177");
    assert!(team.danas_script(Some("lee")).contains("+1 555 0177"));
    let reps = team.world.json(&["rep", "list", "--json"]);
    let lee = reps
        .as_array()
        .unwrap()
        .iter()
        .find(|rep| rep["email"] == "lee@example.com")
        .unwrap();
    assert_eq!(lee["phone"], "+1 555 0177");
    // The table fits an 80-column screen, phone and all; the owner manages.
    let table = team.world.cmd(["rep", "list"]).env("COLUMNS", "80").run();
    table.success();
    assert!(
        table.stdout.lines().all(|line| line.chars().count() <= 80),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("+1 555 0177") && table.stdout.contains("(manager)"),
        "{}",
        table.stdout
    );
    team.world
        .ok(&["audit", "--since", "2026-01-01"])
        .stdout_contains("phone of lee@example.com");

    // The same number again changes nothing; `none` clears it.
    team.world
        .ok(&["rep", "edit", "lee@example.com", "--phone", "+1 555 0177"])
        .stdout_contains("already; nothing changed");
    team.world
        .ok(&["rep", "edit", "lee@example.com", "--phone", "none"])
        .stdout_contains("Cleared");
    assert!(!team.danas_script(Some("lee")).contains("+1 555 0177"));

    // Only managers change the team's rows: a rep is refused, and nothing changes.
    let refused = team.as_rep("sam", &["rep", "edit", "sam@example.com", "--phone", "1"]);
    refused.fails(1).stderr_contains("for managers");
    let reps = team.world.json(&["rep", "list", "--json"]);
    let sam = reps
        .as_array()
        .unwrap()
        .iter()
        .find(|rep| rep["email"] == "sam@example.com")
        .unwrap();
    assert_eq!(sam["phone"], "+1 555 0142");
    assert!(team.danas_script(Some("lee")).contains("my usual number"));
}
