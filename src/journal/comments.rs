//! What professional friends wrote back: comments and questions under the owner's answers and
//! statements, attached by importing a friend's reply (see `import_records.rs`). Kept in their
//! own table so a friend's words never mix with the owner's answers.

use super::error::JournalError;
use super::open::Journal;
use crate::domain::{SessionId, StatementId};
use rusqlite::params;
use std::collections::HashMap;

/// One comment from a friend.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FriendComment {
    /// The comment's id.
    pub id: String,
    /// The friend's name as they gave it.
    pub friend: String,
    /// What they wrote.
    pub text: String,
    /// When they wrote it (RFC 3339).
    pub created_at: String,
    /// The export they were reading.
    pub export_id: String,
}

/// Comments on the answers of one session, by the prompt they are about.
pub type PromptComments = HashMap<(String, String), Vec<FriendComment>>;

impl Journal {
    /// Comments on any revision of the answers in `session`, keyed by (pack id, prompt id):
    /// a comment on an earlier revision still belongs under the prompt. Oldest first.
    pub fn answer_comments(&self, session: SessionId) -> Result<PromptComments, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.pack_id, a.prompt_id, c.id, c.friend, c.text, c.created_at, c.export_id \
                 FROM friend_comments c JOIN answers a ON a.id = c.target_id \
                 WHERE c.target_kind = 'answer' AND a.session_id = ?1 \
                 ORDER BY c.created_at, c.rowid",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows: Vec<(String, String, FriendComment)> = stmt
            .query_map(params![session.to_string()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    FriendComment {
                        id: r.get(2)?,
                        friend: r.get(3)?,
                        text: r.get(4)?,
                        created_at: r.get(5)?,
                        export_id: r.get(6)?,
                    },
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        let mut out = PromptComments::new();
        for (pack, prompt, comment) in rows {
            out.entry((pack, prompt)).or_default().push(comment);
        }
        Ok(out)
    }

    /// The friends' comments `prefix` names: the one comment whose id starts with it, or
    /// else every comment of the replies to the one export whose id starts with it.
    pub fn find_reply(&self, prefix: &str) -> Result<Vec<FriendComment>, JournalError> {
        let wanted = prefix.trim().to_ascii_lowercase().replace('-', "");
        let none = || {
            JournalError::NotFound(format!(
                "no friend's comment or reply starts with '{prefix}'; `pi show ID --json` lists each comment's id"
            ))
        };
        if wanted.is_empty() || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(none());
        }
        let read = |column: &str| -> Result<Vec<FriendComment>, JournalError> {
            let mut stmt = self
                .conn
                .prepare(&format!(
                    "SELECT id, friend, text, created_at, export_id FROM friend_comments \
                     WHERE {column} >= ?1 AND {column} < ?2 ORDER BY created_at, rowid"
                ))
                .map_err(|e| self.sqlite(e))?;
            stmt.query_map(params![wanted, format!("{wanted}g")], |r| {
                Ok(FriendComment {
                    id: r.get(0)?,
                    friend: r.get(1)?,
                    text: r.get(2)?,
                    created_at: r.get(3)?,
                    export_id: r.get(4)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))
        };
        let comments = read("id")?;
        match comments.len() {
            1 => return Ok(comments),
            0 => {}
            n => {
                return Err(JournalError::Ambiguous(format!(
                    "'{prefix}' fits {n} comments; type more of the id"
                )));
            }
        }
        let replies = read("export_id")?;
        let exports: std::collections::BTreeSet<&str> =
            replies.iter().map(|c| c.export_id.as_str()).collect();
        match exports.len() {
            0 => Err(none()),
            1 => Ok(replies),
            n => Err(JournalError::Ambiguous(format!(
                "'{prefix}' fits the replies to {n} exports; type more of the id"
            ))),
        }
    }

    /// Comments on one statement wording, oldest first.
    pub fn statement_comments(
        &self,
        statement: StatementId,
    ) -> Result<Vec<FriendComment>, JournalError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, friend, text, created_at, export_id FROM friend_comments \
                 WHERE target_kind = 'statement' AND target_id = ?1 ORDER BY created_at, rowid",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map(params![statement.to_string()], |r| {
            Ok(FriendComment {
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
}
