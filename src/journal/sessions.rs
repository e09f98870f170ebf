//! Sessions: one sitting each, with the packs it walks and its status.

use super::error::JournalError;
use super::open::Journal;
use crate::domain::{Depth, Language, Mode, SessionId};
use crate::packs::Pack;
use rusqlite::{OptionalExtension, Row, params};

/// What started a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    /// `pi reflect`.
    Reflect,
    /// `pi review`.
    Review,
    /// An entry brought in from another journaling tool (`pi import --from jrnl|dayone`).
    Journal,
}

impl SessionKind {
    /// The identifier stored in the journal.
    pub(crate) fn id(self) -> &'static str {
        match self {
            SessionKind::Reflect => "reflect",
            SessionKind::Review => "review",
            SessionKind::Journal => "journal",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "reflect" => Some(SessionKind::Reflect),
            "review" => Some(SessionKind::Review),
            "journal" => Some(SessionKind::Journal),
            _ => None,
        }
    }
}

/// Whether a session can still be resumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Started, not finished: `pi resume` continues it.
    InProgress,
    /// Every prompt was answered or skipped.
    Finished,
}

/// What a new session is.
#[derive(Debug)]
pub struct NewSession<'a> {
    /// What started it.
    pub kind: SessionKind,
    /// The mode, when it walks a mode pack.
    pub mode: Option<Mode>,
    /// The packs it walks, in order; the last is the session's main pack.
    pub packs: Vec<&'a Pack>,
    /// What it is about, e.g. a project's name (may be empty).
    pub context: String,
    /// The language of its packs.
    pub language: Language,
    /// Quick or deep.
    pub depth: Depth,
}

/// A session as stored, with how many prompts have an answer.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionRecord {
    /// Its id.
    pub id: SessionId,
    /// What started it.
    pub kind: SessionKind,
    /// Its mode, if any.
    pub mode: Option<Mode>,
    /// The main pack's id.
    pub pack_id: String,
    /// The main pack's version.
    pub pack_version: String,
    /// What it is about.
    pub context: String,
    /// Its language.
    pub language: Language,
    /// Quick or deep.
    pub depth: Depth,
    /// How many prompts it asks.
    pub prompt_count: i64,
    /// How many of those have an answer (skips not counted).
    pub answered: i64,
    /// When it began (RFC 3339, UTC).
    pub started_at: String,
    /// When it was finished.
    pub finished_at: Option<String>,
    /// In progress or finished.
    pub status: SessionStatus,
    /// Starred in the tool it was imported from (jrnl's `*`, Day One's star).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
}

const SESSION_COLUMNS: &str = "s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, \
    s.language, s.depth, s.prompt_count, s.started_at, s.finished_at, s.status, \
    s.answered, s.starred";

fn read_session(row: &Row<'_>) -> rusqlite::Result<Result<SessionRecord, String>> {
    let id: String = row.get(0)?;
    let kind: String = row.get(1)?;
    let mode: Option<String> = row.get(2)?;
    let language: String = row.get(6)?;
    let depth: String = row.get(7)?;
    let status: String = row.get(11)?;
    let build = || -> Result<SessionRecord, String> {
        Ok(SessionRecord {
            id: SessionId::parse(&id).ok_or_else(|| format!("session id '{id}' is not a UUID"))?,
            kind: SessionKind::parse(&kind)
                .ok_or_else(|| format!("unknown session kind '{kind}'"))?,
            mode: mode.as_deref().map(str::parse).transpose()?,
            pack_id: row.get(3).map_err(|e| e.to_string())?,
            pack_version: row.get(4).map_err(|e| e.to_string())?,
            context: row.get(5).map_err(|e| e.to_string())?,
            language: language.parse()?,
            depth: depth.parse()?,
            prompt_count: row.get(8).map_err(|e| e.to_string())?,
            answered: row.get(12).map_err(|e| e.to_string())?,
            started_at: row.get(9).map_err(|e| e.to_string())?,
            finished_at: row.get(10).map_err(|e| e.to_string())?,
            status: match status.as_str() {
                "in_progress" => SessionStatus::InProgress,
                "finished" => SessionStatus::Finished,
                other => return Err(format!("unknown session status '{other}'")),
            },
            starred: row.get(13).map_err(|e| e.to_string())?,
        })
    };
    Ok(build())
}

