//! `pi review`: prepare the yearly appraisal. An overview of the period from the journal, the
//! review pack's questions, and a brief to bring to the conversation (Markdown or a printable
//! page), holding what the person chose.

mod brief;

use super::list::mode_label;
use super::running::{Answerer, run_session};
use crate::app::App;
use crate::cli::ReviewArgs;
use crate::clock::parse_stamp;
use crate::domain::Depth;
use crate::error::{CliError, CliResult, EXIT_OK};
use crate::flows::brief_choice::Selection;
use crate::flows::review::{Overview, Period, overview};
use crate::flows::{choose_depth, plan_steps};
use crate::interchange::atomic;
use crate::interchange::brief::{Parts, build};
use crate::journal::{Journal, NewSession, SessionKind, SessionStatus};
use crate::packs::Purpose;
use crate::words::{Words, fill};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Runs `pi review`.
pub fn run(app: &App, args: ReviewArgs) -> CliResult<u8> {
    let now = app.clock.now();
    let output = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}-{}.{}",
            app.words.review.file_stem,
            now.format("%Y-%m-%d"),
            match args.format {
                crate::cli::BriefFormat::Md => "md",
                crate::cli::BriefFormat::Html => "html",
            }
        ))
    });
    // Refuse an existing brief or an unwritable place before asking a single question.
    if output.as_os_str() != "-" {
        atomic::check_writable(&output, args.force, &app.protected())?;
    }
    if let Some(prefix) = &args.session {
        return finish_existing(app, &args, prefix, &output);
    }
    let words = app.words;
    let mut answerer = Answerer::choose(app, args.answers.as_deref(), words, "pi review")?;
    let interactive = answerer.prompter().is_interactive();
    let registry = app.packs()?;
    let pack = registry
        .for_purpose(Purpose::Review, app.config.language)
        .ok_or_else(|| {
            CliError::new(format!(
                "there is no review pack in language {}",
                app.config.language
            ))
        })?
        .clone();
    let existing = app.existing_journal()?;
    let period = match &existing {
        Some(j) => period(app, &args, j, now)?,
        None => explicit_period(app, &args, now)?.unwrap_or(Period {
            start: now,
            end: now,
            since_last_review: false,
        }),
    };
    let depth = match (args.depth, interactive) {
        (Some(d), _) => d,
        (None, true) => Depth::Quick,
        (None, false) => Depth::Deep,
    };
    let packs = vec![pack];
    if let Answerer::Script(script) = &mut answerer {
        let steps = plan_steps(&packs, depth);
        super::running::check_script(script, &steps, &packs, existing.as_ref())?;
    }
    let mut journal = match existing {
        Some(j) => j,
        None => app.journal()?,
    };
    let view = overview(&journal, period.clone())?;
    let filters = brief::Filters::resolve(&journal, &view, &args.include, &args.exclude, words)?;
    answerer.prompter().show(&fill(
        words.review_period,
        &[&day(period.start), &last_day(period.end)],
    ))?;
    answerer
        .prompter()
        .show(&overview_text(&view, app.config.language, app.prompt_color))?;
    let depth = if interactive && args.depth.is_none() {
        choose_depth(answerer.prompter(), words)?
    } else {
        depth
    };
    let session = journal.create_session(&NewSession {
        kind: SessionKind::Review,
        mode: None,
        packs: packs.iter().collect(),
        context: format!("{} – {}", day(period.start), last_day(period.end)),
        language: app.config.language,
        depth,
    })?;
    let code = run_session(
        app,
        &mut journal,
        &mut answerer,
        session.id,
        words,
        output.as_os_str() != "-",
    )?;
    let session = journal.session(session.id)?;
    if session.status == SessionStatus::Finished {
        let job = brief::Job {
            output: &output,
            force: args.force,
            format: args.format,
            filters: &filters,
            checklist: interactive,
        };
        return job
            .write(app, &journal, &session, &view)
            .map(|c| c.max(code));
    } else {
        app.out
            .status(&fill(words.review_brief_later, &[&session.id.short()]));
    }
    Ok(code)
}

