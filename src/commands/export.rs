//! `pi export`: share a chosen part of the journal with a professional friend, as Markdown,
//! a printable HTML page, or JSON another `pi` can import; optionally passphrase-protected.
//!
//! Sharing is always deliberate: without criteria it asks in a terminal and refuses
//! elsewhere, a selection that matches nothing is an error, and a file is written completely
//! (temporary file, fsync, rename) or not at all.

use super::list::mode_label;
use crate::app::App;
use crate::cli::{ExportArgs, ExportFormat};
use crate::clock::local_time;
use crate::domain::Mode;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED, EXIT_OK};
use crate::interchange::atomic;
use crate::interchange::encrypt::{Sealer, check_new_passphrase};
use crate::interchange::export::{Document, Meta, prompt_ids};
use crate::interchange::export_friend::FriendPage;
use crate::interchange::export_html::HtmlExport;
use crate::interchange::export_json::JsonExport;
use crate::interchange::export_md::MarkdownExport;
use crate::interchange::format::{
    EXPORT_FORMAT, FORGOTTEN_VERSION, Header, PLAIN_VERSION, PackSnapshot, Tombstone,
};
use crate::journal::{ExportQuery, ExportSelection, Journal, ModeMatch, SharedRecords};
use crate::packs::Purpose;
use crate::ui::UiError;
use crate::ui::pick;
use crate::words::fill;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Where the export goes.
enum Target {
    Stdout,
    File(PathBuf),
}

/// Runs `pi export`.
pub fn run(app: &App, args: &ExportArgs) -> CliResult<u8> {
    let mut sharing = Sharing::of(app, args)?;
    if args.forgotten && sharing.format != ExportFormat::Json {
        return Err(CliError::usage(
            "--forgotten goes with --format json: only another pi reads what was forgotten",
        ));
    }
    let target = target(args)?;
    // Refuse an existing file or a missing directory before anything is read or asked.
    let protected = app.protected();
    if let Target::File(path) = &target {
        atomic::check_writable(path, args.force, &protected)?;
    }
    let query = criteria(app, args)?;
    let mut journal = app
        .reading_journal()?
        .ok_or_else(|| CliError::new("there is no journal yet, so there is nothing to export"))?;
    let query = match query {
        Some(mut q) => {
            for prefix in &args.ids {
                q.ids.push(journal.find_session(prefix)?.id);
            }
            q
        }
        None => match choose(app, &journal)? {
            Some(q) => match sharing.ask_in_picker(app, args) {
                Ok(()) => q,
                Err(UiError::Interrupted) => {
                    app.out.status("Interrupted; nothing was exported.");
                    return Ok(EXIT_INTERRUPTED);
                }
                Err(e) => return Err(CliError::from(e)),
            },
            None => {
                app.out.status("Interrupted; nothing was exported.");
                return Ok(EXIT_INTERRUPTED);
            }
        },
    };
    let format = sharing.format;
    let forgotten: Vec<Tombstone> = if args.forgotten {
        journal
            .tombstones()?
            .into_iter()
            .map(|(kind, id, forgotten_at)| Tombstone {
                kind,
                id,
                forgotten_at,
            })
            .collect()
    } else {
        Vec::new()
    };
    let selection = journal.select_for_export(&query)?;
    if selection.is_empty() {
        return Err(
            CliError::new("no session matches the selection; nothing was written")
                .hint("`pi list` shows your sessions with their ids, dates, modes and contexts"),
        );
    }
    let snapshots = selection.snapshots()?;
    check_exclusions(&selection, &snapshots, &args.exclude_prompt)?;
    let passphrase = if args.encrypt {
        match passphrase() {
            Ok(p) => {
                let named = if std::env::var_os("PI_PASSPHRASE").is_some() {
                    "PI_PASSPHRASE: "
                } else {
                    ""
                };
                check_new_passphrase(&p)
                    .map_err(|e| CliError::new(format!("{named}{e}; nothing was exported")))?;
                Some(p)
            }
            Err(UiError::Interrupted) => {
                app.out.status("Interrupted; nothing was exported.");
                return Ok(EXIT_INTERRUPTED);
            }
            Err(e) => return Err(CliError::from(e)),
        }
    } else {
        None
    };
    // A JSON export, and a page a friend replies in, carry an id the reply names.
    let header = if format == ExportFormat::Json || sharing.for_friend {
        Some(Header {
            format: EXPORT_FORMAT.into(),
            version: if forgotten.is_empty() && sharing.ask.is_none() {
                PLAIN_VERSION
            } else {
                FORGOTTEN_VERSION
            },
            export_id: uuid::Uuid::new_v4().simple().to_string(),
            exported_at: crate::clock::format_stamp(app.clock.now()),
            pi_version: env!("CARGO_PKG_VERSION").into(),
            journal_id: Some(journal.identity()?.journal_id),
            journal_name: device_name(),
            ask: sharing.ask.clone(),
        })
    } else {
        None
    };
    let friend = match (&header, format) {
        (Some(h), ExportFormat::Html) => Some(friend_page(app, h)?),
        _ => None,
    };
    let job = Job {
        app,
        args,
        selection: &selection,
        snapshots: &snapshots,
        passphrase: passphrase.as_deref(),
        format,
        friend,
        header: header.clone(),
        forgotten,
        shared: std::cell::RefCell::default(),
    };
    let count = selection.len();
    match &target {
        Target::Stdout => {
            let out = BufWriter::new(std::io::stdout().lock());
            job.write(out)?.flush().map_err(write_error)?;
        }
        Target::File(path) => {
            atomic::write_with(path, args.force, &protected, |file| {
                job.write(BufWriter::new(file)).map(drop)
            })?;
            app.out.status(&format!(
                "Exported {count} session{} to {}{}.",
                if count == 1 { "" } else { "s" },
                path.display(),
                if args.encrypt { ", encrypted" } else { "" }
            ));
        }
    }
    let shared = job.shared.take();
    drop(selection);
    if let Some(header) = header
        && let Err(e) = journal
            .record_export(&header.export_id, &header.exported_at, &shared)
            .and_then(|()| {
                journal.note_export(
                    &header.export_id,
                    if format == ExportFormat::Html {
                        "html"
                    } else {
                        "json"
                    },
                    header.ask.as_deref(),
                )
            })
    {
        app.out.status(&format!(
            "The export was written, but the journal could not note what it shared ({e}); a friend's reply to it cannot be attached."
        ));
    }
    Ok(EXIT_OK)
}

