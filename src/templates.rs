//! Message templates: the text of cadence.toml's `[templates]`, checked once when the file is
//! loaded, and filled in with a prospect's details when a message is needed.
//!
//! A message must never state what the file does not hold (cadence.md, "Channels and missing
//! details"), so a template can say a sentence two ways: `{if NAME}...{else}...{end}` takes
//! the first branch when placeholder NAME has a value, or when fact NAME (see [`FACTS`]) holds
//! for the prospect's history; `{if not NAME}` reverses it. Conditions nest.

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
    // The value item the message carries (`followup value add`): its text, the words that
    // introduce it ("Here's a tip"), its name in a sentence ("a tip"), and the item led in
    // by those words with the stop that suits it ("Here's a tip. A chair...").
    "value",
    "value_intro",
    "value_kind",
    "value_line",
    // The first name of the rep who promised the call, when another rep makes it (the file
    // changed hands since): what the `promise-handover` openings say.
    "promised_by",
];

/// The placeholders of the value item: not fields of the file, so a message without an item
/// does not list them as missing (the morning list says how to add one instead).
pub const VALUE_PLACEHOLDERS: &[&str] = &["value", "value_intro", "value_kind", "value_line"];

/// Placeholders that are no field of the file either: who promised the call is a fact of the
/// team's history, with nothing to set.
const HISTORY_PLACEHOLDERS: &[&str] = &["promised_by"];

/// Facts about the prospect's history and about this message that a template can test with
/// `{if NAME}`, beside the placeholders (which test whether the file holds a value).
pub const FACTS: &[&str] = &[
    // They answered, wrote back or met you at least once.
    "reached",
    // A voicemail was left at the last touch.
    "left_voicemail",
    // The message goes with a call made today: the voicemail itself, or the email beside it.
    "calling",
    // At a conversation they agreed that a plain "no" is welcome (`log --ground-rules`).
    "ground_rules",
    // An email goes out with this message: beside a call, or after a text too short for the
    // value item.
    "paired",
    // The value item fits in the text message (160 characters in all); always true in the
    // other parts.
    "value_fits",
    // The value item is a question (`value add --kind question`): a message that asks one of
    // its own asks that one instead, so that it never announces two.
    "value_question",
    // A phone number for the prospect is on file: an email may offer a call; without one it
    // asks for a reply instead.
    "phone",
    // This touch is made as promised, on time: the `promise-kept` sentence opens it, so the
    // message does not say a second time that you called.
    "as_promised",
    // On a team book, the rep who makes this touch never touched the file, though other reps
    // did (it changed hands): the message must not speak of earlier calls as theirs.
    "new_voice",
    // On a team book, some earlier touch of the file was another rep's (it changed hands,
    // whatever the caller did since): the file's past is the team's, "we've tried you", never
    // "I've tried you". Holds whenever `new_voice` does.
    "handed_over",
];

/// The messages a step can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// What to say on the phone or leave on voicemail: the key `STEP`.
    Script,
    /// The subject of the email: `STEP_subject`.
    Subject,
    /// The body of the email: `STEP_email`.
    Email,
    /// One short text message, for prospects who prefer texts: `STEP_text`.
    Text,
    /// What to say to the front desk on the company's main line, for the assistant step when
    /// no assistant's number is on file: the key `front-desk`.
    FrontDesk,
}

