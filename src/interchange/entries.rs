//! Reading another tool's JSON export (`{"entries": [ … ], …}`, as jrnl and Day One write it)
//! one entry at a time: a serde visitor hands each entry over the moment it is parsed, so a
//! history of a hundred thousand entries never sits in memory whole.

use super::import_json::ReadError;
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;

/// What the first bytes of a file say it is, when that is not a JSON export: a message for
/// the person, naming the tool's own command that makes the right file.
pub fn sniff(head: &[u8], tool: &str) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        return None;
    }
    let plain_jrnl = start.starts_with('[')
        && start[1..].chars().take(4).all(|c| c.is_ascii_digit())
        && start[1..].chars().nth(4) == Some('-');
    Some(if plain_jrnl {
        "this is jrnl's plain-text journal, not its JSON export; make one with `jrnl --export json > jrnl.json` and import that".to_string()
    } else if start.starts_with("PK") {
        format!(
            "this is a zip archive; unzip it and import the JSON file inside (Journal.json for Day One) with --from {tool}"
        )
    } else if start.is_empty() {
        "the file is empty".to_string()
    } else {
        format!("this is not a JSON export of {tool} (it does not start with '{{')")
    })
}

/// Reads `input`, handing every element of its top-level `entries` array to `each` with its
/// index. Other top-level fields are skipped unread.
pub fn stream<T: DeserializeOwned>(
    input: impl Read,
    each: &mut dyn FnMut(usize, T) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(input));
    let mut failure = None;
    let mut saw_entries = false;
    let result = de
        .deserialize_map(Top {
            each,
            failure: &mut failure,
            saw_entries: &mut saw_entries,
            _entry: PhantomData,
        })
        .and_then(|()| de.end());
    if let Some(failure) = failure {
        return Err(failure);
    }
    result.map_err(|e| json_error(&e))?;
    if !saw_entries {
        return Err(ReadError::Shape(
            "the file has no \"entries\" field, so it is not a journal export".into(),
        ));
    }
    Ok(())
}

/// Where in a JSON text serde stopped, and why; a quoted value in serde's message is
/// shortened so a huge bad value is never echoed.
pub fn json_error(e: &serde_json::Error) -> ReadError {
    if e.is_io() {
        return ReadError::Io(e.to_string());
    }
    let full = e.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    ReadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: super::import_check::shorten_quotes(message),
    }
}

struct Top<'a, T> {
    each: &'a mut dyn FnMut(usize, T) -> Result<(), ReadError>,
    failure: &'a mut Option<ReadError>,
    saw_entries: &'a mut bool,
    _entry: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Top<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with \"entries\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                *self.saw_entries = true;
                map.next_value_seed(Entries {
                    each: &mut *self.each,
                    failure: &mut *self.failure,
                    _entry: PhantomData,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Entries<'a, T> {
    each: &'a mut dyn FnMut(usize, T) -> Result<(), ReadError>,
    failure: &'a mut Option<ReadError>,
    _entry: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Entries<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Entries<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(entry) = seq.next_element::<T>()? {
            if let Err(e) = (self.each)(index, entry) {
                *self.failure = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_arrive_one_by_one_and_other_fields_are_skipped() {
        let json = r#"{"tags": {"@a": 1}, "entries": [1, 2, 3], "after": [{"x": 1}]}"#;
        let mut seen = Vec::new();
        stream::<u32>(json.as_bytes(), &mut |i, n| {
            seen.push((i, n));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, [(0, 1), (1, 2), (2, 3)]);
    }

    #[test]
    fn a_refusal_stops_reading_and_is_the_error() {
        let json = r#"{"entries": [1, 2, 3]}"#;
        let err = stream::<u32>(json.as_bytes(), &mut |i, _| {
            if i == 1 {
                Err(ReadError::Record("entries[1]: no".into()))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "entries[1]: no");
    }

    #[test]
    fn a_file_without_entries_says_so() {
        let err = stream::<u32>(&b"{\"x\": 1}"[..], &mut |_, _| Ok(())).unwrap_err();
        assert!(err.to_string().contains("no \"entries\""), "{err}");
    }

    #[test]
    fn plain_text_and_archives_are_recognised() {
        assert!(
            sniff(b"[2019-01-05 10:00] Title.\nBody", "jrnl")
                .unwrap()
                .contains("plain-text journal")
        );
        assert!(sniff(b"PK\x03\x04", "dayone").unwrap().contains("zip"));
        assert!(sniff(b"  {\"entries\": []}", "jrnl").is_none());
        assert!(sniff(b"", "jrnl").unwrap().contains("empty"));
    }
}
