//! Which outcomes each channel can have: the one table `log` checks an attempt against, so
//! that "an email that left a voicemail" never reaches the history.

use super::{Channel, Outcome};

impl Channel {
    /// The outcomes an attempt on this channel can have. A call can be `replied` (they rang
    /// back); `voicemail` in person is a note or card left at the desk.
    pub fn outcomes(self) -> &'static [Outcome] {
        use Outcome::*;
        match self {
            Channel::Call | Channel::Assistant => {
                &[NoAnswer, Voicemail, Connected, Replied, Meeting, Declined]
            }
            Channel::Email | Channel::Text => &[Sent, Bounced, Replied, Meeting, Declined],
            Channel::InPerson => &[NoAnswer, Voicemail, Connected, Meeting, Declined],
        }
    }

    /// The outcomes of [`Channel::outcomes`] as a message lists them: "sent, bounced, ...".
    pub fn outcomes_listed(self) -> String {
        let names: Vec<&str> = self
            .outcomes()
            .iter()
            .map(|outcome| outcome.as_str())
            .collect();
        names.join(", ")
    }

    /// Whether an attempt on this channel can have `outcome`.
    pub fn allows(self, outcome: Outcome) -> bool {
        self.outcomes().contains(&outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_outcome_fits_its_channel() {
        for channel in Channel::ALL {
            assert!(channel.allows(Outcome::default_for(*channel)), "{channel}");
        }
    }

    #[test]
    fn an_email_leaves_no_voicemail_and_a_call_sends_nothing() {
        assert!(!Channel::Email.allows(Outcome::Voicemail));
        assert!(!Channel::Call.allows(Outcome::Sent));
        assert!(Channel::Call.allows(Outcome::Replied));
    }
}
