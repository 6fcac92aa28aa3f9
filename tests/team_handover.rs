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
/// message says is calling (the holder, also in a manager's team view).
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
    // Signed as Lee, who holds the file and will make the call.
    says_sam_promised(in_team, "Lee Park");
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

// ---- The file's past spoken of truthfully once it changed hands ----

impl Team {
    /// Priya's file (phone and email; `flags` add more), given to rep `key`.
    fn priya_for(&self, key: &str, flags: &[&str]) -> i64 {
        let mut all = vec![
            "--company",
            "Nair Studio",
            "--phone",
            "555-0171",
            "--email",
            "priya@example.com",
        ];
        all.extend_from_slice(flags);
        let priya = self.world.add("Priya Nair", &all);
        let email = format!("{key}@example.com");
        self.as_rep(MANAGER, &["assign", &priya.to_string(), &email])
            .success();
        priya
    }

    /// Rep `key` leaves Priya a voicemail on each of `days` (at 10:00).
    fn voicemails(&mut self, key: &str, priya: i64, days: &[&str]) {
        for day in days {
            self.world.at(&format!("{day}T10:00"));
            self.as_rep(
                key,
                &[
                    "log",
                    &priya.to_string(),
                    "--channel",
                    "call",
                    "--outcome",
                    "voicemail",
                ],
            )
            .success();
        }
    }

    /// The next action of `id` as rep `key`'s `show --json` gives it, at step `step`.
    #[track_caller]
    fn next_of(&self, key: &str, id: i64, step: &str) -> Value {
        let shown = self.json_as(key, &["show", &id.to_string(), "--json"]);
        assert_eq!(shown["next"]["step"], step, "{shown:#}");
        shown["next"].clone()
    }
}

/// Says nothing in the first person about touches the caller never made.
#[track_caller]
fn claims_no_past_touch_of_mine(text: &str) {
    for claim in [
        "I've tried",
        "I haven't been able",
        "I left you",
        "when we last spoke",
        "I'm close to being a nuisance",
        "I can't catch you",
    ] {
        assert!(
            !text.to_lowercase().contains(&claim.to_lowercase()),
            "{claim:?} in {text}"
        );
    }
}

#[test]
fn a_rescue_after_a_reassign_says_we_have_tried_you_not_i() {
    let Some(mut team) = Team::new() else { return };
    let priya = team.priya_for("sam", &[]);
    team.voicemails("sam", priya, &["2026-11-23", "2026-11-27"]);
    team.world.at("2026-12-03T08:00");
    // Sam made both calls: his rescue says so.
    let sams = team.next_of("sam", priya, "rescue");
    assert!(
        text(&sams, "script").contains("I've tried you a few times now, and I don't want"),
        "{sams:#}"
    );

    team.reassign_to_lee();
    let lees = team.next_of("lee", priya, "rescue");
    let script = text(&lees, "script");
    assert!(
        script.starts_with(
            "Hi Priya, it's Lee Park from our company. We've tried you a few times now, and we don't want to turn into the callers you avoid, \
             so let me ask plainly: has something changed?"
        ),
        "{script}"
    );
    let email = text(&lees, "email_body");
    assert!(
        email.contains(
            "We've tried you a few times now and haven't caught you, and I suspect we're close \
             to being a nuisance, which is not what we want."
        ),
        "{email}"
    );
    claims_no_past_touch_of_mine(script);
    claims_no_past_touch_of_mine(email);
}

#[test]
fn a_close_out_after_a_reassign_says_we_have_not_caught_you() {
    let Some(mut team) = Team::new() else { return };
    let priya = team.priya_for("sam", &[]);
    team.voicemails("sam", priya, &["2026-11-23", "2026-11-27", "2026-12-03"]);
    team.reassign_to_lee();
    team.world.at("2026-12-09T08:00");
    let fire = team.next_of("lee", priya, "fire");
    let script = text(&fire, "script");
    assert!(
        script.contains(
            "We haven't been able to catch you, so I'll take it that now isn't the right time, \
             and I'm closing the file on my side."
        ),
        "{script}"
    );
    let email = text(&fire, "email_body");
    assert!(
        email.contains(
            "We haven't been able to reach you, so I'm going to assume the timing isn't right"
        ),
        "{email}"
    );
    claims_no_past_touch_of_mine(script);
    claims_no_past_touch_of_mine(email);

    // Priya, had she wanted texts, would read the same.
    team.as_rep("lee", &["edit", &priya.to_string(), "--prefers", "text"])
        .success();
    let texted = team.next_of("lee", priya, "fire");
    assert!(
        text(&texted, "script").contains("as we can't catch you, I'll close the file"),
        "{texted:#}"
    );
}

