//! Who works which file of a team book: the round-robin that shares the pool out
//! ([`round_robin`]), finding a rep from what a manager typed ([`find_rep`]), and the refusals
//! of ownership ([`OwnershipError`]). Pure: no SQL, no clock, no randomness of its own (the
//! caller hands in the seed of the tie-breaks).

mod error;
mod find_rep;
mod round_robin;

pub use error::OwnershipError;
pub use find_rep::find_rep;
pub use round_robin::{Load, TieBreak, round_robin};
