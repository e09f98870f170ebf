//! The seam between the session engine and a person: the [`Prompter`] trait, with a terminal
//! implementation (dialoguer) for people and a scripted one (an answers file) for automation.

pub mod confirm;
pub mod editor;
pub mod interrupts;
pub mod output;
pub mod passphrase;
pub mod pick;
pub mod scripted;
pub mod table;
pub mod term;

use crate::domain::AnswerValue;
use crate::journal::{
    CommitmentDraft, CommitmentRecord, CommitmentStatus, StatementRecord, TidyDecision,
};
use crate::packs::Prompt;

/// A failure to ask.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    /// The user pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// Something needed a person but there is no terminal.
    #[error("{0}")]
    NoTerminal(String),
    /// The answers file cannot answer what was asked, or answers it wrongly.
    #[error("{0}")]
    Script(String),
    /// Reading or writing the terminal failed.
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
}

/// What the person did at a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<T> {
    /// Gave an answer.
    Value(T),
    /// Chose to skip it.
    Skip,
    /// Chose to stop here and continue another time.
    Pause,
}

/// A pack prompt as it is put to the person.
#[derive(Debug)]
pub struct PromptAsk<'a> {
    /// The prompt.
    pub prompt: &'a Prompt,
    /// Its 1-based place in the session.
    pub position: usize,
    /// How many prompts the session asks.
    pub total: usize,
}

/// A statement as it is put to the person in the tidy walk.
#[derive(Debug)]
pub struct TidyAsk<'a> {
    /// The statement.
    pub statement: &'a StatementRecord,
    /// Whether it was let go earlier (so it can be restored rather than kept or let go).
    pub let_go: bool,
    /// Its 1-based place in the walk.
    pub position: usize,
    /// How many statements the walk visits.
    pub total: usize,
}

/// What the engine may ask. The engine never touches the terminal itself; this is the only way
/// it reaches a person, which is what lets every flow run from a file in tests.
pub trait Prompter {
    /// Whether a person is answering (menus and suggestions only make sense then).
    fn is_interactive(&self) -> bool;

    /// Shows a piece of text (an introduction, a timeline, a summary).
    fn show(&mut self, text: &str) -> Result<(), UiError>;

    /// Asks one line of free text; an empty answer is allowed.
    fn ask_line(&mut self, question: &str) -> Result<String, UiError>;

    /// Asks to pick one of `options`; returns its index.
    fn choose(
        &mut self,
        question: &str,
        options: &[String],
        default: usize,
    ) -> Result<usize, UiError>;

    /// Asks a pack prompt of the kinds that yield a value (text, scale, choice, list, statements).
    fn ask_prompt(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<AnswerValue>, UiError>;

    /// Asks for a commitment (a commitment prompt).
    fn ask_commitment(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<CommitmentDraft>, UiError>;

    /// Asks what to do with one statement in the tidy walk of prompt `ask`.
    fn ask_tidy(
        &mut self,
        ask: &PromptAsk<'_>,
        statement: &TidyAsk<'_>,
    ) -> Result<Reply<TidyDecision>, UiError>;

    /// Asks a pack prompt again for `pi edit`, starting from the current answer (the text
    /// to change, the number, the option chosen). `Reply::Skip` or `Reply::Pause`: leave
    /// the answer as it is.
    fn ask_revision(
        &mut self,
        ask: &PromptAsk<'_>,
        current: Option<&AnswerValue>,
    ) -> Result<Reply<AnswerValue>, UiError>;

    /// Asks for a new wording of a statement (`pi edit --statement`), starting from the
    /// current one. `Reply::Skip`: leave it as it is.
    fn ask_wording(&mut self, statement: &StatementRecord) -> Result<Reply<String>, UiError>;

    /// Told once an answer is committed to the journal, so automation can report exactly
    /// what is safe (a person sees the next question instead).
    fn saved(&mut self, _prompt_id: &str) {}

    /// Asks how an open commitment went: its new status and a note.
    fn ask_follow_up(
        &mut self,
        commitment: &CommitmentRecord,
    ) -> Result<Reply<(CommitmentStatus, Option<String>)>, UiError>;
}

/// Whether standard input and output are both terminals, so a person can be asked.
pub fn can_prompt() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
