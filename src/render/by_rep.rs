//! The morning list of a team book: each action with the rep who holds its file (JSON), and
//! the list grouped by rep for a manager's `today --team` (text).

use chrono::NaiveDate;
use serde::Serialize;

use super::sanitize::clean;
use super::view::ActionView;
use super::{Width, agenda, plural, table};

/// An action of a team book's list, as `today --json` prints it: the usual fields and the
/// email of the rep who holds the file (null: the pool).
#[derive(Serialize)]
pub struct OwnedAction<'a> {
    #[serde(flatten)]
    pub action: &'a ActionView,
    pub owner: Option<&'a str>,
}

/// The rep a group of actions belongs to: their name and email; `None`: the pool.
pub type Holder = Option<(String, String)>;

/// `today --team`: one heading and one table per rep with something due, the pool last.
pub fn render_team(today: NaiveDate, groups: &[(Holder, Vec<ActionView>)], width: Width) -> String {
    let total: usize = groups.iter().map(|(_, views)| views.len()).sum();
    if total == 0 {
        return table::indented(
            &format!(
                "Nothing due today ({}) for anyone on the team.",
                super::day(today)
            ),
            "",
            width,
        ) + "\n";
    }
    let reps = groups.iter().filter(|(holder, _)| holder.is_some()).count();
    let pool = if reps < groups.len() {
        " and the pool"
    } else {
        ""
    };
    let mut out = format!(
        "The team's list: {} due, for {}{pool}.\n\n",
        plural(total as i64, "action"),
        plural(reps as i64, "rep")
    );
    for (holder, views) in groups {
        let heading = match holder {
            Some((name, email)) => format!("== {} ({}) ==", clean(name), clean(email)),
            None => "== The pool (no owner yet: the first rep to log one takes it) ==".to_string(),
        };
        out.push_str(&heading);
        out.push('\n');
        out.push_str(&agenda::render_table(today, views, width));
        out.push('\n');
    }
    // The messages are each rep's own to say, signed with their name and number.
    out.push_str(
        "Messages: in each rep's own `followup today` (`followup show ID` for one file).\n",
    );
    out
}

/// The note a rep's list on a team book carries when some of it is the pool's.
pub fn pool_note(ids: &[i64]) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    Some(format!(
        "From the pool, no owner yet ({}): logging a touch makes the file yours, and it leaves \
         the others' lists.",
        ids.join(", ")
    ))
}
