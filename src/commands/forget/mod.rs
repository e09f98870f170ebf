//! `pi forget`: a session, one answer with all its revisions, a statement, a commitment or
//! a friend's comment, removed for good. pi says what will go and asks (`--yes` for
//! scripts), forgets in one transaction (see `journal/forget.rs`), and then names the
//! backups that still hold it and offers to delete them.

mod backups;
mod says;

pub(crate) use backups::doctor_findings;

use super::list::mode_label;
use crate::app::App;
use crate::cli::ForgetArgs;
use crate::clock::local_time;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED};
use crate::journal::{ForgetPlan, ForgetTarget, Journal, JournalError};
use crate::ui::UiError;
use crate::words::fill;
use says::{Says, count, says};

/// Runs `pi forget`.
pub fn run(app: &App, args: &ForgetArgs) -> CliResult<u8> {
    let says = says(app.config.language);
    let asks = !args.yes;
    let named = args.session.is_some()
        || args.statement.is_some()
        || args.commitment.is_some()
        || args.reply.is_some();
    if !named {
        return purge_only(app, says, asks);
    }
    let Some(mut journal) = app.existing_journal()? else {
        return Err(CliError::new(format!(
            "there is no journal at {} yet, so nothing to forget",
            app.config.journal.display()
        )));
    };
    let (target, head) = resolve(&journal, args, says, app)?;
    let plan = journal.forget_plan(&target)?;
    let description = describe(&plan, &target, head, says);
    if asks {
        if !crate::ui::pick::can_pick() {
            return Err(CliError::new(says.no_terminal).hint(says.hint_yes));
        }
        app.out.status(&description);
        match crate::ui::confirm::confirm(says.question) {
            Ok(true) => {}
            Ok(false) => {
                app.out.status(says.declined);
                return Ok(0);
            }
            Err(UiError::Interrupted) => {
                app.out.status(says.declined);
                return Ok(EXIT_INTERRUPTED);
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        app.out.status(&description);
    }
    let done = journal.forget(&target, &plan)?;
    app.out.status(&fill(
        says.done,
        &[&app.config.journal.display().to_string()],
    ));
    if !done.log_emptied {
        app.out.status(&fill(
            says.log_busy,
            &[&app.config.journal.display().to_string()],
        ));
    }
    let mut records: Vec<(String, String)> = done
        .plan
        .record_ids()
        .into_iter()
        .map(|(k, id)| (k.to_string(), id.to_string()))
        .collect();
    records.extend(
        done.plan
            .trimmed
            .keys()
            .map(|id| ("answer_part".to_string(), id.clone())),
    );
    drop(journal);
    backups::offer(app, says, &records, args.purge_backups, asks)
}

/// `pi forget --purge-backups` alone: the backups that hold anything forgotten earlier.
fn purge_only(app: &App, says: &Says, asks: bool) -> CliResult<u8> {
    let tombstones = match app.reading_journal()? {
        Some(journal) => journal.tombstones()?,
        None => Vec::new(),
    };
    if tombstones.is_empty() {
        app.out.status(says.nothing_forgotten);
        return Ok(0);
    }
    let records: Vec<(String, String)> = tombstones.into_iter().map(|(k, id, _)| (k, id)).collect();
    let asks = asks && crate::ui::pick::can_pick();
    // `--purge-backups` was asked for: deleting is what the person wants; in a terminal
    // without --yes they still confirm, as the list may be longer than they thought.
    backups::offer(app, says, &records, !asks, asks)
}

/// The target the arguments name, and the first line describing it.
fn resolve(
    journal: &Journal,
    args: &ForgetArgs,
    says: &Says,
    app: &App,
) -> CliResult<(ForgetTarget, Option<String>)> {
    if let Some(prefix) = &args.statement {
        let statement = journal.find_statement(prefix)?;
        let wordings = journal
            .forget_plan(&ForgetTarget::Statement(statement.id))?
            .statements
            .len();
        let text = visible(&statement.text);
        let head = if wordings > 1 {
            fill(says.statement, &[&text, &count(wordings, says.wordings)])
        } else {
            fill(says.statement, &[&text, ""]).replace(" ()", "")
        };
        return Ok((ForgetTarget::Statement(statement.id), Some(head)));
    }
    if let Some(prefix) = &args.commitment {
        let c = journal.find_commitment(prefix)?;
        let head = fill(says.commitment, &[&visible(&c.text)]);
        return Ok((ForgetTarget::Commitment(c.id), Some(head)));
    }
    if let Some(prefix) = &args.reply {
        let comments = journal.find_reply(prefix)?;
        let ids = comments.iter().map(|c| c.id.clone()).collect();
        return Ok((ForgetTarget::Comments(ids), None));
    }
    let prefix = args.session.as_deref().ok_or_else(|| {
        CliError::usage("pi forget needs a SESSION, --statement, --commitment or --reply")
    })?;
    let session = journal.find_session(prefix)?;
    let date: String = local_time(&session.started_at).chars().take(10).collect();
    let what = if session.context.is_empty() {
        mode_label(&session, app.words)
    } else {
        format!(
            "{}, \u{201c}{}\u{201d}",
            mode_label(&session, app.words),
            visible(&session.context)
        )
    };
    let Some(wanted) = &args.prompt else {
        let head = format!(
            "{}, {}",
            fill(says.session, &[&date, &what]),
            says.session_rest
        );
        return Ok((ForgetTarget::Session(session.id), Some(head)));
    };
    let (pack, prompt) = match wanted.split_once('/') {
        Some((pack, prompt)) => (Some(pack), prompt),
        None => (None, wanted.as_str()),
    };
    let short = session.id.short();
    let answers = journal.session_answers(session.id)?;
    let mut found: Vec<&crate::journal::AnswerRecord> = answers
        .iter()
        .filter(|a| a.prompt_id == prompt && pack.is_none_or(|p| a.pack_id == p))
        .collect();
    found.dedup_by(|a, b| a.pack_id == b.pack_id);
    match found.as_slice() {
        [one] => {
            let revisions = journal.answer_revisions(one.id)?.len();
            let head = fill(
                says.answer,
                &[
                    &visible(&one.prompt_text),
                    &date,
                    &count(revisions, says.versions),
                ],
            );
            Ok((
                ForgetTarget::Answer {
                    session: session.id,
                    pack_id: one.pack_id.clone(),
                    prompt_id: one.prompt_id.clone(),
                },
                Some(head),
            ))
        }
        [] => {
            let ids: Vec<&str> = answers.iter().map(|a| a.prompt_id.as_str()).collect();
            Err(JournalError::NotFound(format!(
                "session {short} has no answer to '{prompt}'; its answers: {}",
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    ids.join(", ")
                }
            ))
            .into())
        }
        many => Err(CliError::new(format!(
            "prompt '{prompt}' is answered for {} packs in session {short} ({}); name one as PACK/{prompt}",
            many.len(),
            many.iter()
                .map(|a| a.pack_id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// What the plan removes, in the person's words: the target first, then what goes with it.
fn describe(plan: &ForgetPlan, target: &ForgetTarget, head: Option<String>, says: &Says) -> String {
    let mut lines = vec![says.intro.to_string()];
    let mut item = |text: String| lines.push(format!("  - {text}"));
    if let Some(h) = head {
        item(h);
    }
    let (answers, statements, commitments) = match target {
        ForgetTarget::Session(_) | ForgetTarget::Records(_) => (true, true, true),
        ForgetTarget::Answer { .. } => (false, true, true),
        ForgetTarget::Statement(_) | ForgetTarget::Commitment(_) | ForgetTarget::Comments(_) => {
            (false, false, false)
        }
    };
    if answers && plan.answer_count > 0 {
        let mut line = count(plan.answer_count, says.answers);
        if plan.answers.len() > plan.answer_count {
            line.push_str(&format!(" ({})", count(plan.answers.len(), says.versions)));
        }
        item(line);
    }
    if statements && !plan.statements.is_empty() {
        item(count(plan.statements.len(), says.wordings));
    }
    if commitments && !plan.commitments.is_empty() {
        item(count(plan.commitments.len(), says.commitments));
    }
    if !plan.commitment_events.is_empty() {
        item(count(plan.commitment_events.len(), says.follow_ups));
    }
    if !plan.comments.is_empty() {
        item(fill(
            says.friends,
            &[&count(plan.comments.len(), says.comments)],
        ));
    }
    if !plan.trimmed.is_empty() {
        item(fill(
            says.trimmed,
            &[&count(plan.trimmed.len(), says.lists)],
        ));
    }
    if !plan.exported.is_empty() {
        let dates: Vec<String> = plan
            .exported
            .iter()
            .map(|d| local_time(d).chars().take(10).collect())
            .collect();
        lines.push(fill(says.exported, &[&dates.join(", ")]));
    }
    lines.push(says.lasting.to_string());
    lines.join("\n")
}
