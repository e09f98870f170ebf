//! `pi edit` and `pi forget` in a terminal, as a person uses them (issue 13): the prompt
//! opens with the current answer, the editor with the current text above the note, and
//! forgetting asks first, then offers to delete the backups that still hold it.

use crate::env::TestEnv;
use crate::import::json_of;
use crate::pty::{DOWN, ENTER, exit_code, expect, spawn};
use std::os::unix::fs::PermissionsExt;

fn session(env: &TestEnv) -> String {
    env.reflect_at(
        "2026-11-20T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 3\nfirst-signal = \"The reorganisation\"\n",
    )
}

fn answer(env: &TestEnv, id: &str, prompt: &str) -> serde_json::Value {
    env.show_json(id)["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == prompt)
        .unwrap()
        .clone()
}

#[test]
fn an_edit_in_a_terminal_starts_from_the_current_answer() {
    let env = TestEnv::new();
    let id = session(&env);

    // A scale: the current number is offered; the person changes it.
    let mut pi = spawn(&env, &["edit", &id[..8], "fit"], &[]);
    expect(
        &mut pi,
        "How well does your current work fit you at the moment?",
    );
    expect(&mut pi, "Your answer as it stands");
    expect(&mut pi, ">: 3");
    std::thread::sleep(std::time::Duration::from_millis(200));
    pi.send(format!("\x7f5{ENTER}")).unwrap();
    expect(&mut pi, "Saved a new version of your answer");
    assert_eq!(exit_code(&mut pi), 0);
    let fit = answer(&env, &id, "fit");
    assert_eq!(fit["answer"]["number"], 5);
    assert_eq!(fit["revisions"], 2);

    // A long text, chosen from the session's answers, in $EDITOR: the current text stands
    // above the note, and the person adds a line below it.
    let editor = env.write(
        "editor.sh",
        "#!/bin/sh\n\
         first=$(head -n 1 \"$1\")\n\
         rest=$(tail -n +2 \"$1\")\n\
         printf '%s\\n%s\\n%s\\n' \"$first\" 'And my manager left.' \"$rest\" > \"$1\"\n",
    );
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut pi = spawn(
        &env,
        &["edit", &id[..8]],
        &[("EDITOR", editor.to_str().unwrap())],
    );
    expect(&mut pi, "Which answer do you want to revise?");
    // own-question (skipped) first, then first-signal.
    pi.send(format!("{DOWN}{ENTER}")).unwrap();
    expect(&mut pi, "Saved a new version of your answer");
    assert_eq!(exit_code(&mut pi), 0);
    assert_eq!(
        answer(&env, &id, "first-signal")["answer"]["text"],
        "The reorganisation\nAnd my manager left."
    );

    // A statement, re-worded from its wording.
    env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "statements = [\"I stand for advice\"]\n",
    );
    let st = json_of(&env, &["statements", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut pi = spawn(&env, &["edit", "--statement", &st[..8]], &[]);
    expect(&mut pi, "The new wording");
    expect(&mut pi, "I stand for advice");
    std::thread::sleep(std::time::Duration::from_millis(200));
    pi.send(format!(" people can act on{ENTER}")).unwrap();
    expect(&mut pi, "Re-worded statement");
    assert_eq!(exit_code(&mut pi), 0);
    assert_eq!(
        json_of(&env, &["statements", "--json"])[0]["text"],
        "I stand for advice people can act on"
    );
}

#[test]
fn forget_in_a_terminal_asks_first_and_offers_the_backups() {
    let env = TestEnv::new();
    let id = session(&env);
    env.pi().arg("backup").assert().success();

    // No: nothing is forgotten.
    let mut pi = spawn(&env, &["forget", &id[..8], "first-signal"], &[]);
    expect(&mut pi, "This forgets, for good:");
    expect(&mut pi, "your answer to");
    expect(&mut pi, "Forget it?");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "Nothing was forgotten.");
    assert_eq!(exit_code(&mut pi), 0);
    assert_eq!(answer(&env, &id, "first-signal")["status"], "answered");

    // Yes, and yes to deleting the backup that holds it.
    let mut pi = spawn(&env, &["forget", &id[..8], "first-signal"], &[]);
    expect(&mut pi, "Forget it?");
    pi.send("y").unwrap();
    expect(&mut pi, "Forgotten: gone from");
    expect(&mut pi, "These backups, made before, still hold it:");
    expect(&mut pi, "Delete these backups?");
    pi.send("y").unwrap();
    expect(&mut pi, "(overwritten first)");
    assert_eq!(exit_code(&mut pi), 0);
    assert_eq!(answer(&env, &id, "first-signal")["status"], "open");
    let backups = env.journal.parent().unwrap().join("backups");
    assert_eq!(std::fs::read_dir(backups).unwrap().count(), 0);

    // In Dutch, as the rest of pi speaks it.
    let mut pi = spawn(&env, &["--lang", "nl", "forget", &id[..8]], &[]);
    expect(&mut pi, "Dit vergeet, voorgoed:");
    expect(&mut pi, "Vergeten?");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "Er is niets vergeten.");
    assert_eq!(exit_code(&mut pi), 0);
}