impl Part {
    const SUFFIXES: [(Part, &'static str); 3] = [
        (Part::Subject, "_subject"),
        (Part::Email, "_email"),
        (Part::Text, "_text"),
    ];

    /// The `[templates]` key of `step`'s message for this part: `rescue_subject`.
    pub fn key(self, step: Step) -> String {
        match self {
            Part::Script => step.as_str().to_string(),
            Part::FrontDesk => "front-desk".to_string(),
            part => {
                let suffix = Part::SUFFIXES
                    .iter()
                    .find(|(known, _)| *known == part)
                    .map_or("", |(_, suffix)| suffix);
                format!("{step}{suffix}")
            }
        }
    }

    /// Reads a `[templates]` key such as `rescue_subject`.
    pub fn parse_key(key: &str) -> Option<(Step, Part)> {
        if key == "front-desk" {
            return Some((Step::Assistant, Part::FrontDesk));
        }
        for (part, suffix) in Part::SUFFIXES {
            if let Some(step) = key.strip_suffix(suffix) {
                return step.parse().ok().map(|step| (step, part));
            }
        }
        key.parse().ok().map(|step| (step, Part::Script))
    }
}

/// What a touch that was promised opens with, before the step's own message (cadence.md
/// rule 1: a promise changes when a touch happens, never what it says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Opening {
    /// The call is made as promised: the key `promise-kept`.
    Kept,
    /// The promised call was missed and this one is late: the key `promise-missed`.
    Missed,
    /// On a team book, the call another rep promised, made as promised by the rep who holds
    /// the file now: the key `promise-handover`. It says who promised (`{promised_by}`),
    /// since the prospect never heard a promise from the one calling.
    HandedOver,
    /// Another rep's promised call was missed, and the rep who holds the file now calls late:
    /// the key `promise-handover-missed`.
    HandedOverMissed,
}

impl Opening {
    pub const ALL: [Opening; 4] = [
        Opening::Kept,
        Opening::Missed,
        Opening::HandedOver,
        Opening::HandedOverMissed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Opening::Kept => "promise-kept",
            Opening::Missed => "promise-missed",
            Opening::HandedOver => "promise-handover",
            Opening::HandedOverMissed => "promise-handover-missed",
        }
    }

    /// The opening of a promise: kept or `missed`, and made by the caller or by another rep
    /// (`handed_over`).
    pub fn of(missed: bool, handed_over: bool) -> Opening {
        match (missed, handed_over) {
            (false, false) => Opening::Kept,
            (true, false) => Opening::Missed,
            (false, true) => Opening::HandedOver,
            (true, true) => Opening::HandedOverMissed,
        }
    }

    /// Reads a `[templates]` key of an opening: `promise-kept` (said on the phone) or
    /// `promise-kept_email` (the first paragraph of the email).
    pub fn parse_key(key: &str) -> Option<(Opening, Part)> {
        Opening::ALL.into_iter().find_map(|opening| {
            let rest = key.strip_prefix(opening.key())?;
            match rest {
                "" => Some((opening, Part::Script)),
                "_email" => Some((opening, Part::Email)),
                _ => None,
            }
        })
    }
}

/// A template that does not parse: an unknown name, an unclosed brace, or an `{if}` that does
/// not nest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder {{{}}}; known ones are {list}", crate::quote::brief(.0), list = PLACEHOLDERS.join(", "))]
    UnknownPlaceholder(String),
    #[error(
        "unknown condition {{if {0}}}; test a placeholder (is it on file?) or one of {facts}",
        facts = FACTS.join(", ")
    )]
    UnknownCondition(String),
    #[error("a '{{' is not closed; write '{{{{' for a literal brace")]
    Unclosed,
    #[error("a lone '}}'; write '}}}}' for a literal brace")]
    LoneClosingBrace,
    #[error("{{if {0}}} has no {{end}}")]
    UnclosedIf(String),
    #[error("{{{0}}} without an {{if ...}} before it")]
    Stray(&'static str),
    #[error("{{if {0}}} has two {{else}}")]
    TwoElses(String),
}

