//! The command line: clap types only.

use crate::domain::when::DateSpec;
use crate::domain::{Depth, Language, Mode};
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
10 `pi status --quiet` found something due, 130 interrupted with Ctrl-C (what was answered
is saved).";

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
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output, as `--color` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl From<ColorWhen> for crate::ui::output::ColorChoice {
    fn from(when: ColorWhen) -> Self {
        match when {
            ColorWhen::Auto => Self::Auto,
            ColorWhen::Always => Self::Always,
            ColorWhen::Never => Self::Never,
        }
    }
}

/// `--since` and `--until`: the period a command looks at, the same for every command. A date
/// that does not read is a usage error (exit 2) here, before anything is opened.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct PeriodArgs {
    /// From this date on: YYYY-MM-DD, YYYY-MM, YYYY, or an age such as 30d, 8w, 6m or 2y.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<DateSpec>,

    /// Up to and including this date (the whole day, month or year it names).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<DateSpec>,
}

impl PeriodArgs {
    /// Whether neither end was given.
    pub fn is_empty(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }
}

fn parse_date(text: &str) -> Result<DateSpec, String> {
    text.parse()
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
    /// Correct an answer or re-word a statement; the earlier version is kept beside the new.
    #[command(after_help = "\
Examples:
  pi edit 3fa2 fit                        ask the prompt again, starting from your answer
  pi edit 3fa2                            choose which answer of the session to revise
  pi edit 3fa2 --answers fix.toml         revise from a file (prompt id = new answer)
  pi edit --statement 9c1e                re-word a statement, starting from its wording
  pi edit --statement 9c1e --text \"I stand for clear, kind advice\"

A revision is a new version that points to the one it replaces: `pi show ID` says
\"revised on DATE\" and `pi show ID --history` shows every version. The answers file is TOML
or JSON, as for `pi reflect --answers`. To remove something for good, use `pi forget`.")]
    Edit(EditArgs),
    /// Forget for good: a session, one answer with all its versions, a statement, a
    /// commitment or a friend's comment, gone from the journal file without a trace.
    #[command(after_help = "\
Examples:
  pi forget 3fa2                     a whole session, with what was written in it
  pi forget 3fa2 first-signal        one answer, with all its versions
  pi forget --statement 9c1e         a statement, every wording of it
  pi forget --commitment 4b2a        a commitment, its follow-ups and the answer that set it
  pi forget --reply c3d1             a friend's comment (or every comment of one reply)
  pi forget 3fa2 --yes --purge-backups    without asking; also delete the backups that hold it
  pi forget --purge-backups          delete every backup that still holds anything forgotten

pi says what will go and asks first (--yes in scripts). What is forgotten is removed in one
transaction and overwritten in the file, the write-ahead log is emptied, and only its id and
the date are kept, so no import can bring it back. Backups made before still hold it: pi
names them and offers to delete them. Exports you made earlier are beyond its reach.")]
    Forget(ForgetArgs),
    /// Search everything you wrote: answers, statements, commitments and their follow-ups.
    #[command(after_help = "\
Examples:
  pi search advice                       every entry with the word, newest first
  pi search clear advice                 entries with both words
  pi search 'reorg*' --mode kiezen       words that start with reorg, in kiezen sessions
  pi search cafe --since 2025 --until 2025-06
  pi search advice --json | jq '.[].text'

Accents and case do not matter: `een` also finds `één`, `cafe` finds `Café`.
Quotes, brackets and words like AND are searched as they are, never as syntax.")]
    Search(SearchArgs),
    /// Every answer to one prompt over time, oldest first; a scale also as a small chart.
    #[command(after_help = "\
Examples:
  pi history fit                 how well your work fitted, session after session
  pi history colour --json
  pi history --statements        the life of every statement: kept, let go, revised

A prompt that a newer pack version replaced (`replaces = \"old-id\"`) counts as the same
question: its answers are shown too. `pi packs show PACK` lists a pack's prompt ids.")]
    History(HistoryArgs),
    /// What is due: a reflection, the yearly review, commitments to look back on, a paused session.
    #[command(after_help = "\
Examples:
  pi status
  pi status --json
  pi status --quiet; if [ $? -eq 10 ]; then pi status; fi     (in a shell start-up file)

Quick enough for a shell start-up file; it never creates a journal. Set the cadence in
config.toml:
  review_month = 3           the month of your yearly appraisal (1 to 12)
  remind_after_weeks = 8     suggest a reflection after this many quiet weeks (default 8)
docs/shell.md has a systemd timer and a launchd job that show a desktop notification.

Exit codes: 0 ok; with --quiet 0 means nothing is due and 10 that something is (a
reflection, the review, a commitment to look back on, or a paused session: whatever
`pi status` lists as due); 1 an error in the journal or config.toml. A friend's reply that
arrived in the last two weeks is mentioned too, as news: it does not count as due.")]
    Status(StatusArgs),
    /// Prepare your yearly appraisal: an overview of the period, a few questions, and a brief.
    #[command(after_help = "Examples:
  pi review                              since your last review (or the last 12 months)
  pi review --year 2026 -o brief.md
  pi review --since 2026-01 --answers review.toml
  pi review --format html                one page to print (A4) or save as PDF
  pi review --include scales --exclude 3fa2 --answers review.toml
  pi review --session 3fa2               finish a paused review and write its brief

The overview and the brief draw on the period's evidence: project reflections, statements,
intentions, self-assessments and the answers of your previous review. In a terminal you tick
what goes into the brief; self-assessments (scales) and statements you let go are off until
you choose them. In scripts, --include and --exclude name kinds (projects, answers,
statements, let-go, commitments, scales, earlier) or sessions.

The brief is Markdown or HTML, in your language; an existing file is only replaced with
--force.")]
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
    /// Encrypt the journal with a passphrase (SQLCipher), in place.
    #[command(after_help = "\
Examples:
  pi encrypt                                 choose a passphrase in a terminal (asked twice)
  PI_JOURNAL_PASSPHRASE=... pi encrypt --remove-plain-backups      in a script

A new encrypted copy is written beside the journal, checked, and put in its place in one
step; the plain file is then overwritten and removed. A kill at any moment leaves either the
old journal or the new one, whole. Copies made before (migration backups, `pi backup`
copies, journals kept aside by a restore) stay plain: pi lists them and offers to remove
them. From then on every command asks for the passphrase in a terminal, or reads it from
PI_JOURNAL_PASSPHRASE; backups stay encrypted. Without the passphrase nobody can read the
journal, not even you: keep it somewhere safe. Without a journal yet, makes a new, encrypted
one.")]
    Encrypt(EncryptArgs),
    /// Decrypt the journal: turn it back into a plain SQLite file, in place.
    #[command(after_help = "\
Examples:
  pi decrypt
  PI_JOURNAL_PASSPHRASE=... pi decrypt

The same safe swap as `pi encrypt`. Backups made while the journal was encrypted stay
encrypted and open with the same passphrase.")]
    Decrypt(DecryptArgs),
    /// Your statements: short sentences about who you are in your work.
    #[command(after_help = "Examples:
  pi statements
  pi statements --all      (also the ones let go or revised, with history)")]
    Statements(StatementsArgs),
    /// Your commitments: intentions to look back on, and what became of them.
    #[command(after_help = "Examples:\n  pi commitments\n  pi commitments --open")]
    Commitments(CommitmentsArgs),
    /// Compare two sessions: how your answers and statements changed between them.
    #[command(after_help = "\
Examples:
  pi diff                              the two latest finished sessions of one mode
  pi diff 3fa2 81c0                    two sessions you name (an id prefix is enough)
  pi diff --mode kiezen                the two latest finished kiezen sessions
  pi diff --since 2025 --mode kiezen   the first and the last kiezen session since 2025
  pi diff --format md > changes.md
  pi diff --format json | jq '.prompts[] | select(.status == \"changed\")'

Answers are matched by prompt, also when a newer pack version replaced the prompt.
Text shows removed words as [-old-] and added ones as {+new+} (red and green in a terminal).

JSON (format 1; fields are only ever added):
  {format, older, newer, summary: {changed, unchanged, only_older, only_newer},
   prompts: [{pack, prompt, older_prompt, kind, text, status, older, newer, change}],
   statements: [{event, at, session_id, statement_id, text, new_text, words}]}
  older/newer: sessions as `pi list --json` shows them; answers as in `pi show --json`
  status: changed, unchanged, only_older or only_newer
  change: {type: \"text\", words: [{op: equal|delete|insert, text}]},
          {type: \"scale\", from, to, delta}, {type: \"choice\", from, to},
          {type: \"items\", added, removed, kept}, or null")]
    Diff(DiffArgs),
    /// Export a chosen part of your journal to share: Markdown, a printable HTML page, or JSON
    /// for another pi.
    #[command(after_help = "\
Examples:
  pi export                                  choose sessions in a terminal; Markdown to stdout
  pi export 3fa2 81c0 -o for-anna.md         two sessions (id prefixes), to a file
  pi export --since 2026 --mode kiezen --format html -o kiezen-2026.html
  pi export --context \"intake\" --statements --commitments --format json -o intake.json
  pi export 3fa2 --exclude-prompt pitfalls -o - | less
  PI_PASSPHRASE=... pi export --since 2025 --format json --encrypt -o share.json.age
  pi export --since 1900 --format json --forgotten -o mine.json    for your other computer
  pi export --since 2026 --statements --commitments --for-friend -o for-sam.html
  pi export 3fa2 --ask \"Do you recognise me in this?\" -o for-sam.html

--for-friend (or --ask) makes a page a professional friend replies in with nothing but a
browser: a comment box under every answer, statement and intention, the conversation guide at
the end, and a button that saves the reply as a file; `pi import` attaches it. The page runs
one script of pi's own and loads and sends nothing. With --format json it is an export for a
friend who uses pi (`pi friend open`).

Criteria combine: a session is exported when it matches all of them. Without any, pi asks
in a terminal and refuses otherwise: it never exports everything by accident. Markdown goes
to stdout unless -o names a file; html and json need -o FILE (or -o - for stdout). A file is
written completely or not at all, and only replaced with --force: a regular file, never the
journal, its backups, friends.db or the config; a device or pipe (/dev/stdout) is written into.
--encrypt protects the file with a passphrase of at least 8 characters (age, scrypt, ASCII
armor), asked twice in a terminal or read from PI_PASSPHRASE; `age -d` or `pi import` opens it.")]
    Export(ExportArgs),
    /// Import: merge a pi export from another computer, attach a professional friend's reply,
    /// or bring in a history from jrnl or Day One.
    #[command(after_help = "\
Examples:
  pi import laptop.json --mine               merge an export of your own journal
  pi import share.json.age                   an encrypted export (PI_PASSPHRASE, or asked)
  pi import reply-from-anna.json             attach a friend's comments to your answers
  pi import --from jrnl jrnl.json            entries of `jrnl --export json`
  pi import --from dayone Journal.json       entries of a Day One JSON export

Records are merged by id: new ones are added, known ones skipped, so importing a file twice
changes nothing. A known answer with other content is kept as a new revision; a statement or
commitment that differs is reported and left as it is. The whole file is one transaction: a
problem anywhere adds nothing. See docs/export-format.md, \"Importing\".")]
    Import(ImportArgs),
    /// Read what a professional friend shared with you, comment on it, and send a reply.
    #[command(after_help = "\
