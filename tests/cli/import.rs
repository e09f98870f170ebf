//! `pi import`: a pi export merged by id (round trip, twice, conflicts), histories from jrnl
//! and Day One, and every kind of bad file, each refused with one line and nothing changed.

use crate::env::TestEnv;
use pi::interchange::format::Export;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

mod bad;
#[cfg(target_os = "linux")]
mod stream;
mod trust;

/// A journal with three sessions: an exploration writing statements and a commitment, a
/// tidy walk that keeps, revises and lets go and follows the commitment up, and a kiezen
/// session that the selection leaves out.
pub fn a_history(env: &TestEnv) -> [String; 3] {
    let explore = env.reflect_at("2026-02-01T09:00:00Z",
        &[
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "Intake",
        ],
        "colour = \"I make complicated things simple.\"\n\
         not-mine = [\"My team\", \"The clients\"]\n\
         statements = [\"I stand for clear advice\", \"What is not mine: deciding for others\", \"I keep my promises\"]\n\
         commitment = { text = \"Ask for feedback after every workshop\", look_back = \"2026-05-01\" }\n",
    );
    let statements = json_of(env, &["statements", "--json"]);
    let ids: Vec<&str> = statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let commitment = json_of(env, &["commitments", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let tidy = env.reflect_at("2026-06-01T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!(
            "around = \"A new director arrived.\"\n\
             tidy = {{ \"{}\" = \"keep\", \"{}\" = {{ revise = \"Deciding is theirs; advising is mine\" }}, \"{}\" = \"let-go\" }}\n\
             [follow-up]\n\"{}\" = {{ status = \"done\", note = \"Four times; it helped.\" }}\n",
            &ids[0][..8],
            &ids[1][..8],
            &ids[2][..8],
            &commitment[..8]
        ),
    );
    let kiezen = env.reflect_at(
        "2026-09-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 4\n",
    );
    [explore, tidy, kiezen]
}

pub fn json_of(env: &TestEnv, args: &[&str]) -> Value {
    let out = env.pi().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "pi {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The selection every test shares: the first two sessions with their statements and
/// commitments, written by the real `pi export`.
pub const SELECTION: [&str; 8] = [
    "--mode",
    "verkennen",
    "--mode",
    "onderhouden",
    "--statements",
    "--commitments",
    "--format",
    "json",
];

/// `pi export SELECTION -o FILE` in `env`; returns the file's path.
pub fn export_to(env: &TestEnv, name: &str) -> PathBuf {
    let path = env.dir.path().join(name);
    let out = env
        .pi()
        .arg("export")
        .args(SELECTION)
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pi export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// An export with its header made neutral: two exports of the same records are equal.
fn records(path: &Path) -> Export {
    let mut export: Export =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("an Export");
    export.header.export_id = String::new();
    export.header.exported_at = String::new();
    export.header.journal_id = None;
    export.header.journal_name = None;
    export
}

/// Copies a file into another test's directory.
pub fn hand_over(file: &Path, to: &TestEnv) -> PathBuf {
    let target = to.dir.path().join(file.file_name().unwrap());
    std::fs::copy(file, &target).unwrap();
    target
}

/// `pi import ARGS`: asserts success, returns stderr.
pub fn import(env: &TestEnv, args: &[&str]) -> String {
    let out = env.pi().arg("import").args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "pi import failed: {err}");
    assert!(out.stdout.is_empty(), "data on stdout: {:?}", out.stdout);
    err
}

#[test]
fn an_export_round_trips_through_an_empty_journal_and_a_second_import_changes_nothing() {
    let home = TestEnv::new();
    let [explore, tidy, kiezen] = a_history(&home);
    let first = export_to(&home, "first.json");

    let other = TestEnv::new();
    let file = hand_over(&first, &other);
    let summary = import(&other, &["--mine", file.to_str().unwrap()]);
    assert!(summary.contains("Imported"), "{summary}");
    assert!(
        summary.contains("sessions          2 added, 0 already here"),
        "{summary}"
    );
    assert!(summary.contains("statements        4 added"), "{summary}");
    assert!(summary.contains("commitments       1 added"), "{summary}");

    let again = export_to(&other, "again.json");
    assert_eq!(
        records(&again),
        records(&first),
        "the journal holds what was exported"
    );
    let ids: Vec<String> = json_of(&other, &["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![tidy.clone(), explore.clone()]);
    assert!(!ids.contains(&kiezen));
    assert_eq!(other.show_json(&tidy), home.show_json(&tidy));

    let list = json_of(&other, &["list", "--json"]);
    let summary = import(&other, &["--mine", file.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");
    assert_eq!(json_of(&other, &["list", "--json"]), list);
    let third = export_to(&other, "third.json");
    assert_eq!(records(&third), records(&first));

    // Back home everything is known already.
    let summary = import(&home, &[first.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");
}

#[test]
fn an_answer_that_differs_becomes_a_revision_and_a_statement_that_differs_is_reported() {
    let env = TestEnv::new();
    let [explore, ..] = a_history(&env);
    let path = export_to(&env, "export.json");
    let mut export: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let answers = export["sessions"][0]["answers"].as_array_mut().unwrap();
    let colour = answers
        .iter_mut()
        .find(|a| a["prompt_id"] == "colour")
        .unwrap();
    colour["value"] = json!({"text": "I make hard things clear."});
    let colour_id = colour["id"].as_str().unwrap().to_string();
    export["statements"][0]["text"] = json!("I stand for honest advice");
    let changed = env.write(
        "changed.json",
        &serde_json::to_string_pretty(&export).unwrap(),
    );

    let summary = import(&env, &[changed.to_str().unwrap()]);
    assert!(summary.contains("answers           0 added"), "{summary}");
    assert!(summary.contains("1 revised"), "{summary}");
    assert!(
        summary.contains(&format!(
            "(id {}…): differs from this journal's own answer, so the file was changed after it was exported",
            &colour_id[..8]
        )),
        "{summary}"
    );
    assert!(
        summary.contains("1 conflicting (kept as they were)"),
        "{summary}"
    );
    assert!(
        summary.contains("kept this journal's wording \"I stand for clear advice\""),
        "{summary}"
    );

    let shown = env.show_json(&explore);
    let prompt = shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "colour")
        .unwrap();
    assert_eq!(prompt["answer"]["text"], "I make hard things clear.");
    assert_eq!(prompt["revisions"], 2);
    assert_eq!(
        json_of(&env, &["statements", "--all", "--json"])[0]["text"],
        "I stand for clear advice"
    );

    // Again: the revision is found, not added twice; the statement still differs.
    let summary = import(&env, &[changed.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing added"), "{summary}");
    assert!(!summary.contains("revised"), "{summary}");
    assert_eq!(env.show_json(&explore), shown);
}

#[test]
fn jrnl_entries_become_journal_sessions_once() {
    let env = TestEnv::new();
    a_history(&env);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    let summary = import(&env, &["--from", "jrnl", fixture.to_str().unwrap()]);
    assert!(summary.contains("sessions          3 added"), "{summary}");

    let list = json_of(&env, &["list", "--json"]);
    let entries: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "journal")
        .collect();
    assert_eq!(entries.len(), 3);
    let first = entries.last().unwrap();
    assert_eq!(first["started_at"], "2024-01-31T09:30:00.000Z");
    assert_eq!(
        first["context"],
        "Finished the intake project with the @team. · @team @work"
    );
    let shown = env.show_json(first["id"].as_str().unwrap());
    assert_eq!(shown["prompts"][0]["prompt_id"], "entry");
    assert_eq!(shown["prompts"][0]["kind"], "long_text");
    assert_eq!(
        shown["prompts"][0]["text"],
        "Finished the intake project with the @team."
    );
    assert!(
        shown["prompts"][0]["answer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The new form is live.")
    );
    let untitled = env.show_json(entries[0]["id"].as_str().unwrap());
    assert_eq!(untitled["prompts"][0]["text"], "Journal entry");
    assert_eq!(
        untitled["prompts"][0]["answer"]["text"],
        "Coffee with Anna at the café."
    );

    let table = env.pi().arg("list").output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("journal (jrnl)"));
    let text = env
        .pi()
        .args(["show", &first["id"].as_str().unwrap()[..8]])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("source:   jrnl (imported)"), "{text}");
    assert!(text.contains("1. Finished the intake project"), "{text}");

    let summary = import(&env, &["--from", "jrnl", fixture.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");
    assert_eq!(json_of(&env, &["list", "--json"]), list);
}

#[test]
fn day_one_entries_become_journal_sessions_once() {
    let env = TestEnv::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/dayone.json");
    let summary = import(&env, &["--from", "dayone", fixture.to_str().unwrap()]);
    assert!(summary.contains("sessions          2 added"), "{summary}");
    let list = json_of(&env, &["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let titled = &list[1];
    assert_eq!(titled["started_at"], "2024-01-31T09:30:00.000Z");
    assert_eq!(titled["pack_id"], "dayone");
    assert_eq!(
        titled["context"],
        "Moved from deciding to advising · work reorganisation"
    );
    let shown = env.show_json(titled["id"].as_str().unwrap());
    assert_eq!(
        shown["prompts"][0]["text"],
        "Moved from deciding to advising"
    );
    assert_eq!(
        shown["prompts"][0]["answer"]["text"],
        "Today the new structure started. I no longer decide on the intakes; I advise the team lead."
    );
    let summary = import(&env, &["--from", "dayone", fixture.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");
    assert_eq!(json_of(&env, &["list", "--json"]), list);
}

/// Asserts two snapshots of `TestEnv::files` are equal, naming the paths that differ (the
/// bytes of a journal are no help in a failure message).
pub fn assert_unchanged(
    before: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    after: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
) {
    let changed: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert!(changed.is_empty(), "files changed: {changed:?}");
}
