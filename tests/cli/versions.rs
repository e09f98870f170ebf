//! A session answered on the built-in packs 1.0.0 stays readable after the packs moved to
//! 1.1.0: `pi show` asks nothing new of it, and `pi diff` and `pi history` follow a prompt from
//! the one version to the other through `replaces`. The old session comes from an export made
//! with the 1.0.0 packs, as a journal from before the upgrade would hold it.

use crate::env::TestEnv;
use serde_json::{Value, json};

/// A deep kiezen session answered on 1.0.0 on 2025-06-02, exported with its pack snapshot.
const OLD_EXPORT: &str = include_str!("../fixtures/import/kiezen-1.0.0-en.json");
const OLD_ID: &str = "af5575aa53f945529d5709cfa4e0c486";

fn json(env: &TestEnv, args: &[&str]) -> Value {
    serde_json::from_str(&env.stdout(args)).unwrap()
}

/// The entry for prompt `id` in `pi show --json` or `pi diff --format json`.
fn find<'a>(list: &'a Value, key: &str, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|p| p[key] == id)
        .unwrap_or_else(|| panic!("no {id} in {list:#}"))
}

/// The old session imported, and a new one answered on the packs in force.
fn old_and_new(env: &TestEnv) -> String {
    let file = env.write("old.json", OLD_EXPORT);
    env.stdout(&["import", "--mine", file.to_str().unwrap()]);
    env.reflect_at(
        "2026-11-20T09:00:00Z",
        &["--mode", "kiezen", "--depth", "deep", "--lang", "en"],
        "own-question = \"Do I still want to advise?\"\n\
         fit = 4\n\
         own-pitfall = \"Care tips over into checking everything twice.\"\n\
         conforming = 2\n\
         onion-layers = \"beliefs and identity\"\n\
         onion-stake = \"Whether advice without a second opinion is still my advice.\"\n",
    )
}

