//! The refusals of ownership: who may assign, who may be given files, and who holds a file.

/// Why an ownership command (or a `log` that claims) did nothing.
#[derive(Debug, thiserror::Error)]
pub enum OwnershipError {
    #[error(
        "no rep of the team is {query:?}; give a rep's email or name (the team: {})",
        list(.known)
    )]
    NoSuchRep { query: String, known: Vec<String> },

    #[error("{query:?} names several reps: {}; give one's email", .candidates.join(", "))]
    AmbiguousRep {
        query: String,
        candidates: Vec<String>,
    },

    #[error(
        "{name} ({email}) is deactivated and gets no new files; choose an active rep \
         (`followup rep list` shows them)"
    )]
    InactiveRep { name: String, email: String },

    #[error(
        "--from and --to both name {email}; give the rep who leaves and the one who takes over"
    )]
    SameRep { email: String },

    #[error("{what} is for managers, and you ({email}) are not one; ask a manager of the team")]
    NotAManager { what: &'static str, email: String },

    #[error(
        "{what} is for the reps of a team, and the database role you connect as is none; \
         connect as your own role (`followup rep list` shows who is on the team)"
    )]
    NotARep { what: &'static str },

    #[error(
        "no active rep to share the pool with (managers are left out of the round-robin); \
         add one with `followup rep add`, or give files out one by one with `followup assign`"
    )]
    NoRepForPool,

    #[error(
        "prospect {id} ({prospect}) is {holder}'s file ({email}), so it was not logged; ask a \
         manager to give it to you (`followup assign {id} {me}`, or `followup reassign \
         --from {email} --to {me}` if {holder} has left)"
    )]
    HeldByAnother {
        id: i64,
        prospect: String,
        holder: String,
        email: String,
        /// The email of the rep who was refused.
        me: String,
    },

    #[error(
        "prospect {id} is {holder}'s file ({email}), which only they and the managers can see \
         or change; ask a manager to give it to you (`followup assign {id} {me}`)"
    )]
    HiddenFile {
        id: i64,
        holder: String,
        email: String,
        me: String,
    },
}

impl OwnershipError {
    /// 2 for a rep the command line named wrongly, 1 for a refusal of the team's rules (the
    /// command was well formed; the database's state or the rep's rights say no).
    pub fn exit_code(&self) -> u8 {
        match self {
            OwnershipError::NoSuchRep { .. }
            | OwnershipError::AmbiguousRep { .. }
            | OwnershipError::InactiveRep { .. }
            | OwnershipError::SameRep { .. } => 2,
            OwnershipError::NotAManager { .. }
            | OwnershipError::NotARep { .. }
            | OwnershipError::NoRepForPool
            | OwnershipError::HeldByAnother { .. }
            | OwnershipError::HiddenFile { .. } => 1,
        }
    }
}

fn list(known: &[String]) -> String {
    if known.is_empty() {
        "nobody yet; `followup rep add` adds reps".to_string()
    } else {
        known.join(", ")
    }
}
