//! `pi show ID`: one session, every prompt with its answer, as the questions were then asked.

use super::list::mode_label;
use crate::app::App;
use crate::clock::local_time;
use crate::domain::AnswerValue;
use crate::domain::untrusted::visible;
use crate::error::{CliError, CliResult};
use crate::flows::plan_steps;
use crate::journal::{
    AnswerOrigin, AnswerRecord, FriendAnswer, FriendComment, Journal, SessionKind, SessionRecord,
    SessionStatus,
};
use crate::words::fill;
use serde::Serialize;

/// One prompt of the session and what became of it.
#[derive(Debug, Serialize)]
struct ShownPrompt {
    pack_id: String,
    pack_version: String,
    prompt_id: String,
    kind: String,
    text: String,
    status: &'static str,
    answer: Option<AnswerValue>,
    answered_at: Option<String>,
    revisions: usize,
    /// When the current revision was made, when the answer was revised.
    #[serde(skip_serializing_if = "Option::is_none")]
    revised_at: Option<String>,
    /// Every revision, oldest first (with `--history`).
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<ShownRevision>>,
    /// Where the current revision came from, when it arrived by import rather than being
    /// typed in this journal.
    #[serde(skip_serializing_if = "Option::is_none")]
    revised_elsewhere: Option<AnswerOrigin>,
    /// What professional friends wrote under this answer (any of its revisions).
    comments: Vec<FriendComment>,
}

/// One revision of an answer, for `--history`.
#[derive(Debug, Serialize)]
struct ShownRevision {
    id: String,
    answer: Option<AnswerValue>,
    created_at: String,
}

/// A statement written in the session and what became of its wording.
#[derive(Debug, Serialize)]
struct ShownStatement {
    /// The wording written in this session.
    id: String,
    /// Its newest wording.
    text: String,
    /// The newest wording's id.
    latest_id: String,
    /// When it was last re-worded, if it was.
    revised_at: Option<String>,
    /// Every wording, oldest first (with `--history`).
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<ShownWording>>,
}

/// One wording of a statement, for `--history`.
#[derive(Debug, Serialize)]
struct ShownWording {
    id: String,
    text: String,
    created_at: String,
}

/// A statement of the session with what friends wrote under it.
#[derive(Debug, Serialize)]
struct ShownStatementComments {
    statement_id: String,
    statement: String,
    comments: Vec<FriendComment>,
}

/// A commitment of the session with what friends wrote under it.
#[derive(Debug, Serialize)]
struct ShownCommitmentComments {
    commitment_id: String,
    commitment: String,
    comments: Vec<FriendComment>,
}

#[derive(Debug, Serialize)]
struct ShownSession {
    session: SessionRecord,
    prompts: Vec<ShownPrompt>,
    /// The newest wording of each statement written in the session.
    statements: Vec<String>,
    /// The same statements with their ids and when they were re-worded.
    statement_wordings: Vec<ShownStatement>,
    commitments: Vec<String>,
    statement_comments: Vec<ShownStatementComments>,
    commitment_comments: Vec<ShownCommitmentComments>,
    /// What friends answered about the exports this session was shared in.
    friend_answers: Vec<FriendAnswer>,
}

/// Runs `pi show`.
pub fn run(app: &App, args: &crate::cli::ShowArgs) -> CliResult {
    let journal = app.reading_journal()?.ok_or_else(|| {
        CliError::new(format!(
            "no session id starts with '{}': the journal is empty",
            args.id
        ))
    })?;
    let session = journal.find_session(&args.id)?;
    let shown = gather(&journal, session, args.history)?;
    let io = CliError::from;
    if args.json {
        return app.out.json(&shown).map_err(io);
    }
    app.out.data(&render(&shown, app)).map_err(io)
}

/// Every revision of an answer, oldest first.
fn history_of(journal: &Journal, answer: &AnswerRecord) -> CliResult<Vec<ShownRevision>> {
    Ok(journal
        .answer_revisions(answer.id)?
        .into_iter()
        .map(|r| ShownRevision {
            id: r.id.to_string(),
            answer: r.value,
            created_at: r.created_at,
        })
        .collect())
}

