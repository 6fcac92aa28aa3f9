//! cadence.toml: the built-in file, and how a bad file is refused.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

const USER_FILE: &str = "/home/sam/.config/followup/cadence.toml";

fn user_origin() -> Origin {
    Origin::File(PathBuf::from(USER_FILE))
}

fn parse(text: &str) -> Config {
    Config::parse(text, user_origin()).unwrap_or_else(|error| panic!("refused: {error}"))
}

fn refuse(text: &str) -> ConfigError {
    match Config::parse(text, user_origin()) {
        Ok(_) => panic!("accepted a bad file:\n{text}"),
        Err(error) => error,
    }
}

/// The 1-based line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not in the file"))
        + 1
}

/// A small valid user file; the bad files below each change one thing in it.
const GOOD: &str = r#"[me]
name = "Robin Hale"

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
holidays = ["2026-12-25", "2027-01-01"]

[cadence.standard]
gap_business_days = 4
max_touches = 4
rescue_after = 2
rescue_min_span_days = 10
assistant_step = true
close_after_business_days = 4
recontact_after_days = 90

[cadence.quick]
gap_business_days = 2
promise_time = "09:30"

[templates]
first = "Hi {first_name}, {me} here about {topic}."
"#;

fn changed(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from:?} is not in the good file");
    GOOD.replacen(from, to, 1)
}

// ---------------------------------------------------------------------------------------------
// The built-in file
// ---------------------------------------------------------------------------------------------

#[test]
fn the_built_in_file_parses_with_its_three_cadences() {
    let config = Config::built_in();
    assert_eq!(config.origin, Origin::BuiltIn);
    assert_eq!(
        config.cadence_names(),
        ["as-promised", "nurture", "standard"]
    );
    assert_eq!(config.cadences().count(), 3);
    assert!(config.cadence("no-such-cadence").is_none());
}

#[test]
fn the_built_in_standard_cadence_has_the_documented_knobs() {
    let config = Config::built_in();
    let standard = config.cadence(DEFAULT_CADENCE).expect("standard exists");
    // cadence.md: gap 4, at most 4 touches, rescue after 2 spanning 10 days, assistant on,
    // close 4 business days after the close-out, re-contact 90 days later.
    assert_eq!(
        *standard,
        Cadence {
            name: "standard".to_string(),
            gap_business_days: 4,
            max_touches: Some(4),
            rescue_after: Some(2),
            rescue_min_span_days: 10,
            assistant_step: true,
            close_after_business_days: 4,
            recontact_after_days: 90,
            promise_time: None,
            max_touches_per_day: None,
            drip_every_business_days: Some(60),
        }
    );
    assert_eq!(*standard, Cadence::standard("standard"));
}

#[test]
fn the_built_in_as_promised_cadence_calls_every_business_day_at_08_15() {
    let config = Config::built_in();
    let cadence = config.cadence("as-promised").expect("as-promised exists");
    assert_eq!(cadence.gap_business_days, 1);
    assert_eq!(cadence.max_touches, Some(8));
    assert_eq!(cadence.rescue_after, None);
    assert_eq!(cadence.promise_time, NaiveTime::from_hms_opt(8, 15, 0));
}

#[test]
fn the_built_in_nurture_cadence_is_a_drip_with_no_close_out() {
    let config = Config::built_in();
    let cadence = config.cadence("nurture").expect("nurture exists");
    assert_eq!(cadence.gap_business_days, 60);
    assert_eq!(cadence.max_touches, None);
    assert_eq!(cadence.rescue_after, None);
    assert_eq!(cadence.promise_time, None);
}