/// Whether, and how, the export is for a professional friend.
struct Sharing {
    format: ExportFormat,
    for_friend: bool,
    ask: Option<String>,
}

/// The longest question `--ask` takes: a question, not a letter.
const ASK_MAX: usize = 1000;

impl Sharing {
    /// Reads `--for-friend`, `--ask` and the format, refusing what cannot work before
    /// anything is read: a Markdown file has no boxes, a browser opens no encrypted page.
    fn of(app: &App, args: &ExportArgs) -> CliResult<Self> {
        let w = app.words.friend;
        let ask = match &args.ask {
            Some(a) if a.trim().is_empty() => return Err(CliError::usage(w.err_ask_empty)),
            Some(a) if a.trim().chars().count() > ASK_MAX => {
                return Err(CliError::usage(fill(
                    w.err_ask_long,
                    &[&ASK_MAX.to_string()],
                )));
            }
            Some(a) => Some(a.trim().to_string()),
            None => None,
        };
        let format = args.format();
        if args.for_friend() && format == ExportFormat::Md {
            let flag = if args.ask.is_some() {
                "--ask"
            } else {
                "--for-friend"
            };
            return Err(CliError::usage(fill(w.err_friend_format, &[flag])));
        }
        if args.for_friend() && format == ExportFormat::Html && args.encrypt {
            return Err(CliError::usage(w.err_friend_encrypted));
        }
        Ok(Self {
            format,
            for_friend: args.for_friend(),
            ask,
        })
    }

    /// In the picker: whether an HTML page is for a friend, and the owner's own question.
    fn ask_in_picker(&mut self, app: &App, args: &ExportArgs) -> Result<(), UiError> {
        let w = app.words.friend;
        if self.format == ExportFormat::Html && !self.for_friend && !args.encrypt {
            self.for_friend = crate::ui::confirm::confirm(w.pick_for_friend)?;
        }
        let asks = self.for_friend || self.format == ExportFormat::Json;
        if asks && self.ask.is_none() {
            let text = pick::line(w.pick_ask)?;
            let text: String = text.trim().chars().take(ASK_MAX).collect();
            self.ask = (!text.is_empty()).then_some(text);
        }
        Ok(())
    }
}

