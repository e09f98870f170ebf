//! The terminal prompter: dialoguer menus and inputs, `$VISUAL`/`$EDITOR` for long answers.
//! The only file that imports dialoguer.

use super::{PromptAsk, Prompter, Reply, TidyAsk, UiError, editor};
use crate::domain::AnswerValue;
use crate::domain::untrusted::{visible, visible_except_styles};
use crate::flows::values::check_value;
use crate::journal::{
    CommitmentDraft, CommitmentRecord, CommitmentStatus, StatementRecord, TidyDecision,
};
use crate::packs::{Prompt, PromptKind};
use crate::words::{Words, fill};
use chrono::NaiveDate;
use console::{Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

/// Asks a person at the terminal.
pub struct TermPrompter {
    term: Term,
    /// Where `$EDITOR` files are written: a private directory of pi's own.
    editor_dir: Option<std::path::PathBuf>,
    theme: Box<dyn Theme>,
    words: &'static Words,
    bold: Style,
    dim: Style,
}

/// What the person chose at the menu shown after an empty answer.
enum MenuChoice {
    Again,
    Skip,
    Pause,
}

fn map_err(e: dialoguer::Error) -> UiError {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        let _ = Term::stdout().show_cursor();
        UiError::Interrupted
    } else {
        UiError::Io(io)
    }
}

/// Cuts `text` to `width` characters, marking the cut.
fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

impl TermPrompter {
    /// A prompter on stdout speaking `words`. Ctrl-C ends the current question (and the
    /// session pauses) instead of killing the process mid-write.
    pub fn new(words: &'static Words, color: bool) -> Result<Self, UiError> {
        super::interrupts::catch()?;
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Ok(Self {
            term: Term::stdout(),
            editor_dir: None,
            theme,
            words,
            bold: Style::new().bold(),
            dim: Style::new().dim(),
        })
    }

    /// Long answers written with `$EDITOR` go into a file in `dir` (see [`super::editor`]).
    #[must_use]
    pub fn with_editor_dir(mut self, dir: std::path::PathBuf) -> Self {
        self.editor_dir = Some(dir);
        self
    }

    /// Writes a line; a control sequence or bidi override that outside text still carries is
    /// made visible here, pi's own styles pass.
    fn line(&self, text: &str) -> Result<(), UiError> {
        self.term
            .write_line(&visible_except_styles(text))
            .map_err(UiError::Io)
    }

    /// A menu whose items never wrap (dialoguer redraws by line count, so a wrapped item would
    /// leave debris). The question goes on its own line above, where it may wrap freely.
    fn select<S: AsRef<str>>(
        &self,
        question: Option<&str>,
        items: &[S],
        default: usize,
    ) -> Result<usize, UiError> {
        if let Some(q) = question {
            self.line(&format!("{}", self.bold.apply_to(q)))?;
        }
        let width = usize::from(self.term.size().1).saturating_sub(4).max(20);
        let shown: Vec<String> = items
            .iter()
            .map(|i| truncate(&visible(i.as_ref()), width))
            .collect();
        let picked = Select::with_theme(&*self.theme)
            .items(&shown)
            .default(default)
            .interact_on(&self.term)
            .map_err(map_err)?;
        self.line(&format!("  {} {}", self.dim.apply_to("›"), shown[picked]))?;
        Ok(picked)
    }

    fn input(&self, prompt: &str) -> Result<String, UiError> {
        Input::<String>::with_theme(&*self.theme)
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(map_err)
    }

    /// One line of text starting from `initial` (offered as shown: outside text may carry
    /// control characters); the original comes back when it was left as offered.
    fn input_from(&self, prompt: &str, initial: &str) -> Result<String, UiError> {
        let shown = visible(initial).into_owned();
        let typed = Input::<String>::with_theme(&*self.theme)
            .with_prompt(prompt)
            .with_initial_text(shown.clone())
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(map_err)?;
        Ok(if typed == shown {
            initial.to_string()
        } else {
            typed
        })
    }

