use clap::CommandFactory;

use crate::cli::args::Cli;

/// The manual page in roff, from the same definitions as `--help`. Needs neither the
/// database nor the cadence file.
pub fn run() -> String {
    let mut page = Vec::new();
    // Rendering into memory cannot fail for want of space; an error would leave the page
    // short, not panic.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut page);
    String::from_utf8_lossy(&page).into_owned()
}
