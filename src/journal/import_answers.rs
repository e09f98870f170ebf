//! Merging answer revisions on import. Answers are never overwritten, so a merge only ever
//! adds: an unknown revision is added (on top of the current one when both computers
//! answered or revised the same prompt), a known one is skipped, and a known id with other
//! content is added again as a new revision with an id derived from that content.

use super::error::JournalError;
use super::import::{Importer, REVISION_NAMESPACE, db, short};
use crate::domain::AnswerValue;
use crate::interchange::format::Answer;
use rusqlite::{OptionalExtension, params};
use std::collections::{HashMap, HashSet};

impl Importer<'_> {
    /// Merges one answer revision (see the module documentation and docs/export-format.md).
    pub(super) fn answer(
        &mut self,
        at: &str,
        session: &str,
        a: &Answer,
    ) -> Result<(), JournalError> {
        if self.forgotten("answer", &a.id)? {
            self.summary.forgotten += 1;
            return Ok(());
        }
        if self.pending.ids.contains_key(&a.id) {
            // The file holds this id twice: compare with the first in the journal itself.
            self.flush_answers()?;
        }
        if let Some(local) = self.stored_answer(&a.id)? {
            self.flush_answers()?;
            return self.known_answer(at, session, a, local);
        }
        if let Some(replaced) = &a.replaces
            && self.forgotten("answer", replaced)?
        {
            // A revision of a forgotten answer (made on another computer): forgotten too.
            return self.forget_too("answer", &a.id);
        }
        let fresh = self.pending.holds(session);
        let head = if fresh {
            self.pending.head(&a.pack_id, &a.prompt_id)
        } else {
            self.head(session, &a.pack_id, &a.prompt_id)?
        };
        if a.replaces == head {
            self.add_answer(fresh, session, a, a.replaces.as_deref())?;
            self.summary.answers.added += 1;
            return Ok(());
        }
        if let Some(replaced) = &a.replaces
            && !self.pending.ids.contains_key(replaced)
            && self.stored_answer(replaced)?.is_none()
        {
            return Err(JournalError::Refused(format!(
                "{at}: revises answer {}, which is neither in the file nor in this journal",
                short(replaced)
            )));
        }
        // Answered or revised on both computers: keep both, the file's on top of this one's.
        self.add_answer(fresh, session, a, head.as_deref())?;
        self.summary.answers.revised += 1;
        self.summary.notes.push(format!(
            "{at}: this prompt was also answered here; the file's answer was added as the newest revision"
        ));
        Ok(())
    }

    /// An answer whose id the journal knows: skipped when the same, else added as a new
    /// revision with an id derived from its content.
    fn known_answer(
        &mut self,
        at: &str,
        session: &str,
        a: &Answer,
        local: StoredAnswer,
    ) -> Result<(), JournalError> {
        if local.session_id != session {
            return Err(JournalError::Refused(format!(
                "{at}: this answer id belongs to session {} here, not to session {}",
                short(&local.session_id),
                short(session)
            )));
        }
        let file = StoredAnswer::of(session, a);
        // The same words at another time (an entry's local time read in another time
        // zone) are not a new revision.
        if local == file || (local.prompt == file.prompt && local.value == file.value) {
            self.summary.answers.skipped += 1;
            return Ok(());
        }
        // A forgotten statement was taken out of this answer's list: the file's fuller list
        // is what was forgotten.
        if self.forgotten("answer_part", &a.id)? {
            self.summary.forgotten += 1;
            return Ok(());
        }
        // Same id, other content: keep both, the file's as the newest revision.
        let content = serde_json::to_string(a).unwrap_or_default();
        let id = uuid::Uuid::new_v5(
            &REVISION_NAMESPACE,
            format!("{}\n{content}", a.id).as_bytes(),
        )
        .simple()
        .to_string();
        if self.stored_answer(&id)?.is_some() {
            self.summary.answers.skipped += 1;
            return Ok(());
        }
        let head = self.head(&local.session_id, &a.pack_id, &a.prompt_id)?;
        let now = self.now.clone();
        self.insert_answer(&id, &local.session_id, a, head.as_deref(), &now)?;
        self.summary.answers.revised += 1;
        self.summary.notes.push(if self.from_self {
            format!(
                "{at}: differs from this journal's own answer, so the file was changed after it was exported; the file's version was added as a new revision ({}), marked as imported",
                short(&id)
            )
        } else {
            format!(
                "{at}: differs from the answer with this id here; the file's version was added as a new revision ({})",
                short(&id)
            )
        });
        Ok(())
    }

    /// Adds a new answer of the file under its own id: to the waiting rows when its session
    /// is new here, else straight into the journal.
    fn add_answer(
        &mut self,
        fresh: bool,
        session: &str,
        a: &Answer,
        replaces: Option<&str>,
    ) -> Result<(), JournalError> {
        if !fresh {
            return self.insert_answer(&a.id, session, a, replaces, &a.created_at);
        }
        self.pending.push(session, a, replaces);
        if self.pending.rows.len() >= MAX_WAITING || self.pending.bytes >= MAX_WAITING_BYTES {
            self.flush_answers()?;
        }
        Ok(())
    }

    /// Inserts the waiting answers, many rows to a statement, in the order they came.
    pub(super) fn flush_answers(&mut self) -> Result<(), JournalError> {
        self.pending.session = None;
        self.pending.ids.clear();
        self.pending.replaced.clear();
        self.pending.bytes = 0;
        let rows = std::mem::take(&mut self.pending.rows);
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, \
                 prompt_kind, prompt_text, value, skipped, replaces, created_at, import_id) \
                 VALUES {values}"
            );
            let values: Vec<Option<String>> = chunk
                .iter()
                .map(|r| r.answer.value.as_ref().map(AnswerValue::to_json))
                .collect();
            let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 12);
            for (r, value) in chunk.iter().zip(&values) {
                params.extend([
                    &r.answer.id as &dyn rusqlite::ToSql,
                    &r.session,
                    &r.answer.pack_id,
                    &r.answer.pack_version,
                    &r.answer.prompt_id,
                    &r.answer.prompt_kind,
                    &r.answer.prompt_text,
                    value,
                    &r.skipped,
                    &r.replaces,
                    &r.answer.created_at,
                    &self.import_id,
                ]);
            }
            self.tx
                .prepare_cached(&sql)
                .and_then(|mut st| st.execute(params.as_slice()))
                .map_err(db)?;
        }
        Ok(())
    }

    fn insert_answer(
        &mut self,
        id: &str,
        session: &str,
        a: &Answer,
        replaces: Option<&str>,
        created_at: &str,
    ) -> Result<(), JournalError> {
        self.tx
            .prepare_cached(
                "INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, \
                 prompt_text, value, skipped, replaces, created_at, import_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    id,
                    session,
                    a.pack_id,
                    a.pack_version,
                    a.prompt_id,
                    a.prompt_kind,
                    a.prompt_text,
                    a.value.as_ref().map(AnswerValue::to_json),
                    a.value.is_none(),
                    replaces,
                    created_at,
                    self.import_id
                ])
            })
            .map_err(db)?;
        Ok(())
    }

    fn stored_answer(&self, id: &str) -> Result<Option<StoredAnswer>, JournalError> {
        let row: Option<StoredRow> = self
            .tx
            .prepare_cached(
                "SELECT session_id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text, \
                 value, created_at FROM answers WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                })
                .optional()
            })
            .map_err(db)?;
        Ok(row.map(
            |(session_id, pack_id, pack_version, prompt_id, kind, text, value, created_at)| {
                StoredAnswer {
                    session_id,
                    prompt: [pack_id, pack_version, prompt_id, kind, text],
                    value: value.and_then(|v| AnswerValue::from_json(&v).ok()),
                    created_at,
                }
            },
        ))
    }

    /// The current revision of one prompt's answer in a session, if any.
    fn head(
        &self,
        session: &str,
        pack: &str,
        prompt: &str,
    ) -> Result<Option<String>, JournalError> {
        self.tx
            .prepare_cached(
                "SELECT a.id FROM answers a WHERE a.session_id = ?1 AND a.pack_id = ?2 AND a.prompt_id = ?3 \
                 AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) \
                 ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1",
            )
            .and_then(|mut st| st.query_row(params![session, pack, prompt], |r| r.get(0)).optional())
            .map_err(db)
    }
}

