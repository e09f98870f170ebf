//! `pi friend`: a professional friend reads a shared export, comments, replies; the owner
//! imports the reply and sees the comments under the answers. The friend's own journal is
//! never touched.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use crate::import::{a_history, assert_unchanged, export_to, hand_over, import, json_of};
use crate::pty::{ENTER, exit_code, expect, spawn};

mod sealed;
use serde_json::Value;
use std::path::PathBuf;

/// The owner's export handed to a friend: (owner, friend, the friend's copy, the export).
fn shared() -> (TestEnv, TestEnv, PathBuf, Value) {
    let owner = TestEnv::new();
    a_history(&owner);
    let export = export_to(&owner, "for-sam.json");
    let friend = TestEnv::new();
    let copy = hand_over(&export, &friend);
    let value = serde_json::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
    (owner, friend, copy, value)
}

fn answer_id<'a>(export: &'a Value, prompt: &str) -> &'a str {
    export["sessions"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["prompt_id"] == prompt)
        .unwrap()["id"]
        .as_str()
        .unwrap()
}

fn friends_db(env: &TestEnv) -> PathBuf {
    env.journal.with_file_name("friends.db")
}

#[test]
fn a_friend_comments_replies_and_the_owner_sees_the_comments() {
    let (owner, friend, copy, export) = shared();
    let colour = answer_id(&export, "colour");
    let statement = export["statements"][0]["id"].as_str().unwrap();
    let comments = friend.write(
        "notes.toml",
        &format!(
            "\"{}\" = \"What makes it simple for the people you advise?\"\n\
             \"{}\" = [\"Clear to whom?\", \"I recognise this in you.\"]\n",
            &colour[..8],
            &statement[..6]
        ),
    );
    let out = friend
        .pi()
        .args(["friend", "open"])
        .arg(&copy)
        .args(["--name", "Sam", "--comments"])
        .arg(&comments)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !friend.journal.exists(),
        "the friend's own journal is not touched"
    );
    assert!(friends_db(&friend).exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(friends_db(&friend))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Opening the same export again with the same comments adds nothing.
    friend
        .pi()
        .args(["friend", "open"])
        .arg(&copy)
        .arg("--comments")
        .arg(&comments)
        .assert()
        .success();
    let list = json_of(&friend, &["friend", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["comments"], 3);
    assert_eq!(list[0]["sessions"], 2);
    assert_eq!(list[0]["friend"], "Sam");
    assert_eq!(list[0]["title"], "for-sam");
    let id = list[0]["export_id"].as_str().unwrap()[..6].to_string();
    let table = friend.pi().args(["friend", "list"]).output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("2026-02-01 – 2026-06-01"), "{table}");

    friend
        .pi()
        .args(["friend", "reply", &id, "-o", "reply.json"])
        .assert()
        .success();
    let reply = friend.dir.path().join("reply.json");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&reply).unwrap()).unwrap();
    assert_eq!(written["format"], "pi-reply");
    assert_eq!(written["friend"], "Sam");
    assert_eq!(written["export_id"], export["export_id"]);
    let before = friend.files();
    let refused = friend
        .pi()
        .args(["friend", "reply", &id, "-o", "reply.json"])
        .assert()
        .failure()
        .code(1);
    assert!(error_message(&refused).contains("exists already; pass --force"));
    assert_unchanged(&before, &friend.files());

    let back = hand_over(&reply, &owner);
    let summary = import(&owner, &[back.to_str().unwrap()]);
    assert!(summary.contains("a reply from Sam"), "{summary}");
    assert!(summary.contains("friend comments   3 added"), "{summary}");
    let session = export["sessions"][0]["id"].as_str().unwrap();
    let shown = owner.show_json(session);
    let prompt = shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "colour")
        .unwrap();
    assert_eq!(prompt["comments"][0]["friend"], "Sam");
    assert_eq!(
        prompt["comments"][0]["text"],
        "What makes it simple for the people you advise?"
    );
    assert_eq!(
        shown["statement_comments"][0]["comments"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let text = owner.pi().args(["show", &session[..8]]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(
            "   ↳ Sam (2026-11-23):\n     What makes it simple for the people you advise?"
        ),
        "{text}"
    );
    assert!(text.contains("Comments on statements"), "{text}");

    let summary = import(&owner, &[back.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");

    friend
        .pi()
        .args(["friend", "remove", &id])
        .assert()
        .success();
    assert_eq!(
        json_of(&friend, &["friend", "list", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn bad_comment_files_and_missing_names_change_nothing() {
    let (_owner, friend, copy, _export) = shared();
    let copy = copy.to_str().unwrap();
    let run = |args: &[&str]| {
        let before = friend.files();
        let assert = friend
            .pi()
            .args(["friend", "open", copy])
            .args(args)
            .assert()
            .failure();
        assert_unchanged(&before, &friend.files());
        assert!(!friends_db(&friend).exists());
        error_message(&assert)
    };
    friend.write("unknown.toml", "\"ffffffff\" = \"Hm?\"\n");
    let msg = run(&["--name", "Sam", "--comments", "unknown.toml"]);
    assert!(
        msg.contains("no answer, statement or commitment in") && msg.contains("'ffffffff'"),
        "{msg}"
    );
    friend.write("broken.toml", "\"abc\" = \n");
    let msg = run(&["--name", "Sam", "--comments", "broken.toml"]);
    assert!(msg.starts_with("broken.toml:1:"), "{msg}");
    let msg = run(&["--comments", "unknown.toml"]);
    assert!(msg.contains("needs --name"), "{msg}");
    let msg = run(&[]);
    assert!(msg.contains("in a terminal"), "{msg}");

    let before = friend.files();
    let assert = friend
        .pi()
        .args(["friend", "reply", "abcd", "-o", "r.json"])
        .assert()
        .failure()
        .code(1);
    assert!(error_message(&assert).contains("nothing was received yet"));
    assert_unchanged(&before, &friend.files());
}

/// An owner with one explore session (an answer, a statement, an intention) exported as
/// JSON with their own question, and a friend holding a copy.
fn a_small_share(ask: Option<&str>) -> (TestEnv, TestEnv, PathBuf) {
    let owner = TestEnv::new();
    owner.reflect_at(
        "2026-02-01T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "Intake",
        ],
        "colour = \"I make complicated things simple.\"\n\
         statements = [\"I stand for clear advice\"]\n\
         commitment = { text = \"Ask for feedback after every workshop\" }\n",
    );
    let path = owner.dir.path().join("for-sam.json");
    let mut cmd = owner.pi();
    cmd.args([
        "export",
        "--since",
        "1900",
        "--statements",
        "--commitments",
        "--format",
        "json",
        "-o",
    ])
    .arg(&path);
    if let Some(ask) = ask {
        cmd.args(["--ask", ask]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let friend = TestEnv::new();
    let copy = hand_over(&path, &friend);
    (owner, friend, copy)
}

#[test]
fn a_friend_comments_in_the_terminal_stops_with_q_and_changes_comments_when_reopening() {
    let (owner, friend, copy) = a_small_share(Some("Do you recognise me in this?"));
    let copy = copy.to_str().unwrap();
    let mut pi = spawn(&friend, &["friend", "open", copy, "--name", "Sam"], &[]);
    expect(
        &mut pi,
        "Your colleague asks you: Do you recognise me in this?",
    );
    expect(&mut pi, "q stops (everything you wrote is kept)");
    expect(&mut pi, "Session 1/1");
    expect(&mut pi, "I make complicated things simple.");
    expect(&mut pi, "Your comment or question (Enter: go on, q: stop):");
    pi.send(format!("Simple for whom?{ENTER}")).unwrap();
    expect(&mut pi, "Your comment or question");
    pi.send(format!("q{ENTER}")).unwrap();
    expect(&mut pi, "Stopped: 1 comments and answers kept");
    assert_eq!(exit_code(&mut pi), 0);

    // Reopened: the earlier comment is shown, and can be replaced.
    let mut pi = spawn(&friend, &["friend", "open", copy], &[]);
    expect(&mut pi, "I make complicated things simple.");
    expect(&mut pi, "Your earlier comment: Simple for whom?");
    expect(
        &mut pi,
        "Enter keeps it, a new text replaces it, - removes it, q stops:",
    );
    pi.send(format!("Simple for the client, or for you?{ENTER}"))
        .unwrap();
    // The statements and intention answers, then the records themselves.
    for _ in 0..2 {
        expect(&mut pi, "(Enter: go on, q: stop):");
        pi.send(ENTER).unwrap();
    }
    expect(&mut pi, "Statement: I stand for clear advice");
    expect(&mut pi, "(Enter: go on, q: stop):");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "Intention: Ask for feedback after every workshop");
    expect(&mut pi, "(Enter: go on, q: stop):");
    pi.send(format!("How did the first one go?{ENTER}"))
        .unwrap();
    // The conversation guide, the owner's own question first.
    expect(&mut pi, "the questions professional friends ask each other");
    expect(
        &mut pi,
        "Your colleague's own question: Do you recognise me in this?",
    );
    expect(&mut pi, "Your answer (Enter: skip, q: stop):");
    pi.send(format!("Yes, the listening.{ENTER}")).unwrap();
    expect(
        &mut pi,
        "What do you recognise in what your colleague shared with you?",
    );
    expect(&mut pi, "Your answer");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "What colour of their own do you see");
    expect(&mut pi, "Your answer");
    pi.send(format!("Plain words.{ENTER}")).unwrap();
    for _ in 0..3 {
        expect(&mut pi, "Your answer (Enter: skip, q: stop):");
        pi.send(ENTER).unwrap();
    }
    expect(&mut pi, "Done: 4 comments and answers kept.");
    assert_eq!(exit_code(&mut pi), 0);
    assert!(
        !friend.journal.exists(),
        "the friend's own journal is not touched"
    );

    let list = json_of(&friend, &["friend", "list", "--json"]);
    let id = list[0]["export_id"].as_str().unwrap()[..8].to_string();
    friend
        .pi()
        .args(["friend", "reply", &id, "-o", "reply.json"])
        .assert()
        .success();
    let reply: Value = serde_json::from_str(
        &std::fs::read_to_string(friend.dir.path().join("reply.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(reply["version"], 2);
    let comments = reply["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{reply}");
    assert_eq!(comments[0]["text"], "Simple for the client, or for you?");
    assert_eq!(comments[1]["target_kind"], "commitment");
    assert_eq!(reply["guide"][0]["prompt_id"], "ask");
    assert_eq!(
        reply["guide"][0]["question"],
        "Do you recognise me in this?"
    );
    assert_eq!(reply["guide"][1]["prompt_id"], "colour");

    let back = hand_over(&friend.dir.path().join("reply.json"), &owner);
    let due = owner.pi().args(["status", "--quiet"]).output().unwrap();
    let summary = import(&owner, &[back.to_str().unwrap()]);
    assert!(summary.contains("friend comments   2 added"), "{summary}");
    assert!(summary.contains("friend answers    2 added"), "{summary}");
    let status = owner.stdout(&["status"]);
    assert!(
        status.contains(
            "Sam replied today to what you shared on 2026-11-23: 2 comments and 2 answers"
        ),
        "{status}"
    );
    assert!(status.contains("`pi show "), "{status}");
    let quiet = owner.pi().args(["status", "--quiet"]).output().unwrap();
    assert_eq!(
        quiet.status.code(),
        due.status.code(),
        "a reply is news, not due"
    );
}

#[test]
fn the_friends_side_speaks_the_friends_language() {
    let (_owner, friend, copy) = a_small_share(None);
    let mut pi = spawn(
        &friend,
        &["friend", "open", copy.to_str().unwrap(), "--lang", "nl"],
        &[],
    );
    expect(
        &mut pi,
        "Je naam, zoals je collega die onder je opmerkingen ziet:",
    );
    pi.send(format!("Sam{ENTER}")).unwrap();
    expect(&mut pi, "Sessie 1/1");
    expect(&mut pi, "verkennen en erkennen");
    expect(
        &mut pi,
        "Je opmerking of vraag (Enter: verder, q: stoppen):",
    );
    pi.send(format!("q{ENTER}")).unwrap();
    expect(&mut pi, "Gestopt: 0 opmerkingen en antwoorden bewaard");
    assert_eq!(exit_code(&mut pi), 0);
}
