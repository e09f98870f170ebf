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
    /// Prepare your yearly appraisal: an overview of the period, a few questions, and a brief.
    #[command(after_help = "Examples:
  pi review                              since your last review (or the last 12 months)
  pi review --year 2026 -o brief.md
  pi review --since 2026-01 --answers review.toml
  pi review --session 3fa2               finish a paused review and write its brief

The brief is a Markdown file; an existing file is only replaced with --force.")]
    Review(ReviewArgs),
    /// Check where your journal and settings live and whether they are healthy.
    #[command(after_help = "Examples:
  pi doctor
  pi doctor --json

It only reads; it exits 1 when something needs attention, and says what to do.")]
    Doctor(DoctorArgs),
    /// Copy the journal safely (or list or restore copies).
    #[command(after_help = "Examples:
  pi backup                       a dated copy in the backups folder beside the journal
  pi backup ~/Dropbox/pi          a copy somewhere else
  pi backup --list                every copy, including those taken before migrations
  pi backup --restore FILE        put a copy back; the current journal is kept aside")]
    Backup(BackupArgs),
    /// Your statements: short sentences about who you are in your work.
    #[command(after_help = "Examples:
  pi statements
  pi statements --all      (also the ones let go or revised, with history)")]
    Statements(StatementsArgs),
    /// Your commitments: intentions to look back on, and what became of them.
    #[command(after_help = "Examples:\n  pi commitments\n  pi commitments --open")]
    Commitments(CommitmentsArgs),
    /// Prompt packs, the sets of questions pi asks: list, read, compare, check and start them.
    #[command(after_help = "\
Examples:
  pi packs list                                  every pack, and which version is in force
  pi packs show verkennen                        the questions of the explore pack
  pi packs diff verkennen@1.0.0 verkennen@2.0.0  what changed between two versions
  pi packs new my-team                           start a pack of your own
  pi packs validate my-team.en.toml              check a pack file, listing every problem")]
    Packs(PacksArgs),
}

/// Arguments of `pi packs`.
#[derive(Debug, Args)]
pub struct PacksArgs {
    /// What to do with packs.
    #[command(subcommand)]
    pub command: PacksCommand,
}

/// The subcommands of `pi packs`.
#[derive(Debug, Subcommand)]
pub enum PacksCommand {
    /// List every known pack version, built-in and your own, and which one is in force.
    #[command(after_help = "\
Examples:
  pi packs list
  pi packs list --json | jq '.[] | select(.in_force) | .id'

Of the versions of one pack in one language, the highest is in force.")]
    List(PacksListArgs),
    /// Show a pack: its description, changelog and every prompt in order.
    #[command(after_help = "\
Examples:
  pi packs show verkennen
  pi packs show verkennen@1.0.0 --lang nl
  pi packs show kiezen --json

Without a version, the version in force. A version your journal used is shown even when no
pack file has it any more.")]
    Show(PacksShowArgs),
    /// Compare two versions of a pack: prompts added, removed, reworded and replaced.
    #[command(after_help = "\
Examples:
  pi packs diff verkennen@1.0.0 verkennen@2.0.0
  pi packs diff verkennen@1.0.0 verkennen        (the version in force)
  pi packs diff verkennen@1.0.0 verkennen@2.0.0 --json")]
    Diff(PacksDiffArgs),
    /// Check pack files and print every problem as FILE:LINE:COLUMN: MESSAGE.
    #[command(after_help = "\
Examples:
  pi packs validate my-team.en.toml
  pi packs validate ~/.config/pi/packs/*.toml

Each file is also checked against the other versions of its pack that pi knows (built-in,
your packs folder and your journal). Exits 1 when any file has a problem.")]
    Validate(PacksValidateArgs),
    /// Write a commented starter pack to your packs folder, ready to edit.
    #[command(after_help = "\
Examples:
  pi packs new my-team
  pi packs new my-team --lang nl
  pi packs new my-team --force     (overwrite the existing file)")]
    New(PacksNewArgs),
}

/// Arguments of `pi packs list`.
#[derive(Debug, Args)]
pub struct PacksListArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi packs show`.
#[derive(Debug, Args)]
pub struct PacksShowArgs {
    /// The pack's id, with `@VERSION` for a version other than the one in force.
    #[arg(value_name = "ID[@VERSION]")]
    pub pack: String,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi packs diff`.
#[derive(Debug, Args)]
pub struct PacksDiffArgs {
    /// The older version, as ID@VERSION.
    #[arg(value_name = "ID@A")]
    pub from: String,

    /// The newer version, as ID@VERSION (just ID for the version in force).
    #[arg(value_name = "ID@B")]
    pub to: String,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi packs validate`.
#[derive(Debug, Args)]
pub struct PacksValidateArgs {
    /// The pack files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Arguments of `pi packs new`.
#[derive(Debug, Args)]
pub struct PacksNewArgs {
    /// The new pack's id: lowercase letters, digits, '-' and '_'.
    pub id: String,

    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `pi review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Start of the period (YYYY-MM-DD, YYYY-MM, YYYY, or an age like 6m).
    #[arg(long, value_name = "DATE", conflicts_with = "year")]
    pub since: Option<String>,

    /// End of the period (inclusive; default: now).
    #[arg(long, value_name = "DATE", conflicts_with = "year")]
    pub until: Option<String>,

    /// Review one calendar year.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,

    /// Where to write the brief (default: appraisal-brief-DATE.md here; `-` for stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the brief if the file exists.
    #[arg(long)]
    pub force: bool,

    /// quick or deep.
    #[arg(long, value_parser = parse_depth)]
    pub depth: Option<Depth>,

    /// Answer from a file instead of a terminal.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Continue (if paused) and write the brief of this earlier review session.
    #[arg(long, value_name = "ID", conflicts_with_all = ["since", "until", "year", "depth"])]
    pub session: Option<String>,
}

/// Arguments of `pi doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to put the copy (default: `backups/` beside the journal).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// List the backups there are.
    #[arg(long, conflicts_with_all = ["dir", "restore"])]
    pub list: bool,

    /// Replace the journal with this backup, after checking it.
    #[arg(long, value_name = "FILE", conflicts_with = "dir")]
    pub restore: Option<PathBuf>,
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
