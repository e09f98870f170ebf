//! Scripted reflections through the real binary: answers files in TOML, JSON and on stdin,
//! depth, context, language, statements and commitments, user packs, `list`, `show`, `resume`
//! and the help texts.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;

const VERKENNEN_TOML: &str = include_str!("../fixtures/answers/verkennen.toml");
const VERKENNEN_JSON: &str = include_str!("../fixtures/answers/verkennen.json");
const REWORDED_PACK: &str = include_str!("../fixtures/packs/valid/verkennen_reworded.en.toml");

/// One prompt of a built-in pack, read straight from `prompts/`.
#[derive(Debug, Clone)]
struct PackPrompt {
    id: String,
    text: String,
    quick: bool,
}

/// The prompts of built-in pack file `name` (e.g. `verkennen.en.toml`), in order.
fn builtin_prompts(name: &str) -> Vec<PackPrompt> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("prompts")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| PackPrompt {
            id: p["id"].as_str().unwrap().to_string(),
            text: p["text"].as_str().unwrap().to_string(),
            quick: p.get("depth").and_then(|d| d.as_str()).unwrap_or("quick") == "quick",
        })
        .collect()
}

/// Runs `pi reflect ARGS --answers FILE` and returns the new session's id (all of stdout).
fn reflect_file(env: &TestEnv, args: &[&str], answers: &Path) -> String {
    let assert = env
        .pi()
        .arg("reflect")
        .args(args)
        .arg("--answers")
        .arg(answers)
        .timeout(Duration::from_secs(30))
        .assert()
        .success();
    session_id_from(&assert.get_output().stdout)
}

/// A scripted run prints exactly the session id on stdout.
fn session_id_from(stdout: &[u8]) -> String {
    let stdout = String::from_utf8(stdout.to_vec()).unwrap();
    let id = stdout.trim().to_string();
    assert_eq!(
        stdout,
        format!("{id}\n"),
        "stdout is the id and nothing else"
    );
    assert_eq!(id.len(), 32, "a full session id: {id:?}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id:?}");
    id
}

/// `pi list --json`, parsed.
fn list_json(env: &TestEnv) -> Vec<Value> {
    let assert = env.pi().args(["list", "--json"]).assert().success();
    let value: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    value.as_array().unwrap().clone()
}

/// `pi show ID` as text.
fn show_text(env: &TestEnv, id: &str) -> String {
    let assert = env.pi().args(["show", id]).assert().success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn prompt<'a>(shown: &'a Value, id: &str) -> &'a Value {
    shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == id)
        .unwrap_or_else(|| panic!("prompt {id} is not in the session"))
}

fn prompt_ids(shown: &Value) -> Vec<String> {
    shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["prompt_id"].as_str().unwrap().to_string())
        .collect()
}

/// What the verkennen answers fixtures (TOML and JSON alike) answer.
fn verkennen_answers() -> Vec<(&'static str, Value)> {
    vec![
        (
            "colour",
            json!({"text": "You can tell by the tidy diagrams and the plain words."}),
        ),
        ("clarity", json!({"number": 4})),
        (
            "not-mine",
            json!({"items": ["fixing the printer", "chairing every meeting"]}),
        ),
        (
            "statements",
            json!({"items": ["I stand for clear advice", "My work is recognisable by its diagrams"]}),
        ),
        (
            "commitment",
            json!({"text": "Ask a colleague for feedback every Friday"}),
        ),
    ]
}

