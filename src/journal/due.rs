//! The cheap questions `pi status` asks: when the last session of a kind started and which
//! commitments wait for a look back. Each is one short walk of an index (migrations 0003 and
//! 0007), so the command can run from a shell start-up file.

use super::error::JournalError;
use super::open::Journal;
use super::sessions::SessionKind;
use crate::domain::{CommitmentId, SessionId};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// When the latest session of a kind started.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LatestSession {
    /// Its id.
    pub id: SessionId,
    /// When it started (RFC 3339, UTC).
    pub started_at: String,
}

/// An open commitment whose look-back date has come.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DueCommitment {
    /// Its id.
    pub id: CommitmentId,
    /// The intention.
    pub text: String,
    /// The date the user chose to look back.
    pub look_back: NaiveDate,
    /// When it was set.
    pub created_at: String,
}

const LATEST_SQL: &str =
    "SELECT id, started_at FROM sessions WHERE kind = ?1 ORDER BY started_at DESC LIMIT 1";

/// Open means: no follow-up yet, or the latest one left it open (`is_open`, kept by a trigger,
/// migration 0007), so only the open commitments are walked, in the index's order.
const DUE_SQL: &str = "\
SELECT c.id, c.text, c.look_back, c.created_at FROM commitments c
WHERE c.is_open = 1 AND c.look_back IS NOT NULL AND c.look_back <= ?1
ORDER BY c.look_back, c.created_at";

impl Journal {
    /// The latest session of `kind`, finished or not (a paused one was still a sitting).
    pub fn latest_started(&self, kind: SessionKind) -> Result<Option<LatestSession>, JournalError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(LATEST_SQL, [kind.id()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| self.sqlite(e))?;
        row.map(|(id, started_at)| {
            Ok(LatestSession {
                id: SessionId::parse(&id)
                    .ok_or_else(|| self.corrupt(format!("session id '{id}' is not a UUID")))?,
                started_at,
            })
        })
        .transpose()
    }

