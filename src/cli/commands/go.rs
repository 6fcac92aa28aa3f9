//! `followup go`: today's list worked in one sitting, one action at a time. Each card shows
//! the action as `today` has it; one key picks the outcome, optional prompts add a promise,
//! an agreed date or a note, and Enter writes the entry through the same function as
//! `followup log`, in one transaction. Nothing is kept in memory that the database does not
//! already hold, so quitting, Ctrl-C or a closed terminal loses no entry made.

mod entry;
mod keys;
mod prompts;
mod queue;
mod screen;

use std::io::IsTerminal;

use chrono::NaiveDateTime;

use crate::cli::args::GoArgs;
use crate::cli::output;
use crate::cli::session::{Clock, Session};
use crate::domain::{ProspectId, Step};
use crate::error::{Error, Result};
use crate::render::card::{self, Around};
use crate::render::dossier::{self, DossierView};
use crate::render::sanitize::clean;
use crate::render::view::ActionView;
use crate::render::{agenda, day, plural};
use crate::tracker::Tracker;
use crate::zones;
use entry::Done;
use keys::Key;
use prompts::Look;
use queue::Queue;
use screen::{Screen, colour_allowed, wrap};

pub fn run(args: GoArgs, session: Session) -> Result<String> {
    if args.no_input {
        return Err(refused("--no-input says not to ask for keys"));
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(refused("standard input or output is not a terminal"));
    }
    let look = Look {
        colour: colour_allowed(),
    };
    let clock = session.clock;
    let mut tracker = session.tracker()?;
    let width = output::width();
    let (ids, empty) = tracker.fresh(|fresh| {
        let morning = fresh.morning()?;
        let ids: Vec<ProspectId> = morning.kept.iter().map(|due| due.prospect.id).collect();
        if !ids.is_empty() {
            return Ok((ids, None));
        }
        // Nothing to work: what `today` says on such a day.
        let now = fresh.now();
        let next = fresh
            .next_after_today()?
            .map(|due| ActionView::new(&due, fresh.config_for(&due.prospect), now));
        let any_prospect = next.is_some() || fresh.store().reader().has_prospects()?;
        let text = agenda::render_empty(fresh.today(), next.as_ref(), any_prospect, width);
        Ok((ids, Some(text)))
    })?;
    if let Some(text) = empty {
        return Ok(text);
    }
    Sitting {
        tracker,
        clock,
        queue: Queue::new(ids),
        screen: Screen { look },
    }
    .run()
}

/// Why `go` cannot run here, and what to use instead.
fn refused(why: &str) -> Error {
    Error::Invalid(format!(
        "go works the list with keys on a terminal, and {why}; use `followup today` for the \
         list and `followup log` for each action"
    ))
}

/// How a sitting ends.
enum Flow {
    /// On to the next action.
    Next,
    /// `q` or Ctrl-C; with Ctrl-C in the middle of an entry, whose it was.
    Stop(Option<String>),
}

struct Sitting {
    tracker: Tracker,
    /// Read again before each card and each entry: a sitting lasts, and every attempt is
    /// logged at the moment its key was pressed, as `log` run then would log it.
    clock: Clock,
    queue: Queue,
    screen: Screen,
}

impl Sitting {
    fn run(mut self) -> Result<String> {
        let total = self.queue.place().1;
        self.screen.say(&format!(
            "{}: {} to work. ? lists the keys.\n",
            day(self.tracker.today()),
            plural(total as i64, "action")
        ))?;
        let stopped = loop {
            let Some(id) = self.queue.current() else {
                if self.queue.skipped() == 0 {
                    break None;
                }
                self.screen.say(&wrap(
                    &format!(
                        "That is the end of the list, with {} skipped: Enter goes through them \
                         again, q finishes.",
                        self.queue.skipped()
                    ),
                    "",
                ))?;
                match keys::read()? {
                    Key::Enter => {
                        self.queue.again();
                        continue;
                    }
                    Key::Char('q') | Key::Stop => break None,
                    _ => continue,
                }
            };
            match self.action(id)? {
                Flow::Next => {}
                Flow::Stop(name) => break name,
            }
        };
        let mut out = String::from("\n");
        if let Some(name) = stopped {
            out.push_str(&wrap(
                &format!("Stopped: nothing was written for {}.", clean(&name)),
                "",
            ));
        }
        out.push_str(&card::summary(&self.queue.tally(), output::width()));
        Ok(out)
    }

