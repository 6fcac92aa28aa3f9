use super::*;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn zone(name: &str) -> Tz {
    parse(name).unwrap()
}

#[test]
fn names_are_iana_names() {
    assert_eq!(parse("Europe/Berlin"), Ok(chrono_tz::Europe::Berlin));
    assert_eq!(
        parse(" America/New_York "),
        Ok(chrono_tz::America::New_York)
    );
    assert!(matches!(parse("Mars/Olympus"), Err(ZoneError::Unknown(_))));
    assert!(matches!(parse(""), Err(ZoneError::Unknown(_))));
}

/// New York moves its clocks on 2026-03-08, Berlin on 2026-03-29: for three weeks they are
/// 5 hours apart instead of 6. 08:15 in New York lands at the right Berlin hour on each side.
#[test]
fn a_new_york_morning_in_berlin_across_both_spring_changes() {
    let (new_york, berlin) = (zone("America/New_York"), zone("Europe/Berlin"));
    let cases = [
        ("2026-03-06 08:15", "2026-03-06 14:15"),
        ("2026-03-09 08:15", "2026-03-09 13:15"),
        ("2026-03-27 08:15", "2026-03-27 13:15"),
        ("2026-03-30 08:15", "2026-03-30 14:15"),
    ];
    for (theirs, mine) in cases {
        assert_eq!(
            convert(at(theirs), new_york, berlin),
            Ok(at(mine)),
            "{theirs}"
        );
        assert_eq!(
            convert(at(mine), berlin, new_york),
            Ok(at(theirs)),
            "{mine}"
        );
    }
}

/// The case of the design notes: a New York salesperson promising Berlin 08:15.
#[test]
fn a_berlin_morning_in_new_york_between_the_changes() {
    let (new_york, berlin) = (zone("America/New_York"), zone("Europe/Berlin"));
    assert_eq!(
        convert(at("2026-03-23 08:15"), berlin, new_york),
        Ok(at("2026-03-23 03:15"))
    );
    assert_eq!(
        convert(at("2026-03-30 08:15"), berlin, new_york),
        Ok(at("2026-03-30 02:15"))
    );
}

#[test]
fn a_time_the_clocks_skip_is_refused_with_the_next_one() {
    let error = convert(
        at("2026-03-08 02:30"),
        zone("America/New_York"),
        zone("Europe/Berlin"),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "2026-03-08 02:30 does not exist in America/New_York (the clocks go forward that night); \
         the next valid time is 03:00"
    );
}

#[test]
fn a_time_that_happens_twice_is_taken_the_first_time() {
    // 01:30 on 2026-11-01 happens in New York on summer time (UTC-4), then on winter time.
    assert_eq!(
        convert(
            at("2026-11-01 01:30"),
            zone("America/New_York"),
            zone("UTC")
        ),
        Ok(at("2026-11-01 05:30"))
    );
}

/// What a team's database keeps for a wall-clock time: the instant [`convert`] reads, and for
/// a skipped time the next one that exists, never a failure.
#[test]
fn a_stored_time_is_the_instant_convert_reads_and_a_skipped_one_the_next_that_exists() {
    let new_york = zone("America/New_York");
    let utc = |time: &str| at(time).and_utc();
    // The repeated hour: the first 01:30 (summer time), as `convert` takes it.
    assert_eq!(
        stored_instant(at("2026-11-01 01:30"), new_york),
        utc("2026-11-01 05:30")
    );
    assert_eq!(
        Ok(stored_instant(at("2026-11-01 01:30"), new_york).naive_utc()),
        convert(at("2026-11-01 01:30"), new_york, zone("UTC"))
    );
    // The skipped hour: 02:30 stands for 03:00 summer time, the time `convert`'s refusal names.
    assert_eq!(
        stored_instant(at("2026-03-08 02:30"), new_york),
        utc("2026-03-08 07:00")
    );
    // An ordinary time, and the far bounds of a range, which no zone can reckon with.
    assert_eq!(
        stored_instant(at("2026-11-23 09:00"), new_york),
        utc("2026-11-23 14:00")
    );
    for name in ["America/New_York", "Asia/Tokyo"] {
        let latest = stored_instant(NaiveDateTime::MAX, zone(name)).naive_utc();
        assert!(latest > at("9999-12-31 00:00"), "{name}: {latest}");
        let earliest = stored_instant(NaiveDateTime::MIN, zone(name)).naive_utc();
        assert!(earliest < at("0001-01-01 00:00"), "{name}: {earliest}");
    }
}