/// Checks a finished deep verkennen session answered from the verkennen fixture: in `show
/// --json`, in `list --json` and in `show` text.
fn check_verkennen_session(env: &TestEnv, id: &str) {
    let builtin = builtin_prompts("verkennen.en.toml");
    let answers = verkennen_answers();
    let shown = env.show_json(id);

    let session = &shown["session"];
    assert_eq!(session["id"].as_str().unwrap().replace('-', ""), id);
    assert_eq!(session["status"], "finished");
    assert_eq!(session["mode"], "verkennen");
    assert_eq!(session["pack_id"], "verkennen");
    assert_eq!(session["language"], "en");
    assert_eq!(
        session["depth"], "deep",
        "a scripted session is deep by default"
    );
    assert_eq!(session["prompt_count"], builtin.len());
    assert_eq!(session["answered"], answers.len());
    assert!(session["finished_at"].is_string());

    assert_eq!(
        prompt_ids(&shown),
        builtin.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        "every prompt of the pack, in order"
    );
    for expected in &builtin {
        let p = prompt(&shown, &expected.id);
        assert_eq!(p["text"], expected.text.as_str(), "the question as asked");
        assert_eq!(p["pack_id"], "verkennen");
        match answers.iter().find(|(k, _)| *k == expected.id) {
            Some((_, value)) => {
                assert_eq!(p["status"], "answered", "{}", expected.id);
                assert_eq!(&p["answer"], value, "{}", expected.id);
            }
            None => {
                assert_eq!(p["status"], "skipped", "{}", expected.id);
                assert!(p["answer"].is_null(), "{}", expected.id);
            }
        }
    }

    let listed = list_json(env);
    let row = listed
        .iter()
        .find(|s| s["id"].as_str().unwrap().replace('-', "") == id)
        .expect("pi list --json lists the session");
    assert_eq!(row["status"], "finished");
    assert_eq!(row["answered"], answers.len());
    assert_eq!(row["prompt_count"], builtin.len());

    let text = show_text(env, id);
    assert!(text.contains(&format!("Session {id}")), "{text}");
    assert!(
        text.contains(&format!(
            "finished ({} of {} answered)",
            answers.len(),
            builtin.len()
        )),
        "{text}"
    );
    for needle in [
        "You can tell by the tidy diagrams and the plain words.",
        "   4\n",
        "- fixing the printer",
        "- chairing every meeting",
        "- I stand for clear advice",
        "Ask a colleague for feedback every Friday",
        "(skipped)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let colour = &builtin.iter().find(|p| p.id == "colour").unwrap().text;
    assert!(
        text.contains(colour.as_str()),
        "the question is shown: {text}"
    );
}

// ─ answers files ──────────────────────────────────────────────────────────────────────────

#[test]
fn a_toml_answers_file_runs_a_whole_session() {
    let env = TestEnv::new();
    let answers = env.write("answers.toml", VERKENNEN_TOML);
    let asked = builtin_prompts("verkennen.en.toml").len();
    let assert = env
        .pi()
        .args(["reflect", "--mode", "verkennen", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stderr(predicate::str::contains("Session finished."))
        .stderr(predicate::str::contains(format!(
            "5 of {asked} questions answered"
        )))
        .stderr(predicate::str::contains(env.journal.display().to_string()));
    let id = session_id_from(&assert.get_output().stdout);
    check_verkennen_session(&env, &id);
}

#[test]
fn a_json_answers_file_runs_the_same_session() {
    let env = TestEnv::new();
    let answers = env.write("answers.json", VERKENNEN_JSON);
    let id = reflect_file(&env, &["--mode", "verkennen"], &answers);
    check_verkennen_session(&env, &id);
}

#[test]
fn answers_on_stdin_run_the_same_session_in_toml_and_json() {
    for answers in [VERKENNEN_TOML, VERKENNEN_JSON] {
        let env = TestEnv::new();
        let assert = env
            .pi()
            .args(["reflect", "--mode", "verkennen", "--answers", "-"])
            .write_stdin(answers)
            .timeout(Duration::from_secs(30))
            .assert()
            .success();
        let id = session_id_from(&assert.get_output().stdout);
        check_verkennen_session(&env, &id);
    }
}

#[test]
fn the_id_from_list_json_opens_the_session_in_show() {
    let env = TestEnv::new();
    let id = env.reflect(&["--mode", "verkennen"], VERKENNEN_TOML);
    let listed = list_json(&env);
    assert_eq!(listed.len(), 1);
    let listed_id = listed[0]["id"].as_str().unwrap();
    let shown = env.show_json(listed_id);
    assert_eq!(shown["session"]["id"], listed_id);
    let short = env.show_json(&id[..4]);
    assert_eq!(short["session"]["id"], listed_id, "a prefix is enough");
}

// ─ depth ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_quick_session_asks_only_the_quick_prompts() {
    let env = TestEnv::new();
    let quick: Vec<String> = builtin_prompts("verkennen.en.toml")
        .into_iter()
        .filter(|p| p.quick)
        .map(|p| p.id)
        .collect();
    assert!(!quick.is_empty());
    let id = env.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        "colour = \"Tidy diagrams.\"\n",
    );
    let shown = env.show_json(&id);
    assert_eq!(shown["session"]["depth"], "quick");
    assert_eq!(shown["session"]["prompt_count"], quick.len());
    assert_eq!(shown["session"]["answered"], 1);
    assert_eq!(prompt_ids(&shown), quick);
}

#[test]
fn a_deep_prompt_in_the_answers_of_a_quick_session_is_an_error() {
    let env = TestEnv::new();
    let answers = env.write(
        "deep_only.toml",
        include_str!("../fixtures/answers/deep_only.toml"),
    );
    let before = env.files();
    let assert = env
        .pi()
        .args([
            "reflect",
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--answers",
        ])
        .arg(&answers)
        .assert()
        .code(1);
    let message = error_message(&assert);
    assert!(
        message.contains(&answers.display().to_string()),
        "{message}"
    );
    assert!(message.contains("'clarity'"), "{message}");
    assert!(message.contains("deep"), "{message}");
    assert_eq!(env.files(), before, "nothing is written");
}

// ─ context ────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_context_puts_the_project_prompts_first() {
    let env = TestEnv::new();
    let project = builtin_prompts("project.en.toml");
    let verkennen = builtin_prompts("verkennen.en.toml");
    let id = env.reflect(
        &["--mode", "verkennen", "--context", "Project X"],
        "key-moment = \"A migration to the new ledger.\"\ncolour = \"Tidy diagrams.\"\n",
    );
    let shown = env.show_json(&id);
    assert_eq!(shown["session"]["context"], "Project X");
    assert_eq!(shown["session"]["pack_id"], "verkennen", "the main pack");
    assert_eq!(
        shown["session"]["prompt_count"],
        project.len() + verkennen.len()
    );
    let prompts = shown["prompts"].as_array().unwrap();
    assert_eq!(prompts[0]["pack_id"], "project");
    assert_eq!(prompts[0]["prompt_id"], project[0].id.as_str());
    let expected: Vec<String> = project
        .iter()
        .chain(verkennen.iter())
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(prompt_ids(&shown), expected);
    for (i, p) in prompts.iter().enumerate() {
        let pack = if i < project.len() {
            "project"
        } else {
            "verkennen"
        };
        assert_eq!(p["pack_id"], pack, "prompt {i}");
    }
    assert_eq!(
        prompt(&shown, "key-moment")["answer"],
        json!({"text": "A migration to the new ledger."})
    );
    assert_eq!(shown["session"]["answered"], 2);
    assert!(show_text(&env, &id).contains("context:  Project X"));
    let listed = list_json(&env);
    assert_eq!(listed[0]["context"], "Project X");
}

