//! Forgetting, part two: carrying a plan out in ONE transaction, leaving a tombstone for
//! every record removed, then folding the write-ahead log into the file and truncating it,
//! so the words are gone from `journal.db`, `-wal` and `-shm` alike (`secure_delete` is on
//! for every connection, see `open.rs`, so freed pages are zeros).

use super::error::JournalError;
use super::forget::{ForgetPlan, ForgetTarget, json_ids, plan};
use super::open::Journal;
use crate::domain::AnswerValue;
use rusqlite::{OptionalExtension, params};

/// What a forget did.
#[derive(Debug, Clone)]
pub struct Forgotten {
    /// What was removed and changed.
    pub plan: ForgetPlan,
    /// Whether the write-ahead log was folded in and emptied; `false` when another `pi`
    /// kept the journal open, so an older copy of a page may remain in `-wal` until it
    /// closes.
    pub log_emptied: bool,
}

/// How many records were forgotten, and when last.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ForgetHistory {
    /// Tombstones in the journal.
    pub records: usize,
    /// The latest `forgotten_at`.
    pub latest: Option<String>,
}

impl Journal {
    /// What forgetting `target` would remove (nothing is changed).
    pub fn forget_plan(&self, target: &ForgetTarget) -> Result<ForgetPlan, JournalError> {
        plan(&self.conn, target).map_err(|e| self.sqlite(e))
    }

    /// Forgets what `confirmed` names, in one transaction. The plan is worked out again
    /// inside the transaction: when the journal changed since the person confirmed (another
    /// `pi` added a revision), nothing is removed and the forget is refused.
    pub fn forget(
        &mut self,
        target: &ForgetTarget,
        confirmed: &ForgetPlan,
    ) -> Result<Forgotten, JournalError> {
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
        tx.pragma_update(None, "defer_foreign_keys", true)
            .map_err(sqlite)?;
        let current = plan(&tx, target).map_err(sqlite)?;
        if !current.same_records(confirmed) {
            return Err(JournalError::Refused(
                "the journal changed while you were deciding (another pi wrote to it); nothing was forgotten, try again".into(),
            ));
        }
        remove(&tx, &current, &now).map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
        let log_emptied = self.empty_log()?;
        Ok(Forgotten {
            plan: current,
            log_emptied,
        })
    }

    /// Forgets again what `tombstones` name (kind, id, forgotten_at), as another copy of
    /// this journal forgot it, and keeps the tombstones: after a backup made before a forget
    /// is restored. Returns how many records it removed.
    pub fn forget_again(
        &mut self,
        tombstones: &[(String, String, String)],
    ) -> Result<usize, JournalError> {
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
        tx.pragma_update(None, "defer_foreign_keys", true)
            .map_err(sqlite)?;
        let records = tombstones
            .iter()
            .map(|(kind, id, _)| (kind.clone(), id.clone()))
            .collect();
        let found = plan(&tx, &ForgetTarget::Records(records)).map_err(sqlite)?;
        if !found.is_empty() {
            remove(&tx, &found, &now).map_err(sqlite)?;
        }
        {
            let mut keep = tx
                .prepare(
                    "INSERT OR IGNORE INTO tombstones (kind, id, forgotten_at) VALUES (?1, ?2, ?3)",
                )
                .map_err(sqlite)?;
            for (kind, id, at) in tombstones {
                keep.execute(params![kind, id, at]).map_err(sqlite)?;
            }
        }
        tx.commit().map_err(sqlite)?;
        self.empty_log()?;
        Ok(found.record_ids().len())
    }

    /// Folds the write-ahead log into the file and truncates it to nothing; `false` when
    /// another connection kept it from finishing.
    pub fn empty_log(&self) -> Result<bool, JournalError> {
        let (busy, _, _): (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.sqlite(e))?;
        Ok(busy == 0)
    }

    /// Whether a record of `kind` with `id` was forgotten here.
    pub fn is_forgotten(&self, kind: &str, id: &str) -> Result<bool, JournalError> {
        self.conn
            .prepare_cached("SELECT 1 FROM tombstones WHERE kind = ?1 AND id = ?2")
            .and_then(|mut st| st.exists([kind, id]))
            .map_err(|e| self.sqlite(e))
    }

    /// Every tombstone: (kind, id, forgotten_at), oldest first.
    pub fn tombstones(&self) -> Result<Vec<(String, String, String)>, JournalError> {
        read_tombstones(&self.conn).map_err(|e| self.sqlite(e))
    }

    /// How much was forgotten, and when last.
    pub fn forget_history(&self) -> Result<ForgetHistory, JournalError> {
        forget_history(&self.conn).map_err(|e| self.sqlite(e))
    }
}

