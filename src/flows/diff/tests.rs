//! Unit tests of the comparison: matching on ids and through `replaces` chains, the change
//! of each kind of answer, prompts in one session only, and statement events.

use super::*;
use crate::domain::{AnswerId, Depth, Language, Mode, SessionId, StatementId};
use crate::journal::{SessionKind, SessionStatus, StatementEvent, StatementEventKind};
use crate::packs::{PackSource, Prompt, PromptKind, Purpose};

fn session(started_at: &str) -> SessionRecord {
    SessionRecord {
        id: SessionId::new(),
        kind: SessionKind::Reflect,
        mode: Some(Mode::Kiezen),
        pack_id: "p".into(),
        pack_version: "1.0.0".into(),
        context: String::new(),
        language: Language::En,
        depth: Depth::Deep,
        prompt_count: 3,
        answered: 3,
        started_at: started_at.into(),
        finished_at: Some(started_at.into()),
        status: SessionStatus::Finished,
        starred: false,
    }
}

/// Pack `p` at `version` with prompts `(id, replaces)`.
fn pack(version: &str, prompts: &[(&str, Option<&str>)]) -> Pack {
    Pack {
        id: "p".into(),
        version: version.parse().unwrap(),
        language: Language::En,
        title: "P".into(),
        description: "P.".into(),
        purpose: Purpose::Mode,
        modes: vec![Mode::Kiezen],
        changelog: Vec::new(),
        prompts: prompts
            .iter()
            .map(|(id, replaces)| Prompt {
                id: (*id).into(),
                kind: PromptKind::ShortText,
                text: format!("{id}?"),
                help: None,
                depth: Depth::Quick,
                replaces: replaces.map(Into::into),
                shows: None,
            })
            .collect(),
        source: PackSource::Snapshot,
        text: String::new(),
        hash: version.into(),
    }
}

fn answer(s: &SessionRecord, prompt: &str, kind: &str, value: Option<AnswerValue>) -> AnswerRecord {
    AnswerRecord {
        id: AnswerId::new(),
        session_id: s.id,
        pack_id: "p".into(),
        pack_version: s.pack_version.clone(),
        prompt_id: prompt.into(),
        prompt_kind: kind.into(),
        prompt_text: format!("{prompt}?"),
        value,
        replaces: None,
        created_at: s.started_at.clone(),
    }
}

fn text(t: &str) -> Option<AnswerValue> {
    Some(AnswerValue::Text(t.into()))
}

fn diff(
    old: (&SessionRecord, &[Pack], &[AnswerRecord]),
    new: (&SessionRecord, &[Pack], &[AnswerRecord]),
    lineage: &[&Pack],
) -> Result<SessionDiff, DiffError> {
    let side = |(session, packs, answers)| Side {
        session,
        packs,
        answers,
    };
    compare(side(new), side(old), lineage, &[])
}

fn marked(words: &[WordChange]) -> String {
    words
        .iter()
        .map(|w| match w.op {
            WordOp::Equal => w.text.clone(),
            WordOp::Delete => format!("[-{}-]", w.text),
            WordOp::Insert => format!("{{+{}+}}", w.text),
        })
        .collect()
}

#[test]
fn answers_match_on_id_whatever_the_order_given() {
    let (a, b) = (
        session("2025-01-01T00:00:00.000Z"),
        session("2026-01-01T00:00:00.000Z"),
    );
    let packs = [pack("1.0.0", &[("role", None), ("fit", None)])];
    let old = [
        answer(&a, "role", "short_text", text("adviser")),
        answer(&a, "fit", "scale", Some(AnswerValue::Number(3))),
    ];
    let new = [
        answer(&b, "fit", "scale", Some(AnswerValue::Number(5))),
        answer(&b, "role", "short_text", text("adviser")),
    ];
    let d = diff((&a, &packs, &old), (&b, &packs, &new), &[]).unwrap();
    assert_eq!(d.older.id, a.id, "ordered by start, not by argument");
    assert_eq!(d.prompts[0].prompt, "fit");
    assert_eq!(
        d.prompts[0].change,
        Some(Change::Scale {
            from: 3,
            to: 5,
            delta: 2
        })
    );
    assert_eq!(d.prompts[1].status, Status::Unchanged);
    assert_eq!(d.prompts.len(), 2);
}

#[test]
fn replaces_links_are_followed_through_versions_neither_session_used() {
    let (a, b) = (
        session("2025-01-01T00:00:00.000Z"),
        session("2026-01-01T00:00:00.000Z"),
    );
    let v1 = [pack("1.0.0", &[("fit", None)])];
    let v2 = pack("2.0.0", &[("fit-now", Some("fit"))]);
    let v3 = [pack("3.0.0", &[("fit-today", Some("fit-now"))])];
    let old = [answer(&a, "fit", "scale", Some(AnswerValue::Number(2)))];
    let new = [answer(
        &b,
        "fit-today",
        "scale",
        Some(AnswerValue::Number(4)),
    )];

    let d = diff((&a, &v1, &old), (&b, &v3, &new), &[&v2]).unwrap();
    assert_eq!(d.prompts.len(), 1);
    assert_eq!(d.prompts[0].prompt, "fit-today");
    assert_eq!(d.prompts[0].older_prompt.as_deref(), Some("fit"));
    assert_eq!(d.prompts[0].status, Status::Changed);

    // Without the middle version the chain is broken: nothing in common.
    let err = diff((&a, &v1, &old), (&b, &v3, &new), &[]).unwrap_err();
    assert!(err.to_string().contains("(p@1.0.0) and"), "{err}");
    assert!(
        err.to_string()
            .contains("(p@3.0.0) have no prompt in common"),
        "{err}"
    );

    // The older session may have used the later version.
    let d = diff((&a, &v3, &new), (&b, &v1, &old), &[&v2]).unwrap();
    assert_eq!(d.prompts[0].prompt, "fit");
    assert_eq!(d.prompts[0].older_prompt.as_deref(), Some("fit-today"));
}

