//! `pi edit` (issue 13): a revision is a new record pointing to the one it replaces; `pi
//! show` says "revised on", `--history` shows every version; statements are re-worded
//! outside a tidy walk. Scripted here; `pty.rs` drives one edit in a terminal.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use crate::import::{assert_unchanged, json_of};

fn prompt<'a>(show: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    show["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == id)
        .unwrap()
}

fn session(env: &TestEnv) -> String {
    env.reflect_at(
        "2026-11-20T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 3\nfirst-signal = \"The reorganisation\"\nown-question = \"Do I still advise?\"\n\
         statements = [\"I stand for clear advice\"]\n",
    )
}

#[test]
fn a_revision_keeps_the_old_answer_and_show_says_when() {
    let env = TestEnv::new();
    let id = session(&env);
    let fix = env.write("fix.toml", "fit = 4\nfirst-signal = \"The reorganisation, and my manager leaving\"\nown-question = \"Do I still advise?\"\n");
    let out = env
        .pi()
        .args(["edit", &id[..6], "--answers"])
        .arg(&fix)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        said.matches("Saved a new version").count(),
        2,
        "the unchanged one saves nothing: {said}"
    );

    let show = env.show_json(&id);
    let fit = prompt(&show, "fit");
    assert_eq!(fit["answer"], serde_json::json!({"number": 4}));
    assert_eq!(fit["revisions"], 2);
    assert_eq!(fit["revised_at"], "2026-11-23T10:00:00.000Z");
    assert!(fit.get("history").is_none());
    assert_eq!(prompt(&show, "own-question")["revisions"], 1);
    assert_eq!(show["session"]["answered"], 4);

    let text = env.pi().args(["show", &id[..6]]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("   4\n   (revised on 2026-11-23; 2 versions)\n"),
        "{text}"
    );
    assert!(!text.contains("earlier versions"), "{text}");

    let full = env
        .pi()
        .args(["show", &id[..6], "--history"])
        .output()
        .unwrap();
    let full = String::from_utf8_lossy(&full.stdout);
    assert!(
        full.contains("   (revised on 2026-11-23; 2 versions)\n   earlier versions:\n   · 2026-11-20\n     3\n"),
        "{full}"
    );
    let history = json_of(&env, &["show", &id[..6], "--history", "--json"]);
    let versions = prompt(&history, "first-signal")["history"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["answer"]["text"], "The reorganisation");
    assert_eq!(versions[0]["created_at"], "2026-11-20T09:00:00.000Z");
    assert_eq!(
        versions[1]["answer"]["text"],
        "The reorganisation, and my manager leaving"
    );

    // Edited again with the same file: nothing new.
    let again = env
        .pi()
        .args(["edit", &id[..6], "--answers"])
        .arg(&fix)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("Nothing changed"));
    assert_eq!(prompt(&env.show_json(&id), "fit")["revisions"], 2);
}

#[test]
fn one_prompt_from_stdin() {
    let env = TestEnv::new();
    let id = session(&env);
    env.pi()
        .args(["edit", &id[..6], "fit", "--answers", "-"])
        .write_stdin("fit = 5\n")
        .assert()
        .success();
    assert_eq!(prompt(&env.show_json(&id), "fit")["answer"]["number"], 5);
    let before = env.files();
    let out = env
        .pi()
        .args(["edit", &id[..6], "fit", "--answers", "-"])
        .write_stdin("fit = 2\nfirst-signal = \"x\"\n")
        .assert()
        .failure()
        .code(1);
    assert_eq!(
        error_message(&out),
        "<stdin>: names prompt 'first-signal', but this `pi edit` revises only 'fit'"
    );
    assert_unchanged(&before, &env.files());
}

#[test]
fn a_bad_answers_file_changes_nothing() {
    let env = TestEnv::new();
    let id = session(&env);
    for (file, message) in [
        (
            "fit = 9\n",
            "prompt 'fit': 9 is outside the scale from 1 to 5",
        ),
        (
            "fit = 4\npatterns = \"x\"\n",
            "has no answer to revise for prompt 'patterns'",
        ),
        (
            "statements = [\"x\"]\n",
            "the answer to 'statements' wrote statements",
        ),
    ] {
        let path = env.write("bad.toml", file);
        let before = env.files();
        let out = env
            .pi()
            .args(["edit", &id[..6], "--answers"])
            .arg(&path)
            .assert()
            .failure()
            .code(1);
        assert!(
            error_message(&out).contains(message),
            "{}",
            error_message(&out)
        );
        assert_unchanged(&before, &env.files());
    }
}

#[test]
fn a_statement_is_reworded_outside_a_tidy_walk() {
    let env = TestEnv::new();
    let id = session(&env);
    let statements = json_of(&env, &["statements", "--json"]);
    let st = statements[0]["id"].as_str().unwrap().to_string();
    let out = env
        .pi()
        .args([
            "edit",
            "--statement",
            &st[..6],
            "--text",
            "I stand for clear, kind advice",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(&format!("Re-worded statement {}", &st[..8])),
        "{said}"
    );

    let now = json_of(&env, &["statements", "--json"]);
    assert_eq!(now.as_array().unwrap().len(), 1);
    assert_eq!(now[0]["text"], "I stand for clear, kind advice");
    assert_eq!(now[0]["replaces"], st.as_str());
    let all = json_of(&env, &["statements", "--json", "--all"]);
    assert_eq!(all[0]["state"], "revised");

    let show = env.show_json(&id);
    assert_eq!(
        show["statements"],
        serde_json::json!(["I stand for clear, kind advice"])
    );
    assert_eq!(
        show["statement_wordings"][0]["revised_at"],
        "2026-11-23T10:00:00.000Z"
    );
    let text = env
        .pi()
        .args(["show", &id[..6], "--history"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Statements re-worded since\n   I stand for clear advice (2026-11-20)\n   → I stand for clear, kind advice (2026-11-23)\n"),
        "{text}"
    );

    // Only the newest wording can be re-worded.
    let before = env.files();
    let out = env
        .pi()
        .args(["edit", "--statement", &st[..6], "--text", "Again"])
        .assert()
        .failure()
        .code(1);
    assert!(
        error_message(&out).contains("was re-worded already"),
        "{}",
        error_message(&out)
    );
    // Without --text and without a terminal: a clear error.
    let newest = now[0]["id"].as_str().unwrap();
    let out = env
        .pi()
        .args(["edit", "--statement", &newest[..8]])
        .assert()
        .failure()
        .code(1);
    assert_eq!(
        error_message(&out),
        "pi edit --statement asks its questions in a terminal, and there is none here"
    );
    assert_unchanged(&before, &env.files());
}
