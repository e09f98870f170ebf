//! `pi export`: the three formats, the selection, and everything that must stop an export
//! before a byte is written.

use crate::env::TestEnv;
use pi::interchange::format::Export;
use std::collections::BTreeSet;
use std::process::Output;

mod browser;
mod cdp;
mod encrypted;
mod friend_page;
mod selection;

/// An answer that tries to become Markdown structure.
const MARKDOWN_TRAP: &str = "# heading\n- item\n<b>bold</b>\n[link](x)";

/// Three sessions: an explore session with statements and a commitment in February, and
/// two kiezen sessions with a scale answer in March and September.
fn a_year(env: &TestEnv) -> [String; 3] {
    let explore = env.reflect_at("2026-02-01T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "Intake redesign",
        ],
        &format!(
            "colour = {MARKDOWN_TRAP:?}\n\
             not-mine = [\"My team\", \"- not a list\"]\n\
             statements = [\"I stand for clear advice\", \"I keep my promises\"]\n\
             commitment = {{ text = \"Ask for feedback after every workshop\", look_back = \"2026-06-01\" }}\n"
        ),
    );
    let march = env.reflect_at(
        "2026-03-01T09:00:00Z",
        &[
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "Team change",
        ],
        "fit = 2\nfirst-signal = \"A reorganisation.\"\n",
    );
    let september = env.reflect_at(
        "2026-09-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 4\n",
    );
    [explore, march, september]
}

fn export(env: &TestEnv, args: &[&str]) -> Output {
    env.pi().arg("export").args(args).output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "pi export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(env: &TestEnv, args: &[&str]) -> Export {
    let mut all = vec!["--format", "json", "-o", "-"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&export(env, &all))).expect("an Export")
}

fn session_ids(export: &Export) -> Vec<String> {
    export.sessions.iter().map(|s| s.id.clone()).collect()
}

/// Every value of a column, straight from the journal.
fn column(env: &TestEnv, sql: &str) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn json_holds_every_record_of_the_selection_and_parses_as_the_format() {
    let env = TestEnv::new();
    let [explore, ..] = a_year(&env);
    // A tidy walk: statement events in a later session, and a follow-up of the commitment.
    let statements = column(&env, "SELECT id FROM statements");
    let commitment = column(&env, "SELECT id FROM commitments");
    let ids: Vec<&String> = statements.iter().collect();
    let tidy = env.reflect_at("2026-10-01T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!(
            "tidy = {{ \"{}\" = \"keep\", \"{}\" = {{ revise = \"Promises are few and kept\" }} }}\n\
             [follow-up]\n\"{}\" = {{ status = \"done\", note = \"Four times.\" }}\n",
            &ids[0][..8],
            &ids[1][..8],
            &commitment.iter().next().unwrap()[..8]
        ),
    );
    // A revision of an answer, as a later edit would add it.
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    conn.execute(
        "INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, \
         prompt_text, value, skipped, replaces, created_at) \
         SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', session_id, pack_id, pack_version, prompt_id, \
         prompt_kind, prompt_text, '{\"text\":\"Revised: clear, short notes.\"}', 0, id, \
         '2026-02-02T09:00:00.000Z' FROM answers WHERE session_id = ?1 AND prompt_id = 'colour'",
        [&explore],
    )
    .unwrap();
    drop(conn);

    let export = json(&env, &["--since", "1900", "--statements", "--commitments"]);
    assert_eq!(export.header.format, "pi-export");
    assert_eq!(
        export.header.version, 2,
        "nothing forgotten and no question: version 2"
    );
    assert_eq!(export.header.exported_at, "2026-11-23T10:00:00.000Z");
    let got = |v: Vec<String>| v.into_iter().collect::<BTreeSet<_>>();
    assert_eq!(
        got(session_ids(&export)),
        column(&env, "SELECT id FROM sessions")
    );
    assert_eq!(
        got(export
            .sessions
            .iter()
            .flat_map(|s| s.answers.iter().map(|a| a.id.clone()))
            .collect()),
        column(&env, "SELECT id FROM answers"),
        "every revision, not only the current ones"
    );
    let revised = export
        .sessions
        .iter()
        .flat_map(|s| &s.answers)
        .find(|a| a.id == "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap();
    assert!(revised.replaces.is_some());
    assert_eq!(
        got(export.statements.iter().map(|s| s.id.clone()).collect()),
        column(&env, "SELECT id FROM statements")
    );
    assert_eq!(
        got(export
            .statements
            .iter()
            .flat_map(|s| s.events.iter().map(|e| e.id.clone()))
            .collect()),
        column(&env, "SELECT id FROM statement_events")
    );
    assert_eq!(
        got(export
            .commitments
            .iter()
            .flat_map(|c| c.events.iter().map(|e| e.id.clone()))
            .collect()),
        column(&env, "SELECT id FROM commitment_events")
    );
    assert_eq!(
        export.commitments[0].events[0].note.as_deref(),
        Some("Four times.")
    );
    let hashes = got(export
        .pack_snapshots
        .iter()
        .map(|p| p.hash.clone())
        .collect());
    assert_eq!(
        hashes,
        column(&env, "SELECT DISTINCT snapshot_hash FROM session_packs")
    );
    for s in &export.sessions {
        assert!(
            s.packs.iter().all(|h| hashes.contains(h)),
            "{} names a missing pack",
            s.id
        );
    }

    // Only the tidy walk: the statements it kept and revised (with the wording it revised),
    // the commitment it followed up; references to the explore session are dropped.
    let part = json(&env, &[&tidy[..8], "--statements", "--commitments"]);
    let mut texts: Vec<&str> = part.statements.iter().map(|s| s.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.contains(&"Promises are few and kept"));
    let in_file: BTreeSet<&str> = part.statements.iter().map(|s| s.id.as_str()).collect();
    for s in &part.statements {
        assert!(s.replaces.as_deref().is_none_or(|r| in_file.contains(r)));
        for e in &s.events {
            assert!(e.session_id.as_deref().is_none_or(|id| id == tidy), "{e:?}");
        }
    }
    assert_eq!(part.commitments.len(), 1);
    assert_eq!(
        part.commitments[0].session_id, None,
        "set in a session not exported"
    );
}