    /// Open commitments whose look-back date is `today` or earlier, earliest date first.
    pub fn due_commitments(&self, today: NaiveDate) -> Result<Vec<DueCommitment>, JournalError> {
        let mut stmt = self.conn.prepare(DUE_SQL).map_err(|e| self.sqlite(e))?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map(params![today.format("%Y-%m-%d").to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        rows.into_iter()
            .map(|(id, text, look_back, created_at)| {
                Ok(DueCommitment {
                    id: CommitmentId::parse(&id).ok_or_else(|| {
                        self.corrupt(format!("commitment id '{id}' is not a UUID"))
                    })?,
                    text,
                    look_back: NaiveDate::parse_from_str(&look_back, "%Y-%m-%d").map_err(|_| {
                        self.corrupt(format!(
                            "commitment {id} has a bad look-back date '{look_back}'"
                        ))
                    })?,
                    created_at,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::{Depth, Language, Mode};
    use crate::journal::{
        AnswerExtra, CommitmentDraft, CommitmentStatus, NewAnswer, NewSession, OpenMode,
    };
    use crate::packs::PackRegistry;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn latest_sessions_and_due_commitments() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
        assert_eq!(j.latest_started(SessionKind::Reflect).unwrap(), None);
        let registry = PackRegistry::built_in().unwrap();
        let pack = registry.find("verkennen", Language::En).unwrap();
        let s = j
            .create_session(&NewSession {
                kind: SessionKind::Reflect,
                mode: Some(Mode::Verkennen),
                packs: vec![pack],
                context: String::new(),
                language: Language::En,
                depth: Depth::Quick,
            })
            .unwrap();
        let latest = j.latest_started(SessionKind::Reflect).unwrap().unwrap();
        assert_eq!(latest.id, s.id);
        assert_eq!(j.latest_started(SessionKind::Review).unwrap(), None);

        for (text, look_back) in [
            ("later", Some("2027-01-01")),
            ("due", Some("2026-11-01")),
            ("no date", None),
            ("done", Some("2026-10-01")),
        ] {
            j.add_answer_with(
                &NewAnswer {
                    session: s.id,
                    pack,
                    prompt: pack.prompt("commitment").unwrap(),
                    value: Some(crate::domain::AnswerValue::Text(text.into())),
                },
                &AnswerExtra::Commitment(CommitmentDraft {
                    text: text.into(),
                    look_back: look_back.map(day),
                }),
            )
            .unwrap();
        }
        let done = j.commitments().unwrap()[3].id;
        j.follow_up_commitment(done, None, CommitmentStatus::Done, None)
            .unwrap();
        let due: Vec<String> = j
            .due_commitments(day("2026-11-23"))
            .unwrap()
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(due, ["due"]);
        j.follow_up_commitment(done, None, CommitmentStatus::Open, Some("not yet"))
            .unwrap();
        assert_eq!(j.due_commitments(day("2026-11-23")).unwrap().len(), 2);
        assert_eq!(j.due_commitments(day("2027-01-01")).unwrap().len(), 3);
    }

    #[test]
    fn open_commitments_are_kept_in_step_from_before_0007_and_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            crate::journal::migrations::migrate_to(&mut conn, 6).unwrap();
            conn.execute_batch(
                "INSERT INTO sessions (id, kind, mode, pack_id, pack_version, language, depth, \
                   prompt_count, started_at, status) VALUES \
                 ('00000000000000000000000000000001', 'reflect', 'kiezen', 'kiezen', '1.0.0', \
                  'en', 'quick', 3, '2026-01-01T10:00:00.000Z', 'finished'), \
                 ('00000000000000000000000000000002', 'reflect', 'kiezen', 'kiezen', '1.0.0', \
                  'en', 'quick', 3, '2026-03-01T10:00:00.000Z', 'finished');
                 INSERT INTO commitments (id, session_id, text, look_back, created_at) VALUES \
                 ('00000000000000000000000000000c01', '00000000000000000000000000000001', \
                  'never followed up', '2026-02-01', '2026-01-01T10:05:00.000Z'), \
                 ('00000000000000000000000000000c02', '00000000000000000000000000000001', \
                  'done', '2026-02-01', '2026-01-01T10:06:00.000Z'), \
                 ('00000000000000000000000000000c03', '00000000000000000000000000000001', \
                  'open again', '2026-02-01', '2026-01-01T10:07:00.000Z'), \
                 ('00000000000000000000000000000c04', '00000000000000000000000000000001', \
                  'later', '2027-01-01', '2026-01-01T10:08:00.000Z');
                 INSERT INTO commitment_events (id, commitment_id, session_id, status, created_at) \
                 VALUES \
                 ('00000000000000000000000000000e01', '00000000000000000000000000000c02', \
                  '00000000000000000000000000000002', 'done', '2026-03-01T10:01:00.000Z'), \
                 ('00000000000000000000000000000e03', '00000000000000000000000000000c03', \
                  '00000000000000000000000000000002', 'open', '2026-03-01T10:03:00.000Z'), \
                 ('00000000000000000000000000000e02', '00000000000000000000000000000c03', \
                  '00000000000000000000000000000002', 'done', '2026-03-01T10:02:00.000Z');",
            )
            .unwrap();
        }
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let j = Journal::open(&path, crate::journal::OpenMode::Existing, clock).unwrap();
        let due = |j: &Journal| -> Vec<String> {
            j.due_commitments(day("2026-11-23"))
                .unwrap()
                .into_iter()
                .map(|c| c.text)
                .collect()
        };
        // The latest follow-up by time counts, whatever order they were recorded in.
        assert_eq!(due(&j), ["never followed up", "open again"]);
        let open: Vec<String> = j
            .open_commitments()
            .unwrap()
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(open, ["never followed up", "open again", "later"]);
        assert_eq!(j.session_count().unwrap(), 2);

        // After the migration the trigger keeps it: an import may bring an older follow-up
        // (nothing changes) or a newer one (which decides).
        j.conn
            .execute_batch(
                "INSERT INTO commitment_events (id, commitment_id, status, created_at) VALUES \
                 ('00000000000000000000000000000e04', '00000000000000000000000000000c03', \
                  'dropped', '2026-02-01T10:00:00.000Z'), \
                 ('00000000000000000000000000000e05', '00000000000000000000000000000c01', \
                  'done', '2026-04-01T10:00:00.000Z'), \
                 ('00000000000000000000000000000e06', '00000000000000000000000000000c02', \
                  'open', '2026-04-01T10:00:00.000Z');
",
            )
            .unwrap();
        assert_eq!(due(&j), ["done", "open again"]);
        j.conn
            .execute_batch(
                "INSERT INTO sessions (id, kind, pack_id, pack_version, language, depth, \
                   prompt_count, started_at, status) VALUES \
                 ('00000000000000000000000000000003', 'journal', 'jrnl', '1', 'en', 'quick', 1, \
                  '2026-05-01T10:00:00.000Z', 'finished');",
            )
            .unwrap();
        assert_eq!(j.session_count().unwrap(), 3);
        j.conn
            .execute_batch("DELETE FROM sessions WHERE id = '00000000000000000000000000000003';")
            .unwrap();
        assert_eq!(j.session_count().unwrap(), 2);
    }

    #[test]
    fn every_status_question_walks_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
        let plan = |sql: &str, params: &[&str]| {
            let mut stmt = j
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(params), |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.join("\n")
        };
        assert!(plan(LATEST_SQL, &["review"]).contains("sessions_by_kind"));
        let due = plan(DUE_SQL, &["2026-11-23"]);
        assert!(due.contains("commitments_open_by_look_back"), "{due}");
        assert!(
            !due.contains("TEMP B-TREE"),
            "the index gives the order: {due}"
        );
        let paused = plan(
            "SELECT id FROM sessions s WHERE s.status = 'in_progress' \
             ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1",
            &[],
        );
        assert!(paused.contains("sessions_in_progress"), "{paused}");
    }
}
