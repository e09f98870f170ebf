//! `pi status`: what is due, in a few short lines. Meant for a shell start-up file, so it
//! loads no packs, creates no journal and asks the journal only a handful of indexed questions.

use crate::app::App;
use crate::cli::StatusArgs;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::journal::{
    ArrivedReply, DueCommitment, Journal, LatestSession, SessionKind, SessionRecord,
};
use crate::words::fill;
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
    /// Friends' replies imported in the last two weeks: news, not something due.
    replies: Vec<ArrivedReply>,
}

/// How long `pi status` mentions a friend's reply after it was imported.
const REPLY_NEWS_DAYS: i64 = 14;

/// A paused session and the command that continues it.
#[derive(Debug, Serialize)]
struct Unfinished {
    session: SessionRecord,
    command: String,
}

/// The exit code of `pi status --quiet` when something is due: distinct from 1 (an error), so
/// that a shell snippet or a timer can tell the two apart.
pub const EXIT_DUE: u8 = 10;

impl Status {
    /// Whether anything is due: exactly when `pi status` says more than "Nothing due".
    fn anything_due(&self) -> bool {
        self.unfinished.is_some()
            || self.reflection_due
            || self.review_due
            || !self.due_commitments.is_empty()
    }
}

/// Runs `pi status`; the exit code is [`EXIT_DUE`] for `--quiet` when something is due.
pub fn run(app: &App, args: &StatusArgs) -> CliResult<u8> {
    let now = app.clock.now();
    let journal = if args.quiet {
        app.reading_journal_without_asking()?
    } else {
        app.reading_journal()?
    };
    let status = match journal {
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
            replies: Vec::new(),
        },
    };
    if args.quiet {
        return Ok(if status.anything_due() { EXIT_DUE } else { 0 });
    }
    let io = CliError::from;
    if args.json {
        return app.out.json(&status).map_err(io).map(|()| 0);
    }
    app.out
        .data(&render(&status, app, now))
        .map_err(io)
        .map(|()| 0)
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
        replies: journal.replies_since(&crate::clock::format_stamp(
            now - chrono::Duration::days(REPLY_NEWS_DAYS),
        ))?,
    })
}

fn started(session: &LatestSession) -> Option<DateTime<Utc>> {
    crate::clock::parse_stamp(&session.started_at)
}

/// The sentences of `pi status`, in the user's language.
struct Says {
    today: &'static str,
    /// Singular and plural of day, week, month, then the "{} ago" template.
    units: [(&'static str, &'static str); 3],
    ago: &'static str,
    none_yet: &'static str,
    about: &'static str,
    unfinished: &'static str,
    reflection_due: &'static str,
    last_review_on: &'static str,
    no_review_yet: &'static str,
    review_due: &'static str,
    one_commitment: &'static str,
    commitments: &'static str,
    commitment_line: &'static str,
    more: &'static str,
    nothing_due_since: &'static str,
    nothing_due: &'static str,
    reply: &'static str,
    reply_show: &'static str,
    /// Singular and plural of a friend's comment and of an answer to the guide.
    reply_units: [(&'static str, &'static str); 2],
}

const EN: Says = Says {
    today: "today",
    units: [("day", "days"), ("week", "weeks"), ("month", "months")],
    ago: "{} ago",
    none_yet: "No sessions yet. Start one with `pi reflect`.",
    about: " about {}",
    unfinished: "Unfinished: the {} session{} of {} ({} of {} answered). Continue with `{}`.",
    reflection_due: "A reflection is due: the last was {} ({}). Start one with `pi reflect`.",
    last_review_on: "the last was on {}",
    no_review_yet: "there has been none yet",
    review_due: "Your yearly review is due this month ({}). Prepare it with `pi review`.",
    one_commitment: "Time to look back on \u{201c}{}\u{201d} (since {}); your next session asks about it.",
    commitments: "Time to look back on {} commitments; your next session asks about them:",
    commitment_line: "  - {} (since {})",
    more: "  … and {} more (`pi commitments --open`)",
    nothing_due_since: "Nothing due. Your last reflection was {}.",
    nothing_due: "Nothing due.",
    reply: "{} replied {} to what you shared on {}: {} and {} to the conversation guide.",
    reply_show: " `pi show {}` shows them.",
    reply_units: [("comment", "comments"), ("answer", "answers")],
};

const NL: Says = Says {
    today: "vandaag",
    units: [("dag", "dagen"), ("week", "weken"), ("maand", "maanden")],
    ago: "{} geleden",
    none_yet: "Nog geen sessies. Begin er een met `pi reflect`.",
    about: " over {}",
    unfinished: "Niet afgerond: de sessie {}{} van {} ({} van {} beantwoord). Ga verder met `{}`.",
    reflection_due: "Tijd voor een reflectie: de vorige was {} ({}). Begin met `pi reflect`.",
    last_review_on: "de vorige was op {}",
    no_review_yet: "er is er nog geen geweest",
    review_due: "Je jaarlijkse terugblik staat deze maand gepland ({}). Bereid hem voor met `pi review`.",
    one_commitment: "Tijd om terug te kijken op \u{201c}{}\u{201d} (sinds {}); je volgende sessie vraagt ernaar.",
    commitments: "Tijd om terug te kijken op {} voornemens; je volgende sessie vraagt ernaar:",
    commitment_line: "  - {} (sinds {})",
    more: "  … en nog {} (`pi commitments --open`)",
    nothing_due_since: "Niets te doen. Je laatste reflectie was {}.",
    nothing_due: "Niets te doen.",
    reply: "{} antwoordde {} op wat je deelde op {}: {} en {} op de gespreksleidraad.",
    reply_show: " `pi show {}` laat ze zien.",
    reply_units: [("opmerking", "opmerkingen"), ("antwoord", "antwoorden")],
};

