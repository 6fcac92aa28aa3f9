//! Monday morning, 7 December 2026, 08:00: what `followup today` would show a salesperson
//! with a dozen prospects at every point of the standard cadence.
//!
//! Run it with `cargo run --example morning`.
//!
//! The example uses only the library. It builds the history the way it really happens: on each
//! day of the past few weeks (and one in September) the database is opened with the clock set
//! to that moment, and the call, email or close of that moment is recorded. `Tracker::new`
//! takes the store by value and has no way to hand it back, so each moment reopens the same
//! database file, just as each run of the `followup` binary does.
//!
//! The dates follow the built-in cadence.toml: a touch every 4 business days, at most 4
//! unanswered touches, the candid rescue message as the third one once 2 unanswered touches
//! span 10 days, a call to the assistant 2 business days after the rescue, the close-out
//! ("fire") message as the fourth, and the file closed 4 business days after that.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use followup::config::Config;
use followup::domain::{Channel, CloseReason, Contact, Outcome, ProspectId, Step};
use followup::render::{Width, agenda, view::ActionView};
use followup::store::Store;
use followup::tracker::{CloseRequest, LogEntry, NewProspect, Recontact};
use followup::{Result, Tracker};

/// The morning the list is printed for: a Monday, before the first call.
const MORNING: &str = "2026-12-07T08:00";

fn main() -> std::result::Result<(), Box<dyn std::error::Error>> {
    let folder = tempfile::tempdir()?;
    let desk = Desk {
        db: folder.path().join("followup.db"),
        config: Config::built_in(),
    };

    // Each story records one prospect's history and says which step it expects this morning
    // (`None`: nothing due today).
    let stories: Vec<(ProspectId, Option<Step>)> = vec![
        brand_new(&desk)?,
        promised_callback(&desk)?,
        agreed_date_today(&desk)?,
        overdue_rescue(&desk)?,
        assistant_call(&desk)?,
        close_out_message(&desk)?,
        close_out_unanswered(&desk)?,
        no_response_a_quarter_ago(&desk)?,
        budget_year_starts_today(&desk)?,
        follow_up_later_this_week(&desk)?,
        replied_after_the_rescue(&desk)?,
        won(&desk)?,
    ];

    let mut tracker = desk.at(MORNING)?;
    let today = tracker.today();
    let due = tracker.fresh(|fresh| fresh.agenda())?;
    let views: Vec<ActionView> = due
        .iter()
        .map(|due| ActionView::new(due, tracker.config(), tracker.now()))
        .collect();
    print!("{}", agenda::render(today, &views, Width::PIPED));

    // The example doubles as a check that the cadence still does what this file says.
    for (id, expected) in stories {
        let found = due
            .iter()
            .find(|due| due.prospect.id == id)
            .map(|due| due.action.step);
        assert_eq!(found, expected, "prospect {id} this morning");
    }
    Ok(())
}

/// The database file, the cadence file, and a way to sit down at the desk at a given moment.
struct Desk {
    db: PathBuf,
    config: Config,
}

impl Desk {
    /// The tracker as it is at `moment` (`YYYY-MM-DDTHH:MM`): every call to it is stamped with
    /// that time, and nothing later than it can be logged.
    fn at(&self, moment: &str) -> Result<Tracker> {
        Tracker::new(Store::open(&self.db)?, self.config.clone(), at(moment))
    }

    /// Adds a prospect at `moment`; the first touch is due that day.
    fn add(&self, moment: &str, contact: Contact) -> Result<ProspectId> {
        let new = NewProspect {
            contact,
            ..NewProspect::default()
        };
        Ok(self.at(moment)?.add(new)?.id)
    }

    /// A call that went to voicemail, the default of `followup log`.
    fn voicemail(&self, id: ProspectId, moment: &str) -> Result<()> {
        self.log(id, moment, LogEntry::default())
    }

    /// An email that got no answer.
    fn email(&self, id: ProspectId, moment: &str) -> Result<()> {
        let entry = LogEntry {
            channel: Some(Channel::Email),
            ..LogEntry::default()
        };
        self.log(id, moment, entry)
    }

    fn log(&self, id: ProspectId, moment: &str, entry: LogEntry) -> Result<()> {
        self.at(moment)?.log(id, entry)?;
        Ok(())
    }

    fn close(&self, id: ProspectId, moment: &str, request: CloseRequest) -> Result<()> {
        self.at(moment)?.close(id, request)?;
        Ok(())
    }
}

/// `YYYY-MM-DDTHH:MM`, parsed the way `--now` is.
fn at(moment: &str) -> NaiveDateTime {
    followup::when::parse_now(moment).expect("the example's moments are valid")
}

fn day(date: &str) -> NaiveDate {
    followup::when::parse_plain_date(date).expect("the example's dates are valid")
}

