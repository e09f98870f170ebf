//! Forgetting, tested against a real journal file: what goes, what stays, the tombstones,
//! and no byte of a forgotten text left in the files or the search index.

use crate::clock::Clock;
use crate::domain::{AnswerValue, Depth, Language, Mode, SessionId, StatementId};
use crate::journal::{
    AnswerExtra, CommitmentDraft, ForgetTarget, Journal, NewAnswer, NewSession, OpenMode,
    SessionKind, TidyDecision,
};
use crate::packs::{Pack, PackRegistry};

fn open(dir: &tempfile::TempDir) -> Journal {
    let clock = Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap());
    Journal::open(&dir.path().join("j.db"), OpenMode::Create, clock).unwrap()
}

fn session(j: &mut Journal, pack: &Pack, mode: Mode) -> SessionId {
    j.create_session(&NewSession {
        kind: SessionKind::Reflect,
        mode: Some(mode),
        packs: vec![pack],
        context: "Project X".into(),
        language: Language::En,
        depth: Depth::Deep,
    })
    .unwrap()
    .id
}

fn answer(j: &mut Journal, s: SessionId, pack: &Pack, prompt: &str, value: AnswerValue) {
    let extra = match (&pack.prompt(prompt).unwrap().kind, &value) {
        (crate::packs::PromptKind::Statements, AnswerValue::Items(items)) => {
            AnswerExtra::Statements(items.clone())
        }
        (crate::packs::PromptKind::Commitment, AnswerValue::Text(t)) => {
            AnswerExtra::Commitment(CommitmentDraft {
                text: t.clone(),
                look_back: None,
            })
        }
        _ => AnswerExtra::None,
    };
    j.add_answer_with(
        &NewAnswer {
            session: s,
            pack,
            prompt: pack.prompt(prompt).unwrap(),
            value: Some(value),
        },
        &extra,
    )
    .unwrap();
}

fn count(j: &Journal, sql: &str) -> i64 {
    j.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn text(t: &str) -> AnswerValue {
    AnswerValue::Text(t.into())
}

fn forget(j: &mut Journal, target: &ForgetTarget) -> crate::journal::Forgotten {
    let plan = j.forget_plan(target).unwrap();
    j.forget(target, &plan).unwrap()
}

/// How often the search index's vocabulary holds `marker`.
fn indexed(j: &Journal, marker: &str) -> i64 {
    j.conn
        .execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, search_index, 'row');",
        )
        .unwrap();
    j.conn
        .query_row(
            "SELECT count(*) FROM temp.vocab WHERE term = lower(?1)",
            [marker],
            |r| r.get(0),
        )
        .unwrap()
}

/// The words are nowhere: not in the search index (its vocabulary), not in any file.
fn assert_gone(dir: &tempfile::TempDir, j: &Journal, marker: &str) {
    assert_eq!(
        indexed(j, marker),
        0,
        "the search index still knows {marker}"
    );
    for name in ["j.db", "j.db-wal", "j.db-shm"] {
        let bytes = std::fs::read(dir.path().join(name)).unwrap_or_default();
        for needle in [marker.to_string(), marker.to_lowercase()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{name} still holds {needle}"
            );
        }
    }
}

fn holds(dir: &tempfile::TempDir, marker: &str) -> bool {
    ["j.db", "j.db-wal"].iter().any(|name| {
        let bytes = std::fs::read(dir.path().join(name)).unwrap_or_default();
        bytes.windows(marker.len()).any(|w| w == marker.as_bytes())
    })
}

