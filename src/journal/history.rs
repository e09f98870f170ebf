//! Every answer to a prompt over the years, for `pi history`: one indexed query over the
//! prompt ids of a lineage (a prompt and the ids it replaced or was replaced by).

use super::answers::{ANSWER_COLUMNS, AnswerRecord, read_answer};
use super::error::JournalError;
use super::open::Journal;
use crate::domain::Mode;

/// An answer with the session it was given in.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PromptAnswer {
    /// The current revision of the answer.
    pub answer: AnswerRecord,
    /// When its session started.
    pub session_started_at: String,
    /// The session's mode, if any.
    pub mode: Option<Mode>,
    /// What the session was about.
    pub context: String,
}

impl Journal {
    /// The current, non-skipped answers to any of `prompt_ids` (in any pack), oldest session
    /// first. Uses `answers_by_prompt`, so it stays quick in a journal of many years.
    pub fn prompt_answers(&self, prompt_ids: &[String]) -> Result<Vec<PromptAnswer>, JournalError> {
        if prompt_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = prompt_answers_sql(prompt_ids.len());
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let mut rows: Vec<(Row, i64)> = stmt
            .query_map(rusqlite::params_from_iter(prompt_ids), |r| {
                Ok((
                    (read_answer(r)?, r.get(10)?, r.get(11)?, r.get(12)?),
                    r.get(13)?,
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        // Sorted here rather than by SQLite, whose sorter copies every row, text and all:
        // by the session's start, then when each answer was given, then the order recorded.
        rows.sort_by(|((a, a_started, ..), a_row), ((b, b_started, ..), b_row)| {
            fn created(r: &Result<AnswerRecord, String>) -> &str {
                r.as_ref().map_or("", |a| a.created_at.as_str())
            }
            (a_started, created(a), a_row).cmp(&(b_started, created(b), b_row))
        });
        rows.into_iter()
            .map(|((answer, started, mode, context), _)| {
                Ok(PromptAnswer {
                    answer: answer.map_err(|m| self.corrupt(m))?,
                    session_started_at: started,
                    mode: mode
                        .as_deref()
                        .map(str::parse)
                        .transpose()
                        .map_err(|m: String| self.corrupt(m))?,
                    context,
                })
            })
            .collect()
    }

    /// Every prompt id the journal has an answer to (for suggestions when an id is mistyped).
    pub fn answered_prompt_ids(&self) -> Result<Vec<String>, JournalError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT prompt_id FROM answers ORDER BY prompt_id")
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))
    }

    /// The ids of the packs the journal holds snapshots of.
    pub fn snapshot_pack_ids(&self) -> Result<Vec<String>, JournalError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT pack_id FROM pack_snapshots ORDER BY pack_id")
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))
    }
}

/// An answer (or why it could not be read), its session's start, mode and context.
type Row = (Result<AnswerRecord, String>, String, Option<String>, String);

/// In the order of `answers_by_prompt`; [`Journal::prompt_answers`] sorts.
fn prompt_answers_sql(ids: usize) -> String {
    let marks = vec!["?"; ids].join(", ");
    format!(
        "SELECT {ANSWER_COLUMNS}, s.started_at, s.mode, s.context, a.rowid \
         FROM answers a JOIN sessions s ON s.id = a.session_id \
         WHERE a.prompt_id IN ({marks}) AND a.skipped = 0 \
         AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::{AnswerValue, Depth, Language};
    use crate::journal::{NewAnswer, NewSession, OpenMode, SessionKind};
    use crate::packs::PackRegistry;

    #[test]
    fn answers_come_oldest_first_current_and_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        let registry = PackRegistry::built_in().unwrap();
        let pack = registry.find("kiezen", Language::En).unwrap();
        let mut ids = Vec::new();
        for (at, value) in [
            ("2026-03-01T09:00:00Z", Some(2)),
            ("2025-01-01T09:00:00Z", Some(4)),
            ("2026-06-01T09:00:00Z", None),
        ] {
            let clock = Clock::fixed(crate::clock::parse_stamp(at).unwrap());
            let mut j = Journal::open(&path, OpenMode::Create, clock).unwrap();
            let s = j
                .create_session(&NewSession {
                    kind: SessionKind::Reflect,
                    mode: Some(Mode::Kiezen),
                    packs: vec![pack],
                    context: at[..4].into(),
                    language: Language::En,
                    depth: Depth::Quick,
                })
                .unwrap();
            let a = j
                .add_answer(&NewAnswer {
                    session: s.id,
                    pack,
                    prompt: pack.prompt("fit").unwrap(),
                    value: value.map(AnswerValue::Number),
                })
                .unwrap();
            ids.push(a.id);
        }
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let mut j = Journal::open(&path, OpenMode::Existing, clock).unwrap();
        j.revise_answer(ids[0], Some(AnswerValue::Number(3)))
            .unwrap();
        let found = j.prompt_answers(&["fit".into(), "old-fit".into()]).unwrap();
        let seen: Vec<(&str, Option<AnswerValue>)> = found
            .iter()
            .map(|p| (p.context.as_str(), p.answer.value.clone()))
            .collect();
        assert_eq!(
            seen,
            [
                ("2025", Some(AnswerValue::Number(4))),
                ("2026", Some(AnswerValue::Number(3)))
            ]
        );
        assert_eq!(found[0].mode, Some(Mode::Kiezen));
        assert_eq!(j.answered_prompt_ids().unwrap(), ["fit"]);
        assert_eq!(j.snapshot_pack_ids().unwrap(), ["kiezen"]);
        assert!(j.prompt_answers(&[]).unwrap().is_empty());
    }

    #[test]
    fn the_query_uses_the_prompt_index() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
        let mut stmt = j
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", prompt_answers_sql(2)))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(["a", "b"], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("answers_by_prompt"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "no sort in SQLite: {plan}");
    }
}
