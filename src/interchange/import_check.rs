//! Checking each record of an export or reply before it reaches the journal: ids are UUIDs,
//! timestamps parse, enums are known, a snapshot's hash is the SHA-256 of its TOML. Checked
//! records are also made canonical (ids in the journal's 32-digit form, times as journal
//! stamps), so the same record always compares equal however the file spelled it.
//!
//! Every message starts with where the record is (`sessions[3].answers[12] (id 9f12ab34…)`).

use super::format::{Answer, Comment, Commitment, GuideAnswer, PackSnapshot, Session, Statement};
use crate::clock::{format_stamp, parse_stamp};
use crate::packs::PromptKind;
use sha2::{Digest, Sha256};

/// How many characters of a bad value a message quotes.
const EXCERPT_CHARS: usize = 40;

/// `path (id 9f12ab34…)`: where a record is, and which.
pub fn label(path: &str, id: &str) -> String {
    format!("{path} (id {}…)", excerpt_of(id, 8).trim_end_matches('…'))
}

/// A bad value as a message may quote it: at most a few dozen characters, on one line,
/// without control or bidi characters. A message never echoes a whole input value.
pub fn excerpt(value: &str) -> String {
    excerpt_of(value, EXCERPT_CHARS)
}

fn excerpt_of(value: &str, max: usize) -> String {
    let shown = crate::domain::untrusted::visible(value);
    let mut out = String::new();
    for (count, c) in shown.chars().enumerate() {
        if count == max {
            out.push('…');
            break;
        }
        out.push(if c == '\n' || c == '\t' { ' ' } else { c });
    }
    out
}

/// Shortens every quoted value in a parser's message (`invalid type: string "…"`) to an
/// excerpt, so a huge bad value is never echoed back.
pub fn shorten_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(400));
    let mut parts = message.split('"');
    if let Some(first) = parts.next() {
        out.push_str(&excerpt_of(first, 200));
    }
    for (i, part) in parts.enumerate() {
        out.push('"');
        out.push_str(&if i % 2 == 0 {
            excerpt(part)
        } else {
            excerpt_of(part, 200)
        });
    }
    out
}

/// Makes `id` canonical, or says why it is not a UUID.
pub fn uuid(id: &mut String, field: &str) -> Result<(), String> {
    match uuid::Uuid::parse_str(id.trim()) {
        Ok(u) => {
            *id = u.simple().to_string();
            Ok(())
        }
        Err(_) => Err(format!("{field} '{}' is not a UUID", excerpt(id))),
    }
}

fn opt_uuid(id: &mut Option<String>, field: &str) -> Result<(), String> {
    id.as_mut().map_or(Ok(()), |id| uuid(id, field))
}

/// Makes a timestamp a journal stamp, or says why it does not parse.
pub fn stamp(value: &mut String, field: &str) -> Result<(), String> {
    match parse_stamp(value.trim()) {
        Some(t) => {
            *value = format_stamp(t);
            Ok(())
        }
        None => Err(format!(
            "{field} '{}' is not a date and time (RFC 3339, e.g. 2026-01-31T09:30:00Z)",
            excerpt(value)
        )),
    }
}

fn one_of(value: &str, field: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "unknown {field} '{}' (expected {})",
            excerpt(value),
            allowed.join(", ")
        ))
    }
}

/// Checks one pack snapshot.
pub fn snapshot(path: &str, s: &mut PackSnapshot) -> Result<(), String> {
    let at = label(path, &s.hash);
    let actual = hex(&Sha256::digest(s.toml.as_bytes()));
    s.hash = s.hash.trim().to_ascii_lowercase();
    if s.hash != actual {
        return Err(format!(
            "{at}: hash does not match its toml (the sha256 of the toml is {actual}); the snapshot was altered"
        ));
    }
    one_of(&s.language, "language", &["nl", "en"]).map_err(|e| format!("{at}: {e}"))
}

