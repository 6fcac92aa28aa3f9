//! Where the data lives: `--db` / `FOLLOWUP_DB` name a SQLite file by its path, or a
//! PostgreSQL database by a `postgres://` or `postgresql://` URL.

use std::path::{Path, PathBuf};

/// A database, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file, one salesperson's book.
    File(PathBuf),
    /// A PostgreSQL database, a team's shared pipeline: the URL as given, password and all.
    Server(String),
}

impl Location {
    /// Reads what `--db` was given: a URL if it starts with one of PostgreSQL's schemes,
    /// else a path (a file named `postgres:` is still reachable as `./postgres:...`).
    pub fn from_arg(given: &Path) -> Location {
        match given.to_str() {
            Some(text) if is_postgres_url(text) => Location::Server(text.to_string()),
            _ => Location::File(given.to_path_buf()),
        }
    }

    pub fn is_server(&self) -> bool {
        matches!(self, Location::Server(_))
    }
}

fn is_postgres_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_a_server_and_anything_else_a_file() {
        for url in [
            "postgres://alice@db.example/sales",
            "postgresql:///followup?host=/tmp/pg",
            "PostgreSQL://localhost/x",
        ] {
            assert_eq!(
                Location::from_arg(Path::new(url)),
                Location::Server(url.to_string())
            );
        }
        for path in [
            "followup.db",
            "./postgres://x",
            "/tmp/postgresql",
            "postgres:/x",
            "",
        ] {
            assert_eq!(
                Location::from_arg(Path::new(path)),
                Location::File(PathBuf::from(path))
            );
        }
    }
}
