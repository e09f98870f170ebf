//! `pi history`: every answer to one prompt over time, across `replaces` links, with a
//! sparkline for a scale; suggestions for a mistyped id; the life of every statement.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use serde_json::Value;

const KIEZEN: [&str; 4] = ["--mode", "kiezen", "--depth", "quick"];

/// A kiezen pack 9.0.0 in which the scale `fit-now` replaces the built-in `fit`.
fn kiezen_9() -> &'static str {
    "format = 1\nid = \"kiezen\"\nversion = \"9.0.0\"\nlanguage = \"en\"\n\
     title = \"Choose and turn\"\ndescription = \"A shorter kiezen.\"\npurpose = \"mode\"\n\
     modes = [\"kiezen\"]\n\n\
     [[changelog]]\nversion = \"9.0.0\"\nchanges = \"The fit question reworded.\"\n\n\
     [[prompts]]\nid = \"situation\"\nkind = \"long_text\"\ndepth = \"quick\"\n\
     text = \"What is going on?\"\n\n\
     [[prompts]]\nid = \"fit-now\"\nreplaces = \"fit\"\nkind = \"scale\"\n\
     depth = \"quick\"\ntext = \"How well does your work fit you now?\"\n\
     min = 1\nmax = 5\nmin_label = \"hardly\"\nmax_label = \"well\"\n"
}

#[test]
fn a_scale_over_time_oldest_first_with_a_sparkline() {
    let env = TestEnv::new();
    // Written out of order: the history follows the sessions' dates.
    for (now, context, fit) in [
        ("2026-06-01T09:00:00Z", "Reorg", 2),
        ("2025-01-15T09:00:00Z", "New team", 4),
        ("2026-11-01T09:00:00Z", "After", 5),
        ("2025-09-01T09:00:00Z", "Doubts", 1),
    ] {
        let mut args = KIEZEN.to_vec();
        args.extend(["--context", context]);
        env.reflect_at(now, &args, &format!("fit = {fit}\n"));
    }
    env.reflect_at(
        "2026-11-10T09:00:00Z",
        &KIEZEN,
        "first-signal = \"Skipped fit.\"\n",
    );
    let text = env.stdout(&["history", "fit"]);
    insta::assert_snapshot!("history_fit", text);
    let order: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("20"))
        .map(|l| l.rsplit(" · ").next().unwrap())
        .collect();
    assert_eq!(order, ["New team", "Doubts", "Reorg", "After"]);
    assert!(text.contains("▆▁▃█"), "{text}");
    assert!(
        text.contains("first 4, last 5, lowest 1, highest 5"),
        "{text}"
    );

    let json: Value = serde_json::from_str(&env.stdout(&["history", "fit", "--json"])).unwrap();
    assert_eq!(
        json["answers"].as_array().unwrap().len(),
        4,
        "a skip is no answer"
    );
    assert_eq!(json["answers"][0]["context"], "New team");
    assert_eq!(json["answers"][0]["value"]["number"], 4);
    assert_eq!(json["scale"]["min"], 1);
    assert_eq!(json["scale"]["max"], 5);
    assert_eq!(json["scale"]["last"], 5);
}

#[test]
fn text_answers_show_dates_contexts_and_the_question() {
    let env = TestEnv::new();
    for (now, context, text) in [
        (
            "2025-01-15T09:00:00Z",
            "Start",
            "Everything changes at once.",
        ),
        ("2026-02-01T09:00:00Z", "", "Calmer; I chose this move."),
    ] {
        let mut args = KIEZEN.to_vec();
        if !context.is_empty() {
            args.extend(["--context", context]);
        }
        env.reflect_at(now, &args, &format!("first-signal = \"{text}\"\n"));
    }
    let text = env.stdout(&["history", "first-signal"]);
    assert_eq!(
        text,
        "Think back to the moment you first noticed that something was starting to shift, that \
         what had always worked no longer simply worked. What happened then?\n\
         2025-01-15  choose and turn · Start\n    Everything changes at once.\n\
         2026-02-01  choose and turn\n    Calmer; I chose this move.\n"
    );
}

#[test]
fn a_replaced_prompt_id_is_the_same_question() {
    let env = TestEnv::new();
    env.reflect_at("2026-01-10T09:00:00Z", &KIEZEN, "fit = 2\n");
    env.user_pack("kiezen-9.en.toml", kiezen_9());
    env.reflect_at("2026-06-10T09:00:00Z", &KIEZEN, "fit-now = 4\n");

    for id in ["fit-now", "fit"] {
        let json: Value = serde_json::from_str(&env.stdout(&["history", id, "--json"])).unwrap();
        let answers: Vec<(&str, i64)> = json["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["prompt_id"].as_str().unwrap(),
                    a["value"]["number"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(answers, [("fit", 2), ("fit-now", 4)], "history of {id}");
        assert_eq!(json["links"][0]["replaces"], "fit");
    }
    let text = env.stdout(&["history", "fit-now"]);
    assert!(
        text.contains("In kiezen@9.0.0, 'fit-now' replaced 'fit'"),
        "{text}"
    );
    // The question as it was asked each time.
    assert!(
        text.contains("How well does your current work fit you at the moment?\n2026-01-10"),
        "{text}"
    );
    assert!(
        text.contains("How well does your work fit you now?\n2026-06-10"),
        "{text}"
    );
    assert!(text.contains("▃▆"), "{text}");
}

#[test]
fn an_unknown_prompt_id_suggests_close_ones() {
    let env = TestEnv::new();
    env.reflect_at("2026-01-10T09:00:00Z", &KIEZEN, "fit = 2\n");
    let before = env.files();
    let assert = env.pi().args(["history", "fti"]).assert().code(1);
    let message = error_message(&assert);
    assert!(message.contains("'fti'"), "{message}");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("Hint: did you mean 'fit'"), "{stderr}");
    let assert = env.pi().args(["history", "colur"]).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("'colour'"), "{stderr}");
    assert_eq!(env.files(), before);

    // A known prompt without answers is no error.
    let out = env.pi().args(["history", "colour"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("No answers to 'colour' yet."));
}

#[test]
fn statements_show_their_whole_life() {
    let env = TestEnv::new();
    env.reflect_at(
        "2025-01-01T09:00:00Z",
        &["--mode", "verkennen", "--depth", "quick"],
        "statements = [\"I stand for clear advice\", \"I keep my promises\"]\n",
    );
    let all: Value = serde_json::from_str(&env.stdout(&["statements", "--json"])).unwrap();
    let first = all[0]["id"].as_str().unwrap()[..8].to_string();
    let second = all[1]["id"].as_str().unwrap()[..8].to_string();
    env.reflect_at("2026-03-01T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!(
            "tidy = {{ \"{first}\" = {{ revise = \"I give advice that is clear and kind\" }}, \"{second}\" = \"keep\" }}\n"
        ),
    );
    let text = env.stdout(&["history", "--statements"]);
    assert_eq!(
        text,
        "\u{201c}I stand for clear advice\u{201d}\n    2025-01-01 written · 2026-03-01 revised\n\
         \u{20}\u{20}→ \u{201c}I give advice that is clear and kind\u{201d}\n      2026-03-01 written\n\
         \u{201c}I keep my promises\u{201d}\n    2025-01-01 written · 2026-03-01 kept\n"
    );
    let json: Value =
        serde_json::from_str(&env.stdout(&["history", "--statements", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["state"], "current");
    assert_eq!(
        json[0]["wordings"][1]["text"],
        "I give advice that is clear and kind"
    );
    assert_eq!(json[0]["wordings"][0]["events"][1]["kind"], "revised");
}
