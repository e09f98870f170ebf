//! Unit tests of the import merge: the cases two computers produce when both kept writing.

use super::*;
use crate::clock::Clock;
use crate::domain::AnswerValue;
use crate::interchange::format::{Answer, Session, Statement, StatementEvent};
use crate::journal::{Journal, OpenMode};

const T0: &str = "2026-01-01T09:00:00.000Z";

fn journal(dir: &tempfile::TempDir) -> Journal {
    let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
    Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap()
}

fn id(n: u8) -> String {
    format!("{n:02x}{}", "0".repeat(30))
}

fn answer(n: u8, text: &str, replaces: Option<u8>) -> Answer {
    Answer {
        id: id(n),
        pack_id: "jrnl".into(),
        pack_version: "1.0.0".into(),
        prompt_id: "entry".into(),
        prompt_kind: "long_text".into(),
        prompt_text: "Journal entry".into(),
        value: Some(AnswerValue::Text(text.into())),
        replaces: replaces.map(id),
        created_at: T0.into(),
    }
}

/// A session that walks no pack, so no snapshot is needed.
fn session(status: &str, answers: Vec<Answer>) -> Session {
    Session {
        id: id(1),
        kind: "journal".into(),
        mode: None,
        pack_id: "jrnl".into(),
        pack_version: "1.0.0".into(),
        context: String::new(),
        language: "en".into(),
        depth: "quick".into(),
        prompt_count: 1,
        started_at: T0.into(),
        finished_at: (status == "finished").then(|| T0.to_string()),
        status: status.into(),
        starred: false,
        packs: Vec::new(),
        answers,
    }
}

fn statement(n: u8, text: &str, session: Option<u8>, replaces: Option<u8>) -> Statement {
    Statement {
        id: id(n),
        text: text.into(),
        session_id: session.map(id),
        replaces: replaces.map(id),
        created_at: T0.into(),
        events: vec![StatementEvent {
            id: id(n + 100),
            event: "written".into(),
            session_id: session.map(id),
            created_at: T0.into(),
        }],
    }
}

fn import(j: &mut Journal, sessions: &[Session], statements: &[Statement]) -> ImportSummary {
    let mut importer = j.begin_import().unwrap();
    for (i, s) in sessions.iter().enumerate() {
        importer.session(&format!("sessions[{i}]"), s).unwrap();
    }
    for (i, s) in statements.iter().enumerate() {
        importer.statement(&format!("statements[{i}]"), s).unwrap();
    }
    importer.finish().unwrap()
}

fn current_text(j: &Journal) -> Vec<Option<AnswerValue>> {
    let sid = crate::domain::SessionId::parse(&id(1)).unwrap();
    j.session_answers(sid)
        .unwrap()
        .into_iter()
        .map(|a| a.value)
        .collect()
}

#[test]
fn revisions_made_on_both_computers_are_both_kept_in_one_chain() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let here = session(
        "finished",
        vec![answer(10, "first", None), answer(11, "mine", Some(10))],
    );
    import(&mut j, &[here], &[]);
    let there = session(
        "finished",
        vec![answer(10, "first", None), answer(12, "theirs", Some(10))],
    );
    let summary = import(&mut j, std::slice::from_ref(&there), &[]);
    assert_eq!(summary.answers.skipped, 1);
    assert_eq!(summary.answers.revised, 1);
    assert_eq!(
        current_text(&j),
        vec![Some(AnswerValue::Text("theirs".into()))]
    );
    let again = import(&mut j, &[there], &[]);
    assert_eq!((again.answers.added, again.answers.revised), (0, 0));
}

#[test]
fn a_known_answer_with_other_content_is_added_once_as_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    import(
        &mut j,
        &[session("finished", vec![answer(10, "first", None)])],
        &[],
    );
    let edited = session("finished", vec![answer(10, "edited", None)]);
    let summary = import(&mut j, std::slice::from_ref(&edited), &[]);
    assert_eq!(summary.answers.revised, 1);
    assert!(
        summary.notes[0].contains("differs from the answer"),
        "{:?}",
        summary.notes
    );
    assert_eq!(
        current_text(&j),
        vec![Some(AnswerValue::Text("edited".into()))]
    );
    let again = import(&mut j, &[edited], &[]);
    assert_eq!((again.answers.skipped, again.answers.revised), (1, 0));
}

#[test]
fn a_session_finished_elsewhere_is_finished_here() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    import(&mut j, &[session("in_progress", vec![])], &[]);
    let summary = import(&mut j, &[session("finished", vec![])], &[]);
    assert_eq!(summary.sessions.revised, 1);
    let sid = crate::domain::SessionId::parse(&id(1)).unwrap();
    assert_eq!(
        j.session(sid).unwrap().status,
        crate::journal::SessionStatus::Finished
    );
}

#[test]
fn statements_revised_differently_stay_side_by_side_and_orphans_lose_their_link() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    import(
        &mut j,
        &[session("finished", vec![])],
        &[
            statement(20, "I advise", Some(1), None),
            statement(21, "I advise clearly", Some(1), Some(20)),
        ],
    );
    let summary = import(
        &mut j,
        &[],
        &[
            statement(20, "I advise", Some(1), None),
            statement(22, "I advise honestly", Some(1), Some(20)),
            statement(23, "From a session not here", Some(9), None),
        ],
    );
    assert_eq!(summary.statements.added, 2);
    assert_eq!(summary.statements.skipped, 1);
    assert!(
        summary
            .notes
            .iter()
            .any(|n| n.contains("kept as a separate statement"))
    );
    assert_eq!(summary.detached, 2, "the statement and its event");
    let all = j.statements().unwrap();
    let honest = all.iter().find(|s| s.text == "I advise honestly").unwrap();
    assert_eq!(honest.replaces, None);

    let conflict = import(&mut j, &[], &[statement(20, "I decide", Some(1), None)]);
    assert_eq!(conflict.statements.conflicts, 1);
}

