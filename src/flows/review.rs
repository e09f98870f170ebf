//! The yearly review's overview: the evidence a period of reflection holds, gathered from the
//! journal instead of from memory — project reflections, statements, commitments, scale moves
//! and the answers of the review before. Pure data; the brief and the terminal render it.

use crate::clock::{format_stamp, local_date, parse_stamp};
use crate::domain::{AnswerValue, SessionId};
use crate::journal::{
    AnswerRecord, CommitmentRecord, CommitmentStatus, Journal, JournalError, SessionKind,
    SessionRecord, StatementEventKind, StatementRecord,
};
use crate::packs::{PromptKind, Purpose};
use chrono::{DateTime, Months, Utc};
use std::collections::HashMap;

/// The stretch of time a review looks back on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Inclusive start.
    pub start: DateTime<Utc>,
    /// Exclusive end.
    pub end: DateTime<Utc>,
    /// Why it starts where it does: after the last review, or a year back.
    pub since_last_review: bool,
}

impl Period {
    /// The default period up to `now`: since the last review finished before it, else the
    /// twelve months before it.
    pub fn default_for(journal: &Journal, now: DateTime<Utc>) -> Result<Self, JournalError> {
        let last = journal.latest_finished(SessionKind::Review, &format_stamp(now))?;
        let start = last.as_ref().and_then(|s| {
            s.finished_at
                .as_deref()
                .or(Some(s.started_at.as_str()))
                .and_then(parse_stamp)
        });
        Ok(match start {
            Some(start) => Self {
                start,
                end: now,
                since_last_review: true,
            },
            None => Self {
                start: now.checked_sub_months(Months::new(12)).unwrap_or(now),
                end: now,
                since_last_review: false,
            },
        })
    }

    fn contains(&self, stamp: &str) -> bool {
        parse_stamp(stamp).is_some_and(|t| t >= self.start && t < self.end)
    }
}

/// One answer given in a project reflection.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectAnswer {
    /// The prompt's stable id (`key-moment`, `essence`, …): the brief's heading comes from it.
    pub prompt_id: String,
    /// The question as it was asked (the heading when the id is not one pi knows).
    pub question: String,
    /// The answer.
    pub value: AnswerValue,
    /// The scale's ends, for a scale prompt.
    pub scale: Option<(i64, i64)>,
}

/// The project questions of one reflection in the period.
#[derive(Debug, Clone)]
pub struct ProjectReflection {
    /// The session (its context names the project).
    pub session: SessionRecord,
    /// Answered project prompts, in the order they were asked.
    pub answers: Vec<ProjectAnswer>,
}

/// One commitment set, followed up or still open in the period.
#[derive(Debug, Clone)]
pub struct CommitmentMove {
    /// The commitment.
    pub commitment: CommitmentRecord,
    /// Whether it was set in the period (else: earlier, and followed up or still open).
    pub set_in_period: bool,
    /// Where it stands now.
    pub status: CommitmentStatus,
    /// The note of its latest follow-up in the period.
    pub note: Option<String>,
}

/// A statement and what happened to it in the period.
#[derive(Debug, Clone)]
pub struct StatementMove {
    /// The wording.
    pub statement: StatementRecord,
    /// The session that wrote it.
    pub session: Option<SessionId>,
    /// What happened in the period, in order (written, kept, let go, restored, revised).
    pub events: Vec<StatementEventKind>,
    /// The wording it revised, when it is a revision written in the period.
    pub revises: Option<String>,
    /// Whether it is current now (written, kept or restored last).
    pub current: bool,
}

/// One answer to a scale prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    /// The local date it was given.
    pub date: String,
    /// The value.
    pub value: i64,
    /// The session it was given in.
    pub session: SessionId,
}

/// A scale prompt's answers in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleTrend {
    /// `pack/prompt`: one trend per prompt.
    pub prompt_id: String,
    /// The pack's id.
    pub pack_id: String,
    /// The prompt's own id.
    pub prompt: String,
    /// The question as last asked.
    pub prompt_text: String,
    /// The scale's ends, from the pack the last answer was given with.
    pub scale: Option<(i64, i64)>,
    /// Oldest first.
    pub points: Vec<TrendPoint>,
    /// The last answer before the period: where it stood at the last review.
    pub before: Option<i64>,
}

