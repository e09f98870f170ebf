//! The user's history in a few lines, shown before prompts that ask about patterns.

use crate::journal::{SessionRecord, StatementRecord, StatementState};
use crate::words::Words;

/// Earlier sessions (oldest first) and the statements current at the time, as plain text.
pub fn timeline_text(
    words: &Words,
    sessions: &[SessionRecord],
    statements: &[StatementRecord],
    skip: crate::domain::SessionId,
) -> String {
    let earlier: Vec<&SessionRecord> = sessions.iter().rev().filter(|s| s.id != skip).collect();
    if earlier.is_empty() {
        return words.timeline_empty.to_string();
    }
    let mut out = format!("{}\n", words.timeline_title);
    for s in earlier {
        let mode = s
            .mode
            .map_or_else(|| s.pack_id.clone(), |m| words.mode_name(m).to_string());
        let context = if s.context.is_empty() {
            String::new()
        } else {
            format!(" · {}", s.context)
        };
        out.push_str(&format!(
            "  {}  {mode}{context}\n",
            &s.started_at[..10.min(s.started_at.len())]
        ));
        for st in statements.iter().filter(|st| {
            st.events.first().and_then(|e| e.session_id) == Some(s.id)
                && st.state() == StatementState::Current
        }) {
            out.push_str(&format!("      \u{201c}{}\u{201d}\n", st.text));
        }
    }
    out.trim_end().to_string()
}
