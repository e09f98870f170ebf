//! The appraisal brief as a small document: sections with short headings of their own, the
//! person's words, and pi's. Built once from the review's overview, its answers and what the
//! person chose to include; rendered as Markdown (`brief_md`), a printable HTML page
//! (`brief_html`) and, for the overview before the questions, text for a terminal
//! (`brief_text`).

use crate::clock::local_date;
use crate::domain::sparkline::sparkline;
use crate::domain::{AnswerValue, Language};
use crate::flows::brief_choice::Selection;
use crate::flows::review::{CommitmentMove, Overview, ProjectReflection, ScaleTrend};
use crate::journal::{CommitmentStatus, SessionRecord, StatementEventKind};
use crate::words::review::{ReviewWords, heading};
use crate::words::{Words, fill};

/// A brief, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The title line.
    pub title: String,
    /// The line under it: when and from what it was prepared.
    pub note: String,
    /// The language it is written in (`nl`, `en`).
    pub lang: &'static str,
    /// Its sections, in order.
    pub sections: Vec<Section>,
}

/// One section under a heading of the brief's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// What it holds.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading one level down (a project, an answer).
    Heading(String),
    /// The person's own words under a short label (`The real issue`).
    Labelled(String, Value),
    /// The person's own words.
    Value(Value),
    /// What the previous review said, to compare: a label and the words.
    Compare(String, Value),
    /// A list of lines.
    List(Vec<Line>),
    /// A sentence of pi's own.
    Note(String),
}

/// An answer, as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Paragraphs, the person's line breaks kept.
    Text(String),
    /// A list of short items.
    Items(Vec<String>),
    /// A number on a scale, as read: `4 of 5`.
    Score(String),
}

/// One line of a list: pieces of text, some emphasised.
pub type Line = Vec<Span>;

/// A piece of a line.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Text.
    Text(String),
    /// A label or name, in bold.
    Strong(String),
    /// pi's remark (new, kept, a date), in italics, after a space.
    Em(String),
    /// A sparkline of a scale's answers, after a space.
    Chart(String),
}

/// One review question and what was answered.
#[derive(Debug, Clone)]
pub struct BriefAnswer {
    /// `pack/prompt`.
    pub key: String,
    /// The prompt's id.
    pub prompt_id: String,
    /// The question as asked.
    pub question: String,
    /// The answer; skipped questions are left out of the brief.
    pub value: Option<AnswerValue>,
    /// The scale's top for a scale prompt.
    pub scale_max: Option<i64>,
}

impl BriefAnswer {
    /// The short heading the brief gives it.
    pub fn heading(&self, words: &Words) -> String {
        heading(
            &words.review.answer_headings,
            &self.prompt_id,
            &self.question,
        )
    }
}

/// The parts a caller wants: the overview before the questions has no answers and shows the
/// person everything; the brief shows what was chosen.
pub struct Parts<'a> {
    /// The review's answers (empty for the overview).
    pub answers: &'a [BriefAnswer],
    /// What goes in.
    pub selection: &'a Selection,
    /// The date it is written (empty for the overview).
    pub today: &'a str,
    /// How a session's mode is named.
    pub mode_name: &'a dyn Fn(&SessionRecord) -> String,
}

