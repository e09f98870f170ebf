//! The statements and commitments of an export selection: those the chosen sessions
//! touched, each with its whole history, read one at a time (see `export.rs`).

use super::error::JournalError;
use super::export::ExportSelection;
use crate::interchange::format::{Commitment, CommitmentEvent, Statement, StatementEvent};
use rusqlite::OptionalExtension;

impl ExportSelection<'_> {
    /// Hands `each` every statement a chosen session wrote or decided about, with all its
    /// events, plus the earlier wordings it revised (so `replaces` always resolves), in the
    /// order they were recorded: a wording always comes before the one that revised it.
    ///
    /// One pass over the statements in table order, with indexed look-ups per row, rather
    /// than a set of matching ids: nothing here grows with the size of the journal.
    pub fn for_each_statement<E: From<JournalError>>(
        &self,
        mut each: impl FnMut(Statement) -> Result<(), E>,
    ) -> Result<(), E> {
        let j = self.journal;
        let sqlite = |e| j.sqlite(e);
        let selected = self.selected();
        let touched = format!(
            "(s.session_id IN {selected} OR EXISTS (SELECT 1 FROM statement_events e \
             WHERE e.statement_id = s.id AND e.session_id IN {selected}))"
        );
        let mut statements = j
            .conn
            .prepare(&format!(
                "SELECT s.id, s.text, CASE WHEN s.session_id IN {selected} THEN s.session_id END, \
                 s.replaces, s.created_at, {touched} FROM statements s ORDER BY s.rowid"
            ))
            .map_err(sqlite)?;
        let mut revised_by = j
            .conn
            .prepare(&format!(
                "SELECT s.id, {touched} FROM statements s WHERE s.replaces = ?1"
            ))
            .map_err(sqlite)?;
        let mut events = j
            .conn
            .prepare(&format!(
                "SELECT id, event, CASE WHEN session_id IN {selected} THEN session_id END, \
                 created_at, rowid FROM statement_events WHERE statement_id = ?1"
            ))
            .map_err(sqlite)?;
        let mut rows = statements.query([]).map_err(sqlite)?;
        while let Some(r) = rows.next().map_err(sqlite)? {
            let id: String = r.get(0).map_err(sqlite)?;
            let mut wanted: bool = r.get(5).map_err(sqlite)?;
            // Not touched itself: wanted when a later wording of it was (revisions form a
            // chain, one successor each).
            let mut current = id.clone();
            let mut steps = 0;
            while !wanted && steps < 10_000 {
                let next: Option<(String, bool)> = revised_by
                    .query_row([&current], |n| Ok((n.get(0)?, n.get(1)?)))
                    .optional()
                    .map_err(sqlite)?;
                let Some((next, touched)) = next else { break };
                wanted = touched;
                current = next;
                steps += 1;
            }
            if !wanted {
                continue;
            }
            let events: Vec<(i64, _)> = events
                .query_map([&id], |e| {
                    Ok((
                        e.get::<_, i64>(4)?,
                        StatementEvent {
                            id: e.get(0)?,
                            event: e.get(1)?,
                            session_id: e.get(2)?,
                            created_at: e.get(3)?,
                        },
                    ))
                })
                .and_then(Iterator::collect)
                .map_err(sqlite)?;
            let events = in_order(events, |e| &e.created_at);
            each(Statement {
                id,
                text: r.get(1).map_err(sqlite)?,
                session_id: r.get(2).map_err(sqlite)?,
                replaces: r.get(3).map_err(sqlite)?,
                created_at: r.get(4).map_err(sqlite)?,
                events,
            })?;
        }
        Ok(())
    }

    /// Hands `each` every commitment a chosen session set or followed up, with all its
    /// follow-ups, in the order they were recorded.
    pub fn for_each_commitment<E: From<JournalError>>(
        &self,
        mut each: impl FnMut(Commitment) -> Result<(), E>,
    ) -> Result<(), E> {
        let j = self.journal;
        let sqlite = |e| j.sqlite(e);
        let selected = self.selected();
        let mut commitments = j
            .conn
            .prepare(&format!(
                "SELECT c.id, CASE WHEN c.session_id IN {selected} THEN c.session_id END, c.text, \
                 c.look_back, c.created_at FROM commitments c \
                 WHERE c.session_id IN {selected} OR EXISTS (SELECT 1 FROM commitment_events e \
                   WHERE e.commitment_id = c.id AND e.session_id IN {selected}) \
                 ORDER BY c.rowid"
            ))
            .map_err(sqlite)?;
        let mut events = j
            .conn
            .prepare(&format!(
                "SELECT id, status, note, CASE WHEN session_id IN {selected} THEN session_id END, \
                 created_at, rowid FROM commitment_events WHERE commitment_id = ?1"
            ))
            .map_err(sqlite)?;
        let mut rows = commitments.query([]).map_err(sqlite)?;
        while let Some(r) = rows.next().map_err(sqlite)? {
            let id: String = r.get(0).map_err(sqlite)?;
            let events: Vec<(i64, _)> = events
                .query_map([&id], |e| {
                    Ok((
                        e.get::<_, i64>(5)?,
                        CommitmentEvent {
                            id: e.get(0)?,
                            status: e.get(1)?,
                            note: e.get(2)?,
                            session_id: e.get(3)?,
                            created_at: e.get(4)?,
                        },
                    ))
                })
                .and_then(Iterator::collect)
                .map_err(sqlite)?;
            let events = in_order(events, |e| &e.created_at);
            each(Commitment {
                id,
                session_id: r.get(1).map_err(sqlite)?,
                text: r.get(2).map_err(sqlite)?,
                look_back: r.get(3).map_err(sqlite)?,
                created_at: r.get(4).map_err(sqlite)?,
                events,
            })?;
        }
        Ok(())
    }
}

/// Events oldest first (ties in the order recorded), sorted here rather than by SQLite,
/// whose sorter could spill to a temporary file during an export.
fn in_order<T>(mut events: Vec<(i64, T)>, at: impl Fn(&T) -> &String) -> Vec<T> {
    events.sort_by(|a, b| (at(&a.1), a.0).cmp(&(at(&b.1), b.0)));
    events.into_iter().map(|(_, e)| e).collect()
}
