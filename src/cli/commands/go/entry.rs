//! One entry of a sitting: after the outcome key, the optional prompts (promise, agreed date,
//! note), then Enter writes it through `log`'s own function, in one transaction, at the
//! moment of the key. Until Enter nothing is written: Esc drops the entry, Ctrl-C stops the
//! sitting without it.

use chrono::{NaiveDateTime, NaiveTime};

use super::super::{log, non_blank};
use super::Sitting;
use super::keys::{self, Key};
use super::prompts::{self, Answer};
use super::queue::Entry;
use super::screen::wrap;
use crate::cli::output;
use crate::domain::Outcome;
use crate::error::Result;
use crate::render::card;
use crate::render::view::ActionView;
use crate::tracker::{Due, LogEntry};
use crate::{when, zones};

/// What became of an outcome key.
pub(super) enum Done {
    Logged,
    Back,
    Stop,
}

/// The optional parts of an entry, asked after its outcome.
#[derive(Default)]
struct Draft {
    promise: Option<NaiveDateTime>,
    next: Option<chrono::NaiveDate>,
    note: Option<String>,
}

impl Sitting {
    /// After an outcome key: the optional prompts, then Enter writes the entry.
    pub(super) fn entry(&mut self, view: &ActionView, due: &Due, outcome: Outcome) -> Result<Done> {
        let now = self.tracker.now();
        let look = self.screen.look;
        let mut draft = Draft::default();
        self.screen
            .say(&card::after_outcome(outcome, output::width()))?;
        loop {
            let asked = match keys::read()? {
                Key::Char('p') => {
                    let default = self.default_promise(due)?;
                    prompts::promise(&default, now, look)?.map_into(|at| draft.promise = Some(at))
                }
                Key::Char('x') => prompts::next(now, look)?.map_into(|on| draft.next = Some(on)),
                Key::Char('t') => prompts::note(look)?.map_into(|note| draft.note = Some(note)),
                Key::Enter if self.write(view, outcome, &draft)? => return Ok(Done::Logged),
                Key::Enter => continue,
                Key::Back => return Ok(Done::Back),
                Key::Stop => return Ok(Done::Stop),
                Key::Char(_) => {
                    self.screen
                        .say(&card::after_outcome(outcome, output::width()))?;
                    continue;
                }
            };
            // Given or not, what Enter would now log.
            if asked == Answer::Stop {
                return Ok(Done::Stop);
            }
            self.screen.say(&card::draft(
                outcome,
                draft.promise,
                draft.next,
                draft.note.as_deref(),
                output::width(),
            ))?;
        }
    }

    /// Writes the entry as `log` would; false, with the reason on screen, when `log` would
    /// refuse it (a promise on a day off): the draft can then be changed.
    fn write(&mut self, view: &ActionView, outcome: Outcome, draft: &Draft) -> Result<bool> {
        self.tracker.set_now(self.clock.now());
        let entry = LogEntry {
            channel: view.channel,
            outcome: Some(outcome),
            at: None,
            promise: draft.promise,
            next: draft.next,
            note: non_blank(draft.note.clone()),
            ground_rules: false,
            reopen: false,
            force: false,
        };
        let was = self.tracker.prospect(view.id)?.status;
        let logged = match log::write(&mut self.tracker, view.id, entry) {
            Ok(logged) => logged,
            Err(error) if error.exit_code() == 2 => {
                self.screen.say(&wrap(
                    &format!(
                        "Not logged, as `followup log` would refuse it: {error}. Here, p and x \
                         change the dates; Esc goes back."
                    ),
                    "  ",
                ))?;
                return Ok(false);
            }
            Err(error) => return Err(error),
        };
        let config = self.tracker.config_for(&logged.prospect);
        let next = logged
            .next
            .as_ref()
            .map(|due| ActionView::new(due, config, self.tracker.now()));
        let theirs = zones::named(logged.prospect.contact.time_zone.as_deref());
        let said = log::describe(
            &logged,
            next.as_ref(),
            was,
            false,
            theirs,
            config.zones.mine,
        );
        let said: Vec<String> = said.lines().map(|line| wrap(line, "  ")).collect();
        self.screen.say(&format!("\n{}", said.concat()))?;
        self.queue.logged(Entry {
            prospect: view.id,
            name: logged.prospect.contact.name.clone(),
            attempt: logged.attempt.id,
            promise: logged.attempt.promise,
        });
        Ok(true)
    }

    /// What the promise prompt offers: the day the next touch falls due if this one goes
    /// unanswered, at the cadence's promise_time (or the time a bare date stands for).
    fn default_promise(&self, due: &Due) -> Result<String> {
        let calendar = &self.tracker.config_for(&due.prospect).calendar;
        let today = self.tracker.today();
        let on = due
            .following
            .filter(|day| *day > today)
            .unwrap_or_else(|| calendar.add_business_days(today, 1));
        let time: NaiveTime = self
            .tracker
            .cadence_of(&due.prospect)?
            .promise_time
            .unwrap_or(when::DEFAULT_TIME);
        Ok(format!(
            "{} {}",
            on.format("%Y-%m-%d"),
            time.format("%H:%M")
        ))
    }
}

impl<T> Answer<T> {
    /// Keeps a given answer with `keep`; what is left says whether to stop.
    fn map_into(self, keep: impl FnOnce(T)) -> Answer<()> {
        match self {
            Answer::Given(value) => {
                keep(value);
                Answer::Given(())
            }
            Answer::Back => Answer::Back,
            Answer::Stop => Answer::Stop,
        }
    }
}
