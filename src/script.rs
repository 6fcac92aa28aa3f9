//! The message for an action: the step's templates for the channel the action goes out on,
//! filled in with the prospect's details and the facts of their history.

use chrono::{NaiveDate, NaiveTime};

use crate::channel::{self, Reach};
use crate::config::Config;
use crate::domain::{Channel, Prospect, Step, ValueKind};
use crate::engine::{Basis, NextAction};
use crate::facts::MessageFacts;
use crate::templates::{self, Filled, Opening, Part, Source};

/// The most characters a text message holds: one SMS.
pub const TEXT_LIMIT: usize = 160;

/// What to say for one action, written for the channel it goes out on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The channel and the number or address it uses (see [`channel::reach`]).
    pub reach: Reach,
    /// The message itself: the voicemail script for a call (or the instruction, for `close`),
    /// the email's body for an email, the one short text for a text.
    pub script: Filled,
    /// The email's subject: of the message itself for an email, or of the email that goes
    /// beside a call when an address is on file.
    pub subject: Option<Filled>,
    /// The email's body, as for `subject`.
    pub email: Option<Filled>,
}

impl Message {
    /// Every placeholder that had no value, across the script and the email.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = Vec::new();
        let parts = [
            Some(&self.script),
            self.subject.as_ref(),
            self.email.as_ref(),
        ];
        for name in parts
            .into_iter()
            .flatten()
            .flat_map(|filled| filled.missing.iter())
        {
            if !missing.contains(name) {
                missing.push(name);
            }
        }
        missing
    }

    /// The channel, or `None` when nothing on file reaches the prospect.
    pub fn channel(&self) -> Option<Channel> {
        self.reach.channel()
    }
}

/// How a placeholder without a value shows in a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gaps {
    /// Words that read naturally ("your enquiry"): for the morning list and `show`, which list
    /// the missing fields beside the message.
    Smooth,
    /// A marker that says what is missing and the command that sets it: for `script`, whose
    /// output is meant to be said or sent as it is, so a hole must not pass unseen.
    Marked,
}

/// Fills the templates of `action.step` for `prospect`, the prospect's cadence's own ones
/// first, for the channel [`channel::reach`] picks. `following` is the day of the touch after
/// this one, which the message announces; `facts` tell which sentences the history allows.
/// A promised touch says what its step says, after an opening: the call is as promised, or
/// (once the promised day has passed) an apology for the missed call (cadence.md rule 1).
pub fn message(
    prospect: &Prospect,
    action: &NextAction,
    following: Option<NaiveDate>,
    facts: &MessageFacts,
    config: &Config,
    gaps: Gaps,
) -> Message {
    Writer::new(prospect, action, following, facts, config, gaps).message()
}

/// Whether the message of `action` leaves out the value item of `facts`: a text with no room
/// for it and no address to email it to. The list then shows no item and `log` records none,
/// so that an item is never counted as given when the prospect never got it.
pub fn drops_value_item(
    prospect: &Prospect,
    action: &NextAction,
    following: Option<NaiveDate>,
    facts: &MessageFacts,
    config: &Config,
) -> bool {
    facts.value.is_some()
        && reach(prospect, action).channel() == Some(Channel::Text)
        && Writer::new(prospect, action, following, facts, config, Gaps::Smooth).text_drops_item()
}

/// The channel and its detail that [`message`] writes for, without writing it: for the tables
/// that show no message text.
pub fn reach(prospect: &Prospect, action: &NextAction) -> Reach {
    // A missed promise was a promise of a call too (as `Writer::new` reads it).
    channel::reach(&prospect.contact, action.step, action.promise.is_some())
}

/// The step's email (subject and body), whatever the channel, for `script --email`: written
/// as the email beside a call when the action is a call, else as an email on its own. `None`
/// when the step has no email in cadence.toml.
pub fn email(
    prospect: &Prospect,
    action: &NextAction,
    following: Option<NaiveDate>,
    facts: &MessageFacts,
    config: &Config,
    gaps: Gaps,
) -> Option<(Filled, Filled)> {
    let writer = Writer::new(prospect, action, following, facts, config, gaps);
    let calling = writer.reach.channel() == Some(Channel::Call);
    Some((
        writer.fill(Part::Subject, calling)?,
        writer.fill(Part::Email, calling)?,
    ))
}

