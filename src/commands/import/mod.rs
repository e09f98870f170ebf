//! `pi import FILE`: merge a `pi` export (plain or encrypted) from another computer, attach a
//! professional friend's reply, or bring in a history from jrnl or Day One (`--from`).
//!
//! An export is read twice, streaming both times: once to check every record without
//! touching the journal (so a bad file never creates or changes one), then once more to
//! merge, inside one transaction that `finish` commits only when everything fitted.

mod entries;
mod export;
mod packs;
mod reply;
mod source;

pub(super) use source::{Source, read_error};

use crate::app::App;
use crate::cli::ImportArgs;
use crate::error::CliResult;
use crate::journal::{ImportSummary, JournalError, Tally};

/// Runs `pi import`.
pub fn run(app: &App, args: &ImportArgs) -> CliResult<u8> {
    let label = args.file.display().to_string();
    let source = Source::open(&args.file, &label)?;
    let before = Presence::of(&app.config.journal);
    let result = match args.from {
        Some(tool) => entries::import(app, &source, &label, tool).map(|s| (s, String::new())),
        None => export::import(app, args, &source, &label),
    };
    let (summary, what) = match result {
        Ok(done) => done,
        Err(e) => {
            before.restore(app);
            return Err(e);
        }
    };
    report(app, &label, &what, &summary);
    Ok(0)
}

/// Whether the journal and its directory were there before the import: an import that
/// fails after it had to create them removes them again, so a bad file never leaves a
/// journal behind.
struct Presence {
    journal: bool,
    dir: bool,
}

impl Presence {
    fn of(journal: &std::path::Path) -> Self {
        Self {
            journal: journal.exists(),
            dir: journal.parent().is_none_or(std::path::Path::exists),
        }
    }

    /// Removes the journal (and its directory) this import created, if it is still empty.
    fn restore(&self, app: &App) {
        let path = &app.config.journal;
        if self.journal || !path.exists() {
            return;
        }
        let empty = match crate::journal::Journal::open(
            path,
            crate::journal::OpenMode::Existing,
            app.clock,
        ) {
            Ok(j) => j.session_count().is_ok_and(|n| n == 0),
            Err(_) => false,
        };
        if !empty {
            return;
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(name));
        }
        if !self.dir
            && let Some(dir) = path.parent()
        {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// A journal's refusal, naming the file.
fn journal_error(label: &str, e: JournalError) -> crate::error::CliError {
    match e {
        JournalError::Refused(m) => crate::error::CliError::new(format!("{label}: {m}")),
        other => other.into(),
    }
}

/// A journal's refusal as a reader's message (the reader adds the file's name).
fn message(e: JournalError) -> String {
    match e {
        JournalError::Refused(m) => m,
        other => other.to_string(),
    }
}

/// The closing summary on stderr: per record kind what was added, already here, revised.
fn report(app: &App, label: &str, what: &str, s: &ImportSummary) {
    let kinds: [(&str, &Tally); 9] = [
        ("sessions", &s.sessions),
        ("answers", &s.answers),
        ("pack snapshots", &s.pack_snapshots),
        ("statements", &s.statements),
        ("statement events", &s.statement_events),
        ("commitments", &s.commitments),
        ("follow-ups", &s.commitment_events),
        ("friend comments", &s.comments),
        ("friend answers", &s.guide),
    ];
    let mut lines = Vec::new();
    let changed = kinds.iter().any(|(_, t)| t.added + t.revised > 0)
        || s.detached > 0
        || s.forgotten_here > 0;
    let conflicts = kinds.iter().any(|(_, t)| t.conflicts > 0);
    lines.push(if changed {
        format!("Imported {label}{what}:")
    } else if s.forgotten > 0 && !conflicts {
        format!("Nothing added from {label}{what}:")
    } else if conflicts {
        format!("Nothing added from {label}{what}; some records differ from this journal's:")
    } else {
        format!("Nothing new: everything in {label}{what} is in the journal already.")
    });
    for (name, t) in kinds.iter().filter(|(_, t)| !t.is_empty()) {
        let mut parts = vec![
            format!("{} added", t.added),
            format!("{} already here", t.skipped),
        ];
        if t.revised > 0 {
            parts.push(format!("{} revised", t.revised));
        }
        if t.conflicts > 0 {
            parts.push(format!("{} conflicting (kept as they were)", t.conflicts));
        }
        lines.push(format!("  {name:<17} {}", parts.join(", ")));
    }
    if s.detached > 0 {
        lines.push(format!(
            "{} records were kept without their link to a session that is not in this journal.",
            s.detached
        ));
    }
    if s.forgotten_here > 0 {
        lines.push(format!(
            "Forgot {} record{} here that your journal on the other computer had forgotten (`pi forget` there). Backups made before may still hold {}: `pi forget --purge-backups` deletes those that do.",
            s.forgotten_here,
            if s.forgotten_here == 1 { "" } else { "s" },
            if s.forgotten_here == 1 { "it" } else { "them" },
        ));
    }
    if s.forgotten > 0 {
        lines.push(if s.forgotten == 1 {
            "Skipped 1 record you forgot with `pi forget` (or that belongs to one); it stays forgotten.".to_string()
        } else {
            format!(
                "Skipped {} records you forgot with `pi forget` (or that belong to them); they stay forgotten.",
                s.forgotten
            )
        });
    }
    if !s.notes.is_empty() {
        lines.push("Revisions and conflicts:".to_string());
        lines.extend(s.notes.iter().map(|n| format!("  - {n}")));
    }
    app.out.status(&lines.join("\n"));
}
