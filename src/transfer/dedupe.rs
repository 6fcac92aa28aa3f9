//! Telling whether an imported prospect is already on file: by email, or by phone when it has
//! no email. Both are compared normalized (email without case, phone as its digits only), and
//! held in memory sets so that a large import costs no query per row.

use std::collections::HashSet;

use crate::domain::Contact;

/// Why an imported row was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// A prospect with the same email (or phone) was in the database before the import.
    OnFile(Match),
    /// An earlier row of the same file had the same email (or phone).
    Repeated(Match),
    /// Every cell of the row was blank.
    Blank,
}

/// What two prospects had in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    Email,
    Phone,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = |by: &Match| match by {
            Match::Email => "same email",
            Match::Phone => "same phone, no email",
        };
        match self {
            Skip::OnFile(by) => write!(f, "already on file ({})", what(by)),
            Skip::Repeated(by) => write!(f, "repeated in the file ({})", what(by)),
            Skip::Blank => f.write_str("blank row"),
        }
    }
}

/// An email as compared: trimmed, lower case.
pub fn email_key(email: &str) -> Option<String> {
    let key = email.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// A phone as compared: its digits only, so "555-0147" and "(555) 0147" match.
pub fn phone_key(phone: &str) -> Option<String> {
    // Byte by byte: no byte of a character beyond ASCII is an ASCII digit, and pushing bytes
    // is a fraction of decoding each character (an import works out a key per row).
    let mut key = String::with_capacity(phone.len());
    for byte in phone.bytes().filter(u8::is_ascii_digit) {
        key.push(char::from(byte));
    }
    (!key.is_empty()).then_some(key)
}

/// The emails and phones of a set of prospects.
#[derive(Debug, Default)]
pub struct Seen {
    emails: HashSet<String>,
    phones: HashSet<String>,
}

impl Seen {
    pub fn insert(&mut self, email: Option<&str>, phone: Option<&str>) {
        if let Some(key) = email.and_then(email_key) {
            self.emails.insert(key);
        }
        if let Some(key) = phone.and_then(phone_key) {
            self.phones.insert(key);
        }
    }

    /// What `contact` shares with the prospects seen: its email, or its phone when it has no
    /// email.
    pub fn matches(&self, contact: &Contact) -> Option<Match> {
        match contact.email.as_deref().and_then(email_key) {
            Some(email) => self.emails.contains(&email).then_some(Match::Email),
            None => contact
                .phone
                .as_deref()
                .and_then(phone_key)
                .filter(|phone| self.phones.contains(phone))
                .map(|_| Match::Phone),
        }
    }
}

/// What `contact` shares with one prospect on file, by the rule of [`Seen::matches`]: what
/// `add` checks a new prospect against, one prospect at a time, to name the one it matches.
pub fn shared(contact: &Contact, email: Option<&str>, phone: Option<&str>) -> Option<Match> {
    let mut seen = Seen::default();
    seen.insert(email, phone);
    seen.matches(contact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(email: Option<&str>, phone: Option<&str>) -> Contact {
        Contact {
            name: "Ann".into(),
            email: email.map(String::from),
            phone: phone.map(String::from),
            ..Contact::default()
        }
    }

    #[test]
    fn emails_match_without_case_and_phones_by_digits() {
        let mut seen = Seen::default();
        seen.insert(Some(" Ann@Example.com "), Some("+1 (555) 010-0147"));
        assert_eq!(
            seen.matches(&contact(Some("ann@example.COM"), None)),
            Some(Match::Email)
        );
        assert_eq!(
            seen.matches(&contact(None, Some("1.555.010.0147"))),
            Some(Match::Phone)
        );
        assert_eq!(seen.matches(&contact(None, Some("555 0100"))), None);
    }

    #[test]
    fn a_phone_key_keeps_ascii_digits_only() {
        assert_eq!(
            phone_key("+1 (555) 010-0147").as_deref(),
            Some("15550100147")
        );
        // Digits of other scripts are not the phone's digits.
        assert_eq!(phone_key("٥٥٥ 0147 ５５").as_deref(), Some("0147"));
        assert_eq!(phone_key("ext. —"), None);
    }

    #[test]
    fn a_phone_counts_only_when_there_is_no_email() {
        let mut seen = Seen::default();
        seen.insert(Some("ann@example.com"), Some("555-0147"));
        // Another person at the same switchboard number, with an email of their own.
        assert_eq!(
            seen.matches(&contact(Some("bo@example.com"), Some("555-0147"))),
            None
        );
        assert_eq!(seen.matches(&contact(None, None)), None);
        assert_eq!(seen.matches(&contact(Some("  "), Some("--"))), None);
    }
}
