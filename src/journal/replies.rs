//! The owner's side of a friend's reply beyond comments on records: the friend's answers to
//! the conversation guide and to the owner's own question (about a whole export), each reply
//! as it arrived (for `pi status`), and the question an export was made with.

use super::error::JournalError;
use super::import::{Importer, bump, db};
use super::open::Journal;
use crate::domain::SessionId;
use crate::interchange::format::{GuideAnswer, Reply};
use rusqlite::params;

/// A friend's answer to a question about the whole export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FriendAnswer {
    /// The friend's name.
    pub friend: String,
    /// The guide prompt's id, or `ask` for the owner's own question.
    pub prompt_id: String,
    /// The question as the friend read it.
    pub question: String,
    /// The answer.
    pub text: String,
    /// When the friend wrote it.
    pub created_at: String,
    /// The export it is about.
    pub export_id: String,
}

/// A reply that arrived, as `pi status` mentions it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArrivedReply {
    /// The friend's name.
    pub friend: String,
    /// The export it answers.
    pub export_id: String,
    /// When the export was made.
    pub exported_at: String,
    /// When the reply was imported here.
    pub imported_at: String,
    /// How many comments on records it held.
    pub comments: i64,
    /// How many answers to the guide it held.
    pub answers: i64,
    /// The first session of the export (where `pi show` shows the reply), if any.
    pub first_session: Option<String>,
}

impl Importer<'_> {
    /// Attaches a friend's answer to the guide (or the owner's question); known ids are
    /// skipped.
    pub fn guide_answer(
        &mut self,
        export_id: &str,
        friend: &str,
        g: &GuideAnswer,
    ) -> Result<(), JournalError> {
        let added = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO friend_answers \
                 (id, export_id, friend, prompt_id, question, text, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    g.id,
                    export_id,
                    friend,
                    g.prompt_id,
                    g.question,
                    g.text,
                    g.created_at
                ])
            })
            .map_err(db)?;
        bump(&mut self.summary.guide, added == 1);
        Ok(())
    }

    /// Remembers that `reply` arrived (once per reply).
    pub fn reply_arrived(&mut self, reply: &Reply) -> Result<(), JournalError> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO friend_replies \
                 (export_id, friend, written_at, imported_at, comments, answers) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    reply.export_id,
                    reply.friend,
                    reply.written_at,
                    self.now,
                    reply.comments.len() as i64,
                    reply.guide.len() as i64
                ])
            })
            .map_err(db)?;
        Ok(())
    }
}

impl Journal {
    /// Remembers the owner's question and the format of an export made here.
    pub fn note_export(
        &mut self,
        export_id: &str,
        format: &str,
        ask: Option<&str>,
    ) -> Result<(), JournalError> {
        self.conn
            .execute(
                "UPDATE exports SET format = ?2, ask = ?3 WHERE id = ?1",
                params![export_id, format, ask],
            )
            .map_err(|e| self.sqlite(e))?;
        Ok(())
    }

    /// Friends' answers about the exports that shared `session`, oldest first.
    pub fn friend_answers(&self, session: SessionId) -> Result<Vec<FriendAnswer>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.friend, f.prompt_id, f.question, f.text, f.created_at, f.export_id \
                 FROM friend_answers f JOIN export_items i ON i.export_id = f.export_id \
                 WHERE i.kind = 'session' AND i.item_id = ?1 ORDER BY f.created_at, f.rowid",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([session.to_string()], |r| {
            Ok(FriendAnswer {
                friend: r.get(0)?,
                prompt_id: r.get(1)?,
                question: r.get(2)?,
                text: r.get(3)?,
                created_at: r.get(4)?,
                export_id: r.get(5)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// Comments on one commitment, oldest first.
    pub fn commitment_comments(
        &self,
        commitment: &str,
    ) -> Result<Vec<super::FriendComment>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, friend, text, created_at, export_id FROM friend_comments \
                 WHERE target_kind = 'commitment' AND target_id = ?1 ORDER BY created_at, rowid",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([commitment], |r| {
            Ok(super::FriendComment {
                id: r.get(0)?,
                friend: r.get(1)?,
                text: r.get(2)?,
                created_at: r.get(3)?,
                export_id: r.get(4)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// Replies imported at or after `since` (an RFC 3339 stamp), the latest first.
    pub fn replies_since(&self, since: &str) -> Result<Vec<ArrivedReply>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.friend, r.export_id, e.exported_at, r.imported_at, r.comments, r.answers, \
                 (SELECT i.item_id FROM export_items i JOIN sessions s ON s.id = i.item_id \
                  WHERE i.export_id = r.export_id AND i.kind = 'session' \
                  ORDER BY s.started_at LIMIT 1) \
                 FROM friend_replies r JOIN exports e ON e.id = r.export_id \
                 WHERE r.imported_at >= ?1 ORDER BY r.imported_at DESC, r.written_at DESC",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([since], |r| {
            Ok(ArrivedReply {
                friend: r.get(0)?,
                export_id: r.get(1)?,
                exported_at: r.get(2)?,
                imported_at: r.get(3)?,
                comments: r.get(4)?,
                answers: r.get(5)?,
                first_session: r.get(6)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }
}