    /// The lines of an earlier answer, each offered to change (emptied: left out; a blank
    /// line between paragraphs stays), then new lines until an empty one.
    fn lines_from(&self, current: &[String]) -> Result<Vec<String>, UiError> {
        self.line(&format!(
            "{}",
            self.dim.apply_to(self.words.edit_lines_hint)
        ))?;
        let mut lines = Vec::new();
        for old in current {
            if old.trim().is_empty() {
                lines.push(old.clone());
                continue;
            }
            let line = self.input_from(" ", old)?;
            if !line.trim().is_empty() {
                lines.push(line);
            }
        }
        loop {
            let line = self.input(" ")?;
            if line.trim().is_empty() {
                break;
            }
            lines.push(line);
        }
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        Ok(lines)
    }

    /// A long answer to revise: in `$EDITOR` with the answer above the note, else line by
    /// line. `None`: leave it as it is.
    fn long_text_from(&self, prompt: &Prompt, current: &str) -> Result<Option<String>, UiError> {
        if let (Some(editor), Some(dir)) = (editor::configured(), &self.editor_dir) {
            self.line(&format!("{}", self.dim.apply_to(self.words.editor_hint)))?;
            let note = editor::template(self.words, &prompt.text, prompt.help.as_deref());
            let template = format!("{current}\n{}", &note[1..]);
            return match editor::run(&editor, dir, &prompt.id, &template)? {
                None => Ok(None),
                Some(text) => {
                    Ok(Some(editor::answer(self.words, &text)).filter(|t| !t.trim().is_empty()))
                }
            };
        }
        let old: Vec<String> = current.lines().map(str::to_string).collect();
        let lines = self.lines_from(&old)?;
        Ok(Some(lines.join("\n")).filter(|t| !t.trim().is_empty()))
    }

    fn header(&self, ask: &PromptAsk<'_>) -> Result<(), UiError> {
        self.line("")?;
        self.line(&format!(
            "{} {}",
            self.dim
                .apply_to(format!("[{}/{}]", ask.position, ask.total)),
            self.bold.apply_to(visible(&ask.prompt.text))
        ))
    }

    fn help(&self, prompt: &Prompt) -> Result<(), UiError> {
        let help = prompt.help.as_deref().unwrap_or(self.words.no_help);
        self.line(&format!("{}", self.dim.apply_to(help)))
    }

    /// Offered when the answer is empty: answer after all, read why, skip or pause.
    fn menu(&self, prompt: &Prompt) -> Result<MenuChoice, UiError> {
        loop {
            let items = [
                self.words.menu_answer,
                self.words.menu_help,
                self.words.menu_skip,
                self.words.menu_pause,
            ];
            match self.select(Some(self.words.menu_title), &items, 0)? {
                0 => return Ok(MenuChoice::Again),
                1 => self.help(prompt)?,
                2 => return Ok(MenuChoice::Skip),
                _ => return Ok(MenuChoice::Pause),
            }
        }
    }

    fn after_empty<T>(&self, prompt: &Prompt) -> Result<Option<Reply<T>>, UiError> {
        Ok(match self.menu(prompt)? {
            MenuChoice::Again => None,
            MenuChoice::Skip => Some(Reply::Skip),
            MenuChoice::Pause => Some(Reply::Pause),
        })
    }

    /// Lines until an empty one.
    fn lines(&self, first_prompt: &str) -> Result<Vec<String>, UiError> {
        let mut lines = Vec::new();
        loop {
            let line = self.input(if lines.is_empty() { first_prompt } else { " " })?;
            if line.trim().is_empty() {
                return Ok(lines);
            }
            lines.push(line);
        }
    }