/// How many waiting answers are inserted by one statement (12 values each: well under
/// SQLite's limit of 32,766).
const ROWS_PER_INSERT: usize = 256;

/// When the waiting answers go in before the next new session starts: this many rows, or
/// this many bytes of text (an entry from another tool can be long; memory stays flat).
const WAIT_ROWS: usize = 256;
const WAIT_BYTES: usize = 1 << 20;

/// When the waiting answers go in, even in the middle of a session.
const MAX_WAITING: usize = 2048;
const MAX_WAITING_BYTES: usize = 8 << 20;

/// Answers of sessions new to this journal, waiting to be inserted together.
///
/// Every INSERT into `answers` fires the search index's trigger, and SQLite gives a statement
/// that writes a virtual table a savepoint of its own, at which the search index writes out
/// everything it holds: one row at a time, that was a third of an import's time. Another
/// fifth went to asking the journal for the current revision of a prompt in a session that
/// only this import has written to. So the answers of a new session wait here (nothing in the
/// journal can refer to them yet) and go in many rows to a statement, in the order they
/// came, before anything else is written or read that could see them.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    rows: Vec<PendingRow>,
    /// The waiting ids, with their place in `rows`.
    ids: HashMap<String, usize>,
    /// The new session being read, with where its rows start, while all its answers wait.
    session: Option<(String, usize)>,
    /// The ids its waiting answers replace.
    replaced: HashSet<String>,
    /// How much text waits.
    bytes: usize,
}

