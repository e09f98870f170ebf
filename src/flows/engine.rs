//! The session engine: walks a session's prompts in order, saves each answer the moment it is
//! given, and stops cleanly on pause or interrupt so `pi resume` can continue.

use super::FlowError;
use super::timeline::timeline_text;
use crate::domain::{AnswerValue, Depth, SessionId};
use crate::journal::{AnswerExtra, Journal, NewAnswer, SessionKind, SessionRecord, StatementState};
use crate::packs::{Pack, Prompt, PromptKind, Shows};
use crate::ui::{PromptAsk, Prompter, Reply, TidyAsk, UiError};
use crate::words::Words;
use std::collections::HashSet;

/// How a run of the engine ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every prompt was answered or skipped.
    Finished,
    /// The user chose to pause.
    Paused,
    /// The user pressed Ctrl-C; what was answered is saved.
    Interrupted,
}

/// What a run did, for the closing summary.
#[derive(Debug, Clone)]
pub struct Report {
    /// How it ended.
    pub outcome: Outcome,
    /// The session as it stands now.
    pub session: SessionRecord,
    /// Prompts with an answer.
    pub answered: usize,
    /// Prompts skipped.
    pub skipped: usize,
    /// Statements written in this session.
    pub statements_written: usize,
    /// Commitments set in this session.
    pub commitments: Vec<String>,
}

/// The prompts a session asks, in order: each with the pack it comes from.
pub fn plan_steps(packs: &[Pack], depth: Depth) -> Vec<(&Pack, &Prompt)> {
    packs
        .iter()
        .flat_map(|pack| pack.prompts_for(depth).map(move |prompt| (pack, prompt)))
        .collect()
}

/// Runs sessions against a journal through a prompter.
pub struct Engine<'a> {
    /// Where answers go.
    pub journal: &'a mut Journal,
    /// Who answers.
    pub prompter: &'a mut dyn Prompter,
    /// The words to speak.
    pub words: &'static Words,
}