/// A piece of a template's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node<'a> {
    Text(&'a str),
    Brace(char),
    Placeholder(&'a str),
}

/// One `{...}` of a template, or the text between them.
enum Token<'a> {
    Node(Node<'a>),
    If { name: &'a str, negated: bool },
    Else,
    End,
}

/// The tokens of a template, read one at a time: filling a message walks them once, without
/// building a tree (a busy morning fills thousands of messages; building each template's tree
/// again for every one of them was a seventh of `today`'s work).
struct Tokens<'a> {
    rest: &'a str,
    /// A tag read after the text before it, handed out next.
    pending: Option<Token<'a>>,
    done: bool,
}

impl<'a> Tokens<'a> {
    fn new(template: &'a str) -> Tokens<'a> {
        Tokens {
            rest: template,
            pending: None,
            done: false,
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Result<Token<'a>, TemplateError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(token) = self.pending.take() {
            return Some(Ok(token));
        }
        if self.done {
            return None;
        }
        let rest = self.rest;
        // Both braces are ASCII, so their places are character boundaries; memchr's portable
        // search looks at a word of bytes at a time, where a pattern of two characters would
        // decode every character. (Its SIMD search first asks the processor what it supports,
        // which in a virtual machine costs more than a morning's templates.)
        let Some(index) = memchr::arch::all::memchr::Two::new(b'{', b'}').find(rest.as_bytes())
        else {
            self.done = true;
            return Some(Ok(Token::Node(Node::Text(rest))));
        };
        let tail = &rest[index..];
        let tag = if let Some(after) = tail.strip_prefix("{{") {
            self.rest = after;
            Token::Node(Node::Brace('{'))
        } else if let Some(after) = tail.strip_prefix("}}") {
            self.rest = after;
            Token::Node(Node::Brace('}'))
        } else if tail.starts_with('}') {
            self.done = true;
            return Some(Err(TemplateError::LoneClosingBrace));
        } else {
            let Some(end) = memchr::arch::all::memchr::One::new(b'}').find(tail.as_bytes()) else {
                self.done = true;
                return Some(Err(TemplateError::Unclosed));
            };
            self.rest = &tail[end + 1..];
            match tag(&tail[1..end]) {
                Ok(token) => token,
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        };
        if index == 0 {
            return Some(Ok(tag));
        }
        self.pending = Some(tag);
        Some(Ok(Token::Node(Node::Text(&rest[..index]))))
    }
}

/// What is inside one pair of braces.
fn tag(inside: &str) -> Result<Token<'_>, TemplateError> {
    match inside.trim() {
        "else" => return Ok(Token::Else),
        "end" => return Ok(Token::End),
        _ => {}
    }
    if let Some(condition) = inside.strip_prefix("if ") {
        let (name, negated) = match condition.trim().strip_prefix("not ") {
            Some(name) => (name.trim(), true),
            None => (condition.trim(), false),
        };
        if !PLACEHOLDERS.contains(&name) && !FACTS.contains(&name) {
            return Err(TemplateError::UnknownCondition(name.to_string()));
        }
        return Ok(Token::If { name, negated });
    }
    if !PLACEHOLDERS.contains(&inside) {
        return Err(TemplateError::UnknownPlaceholder(inside.to_string()));
    }
    Ok(Token::Node(Node::Placeholder(inside)))
}

/// An `{if}` being walked: its condition, whether its text is written, and whether `{else}`
/// was seen.
struct Open<'a> {
    name: &'a str,
    /// Whether the text around the `{if}` is written.
    outer: bool,
    /// Whether the condition (negated or not) holds: the first branch is taken.
    takes_then: bool,
    in_else: bool,
}

/// Walks a template once, writing the branches its conditions take into `filled`, and
/// checking the whole of it on the way: the branches not taken are read, not written, and
/// their placeholders not asked for.
fn walk(template: &str, source: &dyn Source, filled: &mut Filled) -> Result<(), TemplateError> {
    let mut open: Vec<Open<'_>> = Vec::new();
    let mut writing = true;
    for token in Tokens::new(template) {
        match token? {
            Token::Node(node) => {
                if writing {
                    write_node(&node, source, filled);
                }
            }
            Token::If { name, negated } => {
                let holds = writing && holds(name, source, filled);
                open.push(Open {
                    name,
                    outer: writing,
                    takes_then: holds != negated,
                    in_else: false,
                });
                writing = writing && holds != negated;
            }
            Token::Else => match open.last_mut() {
                Some(branch) if branch.in_else => {
                    return Err(TemplateError::TwoElses(branch.name.to_string()));
                }
                Some(branch) => {
                    branch.in_else = true;
                    writing = branch.outer && !branch.takes_then;
                }
                None => return Err(TemplateError::Stray("else")),
            },
            Token::End => {
                let closed = open.pop().ok_or(TemplateError::Stray("end"))?;
                writing = closed.outer;
            }
        }
    }
    match open.pop() {
        Some(unclosed) => Err(TemplateError::UnclosedIf(unclosed.name.to_string())),
        None => Ok(()),
    }
}

fn write_node(node: &Node<'_>, source: &dyn Source, filled: &mut Filled) {
    match node {
        Node::Text(text) => filled.text.push_str(text),
        Node::Brace(brace) => filled.text.push(*brace),
        Node::Placeholder(name) => match source.value(name) {
            Some(value) => filled.text.push_str(&value),
            None => {
                filled.text.push_str(&source.stand_in(name));
                filled.lacks(name);
            }
        },
    }
}

/// Whether an `{if NAME}` holds: placeholder NAME is on file (noted as missing if not), or
/// fact NAME holds.
fn holds(name: &str, source: &dyn Source, filled: &mut Filled) -> bool {
    if PLACEHOLDERS.contains(&name) {
        let on_file = source.value(name).is_some();
        if !on_file {
            filled.lacks(name);
        }
        on_file
    } else {
        source.fact(name)
    }
}

/// Checks a template without filling it.
pub fn check(template: &str) -> Result<(), TemplateError> {
    /// Fills nothing: only the template's shape is looked at.
    struct Blank;
    impl Source for Blank {
        fn value(&self, _: &str) -> Option<String> {
            None
        }
        fn fact(&self, _: &str) -> bool {
            false
        }
        fn stand_in(&self, _: &str) -> String {
            String::new()
        }
    }
    // Every token first, so that a misspelt name is reported wherever it stands, as it was
    // when the template was read whole.
    Tokens::new(template).try_for_each(|token| token.map(|_| ()))?;
    walk(template, &Blank, &mut Filled::default())
}

/// A filled-in message, and the placeholders that had no value (the caller's stand-in text
/// fills each hole: a natural phrase, or a marker that says what is missing).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filled {
    pub text: String,
    /// Placeholders the file had no value for: used bare (and so filled by the stand-in), or
    /// tested by an `{if}` that then took its other branch. `show` says how to set each.
    pub missing: Vec<&'static str>,
}