/// The reply form of a friend's page: the export's id and question, and the conversation
/// guide in the page's language.
fn friend_page(app: &App, header: &Header) -> CliResult<FriendPage> {
    let guide = app
        .packs()?
        .for_purpose(Purpose::Friend, app.config.language)
        .map(|p| {
            p.prompts
                .iter()
                .map(|q| {
                    (
                        q.id.clone(),
                        q.text.clone(),
                        q.help.clone().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(FriendPage {
        export_id: header.export_id.clone(),
        ask: header.ask.clone(),
        guide,
        words: app.words.friend,
    })
}

/// The name of this computer, so the person importing an export of their own journal
/// recognises where it came from.
fn device_name() -> Option<String> {
    let name = gethostname::gethostname()
        .to_string_lossy()
        .trim()
        .to_string();
    (!name.is_empty()).then_some(name)
}

fn target(args: &ExportArgs) -> CliResult<Target> {
    match &args.output {
        Some(p) if p.as_os_str() == "-" => Ok(Target::Stdout),
        Some(p) => Ok(Target::File(p.clone())),
        None if args.encrypt => Err(CliError::usage(
            "an encrypted export needs -o FILE (or -o - to send it to stdout)",
        )),
        None if args.format() == ExportFormat::Md => Ok(Target::Stdout),
        None => Err(CliError::usage(format!(
            "--format {} writes a file: give -o FILE (or -o - for stdout)",
            if args.format() == ExportFormat::Html {
                "html"
            } else {
                "json"
            }
        ))),
    }
}

/// The criteria on the command line; `None` when there are none at all.
fn criteria(app: &App, args: &ExportArgs) -> CliResult<Option<ExportQuery>> {
    if args.ids.is_empty()
        && args.period.is_empty()
        && args.mode.is_empty()
        && args.context.is_none()
    {
        return Ok(None);
    }
    let period = super::period::Period::of(&args.period, app.clock.now())?;
    let (from, to) = (period.from, period.to);
    let modes = args
        .mode
        .iter()
        .map(|m| match m.trim().to_lowercase().as_str() {
            "review" | "jaargesprek" => Ok(ModeMatch::Review),
            other => other
                .parse::<Mode>()
                .map(ModeMatch::Mode)
                .map_err(|e| CliError::usage(format!("--mode: {e}, or review"))),
        })
        .collect::<CliResult<Vec<_>>>()?;
    if args.context.as_deref().is_some_and(|c| c.trim().is_empty()) {
        return Err(CliError::usage("--context needs some text to look for"));
    }
    Ok(Some(ExportQuery {
        ids: Vec::new(),
        from: from.map(crate::clock::format_stamp),
        to: to.map(crate::clock::format_stamp),
        modes,
        context: args.context.as_deref().map(|c| c.trim().to_string()),
    }))
}

/// No criteria: ask in a terminal which sessions to share, or refuse. `None` when the
/// person pressed Ctrl-C.
fn choose(app: &App, journal: &Journal) -> CliResult<Option<ExportQuery>> {
    if !pick::can_pick() {
        return Err(CliError::usage(
            "no selection: name sessions or use --since/--until/--mode/--context; \
             pi never exports everything by accident",
        )
        .hint("`pi list` shows the session ids; `--since 1900` chooses every session on purpose"));
    }
    let sessions = journal.sessions(None)?;
    if sessions.is_empty() {
        return Err(CliError::new("the journal has no sessions to export"));
    }
    let items: Vec<String> = sessions
        .iter()
        .map(|s| {
            let mut line = format!(
                "{}  {}  {}",
                s.id.short(),
                local_time(&s.started_at),
                mode_label(s, app.words)
            );
            if !s.context.is_empty() {
                line.push_str(&format!("  ({})", s.context));
            }
            line
        })
        .collect();
    let chosen = match pick::pick_sessions(&items) {
        Ok(c) => c,
        Err(UiError::Interrupted) => return Ok(None),
        Err(e) => return Err(CliError::from(e)),
    };
    if chosen.is_empty() {
        return Err(CliError::new("no session chosen; nothing was exported"));
    }
    Ok(Some(ExportQuery {
        ids: chosen.into_iter().map(|i| sessions[i].id).collect(),
        ..ExportQuery::default()
    }))
}

/// A mistyped `--exclude-prompt` would quietly share the answer it was meant to keep back.
fn check_exclusions(
    selection: &ExportSelection<'_>,
    snapshots: &[PackSnapshot],
    exclude: &[String],
) -> CliResult {
    if exclude.is_empty() {
        return Ok(());
    }
    let known = prompt_ids(snapshots);
    let unknown: Vec<String> = selection
        .unanswered_prompts(exclude)?
        .into_iter()
        .filter(|id| !known.contains(id))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(CliError::new(format!(
        "--exclude-prompt: no exported session asks '{}'; nothing was written",
        unknown.join("', '")
    ))
    .hint("`pi show ID --json` lists the prompt ids of a session"))
}

fn passphrase() -> Result<String, UiError> {
    match std::env::var("PI_PASSPHRASE") {
        Ok(p) if !p.is_empty() => Ok(p),
        _ if pick::can_pick() => pick::new_passphrase(),
        _ => Err(UiError::NoTerminal(
            "--encrypt needs a passphrase: run in a terminal, or set PI_PASSPHRASE".into(),
        )),
    }
}

/// Everything needed to write the document into any writer.
struct Job<'a> {
    app: &'a App,
    args: &'a ExportArgs,
    selection: &'a ExportSelection<'a>,
    snapshots: &'a [PackSnapshot],
    passphrase: Option<&'a str>,
    format: ExportFormat,
    /// The page's reply form, for an HTML page made for a friend.
    friend: Option<FriendPage>,
    /// The export's header: a JSON export's, or a friend's page's (its id); `None` otherwise.
    header: Option<Header>,
    /// What the journal forgot, carried by a JSON export with `--forgotten`.
    forgotten: Vec<Tombstone>,
    /// What the document shared, noted as it is written.
    shared: std::cell::RefCell<SharedRecords>,
}

impl Job<'_> {
    /// Writes the whole export into `out` (sealed when a passphrase is set) and hands
    /// `out` back, flushed.
    fn write<W: Write>(&self, out: W) -> CliResult<W> {
        let Some(passphrase) = self.passphrase else {
            return self.document(out);
        };
        let sealer = Sealer::new(out, passphrase).map_err(CliError::from)?;
        let sealer = self.document(sealer)?;
        let mut out = sealer.finish().map_err(CliError::from)?;
        out.flush().map_err(write_error)?;
        Ok(out)
    }

    fn document<W: Write>(&self, out: W) -> CliResult<W> {
        let now = self.app.clock.now();
        let meta = Meta {
            language: self.app.config.language,
            date: now.format("%Y-%m-%d").to_string(),
            sessions: self.selection.len(),
        };
        match self.format {
            ExportFormat::Md => {
                let mut doc = MarkdownExport::new(out, meta);
                self.fill(&mut doc)?;
                Ok(doc.into_inner())
            }
            ExportFormat::Html => {
                let mut doc = HtmlExport::new(out, meta);
                if let Some(page) = &self.friend {
                    doc = doc.for_friend(page.clone());
                }
                self.fill(&mut doc)?;
                Ok(doc.into_inner())
            }
            ExportFormat::Json => {
                let header = self.header.clone().expect("a JSON export has a header");
                let mut doc = JsonExport::new(out, header).with_forgotten(self.forgotten.clone());
                self.fill(&mut doc)?;
                Ok(doc.into_inner())
            }
        }
    }

    /// Walks the selection once, record by record, into `doc`.
    fn fill(&self, doc: &mut dyn Document) -> CliResult {
        doc.start(self.snapshots).map_err(write_error)?;
        let mut shared = self.shared.borrow_mut();
        *shared = SharedRecords::default();
        self.selection
            .for_each_session(&self.args.exclude_prompt, |s| {
                shared.sessions.push(s.id.clone());
                doc.stored_session(s).map_err(write_error)
            })?;
        if self.args.statements {
            self.selection.for_each_statement(|s| {
                shared.statements.push(s.id.clone());
                doc.statement(&s).map_err(write_error)
            })?;
        }
        if self.args.commitments {
            self.selection.for_each_commitment(|c| {
                shared.commitments.push(c.id.clone());
                doc.commitment(&c).map_err(write_error)
            })?;
        }
        doc.finish().map_err(write_error)
    }
}

fn write_error(e: std::io::Error) -> CliError {
    CliError::new(format!("cannot write the export: {e}"))
}
