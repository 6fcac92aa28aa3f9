//! A promised call that another rep made (issue 12): Sam promises Dana a call, then the file
//! changes hands. Lee, who makes the call, must not read "you promised", nor say "the call I
//! promised you" to a prospect who never heard from him: the reason names Sam, the message
//! opens with the `promise-handover` sentence, and the JSON says who made the promise.
//!
//! PostgreSQL only (reps are a team book's); skips, saying why, without PostgreSQL, except
//! under `CI`.

mod common;

use common::Followup;
use serde_json::Value;

/// A team book with a manager (Kim) and two reps (Sam Carter, Lee Park), and Dana's file.
struct Team {
    world: Followup,
    database: String,
    dana: i64,
}

const MANAGER: &str = "kim";

impl Team {
    /// The team, with Dana given to Sam, who leaves her a voicemail on Mon 2026-11-23 at 09:00
    /// and promises to call back on Tue 2026-11-24 at 08:15.
    fn new() -> Option<Team> {
        let (world, database) = common::team::team_world()?;
        let mut team = Team {
            world,
            database,
            dana: 0,
        };
        team.rep(MANAGER, "Kim Manager", true);
        team.rep("sam", "Sam Carter", false);
        team.rep("lee", "Lee Park", false);
        team.dana = team.world.add(
            "Dana Whitfield",
            &[
                "--company",
                "Lakeside Dental",
                "--phone",
                "555-0190",
                "--email",
                "dana@example.com",
            ],
        );
        team.as_rep(MANAGER, &["assign", "dana", "sam@example.com"])
            .success();
        team.as_rep("sam", &["log", "dana", "--promise", "tomorrow 08:15"])
            .success();
        Some(team)
    }

    fn role(&self, key: &str) -> String {
        format!("{}_{key}", self.database)
    }

    fn rep(&self, key: &str, name: &str, manager: bool) {
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
        if manager {
            args.push("--manager");
        }
        self.world.ok(&args);
    }

    /// Runs SQL as the superuser, behind followup's back.
    fn sql(&self, sql: &str) {
        common::cluster::required_cluster()
            .connect(&self.database)
            .batch_execute(sql)
            .unwrap_or_else(|error| panic!("{sql}: {error}"));
    }

    #[track_caller]
    fn as_rep(&self, key: &str, args: &[&str]) -> common::Run {
        common::team::run_as(&self.world, &self.database, &self.role(key), args)
    }

    #[track_caller]
    fn json_as(&self, key: &str, args: &[&str]) -> Value {
        common::team::json_as(&self.world, &self.database, &self.role(key), args)
    }

    /// Rep `key`'s morning list, as JSON.
    #[track_caller]
    fn today(&self, key: &str) -> Vec<Value> {
        match self.json_as(key, &["today", "--json"]) {
            Value::Array(items) => items,
            other => panic!("not an array: {other}"),
        }
    }

    /// Dana's action in rep `key`'s morning list.
    #[track_caller]
    fn danas_action(&self, key: &str) -> Value {
        self.today(key)
            .into_iter()
            .find(|item| item["id"] == self.dana)
            .unwrap_or_else(|| panic!("Dana is not on {key}'s list"))
    }

    fn reassign_to_lee(&self) {
        self.as_rep(MANAGER, &["reassign", "--from", "sam", "--to", "lee"])
            .success();
    }
}

fn text<'a>(item: &'a Value, field: &str) -> &'a str {
    item[field]
        .as_str()
        .unwrap_or_else(|| panic!("no text {field} in {item:#}"))
}

/// Sam's promise, read by Sam, the one who made it: his own, in his words.
fn says_it_is_my_own_promise(item: &Value) {
    assert_eq!(
        text(item, "reason"),
        "On Mon 2026-11-23 you promised to call at 08:15."
    );
    assert!(
        text(item, "script").contains("This is the call I promised you."),
        "{item:#}"
    );
    assert!(item.get("promise_made_by").is_none(), "{item:#}");
}

