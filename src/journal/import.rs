//! Merging records from elsewhere into the journal, by UUID, inside ONE transaction: a file
//! that fails anywhere adds nothing. New records are added, identical ones skipped, and a
//! known id with different content is kept as a revision (answers) or reported as a conflict
//! and left as it was (sessions, statements, commitments). Records arrive one at a time, so a
//! reader can stream a large export through here without holding it in memory.
//!
//! The records are the `interchange::format` types, already checked by the reader: ids are
//! canonical UUIDs, timestamps are journal stamps, enums are valid.

use super::error::JournalError;
use super::open::Journal;
use crate::interchange::format::{PackSnapshot, Session};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// Namespace of the ids an import gives to the revisions it creates: derived from what was
/// imported, so importing the same file twice creates the revision once.
pub(super) const REVISION_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x5f1b_8e4e_6c2a_4d4e_9a35_2f0c_7e11_d001);

/// How many records of one kind were added, skipped or revised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// New to this journal.
    pub added: usize,
    /// Already here, identical.
    pub skipped: usize,
    /// Known, but the file differs: kept as a new revision (or, for a session, brought up to
    /// date when it was finished elsewhere).
    pub revised: usize,
    /// Known, but the file differs: the journal's version was kept.
    pub conflicts: usize,
}

impl Tally {
    /// Whether nothing of this kind was in the file.
    pub fn is_empty(&self) -> bool {
        self.added + self.skipped + self.revised + self.conflicts == 0
    }
}

/// What an import did, per record kind, and every record it could not merge silently.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportSummary {
    /// Pack versions, by content hash.
    pub pack_snapshots: Tally,
    /// Sessions (and entries from other tools, which become sessions).
    pub sessions: Tally,
    /// Answer revisions.
    pub answers: Tally,
    /// Statement wordings.
    pub statements: Tally,
    /// Written, kept, let go, restored, revised.
    pub statement_events: Tally,
    /// Commitments.
    pub commitments: Tally,
    /// Their follow-ups.
    pub commitment_events: Tally,
    /// A friend's comments from a reply.
    pub comments: Tally,
    /// A friend's answers to the conversation guide and the owner's question.
    pub guide: Tally,
    /// Records whose session is not in this journal: kept, with the link to it dropped.
    pub detached: usize,
    /// Records left out because they were forgotten here (`pi forget`), or revise or
    /// belong to something that was: a tombstone keeps them out.
    pub forgotten: usize,
    /// Records this journal held that the exporting journal (the person's own, on another
    /// computer) had forgotten: forgotten here too.
    pub forgotten_here: usize,
    /// One line per revision or conflict, naming the record.
    pub notes: Vec<String>,
}

/// Where the records of an import come from: kept with every answer it adds, so a revision
/// that arrived from elsewhere says so in `pi show`.
#[derive(Debug, Clone, Default)]
pub struct ImportOrigin {
    /// `pi`, `jrnl` or `dayone`.
    pub source: &'static str,
    /// The journal that wrote the export (pi exports of format 2).
    pub journal_id: Option<String>,
    /// The device name that journal gave.
    pub journal_name: String,
    /// The export's id.
    pub export_id: Option<String>,
    /// When the export was written.
    pub exported_at: Option<String>,
    /// The file's name as the person gave it.
    pub file_name: String,
    /// The person confirmed the exporting journal as their own: remember it, so its later
    /// exports merge without asking.
    pub adopt: bool,
}

/// An import in progress: one open transaction. Dropping it without [`Importer::finish`]
/// rolls everything back.
pub struct Importer<'j> {
    pub(super) tx: Transaction<'j>,
    pub(super) now: String,
    pub(super) summary: ImportSummary,
    /// The `imports` row the answers of this import point to, once [`Importer::origin`]
    /// has named where they come from.
    pub(super) import_id: Option<String>,
    /// The export came from this very journal: any difference is an edit made to the file.
    pub(super) from_self: bool,
    adopt: Option<(String, String)>,
    /// Snapshot hashes sessions walk, with where they were first named.
    wanted_snapshots: HashMap<String, String>,
    /// Pack versions answers were given in, with where they were first named.
    wanted_packs: HashMap<(String, String), String>,
    /// Answers of sessions new to this journal, inserted together (`import_answers.rs`).
    pub(super) pending: super::import_answers::Pending,
    /// Whether this journal forgot anything (no tombstone to look up otherwise).
    pub(super) any_forgotten: bool,
}