/// Seconds to say the message of `action` at cadence.toml's speaking rate, when it is spoken
/// (a call or the call to the assistant); gaps are read as the neutral words the list uses.
pub fn speaking_seconds(
    prospect: &Prospect,
    action: &NextAction,
    following: Option<NaiveDate>,
    facts: &MessageFacts,
    config: &Config,
) -> Option<u32> {
    let message = message(prospect, action, following, facts, config, Gaps::Smooth);
    // A voicemail: not the close's instruction, nor what is said live to the front desk.
    let spoken = matches!(message.channel(), Some(Channel::Call | Channel::Assistant))
        && !matches!(message.reach, Reach::FrontDesk { .. })
        && !is_instruction(action.step);
    spoken.then(|| crate::speaking::seconds(&message.script.text, config.words_per_minute))
}

/// Writes the messages of one action.
struct Writer<'a> {
    values: Values<'a>,
    reach: Reach,
}

impl<'a> Writer<'a> {
    fn new(
        prospect: &'a Prospect,
        action: &'a NextAction,
        following: Option<NaiveDate>,
        facts: &'a MessageFacts,
        config: &'a Config,
        gaps: Gaps,
    ) -> Writer<'a> {
        let cadence = config.cadence(&prospect.cadence);
        // Only a cadence with `promise_time` promises the next call by itself; a message of
        // any other cadence names the day of the next touch, never a time.
        let next_time = cadence.and_then(|cadence| cadence.promise_time);
        let promise_time = next_time.unwrap_or(crate::when::DEFAULT_TIME);
        // That promise is made on every unanswered touch but the one before the close-out
        // (engine::implied_promise).
        let announces_time = next_time.is_some()
            && action.step.is_touch()
            && action.touch.is_some_and(|touch| {
                cadence
                    .and_then(|cadence| cadence.max_touches)
                    .is_none_or(|max| touch + 1 < max)
            });
        let contact = &prospect.contact;
        // The message is said to the prospect, so the call it announces is in their clock:
        // the same instant, which may even fall on another date for them.
        let (following, promise_time) =
            match (following, crate::zones::named(contact.time_zone.as_deref())) {
                (Some(day), Some(theirs)) => {
                    crate::zones::convert(day.and_time(promise_time), config.zones.mine, theirs)
                        .map_or((Some(day), promise_time), |at| (Some(at.date()), at.time()))
                }
                _ => (following, promise_time),
            };
        Writer {
            values: Values {
                prospect,
                action,
                following,
                promise_time: announces_time.then_some(promise_time),
                facts,
                config,
                gaps,
                calling: false,
                paired: false,
                value_fits: true,
            },
            reach: reach(prospect, action),
        }
    }

    /// One part of the step's messages; `calling`: it goes with a call made today.
    fn fill(&self, part: Part, calling: bool) -> Option<Filled> {
        self.fill_with(
            Values {
                calling,
                ..self.values
            },
            part,
        )
    }

    /// Whether the step has a message for `part` in cadence.toml.
    fn has(&self, part: Part) -> bool {
        let Values {
            prospect,
            action,
            config,
            ..
        } = self.values;
        config
            .templates
            .for_cadence(&prospect.cadence, action.step, part)
            .is_some()
    }

    /// One part of the step's messages, filled from `values`.
    fn fill_with(&self, values: Values<'_>, part: Part) -> Option<Filled> {
        let Values {
            prospect,
            action,
            config,
            ..
        } = values;
        let mut filled = config
            .templates
            .for_cadence(&prospect.cadence, action.step, part)
            .map(|template| templates::fill(template, &values))?;
        if values.facts.signer.is_some() {
            // The holder's number is in their own `[me]`, not the reader's to set.
            filled.missing.retain(|name| *name != "my_phone");
        }
        // Another rep's promise is said as theirs: the prospect heard it from them.
        let handed_over = values.facts.promised_by.is_some();
        let opening = action
            .promise
            .map(|promise| Opening::of(promise.missed, handed_over));
        let opening = opening
            .and_then(|opening| {
                config
                    .templates
                    .opening_for(&prospect.cadence, opening, part)
            })
            .map(|template| templates::fill(template, &values));
        Some(match part {
            Part::Email => opened(opening, filled, "\n\n"),
            _ => opened(opening, filled, " "),
        })
    }

    /// Whether an email can go out beside this message: an address on file and an email for
    /// the step in cadence.toml.
    fn can_pair(&self) -> bool {
        self.values.prospect.contact.email.is_some()
            && self.has(Part::Subject)
            && self.has(Part::Email)
    }

    /// The text has no room for the value item and no email can carry it instead.
    fn text_drops_item(&self) -> bool {
        let Some(whole) = self.fill(Part::Text, false) else {
            return false;
        };
        whole.text.trim().chars().count() > TEXT_LIMIT && !self.can_pair()
    }

    /// The text message, `None` when the step has none. It carries the value item when the
    /// whole text still fits in [`TEXT_LIMIT`] characters; otherwise it says the item is in an
    /// email, which then goes with it, when there is an address to send it to.
    fn text(&self) -> Option<Message> {
        let whole = self.fill(Part::Text, false)?;
        let fits =
            self.values.facts.value.is_none() || whole.text.trim().chars().count() <= TEXT_LIMIT;
        if fits {
            return Some(Message {
                script: whole,
                reach: self.reach.clone(),
                subject: None,
                email: None,
            });
        }
        let paired = self.can_pair();
        let short = Values {
            paired,
            value_fits: false,
            ..self.values
        };
        Some(Message {
            script: self.fill_with(short, Part::Text)?,
            reach: self.reach.clone(),
            subject: paired.then(|| self.fill(Part::Subject, false)).flatten(),
            email: paired.then(|| self.fill(Part::Email, false)).flatten(),
        })
    }

    fn message(self) -> Message {
        let step = self.values.action.step;
        let spoken = || self.fill(Part::Script, true).unwrap_or_default();
        if let Reach::FrontDesk { .. } = self.reach {
            // Said to whoever answers the switchboard, so it has words of its own.
            return Message {
                script: self.fill(Part::FrontDesk, true).unwrap_or_else(spoken),
                reach: self.reach,
                subject: None,
                email: None,
            };
        }
        match self.reach.channel() {
            // The email is the message; a step without one (the close) keeps its instruction.
            Some(Channel::Email) if !is_instruction(step) => {
                let (subject, email) = (
                    self.fill(Part::Subject, false),
                    self.fill(Part::Email, false),
                );
                let script = email.clone().unwrap_or_else(spoken);
                Message {
                    reach: self.reach,
                    script,
                    subject,
                    email,
                }
            }
            // One short text; a file without a text for this step says the spoken words.
            Some(Channel::Text) if !is_instruction(step) => {
                self.text().unwrap_or_else(|| Message {
                    script: spoken(),
                    reach: self.reach.clone(),
                    subject: None,
                    email: None,
                })
            }
            // A call, and the email that goes beside it when there is an address to send it
            // to.
            channel => {
                let paired = channel == Some(Channel::Call) && self.can_pair();
                let script = self
                    .fill_with(
                        Values {
                            calling: true,
                            paired,
                            ..self.values
                        },
                        Part::Script,
                    )
                    .unwrap_or_default();
                Message {
                    script,
                    subject: paired.then(|| self.fill(Part::Subject, true)).flatten(),
                    email: paired.then(|| self.fill(Part::Email, true)).flatten(),
                    reach: self.reach,
                }
            }
        }
    }
}