#[test]
fn an_answer_goes_with_every_revision_and_leaves_tombstones() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir);
    let registry = PackRegistry::built_in().unwrap();
    let pack = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Kiezen);
    let marker = "Zyxmarkerqq41";
    answer(
        &mut j,
        s,
        pack,
        "first-signal",
        text(&format!("My manager {marker} said")),
    );
    answer(&mut j, s, pack, "fit", AnswerValue::Number(3));
    let first = j.session_answers(s).unwrap()[0].id;
    let second = j
        .revise_answer(first, Some(text("Still the manager")))
        .unwrap();
    assert_eq!(j.session(s).unwrap().answered, 2);
    assert!(holds(&dir, marker), "the test must see the marker before");
    assert_eq!(indexed(&j, marker), 1);

    let target = ForgetTarget::Answer {
        session: s,
        pack_id: pack.id.clone(),
        prompt_id: "first-signal".into(),
    };
    let done = forget(&mut j, &target);
    assert!(done.log_emptied);
    assert_eq!(done.plan.answers.len(), 2);
    assert_eq!(done.plan.answer_count, 1);
    assert_eq!(j.session_answers(s).unwrap().len(), 1, "the scale stays");
    assert_eq!(j.session(s).unwrap().answered, 1);
    assert!(j.is_forgotten("answer", &first.to_string()).unwrap());
    assert!(j.is_forgotten("answer", &second.id.to_string()).unwrap());
    assert_eq!(j.forget_history().unwrap().records, 2);
    assert_eq!(
        count(
            &j,
            "SELECT count(*) FROM search_index WHERE kind = 'answer'"
        ),
        0
    );
    assert_gone(&dir, &j, marker);
    // Nothing left to forget: an empty plan.
    assert!(j.forget_plan(&target).unwrap().is_empty());
}

#[test]
fn a_session_goes_with_its_statements_commitments_and_what_was_decided_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir);
    let registry = PackRegistry::built_in().unwrap();
    let kiezen = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
    let tidy = registry.for_mode(Mode::Onderhouden, Language::En).unwrap();
    // An earlier session wrote a statement that stays.
    let earlier = session(&mut j, kiezen, Mode::Kiezen);
    answer(
        &mut j,
        earlier,
        kiezen,
        "statements",
        AnswerValue::Items(vec!["I stand for clear advice".into()]),
    );
    let kept = j.statements().unwrap()[0].id;
    // The session to forget: re-words the earlier statement, writes one and a commitment.
    let s = session(&mut j, tidy, Mode::Onderhouden);
    let marker = "Qqforgetmeplz";
    j.tidy_statement(
        s,
        kept,
        &TidyDecision::Revise(format!("I stand for {marker}")),
    )
    .unwrap();
    answer(
        &mut j,
        s,
        tidy,
        "statements",
        AnswerValue::Items(vec![format!("{marker} is mine")]),
    );
    answer(
        &mut j,
        s,
        tidy,
        "commitment",
        text(&format!("Try {marker} weekly")),
    );
    let commitment = j.commitments().unwrap()[0].id;
    j.follow_up_commitment(
        commitment,
        None,
        crate::journal::CommitmentStatus::Done,
        Some(&format!("did {marker}")),
    )
    .unwrap();
    assert!(holds(&dir, marker));

    let done = forget(&mut j, &ForgetTarget::Session(s));
    assert_eq!(done.plan.sessions.len(), 1);
    assert_eq!(done.plan.statements.len(), 2);
    assert_eq!(done.plan.commitments.len(), 1);
    assert!(j.session(s).is_err());
    let left = j.statements().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, kept);
    assert_eq!(
        left[0].state(),
        crate::journal::StatementState::Current,
        "the re-wording is gone, so the earlier wording is current again"
    );
    assert!(j.commitments().unwrap().is_empty());
    assert_eq!(count(&j, "SELECT count(*) FROM commitment_events"), 0);
    assert_eq!(count(&j, "SELECT count(*) FROM session_packs"), 1);
    assert!(j.is_forgotten("session", &s.to_string()).unwrap());
    assert_gone(&dir, &j, marker);
}

