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
}
