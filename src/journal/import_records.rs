//! The smaller records an import merges: statements and commitments with their events, and a
//! friend's comments from a reply. Same rules as sessions: new ids are added, identical ones
//! skipped, and a known id with other content is reported and left as this journal has it.

use super::error::JournalError;
use super::identity::{SharedKind, shared_sql};
use super::import::{Importer, bump, db, short};
use crate::interchange::format::{Comment, Commitment, CommitmentEvent, Statement, StatementEvent};
use rusqlite::{OptionalExtension, params};

/// Two session links agree unless both are set and differ: an earlier import may have
/// dropped a link to a session this journal does not have.
fn same_link(local: Option<&str>, file: Option<&str>) -> bool {
    match (local, file) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl Importer<'_> {
    /// Merges one statement wording and its events. `path` is where the file holds it.
    pub fn statement(&mut self, path: &str, s: &Statement) -> Result<(), JournalError> {
        self.flush_answers()?;
        if self.forgotten("statement", &s.id)? {
            self.summary.forgotten += 1 + s.events.len();
            return Ok(());
        }
        if let Some(old) = &s.replaces
            && self.forgotten("statement", old)?
        {
            // A later wording of a forgotten statement: forgotten too, with its events.
            for e in &s.events {
                self.forget_too("statement_event", &e.id)?;
            }
            return self.forget_too("statement", &s.id);
        }
        let at = format!("{path} (id {})", short(&s.id));
        type Row = (String, Option<String>, Option<String>, String);
        let local: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT text, session_id, replaces, created_at FROM statements WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([&s.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()
            })
            .map_err(db)?;
        match local {
            None => {
                let mut replaces = s.replaces.as_deref();
                if let Some(old) = replaces {
                    let successor: Option<String> = self
                        .tx
                        .prepare_cached("SELECT id FROM statements WHERE replaces = ?1")
                        .and_then(|mut st| st.query_row([old], |r| r.get(0)).optional())
                        .map_err(db)?;
                    if let Some(other) = successor {
                        // Revised differently on each computer: both wordings stay.
                        self.summary.notes.push(format!(
                            "{at}: revises statement {}, which was revised here too (by {}); kept as a separate statement",
                            short(old),
                            short(&other)
                        ));
                        replaces = None;
                    }
                }
                self.tx
                    .prepare_cached(
                        "INSERT INTO statements (id, text, session_id, replaces, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![s.id, s.text, s.session_id, replaces, s.created_at])
                    })
                    .map_err(db)?;
                self.summary.statements.added += 1;
            }
            Some((text, session, replaces, created_at)) => {
                if text == s.text
                    && created_at == s.created_at
                    && same_link(session.as_deref(), s.session_id.as_deref())
                    && same_link(replaces.as_deref(), s.replaces.as_deref())
                {
                    self.summary.statements.skipped += 1;
                } else {
                    self.summary.statements.conflicts += 1;
                    self.summary.notes.push(format!(
                        "{at}: kept this journal's wording {text:?}; the file has {:?}",
                        s.text
                    ));
                }
            }
        }
        for (index, event) in s.events.iter().enumerate() {
            self.statement_event(&format!("{path}.events[{index}]"), &s.id, event)?;
        }
        Ok(())
    }

    fn statement_event(
        &mut self,
        path: &str,
        statement: &str,
        e: &StatementEvent,
    ) -> Result<(), JournalError> {
        if self.forgotten("statement_event", &e.id)? {
            self.summary.forgotten += 1;
            return Ok(());
        }
        type Row = (String, Option<String>, String, String);
        let local: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT statement_id, session_id, event, created_at FROM statement_events WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([&e.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .optional()
            })
            .map_err(db)?;
        match local {
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO statement_events (id, statement_id, session_id, event, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![e.id, statement, e.session_id, e.event, e.created_at])
                    })
                    .map_err(db)?;
                self.summary.statement_events.added += 1;
            }
            Some((sid, session, event, created_at)) => {
                if sid == statement
                    && event == e.event
                    && created_at == e.created_at
                    && same_link(session.as_deref(), e.session_id.as_deref())
                {
                    self.summary.statement_events.skipped += 1;
                } else {
                    self.summary.statement_events.conflicts += 1;
                    self.summary.notes.push(format!(
                        "{path} (id {}): kept this journal's event '{event}'; the file has '{}'",
                        short(&e.id),
                        e.event
                    ));
                }
            }
        }
        Ok(())
    }

    /// Merges one commitment and its follow-ups. `path` is where the file holds it.
    pub fn commitment(&mut self, path: &str, c: &Commitment) -> Result<(), JournalError> {
        self.flush_answers()?;
        if self.forgotten("commitment", &c.id)? {
            self.summary.forgotten += 1 + c.events.len();
            return Ok(());
        }
        let at = format!("{path} (id {})", short(&c.id));
        type Row = (Option<String>, String, Option<String>, String);
        let local: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT session_id, text, look_back, created_at FROM commitments WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([&c.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()
            })
            .map_err(db)?;
        match local {
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO commitments (id, session_id, text, look_back, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![
                            c.id,
                            c.session_id,
                            c.text,
                            c.look_back,
                            c.created_at
                        ])
                    })
                    .map_err(db)?;
                self.summary.commitments.added += 1;
            }
            Some((session, text, look_back, created_at)) => {
                if text == c.text
                    && look_back == c.look_back
                    && created_at == c.created_at
                    && same_link(session.as_deref(), c.session_id.as_deref())
                {
                    self.summary.commitments.skipped += 1;
                } else {
                    self.summary.commitments.conflicts += 1;
                    self.summary.notes.push(format!(
                        "{at}: kept this journal's commitment {text:?}; the file has {:?}",
                        c.text
                    ));
                }
            }
        }
        for (index, event) in c.events.iter().enumerate() {
            self.commitment_event(&format!("{path}.events[{index}]"), &c.id, event)?;
        }
        Ok(())
    }

    fn commitment_event(
        &mut self,
        path: &str,
        commitment: &str,
        e: &CommitmentEvent,
    ) -> Result<(), JournalError> {
        if self.forgotten("commitment_event", &e.id)? {
            self.summary.forgotten += 1;
            return Ok(());
        }
        type Row = (String, Option<String>, String, Option<String>, String);
        let local: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT commitment_id, session_id, status, note, created_at FROM commitment_events WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([&e.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()
            })
            .map_err(db)?;
        match local {
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO commitment_events (id, commitment_id, session_id, status, note, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![
                            e.id,
                            commitment,
                            e.session_id,
                            e.status,
                            e.note,
                            e.created_at
                        ])
                    })
                    .map_err(db)?;
                self.summary.commitment_events.added += 1;
            }
            Some((cid, session, status, note, created_at)) => {
                if cid == commitment
                    && status == e.status
                    && note == e.note
                    && created_at == e.created_at
                    && same_link(session.as_deref(), e.session_id.as_deref())
                {
                    self.summary.commitment_events.skipped += 1;
                } else {
                    self.summary.commitment_events.conflicts += 1;
                    self.summary.notes.push(format!(
                        "{path} (id {}): kept this journal's follow-up '{status}'; the file has '{}'",
                        short(&e.id),
                        e.status
                    ));
                }
            }
        }
        Ok(())
    }

    /// Attaches one comment of a friend's reply. Its target must be in this journal: a reply
    /// to someone else's export is refused rather than left dangling.
    pub fn comment(
        &mut self,
        path: &str,
        export_id: &str,
        friend: &str,
        c: &Comment,
    ) -> Result<(), JournalError> {
        self.flush_answers()?;
        if self.forgotten("comment", &c.id)? || self.forgotten(&c.target_kind, &c.target_id)? {
            self.summary.forgotten += 1;
            return Ok(());
        }
        let (table, kind) = match c.target_kind.as_str() {
            "answer" => ("answers", SharedKind::Answer),
            "commitment" => ("commitments", SharedKind::Commitment),
            _ => ("statements", SharedKind::Statement),
        };
        let known = self
            .tx
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))
            .and_then(|mut st| st.exists([&c.target_id]))
            .map_err(db)?;
        if !known {
            return Err(JournalError::Refused(format!(
                "{path} (id {}): comments on {} {}, which is not in this journal",
                short(&c.id),
                c.target_kind,
                short(&c.target_id)
            )));
        }
        let shared = self
            .tx
            .prepare_cached(shared_sql(kind))
            .and_then(|mut st| st.exists(params![export_id, c.target_id]))
            .map_err(db)?;
        if !shared {
            return Err(JournalError::Refused(format!(
                "{path} (id {}): comments on {} {}, which was not in export {}",
                short(&c.id),
                c.target_kind,
                short(&c.target_id),
                short(export_id)
            )));
        }
        let added = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO friend_comments \
                 (id, export_id, friend, target_kind, target_id, text, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    c.id,
                    export_id,
                    friend,
                    c.target_kind,
                    c.target_id,
                    c.text,
                    c.created_at
                ])
            })
            .map_err(db)?;
        bump(&mut self.summary.comments, added == 1);
        Ok(())
    }
}
