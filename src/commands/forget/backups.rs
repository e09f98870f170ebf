//! Backups that still hold what was forgotten: found by looking for the forgotten ids in
//! every copy pi knows of (`pi backup --list`), named, and deleted when the person says so.

use super::says::Says;
use crate::app::App;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED};
use crate::journal::maintenance::{copy_holds, forgotten_in, known_backups, shred};
use crate::ui::UiError;
use std::path::{Path, PathBuf};

/// The copies that hold any of `records`, and those that could not be read.
pub(super) fn holding(
    journal: &Path,
    records: &[(String, String)],
    key: Option<&crate::journal::cipher::Passphrase>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut holds = Vec::new();
    let mut unreadable = Vec::new();
    if records.is_empty() {
        return (holds, unreadable);
    }
    for (path, _) in known_backups(journal) {
        match copy_holds(&path, records, key) {
            Ok(true) => holds.push(path),
            Ok(false) => {}
            Err(_) => unreadable.push(path),
        }
    }
    (holds, unreadable)
}

/// Names the backups that hold what was forgotten and deletes them: with `purge`, or when
/// the person says yes (`ask`: a terminal, and no `--yes`); otherwise says how.
pub(super) fn offer(
    app: &App,
    says: &Says,
    records: &[(String, String)],
    purge: bool,
    ask: bool,
) -> CliResult<u8> {
    // Encrypted copies are read with the journal's passphrase, asked only when one is there.
    let encrypted = |p: &Path| {
        crate::journal::cipher::kind_of(p).ok() == Some(crate::journal::cipher::FileKind::Encrypted)
    };
    let key = known_backups(&app.config.journal)
        .iter()
        .any(|(p, _)| encrypted(p))
        .then(|| app.journal_passphrase().ok())
        .flatten();
    let (holds, unreadable) = holding(&app.config.journal, records, key.as_ref());
    if holds.is_empty() && unreadable.is_empty() {
        app.out
            .status(&format!("{} {}", says.no_backup_holds, says.elsewhere));
        return Ok(0);
    }
    let list = |title: &str, paths: &[PathBuf]| {
        if !paths.is_empty() {
            let mut text = title.to_string();
            for p in paths {
                text.push_str(&format!("\n  {}", p.display()));
            }
            app.out.status(&text);
        }
    };
    list(says.backups_hold, &holds);
    list(says.backups_unreadable, &unreadable);
    let doomed: Vec<PathBuf> = holds.into_iter().chain(unreadable).collect();
    let go = purge
        || (ask
            && match crate::ui::confirm::confirm(says.purge_question) {
                Ok(yes) => yes,
                Err(UiError::Interrupted) => return Ok(EXIT_INTERRUPTED),
                Err(e) => return Err(e.into()),
            });
    if !go {
        app.out
            .status(&format!("{} {}", says.purge_hint, says.elsewhere));
        return Ok(0);
    }
    for path in &doomed {
        shred(path).map_err(|e| {
            CliError::new(format!("cannot delete the backup {}: {e}", path.display()))
        })?;
        app.out.status(&crate::words::fill(
            says.purged,
            &[&path.display().to_string()],
        ));
    }
    app.out.status(says.elsewhere);
    Ok(0)
}

/// For `pi doctor`: a line on what was forgotten, and a problem with its fix when backups
/// still hold any of it. Reads only.
pub(crate) fn doctor_findings(journal: &Path) -> (Option<String>, Option<(String, String)>) {
    let Ok(tombstones) = forgotten_in(journal) else {
        return (None, None);
    };
    let Some(latest) = tombstones.iter().map(|t| t.2.as_str()).max() else {
        return (None, None);
    };
    let date = crate::clock::local_date(latest);
    let line = format!(
        "{} record{}, the latest on {date}",
        tombstones.len(),
        if tombstones.len() == 1 { "" } else { "s" }
    );
    let records: Vec<(String, String)> = tombstones.into_iter().map(|(k, id, _)| (k, id)).collect();
    let (holds, _) = holding(journal, &records, None);
    let found: Vec<String> = holds.iter().map(|p| p.display().to_string()).collect();
    if found.is_empty() {
        return (Some(line), None);
    }
    let problem = (
        format!(
            "{} backup{} made before you forgot something still hold{} it: {}",
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            if found.len() == 1 { "s" } else { "" },
            found.join(", ")
        ),
        "`pi forget --purge-backups` deletes them (or delete them yourself)".to_string(),
    );
    (Some(line), Some(problem))
}