impl Engine<'_> {
    /// Walks session `id` from its first unanswered prompt to the end, or to a pause.
    pub fn run(&mut self, id: SessionId) -> Result<Report, FlowError> {
        match self.walk(id) {
            Ok(outcome) => self.report(id, outcome),
            Err(FlowError::Ui(UiError::Interrupted)) => self.report(id, Outcome::Interrupted),
            Err(e) => Err(e),
        }
    }

    fn walk(&mut self, id: SessionId) -> Result<Outcome, FlowError> {
        let session = self.journal.session(id)?;
        let packs = self.journal.session_packs(id)?;
        let steps = plan_steps(&packs, session.depth);
        let answers = self.journal.session_answers(id)?;
        let done: HashSet<(String, String)> = answers
            .iter()
            .map(|a| (a.pack_id.clone(), a.prompt_id.clone()))
            .collect();
        if answers.is_empty()
            && session.kind == SessionKind::Reflect
            && let Outcome::Paused = self.follow_up_commitments(id)?
        {
            return Ok(Outcome::Paused);
        }
        let total = steps.len();
        for (index, (pack, prompt)) in steps.iter().enumerate() {
            if done.contains(&(pack.id.clone(), prompt.id.clone())) {
                continue;
            }
            let ask = PromptAsk {
                prompt,
                position: index + 1,
                total,
            };
            if prompt.shows == Some(Shows::Timeline) {
                let sessions = self.journal.sessions(None)?;
                let statements = self.journal.statements()?;
                self.prompter
                    .show(&timeline_text(self.words, &sessions, &statements, id))?;
            }
            let outcome = match &prompt.kind {
                PromptKind::Tidy => self.tidy_walk(id, pack, &ask)?,
                PromptKind::Commitment => match self.prompter.ask_commitment(&ask)? {
                    Reply::Value(draft) => {
                        let new = NewAnswer {
                            session: id,
                            pack,
                            prompt,
                            value: Some(AnswerValue::Text(draft.text.clone())),
                        };
                        self.journal
                            .add_answer_with(&new, &AnswerExtra::Commitment(draft))?;
                        self.prompter.saved(&prompt.id);
                        None
                    }
                    other => self.skip_or_pause(id, pack, prompt, other)?,
                },
                PromptKind::Statements => match self.prompter.ask_prompt(&ask)? {
                    Reply::Value(AnswerValue::Items(items)) => {
                        let new = NewAnswer {
                            session: id,
                            pack,
                            prompt,
                            value: Some(AnswerValue::Items(items.clone())),
                        };
                        self.journal
                            .add_answer_with(&new, &AnswerExtra::Statements(items))?;
                        self.prompter.saved(&prompt.id);
                        None
                    }
                    Reply::Value(other) => {
                        return Err(UiError::Script(format!(
                            "prompt '{}' expects a list of statements, got {other:?}",
                            prompt.id
                        ))
                        .into());
                    }
                    other => self.skip_or_pause(id, pack, prompt, other)?,
                },
                _ => match self.prompter.ask_prompt(&ask)? {
                    Reply::Value(value) => {
                        let value = super::values::check_value(prompt, value)
                            .map_err(|e| UiError::Script(format!("prompt '{}': {e}", prompt.id)))?;
                        self.journal.add_answer(&NewAnswer {
                            session: id,
                            pack,
                            prompt,
                            value: Some(value),
                        })?;
                        self.prompter.saved(&prompt.id);
                        None
                    }
                    other => self.skip_or_pause(id, pack, prompt, other)?,
                },
            };
            if let Some(outcome) = outcome {
                return Ok(outcome);
            }
        }
        self.journal.finish_session(id)?;
        Ok(Outcome::Finished)
    }

    /// Records a skip, or reports a pause.
    fn skip_or_pause<T>(
        &mut self,
        id: SessionId,
        pack: &Pack,
        prompt: &Prompt,
        reply: Reply<T>,
    ) -> Result<Option<Outcome>, FlowError> {
        match reply {
            Reply::Pause => Ok(Some(Outcome::Paused)),
            _ => {
                self.journal.add_answer(&NewAnswer {
                    session: id,
                    pack,
                    prompt,
                    value: None,
                })?;
                Ok(None)
            }
        }
    }

    /// Visits every current statement (and those let go), saving each decision at once. The
    /// tidy prompt's own answer, a summary of the decisions, is saved when the walk is done.
    fn tidy_walk(
        &mut self,
        id: SessionId,
        pack: &Pack,
        ask: &PromptAsk<'_>,
    ) -> Result<Option<Outcome>, FlowError> {
        let prompt = ask.prompt;
        self.prompter.show(&prompt.text)?;
        let statements: Vec<_> = self
            .journal
            .statements()?
            .into_iter()
            .filter(|s| s.state() != StatementState::Revised)
            .filter(|s| s.events.first().and_then(|e| e.session_id) != Some(id))
            .collect();
        if statements.is_empty() {
            self.prompter.show(self.words.tidy_none)?;
        }
        let total = statements.len();
        for (index, statement) in statements.iter().enumerate() {
            if statement.decided_in(id) {
                continue;
            }
            let tidy = TidyAsk {
                statement,
                let_go: statement.state() == StatementState::LetGo,
                position: index + 1,
                total,
            };
            match self.prompter.ask_tidy(ask, &tidy)? {
                Reply::Value(decision) => {
                    self.journal.tidy_statement(id, statement.id, &decision)?;
                }
                Reply::Skip => {}
                Reply::Pause => return Ok(Some(Outcome::Paused)),
            }
        }
        let summary = self.tidy_summary(id)?;
        self.journal.add_answer(&NewAnswer {
            session: id,
            pack,
            prompt,
            value: if summary.is_empty() {
                None
            } else {
                Some(AnswerValue::Items(summary))
            },
        })?;
        Ok(None)
    }

    fn tidy_summary(&self, id: SessionId) -> Result<Vec<String>, FlowError> {
        let statements = self.journal.statements()?;
        let mut lines = Vec::new();
        for s in &statements {
            for e in s.events.iter().filter(|e| e.session_id == Some(id)) {
                let line = match e.kind {
                    crate::journal::StatementEventKind::Written => {
                        match s
                            .replaces
                            .and_then(|r| statements.iter().find(|o| o.id == r))
                        {
                            Some(old) => format!("revised: {} -> {}", old.text, s.text),
                            None => continue,
                        }
                    }
                    crate::journal::StatementEventKind::Kept => format!("kept: {}", s.text),
                    crate::journal::StatementEventKind::LetGo => format!("let go: {}", s.text),
                    crate::journal::StatementEventKind::Restored => format!("restored: {}", s.text),
                    crate::journal::StatementEventKind::Revised => continue,
                };
                lines.push(line);
            }
        }
        Ok(lines)
    }

    /// Asks about commitments set in earlier sessions that are still open.
    fn follow_up_commitments(&mut self, id: SessionId) -> Result<Outcome, FlowError> {
        let open: Vec<_> = self
            .journal
            .open_commitments()?
            .into_iter()
            .filter(|c| c.session_id != Some(id))
            .filter(|c| !c.events.iter().any(|e| e.session_id == Some(id)))
            .collect();
        if open.is_empty() {
            return Ok(Outcome::Finished);
        }
        self.prompter.show(self.words.follow_up_intro)?;
        for commitment in &open {
            match self.prompter.ask_follow_up(commitment)? {
                Reply::Value((status, note)) => {
                    self.journal.follow_up_commitment(
                        commitment.id,
                        Some(id),
                        status,
                        note.as_deref(),
                    )?;
                }
                Reply::Skip => {}
                Reply::Pause => return Ok(Outcome::Paused),
            }
        }
        Ok(Outcome::Finished)
    }

    fn report(&mut self, id: SessionId, outcome: Outcome) -> Result<Report, FlowError> {
        let session = self.journal.session(id)?;
        let answers = self.journal.session_answers(id)?;
        let skipped = answers.iter().filter(|a| a.value.is_none()).count();
        // Only this session's records: the summary must not read a whole journal's history.
        let statements_written = self
            .journal
            .statements_of_session(id)?
            .iter()
            .filter(|s| s.replaces.is_none())
            .count();
        let commitments = self
            .journal
            .commitments_of_session(id)?
            .into_iter()
            .map(|c| c.text)
            .collect();
        Ok(Report {
            outcome,
            answered: answers.len() - skipped,
            skipped,
            session,
            statements_written,
            commitments,
        })
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
