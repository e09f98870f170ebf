//! Forgetting, part one: what a forget removes. A plan is worked out from the journal (once
//! to show the person, once more inside the transaction that carries it out, see
//! `forget_run.rs`), so nothing that belongs to the record is left behind: every revision of
//! an answer, every later wording of a statement, the events and follow-ups of what goes,
//! friends' comments on it, and the text of a forgotten statement inside the answers that
//! list it.
//!
//! What a forget of each target takes:
//! - a session: the session, every answer revision in it, the statements written in it
//!   (with every later wording of them), the commitments set in it (with their follow-ups),
//!   and the decisions and follow-ups made in it about earlier statements and commitments;
//! - one answer: every revision of it; for the answer that wrote statements also those
//!   statements, for a tidy walk also its decisions and rewordings, for a commitment prompt
//!   also the commitment;
//! - a statement: every wording of it, earlier and later, with their events;
//! - a commitment: the commitment, its follow-ups and the answer that set it;
//! - friends' comments: those comments.

use crate::domain::{AnswerValue, CommitmentId, SessionId, StatementId};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{BTreeMap, BTreeSet};

/// What is to be forgotten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForgetTarget {
    /// A whole session and what was written in it.
    Session(SessionId),
    /// One answer of a session, with all its revisions.
    Answer {
        /// The session.
        session: SessionId,
        /// The pack the prompt belongs to.
        pack_id: String,
        /// The prompt.
        prompt_id: String,
    },
    /// A statement with every wording of it.
    Statement(StatementId),
    /// A commitment with its follow-ups.
    Commitment(CommitmentId),
    /// Comments of professional friends, by id.
    Comments(Vec<String>),
    /// Records named by kind and id, as tombstones name them: what another copy of the
    /// journal forgot (each with what belongs to it, exactly as a forget took it there).
    Records(Vec<(String, String)>),
}

/// Everything one forget removes, by table, as sets of ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ForgetPlan {
    /// Session ids.
    pub sessions: BTreeSet<String>,
    /// Answer revision ids.
    pub answers: BTreeSet<String>,
    /// Statement wording ids.
    pub statements: BTreeSet<String>,
    /// Statement event ids.
    pub statement_events: BTreeSet<String>,
    /// Commitment ids.
    pub commitments: BTreeSet<String>,
    /// Commitment follow-up ids.
    pub commitment_events: BTreeSet<String>,
    /// Friends' comment ids.
    pub comments: BTreeSet<String>,
    /// Answer revisions that stay, with the value they keep once the forgotten statements
    /// are taken out of their list (`None`: nothing is left, the answer becomes a skip).
    pub trimmed: BTreeMap<String, Option<AnswerValue>>,
    /// How many distinct answers (prompts of a session) the revisions belong to.
    pub answer_count: usize,
    /// When the exports that carried any of it were made (their files are out of pi's reach).
    pub exported: Vec<String>,
}

impl ForgetPlan {
    /// Whether there is nothing to forget.
    pub fn is_empty(&self) -> bool {
        self.record_ids().is_empty() && self.trimmed.is_empty()
    }

    /// Every removed record as (tombstone kind, id).
    pub fn record_ids(&self) -> Vec<(&'static str, &str)> {
        let sets: [(&'static str, &BTreeSet<String>); 7] = [
            ("session", &self.sessions),
            ("answer", &self.answers),
            ("statement", &self.statements),
            ("statement_event", &self.statement_events),
            ("commitment", &self.commitments),
            ("commitment_event", &self.commitment_events),
            ("comment", &self.comments),
        ];
        sets.iter()
            .flat_map(|(kind, ids)| ids.iter().map(move |id| (*kind, id.as_str())))
            .collect()
    }

    /// Whether two plans remove and change the same records (the exports they name aside).
    pub fn same_records(&self, other: &ForgetPlan) -> bool {
        self.record_ids() == other.record_ids() && self.trimmed == other.trimmed
    }
}

/// A JSON array of ids, for `json_each(?)` in a query.
pub(super) fn json_ids<'a>(ids: impl IntoIterator<Item = &'a String>) -> String {
    serde_json::to_string(&ids.into_iter().collect::<Vec<_>>()).expect("strings serialise")
}

fn strings(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map(args, |r| r.get(0))?.collect()
}

