//! `pi edit`: correct an answer (a new revision that points to the one it replaces) or
//! re-word a statement outside a tidy walk. An answers file first, the terminal as the
//! fallback, as `pi reflect` does.

use super::running::Answerer;
use crate::app::App;
use crate::cli::EditArgs;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED};
use crate::flows::edit::{self, Editable};
use crate::flows::{FlowError, plan_steps};
use crate::journal::{Journal, SessionRecord, SessionStatus};
use crate::ui::term::TermPrompter;
use crate::ui::{Prompter, UiError, can_prompt};
use crate::words::fill;

/// Runs `pi edit`.
pub fn run(app: &App, args: &EditArgs) -> CliResult<u8> {
    if let Some(prefix) = &args.statement {
        return statement(app, prefix, args.text.as_deref());
    }
    let prefix = args
        .session
        .as_deref()
        .ok_or_else(|| CliError::usage("pi edit needs a SESSION, or --statement ID"))?;
    let mut answerer = Answerer::choose(app, args.answers.as_deref(), app.words, "pi edit")?;
    let mut journal = app.existing_journal()?.ok_or_else(|| {
        CliError::new(format!(
            "no session id starts with '{prefix}': the journal is empty"
        ))
    })?;
    let session = journal.find_session(prefix)?;
    let all = edit::answers_of(&journal, session.id).map_err(flow)?;
    let chosen: Vec<&Editable> = match (&args.prompt, &mut answerer) {
        (Some(prompt), answerer) => {
            let one = one_answer(&journal, &session, &all, prompt)?;
            if let Answerer::Script(script) = answerer {
                if let Some(other) = script.keys().find(|k| *k != one.prompt.id) {
                    return Err(CliError::new(format!(
                        "{}: names prompt '{other}', but this `pi edit` revises only '{}'",
                        label(args),
                        one.prompt.id
                    )));
                }
                if script.keys().next().is_none() {
                    return Err(CliError::new(format!(
                        "{}: has no new answer for prompt '{}'",
                        label(args),
                        one.prompt.id
                    )));
                }
                script
                    .check_edits(&[&one.prompt], &session.id.short())
                    .map_err(CliError::from)?;
            }
            vec![one]
        }
        (None, Answerer::Script(script)) => {
            for key in script.keys() {
                if let Some(item) = all.iter().find(|e| e.prompt.id == key)
                    && let Some(why) = item.refusal()
                {
                    return Err(CliError::new(format!(
                        "{}: the answer to '{key}' {why}",
                        label(args)
                    )));
                }
            }
            let editable: Vec<&Editable> = all.iter().filter(|e| e.refusal().is_none()).collect();
            let prompts: Vec<&crate::packs::Prompt> = editable.iter().map(|e| &e.prompt).collect();
            script
                .check_edits(&prompts, &session.id.short())
                .map_err(CliError::from)?;
            let named: Vec<&str> = script.keys().collect();
            editable
                .into_iter()
                .filter(|e| named.contains(&e.prompt.id.as_str()))
                .collect()
        }
        (None, Answerer::Person(person)) => {
            let editable: Vec<&Editable> = all.iter().filter(|e| e.refusal().is_none()).collect();
            if editable.is_empty() {
                return Err(no_answers(&session));
            }
            let options: Vec<String> = editable
                .iter()
                .map(|e| {
                    let answer = e
                        .answer
                        .value
                        .as_ref()
                        .map_or_else(|| "(skipped)".to_string(), |v| v.one_line());
                    format!(
                        "{} — {}",
                        visible(&e.prompt.text),
                        visible(&answer.chars().take(60).collect::<String>())
                    )
                })
                .collect();
            match person.choose(app.words.edit_which, &options, 0) {
                Ok(i) => vec![editable[i]],
                Err(UiError::Interrupted) => return Ok(interrupted(app)),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let made = match edit::revise(&mut journal, answerer.prompter(), &chosen) {
        Ok(made) => made,
        Err(FlowError::Ui(UiError::Interrupted)) => return Ok(interrupted(app)),
        Err(e) => return Err(flow(e)),
    };
    if made.is_empty() {
        app.out.status(app.words.edit_unchanged);
    }
    for answer in &made {
        app.out.status(&fill(
            app.words.edit_saved,
            &[&cut(&visible(&answer.prompt_text), 70), &session.id.short()],
        ));
    }
    Ok(0)
}

/// `text` cut to `width` characters, marked where cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.push('…');
    short
}

fn label(args: &EditArgs) -> String {
    args.answers.as_deref().map_or_else(String::new, |p| {
        if p == std::path::Path::new("-") {
            "<stdin>".to_string()
        } else {
            p.display().to_string()
        }
    })
}

fn flow(e: FlowError) -> CliError {
    match e {
        FlowError::Journal(j) => j.into(),
        FlowError::Ui(u) => u.into(),
    }
}

fn interrupted(app: &App) -> u8 {
    app.out.status(app.words.edit_unchanged);
    EXIT_INTERRUPTED
}

fn no_answers(session: &SessionRecord) -> CliError {
    let e = CliError::new(format!(
        "session {} has no answer that `pi edit` can revise",
        session.id.short()
    ));
    if session.status == SessionStatus::InProgress {
        e.hint(format!(
            "`pi resume {}` asks its open questions",
            session.id.short()
        ))
    } else {
        e
    }
}

/// The answer to `wanted` (a prompt id, or PACK/PROMPT) in the session, if it may be
/// revised; otherwise an error that says why and what to do instead.
fn one_answer<'a>(
    journal: &Journal,
    session: &SessionRecord,
    all: &'a [Editable],
    wanted: &str,
) -> CliResult<&'a Editable> {
    let (pack, prompt) = match wanted.split_once('/') {
        Some((pack, prompt)) => (Some(pack), prompt),
        None => (None, wanted),
    };
    let short = session.id.short();
    let found: Vec<&Editable> = all
        .iter()
        .filter(|e| e.prompt.id == prompt && pack.is_none_or(|p| e.answer.pack_id == p))
        .collect();
    match found.as_slice() {
        [one] => match one.refusal() {
            Some(why) => Err(CliError::new(format!("the answer to '{prompt}' {why}"))),
            None => Ok(one),
        },
        [] => {
            let packs = journal.session_packs(session.id)?;
            let asked = plan_steps(&packs, session.depth)
                .iter()
                .any(|(_, p)| p.id == prompt);
            let answered: Vec<&str> = all.iter().map(|e| e.prompt.id.as_str()).collect();
            if asked {
                let e = CliError::new(format!(
                    "session {short} has no answer to '{prompt}' to revise"
                ));
                return Err(if session.status == SessionStatus::InProgress {
                    e.hint(format!("`pi resume {short}` asks it"))
                } else {
                    e
                });
            }
            Err(CliError::new(format!(
                "session {short} has no prompt '{prompt}'; its answers: {}",
                if answered.is_empty() {
                    "none".to_string()
                } else {
                    answered.join(", ")
                }
            ))
            .hint(format!("`pi show {short} --json` lists each prompt's id")))
        }
        many => Err(CliError::new(format!(
            "prompt '{prompt}' is asked by {} packs of session {short} ({}); name one as PACK/{prompt}",
            many.len(),
            many.iter()
                .map(|e| e.answer.pack_id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// `pi edit --statement ID [--text TEXT]`.
fn statement(app: &App, prefix: &str, text: Option<&str>) -> CliResult<u8> {
    let mut journal = app.existing_journal()?.ok_or_else(|| {
        CliError::new(format!(
            "no statement id starts with '{prefix}': the journal is empty"
        ))
    })?;
    let statement = edit::rewordable(&journal, prefix).map_err(flow)?;
    if text.is_none() && !can_prompt() {
        return Err(
            CliError::new(fill(app.words.err_no_terminal, &["pi edit --statement"]))
                .hint("pass the new wording: pi edit --statement ID --text \"...\""),
        );
    }
    let mut person = TermPrompter::new(app.words, app.prompt_color)?;
    let prompter: &mut dyn Prompter = &mut person;
    match edit::reword(&mut journal, prompter, &statement, text) {
        Ok(Some(new)) => {
            app.out.status(&fill(
                app.words.edit_reworded,
                &[&statement.id.short(), &new.short()],
            ));
            Ok(0)
        }
        Ok(None) => {
            app.out.status(app.words.edit_unchanged);
            Ok(0)
        }
        Err(FlowError::Ui(UiError::Interrupted)) => Ok(interrupted(app)),
        Err(e) => Err(flow(e)),
    }
}
