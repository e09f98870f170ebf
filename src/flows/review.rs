//! The yearly review's overview: what a period of reflection holds, gathered from the journal
//! instead of from memory. Pure data; the brief and the terminal render it.

use crate::clock::{format_stamp, parse_stamp};
use crate::journal::{
    CommitmentRecord, CommitmentStatus, Journal, JournalError, SessionKind, SessionRecord,
    StatementEventKind, StatementRecord,
};
use chrono::{DateTime, Months, Utc};

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

/// A scale prompt's answers in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleTrend {
    /// The prompt's stable id.
    pub prompt_id: String,
    /// The question as last asked.
    pub prompt_text: String,
    /// (date, value), oldest first.
    pub points: Vec<(String, i64)>,
}

/// Everything the review overview shows.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The period.
    pub period: Period,
    /// Reflection sessions in the period, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// Statements written in the period (first wordings, not revisions).
    pub written: Vec<String>,
    /// Statements let go in the period.
    pub let_go: Vec<String>,
    /// Statements restored in the period.
    pub restored: Vec<String>,
    /// (old, new) wordings revised in the period.
    pub revised: Vec<(String, String)>,
    /// Statements current at the start of the period.
    pub statements_at_start: Vec<String>,
    /// Statements current now.
    pub statements_now: Vec<String>,
    /// Commitments marked done in the period, with their note.
    pub done: Vec<(String, Option<String>)>,
    /// Commitments dropped in the period, with their note.
    pub dropped: Vec<(String, Option<String>)>,
    /// Commitments open now.
    pub open: Vec<CommitmentRecord>,
    /// Scale prompts answered in the period.
    pub trends: Vec<ScaleTrend>,
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
    let statements = journal.statements()?;
    let mut o = Overview {
        sessions,
        written: Vec::new(),
        let_go: Vec::new(),
        restored: Vec::new(),
        revised: Vec::new(),
        statements_at_start: current_at(&statements, &from),
        statements_now: current_at(&statements, "9999"),
        done: Vec::new(),
        dropped: Vec::new(),
        open: Vec::new(),
        trends: Vec::new(),
        period,
    };
    for s in &statements {
        for e in s.events.iter().filter(|e| o.period.contains(&e.at)) {
            match e.kind {
                StatementEventKind::Written => match s.replaces {
                    Some(old) => {
                        let old_text = statements
                            .iter()
                            .find(|x| x.id == old)
                            .map_or_else(String::new, |x| x.text.clone());
                        o.revised.push((old_text, s.text.clone()));
                    }
                    None => o.written.push(s.text.clone()),
                },
                StatementEventKind::LetGo => o.let_go.push(s.text.clone()),
                StatementEventKind::Restored => o.restored.push(s.text.clone()),
                StatementEventKind::Kept | StatementEventKind::Revised => {}
            }
        }
    }
    for c in journal.commitments()? {
        for e in c.events.iter().filter(|e| o.period.contains(&e.at)) {
            match e.status {
                CommitmentStatus::Done => o.done.push((c.text.clone(), e.note.clone())),
                CommitmentStatus::Dropped => o.dropped.push((c.text.clone(), e.note.clone())),
                CommitmentStatus::Open => {}
            }
        }
        if c.status() == CommitmentStatus::Open {
            o.open.push(c);
        }
    }
    for answer in journal.answers_of_kind_between("scale", &from, &to)? {
        let Some(crate::domain::AnswerValue::Number(n)) = answer.value else {
            continue;
        };
        let key = format!("{}/{}", answer.pack_id, answer.prompt_id);
        let date = crate::clock::local_date(&answer.created_at);
        match o.trends.iter_mut().find(|t| t.prompt_id == key) {
            Some(t) => {
                t.points.push((date, n));
                t.prompt_text = answer.prompt_text;
            }
            None => o.trends.push(ScaleTrend {
                prompt_id: key,
                prompt_text: answer.prompt_text,
                points: vec![(date, n)],
            }),
        }
    }
    Ok(o)
}

/// The wordings that were current at `moment` (an RFC 3339 stamp).
fn current_at(statements: &[StatementRecord], moment: &str) -> Vec<String> {
    statements
        .iter()
        .filter(|s| {
            let before: Vec<_> = s.events.iter().filter(|e| e.at.as_str() < moment).collect();
            matches!(
                before.last().map(|e| e.kind),
                Some(
                    StatementEventKind::Written
                        | StatementEventKind::Kept
                        | StatementEventKind::Restored
                )
            )
        })
        .map(|s| s.text.clone())
        .collect()
}
