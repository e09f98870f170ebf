//! Statements: short sentences about one's professional identity, each with a history of
//! events (written, kept, let go, restored, revised). A revision is a new statement that
//! links to the one it replaces; nothing is deleted but by `pi forget` (see `forget.rs`).

use super::error::JournalError;
use super::open::Journal;
use crate::domain::{SessionId, StatementId};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// What happened to a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementEventKind {
    /// First written.
    Written,
    /// Looked at during a tidy walk and kept.
    Kept,
    /// Let go: no longer part of the current set.
    LetGo,
    /// Taken back after being let go.
    Restored,
    /// Replaced by a new wording.
    Revised,
}

impl StatementEventKind {
    /// The identifier stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            Self::Written => "written",
            Self::Kept => "kept",
            Self::LetGo => "let_go",
            Self::Restored => "restored",
            Self::Revised => "revised",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "written" => Self::Written,
            "kept" => Self::Kept,
            "let_go" => Self::LetGo,
            "restored" => Self::Restored,
            "revised" => Self::Revised,
            _ => return None,
        })
    }
}

/// Where a statement stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementState {
    /// Part of the current set.
    Current,
    /// Let go (and may be restored).
    LetGo,
    /// Replaced by a newer wording.
    Revised,
}

/// One event in a statement's life.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementEvent {
    /// What happened.
    pub kind: StatementEventKind,
    /// In which session, if any.
    pub session_id: Option<SessionId>,
    /// When.
    pub at: String,
}

/// A statement with its history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementRecord {
    /// This wording's id.
    pub id: StatementId,
    /// The wording.
    pub text: String,
    /// The wording it revised.
    pub replaces: Option<StatementId>,
    /// When it was written.
    pub created_at: String,
    /// Oldest first.
    pub events: Vec<StatementEvent>,
}

impl StatementRecord {
    /// Its state, from its last event.
    pub fn state(&self) -> StatementState {
        match self.events.last().map(|e| e.kind) {
            Some(StatementEventKind::LetGo) => StatementState::LetGo,
            Some(StatementEventKind::Revised) => StatementState::Revised,
            _ => StatementState::Current,
        }
    }

    /// Whether a tidy walk in `session` already decided about it.
    pub fn decided_in(&self, session: SessionId) -> bool {
        self.events
            .iter()
            .any(|e| e.session_id == Some(session) && e.kind != StatementEventKind::Written)
    }
}

/// A decision in the tidy walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TidyDecision {
    /// Keep it as it is.
    Keep,
    /// Let it go.
    LetGo,
    /// Take it back (only for one let go earlier).
    Restore,
    /// Replace it with a new wording.
    Revise(String),
}

impl Journal {
    pub(crate) fn insert_statement(
        conn: &Connection,
        session: SessionId,
        text: &str,
        replaces: Option<StatementId>,
        now: &str,
    ) -> rusqlite::Result<StatementId> {
        insert_wording(conn, Some(session), text, replaces, now)
    }