/// A prospect as the salesperson notes them after the first conversation: who, where, what
/// they asked about, and the next step they agreed to (which the rescue message recalls).
fn lead(name: &str, company: &str, phone: &str, topic: &str, next_step: &str) -> Contact {
    // dana@lakeside.example: made-up addresses on the domain reserved for examples.
    let word = |text: &str| -> String {
        let first = text.split_whitespace().next().unwrap_or(text);
        first
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    Contact {
        name: name.into(),
        company: Some(company.into()),
        phone: Some(phone.into()),
        email: Some(format!("{}@{}.example", word(name), word(company))),
        topic: Some(topic.into()),
        next_step: Some(next_step.into()),
        ..Contact::default()
    }
}

// ---- the stories, in the order of the cadence ----

/// A lead from Friday's trade show, entered that afternoon with the first call set for Monday.
fn brand_new(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let new = NewProspect {
        contact: lead(
            "Tomasz Nowak",
            "Riverbend Logistics",
            "555-0161",
            "desks for the new dispatch room",
            "a floor plan and a price per desk",
        ),
        start: Some(day("2026-12-07")),
        ..NewProspect::default()
    };
    let id = desk.at("2026-12-04T16:30")?.add(new)?.id;
    Ok((id, Some(Step::First)))
}

/// Friday's first call went to voicemail; rather than "call me back", the message promised a
/// call at 08:15 on Monday. The promise sets the time of the follow-up (the step stays what
/// the cadence says) and leads the morning list.
fn promised_callback(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-12-04T10:00",
        lead(
            "Priya Raman",
            "Northgate Clinics",
            "555-0132",
            "waiting-room seating",
            "a sample chair for a week",
        ),
    )?;
    let promise = LogEntry {
        promise: Some(at("2026-12-07T08:15")),
        note: Some("Said on the voicemail I'd ring Monday at 08:15 sharp.".into()),
        ..LogEntry::default()
    };
    desk.log(id, "2026-12-04T10:20", promise)?;
    Ok((id, Some(Step::FollowUp)))
}

/// After a voicemail she wrote back on Wednesday and asked to pick it up on Monday: the agreed
/// date replaces the cadence's own.
fn agreed_date_today(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-11-30T09:00",
        lead(
            "Grace Okafor",
            "Okafor & Lyle Architects",
            "555-0175",
            "a print and copy contract",
            "a comparison with their current lease",
        ),
    )?;
    desk.voicemail(id, "2026-11-30T09:10")?;
    let reply = LogEntry {
        channel: Some(Channel::Email),
        outcome: Some(Outcome::Replied),
        next: Some(day("2026-12-07")),
        note: Some("Board meets Friday; wants the comparison Monday.".into()),
        ..LogEntry::default()
    };
    desk.log(id, "2026-12-02T15:40", reply)?;
    Ok((id, Some(Step::NextStep)))
}

/// Two unanswered touches since Friday 20 November: the rescue message was due Wednesday and
/// is now three business days late.
fn overdue_rescue(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-11-20T11:00",
        lead(
            "Luis Ferreira",
            "Ferreira Bakeries",
            "555-0118",
            "shelving for three shops",
            "a site visit at the main shop",
        ),
    )?;
    desk.voicemail(id, "2026-11-20T11:05")?;
    desk.email(id, "2026-11-26T09:30")?;
    Ok((id, Some(Step::Rescue)))
}

/// Worked example 1 of the spec: touches on 23 and 27 November, the rescue on 3 December, all
/// unanswered. Her assistant is on file, so two business days after the rescue the list
/// suggests asking him what is going on, before the close-out message on Wednesday.
fn assistant_call(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let contact = Contact {
        assistant: Some("Ben Achterberg".into()),
        assistant_phone: Some("555-0145".into()),
        ..lead(
            "Hannah Weiss",
            "Weiss Family Dentistry",
            "555-0144",
            "ergonomic stools",
            "a trial of two stools in surgery 1",
        )
    };
    let id = desk.add("2026-11-23T09:00", contact)?;
    desk.voicemail(id, "2026-11-23T09:15")?;
    desk.voicemail(id, "2026-11-27T10:00")?;
    desk.voicemail(id, "2026-12-03T10:00")?; // the rescue
    Ok((id, Some(Step::Assistant)))
}

/// Three unanswered touches, the last the rescue on Tuesday 1 December: today the fourth and
/// last one is the close-out message that says the file will be closed.
fn close_out_message(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-11-19T14:00",
        lead(
            "Oliver Grant",
            "Grant & Sons Hardware",
            "555-0190",
            "a counter display",
            "a mock-up of the display",
        ),
    )?;
    desk.voicemail(id, "2026-11-19T14:10")?;
    desk.email(id, "2026-11-25T08:45")?;
    desk.voicemail(id, "2026-12-01T16:00")?; // the rescue
    Ok((id, Some(Step::Fire)))
}

