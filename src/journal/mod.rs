//! The journal: one SQLite file of sessions, answers, pack snapshots, statements and
//! commitments. Append-mostly: answers are never overwritten; records carry UUIDs.
//!
//! This layer never reads `$HOME` or the terminal: it is handed a path and a clock.

pub mod access;
mod answers;
pub mod cipher;
mod comments;
mod commitments;
pub mod convert;
mod due;
mod error;
mod export;
mod export_records;
mod forget;
mod forget_run;
mod friend_store;
mod history;
mod identity;
mod import;
mod import_answers;
mod import_forgotten;
mod import_records;
pub mod maintenance;
mod migrations;
mod open;
mod peek;
mod replies;
mod search;
mod sessions;
mod snapshots;
mod statements;

pub use answers::{AnswerExtra, AnswerRecord, NewAnswer};
pub use comments::{FriendComment, PromptComments};
pub use commitments::{CommitmentDraft, CommitmentEvent, CommitmentRecord, CommitmentStatus};
pub use due::{DueCommitment, LatestSession};
pub use error::JournalError;
pub use export::{ExportQuery, ExportSelection, ModeMatch};
pub use forget::{ForgetPlan, ForgetTarget};
pub use forget_run::{ForgetHistory, Forgotten};
pub use friend_store::{FriendStore, Received, ReceivedSummary};
pub use history::PromptAnswer;
pub use identity::{AnswerOrigin, JournalIdentity, SharedKind, SharedRecords};
pub use import::{ImportOrigin, ImportSummary, Importer, Tally};
pub use migrations::LATEST_VERSION;
pub use open::{Journal, OpenMode};
pub use peek::{PackGlance, Peek, PromptGlance, SessionGlance, SessionScope};
pub use replies::{ArrivedReply, FriendAnswer};
pub use search::{HitKind, SearchHit, SearchQuery, SearchResults, match_expression};
pub use sessions::{NewSession, SessionKind, SessionRecord, SessionStatus};
pub use statements::{
    StatementEvent, StatementEventKind, StatementRecord, StatementState, TidyDecision,
};
