//! Property-based abuse of every parser that reads files people hand to `pi`: whatever the
//! bytes, a parser returns a value or a clean error with a place, and never panics.
//!
//! `PROPTEST_CASES` raises the number of cases for a long run (default 256 per property).

use pi::interchange::format::{Commitment, PackSnapshot, Session, Statement};
use pi::interchange::import_json::{self, ReadError, Sink};
use pi::interchange::{dayone, jrnl};
use pi::packs::{PackSource, parse_pack};
use pi::ui::scripted::ScriptedPrompter;
use proptest::prelude::*;

const PACK: &str = include_str!("../prompts/kiezen.en.toml");
const ANSWERS: &str = "situation = \"A reorganisation.\"\nfit = 3\npatterns = \"Same as before.\"\n\
                       commitment = { text = \"Try\", look_back = \"2027-01-01\" }\n";

/// The text with `count` bytes replaced, inserted or deleted at positions from `edits`.
fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let at = at % bytes.len();
        match op % 3 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    proptest::collection::vec(
        (
            any::<usize>(),
            any::<u8>(),
            prop_oneof![Just(b'"'), Just(b'='), Just(b'['), Just(b'\n'), any::<u8>()],
        ),
        1..8,
    )
}

const EXPORT: &str = include_str!("fixtures/import/small-export.json");
const JRNL: &str = include_str!("fixtures/import/jrnl.json");
const DAYONE: &str = include_str!("fixtures/import/dayone.json");

/// Takes every record and counts it: the importer's checks run in the reader itself.
#[derive(Default)]
struct Count(usize);

impl Sink for Count {
    fn snapshot(&mut self, _: &str, _: PackSnapshot) -> Result<(), String> {
        self.0 += 1;
        Ok(())
    }
    fn session(&mut self, _: &str, _: Session) -> Result<(), String> {
        self.0 += 1;
        Ok(())
    }
    fn statement(&mut self, _: &str, _: Statement) -> Result<(), String> {
        self.0 += 1;
        Ok(())
    }
    fn commitment(&mut self, _: &str, _: Commitment) -> Result<(), String> {
        self.0 += 1;
        Ok(())
    }
}

#[test]
fn the_unmutated_fixtures_read() {
    let mut sink = Count::default();
    import_json::read(EXPORT.as_bytes(), &mut sink).unwrap();
    assert!(sink.0 >= 4, "{} records", sink.0);
    assert!(count(Tool::Jrnl, JRNL).unwrap() > 0);
    assert!(count(Tool::DayOne, DAYONE).unwrap() > 0);
}

/// The two tools `pi import --from` reads.
#[derive(Clone, Copy)]
enum Tool {
    Jrnl,
    DayOne,
}

/// How many entries another tool's export holds, read as `pi import --from` reads it.
fn count(tool: Tool, text: &str) -> Result<usize, ReadError> {
    let mut n = 0;
    let mut each = |_, _| {
        n += 1;
        Ok(())
    };
    match tool {
        Tool::Jrnl => jrnl::read(text.as_bytes(), &mut each)?,
        Tool::DayOne => dayone::read(text.as_bytes(), &mut each)?,
    }
    Ok(n)
}

proptest! {
    #[test]
    fn the_export_importer_never_panics(e in edits()) {
        let text = mutate(EXPORT, &e);
        if let Err(err) = import_json::read(text.as_bytes(), &mut Count::default()) {
            prop_assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn the_jrnl_and_day_one_importers_never_panic(e in edits()) {
        if let Err(err) = count(Tool::Jrnl, &mutate(JRNL, &e)) {
            prop_assert!(!err.to_string().is_empty());
        }
        if let Err(err) = count(Tool::DayOne, &mutate(DAYONE, &e)) {
            prop_assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn the_pack_parser_never_panics_on_mutated_packs(e in edits()) {
        let text = mutate(PACK, &e);
        match parse_pack("p.toml", &text, PackSource::Snapshot) {
            Ok(pack) => prop_assert!(!pack.prompts.is_empty()),
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for error in errors.0 {
                    prop_assert!(error.to_string().starts_with("p.toml"), "{}", error);
                }
            }
        }
    }

    #[test]
    fn the_pack_parser_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = parse_pack("p.toml", &text, PackSource::Snapshot);
    }

    #[test]
    fn the_answers_parser_never_panics(e in edits(), json in any::<bool>()) {
        let base = if json {
            "{\"situation\": \"A reorganisation.\", \"fit\": 3, \"patterns\": [\"x\"]}"
        } else {
            ANSWERS
        };
        let name = if json { "a.json" } else { "a.toml" };
        let text = mutate(base, &e);
        if let Err(err) = ScriptedPrompter::parse(name, &text) {
            prop_assert!(err.to_string().starts_with(name), "{}", err);
        }
    }
}