impl Filled {
    fn lacks(&mut self, name: &str) {
        if let Some(known) = PLACEHOLDERS.iter().find(|known| **known == name)
            && !VALUE_PLACEHOLDERS.contains(known)
            && !HISTORY_PLACEHOLDERS.contains(known)
            && !self.missing.contains(known)
        {
            self.missing.push(known);
        }
    }
}

/// What a template is filled from.
pub trait Source {
    /// A placeholder's value, or `None` when the prospect's file lacks it.
    fn value(&self, name: &str) -> Option<String>;
    /// Whether one of [`FACTS`] holds.
    fn fact(&self, name: &str) -> bool;
    /// The text that stands in for a placeholder without a value.
    fn stand_in(&self, name: &str) -> String;
}

/// Fills a template checked by [`check`] from `source`: `{if NAME}` takes its first branch when
/// placeholder NAME has a value (or fact NAME holds), and its `{else}` branch otherwise.
pub fn fill(template: &str, source: &dyn Source) -> Filled {
    let mut filled = Filled::default();
    // Templates are checked when cadence.toml is loaded; an unchecked one is shown as written.
    if walk(template, source, &mut filled).is_err() {
        filled = Filled {
            text: template.to_string(),
            missing: Vec::new(),
        };
    }
    filled
}

