//! The journal: one SQLite file of sessions, answers, pack snapshots, statements and
//! commitments. Append-mostly: answers are never overwritten; records carry UUIDs.
//!
//! This layer never reads `$HOME` or the terminal: it is handed a path and a clock.

mod answers;
mod commitments;
mod error;
pub mod maintenance;
mod migrations;
mod open;
mod sessions;
mod snapshots;
mod statements;

pub use answers::{AnswerExtra, AnswerRecord, NewAnswer};
pub use commitments::{CommitmentDraft, CommitmentEvent, CommitmentRecord, CommitmentStatus};
pub use error::JournalError;
pub use migrations::LATEST_VERSION;
pub use open::{Journal, OpenMode};
pub use sessions::{NewSession, SessionKind, SessionRecord, SessionStatus};
pub use statements::{
    StatementEvent, StatementEventKind, StatementRecord, StatementState, TidyDecision,
};