/// Every tombstone of a journal connection, oldest first (none before schema 8).
pub(crate) fn read_tombstones(
    conn: &rusqlite::Connection,
) -> rusqlite::Result<Vec<(String, String, String)>> {
    if !has_tombstones(conn)? {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT kind, id, forgotten_at FROM tombstones ORDER BY forgotten_at, kind, id")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// How much a journal connection has forgotten (nothing before schema 8).
pub(crate) fn forget_history(conn: &rusqlite::Connection) -> rusqlite::Result<ForgetHistory> {
    if !has_tombstones(conn)? {
        return Ok(ForgetHistory::default());
    }
    conn.query_row(
        "SELECT count(*), max(forgotten_at) FROM tombstones",
        [],
        |r| {
            Ok(ForgetHistory {
                records: r.get::<_, i64>(0)? as usize,
                latest: r.get(1)?,
            })
        },
    )
}

fn has_tombstones(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tombstones'",
        [],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
}

/// Removes and changes what `p` names, with a tombstone for each, inside the caller's
/// transaction.
pub(super) fn remove(tx: &rusqlite::Connection, p: &ForgetPlan, now: &str) -> rusqlite::Result<()> {
    let mut tomb = tx
        .prepare("INSERT OR IGNORE INTO tombstones (kind, id, forgotten_at) VALUES (?1, ?2, ?3)")?;
    for (kind, id) in p.record_ids() {
        tomb.execute(params![kind, id, now])?;
    }
    for id in p.trimmed.keys() {
        tomb.execute(params!["answer_part", id, now])?;
    }
    let answers = json_ids(&p.answers);
    let statements = json_ids(&p.statements);
    let commitments = json_ids(&p.commitments);
    let follow_ups = json_ids(&p.commitment_events);
    // Sessions whose count of answers must be worked out again afterwards.
    let touched: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT session_id FROM answers \
             WHERE id IN (SELECT value FROM json_each(?1)) OR id IN (SELECT value FROM json_each(?2))",
        )?;
        stmt.query_map(params![answers, json_ids(p.trimmed.keys())], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let imports: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT import_id FROM answers \
             WHERE import_id IS NOT NULL AND id IN (SELECT value FROM json_each(?1))",
        )?;
        stmt.query_map([&answers], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    // Through FTS5's own delete path (a regular FTS5 table: DELETE), so the words leave
    // its index; `secure-delete` (migration 8) takes them out of the segments at once.
    let indexed = tx.execute(
        "DELETE FROM search_index WHERE \
            (kind = 'answer' AND record_id IN (SELECT value FROM json_each(?1))) \
         OR (kind = 'statement' AND record_id IN (SELECT value FROM json_each(?2))) \
         OR (kind = 'commitment' AND record_id IN (SELECT value FROM json_each(?3))) \
         OR (kind = 'commitment_note' AND record_id IN (SELECT value FROM json_each(?4)))",
        params![answers, statements, commitments, follow_ups],
    )?;
    let by_id = |table: &str, ids: &str| -> rusqlite::Result<usize> {
        tx.execute(
            &format!("DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?1))"),
            [ids],
        )
    };
    by_id("friend_comments", &json_ids(&p.comments))?;
    by_id("statement_events", &json_ids(&p.statement_events))?;
    by_id("commitment_events", &follow_ups)?;
    by_id("statements", &statements)?;
    by_id("commitments", &commitments)?;
    by_id("answers", &answers)?;
    let sessions = json_ids(&p.sessions);
    tx.execute(
        "DELETE FROM export_items WHERE \
            (kind = 'session' AND item_id IN (SELECT value FROM json_each(?1))) \
         OR (kind = 'statement' AND item_id IN (SELECT value FROM json_each(?2))) \
         OR (kind = 'commitment' AND item_id IN (SELECT value FROM json_each(?3)))",
        params![sessions, statements, commitments],
    )?;
    tx.execute(
        "DELETE FROM session_packs WHERE session_id IN (SELECT value FROM json_each(?1))",
        [&sessions],
    )?;
    by_id("sessions", &sessions)?;
    for (id, value) in &p.trimmed {
        tx.execute(
            "UPDATE answers SET value = ?2, skipped = ?3 WHERE id = ?1",
            params![
                id,
                value.as_ref().map(AnswerValue::to_json),
                value.is_none()
            ],
        )?;
    }
    tx.execute(
        "DELETE FROM imports WHERE id IN (SELECT value FROM json_each(?1)) \
         AND NOT EXISTS (SELECT 1 FROM answers WHERE import_id = imports.id)",
        [json_ids(&imports)],
    )?;
    tx.execute(
        "UPDATE sessions SET answered = (SELECT count(*) FROM answers a \
            WHERE a.session_id = sessions.id AND a.skipped = 0 \
            AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)) \
         WHERE id IN (SELECT value FROM json_each(?1))",
        [json_ids(&touched)],
    )?;
    if indexed > 0 {
        // One fresh segment: no older segment (nor a segment's first-term key) keeps a
        // forgotten word.
        tx.execute(
            "INSERT INTO search_index (search_index) VALUES ('optimize')",
            [],
        )?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "forget_tests.rs"]
mod tests;
