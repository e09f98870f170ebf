//! Converting a journal between plain and encrypted, in place, so that a kill at any moment
//! leaves either the old journal or the new one, whole.
//!
//! 1. A converted copy is written beside the journal (`.journal.db.converting-…`, private,
//!    held) with `sqlcipher_export`, in one transaction, so it is one consistent snapshot.
//! 2. The copy is checked on a connection of its own: integrity, every table's row count, the
//!    schema version and application id; then switched to WAL and synced.
//! 3. The old journal and its write-ahead log get a second name (a hard link) so that their
//!    bytes can still be reached after the swap; the journal's connection is closed (SQLite
//!    folds the log into the file and removes `-wal` and `-shm`).
//! 4. `rename` puts the copy in the journal's place: atomic, so the journal path always names
//!    a whole journal.
//! 5. The old bytes are overwritten with zeros and removed ([`super::cipher::shred`]).
//!
//! Killed before 4, the old journal is in place and the copy and links are leftovers; killed
//! after it, the new journal is in place and the links are leftovers. [`discard`] removes a
//! leftover, overwriting it first only when no other name leads to its bytes: a link to the
//! journal still in use is only unlinked.

use super::cipher::{FileKind, Passphrase, kind_of, shred};
use super::error::JournalError;
use super::open::{Journal, OpenMode, create_private};
use crate::clock::Clock;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};

/// Which way a conversion goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Plain to encrypted (`pi encrypt`).
    Encrypt,
    /// Encrypted to plain (`pi decrypt`).
    Decrypt,
}

/// The name prefixes of a conversion's files beside `journal`: the copy being made, and the
/// second names of the old journal's bytes.
pub fn leftover_prefixes(journal: &Path) -> [String; 2] {
    let name = journal
        .file_name()
        .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
    [
        format!(".{name}.converting-"),
        format!(".{name}.old-bytes-"),
    ]
}

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Converted {
    /// Files of the old journal that could not be overwritten (they were removed, or are
    /// left with the reason); empty when all went well.
    pub not_overwritten: Vec<(PathBuf, String)>,
}

/// Converts the journal at `path` in place. `key` is the passphrase: the new one to encrypt
/// with, or the one to open the encrypted journal with to decrypt it.
pub fn convert(
    path: &Path,
    direction: Direction,
    key: &Passphrase,
    clock: Clock,
) -> Result<Converted, JournalError> {
    let kind = kind_of(path).map_err(|source| JournalError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    match (direction, kind) {
        (_, FileKind::Missing) => {
            return Err(JournalError::Missing {
                path: path.to_path_buf(),
            });
        }
        (Direction::Encrypt, FileKind::Encrypted) => {
            return Err(JournalError::Refused(format!(
                "{} is encrypted already",
                path.display()
            )));
        }
        (Direction::Decrypt, FileKind::Plain | FileKind::Empty) => {
            return Err(JournalError::Refused(format!(
                "{} is not encrypted",
                path.display()
            )));
        }
        _ => {}
    }
    if let Some(pid) = other_user(path) {
        return Err(JournalError::Refused(format!(
            "{} is open in another process ({pid}), perhaps a pi waiting for an answer; finish or close it, then try again",
            path.display()
        )));
    }
    let (from, to) = match direction {
        Direction::Encrypt => (None, Some(key)),
        Direction::Decrypt => (Some(key), None),
    };
    let journal = Journal::open_with(path, OpenMode::Existing, clock, from)?;
    let [converting, old_bytes] = leftover_prefixes(path);
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();
    let copy = unique(path, &format!("{converting}{stamp}"));
    let held = Held::create(&copy)?;
    let result = (|| {
        export(&journal.conn, &copy, to).map_err(|e| {
            JournalError::Refused(format!(
                "cannot write the converted copy {}: {e}; the journal is left as it was",
                copy.display()
            ))
        })?;
        check_copy(&journal.conn, &copy, to)?;
        held.sync()?;
        swap(journal, path, &copy, &format!("{old_bytes}{stamp}"))
    })();
    if result.is_err() {
        for p in companions_of(&copy) {
            let _ = fs::remove_file(p);
        }
        let _ = fs::remove_file(&copy);
    }
    result
}

/// Writes the whole journal into `copy` through an attached database keyed with `to` (an
/// empty key: plain), in one transaction; copies the schema version and application id,
/// which `sqlcipher_export` leaves out.
fn export(conn: &Connection, copy: &Path, to: Option<&Passphrase>) -> rusqlite::Result<()> {
    let key = to.map_or("", Passphrase::as_str);
    conn.execute(
        "ATTACH DATABASE ?1 AS converted KEY ?2",
        rusqlite::params![copy.to_string_lossy(), key],
    )?;
    let exported = (|| {
        conn.execute_batch("BEGIN IMMEDIATE;")?;
        let written = (|| {
            conn.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
            let (version, app_id): (i64, i64) = conn.query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), \
                        (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            conn.execute_batch(&format!(
                "PRAGMA converted.user_version = {version}; \
                 PRAGMA converted.application_id = {app_id};"
            ))?;
            conn.execute_batch("COMMIT;")
        })();
        if written.is_err() {
            let _ = conn.execute_batch("ROLLBACK;");
        }
        written
    })();
    let detached = conn.execute_batch("DETACH DATABASE converted;");
    exported.and(detached)
}

/// Every table and its row count, in name order.
fn table_counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let n = conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            Ok((name, n))
        })
        .collect()
}

