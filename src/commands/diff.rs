//! `pi diff`: what changed between two sessions — named by id, the two latest of one mode, or
//! the first and last of a period — as text, Markdown or JSON. The comparison itself is
//! [`crate::flows::diff`]; this file chooses the sessions and prints.
//!
//! The JSON (`--format json`) is a stable structure; fields are only ever added:
//! `{format: 1, older, newer, summary: {changed, unchanged, only_older, only_newer},
//! prompts: [{pack, prompt, older_prompt, kind, text, status, older, newer, change}],
//! statements: [{event, at, session_id, statement_id, text, new_text, words}]}` where `older`
//! and `newer` are sessions as `pi list --json` prints them, `status` is `changed`,
//! `unchanged`, `only_older` or `only_newer`, answer values are as in `pi show --json`, and
//! `change` is `{type: "text", words: [{op: equal|delete|insert, text}]}`,
//! `{type: "scale", from, to, delta}`, `{type: "choice", from, to}`,
//! `{type: "items", added, removed, kept}` or null.

use super::list::mode_label;
use crate::app::App;
use crate::cli::{DiffArgs, DiffFormat};
use crate::clock::local_time;
use crate::clock::{format_stamp, parse_stamp};
use crate::domain::{AnswerValue, Mode};
use crate::error::{CliError, CliResult};
use crate::flows::diff::{SessionDiff, Side, Status, compare};
use crate::journal::{Journal, SessionRecord, SessionStatus, StatementEventKind};
use crate::packs::{Pack, PackRegistry};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::BTreeSet;

mod markdown;
mod text;

/// Runs `pi diff`.
pub fn run(app: &App, args: &DiffArgs) -> CliResult {
    // Dates are checked before the journal is opened, so a typo is reported as such.
    let period = match (args.period.since, args.period.until) {
        (Some(_), _) => Some(Period::of(&args.period, app)?),
        (None, Some(_)) => {
            return Err(CliError::usage(
                "--until needs --since: pi diff compares the first and the last session of a period",
            ));
        }
        (None, None) => None,
    };
    let journal = app.reading_journal()?.ok_or_else(|| {
        CliError::new(format!(
            "there is no journal at {} yet, so there are no sessions to compare",
            app.config.journal.display()
        ))
        .hint("`pi reflect` starts your first session")
    })?;
    let (a, b) = match (&args.first, &args.second, &period) {
        (Some(a), Some(b), _) => (journal.find_session(a)?, journal.find_session(b)?),
        (_, _, Some(period)) => in_period(&journal, period, args.mode, app)?,
        _ => latest_pair(&journal, args.mode, app)?,
    };
    let diff = gather(app, &journal, &a, &b)?;
    let io = CliError::from;
    let text = match args.format {
        DiffFormat::Text => text::render(&diff, app.words, app.out.color),
        DiffFormat::Md => markdown::render(&diff, app.words),
        DiffFormat::Json => return app.out.json(&json(&diff)).map_err(io),
    };
    app.out.data(&text).map_err(io)
}

/// What `--since`/`--until` name: `[from, to)`, open-ended when `--until` is not given.
struct Period {
    from: DateTime<Utc>,
    to: Option<DateTime<Utc>>,
    label: String,
}

impl Period {
    fn of(args: &crate::cli::PeriodArgs, app: &App) -> CliResult<Self> {
        let placed = super::period::Period::of(args, app.clock.now())?;
        let from = placed.from.expect("a period with --since");
        let to = placed.to;
        let day = |t: DateTime<Utc>| t.format("%Y-%m-%d").to_string();
        Ok(Self {
            from,
            to,
            label: match to {
                Some(to) => format!("from {} to {}", day(from), day(to - chrono::Days::new(1))),
                None => format!("since {}", day(from)),
            },
        })
    }
}

/// Whether a session can be chosen automatically: a finished reflection, of `mode` when one
/// is asked for. Reviews and imported entries have no mode; naming them by id compares them.
fn candidate(s: &SessionRecord, mode: Option<Mode>) -> bool {
    s.status == SessionStatus::Finished
        && s.mode.is_some()
        && mode.is_none_or(|m| s.mode == Some(m))
}

