//! A glance into a journal for shell completion: strictly read-only, never creating, migrating
//! or locking anything, and quick enough to run on every key press.
//!
//! [`Journal::open`](super::Journal::open) may create a journal, migrate it and leave `-wal`
//! and `-shm` files behind; a completion must do none of that. So a [`Peek`] opens the file
//! with SQLite's `immutable` flag when no other `pi` has it open (no `-wal` file beside it):
//! SQLite then reads the file as it is and creates nothing. When a `-wal` file is there, the
//! answers still in it are needed too, and a plain read-only connection reads them through
//! the companions that already exist.

use super::error::JournalError;
use super::migrations::APPLICATION_ID;
use rusqlite::{Connection, OpenFlags, params};
use std::path::{Path, PathBuf};

/// A read-only connection to a journal, for completion candidates.
pub struct Peek {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Peek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Peek")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Which sessions a completion offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionScope {
    /// Every session (`pi show`, `pi diff`, `pi export`).
    All,
    /// Sessions not finished yet (`pi resume`).
    Paused,
    /// Review sessions (`pi review --session`).
    Reviews,
}

/// What a completion shows of one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionGlance {
    /// The full id, 32 hexadecimal digits.
    pub id: String,
    /// When it started (RFC 3339, UTC).
    pub started_at: String,
    /// Its mode (`verkennen`, …), when it has one.
    pub mode: Option<String>,
    /// The pack it walked first when it has no mode (a review, a pack of one's own).
    pub pack_id: String,
    /// What it was about; may be empty.
    pub context: String,
    /// Whether it is still waiting to be finished.
    pub paused: bool,
}

/// A prompt the journal holds answers to, with the latest wording of its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptGlance {
    /// The prompt's id.
    pub id: String,
    /// The question as it was last asked.
    pub question: String,
}

/// One pack version the journal keeps a snapshot of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackGlance {
    /// The pack's id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its language code.
    pub language: String,
}

/// At most this many candidates of one kind: more would only slow the shell down.
const MAX_CANDIDATES: i64 = 10_000;

impl Peek {
    /// Opens the journal at `path` for reading; `None` when there is no journal there (a
    /// completion then simply offers nothing). Creates no file, whatever happens.
    pub fn open(path: &Path) -> Result<Option<Self>, JournalError> {
        Self::open_with(path, None)
    }

