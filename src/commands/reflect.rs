//! `pi reflect`: start a session. Flags first; what they leave open is asked, when a person is
//! there to ask.

use super::running::{Answerer, run_session};
use crate::app::App;
use crate::cli::{ReflectArgs, ResumeArgs};
use crate::domain::{Depth, Mode};
use crate::error::{CliError, CliResult};
use crate::flows::{choose_depth, choose_mode, plan_steps};
use crate::journal::{NewSession, SessionKind};
use crate::packs::{Pack, PackRegistry, Purpose};

/// Runs `pi reflect`.
pub fn run(app: &App, args: ReflectArgs) -> CliResult<u8> {
    if args.resume {
        return super::resume::run(
            app,
            ResumeArgs {
                id: None,
                answers: args.answers,
            },
        );
    }
    let words = app.words;
    let mut answerer = Answerer::choose(app, args.answers.as_deref(), words, "pi reflect")?;
    let registry = app.packs()?;
    let language = app.config.language;
    let interactive = answerer.prompter().is_interactive();

    // The journal is opened before any question so a broken one is reported at once; a
    // scripted run that fails validation must not create one.
    let mut journal = if interactive {
        Some(super::encrypt::journal_for_reflect(app)?)
    } else {
        app.existing_journal()?
    };

    let (mode, main) = choose_pack(&registry, &args, language, &mut answerer, words)?;
    let context = match (&args.context, interactive) {
        (Some(c), _) => c.trim().to_string(),
        (None, true) => answerer.prompter().ask_line(words.context_question)?,
        (None, false) => String::new(),
    };
    let depth = match (args.depth, interactive) {
        (Some(d), _) => d,
        (None, true) => choose_depth(answerer.prompter(), words)?,
        (None, false) => Depth::Deep,
    };
    let mut packs: Vec<Pack> = Vec::new();
    if !context.is_empty()
        && main.purpose == Purpose::Mode
        && let Some(project) = registry.for_purpose(Purpose::Project, language)
    {
        packs.push(project.clone());
    }
    packs.push(main.clone());

    if let super::running::Answerer::Script(script) = &mut answerer {
        let steps = plan_steps(&packs, depth);
        super::running::check_script(script, &steps, &packs, journal.as_ref())?;
    }
    let mut journal = match journal.take() {
        Some(j) => j,
        None => app.journal()?,
    };
    let session = journal.create_session(&NewSession {
        kind: SessionKind::Reflect,
        mode,
        packs: packs.iter().collect(),
        context,
        language,
        depth,
    })?;
    run_session(app, &mut journal, &mut answerer, session.id, words, true)
}

/// Decides the mode and the main pack from `--pack`, `--mode`, or by asking.
fn choose_pack<'r>(
    registry: &'r PackRegistry,
    args: &ReflectArgs,
    language: crate::domain::Language,
    answerer: &mut Answerer,
    words: &'static crate::words::Words,
) -> CliResult<(Option<Mode>, &'r Pack)> {
    if let Some(id) = &args.pack {
        let pack = registry.find(id, language).ok_or_else(|| {
            CliError::new(format!("there is no pack '{id}' in language {language}"))
                .hint("`pi packs list` shows the packs; --lang picks another language")
        })?;
        let mode = match (args.mode, pack.purpose) {
            (Some(m), Purpose::Mode) if pack.modes.contains(&m) => Some(m),
            (Some(m), _) => {
                return Err(CliError::new(format!(
                    "pack '{id}' does not serve mode {m}{}",
                    if pack.modes.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (it serves {})",
                            pack.modes
                                .iter()
                                .map(|m| m.id())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )));
            }
            (None, Purpose::Mode) if pack.modes.len() == 1 => Some(pack.modes[0]),
            (None, Purpose::Mode) if answerer.prompter().is_interactive() => {
                Some(choose_mode(answerer.prompter(), words)?)
            }
            (None, Purpose::Mode) => {
                return Err(CliError::usage(format!(
                    "pack '{id}' serves several modes; say which with --mode"
                )));
            }
            (None, _) => None,
        };
        return Ok((mode, pack));
    }
    let mode = match args.mode {
        Some(m) => m,
        None if answerer.prompter().is_interactive() => choose_mode(answerer.prompter(), words)?,
        None => {
            return Err(CliError::usage(
                "pi reflect --answers needs --mode (verkennen, onderhouden or kiezen) or --pack",
            ));
        }
    };
    let pack = registry.for_mode(mode, language).ok_or_else(|| {
        CliError::new(crate::words::fill(
            words.err_no_mode_pack,
            &[mode.id(), language.code()],
        ))
    })?;
    Ok((Some(mode), pack))
}