#[test]
fn a_session_on_1_0_0_still_shows_the_questions_it_was_asked() {
    let env = TestEnv::new();
    let new = old_and_new(&env);
    let old = env.show_json(OLD_ID);
    assert_eq!(old["session"]["pack_version"], "1.0.0");
    assert_eq!(old["session"]["prompt_count"], 20);
    let onion = find(&old["prompts"], "prompt_id", "onion");
    assert!(
        onion["text"]
            .as_str()
            .unwrap()
            .starts_with("Go through the layers of the onion model"),
        "{onion}"
    );
    assert_eq!(
        find(&old["prompts"], "prompt_id", "fitting-in")["answer"],
        json!({"number": 4})
    );
    assert!(
        old["prompts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["prompt_id"] != "own-question"),
        "nothing of 1.1.0 is put into the old session"
    );
    let text = env.stdout(&["show", OLD_ID]);
    assert!(
        text.contains("How ready do you feel to make a choice?"),
        "{text}"
    );
    assert!(text.contains("   2\n"), "{text}");

    let new = env.show_json(&new);
    assert_eq!(new["session"]["pack_version"], "1.1.0");
    assert_eq!(
        find(&new["prompts"], "prompt_id", "onion-layers")["answer"],
        json!({"text": "beliefs and identity"})
    );
}

#[test]
fn diff_pairs_replaced_prompts_across_1_0_0_and_1_1_0() {
    let env = TestEnv::new();
    let new = old_and_new(&env);
    let diff = json(&env, &["diff", OLD_ID, &new, "--format", "json"]);
    assert_eq!(diff["older"]["pack_version"], "1.0.0");
    assert_eq!(diff["newer"]["pack_version"], "1.1.0");
    let prompts = &diff["prompts"];

    // The same id in both versions.
    let fit = find(prompts, "prompt", "fit");
    assert_eq!(fit["status"], "changed");
    assert_eq!(
        fit["change"],
        json!({"type": "scale", "from": 2, "to": 4, "delta": 2})
    );
    // A scale that 1.1.0 asks without a presupposition, under a new id.
    let conforming = find(prompts, "prompt", "conforming");
    assert_eq!(conforming["older_prompt"], "fitting-in");
    assert_eq!(
        conforming["change"],
        json!({"type": "scale", "from": 4, "to": 2, "delta": -2})
    );
    // The pitfall made personal, and the onion split into a choice and a question.
    assert_eq!(
        find(prompts, "prompt", "own-pitfall")["older_prompt"],
        "pitfalls"
    );
    assert_eq!(find(prompts, "prompt", "own-pitfall")["status"], "changed");
    assert_eq!(
        find(prompts, "prompt", "onion-layers")["older_prompt"],
        "onion"
    );
    assert_eq!(
        find(prompts, "prompt", "onion-stake")["status"],
        "only_newer"
    );
    // What 1.1.0 no longer asks is kept on the old side.
    assert_eq!(find(prompts, "prompt", "readiness")["status"], "only_older");
    assert_eq!(find(prompts, "prompt", "situation")["status"], "only_older");

    let text = env.stdout(&["diff", &OLD_ID[..8], &new[..8]]);
    assert!(text.contains("kiezen@1.0.0"), "{text}");
    assert!(text.contains("kiezen@1.1.0"), "{text}");
    assert!(
        text.contains("(conforming, was fitting-in)\n    4 → 2 (-2)"),
        "{text}"
    );
    assert!(text.contains("(fit)\n    2 → 4 (+2)"), "{text}");
}

#[test]
fn history_follows_a_prompt_from_1_0_0_to_1_1_0_both_ways() {
    let env = TestEnv::new();
    old_and_new(&env);
    for id in ["conforming", "fitting-in"] {
        let history = json(&env, &["history", id, "--json"]);
        let answers: Vec<(&str, &str, i64)> = history["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["prompt_id"].as_str().unwrap(),
                    a["pack_version"].as_str().unwrap(),
                    a["value"]["number"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            answers,
            [("fitting-in", "1.0.0", 4), ("conforming", "1.1.0", 2)],
            "pi history {id}"
        );
        assert_eq!(history["scale"]["first"], 4);
        assert_eq!(history["scale"]["last"], 2);
    }
    let text = env.stdout(&["history", "conforming"]);
    assert!(
        text.starts_with("In kiezen@1.1.0, 'conforming' replaced 'fitting-in': both are shown.\n"),
        "{text}"
    );
    // Each answer under the question as it was asked.
    let old_question = text
        .find("How often do you go along with the way things are done around you")
        .expect("the 1.0.0 question");
    let new_question = text
        .find("How far do you go along with what is usual around you at work?")
        .expect("the 1.1.0 question");
    assert!(old_question < new_question, "{text}");
    assert!(text.contains("first 4, last 2"), "{text}");

    // A text prompt split into a choice: both answers, oldest first.
    let onion = json(&env, &["history", "onion-layers", "--json"]);
    let values: Vec<&str> = onion["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(values.len(), 2, "{onion:#}");
    assert!(
        values[0].starts_with("What I believe about good advice"),
        "{values:?}"
    );
    assert_eq!(values[1], "beliefs and identity");
}

#[test]
fn packs_diff_shows_what_1_1_0_replaced_removed_and_added() {
    let env = TestEnv::new();
    let diff = json(
        &env,
        &["packs", "diff", "kiezen@1.0.0", "kiezen@1.1.0", "--json"],
    );
    let replaced: Vec<(&str, &str)> = diff["replaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["old"]["id"].as_str().unwrap(),
                r["new"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    for pair in [
        ("pitfalls", "own-pitfall"),
        ("fitting-in", "conforming"),
        ("onion", "onion-layers"),
    ] {
        assert!(replaced.contains(&pair), "{pair:?} in {replaced:?}");
    }
    let ids = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        ids("removed").contains(&"readiness".to_string()),
        "{diff:#}"
    );
    for new in [
        "own-question",
        "first-signal",
        "anchor",
        "statements",
        "friend-question",
    ] {
        assert!(ids("added").contains(&new.to_string()), "{new}: {diff:#}");
    }
}

#[test]
fn every_built_in_pack_file_validates() {
    let env = TestEnv::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts");
    let mut files: Vec<_> = [root.clone(), root.join("earlier")]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 26, "{files:?}");
    let out = env
        .pi()
        .args(["packs", "validate"])
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok: ")).count(), 26);
}

#[test]
fn packs_show_prints_a_changelog_of_several_lines_under_its_version() {
    let env = TestEnv::new();
    let out = env.stdout(&["packs", "show", "kiezen"]);
    let indent = " ".repeat(23);
    assert!(
        out.contains("\n  1.1.0    2026-12-02  Closer to the practice"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "\n{indent}Replaced: own-pitfall replaces pitfalls"
        )),
        "{out}"
    );
    assert!(
        out.contains("\n  1.0.0    2026-11-23  First version.\n"),
        "{out}"
    );
}
