//! The `pi` JSON export format, version 1: everything needed to rebuild a selection of a
//! journal in another journal, records keyed by UUID so imports merge by union.
//! Documented for people in `docs/export-format.md`; change it only with a new version.

use crate::domain::AnswerValue;
use serde::{Deserialize, Serialize};

/// The `format` field of an export.
pub const EXPORT_FORMAT: &str = "pi-export";
/// The `format` field of a friend's reply.
pub const REPLY_FORMAT: &str = "pi-reply";
/// The export version this `pi` writes and the newest it reads. Version 2 added the
/// journal's identity to the header and the star of a session; version 3 the owner's own
/// question for a friend (`ask`). Older versions are still read.
pub const FORMAT_VERSION: u32 = 3;
/// The reply version this `pi` writes and the newest it reads. Version 2 added comments on
/// commitments and the friend's answers to the conversation guide (`guide`); version 1 is
/// still read.
pub const REPLY_VERSION: u32 = 2;

/// The first fields of every export, read before anything else so a future version is
/// refused before its body is parsed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] when written by this `pi`.
    pub version: u32,
    /// A UUID of this export: a friend's reply names it.
    pub export_id: String,
    /// When it was written (RFC 3339).
    pub exported_at: String,
    /// The `pi` version that wrote it.
    pub pi_version: String,
    /// The id of the journal it was exported from (version 2): an import into another
    /// journal asks whether that journal is the person's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_id: Option<String>,
    /// The name of the device that journal lives on, as a reminder for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_name: Option<String>,
    /// The owner's own question for the friend who reads it (version 3), shown first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<String>,
}

/// A pack version used by an exported session.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PackSnapshot {
    pub hash: String,
    pub pack_id: String,
    pub version: String,
    pub language: String,
    pub toml: String,
}

/// One answer revision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub pack_id: String,
    pub pack_version: String,
    pub prompt_id: String,
    pub prompt_kind: String,
    pub prompt_text: String,
    /// `null` when the prompt was skipped.
    pub value: Option<AnswerValue>,
    pub replaces: Option<String>,
    pub created_at: String,
}

/// One session with every answer revision in it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    /// reflect, review, or journal (imported from another tool).
    pub kind: String,
    pub mode: Option<String>,
    pub pack_id: String,
    pub pack_version: String,
    pub context: String,
    pub language: String,
    pub depth: String,
    pub prompt_count: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    /// Starred in the tool it came from (version 2; absent when not starred).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    /// Snapshot hashes of the packs it walks, in order.
    pub packs: Vec<String>,
    pub answers: Vec<Answer>,
}

/// One event in a statement's life.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StatementEvent {
    pub id: String,
    /// written, kept, let_go, restored or revised.
    pub event: String,
    pub session_id: Option<String>,
    pub created_at: String,
}

/// One statement wording with its events.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    pub text: String,
    pub session_id: Option<String>,
    pub replaces: Option<String>,
    pub created_at: String,
    pub events: Vec<StatementEvent>,
}

/// One follow-up of a commitment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CommitmentEvent {
    pub id: String,
    /// open, done or dropped.
    pub status: String,
    pub note: Option<String>,
    pub session_id: Option<String>,
    pub created_at: String,
}

/// One commitment with its follow-ups.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: String,
    pub session_id: Option<String>,
    pub text: String,
    /// YYYY-MM-DD.
    pub look_back: Option<String>,
    pub created_at: String,
    pub events: Vec<CommitmentEvent>,
}

/// A whole export in memory (tests and small files; large ones are streamed record by
/// record in the same shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Export {
    #[serde(flatten)]
    pub header: Header,
    pub pack_snapshots: Vec<PackSnapshot>,
    pub sessions: Vec<Session>,
    pub statements: Vec<Statement>,
    pub commitments: Vec<Commitment>,
}

/// A friend's comment or question under one answer, statement or commitment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// UUID of the comment.
    pub id: String,
    /// `answer`, `statement` or `commitment` (version 2).
    pub target_kind: String,
    /// The UUID of the answer revision, statement or commitment it is about.
    pub target_id: String,
    pub text: String,
    pub created_at: String,
}

/// A friend's answer to a question of the conversation guide, or to the owner's own question:
/// about the whole export rather than one record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GuideAnswer {
    /// UUID of the answer.
    pub id: String,
    /// The guide prompt's id (`recognise`, `colour`, …), or `ask` for the owner's question.
    pub prompt_id: String,
    /// The question as the friend read it.
    pub question: String,
    pub text: String,
    pub created_at: String,
}

/// The `prompt_id` of a friend's answer to the owner's own question.
pub const ASK_PROMPT: &str = "ask";

/// What `pi friend reply` (or the page of an export made for a friend) writes and the
/// owner's `pi import` attaches.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// Always [`REPLY_FORMAT`].
    pub format: String,
    pub version: u32,
    /// The export it answers.
    pub export_id: String,
    /// The friend's name as they gave it.
    pub friend: String,
    pub written_at: String,
    pub comments: Vec<Comment>,
    /// Answers to the conversation guide and the owner's question (version 2).
    #[serde(default)]
    pub guide: Vec<GuideAnswer>,
}