/// Opens the finished copy on its own connection and checks it against the journal; leaves
/// it in WAL mode, as a journal is, with nothing beside it.
fn check_copy(
    journal: &Connection,
    copy: &Path,
    to: Option<&Passphrase>,
) -> Result<(), JournalError> {
    let sqlite = |source| JournalError::Sqlite {
        path: copy.to_path_buf(),
        source,
    };
    let refused = |what: String| JournalError::Corrupt {
        path: copy.to_path_buf(),
        message: format!("the converted copy {what}; the journal is left as it was"),
    };
    let conn = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    if let Some(key) = to {
        super::cipher::apply_key(&conn, key).map_err(sqlite)?;
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(sqlite)?;
    if integrity != "ok" {
        return Err(refused(format!("fails its integrity check: {integrity}")));
    }
    let pragmas = "SELECT (SELECT user_version FROM pragma_user_version), \
                          (SELECT application_id FROM pragma_application_id)";
    let ids = |c: &Connection| c.query_row(pragmas, [], |r| Ok((r.get(0)?, r.get(1)?)));
    let (mine, theirs): ((i64, i64), (i64, i64)) =
        (ids(&conn).map_err(sqlite)?, ids(journal).map_err(sqlite)?);
    if mine != theirs {
        return Err(refused("has another schema version".into()));
    }
    if table_counts(&conn).map_err(sqlite)? != table_counts(journal).map_err(sqlite)? {
        return Err(refused("holds other numbers of records".into()));
    }
    let has_search: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'search_index'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )
        .map_err(sqlite)?;
    if has_search {
        conn.execute_batch("INSERT INTO search_index(search_index) VALUES ('integrity-check');")
            .map_err(|e| refused(format!("has a damaged search index: {e}")))?;
    }
    let _: String = conn
        .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
        .map_err(sqlite)?;
    conn.close().map_err(|(_, e)| sqlite(e))
}