#[test]
fn a_dangling_reference_rolls_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let mut importer = j.begin_import().unwrap();
    importer
        .session("sessions[0]", &session("finished", vec![]))
        .unwrap();
    importer
        .statement(
            "statements[0]",
            &statement(30, "Revises nothing here", None, Some(31)),
        )
        .unwrap();
    let err = importer.finish().unwrap_err().to_string();
    assert!(
        err.contains("neither in the file nor in this journal"),
        "{err}"
    );
    assert!(j.sessions(None).unwrap().is_empty(), "rolled back");
}

fn long_id(n: u32) -> String {
    format!("{n:032x}")
}

#[test]
fn a_new_session_s_answers_wait_and_go_in_order_even_past_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    // More revisions than wait at once, each of the one before, then an answer to another
    // prompt: the chain must be followed across the batch that was written out midway.
    let count = 2100u32;
    let mut answers: Vec<Answer> = (0..count)
        .map(|n| Answer {
            id: long_id(1000 + n),
            replaces: (n > 0).then(|| long_id(1000 + n - 1)),
            value: Some(AnswerValue::Text(format!("wording {n}"))),
            ..answer(0, "", None)
        })
        .collect();
    answers.push(Answer {
        id: long_id(9999),
        prompt_id: "other".into(),
        ..answer(0, "another prompt", None)
    });
    // Two answers to one prompt, neither revising the other, as two computers write them.
    answers.push(Answer {
        id: long_id(8001),
        prompt_id: "twice".into(),
        ..answer(0, "here", None)
    });
    answers.push(Answer {
        id: long_id(8002),
        prompt_id: "twice".into(),
        ..answer(0, "there", None)
    });
    let summary = import(&mut j, &[session("finished", answers)], &[]);
    assert_eq!(summary.answers.added, count as usize + 2);
    assert_eq!(summary.answers.revised, 1, "{:?}", summary.notes);
    assert_eq!(
        current_text(&j),
        vec![
            Some(AnswerValue::Text(format!("wording {}", count - 1))),
            Some(AnswerValue::Text("another prompt".into())),
            Some(AnswerValue::Text("there".into())),
        ]
    );
    let sid = crate::domain::SessionId::parse(&id(1)).unwrap();
    assert_eq!(j.session(sid).unwrap().answered, 3);
    let found = j
        .search(&crate::journal::SearchQuery {
            text: "there",
            mode: None,
            since: None,
            until: None,
            starred: false,
            limit: 10,
            marks: ("", ""),
        })
        .unwrap();
    assert_eq!(
        found.hits.len(),
        1,
        "the waiting rows reach the search index"
    );
}

#[test]
fn an_answer_id_in_two_new_sessions_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let first = session("finished", vec![answer(10, "one", None)]);
    let second = Session {
        id: id(2),
        ..session("finished", vec![answer(10, "one", None)])
    };
    let mut importer = j.begin_import().unwrap();
    importer.session("sessions[0]", &first).unwrap();
    let err = importer.session("sessions[1]", &second).unwrap_err();
    assert!(
        err.to_string().contains("belongs to session 01000000…"),
        "{err}"
    );
}

#[test]
fn what_was_forgotten_never_comes_back_nor_what_revises_it() {
    use crate::journal::ForgetTarget;
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let old = session(
        "finished",
        vec![answer(10, "first", None), answer(11, "second", Some(10))],
    );
    let statements = [statement(20, "I stand for it", Some(1), None)];
    import(&mut j, std::slice::from_ref(&old), &statements);
    let sid = crate::domain::SessionId::parse(&id(1)).unwrap();
    let target = ForgetTarget::Answer {
        session: sid,
        pack_id: "jrnl".into(),
        prompt_id: "entry".into(),
    };
    let plan = j.forget_plan(&target).unwrap();
    j.forget(&target, &plan).unwrap();
    let st = crate::domain::StatementId::parse(&id(20)).unwrap();
    let plan = j.forget_plan(&ForgetTarget::Statement(st)).unwrap();
    j.forget(&ForgetTarget::Statement(st), &plan).unwrap();

    // The older copy: nothing of it comes back, and the summary counts it.
    let again = import(&mut j, std::slice::from_ref(&old), &statements);
    assert_eq!(again.answers.added + again.answers.revised, 0);
    assert_eq!(again.statements.added, 0);
    assert_eq!(
        again.forgotten, 4,
        "two revisions, a statement and its event"
    );
    assert!(current_text(&j).is_empty());

    // Another computer revised the forgotten answer and re-worded the statement: those are
    // forgotten too, and remembered as such.
    let later = session(
        "finished",
        vec![answer(10, "first", None), answer(12, "third", Some(11))],
    );
    let reworded = [statement(21, "I stand for it, plainly", None, Some(20))];
    let third = import(&mut j, &[later], &reworded);
    assert_eq!(third.forgotten, 4);
    assert!(current_text(&j).is_empty());
    assert!(j.statements().unwrap().is_empty());
    assert!(j.is_forgotten("answer", &id(12)).unwrap());
    assert!(j.is_forgotten("statement", &id(21)).unwrap());

    // A whole session forgotten: the session and every answer in it stay out.
    let plan = j.forget_plan(&ForgetTarget::Session(sid)).unwrap();
    j.forget(&ForgetTarget::Session(sid), &plan).unwrap();
    let fourth = import(&mut j, &[old], &[]);
    assert_eq!(fourth.sessions.added, 0);
    assert_eq!(fourth.forgotten, 3);
}
