//! The friend's side: exports received from professional friends and the comments written
//! under them, in a store of their own (`friends.db` beside the journal). Someone else's
//! reflections are never mixed into one's own journal: they are read here, commented on
//! here, and go back as a reply.

use super::error::JournalError;
use crate::interchange::format::{Comment, GuideAnswer};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::fs;
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a friends store ("pi" 0x00 0x02), unlike a journal's.
const APPLICATION_ID: i64 = 0x7069_0002;

/// The store's migrations, append-only like the journal's.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/friends_0001_received_comments.sql"),
    include_str!("sql/friends_0002_guide_and_seal.sql"),
];

/// An export as it arrives.
#[derive(Debug, Clone)]
pub struct Received {
    /// The export's id: what the reply names.
    pub export_id: String,
    /// This user's name, signed under their comments.
    pub friend: String,
    /// What to call it in `pi friend list` (the file's name: the format has no title).
    pub title: String,
    /// The first session's start.
    pub first_at: Option<String>,
    /// The last session's start.
    pub last_at: Option<String>,
    /// How many sessions it holds.
    pub sessions: i64,
    /// When the owner wrote it.
    pub exported_at: String,
    /// The export's JSON.
    pub export: String,
    /// For an export that arrived encrypted: a short text sealed with the same passphrase,
    /// to check the reply's passphrase against (the passphrase is never kept).
    pub seal: Option<String>,
}

/// A received export as listed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReceivedSummary {
    /// The export's id.
    pub export_id: String,
    /// The name the comments are signed with.
    pub friend: String,
    /// Its title (the file's name).
    pub title: String,
    /// The first session's start.
    pub first_at: Option<String>,
    /// The last session's start.
    pub last_at: Option<String>,
    /// How many sessions it holds.
    pub sessions: i64,
    /// When the owner wrote it.
    pub exported_at: String,
    /// When it was first opened here.
    pub received_at: String,
    /// How many comments were written on it.
    pub comments: i64,
}

/// The friends store, open.
pub struct FriendStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for FriendStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FriendStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl FriendStore {
    /// Opens the store, creating it (0600, in a 0700 directory) when `create`; `None` when
    /// it does not exist and may not be created.
    pub fn open(path: &Path, create: bool) -> Result<Option<Self>, JournalError> {
        let existed = path.exists();
        if !existed {
            if !create {
                return Ok(None);
            }
            super::open::create_private(path)?;
        }
        let result = Self::open_existing(path);
        if result.is_err() && !existed {
            let _ = fs::remove_file(path);
        }
        result.map(Some)
    }