#[test]
fn json_of_part_of_the_journal_points_only_inside_itself() {
    let env = TestEnv::new();
    let [explore, march, _] = a_year(&env);
    let export = json(&env, &[&march[..8], "--statements", "--commitments"]);
    assert_eq!(session_ids(&export), [march.as_str()]);
    assert!(export.statements.is_empty() && export.commitments.is_empty());
    let export = json(&env, &[&explore[..6], "--statements", "--commitments"]);
    assert_eq!(export.statements.len(), 2);
    assert_eq!(export.commitments.len(), 1);
    for s in &export.statements {
        assert_eq!(s.session_id.as_deref(), Some(explore.as_str()));
    }
    let hashes: Vec<&String> = export.pack_snapshots.iter().map(|p| &p.hash).collect();
    let mut used: Vec<&String> = export.sessions[0].packs.iter().collect();
    used.sort();
    assert_eq!(
        hashes.len(),
        used.len(),
        "only the packs this session walks"
    );
    assert!(used.iter().all(|h| hashes.contains(h)));
    assert!(
        json(&env, &[&explore[..6]]).statements.is_empty(),
        "only when asked for"
    );
}

#[test]
fn markdown_is_commonmark_with_a_heading_per_session_and_prompt_and_answers_stay_text() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let env = TestEnv::new();
    a_year(&env);
    let md = ok(&export(
        &env,
        &["--since", "2026", "--statements", "--commitments"],
    ));
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    let mut items = Vec::new();
    let mut in_item = false;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Start(Tag::Item) => {
                in_item = true;
                items.push(String::new());
            }
            Event::End(TagEnd::Item) => in_item = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = current.as_mut() {
                    h.push_str(&t);
                } else if in_item {
                    items.last_mut().unwrap().push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML in the export: {h}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => panic!("a link in the export"),
            _ => {}
        }
    }
    let level = |l: HeadingLevel| headings.iter().filter(|(h, _)| *h == l).count();
    assert_eq!(level(HeadingLevel::H1), 1);
    assert_eq!(
        level(HeadingLevel::H2),
        3 + 2,
        "three sessions, statements, commitments"
    );
    let prompts = column(&env, "SELECT count(*) || '' FROM answers WHERE skipped = 0");
    assert_eq!(
        level(HeadingLevel::H3).to_string(),
        *prompts.iter().next().unwrap()
    );
    assert!(headings.iter().all(|(_, h)| !h.contains("heading")));
    assert!(!md.contains("\n# heading"), "{md}");
    assert!(md.contains("\\# heading"));
    assert!(items.iter().all(|i| !i.starts_with("item")), "{items:?}");
    assert!(items.iter().any(|i| i == "- not a list"), "{items:?}");
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("I stand for clear advice"))
    );
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("Ask for feedback after every workshop"))
    );
    assert!(
        headings
            .iter()
            .any(|(l, h)| *l == HeadingLevel::H2 && h.starts_with("2026-02-01 09:00 — "))
    );
    assert!(
        items.iter().any(|i| i == "About: Intake redesign"),
        "{items:?}"
    );
}
