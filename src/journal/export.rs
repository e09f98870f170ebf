//! Reading a chosen part of the journal for `pi export`, record by record.
//!
//! When the criteria leave out no session (`--since 1900`), the sessions are read straight
//! from their table. Otherwise the chosen ones go into a temporary table (ids only: small
//! even for ten thousand sessions; its index is built after it is filled, which is three
//! times quicker than keeping it while inserting). Everything else is read through cursors
//! joined to the choice and handed to a callback one session, statement or commitment at a
//! time, so an export of any size keeps memory flat. It all happens inside one read
//! transaction: a `pi reflect` running at the same moment cannot make the export half old,
//! half new. Answer values are handed on as stored ([`StoredValue`]), checked but not parsed.
//!
//! Records come out as the export format's own types (`interchange::format`), which are a
//! faithful image of these tables. A reference to a session outside the selection is left
//! out (`null`), so an export never points at something it does not contain.

use super::error::JournalError;
use super::open::Journal;
use crate::domain::{Mode, SessionId};
use crate::interchange::format::{Answer, PackSnapshot, Session, StoredValue};
use std::collections::HashSet;

/// Which sessions to export. Every criterion given must hold.
#[derive(Debug, Default, Clone)]
pub struct ExportQuery {
    /// Exactly these sessions (resolved ids); empty for no restriction.
    pub ids: Vec<SessionId>,
    /// Started at or after this stamp (RFC 3339).
    pub from: Option<String>,
    /// Started before this stamp.
    pub to: Option<String>,
    /// Any of these; empty for no restriction.
    pub modes: Vec<ModeMatch>,
    /// A case-insensitive piece of the context.
    pub context: Option<String>,
}

/// What `--mode` can name: one of the three modes, or the yearly review (which has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeMatch {
    /// Sessions of this mode.
    Mode(Mode),
    /// `pi review` sessions.
    Review,
}

/// The chosen sessions, ready to be read. Dropping it ends the read transaction.
#[derive(Debug)]
pub struct ExportSelection<'j> {
    pub(super) journal: &'j Journal,
    count: usize,
    /// Every session is chosen: no table of ids was made.
    all: bool,
}

impl Journal {
    /// Chooses the sessions `query` names, oldest first.
    pub fn select_for_export(
        &self,
        query: &ExportQuery,
    ) -> Result<ExportSelection<'_>, JournalError> {
        // A temporary table of ids goes to a file-backed temporary database with a small
        // cache, so even a huge selection costs no more than a few hundred kilobytes; it
        // holds ids only (everything else is sorted in memory, never by SQLite).
        if let Err(e) = self.conn.execute_batch(
            "PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -256; BEGIN DEFERRED;",
        ) {
            let _ = self
                .conn
                .execute_batch("ROLLBACK; PRAGMA temp_store = DEFAULT;");
            return Err(self.sqlite(e));
        }
        // From here on, dropping the selection rolls back (and so removes any temp table).
        let mut selection = ExportSelection {
            journal: self,
            count: 0,
            all: false,
        };
        if let Some(count) = self.everything_chosen(query)? {
            selection.all = true;
            selection.count = count;
            return Ok(selection);
        }
        self.conn
            .execute_batch(
                "CREATE TEMP TABLE pi_export_selection (position INTEGER PRIMARY KEY, id TEXT NOT NULL);",
            )
            .map_err(|e| self.sqlite(e))?;
        selection.count = self.fill_selection(query)?;
        self.conn
            .execute_batch(
                "CREATE UNIQUE INDEX temp.pi_export_selection_by_id ON pi_export_selection (id);",
            )
            .map_err(|e| self.sqlite(e))?;
        Ok(selection)
    }

    /// The number of sessions, when `query` leaves out none of them (only a period that
    /// holds them all: `--since 1900`); `None` when it chooses.
    fn everything_chosen(&self, query: &ExportQuery) -> Result<Option<usize>, JournalError> {
        if !query.ids.is_empty() || !query.modes.is_empty() || query.context.is_some() {
            return Ok(None);
        }
        let (first, last): (Option<String>, Option<String>) = self
            .conn
            .query_row(
                "SELECT min(started_at), max(started_at) FROM sessions",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sqlite(e))?;
        let from_ok = match (&query.from, &first) {
            (Some(from), Some(first)) => from <= first,
            _ => true,
        };
        let to_ok = match (&query.to, &last) {
            (Some(to), Some(last)) => last < to,
            _ => true,
        };
        if !(from_ok && to_ok) {
            return Ok(None);
        }
        self.session_count().map(Some)
    }

    fn fill_selection(&self, query: &ExportQuery) -> Result<usize, JournalError> {
        let sqlite = |e| self.sqlite(e);
        let ids: HashSet<String> = query.ids.iter().map(ToString::to_string).collect();
        let context = query.context.as_deref().map(str::to_lowercase);
        let mut scan = self
            .conn
            .prepare(
                "SELECT id, kind, mode, context FROM sessions \
                 WHERE started_at >= ?1 AND (?2 IS NULL OR started_at < ?2) \
                 ORDER BY started_at, rowid",
            )
            .map_err(sqlite)?;
        let mut insert = self
            .conn
            .prepare("INSERT INTO temp.pi_export_selection (id, position) VALUES (?1, ?2)")
            .map_err(sqlite)?;
        let from = query.from.clone().unwrap_or_default();
        let mut rows = scan.query((from, query.to.clone())).map_err(sqlite)?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(sqlite)? {
            let id: String = row.get(0).map_err(sqlite)?;
            let kind: String = row.get(1).map_err(sqlite)?;
            let mode: Option<String> = row.get(2).map_err(sqlite)?;
            let text: String = row.get(3).map_err(sqlite)?;
            let mode_ok = query.modes.is_empty()
                || query.modes.iter().any(|m| match m {
                    ModeMatch::Mode(m) => mode.as_deref() == Some(m.id()),
                    ModeMatch::Review => kind == "review",
                });
            let context_ok = context
                .as_ref()
                .is_none_or(|c| text.to_lowercase().contains(c.as_str()));
            if mode_ok && context_ok && (ids.is_empty() || ids.contains(&id)) {
                insert.execute((&id, count as i64)).map_err(sqlite)?;
                count += 1;
            }
        }
        Ok(count)
    }
}