    fn open_existing(path: &Path) -> Result<Self, JournalError> {
        let sqlite = |source| JournalError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(sqlite)?;
        let not_ours = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => JournalError::Refused(format!(
                "{} is not a pi friends store (it is not an SQLite database)",
                path.display()
            )),
            _ => sqlite(e),
        };
        let app_id: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(not_ours)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(not_ours)?;
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0) {
            return Err(JournalError::Refused(format!(
                "{} is not a pi friends store",
                path.display()
            )));
        }
        if version > MIGRATIONS.len() as i64 {
            return Err(JournalError::Refused(format!(
                "{} was written by a newer pi; upgrade pi to open it",
                path.display()
            )));
        }
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        if version < MIGRATIONS.len() as i64 {
            let tx = conn.transaction().map_err(sqlite)?;
            for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(sql).map_err(sqlite)?;
                tx.pragma_update(None, "user_version", index as i64 + 1)
                    .map_err(sqlite)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(sqlite)?;
            tx.commit().map_err(sqlite)?;
        }
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn sqlite(&self, source: rusqlite::Error) -> JournalError {
        JournalError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Keeps an export; one already here is left as it is, apart from the name to sign with.
    /// True when it is new.
    pub fn receive(&mut self, r: &Received, now: &str) -> Result<bool, JournalError> {
        let added = self
            .conn
            .execute(
                "INSERT OR IGNORE INTO received (export_id, friend, title, first_at, last_at, \
                 sessions, exported_at, received_at, export, seal) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    r.export_id,
                    r.friend,
                    r.title,
                    r.first_at,
                    r.last_at,
                    r.sessions,
                    r.exported_at,
                    now,
                    r.export,
                    r.seal
                ],
            )
            .map_err(|e| self.sqlite(e))?;
        if added == 0 {
            self.conn
                .execute(
                    "UPDATE received SET friend = ?2, seal = coalesce(?3, seal) WHERE export_id = ?1",
                    params![r.export_id, r.friend, r.seal],
                )
                .map_err(|e| self.sqlite(e))?;
        }
        Ok(added == 1)
    }

    /// Every received export, the latest first, with how many comments each has.
    pub fn received(&self) -> Result<Vec<ReceivedSummary>, JournalError> {
        self.query_summaries("1 = 1", "")
    }

    /// The received export whose id starts with `prefix`.
    pub fn find(&self, prefix: &str) -> Result<ReceivedSummary, JournalError> {
        let wanted = prefix.trim().to_ascii_lowercase().replace('-', "");
        if wanted.is_empty() || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(JournalError::NotFound(format!(
                "'{prefix}' is not an export id (ids are hexadecimal, as `pi friend list` shows them)"
            )));
        }
        let found = self.query_summaries("r.export_id LIKE ?1 || '%'", &wanted)?;
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one")),
            0 => Err(JournalError::NotFound(format!(
                "no received export id starts with '{prefix}'; `pi friend list` shows them"
            ))),
            n => Err(JournalError::Ambiguous(format!(
                "'{prefix}' fits {n} received exports; type more of the id"
            ))),
        }
    }

    fn query_summaries(
        &self,
        filter: &str,
        param: &str,
    ) -> Result<Vec<ReceivedSummary>, JournalError> {
        let sql = format!(
            "SELECT r.export_id, r.friend, r.title, r.first_at, r.last_at, r.sessions, \
             r.exported_at, r.received_at, \
             (SELECT count(*) FROM comments c WHERE c.export_id = r.export_id) \
             FROM received r WHERE {filter} ORDER BY r.received_at DESC, r.rowid DESC"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let params: Vec<&str> = if param.is_empty() {
            vec![]
        } else {
            vec![param]
        };
        stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(ReceivedSummary {
                export_id: r.get(0)?,
                friend: r.get(1)?,
                title: r.get(2)?,
                first_at: r.get(3)?,
                last_at: r.get(4)?,
                sessions: r.get(5)?,
                exported_at: r.get(6)?,
                received_at: r.get(7)?,
                comments: r.get(8)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// The export's JSON as it was received.
    pub fn export_json(&self, export_id: &str) -> Result<String, JournalError> {
        self.conn
            .query_row(
                "SELECT export FROM received WHERE export_id = ?1",
                [export_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?
            .ok_or_else(|| JournalError::NotFound(format!("no received export {export_id}")))
    }

    /// Adds comments to an export, all or none; a comment identical to one already under the
    /// same record is not added twice. Returns how many were added.
    pub fn add_comments(
        &mut self,
        export_id: &str,
        comments: &[Comment],
    ) -> Result<usize, JournalError> {
        let path = self.path.clone();
        let sqlite = |source| JournalError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sqlite)?;
        let mut added = 0;
        for c in comments {
            added += tx
                .execute(
                    "INSERT INTO comments (id, export_id, target_kind, target_id, text, created_at) \
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM comments \
                     WHERE export_id = ?2 AND target_id = ?4 AND text = ?5)",
                    params![c.id, export_id, c.target_kind, c.target_id, c.text, c.created_at],
                )
                .map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(added)
    }

    /// The comments on an export, oldest first, as a reply carries them.
    pub fn comments(&self, export_id: &str) -> Result<Vec<Comment>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, target_kind, target_id, text, created_at FROM comments \
                 WHERE export_id = ?1 AND target_kind != 'guide' ORDER BY created_at, rowid",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([export_id], |r| {
            Ok(Comment {
                id: r.get(0)?,
                target_kind: r.get(1)?,
                target_id: r.get(2)?,
                text: r.get(3)?,
                created_at: r.get(4)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// The answers to the conversation guide and the owner's question, oldest first.
    pub fn guide_answers(&self, export_id: &str) -> Result<Vec<GuideAnswer>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, target_id, coalesce(question, ''), text, created_at FROM comments \
                 WHERE export_id = ?1 AND target_kind = 'guide' ORDER BY created_at, rowid",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([export_id], |r| {
            Ok(GuideAnswer {
                id: r.get(0)?,
                prompt_id: r.get(1)?,
                question: r.get(2)?,
                text: r.get(3)?,
                created_at: r.get(4)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// Keeps an answer to a guide question (or the owner's): it replaces an earlier one to
    /// the same question.
    pub fn answer_guide(&mut self, export_id: &str, a: &GuideAnswer) -> Result<(), JournalError> {
        let comment = Comment {
            id: a.id.clone(),
            target_kind: "guide".into(),
            target_id: a.prompt_id.clone(),
            text: a.text.clone(),
            created_at: a.created_at.clone(),
        };
        self.replace_latest(
            export_id,
            "guide",
            &a.prompt_id,
            Some((&comment, Some(&a.question))),
        )
        .map(drop)
    }

    /// Replaces the latest comment under one record (or guide question) with `new` (and the
    /// question it answers, for a guide answer), or removes it when `new` is `None`; all or
    /// nothing. True when there was one to replace.
    pub fn replace_latest(
        &mut self,
        export_id: &str,
        target_kind: &str,
        target_id: &str,
        new: Option<(&Comment, Option<&str>)>,
    ) -> Result<bool, JournalError> {
        let path = self.path.clone();
        let sqlite = |source| JournalError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sqlite)?;
        let removed = tx
            .execute(
                "DELETE FROM comments WHERE rowid = (SELECT rowid FROM comments \
                 WHERE export_id = ?1 AND target_kind = ?2 AND target_id = ?3 \
                 ORDER BY created_at DESC, rowid DESC LIMIT 1)",
                params![export_id, target_kind, target_id],
            )
            .map_err(sqlite)?;
        if let Some((c, question)) = new {
            tx.execute(
                "INSERT INTO comments (id, export_id, target_kind, target_id, question, text, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![c.id, export_id, c.target_kind, c.target_id, question, c.text, c.created_at],
            )
            .map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(removed == 1)
    }

    /// The seal of an export that arrived encrypted.
    pub fn seal(&self, export_id: &str) -> Result<Option<String>, JournalError> {
        self.conn
            .query_row(
                "SELECT seal FROM received WHERE export_id = ?1",
                [export_id],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.sqlite(e))
    }

    /// Forgets an export and every comment on it. Returns how many comments went with it.
    pub fn remove(&mut self, export_id: &str) -> Result<i64, JournalError> {
        let path = self.path.clone();
        let sqlite = |source| JournalError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sqlite)?;
        let comments = tx
            .execute("DELETE FROM comments WHERE export_id = ?1", [export_id])
            .map_err(sqlite)?;
        tx.execute("DELETE FROM received WHERE export_id = ?1", [export_id])
            .map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
        Ok(comments as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(id: &str) -> Received {
        Received {
            export_id: id.into(),
            friend: "Sam".into(),
            title: "export".into(),
            first_at: Some("2026-01-01T00:00:00.000Z".into()),
            last_at: Some("2026-02-01T00:00:00.000Z".into()),
            sessions: 2,
            exported_at: "2026-03-01T00:00:00.000Z".into(),
            export: "{}".into(),
            seal: None,
        }
    }

    #[test]
    fn keeps_exports_and_comments_apart_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/friends.db");
        let mut store = FriendStore::open(&path, true).unwrap().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let now = "2026-03-02T00:00:00.000Z";
        assert!(store.receive(&received("ab12"), now).unwrap());
        assert!(!store.receive(&received("ab12"), now).unwrap());
        let comment = Comment {
            id: "c1".into(),
            target_kind: "answer".into(),
            target_id: "a1".into(),
            text: "Why?".into(),
            created_at: now.into(),
        };
        let twice = [
            comment.clone(),
            Comment {
                id: "c2".into(),
                ..comment
            },
        ];
        assert_eq!(store.add_comments("ab12", &twice).unwrap(), 1);
        assert_eq!(store.find("AB").unwrap().comments, 1);
        assert!(matches!(store.find("cd"), Err(JournalError::NotFound(_))));
        assert_eq!(store.remove("ab12").unwrap(), 1);
        assert!(store.received().unwrap().is_empty());
        assert!(
            FriendStore::open(&dir.path().join("none.db"), false)
                .unwrap()
                .is_none()
        );
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn comments_are_replaced_or_removed_and_guide_answers_kept_apart() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = FriendStore::open(&dir.path().join("friends.db"), true)
            .unwrap()
            .unwrap();
        let r = Received {
            export_id: "ab12".into(),
            friend: "Sam".into(),
            title: "export".into(),
            first_at: None,
            last_at: None,
            sessions: 0,
            exported_at: "2026-03-01T00:00:00.000Z".into(),
            export: "{}".into(),
            seal: Some("sealed".into()),
        };
        store.receive(&r, "2026-03-02T00:00:00.000Z").unwrap();
        let c = |id: &str, text: &str| Comment {
            id: id.into(),
            target_kind: "commitment".into(),
            target_id: "c1".into(),
            text: text.into(),
            created_at: "2026-03-02T00:00:00.000Z".into(),
        };
        store
            .add_comments("ab12", &[c("1", "How did it go?")])
            .unwrap();
        assert!(
            store
                .replace_latest(
                    "ab12",
                    "commitment",
                    "c1",
                    Some((&c("2", "And now?"), None))
                )
                .unwrap()
        );
        let comments = store.comments("ab12").unwrap();
        assert_eq!(comments.len(), 1);
        assert_eq!(
            (comments[0].id.as_str(), comments[0].text.as_str()),
            ("2", "And now?")
        );
        let answer = |text: &str| GuideAnswer {
            id: format!("g-{text}"),
            prompt_id: "colour".into(),
            question: "Which colour?".into(),
            text: text.into(),
            created_at: "2026-03-02T00:00:00.000Z".into(),
        };
        store.answer_guide("ab12", &answer("Blue")).unwrap();
        store.answer_guide("ab12", &answer("Green")).unwrap();
        let guide = store.guide_answers("ab12").unwrap();
        assert_eq!(guide.len(), 1, "a new answer replaces the earlier one");
        assert_eq!(guide[0].question, "Which colour?");
        assert_eq!(
            store.comments("ab12").unwrap().len(),
            1,
            "guide answers are not comments"
        );
        assert!(
            store
                .replace_latest("ab12", "commitment", "c1", None)
                .unwrap()
        );
        assert!(store.comments("ab12").unwrap().is_empty());
        assert_eq!(store.seal("ab12").unwrap().as_deref(), Some("sealed"));
        assert_eq!(store.seal("cd34").unwrap(), None);
    }
}