Examples:
  pi friend open anna.json --name Sam        read Anna's export and comment in a terminal
  pi friend open anna.json --name Sam --comments notes.toml
  pi friend list                             what you received, with your comment counts
  pi friend reply 3fa2 -o reply-for-anna.json
  pi friend remove 3fa2

What friends share stays apart from your own journal, in friends.db beside it.")]
    Friend(FriendArgs),
    /// Prompt packs, the sets of questions pi asks: list, read, compare, check and start them.
    #[command(after_help = "\
Examples:
  pi packs list                                  every pack, and which version is in force
  pi packs show verkennen                        the questions of the explore pack
  pi packs diff verkennen@1.0.0 verkennen@2.0.0  what changed between two versions
  pi packs new my-team                           start a pack of your own
  pi packs validate my-team.en.toml              check a pack file, listing every problem")]
    Packs(PacksArgs),
    /// Print a completion script for your shell: commands, options, and the ids of your
    /// sessions, prompts and packs.
    #[command(after_help = "\
Examples:
  source <(pi completions bash)                 in ~/.bashrc
  source <(pi completions zsh)                  in ~/.zshrc, after compinit
  pi completions fish | source                  in ~/.config/fish/config.fish
  pi completions powershell | Out-String | Invoke-Expression      in $PROFILE

