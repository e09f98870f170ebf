//! Opening a journal safely: check the file before SQLite touches it, refuse what is not ours
//! or is newer, back up before migrating, and set the pragmas that keep every answer.

use super::cipher::Passphrase;
use super::error::JournalError;
use super::migrations::{APPLICATION_ID, LATEST_VERSION, migrate};
use crate::clock::Clock;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a second `pi` waits for the first to finish writing before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether opening may create a journal that does not exist yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create it (with private permissions) when missing: commands that write.
    Create,
    /// Fail with [`JournalError::Missing`] when missing: commands that may write to an
    /// existing journal.
    Existing,
    /// As `Existing`, for commands that only read: a journal that cannot be written (a
    /// read-only directory, file or mount) is opened read-only instead of refused.
    Read,
}

/// An open journal.
pub struct Journal {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) clock: Clock,
    backup: Option<PathBuf>,
    /// The passphrase it was opened with, when it is encrypted: its copies are made with it.
    key: Option<Passphrase>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Journal {
    /// Opens (or creates) the journal at `path` and brings its schema up to date. An
    /// encrypted journal is refused with [`JournalError::Encrypted`]: see [`Journal::open_with`].
    pub fn open(path: &Path, mode: OpenMode, clock: Clock) -> Result<Self, JournalError> {
        Self::open_with(path, mode, clock, None)
    }

    /// As [`Journal::open`], with the passphrase of an encrypted journal. The key is used only
    /// when the file is encrypted, or when the journal is made now (it is then made
    /// encrypted); a plain journal opens as it is.
    pub fn open_with(
        path: &Path,
        mode: OpenMode,
        clock: Clock,
        key: Option<&Passphrase>,
    ) -> Result<Self, JournalError> {
        let mut use_key = key;
        let existed = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(JournalError::Io {
                    action: "open the journal",
                    path: path.to_path_buf(),
                    source: std::io::Error::other("it is a directory"),
                });
            }
            Ok(meta) => {
                if let Some(kind) = super::access::special_kind(&meta) {
                    return Err(JournalError::NotAFile {
                        path: path.to_path_buf(),
                        kind,
                    });
                }
                match check_header(path, meta.len()) {
                    Ok(()) if meta.len() > 0 => use_key = None,
                    Ok(()) => {}
                    Err(JournalError::Encrypted { .. }) if key.is_some() => {}
                    Err(e) => return Err(e),
                }
                if let Err(reason) = super::access::check(path) {
                    if mode == OpenMode::Read && meta.len() > 0 {
                        return Self::open_read_only(path, clock, reason, use_key);
                    }
                    return Err(JournalError::ReadOnly {
                        path: path.to_path_buf(),
                        reason,
                    });
                }
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if mode != OpenMode::Create {
                    return Err(JournalError::Missing {
                        path: path.to_path_buf(),
                    });
                }
                // Another pi may create it at the same moment: then it is simply there.
                !create_private(path)?
            }
            Err(source) => {
                return Err(JournalError::Io {
                    action: "read",
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        // Switching a brand-new file to WAL, or migrating it, needs a moment of exclusive
        // access, and SQLite reports "busy" there without waiting; when two `pi`s start on a
        // new journal together, the second simply tries again shortly after.
        let mut result = Self::open_checked(path, clock, use_key);
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        while is_busy(&result) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            result = Self::open_checked(path, clock, use_key);
        }
        if result.is_err() && !existed {
            // Leave nothing behind: the empty file was ours.
            let _ = fs::remove_file(path);
        }
        result
    }

    fn open_checked(
        path: &Path,
        clock: Clock,
        key: Option<&Passphrase>,
    ) -> Result<Self, JournalError> {
        let sqlite = |source| JournalError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        if let Some(key) = key {
            super::cipher::apply_key(&conn, key).map_err(sqlite)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        let not_db = |e: rusqlite::Error| not_a_database(path, key, e);
        // One statement, so one consistent snapshot even while another pi is migrating.
        let (version, app_id, tables): (i64, i64, i64) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), \
                        (SELECT application_id FROM pragma_application_id), \
                        (SELECT count(*) FROM sqlite_master)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(not_db)?;
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || tables != 0) {
            return Err(JournalError::NotPiJournal {
                path: path.to_path_buf(),
            });
        }
        if version > LATEST_VERSION {
            return Err(JournalError::Newer {
                path: path.to_path_buf(),
                found: version,
                known: LATEST_VERSION,
            });
        }
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sqlite)?;
        let _: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
            .map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        // Whatever is deleted (a forgotten record) is overwritten with zeros, not left in
        // a free page for anyone with the file to read.
        conn.pragma_update(None, "secure_delete", true)
            .map_err(sqlite)?;
        let mut backup = None;
        if version < LATEST_VERSION {
            if version > 0 {
                backup = Some(backup_before_migration(&conn, path, version, &clock, key)?);
            }
            migrate(&mut conn).map_err(sqlite)?;
        }
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            clock,
            backup,
            key: key.cloned(),
        })
    }

    /// Opens a journal that cannot be written, for reading only: no pragma that writes, no
    /// migration. Without a write-ahead log waiting beside it the file is read as it is
    /// (immutable), so nothing is created beside it; SQLite would otherwise leave read-only
    /// `-wal` and `-shm` files that block every later write.
    fn open_read_only(
        path: &Path,
        clock: Clock,
        reason: super::access::ReadOnly,
        key: Option<&Passphrase>,
    ) -> Result<Self, JournalError> {
        let sqlite = |source| JournalError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let [wal, _] = super::access::companions(path);
        let conn = if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags)
        } else {
            super::maintenance::open_copy(path)
        }
        .map_err(sqlite)?;
        if let Some(key) = key {
            super::cipher::apply_key(&conn, key).map_err(sqlite)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        let found = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), \
                        (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .map_err(|e| not_a_database(path, key, e))?;
        let (version, app_id) = found;
        if app_id != APPLICATION_ID {
            return Err(JournalError::NotPiJournal {
                path: path.to_path_buf(),
            });
        }
        if version > LATEST_VERSION {
            return Err(JournalError::Newer {
                path: path.to_path_buf(),
                found: version,
                known: LATEST_VERSION,
            });
        }
        if version < LATEST_VERSION {
            return Err(JournalError::NeedsUpgrade {
                path: path.to_path_buf(),
                found: version,
                reason,
            });
        }
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            clock,
            backup: None,
            key: key.cloned(),
        })
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the journal is encrypted (it was opened with its passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The passphrase it was opened with, for copies that must stay encrypted.
    pub(crate) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// The backup taken before a migration during this open, if one ran.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// The schema version now in force.
    pub fn schema_version(&self) -> Result<i64, JournalError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.sqlite(e))
    }

    pub(crate) fn sqlite(&self, source: rusqlite::Error) -> JournalError {
        JournalError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    pub(crate) fn corrupt(&self, message: impl Into<String>) -> JournalError {
        JournalError::Corrupt {
            path: self.path.clone(),
            message: message.into(),
        }
    }
}

