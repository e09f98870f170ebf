//! `pi resume`: continue a paused session at its first unanswered prompt, with the questions
//! exactly as they were when it started.

use super::running::{Answerer, run_session};
use crate::app::App;
use crate::cli::ResumeArgs;
use crate::error::{CliError, CliResult};
use crate::flows::plan_steps;
use crate::journal::SessionStatus;
use crate::words::{Words, fill};
use std::collections::HashSet;

/// Runs `pi resume`.
pub fn run(app: &App, args: ResumeArgs) -> CliResult<u8> {
    let w = app.words;
    let Some(mut journal) = app.existing_journal()? else {
        return Err(CliError::new(w.err_nothing_yet).hint(w.hint_start));
    };
    let session = match &args.id {
        Some(prefix) => journal.find_session(prefix)?,
        None => journal
            .latest_in_progress()?
            .ok_or_else(|| CliError::new(w.err_none_in_progress).hint(w.hint_list))?,
    };
    if session.status == SessionStatus::Finished {
        return Err(CliError::new(fill(w.err_finished, &[&session.id.short()])));
    }
    // The session speaks the language of its own packs.
    let words = Words::of(session.language);
    let mut answerer = Answerer::choose(app, args.answers.as_deref(), words, "pi resume")?;
    let packs = journal.session_packs(session.id)?;
    let steps = plan_steps(&packs, session.depth);
    let done: HashSet<(String, String)> = journal
        .session_answers(session.id)?
        .into_iter()
        .map(|a| (a.pack_id, a.prompt_id))
        .collect();
    let remaining: Vec<_> = steps
        .iter()
        .copied()
        .filter(|(p, q)| !done.contains(&(p.id.clone(), q.id.clone())))
        .collect();
    if let Answerer::Script(script) = &mut answerer {
        super::running::check_script(script, &remaining, &packs, Some(&journal))?;
    }
    let at = steps.len() - remaining.len() + 1;
    let mode = session.mode.map_or_else(
        || session.pack_id.clone(),
        |m| words.mode_name(m).to_string(),
    );
    answerer.prompter().show(&fill(
        words.resuming,
        &[
            &crate::clock::local_date(&session.started_at),
            &mode,
            &at.min(steps.len()).to_string(),
            &steps.len().to_string(),
        ],
    ))?;
    run_session(app, &mut journal, &mut answerer, session.id, words, true)
}