Session ids, prompt ids and pack ids complete from your journal, with a short description
where the shell shows one (zsh, fish, PowerShell). The script asks pi itself at every Tab,
so load it from the start-up file as above rather than saving a copy: it then keeps up when
pi is upgraded. Completing only reads the journal; it never creates or changes one.")]
    Completions(CompletionsArgs),
    /// Print the manual page of pi or of one of its commands (roff), or write them all into a
    /// folder.
    #[command(after_help = "\
Examples:
  pi man | man -l -                             read pi's page
  pi man status | man -l -                      the page of one command
  pi man packs list > pi-packs-list.1
  pi man --dir ~/.local/share/man/man1          every page, for `man pi` and `man pi-status`

With --dir, one page per command (pi.1, pi-reflect.1, pi-packs-list.1, ...). Pages an earlier
`pi man` wrote are replaced; any other file is left alone unless --force is given.")]
    Man(ManArgs),
}

/// The shells `pi completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    /// Bash 4.4 or newer (older ones work, without keeping pi's order).
    Bash,
    /// Zsh, with compinit loaded.
    Zsh,
    /// Fish 3 or newer.
    Fish,
    /// PowerShell 5 or newer (pwsh).
    #[value(alias = "pwsh")]
    Powershell,
}

/// Arguments of `pi completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish or powershell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// Arguments of `pi man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `status` or `packs list` (default: pi itself).
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page into this folder (made when missing) instead of printing one.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,

    /// Also replace files in DIR that pi did not write.
    #[arg(long, requires = "dir")]
    pub force: bool,
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
    /// The period to review (default: since your last review, or the last 12 months).
    #[command(flatten)]
    pub period: PeriodArgs,

    /// Review one calendar year.
    #[arg(long, value_name = "YYYY", conflicts_with_all = ["since", "until"])]
    pub year: Option<i32>,

    /// Where to write the brief (default: jaargesprek-DATE.md or appraisal-brief-DATE.md
    /// here, in your language; `-` for stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// md (Markdown) or html (one page that prints on A4).
    #[arg(long, value_enum, default_value_t = BriefFormat::Md, value_name = "FORMAT")]
    pub format: BriefFormat,

    /// Put this in the brief: a kind (projects, answers, statements, let-go, commitments,
    /// scales, earlier), or a session id (then only evidence from the sessions named).
    /// Repeatable.
    #[arg(long, value_name = "KIND|ID")]
    pub include: Vec<String>,

    /// Leave this out of the brief: a kind, or a session id (everything from that session).
    /// Repeatable.
    #[arg(long, value_name = "KIND|ID")]
    pub exclude: Vec<String>,

    /// Replace the brief if the file exists (a regular file; never the journal or its copies).
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

