//! Answers from a file (TOML or JSON: prompt id → answer) for scripts and tests.
//!
//! The whole file is checked against the session before anything is written, with the same
//! rules the terminal applies, so a bad file changes nothing.

use super::{PromptAsk, Prompter, Reply, TidyAsk, UiError};
use crate::domain::{AnswerValue, CommitmentId, StatementId};
use crate::flows::values::{check_value, expects};
use crate::journal::{
    CommitmentDraft, CommitmentRecord, CommitmentStatus, StatementRecord, StatementState,
    TidyDecision,
};
use crate::packs::{Location, Pack, Prompt, PromptKind};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// The key of the table that follows up earlier commitments (never a prompt id).
pub const FOLLOW_UP_KEY: &str = "follow-up";

/// A prompter that answers from a parsed answers file.
#[derive(Debug)]
pub struct ScriptedPrompter {
    file: String,
    raw: BTreeMap<String, Value>,
    values: HashMap<String, AnswerValue>,
    commitments: HashMap<String, CommitmentDraft>,
    tidy: HashMap<StatementId, TidyDecision>,
    follow_ups: HashMap<CommitmentId, (CommitmentStatus, Option<String>)>,
    /// What was shown, kept for tests and for `--verbose` style output.
    pub shown: Vec<String>,
}

impl ScriptedPrompter {
    /// Parses an answers file. `file` names it in errors; JSON when it looks like JSON.
    pub fn parse(file: &str, text: &str) -> Result<Self, UiError> {
        let looks_json = file.ends_with(".json") || text.trim_start().starts_with('{');
        let value: Value = if looks_json {
            serde_json::from_str(text).map_err(|e| {
                UiError::Script(format!(
                    "{file}:{}:{}: {}",
                    e.line(),
                    char_column(text, e.line(), e.column()),
                    strip_position(&e.to_string())
                ))
            })?
        } else {
            let table: toml::Table = toml::from_str(text).map_err(|e| {
                let at = e.span().map_or_else(
                    || Location::file(file),
                    |s| Location::at(file, text, s.start),
                );
                UiError::Script(format!("{at}: {}", e.message().trim()))
            })?;
            toml_to_json(toml::Value::Table(table))
        };
        let Value::Object(map) = value else {
            return Err(UiError::Script(format!(
                "{file}: an answers file is a table of prompt ids and answers"
            )));
        };
        Ok(Self {
            file: file.to_string(),
            raw: map.into_iter().collect(),
            values: HashMap::new(),
            commitments: HashMap::new(),
            tidy: HashMap::new(),
            follow_ups: HashMap::new(),
            shown: Vec::new(),
        })
    }

    fn error(&self, message: impl std::fmt::Display) -> UiError {
        UiError::Script(format!("{}: {message}", self.file))
    }

    /// Whether checking needs the journal's statements (a tidy answer) or commitments (a
    /// follow-up table): most files need neither, and a long journal need not be read.
    pub fn needs_records(&self, steps: &[(&Pack, &Prompt)]) -> (bool, bool) {
        let tidy = steps
            .iter()
            .any(|(_, p)| p.kind == PromptKind::Tidy && self.raw.contains_key(&p.id));
        (tidy, self.raw.contains_key(FOLLOW_UP_KEY))
    }

    /// Checks every answer against the prompts the session will ask (and the statements and
    /// commitments it will meet); an unknown id or a value of the wrong kind is an error.
    pub fn check(
        &mut self,
        steps: &[(&Pack, &Prompt)],
        all_prompts: &[&Prompt],
        statements: &[StatementRecord],
        commitments: &[CommitmentRecord],
    ) -> Result<(), UiError> {
        let raw = std::mem::take(&mut self.raw);
        let result = self.check_all(&raw, steps, all_prompts, statements, commitments);
        self.raw = raw;
        result
    }

    fn check_all(
        &mut self,
        raw: &BTreeMap<String, Value>,
        steps: &[(&Pack, &Prompt)],
        all_prompts: &[&Prompt],
        statements: &[StatementRecord],
        commitments: &[CommitmentRecord],
    ) -> Result<(), UiError> {
        for (key, value) in raw {
            if key == FOLLOW_UP_KEY {
                self.check_follow_ups(value, commitments)?;
                continue;
            }
            let Some((_, prompt)) = steps.iter().find(|(_, p)| &p.id == key) else {
                if all_prompts.iter().any(|p| &p.id == key) {
                    return Err(self.error(format!(
                        "prompt '{key}' is only asked in deep sessions; add --depth deep"
                    )));
                }
                let ids: Vec<&str> = steps.iter().map(|(_, p)| p.id.as_str()).collect();
                return Err(self.error(format!(
                    "unknown prompt '{key}'; this session asks: {}",
                    ids.join(", ")
                )));
            };
            match &prompt.kind {
                PromptKind::Tidy => self.check_tidy(key, value, statements)?,
                PromptKind::Commitment => {
                    let draft = self.commitment(key, value)?;
                    self.commitments.insert(key.clone(), draft);
                }
                kind => {
                    let answer = to_answer(value)
                        .ok_or_else(|| self.error(format!("prompt '{key}' {}", expects(kind))))?;
                    let checked = check_value(prompt, answer)
                        .map_err(|e| self.error(format!("prompt '{key}': {e}")))?;
                    self.values.insert(key.clone(), checked);
                }
            }
        }
        Ok(())
    }

