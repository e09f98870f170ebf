//! Importing a `pi` export: read twice, streaming both times. The first pass checks every
//! record and reads the packs it answers without touching the journal; then pi makes sure
//! the export is the person's own (this journal, a journal they merged before, or one they
//! now confirm); the second pass merges, inside one transaction that `finish` commits only
//! when everything fitted. A friend's reply is recognised in the first pass and attached.

use super::packs::PackIndex;
use super::source::{Source, read_error};
use super::{journal_error, message, reply};
use crate::app::App;
use crate::cli::ImportArgs;
use crate::error::{CliError, CliResult};
use crate::interchange::format::{Commitment, Header, PackSnapshot, Session, Statement, Tombstone};
use crate::interchange::import_check::{excerpt, label};
use crate::interchange::import_json::{self, Document, Sink};
use crate::journal::{ImportOrigin, ImportSummary, Importer, Journal};
use crate::ui::UiError;
use std::collections::{HashMap, HashSet};

/// Imports an export or a reply; also says which it was.
pub(super) fn import(
    app: &App,
    args: &ImportArgs,
    source: &Source<'_>,
    label: &str,
) -> CliResult<(ImportSummary, String)> {
    let mut looker = Looker::default();
    let document =
        import_json::read(source.reader(label)?, &mut looker).map_err(|e| read_error(label, e))?;
    let header = match document {
        Document::Reply(reply) => {
            let what = format!(
                " (a reply from {} to export {}…)",
                excerpt(&reply.friend),
                &reply.export_id[..8]
            );
            return Ok((reply::import(app, label, &reply)?, what));
        }
        Document::Export(header) => header,
    };
    let existing = app.existing_journal()?;
    let adopt = confirm_origin(args, label, &header, existing.as_ref())?;
    let mut journal = match existing {
        Some(j) => j,
        None => {
            if let Some(problem) = looker.unresolved() {
                return Err(CliError::new(format!("{label}: {problem}")));
            }
            app.journal()?
        }
    };
    let mut packs = std::mem::take(&mut looker.packs);
    let wanted: HashSet<(String, String)> = looker.want_packs.keys().cloned().collect();
    packs.add_from_journal(&journal, &wanted)?;
    let what = format!(
        " (export {}…, written {})",
        &header.export_id[..8],
        crate::clock::local_time(&header.exported_at)
    );
    let mut importer = journal.begin_import()?;
    importer
        .origin(&ImportOrigin {
            source: "pi",
            journal_id: header.journal_id.clone(),
            journal_name: header
                .journal_name
                .as_deref()
                .map(excerpt)
                .unwrap_or_default(),
            export_id: Some(header.export_id.clone()),
            exported_at: Some(header.exported_at.clone()),
            file_name: excerpt(label),
            adopt,
        })
        .map_err(|e| journal_error(label, e))?;
    let forgotten = std::mem::take(&mut looker.forgotten);
    importer
        .forget_too_here(&forgotten)
        .map_err(|e| journal_error(label, e))?;
    import_json::read(
        source.reader(label)?,
        &mut Merge {
            importer: &mut importer,
            packs: &packs,
        },
    )
    .map_err(|e| read_error(label, e))?;
    let summary = importer.finish().map_err(|e| journal_error(label, e))?;
    if summary.forgotten_here > 0 {
        // As after `pi forget`: no older copy of a page stays in the write-ahead log.
        journal.empty_log()?;
    }
    Ok((summary, what))
}

/// Whether the export is the person's own: from this journal, from one merged before, or
/// confirmed now (`--mine`, or a question in a terminal). `Ok(true)` when the exporting
/// journal is to be remembered as theirs. Someone else's export is refused with a pointer to
/// `pi friend open`, which keeps a friend's words apart from one's own.
fn confirm_origin(
    args: &ImportArgs,
    label: &str,
    header: &Header,
    journal: Option<&Journal>,
) -> CliResult<bool> {
    if let (Some(id), Some(journal)) = (&header.journal_id, journal)
        && journal.known_journal(id)?.is_some()
    {
        return Ok(false);
    }
    if args.mine {
        return Ok(true);
    }
    let whose = match (&header.journal_id, &header.journal_name) {
        (Some(_), Some(name)) if !name.trim().is_empty() => {
            format!("another journal (on “{}”)", excerpt(name.trim()))
        }
        (Some(_), _) => "another journal".to_string(),
        (None, _) => "a journal it does not name (an export of an earlier pi)".to_string(),
    };
    let exported = crate::clock::local_time(&header.exported_at);
    let question = format!(
        "{label} is an export of {whose}, made {exported}. Is it your own journal, from another computer?"
    );
    match crate::ui::confirm::confirm(&question) {
        Ok(true) => return Ok(true),
        Ok(false) | Err(UiError::NoTerminal(_)) => {}
        Err(UiError::Interrupted) => {
            return Err(CliError::new("interrupted; nothing was imported")
                .with_exit_code(crate::error::EXIT_INTERRUPTED));
        }
        Err(e) => return Err(CliError::from(e)),
    }
    Err(CliError::new(format!(
        "{label} is an export of {whose}, not of this journal; nothing was imported"
    ))
    .hint(format!(
        "a professional friend's export: read it and comment with `pi friend open {label}`"
    ))
    .hint(format!(
        "your own journal from another computer: `pi import {label} --mine`"
    )))
}

