//! The `followup` binary: reads the system clock, once, and hands over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    #[allow(clippy::disallowed_methods)] // the one place that may read the clock
    let now = chrono::Local::now().naive_local();
    followup::cli::run(std::env::args_os(), now)
}
