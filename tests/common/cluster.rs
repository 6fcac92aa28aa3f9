//! A throwaway PostgreSQL cluster for the tests: started once per test binary, on a unix
//! socket only, with `fsync=off`, in a temporary folder; each test gets its own database in
//! it. A watchdog process stops the cluster and removes the folder once this process is gone,
//! however it ends.
//!
//! `initdb` refuses to run as root, so as root the cluster runs as the `postgres` user (the
//! one Debian's package makes), in a folder it owns.
//!
//! Without the PostgreSQL binaries, [`cluster`] says why and gives `None`, so that the tests
//! that need it skip; when `CI` is set it fails instead, so that CI cannot pass by skipping.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The running cluster: where its socket is, and a session to create databases with.
pub struct Cluster {
    socket_folder: PathBuf,
    admin: Mutex<postgres::Client>,
    databases: AtomicUsize,
}

/// The superuser `initdb` is told to make, whatever user runs it.
const SUPERUSER: &str = "postgres";

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The cluster of this test binary, started on first use; `None` (with the reason printed)
/// when PostgreSQL is not installed and `CI` is not set.
pub fn cluster() -> Option<&'static Cluster> {
    match CLUSTER.get_or_init(Cluster::start) {
        Ok(cluster) => Some(cluster),
        Err(reason) if std::env::var_os("CI").is_none() => {
            eprintln!("skipping a PostgreSQL test: {reason}");
            None
        }
        Err(reason) => panic!("CI is set, so the PostgreSQL tests must run: {reason}"),
    }
}

/// The cluster, for tests that cannot run without it (the whole suite on PostgreSQL).
pub fn required_cluster() -> &'static Cluster {
    match CLUSTER.get_or_init(Cluster::start) {
        Ok(cluster) => cluster,
        Err(reason) => panic!("FOLLOWUP_TEST_ENGINE=postgres, but {reason}"),
    }
}

impl Cluster {
    /// A new empty database; returns its URL.
    pub fn new_database(&self) -> String {
        self.create("")
    }

    /// A new database holding what the one at `url` holds (no one may be connected to it).
    pub fn copy_database(&self, url: &str) -> String {
        // `postgresql://USER@/NAME?host=...`, as `url` makes them.
        let template = url
            .split_once("@/")
            .and_then(|(_, rest)| rest.split('?').next())
            .expect("a test database's URL");
        self.create(&format!(" TEMPLATE {template}"))
    }

    fn create(&self, options: &str) -> String {
        let name = format!(
            "test_{}_{}",
            std::process::id(),
            self.databases.fetch_add(1, Ordering::SeqCst)
        );
        self.admin
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .batch_execute(&format!("CREATE DATABASE {name}{options}"))
            .expect("creating a test database");
        self.url(&name, SUPERUSER)
    }

    /// The folder of the cluster's socket (port 5432), for a pooler to reach it.
    pub fn socket_folder(&self) -> &Path {
        &self.socket_folder
    }

    /// The URL of database `name` as `user`, over the cluster's socket.
    pub fn url(&self, name: &str, user: &str) -> String {
        format!(
            "postgresql://{user}@/{name}?host={}",
            self.socket_folder.display()
        )
    }

    /// A session on database `name` as the superuser, for looking behind followup's back.
    pub fn connect(&self, name_or_url: &str) -> postgres::Client {
        let url = if name_or_url.contains("://") {
            name_or_url.to_string()
        } else {
            self.url(name_or_url, SUPERUSER)
        };
        postgres::Client::connect(&url, postgres::NoTls).expect("connecting to the test cluster")
    }

    fn start() -> Result<Cluster, String> {
        let bin = binaries()?;
        let as_root = is_root();
        let folder = tempfile::Builder::new()
            .prefix("followup-pg")
            .tempdir_in("/tmp")
            .map_err(|error| format!("cannot make a folder for the cluster: {error}"))?
            .keep();
        let data = folder.join("data");
        if as_root {
            run(Command::new("chown").arg(SUPERUSER).arg(&folder), "chown")?;
        }
        watch(&folder, &bin, as_root);
        let command = |program: &str| {
            let path = bin.join(program);
            let mut command = if as_root {
                let mut command = Command::new("runuser");
                command.args(["-u", SUPERUSER, "--"]).arg(path);
                command
            } else {
                Command::new(path)
            };
            // The cluster's files stay in its folder; `initdb` wants to be in a folder it
            // may read.
            command.current_dir(&folder);
            command
        };
        run(
            command("initdb")
                .arg("-D")
                .arg(&data)
                .args(["-U", SUPERUSER, "-A", "trust", "--no-locale", "-E", "UTF8"])
                .arg("--no-sync"),
            "initdb",
        )?;
        let options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{}' -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            folder.display()
        );
        run(
            command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(folder.join("log"))
                .args(["-w", "-o", &options, "start"]),
            "pg_ctl start",
        )?;
        let url = format!(
            "postgresql://{SUPERUSER}@/postgres?host={}",
            folder.display()
        );
        let admin = postgres::Client::connect(&url, postgres::NoTls)
            .map_err(|error| format!("cannot connect to the test cluster: {error}"))?;
        Ok(Cluster {
            socket_folder: folder,
            admin: Mutex::new(admin),
            databases: AtomicUsize::new(0),
        })
    }
}

/// The folder of `initdb` and `pg_ctl`: on PATH, else where Debian's package puts them.
fn binaries() -> Result<PathBuf, String> {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            let mut folders: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path().join("bin")))
                .collect();
            folders.sort();
            folders.reverse();
            folders
        })
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain(debian)
        .find(|folder| folder.join("initdb").is_file() && folder.join("pg_ctl").is_file())
        .ok_or_else(|| {
            "initdb and pg_ctl are not installed (on Debian: apt-get install postgresql)"
                .to_string()
        })
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|output| output.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run {what}: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Starts the watchdog: a shell that waits for this process to end, then stops the cluster
/// and removes its folder.
fn watch(folder: &Path, bin: &Path, as_root: bool) {
    let as_postgres = if as_root {
        format!("runuser -u {SUPERUSER} -- ")
    } else {
        String::new()
    };
    after_this_process(&format!(
        "{as_postgres}'{pg_ctl}' -D '{data}' -m immediate stop; rm -rf '{folder}'",
        pg_ctl = bin.join("pg_ctl").display(),
        data = folder.join("data").display(),
        folder = folder.display(),
    ));
}

/// Runs the shell commands `then` once this process has ended, however it ends. In its own
/// process group, with no standard streams, so that neither an interrupt of the tests nor
/// cargo waiting for their output holds it up.
pub fn after_this_process(then: &str) {
    use std::os::unix::process::CommandExt;
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {then}",
        pid = std::process::id(),
    );
    let _ = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
}
