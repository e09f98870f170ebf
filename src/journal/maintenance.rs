//! Looking after the journal file itself: a read-only health check, consistent backups through
//! SQLite's online backup API, and restoring one with the current journal kept aside.

use super::error::JournalError;
use super::migrations::{APPLICATION_ID, LATEST_VERSION};
use super::open::{Journal, check_header};
use crate::clock::Clock;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};

/// What a read-only look at a journal file found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Inspection {
    /// Size in bytes (main file).
    pub size: u64,
    /// Unix permission bits, when known.
    pub mode: Option<u32>,
    /// `PRAGMA user_version`.
    pub schema_version: i64,
    /// The messages of `PRAGMA integrity_check` ("ok" when healthy).
    pub integrity: Vec<String>,
    /// Record counts: sessions, answers, statements, commitments.
    pub counts: [i64; 4],
}

impl Inspection {
    /// Whether the schema is older than this pi writes (it will be migrated on next use).
    pub fn needs_migration(&self) -> bool {
        self.schema_version < LATEST_VERSION
    }

    /// Whether `integrity_check` found nothing wrong.
    pub fn is_intact(&self) -> bool {
        self.integrity == ["ok"]
    }

    /// Whether anyone but the owner may read the file.
    pub fn readable_by_others(&self) -> bool {
        self.mode.is_some_and(|m| m & 0o077 != 0)
    }
}

/// Looks at the journal without changing it: no migration, no WAL switch, no write.
pub fn inspect(path: &Path) -> Result<Inspection, JournalError> {
    let meta = fs::metadata(path).map_err(|source| JournalError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    check_header(path, meta.len())?;
    let sqlite = |source| JournalError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => JournalError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => sqlite(e),
    };
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_db)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_db)?;
    if app_id != APPLICATION_ID && !(app_id == 0 && version == 0) {
        return Err(JournalError::NotPiJournal {
            path: path.to_path_buf(),
        });
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check(20)").map_err(sqlite)?;
    let integrity: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(sqlite)?;
    let count = |table: &str, since: i64| -> Result<i64, JournalError> {
        if version < since {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(sqlite)
    };
    let counts = [
        count("sessions", 1)?,
        count("answers", 1)?,
        count("statements", 2)?,
        count("commitments", 2)?,
    ];
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        Some(meta.permissions().mode() & 0o777)
    };
    #[cfg(not(unix))]
    let mode = None;
    Ok(Inspection {
        size: meta.len(),
        mode,
        schema_version: version,
        integrity,
        counts,
    })
}

