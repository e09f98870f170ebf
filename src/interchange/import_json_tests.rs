//! Unit tests of the streaming reader: field order, early refusal, and where errors point.

use super::*;

/// Remembers the paths of what it was handed.
#[derive(Default)]
struct Seen(Vec<String>);

impl Sink for Seen {
    fn snapshot(&mut self, path: &str, _s: PackSnapshot) -> Result<(), String> {
        self.0.push(path.to_string());
        Ok(())
    }
    fn session(&mut self, path: &str, s: Session) -> Result<(), String> {
        self.0.push(format!("{path} {}", s.answers.len()));
        Ok(())
    }
    fn statement(&mut self, path: &str, _s: Statement) -> Result<(), String> {
        self.0.push(path.to_string());
        Ok(())
    }
    fn commitment(&mut self, path: &str, _c: Commitment) -> Result<(), String> {
        self.0.push(path.to_string());
        Ok(())
    }
}

const SESSION: &str = r#"{"id":"9F12AB34-0000-4000-8000-000000000001","kind":"journal","mode":null,
  "pack_id":"jrnl","pack_version":"1.0.0","context":"","language":"en","depth":"quick",
  "prompt_count":1,"started_at":"2026-01-31T09:30:00Z","finished_at":null,
  "status":"finished","packs":[],"answers":[]}"#;

#[test]
fn fields_may_come_in_any_order() {
    let text = format!(
        r#"{{"sessions":[{SESSION}],"pack_snapshots":[],"statements":[],"commitments":[],
        "pi_version":"0.1.0","exported_at":"2026-02-01T00:00:00Z","version":1,
        "export_id":"0000000000004000800000000000beef","format":"pi-export"}}"#
    );
    let mut seen = Seen::default();
    let Document::Export(header) = read(text.as_bytes(), &mut seen).unwrap() else {
        panic!("an export");
    };
    assert_eq!(header.exported_at, "2026-02-01T00:00:00.000Z");
    assert_eq!(seen.0, ["sessions[0] 0"]);
}

#[test]
fn a_newer_version_is_refused_before_the_body_is_read() {
    let text = r#"{"format":"pi-export","version":7,"sessions":[{"shape":"unknown"}"#;
    let err = read(text.as_bytes(), &mut Seen::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "written by a newer pi (export format 7; this pi reads up to 3)"
    );
}

#[test]
fn errors_name_the_record_and_the_place() {
    let text = format!(r#"{{"format":"pi-export","sessions":[{SESSION},{{"id":3}}]}}"#);
    let err = read(text.as_bytes(), &mut Seen::default()).unwrap_err();
    let ReadError::Syntax { line, message, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(*line, 4);
    assert!(
        message.starts_with("sessions[1]: invalid type: integer `3`"),
        "{message}"
    );

    let bad = SESSION.replace("\"journal\"", "\"diary\"");
    let text = format!(r#"{{"format":"pi-export","sessions":[{bad}]}}"#);
    let err = read(text.as_bytes(), &mut Seen::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sessions[0] (id 9f12ab34…): unknown kind 'diary' (expected reflect, review, journal)"
    );

    let text = r#"{"format":"pi-reply","sessions":[]}"#;
    let err = read(text.as_bytes(), &mut Seen::default()).unwrap_err();
    assert_eq!(err.to_string(), "a pi-reply file has no field \"sessions\"");
}

#[test]
fn a_reply_is_read_whole_and_checked() {
    let text = r#"{"format":"pi-reply","version":1,"export_id":"0000000000004000800000000000beef",
      "friend":"Sam","written_at":"2026-02-01T00:00:00Z","comments":[{"id":"c0000000000040008000000000000001",
      "target_kind":"answer","target_id":"9F12AB34-0000-4000-8000-000000000001","text":"Why?",
      "created_at":"2026-02-01T00:00:00Z"}]}"#;
    let Document::Reply(reply) = read(text.as_bytes(), &mut Seen::default()).unwrap() else {
        panic!("a reply");
    };
    assert_eq!(
        reply.comments[0].target_id,
        "9f12ab34000040008000000000000001"
    );
    let err = read(
        text.replace("\"answer\"", "\"session\"").as_bytes(),
        &mut Seen::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("comments[0] (id c0000000…): unknown target_kind")
    );
}
