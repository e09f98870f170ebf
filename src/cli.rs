//! The command line: clap types only.

use crate::domain::{Depth, Language, Mode};
use crate::ui::output::ColorChoice;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  pi reflect                          walk through a session, in a terminal
  pi reflect --context \"Project X\"    reflect on a project that just ended
  pi resume                           continue a paused session
  pi list                             see your sessions
  pi show 3fa2                        read one session (an id prefix is enough)

Your journal stays on this machine; nothing is ever sent anywhere.

Exit codes: 0 ok, 1 an error in data or configuration, 2 a usage error,
130 interrupted with Ctrl-C (what was answered is saved).";

/// pi: a companion for working on your professional identity.
///
/// Reflect on who you are in your work, keep every answer in a private local journal, and see
/// how your answers change over the years.
#[derive(Debug, Parser)]
#[command(name = "pi", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// The journal file to use instead of the one in your data directory.
    #[arg(long, global = true, env = "PI_JOURNAL", value_name = "PATH")]
    pub journal: Option<PathBuf>,

    /// The language of questions and messages: nl or en (default: config file, then locale).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reflect: walk through the questions of a mode, saving each answer as you go.
    #[command(after_help = "\
Examples:
  pi reflect
  pi reflect --mode verkennen --depth quick --context \"Project X\"
  pi reflect --mode kiezen --answers answers.toml     (no terminal needed)

An answers file is TOML or JSON: prompt id = answer. Prompts it leaves out are skipped.
`pi packs show ID` lists a pack's prompt ids.")]
    Reflect(ReflectArgs),
    /// Continue the session you paused (or the one named by ID).
    #[command(after_help = "Examples:\n  pi resume\n  pi resume 3fa2")]
    Resume(ResumeArgs),
    /// List your sessions, newest first.
    #[command(
        after_help = "Examples:\n  pi list\n  pi list --limit 5\n  pi list --json | jq '.[0].id'"
    )]
    List(ListArgs),
    /// Show one session with every question and answer.
    #[command(after_help = "Examples:\n  pi show 3fa2\n  pi show 3fa2 --json")]
    Show(ShowArgs),
    /// Your statements: short sentences about who you are in your work.
    #[command(after_help = "Examples:\n  pi statements\n  pi statements --all      (also the ones let go or revised, with history)")]
    Statements(StatementsArgs),
    /// Your commitments: intentions to look back on, and what became of them.
    #[command(after_help = "Examples:\n  pi commitments\n  pi commitments --open")]
    Commitments(CommitmentsArgs),
}

/// Arguments of `pi statements`.
#[derive(Debug, Args)]
pub struct StatementsArgs {
    /// Also show statements let go or revised, each with its history.
    #[arg(long)]
    pub all: bool,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi commitments`.
#[derive(Debug, Args)]
pub struct CommitmentsArgs {
    /// Only the ones still open.
    #[arg(long)]
    pub open: bool,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi reflect`.
#[derive(Debug, Args)]
pub struct ReflectArgs {
    /// The mode: verkennen (explore), onderhouden (maintain) or kiezen (choose).
    #[arg(long, value_parser = parse_mode)]
    pub mode: Option<Mode>,

    /// Use this pack instead of the mode's default pack (see `pi packs list`).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,

    /// What the session is about, e.g. the project that just ended.
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,

    /// quick (about ten minutes) or deep (every question).
    #[arg(long, value_parser = parse_depth)]
    pub depth: Option<Depth>,

    /// Answer from a file (TOML or JSON: prompt id = answer; `-` for stdin) instead of a terminal.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Continue the latest paused session instead of starting a new one.
    #[arg(long, conflicts_with_all = ["mode", "pack", "context", "depth"])]
    pub resume: bool,
}

/// Arguments of `pi resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// The session to continue (an id prefix); the latest paused one when left out.
    pub id: Option<String>,

    /// Answer the remaining prompts from a file instead of a terminal.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
}

/// Arguments of `pi list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Show at most this many sessions.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Arguments of `pi show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The session's id, or enough of its start to be unambiguous.
    pub id: String,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    s.parse()
}

fn parse_depth(s: &str) -> Result<Depth, String> {
    s.parse()
}

fn parse_language(s: &str) -> Result<Language, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