/// Sam's promise, read by Lee, who holds the file now: Sam's, named. `signed`: who the
/// message says is calling (the session's `[me]`: a manager's team view signs as them).
fn says_sam_promised(item: &Value, signed: &str) {
    assert_eq!(item["promised"], true);
    assert_eq!(item["time"], "08:15");
    assert_eq!(
        text(item, "reason"),
        "On Mon 2026-11-23 Sam Carter promised them a call at 08:15; the file is yours now."
    );
    let script = text(item, "script");
    assert!(
        script.starts_with(&format!("Hi Dana, {signed} from our company. Sam promised"))
            && script.contains(
                "Sam promised you a call today; I'm looking after your file now, so the call \
                 comes from me."
            ),
        "{script}"
    );
    assert!(!script.contains("I promised"), "{script}");
    let email = text(item, "email_body");
    assert!(
        email.contains("I called you just now in place of Sam, who promised you a call today"),
        "{email}"
    );
    assert!(!email.contains("as I said I would"), "{email}");
    assert_eq!(
        item["promise_made_by"],
        serde_json::json!({"name": "Sam Carter", "email": "sam@example.com"})
    );
}

#[test]
fn the_rep_who_made_the_promise_still_reads_it_as_their_own() {
    let Some(mut team) = Team::new() else { return };
    team.world.at("2026-11-24T08:00");
    says_it_is_my_own_promise(&team.danas_action("sam"));
    let shown = team.json_as("sam", &["show", "dana", "--json"]);
    says_it_is_my_own_promise(&shown["next"]);
}

#[test]
fn a_reassigned_promise_reads_as_the_other_reps_in_today_show_and_script() {
    let Some(mut team) = Team::new() else { return };
    team.reassign_to_lee();
    team.world.at("2026-11-24T08:00");

    let item = team.danas_action("lee");
    says_sam_promised(&item, "Lee Park");
    let shown = team.json_as("lee", &["show", "dana", "--json"]);
    says_sam_promised(&shown["next"], "Lee Park");

    // The table and the card read the same sentence and message.
    team.as_rep("lee", &["today"])
        .success()
        .stdout_says("Sam Carter promised them a call at 08:15; the file is yours now.")
        .stdout_says("Sam promised you a call today");
    team.as_rep("lee", &["show", "dana"])
        .success()
        .stdout_says("Sam promised you a call today");
    let script = team.as_rep("lee", &["script", "dana"]);
    script
        .success()
        .stdout_says("Hi Dana, Lee Park from")
        .stdout_says("Sam promised you a call today; I'm looking after your file now");
    assert!(!script.stdout.contains("I promised"), "{}", script.stdout);
    team.as_rep("lee", &["script", "dana", "--email"])
        .success()
        .stdout_says("I called you just now in place of Sam, who promised you a call today");
    team.as_rep("lee", &["why", "dana"])
        .success()
        .stdout_says("Sam Carter (sam@example.com) made the promise")
        .stdout_says("as Sam Carter promised");

    // The manager's view of the team names Sam too, under Lee's heading.
    let team_list = team.json_as(MANAGER, &["today", "--team", "--json"]);
    let in_team = team_list
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == team.dana)
        .unwrap();
    says_sam_promised(in_team, "Kim Manager");
}

#[test]
fn a_missed_promise_of_another_rep_is_apologised_for_on_the_teams_behalf() {
    let Some(mut team) = Team::new() else { return };
    team.reassign_to_lee();
    team.world.at("2026-11-25T09:00");
    let item = team.danas_action("lee");
    assert_eq!(item["promised"], false);
    assert_eq!(item["missed_promise"], "2026-11-24T08:15:00");
    assert_eq!(
        text(&item, "reason"),
        "Sam Carter promised them a call for Tue 2026-11-24 08:15 and it was missed; the file is \
         yours now: apologise for the team."
    );
    let script = text(&item, "script");
    assert!(
        script.contains(
            "First, an apology: Sam promised you a call at a set time, and it never came. I'm \
             looking after your file now."
        ),
        "{script}"
    );
    assert!(!script.contains("and I didn't"), "{script}");
    assert!(
        text(&item, "email_body").contains("Sam promised we would get back to you at a set time"),
        "{item:#}"
    );
    assert_eq!(item["promise_made_by"]["email"], "sam@example.com");

    // Sam reads his own missed promise as before.
    team.as_rep(MANAGER, &["reassign", "--from", "lee", "--to", "sam"])
        .success();
    let own = team.danas_action("sam");
    assert_eq!(
        text(&own, "reason"),
        "You promised a call for Tue 2026-11-24 08:15 and missed it: apologise."
    );
    assert!(own.get("promise_made_by").is_none(), "{own:#}");
}