#[test]
fn a_statement_goes_with_every_wording_and_out_of_the_lists_that_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir);
    let registry = PackRegistry::built_in().unwrap();
    let kiezen = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
    let tidy = registry.for_mode(Mode::Onderhouden, Language::En).unwrap();
    let s = session(&mut j, kiezen, Mode::Kiezen);
    let marker = "Wqstatementmark";
    answer(
        &mut j,
        s,
        kiezen,
        "statements",
        AnswerValue::Items(vec![format!("I say {marker}"), "I keep my promises".into()]),
    );
    let first: StatementId = j
        .statements()
        .unwrap()
        .into_iter()
        .find(|st| st.text.contains(marker))
        .unwrap()
        .id;
    let later = session(&mut j, tidy, Mode::Onderhouden);
    let newer = j
        .tidy_statement(
            later,
            first,
            &TidyDecision::Revise("I say it plainly".into()),
        )
        .unwrap()
        .unwrap();
    answer(
        &mut j,
        later,
        tidy,
        "tidy",
        AnswerValue::Items(vec![format!("revised: I say {marker} -> I say it plainly")]),
    );
    assert_eq!(j.session(later).unwrap().answered, 1);

    let done = forget(&mut j, &ForgetTarget::Statement(newer));
    assert_eq!(done.plan.statements.len(), 2, "both wordings");
    assert_eq!(done.plan.trimmed.len(), 2);
    let written = j.session_answers(s).unwrap();
    assert_eq!(
        written[0].value,
        Some(AnswerValue::Items(vec!["I keep my promises".into()]))
    );
    let walk = j.session_answers(later).unwrap();
    assert_eq!(walk[0].value, None, "a summary with nothing left is a skip");
    assert_eq!(j.session(later).unwrap().answered, 0);
    assert!(
        j.is_forgotten("answer_part", &written[0].id.to_string())
            .unwrap()
    );
    assert_eq!(j.statements().unwrap().len(), 1);
    assert_gone(&dir, &j, marker);
}

#[test]
fn a_commitment_goes_with_the_answer_that_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir);
    let registry = PackRegistry::built_in().unwrap();
    let kiezen = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
    let s = session(&mut j, kiezen, Mode::Kiezen);
    answer(
        &mut j,
        s,
        kiezen,
        "commitment",
        text("Ask Kimqq for feedback"),
    );
    answer(&mut j, s, kiezen, "fit", AnswerValue::Number(2));
    let c = j.commitments().unwrap()[0].id;
    let done = forget(&mut j, &ForgetTarget::Commitment(c));
    assert_eq!(done.plan.answers.len(), 1);
    assert_eq!(j.session_answers(s).unwrap().len(), 1);
    assert_gone(&dir, &j, "Kimqq");
}

#[test]
fn a_plan_that_no_longer_fits_forgets_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir);
    let registry = PackRegistry::built_in().unwrap();
    let pack = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Kiezen);
    answer(&mut j, s, pack, "first-signal", text("one"));
    let target = ForgetTarget::Answer {
        session: s,
        pack_id: pack.id.clone(),
        prompt_id: "first-signal".into(),
    };
    let plan = j.forget_plan(&target).unwrap();
    let current = j.session_answers(s).unwrap()[0].id;
    j.revise_answer(current, Some(text("two"))).unwrap();
    let err = j.forget(&target, &plan).unwrap_err();
    assert!(err.to_string().contains("changed"), "{err}");
    assert_eq!(count(&j, "SELECT count(*) FROM answers"), 2);
    assert_eq!(count(&j, "SELECT count(*) FROM tombstones"), 0);
}

#[test]
fn records_another_copy_forgot_are_forgotten_with_what_followed_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir);
    let registry = PackRegistry::built_in().unwrap();
    let pack = registry.for_mode(Mode::Kiezen, Language::En).unwrap();
    let s = session(&mut j, pack, Mode::Kiezen);
    answer(&mut j, s, pack, "first-signal", text("one"));
    let first = j.session_answers(s).unwrap()[0].id;
    j.revise_answer(first, Some(text("two"))).unwrap();
    let target = ForgetTarget::Records(vec![("answer".into(), first.to_string())]);
    let done = forget(&mut j, &target);
    assert_eq!(done.plan.answers.len(), 2, "the revision after it goes too");
    assert!(j.session_answers(s).unwrap().is_empty());
}
