//! `pi import FILE`: merge a `pi` export (plain or encrypted) from another computer, attach a
//! professional friend's reply, or bring in a history from jrnl or Day One (`--from`).
//!
//! An export is read twice, streaming both times: once to check every record without
//! touching the journal (so a bad file never creates or changes one), then once more to
//! merge, inside one transaction that `finish` commits only when everything fitted.

use crate::app::App;
use crate::cli::{ImportArgs, ImportSource};
use crate::error::{CliError, CliResult};
use crate::interchange::format::{Commitment, PackSnapshot, Reply, Session, Statement};
use crate::interchange::import_json::{self, Document, ReadError, Sink};
use crate::interchange::{dayone, encrypt, jrnl};
use crate::journal::{ImportSummary, Importer, JournalError, Tally};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// Runs `pi import`.
pub fn run(app: &App, args: &ImportArgs) -> CliResult<u8> {
    let label = args.file.display().to_string();
    let source = Source::open(&args.file, &label)?;
    let (summary, what) = match args.from {
        Some(tool) => (import_entries(app, &source, &label, tool)?, String::new()),
        None => import_pi(app, &source, &label)?,
    };
    report(app, &label, &what, &summary);
    Ok(0)
}

/// The last line of an armored age file.
const ARMOR_FOOTER: &str = "-----END AGE ENCRYPTED FILE-----";

/// A file to read, decrypted in memory when it was encrypted.
pub(super) enum Source<'p> {
    /// Plain: streamed from disk each time it is read.
    File(&'p Path),
    /// Decrypted.
    Bytes(Vec<u8>),
}

impl<'p> Source<'p> {
    /// Opens `path`, asking for (or taking from `PI_PASSPHRASE`) the passphrase of an
    /// encrypted file.
    pub(super) fn open(path: &'p Path, label: &str) -> CliResult<Self> {
        let mut head = Vec::with_capacity(256);
        std::fs::File::open(path)
            .and_then(|f| f.take(256).read_to_end(&mut head))
            .map_err(|e| CliError::new(format!("cannot read {label}: {e}")))?;
        if !encrypt::is_encrypted(&head) {
            return Ok(Source::File(path));
        }
        let bytes =
            std::fs::read(path).map_err(|e| CliError::new(format!("cannot read {label}: {e}")))?;
        // A cut-off armored file would otherwise read as a wrong passphrase: say what it is.
        let text = String::from_utf8_lossy(&bytes);
        if text.trim_start().starts_with(encrypt::ARMOR_HEADER)
            && !text.trim_end().ends_with(ARMOR_FOOTER)
        {
            return Err(CliError::new(format!(
                "{label}: the encrypted file is cut off (its last line, {ARMOR_FOOTER}, is missing)"
            ))
            .hint("ask for the whole file again"));
        }
        let passphrase = match std::env::var("PI_PASSPHRASE") {
            Ok(p) if !p.is_empty() => p,
            _ => crate::ui::passphrase::ask(label)?,
        };
        let plain = encrypt::decrypt(&bytes, &passphrase)
            .map_err(|e| CliError::new(format!("{label}: {e}")))?;
        Ok(Source::Bytes(plain))
    }

    /// A fresh reader from the start.
    pub(super) fn reader(&self, label: &str) -> CliResult<Box<dyn Read + '_>> {
        match self {
            Source::File(path) => std::fs::File::open(path)
                .map(|f| Box::new(f) as Box<dyn Read>)
                .map_err(|e| CliError::new(format!("cannot read {label}: {e}"))),
            Source::Bytes(bytes) => Ok(Box::new(bytes.as_slice())),
        }
    }

    fn text(&self, label: &str) -> CliResult<String> {
        let mut text = String::new();
        self.reader(label)?
            .read_to_string(&mut text)
            .map_err(|e| CliError::new(format!("cannot read {label}: {e}")))?;
        Ok(text)
    }
}

/// A reading error as the user sees it, naming the file.
pub(super) fn read_error(label: &str, e: ReadError) -> CliError {
    match e {
        ReadError::Syntax { .. } => CliError::new(format!("{label}:{e}")),
        ReadError::Foreign(ref key) if ["tags", "entries", "metadata"].contains(&key.as_str()) => {
            CliError::new(format!("{label}: {e}"))
                .hint("a jrnl or Day One export? pass --from jrnl or --from dayone")
        }
        ReadError::Newer { .. } => {
            CliError::new(format!("{label}: {e}")).hint("upgrade pi to read it")
        }
        ReadError::Io(m) => CliError::new(format!("cannot read {label}: {m}")),
        ReadError::Foreign(_) | ReadError::Shape(_) | ReadError::Record(_) => {
            CliError::new(format!("{label}: {e}"))
        }
    }
}

fn journal_error(label: &str, e: JournalError) -> CliError {
    match e {
        JournalError::Refused(m) => CliError::new(format!("{label}: {m}")),
        other => other.into(),
    }
}

/// Imports an export or a reply; also says which it was.
fn import_pi(app: &App, source: &Source<'_>, label: &str) -> CliResult<(ImportSummary, String)> {
    let mut looker = Looker::default();
    let document =
        import_json::read(source.reader(label)?, &mut looker).map_err(|e| read_error(label, e))?;
    let header = match document {
        Document::Reply(reply) => {
            let what = format!(
                " (a reply from {} to export {}…)",
                reply.friend,
                &reply.export_id[..8]
            );
            return Ok((import_reply(app, label, &reply)?, what));
        }
        Document::Export(header) => header,
    };
    let mut journal = match app.existing_journal()? {
        Some(j) => j,
        None => {
            if let Some(problem) = looker.unresolved() {
                return Err(CliError::new(format!("{label}: {problem}")));
            }
            app.journal()?
        }
    };
    let what = format!(
        " (export {}…, written {})",
        &header.export_id[..8],
        super::list::local_time(&header.exported_at)
    );
    let mut importer = journal.begin_import()?;
    import_json::read(
        source.reader(label)?,
        &mut Merge {
            importer: &mut importer,
        },
    )
    .map_err(|e| read_error(label, e))?;
    let summary = importer.finish().map_err(|e| journal_error(label, e))?;
    Ok((summary, what))
}