/// The review before this one, for comparison.
#[derive(Debug, Clone)]
pub struct EarlierReview {
    /// Its session.
    pub session: SessionRecord,
    /// Its answers (skips left out).
    pub answers: Vec<AnswerRecord>,
}

/// Everything the review overview shows.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The period.
    pub period: Period,
    /// Reflection sessions in the period, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// The project questions of those sessions, oldest first.
    pub projects: Vec<ProjectReflection>,
    /// Statements current now or touched in the period, in the order they were written.
    pub statements: Vec<StatementMove>,
    /// Commitments set or followed up in the period, or still open.
    pub commitments: Vec<CommitmentMove>,
    /// Scale prompts answered in the period.
    pub trends: Vec<ScaleTrend>,
    /// The latest review before the period's end, if there was one.
    pub earlier: Option<EarlierReview>,
}

/// Gathers the overview of `period`.
pub fn overview(journal: &Journal, period: Period) -> Result<Overview, JournalError> {
    let from = format_stamp(period.start);
    let to = format_stamp(period.end);
    let sessions: Vec<SessionRecord> = journal
        .sessions_between(&from, &to)?
        .into_iter()
        .filter(|s| s.kind == SessionKind::Reflect)
        .collect();
    let mut scales = Scales::new(journal);
    let mut projects = Vec::new();
    for session in &sessions {
        if let Some(p) = project(journal, session, &mut scales)? {
            projects.push(p);
        }
    }
    let statements = statement_moves(&journal.statements()?, &period);
    let commitments = commitment_moves(journal.commitments()?, &period);
    let trends = trends(journal, &from, &to, &mut scales)?;
    let earlier = match journal.latest_finished(SessionKind::Review, &to)? {
        Some(session) => {
            let answers = journal
                .session_answers(session.id)?
                .into_iter()
                .filter(|a| a.value.is_some())
                .collect();
            Some(EarlierReview { session, answers })
        }
        None => None,
    };
    Ok(Overview {
        period,
        sessions,
        projects,
        statements,
        commitments,
        trends,
        earlier,
    })
}

/// The scale ends of prompts, read from the packs their sessions walked (cached per session).
struct Scales<'j> {
    journal: &'j Journal,
    by_session: HashMap<SessionId, Vec<crate::packs::Pack>>,
}

impl<'j> Scales<'j> {
    fn new(journal: &'j Journal) -> Self {
        Self {
            journal,
            by_session: HashMap::new(),
        }
    }

    fn packs(&mut self, session: SessionId) -> Result<&[crate::packs::Pack], JournalError> {
        if !self.by_session.contains_key(&session) {
            let packs = self.journal.session_packs(session)?;
            self.by_session.insert(session, packs);
        }
        Ok(&self.by_session[&session])
    }

    fn of(&mut self, a: &AnswerRecord) -> Result<Option<(i64, i64)>, JournalError> {
        Ok(self.packs(a.session_id)?.iter().find_map(|p| {
            (p.id == a.pack_id && p.version.to_string() == a.pack_version)
                .then(|| p.prompts.iter().find(|q| q.id == a.prompt_id))
                .flatten()
                .and_then(|q| match q.kind {
                    PromptKind::Scale { min, max, .. } => Some((min, max)),
                    _ => None,
                })
        }))
    }
}

/// The answered project questions of one reflection, if it asked any.
fn project(
    journal: &Journal,
    session: &SessionRecord,
    scales: &mut Scales<'_>,
) -> Result<Option<ProjectReflection>, JournalError> {
    let project_packs: Vec<String> = scales
        .packs(session.id)?
        .iter()
        .filter(|p| p.purpose == Purpose::Project)
        .map(|p| p.id.clone())
        .collect();
    if project_packs.is_empty() {
        return Ok(None);
    }
    let mut answers = Vec::new();
    for a in journal.session_answers(session.id)? {
        if !project_packs.contains(&a.pack_id) {
            continue;
        }
        let scale = scales.of(&a)?;
        if let Some(value) = a.value {
            answers.push(ProjectAnswer {
                prompt_id: a.prompt_id,
                question: a.prompt_text,
                value,
                scale,
            });
        }
    }
    Ok((!answers.is_empty()).then(|| ProjectReflection {
        session: session.clone(),
        answers,
    }))
}

