//! The `followup` binary: hands the library the one function that reads the system clock.

use std::process::ExitCode;

fn main() -> ExitCode {
    followup::cli::run(std::env::args_os(), system_clock)
}

/// The system clock, read by the library once per command (and before each entry of a
/// `go` sitting), never when `--now` pins the time.
fn system_clock() -> chrono::NaiveDateTime {
    #[allow(clippy::disallowed_methods)] // the one place that may read the clock
    chrono::Local::now().naive_local()
}