/// Puts `copy` in the journal's place and overwrites the old bytes; see the module's steps
/// 3 to 5.
fn swap(
    journal: Journal,
    path: &Path,
    copy: &Path,
    old_name: &str,
) -> Result<Converted, JournalError> {
    let io = |action: &'static str, p: &Path| {
        let p = p.to_path_buf();
        move |source| JournalError::Io {
            action,
            path: p,
            source,
        }
    };
    let [wal, _] = super::access::companions(path);
    let old_file = unique(path, old_name);
    let old_wal = unique(path, &format!("{old_name}-log"));
    // A second name for the old bytes; where the file system has no hard links they are
    // overwritten through an open handle instead (a kill then leaves them unlinked).
    let linked = fs::hard_link(path, &old_file).is_ok();
    let handle = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io("open", path))?;
    crate::leftovers::hold(&handle);
    let wal_linked = wal.exists() && fs::hard_link(&wal, &old_wal).is_ok();
    let wal_handle = if wal_linked {
        fs::OpenOptions::new().write(true).open(&old_wal).ok()
    } else {
        None
    };
    if let Some(h) = &wal_handle {
        crate::leftovers::hold(h);
    }
    let unlink_names = || {
        if linked {
            let _ = fs::remove_file(&old_file);
        }
        if wal_linked {
            let _ = fs::remove_file(&old_wal);
        }
    };
    // Closing folds the log into the file and removes `-wal` and `-shm`.
    let conn = journal.conn;
    if let Err((_, e)) = conn.close() {
        unlink_names();
        return Err(JournalError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        });
    }
    if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        unlink_names();
        return Err(JournalError::Refused(format!(
            "{} was opened by another pi during the conversion; close it and try again",
            path.display()
        )));
    }
    // An empty log (or the shared-memory index, which holds no text) must not outlive the
    // file it belonged to.
    for side in super::access::companions(path) {
        let _ = fs::remove_file(side);
    }
    if let Err(e) = fs::rename(copy, path) {
        unlink_names();
        return Err(io("put the converted journal in place of", path)(e));
    }
    sync_dir(path);
    let mut done = Converted::default();
    let mut overwrite = |name: &Path, linked: bool, handle: Option<fs::File>| {
        let result = if linked {
            drop(handle);
            shred(name)
        } else {
            handle.map_or(Ok(()), zero_through)
        };
        if let Err(e) = result {
            done.not_overwritten
                .push((name.to_path_buf(), e.to_string()));
        }
    };
    overwrite(&old_file, linked, Some(handle));
    if wal_linked {
        overwrite(&old_wal, true, wal_handle);
    }
    Ok(done)
}

/// Zeroes a file through an open handle (its name already gone).
fn zero_through(mut file: fs::File) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(0))?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()
}

/// Removes a leftover of a conversion (or any leftover holding private text): overwritten
/// first when this is its only name, only unlinked when another name (the journal) still
/// leads to its bytes.
pub fn discard(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if fs::symlink_metadata(path)?.nlink() > 1 {
            return fs::remove_file(path);
        }
    }
    shred(path)
}

/// `base`, or `base-2`, `base-3` … when taken.
fn unique(beside: &Path, base: &str) -> PathBuf {
    let mut candidate = beside.with_file_name(base);
    let mut n = 1;
    while fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        candidate = beside.with_file_name(format!("{base}-{n}"));
    }
    candidate
}

fn companions_of(path: &Path) -> [PathBuf; 2] {
    super::access::companions(path)
}

/// Makes a rename durable: syncs the directory (best effort; not every system can).
fn sync_dir(path: &Path) {
    if let Ok(dir) = fs::File::open(crate::leftovers::journal_dir(path)) {
        let _ = dir.sync_all();
    }
}

/// The converted copy while it is made: private from its first byte, and held so that no
/// other pi takes it for a leftover.
struct Held {
    file: fs::File,
    path: PathBuf,
}

impl Held {
    fn create(path: &Path) -> Result<Self, JournalError> {
        create_private(path)?;
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|source| JournalError::Io {
                action: "create",
                path: path.to_path_buf(),
                source,
            })?;
        crate::leftovers::hold(&file);
        Ok(Self {
            file,
            path: path.to_path_buf(),
        })
    }

    fn sync(&self) -> Result<(), JournalError> {
        self.file.sync_all().map_err(|source| JournalError::Io {
            action: "sync",
            path: self.path.clone(),
            source,
        })
    }
}

/// The process id of another process that has the journal open, if one has: every SQLite
/// connection to a journal in WAL mode holds a shared lock on one byte of its `-shm` file
/// (the "dead man switch", offset 128) for as long as it is open. Asked with `F_GETLK`,
/// which reports the locks of other processes only and takes none.
#[cfg(unix)]
fn other_user(path: &Path) -> Option<i32> {
    use std::os::fd::AsRawFd;
    let [_, shm] = super::access::companions(path);
    let file = fs::OpenOptions::new().read(true).open(&shm).ok()?;
    // SAFETY: `flock` is plain data, all zeros is a valid value; F_GETLK only fills it in.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = 128;
    lock.l_len = 1;
    // SAFETY: a valid open descriptor and a pointer to a live `flock`.
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    (rc == 0 && lock.l_type != libc::F_UNLCK as libc::c_short).then_some(lock.l_pid)
}

