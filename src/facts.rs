//! What a message may say about the past: the few facts of a prospect's history that the
//! templates choose their sentences by, derived in one place so that no message claims a
//! conversation, a voicemail or an earlier touch that the file does not record.
//!
//! Pure: from the prospect and its attempts, in the order they happened. The one fact the
//! history alone cannot give, the value item the message carries, is added by the tracker.

use chrono::NaiveDate;

use crate::domain::{Attempt, Outcome, Prospect, ValueItem};

/// The history facts of one prospect, as the templates' `{if ...}` see them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageFacts {
    /// They answered, wrote back, met you or said no at least once, in any run: "when we last
    /// spoke" is true.
    pub reached: bool,
    /// The last touch of the current run left a voicemail: "following my voicemail" is true.
    pub left_voicemail: bool,
    /// The date of the last touch of the current run, if there is one.
    pub last_touch: Option<NaiveDate>,
    /// At a conversation they agreed that a plain "no" is welcome: a message may remind them.
    pub ground_rules: bool,
    /// The value item the message carries (see [`crate::value::next_item`]): the next one no
    /// touch carried, looked up in the store by the tracker; `None` when none is left.
    pub value: Option<ValueItem>,
    /// The rep who promised the call this action keeps, when another rep makes it (the file
    /// changed hands after the promise): found by the tracker, which knows the reps; `None`
    /// on a personal book, and when the promise is the caller's own.
    pub promised_by: Option<Promiser>,
    /// On a team book, the rep who makes this touch never touched the file, though other
    /// reps did: "again" would claim a call they never made. Found by the tracker; always
    /// false on a personal book, whose attempts name no rep.
    pub new_voice: bool,
    /// On a team book, some touch of the file was logged by another rep than the one who
    /// makes this touch (it changed hands, whether or not they touched it since): what the
    /// file's past touches did, "we" did, never "I". Includes `new_voice`; found by the
    /// tracker, always false on a personal book.
    pub handed_over: bool,
    /// The rep who holds the file, when it is not the rep at the keyboard (a manager reading
    /// a rep's file): the message is what the holder will say, so it is signed with their
    /// name and email. `None` on a personal book and on one's own or the pool's files.
    pub signer: Option<Signer>,
}

/// The rep a message is signed as when it is not the session's: the file's holder, as the
/// team keeps them (a name and an email; no phone, which each rep keeps in their own `[me]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub email: String,
    /// The number the team keeps for them (`rep edit --phone`), if any.
    pub phone: Option<String>,
}

/// A rep of the team who promised a prospect a call that another rep now makes: the
/// messages say it was them, never "I", since the prospect heard the promise from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promiser {
    pub name: String,
    pub email: String,
    /// The rep making the call holds the file already (it was given to them); otherwise it
    /// sits in the pool, or with a rep who left, and becomes theirs when they log the call.
    pub file_is_callers: bool,
}

impl Promiser {
    /// The first word of their name, as the prospect would know them: "Sam".
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

impl MessageFacts {
    /// The facts of `prospect`'s history; `attempts` in the order they happened.
    pub fn of(prospect: &Prospect, attempts: &[Attempt]) -> MessageFacts {
        let touches = || attempts.iter().filter(|attempt| attempt.is_touch());
        let in_run = |attempt: &&Attempt| {
            prospect
                .run_started_at
                .is_none_or(|start| attempt.at >= start)
        };
        let last_touch = touches().filter(in_run).map(Attempt::date).max();
        MessageFacts {
            reached: touches().any(|attempt| attempt.outcome.is_response()),
            left_voicemail: touches().filter(in_run).any(|attempt| {
                Some(attempt.date()) == last_touch && attempt.outcome == Outcome::Voicemail
            }),
            last_touch,
            ground_rules: prospect.contact.ground_rules,
            value: None,
            promised_by: None,
            new_voice: false,
            handed_over: false,
            signer: None,
        }
    }

