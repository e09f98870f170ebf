//! Bringing a history from Day One (its JSON export, `Journal.json` in the export's zip):
//! `{"metadata": {"version": "1.0"}, "entries": [{"uuid", "creationDate", "text", "tags",
//! "starred", "timeZone", …}]}`. Each entry becomes a free-text journal session, its id derived
//! from Day One's own `uuid`, so importing the same export twice adds nothing and an entry
//! edited in Day One since comes in as a new revision of its answer.
//!
//! Day One has no title field: a first line written as a Markdown heading (`# …`) is taken
//! as the title. Its Markdown escapes punctuation (`\.`); the escapes are removed.

use super::import_check::excerpt;
use super::import_json::ReadError;
use super::jrnl::Entry;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    uuid: String,
    creation_date: String,
    #[serde(default)]
    text: Option<String>,
    /// Day One's rich text: a JSON document in a string, with the text in runs. Entries
    /// written on some devices have only this.
    #[serde(default)]
    rich_text: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Day One's rich text: the runs of text in order (embedded photos and the like have none).
#[derive(Debug, Deserialize)]
struct RichText {
    #[serde(default)]
    contents: Vec<RichRun>,
}

#[derive(Debug, Deserialize)]
struct RichRun {
    #[serde(default)]
    text: Option<String>,
}

/// Reads a Day One JSON export entry by entry, handing each to `each`; errors name the
/// entry and the bad value.
pub fn read(
    input: impl std::io::Read,
    each: &mut dyn FnMut(usize, Entry) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    super::entries::stream(input, &mut |index, e: DayOneEntry| {
        each(index, entry(index, e)?)
    })
}

fn entry(index: usize, e: DayOneEntry) -> Result<Entry, ReadError> {
    let at = DateTime::parse_from_rfc3339(e.creation_date.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ReadError::Record(format!(
                "entries[{index}]: creationDate '{}' is not a date and time (e.g. 2024-01-31T09:30:00Z)",
                excerpt(&e.creation_date)
            ))
        })?;
    if e.uuid.trim().is_empty() {
        return Err(ReadError::Record(format!(
            "entries[{index}]: uuid is empty"
        )));
    }
    let raw = match (e.text, e.rich_text) {
        (Some(text), _) if !text.trim().is_empty() => text,
        (_, Some(rich)) => rich_text(&rich)
            .map_err(|why| ReadError::Record(format!("entries[{index}]: richText {why}")))?,
        (text, None) => text.unwrap_or_default(),
    };
    let text = unescape(&raw);
    let (title, body) = split_title(&text);
    Ok(Entry {
        source: "dayone",
        key: format!("dayone:{}", e.uuid.trim().to_ascii_uppercase()),
        at,
        title,
        text: body,
        tags: e.tags,
        starred: e.starred,
    })
}

/// The text of a rich-text document: its runs joined.
fn rich_text(rich: &str) -> Result<String, String> {
    let doc: RichText = serde_json::from_str(rich)
        .map_err(|_| "is not Day One's rich text (JSON with \"contents\")".to_string())?;
    Ok(doc.contents.into_iter().filter_map(|r| r.text).collect())
}

/// A first line `# Title` is the title; the rest is the text.
fn split_title(text: &str) -> (String, String) {
    let text = text.trim_start();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    match first.strip_prefix('#') {
        Some(heading) if !heading.trim_start_matches('#').trim().is_empty() => (
            heading.trim_start_matches('#').trim().to_string(),
            rest.trim().to_string(),
        ),
        _ => (String::new(), text.trim().to_string()),
    }
}

/// Removes Day One's Markdown escapes before punctuation (`\.` → `.`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AnswerValue, Language};

    const FILE: &str = r##"{
  "metadata" : { "version" : "1.0" },
  "entries" : [
    {
      "uuid" : "81F0F3CA693F484792F76359E9E2ACE8",
      "creationDate" : "2024-01-31T09:30:00Z",
      "text" : "# Moved to advising\n\nI no longer decide\\. I advise\\!",
      "tags" : [ "work" ],
      "starred" : false,
      "timeZone" : "Europe\/Amsterdam"
    }
  ]
}"##;

    fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
        let mut all = Vec::new();
        read(text.as_bytes(), &mut |_, e| {
            all.push(e);
            Ok(())
        })?;
        Ok(all)
    }

    #[test]
    fn an_entry_becomes_a_journal_session() {
        let entries = entries(FILE).unwrap();
        let s = entries
            .into_iter()
            .next()
            .unwrap()
            .into_session(Language::En);
        assert_eq!(s.pack_id, "dayone");
        assert_eq!(s.started_at, "2024-01-31T09:30:00.000Z");
        assert_eq!(s.context, "Moved to advising · work");
        assert_eq!(s.answers[0].prompt_text, "Moved to advising");
        assert_eq!(
            s.answers[0].value,
            Some(AnswerValue::Text("I no longer decide. I advise!".into()))
        );
    }

    #[test]
    fn a_bad_creation_date_names_the_entry() {
        let err = entries(&FILE.replace("2024-01-31T09:30:00Z", "31-01-2024"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("entries[0]: creationDate '31-01-2024'"),
            "{err}"
        );
    }

    #[test]
    fn rich_text_alone_is_read_and_the_star_is_kept() {
        let rich = r##"{"contents":[{"text":"# Kruiskamp\n"},{"embeddedObjects":[]},{"text":"De bewoners praten mee."}],"meta":{"version":1}}"##;
        let file = serde_json::json!({
            "metadata": {"version": "1.0"},
            "entries": [{
                "uuid": "AA", "creationDate": "2024-03-01T10:00:00Z",
                "richText": rich, "starred": true
            }]
        })
        .to_string();
        let e = entries(&file).unwrap().remove(0);
        assert_eq!(e.title, "Kruiskamp");
        assert_eq!(e.text, "De bewoners praten mee.");
        assert!(e.starred);
        let bad = serde_json::json!({
            "entries": [{"uuid": "BB", "creationDate": "2024-03-01T10:00:00Z", "richText": "not json"}]
        })
        .to_string();
        let err = entries(&bad).unwrap_err().to_string();
        assert!(err.starts_with("entries[0]: richText is not"), "{err}");
    }
}
