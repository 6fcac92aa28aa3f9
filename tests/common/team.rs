//! A team's book on the test cluster, as the team tests set it up.

use super::Followup;

/// The name of a PostgreSQL world's database. Roles are the cluster's, shared by every test
/// of a binary, so a test names its reps' roles after its database.
pub fn database_name(world: &Followup) -> String {
    let url = world.server().expect("a PostgreSQL world");
    let after = url.split_once("@/").expect("a test database's URL").1;
    after.split('?').next().unwrap_or(after).to_string()
}

/// A world on PostgreSQL whose tables' owner (the test cluster's superuser) has set up a team
/// with `team init`, so that row-level security is on, and its database's name; `None`
/// (reason printed) without PostgreSQL.
pub fn team_world() -> Option<(Followup, String)> {
    let world = Followup::postgres()?;
    world.ok(&["list"]);
    let database = database_name(&world);
    world.ok(&[
        "team",
        "init",
        "--name",
        "Ole Owner",
        "--email",
        "owner@example.com",
    ]);
    Some((world, database))
}
