//! Tests of `search`.

use super::*;
use crate::clock::Clock;
use crate::domain::{AnswerValue, Depth, Language};
use crate::journal::migrations::{LATEST_VERSION, migrate_to};
use crate::journal::{
    AnswerExtra, CommitmentDraft, CommitmentStatus, NewAnswer, NewSession, OpenMode, SessionKind,
    TidyDecision,
};
use crate::packs::{Pack, PackRegistry};
use rusqlite::Connection;

fn clock() -> Clock {
    Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
}

fn registry() -> PackRegistry {
    PackRegistry::built_in().unwrap()
}

fn session(j: &mut Journal, pack: &Pack, mode: Mode, context: &str) -> SessionId {
    j.create_session(&NewSession {
        kind: SessionKind::Reflect,
        mode: Some(mode),
        packs: vec![pack],
        context: context.into(),
        language: Language::En,
        depth: Depth::Deep,
    })
    .unwrap()
    .id
}

fn answer(j: &mut Journal, s: SessionId, pack: &Pack, prompt: &str, value: AnswerValue) {
    j.add_answer(&NewAnswer {
        session: s,
        pack,
        prompt: pack.prompt(prompt).unwrap(),
        value: Some(value),
    })
    .unwrap();
}

fn find(j: &Journal, text: &str) -> Vec<SearchHit> {
    j.search(&SearchQuery {
        text,
        mode: None,
        since: None,
        until: None,
        starred: false,
        limit: 100,
        marks: ("[", "]"),
    })
    .unwrap()
    .hits
}

fn texts(j: &Journal, text: &str) -> Vec<String> {
    find(j, text).into_iter().map(|h| h.text).collect()
}

#[test]
fn triggers_index_answers_statements_commitments_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
    let registry = registry();
    // Version 1.0.0, which still asks the `clarity` scale next to free text.
    let pack = registry
        .find_version("verkennen", Language::En, &semver::Version::new(1, 0, 0))
        .unwrap();
    let s = session(&mut j, pack, Mode::Verkennen, "Project Atlas");
    answer(
        &mut j,
        s,
        pack,
        "colour",
        AnswerValue::Text("I make maps of messy work.".into()),
    );
    answer(
        &mut j,
        s,
        pack,
        "not-mine",
        AnswerValue::Items(vec!["deciding for others".into(), "messy politics".into()]),
    );
    answer(&mut j, s, pack, "clarity", AnswerValue::Number(4));
    j.add_answer_with(
        &NewAnswer {
            session: s,
            pack,
            prompt: pack.prompt("statements").unwrap(),
            value: Some(AnswerValue::Items(vec![
                "I bring order to messy things".into(),
            ])),
        },
        &AnswerExtra::Statements(vec!["I bring order to messy things".into()]),
    )
    .unwrap();
    j.add_answer_with(
        &NewAnswer {
            session: s,
            pack,
            prompt: pack.prompt("commitment").unwrap(),
            value: Some(AnswerValue::Text("Draw one messy map a week".into())),
        },
        &AnswerExtra::Commitment(CommitmentDraft {
            text: "Draw one messy map a week".into(),
            look_back: None,
        }),
    )
    .unwrap();
    let commitment = j.commitments().unwrap()[0].id;
    j.follow_up_commitment(
        commitment,
        Some(s),
        CommitmentStatus::Done,
        Some("Messy but done"),
    )
    .unwrap();

    let hits = find(&j, "messy");
    let kinds: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
    // Newest first; the statements and commitment answers are not indexed twice.
    assert_eq!(
        kinds,
        [
            HitKind::CommitmentNote,
            HitKind::Commitment,
            HitKind::Statement,
            HitKind::Answer,
            HitKind::Answer
        ]
    );
    assert_eq!(hits[4].text, "I make maps of messy work.");
    assert_eq!(hits[4].snippet, "I make maps of [messy] work.");
    assert_eq!(hits[4].prompt_id.as_deref(), Some("colour"));
    assert_eq!(hits[4].context, "Project Atlas");
    assert_eq!(hits[4].mode, Some(Mode::Verkennen));
    assert_eq!(hits[3].text, "deciding for others\nmessy politics");
    assert!(find(&j, "4").is_empty(), "a number is not text");
}