/// Everything a template of one message is filled from.
#[derive(Clone, Copy)]
struct Values<'a> {
    prospect: &'a Prospect,
    action: &'a NextAction,
    following: Option<NaiveDate>,
    /// The time a cadence with `promise_time` promises the next call at, in the prospect's
    /// clock; `None` when the message promises no time.
    promise_time: Option<NaiveTime>,
    facts: &'a MessageFacts,
    config: &'a Config,
    gaps: Gaps,
    /// The message goes with a call made today.
    calling: bool,
    /// An email goes out with this message (beside a call, or after a text).
    paired: bool,
    /// A text has room for the value item; true for every other part.
    value_fits: bool,
}

impl Source for Values<'_> {
    fn value(&self, name: &str) -> Option<String> {
        let contact = &self.prospect.contact;
        let me = &self.config.me;
        match name {
            "first_name" => Some(contact.first_name().to_string()),
            "name" => Some(contact.name.clone()),
            "company" => contact.company.clone(),
            "title" => contact.title.clone(),
            "topic" => contact.topic.clone(),
            "next_step" => contact.next_step.clone(),
            "assistant" => contact.assistant.clone(),
            "id" => Some(self.prospect.id.to_string()),
            // A rep's file read by a manager is signed as the rep, who will say it, with the
            // details the team keeps for them (their own `[me]` may say more).
            "me" => match &self.facts.signer {
                Some(signer) => Some(signer.name.clone()),
                None => me.name.clone(),
            },
            "my_company" => me.company.clone(),
            "my_phone" => match &self.facts.signer {
                Some(signer) => signer.phone.clone(),
                None => me.phone.clone(),
            },
            "my_email" => match &self.facts.signer {
                Some(signer) => Some(signer.email.clone()),
                None => me.email.clone(),
            },
            "promise_day" => self.following.map(|day| {
                let day = day.format("%A %-d %B").to_string();
                match self.promise_time {
                    Some(time) => format!("{day} at {}", time.format("%H:%M")),
                    None => day,
                }
            }),
            "promise_time" => self
                .promise_time
                .map(|time| time.format("%H:%M").to_string()),
            "last_touch_date" => self
                .facts
                .last_touch
                .map(|day| day.format("%A %-d %B").to_string()),
            "touch" => self.action.touch.map(|touch| touch.to_string()),
            "value" => self
                .facts
                .value
                .as_ref()
                .map(|item| crate::value::as_opening_sentence(&item.text)),
            "value_intro" => self
                .facts
                .value
                .as_ref()
                .map(|item| item.kind.intro().to_string()),
            "value_kind" => self
                .facts
                .value
                .as_ref()
                .map(|item| item.kind.noun().to_string()),
            "value_line" => self
                .facts
                .value
                .as_ref()
                .map(|item| crate::value::introduced(item.kind, &item.text)),
            "promised_by" => self
                .facts
                .promised_by
                .as_ref()
                .map(|promiser| promiser.first_name().to_string()),
            "max_touches" => self
                .config
                .cadence(&self.prospect.cadence)
                .and_then(|cadence| cadence.max_touches)
                .map(|max| max.to_string()),
            _ => None,
        }
    }

    fn fact(&self, name: &str) -> bool {
        match name {
            "calling" => self.calling,
            "paired" => self.paired,
            "value_fits" => self.value_fits,
            "value_question" => self
                .facts
                .value
                .as_ref()
                .is_some_and(|item| item.kind == ValueKind::Question),
            "phone" => self.prospect.contact.phone.is_some(),
            "as_promised" => self.action.promised(),
            _ => self.facts.holds(name),
        }
    }

    fn stand_in(&self, name: &str) -> String {
        match (self.gaps, &self.facts.signer) {
            (Gaps::Smooth, _) => fallback(name).to_string(),
            (Gaps::Marked, Some(signer)) if name == "my_phone" => format!(
                "[{}'s number: the team keeps none for them (`followup rep edit {} --phone ...`); \
                 {}'s own script gives it]",
                signer.name,
                signer.email,
                first_word(&signer.name)
            ),
            (Gaps::Marked, _) => marker(name, self.prospect),
        }
    }
}