#[test]
fn without_a_context_there_are_no_project_prompts() {
    let env = TestEnv::new();
    let id = env.reflect(&["--mode", "verkennen"], "colour = \"Tidy diagrams.\"\n");
    let shown = env.show_json(&id);
    assert_eq!(shown["session"]["context"], "");
    for p in shown["prompts"].as_array().unwrap() {
        assert_eq!(p["pack_id"], "verkennen", "{p}");
    }
    // A project prompt is then unknown to the session.
    let answers = env.write("project.toml", "key-moment = \"A migration.\"\n");
    let assert = env
        .pi()
        .args(["reflect", "--mode", "verkennen", "--answers"])
        .arg(&answers)
        .assert()
        .code(1);
    assert!(error_message(&assert).contains("unknown prompt 'key-moment'"));
}

// ─ language ───────────────────────────────────────────────────────────────────────────────

#[test]
fn lang_nl_asks_the_dutch_pack_with_the_same_prompt_ids() {
    let env = TestEnv::new();
    let en_id = env.reflect(&["--mode", "verkennen"], "colour = \"Tidy diagrams.\"\n");
    let answers = env.write("nl.toml", "colour = \"Nette schema's.\"\n");
    let assert = env
        .pi()
        .args([
            "--lang",
            "nl",
            "reflect",
            "--mode",
            "verkennen",
            "--answers",
        ])
        .arg(&answers)
        .assert()
        .success();
    let nl_id = session_id_from(&assert.get_output().stdout);

    let en = env.show_json(&en_id);
    let nl = env.show_json(&nl_id);
    assert_eq!(nl["session"]["language"], "nl");
    assert_eq!(en["session"]["language"], "en");
    assert_eq!(prompt_ids(&nl), prompt_ids(&en), "the same prompt ids");
    let dutch = builtin_prompts("verkennen.nl.toml");
    for p in &dutch {
        let asked = prompt(&nl, &p.id);
        assert_eq!(asked["text"], p.text.as_str(), "{}", p.id);
        assert_ne!(
            asked["text"],
            prompt(&en, &p.id)["text"],
            "{}: Dutch text differs from English",
            p.id
        );
    }
    assert_eq!(
        prompt(&nl, "colour")["answer"],
        json!({"text": "Nette schema's."})
    );
}