#[test]
fn a_revision_replaces_the_old_answer_in_results() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
    let registry = registry();
    let pack = registry.find("verkennen", Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Verkennen, "");
    answer(
        &mut j,
        s,
        pack,
        "colour",
        AnswerValue::Text("Careful drafts.".into()),
    );
    let first = j.session_answers(s).unwrap()[0].id;
    assert_eq!(texts(&j, "careful"), ["Careful drafts."]);
    let second = j
        .revise_answer(
            first,
            Some(AnswerValue::Text("Bold careful sketches.".into())),
        )
        .unwrap();
    assert_eq!(texts(&j, "careful"), ["Bold careful sketches."]);
    assert!(texts(&j, "drafts").is_empty());
    j.revise_answer(second.id, None).unwrap();
    assert!(texts(&j, "careful").is_empty(), "a skip replaces it too");
}

#[test]
fn diacritics_and_case_fold_and_prefixes_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
    let registry = registry();
    let pack = registry.find("verkennen", Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Verkennen, "");
    answer(
        &mut j,
        s,
        pack,
        "colour",
        AnswerValue::Text("Één gesprek in het Café, over coöperatie.".into()),
    );
    for query in ["een", "cafe", "CAFÉ", "cooperatie", "coop*", "gesprek een"] {
        assert_eq!(find(&j, query).len(), 1, "{query}");
    }
    assert!(find(&j, "coop").is_empty(), "without * a word is whole");
    assert!(find(&j, "een thee").is_empty(), "every word must be there");
    assert_eq!(
        find(&j, "cafe")[0].snippet,
        "Één gesprek in het [Café], over coöperatie."
    );
}

#[test]
fn fts_syntax_in_user_text_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
    let registry = registry();
    let pack = registry.find("verkennen", Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Verkennen, "");
    answer(
        &mut j,
        s,
        pack,
        "colour",
        AnswerValue::Text("Advice \"and\" (clear) NOT vague: OR near*".into()),
    );
    for query in [
        "\"advice",
        "advice AND",
        "(clear",
        "clear)",
        "NOT",
        "OR",
        "NEAR(advice clear)",
        "vague:",
        "col:advice",
        "^advice",
        "advice\" OR \"x",
        "*",
        "\"",
    ] {
        let result = j.search(&SearchQuery {
            text: query,
            mode: None,
            since: None,
            until: None,
            starred: false,
            limit: 10,
            marks: ("[", "]"),
        });
        assert!(result.is_ok(), "{query}: {result:?}");
    }
    assert_eq!(find(&j, "advice AND").len(), 1);
    assert_eq!(find(&j, "NOT vague").len(), 1);
    assert!(find(&j, "(").is_empty());
    assert_eq!(
        match_expression("say \"hi\" AND x*"),
        Some("\"say\" AND \"\"\"hi\"\"\" AND \"AND\" AND \"x\"*".into())
    );
    assert_eq!(match_expression(" ( * \" "), None);
}

#[test]
fn periods_become_few_month_prefixes() {
    assert_eq!(
        cover("2017", "2031"),
        ["2017", "2018", "2019", "202", "2030", "2031"]
    );
    assert_eq!(cover("0000", "9999"), [""]);
    assert_eq!(
        period_prefixes((2020, 10), (2021, 2)),
        ["202010", "202011", "202012", "202101", "202102"]
    );
    assert_eq!(period_prefixes((2020, 1), (2021, 12)), ["2020", "2021"]);
    assert_eq!(period_prefixes((2020, 1), (2020, 12)), ["2020"]);
    assert_eq!(period_prefixes((0, 1), (9999, 12)), [""]);
    assert!(period_prefixes((2021, 1), (2020, 12)).is_empty());
    assert!(period_prefixes((2026, 11), (9999, 12)).len() < 40);
    let q = |since: Option<&str>, until: Option<&str>| {
        full_expression(
            "\"x\"",
            &SearchQuery {
                text: "x",
                mode: Some(Mode::Kiezen),
                since: since.map(String::from),
                until: until.map(String::from),
                starred: false,
                limit: 1,
                marks: ("[", "]"),
            },
        )
    };
    assert_eq!(q(None, None), "body : (\"x\") AND facets : \"modekiezen\"");
    assert_eq!(
        q(
            Some("2026-10-01T00:00:00.000Z"),
            Some("2027-01-01T00:00:00.000Z")
        ),
        "body : (\"x\") AND facets : \"modekiezen\" AND facets : (d202610* OR d202611* OR d202612* OR d202701*)"
    );
}

