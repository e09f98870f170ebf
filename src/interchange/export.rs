//! What the three export formats share: the [`Document`] they are written through, record
//! by record, and the reading aids of the two formats meant for people (current answers in
//! the order asked, scale ranges from the pack snapshots, labels in the user's language).

use super::format::{Answer, Commitment, PackSnapshot, Session, Statement, StoredValue};
use crate::clock::local_date;
use crate::domain::{Language, Mode};
use crate::packs::{PackSource, PromptKind, parse_pack};
use crate::words::Words;
use std::collections::HashMap;
use std::io;

/// An export being written. The caller walks the selection once, in this order: `start`,
/// every `session`, then (when asked for) `statements` and `commitments`, then `finish`; a
/// document never holds more than the record in hand.
pub trait Document {
    /// Writes everything before the first session.
    fn start(&mut self, snapshots: &[PackSnapshot]) -> io::Result<()>;
    /// Writes one session.
    fn session(&mut self, session: &Session) -> io::Result<()>;
    /// Writes one session as the journal reads it, its answer values still their stored
    /// JSON: the formats for people parse them; the JSON export writes them as they are.
    fn stored_session(&mut self, session: Session<StoredValue>) -> io::Result<()> {
        let session = session.parsed().map_err(io::Error::other)?;
        self.session(&session)
    }
    /// Writes one statement (the first call opens the statements part).
    fn statement(&mut self, statement: &Statement) -> io::Result<()>;
    /// Writes one commitment (the first call opens the commitments part).
    fn commitment(&mut self, commitment: &Commitment) -> io::Result<()>;
    /// Writes what closes the document.
    fn finish(&mut self) -> io::Result<()>;
}

/// What the reader of an export sees around a session, fixed at the start.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The language of the labels.
    pub language: Language,
    /// When the export was written, as shown (YYYY-MM-DD).
    pub date: String,
    /// How many sessions it holds.
    pub sessions: usize,
}

/// A scale prompt's range, read from the pack snapshot it was asked from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub min_label: String,
    pub max_label: String,
}

/// Scale ranges by (pack id, pack version, prompt id). Snapshots that no longer parse are
/// passed over: a missing range only makes a chart use the range of its values.
pub fn scales(snapshots: &[PackSnapshot]) -> HashMap<(String, String, String), Scale> {
    let mut out = HashMap::new();
    for snap in snapshots {
        let Ok(pack) = parse_pack("snapshot", &snap.toml, PackSource::Snapshot) else {
            continue;
        };
        for prompt in &pack.prompts {
            if let PromptKind::Scale {
                min,
                max,
                min_label,
                max_label,
            } = &prompt.kind
            {
                out.insert(
                    (
                        snap.pack_id.clone(),
                        snap.version.clone(),
                        prompt.id.clone(),
                    ),
                    Scale {
                        min: *min,
                        max: *max,
                        min_label: min_label.clone(),
                        max_label: max_label.clone(),
                    },
                );
            }
        }
    }
    out
}

/// Every prompt id the snapshots' packs ask: what `--exclude-prompt` may name.
pub fn prompt_ids(snapshots: &[PackSnapshot]) -> std::collections::HashSet<String> {
    snapshots
        .iter()
        .filter_map(|s| parse_pack("snapshot", &s.toml, PackSource::Snapshot).ok())
        .flat_map(|p| p.prompts.into_iter().map(|q| q.id))
        .collect()
}

/// The current revision of each answer, in the order the prompts were first answered: what
/// a person reads. Earlier revisions are only in the JSON export.
pub fn current_answers(session: &Session) -> Vec<&Answer> {
    let by_replaced: HashMap<&str, &Answer> = session
        .answers
        .iter()
        .filter_map(|a| a.replaces.as_deref().map(|r| (r, a)))
        .collect();
    let present: std::collections::HashSet<&str> =
        session.answers.iter().map(|a| a.id.as_str()).collect();
    session
        .answers
        .iter()
        .filter(|a| a.replaces.as_deref().is_none_or(|r| !present.contains(r)))
        .map(|root| {
            let mut latest = root;
            let mut steps = 0;
            while let Some(next) = by_replaced.get(latest.id.as_str()) {
                latest = next;
                steps += 1;
                if steps > session.answers.len() {
                    break; // a cycle in damaged data: stop rather than spin
                }
            }
            latest
        })
        .collect()
}

