//! `pi list`: the sessions in the journal, newest first.

use crate::app::App;
use crate::clock::local_time;
use crate::domain::untrusted::visible;
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
    let (sessions, total) = match app.reading_journal()? {
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
    let io = CliError::from;
    if args.json {
        return app.out.json(&sessions).map_err(io);
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
        return format!("journal ({})", visible(&session.pack_id));
    }
    session.mode.map_or_else(
        || visible(&session.pack_id).into_owned(),
        |m| words.mode_name(m).to_string(),
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
                format!("★ {}", visible(&s.context))
            } else {
                visible(&s.context).into_owned()
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
