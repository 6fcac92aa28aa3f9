//! The words of the domain: how a prospect was reached, what happened, which step of the
//! cadence a touch was, and why a file was closed.

use super::string_enum::string_enum;

string_enum! {
    /// How an attempt was made. `assistant` means through the prospect's assistant, which is
    /// not a touch of the prospect.
    pub enum Channel {
        Call => "call",
        Email => "email",
        Text => "text",
        InPerson => "in-person",
        Assistant => "assistant",
    }
}

string_enum! {
    /// The channel a prospect asked to be followed up on.
    pub enum Preference {
        Call => "call",
        Email => "email",
        Text => "text",
    }
}

impl From<Preference> for Channel {
    fn from(preference: Preference) -> Self {
        match preference {
            Preference::Call => Channel::Call,
            Preference::Email => Channel::Email,
            Preference::Text => Channel::Text,
        }
    }
}

string_enum! {
    /// What came of an attempt.
    pub enum Outcome {
        NoAnswer => "no-answer",
        Voicemail => "voicemail",
        Sent => "sent",
        Bounced => "bounced",
        Connected => "connected",
        Replied => "replied",
        Meeting => "meeting",
        Declined => "declined",
    }
}

/// How an outcome counts for the cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// The prospect did not respond: the touch counts towards the close-out.
    None,
    /// They spoke or wrote back: the unanswered count starts again from zero.
    Answered,
    /// They said no: the file closes as not-interested.
    Declined,
}

impl Outcome {
    pub fn response(self) -> Response {
        match self {
            Outcome::NoAnswer | Outcome::Voicemail | Outcome::Sent | Outcome::Bounced => {
                Response::None
            }
            Outcome::Connected | Outcome::Replied | Outcome::Meeting => Response::Answered,
            Outcome::Declined => Response::Declined,
        }
    }

    /// Whether the prospect responded at all (a "no" is a response too).
    pub fn is_response(self) -> bool {
        self.response() != Response::None
    }

    /// The outcome assumed when `log` is not told one.
    pub fn default_for(channel: Channel) -> Outcome {
        match channel {
            Channel::Email | Channel::Text => Outcome::Sent,
            Channel::Call | Channel::InPerson | Channel::Assistant => Outcome::Voicemail,
        }
    }
}

string_enum! {
    /// A step of the cadence: what the next action is, and which one a logged attempt fulfilled.
    pub enum Step {
        First => "first",
        FollowUp => "follow-up",
        Rescue => "rescue",
        Assistant => "assistant",
        Fire => "fire",
        Close => "close",
        /// History only: before a promise kept the step of the touch it moved (cadence.md
        /// rule 1, issue 10), promised calls were recorded as this step. Old attempts are read
        /// as they are; the engine never plans it.
        Promised => "promised",
        NextStep => "next-step",
        Recontact => "recontact",
        /// A value touch to a lost deal on the drip (a closed file, so not counted as a touch
        /// of a run).
        Drip => "drip",
    }
}

impl Step {
    /// Whether acting on this step is a touch of the prospect (counted towards the maximum).
    pub fn is_touch(self) -> bool {
        !matches!(
            self,
            Step::Assistant | Step::Close | Step::Recontact | Step::Drip
        )
    }

    /// How far along the sequence the step is; the morning list puts later steps first on a
    /// given day, because a file about to close needs attention before a fresh one.
    pub fn urgency(self) -> u8 {
        match self {
            Step::First => 0,
            Step::Recontact | Step::Drip => 1,
            Step::FollowUp => 2,
            Step::Rescue => 3,
            Step::Assistant => 4,
            Step::Fire => 5,
            Step::Close => 6,
            Step::NextStep => 7,
            Step::Promised => 8,
        }
    }
}

string_enum! {
    /// Whether a file is being worked.
    pub enum Status {
        Active => "active",
        Closed => "closed",
    }
}

string_enum! {
    /// Why a file was closed.
    pub enum CloseReason {
        Won => "won",
        NotInterested => "not-interested",
        NoResponse => "no-response",
        NotAFit => "not-a-fit",
        Lost => "lost",
    }
}
