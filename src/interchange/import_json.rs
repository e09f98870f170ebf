//! Reading a `pi` export or reply as a stream: a serde visitor walks the top-level object and
//! hands each session (and snapshot, statement, commitment) to a [`Sink`] the moment it is
//! parsed and checked, so an export of 10,000 sessions never sits in memory whole. A reply is
//! small and is returned whole.
//!
//! The version is checked as soon as it is read: a file from a newer `pi` is refused before
//! its body is parsed. Fields may come in any order; `pi` writes the header first.

use super::format::{
    Comment, Commitment, EXPORT_FORMAT, FORGOTTEN_VERSION, FORMAT_VERSION, GuideAnswer, Header,
    PackSnapshot, REPLY_FORMAT, REPLY_VERSION, Reply, Session, Statement, Tombstone,
};
use super::import_check as check;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Where checked records go: the journal's importer, or a collector that only looks.
/// An error is a message naming the record; reading stops at the first.
pub trait Sink {
    /// A pack snapshot; `path` is where the file holds it (`pack_snapshots[0]`).
    fn snapshot(&mut self, path: &str, s: PackSnapshot) -> Result<(), String>;
    /// A session with its answers.
    fn session(&mut self, path: &str, s: Session) -> Result<(), String>;
    /// A statement with its events.
    fn statement(&mut self, path: &str, s: Statement) -> Result<(), String>;
    /// A commitment with its follow-ups.
    fn commitment(&mut self, path: &str, c: Commitment) -> Result<(), String>;
    /// Something the exporting journal forgot (version 3).
    fn forgotten(&mut self, path: &str, t: Tombstone) -> Result<(), String>;
}

/// What the file turned out to be.
#[derive(Debug)]
pub enum Document {
    /// An export; its records went to the sink.
    Export(Header),
    /// A friend's reply, checked, with every comment.
    Reply(Reply),
}

/// Why a file could not be read. The file's name is added by the caller.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not JSON, or JSON cut off: with the place.
    #[error("{line}:{column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a pi export or reply.
    #[error("{0}")]
    Shape(String),
    /// A top-level field that belongs to neither format (a jrnl or Day One file says so).
    #[error("not a pi export or reply (it has a field \"{0}\")")]
    Foreign(String),
    /// Written by a newer `pi`.
    #[error("written by a newer pi ({what} format {found}; this pi reads up to {known})")]
    Newer {
        what: &'static str,
        found: u32,
        known: u32,
    },
    /// A record that fails its checks, or that the sink refused.
    #[error("{0}")]
    Record(String),
    /// Reading the file failed.
    #[error("{0}")]
    Io(String),
}

/// Reads a whole document from `input`, feeding export records to `sink` as they come.
pub fn read(input: impl std::io::Read, sink: &mut dyn Sink) -> Result<Document, ReadError> {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(input));
    let mut state = State {
        sink,
        failure: None,
        inside: None,
        fields: Fields::default(),
    };
    let result = (&mut state).deserialize(&mut de).and_then(|()| de.end());
    if let Some(failure) = state.failure.take() {
        return Err(failure);
    }
    if let Err(e) = result {
        return Err(syntax(&e, state.inside.as_deref()));
    }
    state.fields.finish()
}

fn syntax(e: &serde_json::Error, inside: Option<&str>) -> ReadError {
    if e.is_io() {
        return ReadError::Io(e.to_string());
    }
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let message = check::shorten_quotes(&message);
    let message = if e.is_eof() {
        "the file ends in the middle (is it complete?)".to_string()
    } else if e.is_syntax() {
        format!("not valid JSON: {message}")
    } else {
        message
    };
    ReadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: match inside {
            Some(path) => format!("{path}: {message}"),
            None => message,
        },
    }
}

/// The top-level fields other than the record arrays.
#[derive(Default)]
struct Fields {
    format: Option<String>,
    version: Option<u32>,
    export_id: Option<String>,
    exported_at: Option<String>,
    pi_version: Option<String>,
    journal_id: Option<String>,
    journal_name: Option<String>,
    ask: Option<String>,
    friend: Option<String>,
    written_at: Option<String>,
    comments: Option<Vec<Comment>>,
    guide: Option<Vec<GuideAnswer>>,
    saw_export_records: bool,
}