/// The action to write a message for when the user names a step: the next action itself if it
/// is that step, else the named step as of `today`, keeping what the next action knows (its
/// touch number, and the facts behind it, which give the date of the last touch). A step
/// that is not a touch has no touch number.
pub fn named_step(next: Option<&NextAction>, step: Step, today: NaiveDate) -> NextAction {
    match next {
        Some(next) if next.step == step => next.clone(),
        Some(next) => NextAction {
            step,
            due: today,
            time: None,
            touch: next.touch.filter(|_| step.is_touch()),
            basis: next.basis.clone(),
            promise: None,
        },
        // A closed file with nothing planned: no rule applies, and no fact is known.
        None => NextAction {
            step,
            due: today,
            time: None,
            touch: None,
            basis: Basis::Recontact { set_for: today },
            promise: None,
        },
    }
}

/// `message` with `opening` said first: before everything in a script, after the greeting
/// line ("Hi Dana,") in an email, so that it reads as the first thing said either way.
fn opened(opening: Option<Filled>, message: Filled, separator: &str) -> Filled {
    let Some(opening) = opening else {
        return message;
    };
    let body = message.text.trim_start();
    // The opening follows the greeting: "Hi Dana, it's Sam." comes before "as promised",
    // the way a person says it; an email's greeting is its first line, a call's its first
    // sentence.
    let (greeting, rest) = if separator.contains('\n') {
        match body.split_once('\n') {
            Some((line, rest)) if line.trim_end().ends_with(',') => {
                (format!("{line}\n\n"), rest.trim_start())
            }
            _ => (String::new(), body),
        }
    } else {
        match first_sentence_end(body) {
            Some(end) => (format!("{} ", &body[..end]), body[end..].trim_start()),
            None => (String::new(), body),
        }
    };
    let mut missing = opening.missing;
    for name in message.missing {
        if !missing.contains(&name) {
            missing.push(name);
        }
    }
    Filled {
        text: format!("{greeting}{}{separator}{rest}", opening.text.trim()),
        missing,
    }
}

