//! How long a spoken message takes to say: words at the rate of cadence.toml's
//! `[messages] words_per_minute`, so that `script` can show a voicemail's length and `cadence
//! check` can warn about a template that runs long (or is over before it says anything).
//!
//! A voicemail that earns a callback is crisp: 20 to 40 seconds. The estimate is deliberately
//! simple (words, with a phone number counted digit by digit, since that is how it is read
//! out) because it only has to tell a 30-second message from a 60-second one.

use std::ops::RangeInclusive;

use crate::config::Config;
use crate::domain::Step;
use crate::templates::{self, Part, Source};

/// The speaking rate when cadence.toml names none: a calm, clear pace.
pub const DEFAULT_WORDS_PER_MINUTE: u32 = 150;

/// The rates cadence.toml accepts: slower than 50 or faster than 400 words a minute is not a
/// speaking rate.
pub const WORDS_PER_MINUTE: RangeInclusive<i64> = 50..=400;

/// How long a voicemail should take, in seconds.
pub const CRISP: RangeInclusive<u32> = 20..=40;

/// The words a listener hears in `text`: a token with five digits or more (a phone number) is
/// read digit by digit; any other token is one word.
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .map(
            |token| match token.chars().filter(char::is_ascii_digit).count() {
                digits if digits >= 5 => digits,
                _ => 1,
            },
        )
        .sum()
}

/// Seconds to say `text` at `words_per_minute`, rounded to the nearest second.
pub fn seconds(text: &str, words_per_minute: u32) -> u32 {
    let words = words(text) as u64;
    let rate = u64::from(words_per_minute.max(1));
    ((words * 60 + rate / 2) / rate) as u32
}

/// A spoken template that, filled in with typical details, falls outside [`CRISP`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LengthWarning {
    /// The template's key in cadence.toml: `templates.rescue`, `templates.nurture.first`.
    pub key: String,
    /// The shortest and the longest of its versions, in seconds.
    pub shortest: u32,
    pub longest: u32,
}

impl LengthWarning {
    /// What `cadence check` says about it, at `words_per_minute`.
    pub fn describe(&self, words_per_minute: u32) -> String {
        let span = if self.shortest == self.longest {
            format!("about {} seconds", self.longest)
        } else {
            format!("{} to {} seconds", self.shortest, self.longest)
        };
        let advice = if self.longest > *CRISP.end() {
            "shorten it: a voicemail of 20 to 40 seconds is the one that gets returned"
        } else {
            "say a little more: under 20 seconds rarely gives them a reason to call back"
        };
        format!(
            "takes {span} to say with typical details, at {words_per_minute} words a minute; \
             {advice}"
        )
    }
}

/// How long a voicemail of `seconds` takes, for `script`: one line, with a word when it falls
/// outside [`CRISP`].
pub fn describe_length(seconds: u32, words_per_minute: u32) -> String {
    let verdict = if seconds > *CRISP.end() {
        ": longer than the 40 a voicemail should take"
    } else if seconds < *CRISP.start() {
        ": shorter than the 20 that give them a reason to call back"
    } else {
        ""
    };
    format!("About {seconds} seconds to say, at {words_per_minute} words a minute{verdict}.")
}

/// Each spoken template (the shared ones, then each cadence's own) that takes less than 20 or
/// more than 40 seconds to say in some version: filled for a typical prospect with every
/// field on file and for one with only a name, with and without an earlier conversation, a
/// voicemail and ground rules, and with no value item, one announced beside an email and one
/// said in full. The close is an instruction to the salesperson, not a message, and is skipped.
pub fn check(config: &Config) -> Vec<LengthWarning> {
    let rate = config.words_per_minute;
    let mut warnings = Vec::new();
    let mut look = |key: String, template: &str| {
        let lengths: Vec<u32> = Typical::all(config)
            .iter()
            .map(|typical| seconds(&templates::fill(template, typical).text, rate))
            .collect();
        let shortest = lengths.iter().copied().min().unwrap_or_default();
        let longest = lengths.iter().copied().max().unwrap_or_default();
        if !CRISP.contains(&shortest) || !CRISP.contains(&longest) {
            warnings.push(LengthWarning {
                key,
                shortest,
                longest,
            });
        }
    };
    let spoken = || {
        Step::ALL
            .iter()
            .copied()
            .filter(|step| !crate::script::is_instruction(*step))
    };
    for step in spoken() {
        if let Some(template) = config.templates.get(step, Part::Script) {
            look(format!("templates.{step}"), template);
        }
    }
    if let Some(template) = config.templates.get(Step::Assistant, Part::FrontDesk) {
        look("templates.front-desk".to_string(), template);
    }
    for cadence in config.cadences() {
        for step in spoken() {
            let own = config
                .templates
                .for_cadence(&cadence.name, step, Part::Script);
            if own.is_some() && own != config.templates.get(step, Part::Script) {
                look(
                    format!("templates.{}.{step}", cadence.name),
                    own.unwrap_or_default(),
                );
            }
        }
    }
    warnings
}

/// A made-up prospect with fields of typical length, for [`check`].
struct Typical<'a> {
    config: &'a Config,
    /// Every field is on file; else only the name.
    detailed: bool,
    reached: bool,
    left_voicemail: bool,
    ground_rules: bool,
    /// A value item is on hand ([`TYPICAL_VALUE`]).
    value: bool,
    /// An email goes beside the call, so the voicemail only announces the item.
    paired: bool,
}

