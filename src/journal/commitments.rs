//! Commitments: an intention or small experiment set in one session and followed up in a later
//! one. Their status is a history of events, so what happened stays readable.

use super::error::JournalError;
use super::open::Journal;
use crate::domain::{CommitmentId, SessionId};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// A commitment about to be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentDraft {
    /// What the user intends.
    pub text: String,
    /// When to look back, if they chose a date.
    pub look_back: Option<NaiveDate>,
}

/// Where a commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentStatus {
    /// Not yet done or dropped.
    Open,
    /// Done.
    Done,
    /// Consciously let go.
    Dropped,
}

impl CommitmentStatus {
    /// The identifier stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    /// Reads the identifier (also in its `still-open` spelling).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "open" | "still-open" | "still_open" => Self::Open,
            "done" => Self::Done,
            "dropped" => Self::Dropped,
            _ => return None,
        })
    }
}

/// One follow-up of a commitment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommitmentEvent {
    /// The status it was given.
    pub status: CommitmentStatus,
    /// A line on what happened.
    pub note: Option<String>,
    /// In which session.
    pub session_id: Option<SessionId>,
    /// When.
    pub at: String,
}

/// A commitment with its follow-ups.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommitmentRecord {
    /// Its id.
    pub id: CommitmentId,
    /// The session that set it.
    pub session_id: Option<SessionId>,
    /// The intention.
    pub text: String,
    /// When to look back.
    pub look_back: Option<NaiveDate>,
    /// When it was set.
    pub created_at: String,
    /// Follow-ups, oldest first.
    pub events: Vec<CommitmentEvent>,
}

impl CommitmentRecord {
    /// The latest status (open until followed up).
    pub fn status(&self) -> CommitmentStatus {
        self.events
            .last()
            .map_or(CommitmentStatus::Open, |e| e.status)
    }
}

impl Journal {
    pub(crate) fn insert_commitment(
        conn: &Connection,
        session: SessionId,
        draft: &CommitmentDraft,
        now: &str,
    ) -> rusqlite::Result<CommitmentId> {
        let id = CommitmentId::new();
        conn.execute(
            "INSERT INTO commitments (id, session_id, text, look_back, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.to_string(),
                session.to_string(),
                draft.text,
                draft.look_back.map(|d| d.format("%Y-%m-%d").to_string()),
                now
            ],
        )?;
        Ok(id)
    }

    /// The commitment whose id starts with `prefix` (as `pi commitments` shows them).
    pub fn find_commitment(&self, prefix: &str) -> Result<CommitmentRecord, JournalError> {
        let wanted = prefix.trim().to_ascii_lowercase();
        let mut found: Vec<CommitmentRecord> = self
            .commitments()?
            .into_iter()
            .filter(|c| !wanted.is_empty() && c.id.to_string().starts_with(&wanted))
            .collect();
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err(JournalError::NotFound(format!(
                "no commitment id starts with '{prefix}'; `pi commitments` shows the ids"
            ))),
            n => Err(JournalError::Ambiguous(format!(
                "'{prefix}' fits {n} commitments; type more of the id"
            ))),
        }
    }

    /// Every commitment, oldest first, with its follow-ups.
    pub fn commitments(&self) -> Result<Vec<CommitmentRecord>, JournalError> {
        self.load_commitments("WITH chosen(id) AS (SELECT id FROM commitments)", params![])
    }

    /// The commitments set in one session (what `pi show` lists under it).
    pub fn commitments_of_session(
        &self,
        session: SessionId,
    ) -> Result<Vec<CommitmentRecord>, JournalError> {
        self.load_commitments(
            "WITH chosen(id) AS (SELECT id FROM commitments WHERE session_id = ?1)",
            params![session.to_string()],
        )
    }

    /// The commitments still open (no follow-up yet, or "still open" as the latest): what the
    /// next reflection asks about, without reading those long done.
    pub fn open_commitments(&self) -> Result<Vec<CommitmentRecord>, JournalError> {
        self.load_commitments(
            "WITH chosen(id) AS (SELECT c.id FROM commitments c WHERE c.is_open = 1)",
            params![],
        )
    }

    /// Loads the commitments a `chosen(id)` CTE names, with their follow-ups, oldest first.
    fn load_commitments(
        &self,
        chosen: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<CommitmentRecord>, JournalError> {
        let mut events: HashMap<String, Vec<CommitmentEvent>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(&format!("{chosen} SELECT commitment_id, status, note, session_id, created_at FROM commitment_events WHERE commitment_id IN chosen ORDER BY created_at, rowid"))
                .map_err(|e| self.sqlite(e))?;
            type Row = (String, String, Option<String>, Option<String>, String);
            let rows: Vec<Row> = stmt
                .query_map(args, |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .and_then(Iterator::collect)
                .map_err(|e| self.sqlite(e))?;
            for (cid, status, note, session, at) in rows {
                let status = CommitmentStatus::parse(&status)
                    .ok_or_else(|| self.corrupt(format!("unknown commitment status '{status}'")))?;
                events.entry(cid).or_default().push(CommitmentEvent {
                    status,
                    note,
                    session_id: session.as_deref().and_then(SessionId::parse),
                    at,
                });
            }
        }
        let mut stmt = self
            .conn
            .prepare(&format!("{chosen} SELECT id, session_id, text, look_back, created_at FROM commitments WHERE id IN chosen ORDER BY created_at, rowid"))
            .map_err(|e| self.sqlite(e))?;
        type Row = (String, Option<String>, String, Option<String>, String);
        let rows: Vec<Row> = stmt
            .query_map(args, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|(id, session, text, look_back, created_at)| {
                Ok(CommitmentRecord {
                    id: CommitmentId::parse(&id).ok_or_else(|| {
                        self.corrupt(format!("commitment id '{id}' is not a UUID"))
                    })?,
                    session_id: session.as_deref().and_then(SessionId::parse),
                    text,
                    look_back: look_back
                        .as_deref()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                    created_at,
                    events: events.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Records how a commitment went, as seen in `session`.
    pub fn follow_up_commitment(
        &mut self,
        commitment: CommitmentId,
        session: Option<SessionId>,
        status: CommitmentStatus,
        note: Option<&str>,
    ) -> Result<(), JournalError> {
        let now = self.clock.stamp();
        let changed = self
            .conn
            .execute(
                "INSERT INTO commitment_events (id, commitment_id, session_id, status, note, created_at) \
                 SELECT ?1, id, ?3, ?4, ?5, ?6 FROM commitments WHERE id = ?2",
                params![
                    uuid::Uuid::new_v4().simple().to_string(),
                    commitment.to_string(),
                    session.map(|s| s.to_string()),
                    status.id(),
                    note,
                    now
                ],
            )
            .map_err(|e| self.sqlite(e))?;
        if changed == 0 {
            return Err(JournalError::NotFound(format!(
                "no commitment with id {}",
                commitment.short()
            )));
        }
        Ok(())
    }
}