// ─ statements and commitments ─────────────────────────────────────────────────────────────

#[test]
fn statements_and_commitments_are_kept_with_the_session() {
    let env = TestEnv::new();
    let id = env.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        "statements = [\"I stand for clear advice\", \"  \", \"What is not mine: chairing\"]\n\
         commitment = { text = \"Ask for feedback every Friday\", look_back = \"2027-03-01\" }\n",
    );
    let shown = env.show_json(&id);
    assert_eq!(
        shown["statements"],
        json!(["I stand for clear advice", "What is not mine: chairing"]),
        "blank items are dropped"
    );
    let commitments = shown["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 1, "{commitments:?}");
    let c = commitments[0].as_str().unwrap();
    assert!(c.contains("Ask for feedback every Friday"), "{c}");
    assert!(c.contains("2027-03-01"), "{c}");
    assert_eq!(shown["session"]["answered"], 2);

    let text = show_text(&env, &id);
    assert!(text.contains("Commitments"), "{text}");
    assert!(text.contains("Ask for feedback every Friday (look back 2027-03-01)"));

    // A later session does not claim them.
    let other = env.reflect(&["--mode", "verkennen", "--depth", "quick"], "");
    let shown = env.show_json(&other);
    assert_eq!(shown["statements"], json!([]));
    assert_eq!(shown["commitments"], json!([]));
}

#[test]
fn a_commitment_without_a_date_has_no_look_back() {
    let env = TestEnv::new();
    let id = env.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        "commitment = \"Keep a weekly log\"\n",
    );
    let shown = env.show_json(&id);
    assert_eq!(shown["commitments"], json!(["Keep a weekly log"]));
}

#[test]
fn a_toml_date_is_accepted_as_look_back() {
    let env = TestEnv::new();
    let id = env.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        include_str!("../fixtures/answers/commitment_toml_date.toml"),
    );
    let shown = env.show_json(&id);
    assert_eq!(
        shown["commitments"],
        json!(["Ask a colleague for feedback every Friday (look back 2027-03-01)"])
    );
}

// ─ user packs ─────────────────────────────────────────────────────────────────────────────

#[test]
fn a_higher_user_pack_is_used_for_new_sessions_while_old_ones_keep_their_questions() {
    let env = TestEnv::new();
    let builtin = builtin_prompts("verkennen.en.toml");
    let old_colour = builtin
        .iter()
        .find(|p| p.id == "colour")
        .unwrap()
        .text
        .clone();
    let old_id = env.reflect(&["--mode", "verkennen"], "colour = \"Tidy diagrams.\"\n");
    let old_before = env.show_json(&old_id);
    assert_eq!(old_before["session"]["pack_version"], "1.1.0");

    env.user_pack("verkennen.en.toml", REWORDED_PACK);
    let new_id = env.reflect(&["--mode", "verkennen"], "colour = \"Plain words.\"\n");
    let new = env.show_json(&new_id);
    assert_eq!(new["session"]["pack_id"], "verkennen");
    assert_eq!(new["session"]["pack_version"], "9.0.0");
    assert_eq!(prompt_ids(&new), ["colour", "clarity", "statements"]);
    assert_eq!(new["session"]["prompt_count"], 3);
    let colour = prompt(&new, "colour");
    assert_eq!(
        colour["text"],
        "What makes a piece of your work unmistakably yours?"
    );
    assert_eq!(colour["pack_version"], "9.0.0");
    assert_eq!(colour["answer"], json!({"text": "Plain words."}));

    // The old session is shown exactly as it was asked.
    let old_after = env.show_json(&old_id);
    assert_eq!(old_after, old_before);
    assert_eq!(prompt(&old_after, "colour")["text"], old_colour.as_str());
    assert_eq!(old_after["session"]["prompt_count"], builtin.len());
    assert!(show_text(&env, &old_id).contains(&old_colour));
}

