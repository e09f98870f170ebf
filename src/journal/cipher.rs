//! A journal encrypted at rest (SQLCipher): the passphrase, telling an encrypted file from a
//! plain one by its first bytes, keying a connection, and overwriting a plaintext file before
//! it is removed.
//!
//! An encrypted journal has no readable header: its first 16 bytes are a random salt and the
//! rest of every page is ciphertext. So it is recognised by what it lacks (the SQLite magic)
//! and by what it has (bytes that look random, in whole pages); a text file or a short file
//! is still "not an SQLite database".

use rusqlite::Connection;
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Once;
use zeroize::Zeroizing;

/// The passphrase of an encrypted journal. It is never printed (its `Debug` hides it) and is
/// wiped from memory when dropped.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase given by a person or by `PI_JOURNAL_PASSPHRASE`.
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    /// The passphrase itself, for SQLCipher.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file there.
    Missing,
    /// A file of no bytes: a journal about to be made.
    Empty,
    /// A plain SQLite database.
    Plain,
    /// Whole pages of random-looking bytes: an SQLCipher database.
    Encrypted,
    /// Anything else (text, another format, a cut-off header).
    Other,
}

/// The SQLite file header's first 16 bytes.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Looks at the first bytes of `path` (never more than 1 KiB).
pub fn kind_of(path: &Path) -> std::io::Result<FileKind> {
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut head = Vec::with_capacity(1024);
    Read::by_ref(&mut file).take(1024).read_to_end(&mut head)?;
    Ok(classify(&head, len))
}

/// Classifies a file by its first bytes (`head`, up to 1 KiB) and its length.
pub(crate) fn classify(head: &[u8], len: u64) -> FileKind {
    if len == 0 {
        FileKind::Empty
    } else if head.starts_with(MAGIC) {
        FileKind::Plain
    } else if looks_encrypted(head, len) {
        FileKind::Encrypted
    } else {
        FileKind::Other
    }
}

/// Whether bytes without the SQLite magic look like an SQLCipher file: at least one whole
/// 512-byte unit, and a first stretch in which nearly every byte value occurs, as in random
/// data (512 random bytes hold about 220 distinct values; text holds fewer than 100).
fn looks_encrypted(head: &[u8], len: u64) -> bool {
    if len < 512 || !len.is_multiple_of(512) || head.len() < 512 {
        return false;
    }
    let mut seen = [false; 256];
    for &b in &head[..512] {
        seen[usize::from(b)] = true;
    }
    seen.iter().filter(|&&s| s).count() >= 160
}

/// Keys a fresh connection: must be its first statement. SQLCipher's own log (which would
/// print to stderr on a wrong passphrase) is silenced first: pi reports errors itself.
pub(crate) fn apply_key(conn: &Connection, key: &Passphrase) -> rusqlite::Result<()> {
    silence_log();
    conn.pragma_update(None, "key", key.as_str())
}

/// Turns SQLCipher's logging (to stderr by default) off for the process, once.
fn silence_log() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if let Ok(conn) = Connection::open_in_memory() {
            let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
        }
    });
}