#[derive(Debug)]
struct PendingRow {
    session: String,
    answer: Answer,
    replaces: Option<String>,
    skipped: bool,
}

impl Pending {
    /// Whether the answers waiting are enough to go in before another session's.
    pub(super) fn full(&self) -> bool {
        self.rows.len() >= WAIT_ROWS || self.bytes >= WAIT_BYTES
    }

    /// A session new to the journal starts: its answers can wait.
    pub(super) fn begin_session(&mut self, id: &str) {
        self.session = Some((id.to_string(), self.rows.len()));
        self.replaced.clear();
    }

    /// The session's answers are all read.
    pub(super) fn end_session(&mut self) {
        self.session = None;
    }

    /// Whether `session` is the new session whose answers all wait here.
    fn holds(&self, session: &str) -> bool {
        self.session.as_ref().is_some_and(|(s, _)| s == session)
    }

    fn push(&mut self, session: &str, a: &Answer, replaces: Option<&str>) {
        self.ids.insert(a.id.clone(), self.rows.len());
        self.replaced.extend(replaces.map(str::to_string));
        self.bytes += a.prompt_text.len()
            + match &a.value {
                Some(AnswerValue::Text(t)) => t.len(),
                Some(AnswerValue::Items(items)) => items.iter().map(String::len).sum(),
                _ => 0,
            };
        self.rows.push(PendingRow {
            session: session.to_string(),
            answer: a.clone(),
            replaces: replaces.map(str::to_string),
            skipped: a.value.is_none(),
        });
    }

    /// What [`Importer::head`] says, for the session whose answers all wait: the latest
    /// (by time, then by order) of its answers to the prompt that no other answer replaces.
    fn head(&self, pack: &str, prompt: &str) -> Option<String> {
        let start = self.session.as_ref().map_or(self.rows.len(), |(_, s)| *s);
        self.rows[start..]
            .iter()
            .enumerate()
            .filter(|(_, r)| r.answer.pack_id == pack && r.answer.prompt_id == prompt)
            .filter(|(_, r)| !self.replaced.contains(&r.answer.id))
            .max_by(|(i, a), (j, b)| (&a.answer.created_at, i).cmp(&(&b.answer.created_at, j)))
            .map(|(_, r)| r.answer.id.clone())
    }
}

type StoredRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
);

/// An answer as compared on import: everything but the link to the revision it replaces,
/// which an import may have re-pointed when both computers revised the same answer.
#[derive(Debug, PartialEq)]
struct StoredAnswer {
    session_id: String,
    prompt: [String; 5],
    value: Option<AnswerValue>,
    created_at: String,
}

impl StoredAnswer {
    fn of(session: &str, a: &Answer) -> Self {
        Self {
            session_id: session.to_string(),
            prompt: [
                a.pack_id.clone(),
                a.pack_version.clone(),
                a.prompt_id.clone(),
                a.prompt_kind.clone(),
                a.prompt_text.clone(),
            ],
            value: a.value.clone(),
            created_at: a.created_at.clone(),
        }
    }
}

/// The answers of a session with every revision after the one it replaces, whatever order
/// the file lists them in; each with its index in the file. Revisions that replace each
/// other in a circle have no order: the index of one of them is the error.
pub(super) fn revision_order(answers: &[Answer]) -> Result<Vec<(usize, &Answer)>, usize> {
    let ids: HashSet<&str> = answers.iter().map(|a| a.id.as_str()).collect();
    let mut placed: HashSet<&str> = HashSet::new();
    let mut order = Vec::with_capacity(answers.len());
    let mut left: Vec<(usize, &Answer)> = answers.iter().enumerate().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|&(i, a)| {
            let ready = match a.replaces.as_deref() {
                Some(r) => !ids.contains(r) || placed.contains(r),
                None => true,
            };
            if ready {
                placed.insert(a.id.as_str());
                order.push((i, a));
            }
            !ready
        });
        if left.len() == before {
            return Err(left[0].0);
        }
    }
    Ok(order)
}