/// The session's mode as people know it, capitalised for a heading: the mode's name, the
/// yearly review, or the pack's id.
pub fn mode_name(session: &Session, language: Language) -> String {
    let name = match session.mode.as_deref().map(str::parse::<Mode>) {
        Some(Ok(mode)) => Words::of(language).mode_name(mode).to_string(),
        _ if session.kind == "review" => labels(language).review.to_string(),
        _ => return session.pack_id.clone(),
    };
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The answers a reader is shown: the current revision of each, skips left out (the JSON
/// export keeps them), and how many questions the session asked.
pub fn shown_answers(session: &Session) -> Vec<&Answer> {
    current_answers(session)
        .into_iter()
        .filter(|a| a.value.is_some())
        .collect()
}

/// The fixed words of the export documents.
#[derive(Debug)]
pub struct Labels {
    pub title: &'static str,
    pub exported: &'static str,
    pub context: &'static str,
    pub pack: &'static str,
    pub status: &'static str,
    pub finished: &'static str,
    pub in_progress: &'static str,
    pub session: &'static str,
    pub answered: &'static str,
    pub skipped: &'static str,
    pub empty: &'static str,
    pub scale_of: &'static str,
    pub statements: &'static str,
    pub commitments: &'static str,
    pub trends: &'static str,
    pub averaged: &'static str,
    pub look_back: &'static str,
    pub review: &'static str,
    pub no_answers: &'static str,
}

const EN: Labels = Labels {
    title: "Reflections on my professional identity",
    exported: "Exported from pi on {} — {} sessions, chosen to share.",
    context: "About",
    pack: "Questions",
    status: "Status",
    finished: "finished",
    in_progress: "in progress",
    session: "Session",
    answered: "{} of {} questions answered",
    skipped: "(skipped)",
    empty: "(left empty)",
    scale_of: "on a scale from {} ({}) to {} ({})",
    statements: "Statements",
    commitments: "Commitments",
    trends: "Self-assessments over time",
    averaged: "Each point is the average of {} sessions.",
    look_back: "look back",
    review: "Yearly review",
    no_answers: "(no answers shared from this session)",
};

const NL: Labels = Labels {
    title: "Reflecties op mijn professionele identiteit",
    exported: "Geëxporteerd uit pi op {} — {} sessies, gekozen om te delen.",
    context: "Over",
    pack: "Vragen",
    status: "Status",
    finished: "afgerond",
    in_progress: "nog bezig",
    session: "Sessie",
    answered: "{} van {} vragen beantwoord",
    skipped: "(overgeslagen)",
    empty: "(leeg gelaten)",
    scale_of: "op een schaal van {} ({}) tot {} ({})",
    statements: "Uitspraken",
    commitments: "Voornemens",
    trends: "Zelfbeoordelingen door de tijd",
    averaged: "Elk punt is het gemiddelde van {} sessies.",
    look_back: "terugkijken",
    review: "Jaargesprek",
    no_answers: "(geen antwoorden uit deze sessie gedeeld)",
};

/// The labels in `language`.
pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

/// A statement's events on one line: `written 2026-02-01, kept 2026-09-01`.
pub fn statement_history(statement: &Statement) -> String {
    statement
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.event.replace('_', " "),
                local_date(&e.created_at)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A commitment's follow-ups on one line: `done 2026-05-01: Four times`.
pub fn commitment_history(commitment: &Commitment) -> Vec<(String, Option<String>)> {
    commitment
        .events
        .iter()
        .map(|e| {
            (
                format!("{} {}", e.status, local_date(&e.created_at)),
                e.note.clone(),
            )
        })
        .collect()
}
