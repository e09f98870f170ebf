//! Tests of `engine`.

use super::*;
use crate::clock::Clock;
use crate::domain::{Language, Mode};
use crate::journal::{
    CommitmentDraft, CommitmentRecord, CommitmentStatus, NewSession, OpenMode, SessionStatus,
    TidyDecision,
};
use crate::packs::PackRegistry;
use std::collections::VecDeque;

/// Replies from a queue and records which prompts were asked.
#[derive(Default)]
struct Queue {
    replies: VecDeque<Reply<AnswerValue>>,
    tidy: VecDeque<Reply<TidyDecision>>,
    follow_ups: VecDeque<Reply<(CommitmentStatus, Option<String>)>>,
    commitment: Option<Reply<CommitmentDraft>>,
    interrupt_after: Option<usize>,
    asked: Vec<String>,
    tidied: Vec<String>,
}

impl Prompter for Queue {
    fn is_interactive(&self) -> bool {
        false
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
    fn ask_prompt(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<AnswerValue>, UiError> {
        if self.interrupt_after == Some(self.asked.len()) {
            return Err(UiError::Interrupted);
        }
        self.asked.push(ask.prompt.id.clone());
        Ok(self.replies.pop_front().unwrap_or(Reply::Skip))
    }
    fn ask_revision(
        &mut self,
        ask: &PromptAsk<'_>,
        _: Option<&AnswerValue>,
    ) -> Result<Reply<AnswerValue>, UiError> {
        self.ask_prompt(ask)
    }
    fn ask_wording(
        &mut self,
        _: &crate::journal::StatementRecord,
    ) -> Result<Reply<String>, UiError> {
        Ok(Reply::Skip)
    }
    fn ask_commitment(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<CommitmentDraft>, UiError> {
        self.asked.push(ask.prompt.id.clone());
        Ok(self.commitment.take().unwrap_or(Reply::Skip))
    }
    fn ask_tidy(
        &mut self,
        _: &PromptAsk<'_>,
        t: &TidyAsk<'_>,
    ) -> Result<Reply<TidyDecision>, UiError> {
        self.tidied.push(t.statement.text.clone());
        Ok(self.tidy.pop_front().unwrap_or(Reply::Skip))
    }
    fn ask_follow_up(
        &mut self,
        _: &CommitmentRecord,
    ) -> Result<Reply<(CommitmentStatus, Option<String>)>, UiError> {
        Ok(self.follow_ups.pop_front().unwrap_or(Reply::Skip))
    }
}

struct World {
    _dir: tempfile::TempDir,
    journal: Journal,
    registry: PackRegistry,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
    let journal = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap();
    World {
        _dir: dir,
        journal,
        registry: PackRegistry::built_in().unwrap(),
    }
}

impl World {
    fn start(&mut self, mode: Mode) -> SessionId {
        let pack = self.registry.for_mode(mode, Language::En).unwrap().clone();
        self.journal
            .create_session(&NewSession {
                kind: SessionKind::Reflect,
                mode: Some(mode),
                packs: vec![&pack],
                context: String::new(),
                language: Language::En,
                depth: Depth::Quick,
            })
            .unwrap()
            .id
    }

    fn run(&mut self, id: SessionId, q: &mut Queue) -> Report {
        Engine {
            journal: &mut self.journal,
            prompter: q,
            words: Words::of(Language::En),
        }
        .run(id)
        .unwrap()
    }
}

fn text(s: &str) -> Reply<AnswerValue> {
    Reply::Value(AnswerValue::Text(s.into()))
}

#[test]
fn a_session_saves_answers_and_skips_and_finishes() {
    let mut w = world();
    let id = w.start(Mode::Verkennen);
    let mut q = Queue {
        replies: [text("My question."), Reply::Skip].into(),
        ..Queue::default()
    };
    let report = w.run(id, &mut q);
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(report.session.status, SessionStatus::Finished);
    assert_eq!(report.answered, 1);
    assert_eq!(report.skipped as i64, report.session.prompt_count - 1);
    assert_eq!(q.asked[0], "own-question");
    let answers = w.journal.session_answers(id).unwrap();
    assert_eq!(
        answers[0].value,
        Some(AnswerValue::Text("My question.".into()))
    );
}

#[test]
fn a_paused_session_resumes_at_the_first_unanswered_prompt() {
    let mut w = world();
    let id = w.start(Mode::Kiezen);
    let mut q = Queue {
        replies: [text("Do I stay?"), text("A reorganisation."), Reply::Pause].into(),
        ..Queue::default()
    };
    let report = w.run(id, &mut q);
    assert_eq!(report.outcome, Outcome::Paused);
    assert_eq!(report.session.status, SessionStatus::InProgress);
    assert_eq!(q.asked, ["own-question", "first-signal", "fit"]);

    let mut again = Queue {
        replies: [Reply::Value(AnswerValue::Number(4))].into(),
        ..Queue::default()
    };
    let report = w.run(id, &mut again);
    assert_eq!(again.asked[0], "fit", "resumes where it paused");
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(report.answered, 3);
}

#[test]
fn an_interrupt_keeps_what_was_answered() {
    let mut w = world();
    let id = w.start(Mode::Kiezen);
    let mut q = Queue {
        replies: [text("Answer one.")].into(),
        interrupt_after: Some(1),
        ..Queue::default()
    };
    let report = w.run(id, &mut q);
    assert_eq!(report.outcome, Outcome::Interrupted);
    assert_eq!(report.answered, 1);
    assert_eq!(report.session.status, SessionStatus::InProgress);
}

#[test]
fn an_invalid_value_is_refused_before_it_is_saved() {
    let mut w = world();
    let id = w.start(Mode::Kiezen);
    let mut q = Queue {
        replies: [
            text("Question."),
            text("Signal."),
            Reply::Value(AnswerValue::Number(42)),
        ]
        .into(),
        ..Queue::default()
    };
    let err = Engine {
        journal: &mut w.journal,
        prompter: &mut q,
        words: Words::of(Language::En),
    }
    .run(id)
    .unwrap_err();
    assert!(err.to_string().contains("outside the scale"), "{err}");
    assert_eq!(w.journal.session_answers(id).unwrap().len(), 2);
}

#[test]
fn statements_carry_over_into_the_tidy_walk_and_commitments_into_the_follow_up() {
    let mut w = world();
    let first = w.start(Mode::Verkennen);
    let statements_at = w
        .registry
        .for_mode(Mode::Verkennen, Language::En)
        .unwrap()
        .prompts_for(Depth::Quick)
        .position(|p| p.id == "statements")
        .unwrap();
    let mut replies: VecDeque<_> = (0..statements_at).map(|_| Reply::Skip).collect();
    replies.push_back(Reply::Value(AnswerValue::Items(vec![
        "I stand for clear advice".into(),
        "What is not mine: deciding for others".into(),
        "I keep my promises".into(),
    ])));
    let mut q = Queue {
        replies,
        commitment: Some(Reply::Value(CommitmentDraft {
            text: "Ask for feedback".into(),
            look_back: None,
        })),
        ..Queue::default()
    };
    let report = w.run(first, &mut q);
    assert_eq!(report.statements_written, 3);
    assert_eq!(report.commitments, ["Ask for feedback"]);

    // Tidy: keep the first, pause at the second.
    let second = w.start(Mode::Onderhouden);
    let mut q = Queue {
        tidy: [Reply::Value(TidyDecision::Keep), Reply::Pause].into(),
        follow_ups: [Reply::Value((
            CommitmentStatus::Done,
            Some("It helped.".into()),
        ))]
        .into(),
        ..Queue::default()
    };
    let report = w.run(second, &mut q);
    assert_eq!(report.outcome, Outcome::Paused);
    assert_eq!(q.tidied.len(), 2);
    let commitments = w.journal.commitments().unwrap();
    assert_eq!(commitments[0].status(), CommitmentStatus::Done);
    assert!(
        w.journal.open_commitments().unwrap().is_empty(),
        "done is no longer open"
    );

    // Resume: the kept statement is not asked again; revise one, let go of the other.
    let mut q = Queue {
        tidy: [
            Reply::Value(TidyDecision::Revise(
                "Deciding is theirs; advising is mine".into(),
            )),
            Reply::Value(TidyDecision::LetGo),
        ]
        .into(),
        ..Queue::default()
    };
    w.run(second, &mut q);
    assert_eq!(
        q.tidied,
        [
            "What is not mine: deciding for others",
            "I keep my promises"
        ]
    );
    let statements = w.journal.statements().unwrap();
    let states: Vec<_> = statements
        .iter()
        .map(|s| (s.text.as_str(), s.state()))
        .collect();
    assert_eq!(
        states,
        [
            ("I stand for clear advice", StatementState::Current),
            (
                "What is not mine: deciding for others",
                StatementState::Revised
            ),
            ("I keep my promises", StatementState::LetGo),
            (
                "Deciding is theirs; advising is mine",
                StatementState::Current
            ),
        ]
    );
    assert_eq!(statements[3].replaces, Some(statements[1].id));
    let tidy_answer = w
        .journal
        .session_answers(second)
        .unwrap()
        .into_iter()
        .find(|a| a.prompt_id == "tidy")
        .unwrap();
    assert_eq!(
        tidy_answer.value,
        Some(AnswerValue::Items(vec![
            "kept: I stand for clear advice".into(),
            "let go: I keep my promises".into(),
            "revised: What is not mine: deciding for others -> Deciding is theirs; advising is mine".into(),
        ]))
    );

    // A third session offers the statement let go for restoring.
    let third = w.start(Mode::Onderhouden);
    let mut q = Queue {
        tidy: [
            Reply::Skip,
            Reply::Value(TidyDecision::Restore),
            Reply::Skip,
        ]
        .into(),
        ..Queue::default()
    };
    w.run(third, &mut q);
    assert_eq!(q.tidied.len(), 3);
    let restored = w.journal.statements().unwrap();
    assert_eq!(restored[2].state(), StatementState::Current);
}
