//! Writes a synthetic book of prospects into a new database, for the benchmarks:
//!
//!     cargo run --release --example generate-pipeline -- PROSPECTS DB-FILE [DUE] [YYYY-MM-DD]
//!
//! About ten attempts per prospect over the year before the day (2026-11-23 by default),
//! and DUE actions (fifty by default) due on that day.

#[path = "pipeline.rs"]
#[allow(dead_code)] // the tests use all of it; this program only part
mod pipeline;

use std::process::ExitCode;

use followup::Tracker;
use followup::config::Config;
use followup::store::Store;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: generate-pipeline PROSPECTS DB-FILE [DUE] [YYYY-MM-DD]";
    let (Some(count), Some(path)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let Ok(due) = args
        .get(2)
        .map_or(Ok(pipeline::DUE_TODAY), |due| due.parse())
    else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let today = match args.get(3).map(|day| day.parse()) {
        None => chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        Some(Ok(day)) => day,
        Some(Err(_)) => {
            eprintln!("the day must be YYYY-MM-DD");
            return ExitCode::from(2);
        }
    };
    let path = std::path::Path::new(path);
    if path.exists() {
        eprintln!("{} exists; give a new file", path.display());
        return ExitCode::from(2);
    }
    let config = Config::built_in();
    let result = Store::open(path)
        .and_then(|mut store| {
            pipeline::generate_with_due(&mut store, &config, count, due, today, 42)?;
            Ok(store)
        })
        .map_err(followup::Error::from)
        // Every prospect's due date, stored now: otherwise the first command run on the book
        // would compute them all, and a one-off measurement would time that.
        .and_then(|store| Tracker::new(store, config, today.and_hms_opt(8, 0, 0).unwrap()))
        .and_then(|mut tracker| tracker.refresh().map(|()| tracker));
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}