    /// The prompt ids the file names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.raw.keys().map(String::as_str)
    }

    /// Checks the file for `pi edit`: every key must be one of `prompts` (the answers the
    /// session has that can be revised), every value right for its prompt, as in `pi
    /// reflect`. `session` names the session in the error.
    pub fn check_edits(&mut self, prompts: &[&Prompt], session: &str) -> Result<(), UiError> {
        let raw = std::mem::take(&mut self.raw);
        let result = (|| {
            for (key, value) in &raw {
                let Some(prompt) = prompts.iter().find(|p| &p.id == key) else {
                    let ids: Vec<&str> = prompts.iter().map(|p| p.id.as_str()).collect();
                    return Err(self.error(format!(
                        "session {session} has no answer to revise for prompt '{key}'; its answers: {}",
                        if ids.is_empty() { "none".to_string() } else { ids.join(", ") }
                    )));
                };
                let answer = to_answer(value).ok_or_else(|| {
                    self.error(format!("prompt '{key}' {}", expects(&prompt.kind)))
                })?;
                let checked = check_value(prompt, answer)
                    .map_err(|e| self.error(format!("prompt '{key}': {e}")))?;
                self.values.insert(key.clone(), checked);
            }
            Ok(())
        })();
        self.raw = raw;
        result
    }

    fn commitment(&self, key: &str, value: &Value) -> Result<CommitmentDraft, UiError> {
        let (text, date) = match value {
            Value::String(s) => (s.clone(), None),
            Value::Object(map) => {
                if let Some(other) = map.keys().find(|k| *k != "text" && *k != "look_back") {
                    return Err(self.error(format!(
                        "prompt '{key}': unknown key '{other}' (a commitment has text and look_back)"
                    )));
                }
                let text = map.get("text").and_then(Value::as_str).ok_or_else(|| {
                    self.error(format!("prompt '{key}': a commitment needs `text`"))
                })?;
                let date = match map.get("look_back") {
                    None => None,
                    Some(Value::String(d)) => Some(d.clone()),
                    Some(_) => {
                        return Err(self.error(format!(
                            "prompt '{key}': look_back must be a date as \"YYYY-MM-DD\""
                        )));
                    }
                };
                (text.to_string(), date)
            }
            _ => return Err(self.error(format!("prompt '{key}' expects the commitment's text"))),
        };
        let text = text.trim().to_string();
        if text.is_empty() {
            return Err(self.error(format!("prompt '{key}': the commitment is empty")));
        }
        let look_back = match date {
            None => None,
            Some(d) => Some(
                NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                    self.error(format!(
                        "prompt '{key}': look_back '{d}' is not a date as YYYY-MM-DD"
                    ))
                })?,
            ),
        };
        Ok(CommitmentDraft { text, look_back })
    }

    fn check_tidy(
        &mut self,
        key: &str,
        value: &Value,
        statements: &[StatementRecord],
    ) -> Result<(), UiError> {
        let Value::Object(map) = value else {
            return Err(self.error(format!(
                "prompt '{key}' expects a table of statement ids and decisions (keep, let-go, restore, or {{ revise = \"new wording\" }})"
            )));
        };
        for (prefix, decision) in map {
            let wanted = prefix.to_ascii_lowercase();
            let found: Vec<&StatementRecord> = statements
                .iter()
                .filter(|s| s.state() != StatementState::Revised)
                .filter(|s| !wanted.is_empty() && s.id.to_string().starts_with(&wanted))
                .collect();
            let statement = match found.as_slice() {
                [one] => *one,
                [] => {
                    return Err(self.error(format!(
                        "prompt '{key}': there is no current or let-go statement '{prefix}' (see `pi statements --all`)"
                    )));
                }
                _ => {
                    return Err(self.error(format!(
                        "prompt '{key}': statement id '{prefix}' is ambiguous; use more of it"
                    )));
                }
            };
            let let_go = statement.state() == StatementState::LetGo;
            let decision = match decision {
                Value::String(s) => match s.as_str() {
                    "keep" if !let_go => TidyDecision::Keep,
                    "let-go" | "let_go" if !let_go => TidyDecision::LetGo,
                    "restore" if let_go => TidyDecision::Restore,
                    "keep" | "let-go" | "let_go" => {
                        return Err(self.error(format!(
                            "prompt '{key}': statement '{prefix}' was let go earlier; it can be restored or revised"
                        )));
                    }
                    "restore" => {
                        return Err(self.error(format!(
                            "prompt '{key}': statement '{prefix}' is current; only a statement let go can be restored"
                        )));
                    }
                    other => {
                        return Err(self.error(format!(
                            "prompt '{key}': unknown decision '{other}' for statement '{prefix}' (keep, let-go, restore, or {{ revise = \"...\" }})"
                        )));
                    }
                },
                Value::Object(m)
                    if m.len() == 1
                        && m.get("revise")
                            .and_then(Value::as_str)
                            .is_some_and(|t| !t.trim().is_empty()) =>
                {
                    TidyDecision::Revise(
                        m["revise"].as_str().unwrap_or_default().trim().to_string(),
                    )
                }
                _ => {
                    return Err(self.error(format!(
                        "prompt '{key}': the decision for statement '{prefix}' must be keep, let-go, restore, or {{ revise = \"new wording\" }}"
                    )));
                }
            };
            self.tidy.insert(statement.id, decision);
        }
        Ok(())
    }

    fn check_follow_ups(
        &mut self,
        value: &Value,
        commitments: &[CommitmentRecord],
    ) -> Result<(), UiError> {
        let Value::Object(map) = value else {
            return Err(self.error("`follow-up` must be a table of commitment ids and statuses"));
        };
        for (prefix, v) in map {
            let wanted = prefix.to_ascii_lowercase();
            let found: Vec<&CommitmentRecord> = commitments
                .iter()
                .filter(|c| c.status() == CommitmentStatus::Open)
                .filter(|c| !wanted.is_empty() && c.id.to_string().starts_with(&wanted))
                .collect();
            let [commitment] = found.as_slice() else {
                return Err(self.error(format!(
                    "follow-up: {} open commitment fits '{prefix}' (see `pi commitments`)",
                    if found.is_empty() {
                        "no"
                    } else {
                        "more than one"
                    }
                )));
            };
            let (status, note) = match v {
                Value::String(s) => (s.clone(), None),
                Value::Object(m) => (
                    m.get("status")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    m.get("note").and_then(Value::as_str).map(str::to_string),
                ),
                _ => (String::new(), None),
            };
            let status = CommitmentStatus::parse(&status).ok_or_else(|| {
                self.error(format!(
                    "follow-up '{prefix}': status must be done, dropped or open"
                ))
            })?;
            self.follow_ups.insert(commitment.id, (status, note));
        }
        Ok(())
    }
}