#[test]
fn filters_by_mode_and_period() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let registry = registry();
    let verkennen = registry.find("verkennen", Language::En).unwrap();
    let kiezen = registry.find("kiezen", Language::En).unwrap();
    for (at, pack, mode) in [
        ("2025-03-01T09:00:00Z", verkennen, Mode::Verkennen),
        ("2026-06-01T09:00:00Z", kiezen, Mode::Kiezen),
    ] {
        let clock = Clock::fixed(crate::clock::parse_stamp(at).unwrap());
        let mut j = Journal::open(&path, OpenMode::Create, clock).unwrap();
        let s = session(&mut j, pack, mode, at);
        let prompt = if mode == Mode::Kiezen {
            "first-signal"
        } else {
            "colour"
        };
        answer(
            &mut j,
            s,
            pack,
            prompt,
            AnswerValue::Text("A reorganisation.".into()),
        );
    }
    let j = Journal::open(&path, OpenMode::Existing, clock()).unwrap();
    let query = |mode, since: Option<&str>, until: Option<&str>| {
        j.search(&SearchQuery {
            text: "reorganisation",
            mode,
            since: since.map(String::from),
            until: until.map(String::from),
            starred: false,
            limit: 10,
            marks: ("[", "]"),
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.date[..4].to_string())
        .collect::<Vec<_>>()
    };
    assert_eq!(query(None, None, None), ["2026", "2025"]);
    assert_eq!(query(Some(Mode::Kiezen), None, None), ["2026"]);
    assert_eq!(
        query(Some(Mode::Onderhouden), None, None),
        Vec::<String>::new()
    );
    assert_eq!(
        query(None, Some("2026-01-01T00:00:00.000Z"), None),
        ["2026"]
    );
    assert_eq!(
        query(None, None, Some("2026-01-01T00:00:00.000Z")),
        ["2025"]
    );
}

#[test]
fn the_limit_says_when_there_are_more() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
    let registry = registry();
    let pack = registry.find("verkennen", Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Verkennen, "");
    for prompt in ["colour", "inalienable", "social-self"] {
        answer(
            &mut j,
            s,
            pack,
            prompt,
            AnswerValue::Text(format!("{prompt} matters")),
        );
    }
    let query = |limit| {
        j.search(&SearchQuery {
            text: "matters",
            mode: None,
            since: None,
            until: None,
            starred: false,
            limit,
            marks: ("[", "]"),
        })
        .unwrap()
    };
    let two = query(2);
    assert_eq!(two.hits.len(), 2);
    assert!(two.more);
    assert_eq!(two.hits[0].prompt_id.as_deref(), Some("social-self"));
    assert!(!query(3).more);
}

#[test]
fn the_search_uses_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock()).unwrap();
    let mut stmt = j
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {SEARCH_SQL}"))
        .unwrap();
    let plan: Vec<String> = stmt
        .query_map(
            params![
                "\"x\"",
                "[",
                "]",
                8,
                None::<String>,
                None::<String>,
                10,
                false
            ],
            |r| r.get(3),
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let plan = plan.join("\n");
    assert!(plan.contains("VIRTUAL TABLE INDEX"), "{plan}");
    assert!(
        !plan.contains("TEMP B-TREE"),
        "no sort of all matches: {plan}"
    );
    assert!(
        !plan.contains("SCAN s\n") && !plan.contains("SCAN a\n"),
        "{plan}"
    );
    assert!(plan.contains("answers_revision_chain"), "{plan}");
}

