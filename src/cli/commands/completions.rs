use clap::CommandFactory;

use crate::cli::args::{Cli, CompletionsArgs};

/// Needs neither the database nor the cadence file, so it works before either exists.
pub fn run(args: &CompletionsArgs) -> String {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "followup", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}