impl Journal {
    /// Starts an import. Foreign keys are checked at the end, so a file may name a pack
    /// snapshot (or a replaced record) before it holds it.
    pub fn begin_import(&mut self) -> Result<Importer<'_>, JournalError> {
        let now = self.clock.stamp();
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .and_then(|tx| {
                tx.pragma_update(None, "defer_foreign_keys", true)?;
                Ok(tx)
            })
            .map_err(|source| JournalError::Sqlite {
                path: path.clone(),
                source,
            })?;
        let any_forgotten = tx
            .query_row("SELECT EXISTS (SELECT 1 FROM tombstones)", [], |r| r.get(0))
            .map_err(|source| JournalError::Sqlite { path, source })?;
        Ok(Importer {
            tx,
            now,
            summary: ImportSummary::default(),
            import_id: None,
            from_self: false,
            adopt: None,
            wanted_snapshots: HashMap::new(),
            wanted_packs: HashMap::new(),
            pending: super::import_answers::Pending::default(),
            any_forgotten,
        })
    }
}

/// The columns of a session compared on import, in the order they are selected.
const SESSION_FIELDS: [&str; 11] = [
    "kind",
    "mode",
    "pack_id",
    "pack_version",
    "context",
    "language",
    "depth",
    "prompt_count",
    "started_at",
    "finished_at",
    "status",
];

/// An SQLite failure during an import, as a journal error.
pub(super) fn db(e: rusqlite::Error) -> JournalError {
    JournalError::Refused(format!("the journal refused the import: {e}"))
}