/// `--session ID`: continue a paused review if needed, then write its brief.
fn finish_existing(app: &App, args: &ReviewArgs, prefix: &str, output: &Path) -> CliResult<u8> {
    let mut journal = app
        .existing_journal()?
        .ok_or_else(|| CliError::new("the journal has no sessions yet; start with `pi review`"))?;
    let session = journal.find_session(prefix)?;
    if session.kind != SessionKind::Review {
        return Err(CliError::new(format!(
            "session {} is a reflection, not a review; `pi show {}` shows it",
            session.id.short(),
            session.id.short()
        )));
    }
    let words = Words::of(session.language);
    let started = parse_stamp(&session.started_at).unwrap_or_else(|| app.clock.now());
    let period = period(app, args, &journal, started)?;
    let mut code = EXIT_OK;
    if session.status == SessionStatus::InProgress {
        let mut answerer = Answerer::choose(app, args.answers.as_deref(), words, "pi review")?;
        if let Answerer::Script(script) = &mut answerer {
            let packs = journal.session_packs(session.id)?;
            let done: Vec<(String, String)> = journal
                .session_answers(session.id)?
                .into_iter()
                .map(|a| (a.pack_id, a.prompt_id))
                .collect();
            let steps: Vec<_> = plan_steps(&packs, session.depth)
                .into_iter()
                .filter(|(p, q)| !done.contains(&(p.id.clone(), q.id.clone())))
                .collect();
            super::running::check_script(script, &steps, &packs, Some(&journal))?;
        }
        code = run_session(
            app,
            &mut journal,
            &mut answerer,
            session.id,
            words,
            output.as_os_str() != "-",
        )?;
    }
    let session = journal.session(session.id)?;
    if session.status != SessionStatus::Finished {
        app.out
            .status(&fill(words.review_brief_later, &[&session.id.short()]));
        return Ok(code);
    }
    let view = overview(&journal, period)?;
    let filters = brief::Filters::resolve(&journal, &view, &args.include, &args.exclude, words)?;
    let job = brief::Job {
        output,
        force: args.force,
        format: args.format,
        filters: &filters,
        checklist: args.answers.is_none() && crate::ui::pick::can_pick(),
    };
    job.write(app, &journal, &session, &view)
        .map(|c| c.max(code))
}

fn day(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The last day inside a period that ends (exclusively) at `end`.
fn last_day(end: DateTime<Utc>) -> String {
    day(end - chrono::Duration::milliseconds(1))
}

/// The period from `--year`, `--since`/`--until`, if given.
fn explicit_period(app: &App, args: &ReviewArgs, now: DateTime<Utc>) -> CliResult<Option<Period>> {
    let _ = app;
    if let Some(year) = args.year {
        let spec = crate::domain::when::DateSpec::Year(year);
        let start = spec.start(now).map_err(CliError::usage)?;
        let end = spec.end(now).map_err(CliError::usage)?;
        return Ok(Some(Period {
            start,
            end,
            since_last_review: false,
        }));
    }
    if args.period.is_empty() {
        return Ok(None);
    }
    let placed = super::period::Period::of(&args.period, now)?;
    let end = placed.to.unwrap_or(now);
    let start = placed.from.unwrap_or_else(|| {
        end.checked_sub_months(chrono::Months::new(12))
            .unwrap_or(end)
    });
    if start >= end {
        return Err(CliError::usage(format!(
            "the period from {} to {} is empty: --since must come before --until",
            day(start),
            day(end)
        )));
    }
    Ok(Some(Period {
        start,
        end,
        since_last_review: false,
    }))
}

fn period(
    app: &App,
    args: &ReviewArgs,
    journal: &Journal,
    now: DateTime<Utc>,
) -> CliResult<Period> {
    match explicit_period(app, args, now)? {
        Some(p) => Ok(p),
        None => Ok(Period::default_for(journal, now)?),
    }
}

/// The overview as it is shown in the terminal before the questions: everything the period
/// holds (it is the person's own screen), rendered for a terminal.
fn overview_text(view: &Overview, language: crate::domain::Language, color: bool) -> String {
    let words = Words::of(language);
    let doc = build(
        view,
        &Parts {
            answers: &[],
            selection: &Selection::everything(&brief::all_items(view)),
            today: "",
            mode_name: &|s| mode_label(s, words),
        },
        language,
    );
    let bold = console::Style::new().bold().force_styling(color);
    crate::interchange::brief_text::render(&doc, &bold)
}