#[test]
fn a_pool_file_with_another_reps_promise_says_so_until_it_is_claimed() {
    let Some(mut team) = Team::new() else { return };
    // The file went back to the pool after Sam's promise.
    team.sql(&format!(
        "UPDATE prospects SET owner = NULL WHERE id = {}",
        team.dana
    ));
    team.world.at("2026-11-24T08:00");
    let item = team.danas_action("lee");
    assert_eq!(
        text(&item, "reason"),
        "On Mon 2026-11-23 Sam Carter promised them a call at 08:15; the file becomes yours when \
         you log the call."
    );
    assert!(
        text(&item, "script").contains("Sam promised you a call today"),
        "{item:#}"
    );
    // Sam, at his keyboard, reads it as his own: he would make the call himself.
    says_it_is_my_own_promise(&team.danas_action("sam"));

    // Lee logs an email he had sent before Sam's call (late logging): the file is his, and
    // Sam's promise still stands, which the confirmation says is Sam's.
    team.as_rep(
        "lee",
        &[
            "log",
            "dana",
            "--channel",
            "email",
            "--at",
            "2026-11-23T08:30",
        ],
    )
    .success()
    .stdout_says("at 08:15 as Sam Carter promised");
    let item = team.danas_action("lee");
    assert_eq!(
        text(&item, "reason"),
        "On Mon 2026-11-23 Sam Carter promised them a call at 08:15; the file is yours now."
    );
}

#[test]
fn the_file_of_a_rep_who_left_reads_as_their_promise_to_whoever_calls() {
    let Some(mut team) = Team::new() else { return };
    team.sql("UPDATE reps SET active = false WHERE email = 'sam@example.com'");
    team.world.at("2026-11-24T08:00");
    let shown = team.json_as("lee", &["show", "dana", "--json"]);
    assert_eq!(shown["next"]["promise_made_by"]["name"], "Sam Carter");
    assert!(
        text(&shown["next"], "reason").ends_with("the file becomes yours when you log the call."),
        "{shown:#}"
    );
}

#[test]
fn the_handover_opening_is_the_teams_to_word_and_cadence_check_reads_it() {
    let Some(mut team) = Team::new() else { return };
    team.reassign_to_lee();
    let own = format!(
        "{}\n[templates.standard]\npromise-handover = \"{{promised_by}} booked this call with \
         you, and I'm the one making it.\"\n",
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cadence.toml")).unwrap()
    );
    team.world.write("team.toml", &own);
    team.as_rep(MANAGER, &["team", "cadence", "set", "team.toml"])
        .success();
    team.world.at("2026-11-24T08:00");
    let item = team.danas_action("lee");
    assert!(
        text(&item, "script").contains("Sam booked this call with you, and I'm the one making it."),
        "{item:#}"
    );

    // A misspelt placeholder is refused, naming the key, as for every template.
    let bad = own.replace("{promised_by} booked", "{promised_bye} booked");
    team.world.write("bad.toml", &bad);
    team.world
        .run(&["--cadence", "bad.toml", "cadence", "check"])
        .fails(2)
        .stderr_contains("templates.standard.promise-handover")
        .stderr_contains("promised_bye");
}

#[test]
fn a_file_that_changed_hands_with_no_promise_is_followed_up_without_again() {
    let Some(mut team) = Team::new() else { return };
    let omar = team.world.add(
        "Omar Haddad",
        &["--company", "Haddad Logistics", "--phone", "555-0133"],
    );
    team.as_rep(MANAGER, &["assign", &omar.to_string(), "sam@example.com"])
        .success();
    team.as_rep("sam", &["log", &omar.to_string(), "--outcome", "no-answer"])
        .success();
    let follow_up = |team: &Team, key: &str| -> String {
        let shown = team.json_as(key, &["show", &omar.to_string(), "--json"]);
        assert_eq!(shown["next"]["step"], "follow-up", "{shown:#}");
        text(&shown["next"], "script").to_string()
    };

    // Sam called before: his follow-up says so.
    team.world.at("2026-11-27T08:00");
    let sams = follow_up(&team, "sam");
    assert!(
        sams.starts_with("Hi Omar, Sam Carter from our company again."),
        "{sams}"
    );

    // Lee never did: the file is his now, and he does not claim a call he never made.
    team.reassign_to_lee();
    let lees = follow_up(&team, "lee");
    assert!(
        lees.starts_with("Hi Omar, Lee Park from our company. "),
        "{lees}"
    );
    assert!(!lees.contains("again"), "{lees}");
}