impl Importer<'_> {
    /// Records where this import's records come from; every answer it adds points to it.
    pub fn origin(&mut self, origin: &ImportOrigin) -> Result<(), JournalError> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.tx
            .execute(
                "INSERT INTO imports (id, source, journal_id, journal_name, export_id, exported_at, \
                 file_name, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    origin.source,
                    origin.journal_id,
                    origin.journal_name,
                    origin.export_id,
                    origin.exported_at,
                    origin.file_name,
                    self.now
                ],
            )
            .map_err(db)?;
        let own: Option<String> = self
            .tx
            .query_row("SELECT journal_id FROM journal_identity", [], |r| r.get(0))
            .optional()
            .map_err(db)?;
        self.from_self = origin.journal_id.is_some() && origin.journal_id == own;
        if origin.adopt
            && !self.from_self
            && let Some(journal) = &origin.journal_id
        {
            self.adopt = Some((journal.clone(), origin.journal_name.clone()));
        }
        self.import_id = Some(id);
        Ok(())
    }

    /// Adds a pack snapshot unless the same content (same hash) is here.
    pub fn snapshot(&mut self, s: &PackSnapshot) -> Result<(), JournalError> {
        let added = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, language, toml, saved_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut st| {
                st.execute(params![s.hash, s.pack_id, s.version, s.language, s.toml, self.now])
            })
            .map_err(db)?;
        bump(&mut self.summary.pack_snapshots, added == 1);
        Ok(())
    }

    /// Merges one session and its answers. `path` says where the file holds it
    /// (`sessions[3]`), for messages.
    pub fn session(&mut self, path: &str, s: &Session) -> Result<(), JournalError> {
        if self.forgotten("session", &s.id)? {
            self.summary.forgotten += 1 + s.answers.len();
            return Ok(());
        }
        let at = format!("{path} (id {})", short(&s.id));
        self.pending.end_session();
        let local: Option<Vec<Option<String>>> = self
            .tx
            .prepare_cached(
                "SELECT kind, mode, pack_id, pack_version, context, language, depth, \
                 CAST(prompt_count AS TEXT), started_at, finished_at, status \
                 FROM sessions WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([&s.id], |r| {
                    (0..SESSION_FIELDS.len()).map(|i| r.get(i)).collect()
                })
                .optional()
            })
            .map_err(db)?;
        match local {
            None => {
                self.insert_session(s)?;
                self.summary.sessions.added += 1;
                // Nothing here refers to a session that was not here: its answers can wait
                // and go in together.
                if self.pending.full() {
                    self.flush_answers()?;
                }
                self.pending.begin_session(&s.id);
            }
            Some(local) => {
                self.flush_answers()?;
                let file = [
                    Some(s.kind.clone()),
                    s.mode.clone(),
                    Some(s.pack_id.clone()),
                    Some(s.pack_version.clone()),
                    Some(s.context.clone()),
                    Some(s.language.clone()),
                    Some(s.depth.clone()),
                    Some(s.prompt_count.to_string()),
                    Some(s.started_at.clone()),
                    s.finished_at.clone(),
                    Some(s.status.clone()),
                ];
                let differ: Vec<&str> = SESSION_FIELDS
                    .iter()
                    .zip(local.iter().zip(&file))
                    .filter(|(_, (here, there))| here != there)
                    .map(|(name, _)| *name)
                    .collect();
                // An entry from another tool whose only difference is its time: the same
                // naive local time read in another time zone, not another entry.
                let same_entry = s.kind == "journal"
                    && differ
                        .iter()
                        .all(|f| ["started_at", "finished_at"].contains(f));
                let finished_elsewhere = local[10].as_deref() == Some("in_progress")
                    && s.status == "finished"
                    && differ.iter().all(|f| ["finished_at", "status"].contains(f));
                if differ.is_empty() || same_entry {
                    self.summary.sessions.skipped += 1;
                } else if finished_elsewhere {
                    // Finished on the other computer: the only change a session ever makes.
                    self.tx
                        .execute(
                            "UPDATE sessions SET status = 'finished', finished_at = ?2 WHERE id = ?1",
                            params![s.id, s.finished_at],
                        )
                        .map_err(db)?;
                    self.summary.sessions.revised += 1;
                    self.summary.notes.push(format!(
                        "{at}: finished elsewhere; marked finished here too"
                    ));
                } else {
                    self.summary.sessions.conflicts += 1;
                    self.summary.notes.push(format!(
                        "{at}: its {} differ from the session with this id here; kept this journal's",
                        differ.join(", ")
                    ));
                }
            }
        }
        if s.kind != "journal" {
            for hash in &s.packs {
                self.wanted_snapshots
                    .entry(hash.clone())
                    .or_insert_with(|| at.clone());
            }
        }
        let order = super::import_answers::revision_order(&s.answers).map_err(|index| {
            JournalError::Refused(format!(
                "{path}.answers[{index}] (id {}): its revisions replace each other in a circle",
                short(&s.answers[index].id)
            ))
        })?;
        for (index, answer) in order {
            let here = format!("{path}.answers[{index}] (id {})", short(&answer.id));
            if s.kind != "journal" {
                self.wanted_packs
                    .entry((answer.pack_id.clone(), answer.pack_version.clone()))
                    .or_insert_with(|| here.clone());
            }
            self.answer(&here, &s.id, answer)?;
        }
        Ok(())
    }

    fn insert_session(&mut self, s: &Session) -> Result<(), JournalError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, \
                 depth, prompt_count, started_at, finished_at, status, starred) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    s.id,
                    s.kind,
                    s.mode,
                    s.pack_id,
                    s.pack_version,
                    s.context,
                    s.language,
                    s.depth,
                    s.prompt_count,
                    s.started_at,
                    s.finished_at,
                    s.status,
                    s.starred
                ])
            })
            .map_err(db)?;
        for (position, hash) in s.packs.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO session_packs (session_id, position, snapshot_hash) VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut st| st.execute(params![s.id, position as i64, hash]))
                .map_err(db)?;
        }
        Ok(())
    }

    /// Checks what could only be checked once everything was read, then commits.
    pub fn finish(mut self) -> Result<ImportSummary, JournalError> {
        self.flush_answers()?;
        for (hash, at) in sorted(&self.wanted_snapshots) {
            if !self.exists("SELECT 1 FROM pack_snapshots WHERE hash = ?1", &[hash])? {
                return Err(JournalError::Refused(format!(
                    "{at}: walks pack snapshot {}, which is neither in the file's pack_snapshots nor in this journal",
                    short(hash)
                )));
            }
        }
        for ((pack, version), at) in sorted(&self.wanted_packs) {
            if !self.exists(
                "SELECT 1 FROM pack_snapshots WHERE pack_id = ?1 AND version = ?2",
                &[pack, version],
            )? {
                return Err(JournalError::Refused(format!(
                    "{at}: answers pack {pack}@{version}, which is neither in the file's pack_snapshots nor in this journal"
                )));
            }
        }
        // A selection may carry statements and commitments without the session they came
        // from: keep them, without the link.
        for table in [
            "statements",
            "statement_events",
            "commitments",
            "commitment_events",
        ] {
            self.summary.detached += self
                .tx
                .execute(
                    &format!(
                        "UPDATE {table} SET session_id = NULL WHERE session_id IS NOT NULL \
                         AND session_id NOT IN (SELECT id FROM sessions)"
                    ),
                    [],
                )
                .map_err(db)?;
        }
        self.check_foreign_keys()?;
        self.check_statement_chains()?;
        if let Some((journal, name)) = &self.adopt {
            self.tx
                .execute(
                    "INSERT OR IGNORE INTO known_journals (journal_id, name, first_merged_at) \
                     VALUES (?1, ?2, ?3)",
                    params![journal, name, self.now],
                )
                .map_err(db)?;
        }
        if let Some(id) = &self.import_id {
            // An import that added no answer leaves no trace of itself.
            self.tx
                .execute(
                    "DELETE FROM imports WHERE id = ?1 \
                     AND NOT EXISTS (SELECT 1 FROM answers WHERE import_id = ?1)",
                    [id],
                )
                .map_err(db)?;
        }
        self.tx.commit().map_err(db)?;
        Ok(self.summary)
    }

    /// Whether a record of `kind` with `id` was forgotten in this journal.
    pub(super) fn forgotten(&self, kind: &str, id: &str) -> Result<bool, JournalError> {
        if !self.any_forgotten {
            return Ok(false);
        }
        self.exists(
            "SELECT 1 FROM tombstones WHERE kind = ?1 AND id = ?2",
            &[kind, id],
        )
    }

    /// Leaves a record out for good: it revises (or belongs to) something forgotten, so a
    /// later import of another copy finds its tombstone too.
    pub(super) fn forget_too(&mut self, kind: &str, id: &str) -> Result<(), JournalError> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO tombstones (kind, id, forgotten_at) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut st| st.execute(params![kind, id, self.now]))
            .map_err(db)?;
        self.summary.forgotten += 1;
        Ok(())
    }

    fn exists(&self, sql: &str, values: &[&str]) -> Result<bool, JournalError> {
        self.tx
            .prepare_cached(sql)
            .and_then(|mut st| st.exists(rusqlite::params_from_iter(values)))
            .map_err(db)
    }

    /// Any reference still dangling names a record the file promised but did not hold.
    fn check_foreign_keys(&self) -> Result<(), JournalError> {
        let found: Option<(String, i64, String)> = self
            .tx
            .query_row("PRAGMA foreign_key_check", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(db)?;
        let Some((table, rowid, parent)) = found else {
            return Ok(());
        };
        let id: String = self
            .tx
            .query_row(
                &format!("SELECT {} FROM {table} WHERE rowid = ?1", id_column(&table)),
                [rowid],
                |r| r.get(0),
            )
            .unwrap_or_default();
        Err(JournalError::Refused(format!(
            "{} {} refers to a record in {parent} that is neither in the file nor in this journal",
            table.trim_end_matches('s'),
            short(&id)
        )))
    }
}