fn gather(journal: &Journal, session: SessionRecord, history: bool) -> CliResult<ShownSession> {
    let packs = journal.session_packs(session.id)?;
    let answers = journal.session_answers(session.id)?;
    let find = |pack: &str, prompt: &str| -> Option<&AnswerRecord> {
        answers
            .iter()
            .find(|a| a.pack_id == pack && a.prompt_id == prompt)
    };
    let mut comments = journal.answer_comments(session.id)?;
    let mut prompts = Vec::new();
    for (pack, prompt) in plan_steps(&packs, session.depth) {
        let answer = find(&pack.id, &prompt.id);
        let revisions = match answer {
            Some(a) if a.replaces.is_some() => journal.answer_revisions(a.id)?.len(),
            Some(_) => 1,
            None => 0,
        };
        prompts.push(ShownPrompt {
            pack_id: pack.id.clone(),
            pack_version: pack.version.to_string(),
            prompt_id: prompt.id.clone(),
            kind: prompt.kind.id().to_string(),
            text: answer.map_or_else(|| prompt.text.clone(), |a| a.prompt_text.clone()),
            status: match answer {
                Some(a) if a.value.is_some() => "answered",
                Some(_) => "skipped",
                None => "open",
            },
            answer: answer.and_then(|a| a.value.clone()),
            answered_at: answer.map(|a| a.created_at.clone()),
            revisions,
            revised_at: answer
                .filter(|_| revisions > 1)
                .map(|a| a.created_at.clone()),
            history: match answer {
                Some(a) if history => Some(history_of(journal, a)?),
                _ => None,
            },
            revised_elsewhere: match answer {
                Some(a) if revisions > 1 => journal.revision_origin(&a.id.to_string())?,
                _ => None,
            },
            comments: comments
                .remove(&(pack.id.clone(), prompt.id.clone()))
                .unwrap_or_default(),
        });
    }
    // Answers no pack step asks for: entries imported from another journal, which walk no pack.
    for a in answers
        .iter()
        .filter(|a| {
            !prompts
                .iter()
                .any(|p| p.pack_id == a.pack_id && p.prompt_id == a.prompt_id)
        })
        .collect::<Vec<_>>()
    {
        prompts.push(ShownPrompt {
            pack_id: a.pack_id.clone(),
            pack_version: a.pack_version.clone(),
            prompt_id: a.prompt_id.clone(),
            kind: a.prompt_kind.clone(),
            text: a.prompt_text.clone(),
            status: if a.value.is_some() {
                "answered"
            } else {
                "skipped"
            },
            answer: a.value.clone(),
            answered_at: Some(a.created_at.clone()),
            revisions: journal.answer_revisions(a.id)?.len(),
            revised_at: a.replaces.map(|_| a.created_at.clone()),
            history: if history {
                Some(history_of(journal, a)?)
            } else {
                None
            },
            revised_elsewhere: journal.revision_origin(&a.id.to_string())?,
            comments: comments
                .remove(&(a.pack_id.clone(), a.prompt_id.clone()))
                .unwrap_or_default(),
        });
    }
    let own = journal.statements_of_session(session.id)?;
    let mut statement_comments = Vec::new();
    for s in &own {
        let comments = journal.statement_comments(s.id)?;
        if !comments.is_empty() {
            statement_comments.push(ShownStatementComments {
                statement_id: s.id.to_string(),
                statement: s.text.clone(),
                comments,
            });
        }
    }
    let mut statement_wordings = Vec::new();
    for s in &own {
        let chain = journal.statement_chain(s.id)?;
        let Some(latest) = chain.last() else {
            continue;
        };
        statement_wordings.push(ShownStatement {
            id: s.id.to_string(),
            text: latest.text.clone(),
            latest_id: latest.id.to_string(),
            revised_at: (latest.id != s.id).then(|| latest.created_at.clone()),
            history: history.then(|| {
                chain
                    .iter()
                    .map(|w| ShownWording {
                        id: w.id.to_string(),
                        text: w.text.clone(),
                        created_at: w.created_at.clone(),
                    })
                    .collect()
            }),
        });
    }
    let statements = statement_wordings.iter().map(|s| s.text.clone()).collect();
    let own = journal.commitments_of_session(session.id)?;
    let mut commitment_comments = Vec::new();
    for c in &own {
        let comments = journal.commitment_comments(&c.id.to_string())?;
        if !comments.is_empty() {
            commitment_comments.push(ShownCommitmentComments {
                commitment_id: c.id.to_string(),
                commitment: c.text.clone(),
                comments,
            });
        }
    }
    let friend_answers = journal.friend_answers(session.id)?;
    let commitments = own
        .into_iter()
        .map(|c| match c.look_back {
            Some(d) => format!("{} (look back {d})", c.text),
            None => c.text,
        })
        .collect();
    Ok(ShownSession {
        session,
        prompts,
        statements,
        statement_wordings,
        commitments,
        statement_comments,
        commitment_comments,
        friend_answers,
    })
}