impl Fields {
    fn finish(self) -> Result<Document, ReadError> {
        let missing = |f: &str| ReadError::Shape(format!("the field \"{f}\" is missing"));
        let format = self.format.ok_or_else(|| {
            ReadError::Shape("not a pi export or reply (it has no \"format\" field)".into())
        })?;
        let version = self.version.ok_or_else(|| missing("version"))?;
        let (what, known) = if format == REPLY_FORMAT {
            ("reply", REPLY_VERSION)
        } else {
            ("export", FORMAT_VERSION)
        };
        if version > known {
            return Err(ReadError::Newer {
                what,
                found: version,
                known,
            });
        }
        let mut export_id = self.export_id.ok_or_else(|| missing("export_id"))?;
        check::uuid(&mut export_id, "export_id").map_err(ReadError::Shape)?;
        if format == REPLY_FORMAT {
            let mut written_at = self.written_at.ok_or_else(|| missing("written_at"))?;
            check::stamp(&mut written_at, "written_at").map_err(ReadError::Shape)?;
            let friend = self.friend.ok_or_else(|| missing("friend"))?;
            if friend.trim().is_empty() {
                return Err(ReadError::Shape("the friend's name is empty".into()));
            }
            if version < 2 && self.guide.is_some() {
                return Err(ReadError::Shape(
                    "a reply of version 1 has no field \"guide\"".into(),
                ));
            }
            let comments = self.comments.ok_or_else(|| missing("comments"))?;
            if version < 2
                && let Some((i, _)) = comments
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.target_kind == "commitment")
            {
                return Err(ReadError::Record(format!(
                    "comments[{i}]: a reply of version 1 cannot comment on a commitment"
                )));
            }
            return Ok(Document::Reply(Reply {
                format,
                version,
                export_id,
                friend,
                written_at,
                comments,
                guide: self.guide.unwrap_or_default(),
            }));
        }
        let mut exported_at = self.exported_at.ok_or_else(|| missing("exported_at"))?;
        check::stamp(&mut exported_at, "exported_at").map_err(ReadError::Shape)?;
        let mut journal_id = self.journal_id;
        if let Some(id) = journal_id.as_mut() {
            check::uuid(id, "journal_id").map_err(ReadError::Shape)?;
        }
        Ok(Document::Export(Header {
            format,
            version,
            export_id,
            exported_at,
            pi_version: self.pi_version.ok_or_else(|| missing("pi_version"))?,
            journal_id,
            journal_name: self.journal_name,
            ask: self.ask.filter(|a| !a.trim().is_empty()),
        }))
    }
}

struct State<'s> {
    sink: &'s mut dyn Sink,
    /// The first error that was not serde's: reported instead of the one serde unwinds with.
    failure: Option<ReadError>,
    /// The array element being parsed, to name it in a syntax error.
    inside: Option<String>,
    fields: Fields,
}

impl State<'_> {
    /// Records why reading stops and gives serde an error to unwind with.
    fn fail<E: de::Error>(&mut self, error: ReadError) -> E {
        self.failure.get_or_insert(error);
        E::custom("stopped")
    }

    /// Checks that a field fits the format named so far.
    fn expect_format<E: de::Error>(&mut self, key: &str, wanted: &str) -> Result<(), E> {
        match self.fields.format.as_deref() {
            Some(f) if f != wanted => Err(self.fail(ReadError::Shape(format!(
                "a {f} file has no field \"{key}\""
            )))),
            _ => Ok(()),
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut State<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut State<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a pi export or reply (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let format: String = map.next_value()?;
                    if format != EXPORT_FORMAT && format != REPLY_FORMAT {
                        return Err(self.fail(ReadError::Shape(format!(
                            "format is \"{}\", not \"{EXPORT_FORMAT}\" or \"{REPLY_FORMAT}\"",
                            check::excerpt(&format)
                        ))));
                    }
                    if self.fields.saw_export_records && format != EXPORT_FORMAT {
                        return Err(self.fail(ReadError::Shape(format!(
                            "a {format} file has no sessions, statements or commitments"
                        ))));
                    }
                    self.fields.format = Some(format);
                }
                "version" => {
                    let version: u32 = map.next_value()?;
                    // Refused before the body is read, once the format is known.
                    let (what, known) = match self.fields.format.as_deref() {
                        Some(REPLY_FORMAT) => ("reply", REPLY_VERSION),
                        Some(_) => ("export", FORMAT_VERSION),
                        None => ("export", FORMAT_VERSION.max(REPLY_VERSION)),
                    };
                    if version > known {
                        return Err(self.fail(ReadError::Newer {
                            what,
                            found: version,
                            known,
                        }));
                    }
                    if version == 0 {
                        return Err(self.fail(ReadError::Shape("version 0 does not exist".into())));
                    }
                    self.fields.version = Some(version);
                }
                "export_id" => self.fields.export_id = Some(map.next_value()?),
                "exported_at" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    self.fields.exported_at = Some(map.next_value()?);
                }
                "pi_version" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    self.fields.pi_version = Some(map.next_value()?);
                }
                "journal_id" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    self.fields.journal_id = Some(map.next_value()?);
                }
                "journal_name" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    self.fields.journal_name = Some(map.next_value()?);
                }
                "ask" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    self.fields.ask = Some(map.next_value()?);
                }
                "guide" => {
                    self.expect_format(&key, REPLY_FORMAT)?;
                    let mut guide: Vec<GuideAnswer> = map.next_value()?;
                    for (index, g) in guide.iter_mut().enumerate() {
                        if let Err(m) = check::guide_answer(&format!("guide[{index}]"), g) {
                            return Err(self.fail(ReadError::Record(m)));
                        }
                    }
                    self.fields.guide = Some(guide);
                }
                "friend" => {
                    self.expect_format(&key, REPLY_FORMAT)?;
                    self.fields.friend = Some(map.next_value()?);
                }
                "written_at" => {
                    self.expect_format(&key, REPLY_FORMAT)?;
                    self.fields.written_at = Some(map.next_value()?);
                }
                "comments" => {
                    self.expect_format(&key, REPLY_FORMAT)?;
                    let comments: Vec<Comment> = map.next_value_seed(Records {
                        state: &mut *self,
                        kind: Kind::Comments,
                    })?;
                    self.fields.comments = Some(comments);
                }
                "forgotten" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    if let Some(v) = self.fields.version.filter(|v| *v < FORGOTTEN_VERSION) {
                        return Err(self.fail(ReadError::Shape(format!(
                            "a version {v} export has no field \"forgotten\" (it came with version {FORGOTTEN_VERSION})"
                        ))));
                    }
                    self.fields.saw_export_records = true;
                    map.next_value_seed(Records {
                        state: &mut *self,
                        kind: Kind::Forgotten,
                    })?;
                }
                "pack_snapshots" | "sessions" | "statements" | "commitments" => {
                    self.expect_format(&key, EXPORT_FORMAT)?;
                    self.fields.saw_export_records = true;
                    let kind = match key.as_str() {
                        "pack_snapshots" => Kind::Snapshots,
                        "sessions" => Kind::Sessions,
                        "statements" => Kind::Statements,
                        _ => Kind::Commitments,
                    };
                    map.next_value_seed(Records {
                        state: &mut *self,
                        kind,
                    })?;
                }
                _ => {
                    let key = check::excerpt(&key);
                    let error = if self.fields.format.is_some() {
                        ReadError::Shape(format!("unknown field \"{key}\""))
                    } else {
                        ReadError::Foreign(key)
                    };
                    return Err(self.fail(error));
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Snapshots,
    Sessions,
    Statements,
    Commitments,
    Comments,
    Forgotten,
}