    fn long_text(&self, prompt: &Prompt) -> Result<Option<String>, UiError> {
        if let (Some(editor), Some(dir)) = (editor::configured(), &self.editor_dir) {
            self.line(&format!("{}", self.dim.apply_to(self.words.editor_hint)))?;
            let template = editor::template(self.words, &prompt.text, prompt.help.as_deref());
            return match editor::run(&editor, dir, &prompt.id, &template)? {
                None => {
                    self.line(self.words.editor_unsaved)?;
                    Ok(None)
                }
                Some(text) => {
                    let answer = editor::answer(self.words, &text);
                    Ok(Some(answer).filter(|t| !t.trim().is_empty()))
                }
            };
        }
        self.line(&format!("{}", self.dim.apply_to(self.words.long_hint)))?;
        let lines = self.lines(">")?;
        Ok(Some(lines.join("\n")).filter(|t| !t.trim().is_empty()))
    }

    fn scale(&self, prompt: &Prompt) -> Result<Reply<AnswerValue>, UiError> {
        let PromptKind::Scale {
            min,
            max,
            min_label,
            max_label,
        } = &prompt.kind
        else {
            return Ok(Reply::Skip);
        };
        self.line(&format!(
            "{}",
            self.dim.apply_to(fill(
                self.words.scale_hint,
                &[&min.to_string(), min_label, &max.to_string(), max_label]
            ))
        ))?;
        loop {
            let text = self.input(">")?;
            if text.trim().is_empty() {
                match self.after_empty(prompt)? {
                    Some(reply) => return Ok(reply),
                    None => continue,
                }
            }
            match text.trim().parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => {
                    return Ok(Reply::Value(AnswerValue::Number(n)));
                }
                _ => self.line(&fill(
                    self.words.scale_invalid,
                    &[&min.to_string(), &max.to_string()],
                ))?,
            }
        }
    }

    fn choice(&self, prompt: &Prompt, options: &[String]) -> Result<Reply<AnswerValue>, UiError> {
        loop {
            let mut items: Vec<String> = options.to_vec();
            items.push(format!("({})", self.words.menu_help));
            items.push(format!("({})", self.words.menu_skip));
            items.push(format!("({})", self.words.menu_pause));
            let picked = self.select(None, &items, 0)?;
            match picked.checked_sub(options.len()) {
                None => return Ok(Reply::Value(AnswerValue::Text(options[picked].clone()))),
                Some(0) => self.help(prompt)?,
                Some(1) => return Ok(Reply::Skip),
                Some(_) => return Ok(Reply::Pause),
            }
        }
    }
}

impl Prompter for TermPrompter {
    fn is_interactive(&self) -> bool {
        true
    }

    fn show(&mut self, text: &str) -> Result<(), UiError> {
        self.line(text)
    }

    fn ask_line(&mut self, question: &str) -> Result<String, UiError> {
        self.line("")?;
        self.line(&format!("{}", self.bold.apply_to(question)))?;
        Ok(self.input(">")?.trim().to_string())
    }

    fn choose(
        &mut self,
        question: &str,
        options: &[String],
        default: usize,
    ) -> Result<usize, UiError> {
        self.line("")?;
        self.select(Some(question), options, default)
    }

