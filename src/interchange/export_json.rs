//! The JSON export, written as it is read: the object's frame (`{`, the header, the `[`, `,`
//! and `]` of each array) is written here, and each record is serialised on its own line
//! with serde as it comes from the journal. The result is exactly an
//! [`Export`](super::format::Export), without ever holding one in memory.

use super::export::Document;
use super::format::{Commitment, Header, PackSnapshot, Session, Statement, StoredValue, Tombstone};
use crate::domain::untrusted::is_unsafe;
use std::io::{self, Write};

/// The arrays of an export, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Start,
    Sessions,
    Statements,
    Commitments,
    Done,
}

impl Part {
    fn key(self) -> &'static str {
        match self {
            Part::Sessions => "sessions",
            Part::Statements => "statements",
            Part::Commitments => "commitments",
            Part::Start | Part::Done => "",
        }
    }
}

/// Writes a JSON export to `out`.
pub struct JsonExport<W: Write> {
    out: W,
    header: Header,
    part: Part,
    first: bool,
    forgotten: Vec<Tombstone>,
}

impl<W: Write> JsonExport<W> {
    /// A JSON export with this header.
    pub fn new(out: W, header: Header) -> Self {
        Self {
            out,
            header,
            part: Part::Start,
            first: true,
            forgotten: Vec::new(),
        }
    }

    /// Also carries what the journal forgot (ids and dates, never content), right after
    /// the header: for the person's own journal on another computer, which then forgets
    /// it too. The header's version must say so ([`super::format::FORGOTTEN_VERSION`]).
    #[must_use]
    pub fn with_forgotten(mut self, forgotten: Vec<Tombstone>) -> Self {
        self.forgotten = forgotten;
        self
    }

    /// Hands back the writer (after [`Document::finish`]).
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Closes the open array and opens the arrays up to `to` (an array with no records is
    /// still written, empty: every field of the format is always present).
    fn move_to(&mut self, to: Part) -> io::Result<()> {
        while self.part < to {
            if self.part > Part::Start {
                self.out
                    .write_all(if self.first { b"]" } else { b"\n  ]" })?;
            }
            self.part = match self.part {
                Part::Start => Part::Sessions,
                Part::Sessions => Part::Statements,
                Part::Statements => Part::Commitments,
                Part::Commitments | Part::Done => Part::Done,
            };
            if self.part == Part::Done {
                self.out.write_all(b"\n}\n")?;
            } else {
                write!(self.out, ",\n  \"{}\": [", self.part.key())?;
                self.first = true;
            }
        }
        Ok(())
    }

    fn record(&mut self, part: Part, value: &impl serde::Serialize) -> io::Result<()> {
        if self.part > part {
            return Err(io::Error::other(format!(
                "{} written after a later part of the export",
                part.key()
            )));
        }
        self.move_to(part)?;
        self.out
            .write_all(if self.first { b"\n    " } else { b",\n    " })?;
        self.first = false;
        write_record(&mut self.out, value)
    }
}

/// Writes `value` as compact JSON in which C1 controls, DEL and bidi overrides inside
/// strings are `\uXXXX` escapes (C0 controls always are): the same data for every reader,
/// and an export sent to a terminal (`-o -`) cannot steer it or reverse its text.
fn write_record<W: Write>(out: &mut W, value: &impl serde::Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Escaping);
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// serde_json's compact formatter, escaping what [`is_unsafe`] names in strings.
struct Escaping;

impl serde_json::ser::Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

impl<W: Write> Document for JsonExport<W> {
    fn start(&mut self, snapshots: &[PackSnapshot]) -> io::Result<()> {
        // The header's own serialisation, with its closing brace left off: whatever fields
        // `Header` has are written in its order, so readers can check `version` first.
        let header = serde_json::to_string_pretty(&self.header).map_err(io::Error::other)?;
        let open = header.strip_suffix("\n}").unwrap_or(&header);
        self.out.write_all(open.as_bytes())?;
        if !self.forgotten.is_empty() {
            self.out.write_all(b",\n  \"forgotten\": [")?;
            for (i, t) in std::mem::take(&mut self.forgotten).iter().enumerate() {
                self.out
                    .write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
                write_record(&mut self.out, t)?;
            }
            self.out.write_all(b"\n  ]")?;
        }
        self.out.write_all(b",\n  \"pack_snapshots\": [")?;
        for (i, snapshot) in snapshots.iter().enumerate() {
            self.out
                .write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            write_record(&mut self.out, snapshot)?;
        }
        self.out
            .write_all(if snapshots.is_empty() { b"]" } else { b"\n  ]" })?;
        self.move_to(Part::Sessions)
    }

    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.record(Part::Sessions, session)
    }

