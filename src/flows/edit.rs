//! `pi edit`: revising answers and re-wording statements after the session. A revision is
//! a new record pointing to the one it replaces; the earlier one is kept (only `pi forget`
//! removes anything). Written against the [`Prompter`], so a file answers as a person does.

use super::FlowError;
use crate::domain::{AnswerId, AnswerValue, Depth, SessionId, StatementId};
use crate::journal::{AnswerRecord, Journal, StatementRecord, StatementState};
use crate::packs::{Pack, Prompt, PromptKind};
use crate::ui::{PromptAsk, Prompter, Reply, UiError};

/// An answer of a session, with the prompt as it was asked then.
#[derive(Debug, Clone)]
pub struct Editable {
    /// The prompt from the session's own pack snapshot, with its text as it was asked.
    pub prompt: Prompt,
    /// The current revision.
    pub answer: AnswerRecord,
}

impl Editable {
    /// Why this answer cannot be revised with `pi edit`, if it cannot: what these prompts
    /// wrote lives elsewhere (statements, a tidy walk's decisions, a commitment).
    pub fn refusal(&self) -> Option<&'static str> {
        match self.prompt.kind {
            PromptKind::Statements => Some(
                "wrote statements; re-word one with `pi edit --statement ID` (`pi statements` shows the ids)",
            ),
            PromptKind::Tidy => Some(
                "sums up a tidy walk; re-word a statement with `pi edit --statement ID` instead",
            ),
            PromptKind::Commitment => Some(
                "set a commitment, which is followed up as it was set; to take it back, `pi forget --commitment ID`",
            ),
            _ => None,
        }
    }
}

/// Every answer (and skip) of a session, in the order the session asked them.
pub fn answers_of(journal: &Journal, session: SessionId) -> Result<Vec<Editable>, FlowError> {
    let record = journal.session(session)?;
    let packs = journal.session_packs(session)?;
    let mut answers = journal.session_answers(session)?;
    let mut out = Vec::new();
    for (pack, prompt) in super::plan_steps(&packs, record.depth) {
        if let Some(i) = answers
            .iter()
            .position(|a| a.pack_id == pack.id && a.prompt_id == prompt.id)
        {
            let answer = answers.remove(i);
            out.push(Editable {
                prompt: as_asked(prompt, &answer),
                answer,
            });
        }
    }
    // Answers no step of the session's packs asks (entries from other journaling tools).
    for answer in answers {
        let prompt = prompt_of(&packs, &answer)
            .map(|p| as_asked(p, &answer))
            .or_else(|| stand_in(&answer));
        if let Some(prompt) = prompt {
            out.push(Editable { prompt, answer });
        }
    }
    Ok(out)
}

fn prompt_of<'p>(packs: &'p [Pack], answer: &AnswerRecord) -> Option<&'p Prompt> {
    packs
        .iter()
        .find(|p| p.id == answer.pack_id)
        .and_then(|p| p.prompt(&answer.prompt_id))
}

/// The pack's prompt with the question exactly as this answer was asked.
fn as_asked(prompt: &Prompt, answer: &AnswerRecord) -> Prompt {
    Prompt {
        text: answer.prompt_text.clone(),
        ..prompt.clone()
    }
}

/// A prompt made from what the answer itself keeps, for answers that walk no pack (an
/// imported jrnl or Day One entry): text and lists only, whose rules need no pack.
fn stand_in(answer: &AnswerRecord) -> Option<Prompt> {
    let kind = match answer.prompt_kind.as_str() {
        "short_text" => PromptKind::ShortText,
        "long_text" => PromptKind::LongText,
        "list" => PromptKind::List,
        _ => return None,
    };
    Some(Prompt {
        id: answer.prompt_id.clone(),
        kind,
        text: answer.prompt_text.clone(),
        help: None,
        depth: Depth::Quick,
        replaces: None,
        shows: None,
    })
}

/// Asks each answer again, starting from its current value, and saves every change as a
/// new revision, all in one transaction. Returns the new revisions (an answer left as it
/// was gets none).
pub fn revise(
    journal: &mut Journal,
    prompter: &mut dyn Prompter,
    chosen: &[&Editable],
) -> Result<Vec<AnswerRecord>, FlowError> {
    let mut changes: Vec<(AnswerId, Option<AnswerValue>)> = Vec::new();
    for (index, item) in chosen.iter().enumerate() {
        let ask = PromptAsk {
            prompt: &item.prompt,
            position: index + 1,
            total: chosen.len(),
        };
        match prompter.ask_revision(&ask, item.answer.value.as_ref())? {
            Reply::Value(value) => {
                let value = super::values::check_value(&item.prompt, value)
                    .map_err(|e| UiError::Script(format!("prompt '{}': {e}", item.prompt.id)))?;
                if item.answer.value.as_ref() != Some(&value) {
                    changes.push((item.answer.id, Some(value)));
                }
            }
            Reply::Skip | Reply::Pause => {}
        }
    }
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    Ok(journal.revise_answers(&changes)?)
}

/// The statement whose id starts with `prefix`, if it may be re-worded: only its newest
/// wording (a statement let go may be, as in a tidy walk).
pub fn rewordable(journal: &Journal, prefix: &str) -> Result<StatementRecord, FlowError> {
    let statement = journal.find_statement(prefix)?;
    if statement.state() == StatementState::Revised {
        let newest = journal
            .statements()?
            .into_iter()
            .find(|s| s.replaces == Some(statement.id))
            .map(|s| s.id.short())
            .unwrap_or_default();
        return Err(crate::journal::JournalError::Refused(format!(
            "statement {} was re-worded already; re-word its newest wording{}",
            statement.id.short(),
            if newest.is_empty() {
                String::new()
            } else {
                format!(", {newest}")
            }
        ))
        .into());
    }
    Ok(statement)
}