#[test]
fn an_old_journal_is_backed_up_migrated_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let registry = registry();
    let pack = registry.find("verkennen", Language::En).unwrap();
    {
        // A version-2 journal with answers, a revision, a statement and a commitment,
        // written with plain SQL as the pi of that version did.
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO pack_snapshots VALUES (?1, 'verkennen', '1.0.0', 'en', ?2, 'x')",
            params![pack.hash, pack.text],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, depth, prompt_count, started_at, status)
             VALUES ('00000000000000000000000000000001', 'reflect', 'verkennen', 'verkennen', '1.0.0', 'Oude klus', 'en', 'quick', 3, '2025-02-01T10:00:00.000Z', 'finished');
             INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text, value, skipped, replaces, created_at) VALUES
             ('00000000000000000000000000000a01', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'colour', 'long_text', 'Q', '{\"text\":\"Een zorgvuldige aanpak.\"}', 0, NULL, '2025-02-01T10:01:00.000Z'),
             ('00000000000000000000000000000a02', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'colour', 'long_text', 'Q', '{\"text\":\"Één snelle aanpak.\"}', 0, '00000000000000000000000000000a01', '2025-02-01T10:02:00.000Z'),
             ('00000000000000000000000000000a03', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'not-mine', 'list', 'Q', '{\"items\":[\"beslissen\",\"aanpak van anderen\"]}', 0, NULL, '2025-02-01T10:03:00.000Z'),
             ('00000000000000000000000000000a04', '00000000000000000000000000000001', 'verkennen', '1.0.0', 'drives', 'long_text', 'Q', NULL, 1, NULL, '2025-02-01T10:04:00.000Z');
             INSERT INTO statements VALUES ('00000000000000000000000000000b01', 'Mijn aanpak is helder', '00000000000000000000000000000001', NULL, '2025-02-01T10:05:00.000Z');
             INSERT INTO statement_events VALUES ('00000000000000000000000000000e01', '00000000000000000000000000000b01', '00000000000000000000000000000001', 'written', '2025-02-01T10:05:00.000Z');
             INSERT INTO commitments VALUES ('00000000000000000000000000000c01', '00000000000000000000000000000001', 'Aanpak delen', '2025-06-01', '2025-02-01T10:06:00.000Z');",
        )
        .unwrap();
    }
    let j = Journal::open(&path, OpenMode::Existing, clock()).unwrap();
    assert_eq!(j.schema_version().unwrap(), LATEST_VERSION);
    let backup = j.migration_backup().expect("a backup before migrating");
    assert!(
        backup
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains(".v2-backup-")
    );
    let hits = find(&j, "aanpak");
    let found: Vec<(HitKind, &str)> = hits.iter().map(|h| (h.kind, h.text.as_str())).collect();
    assert_eq!(
        found,
        [
            (HitKind::Commitment, "Aanpak delen"),
            (HitKind::Statement, "Mijn aanpak is helder"),
            (HitKind::Answer, "beslissen\naanpak van anderen"),
            (HitKind::Answer, "Één snelle aanpak."),
        ],
        "the replaced revision is not indexed"
    );
    assert_eq!(hits[3].context, "Oude klus");
    assert_eq!(find(&j, "een snelle").len(), 1);
    assert!(find(&j, "zorgvuldige").is_empty());
    // Records written after the migration are indexed by the triggers.
    let statement = j.statements().unwrap()[0].id;
    let mut j = j;
    let s = SessionId::parse("00000000000000000000000000000001").unwrap();
    j.tidy_statement(
        s,
        statement,
        &TidyDecision::Revise("Mijn aanpak is open".into()),
    )
    .unwrap();
    assert_eq!(find(&j, "open aanpak").len(), 1);
}