fn statement_moves(statements: &[StatementRecord], period: &Period) -> Vec<StatementMove> {
    let mut out = Vec::new();
    for s in statements {
        let events: Vec<StatementEventKind> = s
            .events
            .iter()
            .filter(|e| period.contains(&e.at))
            .map(|e| e.kind)
            .filter(|k| *k != StatementEventKind::Revised)
            .collect();
        let end = format_stamp(period.end);
        let last = s.events.iter().rfind(|e| e.at < end).map(|e| e.kind);
        if last == Some(StatementEventKind::Revised) {
            continue; // its new wording tells what became of it
        }
        let current = matches!(
            last,
            Some(
                StatementEventKind::Written
                    | StatementEventKind::Kept
                    | StatementEventKind::Restored
            )
        );
        if events.is_empty() && !current {
            continue;
        }
        let revises = match (s.replaces, events.contains(&StatementEventKind::Written)) {
            (Some(old), true) => statements
                .iter()
                .find(|x| x.id == old)
                .map(|x| x.text.clone()),
            _ => None,
        };
        out.push(StatementMove {
            session: s
                .events
                .iter()
                .find(|e| e.kind == StatementEventKind::Written)
                .and_then(|e| e.session_id),
            statement: s.clone(),
            events,
            revises,
            current,
        });
    }
    out
}

fn commitment_moves(commitments: Vec<CommitmentRecord>, period: &Period) -> Vec<CommitmentMove> {
    let mut out = Vec::new();
    for c in commitments {
        let set_in_period = period.contains(&c.created_at);
        let followed: Vec<_> = c.events.iter().filter(|e| period.contains(&e.at)).collect();
        let status = c.status();
        if !set_in_period && followed.is_empty() && status != CommitmentStatus::Open {
            continue;
        }
        let note = followed.iter().rev().find_map(|e| e.note.clone());
        out.push(CommitmentMove {
            commitment: c,
            set_in_period,
            status,
            note,
        });
    }
    out
}

fn trends(
    journal: &Journal,
    from: &str,
    to: &str,
    scales: &mut Scales<'_>,
) -> Result<Vec<ScaleTrend>, JournalError> {
    let mut trends: Vec<ScaleTrend> = Vec::new();
    for answer in journal.answers_of_kind_between("scale", from, to)? {
        let Some(AnswerValue::Number(n)) = answer.value else {
            continue;
        };
        let key = format!("{}/{}", answer.pack_id, answer.prompt_id);
        let point = TrendPoint {
            date: local_date(&answer.created_at),
            value: n,
            session: answer.session_id,
        };
        let scale = scales.of(&answer)?;
        match trends.iter_mut().find(|t| t.prompt_id == key) {
            Some(t) => {
                t.points.push(point);
                t.prompt_text = answer.prompt_text;
                t.scale = scale.or(t.scale);
            }
            None => trends.push(ScaleTrend {
                prompt_id: key,
                pack_id: answer.pack_id,
                prompt: answer.prompt_id,
                prompt_text: answer.prompt_text,
                scale,
                points: vec![point],
                before: None,
            }),
        }
    }
    if !trends.is_empty() {
        for answer in journal.answers_of_kind_between("scale", "", from)? {
            let key = format!("{}/{}", answer.pack_id, answer.prompt_id);
            if let (Some(t), Some(AnswerValue::Number(n))) =
                (trends.iter_mut().find(|t| t.prompt_id == key), answer.value)
            {
                t.before = Some(n); // oldest first: the last one wins
            }
        }
    }
    Ok(trends)
}
