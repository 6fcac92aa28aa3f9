//! The nouns of followup: prospects, attempts, and the words that describe them.
//! Plain data with no I/O, shared by the engine, the store and the front end.

mod attempt;
pub mod checks;
mod fits;
mod prospect;
pub mod rep;
pub(crate) mod string_enum;
mod value_item;
mod vocabulary;

pub use attempt::Attempt;
pub use prospect::{Closure, Contact, FileState, Prospect, ProspectId, ProspectLine};
pub use rep::Rep;
pub use string_enum::UnknownWord;
pub use value_item::{ValueFor, ValueItem, ValueKind};
pub use vocabulary::{Channel, CloseReason, Outcome, Preference, Response, Status, Step};
