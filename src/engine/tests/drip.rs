//! The drip after a lost deal: a closed file on the drip has a `drip` step every
//! `drip_every_business_days` after its close or its last drip touch, counted in business
//! days of the calendar (holidays and days away skipped like for every other due date).
//!
//! The example of docs/messages.md: lost on Tue 2026-12-15, with the holidays of the shipped
//! cadence.toml (2026-12-25, 2027-01-01), the first drip touch is due 60 business days later,
//! Thu 2027-03-11.

use super::*;

/// The holidays of the shipped cadence.toml.
const SHIPPED_HOLIDAYS: [&str; 2] = ["2026-12-25", "2027-01-01"];

/// `followup close --reason lost` on Tue 2026-12-15 at 17:00, on the drip.
fn lost(drip: bool) -> File {
    let mut file = File::new(prospect("2026-11-23")).on(holidays(&SHIPPED_HOLIDAYS));
    file.voicemail("2026-11-23");
    file.prospect.status = Status::Closed;
    file.prospect.closed = Some(Closure {
        reason: CloseReason::Lost,
        at: datetime("2026-12-15T17:00"),
        note: None,
        drip,
    });
    file
}

/// An unanswered drip email on `day` at 10:00, as `log` records it on a closed file.
fn drip_email(file: &mut File, day: &str) {
    file.attempts.push(Attempt {
        id: file.attempts.len() as i64 + 1,
        prospect_id: file.prospect.id,
        at: datetime(&format!("{day}T10:00")),
        channel: Channel::Email,
        outcome: Outcome::Sent,
        step: Step::Drip,
        note: None,
        promise: None,
        next: None,
        rep: None,
    });
}

#[test]
fn a_lost_deal_on_the_drip_is_due_sixty_business_days_after_the_close() {
    let file = lost(true);
    let action = file.next_on("2026-12-16");
    assert_eq!(
        (action.step, action.due, action.touch, action.time),
        (Step::Drip, date("2027-03-11"), None, None)
    );
    assert_eq!(
        action.basis,
        Basis::Drip {
            from: date("2026-12-15"),
            after_touch: false,
            every: 60,
        }
    );
    assert!(!action.promised());
    // The morning list's cache finds it on that day too.
    assert_eq!(
        earliest_due(
            &file.prospect,
            &file.attempts,
            &file.cadence,
            &file.calendar
        ),
        Some(date("2027-03-11"))
    );
}

#[test]
fn a_logged_drip_touch_sets_the_next_one_from_the_day_it_was_made() {
    let mut file = lost(true);
    drip_email(&mut file, "2027-03-11");
    let action = file.next_on("2027-03-11");
    assert_eq!((action.step, action.due), (Step::Drip, date("2027-06-03")));
    assert_eq!(
        action.basis,
        Basis::Drip {
            from: date("2027-03-11"),
            after_touch: true,
            every: 60,
        }
    );
    // Late logging counts from the date the touch was really made.
    let mut late = lost(true);
    drip_email(&mut late, "2027-03-16");
    assert_eq!(late.next_on("2027-03-16").due, date("2027-06-08"));
}

#[test]
fn days_away_move_the_drip_like_every_other_due_date() {
    // A week away in February: five business days fewer, so the drip comes five later.
    let away = (1..=5).map(|day| NaiveDate::from_ymd_opt(2027, 2, day).unwrap());
    let file = lost(true).on(holidays(&SHIPPED_HOLIDAYS).with_away(away));
    assert_eq!(file.next_on("2026-12-16").due, date("2027-03-18"));
    // Away on the very day it would fall: due the next business day.
    let file = lost(true).on(holidays(&SHIPPED_HOLIDAYS).with_away([date("2027-03-11")]));
    assert_eq!(file.next_on("2026-12-16").due, date("2027-03-12"));
}

#[test]
fn the_drip_follows_the_cadence_of_the_file() {
    let mut file = lost(true);
    file.cadence.drip_every_business_days = Some(5);
    assert_eq!(file.next_on("2026-12-16").due, date("2026-12-22"));
    // No drip in the cadence: nothing planned.
    file.cadence.drip_every_business_days = None;
    assert_eq!(file.next(date("2026-12-16")), None);
}

#[test]
fn a_lost_deal_off_the_drip_has_nothing_planned() {
    let file = lost(false);
    assert_eq!(file.next(date("2027-03-11")), None);
    assert_eq!(
        earliest_due(
            &file.prospect,
            &file.attempts,
            &file.cadence,
            &file.calendar
        ),
        None
    );
}

#[test]
fn a_recontact_date_on_the_file_comes_before_the_drip() {
    let mut file = lost(true);
    file.prospect.recontact_on = Some(date("2027-01-11"));
    let action = file.next_on("2026-12-16");
    assert_eq!(
        (action.step, action.due),
        (Step::Recontact, date("2027-01-11"))
    );
}

#[test]
fn attempts_before_the_close_do_not_count_as_drip_touches() {
    // The voicemail of 2026-11-23 came before the close: the drip counts from the close.
    let file = lost(true);
    assert_eq!(file.attempts.len(), 1);
    assert_eq!(file.next_on("2026-12-16").due, date("2027-03-11"));
}

#[test]
fn a_drip_is_not_a_touch_of_a_run() {
    assert!(!Step::Drip.is_touch());
    assert_eq!(Step::Drip.as_str(), "drip");
}