#[test]
fn a_session_is_not_compared_with_itself() {
    let a = session("2025-01-01T00:00:00.000Z");
    let err = diff((&a, &[], &[]), (&a, &[], &[]), &[]).unwrap_err();
    assert!(matches!(err, DiffError::SameSession(_)));
}

#[test]
fn text_changes_word_by_word() {
    assert_eq!(
        marked(&word_diff(
            "I make complicated things simple.",
            "I make hard things simple and clear."
        )),
        "I make [-complicated-]{+hard+} things [-simple.-]{+simple and clear.+}"
    );
    assert_eq!(marked(&word_diff("a b c", "a x y c")), "a [-b-]{+x y+} c");
    let words = word_diff("one\ntwo", "one\nthree");
    let old: String = words
        .iter()
        .filter(|w| w.op != WordOp::Insert)
        .map(|w| w.text.as_str())
        .collect();
    let new: String = words
        .iter()
        .filter(|w| w.op != WordOp::Delete)
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!((old.as_str(), new.as_str()), ("one\ntwo", "one\nthree"));
}

#[test]
fn scales_choices_and_lists_change_in_their_own_terms() {
    let n = AnswerValue::Number;
    assert_eq!(
        change(&n(4), &n(2), "scale"),
        Some(Change::Scale {
            from: 4,
            to: 2,
            delta: -2
        })
    );
    assert_eq!(change(&n(4), &n(4), "scale"), None);
    let t = |s: &str| AnswerValue::Text(s.into());
    assert_eq!(
        change(&t("stay"), &t("go"), "choice"),
        Some(Change::Choice {
            from: "stay".into(),
            to: "go".into()
        })
    );
    let items = |v: &[&str]| AnswerValue::Items(v.iter().map(|s| (*s).to_string()).collect());
    assert_eq!(
        change(
            &items(&["team", "manager", "clients"]),
            &items(&["clients", "team", "peers"]),
            "list"
        ),
        Some(Change::Items {
            added: vec!["peers".into()],
            removed: vec!["manager".into()],
            kept: 2
        })
    );
    assert_eq!(
        change(&items(&["a", "b"]), &items(&["b", "a"]), "statements"),
        None
    );
}

#[test]
fn prompts_answered_in_one_session_only_and_skips() {
    let (a, b) = (
        session("2025-01-01T00:00:00.000Z"),
        session("2026-01-01T00:00:00.000Z"),
    );
    let packs = [pack(
        "1.0.0",
        &[
            ("role", None),
            ("colour", None),
            ("drives", None),
            ("people", None),
        ],
    )];
    let old = [
        answer(&a, "role", "short_text", text("adviser")),
        answer(&a, "colour", "long_text", text("tidy")),
        answer(&a, "drives", "long_text", None),
        answer(&a, "people", "list", None),
    ];
    let new = [
        answer(&b, "role", "short_text", None),
        answer(&b, "colour", "long_text", text("tidy")),
        answer(&b, "people", "list", None),
        answer(&b, "drives", "long_text", text("curiosity")),
    ];
    let d = diff((&a, &packs, &old), (&b, &packs, &new), &[]).unwrap();
    let got: Vec<(&str, Status)> = d
        .prompts
        .iter()
        .map(|p| (p.prompt.as_str(), p.status))
        .collect();
    assert_eq!(
        got,
        [
            ("role", Status::OnlyOlder),
            ("colour", Status::Unchanged),
            ("drives", Status::OnlyNewer)
        ],
        "skipped in both is left out"
    );
}

#[test]
fn statement_events_inside_the_window() {
    let event = |kind, at: &str| StatementEvent {
        kind,
        session_id: None,
        at: at.into(),
    };
    let old = StatementRecord {
        id: StatementId::new(),
        text: "I decide for others".into(),
        replaces: None,
        created_at: "2024-01-01".into(),
        events: vec![
            event(StatementEventKind::Written, "2024-01-01"),
            event(StatementEventKind::Kept, "2025-06-01"),
            event(StatementEventKind::Revised, "2025-07-01"),
        ],
    };
    let new = StatementRecord {
        id: StatementId::new(),
        text: "I advise others".into(),
        replaces: Some(old.id),
        created_at: "2025-07-01".into(),
        events: vec![event(StatementEventKind::Written, "2025-07-01")],
    };
    let all = [old, new];
    assert!(statement_changes(&all, "2025-08-01", None).is_empty());
    let changes = statement_changes(&all, "2025-01-01", Some("2026-01-01"));
    assert_eq!(
        changes.len(),
        1,
        "written before, kept, and the revision's own writing are left out"
    );
    assert_eq!(changes[0].event, StatementEventKind::Revised);
    assert_eq!(changes[0].new_text.as_deref(), Some("I advise others"));
    assert_eq!(
        marked(changes[0].words.as_ref().unwrap()),
        "I [-decide for-]{+advise+} others"
    );
}
