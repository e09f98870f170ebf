//! Answers: appended the moment they are given, never overwritten; a revision is a new row
//! pointing to the one it replaces.

use super::commitments::CommitmentDraft;
use super::error::JournalError;
use super::open::Journal;
use crate::domain::{AnswerId, AnswerValue, SessionId};
use crate::packs::{Pack, Prompt};
use rusqlite::{OptionalExtension, Row, params};

/// An answer about to be saved. `value: None` records that the prompt was skipped.
#[derive(Debug)]
pub struct NewAnswer<'a> {
    /// The session it belongs to.
    pub session: SessionId,
    /// The pack version the prompt came from.
    pub pack: &'a Pack,
    /// The prompt, whose text is stored with the answer.
    pub prompt: &'a Prompt,
    /// What was answered; `None` for a skip.
    pub value: Option<AnswerValue>,
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnswerRecord {
    /// This revision's id.
    pub id: AnswerId,
    /// Its session.
    pub session_id: SessionId,
    /// The pack it answered.
    pub pack_id: String,
    /// That pack's version.
    pub pack_version: String,
    /// The prompt's stable id.
    pub prompt_id: String,
    /// The prompt's kind when it was asked.
    pub prompt_kind: String,
    /// The question exactly as it was asked.
    pub prompt_text: String,
    /// The answer; `None` when skipped.
    pub value: Option<AnswerValue>,
    /// The revision this one replaces.
    pub replaces: Option<AnswerId>,
    /// When it was given.
    pub created_at: String,
}

pub(super) const ANSWER_COLUMNS: &str = "a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, \
    a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at";

pub(super) fn read_answer(row: &Row<'_>) -> rusqlite::Result<Result<AnswerRecord, String>> {
    let id: String = row.get(0)?;
    let session: String = row.get(1)?;
    let value: Option<String> = row.get(7)?;
    let replaces: Option<String> = row.get(8)?;
    let base = (
        row.get::<_, String>(2)?,
        row.get::<_, String>(3)?,
        row.get::<_, String>(4)?,
        row.get::<_, String>(5)?,
        row.get::<_, String>(6)?,
        row.get::<_, String>(9)?,
    );
    Ok((|| {
        Ok(AnswerRecord {
            id: AnswerId::parse(&id).ok_or_else(|| format!("answer id '{id}' is not a UUID"))?,
            session_id: SessionId::parse(&session)
                .ok_or_else(|| format!("answer {id} has a bad session id"))?,
            pack_id: base.0,
            pack_version: base.1,
            prompt_id: base.2,
            prompt_kind: base.3,
            prompt_text: base.4,
            value: value
                .map(|v| AnswerValue::from_json(&v))
                .transpose()
                .map_err(|e| format!("answer {id} has an unreadable value: {e}"))?,
            replaces: replaces.as_deref().and_then(AnswerId::parse),
            created_at: base.5,
        })
    })())
}

/// What else an answer creates in the same transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerExtra {
    /// Nothing.
    None,
    /// New statements, one per text.
    Statements(Vec<String>),
    /// A commitment.
    Commitment(CommitmentDraft),
}

/// `prompt` holds pack id, pack version, prompt id, prompt kind and prompt text.
fn insert_answer(
    conn: &rusqlite::Connection,
    id: AnswerId,
    session: SessionId,
    prompt: [&str; 5],
    value: Option<&AnswerValue>,
    replaces: Option<AnswerId>,
    now: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, \
         prompt_text, value, skipped, replaces, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id.to_string(),
            session.to_string(),
            prompt[0],
            prompt[1],
            prompt[2],
            prompt[3],
            prompt[4],
            value.map(AnswerValue::to_json),
            value.is_none(),
            replaces.map(|r| r.to_string()),
            now
        ],
    )?;
    Ok(())
}

impl Journal {
    /// Saves an answer (or a skip) at once, in its own durable transaction.
    pub fn add_answer(&mut self, new: &NewAnswer<'_>) -> Result<AnswerRecord, JournalError> {
        self.add_answer_with(new, &AnswerExtra::None)
    }