#[cfg(not(unix))]
fn other_user(_path: &Path) -> Option<i32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
    }

    const MARKER: &[u8] = b"zebra-marker-7f3a";

    fn journal_with_marker(path: &Path) {
        let journal = Journal::open(path, OpenMode::Create, clock()).unwrap();
        journal
            .conn
            .execute_batch(&format!(
                "INSERT INTO sessions (id, kind, pack_id, pack_version, language, depth, prompt_count, started_at, status)
                 VALUES ('00000000000000000000000000000001', 'reflect', 'p', '1.0.0', 'en', 'quick', 1, '2026-11-23T10:00:00Z', 'finished');
                 INSERT INTO statements (id, text, created_at, session_id) VALUES
                 ('00000000000000000000000000000002', '{}', '2026-11-23T10:00:00Z', '00000000000000000000000000000001');",
                String::from_utf8_lossy(MARKER)
            ))
            .unwrap();
    }

    fn holds_marker(path: &Path) -> bool {
        fs::read(path).is_ok_and(|b| b.windows(MARKER.len()).any(|w| w == MARKER))
    }

    #[test]
    fn encrypt_then_decrypt_keeps_everything_and_leaves_no_plain_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        journal_with_marker(&path);
        let key = Passphrase::new("correct horse battery".into());
        let done = convert(&path, Direction::Encrypt, &key, clock()).unwrap();
        assert!(
            done.not_overwritten.is_empty(),
            "{:?}",
            done.not_overwritten
        );
        assert_eq!(kind_of(&path).unwrap(), FileKind::Encrypted);
        for entry in fs::read_dir(dir.path()).unwrap().flatten() {
            assert!(
                !holds_marker(&entry.path()),
                "{} holds the marker",
                entry.path().display()
            );
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing beside the journal"
        );
        assert!(matches!(
            Journal::open(&path, OpenMode::Existing, clock()),
            Err(JournalError::Encrypted { .. })
        ));
        let wrong = Passphrase::new("wrong horse".into());
        let before = fs::read(&path).unwrap();
        assert!(matches!(
            Journal::open_with(&path, OpenMode::Existing, clock(), Some(&wrong)),
            Err(JournalError::WrongPassphrase { .. })
        ));
        assert_eq!(fs::read(&path).unwrap(), before);
        {
            let j = Journal::open_with(&path, OpenMode::Existing, clock(), Some(&key)).unwrap();
            assert!(j.is_encrypted());
            assert_eq!(j.session_count().unwrap(), 1);
        }
        assert!(matches!(
            convert(&path, Direction::Encrypt, &key, clock()),
            Err(JournalError::Refused(_))
        ));
        assert!(matches!(
            convert(&path, Direction::Decrypt, &wrong, clock()),
            Err(JournalError::WrongPassphrase { .. })
        ));
        convert(&path, Direction::Decrypt, &key, clock()).unwrap();
        assert_eq!(kind_of(&path).unwrap(), FileKind::Plain);
        let j = Journal::open(&path, OpenMode::Existing, clock()).unwrap();
        assert_eq!(j.session_count().unwrap(), 1);
        assert!(holds_marker(&path), "decrypted, the text is plain again");
    }

    #[test]
    fn a_leftover_link_to_the_live_journal_is_only_unlinked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        journal_with_marker(&path);
        let link = dir.path().join(".journal.db.old-bytes-x");
        fs::hard_link(&path, &link).unwrap();
        discard(&link).unwrap();
        assert!(!link.exists());
        assert!(holds_marker(&path), "the journal itself is untouched");
        let alone = dir.path().join(".journal.db.old-bytes-y");
        fs::copy(&path, &alone).unwrap();
        discard(&alone).unwrap();
        assert!(!alone.exists());
    }

    #[test]
    fn this_process_is_not_another_pi() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        journal_with_marker(&path);
        // Our own locks never count: a journal open in this process is not "another pi".
        // (Another process holding it is tested with the real binary, tests/cli/encrypted.rs.)
        let _mine = Journal::open(&path, OpenMode::Existing, clock()).unwrap();
        assert_eq!(other_user(&path), None);
    }
}