#[test]
fn an_email_follow_up_after_a_reassign_speaks_of_our_voicemail() {
    let Some(mut team) = Team::new() else { return };
    let priya = team.priya_for(
        "sam",
        &["--prefers", "email", "--next-step", "a desk trial"],
    );
    team.voicemails("sam", priya, &["2026-11-23"]);
    // Priya spoke to Sam once, then went quiet after a voicemail.
    team.world.at("2026-11-24T10:00");
    team.as_rep(
        "sam",
        &[
            "log",
            &priya.to_string(),
            "--channel",
            "call",
            "--outcome",
            "connected",
        ],
    )
    .success();
    team.voicemails("sam", priya, &["2026-11-30"]);
    team.world.at("2026-12-04T08:00");
    let sams = team.next_of("sam", priya, "follow-up");
    assert!(
        text(&sams, "script").starts_with(
            "Hi Priya,\n\nA short follow-up to the voicemail I left you on Monday 30 November. \
             When we last spoke, the plan was a desk trial,"
        ),
        "{sams:#}"
    );

    team.reassign_to_lee();
    let lees = team.next_of("lee", priya, "follow-up");
    let email = text(&lees, "script");
    assert!(
        email.starts_with(
            "Hi Priya,\n\nA short follow-up to our voicemail of Monday 30 November. When you \
             last spoke with us, the plan was a desk trial,"
        ),
        "{email}"
    );
    assert_eq!(lees["channel"], "email");
    claims_no_past_touch_of_mine(email);
}

#[test]
fn a_file_partly_another_reps_speaks_of_the_teams_touches_and_not_of_mine_alone() {
    let Some(mut team) = Team::new() else { return };
    // Sam called once; then the file went to Lee, who called once too.
    let priya = team.priya_for("sam", &[]);
    team.voicemails("sam", priya, &["2026-11-23"]);
    team.reassign_to_lee();
    team.voicemails("lee", priya, &["2026-11-27"]);
    // A file Lee worked alone, for comparison.
    let omar = team.world.add(
        "Omar Haddad",
        &["--company", "Haddad Logistics", "--phone", "555-0133"],
    );
    team.as_rep(MANAGER, &["assign", &omar.to_string(), "lee@example.com"])
        .success();
    team.world.at("2026-11-23T11:00");
    team.voicemails("lee", omar, &["2026-11-23", "2026-11-27"]);

    team.world.at("2026-12-03T08:00");
    let shared = team.next_of("lee", priya, "rescue");
    let script = text(&shared, "script");
    assert!(
        script.contains("We've tried you a few times now, and we don't want"),
        "{script}"
    );
    claims_no_past_touch_of_mine(script);
    // Lee did call before, so his own words elsewhere stay his: the assistant hears "we" too.
    let own = team.next_of("lee", omar, "rescue");
    assert!(
        text(&own, "script").contains("I've tried you a few times now, and I don't want"),
        "{own:#}"
    );

    // The fact is one a team may write its own templates with, and `cadence check` knows it.
    let mine = format!(
        "{}\n[templates.standard]\nrescue = \"Hi {{first_name}}, {{me}} here. {{if \
         handed_over}}My colleagues and I have{{else}}I have{{end}} tried you a few times.{{if \
         new_voice}} This is my first call.{{end}} Call {{my_phone}}.\"\n",
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cadence.toml")).unwrap()
    );
    team.world.write("team.toml", &mine);
    team.world
        .run(&["--cadence", "team.toml", "cadence", "check"])
        .success();
    team.as_rep(MANAGER, &["team", "cadence", "set", "team.toml"])
        .success();
    let shared = team.next_of("lee", priya, "rescue");
    assert!(
        text(&shared, "script").starts_with(
            "Hi Priya, Lee Park here. My colleagues and I have tried you a few times. Call"
        ),
        "{shared:#}"
    );
    let own = team.next_of("lee", omar, "rescue");
    assert!(
        text(&own, "script")
            .starts_with("Hi Omar, Lee Park here. I have tried you a few times. Call"),
        "{own:#}"
    );
    team.world.write(
        "bad.toml",
        mine.replace(
            "{if handed_over}My colleagues",
            "{if handed_ovr}My colleagues",
        ),
    );
    team.world
        .run(&["--cadence", "bad.toml", "cadence", "check"])
        .fails(2)
        .stderr_contains("templates.standard.rescue")
        .stderr_contains("handed_ovr");
}

