//! Touches made and answered, and the reply rate they give.

use serde::Serialize;
use serde::ser::SerializeStruct;

/// Touches made and how many were answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub touches: u32,
    pub answered: u32,
}

impl Tally {
    pub fn add(&mut self, answered: bool) {
        self.touches += 1;
        self.answered += u32::from(answered);
    }

    /// `answered / touches`, or `None` when nothing was sent: a rate of nothing is unknown,
    /// not zero.
    pub fn reply_rate(&self) -> Option<f64> {
        (self.touches > 0).then(|| f64::from(self.answered) / f64::from(self.touches))
    }
}

/// `{ "touches", "answered", "reply_rate" }`, the rate being `null` when nothing was sent.
impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Tally", 3)?;
        out.serialize_field("touches", &self.touches)?;
        out.serialize_field("answered", &self.answered)?;
        out.serialize_field("reply_rate", &self.reply_rate())?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_unknown_until_something_is_sent() {
        let mut tally = Tally::default();
        assert_eq!(tally.reply_rate(), None);
        tally.add(true);
        tally.add(false);
        tally.add(false);
        tally.add(true);
        assert_eq!((tally.touches, tally.answered), (4, 2));
        assert_eq!(tally.reply_rate(), Some(0.5));
        assert_eq!(
            serde_json::to_value(tally).unwrap(),
            serde_json::json!({ "touches": 4, "answered": 2, "reply_rate": 0.5 })
        );
    }
}
