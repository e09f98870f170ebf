//! Attaching a professional friend's reply: only to an export this journal made, and only to
//! records that export shared, with the friend's answers to the conversation guide. Anything
//! else is refused whole; nothing is attached.

use super::journal_error;
use crate::app::App;
use crate::error::{CliError, CliResult};
use crate::interchange::format::Reply;
use crate::journal::ImportSummary;

/// Attaches every comment of `reply`, or none.
pub(super) fn import(app: &App, label: &str, reply: &Reply) -> CliResult<ImportSummary> {
    let export = format!("{}…", &reply.export_id[..8]);
    let Some(mut journal) = app.existing_journal()? else {
        return Err(CliError::new(format!(
            "{label}: this reply comments on export {export}, and there is no journal here yet"
        )));
    };
    if journal.export_made_at(&reply.export_id)?.is_none() {
        return Err(CliError::new(format!(
            "{label}: this reply answers export {export}, which this journal did not make; nothing was attached"
        ))
        .hint("a reply can only be attached to the journal whose export the friend read"));
    }
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
    for answer in &reply.guide {
        importer
            .guide_answer(&reply.export_id, &reply.friend, answer)
            .map_err(|e| journal_error(label, e))?;
    }
    importer
        .reply_arrived(reply)
        .map_err(|e| journal_error(label, e))?;
    importer.finish().map_err(|e| journal_error(label, e))
}