/// The copies kept beside the journal before each migration, oldest first.
pub fn migration_backups(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .is_some_and(|n| {
                            n.starts_with(&format!("{name}.v")) && n.contains("-backup-")
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Creates an empty file readable by the owner alone; fails if it exists.
fn create_private(path: &Path) -> Result<(), JournalError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map(drop)
        .map_err(|source| JournalError::Io {
            action: "create",
            path: path.to_path_buf(),
            source,
        })
}

impl Journal {
    /// Writes a consistent copy of the journal to `dest` (which must not exist), even while
    /// another `pi` is writing.
    pub fn backup_to(&self, dest: &Path) -> Result<(), JournalError> {
        create_private(dest)?;
        let result = self.conn.backup(
            rusqlite::MAIN_DB,
            dest,
            None::<fn(rusqlite::backup::Progress)>,
        );
        if let Err(source) = result {
            let _ = fs::remove_file(dest);
            return Err(JournalError::Sqlite {
                path: dest.to_path_buf(),
                source,
            });
        }
        Ok(())
    }
}

/// Replaces the journal at `journal` with the backup `from`, after checking the backup; the
/// current journal is kept aside. Returns where it was kept (if there was one).
pub fn restore(journal: &Path, from: &Path, clock: Clock) -> Result<Option<PathBuf>, JournalError> {
    let checked = inspect(from)?;
    if !checked.is_intact() {
        return Err(JournalError::Corrupt {
            path: from.to_path_buf(),
            message: format!(
                "the backup fails its integrity check: {}",
                checked.integrity.join("; ")
            ),
        });
    }
    if checked.schema_version > LATEST_VERSION {
        return Err(JournalError::Newer {
            path: from.to_path_buf(),
            found: checked.schema_version,
            known: LATEST_VERSION,
        });
    }
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ");
    let name = journal
        .file_name()
        .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
    let incoming = journal.with_file_name(format!(".{name}.restoring-{stamp}"));
    let _ = fs::remove_file(&incoming);
    create_private(&incoming)?;
    let copy = (|| -> rusqlite::Result<()> {
        let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        source.backup(
            rusqlite::MAIN_DB,
            &incoming,
            None::<fn(rusqlite::backup::Progress)>,
        )
    })();
    if let Err(source) = copy {
        let _ = fs::remove_file(&incoming);
        return Err(JournalError::Sqlite {
            path: from.to_path_buf(),
            source,
        });
    }
    let mut aside = None;
    if journal.exists() {
        // Fold the write-ahead log into the file so the copy kept aside is complete.
        {
            let current = Journal::open(journal, super::OpenMode::Existing, clock)?;
            current
                .conn
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .map_err(|e| current.sqlite(e))?;
        }
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", journal.display()));
            if side.exists()
                && fs::metadata(&side).map(|m| m.len()).unwrap_or(0) > 0
                && suffix == "-wal"
            {
                let _ = fs::remove_file(&incoming);
                return Err(JournalError::Refused(format!(
                    "{} is in use by another pi; close it and try again",
                    journal.display()
                )));
            }
            let _ = fs::remove_file(&side);
        }
        let kept = journal.with_file_name(format!("{name}.before-restore-{stamp}"));
        fs::rename(journal, &kept).map_err(|source| JournalError::Io {
            action: "keep aside",
            path: journal.to_path_buf(),
            source,
        })?;
        aside = Some(kept);
    }
    fs::rename(&incoming, journal).map_err(|source| JournalError::Io {
        action: "restore into",
        path: journal.to_path_buf(),
        source,
    })?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::OpenMode;

    fn clock() -> Clock {
        Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
    }

    #[test]
    fn backup_inspect_and_restore() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let journal = Journal::open(&path, OpenMode::Create, clock()).unwrap();
        journal
            .conn
            .execute_batch(
                "INSERT INTO sessions (id, kind, pack_id, pack_version, language, depth, prompt_count, started_at, status)
                 VALUES ('00000000000000000000000000000001', 'reflect', 'p', '1.0.0', 'en', 'quick', 1, 'x', 'finished');",
            )
            .unwrap();
        let copy = dir.path().join("copy.db");
        journal.backup_to(&copy).unwrap();
        assert!(
            journal.backup_to(&copy).is_err(),
            "an existing backup is never overwritten"
        );
        drop(journal);

        let found = inspect(&copy).unwrap();
        assert!(found.is_intact());
        assert_eq!(found.counts[0], 1);
        assert_eq!(found.schema_version, LATEST_VERSION);
        assert!(!found.readable_by_others());

        // Change the journal, then restore the copy: the change is gone, the journal kept.
        Journal::open(&path, OpenMode::Existing, clock())
            .unwrap()
            .conn
            .execute_batch("DELETE FROM sessions;")
            .unwrap();
        let aside = restore(&path, &copy, clock()).unwrap().unwrap();
        assert_eq!(inspect(&path).unwrap().counts[0], 1);
        assert_eq!(inspect(&aside).unwrap().counts[0], 0);
    }

    #[test]
    fn a_broken_backup_is_not_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        drop(Journal::open(&path, OpenMode::Create, clock()).unwrap());
        let bad = dir.path().join("bad.db");
        fs::write(&bad, "not a database at all, just some text").unwrap();
        let before = fs::read(&path).unwrap();
        assert!(matches!(
            restore(&path, &bad, clock()),
            Err(JournalError::NotADatabase { .. })
        ));
        assert_eq!(fs::read(&path).unwrap(), before);
        assert!(migration_backups(&path).is_empty());
    }
}