impl Importer<'_> {
    /// Statements that replace each other in a circle could never be tidied: refused.
    fn check_statement_chains(&self) -> Result<(), JournalError> {
        let circle: Option<String> = self
            .tx
            .query_row(
                "WITH RECURSIVE chain(start, id, steps) AS ( \
                     SELECT id, replaces, 1 FROM statements WHERE replaces IS NOT NULL \
                     UNION ALL \
                     SELECT c.start, s.replaces, c.steps + 1 FROM chain c \
                     JOIN statements s ON s.id = c.id \
                     WHERE s.replaces IS NOT NULL AND c.id != c.start AND c.steps < 10000) \
                 SELECT start FROM chain WHERE id = start LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)?;
        match circle {
            Some(id) => Err(JournalError::Refused(format!(
                "statement {} replaces itself through a circle of revisions; a statement can only revise an earlier one",
                short(&id)
            ))),
            None => Ok(()),
        }
    }
}

fn id_column(table: &str) -> &'static str {
    match table {
        "session_packs" => "session_id",
        _ => "id",
    }
}

fn sorted<K: Ord, V>(map: &HashMap<K, V>) -> Vec<(&K, &V)> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

pub(super) fn bump(tally: &mut Tally, added: bool) {
    if added {
        tally.added += 1;
    } else {
        tally.skipped += 1;
    }
}

/// The first eight characters of an id, marked as cut.
pub(super) fn short(id: &str) -> String {
    format!("{}…", id.chars().take(8).collect::<String>())
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