    /// Whether the history fact `name` (one of `templates::FACTS` that is about the past)
    /// holds.
    pub fn holds(&self, name: &str) -> bool {
        match name {
            "reached" => self.reached,
            "left_voicemail" => self.left_voicemail,
            "ground_rules" => self.ground_rules,
            "new_voice" => self.new_voice,
            "handed_over" => self.handed_over,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDateTime, NaiveTime};

    use super::*;
    use crate::domain::{Channel, Contact, Status, Step};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn prospect() -> Prospect {
        Prospect {
            id: 1,
            contact: Contact {
                name: "Dana".into(),
                ..Contact::default()
            },
            cadence: "standard".into(),
            start: "2026-11-23".parse().unwrap(),
            status: Status::Active,
            closed: None,
            recontact_on: None,
            run_started_at: None,
            created_at: at("2026-11-23T09:00").date().and_time(NaiveTime::MIN),
            owner: None,
        }
    }

    fn attempt(when: &str, channel: Channel, outcome: Outcome) -> Attempt {
        Attempt {
            id: 0,
            prospect_id: 1,
            at: at(when),
            channel,
            outcome,
            step: Step::FollowUp,
            note: None,
            promise: None,
            next: None,
            rep: None,
        }
    }

    #[test]
    fn ground_rules_are_a_fact_of_the_file_not_of_a_touch() {
        let mut agreed = prospect();
        agreed.contact.ground_rules = true;
        let facts = MessageFacts::of(&agreed, &[]);
        assert!(facts.ground_rules && facts.holds("ground_rules"));
        assert!(!MessageFacts::of(&prospect(), &[]).holds("ground_rules"));
    }

    #[test]
    fn a_new_prospect_holds_no_fact() {
        assert_eq!(MessageFacts::of(&prospect(), &[]), MessageFacts::default());
    }

    #[test]
    fn a_voicemail_counts_only_when_the_last_touch_left_one() {
        let voicemail = attempt("2026-11-23T10:00", Channel::Call, Outcome::Voicemail);
        let no_answer = attempt("2026-11-27T10:00", Channel::Call, Outcome::NoAnswer);
        let facts = MessageFacts::of(&prospect(), std::slice::from_ref(&voicemail));
        assert!(facts.left_voicemail && !facts.reached);
        assert_eq!(facts.last_touch, Some(voicemail.date()));
        let facts = MessageFacts::of(&prospect(), &[voicemail.clone(), no_answer.clone()]);
        assert!(!facts.left_voicemail, "the last touch was a no-answer");
        // A no-answer and then a voicemail on the same day: the touch left one.
        let later = attempt("2026-11-27T15:00", Channel::Call, Outcome::Voicemail);
        assert!(MessageFacts::of(&prospect(), &[voicemail, no_answer, later]).left_voicemail);
    }

    #[test]
    fn reached_means_the_prospect_responded_not_their_assistant() {
        let assistant = attempt("2026-11-23T10:00", Channel::Assistant, Outcome::Connected);
        assert!(!MessageFacts::of(&prospect(), std::slice::from_ref(&assistant)).reached);
        let replied = attempt("2026-11-24T10:00", Channel::Email, Outcome::Replied);
        assert!(MessageFacts::of(&prospect(), &[assistant, replied]).reached);
    }

    #[test]
    fn after_a_reopen_the_old_run_is_still_a_conversation_but_not_a_recent_touch() {
        let spoke = attempt("2026-11-23T10:00", Channel::Call, Outcome::Connected);
        let voicemail = attempt("2026-11-27T10:00", Channel::Call, Outcome::Voicemail);
        let mut reopened = prospect();
        reopened.run_started_at = Some(at("2026-12-15T09:00"));
        let facts = MessageFacts::of(&reopened, &[spoke, voicemail]);
        assert_eq!(
            facts,
            MessageFacts {
                reached: true,
                left_voicemail: false,
                last_touch: None,
                ground_rules: false,
                value: None,
                promised_by: None,
                new_voice: false,
                handed_over: false,
                signer: None,
            }
        );
    }
}