/// The formats of the appraisal brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BriefFormat {
    /// CommonMark.
    Md,
    /// One self-contained HTML page that prints on A4.
    Html,
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

/// Arguments of `pi encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Remove the plaintext copies of the journal (overwritten first) without asking: backups
    /// taken before migrations, `pi backup` copies in the default folder, restore copies.
    #[arg(long)]
    pub remove_plain_backups: bool,
}

/// Arguments of `pi decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {}

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

/// Arguments of `pi diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first session to compare (an id prefix); needs a second.
    #[arg(value_name = "ID", requires = "second", conflicts_with_all = ["since", "until"])]
    pub first: Option<String>,

    /// The second session; the two are shown older first, whatever the order given.
    #[arg(value_name = "ID")]
    pub second: Option<String>,

    /// Compare the first and the last finished session of this period.
    #[command(flatten)]
    pub period: PeriodArgs,

    /// The mode whose sessions to compare (default: the mode of the latest session).
    #[arg(long, value_parser = parse_mode, conflicts_with = "first")]
    pub mode: Option<Mode>,

    /// How to print: text, md (Markdown) or json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text, value_name = "FORMAT")]
    pub format: DiffFormat,
}

/// The output formats of `pi diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For reading in a terminal; coloured when it is one.
    Text,
    /// CommonMark, a heading per prompt.
    Md,
    /// A stable structure for other programs (described at the end of `pi diff --help`).
    Json,
}