    /// Re-words a statement outside a tidy walk (`pi edit --statement`): the old wording is
    /// marked revised and a new one, written in no session, replaces it, atomically. Only
    /// the newest wording can be re-worded; a statement let go can be, as in a tidy walk.
    pub fn reword_statement(
        &mut self,
        statement: StatementId,
        text: &str,
    ) -> Result<StatementId, JournalError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(JournalError::Refused(
                "the new wording is empty; to remove a statement, use `pi forget --statement`"
                    .into(),
            ));
        }
        let now = self.clock.stamp();
        let path = self.path.clone();
        let sqlite = |source| JournalError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let newer: Option<String> = tx
            .query_row(
                "SELECT id FROM statements WHERE replaces = ?1",
                [statement.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(sqlite)?;
        if let Some(newer) = newer {
            return Err(JournalError::Refused(format!(
                "statement {} was re-worded already; re-word its newest wording, {}",
                statement.short(),
                &newer[..8.min(newer.len())]
            )));
        }
        let last: Option<String> = tx
            .query_row(
                "SELECT event FROM statement_events WHERE statement_id = ?1 \
                 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                [statement.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(sqlite)?;
        if last.as_deref() == Some("revised") {
            return Err(JournalError::Refused(format!(
                "statement {} was re-worded already; `pi statements --all` shows its newest wording",
                statement.short()
            )));
        }
        insert_event(&tx, statement, None, StatementEventKind::Revised, &now).map_err(sqlite)?;
        let id = insert_wording(&tx, None, text, Some(statement), &now).map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
        Ok(id)
    }

    /// Every statement ever written, oldest first, with its events.
    pub fn statements(&self) -> Result<Vec<StatementRecord>, JournalError> {
        self.load_statements("WITH chosen(id) AS (SELECT id FROM statements)", params![])
    }

    /// The statements first written in one session (what `pi show` lists under it).
    pub fn statements_of_session(
        &self,
        session: SessionId,
    ) -> Result<Vec<StatementRecord>, JournalError> {
        self.load_statements(
            "WITH chosen(id) AS (SELECT id FROM statements WHERE session_id = ?1)",
            params![session.to_string()],
        )
    }

    /// A wording and every wording that revised it after, oldest first: what became of a
    /// statement written in a session (`pi show`).
    pub fn statement_chain(&self, id: StatementId) -> Result<Vec<StatementRecord>, JournalError> {
        self.load_statements(
            "WITH RECURSIVE fwd(id) AS (SELECT ?1 UNION \
             SELECT s.id FROM statements s JOIN fwd ON s.replaces = fwd.id), \
             chosen(id) AS (SELECT id FROM fwd)",
            params![id.to_string()],
        )
    }

    /// The statements with an event in `[from, until]` (no end when `until` is `None`), with
    /// all their events, and the wordings that revised them, oldest first: what `pi diff`
    /// reports between two sessions, without reading every statement of a long journal.
    pub fn statements_touched_between(
        &self,
        from: &str,
        until: Option<&str>,
    ) -> Result<Vec<StatementRecord>, JournalError> {
        self.load_statements(
            "WITH touched(id) AS (SELECT statement_id FROM statement_events \
             WHERE created_at >= ?1 AND (?2 IS NULL OR created_at <= ?2)), \
             chosen(id) AS (SELECT id FROM statements \
             WHERE id IN touched OR replaces IN touched)",
            params![from, until],
        )
    }

    /// Loads the statements a `chosen(id)` CTE names, with their events, oldest first.
    fn load_statements(
        &self,
        chosen: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<StatementRecord>, JournalError> {
        let mut events: HashMap<String, Vec<StatementEvent>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(&format!(
                    "{chosen} SELECT statement_id, event, session_id, created_at \
                     FROM statement_events WHERE statement_id IN chosen ORDER BY created_at, rowid"
                ))
                .map_err(|e| self.sqlite(e))?;
            let rows: Vec<(String, String, Option<String>, String)> = stmt
                .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .and_then(Iterator::collect)
                .map_err(|e| self.sqlite(e))?;
            for (sid, kind, session, at) in rows {
                let kind = StatementEventKind::parse(&kind)
                    .ok_or_else(|| self.corrupt(format!("unknown statement event '{kind}'")))?;
                events.entry(sid).or_default().push(StatementEvent {
                    kind,
                    session_id: session.as_deref().and_then(SessionId::parse),
                    at,
                });
            }
        }
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{chosen} SELECT id, text, replaces, created_at FROM statements \
                 WHERE id IN chosen ORDER BY created_at, rowid"
            ))
            .map_err(|e| self.sqlite(e))?;
        let rows: Vec<(String, String, Option<String>, String)> = stmt
            .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|(id, text, replaces, created_at)| {
                Ok(StatementRecord {
                    id: StatementId::parse(&id).ok_or_else(|| {
                        self.corrupt(format!("statement id '{id}' is not a UUID"))
                    })?,
                    text,
                    replaces: replaces.as_deref().and_then(StatementId::parse),
                    created_at,
                    events: events.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The statement whose id starts with `prefix`.
    pub fn find_statement(&self, prefix: &str) -> Result<StatementRecord, JournalError> {
        let wanted = prefix.trim().to_ascii_lowercase();
        let matches: Vec<StatementRecord> = self
            .statements()?
            .into_iter()
            .filter(|s| !wanted.is_empty() && s.id.to_string().starts_with(&wanted))
            .collect();
        match matches.len() {
            1 => Ok(matches.into_iter().next().expect("one")),
            0 => Err(JournalError::NotFound(format!(
                "no statement id starts with '{prefix}'; `pi statements --all` shows the ids"
            ))),
            n => Err(JournalError::Ambiguous(format!(
                "'{prefix}' fits {n} statements; type more of the id"
            ))),
        }
    }

    /// Records a tidy-walk decision about one statement in `session`, atomically.
    pub fn tidy_statement(
        &mut self,
        session: SessionId,
        statement: StatementId,
        decision: &TidyDecision,
    ) -> Result<Option<StatementId>, JournalError> {
        let state: Option<String> = self
            .conn
            .query_row(
                "SELECT event FROM statement_events WHERE statement_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                [statement.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        let state = state.ok_or_else(|| {
            JournalError::NotFound(format!("no statement with id {}", statement.short()))
        })?;
        let let_go = state == "let_go";
        if state == "revised" {
            return Err(JournalError::Refused(format!(
                "statement {} was revised already; tidy its newest wording",
                statement.short()
            )));
        }
        match decision {
            TidyDecision::Restore if !let_go => {
                return Err(JournalError::Refused(format!(
                    "statement {} is current; only a statement that was let go can be restored",
                    statement.short()
                )));
            }
            TidyDecision::Keep | TidyDecision::LetGo if let_go => {
                return Err(JournalError::Refused(format!(
                    "statement {} was let go earlier; it can be restored or revised",
                    statement.short()
                )));
            }
            _ => {}
        }
        let now = self.clock.stamp();
        let result: rusqlite::Result<Option<StatementId>> = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let new = match decision {
                TidyDecision::Keep => {
                    insert_event(
                        &tx,
                        statement,
                        Some(session),
                        StatementEventKind::Kept,
                        &now,
                    )?;
                    None
                }
                TidyDecision::LetGo => {
                    insert_event(
                        &tx,
                        statement,
                        Some(session),
                        StatementEventKind::LetGo,
                        &now,
                    )?;
                    None
                }
                TidyDecision::Restore => {
                    insert_event(
                        &tx,
                        statement,
                        Some(session),
                        StatementEventKind::Restored,
                        &now,
                    )?;
                    None
                }
                TidyDecision::Revise(text) => {
                    insert_event(
                        &tx,
                        statement,
                        Some(session),
                        StatementEventKind::Revised,
                        &now,
                    )?;
                    Some(Journal::insert_statement(
                        &tx,
                        session,
                        text,
                        Some(statement),
                        &now,
                    )?)
                }
            };
            tx.commit()?;
            Ok(new)
        })();
        result.map_err(|e| self.sqlite(e))
    }
}

/// A new wording with its "written" event.
fn insert_wording(
    conn: &Connection,
    session: Option<SessionId>,
    text: &str,
    replaces: Option<StatementId>,
    now: &str,
) -> rusqlite::Result<StatementId> {
    let id = StatementId::new();
    conn.execute(
        "INSERT INTO statements (id, text, session_id, replaces, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id.to_string(),
            text,
            session.map(|s| s.to_string()),
            replaces.map(|r| r.to_string()),
            now
        ],
    )?;
    insert_event(conn, id, session, StatementEventKind::Written, now)?;
    Ok(id)
}

fn insert_event(
    conn: &Connection,
    statement: StatementId,
    session: Option<SessionId>,
    kind: StatementEventKind,
    now: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO statement_events (id, statement_id, session_id, event, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            uuid::Uuid::new_v4().simple().to_string(),
            statement.to_string(),
            session.map(|s| s.to_string()),
            kind.id(),
            now
        ],
    )?;
    Ok(())
}