/// Checks one session and every answer in it.
pub fn session(path: &str, s: &mut Session) -> Result<(), String> {
    uuid(&mut s.id, "id").map_err(|e| format!("{path}: {e}"))?;
    let at = label(path, &s.id);
    let check = |s: &mut Session| -> Result<(), String> {
        one_of(&s.kind, "kind", &["reflect", "review", "journal"])?;
        if let Some(mode) = &s.mode {
            one_of(mode, "mode", &["verkennen", "onderhouden", "kiezen"])?;
        }
        one_of(&s.language, "language", &["nl", "en"])?;
        one_of(&s.depth, "depth", &["quick", "deep"])?;
        one_of(&s.status, "status", &["in_progress", "finished"])?;
        if s.prompt_count < 0 {
            return Err(format!("prompt_count {} is negative", s.prompt_count));
        }
        stamp(&mut s.started_at, "started_at")?;
        if let Some(f) = s.finished_at.as_mut() {
            stamp(f, "finished_at")?;
        }
        for hash in &mut s.packs {
            *hash = hash.trim().to_ascii_lowercase();
            if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(format!("packs: '{}' is not a snapshot hash", excerpt(hash)));
            }
        }
        Ok(())
    };
    check(s).map_err(|e| format!("{at}: {e}"))?;
    for (index, a) in s.answers.iter_mut().enumerate() {
        answer(&format!("{path}.answers[{index}]"), a)?;
    }
    Ok(())
}

fn answer(path: &str, a: &mut Answer) -> Result<(), String> {
    uuid(&mut a.id, "id").map_err(|e| format!("{path}: {e}"))?;
    let at = label(path, &a.id);
    (|| {
        one_of(&a.prompt_kind, "prompt_kind", &PromptKind::IDS)?;
        opt_uuid(&mut a.replaces, "replaces")?;
        if a.replaces.as_deref() == Some(a.id.as_str()) {
            return Err("replaces itself".to_string());
        }
        stamp(&mut a.created_at, "created_at")
    })()
    .map_err(|e| format!("{at}: {e}"))
}

/// Checks one statement and its events.
pub fn statement(path: &str, s: &mut Statement) -> Result<(), String> {
    uuid(&mut s.id, "id").map_err(|e| format!("{path}: {e}"))?;
    let at = label(path, &s.id);
    (|| {
        opt_uuid(&mut s.session_id, "session_id")?;
        opt_uuid(&mut s.replaces, "replaces")?;
        stamp(&mut s.created_at, "created_at")
    })()
    .map_err(|e| format!("{at}: {e}"))?;
    for (index, e) in s.events.iter_mut().enumerate() {
        let path = format!("{path}.events[{index}]");
        uuid(&mut e.id, "id").map_err(|m| format!("{path}: {m}"))?;
        let at = label(&path, &e.id);
        (|| {
            one_of(
                &e.event,
                "event",
                &["written", "kept", "let_go", "restored", "revised"],
            )?;
            opt_uuid(&mut e.session_id, "session_id")?;
            stamp(&mut e.created_at, "created_at")
        })()
        .map_err(|m| format!("{at}: {m}"))?;
    }
    Ok(())
}

/// Checks one commitment and its follow-ups.
pub fn commitment(path: &str, c: &mut Commitment) -> Result<(), String> {
    uuid(&mut c.id, "id").map_err(|e| format!("{path}: {e}"))?;
    let at = label(path, &c.id);
    (|| {
        opt_uuid(&mut c.session_id, "session_id")?;
        if let Some(d) = &c.look_back
            && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
        {
            return Err(format!(
                "look_back '{}' is not a date (YYYY-MM-DD)",
                excerpt(d)
            ));
        }
        stamp(&mut c.created_at, "created_at")
    })()
    .map_err(|e| format!("{at}: {e}"))?;
    for (index, e) in c.events.iter_mut().enumerate() {
        let path = format!("{path}.events[{index}]");
        uuid(&mut e.id, "id").map_err(|m| format!("{path}: {m}"))?;
        let at = label(&path, &e.id);
        (|| {
            one_of(&e.status, "status", &["open", "done", "dropped"])?;
            opt_uuid(&mut e.session_id, "session_id")?;
            stamp(&mut e.created_at, "created_at")
        })()
        .map_err(|m| format!("{at}: {m}"))?;
    }
    Ok(())
}

/// Checks one comment of a friend's reply.
pub fn comment(path: &str, c: &mut Comment) -> Result<(), String> {
    uuid(&mut c.id, "id").map_err(|e| format!("{path}: {e}"))?;
    let at = label(path, &c.id);
    (|| {
        one_of(
            &c.target_kind,
            "target_kind",
            &["answer", "statement", "commitment"],
        )?;
        uuid(&mut c.target_id, "target_id")?;
        if c.text.trim().is_empty() {
            return Err("the comment is empty".to_string());
        }
        stamp(&mut c.created_at, "created_at")
    })()
    .map_err(|e| format!("{at}: {e}"))
}

