//! `pi diff` as text for the terminal: coloured only when wanted, otherwise with the
//! `[-removed-]{+added+}` markers of `git diff --word-diff`.

use super::{event, labels, plain, subject, summary};
use crate::clock::local_time;
use crate::domain::AnswerValue;
use crate::domain::untrusted::visible;
use crate::flows::diff::{Change, PromptDiff, SessionDiff, Status, WordChange, WordOp};
use crate::journal::{SessionRecord, SessionStatus};
use crate::words::Words;
use console::Style;
use std::fmt::Write;

/// The diff as text: a header, then changed, only-in, unchanged and statements.
pub(super) fn render(diff: &SessionDiff, words: &'static Words, color: bool) -> String {
    let bold = Style::new().bold().force_styling(color);
    let dim = Style::new().dim().force_styling(color);
    let (red, green) = colours(color);
    let (old_label, new_label) = labels(diff);
    let mut out = String::new();
    let title = format!(
        "Changes from {old_label} to {new_label}: {}",
        subject(diff, words)
    );
    let _ = writeln!(out, "{}", bold.apply_to(title));
    for (role, s) in [("older", &diff.older), ("newer", &diff.newer)] {
        let _ = writeln!(out, "  {role}  {}", session_line(s));
    }
    let _ = writeln!(
        out,
        "\n{}",
        summary(diff, &old_label, &new_label).join(" · ")
    );

    let header = |out: &mut String, p: &PromptDiff| {
        let id = match &p.older_prompt {
            Some(old) if *old != p.prompt => format!("({}, was {old})", p.prompt),
            _ => format!("({})", p.prompt),
        };
        let _ = writeln!(
            out,
            "\n  {} {}",
            bold.apply_to(visible(&p.text)),
            dim.apply_to(visible(&id))
        );
    };
    section(
        &mut out,
        &bold,
        "Changed",
        diff.with_status(Status::Changed),
        |out, p| {
            header(out, p);
            let body = match &p.change {
                Some(Change::Text { words }) => marked(words, color),
                Some(Change::Scale { from, to, delta }) => format!("{from} → {to} ({delta:+})"),
                Some(Change::Choice { from, to }) => {
                    format!("{} → {}", visible(from), visible(to))
                }
                Some(Change::Items {
                    added,
                    removed,
                    kept,
                }) => {
                    let mut lines: Vec<String> = Vec::new();
                    lines.extend(
                        added
                            .iter()
                            .map(|i| green.apply_to(format!("+ {}", visible(i))).to_string()),
                    );
                    lines.extend(
                        removed
                            .iter()
                            .map(|i| red.apply_to(format!("- {}", visible(i))).to_string()),
                    );
                    if *kept > 0 {
                        lines.push(dim.apply_to(format!("({kept} kept)")).to_string());
                    }
                    lines.join("\n")
                }
                None => String::new(),
            };
            indented(out, &body);
        },
    );
    for (status, label) in [
        (Status::OnlyOlder, &old_label),
        (Status::OnlyNewer, &new_label),
    ] {
        section(
            &mut out,
            &bold,
            &format!("Only in {label}"),
            diff.with_status(status),
            |out, p| {
                header(out, p);
                let value = p.older.as_ref().or(p.newer.as_ref());
                let value = value.map(plain).unwrap_or_default();
                indented(out, &visible(&value));
            },
        );
    }
    section(
        &mut out,
        &bold,
        "Unchanged",
        diff.with_status(Status::Unchanged),
        |out, p| {
            let value = p
                .newer
                .as_ref()
                .map(AnswerValue::one_line)
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}  {}",
                short(&p.text, 60),
                dim.apply_to(short(&value, 40))
            );
        },
    );
    if diff.prompts.is_empty() {
        let _ = writeln!(out, "\nNeither session has an answer to compare.");
    }

    let _ = writeln!(
        out,
        "\n{}",
        bold.apply_to(format!("Statements from {old_label} to {new_label}"))
    );
    if diff.statements.is_empty() {
        let _ = writeln!(out, "  None written, let go, restored or revised.");
    }
    for s in &diff.statements {
        let wording = match &s.words {
            Some(words) => marked(words, color),
            None => visible(&s.text).into_owned(),
        };
        let date = local_time(&s.at);
        let _ = writeln!(
            out,
            "  {}  {:<8}  {wording}",
            &date[..10.min(date.len())],
            event(s.event)
        );
    }
    out
}

fn colours(color: bool) -> (Style, Style) {
    (
        Style::new().red().strikethrough().force_styling(color),
        Style::new().green().underlined().force_styling(color),
    )
}

/// `id  date  pack@version  (context)  [in progress]`.
fn session_line(s: &SessionRecord) -> String {
    let mut line = format!(
        "{}  {}  {}@{}",
        s.id.short(),
        local_time(&s.started_at),
        visible(&s.pack_id),
        visible(&s.pack_version)
    );
    if !s.context.is_empty() {
        let _ = write!(line, "  ({})", visible(&s.context));
    }
    if s.status == SessionStatus::InProgress {
        line.push_str("  [in progress]");
    }
    line
}

/// A titled text section, left out when it has no prompts.
fn section<'a>(
    out: &mut String,
    bold: &Style,
    title: &str,
    prompts: impl Iterator<Item = &'a PromptDiff>,
    mut each: impl FnMut(&mut String, &PromptDiff),
) {
    let mut prompts = prompts.peekable();
    if prompts.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n{}", bold.apply_to(title));
    for p in prompts {
        each(out, p);
    }
}

/// Each line of `body` indented under its prompt.
fn indented(out: &mut String, body: &str) {
    for line in body.lines() {
        let _ = writeln!(out, "    {line}");
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    let one_line = visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A word diff as `[-removed-]{+added+}`, or red and green. Colour is applied line by line,
/// so the indentation added under a prompt is never underlined.
fn marked(words: &[WordChange], color: bool) -> String {
    let (red, green) = colours(color);
    let paint = |style: &Style, text: &str| {
        text.split('\n')
            .map(|line| style.apply_to(line).to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    words
        .iter()
        .map(|w| match (w.op, color) {
            (WordOp::Equal, _) => visible(&w.text).into_owned(),
            (WordOp::Delete, true) => paint(&red, &visible(&w.text)),
            (WordOp::Insert, true) => paint(&green, &visible(&w.text)),
            (WordOp::Delete, false) => format!("[-{}-]", visible(&w.text)),
            (WordOp::Insert, false) => format!("{{+{}+}}", visible(&w.text)),
        })
        .collect()
}
