//! The warning for messages signed with someone else's details, or with none: a voicemail
//! that gives the example's phone number sends the callback to a stranger, so `today` and
//! `show` say so on standard error rather than let it pass unnoticed.

use crate::config::{Config, Origin};
use crate::script::fallback;

/// What to tell the salesperson about the `[me]` their messages are signed with, if anything.
pub fn warning(config: &Config) -> Option<String> {
    let me = &config.me;
    if config.me_origin == Origin::BuiltIn {
        let example: Vec<&str> = [&me.name, &me.company, &me.phone]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        return Some(format!(
            "these messages are signed with the example details of the built-in cadence.toml \
             ({}); sign them with yours: `followup cadence init --name ... --company ... \
             --phone ...`",
            example.join(", ")
        ));
    }
    let missing: Vec<(&str, &str)> = [
        ("name", "me", &me.name),
        ("company", "my_company", &me.company),
        ("phone", "my_phone", &me.phone),
    ]
    .into_iter()
    .filter(|(_, _, value)| value.is_none())
    .map(|(key, placeholder, _)| (key, fallback(placeholder)))
    .collect();
    if missing.is_empty() {
        return None;
    }
    let keys: Vec<String> = missing.iter().map(|(key, _)| key.to_string()).collect();
    let said: Vec<String> = missing
        .iter()
        .map(|(_, words)| format!("\"{words}\""))
        .collect();
    let it = if missing.len() == 1 { "it" } else { "them" };
    // A rep signing with their team row has no file of their own to add to yet.
    let how = match config.me_origin {
        Origin::Rep => format!(
            "add {it} to a cadence file of your own: `followup cadence init --{}`",
            keys.iter()
                .map(|key| format!("{key} ..."))
                .collect::<Vec<_>>()
                .join(" --")
        ),
        _ => format!("add {it} under [me]"),
    };
    Some(format!(
        "[me] in {} has no {}: your messages say {} in {}; {how}",
        config.me_origin.describe(),
        series(&keys),
        series(&said),
        if missing.len() == 1 {
            "its place"
        } else {
            "their place"
        },
    ))
}

/// "a", "a and b", "a, b and c".
fn series(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> Config {
        Config::parse(text, Origin::File(PathBuf::from("/home/jo/cadence.toml"))).unwrap()
    }

    #[test]
    fn the_built_in_example_is_named_with_its_details() {
        let shown = warning(&Config::built_in()).unwrap();
        assert!(shown.contains("example details"), "{shown}");
        assert!(
            shown.contains("Sam Carter, Harbor Office Supply, 555-0100"),
            "{shown}"
        );
    }

    #[test]
    fn a_file_of_ones_own_never_borrows_the_examples_details() {
        let config = file("[me]\nname = \"Jo Brandt\"\n[cadence.standard]\n");
        assert_eq!(config.me.phone, None);
        assert_eq!(config.me.company, None);
        assert_eq!(
            warning(&config).unwrap(),
            "[me] in /home/jo/cadence.toml has no company and phone: your messages say \
             \"our company\" and \"my usual number\" in their place; add them under [me]"
        );
    }

    #[test]
    fn a_complete_signature_needs_no_warning() {
        let config = file(
            "[me]\nname = \"Jo\"\ncompany = \"Brandt & Co\"\nphone = \"555-0199\"\n[cadence.standard]\n",
        );
        assert_eq!(warning(&config), None);
    }
}