/// Checks one answer of a friend's reply to the conversation guide (or the owner's question).
pub fn guide_answer(path: &str, g: &mut GuideAnswer) -> Result<(), String> {
    uuid(&mut g.id, "id").map_err(|e| format!("{path}: {e}"))?;
    let at = label(path, &g.id);
    (|| {
        let id_ok = !g.prompt_id.is_empty()
            && g.prompt_id.len() <= 64
            && g.prompt_id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(format!(
                "prompt_id '{}' is not a prompt id (lowercase letters, digits and -)",
                excerpt(&g.prompt_id)
            ));
        }
        if g.question.trim().is_empty() {
            return Err("the question is empty".to_string());
        }
        if g.text.trim().is_empty() {
            return Err("the answer is empty".to_string());
        }
        stamp(&mut g.created_at, "created_at")
    })()
    .map_err(|e| format!("{at}: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks a tombstone: a kind pi knows, a UUID, a timestamp.
pub fn tombstone(path: &str, t: &mut super::format::Tombstone) -> Result<(), String> {
    if !super::format::TOMBSTONE_KINDS.contains(&t.kind.as_str()) {
        return Err(format!(
            "{path}: unknown kind '{}' (expected one of: {})",
            excerpt(&t.kind),
            super::format::TOMBSTONE_KINDS.join(", ")
        ));
    }
    uuid(&mut t.id, "id").map_err(|e| format!("{path}: {e}"))?;
    stamp(&mut t.forgotten_at, "forgotten_at").map_err(|e| format!("{path}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_json(kind: &str, created: &str) -> Answer {
        Answer {
            id: "9F12AB34-0000-4000-8000-000000000001".into(),
            pack_id: "verkennen".into(),
            pack_version: "1.0.0".into(),
            prompt_id: "colour".into(),
            prompt_kind: kind.into(),
            prompt_text: "What gives you colour?".into(),
            value: None,
            replaces: None,
            created_at: created.into(),
        }
    }

    #[test]
    fn records_are_made_canonical() {
        let mut a = answer_json("long_text", "2026-01-31T10:30:00+01:00");
        answer("sessions[0].answers[0]", &mut a).unwrap();
        assert_eq!(a.id, "9f12ab34000040008000000000000001");
        assert_eq!(a.created_at, "2026-01-31T09:30:00.000Z");
    }

    #[test]
    fn errors_name_the_record() {
        let mut a = answer_json("x", "2026-01-31T09:30:00Z");
        let err = answer("sessions[3].answers[12]", &mut a).unwrap_err();
        assert!(
            err.starts_with("sessions[3].answers[12] (id 9f12ab34…): unknown prompt_kind 'x'"),
            "{err}"
        );
        let mut a = answer_json("scale", "yesterday");
        let err = answer("sessions[0].answers[1]", &mut a).unwrap_err();
        assert!(
            err.contains("created_at 'yesterday' is not a date and time"),
            "{err}"
        );
    }

    #[test]
    fn a_snapshot_must_match_its_hash() {
        let toml = "format = 1\n".to_string();
        let mut s = PackSnapshot {
            hash: hex(&Sha256::digest(toml.as_bytes())),
            pack_id: "p".into(),
            version: "1.0.0".into(),
            language: "en".into(),
            toml,
        };
        snapshot("pack_snapshots[0]", &mut s).unwrap();
        s.toml.push('#');
        assert!(
            snapshot("pack_snapshots[0]", &mut s)
                .unwrap_err()
                .contains("altered")
        );
    }

    #[test]
    fn messages_quote_only_a_short_clean_excerpt() {
        let huge = "x".repeat(1_000_000);
        let mut id = huge.clone();
        let err = uuid(&mut id, "id").unwrap_err();
        assert!(err.len() < 100, "{}", err.len());
        assert_eq!(excerpt("a\u{1b}[2Jb\u{202e}c\nd"), "a␛[2Jb<U+202E>c d");
        let message = format!("invalid type: string \"{huge}\", expected u32");
        let short = shorten_quotes(&message);
        assert!(short.len() < 120, "{short}");
        assert!(
            short.starts_with("invalid type: string \"xxx") && short.ends_with("\", expected u32")
        );
    }
}