/// Arguments of `pi export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Sessions to export, by id or the start of one (as `pi list` shows them).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    /// md (readable anywhere), html (one page that prints well) or json (for another pi).
    /// Default: md, or html for a friend.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ExportFormat>,

    /// For a professional friend: an HTML page carries a comment box under every answer,
    /// statement and intention, the conversation guide, and a button that saves the reply as
    /// a file for `pi import`; nothing but a browser is needed.
    #[arg(long)]
    pub for_friend: bool,

    /// Your own question for the friend, shown first (implies --for-friend).
    #[arg(long, value_name = "QUESTION")]
    pub ask: Option<String>,

    /// Only sessions started in this period.
    #[command(flatten)]
    pub period: PeriodArgs,

    /// Only sessions of this mode: verkennen, onderhouden, kiezen, or review (repeatable).
    #[arg(long, value_name = "MODE")]
    pub mode: Vec<String>,

    /// Only sessions whose context contains TEXT, ignoring upper and lower case.
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,

    /// Also export the statements these sessions wrote, kept, let go, restored or revised,
    /// each with its whole history (and the earlier wordings it replaced).
    #[arg(long)]
    pub statements: bool,

    /// Also export the commitments these sessions set or followed up, with every follow-up.
    #[arg(long)]
    pub commitments: bool,

    /// Leave out every answer to this prompt (its id, as `pi packs show` lists them;
    /// repeatable).
    #[arg(long, value_name = "PROMPT_ID")]
    pub exclude_prompt: Vec<String>,

    /// Where to write: a file, or `-` for stdout (default: stdout for md; required for html
    /// and json).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the output file if it exists (a regular file; never the journal or its copies).
    #[arg(long)]
    pub force: bool,

    /// Protect the export with a passphrase (asked twice, or read from PI_PASSPHRASE).
    #[arg(long)]
    pub encrypt: bool,

    /// With --format json: also carry what you forgot with `pi forget` (ids and dates, never
    /// content), so your own journal on another computer forgets it too when it imports the
    /// file. Never for a professional friend: their pi refuses such a file.
    #[arg(long)]
    pub forgotten: bool,
}

impl ExportArgs {
    /// Whether the export is for a friend to reply to (`--for-friend` or `--ask`).
    pub fn for_friend(&self) -> bool {
        self.for_friend || self.ask.is_some()
    }

    /// The format: as given, else html for a friend and md otherwise.
    pub fn format(&self) -> ExportFormat {
        self.format.unwrap_or(if self.for_friend() {
            ExportFormat::Html
        } else {
            ExportFormat::Md
        })
    }
}

/// Arguments of `pi import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A pi export (plain or encrypted), a friend's reply, or with --from another tool's export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Read FILE as another tool's JSON export: jrnl or dayone.
    #[arg(long, value_enum, value_name = "TOOL")]
    pub from: Option<ImportSource>,

    /// FILE is an export of your own journal on another computer: merge it, and remember
    /// that journal as yours. Without it, pi asks in a terminal (and refuses elsewhere)
    /// before merging an export of a journal it has not merged with before.
    #[arg(long, conflicts_with = "from")]
    pub mine: bool,
}