/// A value item of typical length, for [`check`].
const TYPICAL_VALUE: &str =
    "Clinics that moved to sit-stand desks report a third fewer back complaints in a year.";

impl<'a> Typical<'a> {
    fn all(config: &'a Config) -> Vec<Typical<'a>> {
        let mut all = Vec::new();
        for detailed in [false, true] {
            // (reached, left a voicemail, ground rules agreed)
            for (reached, left_voicemail, ground_rules) in [
                (false, false, false),
                (true, false, false),
                (false, true, false),
                (true, true, true),
            ] {
                // No item left; an item announced beside an email; an item said in full.
                for (value, paired) in [(false, false), (true, true), (true, false)] {
                    all.push(Typical {
                        config,
                        detailed,
                        reached,
                        left_voicemail,
                        ground_rules,
                        value,
                        paired,
                    });
                }
            }
        }
        all
    }
}

impl Source for Typical<'_> {
    fn value(&self, name: &str) -> Option<String> {
        let me = &self.config.me;
        let always = match name {
            "first_name" => Some("Dana"),
            "name" => Some("Dana Whitfield"),
            "id" => Some("12"),
            "promise_day" => Some("Monday 7 December"),
            "promise_time" => Some("08:15"),
            "last_touch_date" => Some("Friday 4 December"),
            "touch" => Some("2"),
            "max_touches" => Some("4"),
            // A file without [me] details still has its voicemails timed as they will be
            // said once it has them: typical details stand in.
            "me" => return me.name.clone().or(Some("Sam Carter".into())),
            "my_company" => return me.company.clone().or(Some("Harbor Office Supply".into())),
            "my_phone" => return me.phone.clone().or(Some("555-0100".into())),
            "my_email" => return me.email.clone().or(Some("sam.carter@example.com".into())),
            _ => None,
        };
        if always.is_some() {
            return always.map(String::from);
        }
        let item = match name {
            "value" => Some(TYPICAL_VALUE),
            "value_intro" => Some(crate::domain::ValueKind::Figure.intro()),
            "value_kind" => Some(crate::domain::ValueKind::Figure.noun()),
            _ => None,
        };
        if item.is_some() {
            return item.filter(|_| self.value).map(String::from);
        }
        if name == "value_line" {
            return self.value.then(|| {
                crate::value::introduced(crate::domain::ValueKind::Figure, TYPICAL_VALUE)
            });
        }
        let detail = match name {
            "company" => "Lakeside Dental",
            "title" => "office manager",
            "topic" => "ergonomic chairs",
            "next_step" => "a quote for twelve chairs",
            "assistant" => "Pat",
            _ => return None,
        };
        self.detailed.then(|| detail.to_string())
    }

    fn fact(&self, name: &str) -> bool {
        match name {
            "reached" => self.reached,
            "left_voicemail" => self.left_voicemail,
            "ground_rules" => self.ground_rules,
            // A voicemail goes with a call made today.
            "calling" => true,
            "paired" => self.paired,
            "value_fits" => true,
            // A voicemail goes to a number on file.
            "phone" => true,
            _ => false,
        }
    }

    fn stand_in(&self, name: &str) -> String {
        crate::script::fallback(name).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Origin;

    #[test]
    fn a_phone_number_is_read_digit_by_digit() {
        assert_eq!(words("Call me on 555-0100."), 3 + 7);
        assert_eq!(words("On Monday 7 December at 08:15"), 6);
        assert_eq!(words("  "), 0);
    }

    #[test]
    fn seconds_follow_the_rate() {
        let hundred = "word ".repeat(100);
        assert_eq!(seconds(&hundred, 150), 40);
        assert_eq!(seconds(&hundred, 200), 30);
        assert_eq!(seconds("", 150), 0);
        // Rounded to the nearest second: 3 words at 150 a minute is 1.2 seconds.
        assert_eq!(seconds("one two three", 150), 1);
    }

    #[test]
    fn the_length_is_described_with_advice_only_outside_20_to_40_seconds() {
        assert_eq!(
            describe_length(31, 150),
            "About 31 seconds to say, at 150 words a minute."
        );
        assert!(describe_length(41, 150).contains("longer than the 40"));
        assert!(describe_length(19, 150).contains("shorter than the 20"));
        let long = LengthWarning {
            key: "templates.rescue".into(),
            shortest: 31,
            longest: 44,
        };
        assert_eq!(
            long.describe(150),
            "takes 31 to 44 seconds to say with typical details, at 150 words a minute; \
             shorten it: a voicemail of 20 to 40 seconds is the one that gets returned"
        );
    }

    #[test]
    fn the_shipped_voicemails_take_20_to_40_seconds() {
        assert_eq!(check(&Config::built_in()), vec![]);
    }

    #[test]
    fn a_long_or_a_short_template_is_named_with_its_range() {
        let long = "word ".repeat(120);
        let text = format!(
            "[cadence.standard]\n[cadence.nurture]\n[templates]\nrescue = \"Hi {{first_name}}.\"\n\n\
             [templates.nurture]\nfirst = \"{long}\"\n"
        );
        let config = Config::parse(&text, Origin::File("custom.toml".into())).unwrap();
        let warnings = check(&config);
        assert_eq!(
            warnings,
            vec![
                LengthWarning {
                    key: "templates.rescue".into(),
                    shortest: 1,
                    longest: 1
                },
                LengthWarning {
                    key: "templates.nurture.first".into(),
                    shortest: 48,
                    longest: 48
                },
            ]
        );
    }
}
