//! `go`: one action of the morning list as a card (who, how, why, what to say), the keys
//! that log it, and the tally at the end of a sitting. Text only: `go` itself reads the keys.

use chrono::NaiveDateTime;

use super::sanitize::{clean, clean_lines};
use super::view::ActionView;
use super::{Width, agenda, plural, table};
use crate::domain::{Channel, Outcome, Step};

/// The key that logs each outcome, in the order the keys are offered: what usually happens
/// on a call or an email first, the answers after.
pub const OUTCOME_KEYS: [(char, Outcome); 8] = [
    ('v', Outcome::Voicemail),
    ('n', Outcome::NoAnswer),
    ('c', Outcome::Connected),
    ('s', Outcome::Sent),
    ('b', Outcome::Bounced),
    ('r', Outcome::Replied),
    ('m', Outcome::Meeting),
    ('d', Outcome::Declined),
];

/// The outcome a key logs on `channel`, if it is one that channel can have.
pub fn outcome_of(key: char, channel: Channel) -> Option<Outcome> {
    OUTCOME_KEYS
        .iter()
        .find(|(letter, outcome)| *letter == key && channel.allows(*outcome))
        .map(|(_, outcome)| *outcome)
}

/// What the card shows besides the action itself.
#[derive(Debug, Clone, Default)]
pub struct Around {
    /// "3 of 12".
    pub place: (usize, usize),
    /// The note of the latest attempt that has one.
    pub last_note: Option<String>,
    /// Their clock now and where, when their zone keeps another time than yours.
    pub their_now: Option<(NaiveDateTime, String)>,
}

/// The card's heading: place, who, company. `go` shows it in bold where colour is allowed.
pub fn heading(view: &ActionView, around: &Around, width: Width) -> String {
    let (at, of) = around.place;
    let who = match &view.company {
        Some(company) => format!("{}, {}", clean(&view.name), clean(company)),
        None => clean(&view.name).into_owned(),
    };
    table::hanging(&format!("{at} of {of}: {who}"), "", "  ", width)
}

/// The body of the card, under its heading: the step, how to reach them, why, the last
/// note, and the message (with the email that goes beside a call).
pub fn body(view: &ActionView, around: &Around, width: Width) -> String {
    let line = |text: &str| format!("{}\n", table::hanging(text, "  ", "    ", width));
    let block = |text: &str| format!("{}\n", table::indented(text, "    ", width));
    let mut step = view.step.to_string();
    match view.touch_label() {
        label if label.is_empty() => {}
        label => step.push_str(&format!(", touch {}", label.replace('/', " of "))),
    }
    let when = agenda::when(view);
    step.push_str(&match view.time {
        Some(_) => format!(", promised for {when}"),
        None if when == "today" => ", due today".to_string(),
        None => format!(", {when}"),
    });
    let mut out = line(&step);
    let how = match view.step {
        Step::Close => format!(
            "to do: followup close {} --reason no-response (k skips it)",
            view.id
        ),
        _ => view.how(),
    };
    out.push_str(&line(&how));
    if let Some((their, city)) = &around.their_now {
        out.push_str(&line(&format!(
            "Their time now: {} ({})",
            their.format("%a %H:%M"),
            clean(city)
        )));
    }
    out.push_str(&line(&format!("Why: {}", view.reason)));
    if let Some(note) = &around.last_note {
        out.push_str(&line(&format!("Last note: {}", clean(note))));
    }
    out.push('\n');
    let is_email = view.channel == Some(Channel::Email) && view.step != Step::Close;
    if let (true, Some(subject)) = (is_email, &view.email_subject) {
        out.push_str(&block(&format!("Subject: {}", clean(subject))));
        out.push('\n');
    }
    out.push_str(&block(&clean_lines(&view.script)));
    if let (false, Some(email), Some(subject), Some(body)) =
        (is_email, &view.email, &view.email_subject, &view.email_body)
    {
        out.push('\n');
        out.push_str(&line(&format!(
            "Email beside the call, to {}: \"{}\"",
            clean(email),
            clean(subject)
        )));
        out.push_str(&block(&clean_lines(body)));
    }
    // The value item the message carries, or the command that adds one when none is left.
    if let Some(value) = super::value::value_line(view, view.id) {
        out.push('\n');
        out.push_str(&line(&value));
    }
    out
}

/// The keys of this card, one line for the outcomes its channel can have and one for the
/// rest.
pub fn keys(channel: Option<Channel>, step: Step, width: Width) -> String {
    let outcomes: Vec<String> = match channel {
        Some(channel) if step != Step::Close => OUTCOME_KEYS
            .iter()
            .filter(|(_, outcome)| channel.allows(*outcome))
            .map(|(key, outcome)| format!("{key} {}", outcome.as_str().replace('-', " ")))
            .collect(),
        _ => Vec::new(),
    };
    let mut out = String::from("\n");
    if let Some(channel) = channel.filter(|_| !outcomes.is_empty()) {
        let text = format!("{channel}: {}", outcomes.join(", "));
        out.push_str(&table::hanging(&text, "  ", "    ", width));
        out.push('\n');
    }
    out.push_str(&table::hanging(
        "k skip, u undo, o file, q quit, ? keys",
        "  ",
        "    ",
        width,
    ));
    out.push('\n');
    out
}