/// Where the first sentence of spoken words ends (after its full stop, question or exclamation
/// mark), when more follows it.
fn first_sentence_end(text: &str) -> Option<usize> {
    text.match_indices(['.', '!', '?'])
        .map(|(at, mark)| at + mark.len())
        .find(|&end| text[end..].starts_with(' ') && !text[end..].trim().is_empty())
}

/// The first word of a name: "Sam" of "Sam Carter".
fn first_word(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Words that stand in for a missing value, so a message still reads naturally.
pub(crate) fn fallback(name: &str) -> &'static str {
    match name {
        "company" => "your team",
        "topic" => "your enquiry",
        "next_step" => "the next step we talked about",
        "assistant" => "there",
        "me" => "me",
        "my_company" => "our company",
        "my_phone" => "my usual number",
        "my_email" => "my usual address",
        "promise_day" => "a later day",
        "last_touch_date" => "my last message",
        "promised_by" => "a colleague",
        _ => "",
    }
}

/// What `script` prints where a placeholder has no value: what is missing and, where the user
/// can supply it, the command that does: `[no topic on file: followup edit 3 --topic ...]`.
pub fn marker(name: &str, prospect: &Prospect) -> String {
    let what = marker_text(name);
    match how_to_set(name, prospect.id) {
        fix if fix.is_empty() => format!("[{what}]"),
        fix => format!("[{what}: {fix}]"),
    }
}

