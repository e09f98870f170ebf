//! What `reflect` and `resume` share: choosing the prompter, running the engine, and the
//! closing summary.

use crate::app::App;
use crate::domain::SessionId;
use crate::error::{CliError, CliResult, EXIT_INTERRUPTED, EXIT_OK};
use crate::flows::{Engine, Outcome, Report};
use crate::journal::Journal;
use crate::packs::{Pack, Prompt};
use crate::ui::scripted::ScriptedPrompter;
use crate::ui::term::TermPrompter;
use crate::ui::{Prompter, can_prompt};
use crate::words::{Words, fill};
use std::io::Read;
use std::path::Path;

/// Who answers: a file, or a person at a terminal.
pub enum Answerer {
    /// An answers file.
    Script(ScriptedPrompter),
    /// A person.
    Person(TermPrompter),
}

impl Answerer {
    /// The answers file when one is given, else the terminal; no terminal and no file is an
    /// error rather than a hang.
    pub fn choose(
        app: &App,
        answers: Option<&Path>,
        words: &'static Words,
        command: &str,
    ) -> CliResult<Self> {
        if let Some(path) = answers {
            let (label, text) = if path == Path::new("-") {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).map_err(|e| {
                    CliError::new(format!("cannot read answers from standard input: {e}"))
                })?;
                ("<stdin>".to_string(), text)
            } else {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    CliError::new(format!(
                        "cannot read the answers file {}: {e}",
                        path.display()
                    ))
                })?;
                (path.display().to_string(), text)
            };
            return Ok(Answerer::Script(ScriptedPrompter::parse(&label, &text)?));
        }
        if !can_prompt() {
            return Err(CliError::new(fill(words.err_no_terminal, &[command]))
                .hint(fill(words.hint_answers_file, &[command, command])));
        }
        Ok(Answerer::Person(
            TermPrompter::new(words, app.prompt_color)?
                .with_editor_dir(crate::leftovers::editor_dir(&app.config.journal)),
        ))
    }

    /// The prompter to hand the engine.
    pub fn prompter(&mut self) -> &mut dyn Prompter {
        match self {
            Answerer::Script(s) => s,
            Answerer::Person(p) => p,
        }
    }
}

/// Checks an answers file against the prompts still to ask, reading the journal's statements
/// and commitments only when the file answers a tidy walk or follow-up.
pub fn check_script(
    script: &mut ScriptedPrompter,
    steps: &[(&Pack, &Prompt)],
    packs: &[Pack],
    journal: Option<&Journal>,
) -> CliResult {
    let all: Vec<&Prompt> = packs.iter().flat_map(|p| p.prompts.iter()).collect();
    let (need_statements, need_commitments) = script.needs_records(steps);
    let statements = match journal {
        Some(j) if need_statements => j.statements()?,
        _ => Vec::new(),
    };
    let commitments = match journal {
        Some(j) if need_commitments => j.commitments()?,
        _ => Vec::new(),
    };
    script.check(steps, &all, &statements, &commitments)?;
    Ok(())
}

/// Runs the session to its end or a pause and prints what happened; returns the exit code.
/// From a script, the session id goes to stdout (unless stdout carries something else).
pub fn run_session(
    app: &App,
    journal: &mut Journal,
    answerer: &mut Answerer,
    id: SessionId,
    words: &'static Words,
    print_id: bool,
) -> CliResult<u8> {
    let scripted = matches!(answerer, Answerer::Script(_));
    let report = Engine {
        journal,
        prompter: answerer.prompter(),
        words,
    }
    .run(id)?;
    summarize(app, journal, &report, words);
    if scripted && print_id {
        app.out
            .data(&report.session.id.to_string())
            .map_err(CliError::from)?;
    }
    Ok(match report.outcome {
        Outcome::Interrupted => EXIT_INTERRUPTED,
        Outcome::Finished | Outcome::Paused => EXIT_OK,
    })
}

fn summarize(app: &App, journal: &Journal, report: &Report, words: &Words) {
    let mut lines = vec![String::new()];
    if report.outcome == Outcome::Interrupted {
        lines.push(String::new());
    }
    lines.push(match report.outcome {
        Outcome::Finished => words.finished.to_string(),
        Outcome::Paused | Outcome::Interrupted => words.paused.to_string(),
    });
    let mut counts = fill(
        words.summary_answered,
        &[
            &report.answered.to_string(),
            &report.session.prompt_count.to_string(),
        ],
    );
    if report.skipped > 0 {
        counts.push_str(&format!(
            ", {}",
            fill(words.summary_skipped, &[&report.skipped.to_string()])
        ));
    }
    if report.statements_written > 0 {
        counts.push_str(&format!(
            ", {}",
            fill(
                words.summary_statements,
                &[&report.statements_written.to_string()]
            )
        ));
    }
    lines.push(format!("{counts}."));
    for c in &report.commitments {
        lines.push(fill(words.summary_commitment, &[c]));
    }
    lines.push(fill(
        words.summary_kept,
        &[
            &journal.path().display().to_string(),
            &report.session.id.short(),
        ],
    ));
    if report.outcome != Outcome::Finished {
        lines.push(words.resume_hint.to_string());
    }
    app.out.status(&lines.join("\n"));
}
