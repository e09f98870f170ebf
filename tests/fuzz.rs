//! Property-based abuse of every parser that reads files people hand to `pi`: whatever the
//! bytes, a parser returns a value or a clean error with a place, and never panics.
//!
//! `PROPTEST_CASES` raises the number of cases for a long run (default 256 per property).

use pi::domain::AnswerValue;
use pi::domain::untrusted::{is_unsafe, visible};
use pi::interchange::format::{Commitment, PackSnapshot, Session, Statement};
use pi::interchange::import_json::{self, Sink};
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
    assert!(!jrnl::read(JRNL).unwrap().is_empty());
    assert!(!dayone::read(DAYONE).unwrap().is_empty());
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
        if let Err(err) = jrnl::read(&mutate(JRNL, &e)) {
            prop_assert!(!err.to_string().is_empty());
        }
        if let Err(err) = dayone::read(&mutate(DAYONE, &e)) {
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

/// Control characters, terminal escape sequences and bidi overrides among ordinary words, as
/// a hostile (or careless) export or reply may carry them.
fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\x1b[2J".to_string()),
            Just("\x1b]0;title\x07".to_string()),
            Just("\x1b[1A\x1b[2K".to_string()),
            Just("\x1b[8m".to_string()),
            Just("\u{202e}".to_string()),
            Just("\u{2066}".to_string()),
            Just("\u{9b}31m".to_string()),
            Just("\r".to_string()),
            Just("\0".to_string()),
            "[a-z \n]{0,8}",
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
}

/// Keeps every record, to compare with what went in.
#[derive(Default)]
struct Keep {
    sessions: Vec<Session>,
    statements: Vec<Statement>,
    commitments: Vec<Commitment>,
}

impl Sink for Keep {
    fn snapshot(&mut self, _: &str, _: PackSnapshot) -> Result<(), String> {
        Ok(())
    }
    fn session(&mut self, _: &str, s: Session) -> Result<(), String> {
        self.sessions.push(s);
        Ok(())
    }
    fn statement(&mut self, _: &str, s: Statement) -> Result<(), String> {
        self.statements.push(s);
        Ok(())
    }
    fn commitment(&mut self, _: &str, c: Commitment) -> Result<(), String> {
        self.commitments.push(c);
        Ok(())
    }
}

/// What a terminal would get of `text`: nothing it obeys.
fn harmless(text: &str) -> bool {
    !visible(text)
        .chars()
        .any(|c| is_unsafe(c) && c != '\n' && c != '\t')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// An export whose texts carry control characters reads back with every text exactly as
    /// it was written, and each shows harmlessly on a terminal.
    #[test]
    fn exports_with_control_characters_read_exactly_and_show_harmlessly(
        texts in proptest::collection::vec(hostile_text(), 4),
    ) {
        let mut export: serde_json::Value = serde_json::from_str(EXPORT).unwrap();
        export["sessions"][0]["context"] = texts[0].clone().into();
        export["sessions"][0]["answers"][0]["value"] = serde_json::json!({ "text": texts[1] });
        export["statements"][0]["text"] = texts[2].clone().into();
        export["commitments"][0]["text"] = texts[3].clone().into();
        let mut keep = Keep::default();
        import_json::read(export.to_string().as_bytes(), &mut keep).unwrap();
        prop_assert_eq!(&keep.sessions[0].context, &texts[0]);
        prop_assert_eq!(
            keep.sessions[0].answers[0].value.as_ref(),
            Some(&AnswerValue::Text(texts[1].clone()))
        );
        prop_assert_eq!(&keep.statements[0].text, &texts[2]);
        prop_assert_eq!(&keep.commitments[0].text, &texts[3]);
        for text in &texts {
            prop_assert!(harmless(text), "{:?}", visible(text));
        }
    }

    /// A reply whose friend's name and comments carry control characters reads back exactly,
    /// and shows harmlessly; mutated further, it never makes the reader panic.
    #[test]
    fn replies_with_control_characters_read_exactly_and_never_panic(
        name in hostile_text(),
        comment in hostile_text(),
        e in edits(),
    ) {
        let reply = serde_json::json!({
            "format": "pi-reply",
            "version": 1,
            "export_id": "c7a0c2414a22463a9ef34c464643be28",
            "friend": format!("Sam{name}"),
            "written_at": "2026-11-24T10:00:00.000Z",
            "comments": [{
                "id": "0f3e7516ec7c44d0921741d6ae1bb6cb",
                "target_kind": "answer",
                "target_id": "bed02ee5db47438e89fe62570cc54503",
                "text": format!("Why{comment}"),
                "created_at": "2026-11-24T10:00:00.000Z",
            }],
        })
        .to_string();
        match import_json::read(reply.as_bytes(), &mut Count::default()).unwrap() {
            import_json::Document::Reply(r) => {
                prop_assert_eq!(&r.friend, &format!("Sam{name}"));
                prop_assert_eq!(&r.comments[0].text, &format!("Why{comment}"));
                prop_assert!(harmless(&r.friend) && harmless(&r.comments[0].text));
            }
            import_json::Document::Export(_) => prop_assert!(false, "read as an export"),
        }
        if let Err(err) = import_json::read(mutate(&reply, &e).as_bytes(), &mut Count::default()) {
            prop_assert!(!err.to_string().is_empty());
            prop_assert!(harmless(&err.to_string()));
        }
    }
}
