//! What goes into the appraisal brief. The overview's evidence and the review's answers become
//! items the person ticks, grouped by kind; private self-assessments and statements let go are
//! off until chosen, so nothing private goes into a brief by accident. `--include` and
//! `--exclude` name kinds or sessions for scripts.

use super::review::Overview;
use crate::domain::SessionId;
use crate::journal::StatementEventKind;
use std::collections::HashSet;

/// A kind of evidence, as `--include`/`--exclude` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The project questions of the period's reflections.
    Projects,
    /// The review's own answers (its scale answers are `Scales`).
    Answers,
    /// Statements current at the end of the period, with how they changed.
    Statements,
    /// Statements let go (or let go and not restored).
    LetGo,
    /// Commitments and what became of them.
    Commitments,
    /// Self-assessments on a scale: for one's own comparison, private by default.
    Scales,
    /// The answers of the review before, for comparison.
    Earlier,
}

impl Kind {
    /// Every kind, in the order the checklist groups them.
    pub const ALL: [Kind; 7] = [
        Kind::Projects,
        Kind::Answers,
        Kind::Statements,
        Kind::LetGo,
        Kind::Commitments,
        Kind::Scales,
        Kind::Earlier,
    ];

    /// The name on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Projects => "projects",
            Kind::Answers => "answers",
            Kind::Statements => "statements",
            Kind::LetGo => "let-go",
            Kind::Commitments => "commitments",
            Kind::Scales => "scales",
            Kind::Earlier => "earlier",
        }
    }

    /// Reads a name as `--include`/`--exclude` take it.
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        Kind::ALL.into_iter().find(|k| k.id() == t)
    }

    /// Whether a brief holds it unless the person says otherwise.
    pub fn on_by_default(self) -> bool {
        !matches!(self, Kind::LetGo | Kind::Scales)
    }
}

/// What `--include`/`--exclude` name: a kind, or a session (an id, resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Every item of a kind.
    Kind(Kind),
    /// Everything that comes from one session.
    Session(SessionId),
}

/// One thing that may go into the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its kind.
    pub kind: Kind,
    /// What the brief asks the selection about (`project:ID`, `scale:pack/prompt`, …).
    pub key: String,
    /// The session it comes from, when one.
    pub session: Option<SessionId>,
    /// A few words for the checklist (the person's own text, or a date).
    pub detail: String,
    /// Whether it is chosen.
    pub on: bool,
}

/// A review answer, as far as choosing is concerned.
#[derive(Debug, Clone)]
pub struct AnswerItem {
    /// `pack/prompt`.
    pub key: String,
    /// The short heading the brief gives it.
    pub heading: String,
    /// Whether it is a self-assessment on a scale.
    pub scale: bool,
}

/// The brief's choice: which items, and which sessions evidence may come from.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    keys: HashSet<String>,
    only: Option<HashSet<SessionId>>,
    without: HashSet<SessionId>,
}