/// Overwrites `path` with zeros (its whole length, synced to disk), then removes it: a
/// plaintext journal or copy leaves no readable pages in the file system's free space, as far
/// as the disk allows (an SSD or a copy-on-write file system may keep older blocks).
pub fn shred(path: &Path) -> std::io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.is_file() {
        let mut file = fs::OpenOptions::new().write(true).open(path)?;
        let zeros = vec![0u8; 64 * 1024];
        let mut left = meta.len();
        file.seek(SeekFrom::Start(0))?;
        while left > 0 {
            let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
            file.write_all(&zeros[..n])?;
            left -= n as u64;
        }
        file.sync_all()?;
    }
    fs::remove_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_encrypted_and_other_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        Connection::open(&plain)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('hello');")
            .unwrap();
        assert_eq!(kind_of(&plain).unwrap(), FileKind::Plain);

        let secret = dir.path().join("secret.db");
        let conn = Connection::open(&secret).unwrap();
        apply_key(&conn, &Passphrase::new("a good passphrase".into())).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('hello');")
            .unwrap();
        drop(conn);
        assert_eq!(kind_of(&secret).unwrap(), FileKind::Encrypted);

        let text = dir.path().join("notes.txt");
        fs::write(&text, "notes, not a journal\n".repeat(200)).unwrap();
        assert_eq!(kind_of(&text).unwrap(), FileKind::Other);
        // Whole pages of text are still text.
        fs::write(&text, "x".repeat(4096)).unwrap();
        assert_eq!(kind_of(&text).unwrap(), FileKind::Other);
        let empty = dir.path().join("empty.db");
        fs::write(&empty, "").unwrap();
        assert_eq!(kind_of(&empty).unwrap(), FileKind::Empty);
        assert_eq!(
            kind_of(&dir.path().join("none.db")).unwrap(),
            FileKind::Missing
        );
    }

    #[test]
    fn a_wrong_passphrase_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.db");
        let conn = Connection::open(&path).unwrap();
        apply_key(&conn, &Passphrase::new("right one".into())).unwrap();
        conn.execute_batch("CREATE TABLE t (x);").unwrap();
        drop(conn);
        let conn = Connection::open(&path).unwrap();
        apply_key(&conn, &Passphrase::new("wrong one".into())).unwrap();
        let err = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_err();
        assert_eq!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase)
        );
    }

    #[test]
    fn shred_zeroes_then_removes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        fs::write(&path, "private text ".repeat(10_000)).unwrap();
        shred(&path).unwrap();
        assert!(!path.exists());
    }

    fn clock() -> crate::clock::Clock {
        crate::clock::Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
    }

    /// Migration backups, `pi backup` copies and restores of an encrypted journal are
    /// encrypted, with the same passphrase; the search index (FTS5) works in them.
    #[test]
    fn copies_of_an_encrypted_journal_stay_encrypted() {
        use crate::journal::maintenance::{inspect_copy_keyed, restore_with};
        use crate::journal::{Journal, JournalError, LATEST_VERSION, OpenMode};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let key = Passphrase::new("a good passphrase".into());
        {
            let mut conn = Connection::open(&path).unwrap();
            apply_key(&conn, &key).unwrap();
            super::super::migrations::migrate_to(&mut conn, LATEST_VERSION - 1).unwrap();
        }
        assert_eq!(kind_of(&path).unwrap(), FileKind::Encrypted);
        let journal = Journal::open_with(&path, OpenMode::Existing, clock(), Some(&key)).unwrap();
        assert_eq!(journal.schema_version().unwrap(), LATEST_VERSION);
        let before = journal.migration_backup().unwrap().to_path_buf();
        assert_eq!(kind_of(&before).unwrap(), FileKind::Encrypted);
        let found = inspect_copy_keyed(&before, Some(&key)).unwrap();
        assert!(found.is_intact() && found.encrypted);
        assert_eq!(found.schema_version, LATEST_VERSION - 1);

        let copy = dir.path().join("copy.db");
        journal.backup_to(&copy).unwrap();
        drop(journal);
        assert_eq!(kind_of(&copy).unwrap(), FileKind::Encrypted);
        let found = inspect_copy_keyed(&copy, Some(&key)).unwrap();
        assert!(found.is_intact() && found.encrypted);
        assert!(matches!(
            inspect_copy_keyed(&copy, None),
            Err(JournalError::Encrypted { .. })
        ));
        let conn = Connection::open(&copy).unwrap();
        apply_key(&conn, &key).unwrap();
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_index WHERE search_index MATCH 'anything'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 0);
        drop(conn);

        restore_with(&path, &copy, clock(), Some(&key)).unwrap();
        assert_eq!(kind_of(&path).unwrap(), FileKind::Encrypted);
        let wrong = Passphrase::new("not the one".into());
        assert!(matches!(
            restore_with(&path, &copy, clock(), Some(&wrong)),
            Err(JournalError::WrongPassphrase { .. })
        ));
    }

    #[test]
    fn the_passphrase_is_never_printed() {
        let p = Passphrase::new("do not show me".into());
        assert!(!format!("{p:?}").contains("show"));
    }
}
