//! The friend's walk through an export in a terminal: the owner's question first, then each
//! session's answers, statements and intentions with a chance to comment (earlier comments
//! shown, and kept, replaced or removed), then the conversation guide. Every comment is kept
//! the moment it is typed; `q` stops and keeps everything.

use crate::domain::untrusted::visible;
use crate::domain::{AnswerValue, Mode};
use crate::interchange::format::{ASK_PROMPT, Comment, Export, GuideAnswer, Session};
use crate::journal::FriendStore;
use crate::ui::{Prompter, UiError};
use crate::words::friend::FriendWords;
use crate::words::{Words, fill};
use std::collections::HashSet;

/// A question of the conversation guide, as the friend reads it.
pub(super) struct GuideQuestion {
    /// The prompt's id (`ask` for the owner's question).
    pub id: String,
    /// The question.
    pub text: String,
    /// Why it is asked (empty for the owner's question).
    pub help: String,
}

/// How a walk ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Ended {
    /// Everything was seen.
    Done,
    /// The friend typed `q` (or closed the input).
    Stopped,
}

/// What the walk needs besides the prompter.
pub(super) struct Walk<'a> {
    pub words: &'static Words,
    pub store: &'a mut FriendStore,
    pub export: &'a Export,
    pub guide: Vec<GuideQuestion>,
    pub now: &'a dyn Fn() -> String,
}

