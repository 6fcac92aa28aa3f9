//! The prospect fields an imported column can fill, and the column names that mean them.
//!
//! CRM and spreadsheet exports name the same thing many ways ("Phone Number", "Mobile Phone",
//! "phone"). Names are compared after folding case and dropping spaces, `_` and `-`, so
//! "First Name", "first_name" and "FirstName" are one name.

/// A field of a prospect that a column can fill, or an instruction to drop the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    FirstName,
    LastName,
    Company,
    Phone,
    Email,
    Title,
    Prefers,
    NextStep,
    Topic,
    Assistant,
    AssistantPhone,
    /// The company's switchboard.
    MainLine,
    Cadence,
    Start,
    Note,
    /// An IANA zone name, checked on import.
    TimeZone,
    /// `--map COLUMN=ignore`: drop the column without reporting it as unknown.
    Ignore,
}

/// Each field with its own name (what `--map` takes) and the other names CRMs give it.
const NAMES: &[(Field, &str, &[&str])] = &[
    (Field::Name, "name", &["fullname", "contactname", "contact"]),
    (Field::FirstName, "first_name", &["first", "givenname"]),
    (
        Field::LastName,
        "last_name",
        &["last", "surname", "familyname"],
    ),
    (
        Field::Company,
        "company",
        &[
            "companyname",
            "accountname",
            "account",
            "organization",
            "organisation",
        ],
    ),
    (
        Field::Phone,
        "phone",
        &[
            "phonenumber",
            "mobilephone",
            "mobile",
            "mobilenumber",
            "mobilephonenumber",
            "telephone",
            "workphone",
            "businessphone",
        ],
    ),
    (Field::Email, "email", &["emailaddress", "mail"]),
    (Field::Title, "title", &["jobtitle", "position"]),
    (Field::Prefers, "prefers", &["preferredchannel"]),
    (Field::NextStep, "next_step", &[]),
    (Field::Topic, "topic", &[]),
    (Field::Assistant, "assistant", &["assistantname"]),
    (Field::AssistantPhone, "assistant_phone", &[]),
    (
        Field::MainLine,
        "main_line",
        &["companyphone", "mainphone", "switchboard", "reception"],
    ),
    (Field::Cadence, "cadence", &[]),
    (Field::Start, "start", &["startdate"]),
    (Field::Note, "note", &["notes"]),
    (Field::TimeZone, "time_zone", &["tz", "timezone"]),
    (Field::Ignore, "ignore", &[]),
];

/// Case, spaces, `_` and `-` do not matter in a column name.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

impl Field {
    /// The field a column header names without help, if any. `ignore` is not recognized
    /// here: dropping a column is only ever asked for with `--map`.
    pub fn recognize(header: &str) -> Option<Field> {
        Field::parse(header).filter(|field| *field != Field::Ignore)
    }

    /// The field `--map COLUMN=FIELD` names: its own name or any alias.
    pub fn parse(name: &str) -> Option<Field> {
        let folded = fold(name);
        NAMES
            .iter()
            .find(|(_, own, aliases)| {
                fold(own) == folded || aliases.iter().any(|alias| *alias == folded)
            })
            .map(|(field, _, _)| *field)
    }

    /// The field's own name, as `--map` takes it.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(field, _, _)| *field == self)
            .map_or("ignore", |(_, own, _)| *own)
    }

    /// Every name `--map` accepts as a field, for error messages.
    pub fn names() -> Vec<&'static str> {
        NAMES.iter().map(|(_, own, _)| *own).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn common_crm_headers_are_recognized_whatever_their_case() {
        let cases = [
            ("Name", Field::Name),
            ("Full Name", Field::Name),
            ("FIRST NAME", Field::FirstName),
            ("first_name", Field::FirstName),
            ("Last Name", Field::LastName),
            ("Company", Field::Company),
            ("Company Name", Field::Company),
            ("Account Name", Field::Company),
            ("Phone", Field::Phone),
            ("Phone Number", Field::Phone),
            ("Mobile Phone", Field::Phone),
            ("Mobile Phone Number", Field::Phone),
            ("Email", Field::Email),
            ("E-mail", Field::Email),
            ("Email Address", Field::Email),
            ("Title", Field::Title),
            ("Job Title", Field::Title),
            ("next_step", Field::NextStep),
            ("Next Step", Field::NextStep),
            ("assistant_phone", Field::AssistantPhone),
            ("Main Line", Field::MainLine),
            ("Company Phone", Field::MainLine),
            (" topic ", Field::Topic),
            ("prefers", Field::Prefers),
            ("cadence", Field::Cadence),
            ("start", Field::Start),
            ("Notes", Field::Note),
        ];
        for (header, field) in cases {
            assert_eq!(Field::recognize(header), Some(field), "{header}");
        }
    }

    #[test]
    fn unknown_headers_and_ignore_are_not_recognized() {
        assert_eq!(Field::recognize("Lead Source"), None);
        assert_eq!(Field::recognize(""), None);
        assert_eq!(Field::recognize("ignore"), None);
        assert_eq!(Field::parse("ignore"), Some(Field::Ignore));
    }
}