/// The whole sequence went unanswered, the close-out message on Tuesday 1 December included:
/// four business days later it is time to run `followup close`.
fn close_out_unanswered(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-11-13T10:00",
        lead(
            "Mei Chen",
            "Harbourview Hotel",
            "555-0127",
            "lobby furniture",
            "a quote for the lobby refit",
        ),
    )?;
    desk.voicemail(id, "2026-11-13T10:05")?;
    desk.voicemail(id, "2026-11-19T10:05")?;
    desk.voicemail(id, "2026-11-25T10:05")?; // the rescue
    desk.email(id, "2026-12-01T10:05")?; // the close-out
    Ok((id, Some(Step::Close)))
}

/// Closed for no response on Tuesday 8 September; 90 days later the file comes back for a
/// fresh try.
fn no_response_a_quarter_ago(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-08-24T09:00",
        lead(
            "Samuel Osei",
            "Osei Accounting",
            "555-0153",
            "standing desks",
            "a price for eight desks",
        ),
    )?;
    desk.voicemail(id, "2026-08-24T09:05")?;
    desk.voicemail(id, "2026-08-28T09:05")?;
    let request = CloseRequest {
        reason: CloseReason::NoResponse,
        recontact: Recontact::ByReason,
        note: Some("Two voicemails, no reply; tax season is their busy time.".into()),
        drip: None,
    };
    desk.close(id, "2026-09-08T17:00", request)?;
    Ok((id, Some(Step::Recontact)))
}

/// Not a fit in October, but they said to call when the new budget year starts: closed with
/// a re-contact date set by hand.
fn budget_year_starts_today(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-10-12T11:00",
        lead(
            "Ingrid Larsen",
            "Fjord Design Studio",
            "555-0186",
            "meeting-room chairs",
            "a call once the budget is set",
        ),
    )?;
    let spoke = LogEntry {
        outcome: Some(Outcome::Connected),
        note: Some("No budget until their year starts in December.".into()),
        ..LogEntry::default()
    };
    desk.log(id, "2026-10-12T11:30", spoke)?;
    let request = CloseRequest {
        reason: CloseReason::NotAFit,
        recontact: Recontact::On(day("2026-12-07")),
        note: Some("Call back the first Monday of December.".into()),
        drip: None,
    };
    desk.close(id, "2026-10-12T11:35", request)?;
    Ok((id, Some(Step::Recontact)))
}

/// First call on Thursday: the follow-up is four business days later, on Wednesday.
fn follow_up_later_this_week(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-12-03T13:00",
        lead(
            "Aisha Khan",
            "Khan Pharmacy",
            "555-0109",
            "a stockroom fit-out",
            "measurements of the stockroom",
        ),
    )?;
    desk.voicemail(id, "2026-12-03T13:10")?;
    Ok((id, None))
}

/// Worked example 3 of the spec: the rescue on Thursday got an answer on Friday, with a date
/// for the next step. The unanswered count is back to zero and nothing is due until Thursday.
fn replied_after_the_rescue(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-11-23T14:00",
        lead(
            "Rafael Costa",
            "Hillside Roasters",
            "555-0122",
            "café tables for the tasting room",
            "a sample table at the roastery",
        ),
    )?;
    desk.voicemail(id, "2026-11-23T14:05")?;
    desk.voicemail(id, "2026-11-27T14:05")?;
    desk.voicemail(id, "2026-12-03T14:05")?; // the rescue
    let reply = LogEntry {
        outcome: Some(Outcome::Connected),
        next: Some(day("2026-12-10")),
        note: Some(
            "Was away; the rescue message got him to call. Sample table on the 10th.".into(),
        ),
        ..LogEntry::default()
    };
    desk.log(id, "2026-12-04T09:40", reply)?;
    Ok((id, None))
}

/// Booked a meeting, signed the order: the file is closed as won and never comes back.
fn won(desk: &Desk) -> Result<(ProspectId, Option<Step>)> {
    let id = desk.add(
        "2026-11-16T10:00",
        lead(
            "Elena Petrova",
            "Petrova Legal",
            "555-0138",
            "reception furniture",
            "a showroom visit",
        ),
    )?;
    desk.voicemail(id, "2026-11-16T10:05")?;
    let meeting = LogEntry {
        outcome: Some(Outcome::Meeting),
        next: Some(day("2026-11-25")),
        note: Some("Showroom visit on the 25th.".into()),
        ..LogEntry::default()
    };
    desk.log(id, "2026-11-18T15:00", meeting)?;
    let request = CloseRequest {
        reason: CloseReason::Won,
        recontact: Recontact::ByReason,
        note: Some("Ordered the reception set.".into()),
        drip: None,
    };
    desk.close(id, "2026-11-25T17:00", request)?;
    Ok((id, None))
}
