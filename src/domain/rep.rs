//! A salesperson of a team book.

/// One rep, as `rep list` shows them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rep {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// The PostgreSQL role the rep connects as; row-level security knows them by it.
    pub role_name: String,
    /// Sees and changes every file of the team, not only their own and the pool's.
    pub manager: bool,
    /// A deactivated rep keeps their history but gets no new files.
    pub active: bool,
    /// The number their messages give where their own `[me]` gives none.
    pub phone: Option<String>,
}

/// The longest role name PostgreSQL keeps whole (NAMEDATALEN - 1 bytes).
const MAX_ROLE_NAME: usize = 63;

/// Why a role name is refused. Role names end up in SQL text (roles cannot be bound
/// parameters), so only plain names are taken: they are quoted as well.
pub fn check_role_name(role: &str) -> Result<(), &'static str> {
    let mut chars = role.chars();
    let Some(first) = chars.next() else {
        return Err("it is empty");
    };
    if !(first.is_ascii_lowercase() || first == '_') {
        return Err("it must start with a lowercase letter or _");
    }
    if !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err("it may hold only lowercase letters, digits and _");
    }
    if role.len() > MAX_ROLE_NAME {
        return Err("it is longer than PostgreSQL's 63 characters");
    }
    if role.starts_with("pg_")
        || [
            "public",
            "none",
            "current_user",
            "session_user",
            "current_role",
        ]
        .contains(&role)
    {
        return Err("PostgreSQL keeps that name for itself");
    }
    Ok(())
}

/// The role name `rep add` proposes for an email: its local part in lowercase, with anything
/// but letters, digits and _ made _, and a leading digit prefixed with _ (dana.w@x → dana_w).
pub fn role_name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or_default();
    let mut role: String = local
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect();
    if role.starts_with(|c: char| c.is_ascii_digit()) {
        role.insert(0, '_');
    }
    role
}

/// Why an email is refused as a rep's: it names them everywhere (`--as`, `[me] email`).
pub fn check_email(email: &str) -> Result<(), &'static str> {
    let Some((local, domain)) = email.split_once('@') else {
        return Err("it has no @");
    };
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return Err("it needs one @ with text on both sides");
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it holds a space or a control character");
    }
    if email.len() > 254 {
        return Err("it is longer than 254 characters");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_come_from_the_email_and_only_plain_ones_pass() {
        assert_eq!(role_name_from_email("Dana.W-1@x.example"), "dana_w_1");
        assert_eq!(role_name_from_email("7eleven@x.example"), "_7eleven");
        assert_eq!(check_role_name("dana_w_1"), Ok(()));
        assert!(check_role_name("Dana").is_err());
        assert!(check_role_name("x\"; DROP TABLE reps; --").is_err());
        assert!(check_role_name("pg_monitor").is_err());
        assert!(check_role_name("public").is_err());
        assert!(check_role_name("").is_err());
        assert!(check_role_name(&"a".repeat(64)).is_err());
    }

    #[test]
    fn emails_need_one_at_and_no_spaces() {
        assert_eq!(check_email("dana@x.example"), Ok(()));
        assert!(check_email("dana").is_err());
        assert!(check_email("@x").is_err());
        assert!(check_email("a b@x").is_err());
        assert!(check_email("a@b@c").is_err());
    }
}
