//! Filler phrases: words that give the prospect no reason to answer ("just checking in",
//! "did you get my brochure"). cadence.toml's `[messages] filler` lists them, and `cadence
//! check` warns about each template that uses one, naming the template and the phrase.

use crate::config::Config;

/// The list when cadence.toml gives none: our own pick of the phrases that say "I have
/// nothing for you".
pub const DEFAULT_FILLER: &[&str] = &[
    "checking in",
    "touching base",
    "touch base",
    "circling back",
    "following up on my last",
    "following up on my previous",
    "did you get my",
    "did you receive my",
    "just wanted to follow up",
    "just a reminder",
    "bumping this",
    "as per my last",
];

/// A template that holds a filler phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillerWarning {
    /// The template's key in cadence.toml: `templates.follow-up_email`.
    pub key: String,
    /// The phrase, as the list spells it.
    pub phrase: String,
}

impl FillerWarning {
    /// What `cadence check` says about it.
    pub fn describe(&self) -> String {
        format!(
            "says {}, a filler phrase that gives them no reason to answer; say something \
             about their business instead, or a value item ({{value}}), or take the phrase out \
             of [messages] filler",
            crate::quote::quoted(&self.phrase)
        )
    }
}

/// Each template (shared, then each cadence's own) that contains one of the configured filler
/// phrases, whatever the case; one warning per template and phrase.
pub fn check(config: &Config) -> Vec<FillerWarning> {
    let phrases: Vec<(String, &String)> = config
        .filler
        .iter()
        .map(|phrase| (phrase.to_lowercase(), phrase))
        .collect();
    let mut warnings = Vec::new();
    for (key, template) in config.templates.keyed() {
        let text = template.to_lowercase();
        for (lower, phrase) in &phrases {
            if text.contains(lower.as_str()) {
                warnings.push(FillerWarning {
                    key: key.clone(),
                    phrase: (*phrase).clone(),
                });
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Origin;

    #[test]
    fn the_shipped_templates_hold_no_filler() {
        assert_eq!(check(&Config::built_in()), vec![]);
        assert_eq!(Config::built_in().filler, DEFAULT_FILLER);
    }

    #[test]
    fn a_template_with_a_filler_phrase_is_named_with_the_phrase() {
        let text = "[cadence.standard]\n[cadence.nurture]\n[messages]\nfiller = [\"Just checking in\", \"no news\"]\n\
             [templates]\nfollow-up = \"Hi {first_name}, just CHECKING IN. No news?\"\n\
             [templates.nurture]\nfirst_email = \"Any no news is good news.\"\n";
        let config = Config::parse(text, Origin::File("custom.toml".into())).unwrap();
        assert_eq!(
            check(&config),
            vec![
                FillerWarning {
                    key: "templates.follow-up".into(),
                    phrase: "Just checking in".into()
                },
                FillerWarning {
                    key: "templates.follow-up".into(),
                    phrase: "no news".into()
                },
                FillerWarning {
                    key: "templates.nurture.first_email".into(),
                    phrase: "no news".into()
                },
            ]
        );
    }
}
