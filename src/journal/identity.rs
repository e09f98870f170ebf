//! Which journal this is, which other journals are the same person's, and what each JSON
//! export shared. An export carries its journal's id, so `pi import` can tell a person's own
//! other computer from someone else's journal; a friend's reply names its export, so it can
//! only comment on records that export held.

use super::error::JournalError;
use super::open::Journal;
use rusqlite::{OptionalExtension, params};

/// This journal's identity, made once when the journal was created (or first migrated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalIdentity {
    /// 32 hex digits.
    pub journal_id: String,
    /// When the identity was made.
    pub created_at: String,
}

/// What a JSON export shared, by kind, recorded so that replies can be checked against it.
#[derive(Debug, Default, Clone)]
pub struct SharedRecords {
    /// Session ids (their answers as of the export went with them).
    pub sessions: Vec<String>,
    /// Statement ids.
    pub statements: Vec<String>,
    /// Commitment ids.
    pub commitments: Vec<String>,
}

/// A record a friend may comment on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedKind {
    /// An answer revision (shared with its session).
    Answer,
    /// A statement wording.
    Statement,
    /// A commitment.
    Commitment,
}

/// Where a revision that arrived by import came from, so `pi show` can say that it was not
/// typed here.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnswerOrigin {
    /// The device name of the journal that wrote the export; empty when it gave none.
    pub journal_name: String,
    /// Whether that journal is another one than this.
    pub other_journal: bool,
    /// The file it was imported from, as the person named it.
    pub file_name: String,
    /// When it was imported.
    pub imported_at: String,
}

