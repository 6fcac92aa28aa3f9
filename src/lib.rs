//! followup: a follow-up tracker for salespeople.
//!
//! The crate is layered so that each part can be read and tested alone:
//!
//! - [`domain`]: prospects, attempts and their vocabulary; plain data.
//! - [`calendar`] and [`engine`]: business days and the cadence rules; pure functions.
//!   [`days_off`] tells a year of the calendar; [`capacity`] spreads a busy morning over the
//!   next business days.
//! - [`config`] and [`templates`]: cadence.toml, checked once when loaded.
//! - [`channel`], [`facts`] and [`script`]: which channel an action goes out on, what the
//!   history lets a message say, and the message itself; pure functions. [`speaking`] tells
//!   how long a spoken message takes; [`filler`] finds phrases that give
//!   the prospect no reason to answer.
//! - [`value`]: which value item a message carries; pure.
//! - [`store`]: the SQLite file; the only module that speaks SQL.
//! - [`transfer`] and [`ics`]: files in and out (CSV, JSON, iCalendar); no database access.
//! - [`holidays`]: public holiday calendars read from iCalendar files; no file access.
//! - [`input_file`]: every file read from a path the user gives, within a size limit.
//! - [`tracker`]: the operations a salesperson performs, on a store, a config and a clock
//!   reading passed in.
//! - [`assign`]: who works which file of a team book (the round-robin); pure.
//! - [`quote`]: how an error repeats a value or a path, cut to a readable length.
//! - [`render`] and [`cli`]: the command-line front end.

pub mod assign;
pub mod cadence;
pub mod calendar;
pub mod capacity;
pub mod channel;
pub mod cli;
pub mod config;
pub mod days_off;
pub mod domain;
pub mod engine;
pub mod error;
pub mod explain;
pub mod facts;
pub mod filler;
pub mod holidays;
pub mod ics;
pub mod input_file;
pub mod promise;
pub mod quote;
pub mod render;
pub mod script;
pub mod speaking;
pub mod stats;
pub mod store;
pub mod templates;
pub mod timeline;
pub mod tracker;
pub mod transfer;
pub mod value;
pub mod when;
pub mod zones;

pub use error::{Error, Result};
pub use tracker::Tracker;