/// What a marker says is missing: "no topic on file".
pub fn marker_text(name: &str) -> &'static str {
    match name {
        "company" => "no company on file",
        "title" => "no title on file",
        "topic" => "no topic on file",
        "next_step" => "no agreed next step on file",
        "assistant" => "no assistant on file",
        "assistant_phone" => "no phone number for the assistant on file",
        "main_line" => "no main line for the company on file",
        "phone" => "no phone number on file",
        "email" => "no email address on file",
        "me" => "no name of yours in cadence.toml",
        "my_company" => "no company of yours in cadence.toml",
        "my_phone" => "no phone number of yours in cadence.toml",
        "my_email" => "no email address of yours in cadence.toml",
        "promise_day" => "no next call to announce: nothing follows this step",
        "last_touch_date" => "no earlier touch to refer to",
        "touch" => "this step is not a touch",
        "max_touches" => "the cadence has no limit of touches",
        "promised_by" => "the promise is your own: no other rep made it",
        _ => "no value",
    }
}

/// The command that supplies a missing placeholder, for `show` and `script`.
pub fn how_to_set(name: &str, id: i64) -> String {
    let flag = match name {
        "company" => "--company",
        "title" => "--title",
        "topic" => "--topic",
        "next_step" => "--next-step",
        "assistant" => "--assistant",
        "assistant_phone" => "--assistant-phone",
        "main_line" => "--main-line",
        "phone" => "--phone",
        "email" => "--email",
        "me" => return "set `name` under [me] in cadence.toml".to_string(),
        "my_company" => return "set `company` under [me] in cadence.toml".to_string(),
        "my_phone" => return "set `phone` under [me] in cadence.toml".to_string(),
        "my_email" => return "set `email` under [me] in cadence.toml".to_string(),
        _ => return String::new(),
    };
    format!("followup edit {id} {flag} ...")
}