impl Journal {
    /// Where answer revision `answer` came from, when it arrived by import and revises an
    /// earlier answer; `None` for answers given here and first answers.
    pub fn revision_origin(&self, answer: &str) -> Result<Option<AnswerOrigin>, JournalError> {
        self.conn
            .query_row(
                "SELECT i.journal_name, \
                        i.journal_id IS NOT NULL AND i.journal_id != (SELECT journal_id FROM journal_identity), \
                        i.file_name, i.imported_at \
                 FROM answers a JOIN imports i ON i.id = a.import_id \
                 WHERE a.id = ?1 AND a.replaces IS NOT NULL",
                [answer],
                |r| {
                    Ok(AnswerOrigin {
                        journal_name: r.get(0)?,
                        other_journal: r.get(1)?,
                        file_name: r.get(2)?,
                        imported_at: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }

    /// This journal's identity.
    pub fn identity(&self) -> Result<JournalIdentity, JournalError> {
        self.conn
            .query_row(
                "SELECT journal_id, created_at FROM journal_identity WHERE only_row = 1",
                [],
                |r| {
                    Ok(JournalIdentity {
                        journal_id: r.get(0)?,
                        created_at: r.get(1)?,
                    })
                },
            )
            .map_err(|e| self.sqlite(e))
    }

    /// The name this journal knows another journal by, when the person has confirmed it as
    /// their own (or it is this journal itself).
    pub fn known_journal(&self, journal_id: &str) -> Result<Option<String>, JournalError> {
        if self.identity()?.journal_id == journal_id {
            return Ok(Some(String::new()));
        }
        self.conn
            .query_row(
                "SELECT name FROM known_journals WHERE journal_id = ?1",
                [journal_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }

    /// Remembers what a JSON export shared, in one transaction, so a reply to it can be
    /// checked later.
    pub fn record_export(
        &mut self,
        export_id: &str,
        exported_at: &str,
        shared: &SharedRecords,
    ) -> Result<(), JournalError> {
        let path = self.path.clone();
        let sqlite = |source| JournalError::Sqlite {
            path: path.clone(),
            source,
        };
        // The `kind IN (..)` check of export_items builds a small table on every insert, most
        // of the cost of each; the kinds written here are this code's own three words. The
        // checks are back on before this returns, whatever happened.
        self.conn
            .pragma_update(None, "ignore_check_constraints", true)
            .map_err(sqlite)?;
        let result = (|| {
            let tx = self.conn.transaction()?;
            tx.execute(
                "INSERT OR IGNORE INTO exports (id, exported_at) VALUES (?1, ?2)",
                params![export_id, exported_at],
            )?;
            {
                let mut insert = tx.prepare(
                    "INSERT OR IGNORE INTO export_items (export_id, kind, item_id) VALUES (?1, ?2, ?3)",
                )?;
                // In the table's key order, so each row lands at the end of its index.
                for (kind, ids) in [
                    ("commitment", &shared.commitments),
                    ("session", &shared.sessions),
                    ("statement", &shared.statements),
                ] {
                    let mut ids: Vec<&String> = ids.iter().collect();
                    ids.sort_unstable();
                    for id in ids {
                        insert.execute(params![export_id, kind, id])?;
                    }
                }
            }
            tx.commit()
        })();
        let reset = self
            .conn
            .pragma_update(None, "ignore_check_constraints", false);
        result.and(reset).map_err(sqlite)
    }

    /// When the export with this id was made here; `None` for an export this journal did
    /// not write.
    pub fn export_made_at(&self, export_id: &str) -> Result<Option<String>, JournalError> {
        self.conn
            .query_row(
                "SELECT exported_at FROM exports WHERE id = ?1",
                [export_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }
}

/// The SQL that says whether a record of `kind` (id `?2`) was in export `?1`: an answer
/// counts when its session was shared and the revision existed when the export was made.
pub(super) fn shared_sql(kind: SharedKind) -> &'static str {
    match kind {
        SharedKind::Answer => {
            "SELECT 1 FROM answers a JOIN exports e ON e.id = ?1 \
             JOIN export_items i ON i.export_id = e.id AND i.kind = 'session' AND i.item_id = a.session_id \
             WHERE a.id = ?2 AND a.created_at <= e.exported_at"
        }
        SharedKind::Statement => {
            "SELECT 1 FROM export_items WHERE export_id = ?1 AND kind = 'statement' AND item_id = ?2"
        }
        SharedKind::Commitment => {
            "SELECT 1 FROM export_items WHERE export_id = ?1 AND kind = 'commitment' AND item_id = ?2"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, parse_stamp};
    use crate::journal::OpenMode;

    fn journal(dir: &std::path::Path, name: &str) -> Journal {
        let clock = Clock::fixed(parse_stamp("2026-11-23T10:00:00Z").unwrap());
        Journal::open(&dir.join(name), OpenMode::Create, clock).unwrap()
    }

    #[test]
    fn every_journal_has_its_own_lasting_id() {
        let dir = tempfile::tempdir().unwrap();
        let a = journal(dir.path(), "a.db");
        let b = journal(dir.path(), "b.db");
        let id = a.identity().unwrap().journal_id;
        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(id, b.identity().unwrap().journal_id);
        drop(a);
        let again = journal(dir.path(), "a.db");
        assert_eq!(again.identity().unwrap().journal_id, id);
        assert_eq!(again.known_journal(&id).unwrap(), Some(String::new()));
        assert_eq!(
            again
                .known_journal(&b.identity().unwrap().journal_id)
                .unwrap(),
            None
        );
    }

    #[test]
    fn an_export_is_remembered_with_what_it_shared() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = journal(dir.path(), "j.db");
        let shared = SharedRecords {
            sessions: vec!["s1".into()],
            statements: vec!["st1".into(), "st2".into()],
            commitments: vec![],
        };
        j.record_export("e1", "2026-11-23T10:00:00.000Z", &shared)
            .unwrap();
        assert_eq!(
            j.export_made_at("e1").unwrap().as_deref(),
            Some("2026-11-23T10:00:00.000Z")
        );
        assert_eq!(j.export_made_at("e2").unwrap(), None);
        let has = |kind, id: &str| {
            j.conn
                .prepare(shared_sql(kind))
                .unwrap()
                .exists(params!["e1", id])
                .unwrap()
        };
        assert!(has(SharedKind::Statement, "st2"));
        assert!(!has(SharedKind::Statement, "st3"));
        assert!(!has(SharedKind::Commitment, "st1"));
        // The checks skipped while recording are on again afterwards.
        let wrong = j.conn.execute(
            "INSERT INTO export_items (export_id, kind, item_id) VALUES ('e1', 'answer', 'x')",
            [],
        );
        assert!(wrong.is_err(), "the kind check is back on");
        let check: i64 = j
            .conn
            .pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))
            .unwrap();
        assert_eq!(check, 0);
    }
}