/// Converts TOML to JSON, keeping dates as their TOML text (`2027-03-01`), so an unquoted TOML
/// date reads the same as a quoted one.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// serde_json counts columns in bytes; people count characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count() + usize::from(byte_column > line_text.len())
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Reads a JSON value as an answer value (before checking it against the prompt).
fn to_answer(value: &Value) -> Option<AnswerValue> {
    match value {
        Value::String(s) => Some(AnswerValue::Text(s.clone())),
        Value::Number(n) => n.as_i64().map(AnswerValue::Number),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(AnswerValue::Items),
        _ => None,
    }
}

impl Prompter for ScriptedPrompter {
    fn is_interactive(&self) -> bool {
        false
    }

    fn show(&mut self, text: &str) -> Result<(), UiError> {
        self.shown.push(text.to_string());
        Ok(())
    }

    fn saved(&mut self, prompt_id: &str) {
        use std::io::Write;
        // One write, so a line is never cut in half by a kill.
        let _ = std::io::stderr().write_all(format!("saved: {prompt_id}\n").as_bytes());
    }

    fn ask_line(&mut self, question: &str) -> Result<String, UiError> {
        Err(UiError::Script(format!(
            "{}: cannot answer \"{question}\"",
            self.file
        )))
    }

    fn choose(&mut self, question: &str, _: &[String], _: usize) -> Result<usize, UiError> {
        Err(UiError::Script(format!(
            "{}: cannot answer \"{question}\"",
            self.file
        )))
    }

    fn ask_prompt(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<AnswerValue>, UiError> {
        Ok(self
            .values
            .remove(&ask.prompt.id)
            .map_or(Reply::Skip, Reply::Value))
    }

    fn ask_revision(
        &mut self,
        ask: &PromptAsk<'_>,
        _current: Option<&AnswerValue>,
    ) -> Result<Reply<AnswerValue>, UiError> {
        Ok(self
            .values
            .remove(&ask.prompt.id)
            .map_or(Reply::Skip, Reply::Value))
    }

    fn ask_wording(&mut self, statement: &StatementRecord) -> Result<Reply<String>, UiError> {
        Err(UiError::Script(format!(
            "{}: cannot give a new wording for statement {}; pass it with --text",
            self.file,
            statement.id.short()
        )))
    }

    fn ask_commitment(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<CommitmentDraft>, UiError> {
        Ok(self
            .commitments
            .remove(&ask.prompt.id)
            .map_or(Reply::Skip, Reply::Value))
    }

    fn ask_tidy(
        &mut self,
        _: &PromptAsk<'_>,
        tidy: &TidyAsk<'_>,
    ) -> Result<Reply<TidyDecision>, UiError> {
        Ok(self
            .tidy
            .remove(&tidy.statement.id)
            .map_or(Reply::Skip, Reply::Value))
    }

    fn ask_follow_up(
        &mut self,
        commitment: &CommitmentRecord,
    ) -> Result<Reply<(CommitmentStatus, Option<String>)>, UiError> {
        Ok(self
            .follow_ups
            .remove(&commitment.id)
            .map_or(Reply::Skip, Reply::Value))
    }
}
