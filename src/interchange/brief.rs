//! The appraisal brief: a Markdown document a person would gladly bring to the yearly
//! conversation, built from the review's overview and answers.

use super::markdown::{block, inline};
use crate::domain::AnswerValue;
use crate::domain::sparkline::sparkline;
use crate::flows::review::Overview;
use crate::words::{Words, fill};
use std::fmt::Write;

/// One review question and what was answered.
#[derive(Debug, Clone)]
pub struct BriefAnswer {
    /// The question as asked.
    pub question: String,
    /// The answer, if any.
    pub value: Option<AnswerValue>,
}

/// Renders the brief. `today` is the date it is written; `mode_name` names a session's mode.
pub fn render(
    overview: &Overview,
    answers: &[BriefAnswer],
    words: &Words,
    today: &str,
    mode_name: &dyn Fn(&crate::journal::SessionRecord) -> String,
) -> String {
    let mut md = String::new();
    let start = overview.period.start.format("%Y-%m-%d").to_string();
    let end = (overview.period.end - chrono::Duration::milliseconds(1))
        .format("%Y-%m-%d")
        .to_string();
    let _ = writeln!(md, "# {} {start} – {end}\n", words.brief_title);
    let _ = writeln!(
        md,
        "_{}_\n",
        fill(words.brief_prepared, &[today, &start, &end])
    );

    let _ = writeln!(md, "## {}\n", words.brief_glance);
    if overview.sessions.is_empty() {
        let _ = writeln!(md, "{}\n", words.brief_no_sessions);
    } else {
        let mut by_mode: Vec<(String, usize)> = Vec::new();
        for s in &overview.sessions {
            let name = mode_name(s);
            match by_mode.iter_mut().find(|(m, _)| *m == name) {
                Some((_, n)) => *n += 1,
                None => by_mode.push((name, 1)),
            }
        }
        let modes = by_mode
            .iter()
            .map(|(m, n)| format!("{n} × {m}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            md,
            "- {}: {}",
            fill(
                words.brief_sessions,
                &[&overview.sessions.len().to_string()]
            ),
            inline(&modes)
        );
        let mut contexts: Vec<&str> = overview
            .sessions
            .iter()
            .map(|s| s.context.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        contexts.dedup();
        if !contexts.is_empty() {
            let list = contexts
                .iter()
                .map(|c| inline(c))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(md, "- {}: {list}", words.brief_contexts);
        }
        md.push('\n');
    }

    if !overview.statements_now.is_empty() {
        let _ = writeln!(md, "## {}\n", words.brief_statements);
        for s in &overview.statements_now {
            let new = if overview.statements_at_start.contains(s) {
                String::new()
            } else {
                format!(" _({})_", words.brief_new)
            };
            let _ = writeln!(md, "- {}{new}", inline(s));
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## {}\n", words.brief_changes);
    let changes = overview.written.len()
        + overview.let_go.len()
        + overview.restored.len()
        + overview.revised.len();
    if changes == 0 {
        let _ = writeln!(md, "{}\n", words.brief_no_changes);
    } else {
        for s in &overview.written {
            let _ = writeln!(md, "- {}: {}", words.brief_written, inline(s));
        }
        for (old, new) in &overview.revised {
            let _ = writeln!(
                md,
                "- {}: ~~{}~~ → {}",
                words.brief_revised,
                inline(old),
                inline(new)
            );
        }
        for s in &overview.let_go {
            let _ = writeln!(md, "- {}: {}", words.brief_let_go, inline(s));
        }
        for s in &overview.restored {
            let _ = writeln!(md, "- {}: {}", words.brief_restored, inline(s));
        }
        md.push('\n');
    }

    if !(overview.done.is_empty() && overview.dropped.is_empty() && overview.open.is_empty()) {
        let _ = writeln!(md, "## {}\n", words.brief_commitments);
        let note = |n: &Option<String>| {
            n.as_deref()
                .map(|n| format!(" — {}", inline(n)))
                .unwrap_or_default()
        };
        for (text, n) in &overview.done {
            let _ = writeln!(md, "- {}: {}{}", words.brief_done, inline(text), note(n));
        }
        for (text, n) in &overview.dropped {
            let _ = writeln!(md, "- {}: {}{}", words.brief_dropped, inline(text), note(n));
        }
        for c in &overview.open {
            let date = c.look_back.map(|d| format!(" ({d})")).unwrap_or_default();
            let _ = writeln!(md, "- {}: {}{date}", words.brief_open, inline(&c.text));
        }
        md.push('\n');
    }

    if !overview.trends.is_empty() {
        let _ = writeln!(md, "## {}\n", words.brief_trends);
        for t in &overview.trends {
            let values: Vec<i64> = t.points.iter().map(|(_, v)| *v).collect();
            let series = values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" → ");
            let chart = sparkline(&values, None, 60)
                .map(|line| format!(" `{line}`"))
                .unwrap_or_default();
            let _ = writeln!(md, "- {}: {series}{chart}", inline(&t.prompt_text));
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## {}\n", words.brief_answers);
    for a in answers {
        let _ = writeln!(md, "### {}\n", inline(&a.question));
        match &a.value {
            Some(AnswerValue::Text(t)) => {
                let _ = writeln!(md, "{}\n", block(t));
            }
            Some(AnswerValue::Number(n)) => {
                let _ = writeln!(md, "{n}\n");
            }
            Some(AnswerValue::Items(items)) => {
                for item in items {
                    let _ = writeln!(md, "- {}", inline(item));
                }
                md.push('\n');
            }
            None => {
                let _ = writeln!(md, "_{}_\n", words.brief_skipped);
            }
        }
    }
    md.trim_end().to_string() + "\n"
}