/// `followup ARGS` as the manager, with her own cadence.toml: her name, company and phone.
fn as_manager_signed(team: &Team, args: &[&str]) -> common::Run {
    let built_in =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cadence.toml")).unwrap();
    let kims = built_in
        .replace("name = \"Sam Carter\"", "name = \"Kim Manager\"")
        .replace("phone = \"555-0100\"", "phone = \"555-0999\"")
        .replace(
            "email = \"sam.carter@example.com\"",
            "email = \"kim@example.com\"",
        );
    let file = team.world.write("kim.toml", kims);
    let url = common::cluster::required_cluster().url(&team.database, &team.role(MANAGER));
    team.world
        .cmd(args)
        .env("FOLLOWUP_DB", url)
        .env("FOLLOWUP_CADENCE", file)
        .run()
}

#[test]
fn the_managers_view_of_a_reps_file_is_signed_as_the_rep_who_will_say_it() {
    let Some(mut team) = Team::new() else { return };
    let priya = team.priya_for("sam", &[]);
    team.voicemails("sam", priya, &["2026-11-23"]);
    team.world.at("2026-11-27T08:00");
    let kim_never = |text: &str| {
        assert!(
            !text.contains("Kim") && !text.contains("555-0999"),
            "the manager's name or number in {text}"
        );
    };

    let run = as_manager_signed(&team, &["today", "--team", "--json"]);
    run.success();
    let list = run.stdout_json();
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == priya)
        .unwrap_or_else(|| panic!("Priya is not in the team's list: {list:#}"));
    assert_eq!(item["owner"], "sam@example.com");
    assert_eq!(
        item["signed_as"],
        serde_json::json!({"name": "Sam Carter", "email": "sam@example.com", "phone": null})
    );
    let script = text(item, "script");
    assert!(
        script.starts_with("Hi Priya, Sam Carter from Harbor Office Supply again."),
        "{script}"
    );
    assert!(script.contains("Reach me on my usual number"), "{script}");
    kim_never(script);
    let email = text(item, "email_body");
    assert!(
        email.ends_with("Sam Carter\nHarbor Office Supply | my usual number"),
        "{email}"
    );
    kim_never(email);
    // The holder's phone is theirs to set, in their own cadence.toml: nothing for Kim to fix.
    assert!(
        !item["missing"]
            .as_array()
            .unwrap()
            .contains(&Value::from("my_phone")),
        "{item:#}"
    );

    // `show` and `script` of the file read the same, and `script` marks the number.
    let shown = as_manager_signed(&team, &["show", &priya.to_string()]);
    shown
        .success()
        .stdout_says("Hi Priya, Sam Carter from Harbor Office Supply again.")
        .stdout_says(
            "Signed as Sam Carter (sam@example.com), who holds the file and will say it; the \
             team keeps no phone for Sam, so \"my usual number\" stands in (`followup rep edit \
             sam@example.com --phone ...` adds it).",
        );
    kim_never(&shown.stdout);
    let script = as_manager_signed(&team, &["script", &priya.to_string()]);
    script
        .success()
        .stdout_says("Hi Priya, Sam Carter from Harbor Office Supply again.")
        .stdout_says(
            "[Sam Carter's number: the team keeps none for them (`followup rep edit \
             sam@example.com --phone ...`); Sam's own script gives it]",
        );
    kim_never(&script.stdout);

    // Her own file, and a file of the pool, she signs herself.
    let own = team.world.add("Omar Haddad", &["--phone", "555-0133"]);
    let pool = as_manager_signed(&team, &["show", &own.to_string(), "--json"]);
    pool.success();
    assert!(
        text(&pool.stdout_json()["next"], "script")
            .starts_with("Hi Omar, it's Kim Manager at Harbor"),
        "{}",
        pool.stdout
    );

    // Sam's own list still signs with his own details.
    let sams = team.next_of("sam", priya, "follow-up");
    assert!(
        text(&sams, "script").starts_with("Hi Priya, Sam Carter from our company again."),
        "{sams:#}"
    );
    assert!(sams.get("signed_as").is_none(), "{sams:#}");
}