fn says(language: crate::domain::Language) -> &'static Says {
    match language {
        crate::domain::Language::Nl => &NL,
        crate::domain::Language::En => &EN,
    }
}

/// "today", "3 days ago", "5 weeks ago", "14 months ago" (or their Dutch).
fn ago(then: DateTime<Utc>, now: DateTime<Utc>, says: &Says) -> String {
    let days = (now - then).num_days();
    let plural = |n: i64, unit: usize| {
        let (one, many) = says.units[unit];
        fill(
            says.ago,
            &[&format!("{n} {}", if n == 1 { one } else { many })],
        )
    };
    match days {
        i64::MIN..=0 => says.today.into(),
        1..=13 => plural(days, 0),
        14..=111 => plural(days / 7, 1),
        _ => plural(days * 12 / 365, 2),
    }
}

/// "1 comment", "3 comments".
fn count(n: i64, (one, many): (&str, &str)) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn day(stamp: &str) -> String {
    crate::clock::local_date(stamp)
}

fn render(status: &Status, app: &App, now: DateTime<Utc>) -> String {
    let w = says(app.config.language);
    if !status.has_sessions {
        return w.none_yet.into();
    }
    let mut lines = Vec::new();
    let mut replies = Vec::new();
    if let Some(u) = &status.unfinished {
        let s = &u.session;
        let what = s
            .mode
            .map_or_else(|| s.pack_id.clone(), |m| app.words.mode_name(m).to_string());
        let about = if s.context.is_empty() {
            String::new()
        } else {
            fill(w.about, &[&visible(&s.context)])
        };
        lines.push(fill(
            w.unfinished,
            &[
                &what,
                &about,
                &day(&s.started_at),
                &s.answered.to_string(),
                &s.prompt_count.to_string(),
                &u.command,
            ],
        ));
    }
    let last = status
        .last_reflection
        .as_ref()
        .and_then(|l| started(l).map(|t| (t, day(&l.started_at))));
    if status.reflection_due
        && let Some((t, date)) = &last
    {
        lines.push(fill(w.reflection_due, &[&ago(*t, now, w), date]));
    }
    if status.review_due {
        let since = match &status.last_review {
            Some(r) => fill(w.last_review_on, &[&day(&r.started_at)]),
            None => w.no_review_yet.into(),
        };
        lines.push(fill(w.review_due, &[&since]));
    }
    match status.due_commitments.as_slice() {
        [] => {}
        [one] => lines.push(fill(
            w.one_commitment,
            &[&visible(&one.text), &one.look_back.to_string()],
        )),
        many => {
            lines.push(fill(w.commitments, &[&many.len().to_string()]));
            for c in many.iter().take(5) {
                lines.push(fill(
                    w.commitment_line,
                    &[&visible(&c.text), &c.look_back.to_string()],
                ));
            }
            if many.len() > 5 {
                lines.push(fill(w.more, &[&(many.len() - 5).to_string()]));
            }
        }
    }
    for r in &status.replies {
        let when = crate::clock::parse_stamp(&r.imported_at)
            .map_or_else(|| day(&r.imported_at), |t| ago(t, now, w));
        let mut line = fill(
            w.reply,
            &[
                &visible(&r.friend),
                &when,
                &day(&r.exported_at),
                &count(r.comments, w.reply_units[0]),
                &count(r.answers, w.reply_units[1]),
            ],
        );
        if let Some(s) = &r.first_session {
            line.push_str(&fill(w.reply_show, &[&s[..8.min(s.len())]]));
        }
        replies.push(line);
    }
    if lines.is_empty() {
        if !replies.is_empty() {
            let nothing = match &last {
                Some((t, _)) => fill(w.nothing_due_since, &[&ago(*t, now, w)]),
                None => w.nothing_due.into(),
            };
            return format!("{}\n{nothing}", replies.join("\n"));
        }
        return match &last {
            Some((t, _)) => fill(w.nothing_due_since, &[&ago(*t, now, w)]),
            None => w.nothing_due.into(),
        };
    }
    lines.extend(replies);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        let now = crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap();
        let at = |s: &str| ago(crate::clock::parse_stamp(s).unwrap(), now, &EN);
        assert_eq!(at("2026-11-23T08:00:00Z"), "today");
        assert_eq!(at("2026-11-22T08:00:00Z"), "1 day ago");
        assert_eq!(at("2026-11-13T08:00:00Z"), "10 days ago");
        assert_eq!(at("2026-11-02T08:00:00Z"), "3 weeks ago");
        assert_eq!(at("2026-08-01T08:00:00Z"), "3 months ago");
        assert_eq!(at("2025-11-01T08:00:00Z"), "12 months ago");
        let nl = |s: &str| ago(crate::clock::parse_stamp(s).unwrap(), now, &NL);
        assert_eq!(nl("2026-11-22T08:00:00Z"), "1 dag geleden");
        assert_eq!(nl("2026-11-02T08:00:00Z"), "3 weken geleden");
    }
}