#[test]
fn call_hours_are_a_range_within_a_day() {
    let hours = CallHours::parse("08:00-17:30").unwrap();
    assert_eq!(hours.to_string(), "08:00-17:30");
    for bad in [
        "",
        "8-5",
        "17:30-08:00",
        "08:00-08:00",
        "08:00",
        "25:00-26:00",
    ] {
        assert!(CallHours::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn their_office_hours_in_my_day_follow_their_clock_changes() {
    let hours = CallHours::parse("08:00-17:30").unwrap();
    let (new_york, berlin) = (zone("America/New_York"), zone("Europe/Berlin"));
    let label = |day: &str| {
        window(hours, new_york, berlin, day.parse().unwrap()).map(|window| window.label())
    };
    assert_eq!(label("2026-03-06").as_deref(), Some("14:00-23:30"));
    assert_eq!(label("2026-03-09").as_deref(), Some("13:00-22:30"));
    assert_eq!(label("2026-03-30").as_deref(), Some("14:00-23:30"));
}

#[test]
fn a_working_day_across_my_midnight_is_cut_at_my_day() {
    let hours = CallHours::parse("08:00-17:30").unwrap();
    let berlin = zone("Europe/Berlin");
    let day: NaiveDate = "2026-03-02".parse().unwrap();
    let tokyo = window(hours, zone("Asia/Tokyo"), berlin, day).unwrap();
    assert_eq!(tokyo.label(), "00:00-09:30");
    let same = window(hours, berlin, berlin, day).unwrap();
    assert_eq!(same.label(), "08:00-17:30");
    let late = CallHours::parse("16:00-23:00").unwrap();
    assert_eq!(
        window(late, zone("America/Los_Angeles"), berlin, day)
            .unwrap()
            .label(),
        "01:00-08:00"
    );
}

#[test]
fn advice_depends_on_the_time_now() {
    let hours = CallHours::parse("08:00-17:30").unwrap();
    let (new_york, berlin) = (zone("America/New_York"), zone("Europe/Berlin"));
    let day: NaiveDate = "2026-03-06".parse().unwrap();
    let open = window(hours, new_york, berlin, day);
    assert_eq!(
        advice(open, day, at("2026-03-06 09:00")),
        "from 14:00 to 23:30"
    );
    assert_eq!(
        advice(open, day, at("2026-03-06 15:00")),
        "fits now, until 23:30"
    );
    let evening = window(hours, zone("Asia/Tokyo"), berlin, day);
    assert_eq!(
        advice(evening, day, at("2026-03-06 12:00")),
        "too late today (00:00-09:30)"
    );
    assert_eq!(advice(None, day, at("2026-03-06 12:00")), "not in your day");
}

#[test]
fn a_later_day_gives_the_whole_window() {
    let hours = CallHours::parse("08:00-17:30").unwrap();
    let day: NaiveDate = "2026-03-09".parse().unwrap();
    let open = window(hours, zone("America/New_York"), zone("Europe/Berlin"), day);
    assert_eq!(
        advice(open, day, at("2026-03-06 09:00")),
        "call 13:00-22:30"
    );
}

#[test]
fn a_zone_is_shown_by_its_city() {
    assert_eq!(city(zone("America/New_York")), "New York");
    assert_eq!(city(zone("UTC")), "UTC");
    assert_eq!(named(Some("Nowhere/Else")), None);
}

#[test]
fn two_names_of_one_zone_keep_the_same_clock() {
    assert!(same_clock(zone("UTC"), zone("Etc/UTC")));
    assert!(same_clock(zone("Europe/Kiev"), zone("Europe/Kyiv")));
    assert!(same_clock(zone("US/Eastern"), zone("America/New_York")));
    assert!(
        !same_clock(zone("UTC"), zone("Europe/London")),
        "summer time differs"
    );
    assert!(!same_clock(zone("Europe/Berlin"), zone("Europe/Moscow")));
}