impl ExportSelection<'_> {
    /// `IN` this to keep a session reference only when that session is exported.
    pub(super) fn selected(&self) -> &'static str {
        if self.all {
            "(SELECT id FROM main.sessions)"
        } else {
            "(SELECT id FROM temp.pi_export_selection)"
        }
    }

    /// How many sessions were chosen.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Of `prompt_ids`, those no chosen session has an answer to: most likely typing
    /// mistakes, and a mistyped `--exclude-prompt` would share what was meant to stay home.
    pub fn unanswered_prompts(&self, prompt_ids: &[String]) -> Result<Vec<String>, JournalError> {
        let j = self.journal;
        let mut stmt = j
            .conn
            .prepare(&format!(
                "SELECT 1 FROM answers WHERE prompt_id = ?1 AND session_id IN {} LIMIT 1",
                self.selected()
            ))
            .map_err(|e| j.sqlite(e))?;
        let mut missing = Vec::new();
        for id in prompt_ids {
            if !stmt.exists([id]).map_err(|e| j.sqlite(e))? {
                missing.push(id.clone());
            }
        }
        Ok(missing)
    }

    /// The pack versions the chosen sessions walk: one each, however many sessions used it.
    pub fn snapshots(&self) -> Result<Vec<PackSnapshot>, JournalError> {
        let j = self.journal;
        let mut stmt = j
            .conn
            .prepare(&format!(
                "SELECT hash, pack_id, version, language, toml FROM pack_snapshots \
                 WHERE hash IN (SELECT snapshot_hash FROM session_packs WHERE session_id IN {})",
                self.selected()
            ))
            .map_err(|e| j.sqlite(e))?;
        let mut all: Vec<PackSnapshot> = stmt
            .query_map([], |r| {
                Ok(PackSnapshot {
                    hash: r.get(0)?,
                    pack_id: r.get(1)?,
                    version: r.get(2)?,
                    language: r.get(3)?,
                    toml: r.get(4)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| j.sqlite(e))?;
        all.sort_by(|a, b| {
            (&a.pack_id, &a.language, &a.version, &a.hash).cmp(&(
                &b.pack_id,
                &b.language,
                &b.version,
                &b.hash,
            ))
        });
        Ok(all)
    }

    /// Hands each chosen session to `each`, oldest first, with every answer revision except
    /// those to a prompt in `exclude`; the values as stored, checked to be answer values.
    pub fn for_each_session<E: From<JournalError>>(
        &self,
        exclude: &[String],
        mut each: impl FnMut(Session<StoredValue>) -> Result<(), E>,
    ) -> Result<(), E> {
        let j = self.journal;
        let sqlite = |e| j.sqlite(e);
        const COLUMNS: &str = "s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, \
            s.language, s.depth, s.prompt_count, s.started_at, s.finished_at, s.status, s.starred";
        // Both read in the selection's order without a sort: every session along
        // `sessions_by_start`, or the chosen ones with CROSS JOIN keeping their table as the
        // outer loop.
        let mut sessions = j
            .conn
            .prepare(&if self.all {
                format!("SELECT {COLUMNS} FROM sessions s ORDER BY s.started_at, s.rowid")
            } else {
                format!(
                    "SELECT {COLUMNS} FROM temp.pi_export_selection x \
                     CROSS JOIN sessions s ON s.id = x.id ORDER BY x.position"
                )
            })
            .map_err(sqlite)?;
        let mut packs = j
            .conn
            .prepare(
                "SELECT snapshot_hash FROM session_packs WHERE session_id = ?1 ORDER BY position",
            )
            .map_err(sqlite)?;
        let mut answers = j
            .conn
            .prepare(
                "SELECT id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text, value, \
                 replaces, created_at, rowid FROM answers WHERE session_id = ?1",
            )
            .map_err(sqlite)?;
        let mut rows = sessions.query([]).map_err(sqlite)?;
        while let Some(r) = rows.next().map_err(sqlite)? {
            let id: String = r.get(0).map_err(sqlite)?;
            let packs: Vec<String> = packs
                .query_map([&id], |r| r.get(0))
                .and_then(Iterator::collect)
                .map_err(sqlite)?;
            let mut list = Vec::new();
            let mut cursor = answers.query([&id]).map_err(sqlite)?;
            while let Some(a) = cursor.next().map_err(sqlite)? {
                let prompt_id: String = a.get(3).map_err(sqlite)?;
                if exclude.contains(&prompt_id) {
                    continue;
                }
                let answer_id: String = a.get(0).map_err(sqlite)?;
                let value: Option<String> = a.get(6).map_err(sqlite)?;
                let value = value.map(StoredValue::new).transpose().map_err(|e| {
                    j.corrupt(format!("answer {answer_id} has an unreadable value: {e}"))
                })?;
                let order: (String, i64) = (a.get(8).map_err(sqlite)?, a.get(9).map_err(sqlite)?);
                list.push((
                    order,
                    Answer {
                        id: answer_id,
                        pack_id: a.get(1).map_err(sqlite)?,
                        pack_version: a.get(2).map_err(sqlite)?,
                        prompt_id,
                        prompt_kind: a.get(4).map_err(sqlite)?,
                        prompt_text: a.get(5).map_err(sqlite)?,
                        value,
                        replaces: a.get(7).map_err(sqlite)?,
                        created_at: a.get(8).map_err(sqlite)?,
                    },
                ));
            }
            // Sorted here, not by SQLite: its sorter could spill answers to a temporary file.
            list.sort_by(|a, b| a.0.cmp(&b.0));
            let list: Vec<Answer<StoredValue>> = list.into_iter().map(|(_, a)| a).collect();
            each(Session {
                id,
                kind: r.get(1).map_err(sqlite)?,
                mode: r.get(2).map_err(sqlite)?,
                pack_id: r.get(3).map_err(sqlite)?,
                pack_version: r.get(4).map_err(sqlite)?,
                context: r.get(5).map_err(sqlite)?,
                language: r.get(6).map_err(sqlite)?,
                depth: r.get(7).map_err(sqlite)?,
                prompt_count: r.get(8).map_err(sqlite)?,
                started_at: r.get(9).map_err(sqlite)?,
                finished_at: r.get(10).map_err(sqlite)?,
                status: r.get(11).map_err(sqlite)?,
                starred: r.get(12).map_err(sqlite)?,
                packs,
                answers: list,
            })?;
        }
        Ok(())
    }
}

impl Drop for ExportSelection<'_> {
    /// Ends the read transaction; rolling back also removes the temporary table.
    fn drop(&mut self) {
        let _ = self
            .journal
            .conn
            .execute_batch("ROLLBACK; PRAGMA temp_store = DEFAULT;");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::journal::{NewSession, OpenMode, SessionKind};
    use crate::packs::PackRegistry;

    #[test]
    fn selections_filter_end_cleanly_and_can_follow_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
        let registry = PackRegistry::built_in().unwrap();
        let pack = registry
            .for_mode(Mode::Kiezen, crate::domain::Language::En)
            .unwrap();
        for context in ["Intake Redesign", "Team"] {
            j.create_session(&NewSession {
                kind: SessionKind::Reflect,
                mode: Some(Mode::Kiezen),
                packs: vec![pack],
                context: context.into(),
                language: crate::domain::Language::En,
                depth: crate::domain::Depth::Quick,
            })
            .unwrap();
        }
        let query = |context: &str| ExportQuery {
            context: Some(context.into()),
            ..ExportQuery::default()
        };
        assert_eq!(j.select_for_export(&query("intake")).unwrap().len(), 1);
        assert_eq!(j.select_for_export(&query("e")).unwrap().len(), 2);
        let none = ExportQuery {
            modes: vec![ModeMatch::Review],
            ..ExportQuery::default()
        };
        assert!(j.select_for_export(&none).unwrap().is_empty());
        assert!(j.conn.is_autocommit(), "the read transaction ended");
        let selection = j.select_for_export(&ExportQuery::default()).unwrap();
        let mut seen = Vec::new();
        selection
            .for_each_session::<JournalError>(&[], |s| {
                seen.push(s.context);
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, ["Intake Redesign", "Team"]);
        assert_eq!(selection.snapshots().unwrap().len(), 1);
    }

    #[test]
    fn everything_is_read_without_a_table_and_a_choice_with_one_alike() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
        let registry = PackRegistry::built_in().unwrap();
        let pack = registry
            .for_mode(Mode::Kiezen, crate::domain::Language::En)
            .unwrap();
        let mut ids = Vec::new();
        for context in ["one", "two"] {
            let s = j
                .create_session(&NewSession {
                    kind: SessionKind::Reflect,
                    mode: Some(Mode::Kiezen),
                    packs: vec![pack],
                    context: context.into(),
                    language: crate::domain::Language::En,
                    depth: crate::domain::Depth::Quick,
                })
                .unwrap();
            j.add_answer(&crate::journal::NewAnswer {
                session: s.id,
                pack,
                prompt: pack.prompt("fit").unwrap(),
                value: Some(crate::domain::AnswerValue::Number(4)),
            })
            .unwrap();
            ids.push(s.id);
        }
        let table_exists = |j: &Journal| -> bool {
            j.conn
                .query_row(
                    "SELECT count(*) FROM temp.sqlite_master WHERE name = 'pi_export_selection'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                > 0
        };
        let read = |selection: &ExportSelection<'_>| -> Vec<String> {
            let mut seen = Vec::new();
            selection
                .for_each_session::<JournalError>(&[], |s| {
                    let values: Vec<&str> = s
                        .answers
                        .iter()
                        .filter_map(|a| a.value.as_ref())
                        .map(StoredValue::json)
                        .collect();
                    seen.push(format!("{} {}", s.context, values.join(",")));
                    Ok(())
                })
                .unwrap();
            seen
        };
        let everything = ExportQuery {
            from: Some("1900-01-01T00:00:00.000Z".into()),
            ..ExportQuery::default()
        };
        let all = j.select_for_export(&everything).unwrap();
        assert!(!table_exists(&j), "no table of ids for everything");
        assert_eq!(all.len(), 2);
        let from_all = read(&all);
        drop(all);
        let chosen = j
            .select_for_export(&ExportQuery {
                ids: ids.clone(),
                ..ExportQuery::default()
            })
            .unwrap();
        assert!(table_exists(&j));
        assert_eq!(read(&chosen), from_all);
        assert_eq!(from_all, ["one {\"number\":4}", "two {\"number\":4}"]);
        drop(chosen);
        // A period that ends when the sessions started leaves them out; one a moment later
        // holds them all.
        let until = |to: &str| ExportQuery {
            to: Some(to.into()),
            ..ExportQuery::default()
        };
        let none = j
            .select_for_export(&until("2026-11-23T10:00:00.000Z"))
            .unwrap();
        assert!(none.is_empty() && table_exists(&j));
        drop(none);
        let both = j
            .select_for_export(&until("2026-11-23T10:00:00.001Z"))
            .unwrap();
        assert!(both.len() == 2 && !table_exists(&j));
        drop(both);

        // A value that is not an answer value is refused, as when it was parsed.
        j.conn
            .execute("UPDATE answers SET value = '{\"colour\":1}'", [])
            .unwrap();
        let all = j.select_for_export(&everything).unwrap();
        let err = all
            .for_each_session::<JournalError>(&[], |_| Ok(()))
            .unwrap_err();
        assert!(err.to_string().contains("unreadable value"), "{err}");
    }
}