impl Selection {
    /// Whether the item `key` goes in.
    pub fn has(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    /// Whether evidence from `session` may go in (evidence from no session always may).
    pub fn allows(&self, session: Option<SessionId>) -> bool {
        match session {
            None => true,
            Some(s) => {
                !self.without.contains(&s) && self.only.as_ref().is_none_or(|o| o.contains(&s))
            }
        }
    }

    /// Everything: what the person sees in their own overview.
    pub fn everything(items: &[Item]) -> Self {
        Self {
            keys: items.iter().map(|i| i.key.clone()).collect(),
            ..Self::default()
        }
    }
}

/// The items of an overview and a review's answers, each on or off by its kind's default and
/// the filters given.
pub fn items(
    overview: &Overview,
    answers: &[AnswerItem],
    include: &[Filter],
    exclude: &[Filter],
) -> Vec<Item> {
    let mut out = Vec::new();
    let mut push = |kind, key: String, session, detail: String| {
        out.push(Item {
            kind,
            key,
            session,
            detail,
            on: false,
        });
    };
    for p in &overview.projects {
        let context = if p.session.context.is_empty() {
            crate::clock::local_date(&p.session.started_at)
        } else {
            format!(
                "{} ({})",
                p.session.context,
                crate::clock::local_date(&p.session.started_at)
            )
        };
        push(
            Kind::Projects,
            format!("project:{}", p.session.id),
            Some(p.session.id),
            context,
        );
    }
    for a in answers {
        let kind = if a.scale { Kind::Scales } else { Kind::Answers };
        push(kind, format!("answer:{}", a.key), None, a.heading.clone());
    }
    for s in &overview.statements {
        let let_go = !s.current || s.events.contains(&StatementEventKind::LetGo);
        let (kind, prefix) = if let_go {
            (Kind::LetGo, "let-go")
        } else {
            (Kind::Statements, "statement")
        };
        push(
            kind,
            format!("{prefix}:{}", s.statement.id),
            s.session,
            s.statement.text.clone(),
        );
    }
    for c in &overview.commitments {
        push(
            Kind::Commitments,
            format!("commitment:{}", c.commitment.id),
            c.commitment.session_id,
            c.commitment.text.clone(),
        );
    }
    for t in &overview.trends {
        push(
            Kind::Scales,
            format!("scale:{}", t.prompt_id),
            None,
            t.prompt_text.clone(),
        );
    }
    if let Some(e) = &overview.earlier {
        push(
            Kind::Earlier,
            "earlier".to_string(),
            Some(e.session.id),
            crate::clock::local_date(&e.session.started_at),
        );
    }
    let only: Vec<SessionId> = include
        .iter()
        .filter_map(|f| match f {
            Filter::Session(s) => Some(*s),
            Filter::Kind(_) => None,
        })
        .collect();
    for item in &mut out {
        let kind_on = if exclude.contains(&Filter::Kind(item.kind)) {
            false
        } else {
            include.contains(&Filter::Kind(item.kind)) || item.kind.on_by_default()
        };
        let session_ok = item.session.is_none_or(|s| {
            !exclude.contains(&Filter::Session(s)) && (only.is_empty() || only.contains(&s))
        });
        item.on = kind_on && session_ok;
    }
    out
}

/// The selection of the items that are on, with the session filters given.
pub fn selection(items: &[Item], include: &[Filter], exclude: &[Filter]) -> Selection {
    let sessions = |filters: &[Filter]| -> HashSet<SessionId> {
        filters
            .iter()
            .filter_map(|f| match f {
                Filter::Session(s) => Some(*s),
                Filter::Kind(_) => None,
            })
            .collect()
    };
    let only = sessions(include);
    Selection {
        keys: items
            .iter()
            .filter(|i| i.on)
            .map(|i| i.key.clone())
            .collect(),
        only: (!only.is_empty()).then_some(only),
        without: sessions(exclude),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::review::{Period, ScaleTrend, TrendPoint};

    fn overview() -> Overview {
        let now = crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap();
        Overview {
            period: Period {
                start: now,
                end: now,
                since_last_review: false,
            },
            sessions: Vec::new(),
            projects: Vec::new(),
            statements: Vec::new(),
            commitments: Vec::new(),
            trends: vec![ScaleTrend {
                prompt_id: "kiezen/fit".into(),
                pack_id: "kiezen".into(),
                prompt: "fit".into(),
                prompt_text: "How well does your work fit?".into(),
                scale: Some((1, 5)),
                points: vec![TrendPoint {
                    date: "2026-03-01".into(),
                    value: 2,
                    session: SessionId::new(),
                }],
                before: None,
            }],
            earlier: None,
        }
    }

    #[test]
    fn private_kinds_are_off_until_chosen_and_kinds_parse() {
        let answers = [
            AnswerItem {
                key: "review/proud".into(),
                heading: "What I am proud of".into(),
                scale: false,
            },
            AnswerItem {
                key: "review/fit".into(),
                heading: "How my work fits me".into(),
                scale: true,
            },
        ];
        let items = items(&overview(), &answers, &[], &[]);
        let on: Vec<(&str, bool)> = items.iter().map(|i| (i.key.as_str(), i.on)).collect();
        assert_eq!(
            on,
            [
                ("answer:review/proud", true),
                ("answer:review/fit", false),
                ("scale:kiezen/fit", false)
            ]
        );
        let items = super::items(
            &overview(),
            &answers,
            &[Filter::Kind(Kind::Scales)],
            &[Filter::Kind(Kind::Answers)],
        );
        let sel = selection(&items, &[], &[]);
        assert!(sel.has("scale:kiezen/fit") && sel.has("answer:review/fit"));
        assert!(!sel.has("answer:review/proud"));
        assert_eq!(Kind::parse(" Let_Go "), Some(Kind::LetGo));
        assert_eq!(Kind::parse("secrets"), None);
    }

    #[test]
    fn session_filters_keep_or_drop_evidence_by_session() {
        let (a, b) = (SessionId::new(), SessionId::new());
        let sel = selection(&[], &[Filter::Session(a)], &[]);
        assert!(sel.allows(Some(a)) && !sel.allows(Some(b)) && sel.allows(None));
        let sel = selection(&[], &[], &[Filter::Session(a)]);
        assert!(!sel.allows(Some(a)) && sel.allows(Some(b)));
    }
}