    /// Shows the action of prospect `id` and acts on keys until it is logged or skipped.
    fn action(&mut self, id: ProspectId) -> Result<Flow> {
        self.tracker.set_now(self.clock.now());
        let width = output::width();
        let today = self.tracker.today();
        let now = self.tracker.now();
        let dossier = self.tracker.dossier(id)?;
        let name = dossier.prospect.contact.name.clone();
        let Some(due) = dossier.next.clone().filter(|due| due.action.due <= today) else {
            // Logged by another command since the list was read.
            self.queue.drop_current();
            self.screen.say(&wrap(
                &format!("{}: nothing is due any more; moving on.", clean(&name)),
                "",
            ))?;
            return Ok(Flow::Next);
        };
        let view = ActionView::new(&due, self.tracker.config_for(&due.prospect), now);
        let around = Around {
            place: self.queue.place(),
            last_note: dossier
                .attempts
                .iter()
                .rev()
                .find_map(|attempt| attempt.note.clone()),
            their_now: their_now(&view, self.tracker.config(), now),
        };
        self.screen.say("\n")?;
        self.screen.heading(&card::heading(&view, &around, width))?;
        self.screen.say(&card::body(&view, &around, width))?;
        self.screen
            .say(&card::keys(view.channel, view.step, width))?;
        loop {
            match keys::read()? {
                Key::Char('k') => {
                    self.queue.skip();
                    self.screen.say(&wrap(
                        &format!("\nSkipped: {} stays due.", clean(&name)),
                        "  ",
                    ))?;
                    return Ok(Flow::Next);
                }
                Key::Char('u') => {
                    if self.undo()? {
                        return Ok(Flow::Next);
                    }
                }
                Key::Char('o') => {
                    let file =
                        DossierView::new(&dossier, self.tracker.config_for(&dossier.prospect), now);
                    self.screen
                        .say(&format!("\n{}\n", dossier::render(&file, width)))?;
                    self.screen
                        .say(&card::keys(view.channel, view.step, width))?;
                }
                Key::Char('?') => {
                    self.screen.say(&card::help(width))?;
                }
                Key::Char('q') | Key::Stop => return Ok(Flow::Stop(None)),
                Key::Char(key) => {
                    let outcome = view
                        .channel
                        .filter(|_| view.step != Step::Close)
                        .and_then(|channel| card::outcome_of(key, channel));
                    let Some(outcome) = outcome else {
                        self.screen.say(&wrap(
                            &format!("{key}: not a key here; ? lists them."),
                            "  ",
                        ))?;
                        continue;
                    };
                    match self.entry(&view, &due, outcome)? {
                        Done::Logged => return Ok(Flow::Next),
                        Done::Back => {
                            self.screen
                                .say(&card::keys(view.channel, view.step, width))?
                        }
                        Done::Stop => return Ok(Flow::Stop(Some(name))),
                    }
                }
                Key::Enter | Key::Back => {
                    self.screen
                        .say(&wrap("Press the key of an outcome; ? lists them.", "  "))?;
                }
            }
        }
    }

    /// `u`: takes back the last entry of this sitting, as `followup undo` would, if it is
    /// still the last attempt on file. True when it did: its action is current again.
    fn undo(&mut self) -> Result<bool> {
        let Some(last) = self.queue.last().cloned() else {
            self.screen
                .say(&wrap("Nothing logged in this sitting to take back.", "  "))?;
            return Ok(false);
        };
        let still_last = self
            .tracker
            .undo_plan()?
            .is_some_and(|plan| plan.last.attempt.id == last.attempt);
        if !still_last {
            self.screen.say(&wrap(
                "Another attempt was logged since, outside this sitting; `followup undo` shows \
                 and takes back the last one.",
                "  ",
            ))?;
            return Ok(false);
        }
        let undone = self.tracker.undo(last.attempt)?;
        let said = super::undo::said(&self.tracker, &undone)?;
        let said: Vec<String> = said.lines().map(|line| wrap(line, "  ")).collect();
        self.screen.say(&format!("\n{}", said.concat()))?;
        self.queue.undone();
        Ok(true)
    }
}

/// Their clock now, and where, when their zone keeps another time than yours.
fn their_now(
    view: &ActionView,
    config: &crate::config::Config,
    now: NaiveDateTime,
) -> Option<(NaiveDateTime, String)> {
    let theirs = zones::named(view.prospect_tz.as_deref())?;
    let mine = config.zones.mine;
    if zones::same_clock(theirs, mine) {
        return None;
    }
    let at = zones::convert(now, mine, theirs).ok()?;
    Some((at, zones::city(theirs)))
}
