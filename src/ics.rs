//! Writing iCalendar files (RFC 5545) for the calendar feed of `agenda --ics`.
//!
//! Written by hand because the format needs little: CRLF line endings, text escaping, and
//! lines folded at 75 octets. Events carry floating local times (no time zone), since
//! followup's dates and times are the salesperson's own wall-clock ones.

use chrono::{NaiveDate, NaiveDateTime};

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A whole day.
    Day(NaiveDate),
    /// A moment of the local day, lasting `minutes`.
    At { start: NaiveDateTime, minutes: u32 },
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across runs, so that importing a newer feed updates the event.
    pub uid: String,
    pub when: When,
    pub summary: String,
    pub description: String,
}

/// The whole calendar. `stamp` is when the feed was made, in UTC as DTSTAMP requires.
pub fn calendar(name: &str, events: &[Event], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(&fold(text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//followup//followup {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        match event.when {
            When::Day(day) => {
                line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
                if let Some(next) = day.succ_opt() {
                    line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
                }
                // An all-day reminder should not show the day as busy.
                line("TRANSP:TRANSPARENT");
            }
            When::At { start, minutes } => {
                line(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")));
                line(&format!("DURATION:PT{minutes}M"));
            }
        }
        line(&format!("SUMMARY:{}", escape(&event.summary)));
        line(&format!("DESCRIPTION:{}", escape(&event.description)));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped;
/// other control characters, which the format does not allow, dropped.
pub fn escape(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded so that no line is longer than 75 octets (RFC 5545 3.1): a break
/// and one space before each continuation, never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    if line.len() <= LIMIT {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + line.len() / 37);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_separators_and_line_breaks() {
        assert_eq!(escape("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(escape("one\r\ntwo\nthree"), "one\\ntwo\\nthree");
        assert_eq!(escape("bell\u{7}\tend"), "bell\tend");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert!(
            folded
                .split("\r\n")
                .skip(1)
                .all(|part| part.starts_with(' '))
        );
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(fold("short"), "short");
        let exact = "x".repeat(75);
        assert_eq!(fold(&exact), exact);
    }

    #[test]
    fn a_calendar_has_crlf_lines_and_both_kinds_of_event() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let events = [
            Event {
                uid: "a@followup".into(),
                when: When::Day(day),
                summary: "follow-up, Dana".into(),
                description: "line one\nline two".into(),
            },
            Event {
                uid: "b@followup".into(),
                when: When::At {
                    start: day.and_hms_opt(8, 15, 0).unwrap(),
                    minutes: 15,
                },
                summary: "promised".into(),
                description: String::new(),
            },
        ];
        let text = calendar("followup", &events, day.and_hms_opt(9, 0, 0).unwrap());
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(text.contains("DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\n"));
        assert!(text.contains("DTSTART:20261124T081500\r\nDURATION:PT15M\r\n"));
        assert!(text.contains("SUMMARY:follow-up\\, Dana\r\n"));
        assert!(text.contains("DTSTAMP:20261124T090000Z\r\n"));
    }

    proptest::proptest! {
        /// Any text, escaped and folded, stays within 75 octets a line and unfolds to what
        /// was escaped.
        #[test]
        fn folding_keeps_lines_short_and_loses_nothing(text in "(\\PC|[\\r\\n\\t\\x07]){0,200}") {
            let line = format!("DESCRIPTION:{}", escape(&text));
            let folded = fold(&line);
            for part in folded.split("\r\n") {
                proptest::prop_assert!(part.len() <= 75);
                proptest::prop_assert!(!part.contains(['\r', '\n']));
            }
            proptest::prop_assert_eq!(folded.replace("\r\n ", ""), line);
        }
    }
}
