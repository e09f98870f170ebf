//! A validated pack: what the session engine walks and the journal snapshots.

use crate::domain::{Depth, Language, Mode};
use semver::Version;

/// What a pack is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// The prompts of one or more of the three modes.
    Mode,
    /// Questions about the project or context a reflection is about, asked before the mode's.
    Project,
    /// A self-assessment to compare over the years (e.g. orientations of professionalism).
    Assessment,
    /// The yearly appraisal preparation.
    Review,
    /// The conversation guide for a professional friend who reads what was shared with them:
    /// the questions the friend's side of `pi` asks around the shared answers.
    Friend,
}

impl Purpose {
    /// The identifier used in pack files.
    pub fn id(self) -> &'static str {
        match self {
            Purpose::Mode => "mode",
            Purpose::Project => "project",
            Purpose::Assessment => "assessment",
            Purpose::Review => "review",
            Purpose::Friend => "friend",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "mode" => Some(Purpose::Mode),
            "project" => Some(Purpose::Project),
            "assessment" => Some(Purpose::Assessment),
            "review" => Some(Purpose::Review),
            "friend" => Some(Purpose::Friend),
            _ => None,
        }
    }
}

/// Something `pi` shows before a prompt, drawn from the user's own journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    /// The user's earlier sessions: dates, modes, contexts and statements.
    Timeline,
}

/// What kind of answer a prompt asks for, and what it needs to ask it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// One line.
    ShortText,
    /// Paragraphs; an editor when one is configured.
    LongText,
    /// A whole number between two labelled ends.
    Scale {
        min: i64,
        max: i64,
        min_label: String,
        max_label: String,
    },
    /// One of a few options.
    Choice { options: Vec<String> },
    /// Several short items.
    List,
    /// Short sentences about one's identity that later sessions revisit.
    Statements,
    /// A walk through the current statements: keep, let go, restore or revise each.
    Tidy,
    /// An intention or experiment to look back on later.
    Commitment,
}

impl PromptKind {
    /// The identifier used in pack files and stored with each answer.
    pub fn id(&self) -> &'static str {
        match self {
            PromptKind::ShortText => "short_text",
            PromptKind::LongText => "long_text",
            PromptKind::Scale { .. } => "scale",
            PromptKind::Choice { .. } => "choice",
            PromptKind::List => "list",
            PromptKind::Statements => "statements",
            PromptKind::Tidy => "tidy",
            PromptKind::Commitment => "commitment",
        }
    }

    /// Every kind identifier, for error messages.
    pub const IDS: [&'static str; 8] = [
        "short_text",
        "long_text",
        "scale",
        "choice",
        "list",
        "statements",
        "tidy",
        "commitment",
    ];
}

/// One question with a stable id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// Stable across versions and languages: answers are matched on it over the years.
    pub id: String,
    /// What is asked for.
    pub kind: PromptKind,
    /// The question.
    pub text: String,
    /// Why the question is asked, shown on request.
    pub help: Option<String>,
    /// `Quick` prompts are asked in every session, `Deep` ones only in deep sessions.
    pub depth: Depth,
    /// The id this prompt took over from in an earlier version.
    pub replaces: Option<String>,
    /// What to show before asking.
    pub shows: Option<Shows>,
}

impl Prompt {
    /// Whether a session of `depth` asks this prompt.
    pub fn asked_in(&self, depth: Depth) -> bool {
        depth == Depth::Deep || self.depth == Depth::Quick
    }
}

/// One changelog entry of a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangelogEntry {
    /// The version it describes.
    pub version: Version,
    /// When, as the author wrote it.
    pub date: Option<String>,
    /// What changed.
    pub changes: String,
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackSource {
    /// Compiled into the binary from `prompts/`.
    BuiltIn(String),
    /// A file in the user's pack directory (or named on the command line).
    File(std::path::PathBuf),
    /// Recovered from the journal's snapshot of a version once used.
    Snapshot,
}

impl std::fmt::Display for PackSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackSource::BuiltIn(_) => f.write_str("built-in"),
            PackSource::File(path) => write!(f, "{}", path.display()),
            PackSource::Snapshot => f.write_str("journal snapshot"),
        }
    }
}

/// A validated prompt pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// Shared by the translations of one pack.
    pub id: String,
    /// Semantic version: minor for rewording, major for removed or re-meant prompts.
    pub version: Version,
    /// The language of its prompts.
    pub language: Language,
    /// A title for menus.
    pub title: String,
    /// What the pack is for and which model it leans on.
    pub description: String,
    /// What the pack is used for.
    pub purpose: Purpose,
    /// The modes it serves (purpose `Mode` only).
    pub modes: Vec<Mode>,
    /// Newest first.
    pub changelog: Vec<ChangelogEntry>,
    /// In the order they are asked.
    pub prompts: Vec<Prompt>,
    /// Where it was read from.
    pub source: PackSource,
    /// The exact TOML it was read from: snapshotted in the journal.
    pub text: String,
    /// SHA-256 of `text`, hex: the snapshot's key.
    pub hash: String,
}

impl Pack {
    /// `id@version`, as people name a pack version.
    pub fn label(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The prompt with this id.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// The prompts a session of `depth` asks, in order.
    pub fn prompts_for(&self, depth: Depth) -> impl Iterator<Item = &Prompt> {
        self.prompts.iter().filter(move |p| p.asked_in(depth))
    }
}
