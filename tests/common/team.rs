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

/// A rep made by SQL rather than `rep add`: a login role allowed to read and write the
/// tables (named after the database: roles are the cluster's), and their row in `reps`.
/// Returns the row's id and the role. The schema must exist (run a command first).
pub fn make_rep_by_sql(world: &Followup, name: &str, email: &str, manager: bool) -> (i64, String) {
    let url = world.server().expect("a PostgreSQL world");
    let role = format!("{}_{}", database_name(world), name.to_lowercase());
    let mut client = super::cluster::required_cluster().connect(url);
    client
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN;
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};"
        ))
        .expect("making a rep's role");
    let id: i64 = client
        .query_one(
            "INSERT INTO reps (name, email, role_name, manager, active, added_at)
             VALUES ($1, $2, $3, $4, true, '2026-11-01 09:00')
             RETURNING id",
            &[&name, &email, &role, &manager],
        )
        .expect("adding a rep")
        .get(0);
    (id, role)
}

/// `followup ARGS` in `world`, connected to `database` as `role`.
#[track_caller]
pub fn run_as(world: &Followup, database: &str, role: &str, args: &[&str]) -> super::Run {
    let url = super::cluster::required_cluster().url(database, role);
    world.cmd(args).env("FOLLOWUP_DB", url).run()
}

/// The JSON `followup ARGS` prints, connected to `database` as `role`; it must succeed.
#[track_caller]
pub fn json_as(world: &Followup, database: &str, role: &str, args: &[&str]) -> serde_json::Value {
    let run = run_as(world, database, role, args);
    run.success();
    run.stdout_json()
}