enum Step {
    Next,
    Stop,
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn wants_stop(text: &str) -> bool {
    matches!(text, "q" | "Q" | ":q")
}

impl Walk<'_> {
    fn w(&self) -> &'static FriendWords {
        self.words.friend
    }

    /// Walks the whole export; errors other than stopping are the prompter's.
    pub(super) fn run(&mut self, p: &mut dyn Prompter) -> Result<Ended, UiError> {
        match self.walk(p) {
            Ok(Step::Next) => Ok(Ended::Done),
            Ok(Step::Stop) => Ok(Ended::Stopped),
            Err(UiError::Io(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                Ok(Ended::Stopped)
            }
            Err(e) => Err(e),
        }
    }

    fn walk(&mut self, p: &mut dyn Prompter) -> Result<Step, UiError> {
        let export = self.export;
        let w = self.w();
        if let Some(ask) = &export.header.ask {
            p.show(&fill(w.owner_asks, &[&visible(ask)]))?;
        }
        let total = export.sessions.len();
        p.show(&fill(
            w.intro,
            &[
                &total.to_string(),
                &super::date_range(
                    export.sessions.first().map(|s| s.started_at.as_str()),
                    export.sessions.last().map(|s| s.started_at.as_str()),
                    w,
                ),
            ],
        ))?;
        p.show(w.keys)?;
        let replaced: HashSet<&str> = export
            .sessions
            .iter()
            .flat_map(|s| s.answers.iter().filter_map(|a| a.replaces.as_deref()))
            .collect();
        let sessions: HashSet<&str> = export.sessions.iter().map(|s| s.id.as_str()).collect();
        for (index, session) in export.sessions.iter().enumerate() {
            let mut title = fill(
                w.session_title,
                &[
                    &(index + 1).to_string(),
                    &total.to_string(),
                    &crate::clock::local_time(&session.started_at),
                    &self.session_kind(session),
                ],
            );
            if !session.context.is_empty() {
                title.push_str(&format!(" · {}", visible(&session.context)));
            }
            p.show(&format!("\n{title}"))?;
            for answer in session
                .answers
                .iter()
                .filter(|a| !replaced.contains(a.id.as_str()))
            {
                let Some(value) = &answer.value else { continue };
                let shown = format!("\n{}\n{}", visible(&answer.prompt_text), indent(value));
                if let Step::Stop = self.target(p, "answer", &answer.id, &shown)? {
                    return Ok(Step::Stop);
                }
            }
            if let Step::Stop = self.records_of(p, Some(session.id.as_str()))? {
                return Ok(Step::Stop);
            }
        }
        // Records of sessions that were not shared.
        for s in &export.statements {
            if s.session_id
                .as_deref()
                .is_none_or(|id| !sessions.contains(id))
            {
                let shown = format!("\n{}", fill(w.statement, &[&visible(&s.text)]));
                if let Step::Stop = self.target(p, "statement", &s.id, &shown)? {
                    return Ok(Step::Stop);
                }
            }
        }
        for c in &export.commitments {
            if c.session_id
                .as_deref()
                .is_none_or(|id| !sessions.contains(id))
            {
                let shown = format!("\n{}", fill(w.commitment, &[&visible(&c.text)]));
                if let Step::Stop = self.target(p, "commitment", &c.id, &shown)? {
                    return Ok(Step::Stop);
                }
            }
        }
        self.guide(p)
    }

    /// The statements and intentions a session wrote.
    fn records_of(&mut self, p: &mut dyn Prompter, session: Option<&str>) -> Result<Step, UiError> {
        let export = self.export;
        let w = self.w();
        for s in export
            .statements
            .iter()
            .filter(|s| s.session_id.as_deref() == session)
        {
            let shown = format!("\n{}", fill(w.statement, &[&visible(&s.text)]));
            if let Step::Stop = self.target(p, "statement", &s.id, &shown)? {
                return Ok(Step::Stop);
            }
        }
        for c in export
            .commitments
            .iter()
            .filter(|c| c.session_id.as_deref() == session)
        {
            let shown = format!("\n{}", fill(w.commitment, &[&visible(&c.text)]));
            if let Step::Stop = self.target(p, "commitment", &c.id, &shown)? {
                return Ok(Step::Stop);
            }
        }
        Ok(Step::Next)
    }

    /// Shows one record and asks for a comment, or what to do with the earlier one.
    fn target(
        &mut self,
        p: &mut dyn Prompter,
        kind: &str,
        id: &str,
        shown: &str,
    ) -> Result<Step, UiError> {
        let w = self.w();
        let store_error = |e: crate::journal::JournalError| UiError::Script(e.to_string());
        let earlier = self
            .store
            .comments(&self.export.header.export_id)
            .map_err(store_error)?
            .into_iter()
            .filter(|c| c.target_kind == kind && c.target_id == id)
            .collect::<Vec<_>>();
        p.show(shown)?;
        for c in &earlier {
            p.show(&fill(w.earlier, &[&visible(&c.text)]))?;
        }
        let text = p.ask_line(if earlier.is_empty() {
            w.ask_comment
        } else {
            w.ask_change
        })?;
        let text = text.trim();
        if wants_stop(text) {
            return Ok(Step::Stop);
        }
        if text.is_empty() {
            return Ok(Step::Next);
        }
        let export_id = self.export.header.export_id.clone();
        if text == "-" {
            if !earlier.is_empty() {
                self.store
                    .replace_latest(&export_id, kind, id, None)
                    .map_err(store_error)?;
            }
            return Ok(Step::Next);
        }
        let comment = Comment {
            id: new_id(),
            target_kind: kind.to_string(),
            target_id: id.to_string(),
            text: text.to_string(),
            created_at: (self.now)(),
        };
        if earlier.is_empty() {
            self.store
                .add_comments(&export_id, std::slice::from_ref(&comment))
                .map_err(store_error)?;
        } else {
            self.store
                .replace_latest(&export_id, kind, id, Some((&comment, None)))
                .map_err(store_error)?;
        }
        Ok(Step::Next)
    }

    /// The owner's question and the conversation guide, with earlier answers.
    fn guide(&mut self, p: &mut dyn Prompter) -> Result<Step, UiError> {
        let w = self.w();
        if self.guide.is_empty() {
            return Ok(Step::Next);
        }
        let store_error = |e: crate::journal::JournalError| UiError::Script(e.to_string());
        let export_id = self.export.header.export_id.clone();
        p.show(&format!("\n{}", w.guide_intro))?;
        let questions = std::mem::take(&mut self.guide);
        for q in &questions {
            let earlier = self
                .store
                .guide_answers(&export_id)
                .map_err(store_error)?
                .into_iter()
                .rfind(|a| a.prompt_id == q.id);
            let mut shown = format!("\n{}", visible(&q.text));
            if q.id == ASK_PROMPT {
                shown = format!("\n{}: {}", w.owner_question, visible(&q.text));
            }
            if !q.help.is_empty() {
                shown.push_str(&format!("\n({})", visible(&q.help)));
            }
            p.show(&shown)?;
            if let Some(a) = &earlier {
                p.show(&fill(w.earlier_answer, &[&visible(&a.text)]))?;
            }
            let text = p.ask_line(if earlier.is_some() {
                w.ask_guide_change
            } else {
                w.ask_guide
            })?;
            let text = text.trim();
            if wants_stop(text) {
                return Ok(Step::Stop);
            }
            if text.is_empty() {
                continue;
            }
            if text == "-" {
                self.store
                    .replace_latest(&export_id, "guide", &q.id, None)
                    .map_err(store_error)?;
                continue;
            }
            self.store
                .answer_guide(
                    &export_id,
                    &GuideAnswer {
                        id: new_id(),
                        prompt_id: q.id.clone(),
                        question: q.text.clone(),
                        text: text.to_string(),
                        created_at: (self.now)(),
                    },
                )
                .map_err(store_error)?;
        }
        Ok(Step::Next)
    }

    fn session_kind(&self, s: &Session) -> String {
        match s.mode.as_deref().and_then(|m| m.parse::<Mode>().ok()) {
            Some(mode) => self.words.mode_name(mode).to_string(),
            None if s.kind == "review" => self.w().review.to_string(),
            None => visible(&s.kind).into_owned(),
        }
    }
}

fn indent(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) => visible(t)
            .lines()
            .map(|l| format!("   {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        AnswerValue::Number(n) => format!("   {n}"),
        AnswerValue::Items(items) => items
            .iter()
            .map(|i| format!("   - {}", visible(i)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
