//! Reading holiday calendars: the fixture shaped like a published one, and the corners of the
//! format that such files use.

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn fixture() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/holidays-us.ics"
    );
    std::fs::read_to_string(path).unwrap()
}

/// A calendar around the given events, with CRLF line ends.
fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\nPRODID:-//test//EN\nVERSION:2.0\n{events}END:VCALENDAR\n")
        .replace('\n', "\r\n")
}

fn days(file: &HolidayFile) -> Vec<String> {
    file.holidays.iter().map(|h| h.date.to_string()).collect()
}

#[test]
fn a_published_calendar_gives_its_all_day_events() {
    let file = read(&fixture()).unwrap();
    let in_2026: Vec<(String, &str)> = file
        .holidays
        .iter()
        .filter(|holiday| holiday.date.to_string().starts_with("2026"))
        .map(|holiday| (holiday.date.to_string(), holiday.name.as_str()))
        .collect();
    assert_eq!(
        in_2026,
        [
            ("2026-05-25".to_string(), "Memorial Day"),
            ("2026-07-04".to_string(), "Independence Day"),
            ("2026-11-26".to_string(), "Thanksgiving Day"),
            ("2026-11-27".to_string(), "Day after Thanksgiving"),
            ("2026-12-25".to_string(), "Christmas Day"),
        ]
    );
    assert!(file.holidays.iter().any(|h| h.date == date("2027-01-18")));
    // The yearly rules go on: Memorial Day 2027 is the last Monday of May.
    assert!(file.holidays.iter().any(|h| h.date == date("2027-05-31")));
    assert!(file.holidays.iter().any(|h| h.date == date("2099-07-04")));
    assert!(!file.holidays.iter().any(|h| h.date > date("2099-12-31")));
    // The timed event is named as left out, not taken as a day off.
    assert!(!file.holidays.iter().any(|h| h.date == date("2026-11-03")));
    assert_eq!(
        file.skipped,
        ["1 timed event left out: only all-day events are days off"]
    );
}

#[test]
fn the_fixture_is_valid_for_a_real_parser_too() {
    let text = fixture();
    let parsed: icalendar::Calendar = text.parse().unwrap();
    assert_eq!(parsed.components.len(), 8);
}

#[test]
fn dtend_is_exclusive_and_duration_counts_days_or_weeks() {
    let file = read(&calendar(
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261227\nSUMMARY:Christmas break\nEND:VEVENT\n\
         BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270301\nDURATION:P1W\nSUMMARY:Ski week\nEND:VEVENT\n\
         BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270601\nDTEND;VALUE=DATE:20270601\nSUMMARY:Zero length\nEND:VEVENT\n",
    ))
    .unwrap();
    let days = days(&file);
    assert_eq!(&days[..3], ["2026-12-24", "2026-12-25", "2026-12-26"]);
    assert_eq!(days.iter().filter(|d| d.starts_with("2027-03")).count(), 7);
    assert!(days.contains(&"2027-06-01".to_string()));
}

#[test]
fn a_date_without_value_date_is_still_a_date() {
    let file = read(&calendar(
        "BEGIN:VEVENT\nDTSTART:20261225\nSUMMARY:Christmas\nEND:VEVENT\n",
    ))
    .unwrap();
    assert_eq!(days(&file), ["2026-12-25"]);
}

#[test]
fn exdate_rdate_overrides_and_cancellations() {
    let file = read(&calendar(
        "BEGIN:VEVENT\nUID:boxing\nDTSTART;VALUE=DATE:20261226\nRRULE:FREQ=YEARLY;COUNT=3\n\
         EXDATE;VALUE=DATE:20271226\nRDATE;VALUE=DATE:20300101,20300102\nSUMMARY:Boxing Day\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:boxing\nRECURRENCE-ID;VALUE=DATE:20281226\nDTSTART;VALUE=DATE:20281227\nSUMMARY:Boxing Day (observed)\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:gone\nDTSTART;VALUE=DATE:20261231\nSTATUS:CANCELLED\nSUMMARY:Cancelled\nEND:VEVENT\n",
    ))
    .unwrap();
    assert_eq!(
        days(&file),
        ["2026-12-26", "2028-12-27", "2030-01-01", "2030-01-02"]
    );
    assert_eq!(file.holidays[1].name, "Boxing Day (observed)");
}

#[test]
fn an_unsupported_rule_counts_its_first_date_and_says_so() {
    let file = read(&calendar(
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260406\nRRULE:FREQ=MONTHLY;BYDAY=1MO\nSUMMARY:Team day\nEND:VEVENT\n",
    ))
    .unwrap();
    assert_eq!(days(&file), ["2026-04-06"]);
    assert_eq!(file.skipped.len(), 1);
    assert!(
        file.skipped[0].contains("'Team day' (line 6)"),
        "{:?}",
        file.skipped
    );
    assert!(
        file.skipped[0].contains("FREQ=MONTHLY"),
        "{:?}",
        file.skipped
    );
}

#[test]
fn names_of_one_day_are_joined_and_alarms_do_not_leak() {
    let file = read(&calendar(
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nSUMMARY:Christmas Day\nBEGIN:VALARM\nACTION:DISPLAY\nSUMMARY:Alarm\nEND:VALARM\nEND:VEVENT\n\
         BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nSUMMARY:Bank holiday\\, UK\nEND:VEVENT\n",
    ))
    .unwrap();
    assert_eq!(file.holidays.len(), 1);
    assert_eq!(file.holidays[0].name, "Christmas Day / Bank holiday, UK");
}

#[test]
fn broken_files_are_refused_with_the_line() {
    for (text, line, says) in [
        ("", None, "empty"),
        (
            "Subject,Start Date\nChristmas,2026-12-25\n",
            Some(1),
            "BEGIN:VCALENDAR",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\n",
            Some(2),
            "never closed",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n",
            Some(3),
            "closes BEGIN:VEVENT of line 2",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-12-25\nEND:VEVENT\nEND:VCALENDAR\n",
            Some(3),
            "not a date",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nDURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR\n",
            Some(4),
            "whole days",
        ),
    ] {
        let error = read(text).unwrap_err();
        assert_eq!(error.line, line, "{text:?}: {error}");
        assert!(error.to_string().contains(says), "{text:?}: {error}");
    }
}

proptest::proptest! {
    /// No input makes the reader panic.
    #[test]
    fn any_text_is_read_or_refused(text in "(BEGIN:VCALENDAR\r\n|BEGIN:VEVENT\r\n|END:VEVENT\r\n|DTSTART;VALUE=DATE:2026122[0-9]\r\n|RRULE:FREQ=YEARLY;[A-Z=0-9;,+-]{0,20}\r\n|DTEND:[0-9T]{0,16}\r\n|DURATION:P[0-9]{0,4}[DW]\r\n| [a-z]{0,5}\r\n|\\PC{0,20}\r\n){0,20}") {
        let _ = read(&text);
    }
}
