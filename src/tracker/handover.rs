//! Who promised the call an action keeps, when the file changed hands since the promise: a
//! manager's `assign` or `reassign`, a rep who left, a pool file another rep logs. The
//! prospect heard that promise from the rep who made it, so a message that says "the call I
//! promised you" in another rep's mouth would be false (cadence.md, "Channels and missing
//! details": a message states no fact the file does not hold).
//!
//! The engine knows which attempt made the promise ([`engine::Promise::attempt`]) and nothing
//! of reps; the attempt records who logged it (`attempts.rep`), and this file compares that
//! rep with the one who makes the call.

use super::Tracker;
use crate::domain::{Attempt, Prospect, Rep};
use crate::engine::NextAction;
use crate::error::Result;
use crate::facts::{Promiser, Signer};

impl Tracker {
    /// The rep who made the promise standing on `action`, when another rep makes the call;
    /// `None` when there is no promise, when it is the caller's own, and on a personal book
    /// (whose attempts name no rep). `attempts` are the prospect's, as the engine read them.
    ///
    /// The call is made by the file's holder while they are active; a file of the pool, or of
    /// a rep who left, by whoever logs it next, who is taken to be the rep at the keyboard.
    pub(super) fn promised_by(
        &self,
        prospect: &Prospect,
        attempts: &[Attempt],
        action: &NextAction,
    ) -> Result<Option<Promiser>> {
        let Some(promise) = action.promise else {
            return Ok(None);
        };
        let Some(rep) = attempts
            .iter()
            .find(|attempt| attempt.id == promise.attempt)
            .and_then(|attempt| attempt.rep)
        else {
            return Ok(None);
        };
        // The common case, a rep's own promise on their own file, reads nothing more: a rep
        // whose session runs is active.
        if prospect.owner == Some(rep) && self.rules.me() == Some(rep) {
            return Ok(None);
        }
        let reps = self.reps_once()?;
        let find = |id: i64| reps.iter().find(|known| known.id == id);
        let caller = match prospect.owner.and_then(find) {
            Some(holder) if holder.active => Some(holder.id),
            _ => self.rules.me(),
        };
        if caller == Some(rep) {
            return Ok(None);
        }
        Ok(find(rep).map(|promiser| Promiser {
            name: promiser.name.clone(),
            email: promiser.email.clone(),
            file_is_callers: caller.is_some() && prospect.owner == caller,
        }))
    }

    /// Whether the rep who makes the next touch of `prospect` never touched it, though other
    /// reps did: the file changed hands (`assign`, `reassign`, a pool file another rep
    /// worked). The caller is the holder, or for a pool file the rep at the keyboard. A
    /// touch logged by no rep (before the team, or a personal book) may have been anyone's,
    /// so it leaves the answer false, as on a personal book.
    pub(super) fn new_voice(&self, caller: Option<i64>, attempts: &[Attempt]) -> bool {
        let Some(caller) = caller else {
            return false;
        };
        let mut touches = attempts
            .iter()
            .filter(|attempt| attempt.is_touch())
            .peekable();
        touches.peek().is_some()
            && touches.all(|attempt| attempt.rep.is_some_and(|rep| rep != caller))
    }

    /// Whether some touch of the file was logged by another rep than `caller`, who makes the
    /// next one: the file's past is then the team's, and a message says "we've tried you",
    /// never "I've tried you". A touch logged by no rep counts for no one, as in
    /// [`Tracker::new_voice`]; on a personal book there is no caller and the answer is false.
    pub(super) fn handed_over(&self, caller: Option<i64>, attempts: &[Attempt]) -> bool {
        let Some(caller) = caller else {
            return false;
        };
        attempts
            .iter()
            .filter(|attempt| attempt.is_touch())
            .any(|attempt| attempt.rep.is_some_and(|rep| rep != caller))
    }

    /// The rep who makes the next touch of `prospect`: its holder while they are active; a
    /// file of the pool, or of a rep who left, by whoever logs it next, taken to be the rep
    /// at the keyboard. `None` on a personal book (and for a session that is no rep's, on a
    /// pool file).
    pub(super) fn caller(&self, prospect: &Prospect) -> Result<Option<i64>> {
        let me = self.rules.me();
        match prospect.owner {
            None => Ok(me),
            // A rep whose session runs is active: no need to read the reps.
            Some(owner) if Some(owner) == me => Ok(me),
            Some(owner) => Ok(self.active_rep(owner)?.map(|_| owner).or(me)),
        }
    }

    /// Who a message of `prospect` is signed as when it is not the rep at the keyboard: its
    /// holder, while active, when they are another rep (a manager's `today --team`, `show`
    /// or `script` of a rep's file). The holder will say it, so their name and email sign it.
    ///
    /// Only a rep's session signs for another: a session that is no rep's (the database's
    /// superuser, or any role before `team init`) reads the book as a personal one, signed
    /// with its own `[me]`.
    pub(super) fn signer(&self, prospect: &Prospect) -> Result<Option<Signer>> {
        let (Some(owner), Some(me)) = (prospect.owner, self.rules.me()) else {
            return Ok(None);
        };
        if me == owner {
            return Ok(None);
        }
        Ok(self.active_rep(owner)?.map(|rep| Signer {
            name: rep.name.clone(),
            email: rep.email.clone(),
            phone: rep.phone.clone(),
        }))
    }

    /// Rep `id`, when they are active.
    fn active_rep(&self, id: i64) -> Result<Option<&Rep>> {
        Ok(self
            .reps_once()?
            .iter()
            .find(|rep| rep.id == id && rep.active))
    }

    /// The reps of the book, read once per command: a morning list may ask for each of its
    /// promised calls, and name the holder of each of its files.
    pub(super) fn reps_once(&self) -> Result<&[Rep]> {
        if let Some(reps) = self.reps.get() {
            return Ok(reps);
        }
        let reps = self.store.reader().reps()?;
        Ok(self.reps.get_or_init(|| reps))
    }
}