/// The messages of every step, keyed by step and part, and the messages that one cadence
/// says differently (`[templates.CADENCE]`), which win for that cadence's prospects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    messages: BTreeMap<(Step, Part), String>,
    by_cadence: BTreeMap<String, BTreeMap<(Step, Part), String>>,
    openings: BTreeMap<(Opening, Part), String>,
    openings_by_cadence: BTreeMap<String, BTreeMap<(Opening, Part), String>>,
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
            + self
                .openings_by_cadence
                .get(cadence)
                .map_or(0, BTreeMap::len)
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

    /// The opening of a promised touch for a prospect following `cadence`: its own if
    /// `[templates.CADENCE]` has one, else the shared one.
    pub fn opening_for(&self, cadence: &str, opening: Opening, part: Part) -> Option<&str> {
        self.openings_by_cadence
            .get(cadence)
            .and_then(|own| own.get(&(opening, part)))
            .or_else(|| self.openings.get(&(opening, part)))
            .map(String::as_str)
    }

    pub(crate) fn insert_opening(&mut self, opening: Opening, part: Part, text: String) {
        self.openings.insert((opening, part), text);
    }

    pub(crate) fn insert_opening_for(
        &mut self,
        cadence: &str,
        opening: Opening,
        part: Part,
        text: String,
    ) {
        self.openings_by_cadence
            .entry(cadence.to_string())
            .or_default()
            .insert((opening, part), text);
    }

    /// Steps that have no spoken message. `promised` needs none: it is a step of old
    /// histories only (a promise no longer replaces the step, see [`Opening`]).
    pub fn steps_without_script(&self) -> impl Iterator<Item = Step> + '_ {
        Step::ALL
            .iter()
            .copied()
            .filter(|step| *step != Step::Promised && self.get(*step, Part::Script).is_none())
    }

    /// Every message with its key in cadence.toml (`templates.rescue_email`,
    /// `templates.nurture.first`): the shared ones, then each cadence's own.
    pub fn keyed(&self) -> Vec<(String, &str)> {
        let mut keyed = Vec::new();
        push_keyed(
            &mut keyed,
            "templates",
            Some(&self.messages),
            Some(&self.openings),
        );
        let cadences: std::collections::BTreeSet<&String> = self
            .by_cadence
            .keys()
            .chain(self.openings_by_cadence.keys())
            .collect();
        for cadence in cadences {
            push_keyed(
                &mut keyed,
                &format!("templates.{cadence}"),
                self.by_cadence.get(cadence),
                self.openings_by_cadence.get(cadence),
            );
        }
        keyed
    }

    /// The name of an opening that has no spoken version.
    pub fn openings_without_script(&self) -> impl Iterator<Item = &'static str> + '_ {
        Opening::ALL
            .into_iter()
            .filter(|opening| !self.openings.contains_key(&(*opening, Part::Script)))
            .map(Opening::key)
    }
}