/// Works out what forgetting `target` removes. An empty plan when the target has nothing
/// left (the caller has checked that it exists).
pub(super) fn plan(conn: &Connection, target: &ForgetTarget) -> rusqlite::Result<ForgetPlan> {
    let mut p = ForgetPlan::default();
    match target {
        ForgetTarget::Session(id) => add_session(conn, &mut p, &id.to_string())?,
        ForgetTarget::Answer {
            session,
            pack_id,
            prompt_id,
        } => add_answer(conn, &mut p, &session.to_string(), pack_id, prompt_id)?,
        ForgetTarget::Statement(id) => {
            let chain = strings(
                conn,
                "WITH RECURSIVE back(id) AS (SELECT ?1 UNION \
                 SELECT s.replaces FROM statements s JOIN back ON s.id = back.id \
                 WHERE s.replaces IS NOT NULL) \
                 SELECT id FROM back WHERE id IN (SELECT id FROM statements)",
                [id.to_string()],
            )?;
            add_wordings(conn, &mut p, chain)?;
        }
        ForgetTarget::Commitment(id) => add_commitment(conn, &mut p, &id.to_string())?,
        ForgetTarget::Comments(ids) => {
            let json = json_ids(ids);
            p.comments.extend(strings(
                conn,
                "SELECT id FROM friend_comments WHERE id IN (SELECT value FROM json_each(?1))",
                [json],
            )?);
        }
        ForgetTarget::Records(records) => add_records(conn, &mut p, records)?,
    }
    finish(conn, &mut p)?;
    Ok(p)
}

fn add_session(conn: &Connection, p: &mut ForgetPlan, session: &str) -> rusqlite::Result<()> {
    if !conn
        .prepare_cached("SELECT 1 FROM sessions WHERE id = ?1")?
        .exists([session])?
    {
        return Ok(());
    }
    p.sessions.insert(session.to_string());
    p.answers.extend(strings(
        conn,
        "SELECT id FROM answers WHERE session_id = ?1",
        [session],
    )?);
    let written = strings(
        conn,
        "SELECT id FROM statements WHERE session_id = ?1",
        [session],
    )?;
    add_wordings(conn, p, written)?;
    p.statement_events.extend(strings(
        conn,
        "SELECT id FROM statement_events WHERE session_id = ?1",
        [session],
    )?);
    for c in strings(
        conn,
        "SELECT id FROM commitments WHERE session_id = ?1",
        [session],
    )? {
        p.commitments.insert(c);
    }
    p.commitment_events.extend(strings(
        conn,
        "SELECT id FROM commitment_events WHERE session_id = ?1",
        [session],
    )?);
    Ok(())
}

