//! What happened to the statements between two sessions: written, let go, restored, revised.

use crate::domain::word_diff::{WordChange, word_diff};
use crate::domain::{SessionId, StatementId};
use crate::journal::{StatementEventKind, StatementRecord};
use serde::Serialize;

/// One event in a statement's life between the two sessions.
#[derive(Debug, Clone, Serialize)]
pub struct StatementChange {
    /// `written`, `let_go`, `restored` or `revised` (`kept` is not a change).
    pub event: StatementEventKind,
    pub at: String,
    pub session_id: Option<SessionId>,
    pub statement_id: StatementId,
    /// The wording the event concerns (for `revised`, the old wording).
    pub text: String,
    /// For `revised`: the new wording.
    pub new_text: Option<String>,
    /// For `revised`: old to new, word by word.
    pub words: Option<Vec<WordChange>>,
}

/// Statement events in `[from, until]` (no end when `until` is `None`), oldest first. `kept`
/// is left out, and a revision's new wording is shown with its `revised` event rather than
/// as a separate `written` one.
#[must_use]
pub fn statement_changes(
    statements: &[StatementRecord],
    from: &str,
    until: Option<&str>,
) -> Vec<StatementChange> {
    let mut out: Vec<StatementChange> = Vec::new();
    for s in statements {
        for e in &s.events {
            let inside = e.at.as_str() >= from && until.is_none_or(|u| e.at.as_str() <= u);
            let skip = match e.kind {
                StatementEventKind::Kept => true,
                StatementEventKind::Written => s.replaces.is_some(),
                _ => false,
            };
            if !inside || skip {
                continue;
            }
            let newer = (e.kind == StatementEventKind::Revised)
                .then(|| statements.iter().find(|n| n.replaces == Some(s.id)))
                .flatten();
            out.push(StatementChange {
                event: e.kind,
                at: e.at.clone(),
                session_id: e.session_id,
                statement_id: s.id,
                text: s.text.clone(),
                new_text: newer.map(|n| n.text.clone()),
                words: newer.map(|n| word_diff(&s.text, &n.text)),
            });
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    out
}
