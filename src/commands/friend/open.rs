//! `pi friend open FILE`: read an export a colleague shared, session by session, and write a
//! comment or question under any answer, statement or intention, then answer the
//! conversation guide. In a terminal each comment is kept the moment it is typed (`q`, and
//! Ctrl-C, lose nothing), and opening the file again shows them to keep, change or remove;
//! `--comments FILE` adds them from a file instead, checked whole before anything is kept.

use super::super::import::{Source, read_error};
use super::walk::{Ended, GuideQuestion, Walk};
use crate::app::App;
use crate::cli::FriendOpenArgs;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED};
use crate::interchange::encrypt;
use crate::interchange::format::{
    ASK_PROMPT, Commitment, Export, Header, PackSnapshot, Session, Statement, Tombstone,
};
use crate::interchange::import_json::{self, Document, ReadError, Sink};
use crate::journal::{FriendStore, JournalError, Received};
use crate::packs::Purpose;
use crate::ui::term::TermPrompter;
use crate::ui::{Prompter, UiError, can_prompt};
use crate::words::fill;
use crate::words::friend::FriendWords;
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

    let w = app.words.friend;
    // Everything a scripted run needs is checked before the store is touched.
    let scripted = match &args.comments {
        Some(path) => {
            let name = name
                .clone()
                .ok_or_else(|| CliError::usage(w.err_needs_name))?;
            Some((name, super::script::comments_file(app, path, &export)?))
        }
        None => None,
    };
    if scripted.is_none() && !can_prompt() {
        return Err(CliError::new(w.err_no_terminal).hint(w.hint_comments_file));
    }
    let guide = guide(app, &export)?;
    let mut prompter = match scripted {
        Some(_) => None,
        None => Some(TermPrompter::new(app.words, app.prompt_color)?),
    };
    let name = match (&scripted, name, prompter.as_mut()) {
        (Some((n, _)), _, _) => n.clone(),
        (None, Some(n), _) => n,
        (None, None, Some(p)) => ask_name(p, w)?,
        (None, None, None) => unreachable!("a scripted run has a name"),
    };
    // An encrypted export: a seal of its passphrase, so the reply can be checked to use it.
    let seal = match source.passphrase() {
        Some(passphrase) => Some(
            String::from_utf8_lossy(
                &encrypt::encrypt(export.header.export_id.as_bytes(), passphrase)
                    .map_err(CliError::from)?,
            )
            .into_owned(),
        ),
        None => None,
    };

    let mut store = FriendStore::open(store_path, true)?.expect("created");
    let id = export.header.export_id.clone();
    store.receive(
        &received(&export, &name, &args.file, seal)?,
        &app.clock.stamp(),
    )?;
    if let Some((_, comments)) = scripted {
        let added = store.add_comments(&id, &comments)?;
        app.out.status(&fill(
            w.added,
            &[
                &added.to_string(),
                &id[..8],
                &(comments.len() - added).to_string(),
            ],
        ));
        app.out.status(&fill(w.next_step, &[&id[..8]]));
        return Ok(0);
    }
    let prompter = prompter.as_mut().expect("a terminal run has a prompter");
    let now = || app.clock.stamp();
    let outcome = Walk {
        words: app.words,
        store: &mut store,
        export: &export,
        guide,
        now: &now,
    }
    .run(prompter);
    let code = match outcome {
        Ok(_) => 0,
        Err(UiError::Interrupted) => EXIT_INTERRUPTED,
        Err(e) => return Err(e.into()),
    };
    let kept = store.comments(&id)?.len() + store.guide_answers(&id)?.len();
    let said = if matches!(outcome, Ok(Ended::Done)) {
        w.done
    } else {
        w.stopped
    };
    app.out.status(&format!(
        "\n{} {}",
        fill(said, &[&kept.to_string()]),
        fill(w.next_step, &[&id[..8]])
    ));
    Ok(code)
}

/// The owner's question, then the conversation guide in the friend's language.
fn guide(app: &App, export: &Export) -> CliResult<Vec<GuideQuestion>> {
    let mut questions = Vec::new();
    if let Some(ask) = &export.header.ask {
        questions.push(GuideQuestion {
            id: ASK_PROMPT.to_string(),
            text: ask.clone(),
            help: String::new(),
        });
    }
    if let Some(pack) = app
        .packs()?
        .for_purpose(Purpose::Friend, app.config.language)
    {
        questions.extend(pack.prompts.iter().map(|q| GuideQuestion {
            id: q.id.clone(),
            text: q.text.clone(),
            help: q.help.clone().unwrap_or_default(),
        }));
    }
    Ok(questions)
}

fn ask_name(prompter: &mut dyn Prompter, w: &FriendWords) -> CliResult<String> {
    loop {
        let name = prompter.ask_line(w.ask_name).map_err(|e| match e {
            UiError::Interrupted => CliError::new(w.interrupted).with_exit_code(EXIT_INTERRUPTED),
            other => other.into(),
        })?;
        if !name.trim().is_empty() {
            return Ok(name.trim().to_string());
        }
    }
}

/// What the store keeps about an export besides the export itself.
fn received(export: &Export, name: &str, file: &Path, seal: Option<String>) -> CliResult<Received> {
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
        export: serde_json::to_string(export).map_err(CliError::from)?,
        seal,
    })
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
