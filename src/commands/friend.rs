//! `pi friend`: the professional friend's side of sharing. A friend who also uses `pi` opens
//! an export they were sent, reads it session by session and writes comments and questions
//! under answers and statements; `pi friend reply` sends those back as a file the owner
//! imports. All of it lives in a store of its own (`friends.db` beside the journal), never in
//! the friend's own journal.

mod open;
mod script;
mod walk;

use crate::app::App;
use crate::cli::{FriendArgs, FriendCommand, FriendListArgs, FriendRemoveArgs, FriendReplyArgs};
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::interchange::format::{REPLY_FORMAT, REPLY_VERSION, Reply};
use crate::interchange::{atomic, encrypt};
use crate::journal::{FriendStore, ReceivedSummary};
use crate::ui::table::new_table;
use crate::words::fill;
use crate::words::friend::FriendWords;
use std::path::{Path, PathBuf};

/// Runs `pi friend …`.
pub fn run(app: &App, args: FriendArgs) -> CliResult<u8> {
    let store = store_path(app, args.store.as_deref());
    match args.command {
        FriendCommand::Open(a) => open::run(app, &store, &a),
        FriendCommand::Reply(a) => reply(app, &store, &a).map(|()| 0),
        FriendCommand::List(a) => list(app, &store, &a).map(|()| 0),
        FriendCommand::Remove(a) => remove(app, &store, &a).map(|()| 0),
    }
}

/// `--store` (or `PI_FRIENDS`), else `friends.db` in the journal's directory: private data
/// stays together, and a test's temporary journal brings its own store.
fn store_path(app: &App, flag: Option<&Path>) -> PathBuf {
    flag.map_or_else(
        || app.config.journal.with_file_name("friends.db"),
        Path::to_path_buf,
    )
}

/// The store when it exists; an error naming `id` when nothing was received yet.
fn existing_store(path: &Path, id: &str, w: &FriendWords) -> CliResult<FriendStore> {
    FriendStore::open(path, false)?
        .ok_or_else(|| CliError::new(fill(w.err_nothing_yet, &[id])).hint(w.hint_open))
}

/// A date range as people read it: `2026-01-05 – 2026-03-01`, or one date.
pub(super) fn date_range(
    first: Option<&str>,
    last: Option<&str>,
    w: &crate::words::friend::FriendWords,
) -> String {
    let day = crate::clock::local_date;
    match (first.map(day), last.map(day)) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => w.no_sessions.to_string(),
    }
}

fn list(app: &App, path: &Path, args: &FriendListArgs) -> CliResult {
    let w = app.words.friend;
    let received: Vec<ReceivedSummary> = match FriendStore::open(path, false)? {
        Some(store) => store.received()?,
        None => Vec::new(),
    };
    let io = CliError::from;
    if args.json {
        return app.out.json(&received).map_err(io);
    }
    if received.is_empty() {
        app.out.status(w.nothing_received);
        return Ok(());
    }
    let mut table = new_table(&w.list_headers, app.out.color);
    for r in &received {
        table.add_row(vec![
            r.export_id[..8].to_string(),
            visible(&r.title).into_owned(),
            r.sessions.to_string(),
            date_range(r.first_at.as_deref(), r.last_at.as_deref(), w),
            r.comments.to_string(),
            crate::clock::local_time(&r.received_at),
        ]);
    }
    app.out.data(&table.to_string()).map_err(io)
}

fn remove(app: &App, path: &Path, args: &FriendRemoveArgs) -> CliResult {
    let w = app.words.friend;
    let mut store = existing_store(path, &args.id, w)?;
    let found = store.find(&args.id)?;
    let comments = store.remove(&found.export_id)?;
    app.out.status(&fill(
        w.removed,
        &[
            &found.export_id[..8],
            &visible(&found.title),
            &comments.to_string(),
        ],
    ));
    Ok(())
}

fn reply(app: &App, path: &Path, args: &FriendReplyArgs) -> CliResult {
    let w = app.words.friend;
    let store = existing_store(path, &args.id, w)?;
    let found = store.find(&args.id)?;
    let comments = store.comments(&found.export_id)?;
    let guide = store.guide_answers(&found.export_id)?;
    if comments.is_empty() && guide.is_empty() {
        return Err(
            CliError::new(fill(w.err_no_comments, &[&found.export_id[..8]]))
                .hint(fill(w.hint_add, &[&found.title])),
        );
    }
    let protected = app
        .protected()
        .database(path, "the store of what friends shared with you");
    atomic::check_writable(&args.output, args.force, &protected)?;
    let passphrase = reply_passphrase(&store, &found.export_id, args.encrypt, &args.output, w)?;
    let reply = Reply {
        format: REPLY_FORMAT.to_string(),
        version: REPLY_VERSION,
        export_id: found.export_id.clone(),
        friend: found.friend.clone(),
        written_at: app.clock.stamp(),
        comments,
        guide,
    };
    let mut json = serde_json::to_string_pretty(&reply).map_err(CliError::from)?;
    json.push('\n');
    let bytes = match &passphrase {
        Some(p) => encrypt::encrypt(json.as_bytes(), p).map_err(CliError::from)?,
        None => json.into_bytes(),
    };
    atomic::write(&args.output, &bytes, args.force, &protected)?;
    app.out.status(&fill(
        w.reply_written,
        &[
            &reply.comments.len().to_string(),
            &reply.guide.len().to_string(),
            &found.export_id[..8],
            &args.output.display().to_string(),
        ],
    ));
    if passphrase.is_some() {
        app.out.status(w.reply_encrypted);
    }
    Ok(())
}

/// The passphrase to encrypt a reply with: the export's own when it arrived encrypted
/// (checked against its seal), a new one with `--encrypt`, else none.
fn reply_passphrase(
    store: &FriendStore,
    export_id: &str,
    asked: bool,
    output: &Path,
    w: &FriendWords,
) -> CliResult<Option<String>> {
    let from_env = std::env::var("PI_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty());
    if let Some(seal) = store.seal(export_id)? {
        let passphrase = match from_env {
            Some(p) => p,
            None if crate::ui::passphrase::can_ask() => {
                crate::ui::passphrase::ask(&output.display().to_string())?
            }
            None => return Err(CliError::new(w.err_passphrase)),
        };
        return match encrypt::decrypt(seal.as_bytes(), &passphrase) {
            Ok(opened) if opened == export_id.as_bytes() => Ok(Some(passphrase)),
            _ => Err(CliError::new(fill(
                w.err_wrong_passphrase,
                &[&export_id[..8]],
            ))),
        };
    }
    if !asked {
        return Ok(None);
    }
    let passphrase = match from_env {
        Some(p) => p,
        None => crate::ui::pick::new_passphrase().map_err(CliError::from)?,
    };
    encrypt::check_new_passphrase(&passphrase).map_err(CliError::from)?;
    Ok(Some(passphrase))
}
