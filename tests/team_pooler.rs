//! A team book through a connection pooler (docs/team.md, "Through a pooler"): the test
//! cluster behind a PgBouncer in session mode with one server connection per pool, so that
//! every session of a rep's role runs on the same warm server process, one after the other.
//! What one session set must not reach the next: each sees its own zone's wall clock and,
//! row-level security being the server role's, only its rep's files; the schema is made and
//! files are claimed through the pooler as directly.
//!
//! PostgreSQL and PgBouncer only: skips, saying why, without either, except under `CI`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::Followup;
use common::cluster::Cluster;
use serde_json::Value;

/// The port of the pooler's socket, in a folder of its own (no TCP: nothing to collide with).
const PORT: u16 = 6432;

/// A PgBouncer in front of the test cluster, stopped when dropped.
struct Pooler {
    folder: tempfile::TempDir,
}

impl Pooler {
    /// Starts PgBouncer in session mode for `roles`, or `None` (reason printed) when it is not
    /// installed and `CI` is not set.
    fn start(cluster: &Cluster, roles: &[&str]) -> Option<Pooler> {
        let Some(binary) = pgbouncer() else {
            let reason = "pgbouncer is not installed (on Debian: apt-get install pgbouncer)";
            if std::env::var_os("CI").is_some() {
                panic!("CI is set, so the pooler test must run: {reason}");
            }
            eprintln!("skipping a pooler test: {reason}");
            return None;
        };
        let folder = tempfile::Builder::new()
            .prefix("followup-pgbouncer")
            .tempdir_in("/tmp")
            .expect("a folder for the pooler");
        let path = folder.path();
        // Trust, as the test cluster does; a real team's auth is in docs/team.md. PgBouncer
        // still wants every user it lets in named in its auth file.
        let users: String = roles
            .iter()
            .map(|role| format!("\"{role}\" \"\"\n"))
            .collect();
        std::fs::write(path.join("users.txt"), users).unwrap();
        let ini = format!(
            "[databases]\n\
             * = host={cluster} port=5432\n\
             [pgbouncer]\n\
             listen_addr =\n\
             listen_port = {PORT}\n\
             unix_socket_dir = {folder}\n\
             auth_type = trust\n\
             auth_file = {folder}/users.txt\n\
             pool_mode = session\n\
             default_pool_size = 1\n\
             server_reset_query = DISCARD ALL\n\
             logfile = {folder}/pgbouncer.log\n\
             pidfile = {folder}/pgbouncer.pid\n",
            cluster = cluster.socket_folder().display(),
            folder = path.display(),
        );
        std::fs::write(path.join("pgbouncer.ini"), ini).unwrap();
        // PgBouncer will not run as root: as root it runs as the cluster's owner.
        let mut command = if common::cluster::is_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(path)
                .status();
            assert!(status.is_ok_and(|status| status.success()), "chown");
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(binary);
            command
        } else {
            Command::new(binary)
        };
        let output = command
            .arg("-d")
            .arg(path.join("pgbouncer.ini"))
            .stdin(Stdio::null())
            .output()
            .expect("running pgbouncer");
        let pooler = Pooler { folder };
        pooler.watch();
        for _ in 0..200 {
            if pooler.socket().exists() {
                return Some(pooler);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!(
            "pgbouncer did not start: {}{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            std::fs::read_to_string(pooler.folder.path().join("pgbouncer.log")).unwrap_or_default()
        );
    }

    fn socket(&self) -> PathBuf {
        self.folder.path().join(format!(".s.PGSQL.{PORT}"))
    }

    fn pid_file(&self) -> PathBuf {
        self.folder.path().join("pgbouncer.pid")
    }

    /// The URL of `database` as `role`, through the pooler.
    fn url(&self, database: &str, role: &str) -> String {
        format!(
            "postgresql://{role}@/{database}?host={}&port={PORT}",
            self.folder.path().display()
        )
    }

    /// Stops PgBouncer once this process is gone, however it ends (as the cluster's watchdog
    /// does). PgBouncer removes its pid file when it stops, so a pid file still there names it.
    fn watch(&self) {
        let file = self.pid_file().display().to_string();
        common::cluster::after_this_process(&format!(
            "if [ -f '{file}' ]; then kill \"$(cat '{file}')\"; fi"
        ));
    }
}

impl Drop for Pooler {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(self.pid_file()) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}

/// PgBouncer's binary: on PATH, else where Debian's package puts it.
fn pgbouncer() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain([PathBuf::from("/usr/sbin")])
        .map(|folder| folder.join("pgbouncer"))
        .find(|binary| binary.is_file())
}

/// The team: a world on the test cluster, reached through the pooler.
struct Team {
    world: Followup,
    database: String,
    pooler: Pooler,
}

impl Team {
    fn role(&self, key: &str) -> String {
        format!("{}_{key}", self.database)
    }

    /// Runs `followup ARGS` through the pooler as `role`, the zone that of `cadence`.
    #[track_caller]
    fn run(&self, role: &str, cadence: &Path, args: &[&str]) -> common::Run {
        self.world
            .cmd(args)
            .env("FOLLOWUP_DB", self.pooler.url(&self.database, role))
            .env("FOLLOWUP_CADENCE", cadence)
            .run()
    }