#[test]
fn the_built_in_file_has_a_calendar_me_and_a_message_for_every_step() {
    let config = Config::built_in();
    assert!(config.calendar.is_business_day(date("2026-12-24")));
    assert!(!config.calendar.is_business_day(date("2026-12-25")));
    assert!(!config.calendar.is_business_day(date("2027-01-01")));
    assert!(
        !config.calendar.is_business_day(date("2026-11-28")),
        "a Saturday"
    );
    assert!(config.me.name.is_some());
    assert_eq!(config.templates.steps_without_script().count(), 0);
    for step in Step::ALL.iter().filter(|step| **step != Step::Promised) {
        let script = config.templates.get(*step, Part::Script).unwrap();
        assert!(templates::check(script).is_ok(), "the {step} template");
    }
    let rescue = config.templates.get(Step::Rescue, Part::Script).unwrap();
    assert!(
        rescue.contains("{next_step}"),
        "the rescue recalls the agreed next step"
    );
    let kept = config
        .templates
        .opening_for("standard", Opening::Kept, Part::Script)
        .unwrap();
    assert!(kept.contains("the call I promised"));
    assert!(
        config
            .templates
            .opening_for("standard", Opening::Missed, Part::Script)
            .unwrap()
            .contains("apology")
    );
}

// ---------------------------------------------------------------------------------------------
// A user's file
// ---------------------------------------------------------------------------------------------

#[test]
fn a_good_user_file_is_read_as_written() {
    let config = parse(GOOD);
    assert_eq!(config.origin, user_origin());
    assert_eq!(config.cadence_names(), ["quick", "standard"]);
    let quick = config.cadence("quick").unwrap();
    assert_eq!(quick.gap_business_days, 2);
    assert_eq!(quick.promise_time, NaiveTime::from_hms_opt(9, 30, 0));
    // What a table leaves out takes the standard cadence's value.
    assert_eq!(
        *quick,
        Cadence {
            gap_business_days: 2,
            promise_time: NaiveTime::from_hms_opt(9, 30, 0),
            ..Cadence::standard("quick")
        }
    );
    assert_eq!(config.me.name.as_deref(), Some("Robin Hale"));
    // [me] fields the file leaves out stay out: never the example's details.
    assert_eq!(config.me.phone, None);
    assert_eq!(
        config.templates.get(Step::First, Part::Script),
        Some("Hi {first_name}, {me} here about {topic}.")
    );
}

#[test]
fn a_user_file_without_templates_uses_the_built_in_ones() {
    let config = parse("[cadence.standard]\n");
    assert_eq!(config.templates, Config::built_in().templates);
    // The calendar is the file's own: Monday to Friday, no holidays.
    assert!(config.calendar.is_business_day(date("2026-12-25")));
    assert_eq!(
        config.cadence("standard"),
        Some(&Cadence::standard("standard"))
    );
}

#[test]
fn a_template_the_file_leaves_out_comes_from_the_built_in_file() {
    let config = parse(GOOD);
    let built_in = Config::built_in();
    assert_eq!(
        config.templates.get(Step::Rescue, Part::Script),
        built_in.templates.get(Step::Rescue, Part::Script)
    );
    assert_eq!(
        config.templates.get(Step::First, Part::Email),
        built_in.templates.get(Step::First, Part::Email)
    );
}

#[test]
fn holidays_may_be_toml_date_literals() {
    let config = parse(&changed(
        r#"holidays = ["2026-12-25", "2027-01-01"]"#,
        "holidays = [2026-11-26, 2026-11-27]",
    ));
    assert!(!config.calendar.is_business_day(date("2026-11-26")));
    assert!(!config.calendar.is_business_day(date("2026-11-27")));
    assert_eq!(
        config.calendar.add_business_days(date("2026-11-23"), 4),
        date("2026-12-01")
    );
}

#[test]
fn workdays_are_the_files_own() {
    let config = parse(&changed(
        r#"workdays = ["mon", "tue", "wed", "thu", "fri"]"#,
        r#"workdays = ["Mon", "tue", "wed", "thu", "sat"]"#,
    ));
    assert!(
        config.calendar.is_business_day(date("2026-11-28")),
        "a Saturday"
    );
    assert!(
        !config.calendar.is_business_day(date("2026-11-27")),
        "a Friday"
    );
    assert_eq!(
        config.calendar,
        Calendar::new(
            [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Sat
            ],
            [date("2026-12-25"), date("2027-01-01")],
        )
        .unwrap()
    );
}