    fn ask_prompt(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<AnswerValue>, UiError> {
        let prompt = ask.prompt;
        self.header(ask)?;
        match &prompt.kind {
            PromptKind::Scale { .. } => return self.scale(prompt),
            PromptKind::Choice { options } => return self.choice(prompt, options),
            _ => {}
        }
        let hint = match prompt.kind {
            PromptKind::List => Some(self.words.list_hint),
            PromptKind::Statements => Some(self.words.statements_hint),
            PromptKind::ShortText => Some(self.words.empty_hint),
            _ => None,
        };
        loop {
            if let Some(hint) = hint {
                self.line(&format!("{}", self.dim.apply_to(hint)))?;
            }
            let value = match prompt.kind {
                PromptKind::LongText => self.long_text(prompt)?.map(AnswerValue::Text),
                PromptKind::List | PromptKind::Statements => {
                    Some(AnswerValue::Items(self.lines(">")?))
                        .filter(|v| v != &AnswerValue::Items(vec![]))
                }
                _ => Some(AnswerValue::Text(self.input(">")?)),
            };
            match value.map(|v| check_value(prompt, v)) {
                Some(Ok(v)) => return Ok(Reply::Value(v)),
                Some(Err(_)) | None => {
                    if let Some(reply) = self.after_empty(prompt)? {
                        return Ok(reply);
                    }
                }
            }
        }
    }

    fn ask_revision(
        &mut self,
        ask: &PromptAsk<'_>,
        current: Option<&AnswerValue>,
    ) -> Result<Reply<AnswerValue>, UiError> {
        let prompt = ask.prompt;
        self.header(ask)?;
        let text_of = |v: Option<&AnswerValue>| match v {
            Some(AnswerValue::Text(t)) => t.clone(),
            Some(AnswerValue::Number(n)) => n.to_string(),
            Some(AnswerValue::Items(items)) => items.join("\n"),
            None => String::new(),
        };
        let keep = Reply::Skip;
        let value = match &prompt.kind {
            PromptKind::Choice { options } => {
                let mut items = options.clone();
                items.push(self.words.edit_keep.to_string());
                let now = text_of(current);
                let default = options.iter().position(|o| *o == now).unwrap_or(0);
                let picked = self.select(None, &items, default)?;
                match options.get(picked) {
                    Some(o) => AnswerValue::Text(o.clone()),
                    None => return Ok(keep),
                }
            }
            PromptKind::Scale { min, max, .. } => {
                self.line(&format!("{}", self.dim.apply_to(self.words.edit_hint)))?;
                loop {
                    let text = self.input_from(">", &text_of(current))?;
                    if text.trim().is_empty() {
                        return Ok(keep);
                    }
                    match text.trim().parse::<i64>() {
                        Ok(n) if (*min..=*max).contains(&n) => break AnswerValue::Number(n),
                        _ => self.line(&fill(
                            self.words.scale_invalid,
                            &[&min.to_string(), &max.to_string()],
                        ))?,
                    }
                }
            }
            PromptKind::LongText => match self.long_text_from(prompt, &text_of(current))? {
                Some(text) => AnswerValue::Text(text),
                None => return Ok(keep),
            },
            PromptKind::List => {
                let old = match current {
                    Some(AnswerValue::Items(items)) => items.clone(),
                    other => vec![text_of(other)]
                        .into_iter()
                        .filter(|t| !t.is_empty())
                        .collect(),
                };
                let items = self.lines_from(&old)?;
                if items.is_empty() {
                    return Ok(keep);
                }
                AnswerValue::Items(items)
            }
            PromptKind::ShortText => {
                self.line(&format!("{}", self.dim.apply_to(self.words.edit_hint)))?;
                let text = self.input_from(">", &text_of(current))?;
                if text.trim().is_empty() {
                    return Ok(keep);
                }
                AnswerValue::Text(text)
            }
            // What these prompts wrote lives in statements, the tidy walk and commitments;
            // `pi edit` never asks them again.
            PromptKind::Statements | PromptKind::Tidy | PromptKind::Commitment => return Ok(keep),
        };
        Ok(check_value(prompt, value).map_or(keep, Reply::Value))
    }

    fn ask_wording(&mut self, statement: &StatementRecord) -> Result<Reply<String>, UiError> {
        self.line("")?;
        self.line(&format!(
            "{}",
            self.bold
                .apply_to(format!("\u{201c}{}\u{201d}", visible(&statement.text)))
        ))?;
        let wording = self.input_from(self.words.edit_wording, &statement.text)?;
        let wording = wording.trim();
        if wording.is_empty() || wording == statement.text.trim() {
            return Ok(Reply::Skip);
        }
        Ok(Reply::Value(wording.to_string()))
    }

    fn ask_commitment(&mut self, ask: &PromptAsk<'_>) -> Result<Reply<CommitmentDraft>, UiError> {
        self.header(ask)?;
        let text = loop {
            let text = self.input(">")?;
            if !text.trim().is_empty() {
                break text.trim().to_string();
            }
            if let Some(reply) = self.after_empty(ask.prompt)? {
                return Ok(reply);
            }
        };
        let look_back = loop {
            self.line(&format!(
                "{}",
                self.dim.apply_to(self.words.commitment_date)
            ))?;
            let date = self.input(">")?;
            if date.trim().is_empty() {
                break None;
            }
            match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
                Ok(d) => break Some(d),
                Err(_) => self.line(self.words.commitment_date_invalid)?,
            }
        };
        Ok(Reply::Value(CommitmentDraft { text, look_back }))
    }

