//! `pi status`: what is due, in a few short lines. Meant for a shell start-up file, so it
//! loads no packs, creates no journal and asks the journal only a handful of indexed questions.

use super::list::local_time;
use crate::app::App;
use crate::cli::StatusArgs;
use crate::error::{CliError, CliResult};
use crate::journal::{DueCommitment, Journal, LatestSession, SessionKind, SessionRecord};
use chrono::{DateTime, Datelike, Months, Utc};
use serde::Serialize;

/// How long ago a review still counts as this year's: a little less than a year, so an
/// appraisal that moves a few weeks does not trigger a second reminder.
const REVIEW_COVERS_MONTHS: u32 = 10;

/// Everything `pi status` found, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Status {
    /// Whether the journal holds any session at all.
    has_sessions: bool,
    last_reflection: Option<LatestSession>,
    reflection_due: bool,
    remind_after_weeks: u32,
    last_review: Option<LatestSession>,
    review_month: Option<u32>,
    review_due: bool,
    due_commitments: Vec<DueCommitment>,
    unfinished: Option<Unfinished>,
}

/// A paused session and the command that continues it.
#[derive(Debug, Serialize)]
struct Unfinished {
    session: SessionRecord,
    command: String,
}

/// Runs `pi status`.
pub fn run(app: &App, args: &StatusArgs) -> CliResult {
    let now = app.clock.now();
    let status = match app.existing_journal()? {
        Some(journal) => gather(app, &journal, now)?,
        None => Status {
            has_sessions: false,
            last_reflection: None,
            reflection_due: false,
            remind_after_weeks: app.config.remind_after_weeks,
            last_review: None,
            review_month: app.config.review_month,
            review_due: false,
            due_commitments: Vec::new(),
            unfinished: None,
        },
    };
    let io = |e: std::io::Error| CliError::new(e.to_string());
    if args.json {
        let json =
            serde_json::to_string_pretty(&status).map_err(|e| CliError::new(e.to_string()))?;
        return app.out.data(&json).map_err(io);
    }
    app.out.data(&render(&status, app, now)).map_err(io)
}

fn gather(app: &App, journal: &Journal, now: DateTime<Utc>) -> CliResult<Status> {
    let last_reflection = journal.latest_started(SessionKind::Reflect)?;
    let last_review = journal.latest_started(SessionKind::Review)?;
    let paused = journal.latest_in_progress()?;
    let weeks = app.config.remind_after_weeks;
    let reflection_due = last_reflection.as_ref().is_some_and(|last| {
        started(last).is_some_and(|t| now - t > chrono::Duration::weeks(i64::from(weeks)))
    });
    let has_sessions = last_reflection.is_some() || last_review.is_some() || paused.is_some();
    let review_due = app.config.review_month.is_some_and(|month| {
        let covered_from = now
            .checked_sub_months(Months::new(REVIEW_COVERS_MONTHS))
            .unwrap_or(now);
        has_sessions
            && now.month() == month
            && last_review
                .as_ref()
                .and_then(started)
                .is_none_or(|t| t < covered_from)
    });
    let unfinished = paused.map(|session| Unfinished {
        command: match session.kind {
            SessionKind::Review => format!("pi review --session {}", session.id.short()),
            _ => format!("pi resume {}", session.id.short()),
        },
        session,
    });
    Ok(Status {
        has_sessions,
        last_reflection,
        reflection_due,
        remind_after_weeks: weeks,
        last_review,
        review_month: app.config.review_month,
        review_due,
        due_commitments: journal.due_commitments(now.date_naive())?,
        unfinished,
    })
}

fn started(session: &LatestSession) -> Option<DateTime<Utc>> {
    crate::clock::parse_stamp(&session.started_at)
}

/// "today", "3 days ago", "5 weeks ago", "14 months ago".
fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (now - then).num_days();
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match days {
        i64::MIN..=0 => "today".into(),
        1..=13 => plural(days, "day"),
        14..=111 => plural(days / 7, "week"),
        _ => plural(days * 12 / 365, "month"),
    }
}

fn day(stamp: &str) -> String {
    let local = local_time(stamp);
    local.get(..10).unwrap_or(&local).to_string()
}

fn render(status: &Status, app: &App, now: DateTime<Utc>) -> String {
    if !status.has_sessions {
        return "No sessions yet. Start one with `pi reflect`.".into();
    }
    let mut lines = Vec::new();
    if let Some(u) = &status.unfinished {
        let s = &u.session;
        let what = s
            .mode
            .map_or_else(|| s.pack_id.clone(), |m| app.words.mode_name(m).to_string());
        let about = if s.context.is_empty() {
            String::new()
        } else {
            format!(" about {}", s.context)
        };
        lines.push(format!(
            "Unfinished: the {what} session{about} of {} ({} of {} answered). Continue with `{}`.",
            day(&s.started_at),
            s.answered,
            s.prompt_count,
            u.command
        ));
    }
    let last = status
        .last_reflection
        .as_ref()
        .and_then(|l| started(l).map(|t| (t, day(&l.started_at))));
    if status.reflection_due
        && let Some((t, date)) = &last
    {
        lines.push(format!(
            "A reflection is due: the last was {} ({date}). Start one with `pi reflect`.",
            ago(*t, now)
        ));
    }
    if status.review_due {
        let since = match &status.last_review {
            Some(r) => format!("the last was on {}", day(&r.started_at)),
            None => "there has been none yet".into(),
        };
        lines.push(format!(
            "Your yearly review is due this month ({since}). Prepare it with `pi review`."
        ));
    }
    match status.due_commitments.as_slice() {
        [] => {}
        [one] => lines.push(format!(
            "Time to look back on \u{201c}{}\u{201d} (since {}); your next session asks about it.",
            one.text, one.look_back
        )),
        many => {
            lines.push(format!(
                "Time to look back on {} commitments; your next session asks about them:",
                many.len()
            ));
            for c in many.iter().take(5) {
                lines.push(format!("  - {} (since {})", c.text, c.look_back));
            }
            if many.len() > 5 {
                lines.push(format!(
                    "  … and {} more (`pi commitments --open`)",
                    many.len() - 5
                ));
            }
        }
    }
    if lines.is_empty() {
        return match &last {
            Some((t, _)) => format!("Nothing due. Your last reflection was {}.", ago(*t, now)),
            None => "Nothing due.".into(),
        };
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        let now = crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap();
        let at = |s: &str| ago(crate::clock::parse_stamp(s).unwrap(), now);
        assert_eq!(at("2026-11-23T08:00:00Z"), "today");
        assert_eq!(at("2026-11-22T08:00:00Z"), "1 day ago");
        assert_eq!(at("2026-11-13T08:00:00Z"), "10 days ago");
        assert_eq!(at("2026-11-02T08:00:00Z"), "3 weeks ago");
        assert_eq!(at("2026-08-01T08:00:00Z"), "3 months ago");
        assert_eq!(at("2025-11-01T08:00:00Z"), "12 months ago");
    }
}