    /// Saves an answer together with the statements or commitment it creates, atomically:
    /// after a crash either both are there or neither, so a resumed session asks again.
    pub fn add_answer_with(
        &mut self,
        new: &NewAnswer<'_>,
        extra: &AnswerExtra,
    ) -> Result<AnswerRecord, JournalError> {
        let id = AnswerId::new();
        let now = self.clock.stamp();
        let result: rusqlite::Result<()> = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            insert_answer(
                &tx,
                id,
                new.session,
                [
                    &new.pack.id,
                    &new.pack.version.to_string(),
                    &new.prompt.id,
                    new.prompt.kind.id(),
                    &new.prompt.text,
                ],
                new.value.as_ref(),
                None,
                &now,
            )?;
            match extra {
                AnswerExtra::None => {}
                AnswerExtra::Statements(texts) => {
                    for text in texts {
                        Journal::insert_statement(&tx, new.session, text, None, &now)?;
                    }
                }
                AnswerExtra::Commitment(draft) => {
                    Journal::insert_commitment(&tx, new.session, draft, &now)?;
                }
            }
            tx.commit()
        })();
        result.map_err(|e| self.sqlite(e))?;
        self.answer(id)
    }

    /// Adds a revision of an answer; the old one stays, linked from the new.
    pub fn revise_answer(
        &mut self,
        old: AnswerId,
        value: Option<AnswerValue>,
    ) -> Result<AnswerRecord, JournalError> {
        let previous = self.answer(old)?;
        let newer: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM answers WHERE replaces = ?1",
                [old.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        if let Some(newer) = newer {
            return Err(JournalError::Refused(format!(
                "answer {} was already revised by {}; revise the latest revision",
                old.short(),
                &newer[..8]
            )));
        }
        let id = AnswerId::new();
        let now = self.clock.stamp();
        insert_answer(
            &self.conn,
            id,
            previous.session_id,
            [
                &previous.pack_id,
                &previous.pack_version,
                &previous.prompt_id,
                &previous.prompt_kind,
                &previous.prompt_text,
            ],
            value.as_ref(),
            Some(old),
            &now,
        )
        .map_err(|e| self.sqlite(e))?;
        self.answer(id)
    }

    /// Revises several answers at once (`pi edit --answers`): every new revision or none.
    /// Each `old` must still be the current revision of its answer.
    pub fn revise_answers(
        &mut self,
        changes: &[(AnswerId, Option<AnswerValue>)],
    ) -> Result<Vec<AnswerRecord>, JournalError> {
        let now = self.clock.stamp();
        let path = self.path.clone();
        let sqlite = |source| JournalError::Sqlite {
            path: path.clone(),
            source,
        };
        let mut made = Vec::new();
        {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(sqlite)?;
            for (old, value) in changes {
                let sql = format!("SELECT {ANSWER_COLUMNS} FROM answers a WHERE a.id = ?1");
                let previous = tx
                    .query_row(&sql, [old.to_string()], read_answer)
                    .optional()
                    .map_err(sqlite)?
                    .ok_or_else(|| JournalError::NotFound(format!("no answer with id {old}")))?
                    .map_err(|m| JournalError::Corrupt {
                        path: path.clone(),
                        message: m,
                    })?;
                let newer = tx
                    .prepare_cached("SELECT 1 FROM answers WHERE replaces = ?1")
                    .and_then(|mut st| st.exists([old.to_string()]))
                    .map_err(sqlite)?;
                if newer {
                    return Err(JournalError::Refused(format!(
                        "answer {} was revised meanwhile (by another pi); nothing was changed, try again",
                        old.short()
                    )));
                }
                let id = AnswerId::new();
                insert_answer(
                    &tx,
                    id,
                    previous.session_id,
                    [
                        &previous.pack_id,
                        &previous.pack_version,
                        &previous.prompt_id,
                        &previous.prompt_kind,
                        &previous.prompt_text,
                    ],
                    value.as_ref(),
                    Some(*old),
                    &now,
                )
                .map_err(sqlite)?;
                made.push(id);
            }
            tx.commit().map_err(sqlite)?;
        }
        made.into_iter().map(|id| self.answer(id)).collect()
    }

    /// One answer revision by id.
    pub fn answer(&self, id: AnswerId) -> Result<AnswerRecord, JournalError> {
        let sql = format!("SELECT {ANSWER_COLUMNS} FROM answers a WHERE a.id = ?1");
        let found = self
            .conn
            .query_row(&sql, [id.to_string()], read_answer)
            .optional()
            .map_err(|e| self.sqlite(e))?;
        match found {
            Some(r) => r.map_err(|m| self.corrupt(m)),
            None => Err(JournalError::NotFound(format!("no answer with id {id}"))),
        }
    }

    /// The current revision of every answer (and skip) in a session, in the order given.
    pub fn session_answers(&self, session: SessionId) -> Result<Vec<AnswerRecord>, JournalError> {
        let sql = format!(
            "SELECT {ANSWER_COLUMNS} FROM answers a WHERE a.session_id = ?1 \
             AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) \
             ORDER BY a.created_at, a.rowid"
        );
        self.query_answers(&sql, &session.to_string())
    }

    /// Every revision of the answer `id` belongs to, oldest first.
    pub fn answer_revisions(&self, id: AnswerId) -> Result<Vec<AnswerRecord>, JournalError> {
        let sql = format!(
            "WITH RECURSIVE back(id, replaces) AS ( \
               SELECT id, replaces FROM answers WHERE id = ?1 \
               UNION ALL SELECT a.id, a.replaces FROM answers a JOIN back ON a.id = back.replaces), \
             fwd(id) AS ( \
               SELECT id FROM answers WHERE id = ?1 \
               UNION ALL SELECT a.id FROM answers a JOIN fwd ON a.replaces = fwd.id) \
             SELECT {ANSWER_COLUMNS} FROM answers a \
             WHERE a.id IN (SELECT id FROM back UNION SELECT id FROM fwd) \
             ORDER BY a.created_at, a.rowid"
        );
        self.query_answers(&sql, &id.to_string())
    }

    /// Current, non-skipped answers of one prompt kind given in `[from, to)`, oldest first:
    /// what the yearly review draws its trends from.
    pub fn answers_of_kind_between(
        &self,
        kind: &str,
        from: &str,
        to: &str,
    ) -> Result<Vec<AnswerRecord>, JournalError> {
        let sql = format!(
            "SELECT {ANSWER_COLUMNS} FROM answers a WHERE a.prompt_kind = ?1 AND a.skipped = 0 \
             AND a.created_at >= ?2 AND a.created_at < ?3 \
             AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) \
             ORDER BY a.created_at, a.rowid"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let rows: Vec<Result<AnswerRecord, String>> = stmt
            .query_map(params![kind, from, to], read_answer)
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|r| r.map_err(|m| self.corrupt(m)))
            .collect()
    }

    fn query_answers(&self, sql: &str, param: &str) -> Result<Vec<AnswerRecord>, JournalError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.sqlite(e))?;
        let rows: Vec<Result<AnswerRecord, String>> = stmt
            .query_map([param], read_answer)
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|r| r.map_err(|m| self.corrupt(m)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::{Depth, Language, Mode};
    use crate::journal::{NewSession, OpenMode, SessionKind, SessionStatus};
    use crate::packs::PackRegistry;

    fn journal(dir: &tempfile::TempDir) -> Journal {
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap()
    }

    #[test]
    fn answers_are_saved_revised_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = journal(&dir);
        let registry = PackRegistry::built_in().unwrap();
        let pack = registry.for_mode(Mode::Verkennen, Language::En).unwrap();
        let session = j
            .create_session(&NewSession {
                kind: SessionKind::Reflect,
                mode: Some(Mode::Verkennen),
                packs: vec![pack],
                context: "Project X".into(),
                language: Language::En,
                depth: Depth::Quick,
            })
            .unwrap();
        assert_eq!(session.status, SessionStatus::InProgress);
        assert_eq!(
            session.prompt_count as usize,
            pack.prompts_for(Depth::Quick).count()
        );

        let prompt = &pack.prompts[0];
        let first = j
            .add_answer(&NewAnswer {
                session: session.id,
                pack,
                prompt,
                value: Some(AnswerValue::Text("first".into())),
            })
            .unwrap();
        assert_eq!(first.prompt_text, prompt.text);
        let second = j
            .revise_answer(first.id, Some(AnswerValue::Text("second".into())))
            .unwrap();
        assert_eq!(second.replaces, Some(first.id));
        let err = j.revise_answer(first.id, None).unwrap_err();
        assert!(err.to_string().contains("already revised"), "{err}");

        let current = j.session_answers(session.id).unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].value, Some(AnswerValue::Text("second".into())));
        let history = j.answer_revisions(second.id).unwrap();
        assert_eq!(
            history.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![first.id, second.id]
        );
        assert_eq!(j.session(session.id).unwrap().answered, 1);
        // The count kept with the session follows revisions, including one that skips.
        let skip = j.revise_answer(second.id, None).unwrap();
        assert_eq!(j.session(session.id).unwrap().answered, 0);
        j.revise_answer(skip.id, Some(AnswerValue::Text("third".into())))
            .unwrap();
        assert_eq!(j.session(session.id).unwrap().answered, 1);

        j.finish_session(session.id).unwrap();
        let found = j.find_session(&session.id.short()).unwrap();
        assert_eq!(found.status, SessionStatus::Finished);
        assert_eq!(j.session_packs(session.id).unwrap()[0].hash, pack.hash);
    }

    #[test]
    fn id_prefixes_must_be_unambiguous() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(&dir);
        assert!(matches!(
            j.find_session("zz"),
            Err(JournalError::NotFound(_))
        ));
        assert!(matches!(
            j.find_session("abc"),
            Err(JournalError::NotFound(_))
        ));
        j.conn
            .execute_batch(
                "INSERT INTO sessions (id, kind, pack_id, pack_version, language, depth, prompt_count, started_at, status) VALUES
                 ('abc00000000000000000000000000001', 'reflect', 'p', '1.0.0', 'en', 'quick', 1, 'x', 'finished'),
                 ('abc00000000000000000000000000002', 'reflect', 'p', '1.0.0', 'en', 'quick', 1, 'x', 'finished');",
            )
            .unwrap();
        assert!(matches!(
            j.find_session("abc"),
            Err(JournalError::Ambiguous(_))
        ));
        assert!(j.find_session("abc00000000000000000000000000002").is_ok());
    }
}
