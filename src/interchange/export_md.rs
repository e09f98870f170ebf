//! The Markdown export: readable in any editor and valid CommonMark, for a professional
//! friend who does not use `pi`. One section per session, each question a heading with its
//! current answer under it. Everything a person wrote goes through `markdown.rs`, so no
//! answer can add a heading, a list, a link or HTML to the document.

use super::export::{
    Document, Meta, Scale, commitment_history, labels, mode_name, scales, shown_answers,
    statement_history,
};
use super::format::{Commitment, PackSnapshot, Session, Statement};
use super::markdown::{block, inline};
use crate::clock::{local_date, local_time};
use crate::domain::AnswerValue;
use crate::words::fill;
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes a Markdown export to `out`.
pub struct MarkdownExport<W: Write> {
    out: W,
    meta: Meta,
    scales: HashMap<(String, String, String), Scale>,
    in_statements: bool,
    in_commitments: bool,
}

impl<W: Write> MarkdownExport<W> {
    /// A Markdown export described by `meta`.
    pub fn new(out: W, meta: Meta) -> Self {
        Self {
            out,
            meta,
            scales: HashMap::new(),
            in_statements: false,
            in_commitments: false,
        }
    }

    /// Hands back the writer (after [`Document::finish`]).
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Inline text safe as heading content: a `#` at the end would otherwise close the heading
/// and vanish.
pub fn heading(text: &str) -> String {
    let mut line = inline(text);
    if line.ends_with('#') {
        line.pop();
        line.push_str("\\#");
    }
    line
}

/// An answer as Markdown blocks (without a trailing blank line).
pub fn answer(
    value: Option<&AnswerValue>,
    scale: Option<&Scale>,
    language: crate::domain::Language,
) -> String {
    let l = labels(language);
    match value {
        None => format!("_{}_", inline(l.skipped)),
        Some(AnswerValue::Text(t)) if t.trim().is_empty() => format!("_{}_", inline(l.empty)),
        Some(AnswerValue::Text(t)) => block(t.trim_end()),
        Some(AnswerValue::Number(n)) => match scale {
            Some(s) => format!(
                "**{n}** {}",
                inline(&fill(
                    l.scale_of,
                    &[
                        &s.min.to_string(),
                        &s.min_label,
                        &s.max.to_string(),
                        &s.max_label
                    ]
                ))
            ),
            None => format!("**{n}**"),
        },
        Some(AnswerValue::Items(items)) if items.is_empty() => format!("_{}_", inline(l.empty)),
        Some(AnswerValue::Items(items)) => items
            .iter()
            .map(|i| format!("- {}", inline(i)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

impl<W: Write> Document for MarkdownExport<W> {
    fn start(&mut self, snapshots: &[PackSnapshot]) -> io::Result<()> {
        self.scales = scales(snapshots);
        let l = labels(self.meta.language);
        writeln!(self.out, "# {}\n", heading(l.title))?;
        let line = fill(
            l.exported,
            &[&self.meta.date, &self.meta.sessions.to_string()],
        );
        writeln!(self.out, "_{}_\n", inline(&line))
    }

    fn session(&mut self, session: &Session) -> io::Result<()> {
        let lang = self.meta.language;
        let l = labels(lang);
        writeln!(
            self.out,
            "## {} — {}\n",
            heading(&local_time(&session.started_at)),
            heading(&mode_name(session, lang))
        )?;
        if !session.context.trim().is_empty() {
            writeln!(self.out, "- {}: {}", l.context, inline(&session.context))?;
        }
        writeln!(
            self.out,
            "- {}: {}",
            l.pack,
            inline(&format!("{} {}", session.pack_id, session.pack_version))
        )?;
        let status = if session.status == "finished" {
            l.finished
        } else {
            l.in_progress
        };
        writeln!(self.out, "- {}: {status}", l.status)?;
        let answers = shown_answers(session);
        let count = fill(
            l.answered,
            &[
                &answers.len().to_string(),
                &session.prompt_count.to_string(),
            ],
        );
        writeln!(self.out, "- {count}")?;
        writeln!(
            self.out,
            "- {}: `{}`\n",
            l.session,
            &session.id[..8.min(session.id.len())]
        )?;
        if answers.is_empty() {
            writeln!(self.out, "_{}_\n", inline(l.no_answers))?;
        }
        for a in answers {
            let scale = self.scales.get(&(
                a.pack_id.clone(),
                a.pack_version.clone(),
                a.prompt_id.clone(),
            ));
            writeln!(self.out, "### {}\n", heading(&a.prompt_text))?;
            writeln!(self.out, "{}\n", answer(a.value.as_ref(), scale, lang))?;
        }
        Ok(())
    }

    fn statement(&mut self, statement: &Statement) -> io::Result<()> {
        if !self.in_statements {
            self.in_statements = true;
            writeln!(self.out, "## {}\n", labels(self.meta.language).statements)?;
        }
        writeln!(
            self.out,
            "- {} _({})_",
            inline(&statement.text),
            inline(&statement_history(statement))
        )
    }

    fn commitment(&mut self, commitment: &Commitment) -> io::Result<()> {
        let l = labels(self.meta.language);
        if !self.in_commitments {
            self.in_commitments = true;
            if self.in_statements {
                self.out.write_all(b"\n")?;
            }
            writeln!(self.out, "## {}\n", l.commitments)?;
        }
        let mut line = format!("- {}", inline(&commitment.text));
        let date = local_date(&commitment.created_at);
        match &commitment.look_back {
            Some(d) => line.push_str(&format!(" _({date}; {} {})_", l.look_back, inline(d))),
            None => line.push_str(&format!(" _({date})_")),
        }
        for (status, note) in commitment_history(commitment) {
            line.push_str(&format!("  \n  {}", inline(&status)));
            if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
                line.push_str(&format!(": {}", inline(&n)));
            }
        }
        writeln!(self.out, "{line}")
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.in_statements || self.in_commitments {
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    #[test]
    fn headings_keep_a_closing_hash() {
        assert_eq!(heading("Am I #1 #"), "Am I #1 \\#");
        assert_eq!(heading("# intro"), "\\# intro");
    }

    #[test]
    fn answers_of_each_kind() {
        let scale = Scale {
            min: 1,
            max: 5,
            min_label: "not at all".into(),
            max_label: "fully".into(),
        };
        assert_eq!(
            answer(Some(&AnswerValue::Number(4)), Some(&scale), Language::En),
            "**4** on a scale from 1 (not at all) to 5 (fully)"
        );
        assert_eq!(answer(None, None, Language::En), "_(skipped)_");
        assert_eq!(
            answer(
                Some(&AnswerValue::Items(vec!["- a".into(), "b".into()])),
                None,
                Language::En
            ),
            "- \\- a\n- b"
        );
        assert_eq!(
            answer(
                Some(&AnswerValue::Text("# x\n<b>".into())),
                None,
                Language::En
            ),
            "\\# x  \n\\<b\\>"
        );
    }
}
