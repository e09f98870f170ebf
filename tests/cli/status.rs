//! `pi status`: what is due, calm when nothing is, never creating a journal, and strict about
//! the cadence settings in config.toml.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use serde_json::Value;

const EXPLORE: [&str; 4] = ["--mode", "verkennen", "--depth", "quick"];

fn status(env: &TestEnv) -> String {
    let out = env.pi().arg("status").output().unwrap();
    assert!(
        out.status.success(),
        "pi status failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn status_json(env: &TestEnv) -> Value {
    let out = env.pi().args(["status", "--json"]).output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn config(env: &TestEnv, text: &str) {
    std::fs::create_dir_all(&env.config_dir).unwrap();
    std::fs::write(env.config_dir.join("config.toml"), text).unwrap();
}

#[test]
fn an_empty_journal_says_so_and_creates_nothing() {
    let env = TestEnv::new();
    let before = env.files();
    assert_eq!(
        status(&env),
        "No sessions yet. Start one with `pi reflect`.\n"
    );
    assert_eq!(env.files(), before, "no journal, no directories");
    let json = status_json(&env);
    assert_eq!(json["has_sessions"], false);
    assert_eq!(json["remind_after_weeks"], 8);
    assert_eq!(env.files(), before);
}

#[test]
fn nothing_due_is_one_calm_line() {
    let env = TestEnv::new();
    env.reflect_at("2026-11-02T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    assert_eq!(
        status(&env),
        "Nothing due. Your last reflection was 3 weeks ago.\n"
    );
}

#[test]
fn a_reflection_is_due_after_the_configured_weeks() {
    let env = TestEnv::new();
    env.reflect_at("2026-08-31T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    assert_eq!(
        status(&env),
        "A reflection is due: the last was 12 weeks ago (2026-08-31). Start one with `pi reflect`.\n"
    );
    config(&env, "remind_after_weeks = 13\n");
    assert!(status(&env).starts_with("Nothing due."));
    assert_eq!(status_json(&env)["reflection_due"], false);
}

#[test]
fn a_commitment_past_its_look_back_date_is_due() {
    let env = TestEnv::new();
    env.reflect_at("2026-10-20T09:00:00Z",
        &EXPLORE,
        "commitment = { text = \"Ask for feedback after every workshop\", look_back = \"2026-11-01\" }\n",
    );
    env.reflect_at(
        "2026-10-21T09:00:00Z",
        &EXPLORE,
        "commitment = { text = \"Write a blog post\", look_back = \"2026-12-01\" }\n",
    );
    assert_eq!(
        status(&env),
        "Time to look back on \u{201c}Ask for feedback after every workshop\u{201d} (since \
         2026-11-01); your next session asks about it.\n"
    );
    let json = status_json(&env);
    assert_eq!(json["due_commitments"].as_array().unwrap().len(), 1);
    assert_eq!(json["due_commitments"][0]["look_back"], "2026-11-01");
}

#[test]
fn a_paused_session_is_offered_for_resuming() {
    let env = TestEnv::new();
    let id = env.reflect_at("2026-11-20T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    conn.execute(
        "UPDATE sessions SET status = 'in_progress', finished_at = NULL WHERE id = ?1",
        [&id],
    )
    .unwrap();
    let text = status(&env);
    assert!(
        text.starts_with("Unfinished: the explore and acknowledge session of 2026-11-20"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Continue with `pi resume {}`.", &id[..8])),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
    let json = status_json(&env);
    assert_eq!(json["unfinished"]["session"]["id"], id.as_str());
    assert_eq!(
        json["unfinished"]["command"],
        format!("pi resume {}", &id[..8])
    );
}

#[test]
fn the_yearly_review_is_due_in_its_month() {
    let env = TestEnv::new();
    let id = env.reflect_at("2026-11-02T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    config(&env, "review_month = 11\n");
    assert_eq!(
        status(&env),
        "Your yearly review is due this month (there has been none yet). Prepare it with `pi review`.\n"
    );
    config(&env, "review_month = 3\n");
    assert!(status(&env).starts_with("Nothing due."), "not in March");

    // A review in the last ten months covers this year.
    config(&env, "review_month = 11\n");
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    conn.execute("UPDATE sessions SET kind = 'review' WHERE id = ?1", [&id])
        .unwrap();
    env.reflect_at("2026-11-03T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    assert!(status(&env).starts_with("Nothing due."));
    conn.execute(
        "UPDATE sessions SET started_at = '2025-11-20T09:00:00.000Z' WHERE id = ?1",
        [&id],
    )
    .unwrap();
    assert!(
        status(&env).contains("review is due this month (the last was on 2025-11-20)"),
        "a review of last year does not count"
    );
}

#[test]
fn a_bad_cadence_setting_names_the_file_and_key() {
    let env = TestEnv::new();
    for (text, key) in [
        ("review_month = 13\n", "review_month"),
        ("review_month = \"march\"\n", "review_month"),
        ("remind_after_weeks = 0\n", "remind_after_weeks"),
        ("remind_after_weeks = 2.5\n", "remind_after_weeks"),
    ] {
        config(&env, text);
        let assert = env.pi().arg("status").assert().code(1);
        let message = error_message(&assert);
        assert!(message.contains("config.toml"), "{message}");
        assert!(message.contains(key), "{message}");
        assert!(assert.get_output().stdout.is_empty());
    }
    config(&env, "review_months = 3\n");
    let assert = env.pi().arg("status").assert().code(1);
    assert!(
        error_message(&assert).contains("review_months"),
        "unknown keys are refused"
    );
}

#[test]
fn status_speaks_the_configured_language() {
    let env = TestEnv::new();
    let out = env.pi().args(["--lang", "nl", "status"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nog geen sessies"));
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    std::fs::create_dir_all(&env.config_dir).unwrap();
    std::fs::write(env.config_dir.join("config.toml"), "language = \"nl\"\n").unwrap();
    let out = env.pi().arg("status").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Niets te doen. Je laatste reflectie was vandaag."),
        "{text}"
    );
}