    #[track_caller]
    fn json(&self, role: &str, cadence: &Path, args: &[&str]) -> Value {
        let run = self.run(role, cadence, args);
        run.success();
        run.stdout_json()
    }

    /// The server processes of `role`'s sessions, as the server counts them.
    fn server_processes(&self, role: &str) -> i64 {
        common::cluster::required_cluster()
            .connect(&self.database)
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
                &[&role],
            )
            .unwrap()
            .get(0)
    }
}

fn ids(items: &Value) -> BTreeSet<i64> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn two_reps_in_two_zones_take_turns_on_warm_server_processes_and_see_only_their_own() {
    let Some(mut world) = Followup::postgres() else {
        return;
    };
    let cluster = common::cluster::required_cluster();
    let database = common::team::database_name(&world);
    let (nia, lou) = (format!("{database}_nia"), format!("{database}_lou"));
    let Some(pooler) = Pooler::start(cluster, &["postgres", &nia, &lou]) else {
        return;
    };
    let zone = |name: &str, zone: &str| {
        world.write(
            name,
            format!("[calendar]\ntime_zone = \"{zone}\"\n\n[cadence.standard]\n"),
        )
    };
    let new_york = zone("new-york.toml", "America/New_York");
    let tokyo = zone("tokyo.toml", "Asia/Tokyo");
    world.at("2026-11-23T09:30");
    let team = Team {
        world,
        database,
        pooler,
    };
    assert_eq!(team.role("nia"), nia);

    // The owner makes the schema (its migrations under their advisory lock), the team and
    // its two reps, all through the pooler.
    let owner = |args: &[&str]| {
        team.run("postgres", &new_york, args).success();
    };
    owner(&["list"]);
    owner(&[
        "team",
        "init",
        "--name",
        "Ole Owner",
        "--email",
        "owner@example.com",
    ]);
    for (name, key, role) in [("Nia Brooks", "nia", &nia), ("Lou Vega", "lou", &lou)] {
        let email = format!("{key}@example.com");
        owner(&[
            "rep",
            "add",
            name,
            "--email",
            &email,
            "--role",
            role,
            "--create-role",
        ]);
    }
    let dana = team.world.add("Dana Whitfield", &common::DANA);
    let omar = team
        .world
        .add("Omar Haddad", &["--email", "omar@example.org"]);
    let pool = team.world.add("Pia Lund", &["--email", "pia@example.org"]);
    owner(&["assign", &dana.to_string(), "nia@example.com"]);
    owner(&["assign", &omar.to_string(), "lou@example.com"]);

    // Turns, one session after another on each role's one server process: Nia in New York
    // promises Dana a call; Lou in Tokyo sees his file and the pool, not hers.
    team.run(
        &nia,
        &new_york,
        &["log", &dana.to_string(), "--promise", "tomorrow 10:00"],
    )
    .success();
    let lous = team.json(&lou, &tokyo, &["today", "--json"]);
    assert_eq!(ids(&lous), BTreeSet::from([omar, pool]), "{lous}");
    let seen = team.json(&nia, &new_york, &["show", &dana.to_string(), "--json"]);
    assert_eq!(seen["attempts"][0]["at"], "2026-11-23T09:30:00");
    assert_eq!(seen["attempts"][0]["promise"], "2026-11-24T10:00:00");

    // Lou claims the pool's file at 09:30 his time; it leaves Nia's list.
    team.run(&lou, &tokyo, &["log", &pool.to_string()])
        .success();
    let nias = team.json(&nia, &new_york, &["today", "--json"]);
    assert!(!ids(&nias).contains(&pool), "{nias}");
    assert!(!ids(&nias).contains(&omar), "{nias}");
    team.run(&nia, &new_york, &["log", &pool.to_string()])
        .fails(1);

    // The same sessions' zones stay their own: Lou's touch, 00:30 UTC, is 09:30 in Tokyo and
    // 19:30 the evening before in New York, read one session after the other on the owner's
    // one server process; Nia's reads 09:30 again after a session in Tokyo.
    let at = |cadence: &Path| {
        team.json("postgres", cadence, &["show", &pool.to_string(), "--json"])["attempts"][0]["at"]
            .clone()
    };
    assert_eq!(at(&tokyo), "2026-11-23T09:30:00");
    assert_eq!(at(&new_york), "2026-11-22T19:30:00");
    assert_eq!(at(&tokyo), "2026-11-23T09:30:00");
    let dana_in = |cadence: &Path| {
        team.json(&nia, cadence, &["show", &dana.to_string(), "--json"])["attempts"][0]["at"]
            .clone()
    };
    assert_eq!(dana_in(&tokyo), "2026-11-23T23:30:00");
    assert_eq!(dana_in(&new_york), "2026-11-23T09:30:00");

    // Each rep's sessions ran on one server process, kept warm by the pooler.
    assert_eq!(team.server_processes(&nia), 1);
    assert_eq!(team.server_processes(&lou), 1);
}
