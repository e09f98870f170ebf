//! `pi commitments`: the intentions and experiments you set, and what became of them.

use crate::app::App;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::journal::{CommitmentRecord, CommitmentStatus};
use crate::ui::table::new_table;

/// Runs `pi commitments`.
pub fn run(app: &App, args: &crate::cli::CommitmentsArgs) -> CliResult {
    let commitments = match app.reading_journal()? {
        Some(journal) => journal.commitments()?,
        None => Vec::new(),
    };
    let shown: Vec<&CommitmentRecord> = commitments
        .iter()
        .filter(|c| !args.open || c.status() == CommitmentStatus::Open)
        .collect();
    let io = CliError::from;
    if args.json {
        let json = serde_json::Value::from(
            shown
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id,
                        "text": c.text,
                        "status": c.status(),
                        "look_back": c.look_back,
                        "session_id": c.session_id,
                        "created_at": c.created_at,
                        "events": c.events,
                    })
                })
                .collect::<Vec<_>>(),
        );
        return app.out.json(&json).map_err(io);
    }
    if shown.is_empty() {
        app.out
            .status("No commitments yet. A session can end by setting one.");
        return Ok(());
    }
    let today = app.clock.now().date_naive();
    let mut table = new_table(
        &[
            "id",
            "set on",
            "commitment",
            "look back",
            "status",
            "what happened",
        ],
        app.out.color,
    );
    for c in shown {
        let status = c.status();
        let due = status == CommitmentStatus::Open && c.look_back.is_some_and(|d| d <= today);
        table.add_row(vec![
            c.id.short(),
            crate::clock::local_date(&c.created_at),
            visible(&c.text).into_owned(),
            c.look_back
                .map(|d| {
                    if due {
                        format!("{d} (due)")
                    } else {
                        d.to_string()
                    }
                })
                .unwrap_or_default(),
            match status {
                CommitmentStatus::Open => "open",
                CommitmentStatus::Done => "done",
                CommitmentStatus::Dropped => "dropped",
            }
            .to_string(),
            c.events
                .iter()
                .rev()
                .find_map(|e| e.note.as_deref().map(|n| visible(n).into_owned()))
                .unwrap_or_default(),
        ]);
    }
    app.out.data(&table.to_string()).map_err(io)
}