#[test]
fn a_file_on_disk_is_loaded_and_its_errors_name_it() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("cadence.toml");
    std::fs::write(&path, GOOD).unwrap();
    let config = Config::load(&path).unwrap();
    assert_eq!(config.origin, Origin::File(path.clone()));

    std::fs::write(&path, changed("max_touches = 4", "max_touches = -4")).unwrap();
    let error = Config::load(&path).unwrap_err();
    assert_eq!(error.file, path.display().to_string());
    assert!(error.to_string().starts_with(&path.display().to_string()));

    let missing = folder.path().join("nope.toml");
    let error = Config::load(&missing).unwrap_err();
    assert_eq!(error.file, missing.display().to_string());
    assert!(
        error.message.contains("cadence init"),
        "a missing file says how to make it: {error}"
    );

    std::fs::write(&path, b"[cadence.standard]\nmax_touches = \xff\n").unwrap();
    let error = Config::load(&path).unwrap_err();
    assert!(error.message.contains("UTF-8"), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Bad files are refused with the key and the line
// ---------------------------------------------------------------------------------------------

/// (what is wrong, the file, the key at fault, text on the line at fault)
fn bad_files() -> Vec<(&'static str, String, &'static str, &'static str)> {
    vec![
        (
            "a negative number",
            changed("max_touches = 4", "max_touches = -1"),
            "cadence.standard.max_touches",
            "max_touches = -1",
        ),
        (
            "a number written as a word",
            changed("max_touches = 4", r#"max_touches = "four""#),
            "cadence.standard.max_touches",
            "max_touches =",
        ),
        (
            "a yes/no written as a word",
            changed("assistant_step = true", r#"assistant_step = "yes""#),
            "cadence.standard.assistant_step",
            "assistant_step =",
        ),
        (
            "a name that is not text",
            changed(r#"name = "Robin Hale""#, "name = 7"),
            "me.name",
            "name = 7",
        ),
        (
            "workdays that are not a list",
            changed(
                r#"workdays = ["mon", "tue", "wed", "thu", "fri"]"#,
                r#"workdays = "mon""#,
            ),
            "calendar.workdays",
            "workdays =",
        ),
        (
            "a wrong type inside a list written over several lines",
            changed(
                r#"workdays = ["mon", "tue", "wed", "thu", "fri"]"#,
                "workdays = [\n  \"mon\",\n  3,\n]",
            ),
            "calendar.workdays",
            "  3,",
        ),
        (
            "a rescue that cannot come before the close-out",
            changed("max_touches = 4", "max_touches = 3"),
            "cadence.standard.rescue_after",
            "rescue_after = 2",
        ),
        (
            "a bad holiday date",
            changed(r#""2027-01-01""#, r#""2027-02-30""#),
            "calendar.holidays",
            "holidays =",
        ),
        (
            "a holiday that is not a date at all",
            changed(r#""2027-01-01""#, r#""new year""#),
            "calendar.holidays",
            "holidays =",
        ),
        (
            "a holiday with a time",
            changed(r#""2027-01-01""#, "2027-01-01T10:00:00"),
            "calendar.holidays",
            "holidays =",
        ),
        (
            "an unknown weekday",
            changed(r#""fri"]"#, r#""fry"]"#),
            "calendar.workdays",
            "workdays =",
        ),
        (
            "no workday at all",
            changed(r#"["mon", "tue", "wed", "thu", "fri"]"#, "[]"),
            "calendar.workdays",
            "workdays =",
        ),
        (
            "a bad promise time",
            changed(r#"promise_time = "09:30""#, r#"promise_time = "9h30""#),
            "cadence.quick.promise_time",
            "promise_time =",
        ),
        (
            "a promise time out of range",
            changed(r#"promise_time = "09:30""#, r#"promise_time = "25:00""#),
            "cadence.quick.promise_time",
            "promise_time =",
        ),
        (
            "an unknown template placeholder",
            changed("{first_name}, {me}", "{frist_name}, {me}"),
            "templates.first",
            "first = ",
        ),
        (
            "an unclosed brace in a template",
            changed("{first_name}, {me}", "{first_name, {me}"),
            "templates.first",
            "first = ",
        ),
        (
            "an unknown template key",
            changed("first = ", "rescue_body = "),
            "templates.rescue_body",
            "rescue_body = ",
        ),
        (
            "an unknown placeholder in a cadence's own template",
            format!(
                "{GOOD}\n[templates.quick]\npromised = \"Calling as promised, {{frist_name}}\"\n"
            ),
            "templates.quick.promised",
            "promised = ",
        ),
        (
            "an unknown template key in a cadence's own table",
            format!("{GOOD}\n[templates.quick]\npromised_body = \"Hi\"\n"),
            "templates.quick.promised_body",
            "promised_body = ",
        ),
        (
            "a cadence's own template that is not text",
            format!("{GOOD}\n[templates.quick]\npromised = 3\n"),
            "templates.quick.promised",
            "promised = 3",
        ),
        (
            "own templates for a cadence the file does not define",
            format!("{GOOD}\n[templates.slow]\npromised = \"Hi {{first_name}}\"\n"),
            "templates.slow",
            "[templates.slow]",
        ),
        (
            "a template that is neither text nor a table",
            changed(
                "first = \"Hi {first_name}, {me} here about {topic}.\"",
                "first = 3",
            ),
            "templates.first",
            "first = 3",
        ),
        (
            "a gap of 0",
            changed("gap_business_days = 4", "gap_business_days = 0"),
            "cadence.standard.gap_business_days",
            "gap_business_days = 0",
        ),
        (
            "a number too large to plan with",
            changed(
                "recontact_after_days = 90",
                "recontact_after_days = 99999999",
            ),
            "cadence.standard.recontact_after_days",
            "recontact_after_days =",
        ),
    ]
}

#[test]
fn bad_files_are_refused_with_the_key_and_its_line() {
    for (what, text, key, line) in bad_files() {
        let error = refuse(&text);
        assert_eq!(error.file, USER_FILE, "{what}");
        assert_eq!(error.key.as_deref(), Some(key), "{what}: {error}");
        assert_eq!(error.line, Some(line_of(&text, line)), "{what}: {error}");
        let shown = error.to_string();
        assert!(shown.contains(USER_FILE), "{what}: {shown}");
        assert!(shown.contains(key), "{what}: {shown}");
        assert!(
            shown.contains(&format!("line {}", line_of(&text, line))),
            "{what}: {shown}"
        );
    }
}

#[test]
fn the_unknown_placeholder_and_the_template_are_both_named() {
    let error = refuse(&format!(
        "{GOOD}\n[templates.quick]\npromised = \"Calling as promised, {{frist_name}}\"\n"
    ));
    let shown = error.to_string();
    assert!(shown.contains("templates.quick.promised"), "{shown}");
    assert!(shown.contains("{frist_name}"), "{shown}");
    let error = refuse(&format!("{GOOD}\n[templates.slow]\nfirst = \"Hi\"\n"));
    let shown = error.to_string();
    assert!(
        shown.contains("no cadence 'slow'") && shown.contains("quick, standard"),
        "{shown}"
    );
}

#[test]
fn a_cadence_own_templates_override_the_shared_ones_step_by_step() {
    let config = parse(&format!(
        "{GOOD}\n[templates.quick]\nfire = \"Closing it, {{first_name}}.\"\nfirst_subject = \"Quick: {{topic}}\"\n"
    ));
    let built_in = Config::built_in();
    let templates = &config.templates;
    assert_eq!(
        templates.for_cadence("quick", Step::Fire, Part::Script),
        Some("Closing it, {first_name}.")
    );
    assert_eq!(
        templates.for_cadence("quick", Step::First, Part::Subject),
        Some("Quick: {topic}")
    );
    // What the cadence leaves out is the shared message: the file's own, else the built-in.
    assert_eq!(
        templates.for_cadence("quick", Step::First, Part::Script),
        Some("Hi {first_name}, {me} here about {topic}.")
    );
    assert_eq!(
        templates.for_cadence("quick", Step::Fire, Part::Email),
        built_in.templates.get(Step::Fire, Part::Email)
    );
    // Other cadences keep the shared messages.
    assert_eq!(
        templates.for_cadence("standard", Step::Fire, Part::Script),
        built_in.templates.get(Step::Fire, Part::Script)
    );
    assert_eq!(templates.own_count("quick"), 2);
    assert_eq!(templates.own_count("standard"), 0);
}

#[test]
fn an_older_file_with_promised_messages_is_still_read_and_the_openings_come_from_the_built_in() {
    // Before a promise kept the step (issue 10), `promised` was a step with its own messages;
    // users' copies of cadence.toml still hold them. They are read, and no longer used.
    let config = parse(&format!(
        "{GOOD}\npromised = \"Hi {{first_name}}, calling as promised.\"\n"
    ));
    let built_in = Config::built_in();
    for opening in Opening::ALL {
        assert_eq!(
            config.templates.opening_for("quick", opening, Part::Script),
            built_in
                .templates
                .opening_for("standard", opening, Part::Script)
        );
    }
    let own = parse(&format!(
        "{GOOD}\n[templates.quick]\npromise-kept = \"Right on time, {{first_name}}.\"\n"
    ));
    assert_eq!(
        own.templates
            .opening_for("quick", Opening::Kept, Part::Script),
        Some("Right on time, {first_name}.")
    );
}

#[test]
fn the_rescue_rule_only_applies_when_both_are_set() {
    // rescue_after + 2 == max_touches is the tightest that works.
    parse(&changed("max_touches = 4", "max_touches = 4"));
    // No close-out, or no rescue: nothing to come before.
    parse(&changed("max_touches = 4", "max_touches = 0"));
    parse(&changed("rescue_after = 2", "rescue_after = 0").replacen(
        "max_touches = 4",
        "max_touches = 1",
        1,
    ));
    let error = refuse(&changed("rescue_after = 2", "rescue_after = 3"));
    assert_eq!(error.key.as_deref(), Some("cadence.standard.rescue_after"));
    assert!(error.message.contains("max_touches"), "{error}");
}

#[test]
fn an_unknown_key_is_refused_at_its_line_naming_it() {
    let text = changed("gap_business_days = 4", "gap_days = 4");
    let error = refuse(&text);
    assert_eq!(error.file, USER_FILE);
    assert_eq!(error.line, Some(line_of(&text, "gap_days")));
    assert!(error.to_string().contains("gap_days"), "{error}");
}

#[test]
fn unknown_keys_are_refused_in_every_table() {
    for (from, to, name) in [
        ("[me]\n", "[me]\nnickname = \"Rob\"\n", "nickname"),
        ("[calendar]\n", "[calendar]\nweekends = []\n", "weekends"),
        (
            "[cadence.standard]\n",
            "[cadence.standard]\nmax_touch = 3\n",
            "max_touch",
        ),
        ("[me]\n", "[mee]\nname = \"x\"\n\n[me]\n", "mee"),
    ] {
        let text = changed(from, to);
        let error = refuse(&text);
        assert_eq!(error.line, Some(line_of(&text, name)), "{name}: {error}");
        assert!(error.to_string().contains(name), "{name}: {error}");
    }
}

#[test]
fn a_file_without_the_standard_cadence_is_refused() {
    let text = GOOD.replacen("[cadence.standard]", "[cadence.usual]", 1);
    let error = refuse(&text);
    assert_eq!(error.key.as_deref(), Some("cadence.standard"));
    assert!(error.message.contains("[cadence.standard]"), "{error}");
}

#[test]
fn a_file_that_is_not_toml_is_refused_at_its_line() {
    let text = changed("max_touches = 4", "max_touches = = 4");
    let error = refuse(&text);
    assert_eq!(error.line, Some(line_of(&text, "max_touches = = 4")));
    let text = changed("max_touches = 4", r#"max_touches = "four""#);
    let error = refuse(&text);
    assert_eq!(error.line, Some(line_of(&text, "max_touches")));
}

// ---------------------------------------------------------------------------------------------
// rules_fingerprint
// ---------------------------------------------------------------------------------------------

#[test]
fn the_rules_fingerprint_follows_the_knobs_and_not_the_templates() {
    let base = parse(GOOD).rules_fingerprint();
    assert_eq!(
        parse(GOOD).rules_fingerprint(),
        base,
        "stable for the same file"
    );

    for (from, to) in [
        ("gap_business_days = 4", "gap_business_days = 5"),
        ("max_touches = 4", "max_touches = 5"),
        ("rescue_min_span_days = 10", "rescue_min_span_days = 11"),
        ("assistant_step = true", "assistant_step = false"),
        (
            "close_after_business_days = 4",
            "close_after_business_days = 3",
        ),
        ("recontact_after_days = 90", "recontact_after_days = 60"),
        (r#"promise_time = "09:30""#, r#"promise_time = "09:45""#),
        (r#""2027-01-01""#, r#""2027-01-04""#),
        (r#""fri"]"#, r#""fri", "sat"]"#),
    ] {
        assert_ne!(
            parse(&changed(from, to)).rules_fingerprint(),
            base,
            "changing {from:?} to {to:?}"
        );
    }

    let unchanged = [
        changed("{me} here about", "{me} calling about"),
        changed(
            "[templates]\n",
            "[templates]\nrescue = \"Shall I close the file, {first_name}?\"\n",
        ),
        changed(r#"name = "Robin Hale""#, r#"name = "Robin Q. Hale""#),
        format!("{GOOD}\n# a comment\n"),
    ];
    for text in unchanged {
        assert_eq!(parse(&text).rules_fingerprint(), base, "for:\n{text}");
    }
}

#[test]
fn a_reps_row_fills_only_what_their_own_me_leaves_out() {
    // No file of their own: the row's name and email, none of the example's details.
    let mut bare = Config::built_in();
    bare.sign_as_rep("Ana Lima", "ana@example.com", None);
    assert_eq!(
        bare.me,
        Me {
            name: Some("Ana Lima".into()),
            company: None,
            phone: None,
            email: Some("ana@example.com".into()),
        }
    );
    assert_eq!(bare.me_origin, Origin::Rep);
    // The phone the team keeps for them, when it keeps one.
    let mut with_phone = Config::built_in();
    with_phone.sign_as_rep("Ana Lima", "ana@example.com", Some("555-0177"));
    assert_eq!(with_phone.me.phone.as_deref(), Some("555-0177"));
    assert_eq!(with_phone.me.company, None);

    // A file of their own wins where it speaks.
    let mut own =
        parse("[me]\nname = \"Bobby Chen\"\nphone = \"555-0199\"\n\n[cadence.standard]\n");
    own.sign_as_rep("Bo Chen", "bo@example.com", Some("555-0100"));
    assert_eq!(own.me.name.as_deref(), Some("Bobby Chen"));
    assert_eq!(own.me.phone.as_deref(), Some("555-0199"));
    assert_eq!(own.me.email.as_deref(), Some("bo@example.com"));
    assert_eq!(own.me_origin, user_origin());
}

/// The built-in file's templates are not checked when it is read (every command reads it):
/// this test is their check.
#[test]
fn every_template_of_the_built_in_file_checks() {
    let raw: toml::Table = toml::from_str(BUILT_IN).expect("the built-in file is TOML");
    let mut checked = 0;
    let mut check = |key: &str, value: &toml::Value| {
        let text = value
            .as_str()
            .unwrap_or_else(|| panic!("{key} is not text"));
        if let Err(error) = templates::check(text) {
            panic!("the built-in template {key} is refused: {error}");
        }
        checked += 1;
    };
    for (key, value) in raw["templates"].as_table().expect("a [templates] table") {
        match value.as_table() {
            Some(own) => own
                .iter()
                .for_each(|(name, text)| check(&format!("{key}.{name}"), text)),
            None => check(key, value),
        }
    }
    assert!(checked > 30, "only {checked} templates were found");
}
