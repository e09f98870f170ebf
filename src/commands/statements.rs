//! `pi statements`: the current set of statements about your professional identity, and with
//! `--all` every one let go or revised, each with its history.

use crate::app::App;
use crate::clock::local_time;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::journal::{StatementEventKind, StatementRecord, StatementState};

/// Runs `pi statements`.
pub fn run(app: &App, args: &crate::cli::StatementsArgs) -> CliResult {
    let statements = match app.reading_journal()? {
        Some(journal) => journal.statements()?,
        None => Vec::new(),
    };
    let shown: Vec<&StatementRecord> = statements
        .iter()
        .filter(|s| args.all || s.state() == StatementState::Current)
        .collect();
    let io = CliError::from;
    if args.json {
        let json = serde_json::Value::from(
            shown
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.id,
                        "text": s.text,
                        "state": s.state(),
                        "replaces": s.replaces,
                        "created_at": s.created_at,
                        "events": s.events,
                    })
                })
                .collect::<Vec<_>>(),
        );
        return app.out.json(&json).map_err(io);
    }
    if shown.is_empty() {
        app.out.status(if statements.is_empty() {
            "No statements yet. A `pi reflect` session in mode verkennen ends by writing some."
        } else {
            "No current statements; `pi statements --all` shows the ones let go."
        });
        return Ok(());
    }
    app.out
        .data(&render(&shown, &statements, args.all))
        .map_err(io)
}

fn event_name(kind: StatementEventKind) -> &'static str {
    match kind {
        StatementEventKind::Written => "written",
        StatementEventKind::Kept => "kept",
        StatementEventKind::LetGo => "let go",
        StatementEventKind::Restored => "restored",
        StatementEventKind::Revised => "revised",
    }
}

fn render(shown: &[&StatementRecord], all: &[StatementRecord], history: bool) -> String {
    let mut out = String::new();
    for s in shown {
        let state = match s.state() {
            StatementState::Current => "",
            StatementState::LetGo => "  (let go)",
            StatementState::Revised => "  (revised)",
        };
        out.push_str(&format!("{}  {}{state}\n", s.id.short(), visible(&s.text)));
        if history {
            let mut events: Vec<String> = s
                .events
                .iter()
                .map(|e| {
                    format!(
                        "{} {}",
                        &local_time(&e.at)[..10.min(local_time(&e.at).len())],
                        event_name(e.kind)
                    )
                })
                .collect();
            if let Some(old) = s.replaces.and_then(|r| all.iter().find(|o| o.id == r)) {
                events.insert(
                    0,
                    format!(
                        "revision of {} \u{201c}{}\u{201d}",
                        old.id.short(),
                        visible(&old.text)
                    ),
                );
            }
            if let Some(newer) = all.iter().find(|n| n.replaces == Some(s.id)) {
                events.push(format!(
                    "now \u{201c}{}\u{201d} ({})",
                    visible(&newer.text),
                    newer.id.short()
                ));
            }
            out.push_str(&format!("          {}\n", events.join(" · ")));
        }
    }
    out
}
