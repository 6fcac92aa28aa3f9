//! Message templates: the text of cadence.toml's `[templates]`, checked once when the file is
//! loaded, and filled in with a prospect's details when a message is needed.

use std::collections::BTreeMap;

use crate::domain::Step;

/// Every placeholder a template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "first_name",
    "name",
    "company",
    "title",
    "topic",
    "next_step",
    "assistant",
    "id",
    "me",
    "my_company",
    "my_phone",
    "my_email",
    "promise_day",
    "promise_time",
    "last_touch_date",
    "touch",
    "max_touches",
];

/// The three messages a step can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// What to say on the phone or leave on voicemail: the key `STEP`.
    Script,
    /// The subject of the matching email: `STEP_subject`.
    Subject,
    /// The body of the matching email: `STEP_email`.
    Email,
}

impl Part {
    const SUFFIXES: [(Part, &'static str); 2] =
        [(Part::Subject, "_subject"), (Part::Email, "_email")];

    /// Reads a `[templates]` key such as `rescue_subject`.
    pub fn parse_key(key: &str) -> Option<(Step, Part)> {
        for (part, suffix) in Part::SUFFIXES {
            if let Some(step) = key.strip_suffix(suffix) {
                return step.parse().ok().map(|step| (step, part));
            }
        }
        key.parse().ok().map(|step| (step, Part::Script))
    }
}

/// A template that does not parse: an unknown placeholder or an unclosed brace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder {{{}}}; known ones are {list}", crate::quote::brief(.0), list = PLACEHOLDERS.join(", "))]
    UnknownPlaceholder(String),
    #[error("a '{{' is not closed; write '{{{{' for a literal brace")]
    Unclosed,
    #[error("a lone '}}'; write '}}}}' for a literal brace")]
    LoneClosingBrace,
}

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Placeholder(&'a str),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(index) = rest.find(['{', '}']) {
        pieces.push(Piece::Text(&rest[..index]));
        let tail = &rest[index..];
        if let Some(after) = tail.strip_prefix("{{") {
            pieces.push(Piece::Brace('{'));
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            pieces.push(Piece::Brace('}'));
            rest = after;
        } else if tail.starts_with('}') {
            return Err(TemplateError::LoneClosingBrace);
        } else {
            let end = tail.find('}').ok_or(TemplateError::Unclosed)?;
            let name = &tail[1..end];
            if !PLACEHOLDERS.contains(&name) {
                return Err(TemplateError::UnknownPlaceholder(name.to_string()));
            }
            pieces.push(Piece::Placeholder(name));
            rest = &tail[end + 1..];
        }
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks a template without filling it.
pub fn check(template: &str) -> Result<(), TemplateError> {
    pieces(template).map(|_| ())
}

/// A filled-in message, and the placeholders that had no value (the caller's stand-in text
/// fills each hole: a natural phrase, or a marker that says what is missing).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filled {
    pub text: String,
    pub missing: Vec<&'static str>,
}

/// Fills a template checked by [`check`]. `value` gives a placeholder's value, or `None` when
/// the prospect's file lacks it; `fallback` then gives the text to use instead.
pub fn fill(
    template: &str,
    value: impl Fn(&str) -> Option<String>,
    fallback: impl Fn(&str) -> String,
) -> Filled {
    let mut filled = Filled::default();
    // Templates are checked when cadence.toml is loaded; an unchecked one is shown as written.
    let Ok(pieces) = pieces(template) else {
        filled.text = template.to_string();
        return filled;
    };
    for piece in pieces {
        match piece {
            Piece::Text(text) => filled.text.push_str(text),
            Piece::Brace(brace) => filled.text.push(brace),
            Piece::Placeholder(name) => match value(name) {
                Some(value) => filled.text.push_str(&value),
                None => {
                    filled.text.push_str(&fallback(name));
                    if let Some(known) = PLACEHOLDERS.iter().find(|known| **known == name)
                        && !filled.missing.contains(known)
                    {
                        filled.missing.push(known);
                    }
                }
            },
        }
    }
    filled
}

/// The messages of every step, keyed by step and part, and the messages that one cadence
/// says differently (`[templates.CADENCE]`), which win for that cadence's prospects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    messages: BTreeMap<(Step, Part), String>,
    by_cadence: BTreeMap<String, BTreeMap<(Step, Part), String>>,
}

impl Templates {
    /// The message every cadence shares, `[templates]`.
    pub fn get(&self, step: Step, part: Part) -> Option<&str> {
        self.messages.get(&(step, part)).map(String::as_str)
    }

    /// The message for a prospect following `cadence`: its own if `[templates.CADENCE]` has
    /// one for this step and part, else the shared one.
    pub fn for_cadence(&self, cadence: &str, step: Step, part: Part) -> Option<&str> {
        self.by_cadence
            .get(cadence)
            .and_then(|own| own.get(&(step, part)))
            .map(String::as_str)
            .or_else(|| self.get(step, part))
    }

    /// How many messages `cadence` says its own way.
    pub fn own_count(&self, cadence: &str) -> usize {
        self.by_cadence.get(cadence).map_or(0, BTreeMap::len)
    }

    pub(crate) fn insert(&mut self, step: Step, part: Part, text: String) {
        self.messages.insert((step, part), text);
    }

    pub(crate) fn insert_for(&mut self, cadence: &str, step: Step, part: Part, text: String) {
        self.by_cadence
            .entry(cadence.to_string())
            .or_default()
            .insert((step, part), text);
    }

    /// Steps that have no spoken message.
    pub fn steps_without_script(&self) -> impl Iterator<Item = Step> + '_ {
        Step::ALL
            .iter()
            .copied()
            .filter(|step| self.get(*step, Part::Script).is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_a_step_and_a_part() {
        assert_eq!(
            Part::parse_key("rescue"),
            Some((Step::Rescue, Part::Script))
        );
        assert_eq!(
            Part::parse_key("follow-up_subject"),
            Some((Step::FollowUp, Part::Subject))
        );
        assert_eq!(
            Part::parse_key("next-step_email"),
            Some((Step::NextStep, Part::Email))
        );
        assert_eq!(Part::parse_key("rescue_body"), None);
        assert_eq!(Part::parse_key("hello"), None);
    }

    #[test]
    fn fills_values_and_falls_back_for_missing_ones() {
        let filled = fill(
            "Hi {first_name}, about {topic} {{literally}}",
            |name| (name == "first_name").then(|| "Ann".to_string()),
            |_| "your request".to_string(),
        );
        assert_eq!(filled.text, "Hi Ann, about your request {literally}");
        assert_eq!(filled.missing, vec!["topic"]);
    }

    #[test]
    fn refuses_bad_templates() {
        assert_eq!(
            check("Hi {frist_name}"),
            Err(TemplateError::UnknownPlaceholder("frist_name".into()))
        );
        assert_eq!(check("Hi {name"), Err(TemplateError::Unclosed));
        assert_eq!(check("Hi name}"), Err(TemplateError::LoneClosingBrace));
        assert_eq!(check("Hi {{name}}"), Ok(()));
    }
}