/// SQLite's "not a database" as pi says it: with a passphrase given, the passphrase is wrong
/// (SQLCipher cannot tell a wrong key from a damaged first page, and the first is the likely
/// one); without, the file is not a database at all.
pub(crate) fn not_a_database(
    path: &Path,
    key: Option<&Passphrase>,
    e: rusqlite::Error,
) -> JournalError {
    match (e.sqlite_error_code(), key) {
        (Some(rusqlite::ErrorCode::NotADatabase), Some(_)) => JournalError::WrongPassphrase {
            path: path.to_path_buf(),
        },
        (Some(rusqlite::ErrorCode::NotADatabase), None) => JournalError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => JournalError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

fn is_busy<T>(result: &Result<T, JournalError>) -> bool {
    matches!(
        result,
        Err(JournalError::Sqlite { source, .. }) if matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    )
}

/// Looks at the first 100 bytes: is this SQLite, and is the file as long as it says? An
/// encrypted journal (no header, whole pages of random bytes) is [`JournalError::Encrypted`].
pub(crate) fn check_header(path: &Path, len: u64) -> Result<(), JournalError> {
    if len == 0 {
        return Ok(());
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|source| JournalError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(JournalError::Io {
                    action: "read",
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    let magic = b"SQLite format 3\0";
    if read < magic.len() || &header[..magic.len()] != magic {
        if super::cipher::kind_of(path).ok() == Some(super::cipher::FileKind::Encrypted) {
            return Err(JournalError::Encrypted {
                path: path.to_path_buf(),
            });
        }
        return Err(JournalError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    if read < header.len() {
        return Err(JournalError::Truncated {
            path: path.to_path_buf(),
            expected: 100,
            actual: len,
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    // The page count is only trustworthy when "version-valid-for" matches the change counter,
    // and only when no write-ahead log is waiting: a checkpoint cut short by a crash can write
    // the new header before the last pages, which the log still holds and SQLite replays.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let wal_pending = fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if change_counter == valid_for && pages > 0 && page_size * pages > len && !wal_pending {
        return Err(JournalError::Truncated {
            path: path.to_path_buf(),
            expected: page_size * pages,
            actual: len,
        });
    }
    Ok(())
}

/// Creates a private database file (directory 0700, file 0600): the journal, or the store of
/// what friends shared. Private from the start.
/// Returns whether this call created the file (false: another process just did).
pub(crate) fn create_private(path: &Path) -> Result<bool, JournalError> {
    let io = |action, source| JournalError::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .map_err(|e| io("create the directory for", e))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io("create", e)),
    }
}

/// Copies the journal aside (consistently, through SQLite) before its schema changes.
fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    version: i64,
    clock: &Clock,
    key: Option<&Passphrase>,
) -> Result<PathBuf, JournalError> {
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ");
    let name = path.file_name().map_or_else(
        || "journal".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut backup = path.with_file_name(format!("{name}.v{version}-backup-{stamp}"));
    let mut n = 1;
    while backup.exists() {
        n += 1;
        backup = path.with_file_name(format!("{name}.v{version}-backup-{stamp}-{n}"));
    }
    // Private from its first byte: SQLite would create the file 0644 and write the whole
    // journal into it before anyone could restrict it. VACUUM INTO accepts an empty file.
    // Of an encrypted journal it writes an encrypted copy, with the same passphrase.
    create_private(&backup)?;
    let copied = conn
        .execute("VACUUM INTO ?1", [backup.to_string_lossy()])
        .map(drop)
        .and_then(|()| super::maintenance::settle_copy_with(&backup, key));
    if let Err(source) = copied {
        let _ = fs::remove_file(&backup);
        return Err(JournalError::Backup {
            path: backup,
            source,
        });
    }
    Ok(backup)
}

#[cfg(test)]
#[path = "open_tests.rs"]
mod tests;