#[test]
fn a_lower_user_pack_does_not_replace_the_built_in_one() {
    let env = TestEnv::new();
    env.user_pack(
        "verkennen.en.toml",
        &REWORDED_PACK.replace("9.0.0", "0.1.0"),
    );
    let id = env.reflect(&["--mode", "verkennen"], "colour = \"Tidy diagrams.\"\n");
    let shown = env.show_json(&id);
    assert_eq!(shown["session"]["pack_version"], "1.1.0");
    assert_eq!(
        shown["session"]["prompt_count"],
        builtin_prompts("verkennen.en.toml").len()
    );
}

// ─ list ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn list_on_an_empty_journal_says_so_and_creates_nothing() {
    let env = TestEnv::new();
    let before = env.files();
    env.pi()
        .arg("list")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("No sessions yet"))
        .stderr(predicate::str::contains("pi reflect"));
    env.pi()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(predicate::function(|out: &str| out.trim() == "[]"));
    assert!(!env.journal.exists(), "list must not create a journal");
    assert_eq!(env.files(), before);
}

#[test]
fn list_shows_sessions_newest_first_and_honours_limit() {
    let env = TestEnv::new();
    let first = env.reflect(&["--mode", "verkennen", "--depth", "quick"], "");
    let second = env.reflect(
        &[
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "Team Y",
        ],
        "",
    );
    let listed = list_json(&env);
    let ids: Vec<String> = listed
        .iter()
        .map(|s| s["id"].as_str().unwrap().replace('-', ""))
        .collect();
    assert_eq!(ids, [second.clone(), first.clone()]);
    assert_eq!(listed[0]["mode"], "kiezen");

    let limited = env
        .pi()
        .args(["list", "--json", "--limit", "1"])
        .assert()
        .success();
    let limited: Value = serde_json::from_slice(&limited.get_output().stdout).unwrap();
    assert_eq!(limited.as_array().unwrap().len(), 1);

    let table = env.pi().arg("list").assert().success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert!(table.contains(&first[..8]), "{table}");
    assert!(table.contains(&second[..8]), "{table}");
    assert!(table.contains("Team Y"), "{table}");
    assert!(table.contains("finished"), "{table}");
    assert!(
        table.find(&second[..8]) < table.find(&first[..8]),
        "newest first:\n{table}"
    );
}

// ─ version and help ───────────────────────────────────────────────────────────────────────

#[test]
fn version_prints_the_crate_version() {
    let env = TestEnv::new();
    env.pi()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("pi {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_lists_the_commands_and_an_example() {
    let env = TestEnv::new();
    let assert = env.pi().arg("--help").assert().success();
    let help = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for needle in [
        "reflect",
        "resume",
        "list",
        "show",
        "Examples:",
        "pi reflect --context",
    ] {
        assert!(
            help.contains(needle),
            "{needle:?} missing from --help:\n{help}"
        );
    }
}

#[test]
fn reflect_help_has_examples() {
    let env = TestEnv::new();
    env.pi()
        .args(["reflect", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples"))
        .stdout(predicate::str::contains("--answers"));
}

// ─ resume ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn resume_with_no_journal_says_there_is_nothing_to_resume() {
    let env = TestEnv::new();
    let assert = env.pi().arg("resume").assert().code(1);
    let message = error_message(&assert);
    assert!(message.contains("nothing to resume"), "{message}");
    assert!(!env.journal.exists(), "resume must not create a journal");
}

#[test]
fn resume_with_only_finished_sessions_says_none_is_in_progress() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "verkennen", "--depth", "quick"], "");
    let before = env.files();
    let assert = env.pi().arg("resume").assert().code(1);
    let message = error_message(&assert);
    assert!(message.contains("nothing to resume"), "{message}");
    assert!(message.contains("in progress"), "{message}");
    assert_eq!(env.files(), before);
}

#[test]
fn resume_of_a_finished_session_says_it_is_finished() {
    let env = TestEnv::new();
    let id = env.reflect(&["--mode", "verkennen", "--depth", "quick"], "");
    let before = env.files();
    let assert = env.pi().args(["resume", &id[..6]]).assert().code(1);
    let message = error_message(&assert);
    assert!(message.contains(&id[..8]), "names the session: {message}");
    assert!(message.contains("finished"), "{message}");
    assert_eq!(env.files(), before);
}

