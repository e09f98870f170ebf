//! `pi search`: full-text search over answers, statements and commitments, with diacritics
//! folded, filters, JSON, and clear errors for dates it does not understand.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use serde_json::Value;

/// Three sessions: explore in 2025, choose in March and September 2026.
fn journal(env: &TestEnv) {
    env.reflect_at(
        "2025-02-10T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "Atlas",
        ],
        "colour = \"Één heldere kaart per project, besproken in het café.\"\n\
         statements = [\"I turn a reorganisation into a map\"]\n",
    );
    env.reflect_at("2026-03-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick", "--context", "Reorg"],
        "first-signal = \"A reorganisation: een team minder.\"\n\
         commitment = { text = \"Ask about the reorganisation plans\", look_back = \"2026-05-01\" }\n",
    );
    env.reflect_at(
        "2026-09-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick", "--context", "After"],
        "first-signal = \"The reorganisation is over; calmer now.\"\n",
    );
}

fn contexts(json: &Value) -> Vec<String> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|h| {
            format!(
                "{} {}",
                h["context"].as_str().unwrap(),
                h["kind"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn diacritics_fold_and_matches_are_marked() {
    let env = TestEnv::new();
    journal(&env);
    let text = env.stdout(&["search", "een"]);
    assert!(text.contains("[Één] heldere kaart"), "{text}");
    assert!(text.contains("[een] team"), "{text}");
    let text = env.stdout(&["search", "cafe"]);
    assert!(text.contains("in het [café]"), "{text}");
    insta::assert_snapshot!(
        "search_reorganisation",
        env.stdout(&["search", "reorganisation"])
    );
}

#[test]
fn mode_since_and_until_narrow_the_search() {
    let env = TestEnv::new();
    journal(&env);
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["search", "reorganisation", "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&env.stdout(&all)).unwrap()
    };
    assert_eq!(
        contexts(&json(&[])),
        [
            "After answer",
            "Reorg commitment",
            "Reorg answer",
            "Atlas statement"
        ],
        "newest first"
    );
    assert_eq!(
        contexts(&json(&["--mode", "verkennen"])),
        ["Atlas statement"]
    );
    assert_eq!(
        contexts(&json(&["--since", "2026-03", "--until", "2026-08"])),
        ["Reorg commitment", "Reorg answer"]
    );
    assert_eq!(contexts(&json(&["--until", "2025"])), ["Atlas statement"]);
    assert_eq!(contexts(&json(&["--since", "6m"])), ["After answer"]);

    let hits = json(&["--mode", "kiezen", "--limit", "1"]);
    let hit = &hits[0];
    assert_eq!(hit["prompt_id"], "first-signal");
    assert_eq!(hit["mode"], "kiezen");
    assert_eq!(hit["date"], "2026-09-01T09:00:00.000Z");
    assert_eq!(hit["text"], "The reorganisation is over; calmer now.");
    assert_eq!(hit["snippet"], "The [reorganisation] is over; calmer now.");
    let out = env
        .pi()
        .args(["search", "reorganisation", "--limit", "1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--limit N"),
        "says there are more: {stderr}"
    );
}

#[test]
fn user_text_is_never_query_syntax() {
    let env = TestEnv::new();
    journal(&env);
    for query in [
        "\"reorganisation",
        "reorganisation AND",
        "(calmer",
        "NEAR(a b)",
        "over*",
    ] {
        let out = env.pi().args(["search", query, "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{query}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let assert = env.pi().args(["search", "(", "*"]).assert().code(1);
    assert!(error_message(&assert).contains("no words"));
}

#[test]
fn nothing_found_and_no_journal_are_calm() {
    let env = TestEnv::new();
    let out = env.pi().args(["search", "advice"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing found"));
    assert!(!env.journal.exists(), "search creates no journal");
    assert_eq!(env.stdout(&["search", "advice", "--json"]).trim(), "[]");
}

#[test]
fn a_bad_date_names_the_formats_and_changes_nothing() {
    let env = TestEnv::new();
    journal(&env);
    let before = env.files();
    for (flag, value) in [("--since", "last tuesday"), ("--until", "2026-13")] {
        let assert = env
            .pi()
            .args(["search", "reorganisation", flag, value])
            .assert()
            .code(2);
        let message = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            message.contains(&format!("for '{flag} <DATE>'")),
            "{message}"
        );
        assert!(message.contains("YYYY-MM-DD, YYYY-MM, YYYY"), "{message}");
        assert!(assert.get_output().stdout.is_empty());
    }
    let assert = env
        .pi()
        .args(["search", "x", "--since", "2026-06", "--until", "2026-01"])
        .assert()
        .code(2);
    assert!(error_message(&assert).contains("--since must come before --until"));
    assert_eq!(env.files(), before);
}
