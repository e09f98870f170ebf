//! `pi`: an offline-first companion for working on your professional identity.
//!
//! Layers, each in its own module: [`cli`] (clap types) → [`commands`] → [`flows`] (the session
//! engine) → [`journal`] (SQLite) and [`packs`] (TOML). Only `commands` and `ui` touch the
//! terminal.

pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod domain;
pub mod error;
pub mod flows;
pub mod interchange;
pub mod journal;
pub mod leftovers;
pub mod packs;
pub mod ui;
pub mod words;

use clap::Parser;
use error::CliError;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Parses the command line, runs the command, prints any error; the process's exit code.
pub fn main() -> ExitCode {
    if let Some(code) = commands::complete::answer_if_asked() {
        return code;
    }
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { error::EXIT_USAGE } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if err.is_broken_pipe() {
                return ExitCode::SUCCESS;
            }
            report(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

/// Prints an error as `Error: …` with its hints, in colour when stderr is a terminal.
fn report(err: &CliError) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let red = console::Style::new().red().bold().force_styling(color);
    let mut stderr = std::io::stderr().lock();
    // A message may quote a file name or a value from outside: never raw on a terminal.
    let visible = domain::untrusted::visible;
    let _ = writeln!(
        stderr,
        "{} {}",
        red.apply_to("Error:"),
        visible(err.message())
    );
    for cause in err.causes() {
        let _ = writeln!(stderr, "Caused by: {}", visible(cause));
    }
    for hint in err.hints() {
        let _ = writeln!(stderr, "Hint: {}", visible(hint));
    }
}

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> Result<u8, CliError> {
    let clock = clock::Clock::from_env().map_err(CliError::new)?;
    let config = config::Config::resolve(cli.journal, cli.lang).map_err(CliError::new)?;
    let stdout_color =
        ui::output::ColorChoice::from(cli.color).enabled(std::io::stdout().is_terminal());
    console::set_colors_enabled(stdout_color);
    let app = app::App {
        words: words::Words::of(config.language),
        config,
        clock,
        out: ui::output::Output {
            color: stdout_color,
        },
        prompt_color: stdout_color,
        passphrase: std::cell::OnceCell::new(),
    };
    // What a killed pi left behind holds private text: gone at the next start. `pi doctor`
    // only looks, so it can list them instead.
    if !matches!(cli.command, cli::Command::Doctor(_)) {
        let removed = leftovers::clean(&app.config.journal);
        if !removed.is_empty() {
            app.out.status(&format!(
                "Removed {} file{} left by an interrupted pi: {}.",
                removed.len(),
                if removed.len() == 1 { "" } else { "s" },
                removed
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    commands::dispatch(&app, cli.command)
}
