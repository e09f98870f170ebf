//! Statements and commitments carrying over between sessions: the tidy walk of
//! onderhouden/opruimen, the follow-up of commitments, and the timeline of kiezen/keren.

use crate::env::TestEnv;
use crate::pty::{DOWN, ENTER, answer_line, answer_text, ctrl_c, exit_code, expect, spawn};
use serde_json::{Value, json};

const STATEMENTS: [&str; 3] = [
    "I stand for clear advice",
    "What is not mine: deciding for others",
    "I keep my promises",
];

/// A first verkennen session that writes three statements and a commitment.
fn explored(env: &TestEnv) -> String {
    env.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        &format!(
            "colour = \"I make complicated things simple.\"\n\
             statements = {:?}\n\
             commitment = {{ text = \"Ask for feedback after every workshop\", look_back = \"2026-11-01\" }}\n",
            STATEMENTS
        ),
    )
}

fn json_of(env: &TestEnv, args: &[&str]) -> Value {
    let out = env.pi().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn statement_ids(env: &TestEnv) -> Vec<String> {
    json_of(env, &["statements", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

fn states(env: &TestEnv) -> Vec<(String, String)> {
    json_of(env, &["statements", "--all", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["text"].as_str().unwrap().into(),
                s["state"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_tidy_walk_and_follow_up_from_an_answers_file() {
    let env = TestEnv::new();
    explored(&env);
    let ids = statement_ids(&env);
    assert_eq!(ids.len(), 3);
    let commitments = json_of(&env, &["commitments", "--json"]);
    assert_eq!(commitments[0]["status"], "open");
    let commitment = commitments[0]["id"].as_str().unwrap();

    let tidy = env.reflect(
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!(
            "around = \"A new director arrived.\"\n\
             tidy = {{ \"{}\" = \"keep\", \"{}\" = {{ revise = \"Deciding is theirs; advising is mine\" }}, \"{}\" = \"let-go\" }}\n\
             statements = [\"I say what I see\"]\n\
             [follow-up]\n\"{}\" = {{ status = \"done\", note = \"Four times; it helped.\" }}\n",
            &ids[0][..8],
            &ids[1][..8],
            &ids[2][..8],
            &commitment[..8]
        ),
    );
    assert_eq!(
        states(&env),
        pairs(&[
            (STATEMENTS[0], "current"),
            (STATEMENTS[1], "revised"),
            (STATEMENTS[2], "let_go"),
            ("Deciding is theirs; advising is mine", "current"),
            ("I say what I see", "current"),
        ])
    );
    let all = json_of(&env, &["statements", "--all", "--json"]);
    assert_eq!(
        all[3]["replaces"], all[1]["id"],
        "a revision links to what it replaces"
    );
    let events: Vec<&str> = all[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["written", "kept"]);

    let commitments = json_of(&env, &["commitments", "--json"]);
    assert_eq!(commitments[0]["status"], "done");
    assert_eq!(
        commitments[0]["events"][0]["note"],
        "Four times; it helped."
    );
    assert_eq!(commitments[0]["events"][0]["session_id"], json!(tidy));

    let shown = env.show_json(&tidy);
    let walk = shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "tidy")
        .unwrap();
    assert_eq!(
        walk["answer"]["items"],
        json!([
            "kept: I stand for clear advice",
            "let go: I keep my promises",
            "revised: What is not mine: deciding for others -> Deciding is theirs; advising is mine"
        ])
    );

    // A later walk can restore what was let go.
    env.reflect(
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!("tidy = {{ \"{}\" = \"restore\" }}\n", &ids[2][..8]),
    );
    assert_eq!(
        states(&env)[2],
        (STATEMENTS[2].to_string(), "current".to_string())
    );
    let text = env.pi().args(["statements", "--all"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("written · 2026-11-23 let go · 2026-11-23 restored"),
        "{text}"
    );
}

#[test]
fn a_tidy_answer_for_a_statement_that_does_not_exist_changes_nothing() {
    let env = TestEnv::new();
    explored(&env);
    let before = env.files();
    let file = env.write("tidy.toml", "tidy = { \"ffffffff\" = \"keep\" }\n");
    let out = env
        .pi()
        .args(["reflect", "--mode", "onderhouden", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tidy.toml") && err.contains("'ffffffff'"),
        "{err}"
    );
    let mut after = env.files();
    after.remove(&file);
    let mut before = before;
    before.remove(&file);
    assert_eq!(before, after, "nothing was written");

    let ids = statement_ids(&env);
    let file = env.write(
        "tidy.toml",
        &format!("tidy = {{ \"{}\" = \"restore\" }}\n", &ids[0][..8]),
    );
    let out = env
        .pi()
        .args(["reflect", "--mode", "onderhouden", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("only a statement let go can be restored")
    );

    let file = env.write("f.toml", "[follow-up]\n\"0000\" = \"done\"\n");
    let out = env
        .pi()
        .args(["reflect", "--mode", "kiezen", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no open commitment fits '0000'"));
}

#[test]
fn commitments_list_shows_what_is_due() {
    let env = TestEnv::new();
    explored(&env);
    let out = env.pi().arg("commitments").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ask for feedback after every"), "{text}");
    assert!(text.contains("2026-11-01 (due)"), "{text}");
    assert!(text.contains("open"), "{text}");
}

#[test]
fn tidy_walk_follow_up_and_timeline_in_a_terminal() {
    let env = TestEnv::new();
    explored(&env);

    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "onderhouden",
            "--depth",
            "quick",
            "--context",
            "",
        ],
        &[],
    );
    expect(&mut pi, "How did they go?");
    expect(&mut pi, "Ask for feedback after every workshop");
    pi.send(ENTER).unwrap(); // done
    expect(&mut pi, "A line on what happened");
    pi.send(format!("It helped me a lot{ENTER}")).unwrap();
    answer_line(&mut pi, "[1/9]", "Am I still on course?");
    answer_text(&mut pi, "[2/9]", "A new director arrived.");
    answer_text(&mut pi, "[3/9]", "I became calmer.");
    expect(&mut pi, "Statement 1 of 3");
    pi.send(ENTER).unwrap(); // keep
    expect(&mut pi, "Statement 2 of 3");
    pi.send(format!("{DOWN}{DOWN}{ENTER}")).unwrap(); // revise
    expect(&mut pi, "The new wording");
    pi.send("\x7f".repeat(STATEMENTS[1].len())).unwrap();
    pi.send(format!("Deciding is theirs{ENTER}")).unwrap();
    expect(&mut pi, "Statement 3 of 3");
    pi.send(format!("{DOWN}{ENTER}")).unwrap(); // let go
    expect(&mut pi, "[5/9]");
    ctrl_c(&mut pi);
    assert_eq!(exit_code(&mut pi), 130);

    assert_eq!(
        states(&env),
        pairs(&[
            (STATEMENTS[0], "current"),
            (STATEMENTS[1], "revised"),
            (STATEMENTS[2], "let_go"),
            ("Deciding is theirs", "current"),
        ])
    );
    let commitments = json_of(&env, &["commitments", "--json"]);
    assert_eq!(commitments[0]["status"], "done");
    assert_eq!(commitments[0]["events"][0]["note"], "It helped me a lot");

    // kiezen/keren shows the history before asking about the first signal of a turn.
    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "",
        ],
        &[],
    );
    answer_line(&mut pi, "[1/8]", "Where do I go from here?");
    expect(&mut pi, "Your earlier sessions:");
    expect(&mut pi, "explore and acknowledge");
    expect(&mut pi, STATEMENTS[0]);
    expect(&mut pi, "maintain and tidy up");
    answer_text(&mut pi, "[2/8]", "My role changed.");
    expect(&mut pi, "[3/8]");
    expect(&mut pi, "(hardly fits any more)");
    pi.send(format!("2{ENTER}")).unwrap();
    expect(&mut pi, "[4/8]");
    ctrl_c(&mut pi);
    assert_eq!(exit_code(&mut pi), 130);
}