/// Builds the brief (or the overview) in `language`.
pub fn build(overview: &Overview, parts: &Parts<'_>, language: Language) -> Doc {
    let words = Words::of(language);
    let w = words.review;
    let sel = parts.selection;
    let start = overview.period.start.format("%Y-%m-%d").to_string();
    let end = (overview.period.end - chrono::Duration::milliseconds(1))
        .format("%Y-%m-%d")
        .to_string();
    let mut sections = vec![glance(overview, parts, words)];
    let projects: Vec<&ProjectReflection> = overview
        .projects
        .iter()
        .filter(|p| sel.has(&format!("project:{}", p.session.id)) && sel.allows(Some(p.session.id)))
        .collect();
    if !projects.is_empty() {
        sections.push(Section {
            heading: w.projects.into(),
            blocks: projects.iter().flat_map(|p| project(p, w)).collect(),
        });
    }
    let answers = answers(overview, parts, words);
    if !answers.is_empty() {
        sections.push(Section {
            heading: w.reflection.into(),
            blocks: answers,
        });
    }
    let statements = statements(overview, sel, w);
    if !statements.is_empty() {
        sections.push(Section {
            heading: w.stand_for.into(),
            blocks: vec![Block::List(statements)],
        });
    }
    let commitments: Vec<Line> = overview
        .commitments
        .iter()
        .filter(|c| {
            sel.has(&format!("commitment:{}", c.commitment.id))
                && sel.allows(c.commitment.session_id)
        })
        .map(|c| commitment(c, w))
        .collect();
    if !commitments.is_empty() {
        sections.push(Section {
            heading: w.commitments.into(),
            blocks: vec![Block::List(commitments)],
        });
    }
    let trends: Vec<Line> = overview
        .trends
        .iter()
        .filter(|t| sel.has(&format!("scale:{}", t.prompt_id)))
        .filter_map(|t| trend(t, sel, overview.period.since_last_review, w))
        .collect();
    if !trends.is_empty() {
        sections.push(Section {
            heading: w.scales.into(),
            blocks: vec![Block::List(trends)],
        });
    }
    if parts.answers.is_empty()
        && let Some(e) = overview.earlier.as_ref().filter(|_| sel.has("earlier"))
    {
        let blocks: Vec<Block> = e
            .answers
            .iter()
            .filter_map(|a| {
                Some(Block::Labelled(
                    heading(&w.answer_headings, &a.prompt_id, &a.prompt_text),
                    value(a.value.as_ref()?, None, w),
                ))
            })
            .collect();
        if !blocks.is_empty() {
            sections.push(Section {
                heading: fill(w.earlier_title, &[&local_date(&e.session.started_at)]),
                blocks,
            });
        }
    }
    Doc {
        title: format!("{} {start} – {end}", words.brief_title),
        note: if parts.today.is_empty() {
            fill(words.review_period, &[&start, &end])
        } else {
            fill(words.brief_prepared, &[parts.today, &start, &end])
        },
        lang: language.code(),
        sections,
    }
}