/// The two latest finished sessions of the mode of the latest finished session that has an
/// earlier one of its mode. Reads newest first in growing pages (the `sessions_by_start`
/// index), so a long journal is not read whole when the answer is near the top.
fn latest_pair(
    journal: &Journal,
    mode: Option<Mode>,
    app: &App,
) -> CliResult<(SessionRecord, SessionRecord)> {
    let mut limit = 16;
    loop {
        let sessions = journal.sessions(Some(limit))?;
        let complete = sessions.len() < limit;
        let finished: Vec<&SessionRecord> =
            sessions.iter().filter(|s| candidate(s, mode)).collect();
        let pair = (0..finished.len()).find_map(|i| {
            let j = (i + 1..finished.len()).find(|&j| finished[j].mode == finished[i].mode)?;
            Some((i, j))
        });
        // The newest session's pair is certain; any other only once every session was seen.
        match pair {
            Some((i, j)) if i == 0 || complete => {
                return Ok((finished[j].clone(), finished[i].clone()));
            }
            _ if complete => return Err(too_few(finished.len(), mode, None, app)),
            _ => limit *= 4,
        }
    }
}

/// The first and the last finished session of one mode in the period: `mode`, or the mode
/// of the period's latest finished session.
fn in_period(
    journal: &Journal,
    period: &Period,
    mode: Option<Mode>,
    app: &App,
) -> CliResult<(SessionRecord, SessionRecord)> {
    let wanted = |s: &SessionRecord| candidate(s, mode);
    let to = match period.to {
        Some(to) => to,
        None => match journal.sessions(Some(1))?.first() {
            Some(newest) => started(newest)? + TimeDelta::milliseconds(1),
            None => return Err(too_few(0, mode, Some(period), app)),
        },
    };
    let Some(last) = scan(journal, period.from, to, true, wanted)? else {
        return Err(too_few(0, mode, Some(period), app));
    };
    let key = last.mode;
    let until_last = started(&last)? + TimeDelta::milliseconds(1);
    let first = scan(journal, period.from, until_last, false, |s| {
        wanted(s) && s.mode == key
    })?;
    match first {
        Some(first) if first.id != last.id => Ok((first, last)),
        _ => Err(too_few(1, mode.or(last.mode), Some(period), app)),
    }
}

/// The first session in `[from, to)` that `wanted` accepts, from the end when `backward`.
/// Reads windows that double in width from that end, each an indexed range query, so only
/// the sessions near the one sought are read, however long the journal and the period.
fn scan(
    journal: &Journal,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    backward: bool,
    wanted: impl Fn(&SessionRecord) -> bool,
) -> CliResult<Option<SessionRecord>> {
    let mut width = TimeDelta::days(31);
    let (mut lo, mut hi) = if backward {
        ((to - width).max(from), to)
    } else {
        (from, (from + width).min(to))
    };
    while lo < hi {
        let mut batch = journal.sessions_between(&format_stamp(lo), &format_stamp(hi))?;
        if backward {
            batch.reverse();
        }
        if let Some(found) = batch.into_iter().find(|s| wanted(s)) {
            return Ok(Some(found));
        }
        width = width * 2;
        (lo, hi) = if backward {
            ((lo - width).max(from), lo)
        } else {
            (hi, (hi + width).min(to))
        };
    }
    Ok(None)
}

/// When a session started, as a time.
fn started(s: &SessionRecord) -> CliResult<DateTime<Utc>> {
    parse_stamp(&s.started_at).ok_or_else(|| {
        CliError::new(format!(
            "session {} has an unreadable start time '{}'",
            s.id.short(),
            s.started_at
        ))
    })
}

/// Says what is missing for a comparison (`n`, 0 or 1, of `mode` found; or with no mode,
/// `n` finished reflections each of another mode), and how to get it.
fn too_few(n: usize, mode: Option<Mode>, period: Option<&Period>, app: &App) -> CliError {
    let what = match mode {
        Some(m) => format!("two finished {} ({m}) reflections", app.words.mode_name(m)),
        None => "two finished reflections of one mode".to_string(),
    };
    let found = match n {
        0 => "none",
        1 => "only one",
        _ => "",
    };
    let message = match period {
        Some(p) if n >= 2 => format!(
            "pi diff needs {what} {}, and the {n} there are each of another mode",
            p.label
        ),
        Some(p) => format!(
            "pi diff needs {what} {}, and there {} {found}",
            p.label,
            if n == 0 { "are" } else { "is" }
        ),
        None if n >= 2 => format!(
            "pi diff needs {what}, and the journal's {n} finished reflections are each of \
             another mode"
        ),
        None => format!("pi diff needs {what}, and the journal has {found}"),
    };
    let reflect = mode.map_or("pi reflect".to_string(), |m| {
        format!("pi reflect --mode {m}")
    });
    CliError::new(message).hint(format!(
        "reflect again with `{reflect}`, or name any two sessions: `pi diff ID ID` \
         (`pi list` shows the ids)"
    ))
}