fn import_reply(app: &App, label: &str, reply: &Reply) -> CliResult<ImportSummary> {
    let Some(mut journal) = app.existing_journal()? else {
        return Err(CliError::new(format!(
            "{label}: this reply comments on {} in a journal that is not here (there is no journal yet)",
            reply.comments.first().map_or_else(
                || "nothing".to_string(),
                |c| format!("{} {}…", c.target_kind, &c.target_id[..8])
            )
        )));
    };
    let mut importer = journal.begin_import()?;
    for (index, comment) in reply.comments.iter().enumerate() {
        importer
            .comment(
                &format!("comments[{index}]"),
                &reply.export_id,
                &reply.friend,
                comment,
            )
            .map_err(|e| journal_error(label, e))?;
    }
    importer.finish().map_err(|e| journal_error(label, e))
}

fn import_entries(
    app: &App,
    source: &Source<'_>,
    label: &str,
    tool: ImportSource,
) -> CliResult<ImportSummary> {
    let text = source.text(label)?;
    let entries = match tool {
        ImportSource::Jrnl => jrnl::read(&text),
        ImportSource::Dayone => dayone::read(&text),
    }
    .map_err(|e| read_error(label, e))?;
    let mut journal = app.journal()?;
    let mut importer = journal.begin_import()?;
    for (index, entry) in entries.into_iter().enumerate() {
        let session = entry.into_session(app.config.language);
        importer
            .session(&format!("entries[{index}]"), &session)
            .map_err(|e| journal_error(label, e))?;
    }
    importer.finish().map_err(|e| journal_error(label, e))
}

/// The first pass: looks at every record and remembers which pack snapshots are named and
/// which are present, so an import into a journal that does not exist yet can be refused
/// before one is created.
#[derive(Default)]
struct Looker {
    have_snapshots: HashSet<String>,
    have_packs: HashSet<(String, String)>,
    want_snapshots: HashMap<String, String>,
    want_packs: HashMap<(String, String), String>,
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
                            "{at}: answers pack {pack}@{version}, which is neither in the file's pack_snapshots nor in this journal"
                        )
                    }),
            )
            .collect();
        missing.sort();
        missing.into_iter().next()
    }
}

impl Sink for Looker {
    fn snapshot(&mut self, _path: &str, s: PackSnapshot) -> Result<(), String> {
        self.have_packs.insert((s.pack_id, s.version));
        self.have_snapshots.insert(s.hash);
        Ok(())
    }

    fn session(&mut self, path: &str, s: Session) -> Result<(), String> {
        if s.kind == "journal" {
            return Ok(());
        }
        let at = crate::interchange::import_check::label(path, &s.id);
        for hash in s.packs {
            self.want_snapshots
                .entry(hash)
                .or_insert_with(|| at.clone());
        }
        for (index, a) in s.answers.into_iter().enumerate() {
            self.want_packs
                .entry((a.pack_id, a.pack_version))
                .or_insert_with(|| {
                    crate::interchange::import_check::label(
                        &format!("{path}.answers[{index}]"),
                        &a.id,
                    )
                });
        }
        Ok(())
    }

    fn statement(&mut self, _path: &str, _s: Statement) -> Result<(), String> {
        Ok(())
    }

    fn commitment(&mut self, _path: &str, _c: Commitment) -> Result<(), String> {
        Ok(())
    }
}

/// The second pass: every record into the journal's import transaction.
struct Merge<'i, 'j> {
    importer: &'i mut Importer<'j>,
}

fn message(e: JournalError) -> String {
    match e {
        JournalError::Refused(m) => m,
        other => other.to_string(),
    }
}

impl Sink for Merge<'_, '_> {
    fn snapshot(&mut self, _path: &str, s: PackSnapshot) -> Result<(), String> {
        self.importer.snapshot(&s).map_err(message)
    }

    fn session(&mut self, path: &str, s: Session) -> Result<(), String> {
        self.importer.session(path, &s).map_err(message)
    }

    fn statement(&mut self, path: &str, s: Statement) -> Result<(), String> {
        self.importer.statement(path, &s).map_err(message)
    }

    fn commitment(&mut self, path: &str, c: Commitment) -> Result<(), String> {
        self.importer.commitment(path, &c).map_err(message)
    }
}

/// The closing summary on stderr: per record kind what was added, already here, revised.
fn report(app: &App, label: &str, what: &str, s: &ImportSummary) {
    let kinds: [(&str, &Tally); 8] = [
        ("sessions", &s.sessions),
        ("answers", &s.answers),
        ("pack snapshots", &s.pack_snapshots),
        ("statements", &s.statements),
        ("statement events", &s.statement_events),
        ("commitments", &s.commitments),
        ("follow-ups", &s.commitment_events),
        ("friend comments", &s.comments),
    ];
    let mut lines = Vec::new();
    let changed = kinds.iter().any(|(_, t)| t.added + t.revised > 0) || s.detached > 0;
    let conflicts = kinds.iter().any(|(_, t)| t.conflicts > 0);
    lines.push(if changed {
        format!("Imported {label}{what}:")
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
    if !s.notes.is_empty() {
        lines.push("Revisions and conflicts:".to_string());
        lines.extend(s.notes.iter().map(|n| format!("  - {n}")));
    }
    app.out.status(&lines.join("\n"));
}
