//! `pi backup`: a consistent copy of the journal, named by date; `--list` the copies there
//! are; `--restore FILE` puts one back after checking it, keeping the current journal aside.

use crate::app::App;
use crate::error::{CliError, CliResult};
use crate::journal::JournalError;
use crate::journal::cipher::{FileKind, kind_of};
use crate::journal::maintenance::{inspect_copy_keyed, known_backups, restore_with};
use std::path::{Path, PathBuf};

/// Runs `pi backup`.
pub fn run(app: &App, args: &crate::cli::BackupArgs) -> CliResult {
    let default_dir = app
        .config
        .journal
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |p| p.join("backups"));
    if let Some(file) = &args.restore {
        let encrypted = |p: &Path| kind_of(p).ok() == Some(FileKind::Encrypted);
        let was_encrypted = encrypted(&app.config.journal);
        let key = if was_encrypted || encrypted(file) {
            Some(app.journal_passphrase()?)
        } else {
            None
        };
        let restored = restore_with(&app.config.journal, file, app.clock, key.as_ref())?;
        if restored.forgotten_again > 0 {
            app.out.status(&format!(
                "The backup still held {} record{} you had forgotten with `pi forget`; forgotten again.",
                restored.forgotten_again,
                if restored.forgotten_again == 1 { "" } else { "s" }
            ));
        }
        let aside = restored.aside;
        app.out.status(&format!(
            "Restored {} from {}.",
            app.config.journal.display(),
            file.display()
        ));
        if let Some(aside) = aside {
            app.out.status(&format!(
                "The journal as it was is kept at {}.",
                aside.display()
            ));
        }
        if was_encrypted && !encrypted(&app.config.journal) {
            app.out.status(
                "The restored journal is not encrypted (the backup was made before it was); `pi encrypt` encrypts it again.",
            );
        }
        return Ok(());
    }
    if args.list {
        return list(app);
    }
    let Some(journal) = app.reading_journal()? else {
        return Err(CliError::new(format!(
            "there is no journal at {} to back up yet",
            app.config.journal.display()
        )));
    };
    let dir = args.dir.clone().unwrap_or(default_dir);
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir).map_err(|e| {
            CliError::new(format!(
                "cannot create the backup directory {}: {e}",
                dir.display()
            ))
        })?;
    }
    let name = format!("pi-journal-{}.db", app.clock.now().format("%Y%m%d-%H%M%S"));
    let dest = dir.join(name);
    // A backup never replaces anything (an existing name is refused below); the guard
    // catches a name that leads into the journal's own files by a link.
    app.protected()
        .check(&dest)
        .or_else(|r| if dest.exists() { Ok(()) } else { Err(r) })
        .map_err(
            |refusal| crate::interchange::atomic::WriteError::Protected {
                path: dest.display().to_string(),
                refusal,
            },
        )?;
    journal.backup_to(&dest)?;
    app.out
        .data(&dest.display().to_string())
        .map_err(CliError::from)?;
    app.out
        .status(&format!("Backed up the journal to {}.", dest.display()));
    Ok(())
}

fn list(app: &App) -> CliResult {
    let rows = known_backups(&app.config.journal);
    if rows.is_empty() {
        app.out.status("No backups yet. `pi backup` makes one.");
        return Ok(());
    }
    // Encrypted copies are opened with the journal's passphrase, asked only when one is there.
    let key = rows
        .iter()
        .any(|(p, _)| kind_of(p).ok() == Some(FileKind::Encrypted))
        .then(|| app.journal_passphrase().ok())
        .flatten();
    let mut table = crate::ui::table::new_table(
        &["backup", "made by", "sessions", "schema", "health"],
        app.out.color,
    );
    for (path, origin) in rows {
        let (sessions, schema, health) = match inspect_copy_keyed(&path, key.as_ref()) {
            Ok(i) => (
                i.counts[0].to_string(),
                i.schema_version.to_string(),
                match (i.is_intact(), i.encrypted) {
                    (true, false) => "ok".to_string(),
                    (true, true) => "ok, encrypted".to_string(),
                    (false, _) => "damaged".to_string(),
                },
            ),
            Err(JournalError::Encrypted { .. }) => {
                (String::new(), String::new(), "encrypted".to_string())
            }
            Err(JournalError::WrongPassphrase { .. }) => (
                String::new(),
                String::new(),
                "encrypted with another passphrase".to_string(),
            ),
            Err(e) => (String::new(), String::new(), e.to_string()),
        };
        table.add_row(vec![
            path.display().to_string(),
            origin.to_string(),
            sessions,
            schema,
            health,
        ]);
    }
    app.out.data(&table.to_string()).map_err(CliError::from)
}