    /// As [`Peek::open`], with the passphrase of an encrypted journal. Without one, an
    /// encrypted journal is an error (a completion then offers no ids); nothing ever asks.
    pub fn open_with(
        path: &Path,
        key: Option<&super::cipher::Passphrase>,
    ) -> Result<Option<Self>, JournalError> {
        let sqlite = |source| JournalError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() && meta.len() > 0 => {}
            _ => return Ok(None),
        }
        // A plain journal is read as it is, whatever passphrase is around.
        let key = key.filter(|_| {
            super::cipher::kind_of(path).ok() == Some(super::cipher::FileKind::Encrypted)
        });
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        let uri = format!(
            "file:{}?{}",
            uri_path(path),
            if wal.exists() {
                "mode=ro"
            } else {
                "immutable=1"
            }
        );
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&uri, flags).map_err(sqlite)?;
        if let Some(key) = key {
            super::cipher::apply_key(&conn, key).map_err(sqlite)?;
        }
        conn.busy_timeout(std::time::Duration::from_millis(50))
            .map_err(sqlite)?;
        // Reading through the page cache instead of copying every page: a completion touches
        // pages all over a large journal and is gone a moment later.
        conn.pragma_update(None, "mmap_size", 1_i64 << 30)
            .map_err(sqlite)?;
        let (app_id, version): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id), \
                        (SELECT user_version FROM pragma_user_version)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(sqlite)?;
        if app_id != APPLICATION_ID || version < 1 {
            return Err(JournalError::NotPiJournal {
                path: path.to_path_buf(),
            });
        }
        Ok(Some(Self {
            conn,
            path: path.to_path_buf(),
        }))
    }

    fn sqlite(&self, source: rusqlite::Error) -> JournalError {
        JournalError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// The newest `limit` sessions in `scope` whose id starts with `prefix` (lowercase
    /// hexadecimal), newest first. With no prefix the walk follows the start-time indexes and
    /// stops at `limit`; with one it reads the id range and sorts that.
    pub fn sessions(
        &self,
        prefix: &str,
        scope: SessionScope,
        limit: usize,
    ) -> Result<Vec<SessionGlance>, JournalError> {
        let filter = match scope {
            SessionScope::All => "",
            SessionScope::Paused => "AND status = 'in_progress'",
            SessionScope::Reviews => "AND kind = 'review'",
        };
        let limit = i64::try_from(limit)
            .unwrap_or(MAX_CANDIDATES)
            .min(MAX_CANDIDATES);
        let row = |r: &rusqlite::Row<'_>| {
            Ok(SessionGlance {
                id: r.get(0)?,
                started_at: r.get(1)?,
                mode: r.get(2)?,
                pack_id: r.get(3)?,
                context: r.get(4)?,
                paused: r.get::<_, String>(5)? == "in_progress",
            })
        };
        const COLUMNS: &str = "SELECT id, started_at, mode, pack_id, context, status FROM sessions";
        let found = if prefix.is_empty() {
            let sql = format!("{COLUMNS} WHERE 1 {filter} ORDER BY started_at DESC LIMIT ?1");
            let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
            stmt.query_map([limit], row).and_then(Iterator::collect)
        } else {
            let sql = format!(
                "{COLUMNS} WHERE id >= ?1 AND id < ?2 {filter} ORDER BY started_at DESC LIMIT ?3"
            );
            let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
            stmt.query_map(params![prefix, upper(prefix), limit], row)
                .and_then(Iterator::collect)
        };
        found.map_err(|e| self.sqlite(e))
    }

    /// Every session id that starts with `prefix` (not empty), in id order: one walk of the
    /// id index, cheaper than asking [`Peek::neighbours`] for each of many candidates.
    pub fn session_ids(&self, prefix: &str) -> Result<Vec<String>, JournalError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM sessions WHERE id >= ?1 AND id < ?2 ORDER BY id")
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map(params![prefix, upper(prefix)], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))
    }

    /// The session ids just before and just after `id` in id order, whatever their scope:
    /// what a shortened id must stay unambiguous against.
    pub fn neighbours(&self, id: &str) -> Result<(Option<String>, Option<String>), JournalError> {
        self.conn
            .prepare_cached(
                "SELECT (SELECT max(id) FROM sessions WHERE id < ?1), \
                        (SELECT min(id) FROM sessions WHERE id > ?1)",
            )
            .and_then(|mut stmt| stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(|e| self.sqlite(e))
    }

    /// The prompts with answers whose id starts with `prefix`, in id order, each with the
    /// question as last asked. Jumps from one distinct id to the next along the
    /// `answers_by_prompt` index, so it costs a step per prompt, not per answer.
    pub fn prompts(&self, prefix: &str) -> Result<Vec<PromptGlance>, JournalError> {
        const SQL: &str = "\
WITH RECURSIVE p(id) AS (
    SELECT (SELECT min(prompt_id) FROM answers WHERE prompt_id >= ?1)
    UNION ALL
    SELECT (SELECT min(prompt_id) FROM answers WHERE prompt_id > p.id) FROM p
    WHERE p.id IS NOT NULL AND p.id < ?2
)
SELECT id, (SELECT prompt_text FROM answers WHERE prompt_id = p.id ORDER BY rowid DESC LIMIT 1)
FROM p WHERE id IS NOT NULL AND id < ?2 LIMIT ?3";
        let mut stmt = self.conn.prepare(SQL).map_err(|e| self.sqlite(e))?;
        stmt.query_map(params![prefix, upper(prefix), MAX_CANDIDATES], |r| {
            Ok(PromptGlance {
                id: r.get(0)?,
                question: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// Every pack version the journal keeps a snapshot of, by id, language and version.
    pub fn packs(&self) -> Result<Vec<PackGlance>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT pack_id, version, language FROM pack_snapshots \
                 ORDER BY pack_id, language, version LIMIT ?1",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([MAX_CANDIDATES], |r| {
            Ok(PackGlance {
                id: r.get(0)?,
                version: r.get(1)?,
                language: r.get(2)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }
}

/// The smallest text above every text that starts with `prefix` (for an index range).
fn upper(prefix: &str) -> String {
    format!("{prefix}\u{10ffff}")
}

/// `path` percent-encoded for an SQLite `file:` URI: every byte but unreserved ones and `/`.
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::with_capacity(bytes.len() + 8);
    #[cfg(not(unix))]
    if bytes.get(1) == Some(&b':') {
        // A drive letter: file:///C:/…
        out.push('/');
    }
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::journal::{Journal, OpenMode};

    fn clock() -> Clock {
        Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_missing_journal_is_none_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/journal.db");
        assert!(Peek::open(&path).unwrap().is_none());
        assert!(Peek::open(dir.path()).unwrap().is_none(), "a directory");
        assert!(listing(dir.path()).is_empty());
    }

    #[test]
    fn reading_leaves_the_directory_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("my journal?#%.db");
        drop(Journal::open(&path, OpenMode::Create, clock()).unwrap());
        let before = listing(dir.path());
        let bytes = std::fs::read(&path).unwrap();
        let peek = Peek::open(&path).unwrap().unwrap();
        assert!(peek.sessions("", SessionScope::All, 10).unwrap().is_empty());
        assert!(peek.prompts("").unwrap().is_empty());
        drop(peek);
        assert_eq!(listing(dir.path()), before);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn another_program_s_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE sessions (id TEXT);")
            .unwrap();
        assert!(matches!(
            Peek::open(&path),
            Err(JournalError::NotPiJournal { .. })
        ));
    }

    #[test]
    fn uri_paths_escape_what_sqlite_would_read_as_syntax() {
        assert_eq!(
            uri_path(Path::new("/tmp/a b/j?x#y%.db")),
            "/tmp/a%20b/j%3Fx%23y%25.db"
        );
    }
}
