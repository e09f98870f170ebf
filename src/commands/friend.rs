//! `pi friend`: the professional friend's side of sharing. A friend who also uses `pi` opens
//! an export they were sent, reads it session by session and writes comments and questions
//! under answers and statements; `pi friend reply` sends those back as a file the owner
//! imports. All of it lives in a store of its own (`friends.db` beside the journal), never in
//! the friend's own journal.

mod open;
mod script;

use crate::app::App;
use crate::cli::{FriendArgs, FriendCommand, FriendListArgs, FriendRemoveArgs, FriendReplyArgs};
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::interchange::atomic;
use crate::interchange::format::{REPLY_FORMAT, REPLY_VERSION, Reply};
use crate::journal::{FriendStore, ReceivedSummary};
use crate::ui::table::new_table;
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

/// The store when it exists; an error naming `what` was looked for when it does not.
fn existing_store(path: &Path, id: &str) -> CliResult<FriendStore> {
    FriendStore::open(path, false)?.ok_or_else(|| {
        CliError::new(format!(
            "no received export id starts with '{id}': nothing was received yet"
        ))
        .hint("`pi friend open FILE` reads an export a friend sent you")
    })
}

/// A date range as people read it: `2026-01-05 – 2026-03-01`, or one date.
pub(super) fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    let day = crate::clock::local_date;
    match (first.map(day), last.map(day)) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => "no sessions".to_string(),
    }
}

fn list(app: &App, path: &Path, args: &FriendListArgs) -> CliResult {
    let received: Vec<ReceivedSummary> = match FriendStore::open(path, false)? {
        Some(store) => store.received()?,
        None => Vec::new(),
    };
    let io = |e: std::io::Error| CliError::new(e.to_string());
    if args.json {
        return app.out.json(&received).map_err(io);
    }
    if received.is_empty() {
        app.out.status(
            "Nothing received yet. `pi friend open FILE` reads an export a friend sent you.",
        );
        return Ok(());
    }
    let mut table = new_table(
        &["id", "title", "sessions", "dates", "comments", "received"],
        app.out.color,
    );
    for r in &received {
        table.add_row(vec![
            r.export_id[..8].to_string(),
            visible(&r.title).into_owned(),
            r.sessions.to_string(),
            date_range(r.first_at.as_deref(), r.last_at.as_deref()),
            r.comments.to_string(),
            crate::clock::local_time(&r.received_at),
        ]);
    }
    app.out.data(&table.to_string()).map_err(io)
}

fn remove(app: &App, path: &Path, args: &FriendRemoveArgs) -> CliResult {
    let mut store = existing_store(path, &args.id)?;
    let found = store.find(&args.id)?;
    let comments = store.remove(&found.export_id)?;
    app.out.status(&format!(
        "Removed export {} ({}) and the {comments} comment{} you wrote on it.",
        &found.export_id[..8],
        visible(&found.title),
        if comments == 1 { "" } else { "s" }
    ));
    Ok(())
}

fn reply(app: &App, path: &Path, args: &FriendReplyArgs) -> CliResult {
    let store = existing_store(path, &args.id)?;
    let found = store.find(&args.id)?;
    let comments = store.comments(&found.export_id)?;
    if comments.is_empty() {
        return Err(CliError::new(format!(
            "there are no comments on export {} yet",
            &found.export_id[..8]
        ))
        .hint(format!(
            "add some with `pi friend open` on the file you received ({})",
            found.title
        )));
    }
    let protected = app
        .protected()
        .database(path, "the store of what friends shared with you");
    atomic::check_writable(&args.output, args.force, &protected)?;
    let reply = Reply {
        format: REPLY_FORMAT.to_string(),
        version: REPLY_VERSION,
        export_id: found.export_id.clone(),
        friend: found.friend.clone(),
        written_at: app.clock.stamp(),
        comments,
    };
    let mut json =
        serde_json::to_string_pretty(&reply).map_err(|e| CliError::new(e.to_string()))?;
    json.push('\n');
    atomic::write(&args.output, json.as_bytes(), args.force, &protected)?;
    app.out.status(&format!(
        "Wrote {} comment{} on export {} to {}. Send it back; the owner reads it in with `pi import`.",
        reply.comments.len(),
        if reply.comments.len() == 1 { "" } else { "s" },
        &found.export_id[..8],
        args.output.display()
    ));
    Ok(())
}
