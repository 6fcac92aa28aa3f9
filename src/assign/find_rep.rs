//! Which rep a manager means by `REP`: an email, or a name, as `PROSPECT` is matched.

use super::OwnershipError;
use crate::domain::Rep;

/// The rep `query` names among `reps`: the one whose email is `query` (in any case), else the
/// one whose name is, else the only one whose name contains it. Deactivated reps are found
/// too: a rep who left is still named by `reassign --from`.
pub fn find_rep<'r>(reps: &'r [Rep], query: &str) -> Result<&'r Rep, OwnershipError> {
    let wanted = query.trim().to_lowercase();
    if wanted.is_empty() {
        return Err(OwnershipError::NoSuchRep {
            query: query.to_string(),
            known: known(reps),
        });
    }
    let exact = |field: fn(&Rep) -> &str| {
        reps.iter()
            .filter(|rep| field(rep).to_lowercase() == wanted)
            .collect::<Vec<_>>()
    };
    for field in [
        (|rep: &Rep| rep.email.as_str()) as fn(&Rep) -> &str,
        |rep| rep.name.as_str(),
    ] {
        if let [rep] = exact(field)[..] {
            return Ok(rep);
        }
    }
    let containing: Vec<&Rep> = reps
        .iter()
        .filter(|rep| rep.name.to_lowercase().contains(&wanted))
        .collect();
    match containing[..] {
        [rep] => Ok(rep),
        [] => Err(OwnershipError::NoSuchRep {
            query: query.to_string(),
            known: known(reps),
        }),
        _ => Err(OwnershipError::AmbiguousRep {
            query: query.to_string(),
            candidates: containing.iter().map(|rep| rep.email.clone()).collect(),
        }),
    }
}

fn known(reps: &[Rep]) -> Vec<String> {
    reps.iter().map(|rep| rep.email.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep(id: i64, name: &str, email: &str) -> Rep {
        Rep {
            id,
            name: name.into(),
            email: email.into(),
            role_name: format!("rep{id}"),
            manager: false,
            active: true,
            phone: None,
        }
    }

    fn team() -> Vec<Rep> {
        vec![
            rep(1, "Mia Lund", "mia@example.com"),
            rep(2, "Omar Haddad", "omar@example.com"),
            rep(3, "Mia Lundqvist", "mlq@example.com"),
        ]
    }

    #[test]
    fn an_email_or_a_whole_name_or_a_part_of_one_name() {
        let reps = team();
        assert_eq!(find_rep(&reps, "OMAR@example.com").unwrap().id, 2);
        // "Mia Lund" is also part of "Mia Lundqvist": the whole name wins.
        assert_eq!(find_rep(&reps, "mia lund").unwrap().id, 1);
        assert_eq!(find_rep(&reps, "haddad").unwrap().id, 2);
    }

    #[test]
    fn no_match_and_several_matches_are_refused_with_the_candidates() {
        let reps = team();
        let none = find_rep(&reps, "zoe").unwrap_err();
        assert!(none.to_string().contains("omar@example.com"), "{none}");
        assert_eq!(none.exit_code(), 2);
        let several = find_rep(&reps, "mia").unwrap_err();
        assert!(
            several
                .to_string()
                .contains("mia@example.com, mlq@example.com"),
            "{several}"
        );
        assert!(find_rep(&reps, "  ").is_err());
    }
}