/// A stamp as the local date.
fn day(stamp: &str) -> String {
    local_time(stamp).chars().take(10).collect()
}

/// An answer's value, indented; `none` when there is none.
fn render_value(
    out: &mut String,
    value: Option<&AnswerValue>,
    none: &str,
    indent: &str,
    dim: &console::Style,
) {
    match value {
        Some(AnswerValue::Text(t)) => {
            for line in visible(t).lines() {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
        Some(AnswerValue::Number(n)) => out.push_str(&format!("{indent}{n}\n")),
        Some(AnswerValue::Items(items)) => {
            for item in items {
                out.push_str(&format!("{indent}- {}\n", visible(item)));
            }
        }
        None => out.push_str(&format!("{indent}{}\n", dim.apply_to(none))),
    }
}

/// A friend's comments, one paragraph each, under what they are about.
fn render_comments(out: &mut String, comments: &[FriendComment], dim: &console::Style) {
    for c in comments {
        let date = crate::clock::local_date(&c.created_at);
        out.push_str(&format!(
            "   {}\n",
            dim.apply_to(format!("↳ {} ({date}):", visible(&c.friend)))
        ));
        for line in visible(&c.text).lines() {
            out.push_str(&format!("     {line}\n"));
        }
    }
}

fn render(shown: &ShownSession, app: &App) -> String {
    let s = &shown.session;
    let bold = console::Style::new().bold().force_styling(app.out.color);
    let dim = console::Style::new().dim().force_styling(app.out.color);
    let friend = app.words.friend;
    let mut out = String::new();
    out.push_str(&format!("{}\n", bold.apply_to(format!("Session {}", s.id))));
    out.push_str(&format!("date:     {}\n", local_time(&s.started_at)));
    out.push_str(&format!("mode:     {}\n", mode_label(s, app.words)));
    if s.kind == SessionKind::Journal {
        out.push_str(&format!("source:   {} (imported)\n", visible(&s.pack_id)));
    } else {
        out.push_str(&format!(
            "pack:     {}@{} ({}, {})\n",
            visible(&s.pack_id),
            visible(&s.pack_version),
            s.language,
            s.depth.id()
        ));
    }
    if !s.context.is_empty() {
        out.push_str(&format!("context:  {}\n", visible(&s.context)));
    }
    out.push_str(&format!(
        "status:   {} ({} of {} answered)\n",
        match s.status {
            SessionStatus::InProgress => "in progress",
            SessionStatus::Finished => "finished",
        },
        s.answered,
        s.prompt_count
    ));
    for (i, p) in shown.prompts.iter().enumerate() {
        out.push('\n');
        let mark = if p.comments.is_empty() {
            String::new()
        } else {
            format!(
                "  {}",
                dim.apply_to(fill(friend.mark, &[&p.comments.len().to_string()]))
            )
        };
        out.push_str(&format!(
            "{} {}{mark}\n",
            dim.apply_to(format!("{}.", i + 1)),
            bold.apply_to(visible(&p.text))
        ));
        render_value(
            &mut out,
            p.answer.as_ref(),
            match (p.status, s.status) {
                ("skipped", _) => "(skipped)",
                // A finished session's prompt without an answer: one that was forgotten.
                (_, SessionStatus::Finished) => "(no answer)",
                _ => "(not answered yet)",
            },
            "   ",
            &dim,
        );
        if p.revisions > 1 {
            let date = p.revised_at.as_deref().map(day).unwrap_or_default();
            out.push_str(&format!(
                "   {}\n",
                dim.apply_to(format!("(revised on {date}; {} versions)", p.revisions))
            ));
        }
        if let Some(history) = p.history.as_ref().filter(|h| h.len() > 1) {
            out.push_str(&format!("   {}\n", dim.apply_to("earlier versions:")));
            for r in &history[..history.len() - 1] {
                out.push_str(&format!(
                    "   {}\n",
                    dim.apply_to(format!("· {}", day(&r.created_at)))
                ));
                render_value(&mut out, r.answer.as_ref(), "(skipped)", "     ", &dim);
            }
        }
        if let Some(origin) = &p.revised_elsewhere {
            let date = crate::clock::local_date(&origin.imported_at);
            let whence = if origin.other_journal && !origin.journal_name.is_empty() {
                format!("revised in the journal of “{}”", origin.journal_name)
            } else if origin.other_journal {
                "revised in another journal".to_string()
            } else {
                format!("revised by importing {}, not typed here", origin.file_name)
            };
            out.push_str(&format!(
                "   {}\n",
                dim.apply_to(format!("({whence}; imported {date})"))
            ));
        }
        render_comments(&mut out, &p.comments, &dim);
    }
    let revised: Vec<&ShownStatement> = shown
        .statement_wordings
        .iter()
        .filter(|s| s.revised_at.is_some() || s.history.as_ref().is_some_and(|h| h.len() > 1))
        .collect();
    if !revised.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            bold.apply_to("Statements re-worded since")
        ));
        for s in revised {
            match &s.history {
                Some(history) => {
                    for (i, w) in history.iter().enumerate() {
                        out.push_str(&format!(
                            "   {}{} {}\n",
                            if i == 0 { "" } else { "→ " },
                            visible(&w.text),
                            dim.apply_to(format!("({})", day(&w.created_at)))
                        ));
                    }
                }
                None => {
                    let date = s.revised_at.as_deref().map(day).unwrap_or_default();
                    out.push_str(&format!(
                        "   → {} {}\n",
                        visible(&s.text),
                        dim.apply_to(format!("(revised on {date})"))
                    ));
                }
            }
        }
    }
    if !shown.statement_comments.is_empty() {
        out.push_str(&format!("\n{}\n", bold.apply_to("Comments on statements")));
        for s in &shown.statement_comments {
            out.push_str(&format!("   {}\n", visible(&s.statement)));
            render_comments(&mut out, &s.comments, &dim);
        }
    }
    if !shown.commitments.is_empty() {
        out.push_str(&format!("\n{}\n", bold.apply_to("Commitments")));
        for c in &shown.commitments {
            out.push_str(&format!("   - {}\n", visible(c)));
        }
    }
    if !shown.commitment_comments.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            bold.apply_to(friend.commitment_comments)
        ));
        for c in &shown.commitment_comments {
            out.push_str(&format!("   {}\n", visible(&c.commitment)));
            render_comments(&mut out, &c.comments, &dim);
        }
    }
    render_friend_answers(&mut out, &shown.friend_answers, app, &bold);
    out
}

/// What friends answered about the exports that shared this session, one block per reply.
fn render_friend_answers(
    out: &mut String,
    answers: &[FriendAnswer],
    app: &App,
    bold: &console::Style,
) {
    let friend = app.words.friend;
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for a in answers {
        if seen.contains(&(a.export_id.as_str(), a.friend.as_str())) {
            continue;
        }
        seen.push((&a.export_id, &a.friend));
        let date = crate::clock::local_date(&a.created_at);
        out.push_str(&format!(
            "\n{}\n",
            bold.apply_to(fill(friend.about_export, &[&visible(&a.friend), &date]))
        ));
        for b in answers
            .iter()
            .filter(|b| b.export_id == a.export_id && b.friend == a.friend)
        {
            let question = if b.prompt_id == crate::interchange::format::ASK_PROMPT {
                format!("{} ({})", visible(&b.question), friend.own_question)
            } else {
                visible(&b.question).into_owned()
            };
            out.push_str(&format!("   {question}\n"));
            for line in visible(&b.text).lines() {
                out.push_str(&format!("     {line}\n"));
            }
        }
    }
}
