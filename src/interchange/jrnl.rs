//! Bringing a history from jrnl (`jrnl --export json`): each entry becomes a free-text
//! journal session with its original date, so years of notes sit beside `pi`'s reflections.
//!
//! jrnl 4 writes `{"tags": {"@tag": n}, "entries": [{"title", "body", "date": "2024-01-31",
//! "time": "09:30", "tags": ["@tag"], "starred": false}]}`, times in the writer's local time;
//! entries of its Day One backend also carry a `uuid`. Entries have no id of their own, so a
//! session's id is a UUID v5 of the entry's date, time, title and body: importing the same
//! file twice adds nothing.

use super::format::{Answer, Session};
use super::import_check::excerpt;
use super::import_json::ReadError;
use crate::clock::format_stamp;
use crate::domain::{AnswerValue, Language};
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;

/// Namespace of the ids of imported journal entries (sessions and their one answer).
const ENTRY_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x0b9d_3c6e_2a41_5f7d_8c11_6e0f_4a2b_7c01);

/// The prompt id of an imported entry's one answer.
pub const ENTRY_PROMPT: &str = "entry";
/// The prompt text of an entry without a title.
pub const UNTITLED: &str = "Journal entry";

#[derive(Debug, Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    uuid: Option<String>,
    #[serde(default)]
    starred: bool,
}

/// Where an entry comes from and what it says, before it becomes a session.
#[derive(Debug)]
pub struct Entry {
    /// `jrnl` or `dayone`: the session's pack id, so `pi list` shows where it came from.
    pub source: &'static str,
    /// What makes this entry this entry: the seed of its ids.
    pub key: String,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// Its title, if it has one.
    pub title: String,
    /// Its text.
    pub text: String,
    /// Its tags, as the tool wrote them.
    pub tags: Vec<String>,
    /// Starred (jrnl's `*`, Day One's star): kept as the session's star.
    pub starred: bool,
}

impl Entry {
    /// The journal session this entry becomes: finished, one long-text answer.
    pub fn into_session(self, language: Language) -> Session {
        let id = uuid::Uuid::new_v5(&ENTRY_NAMESPACE, self.key.as_bytes());
        let answer_id =
            uuid::Uuid::new_v5(&ENTRY_NAMESPACE, format!("{id}:{ENTRY_PROMPT}").as_bytes());
        let at = format_stamp(self.at);
        let title = self.title.trim().to_string();
        let text = self.text.trim().to_string();
        let (prompt_text, value) = match (title.is_empty(), text.is_empty()) {
            (false, false) => (title.clone(), text),
            (false, true) => (UNTITLED.to_string(), title.clone()),
            (true, _) => (UNTITLED.to_string(), text),
        };
        let mut context = title;
        if !self.tags.is_empty() {
            if !context.is_empty() {
                context.push_str(" · ");
            }
            context.push_str(&self.tags.join(" "));
        }
        Session {
            id: id.simple().to_string(),
            kind: "journal".into(),
            mode: None,
            pack_id: self.source.into(),
            pack_version: "1.0.0".into(),
            context,
            language: language.code().into(),
            depth: "quick".into(),
            prompt_count: 1,
            started_at: at.clone(),
            finished_at: Some(at.clone()),
            status: "finished".into(),
            starred: self.starred,
            packs: Vec::new(),
            answers: vec![Answer {
                id: answer_id.simple().to_string(),
                pack_id: self.source.into(),
                pack_version: "1.0.0".into(),
                prompt_id: ENTRY_PROMPT.into(),
                prompt_kind: "long_text".into(),
                prompt_text,
                value: (!value.is_empty()).then_some(AnswerValue::Text(value)),
                replaces: None,
                created_at: at,
            }],
        }
    }
}

/// Reads a jrnl JSON export entry by entry, handing each to `each`; errors name the entry
/// and the bad value.
pub fn read(
    input: impl std::io::Read,
    each: &mut dyn FnMut(usize, Entry) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    super::entries::stream(input, &mut |index, e: JrnlEntry| {
        each(index, entry(index, e)?)
    })
}

fn entry(index: usize, e: JrnlEntry) -> Result<Entry, ReadError> {
    let date = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d").map_err(|_| {
        ReadError::Record(format!(
            "entries[{index}]: date '{}' is not a date (YYYY-MM-DD)",
            excerpt(&e.date)
        ))
    })?;
    let time = match e.time.as_deref().map(str::trim) {
        None | Some("") => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .map_err(|_| {
                ReadError::Record(format!(
                    "entries[{index}]: time '{}' is not a time of day (HH:MM)",
                    excerpt(t)
                ))
            })?,
    };
    // The key uses the date and time as jrnl wrote them, never their reading in this
    // computer's time zone: the same entry gets the same id wherever it is imported.
    let key = match &e.uuid {
        Some(u) if !u.trim().is_empty() => format!("jrnl-uuid:{}", u.trim()),
        _ => format!(
            "jrnl:{} {}\n{}\n{}",
            e.date.trim(),
            e.time.as_deref().unwrap_or("").trim(),
            e.title,
            e.body
        ),
    };
    Ok(Entry {
        source: "jrnl",
        key,
        at: local_to_utc(date.and_time(time)),
        title: e.title,
        text: e.body,
        tags: e.tags,
        starred: e.starred,
    })
}

/// jrnl writes the local time of the computer it ran on; read it in this computer's zone.
fn local_to_utc(t: NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&t)
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(t + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| t.and_utc(), |l| l.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{
  "tags": {"@work": 1},
  "entries": [
    {"title": "Intake went well.", "body": "The team took over the new form.",
     "date": "2024-01-31", "time": "09:30", "tags": ["@work"], "starred": false},
    {"title": "Short one.", "body": "", "date": "2024-02-01", "time": "17:05",
     "tags": [], "starred": true}
  ]
}"#;

    fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
        let mut all = Vec::new();
        read(text.as_bytes(), &mut |_, e| {
            all.push(e);
            Ok(())
        })?;
        Ok(all)
    }

    #[test]
    fn entries_become_stable_journal_sessions() {
        let sessions: Vec<Session> = entries(FILE)
            .unwrap()
            .into_iter()
            .map(|e| e.into_session(Language::En))
            .collect();
        assert_eq!(sessions.len(), 2);
        let first = &sessions[0];
        assert_eq!(first.kind, "journal");
        assert_eq!(first.context, "Intake went well. · @work");
        assert_eq!(first.answers[0].prompt_text, "Intake went well.");
        assert_eq!(
            first.answers[0].value,
            Some(AnswerValue::Text("The team took over the new form.".into()))
        );
        assert_eq!(sessions[1].answers[0].prompt_text, UNTITLED);
        assert!(!sessions[0].starred);
        assert!(sessions[1].starred, "jrnl's star is kept");
        let again: Vec<String> = entries(FILE)
            .unwrap()
            .into_iter()
            .map(|e| e.into_session(Language::En).id)
            .collect();
        assert_eq!(again, vec![sessions[0].id.clone(), sessions[1].id.clone()]);
    }

    #[test]
    fn a_bad_date_names_the_entry() {
        let bad = FILE.replace("2024-02-01", "2024-02-30");
        let err = entries(&bad).unwrap_err().to_string();
        assert_eq!(
            err,
            "entries[1]: date '2024-02-30' is not a date (YYYY-MM-DD)"
        );
        let err = entries("{\"entries\": 3}").unwrap_err().to_string();
        assert!(err.starts_with("1:"), "{err}");
    }
}