/// The first pass: looks at every record, reads the packs the file carries, and remembers
/// which pack snapshots are named and which are present, so an import into a journal that
/// does not exist yet can be refused before one is created.
#[derive(Default)]
struct Looker {
    have_snapshots: HashSet<String>,
    have_packs: HashSet<(String, String)>,
    want_snapshots: HashMap<String, String>,
    want_packs: HashMap<(String, String), String>,
    packs: PackIndex,
    /// What the exporting journal forgot: applied before any record is merged.
    forgotten: Vec<Tombstone>,
}

impl Looker {
    /// The first reference the file does not resolve itself, as a message.
    fn unresolved(&self) -> Option<String> {
        let mut missing: Vec<String> = self
            .want_snapshots
            .iter()
            .filter(|(hash, _)| !self.have_snapshots.contains(*hash))
            .map(|(hash, at)| {
                format!(
                    "{at}: walks pack snapshot {}…, which is neither in the file's pack_snapshots nor in this journal",
                    &hash[..8]
                )
            })
            .chain(
                self.want_packs
                    .iter()
                    .filter(|(pack, _)| !self.have_packs.contains(*pack))
                    .map(|((pack, version), at)| {
                        format!(
                            "{at}: answers pack {}@{}, which is neither in the file's pack_snapshots nor in this journal",
                            excerpt(pack),
                            excerpt(version)
                        )
                    }),
            )
            .collect();
        missing.sort();
        missing.into_iter().next()
    }
}

impl Sink for Looker {
    fn snapshot(&mut self, path: &str, s: PackSnapshot) -> Result<(), String> {
        self.packs.add_snapshot(path, &s)?;
        self.have_packs.insert((s.pack_id, s.version));
        self.have_snapshots.insert(s.hash);
        Ok(())
    }

    fn session(&mut self, path: &str, s: Session) -> Result<(), String> {
        if s.kind == "journal" {
            return Ok(());
        }
        let at = label(path, &s.id);
        for hash in s.packs {
            self.want_snapshots
                .entry(hash)
                .or_insert_with(|| at.clone());
        }
        for (index, a) in s.answers.into_iter().enumerate() {
            self.want_packs
                .entry((a.pack_id, a.pack_version))
                .or_insert_with(|| label(&format!("{path}.answers[{index}]"), &a.id));
        }
        Ok(())
    }

    fn statement(&mut self, _path: &str, _s: Statement) -> Result<(), String> {
        Ok(())
    }

    fn commitment(&mut self, _path: &str, _c: Commitment) -> Result<(), String> {
        Ok(())
    }

    fn forgotten(&mut self, _path: &str, t: Tombstone) -> Result<(), String> {
        self.forgotten.push(t);
        Ok(())
    }
}

/// The second pass: every record, checked against its prompt, into the journal's import
/// transaction.
struct Merge<'i, 'j> {
    importer: &'i mut Importer<'j>,
    packs: &'i PackIndex,
}

impl Sink for Merge<'_, '_> {
    fn snapshot(&mut self, _path: &str, s: PackSnapshot) -> Result<(), String> {
        self.importer.snapshot(&s).map_err(message)
    }

    fn session(&mut self, path: &str, s: Session) -> Result<(), String> {
        self.packs.check_session(path, &s)?;
        self.importer.session(path, &s).map_err(message)
    }

    fn statement(&mut self, path: &str, s: Statement) -> Result<(), String> {
        self.importer.statement(path, &s).map_err(message)
    }

    fn commitment(&mut self, path: &str, c: Commitment) -> Result<(), String> {
        self.importer.commitment(path, &c).map_err(message)
    }

    /// Applied from the first pass, before any record (see `import`).
    fn forgotten(&mut self, _path: &str, _t: Tombstone) -> Result<(), String> {
        Ok(())
    }
}