/// Loads what the comparison needs: both sessions' packs and answers, every known version of
/// their packs (to follow `replaces` through versions neither session used) and the
/// statements.
fn gather(
    app: &App,
    journal: &Journal,
    a: &SessionRecord,
    b: &SessionRecord,
) -> CliResult<SessionDiff> {
    let (packs_a, packs_b) = (journal.session_packs(a.id)?, journal.session_packs(b.id)?);
    let (answers_a, answers_b) = (
        journal.session_answers(a.id)?,
        journal.session_answers(b.id)?,
    );
    let ids: BTreeSet<&str> = packs_a
        .iter()
        .chain(&packs_b)
        .map(|p| p.id.as_str())
        .collect();
    let mut lineage: Vec<Pack> = Vec::new();
    for id in &ids {
        lineage.extend(journal.snapshots_of(id)?);
    }
    // Pack files only add links between versions; the journal's snapshots are what was asked.
    // So a broken user pack, which other commands refuse, does not stop this read-only one.
    if let Ok(registry) = PackRegistry::load(Some(&app.config.packs_dir())) {
        lineage.extend(
            registry
                .all()
                .into_iter()
                .filter(|p| ids.contains(p.id.as_str()))
                .cloned(),
        );
    }
    // Only the statements with an event between the two sessions, not all of them.
    let (older, newer) = if (&b.started_at, b.id) < (&a.started_at, a.id) {
        (b, a)
    } else {
        (a, b)
    };
    let statements =
        journal.statements_touched_between(&older.started_at, newer.finished_at.as_deref())?;
    let side = |session, packs, answers| Side {
        session,
        packs,
        answers,
    };
    compare(
        side(a, &packs_a, &answers_a),
        side(b, &packs_b, &answers_b),
        &lineage.iter().collect::<Vec<_>>(),
        &statements,
    )
    .map_err(CliError::from)
}

/// A short name for each of the two sessions: the date, or the time too when they share a
/// date, or the id when they share the minute.
fn labels(diff: &SessionDiff) -> (String, String) {
    let (a, b) = (
        local_time(&diff.older.started_at),
        local_time(&diff.newer.started_at),
    );
    if a.get(..10) != b.get(..10) {
        (
            a[..10.min(a.len())].to_string(),
            b[..10.min(b.len())].to_string(),
        )
    } else if a != b {
        (a, b)
    } else {
        (diff.older.id.short(), diff.newer.id.short())
    }
}

/// How many prompts have this status.
fn count(diff: &SessionDiff, status: Status) -> usize {
    diff.with_status(status).count()
}

/// The mode (or pack) both sessions share, for titles.
fn subject(diff: &SessionDiff, words: &'static crate::words::Words) -> String {
    let (a, b) = (
        mode_label(&diff.older, words),
        mode_label(&diff.newer, words),
    );
    if a == b { a } else { format!("{a} / {b}") }
}

/// The version of the JSON structure; raised only if a field ever has to change meaning.
const JSON_FORMAT: u32 = 1;

/// The diff as JSON (see the module documentation of `pi diff` for the structure).
fn json(diff: &SessionDiff) -> serde_json::Value {
    serde_json::json!({
        "format": JSON_FORMAT,
        "older": diff.older,
        "newer": diff.newer,
        "summary": {
            "changed": count(diff, Status::Changed),
            "unchanged": count(diff, Status::Unchanged),
            "only_older": count(diff, Status::OnlyOlder),
            "only_newer": count(diff, Status::OnlyNewer),
        },
        "prompts": diff.prompts,
        "statements": diff.statements,
    })
}

/// The counts of the summary line, each naming its status.
fn summary(diff: &SessionDiff, old_label: &str, new_label: &str) -> Vec<String> {
    vec![
        format!("{} changed", count(diff, Status::Changed)),
        format!("{} unchanged", count(diff, Status::Unchanged)),
        format!("{} only in {old_label}", count(diff, Status::OnlyOlder)),
        format!("{} only in {new_label}", count(diff, Status::OnlyNewer)),
    ]
}

/// A statement event in words.
fn event(kind: StatementEventKind) -> &'static str {
    match kind {
        StatementEventKind::Written => "written",
        StatementEventKind::Kept => "kept",
        StatementEventKind::LetGo => "let go",
        StatementEventKind::Restored => "restored",
        StatementEventKind::Revised => "revised",
    }
}

/// A value as plain text, one item per line for lists.
fn plain(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::Number(n) => n.to_string(),
        AnswerValue::Items(items) => items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