/// Whether a step is an instruction to the salesperson rather than a message to leave.
pub fn is_instruction(step: Step) -> bool {
    step == Step::Close
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::config::{BUILT_IN, Origin};
    use crate::domain::{Contact, Status};

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn prospect(cadence: &str) -> Prospect {
        Prospect {
            id: 7,
            contact: Contact {
                name: "Dana Whitfield".to_string(),
                company: Some("Lakeside Dental".to_string()),
                ..Contact::default()
            },
            cadence: cadence.to_string(),
            start: date("2026-11-23"),
            status: Status::Active,
            closed: None,
            recontact_on: None,
            run_started_at: None,
            created_at: date("2026-11-23").and_time(NaiveTime::MIN),
            owner: None,
        }
    }

    fn action(step: Step) -> NextAction {
        NextAction {
            step,
            due: date("2026-12-03"),
            time: None,
            touch: Some(3),
            basis: Basis::Gap {
                last_touch: date("2026-11-27"),
                unanswered: 2,
                gap: 4,
            },
            promise: None,
        }
    }

    #[test]
    fn a_marked_gap_names_the_field_and_the_command_that_sets_it() {
        // A user's own wording that uses placeholders without an {if}.
        let text = format!(
            "{BUILT_IN}\n[templates.nurture]\nrescue = \"When we last spoke, we agreed on {{next_step}}.\"\n\
             rescue_subject = \"About {{topic}}\"\nrescue_email = \"Hi.\"\n"
        );
        let config = Config::parse(&text, Origin::File("cadence.toml".into())).unwrap();
        let mut dana = prospect("nurture");
        dana.contact.phone = Some("555-0190".into());
        dana.contact.email = Some("dana@example.com".into());
        let rescue = action(Step::Rescue);
        let marked = message(
            &dana,
            &rescue,
            Some(date("2026-12-09")),
            &MessageFacts::default(),
            &config,
            Gaps::Marked,
        );
        assert!(
            marked.script.text.contains(
                "we agreed on [no agreed next step on file: followup edit 7 --next-step ...]."
            ),
            "{}",
            marked.script.text
        );
        assert!(!marked.script.text.contains("the next step we talked about"));
        assert!(
            marked
                .subject
                .as_ref()
                .unwrap()
                .text
                .contains("[no topic on file: followup edit 7 --topic ...]")
        );
        assert_eq!(marked.missing(), ["next_step", "topic"]);

        let smooth = message(
            &dana,
            &rescue,
            Some(date("2026-12-09")),
            &MessageFacts::default(),
            &config,
            Gaps::Smooth,
        );
        assert!(
            smooth
                .script
                .text
                .contains("we agreed on the next step we talked about.")
        );
        assert_eq!(smooth.missing(), marked.missing());
    }

    #[test]
    fn a_named_step_keeps_what_the_next_action_knows() {
        let today = date("2026-11-30");
        let next = action(Step::Rescue);
        assert_eq!(named_step(Some(&next), Step::Rescue, today), next);
        let fire = named_step(Some(&next), Step::Fire, today);
        assert_eq!(
            (fire.step, fire.due, fire.touch, fire.basis),
            (Step::Fire, today, Some(3), next.basis.clone())
        );
        let assistant = named_step(Some(&next), Step::Assistant, today);
        assert_eq!(assistant.touch, None, "the assistant call is not a touch");
        let closed = named_step(None, Step::Recontact, today);
        assert_eq!((closed.step, closed.touch), (Step::Recontact, None));
    }

    #[test]
    fn values_that_cannot_be_typed_in_are_marked_without_a_command() {
        assert_eq!(
            marker("last_touch_date", &prospect("standard")),
            "[no earlier touch to refer to]"
        );
        assert_eq!(
            marker("my_phone", &prospect("standard")),
            "[no phone number of yours in cadence.toml: set `phone` under [me] in cadence.toml]"
        );
    }

    /// Dana with a phone and an address: a call, with the email beside it.
    fn reachable(cadence: &str) -> Prospect {
        let mut dana = prospect(cadence);
        dana.contact.phone = Some("555-0190".into());
        dana.contact.email = Some("dana@example.com".into());
        dana
    }

    /// The rescue of `action`, promised for 08:15 on its day; `missed` once that day is over.
    fn promised(missed: bool) -> NextAction {
        let rescue = action(Step::Rescue);
        NextAction {
            time: (!missed).then(|| NaiveTime::from_hms_opt(8, 15, 0).unwrap()),
            promise: Some(crate::engine::Promise {
                at: rescue.due.and_hms_opt(8, 15, 0).unwrap(),
                made_on: date("2026-11-27"),
                attempt: 1,
                missed,
            }),
            ..rescue
        }
    }

    fn say(prospect: &Prospect, action: &NextAction, config: &Config) -> Message {
        message(
            prospect,
            action,
            Some(date("2026-12-09")),
            &MessageFacts::default(),
            config,
            Gaps::Smooth,
        )
    }

    #[test]
    fn a_cadence_own_opening_is_used_for_its_prospects_only() {
        let text = format!(
            "{BUILT_IN}\n[templates.as-promised]\npromise-kept = \"Calling at the time I promised.\"\n"
        );
        let config = Config::parse(&text, Origin::File("cadence.toml".into())).unwrap();
        let own = say(&reachable("as-promised"), &promised(false), &config);
        assert!(
            own.script
                .text
                .starts_with("Hi Dana, it's Sam Carter from Harbor Office Supply. Calling at the time I promised. "),
            "{}",
            own.script.text
        );
        let shared = say(&reachable("standard"), &promised(false), &config);
        assert!(
            shared
                .script
                .text
                .starts_with("Hi Dana, it's Sam Carter from Harbor Office Supply. This is the call I promised you. "),
            "{}",
            shared.script.text
        );
    }

    #[test]
    fn the_email_beside_a_promised_call_says_once_that_you_called() {
        let config = Config::built_in();
        let dana = reachable("standard");
        for step in [Step::First, Step::FollowUp] {
            let kept = NextAction {
                step,
                ..promised(false)
            };
            let email = say(&dana, &kept, &config).email.unwrap().text;
            assert!(email.contains("I called you just now"), "{email}");
            assert!(!email.contains("tried you by phone"), "{email}");
            // Not promised: the email says the call was just tried, once.
            let plain = say(&dana, &action(step), &config).email.unwrap().text;
            assert_eq!(plain.matches("tried you by phone").count(), 1, "{plain}");
        }
    }

    #[test]
    fn a_promised_rescue_is_still_the_rescue_message_opened_as_promised() {
        let config = Config::built_in();
        let dana = reachable("standard");
        let plain = say(&dana, &action(Step::Rescue), &config);
        let kept = say(&dana, &promised(false), &config);
        assert_eq!(
            kept.script.text,
            plain
                .script
                .text
                .replacen(". ", ". This is the call I promised you. ", 1),
            "the opening follows the greeting"
        );
        assert_eq!(kept.subject, plain.subject, "the subject is the rescue's");
        let email = kept.email.unwrap().text;
        let plain_email = plain.email.unwrap().text;
        assert_eq!(
            email,
            plain_email.replacen(
                "Hi Dana,\n\n",
                "Hi Dana,\n\nI called you just now, as I said I would.\n\n",
                1
            )
        );
        // The promised call keeps its opening all morning (rule 1), so neither part may claim
        // it came at the promised time: at 09:00 for 08:15 that is false.
        assert!(!email.contains("at the time"), "{email}");
        assert!(
            !kept.script.text.contains("at the time"),
            "{}",
            kept.script.text
        );
        let missed = say(&dana, &promised(true), &config);
        assert_eq!(
            missed.script.text,
            plain.script.text.replacen(
                ". ",
                ". First, an apology: I said I would call you at a set time, and I didn't. ",
                1
            )
        );
    }

    #[test]
    fn another_reps_promise_opens_with_their_name_and_never_with_i_promised() {
        let config = Config::built_in();
        let dana = reachable("standard");
        let facts = MessageFacts {
            promised_by: Some(crate::facts::Promiser {
                name: "Sam Carter".into(),
                email: "sam@example.com".into(),
                file_is_callers: true,
            }),
            ..MessageFacts::default()
        };
        let speak = |action: &NextAction| {
            message(
                &dana,
                action,
                Some(date("2026-12-09")),
                &facts,
                &config,
                Gaps::Smooth,
            )
        };
        let kept = speak(&promised(false));
        assert!(
            kept.script.text.contains(
                "Sam promised you a call today; I'm looking after your file now, so the call \
                 comes from me."
            ),
            "{}",
            kept.script.text
        );
        let missed = speak(&promised(true));
        assert!(
            missed
                .script
                .text
                .contains("First, an apology: Sam promised you a call at a set time"),
            "{}",
            missed.script.text
        );
        for message in [&kept, &missed] {
            let all = format!(
                "{} {}",
                message.script.text,
                message.email.as_ref().unwrap().text
            );
            assert!(
                !all.contains("I promised") && !all.contains("I said I would"),
                "{all}"
            );
            assert!(
                !message.missing().contains(&"promised_by"),
                "who promised is no field of the file: {:?}",
                message.missing()
            );
        }
        // Without a promise, no promise is spoken of.
        let plain = speak(&action(Step::Rescue));
        assert!(
            !plain.script.text.contains("promised"),
            "{}",
            plain.script.text
        );
    }

    #[test]
    fn a_standard_message_names_the_day_of_the_next_touch_never_a_time() {
        let config = Config::built_in();
        let dana = reachable("standard");
        for step in [Step::First, Step::FollowUp, Step::NextStep] {
            for next in [action(step), promised(false)] {
                let next = NextAction { step, ..next };
                let filled = say(&dana, &next, &config);
                let all = format!("{} {}", filled.script.text, filled.email.unwrap().text);
                assert!(all.contains("Wednesday 9 December"), "{all}");
                assert!(!all.contains("08:15") && !all.contains("09:00"), "{all}");
                assert!(!all.contains("sharp"), "{all}");
            }
        }
        // A cadence that promises every call says the time it promises.
        let follow_up = NextAction {
            touch: Some(2),
            ..action(Step::FollowUp)
        };
        let filled = say(&reachable("as-promised"), &follow_up, &config);
        assert!(
            filled.script.text.contains("Wednesday 9 December at 08:15"),
            "{}",
            filled.script.text
        );
    }
}

#[cfg(test)]
mod sentence_tests;
