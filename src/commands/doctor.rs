//! `pi doctor`: where everything lives and whether it is healthy, with what to do when not.
//! It only reads: it never migrates, repairs or removes anything; it says what to do.

use crate::app::App;
use crate::error::{CliError, CliResult, EXIT_ERROR, EXIT_OK};
use crate::journal::JournalError;
use crate::journal::LATEST_VERSION;
use crate::journal::access;
use crate::journal::maintenance::{Inspection, inspect, inspect_keyed, migration_backups};
use crate::packs::PackRegistry;
use std::path::Path;

/// One finding: what is wrong and what to do about it.
struct Problem {
    what: String,
    fix: String,
}

/// Runs `pi doctor`; exits 1 when something needs attention.
pub fn run(app: &App, args: &crate::cli::DoctorArgs) -> CliResult<u8> {
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let journal = &app.config.journal;
    let mut inspected = None;
    let mut encrypted = None;
    if journal.exists() {
        match inspect_unlocked(app, journal, &mut encrypted) {
            Ok(found) => {
                let mode = found
                    .mode
                    .map(|m| format!(", mode {m:03o}"))
                    .unwrap_or_default();
                lines.push((
                    "journal".into(),
                    format!("{} ({}{mode})", journal.display(), size(found.size)),
                ));
                let schema = if found.needs_migration() {
                    format!(
                        "version {} (this pi writes {LATEST_VERSION}; upgraded with a backup on next use)",
                        found.schema_version
                    )
                } else {
                    format!("version {} (current)", found.schema_version)
                };
                lines.push(("schema".into(), schema));
                lines.push(("integrity".into(), found.integrity.join("; ")));
                let [sessions, answers, statements, commitments] = found.counts;
                lines.push((
                    "contents".into(),
                    format!("{sessions} sessions, {answers} answers, {statements} statements, {commitments} commitments"),
                ));
                if !found.is_intact() {
                    problems.push(Problem {
                        what: format!("the journal fails its integrity check: {}", found.integrity.join("; ")),
                        fix: "restore a backup with `pi backup --restore FILE` (see `pi backup --list`)".into(),
                    });
                }
                if found.readable_by_others() {
                    problems.push(Problem {
                        what: format!(
                            "others can read the journal (mode {:03o})",
                            found.mode.unwrap_or(0)
                        ),
                        fix: format!("chmod 600 {}", journal.display()),
                    });
                }
                inspected = Some(found);
            }
            Err(JournalError::Encrypted { .. }) => {
                lines.push(("journal".into(), journal.display().to_string()));
                lines.push((
                    "contents".into(),
                    "not checked without the passphrase; set PI_JOURNAL_PASSPHRASE, or run pi doctor in a terminal".into(),
                ));
            }
            Err(e @ JournalError::WrongPassphrase { .. }) => {
                lines.push(("journal".into(), journal.display().to_string()));
                problems.push(Problem {
                    what: e.to_string(),
                    fix: "run pi doctor again and give the journal's passphrase".into(),
                });
            }
            Err(e) => {
                lines.push(("journal".into(), journal.display().to_string()));
                problems.push(Problem {
                    what: e.to_string(),
                    fix: "restore a backup with `pi backup --restore FILE`, or point --journal elsewhere".into(),
                });
            }
        }
    } else {
        lines.push((
            "journal".into(),
            format!(
                "{} (not created yet; `pi reflect` creates it)",
                journal.display()
            ),
        ));
    }
    if journal.exists() {
        access_findings(journal, &mut lines, &mut problems);
    }
    let plain_copies = encryption_findings(journal, encrypted, &mut lines, &mut problems);
    leftover_findings(journal, &mut problems);
    let (forgotten, held) = if journal.exists() {
        super::forget::doctor_findings(journal)
    } else {
        (None, None)
    };
    lines.extend(
        forgotten
            .clone()
            .map(|line| ("forgotten".to_string(), line)),
    );
    problems.extend(held.map(|(what, fix)| Problem { what, fix }));
    let backups = migration_backups(journal);
    if !backups.is_empty() {
        lines.push((
            "backups".into(),
            format!(
                "{} taken before migrations, newest {}",
                backups.len(),
                backups
                    .last()
                    .map(|b| b.display().to_string())
                    .unwrap_or_default()
            ),
        ));
    }
    let config_file = app.config.config_dir.join("config.toml");
    lines.push((
        "config".into(),
        format!(
            "{} ({})",
            config_file.display(),
            if config_file.exists() {
                "in use"
            } else {
                "not present; defaults apply"
            }
        ),
    ));
    lines.push(("language".into(), app.config.language.code().to_string()));
    let packs_dir = app.config.packs_dir();
    match PackRegistry::load(Some(&packs_dir)) {
        Ok(registry) => {
            let user = registry
                .all()
                .iter()
                .filter(|p| matches!(p.source, crate::packs::PackSource::File(_)))
                .count();
            lines.push((
                "packs".into(),
                format!(
                    "{} built-in and {user} of yours in {}, all valid",
                    registry.all().len() - user,
                    packs_dir.display()
                ),
            ));
        }
        Err(errors) => {
            lines.push((
                "packs".into(),
                format!("{} problem(s) in {}", errors.0.len(), packs_dir.display()),
            ));
            for e in errors.0 {
                problems.push(Problem {
                    what: e.to_string(),
                    fix: "fix the pack (`pi packs validate FILE` lists every problem) or move it out of the packs folder".into(),
                });
            }
        }
    }
    let io = CliError::from;
    if args.json {
        let json = serde_json::json!({
            "journal": journal,
            "inspection": inspected,
            "migration_backups": backups,
            "forgotten": forgotten,
            "encrypted": encrypted,
            "plain_copies": plain_copies,
            "config": config_file,
            "packs_dir": packs_dir,
            "language": app.config.language,
            "problems": problems.iter().map(|p| serde_json::json!({"problem": p.what, "fix": p.fix})).collect::<Vec<_>>(),
        });
        app.out.json(&json).map_err(io)?;
    } else {
        let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        let mut text: String = lines
            .iter()
            .map(|(k, v)| format!("{k:<width$}  {v}\n"))
            .collect();
        if problems.is_empty() {
            text.push_str("\nAll is well.\n");
        } else {
            for p in &problems {
                text.push_str(&format!("\nProblem: {}\n   Fix: {}\n", p.what, p.fix));
            }
        }
        app.out.data(&text).map_err(io)?;
    }
    Ok(if problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

/// Inspects the journal; an encrypted one with its passphrase (from `PI_JOURNAL_PASSPHRASE`
/// or asked in a terminal). Notes in `encrypted` whether it is encrypted, when that is known.
fn inspect_unlocked(
    app: &App,
    journal: &Path,
    encrypted: &mut Option<bool>,
) -> Result<Inspection, JournalError> {
    use crate::journal::cipher::{FileKind, kind_of};
    match kind_of(journal) {
        Ok(FileKind::Encrypted) => *encrypted = Some(true),
        Ok(FileKind::Plain | FileKind::Empty) => *encrypted = Some(false),
        _ => {}
    }
    match inspect(journal) {
        Err(e @ JournalError::Encrypted { .. }) => match app.journal_passphrase() {
            Ok(key) => inspect_keyed(journal, Some(&key)),
            Err(_) => Err(e),
        },
        other => other,
    }
}

/// Whether the journal is encrypted and, when it is, the plain copies of it that remain
/// (backups before migrations or restores, `pi backup` copies); returns those copies.
fn encryption_findings(
    journal: &Path,
    encrypted: Option<bool>,
    lines: &mut Vec<(String, String)>,
    problems: &mut Vec<Problem>,
) -> Vec<super::encrypt::PlainCopy> {
    let Some(encrypted) = encrypted else {
        return Vec::new();
    };
    if !encrypted {
        lines.push((
            "encrypted".into(),
            "no: anyone with the file can read it; `pi encrypt` encrypts it".into(),
        ));
        return Vec::new();
    }
    lines.push((
        "encrypted".into(),
        "yes (SQLCipher); backups made from now on are encrypted too".into(),
    ));
    let copies = super::encrypt::plain_copies(journal);
    if !copies.is_empty() {
        problems.push(Problem {
            what: format!(
                "{} plain cop{} of the encrypted journal remain{}, readable without the passphrase: {}",
                copies.len(),
                if copies.len() == 1 { "y" } else { "ies" },
                if copies.len() == 1 { "s" } else { "" },
                copies
                    .iter()
                    .map(|c| format!("{} ({})", c.path.display(), c.made_by()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            fix: "`pi encrypt --remove-plain-backups` removes them (overwritten first); `pi backup` makes a new, encrypted copy".into(),
        });
    }
    copies
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / f64::from(1 << 10)),
        b => format!("{b} bytes"),
    }
}

/// Whether the journal can be written, and the companion files SQLite keeps beside it: a
/// `-shm` or `-wal` nobody can write blocks every change while the journal itself is fine.
fn access_findings(journal: &Path, lines: &mut Vec<(String, String)>, problems: &mut Vec<Problem>) {
    match access::check(journal) {
        Ok(()) => {}
        Err(access::ReadOnly::Companion { .. }) => {}
        Err(reason) => lines.push((
            "access".into(),
            format!("read-only: {reason}; reading commands work, writing commands refuse"),
        )),
    }
    #[cfg(unix)]
    let owner = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(journal).ok().map(|m| m.uid())
    };
    for side in access::companions(journal) {
        let Ok(meta) = std::fs::symlink_metadata(&side) else {
            continue;
        };
        let shown = side.display();
        let is_shm = side.to_string_lossy().ends_with("-shm");
        if !meta.is_file() {
            problems.push(Problem {
                what: format!("{shown} is not a file SQLite made, so the journal cannot be opened"),
                fix: format!("when no pi is running, move it away: `mv {shown} {shown}.odd`"),
            });
            continue;
        }
        let mode = access::mode(&side).unwrap_or(0);
        #[cfg(unix)]
        let stranger = {
            use std::os::unix::fs::MetadataExt;
            owner.filter(|o| *o != meta.uid()).map(|_| meta.uid())
        };
        #[cfg(not(unix))]
        let stranger: Option<u32> = None;
        let blocked = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&side)
            .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
        if blocked {
            let whose = stranger
                .map(|uid| format!(", owned by user {uid}"))
                .unwrap_or_default();
            problems.push(Problem {
                what: format!(
                    "{shown} cannot be written (mode {mode:03o}{whose}), so every change to the journal fails"
                ),
                fix: if is_shm {
                    format!(
                        "when no pi is running, delete it (`rm {shown}`); SQLite makes a new one"
                    )
                } else {
                    format!(
                        "make it writable (`chmod 600 {shown}`, as its owner); never delete a -wal file, it may hold your latest answers"
                    )
                },
            });
        } else if mode & 0o077 != 0 && meta.len() > 0 {
            problems.push(Problem {
                what: format!(
                    "others can read {shown} (mode {mode:03o}), which holds journal text"
                ),
                fix: format!("chmod 600 {shown}"),
            });
        }
    }
}

/// Files a killed pi left with private text in them (see [`crate::leftovers`]).
fn leftover_findings(journal: &Path, problems: &mut Vec<Problem>) {
    let mut found = crate::leftovers::find(journal);
    for path in crate::leftovers::in_dir(Path::new("."), &crate::leftovers::TEMP_PREFIXES) {
        if !found.contains(&path) {
            found.push(path);
        }
    }
    if found.is_empty() {
        return;
    }
    problems.push(Problem {
        what: format!(
            "{} file{} left by an interrupted pi hold private text: {}",
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            found
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        fix: "the next pi command (any but doctor) removes them; or delete them yourself".into(),
    });
}