impl Kind {
    fn field(self) -> &'static str {
        match self {
            Kind::Snapshots => "pack_snapshots",
            Kind::Sessions => "sessions",
            Kind::Statements => "statements",
            Kind::Commitments => "commitments",
            Kind::Comments => "comments",
            Kind::Forgotten => "forgotten",
        }
    }
}

/// One record array, consumed element by element.
struct Records<'a, 's> {
    state: &'a mut State<'s>,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for Records<'_, '_> {
    type Value = Vec<Comment>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_, '_> {
    type Value = Vec<Comment>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of {}", self.kind.field())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        let mut comments = Vec::new();
        for index in 0.. {
            let path = format!("{}[{index}]", self.kind.field());
            state.inside = Some(path.clone());
            let result =
                match self.kind {
                    Kind::Snapshots => match seq.next_element::<PackSnapshot>()? {
                        None => break,
                        Some(mut s) => check::snapshot(&path, &mut s)
                            .and_then(|()| state.sink.snapshot(&path, s)),
                    },
                    Kind::Sessions => match seq.next_element::<Session>()? {
                        None => break,
                        Some(mut s) => check::session(&path, &mut s)
                            .and_then(|()| state.sink.session(&path, s)),
                    },
                    Kind::Statements => match seq.next_element::<Statement>()? {
                        None => break,
                        Some(mut s) => check::statement(&path, &mut s)
                            .and_then(|()| state.sink.statement(&path, s)),
                    },
                    Kind::Commitments => match seq.next_element::<Commitment>()? {
                        None => break,
                        Some(mut c) => check::commitment(&path, &mut c)
                            .and_then(|()| state.sink.commitment(&path, c)),
                    },
                    Kind::Forgotten => match seq.next_element::<Tombstone>()? {
                        None => break,
                        Some(mut t) => check::tombstone(&path, &mut t)
                            .and_then(|()| state.sink.forgotten(&path, t)),
                    },
                    Kind::Comments => match seq.next_element::<Comment>()? {
                        None => break,
                        Some(mut c) => check::comment(&path, &mut c).map(|()| comments.push(c)),
                    },
                };
            if let Err(message) = result {
                return Err(state.fail(ReadError::Record(message)));
            }
        }
        state.inside = None;
        Ok(comments)
    }
}

#[cfg(test)]
#[path = "import_json_tests.rs"]
mod tests;
