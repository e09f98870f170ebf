//! Property-based abuse of every parser that reads files people hand to `pi`: whatever the
//! bytes, a parser returns a value or a clean error with a place, and never panics.
//!
//! `PROPTEST_CASES` raises the number of cases for a long run (default 256 per property).

use pi::domain::AnswerValue;
use pi::domain::untrusted::{is_unsafe, visible};
use pi::interchange::format::{Commitment, PackSnapshot, Session, Statement, Tombstone};
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
    fn forgotten(&mut self, _: &str, _: Tombstone) -> Result<(), String> {
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
    fn forgotten(&mut self, _: &str, _: Tombstone) -> Result<(), String> {
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

/// A canonical id for a small number.
fn fuzz_id(n: usize) -> String {
    format!("{n:08x}000040008000000000000000")
}

/// One journal-entry session whose answers revise each other as `links` says.
fn fuzz_session(n: usize, answer_ids: &[usize], links: &[Option<usize>]) -> Session {
    Session {
        id: fuzz_id(1000 + n),
        kind: "journal".into(),
        mode: None,
        pack_id: "jrnl".into(),
        pack_version: "1.0.0".into(),
        context: String::new(),
        language: "en".into(),
        depth: "quick".into(),
        prompt_count: 1,
        started_at: "2026-01-01T10:00:00.000Z".into(),
        finished_at: Some("2026-01-01T10:00:00.000Z".into()),
        status: "finished".into(),
        starred: false,
        packs: Vec::new(),
        answers: answer_ids
            .iter()
            .zip(links)
            .map(|(&a, link)| pi::interchange::format::Answer {
                id: fuzz_id(a),
                pack_id: "jrnl".into(),
                pack_version: "1.0.0".into(),
                prompt_id: "entry".into(),
                prompt_kind: "long_text".into(),
                prompt_text: "Entry".into(),
                value: Some(pi::domain::AnswerValue::Text(format!("text {a}"))),
                replaces: link.map(|l| fuzz_id(answer_ids[l % answer_ids.len()])),
                created_at: "2026-01-01T10:00:00.000Z".into(),
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever circles of revisions and reused ids a file holds, the journal either takes it
    /// whole or refuses it with a message; what it takes has no circle a tidy walk could
    /// never leave, and no answer id in two sessions.
    #[test]
    fn cycles_and_reused_ids_are_refused_or_harmless(
        statement_links in proptest::collection::vec(proptest::option::of(0usize..6), 1..6),
        answers in proptest::collection::vec((0usize..6, proptest::option::of(0usize..6)), 1..6),
        second in proptest::collection::vec(0usize..8, 0..3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let clock = pi::clock::Clock::fixed(pi::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
        let mut journal =
            pi::journal::Journal::open(&dir.path().join("j.db"), pi::journal::OpenMode::Create, clock)
                .unwrap();
        let mut importer = journal.begin_import().unwrap();
        let ids: Vec<usize> = answers.iter().map(|(a, _)| *a).collect();
        let links: Vec<Option<usize>> = answers.iter().map(|(_, l)| *l).collect();
        let mut result = importer.session("sessions[0]", &fuzz_session(0, &ids, &links));
        if result.is_ok() && !second.is_empty() {
            let none = vec![None; second.len()];
            result = importer.session("sessions[1]", &fuzz_session(1, &second, &none));
        }
        for (i, link) in statement_links.iter().enumerate() {
            if result.is_err() {
                break;
            }
            result = importer.statement(&format!("statements[{i}]"), &Statement {
                id: fuzz_id(100 + i),
                text: format!("statement {i}"),
                session_id: None,
                replaces: link.map(|l| fuzz_id(100 + l % statement_links.len())),
                created_at: "2026-01-01T10:00:00.000Z".into(),
                events: Vec::new(),
            });
        }
        let finished = result.and_then(|()| importer.finish().map(drop));
        match finished {
            Err(e) => prop_assert!(!e.to_string().is_empty()),
            Ok(()) => {
                // Every statement is reachable without a circle: listing them ends.
                let statements = journal.statements().unwrap();
                prop_assert!(statements.len() <= statement_links.len());
                let reused = ids.iter().any(|a| second.contains(a));
                prop_assert!(!reused, "an answer id was taken into two sessions");
            }
        }
    }
}