    fn ask_tidy(
        &mut self,
        _: &PromptAsk<'_>,
        tidy: &TidyAsk<'_>,
    ) -> Result<Reply<TidyDecision>, UiError> {
        let w = self.words;
        self.line("")?;
        self.line(&format!(
            "{} {}{}",
            self.dim.apply_to(fill(
                w.tidy_intro,
                &[&tidy.position.to_string(), &tidy.total.to_string()]
            )),
            self.bold
                .apply_to(format!("\u{201c}{}\u{201d}", visible(&tidy.statement.text))),
            if tidy.let_go {
                format!(" {}", w.tidy_let_go_label)
            } else {
                String::new()
            }
        ))?;
        let mut options: Vec<(&str, Option<TidyDecision>)> = if tidy.let_go {
            vec![(w.tidy_restore, Some(TidyDecision::Restore))]
        } else {
            vec![
                (w.tidy_keep, Some(TidyDecision::Keep)),
                (w.tidy_let_go, Some(TidyDecision::LetGo)),
            ]
        };
        options.push((w.tidy_revise, None));
        options.push((w.menu_skip, None));
        options.push((w.menu_pause, None));
        let labels: Vec<&str> = options.iter().map(|(l, _)| *l).collect();
        let picked = self.select(None, &labels, 0)?;
        let n = options.len();
        if picked == n - 1 {
            return Ok(Reply::Pause);
        }
        if picked == n - 2 {
            return Ok(Reply::Skip);
        }
        if picked == n - 3 {
            // Offered as shown: an imported statement may carry control characters.
            let shown = visible(&tidy.statement.text).into_owned();
            let wording = Input::<String>::with_theme(&*self.theme)
                .with_prompt(w.tidy_new_wording)
                .with_initial_text(shown.clone())
                .interact_text_on(&self.term)
                .map_err(map_err)?;
            let wording = wording.trim().to_string();
            if wording.is_empty() || wording == shown || wording == tidy.statement.text {
                return Ok(Reply::Skip);
            }
            return Ok(Reply::Value(TidyDecision::Revise(wording)));
        }
        Ok(options
            .swap_remove(picked)
            .1
            .map_or(Reply::Skip, Reply::Value))
    }

    fn ask_follow_up(
        &mut self,
        commitment: &CommitmentRecord,
    ) -> Result<Reply<(CommitmentStatus, Option<String>)>, UiError> {
        let w = self.words;
        let date = commitment
            .look_back
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        self.line("")?;
        self.line(&format!(
            "{}{date}",
            self.bold
                .apply_to(format!("\u{201c}{}\u{201d}", visible(&commitment.text)))
        ))?;
        let items = [
            w.follow_up_done,
            w.follow_up_dropped,
            w.follow_up_open,
            w.menu_skip,
            w.menu_pause,
        ];
        let status = match self.select(Some(w.follow_up_question), &items, 0)? {
            0 => CommitmentStatus::Done,
            1 => CommitmentStatus::Dropped,
            2 => CommitmentStatus::Open,
            3 => return Ok(Reply::Skip),
            _ => return Ok(Reply::Pause),
        };
        self.line(&format!("{}", self.dim.apply_to(w.follow_up_note)))?;
        let note = self.input(">")?;
        let note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
        Ok(Reply::Value((status, note)))
    }
}
