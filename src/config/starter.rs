//! A cadence file of the salesperson's own, to start from: the built-in rules with their
//! details under `[me]`. Details not given are left as commented-out lines rather than the
//! example's, so that no message goes out with someone else's name or number.

use super::{BUILT_IN, Me};

/// The built-in file, its `[me]` lines replaced by `me`.
pub fn starter_file(me: &Me) -> String {
    let mut in_me = false;
    let mut text = String::with_capacity(BUILT_IN.len() + 200);
    for line in BUILT_IN.lines() {
        if line.starts_with('[') {
            in_me = line.trim() == "[me]";
        }
        let replaced = in_me
            .then(|| line.split_once(" = "))
            .flatten()
            .and_then(|(key, _)| {
                let value = match key {
                    "name" => &me.name,
                    "company" => &me.company,
                    "phone" => &me.phone,
                    "email" => &me.email,
                    _ => return None,
                };
                Some(match value {
                    Some(value) => format!("{key} = {}", toml::Value::String(value.clone())),
                    None => format!("# {key} = \"\""),
                })
            });
        text.push_str(replaced.as_deref().unwrap_or(line));
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Origin};
    use std::path::PathBuf;

    fn parsed(text: &str) -> Config {
        Config::parse(text, Origin::File(PathBuf::from("cadence.toml"))).unwrap()
    }

    #[test]
    fn the_details_given_replace_the_examples() {
        let me = Me {
            name: Some("Jo \"JB\" Brandt".into()),
            company: Some("Brandt & Co".into()),
            phone: Some("555-0199".into()),
            email: Some("jo@brandt.example".into()),
        };
        let text = starter_file(&me);
        assert!(
            !text.contains("Sam Carter") && !text.contains("555-0100"),
            "{text}"
        );
        assert_eq!(parsed(&text).me, me);
    }

    #[test]
    fn details_not_given_are_left_out_not_borrowed() {
        let me = Me {
            name: Some("Jo Brandt".into()),
            ..Me::default()
        };
        let text = starter_file(&me);
        assert!(text.contains("# phone = \"\""), "{text}");
        assert_eq!(parsed(&text).me, me);
    }

    #[test]
    fn the_rules_are_the_built_in_ones() {
        let text = starter_file(&Me::default());
        assert_eq!(
            parsed(&text).rules_fingerprint(),
            Config::built_in().rules_fingerprint()
        );
    }
}
