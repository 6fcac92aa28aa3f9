//! The nouns of followup: prospects, attempts, and the words that describe them.
//! Plain data with no I/O, shared by the engine, the store and the front end.

mod attempt;
mod fits;
mod prospect;
pub(crate) mod string_enum;
mod vocabulary;

pub use attempt::Attempt;
pub use prospect::{Closure, Contact, FileState, Prospect, ProspectId};
pub use string_enum::UnknownWord;
pub use vocabulary::{Channel, CloseReason, Outcome, Preference, Response, Status, Step};