/// Adds the messages and openings of one table to `keyed`, each with its key.
fn push_keyed<'a>(
    keyed: &mut Vec<(String, &'a str)>,
    table: &str,
    messages: Option<&'a BTreeMap<(Step, Part), String>>,
    openings: Option<&'a BTreeMap<(Opening, Part), String>>,
) {
    for ((step, part), text) in messages.into_iter().flatten() {
        keyed.push((format!("{table}.{}", part.key(*step)), text.as_str()));
    }
    for ((opening, part), text) in openings.into_iter().flatten() {
        let suffix = if *part == Part::Email { "_email" } else { "" };
        keyed.push((format!("{table}.{}{suffix}", opening.key()), text.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_the_key_it_was_read_from() {
        let mut templates = Templates::default();
        templates.insert(Step::Rescue, Part::Email, "a".into());
        templates.insert(Step::Assistant, Part::FrontDesk, "b".into());
        templates.insert_for("nurture", Step::First, Part::Script, "c".into());
        templates.insert_opening(Opening::Kept, Part::Email, "d".into());
        let keys: Vec<String> = templates.keyed().into_iter().map(|(key, _)| key).collect();
        assert_eq!(
            keys,
            [
                "templates.rescue_email",
                "templates.front-desk",
                "templates.promise-kept_email",
                "templates.nurture.first"
            ]
        );
        for key in &keys {
            let last = key.rsplit('.').next().unwrap();
            assert!(
                Part::parse_key(last).is_some() || Opening::parse_key(last).is_some(),
                "{key}"
            );
        }
    }

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
        assert_eq!(
            Part::parse_key("front-desk"),
            Some((Step::Assistant, Part::FrontDesk))
        );
        assert_eq!(Part::parse_key("rescue_body"), None);
        assert_eq!(
            Opening::parse_key("promise-kept"),
            Some((Opening::Kept, Part::Script))
        );
        assert_eq!(
            Opening::parse_key("promise-missed_email"),
            Some((Opening::Missed, Part::Email))
        );
        assert_eq!(
            Opening::parse_key("promise-handover"),
            Some((Opening::HandedOver, Part::Script))
        );
        assert_eq!(
            Opening::parse_key("promise-handover-missed_email"),
            Some((Opening::HandedOverMissed, Part::Email))
        );
        assert_eq!(Opening::parse_key("promise-handover-kept"), None);
        assert_eq!(Opening::parse_key("promise-kept_subject"), None);
        assert_eq!(Opening::parse_key("promised"), None);
        assert_eq!(Part::parse_key("hello"), None);
    }

    /// A file with a first name and the fact "reached", and nothing else.
    struct Ann;

    impl Source for Ann {
        fn value(&self, name: &str) -> Option<String> {
            (name == "first_name").then(|| "Ann".to_string())
        }
        fn fact(&self, name: &str) -> bool {
            name == "reached"
        }
        fn stand_in(&self, _: &str) -> String {
            "your request".to_string()
        }
    }

    #[test]
    fn fills_values_and_falls_back_for_missing_ones() {
        let filled = fill("Hi {first_name}, about {topic} {{literally}}", &Ann);
        assert_eq!(filled.text, "Hi Ann, about your request {literally}");
        assert_eq!(filled.missing, vec!["topic"]);
    }

    #[test]
    fn a_condition_on_a_placeholder_asks_whether_the_file_holds_it() {
        let template = "{if topic}About {topic}.{else}About your enquiry.{end} Bye {first_name}.";
        let filled = fill(template, &Ann);
        assert_eq!(filled.text, "About your enquiry. Bye Ann.");
        assert_eq!(
            filled.missing,
            vec!["topic"],
            "show still says how to set it"
        );
        assert_eq!(
            fill("{if first_name}Hi {first_name}.{end}", &Ann).text,
            "Hi Ann."
        );
    }

    #[test]
    fn a_condition_on_a_fact_nests_and_negates() {
        let template =
            "{if reached}{if left_voicemail}A{else}B{end}{else}C{end}|{if not calling}D{end}";
        let filled = fill(template, &Ann);
        assert_eq!(filled.text, "B|D");
        assert!(filled.missing.is_empty());
        assert_eq!(
            fill("{if not reached}never{else}spoke{end}", &Ann).text,
            "spoke"
        );
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

    #[test]
    fn refuses_conditions_that_do_not_nest_or_name_nothing() {
        assert_eq!(
            check("{if reachd}x{end}"),
            Err(TemplateError::UnknownCondition("reachd".into()))
        );
        assert_eq!(
            check("{if topic}x"),
            Err(TemplateError::UnclosedIf("topic".into()))
        );
        assert_eq!(check("x{end}"), Err(TemplateError::Stray("end")));
        assert_eq!(check("x{else}y"), Err(TemplateError::Stray("else")));
        assert_eq!(
            check("{if topic}a{else}b{else}c{end}"),
            Err(TemplateError::TwoElses("topic".into()))
        );
        assert_eq!(check("{if not reached}{if topic}{topic}{end}{end}"), Ok(()));
    }
}
