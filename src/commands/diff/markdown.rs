//! `pi diff` as `CommonMark`: a heading per section and per prompt, everything the person
//! wrote escaped so that it cannot change the document's structure.

use super::{event, labels, plain, subject, summary};
use crate::clock::local_time;
use crate::domain::AnswerValue;
use crate::flows::diff::{Change, PromptDiff, SessionDiff, Status, WordChange, WordOp};
use crate::interchange::markdown;
use crate::journal::SessionStatus;
use crate::words::Words;
use std::fmt::Write;

/// The diff as `CommonMark`: a heading per section and per prompt; removed and added words as
/// `<del>` and `<ins>`, which `CommonMark` passes through as inline HTML.
pub(super) fn render(diff: &SessionDiff, words: &'static Words) -> String {
    let (old_label, new_label) = labels(diff);
    let mut out = format!("# Changes from {old_label} to {new_label}\n\n");
    let _ = writeln!(
        out,
        "Sessions of {}:\n",
        markdown::inline(&subject(diff, words))
    );
    for (role, s) in [("Older", &diff.older), ("Newer", &diff.newer)] {
        let mut line = format!(
            "session `{}`, {}, {}",
            s.id.short(),
            local_time(&s.started_at),
            markdown::inline(&format!("{}@{}", s.pack_id, s.pack_version))
        );
        if !s.context.is_empty() {
            let _ = write!(line, ", {}", markdown::inline(&s.context));
        }
        if s.status == SessionStatus::InProgress {
            line.push_str(" (in progress)");
        }
        let _ = writeln!(out, "- {role}: {line}");
    }
    let _ = writeln!(
        out,
        "\n{}.",
        summary(diff, &old_label, &new_label).join(", ")
    );
    let heading = |out: &mut String, p: &PromptDiff| {
        let _ = write!(out, "\n### {}\n\n", markdown::inline(&p.text));
    };
    md_section(
        &mut out,
        "Changed",
        diff.with_status(Status::Changed),
        |out, p| {
            heading(out, p);
            match &p.change {
                Some(Change::Text { words }) => {
                    let _ = writeln!(out, "{}", md_words(words));
                }
                Some(Change::Scale { from, to, delta }) => {
                    let _ = writeln!(out, "{from} → {to} ({delta:+})");
                }
                Some(Change::Choice { from, to }) => {
                    let (from, to) = (markdown::inline(from), markdown::inline(to));
                    let _ = writeln!(out, "{from} → {to}");
                }
                Some(Change::Items {
                    added,
                    removed,
                    kept,
                }) => {
                    for (sign, items) in [("Added", added), ("Removed", removed)] {
                        for item in items {
                            let _ = writeln!(out, "- {sign}: {}", markdown::inline(item));
                        }
                    }
                    if *kept > 0 {
                        let _ = writeln!(out, "\n{kept} kept.");
                    }
                }
                None => {}
            }
        },
    );
    for (status, label) in [
        (Status::OnlyOlder, &old_label),
        (Status::OnlyNewer, &new_label),
    ] {
        md_section(
            &mut out,
            &format!("Only in {label}"),
            diff.with_status(status),
            |out, p| {
                heading(out, p);
                match p.older.as_ref().or(p.newer.as_ref()) {
                    Some(AnswerValue::Items(items)) => {
                        for item in items {
                            let _ = writeln!(out, "- {}", markdown::inline(item));
                        }
                    }
                    Some(value) => {
                        let _ = writeln!(out, "{}", markdown::block(&plain(value)));
                    }
                    None => {}
                }
            },
        );
    }
    md_section(
        &mut out,
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
                "- {}: {}",
                markdown::inline(&p.text),
                markdown::inline(&value)
            );
        },
    );
    let _ = writeln!(out, "\n## Statements\n");
    if diff.statements.is_empty() {
        let _ = writeln!(out, "None written, let go, restored or revised.");
    }
    for s in &diff.statements {
        let wording = match &s.words {
            Some(words) => md_words(words).replace("  \n", " ").replace("\n\n", " "),
            None => markdown::inline(&s.text),
        };
        let date = local_time(&s.at);
        let _ = writeln!(
            out,
            "- {}, {}: {wording}",
            &date[..10.min(date.len())],
            event(s.event)
        );
    }
    out
}

/// A `##` section, left out when it has no prompts.
fn md_section<'a>(
    out: &mut String,
    title: &str,
    prompts: impl Iterator<Item = &'a PromptDiff>,
    mut each: impl FnMut(&mut String, &PromptDiff),
) {
    let mut prompts = prompts.peekable();
    if prompts.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n## {}", markdown::inline(title));
    for p in prompts {
        each(out, p);
    }
}

/// A word diff as `CommonMark` paragraphs: every line's pieces escaped, removed and added
/// pieces wrapped per line so that no tag spans a paragraph break, and a line's first plain
/// piece escaped as a line start (a `#` or `-` there stays text).
fn md_words(words: &[WordChange]) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for w in words {
        for (n, piece) in w.text.split('\n').enumerate() {
            if n > 0 {
                lines.push(String::new());
            }
            let line = lines.last_mut().expect("one line at least");
            if piece.is_empty() {
                continue;
            }
            match w.op {
                WordOp::Equal if line.is_empty() => line.push_str(&markdown::inline(piece)),
                WordOp::Equal => line.push_str(&markdown::span(piece)),
                WordOp::Delete => {
                    let _ = write!(line, "<del>{}</del>", markdown::span(piece));
                }
                WordOp::Insert => {
                    let _ = write!(line, "<ins>{}</ins>", markdown::span(piece));
                }
            }
        }
    }
    lines
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("  \n")
        .replace("  \n  \n", "\n\n")
}