fn glance(overview: &Overview, parts: &Parts<'_>, words: &Words) -> Section {
    let sessions: Vec<&SessionRecord> = overview
        .sessions
        .iter()
        .filter(|s| parts.selection.allows(Some(s.id)))
        .collect();
    let mut blocks = Vec::new();
    if sessions.is_empty() {
        blocks.push(Block::Note(words.brief_no_sessions.into()));
    } else {
        let mut by_mode: Vec<(String, usize)> = Vec::new();
        for s in &sessions {
            let name = (parts.mode_name)(s);
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
        let mut lines = vec![vec![
            Span::Strong(fill(words.brief_sessions, &[&sessions.len().to_string()])),
            Span::Text(format!(": {modes}")),
        ]];
        let mut contexts: Vec<&str> = sessions
            .iter()
            .map(|s| s.context.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        contexts.dedup();
        if !contexts.is_empty() {
            lines.push(vec![
                Span::Strong(words.brief_contexts.into()),
                Span::Text(format!(": {}", contexts.join(", "))),
            ]);
        }
        blocks.push(Block::List(lines));
    }
    Section {
        heading: words.brief_glance.into(),
        blocks,
    }
}

fn value(v: &AnswerValue, scale_max: Option<i64>, w: &ReviewWords) -> Value {
    match v {
        AnswerValue::Text(t) => Value::Text(t.trim_end().to_string()),
        AnswerValue::Number(n) => Value::Score(match scale_max {
            Some(max) => fill(w.of, &[&n.to_string(), &max.to_string()]),
            None => n.to_string(),
        }),
        AnswerValue::Items(items) => Value::Items(items.clone()),
    }
}

fn empty(v: &AnswerValue) -> bool {
    match v {
        AnswerValue::Text(t) => t.trim().is_empty(),
        AnswerValue::Items(items) => items.is_empty(),
        AnswerValue::Number(_) => false,
    }
}

fn project(p: &ProjectReflection, w: &ReviewWords) -> Vec<Block> {
    let date = local_date(&p.session.started_at);
    let title = if p.session.context.is_empty() {
        date
    } else {
        format!("{} ({date})", p.session.context)
    };
    let mut blocks = vec![Block::Heading(title)];
    for a in p.answers.iter().filter(|a| !empty(&a.value)) {
        // A self-score on a scale is private: it goes in with the self-assessments only.
        if a.scale.is_some() {
            continue;
        }
        blocks.push(Block::Labelled(
            heading(&w.project_headings, &a.prompt_id, &a.question),
            value(&a.value, None, w),
        ));
    }
    blocks
}

fn answers(overview: &Overview, parts: &Parts<'_>, words: &Words) -> Vec<Block> {
    let w = words.review;
    let sel = parts.selection;
    let earlier = overview.earlier.as_ref().filter(|_| sel.has("earlier"));
    let mut blocks = Vec::new();
    for a in parts.answers {
        let Some(v) = a.value.as_ref().filter(|v| !empty(v)) else {
            continue;
        };
        if !sel.has(&format!("answer:{}", a.key)) {
            continue;
        }
        blocks.push(Block::Heading(a.heading(words)));
        blocks.push(Block::Value(value(v, a.scale_max, w)));
        if let Some(e) = earlier
            && let Some(before) = e
                .answers
                .iter()
                .find(|b| format!("{}/{}", b.pack_id, b.prompt_id) == a.key && b.value.is_some())
            && let Some(bv) = before.value.as_ref().filter(|v| !empty(v))
        {
            blocks.push(Block::Compare(
                fill(w.earlier_label, &[&local_date(&e.session.started_at)]),
                value(bv, a.scale_max, w),
            ));
        }
    }
    blocks
}

fn statements(overview: &Overview, sel: &Selection, w: &ReviewWords) -> Vec<Line> {
    let mut lines = Vec::new();
    for s in &overview.statements {
        let key_current = format!("statement:{}", s.statement.id);
        let key_let_go = format!("let-go:{}", s.statement.id);
        if !(sel.has(&key_current) || sel.has(&key_let_go)) || !sel.allows(s.session) {
            continue;
        }
        let mut notes: Vec<String> = Vec::new();
        if let Some(old) = &s.revises {
            notes.push(fill(w.revised_from, &[old]));
        } else if s.events.contains(&StatementEventKind::Written) {
            notes.push(w.new.into());
        }
        for e in &s.events {
            let note = match e {
                StatementEventKind::Kept => w.kept,
                StatementEventKind::Restored => w.restored,
                StatementEventKind::LetGo => w.let_go,
                StatementEventKind::Written | StatementEventKind::Revised => continue,
            };
            if !notes.iter().any(|n| n == note) {
                notes.push(note.into());
            }
        }
        if !s.current && !notes.iter().any(|n| n == w.let_go) {
            notes.push(w.let_go.into());
        }
        let mut line = vec![Span::Text(s.statement.text.clone())];
        if !notes.is_empty() {
            line.push(Span::Em(format!("({})", notes.join(", "))));
        }
        lines.push(line);
    }
    lines
}

fn commitment(c: &CommitmentMove, w: &ReviewWords) -> Line {
    let set = local_date(&c.commitment.created_at);
    let status = match c.status {
        CommitmentStatus::Done => w.done.to_string(),
        CommitmentStatus::Dropped => w.dropped.to_string(),
        CommitmentStatus::Open if c.set_in_period => w.open.to_string(),
        CommitmentStatus::Open => fill(w.open_since, &[&set]),
    };
    let status = match c.commitment.look_back {
        Some(d) if c.status == CommitmentStatus::Open => {
            format!("{status}; {}", fill(w.look_back, &[&d.to_string()]))
        }
        _ => status,
    };
    let mut line = vec![
        Span::Text(c.commitment.text.clone()),
        Span::Em(format!("({status})")),
    ];
    if let Some(note) = c.note.as_deref().filter(|n| !n.trim().is_empty()) {
        line.push(Span::Text(format!(" — {note}")));
    }
    line
}

/// A scale's line: its name, where it stands now on the scale, the change, and a chart when
/// there is more than one answer. `None` when the session filters leave no answer.
fn trend(t: &ScaleTrend, sel: &Selection, since_review: bool, w: &ReviewWords) -> Option<Line> {
    let values: Vec<i64> = t
        .points
        .iter()
        .filter(|p| sel.allows(Some(p.session)))
        .map(|p| p.value)
        .collect();
    let last = *values.last()?;
    let name = heading(&w.scale_names, &t.prompt, &t.prompt_text);
    let now = match t.scale {
        Some((_, max)) => fill(w.of, &[&last.to_string(), &max.to_string()]),
        None => last.to_string(),
    };
    let series = if values.len() > 1 {
        let older: Vec<String> = values[..values.len() - 1]
            .iter()
            .map(ToString::to_string)
            .collect();
        format!("{} → {now}", older.join(" → "))
    } else {
        now
    };
    let mut line = vec![Span::Strong(name), Span::Text(format!(": {series}"))];
    let change = |from: i64| {
        let d = last - from;
        if d == 0 {
            w.unchanged.to_string()
        } else {
            format!("{d:+}")
        }
    };
    match (t.before, since_review) {
        (Some(before), true) => line.push(Span::Em(format!(
            "({})",
            fill(w.since_review, &[&change(before)])
        ))),
        _ if values.len() > 1 => line.push(Span::Em(format!(
            "({})",
            fill(w.over_period, &[&change(values[0])])
        ))),
        _ => {}
    }
    if let Some(chart) = sparkline(&values, t.scale, 60) {
        line.push(Span::Chart(chart));
    }
    Some(line)
}