/// The tools `pi import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportSource {
    /// `jrnl --export json`.
    Jrnl,
    /// Day One's JSON export (Journal.json).
    Dayone,
}

/// Arguments of `pi friend`.
#[derive(Debug, Args)]
pub struct FriendArgs {
    /// Where received exports and your comments are kept (default: friends.db beside the
    /// journal).
    #[arg(long, global = true, env = "PI_FRIENDS", value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: FriendCommand,
}

/// The subcommands of `pi friend`.
#[derive(Debug, Subcommand)]
pub enum FriendCommand {
    /// Read an export a friend shared, session by session, commenting where you like.
    #[command(after_help = "\
Examples:
  pi friend open anna.json --name Sam
  pi friend open anna.json --name Sam --comments notes.toml   (no terminal needed)

In a terminal you read each session and may write a comment or question under every answer,
statement and intention, then answer the conversation guide (and your colleague's own
question). Each comment is kept the moment you type it; Enter goes on, q stops. Opening the
same file again shows what you wrote, to keep (Enter), replace (a new text) or remove (-).

A comments file is TOML or JSON: the start of an answer's, statement's or commitment's id = a
comment (or a list of them).")]
    Open(FriendOpenArgs),
    /// Write your comments on a received export as a reply file for its owner.
    #[command(after_help = "\
Examples:
  pi friend reply 3fa2 -o reply-for-anna.json
  pi friend reply 3fa2 -o reply-for-anna.json --force     (replace the file)
  pi friend reply 3fa2 -o reply-for-anna.json.age --encrypt

A reply to an encrypted export is encrypted with the same passphrase (PI_PASSPHRASE, or
asked); pi checks that it is the same one.")]
    Reply(FriendReplyArgs),
    /// List the exports you received, with how many comments you wrote on each.
    #[command(after_help = "Examples:\n  pi friend list\n  pi friend list --json")]
    List(FriendListArgs),
    /// Forget a received export and your comments on it.
    #[command(after_help = "Examples:\n  pi friend remove 3fa2")]
    Remove(FriendRemoveArgs),
}

/// Arguments of `pi friend open`.
#[derive(Debug, Args)]
pub struct FriendOpenArgs {
    /// The export your friend sent you (plain or encrypted).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Your name, as your friend will see it under your comments (asked when left out).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Add comments from a file (TOML or JSON: id prefix = comment) instead of a terminal.
    #[arg(long, value_name = "FILE")]
    pub comments: Option<PathBuf>,
}

/// Arguments of `pi friend reply`.
#[derive(Debug, Args)]
pub struct FriendReplyArgs {
    /// The received export (the start of its id, as `pi friend list` shows it).
    pub id: String,

    /// The reply file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Replace the file if it exists (a regular file; never the journal, friends.db or copies).
    #[arg(long)]
    pub force: bool,

    /// Protect the reply with a passphrase (asked twice, or PI_PASSPHRASE). A reply to an
    /// encrypted export is always encrypted, with the export's own passphrase.
    #[arg(long)]
    pub encrypt: bool,
}

/// Arguments of `pi friend list`.
#[derive(Debug, Args)]
pub struct FriendListArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi friend remove`.
#[derive(Debug, Args)]
pub struct FriendRemoveArgs {
    /// The received export (the start of its id).
    pub id: String,
}

/// The formats of `pi export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// CommonMark: a section per session, a heading per question.
    Md,
    /// One self-contained HTML page with charts of your scales; prints well to PDF.
    Html,
    /// Every record with its history, for `pi import` (see docs/export-format.md).
    Json,
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

    /// Show at most this many sessions (the table shows the latest 50 unless told otherwise).
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,

    /// Show every session in the table, however many there are.
    #[arg(long)]
    pub all: bool,

    /// Only sessions that were starred (entries imported from jrnl or Day One with a star).
    #[arg(long)]
    pub starred: bool,
}