impl Journal {
    /// Starts a session: snapshots its packs and records it, in one transaction.
    pub fn create_session(&mut self, new: &NewSession<'_>) -> Result<SessionRecord, JournalError> {
        let main = new
            .packs
            .last()
            .ok_or_else(|| JournalError::Refused("a session needs at least one pack".into()))?;
        let id = SessionId::new();
        let now = self.clock.stamp();
        let prompt_count: usize = new
            .packs
            .iter()
            .map(|p| p.prompts_for(new.depth).count())
            .sum();
        let result: rusqlite::Result<()> = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            for pack in &new.packs {
                Journal::save_snapshot(&tx, pack, &now)?;
            }
            tx.execute(
                "INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, \
                 depth, prompt_count, started_at, status) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'in_progress')",
                params![
                    id.to_string(),
                    new.kind.id(),
                    new.mode.map(Mode::id),
                    main.id,
                    main.version.to_string(),
                    new.context,
                    new.language.code(),
                    new.depth.id(),
                    prompt_count as i64,
                    now
                ],
            )?;
            for (position, pack) in new.packs.iter().enumerate() {
                tx.execute(
                    "INSERT INTO session_packs (session_id, position, snapshot_hash) VALUES (?1, ?2, ?3)",
                    params![id.to_string(), position as i64, pack.hash],
                )?;
            }
            tx.commit()
        })();
        result.map_err(|e| self.sqlite(e))?;
        self.session(id)
    }

    /// Marks a session finished.
    pub fn finish_session(&mut self, id: SessionId) -> Result<(), JournalError> {
        let now = self.clock.stamp();
        self.conn
            .execute(
                "UPDATE sessions SET status = 'finished', finished_at = ?2 WHERE id = ?1 AND status = 'in_progress'",
                params![id.to_string(), now],
            )
            .map_err(|e| self.sqlite(e))?;
        Ok(())
    }

    /// One session by its full id.
    pub fn session(&self, id: SessionId) -> Result<SessionRecord, JournalError> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?1");
        let found = self
            .conn
            .query_row(&sql, [id.to_string()], read_session)
            .optional()
            .map_err(|e| self.sqlite(e))?;
        match found {
            Some(record) => record.map_err(|m| self.corrupt(m)),
            None => Err(JournalError::NotFound(format!("no session with id {id}"))),
        }
    }

    /// The session whose id starts with `prefix` (as shown by `pi list`).
    pub fn find_session(&self, prefix: &str) -> Result<SessionRecord, JournalError> {
        let wanted: String = prefix.trim().to_ascii_lowercase().replace('-', "");
        if wanted.is_empty() || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(JournalError::NotFound(format!(
                "'{prefix}' is not a session id (ids are hexadecimal, as `pi list` shows them)"
            )));
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM sessions WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 6")
            .map_err(|e| self.sqlite(e))?;
        let ids: Vec<String> = stmt
            .query_map(params![wanted, format!("{wanted}g")], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        match ids.as_slice() {
            [] => Err(JournalError::NotFound(format!(
                "no session id starts with '{prefix}'; `pi list` shows the ids"
            ))),
            [one] => {
                let id = SessionId::parse(one).ok_or_else(|| self.corrupt("bad session id"))?;
                self.session(id)
            }
            many => Err(JournalError::Ambiguous(format!(
                "'{prefix}' fits {} sessions ({}); type more of the id",
                if many.len() > 5 {
                    "more than five".to_string()
                } else {
                    many.len().to_string()
                },
                many.iter()
                    .take(5)
                    .map(|i| &i[..12])
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// Sessions, newest first; `limit` caps how many.
    pub fn sessions(&self, limit: Option<usize>) -> Result<Vec<SessionRecord>, JournalError> {
        self.sessions_starred(limit, false)
    }

    /// The latest sessions, newest first; only starred ones when `starred_only`.
    pub fn sessions_starred(
        &self,
        limit: Option<usize>,
        starred_only: bool,
    ) -> Result<Vec<SessionRecord>, JournalError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE (?2 = 0 OR s.starred = 1) \
             ORDER BY s.started_at DESC, s.rowid DESC LIMIT ?1"
        );
        let limit = limit.map_or(-1, |l| l as i64);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let rows: Vec<Result<SessionRecord, String>> = stmt
            .query_map(params![limit, starred_only], read_session)
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|r| r.map_err(|m| self.corrupt(m)))
            .collect()
    }

    /// Sessions that started in `[from, to)`, oldest first.
    pub fn sessions_between(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<SessionRecord>, JournalError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.started_at >= ?1 AND s.started_at < ?2 \
             ORDER BY s.started_at, s.rowid"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let rows: Vec<Result<SessionRecord, String>> = stmt
            .query_map(params![from, to], read_session)
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|r| r.map_err(|m| self.corrupt(m)))
            .collect()
    }

    /// The latest finished session of a kind (e.g. the last review) that started before
    /// `before` (an RFC 3339 stamp), if any.
    pub fn latest_finished(
        &self,
        kind: SessionKind,
        before: &str,
    ) -> Result<Option<SessionRecord>, JournalError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.kind = ?1 AND s.status = 'finished' \
             AND s.started_at < ?2 ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1"
        );
        let found = self
            .conn
            .query_row(&sql, params![kind.id(), before], read_session)
            .optional()
            .map_err(|e| self.sqlite(e))?;
        found.transpose().map_err(|m| self.corrupt(m))
    }

    /// How many sessions the journal holds: a number triggers keep (migration 0007), so
    /// `pi list --limit 10` does not count every session to say "10 of 10,004".
    pub fn session_count(&self) -> Result<usize, JournalError> {
        self.conn
            .query_row("SELECT sessions FROM session_count", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as usize)
            .map_err(|e| self.sqlite(e))
    }

    /// The most recent session still in progress, if any.
    pub fn latest_in_progress(&self) -> Result<Option<SessionRecord>, JournalError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.status = 'in_progress' \
             ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1"
        );
        let found = self
            .conn
            .query_row(&sql, [], read_session)
            .optional()
            .map_err(|e| self.sqlite(e))?;
        found.transpose().map_err(|m| self.corrupt(m))
    }

    /// The packs a session walks, in order, exactly as they were when it started.
    pub fn session_packs(&self, id: SessionId) -> Result<Vec<Pack>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT snapshot_hash FROM session_packs WHERE session_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.sqlite(e))?;
        let hashes: Vec<String> = stmt
            .query_map([id.to_string()], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        hashes.iter().map(|h| self.snapshot(h)).collect()
    }
}