/// Turns a finished session back into one paused before `open` prompts, as if the person had
/// stopped there.
fn reopen(journal: &Path, id: &str, open: &[&str]) {
    let conn = rusqlite::Connection::open(journal).unwrap();
    let updated = conn
        .execute(
            "UPDATE sessions SET status = 'in_progress', finished_at = NULL WHERE id = ?1",
            [id],
        )
        .unwrap();
    assert_eq!(updated, 1, "session {id} is in the journal");
    for prompt in open {
        let deleted = conn
            .execute(
                "DELETE FROM answers WHERE session_id = ?1 AND prompt_id = ?2",
                [id, prompt],
            )
            .unwrap();
        assert_eq!(deleted, 1, "prompt {prompt} had a (skipped) answer");
    }
}

#[test]
fn resume_with_answers_finishes_a_paused_session() {
    let env = TestEnv::new();
    let id = env.reflect(&["--mode", "verkennen"], "colour = \"Tidy diagrams.\"\n");
    let open = ["inalienable", "statements", "commitment"];
    reopen(&env.journal, &id, &open);

    let listed = list_json(&env);
    assert_eq!(listed[0]["status"], "in_progress");
    let paused = env.show_json(&id);
    assert_eq!(paused["session"]["status"], "in_progress");
    for p in open {
        assert_eq!(prompt(&paused, p)["status"], "open", "{p}");
    }

    let answers = env.write(
        "resume_rest.toml",
        include_str!("../fixtures/answers/resume_rest.toml"),
    );
    let assert = env
        .pi()
        .args(["resume", "--answers"])
        .arg(&answers)
        .timeout(Duration::from_secs(30))
        .assert()
        .success()
        .stderr(predicate::str::contains("Session finished."));
    assert_eq!(session_id_from(&assert.get_output().stdout), id);

    let shown = env.show_json(&id);
    assert_eq!(shown["session"]["status"], "finished");
    assert!(shown["session"]["finished_at"].is_string());
    assert_eq!(shown["session"]["answered"], 4);
    assert_eq!(
        prompt(&shown, "colour")["answer"],
        json!({"text": "Tidy diagrams."}),
        "the answer from before the pause is kept"
    );
    assert_eq!(
        prompt(&shown, "inalienable")["answer"],
        json!({"text": "Honesty, at work and at home."})
    );
    assert_eq!(prompt(&shown, "own-question")["status"], "skipped");
    assert_eq!(shown["statements"], json!(["I say what I see"]));
    assert_eq!(
        shown["commitments"],
        json!(["Keep a weekly log (look back 2027-01-15)"])
    );
    let open_now: Vec<&Value> = shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "open")
        .collect();
    assert!(open_now.is_empty(), "{open_now:?}");

    // Nothing is left to resume.
    let assert = env.pi().arg("resume").assert().code(1);
    assert!(error_message(&assert).contains("nothing to resume"));
}

#[test]
fn resume_by_id_picks_that_session_and_checks_answers_against_what_is_left() {
    let env = TestEnv::new();
    let id = env.reflect(&["--mode", "verkennen"], "colour = \"Tidy diagrams.\"\n");
    reopen(&env.journal, &id, &["inalienable"]);

    // `colour` was answered before the pause: it is not asked again, so answering it is an error.
    let again = env.write("again.toml", "colour = \"Other.\"\n");
    let before = env.files();
    let assert = env
        .pi()
        .args(["resume", &id[..8], "--answers"])
        .arg(&again)
        .assert()
        .code(1);
    let message = error_message(&assert);
    assert!(message.contains("'colour'"), "{message}");
    assert_eq!(
        env.files(),
        before,
        "a refused answers file changes nothing"
    );

    let rest = env.write("rest.toml", "inalienable = \"Honesty.\"\n");
    let assert = env
        .pi()
        .args(["resume", &id[..8], "--answers"])
        .arg(&rest)
        .assert()
        .success();
    assert_eq!(session_id_from(&assert.get_output().stdout), id);
    let shown = env.show_json(&id);
    assert_eq!(shown["session"]["status"], "finished");
    assert_eq!(shown["session"]["answered"], 2);
}
