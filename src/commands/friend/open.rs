//! `pi friend open FILE`: read an export a friend shared, session by session, and write a
//! comment or question under any answer or statement. In a terminal each comment is kept the
//! moment it is typed (Ctrl-C loses nothing); `--comments FILE` adds them from a file
//! instead, checked whole before anything is kept.

use super::super::import::{Source, read_error};
use crate::app::App;
use crate::cli::FriendOpenArgs;
use crate::domain::untrusted::visible;
use crate::domain::{AnswerValue, Mode};
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED};
use crate::interchange::format::{
    Comment, Commitment, Export, Header, PackSnapshot, Session, Statement, Tombstone,
};
use crate::interchange::import_json::{self, Document, ReadError, Sink};
use crate::journal::{FriendStore, JournalError, Received};
use crate::ui::term::TermPrompter;
use crate::ui::{Prompter, UiError, can_prompt};
use std::collections::HashSet;
use std::path::Path;

/// Runs `pi friend open`.
pub fn run(app: &App, store_path: &Path, args: &FriendOpenArgs) -> CliResult<u8> {
    let label = args.file.display().to_string();
    let source = Source::open(&args.file, &label)?;
    let mut collect = Collect::default();
    let header = match import_json::read(source.reader(&label)?, &mut collect).map_err(
        |e| match e {
            // Not the place for --from: a friend shares a pi export.
            ReadError::Foreign(_) => CliError::new(format!("{label}: {e}")),
            e => read_error(&label, e),
        },
    )? {
        Document::Export(header) => header,
        Document::Reply(_) => {
            return Err(CliError::new(format!(
                "{label} is a friend's reply, not an export; its owner reads it in with `pi import {label}`"
            )));
        }
    };
    let export = collect.into_export(header);
    let stored_name = match FriendStore::open(store_path, false)? {
        Some(store) => match store.find(&export.header.export_id) {
            Ok(found) => Some(found.friend),
            Err(JournalError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let name = args
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or(stored_name);

    // Everything a scripted run needs is checked before the store is touched.
    let scripted = match &args.comments {
        Some(path) => {
            let name = name.clone().ok_or_else(|| {
                CliError::usage(
                    "pi friend open --comments needs --name NAME: it signs your comments",
                )
            })?;
            Some((name, super::script::comments_file(app, path, &export)?))
        }
        None => None,
    };
    if scripted.is_none() && !can_prompt() {
        return Err(CliError::new(
            "pi friend open shows the export in a terminal, and there is none here",
        )
        .hint(
            "add comments from a file instead: pi friend open FILE --name NAME --comments FILE",
        ));
    }
    let mut prompter = match scripted {
        Some(_) => None,
        None => Some(TermPrompter::new(app.words, app.prompt_color)?),
    };
    let name = match (&scripted, name, prompter.as_mut()) {
        (Some((n, _)), _, _) => n.clone(),
        (None, Some(n), _) => n,
        (None, None, Some(p)) => ask_name(p)?,
        (None, None, None) => unreachable!("a scripted run has a name"),
    };

    let mut store = FriendStore::open(store_path, true)?.expect("created");
    let id = export.header.export_id.clone();
    store.receive(&received(&export, &name, &args.file)?, &app.clock.stamp())?;
    if let Some((_, comments)) = scripted {
        let added = store.add_comments(&id, &comments)?;
        app.out.status(&format!(
            "Added {added} comment{} to export {} ({} already there).",
            plural(added),
            &id[..8],
            comments.len() - added
        ));
        app.out.status(&format!(
            "Write your reply with `pi friend reply {} -o reply.json`.",
            &id[..8]
        ));
        return Ok(0);
    }
    let prompter = prompter.as_mut().expect("a terminal run has a prompter");
    let mut added = 0;
    let outcome = walk(app, prompter, &export, |target_kind, target_id, text| {
        let comment = Comment {
            id: uuid::Uuid::new_v4().simple().to_string(),
            target_kind: target_kind.to_string(),
            target_id: target_id.to_string(),
            text,
            created_at: app.clock.stamp(),
        };
        added += store
            .add_comments(&id, std::slice::from_ref(&comment))
            .map_err(|e| UiError::Script(e.to_string()))?;
        Ok(())
    });
    let code = match outcome {
        Ok(()) => 0,
        Err(UiError::Interrupted) => EXIT_INTERRUPTED,
        Err(e) => return Err(e.into()),
    };
    app.out.status(&format!(
        "\n{} {added} comment{} kept. Write your reply with `pi friend reply {} -o reply.json`.",
        if code == 0 { "Done:" } else { "Stopped:" },
        plural(added),
        &id[..8]
    ));
    Ok(code)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn ask_name(prompter: &mut dyn Prompter) -> CliResult<String> {
    loop {
        let name = prompter
            .ask_line("Your name, as your friend will see it under your comments:")
            .map_err(|e| match e {
                UiError::Interrupted => {
                    CliError::new("interrupted; nothing was kept").with_exit_code(EXIT_INTERRUPTED)
                }
                other => other.into(),
            })?;
        if !name.trim().is_empty() {
            return Ok(name.trim().to_string());
        }
    }
}

/// What the store keeps about an export besides the export itself.
fn received(export: &Export, name: &str, file: &Path) -> CliResult<Received> {
    let starts = export.sessions.iter().map(|s| s.started_at.as_str());
    Ok(Received {
        export_id: export.header.export_id.clone(),
        friend: name.to_string(),
        title: file.file_stem().map_or_else(
            || "export".to_string(),
            |s| s.to_string_lossy().into_owned(),
        ),
        first_at: starts.clone().min().map(str::to_string),
        last_at: starts.max().map(str::to_string),
        sessions: export.sessions.len() as i64,
        exported_at: export.header.exported_at.clone(),
        export: serde_json::to_string(export).map_err(|e| CliError::new(e.to_string()))?,
    })
}

/// Walks the export in the terminal: each session, each answer given, each statement, with
/// a chance to comment after each. `save` keeps a comment at once.
fn walk(
    app: &App,
    p: &mut dyn Prompter,
    export: &Export,
    mut save: impl FnMut(&str, &str, String) -> Result<(), UiError>,
) -> Result<(), UiError> {
    const ASK: &str = "Your comment or question (Enter to go on):";
    let replaced: HashSet<&str> = export
        .sessions
        .iter()
        .flat_map(|s| s.answers.iter().filter_map(|a| a.replaces.as_deref()))
        .collect();
    let total = export.sessions.len();
    p.show(&format!(
        "An export of {total} session{} from {}. Comment on whatever you like; Enter goes on.",
        plural(total),
        super::date_range(
            export.sessions.first().map(|s| s.started_at.as_str()),
            export.sessions.last().map(|s| s.started_at.as_str())
        )
    ))?;
    for (index, session) in export.sessions.iter().enumerate() {
        let mut title = format!(
            "Session {}/{total} · {} · {}",
            index + 1,
            crate::clock::local_time(&session.started_at),
            session_kind(app, session)
        );
        if !session.context.is_empty() {
            title.push_str(&format!(" · {}", visible(&session.context)));
        }
        p.show(&format!("\n{title}"))?;
        for answer in session
            .answers
            .iter()
            .filter(|a| !replaced.contains(a.id.as_str()))
        {
            let Some(value) = &answer.value else { continue };
            p.show(&format!(
                "\n{}\n{}",
                visible(&answer.prompt_text),
                indent(value)
            ))?;
            let text = p.ask_line(ASK)?;
            if !text.is_empty() {
                save("answer", &answer.id, text)?;
            }
        }
        for statement in export
            .statements
            .iter()
            .filter(|s| s.session_id.as_deref() == Some(session.id.as_str()))
        {
            p.show(&format!("\nStatement: {}", visible(&statement.text)))?;
            let text = p.ask_line(ASK)?;
            if !text.is_empty() {
                save("statement", &statement.id, text)?;
            }
        }
    }
    let sessions: HashSet<&str> = export.sessions.iter().map(|s| s.id.as_str()).collect();
    for statement in export.statements.iter().filter(|s| {
        s.session_id
            .as_deref()
            .is_none_or(|id| !sessions.contains(id))
    }) {
        p.show(&format!("\nStatement: {}", visible(&statement.text)))?;
        let text = p.ask_line(ASK)?;
        if !text.is_empty() {
            save("statement", &statement.id, text)?;
        }
    }
    Ok(())
}

fn session_kind(app: &App, s: &Session) -> String {
    match s.mode.as_deref().and_then(|m| m.parse::<Mode>().ok()) {
        Some(mode) => app.words.mode_name(mode).to_string(),
        None => visible(&s.kind).into_owned(),
    }
}

fn indent(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) => visible(t)
            .lines()
            .map(|l| format!("   {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        AnswerValue::Number(n) => format!("   {n}"),
        AnswerValue::Items(items) => items
            .iter()
            .map(|i| format!("   - {}", visible(i)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Collects a (small) export whole: what a friend reads fits in memory.
#[derive(Default)]
struct Collect {
    snapshots: Vec<PackSnapshot>,
    sessions: Vec<Session>,
    statements: Vec<Statement>,
    commitments: Vec<Commitment>,
}

impl Collect {
    fn into_export(self, header: Header) -> Export {
        Export {
            header,
            pack_snapshots: self.snapshots,
            sessions: self.sessions,
            statements: self.statements,
            commitments: self.commitments,
            forgotten: Vec::new(),
        }
    }
}

impl Sink for Collect {
    fn snapshot(&mut self, _path: &str, s: PackSnapshot) -> Result<(), String> {
        self.snapshots.push(s);
        Ok(())
    }

    fn session(&mut self, _path: &str, s: Session) -> Result<(), String> {
        self.sessions.push(s);
        Ok(())
    }

    fn statement(&mut self, _path: &str, s: Statement) -> Result<(), String> {
        self.statements.push(s);
        Ok(())
    }

    fn commitment(&mut self, _path: &str, c: Commitment) -> Result<(), String> {
        self.commitments.push(c);
        Ok(())
    }

    /// An export that lists what its owner forgot is meant for their own computers; a
    /// friend's copy of pi keeps none of it.
    fn forgotten(&mut self, _path: &str, _t: Tombstone) -> Result<(), String> {
        Err("this export carries the list of what its owner forgot (`pi export --forgotten`), which is for their own computers only; ask them for an export without --forgotten".into())
    }
}
