//! `pi list`: the sessions in the journal, newest first.

use crate::app::App;
use crate::error::{CliError, CliResult};
use crate::journal::{SessionRecord, SessionStatus};
use crate::ui::table::new_table;
use crate::words::Words;

/// How many sessions the table shows unless `--limit` or `--all` says otherwise: a journal of
/// twenty years should not scroll past, nor cost a count of every answer ever given.
const TABLE_LIMIT: usize = 50;

/// Runs `pi list`.
pub fn run(app: &App, args: &crate::cli::ListArgs) -> CliResult {
    let limit = match (args.limit, args.all || args.json) {
        (Some(n), _) => Some(n),
        (None, true) => None,
        (None, false) => Some(TABLE_LIMIT),
    };
    let (sessions, total) = match app.existing_journal()? {
        Some(journal) => {
            let sessions = journal.sessions_starred(limit, args.starred)?;
            let total = if limit == Some(sessions.len()) && !args.starred {
                journal.session_count()?
            } else {
                sessions.len()
            };
            (sessions, total)
        }
        None => (Vec::new(), 0),
    };
    let io = |e: std::io::Error| CliError::new(e.to_string());
    if args.json {
        let json =
            serde_json::to_string_pretty(&sessions).map_err(|e| CliError::new(e.to_string()))?;
        return app.out.data(&json).map_err(io);
    }
    if sessions.is_empty() {
        app.out.status(app.words.no_sessions);
        return Ok(());
    }
    app.out
        .data(&table(&sessions, app.words, app.out.color).to_string())
        .map_err(io)?;
    if total > sessions.len() {
        app.out.status(&format!(
            "Showing the latest {} of {total} sessions; --all shows every one.",
            sessions.len()
        ));
    }
    Ok(())
}

/// The mode (or pack) of a session in the user's words.
pub fn mode_label(session: &SessionRecord, words: &Words) -> String {
    if session.kind == crate::journal::SessionKind::Journal {
        // An entry imported from another tool: say which, as it walks no pack or mode.
        return format!("journal ({})", session.pack_id);
    }
    session.mode.map_or_else(
        || session.pack_id.clone(),
        |m| words.mode_name(m).to_string(),
    )
}

/// A start time as a local date and time (`YYYY-MM-DD HH:MM`). Written field by field:
/// `pi history` shows thousands, and chrono's `format` parses its pattern every time.
pub fn local_time(stamp: &str) -> String {
    use chrono::{Datelike, Timelike};
    crate::clock::parse_stamp(stamp).map_or_else(
        || stamp.to_string(),
        |t| {
            let t = t.with_timezone(&chrono::Local);
            let local = t.naive_local();
            let Ok(year) = u32::try_from(local.year()) else {
                return t.format("%Y-%m-%d %H:%M").to_string();
            };
            if year > 9999 {
                return t.format("%Y-%m-%d %H:%M").to_string();
            }
            let mut out = String::with_capacity(16);
            let mut digits = |n: u32, width: u32, then: Option<char>| {
                for place in (0..width).rev() {
                    out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
                }
                out.extend(then);
            };
            digits(year, 4, Some('-'));
            digits(local.month(), 2, Some('-'));
            digits(local.day(), 2, Some(' '));
            digits(local.hour(), 2, Some(':'));
            digits(local.minute(), 2, None);
            out
        },
    )
}

fn table(sessions: &[SessionRecord], words: &Words, color: bool) -> comfy_table::Table {
    let mut table = new_table(
        &["id", "date", "mode", "context", "answered", "status"],
        color,
    );
    for s in sessions {
        table.add_row(vec![
            s.id.short(),
            local_time(&s.started_at),
            mode_label(s, words),
            if s.starred {
                format!("★ {}", s.context)
            } else {
                s.context.clone()
            },
            format!("{}/{}", s.answered, s.prompt_count),
            match s.status {
                SessionStatus::InProgress => "in progress".to_string(),
                SessionStatus::Finished => "finished".to_string(),
            },
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::local_time;

    #[test]
    fn local_times_read_as_chrono_writes_them() {
        for stamp in [
            "2026-11-23T10:00:00.000Z",
            "1996-01-08T08:05:59.999Z",
            "0099-02-03T04:05:06Z",
            "2024-02-29T23:59:00Z",
        ] {
            let expected = crate::clock::parse_stamp(stamp)
                .unwrap()
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            assert_eq!(local_time(stamp), expected, "{stamp}");
        }
        assert_eq!(local_time("not a time"), "not a time");
    }
}
