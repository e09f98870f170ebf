//! Session engines: which prompt comes next, what is saved, how a session pauses and resumes.
//! Written against the [`Prompter`](crate::ui::Prompter) trait; no terminal I/O here.

pub mod brief_choice;
mod choose;
pub mod diff;
pub mod edit;
mod engine;
pub mod review;
mod timeline;
pub mod values;

pub use choose::{choose_depth, choose_mode, suggest_mode};
pub use engine::{Engine, Outcome, Report, plan_steps};
pub use timeline::timeline_text;

/// A failure while running a session.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// The journal refused.
    #[error(transparent)]
    Journal(#[from] crate::journal::JournalError),
    /// Asking failed.
    #[error(transparent)]
    Ui(#[from] crate::ui::UiError),
}
