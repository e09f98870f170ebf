//! The `pi` JSON export format, version 1: everything needed to rebuild a selection of a
//! journal in another journal, records keyed by UUID so imports merge by union.
//! Documented for people in `docs/export-format.md`; change it only with a new version.

use crate::domain::AnswerValue;
use serde::{Deserialize, Serialize};

/// The `format` field of an export.
pub const EXPORT_FORMAT: &str = "pi-export";
/// The `format` field of a friend's reply.
pub const REPLY_FORMAT: &str = "pi-reply";
/// The newest export version this `pi` reads, and the one it writes when an export carries
/// what its journal forgot (`pi export --forgotten`) or the owner's own question for a friend
/// (`ask`). Version 2 added the journal's identity to the header and the star of a session;
/// version 3 the `forgotten` list and `ask`. Older versions are still read.
pub const FORMAT_VERSION: u32 = 3;
/// The version of an export that carries neither: version 3 adds nothing else, so such a
/// file stays readable by a `pi` that knows version 2.
pub const PLAIN_VERSION: u32 = 2;
/// The first version with the `forgotten` list and `ask`.
pub const FORGOTTEN_VERSION: u32 = 3;
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

/// One answer revision. Its value is parsed (`V` = [`AnswerValue`], as files are read and
/// the formats for people need it) or, as a JSON export writes it, the journal's stored JSON
/// passed through unchanged ([`StoredValue`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Answer<V = AnswerValue> {
    pub id: String,
    pub pack_id: String,
    pub pack_version: String,
    pub prompt_id: String,
    pub prompt_kind: String,
    pub prompt_text: String,
    /// `null` when the prompt was skipped.
    pub value: Option<V>,
    pub replaces: Option<String>,
    pub created_at: String,
}

/// An answer value as the journal stores it (JSON text, checked to be an [`AnswerValue`]),
/// written into a JSON export as it is: parsing each value only to format it again cost
/// a fifth of an export's time.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct StoredValue(Box<serde_json::value::RawValue>);

impl StoredValue {
    /// Takes the `value` column's text after checking that it is an answer value (without
    /// building one); the message says what is wrong when it is not.
    /// C1 controls and bidi overrides inside its strings become `\uXXXX` escapes (the same
    /// data; raw JSON bypasses the export's escaping writer), so an export sent to a terminal
    /// cannot be steered by an answer.
    pub fn new(json: String) -> Result<Self, String> {
        serde_json::from_str::<shape::Value>(&json).map_err(|e| e.to_string())?;
        let json = match crate::domain::untrusted::json_escaped(&json) {
            std::borrow::Cow::Borrowed(_) => json,
            std::borrow::Cow::Owned(escaped) => escaped,
        };
        serde_json::value::RawValue::from_string(json)
            .map(Self)
            .map_err(|e| e.to_string())
    }

    /// The value, parsed (for the formats people read).
    pub fn parse(&self) -> Result<AnswerValue, serde_json::Error> {
        AnswerValue::from_json(self.0.get())
    }

    /// The stored JSON.
    pub fn json(&self) -> &str {
        self.0.get()
    }
}

/// The shape of an [`AnswerValue`] in JSON, read without keeping anything.
mod shape {
    use serde::Deserialize;
    use serde::de::{Deserializer, Visitor};

    /// `{"text": ".."}`, `{"number": n}` or `{"items": [".."]}`.
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub(super) enum Value {
        Text(#[allow(dead_code)] Text),
        Number(#[allow(dead_code)] i64),
        Items(#[allow(dead_code)] Vec<Text>),
    }

    /// Any string, not kept.
    pub(super) struct Text;

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Any;
            impl Visitor<'_> for Any {
                type Value = Text;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a string")
                }
                fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Text, E> {
                    Ok(Text)
                }
            }
            d.deserialize_str(Any)
        }
    }
}

/// One session with every answer revision in it (see [`Answer`] for `V`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Session<V = AnswerValue> {
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
    pub answers: Vec<Answer<V>>,
}

impl Session<StoredValue> {
    /// The same session with its answer values parsed.
    pub fn parsed(self) -> Result<Session, serde_json::Error> {
        let answers = self
            .answers
            .into_iter()
            .map(|a| {
                Ok(Answer {
                    value: a.value.as_ref().map(StoredValue::parse).transpose()?,
                    id: a.id,
                    pack_id: a.pack_id,
                    pack_version: a.pack_version,
                    prompt_id: a.prompt_id,
                    prompt_kind: a.prompt_kind,
                    prompt_text: a.prompt_text,
                    replaces: a.replaces,
                    created_at: a.created_at,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Session {
            id: self.id,
            kind: self.kind,
            mode: self.mode,
            pack_id: self.pack_id,
            pack_version: self.pack_version,
            context: self.context,
            language: self.language,
            depth: self.depth,
            prompt_count: self.prompt_count,
            started_at: self.started_at,
            finished_at: self.finished_at,
            status: self.status,
            starred: self.starred,
            packs: self.packs,
            answers,
        })
    }
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

/// Something the exporting journal forgot (`pi forget`): what kind of record, its id, and
/// when; never any of its content (version 3, `pi export --forgotten`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    /// session, answer, answer_part, statement, statement_event, commitment,
    /// commitment_event or comment.
    pub kind: String,
    pub id: String,
    pub forgotten_at: String,
}

/// The kinds a tombstone may name.
pub const TOMBSTONE_KINDS: [&str; 8] = [
    "session",
    "answer",
    "answer_part",
    "statement",
    "statement_event",
    "commitment",
    "commitment_event",
    "comment",
];

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
    /// What the exporting journal forgot (version 3; absent when the export carries none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forgotten: Vec<Tombstone>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_pass_through_unchanged_and_only_answer_values_are_taken() {
        for json in [
            r#"{"text":"Één \"advies\"\nmeer"}"#,
            r#"{"number":4}"#,
            r#"{"items":["a","b"]}"#,
            r#"{"items":[]}"#,
        ] {
            let stored = StoredValue::new(json.to_string()).unwrap();
            assert_eq!(stored.json(), json);
            assert_eq!(serde_json::to_string(&stored).unwrap(), json);
            assert_eq!(
                stored.parse().unwrap(),
                AnswerValue::from_json(json).unwrap()
            );
        }
        for bad in [
            "",
            "{",
            r#"{"text":5}"#,
            r#"{"number":"4"}"#,
            r#"{"number":4.5}"#,
            r#"{"items":[1]}"#,
            r#"{"colour":"red"}"#,
            r#"{"text":"a","number":1}"#,
            r#"{"text":"a"} x"#,
            r#""just text""#,
        ] {
            assert!(StoredValue::new(bad.to_string()).is_err(), "{bad}");
            assert!(AnswerValue::from_json(bad).is_err(), "{bad}");
        }
    }
}
