//! Looking after the journal file itself: a read-only health check, consistent backups through
//! SQLite's online backup API, and restoring one with the current journal kept aside.

use super::cipher::Passphrase;
use super::error::JournalError;
use super::migrations::{APPLICATION_ID, LATEST_VERSION};
use super::open::{Journal, check_header};
use crate::clock::Clock;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
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
    /// Whether the file is encrypted (SQLCipher).
    pub encrypted: bool,
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
    inspect_with(path, false, None)
}

/// Looks at a copy of a journal (a backup) without leaving anything beside it: opened as
/// immutable, so SQLite creates no `-wal` or `-shm` next to the copy.
pub fn inspect_copy(path: &Path) -> Result<Inspection, JournalError> {
    inspect_with(path, true, None)
}

/// [`inspect`], with the passphrase to use when the journal is encrypted.
pub fn inspect_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Inspection, JournalError> {
    inspect_with(path, false, key)
}

/// [`inspect_copy`], with the passphrase to use when the copy is encrypted.
pub fn inspect_copy_keyed(
    path: &Path,
    key: Option<&Passphrase>,
) -> Result<Inspection, JournalError> {
    inspect_with(path, true, key)
}

fn inspect_with(
    path: &Path,
    copy: bool,
    key: Option<&Passphrase>,
) -> Result<Inspection, JournalError> {
    let meta = fs::metadata(path).map_err(|source| JournalError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    if let Some(kind) = super::access::special_kind(&meta) {
        return Err(JournalError::NotAFile {
            path: path.to_path_buf(),
            kind,
        });
    }
    let key = match check_header(path, meta.len()) {
        Ok(()) => None,
        Err(JournalError::Encrypted { .. }) if key.is_some() => key,
        Err(e) => return Err(e),
    };
    let sqlite = |source| JournalError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    // A journal that cannot be written, with no log waiting beside it, is read as it is:
    // SQLite could not make (or would leave behind) its shared-memory file.
    let wal_pending = super::access::companions(path)
        .first()
        .is_some_and(|wal| fs::metadata(wal).is_ok_and(|m| m.len() > 0));
    let writable = super::access::check(path).is_ok();
    let conn = if copy || (!writable && !wal_pending) {
        open_copy(path)
    } else {
        // Only ever read; but a connection that may write is the one SQLite lets tidy up
        // after itself: the last one to close removes the `-wal` and `-shm` it needed.
        let mode = if writable {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        };
        Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    }
    .map_err(sqlite)?;
    if let Some(key) = key {
        super::cipher::apply_key(&conn, key).map_err(sqlite)?;
    }
    let not_db = |e: rusqlite::Error| super::open::not_a_database(path, key, e);
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
    let mut integrity: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(sqlite)?;
    if key.is_some() {
        // Every page's authentication code, which integrity_check does not read: a page
        // changed on disk shows here even where SQLite's structure still looks right.
        let mut stmt = conn
            .prepare("PRAGMA cipher_integrity_check")
            .map_err(sqlite)?;
        let pages: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(sqlite)?;
        if !pages.is_empty() {
            integrity.retain(|m| m != "ok");
            integrity.extend(pages);
        }
    }
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
        encrypted: key.is_some(),
    })
}

/// Opens a copy of a journal read-only, creating nothing beside it: `immutable=1` tells
/// SQLite that nobody writes the file, so it needs no `-shm` or `-wal`.
pub(crate) fn open_copy(path: &Path) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", u32::from(c))),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Turns a fresh copy of the journal (made by the backup API or `VACUUM INTO`, which keep
/// the journal's WAL mode) into a self-contained file: in rollback mode nothing is ever
/// created beside it when it is read later.
/// An encrypted copy is opened with its passphrase.
pub(crate) fn settle_copy_with(path: &Path, key: Option<&Passphrase>) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        super::cipher::apply_key(&conn, key)?;
    }
    let _: String = conn.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))?;
    conn.close().map_err(|(_, e)| e)
}

/// The copies kept beside the journal before each migration, oldest first.
pub fn migration_backups(path: &Path) -> Vec<PathBuf> {
    copies_beside(path, |name, journal| {
        name.starts_with(&format!("{journal}.v")) && name.contains("-backup-")
    })
}

/// The journals kept aside by `pi backup --restore`, oldest first.
pub fn restore_backups(path: &Path) -> Vec<PathBuf> {
    copies_beside(path, |name, journal| {
        name.starts_with(&format!("{journal}.before-restore-"))
    })
}