/// What can follow an outcome before it is logged.
pub fn after_outcome(outcome: Outcome, width: Width) -> String {
    let text = format!(
        "{}: p promise a call back, x agreed next date, t note; Enter logs it, Esc goes back",
        outcome.as_str()
    );
    format!("\n{}\n", table::hanging(&text, "  ", "    ", width))
}

/// The entry as it stands after a prompt: what Enter will log.
pub fn draft(
    outcome: Outcome,
    promise: Option<NaiveDateTime>,
    next: Option<chrono::NaiveDate>,
    note: Option<&str>,
    width: Width,
) -> String {
    let mut parts = vec![outcome.as_str().to_string()];
    if let Some(at) = promise {
        parts.push(format!("promise {}", at.format("%a %Y-%m-%d %H:%M")));
    }
    if let Some(on) = next {
        parts.push(format!("next step {}", super::day(on)));
    }
    if let Some(note) = note.filter(|note| !note.trim().is_empty()) {
        parts.push(format!("note \"{}\"", clean(note.trim())));
    }
    let text = format!(
        "To log: {}. Enter logs it; p, x, t change it; Esc goes back",
        parts.join(", ")
    );
    format!("{}\n", table::hanging(&text, "  ", "    ", width))
}

/// `?`: every key, and what is written when.
pub fn help(width: Width) -> String {
    let rows = [
        "Call: v voicemail, n no answer, c connected, r replied, m meeting, d declined.",
        "Email or text: s sent, b bounced, r replied, m meeting, d declined.",
        "After the outcome: p promise a call back, x agreed next date, t note; Enter logs \
         it, Esc goes back to the outcomes.",
        "k skips the action for now (it stays due), u takes back the last entry of this \
         sitting, o opens the prospect's whole file, q quits with a summary.",
        "Each entry is written when Enter is pressed, as `followup log` writes it; Ctrl-C \
         stops without writing the entry in progress.",
    ];
    let mut out = String::from("\n");
    for row in rows {
        out.push_str(&table::hanging(row, "  ", "    ", width));
        out.push('\n');
    }
    out
}

/// The tally of a sitting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: usize,
    pub skipped: usize,
    pub left: usize,
    /// Who was promised a call back, and when.
    pub promises: Vec<(String, NaiveDateTime)>,
}

/// The summary at the end of a sitting.
pub fn summary(tally: &Tally, width: Width) -> String {
    let promises = match tally.promises.len() {
        0 => "no promise made".to_string(),
        count => format!("{} made", plural(count as i64, "promise")),
    };
    let text = format!(
        "Done {}, skipped {}, left {}; {promises}.",
        tally.done, tally.skipped, tally.left
    );
    let mut out = table::hanging(&text, "", "  ", width);
    out.push('\n');
    for (name, at) in &tally.promises {
        let text = format!("Call {} {}", clean(name), at.format("%a %Y-%m-%d at %H:%M"));
        out.push_str(&table::hanging(&text, "  ", "    ", width));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_logs_only_an_outcome_its_channel_can_have() {
        assert_eq!(outcome_of('v', Channel::Call), Some(Outcome::Voicemail));
        assert_eq!(outcome_of('s', Channel::Email), Some(Outcome::Sent));
        assert_eq!(outcome_of('v', Channel::Email), None);
        assert_eq!(outcome_of('s', Channel::Call), None);
        assert_eq!(outcome_of('k', Channel::Call), None);
    }

    #[test]
    fn every_outcome_has_one_key() {
        for (index, (key, outcome)) in OUTCOME_KEYS.iter().enumerate() {
            assert!(
                OUTCOME_KEYS[index + 1..]
                    .iter()
                    .all(|(other_key, other)| other_key != key && other != outcome)
            );
            assert!(!"kuoqptx".contains(*key), "{key} is taken by another key");
        }
    }

    #[test]
    fn the_keys_fit_80_columns() {
        let width = Width::new(80);
        let text = keys(Some(Channel::Call), Step::FollowUp, width) + &help(width);
        for line in text.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
        assert!(
            text.contains("v voicemail, n no answer, c connected"),
            "{text}"
        );
        assert!(!keys(None, Step::FollowUp, width).contains("voicemail"));
    }

    #[test]
    fn the_summary_counts_and_names_the_promises() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|day| day.and_hms_opt(8, 15, 0))
            .unwrap();
        let tally = Tally {
            done: 5,
            skipped: 1,
            left: 2,
            promises: vec![("Ann Ames".to_string(), at)],
        };
        assert_eq!(
            summary(&tally, Width::new(80)),
            "Done 5, skipped 1, left 2; 1 promise made.\n  Call Ann Ames Tue 2026-11-24 at 08:15\n"
        );
    }
}