/// One answer of a session with all its revisions, and what it created.
fn add_answer(
    conn: &Connection,
    p: &mut ForgetPlan,
    session: &str,
    pack: &str,
    prompt: &str,
) -> rusqlite::Result<()> {
    type Revision = (String, String, Option<String>, String);
    let mut stmt = conn.prepare(
        "SELECT id, prompt_kind, value, created_at FROM answers \
         WHERE session_id = ?1 AND pack_id = ?2 AND prompt_id = ?3",
    )?;
    let revisions: Vec<Revision> = stmt
        .query_map(params![session, pack, prompt], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some(kind) = revisions.first().map(|r| r.1.clone()) else {
        return Ok(());
    };
    let times = json_ids(revisions.iter().map(|r| &r.3));
    let texts: Vec<String> = revisions
        .iter()
        .filter_map(|r| r.2.as_deref().and_then(|v| AnswerValue::from_json(v).ok()))
        .flat_map(|v| match v {
            AnswerValue::Text(t) => vec![t],
            AnswerValue::Items(items) => items,
            AnswerValue::Number(_) => Vec::new(),
        })
        .collect();
    let texts = json_ids(&texts);
    p.answers.extend(revisions.into_iter().map(|r| r.0));
    match kind.as_str() {
        "statements" => {
            let written = strings(
                conn,
                "SELECT id FROM statements WHERE session_id = ?1 AND replaces IS NULL \
                 AND (created_at IN (SELECT value FROM json_each(?2)) \
                      OR text IN (SELECT value FROM json_each(?3)))",
                params![session, times, texts],
            )?;
            add_wordings(conn, p, written)?;
        }
        "tidy" => {
            let reworded = strings(
                conn,
                "SELECT id FROM statements WHERE session_id = ?1 AND replaces IS NOT NULL",
                [session],
            )?;
            add_wordings(conn, p, reworded)?;
            p.statement_events.extend(strings(
                conn,
                "SELECT id FROM statement_events WHERE session_id = ?1 AND event <> 'written'",
                [session],
            )?);
        }
        "commitment" => {
            for c in strings(
                conn,
                "SELECT id FROM commitments WHERE session_id = ?1 \
                 AND (created_at IN (SELECT value FROM json_each(?2)) \
                      OR text IN (SELECT value FROM json_each(?3)))",
                params![session, times, texts],
            )? {
                p.commitments.insert(c);
            }
        }
        _ => {}
    }
    Ok(())
}

/// A commitment with the answer that set it (every revision).
fn add_commitment(conn: &Connection, p: &mut ForgetPlan, id: &str) -> rusqlite::Result<()> {
    let found: Option<(Option<String>, String, String)> = conn
        .query_row(
            "SELECT session_id, text, created_at FROM commitments WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((session, text, created_at)) = found else {
        return Ok(());
    };
    p.commitments.insert(id.to_string());
    let Some(session) = session else {
        return Ok(());
    };
    let prompts: Vec<(String, String)> = conn
        .prepare(
            "SELECT DISTINCT pack_id, prompt_id FROM answers WHERE session_id = ?1 \
             AND prompt_kind = 'commitment' \
             AND (created_at = ?2 OR json_extract(value, '$.text') = ?3)",
        )?
        .query_map(params![session, created_at, text], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (pack, prompt) in prompts {
        p.answers.extend(strings(
            conn,
            "SELECT id FROM answers WHERE session_id = ?1 AND pack_id = ?2 AND prompt_id = ?3",
            params![session, pack, prompt],
        )?);
    }
    Ok(())
}

/// Statement wordings and every later wording that revised them.
fn add_wordings(conn: &Connection, p: &mut ForgetPlan, seeds: Vec<String>) -> rusqlite::Result<()> {
    if seeds.is_empty() {
        return Ok(());
    }
    p.statements.extend(strings(
        conn,
        "WITH RECURSIVE fwd(id) AS (SELECT value FROM json_each(?1) UNION \
         SELECT s.id FROM statements s JOIN fwd ON s.replaces = fwd.id) \
         SELECT id FROM fwd WHERE id IN (SELECT id FROM statements)",
        [json_ids(&seeds)],
    )?);
    Ok(())
}

/// Records another copy of the journal forgot, each with what was forgotten with it there:
/// a session with what was written in it, an answer revision with the revisions after it,
/// a statement wording with the wordings after it, anything else exactly.
fn add_records(
    conn: &Connection,
    p: &mut ForgetPlan,
    records: &[(String, String)],
) -> rusqlite::Result<()> {
    let of = |kind: &str| -> Vec<String> {
        records
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, id)| id.clone())
            .collect()
    };
    for session in of("session") {
        add_session(conn, p, &session)?;
    }
    p.answers.extend(strings(
        conn,
        "WITH RECURSIVE fwd(id) AS (SELECT value FROM json_each(?1) UNION \
         SELECT a.id FROM answers a JOIN fwd ON a.replaces = fwd.id) \
         SELECT id FROM fwd WHERE id IN (SELECT id FROM answers)",
        [json_ids(&of("answer"))],
    )?);
    add_wordings(conn, p, of("statement"))?;
    for (kind, table, set) in [
        (
            "statement_event",
            "statement_events",
            &mut p.statement_events,
        ),
        ("commitment", "commitments", &mut p.commitments),
        (
            "commitment_event",
            "commitment_events",
            &mut p.commitment_events,
        ),
        ("comment", "friend_comments", &mut p.comments),
    ] {
        set.extend(strings(
            conn,
            &format!("SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?1))"),
            [json_ids(&of(kind))],
        )?);
    }
    Ok(())
}