/// Re-words a statement: `text` when given, else asked. `None` when it stays as it is.
pub fn reword(
    journal: &mut Journal,
    prompter: &mut dyn Prompter,
    statement: &StatementRecord,
    text: Option<&str>,
) -> Result<Option<StatementId>, FlowError> {
    let wording = match text {
        Some(t) => t.trim().to_string(),
        None => match prompter.ask_wording(statement)? {
            Reply::Value(t) => t,
            Reply::Skip | Reply::Pause => return Ok(None),
        },
    };
    if wording == statement.text.trim() {
        return Ok(None);
    }
    Ok(Some(journal.reword_statement(statement.id, &wording)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::{Language, Mode};
    use crate::journal::{
        AnswerExtra, CommitmentDraft, CommitmentRecord, CommitmentStatus, NewAnswer, NewSession,
        OpenMode, SessionKind, TidyDecision,
    };
    use crate::packs::PackRegistry;
    use crate::ui::TidyAsk;
    use std::collections::VecDeque;

    /// Answers revisions from a queue; a statement's wording from a fixed text.
    struct Person(VecDeque<Reply<AnswerValue>>, Vec<Option<AnswerValue>>);

    impl Prompter for Person {
        fn is_interactive(&self) -> bool {
            true
        }
        fn show(&mut self, _: &str) -> Result<(), UiError> {
            Ok(())
        }
        fn ask_line(&mut self, _: &str) -> Result<String, UiError> {
            Ok(String::new())
        }
        fn choose(&mut self, _: &str, _: &[String], d: usize) -> Result<usize, UiError> {
            Ok(d)
        }
        fn ask_prompt(&mut self, _: &PromptAsk<'_>) -> Result<Reply<AnswerValue>, UiError> {
            Ok(Reply::Skip)
        }
        fn ask_revision(
            &mut self,
            _: &PromptAsk<'_>,
            current: Option<&AnswerValue>,
        ) -> Result<Reply<AnswerValue>, UiError> {
            self.1.push(current.cloned());
            Ok(self.0.pop_front().unwrap_or(Reply::Skip))
        }
        fn ask_wording(&mut self, s: &StatementRecord) -> Result<Reply<String>, UiError> {
            Ok(Reply::Value(format!("{}, plainly", s.text)))
        }
        fn ask_commitment(&mut self, _: &PromptAsk<'_>) -> Result<Reply<CommitmentDraft>, UiError> {
            Ok(Reply::Skip)
        }
        fn ask_tidy(
            &mut self,
            _: &PromptAsk<'_>,
            _: &TidyAsk<'_>,
        ) -> Result<Reply<TidyDecision>, UiError> {
            Ok(Reply::Skip)
        }
        fn ask_follow_up(
            &mut self,
            _: &CommitmentRecord,
        ) -> Result<Reply<(CommitmentStatus, Option<String>)>, UiError> {
            Ok(Reply::Skip)
        }
    }

    #[test]
    fn a_revision_starts_from_the_current_answer_and_an_unchanged_one_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
        let registry = PackRegistry::built_in().unwrap();
        let pack = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
        let s = j
            .create_session(&NewSession {
                kind: SessionKind::Reflect,
                mode: Some(Mode::Kiezen),
                packs: vec![pack],
                context: String::new(),
                language: Language::En,
                depth: Depth::Quick,
            })
            .unwrap()
            .id;
        for (prompt, value, extra) in [
            ("fit", AnswerValue::Number(3), AnswerExtra::None),
            (
                "statements",
                AnswerValue::Items(vec!["I stand for clear advice".into()]),
                AnswerExtra::Statements(vec!["I stand for clear advice".into()]),
            ),
        ] {
            j.add_answer_with(
                &NewAnswer {
                    session: s,
                    pack,
                    prompt: pack.prompt(prompt).unwrap(),
                    value: Some(value),
                },
                &extra,
            )
            .unwrap();
        }
        let answers = answers_of(&j, s).unwrap();
        assert_eq!(answers.len(), 2);
        assert!(answers[0].refusal().is_none());
        assert!(answers[1].refusal().unwrap().contains("--statement"));

        let mut person = Person(
            VecDeque::from([Reply::Value(AnswerValue::Number(3))]),
            vec![],
        );
        assert!(
            revise(&mut j, &mut person, &[&answers[0]])
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            person.1,
            [Some(AnswerValue::Number(3))],
            "asked from the current value"
        );

        let mut person = Person(
            VecDeque::from([Reply::Value(AnswerValue::Number(5))]),
            vec![],
        );
        let made = revise(&mut j, &mut person, &[&answers[0]]).unwrap();
        assert_eq!(made[0].replaces, Some(answers[0].answer.id));
        assert_eq!(j.answer_revisions(made[0].id).unwrap().len(), 2);

        // Out of range: refused, nothing saved.
        let mut person = Person(
            VecDeque::from([Reply::Value(AnswerValue::Number(9))]),
            vec![],
        );
        let current = answers_of(&j, s).unwrap();
        assert!(revise(&mut j, &mut person, &[&current[0]]).is_err());
        assert_eq!(j.answer_revisions(made[0].id).unwrap().len(), 2);

        let statement = j.statements().unwrap()[0].clone();
        let new = reword(&mut j, &mut person, &statement, None)
            .unwrap()
            .unwrap();
        let err = rewordable(&j, &statement.id.short()).unwrap_err();
        assert!(err.to_string().contains(&new.short()), "{err}");
        let newest = rewordable(&j, &new.short()).unwrap();
        let same = Some(" I stand for clear advice, plainly ");
        assert!(
            reword(&mut j, &mut person, &newest, same)
                .unwrap()
                .is_none(),
            "the same wording is no change"
        );
    }
}