    /// The stored answer values go into the file unchanged, never parsed.
    fn stored_session(&mut self, session: Session<StoredValue>) -> io::Result<()> {
        self.record(Part::Sessions, &session)
    }

    fn statement(&mut self, statement: &Statement) -> io::Result<()> {
        self.record(Part::Statements, statement)
    }

    fn commitment(&mut self, commitment: &Commitment) -> io::Result<()> {
        self.record(Part::Commitments, commitment)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.move_to(Part::Done)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AnswerValue;
    use crate::interchange::format::{
        Answer, EXPORT_FORMAT, Export, FORMAT_VERSION, StatementEvent,
    };

    fn header() -> Header {
        Header {
            format: EXPORT_FORMAT.into(),
            version: FORMAT_VERSION,
            ask: None,
            export_id: "e1".into(),
            exported_at: "2026-11-23T10:00:00.000Z".into(),
            pi_version: "0.1.0".into(),
            journal_id: None,
            journal_name: None,
        }
    }

    fn session(id: &str) -> Session {
        Session {
            id: id.into(),
            kind: "reflect".into(),
            mode: Some("kiezen".into()),
            pack_id: "kiezen".into(),
            pack_version: "1.0.0".into(),
            context: "\"quoted\" </script>".into(),
            language: "en".into(),
            depth: "quick".into(),
            prompt_count: 2,
            started_at: "2026-02-01T09:00:00.000Z".into(),
            finished_at: None,
            status: "in_progress".into(),
            starred: false,
            packs: vec!["h1".into()],
            answers: vec![Answer {
                id: format!("{id}-a"),
                pack_id: "kiezen".into(),
                pack_version: "1.0.0".into(),
                prompt_id: "fit".into(),
                prompt_kind: "scale".into(),
                prompt_text: "How well?".into(),
                value: Some(AnswerValue::Number(4)),
                replaces: None,
                created_at: "2026-02-01T09:01:00.000Z".into(),
            }],
        }
    }

    fn written(f: impl FnOnce(&mut JsonExport<Vec<u8>>) -> io::Result<()>) -> Export {
        let mut doc = JsonExport::new(Vec::new(), header());
        f(&mut doc).unwrap();
        let bytes = doc.into_inner();
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)))
    }

    #[test]
    fn an_empty_export_has_every_field() {
        let export = written(|d| {
            d.start(&[])?;
            d.finish()
        });
        assert_eq!(export.header, header());
        assert!(export.sessions.is_empty() && export.statements.is_empty());
        assert!(export.pack_snapshots.is_empty() && export.commitments.is_empty());
    }

    #[test]
    fn records_stream_into_the_export_shape() {
        let snapshot = PackSnapshot {
            hash: "h1".into(),
            pack_id: "kiezen".into(),
            version: "1.0.0".into(),
            language: "en".into(),
            toml: "id = \"kiezen\"\n".into(),
        };
        let statement = Statement {
            id: "s1".into(),
            text: "I keep my promises".into(),
            session_id: Some("a".into()),
            replaces: None,
            created_at: "2026-02-01T09:02:00.000Z".into(),
            events: vec![StatementEvent {
                id: "ev".into(),
                event: "written".into(),
                session_id: Some("a".into()),
                created_at: "2026-02-01T09:02:00.000Z".into(),
            }],
        };
        let export = written(|d| {
            d.start(std::slice::from_ref(&snapshot))?;
            d.session(&session("a"))?;
            d.session(&session("b"))?;
            d.statement(&statement)?;
            d.finish()
        });
        assert_eq!(export.pack_snapshots, vec![snapshot]);
        assert_eq!(export.sessions, vec![session("a"), session("b")]);
        assert_eq!(export.statements, vec![statement]);
        assert!(export.commitments.is_empty());
    }

    #[test]
    fn parts_cannot_go_back() {
        let mut doc = JsonExport::new(Vec::new(), header());
        doc.start(&[]).unwrap();
        doc.statement(&Statement {
            id: "s".into(),
            text: "t".into(),
            session_id: None,
            replaces: None,
            created_at: "x".into(),
            events: vec![],
        })
        .unwrap();
        assert!(doc.session(&session("late")).is_err());
    }
}
