//! Opening a session on a PostgreSQL server from a libpq-style URL, and saying plainly what
//! to check when the server cannot be reached.

use std::time::Duration;

use postgres::config::Host;

use super::conn::{Conn, PgConn};
use super::error::{StoreError, postgres_detail};

/// Where Debian's (and most Linux packages') server listens when the URL names no host, as
/// libpq built there assumes.
const DEFAULT_SOCKET_FOLDER: &str = "/var/run/postgresql";

/// Connects to the database of `url`, its `TimeZone` set to `zone`; returns the session and a
/// description of where it is, without any password, for messages.
pub(super) fn connect(url: &str, zone: chrono_tz::Tz) -> Result<(PgConn, String), StoreError> {
    let mut config: postgres::Config =
        url.parse()
            .map_err(|error: postgres::Error| StoreError::BadUrl {
                url: without_password(url),
                detail: error.to_string(),
            })?;
    fill_from_environment(&mut config, |name| std::env::var(name).ok());
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    config.application_name("followup");
    let target = describe(&config);
    let client = config
        .connect(postgres::NoTls)
        .map_err(|error| StoreError::Connect {
            target: target.clone(),
            detail: postgres_detail(&error),
        })?;
    // The session's `TimeZone` is set by its first statement, which reads the schema version
    // (reps.rs, `version_and_session_rep`): a round trip of its own cost a rep's `today` a
    // tenth of its time through a pooler.
    Ok((PgConn::new(client, zone), target))
}

/// What sets the session's `TimeZone` to the salesperson's zone, as a column of a statement
/// whose first parameter is the zone's name. The server dates instants (`at::date`) and names
/// the zone of each stored due date (`due_zone`) by it, whatever its default. It does not
/// read the times followup binds: those go as instants (conn.rs).
pub(super) const SET_TIME_ZONE: &str = "set_config('TimeZone', ?1, false)";

/// Sets the session's `TimeZone` in a statement of its own: when the first statement, which
/// sets it too, failed (a database not set up yet, or a zone the server does not know, which
/// this says).
pub(super) fn set_time_zone(pg: &PgConn) -> Result<(), StoreError> {
    let zone = pg.zone().name();
    Conn::Postgres(pg)
        .one(
            &format!("SELECT {SET_TIME_ZONE}"),
            &[&zone],
            |row| row.get::<String>(0),
            "setting the session's time zone (PostgreSQL may not know it)",
        )
        .map(|_| ())
}

/// What the URL leaves out, taken as libpq takes it: from `PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE` and `PGPASSWORD`, then the defaults (the socket folder of Debian's package).
/// A URL's own parts always win, so that `--db` says exactly where followup goes.
fn fill_from_environment(config: &mut postgres::Config, variable: impl Fn(&str) -> Option<String>) {
    let given = |name: &str| variable(name).filter(|value| !value.is_empty());
    if config.get_hosts().is_empty() {
        match given("PGHOST") {
            Some(hosts) => {
                for host in hosts.split(',') {
                    // As libpq: a host that starts with a slash is a socket folder.
                    if host.starts_with('/') {
                        config.host_path(host);
                    } else {
                        config.host(host);
                    }
                }
            }
            None => {
                config.host_path(DEFAULT_SOCKET_FOLDER);
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(port) = given("PGPORT").and_then(|port| port.parse().ok())
    {
        config.port(port);
    }
    if config.get_user().is_none()
        && let Some(user) = given("PGUSER")
    {
        config.user(&user);
    }
    if config.get_dbname().is_none()
        && let Some(database) = given("PGDATABASE")
    {
        config.dbname(&database);
    }
    if config.get_password().is_none()
        && let Some(password) = given("PGPASSWORD")
    {
        config.password(&password);
    }
}

/// `the socket in /tmp/pg (database sales, user alice)` or `db.example:5432 (...)`.
fn describe(config: &postgres::Config) -> String {
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(index, host)| {
            let port = ports.get(index).or(ports.first()).copied().unwrap_or(5432);
            match host {
                Host::Tcp(name) => format!("{name}:{port}"),
                #[cfg(unix)]
                Host::Unix(folder) => {
                    format!("the socket {}/.s.PGSQL.{port}", folder.display())
                }
            }
        })
        .collect();
    let user = config.get_user().map_or_else(
        || "your login name as user".to_string(),
        |user| format!("user {user}"),
    );
    let database = config
        .get_dbname()
        .or(config.get_user())
        .map_or_else(|| "the user's database".to_string(), str::to_string);
    format!("{} (database {database}, {user})", hosts.join(", "))
}

/// The URL with any password replaced, fit to print.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            without_password("postgresql://alice:s3cret@db.example/sales"),
            "postgresql://alice:***@db.example/sales"
        );
        assert_eq!(
            without_password("postgres:///sales?host=/tmp"),
            "postgres:///sales?host=/tmp"
        );
        let config: postgres::Config = "postgresql://alice:s3cret@db.example/sales"
            .parse()
            .unwrap();
        let target = describe(&config);
        assert_eq!(target, "db.example:5432 (database sales, user alice)");
    }

    #[test]
    fn what_the_url_leaves_out_comes_from_the_libpq_variables() {
        let environment = |name: &str| {
            let value = match name {
                "PGHOST" => "/run/team,db.example",
                "PGPORT" => "5433",
                "PGUSER" => "dana",
                "PGDATABASE" => "sales",
                _ => return None,
            };
            Some(value.to_string())
        };
        let mut config: postgres::Config = "postgresql://".parse().unwrap();
        fill_from_environment(&mut config, environment);
        assert_eq!(
            describe(&config),
            "the socket /run/team/.s.PGSQL.5433, db.example:5433 (database sales, user dana)"
        );
        // The URL's own parts win over the variables.
        let mut config: postgres::Config = "postgresql://bob@/crm?host=/tmp/pg".parse().unwrap();
        fill_from_environment(&mut config, environment);
        assert_eq!(
            describe(&config),
            "the socket /tmp/pg/.s.PGSQL.5433 (database crm, user bob)"
        );
        // Nothing given anywhere: the socket folder of Debian's package.
        let mut config: postgres::Config = "postgresql:///crm".parse().unwrap();
        fill_from_environment(&mut config, |_| None);
        assert_eq!(
            describe(&config),
            "the socket /var/run/postgresql/.s.PGSQL.5432 (database crm, your login name as user)"
        );
    }

    #[test]
    fn a_unix_socket_folder_is_named_with_its_socket() {
        let config: postgres::Config = "postgresql:///sales?host=/tmp/pg&user=bob".parse().unwrap();
        assert_eq!(
            describe(&config),
            "the socket /tmp/pg/.s.PGSQL.5432 (database sales, user bob)"
        );
    }
}