/// The files beside the journal whose names pass `is_copy(name, journal name)`, sorted;
/// never their `-wal` or `-shm`.
fn copies_beside(path: &Path, is_copy: impl Fn(&str, &str) -> bool) -> Vec<PathBuf> {
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
                            is_copy(&n, &name) && !n.ends_with("-wal") && !n.ends_with("-shm")
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Creates an empty file readable by the owner alone, held (see [`crate::leftovers`]) for as
/// long as the returned handle lives; fails if it exists.
fn create_private(path: &Path) -> Result<fs::File, JournalError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|source| JournalError::Io {
        action: "create",
        path: path.to_path_buf(),
        source,
    })?;
    crate::leftovers::hold(&file);
    Ok(file)
}

impl Journal {
    /// Writes a consistent copy of the journal to `dest` (which must not exist), even while
    /// another `pi` is writing. The copy is made in a private temporary file beside `dest`
    /// and renamed into place when complete, so a backup is whole or absent; it is one
    /// self-contained file (no `-wal` or `-shm` beside it, now or when it is read later).
    /// The copy of an encrypted journal is encrypted with the same passphrase.
    pub fn backup_to(&self, dest: &Path) -> Result<(), JournalError> {
        let io = |source| JournalError::Io {
            action: "write the backup",
            path: dest.to_path_buf(),
            source,
        };
        if dest.exists() {
            return Err(io(std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
        }
        let dir = crate::leftovers::journal_dir(dest);
        crate::leftovers::clean_dir(dir);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".pi-backup-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o600));
        }
        let tmp = builder.tempfile_in(dir).map_err(io)?;
        crate::leftovers::hold(tmp.as_file());
        let sqlite = |source| JournalError::Backup {
            path: dest.to_path_buf(),
            source,
        };
        copy_pages(&self.conn, tmp.path(), self.key()).map_err(sqlite)?;
        settle_copy_with(tmp.path(), self.key()).map_err(sqlite)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist_noclobber(dest).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// A connection that only reads: a copy (or a journal nobody can write, with no log
/// waiting) as immutable; otherwise a connection that may write, the one SQLite lets tidy
/// up after itself (the last one to close removes the `-wal` and `-shm` it needed).
fn reader(
    path: &Path,
    copy: bool,
    wal_pending: bool,
    writable: bool,
) -> rusqlite::Result<Connection> {
    if copy || (!writable && !wal_pending) {
        return open_copy(path);
    }
    let mode = if writable {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    };
    Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

/// What a journal forgot, read without changing it (for `pi doctor`): its tombstones
/// (kind, id, forgotten_at); none when it is older than tombstones.
pub fn forgotten_in(path: &Path) -> Result<Vec<(String, String, String)>, JournalError> {
    let wal_pending = super::access::companions(path)
        .first()
        .is_some_and(|wal| fs::metadata(wal).is_ok_and(|m| m.len() > 0));
    let writable = super::access::check(path).is_ok();
    let sqlite = |source| JournalError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let conn = reader(path, false, wal_pending, writable).map_err(sqlite)?;
    super::forget_run::read_tombstones(&conn).map_err(sqlite)
}

/// Every copy of the journal pi knows of, with what made it, oldest first per kind: the
/// copies taken before migrations, the journals kept aside by a restore, and `pi backup`'s
/// copies in `backups/` beside the journal. (A copy written elsewhere, with `pi backup DIR`
/// or by hand, is beyond pi's knowledge.)
pub fn known_backups(path: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut rows: Vec<(PathBuf, &'static str)> = migration_backups(path)
        .into_iter()
        .map(|p| (p, "before a migration"))
        .chain(
            restore_backups(path)
                .into_iter()
                .map(|p| (p, "before a restore")),
        )
        .collect();
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |p| p.join("backups"));
    if let Ok(entries) = fs::read_dir(dir) {
        let mut own: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "db"))
            .collect();
        own.sort();
        rows.extend(own.into_iter().map(|p| (p, "pi backup")));
    }
    rows
}

/// Whether the copy at `path` holds any of `records` (tombstone kind, id). Opened as
/// immutable: nothing is written beside it. An encrypted copy is read with `key` (the
/// journal's passphrase), when one is given.
pub fn copy_holds(
    path: &Path,
    records: &[(String, String)],
    key: Option<&Passphrase>,
) -> Result<bool, JournalError> {
    let sqlite = |source| JournalError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let len = fs::metadata(path)
        .map_err(|source| JournalError::Io {
            action: "read",
            path: path.to_path_buf(),
            source,
        })?
        .len();
    let key = match check_header(path, len) {
        Ok(()) => None,
        Err(JournalError::Encrypted { .. }) if key.is_some() => key,
        Err(e) => return Err(e),
    };
    let conn = open_copy(path).map_err(sqlite)?;
    if let Some(key) = key {
        super::cipher::apply_key(&conn, key).map_err(sqlite)?;
    }
    for (kind, table) in [
        ("session", "sessions"),
        ("answer", "answers"),
        ("answer_part", "answers"),
        ("statement", "statements"),
        ("statement_event", "statement_events"),
        ("commitment", "commitments"),
        ("commitment_event", "commitment_events"),
        ("comment", "friend_comments"),
    ] {
        let ids: Vec<&String> = records
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, id)| id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let exists: bool = conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |_| Ok(()),
            )
            .optional()
            .map_err(sqlite)?
            .is_some();
        if !exists {
            continue;
        }
        let found = conn
            .prepare(&format!(
                "SELECT 1 FROM {table} WHERE id IN (SELECT value FROM json_each(?1)) LIMIT 1"
            ))
            .and_then(|mut st| st.exists([super::forget::json_ids(ids)]))
            .map_err(sqlite)?;
        if found {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Removes a copy for good: its bytes are overwritten with zeros and flushed to disk before
/// the file is unlinked (with any `-wal`/`-shm` beside it). On a copy-on-write file system
/// or an SSD older blocks may survive on the device; the file itself is gone.
pub fn shred(path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let sides = super::access::companions(path);
    for file in std::iter::once(path.to_path_buf()).chain(sides) {
        let meta = match fs::symlink_metadata(&file) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if meta.is_file() {
            let mut out = fs::OpenOptions::new().write(true).open(&file)?;
            let zeros = vec![0u8; 64 * 1024];
            let mut left = meta.len();
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                out.write_all(&zeros[..n])?;
                left -= n as u64;
            }
            out.sync_all()?;
        }
        fs::remove_file(&file)?;
    }
    Ok(())
}

/// Copies every page of `source` into the file at `dest` with the online backup API. With a
/// passphrase the copy is keyed with it too: SQLCipher refuses to copy an encrypted database
/// into a plain one, and a copy of an encrypted journal must stay encrypted.
fn copy_pages(source: &Connection, dest: &Path, key: Option<&Passphrase>) -> rusqlite::Result<()> {
    let Some(key) = key else {
        return source.backup(
            rusqlite::MAIN_DB,
            dest,
            None::<fn(rusqlite::backup::Progress)>,
        );
    };
    let mut copy = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    super::cipher::apply_key(&copy, key)?;
    let backup = rusqlite::backup::Backup::new(source, &mut copy)?;
    backup.run_to_completion(100, std::time::Duration::from_millis(250), None)
}

/// What a restore did.
#[derive(Debug, Clone, Default)]
pub struct Restored {
    /// Where the journal as it was is kept (when there was one).
    pub aside: Option<PathBuf>,
    /// Records the backup still held that the replaced journal had forgotten: forgotten
    /// again, so a restore never undoes a `pi forget`.
    pub forgotten_again: usize,
}

/// Replaces the journal at `journal` with the backup `from`, after checking the backup; the
/// current journal is kept aside, and what it had forgotten is forgotten in the restored one
/// too (with its tombstones).
pub fn restore(journal: &Path, from: &Path, clock: Clock) -> Result<Restored, JournalError> {
    restore_with(journal, from, clock, None)
}

/// [`restore`] with the passphrase of an encrypted backup (and of the current journal, when
/// that is encrypted too). An encrypted backup is restored as it is: encrypted.
pub fn restore_with(
    journal: &Path,
    from: &Path,
    clock: Clock,
    key: Option<&Passphrase>,
) -> Result<Restored, JournalError> {
    let checked = inspect_copy_keyed(from, key)?;
    let from_key = if checked.encrypted { key } else { None };
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
    let _held = create_private(&incoming)?;
    let copy = (|| -> rusqlite::Result<()> {
        let source = open_copy(from)?;
        if let Some(key) = from_key {
            super::cipher::apply_key(&source, key)?;
        }
        copy_pages(&source, &incoming, from_key)
    })();
    if let Err(source) = copy {
        let _ = fs::remove_file(&incoming);
        return Err(JournalError::Sqlite {
            path: from.to_path_buf(),
            source,
        });
    }
    let mut aside = None;
    let mut tombstones = Vec::new();
    if journal.exists() {
        // Fold the write-ahead log into the file so the copy kept aside is complete.
        {
            let current = Journal::open_with(journal, super::OpenMode::Existing, clock, key)?;
            current
                .conn
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .map_err(|e| current.sqlite(e))?;
            tombstones = current.tombstones()?;
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
    let mut forgotten_again = 0;
    if !tombstones.is_empty() {
        let mut restored = Journal::open_with(journal, super::OpenMode::Existing, clock, from_key)?;
        forgotten_again = restored.forget_again(&tombstones)?;
    }
    Ok(Restored {
        aside,
        forgotten_again,
    })
}

#[cfg(test)]
#[path = "maintenance_tests.rs"]
mod tests;
