//! A value item: something worth the prospect's time that a message carries (a tip, a figure,
//! a customer's story, a question), kept for one prospect or for everyone with a topic.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ProspectId;
use super::string_enum::string_enum;

string_enum! {
    /// What kind of value an item is: it decides how a message introduces it.
    pub enum ValueKind {
        Tip => "tip",
        Figure => "figure",
        Testimonial => "testimonial",
        Question => "question",
    }
}

impl ValueKind {
    /// The item named in a sentence that points at it: "I've emailed you a tip".
    pub fn noun(self) -> &'static str {
        match self {
            ValueKind::Tip => "a tip",
            ValueKind::Figure => "a figure worth knowing",
            ValueKind::Testimonial => "a customer's story",
            ValueKind::Question => "a question",
        }
    }

    /// The words that lead into the item itself: "Here's a tip: ...".
    pub fn intro(self) -> &'static str {
        match self {
            ValueKind::Tip => "Here's a tip",
            ValueKind::Figure => "Here's a figure worth knowing",
            ValueKind::Testimonial => "Here's what one of our customers told us",
            ValueKind::Question => "Here's a question for you",
        }
    }
}

/// Whom an item is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueFor {
    /// One prospect.
    Prospect(ProspectId),
    /// Every prospect whose topic is this one, compared without regard to case.
    Topic(String),
}

/// One stored value item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueItem {
    pub id: i64,
    pub owner: ValueFor,
    pub kind: ValueKind,
    pub text: String,
    pub added_at: NaiveDateTime,
    /// Taken out of use (`value remove` of an item a touch already carried): kept so that
    /// the history and `stats` still name it, never offered again.
    pub retired_at: Option<NaiveDateTime>,
}