/// Adds what belongs to everything chosen: events, follow-ups, comments, the decision that
/// pointed at a forgotten rewording, and the lists a forgotten statement appears in.
fn finish(conn: &Connection, p: &mut ForgetPlan) -> rusqlite::Result<()> {
    let statements = json_ids(&p.statements);
    p.statement_events.extend(strings(
        conn,
        "SELECT id FROM statement_events WHERE statement_id IN (SELECT value FROM json_each(?1))",
        [&statements],
    )?);
    // The wording a forgotten rewording replaced stays, and is no longer "revised".
    p.statement_events.extend(strings(
        conn,
        "SELECT e.id FROM statements s JOIN statement_events e \
         ON e.statement_id = s.replaces AND e.event = 'revised' \
         WHERE s.id IN (SELECT value FROM json_each(?1)) \
         AND s.replaces NOT IN (SELECT value FROM json_each(?1))",
        [&statements],
    )?);
    p.commitment_events.extend(strings(
        conn,
        "SELECT id FROM commitment_events WHERE commitment_id IN (SELECT value FROM json_each(?1))",
        [json_ids(&p.commitments)],
    )?);
    let answers = json_ids(&p.answers);
    p.comments.extend(strings(
        conn,
        "SELECT id FROM friend_comments WHERE \
         (target_kind = 'answer' AND target_id IN (SELECT value FROM json_each(?1))) \
         OR (target_kind = 'statement' AND target_id IN (SELECT value FROM json_each(?2)))",
        [&answers, &statements],
    )?);
    p.answer_count = conn.query_row(
        "SELECT count(*) FROM (SELECT DISTINCT session_id, pack_id, prompt_id FROM answers \
         WHERE id IN (SELECT value FROM json_each(?1)))",
        [&answers],
        |r| r.get::<_, i64>(0),
    )? as usize;
    trim_lists(conn, p, &statements)?;
    p.exported = strings(
        conn,
        "SELECT DISTINCT e.exported_at FROM export_items i JOIN exports e ON e.id = i.export_id \
         WHERE (i.kind = 'session' AND (i.item_id IN (SELECT value FROM json_each(?1)) \
                OR i.item_id IN (SELECT session_id FROM answers \
                                 WHERE id IN (SELECT value FROM json_each(?2))))) \
            OR (i.kind = 'statement' AND i.item_id IN (SELECT value FROM json_each(?3))) \
            OR (i.kind = 'commitment' AND i.item_id IN (SELECT value FROM json_each(?4))) \
         ORDER BY e.exported_at",
        params![
            json_ids(&p.sessions),
            answers,
            statements,
            json_ids(&p.commitments)
        ],
    )?;
    Ok(())
}

/// The answers that list a forgotten statement (the answer that wrote it, the summary of a
/// tidy walk) keep their other items; the forgotten ones are taken out.
fn trim_lists(conn: &Connection, p: &mut ForgetPlan, statements: &str) -> rusqlite::Result<()> {
    let texts = strings(
        conn,
        "SELECT text FROM statements WHERE id IN (SELECT value FROM json_each(?1))",
        [statements],
    )?;
    if texts.is_empty() {
        return Ok(());
    }
    let texts_json = json_ids(&texts);
    let mut stmt = conn.prepare(
        "SELECT DISTINCT a.id, a.prompt_kind, a.value FROM answers a, \
         json_each(a.value, '$.items') j, json_each(?1) w \
         WHERE a.prompt_kind IN ('statements', 'tidy') AND a.value IS NOT NULL \
         AND json_valid(a.value) AND instr(j.value, w.value) > 0",
    )?;
    let found: Vec<(String, String, String)> = stmt
        .query_map([&texts_json], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind, value) in found {
        if p.answers.contains(&id) {
            continue;
        }
        let Ok(AnswerValue::Items(items)) = AnswerValue::from_json(&value) else {
            continue;
        };
        let kept: Vec<String> = items
            .iter()
            .filter(|item| !mentions(&kind, item, &texts))
            .cloned()
            .collect();
        if kept.len() != items.len() {
            p.trimmed
                .insert(id, (!kept.is_empty()).then_some(AnswerValue::Items(kept)));
        }
    }
    Ok(())
}

/// Whether a list item holds one of the forgotten texts: the statement itself in the list
/// that wrote it; anywhere in a line of a tidy walk's summary ("kept: …", "revised: … -> …").
fn mentions(kind: &str, item: &str, texts: &[String]) -> bool {
    texts.iter().any(|t| {
        if kind == "statements" {
            item.trim() == t.trim()
        } else {
            item.contains(t.as_str())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn a_list_item_mentions_a_statement_exactly_a_summary_line_anywhere() {
        let texts = vec!["I keep my promises".to_string()];
        assert!(mentions("statements", " I keep my promises ", &texts));
        assert!(!mentions(
            "statements",
            "I keep my promises, mostly",
            &texts
        ));
        assert!(mentions("tidy", "kept: I keep my promises", &texts));
        assert!(mentions(
            "tidy",
            "revised: I keep my promises -> I keep my word",
            &texts
        ));
        assert!(!mentions("tidy", "kept: I stand for clear advice", &texts));
    }
}