/// Arguments of `pi search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to find; an entry must hold all of them. End a word with * to find the words
    /// that start with it.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    /// Only entries of sessions in this mode: verkennen, onderhouden or kiezen.
    #[arg(long, value_parser = parse_mode)]
    pub mode: Option<Mode>,

    /// Only entries of sessions in this period.
    #[command(flatten)]
    pub period: PeriodArgs,

    /// Show at most this many entries, the newest.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 50,
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
    )]
    pub limit: usize,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Only entries of starred sessions (imported from jrnl or Day One with a star).
    #[arg(long)]
    pub starred: bool,
}

/// Arguments of `pi history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The prompt's id, e.g. `fit` (`pi packs show PACK` lists them).
    #[arg(value_name = "PROMPT_ID", required_unless_present = "statements")]
    pub prompt: Option<String>,

    /// Instead of one prompt: every statement, each wording with what happened to it.
    #[arg(long, conflicts_with = "prompt")]
    pub statements: bool,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// Print nothing; exit 0 when nothing is due and 10 when something is.
    #[arg(long, short, conflicts_with = "json")]
    pub quiet: bool,
}

/// Arguments of `pi show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The session's id, or enough of its start to be unambiguous.
    pub id: String,

    /// Also show every earlier version of a revised answer or statement, with its date.
    #[arg(long)]
    pub history: bool,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pi edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The session whose answer to revise (an id prefix, as `pi list` shows it).
    #[arg(
        value_name = "SESSION",
        required_unless_present = "statement",
        conflicts_with = "statement"
    )]
    pub session: Option<String>,

    /// The prompt whose answer to revise (its id, as `pi show SESSION --json` lists them;
    /// PACK/PROMPT when two packs of the session ask the same id). Asked when left out.
    #[arg(value_name = "PROMPT")]
    pub prompt: Option<String>,

    /// Revise from a file (TOML or JSON: prompt id = new answer; `-` for stdin) instead of
    /// a terminal.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Re-word a statement instead (an id prefix, as `pi statements --all` shows it).
    #[arg(long, value_name = "ID", conflicts_with = "answers")]
    pub statement: Option<String>,

    /// The statement's new wording (without it, asked in a terminal).
    #[arg(long, value_name = "TEXT", requires = "statement")]
    pub text: Option<String>,
}

/// Arguments of `pi forget`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("what")
        .args(["session", "statement", "commitment", "reply", "purge_backups"])
        .required(true)
        .multiple(true)
))]
pub struct ForgetArgs {
    /// The session to forget, or whose answer to forget (an id prefix, as `pi list` shows it).
    #[arg(value_name = "SESSION")]
    pub session: Option<String>,

    /// Forget only the answer to this prompt, with all its versions (PACK/PROMPT when two
    /// packs of the session ask the same id).
    #[arg(value_name = "PROMPT", requires = "session")]
    pub prompt: Option<String>,

    /// Forget a statement, every wording of it (an id prefix, as `pi statements --all` shows).
    #[arg(long, value_name = "ID", conflicts_with_all = ["session", "commitment", "reply"])]
    pub statement: Option<String>,

    /// Forget a commitment with its follow-ups (an id prefix, as `pi commitments` shows it).
    #[arg(long, value_name = "ID", conflicts_with_all = ["session", "reply"])]
    pub commitment: Option<String>,

    /// Forget a friend's comment (the start of its id, as `pi show SESSION --json` lists
    /// it), or every comment of the replies to one export (the start of the export's id, as
    /// `pi import` named it).
    #[arg(long, value_name = "ID", conflicts_with = "session")]
    pub reply: Option<String>,

    /// Forget without asking (for scripts).
    #[arg(long, short)]
    pub yes: bool,

    /// Also delete the backups pi knows of that still hold what is forgotten; on its own,
    /// delete every backup that holds anything forgotten earlier.
    #[arg(long)]
    pub purge_backups: bool,
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
