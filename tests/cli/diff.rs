//! `pi diff`: two sessions compared prompt by prompt (also across pack versions), the
//! statements in between, the three output formats, and every kind of bad input.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use crate::pty::{answer_line, answer_text, ctrl_c, exit_code, expect, spawn};
use serde_json::{Value, json};
use std::time::Duration;

/// Two verkennen sessions, in 2025 and 2026, with changed answers.
fn two_explorations(env: &TestEnv) -> (String, String) {
    let verkennen = ["--mode", "verkennen", "--depth", "deep"];
    let old = env.reflect_at(
        "2025-03-01T09:00:00Z",
        &verkennen,
        "own-question = \"What kind of adviser am I?\"\n\
         clarity = 3\n\
         colour = \"I make complicated things simple.\"\n\
         not-mine = [\"deciding for others\", \"the budget\"]\n\
         responsibility = \"The quality of my advice.\"\n",
    );
    let new = env.reflect_at(
        "2026-11-01T09:00:00Z",
        &verkennen,
        "clarity = 5\n\
         colour = \"I make hard things simple and clear.\"\n\
         not-mine = [\"the budget\", \"other people's deadlines\"]\n\
         responsibility = \"The quality of my advice.\"\n\
         good-work = \"When someone can act on it.\"\n",
    );
    (old, new)
}

/// A kiezen session at `now` with the scale `fit` (or the prompt `fit_id`) at `fit`.
fn choice_at(env: &TestEnv, now: &str, fit_id: &str, fit: i64) -> String {
    env.reflect_at(
        now,
        &["--mode", "kiezen", "--depth", "quick"],
        &format!("first-signal = \"My role changed.\"\n{fit_id} = {fit}\n"),
    )
}

fn diff_json(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["diff", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&env.stdout(&all)).unwrap()
}

/// The prompt with this id in a JSON diff.
fn prompt<'a>(diff: &'a Value, id: &str) -> &'a Value {
    diff["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt"] == id)
        .unwrap_or_else(|| panic!("no prompt {id} in {diff:#}"))
}

/// Waits until no `-wal` file is left beside the journal, so its bytes are the whole journal.
fn settled(env: &TestEnv) {
    let mut wal = env.journal.file_name().unwrap().to_os_string();
    wal.push("-wal");
    let wal = env.journal.with_file_name(wal);
    for _ in 0..10 {
        if !wal.exists() {
            return;
        }
        env.pi().args(["list", "--json"]).assert().success();
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{} did not go away", wal.display());
}

/// Runs `pi diff ARGS`, expects exit 1 with one error line and no file changed; the message.
fn refused(env: &TestEnv, args: &[&str]) -> String {
    settled(env);
    let before = env.files();
    let assert = env.pi().arg("diff").args(args).assert().failure().code(1);
    assert_eq!(env.files(), before, "pi diff {args:?} changed files");
    error_message(&assert)
}

#[test]
fn two_sessions_of_one_mode_as_text_with_markers() {
    let env = TestEnv::new();
    let (old, new) = two_explorations(&env);
    let text = env.stdout(&["diff"]);
    assert!(!text.contains('\u{1b}'), "NO_COLOR means no escape codes");
    let text = text
        .replace(&old[..8], "OLDER___")
        .replace(&new[..8], "NEWER___");
    insta::assert_snapshot!("two_explorations", text);

    let coloured = env.stdout(&["--color", "always", "diff"]);
    assert!(
        coloured.contains("\u{1b}[") && !coloured.contains("[-complicated-]"),
        "{coloured}"
    );

    // The order of the ids does not matter, nor how much of them is typed.
    let named = env.stdout(&["diff", &new[..6], &old]);
    assert_eq!(named, env.stdout(&["diff"]));
    assert_eq!(named, env.stdout(&["diff", &old[..8], &new[..8]]));
}

#[test]
fn markdown_has_a_heading_per_prompt() {
    let env = TestEnv::new();
    two_explorations(&env);
    let md = env.stdout(&["diff", "--format", "md"]);
    assert!(
        md.starts_with("# Changes from 2025-03-01 to 2026-11-01\n"),
        "{md}"
    );
    for heading in [
        "\n## Changed\n",
        "\n### How clear is it to you right now what you stand for as a professional?\n\n3 → 5 (+2)\n",
        "\n## Only in 2025-03-01\n\n### What question about yourself",
        "\n## Only in 2026-11-01\n\n### By your own standard, when is your work good enough?",
        "\n## Unchanged\n- What do you take responsibility for",
        "\n## Statements\n",
    ] {
        assert!(md.contains(heading), "no {heading:?} in:\n{md}");
    }
    assert!(
        md.contains("I make <del>complicated</del><ins>hard</ins> things"),
        "{md}"
    );
    assert!(md.contains("- Added: other people's deadlines\n- Removed: deciding for others\n"));
    assert!(!md.contains("[-"), "no text markers in Markdown");
}

#[test]
fn markdown_keeps_what_people_wrote_as_text() {
    let env = TestEnv::new();
    let explore = ["--mode", "verkennen", "--depth", "quick"];
    env.reflect_at(
        "2025-03-01T09:00:00Z",
        &explore,
        "colour = \"# Not a heading\\n- not a list\\nI use *stars* and <b>tags</b>.\"\n\
         not-mine = [\"<script>x</script>\"]\n",
    );
    env.reflect_at(
        "2026-03-01T09:00:00Z",
        &explore,
        "colour = \"# Still not a heading\\n- not a list\\nI use _lines_ and <i>tags</i>.\"\n\
         not-mine = [\"| pipe |\"]\n",
    );
    let md = env.stdout(&["diff", "--format", "md"]);
    assert!(
        md.contains(
            "\n\\# <del>Not</del><ins>Still not</ins> a heading  \n\\- not a list  \n\
             I use <del>\\*stars\\*</del><ins>\\_lines\\_</ins> and \
             <del>\\<b\\>tags\\</b\\>.</del><ins>\\<i\\>tags\\</i\\>.</ins>\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("- Added: \\| pipe \\|\n- Removed: \\<script\\>x\\</script\\>\n"),
        "{md}"
    );
}

#[test]
fn json_has_the_documented_fields() {
    let env = TestEnv::new();
    let (old, new) = two_explorations(&env);
    let diff = diff_json(&env, &[]);
    assert_eq!(diff["format"], 1);
    assert_eq!(diff["older"]["id"], json!(old));
    assert_eq!(diff["newer"]["id"], json!(new));
    assert_eq!(
        diff["summary"],
        json!({"changed": 3, "unchanged": 1, "only_older": 1, "only_newer": 1})
    );
    let clarity = prompt(&diff, "clarity");
    assert_eq!(clarity["status"], "changed");
    assert_eq!(clarity["older"], json!({"number": 3}));
    assert_eq!(clarity["newer"], json!({"number": 5}));
    assert_eq!(
        clarity["change"],
        json!({"type": "scale", "from": 3, "to": 5, "delta": 2})
    );
    let not_mine = prompt(&diff, "not-mine");
    assert_eq!(
        not_mine["change"],
        json!({"type": "items", "added": ["other people's deadlines"], "removed": ["deciding for others"], "kept": 1})
    );
    let colour = prompt(&diff, "colour");
    assert_eq!(colour["change"]["type"], "text");
    assert_eq!(
        colour["change"]["words"][1],
        json!({"op": "delete", "text": "complicated"})
    );
    assert_eq!(prompt(&diff, "own-question")["status"], "only_older");
    assert_eq!(prompt(&diff, "good-work")["status"], "only_newer");
    assert_eq!(prompt(&diff, "responsibility")["status"], "unchanged");
    assert_eq!(
        prompt(&diff, "responsibility")["older_prompt"],
        "responsibility"
    );
}

#[test]
fn the_latest_pair_of_one_mode_or_of_the_mode_asked_for() {
    let env = TestEnv::new();
    two_explorations(&env);
    choice_at(&env, "2026-11-05T09:00:00Z", "fit", 2);
    choice_at(&env, "2026-11-10T09:00:00Z", "fit", 4);
    // The latest session has no earlier one of its mode: the kiezen pair is the latest pair.
    env.reflect_at(
        "2026-11-20T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        "around = \"A new director.\"\n",
    );
    let text = env.stdout(&["diff"]);
    assert!(text.contains("choose and turn"), "{text}");
    assert!(text.contains("2 → 4 (+2)"), "{text}");
    let verkennen = diff_json(&env, &["--mode", "verkennen"]);
    assert_eq!(prompt(&verkennen, "clarity")["change"]["delta"], 2);
}

#[test]
fn a_period_compares_its_first_and_last_session() {
    let env = TestEnv::new();
    choice_at(&env, "2025-01-10T09:00:00Z", "fit", 1);
    choice_at(&env, "2026-02-01T09:00:00Z", "fit", 2);
    choice_at(&env, "2026-05-01T09:00:00Z", "fit", 3);
    choice_at(&env, "2026-09-01T09:00:00Z", "fit", 5);
    let fit = |args: &[&str]| prompt(&diff_json(&env, args), "fit")["change"].clone();
    assert_eq!(fit(&["--since", "2026"])["from"], 2);
    assert_eq!(fit(&["--since", "2026"])["to"], 5);
    assert_eq!(fit(&["--since", "2026", "--until", "2026-05"])["to"], 3);
    assert_eq!(fit(&["--since", "2y", "--mode", "kiezen"])["from"], 1);
}

#[test]
fn a_replaced_prompt_in_a_newer_pack_version_matches_the_old_answer() {
    let env = TestEnv::new();
    let first = choice_at(&env, "2025-06-01T09:00:00Z", "fit", 2);
    env.user_pack("kiezen-9.en.toml", &kiezen_pack("9.0.0", "fit-now", "fit"));
    let second = choice_at(&env, "2026-06-01T09:00:00Z", "fit-now", 4);
    let diff = diff_json(&env, &[]);
    let fit = prompt(&diff, "fit-now");
    assert_eq!(fit["older_prompt"], "fit");
    assert_eq!(
        fit["change"],
        json!({"type": "scale", "from": 2, "to": 4, "delta": 2})
    );
    let text = env.stdout(&["diff", &first[..8], &second[..8]]);
    assert!(
        text.contains("(fit-now, was fit)\n    2 → 4 (+2)"),
        "{text}"
    );

    // A chain: 10.0.0 replaces 9.0.0's prompt; 9.0.0 links it back to the first session's.
    env.user_pack(
        "kiezen-10.en.toml",
        &kiezen_pack("10.0.0", "fit-today", "fit-now"),
    );
    let third = choice_at(&env, "2026-10-01T09:00:00Z", "fit-today", 5);
    let diff = diff_json(&env, &[&first[..8], &third[..8]]);
    let fit = prompt(&diff, "fit-today");
    assert_eq!(fit["older_prompt"], "fit");
    assert_eq!(fit["change"]["delta"], 3);
}

/// A kiezen pack whose scale `id` replaces `replaces`.
fn kiezen_pack(version: &str, id: &str, replaces: &str) -> String {
    format!(
        "format = 1\nid = \"kiezen\"\nversion = \"{version}\"\nlanguage = \"en\"\n\
         title = \"Choose and turn\"\ndescription = \"A shorter kiezen.\"\npurpose = \"mode\"\n\
         modes = [\"kiezen\"]\n\n\
         [[changelog]]\nversion = \"{version}\"\nchanges = \"The fit question reworded.\"\n\n\
         [[prompts]]\nid = \"first-signal\"\nkind = \"long_text\"\ndepth = \"quick\"\n\
         text = \"What is going on?\"\n\n\
         [[prompts]]\nid = \"{id}\"\nreplaces = \"{replaces}\"\nkind = \"scale\"\n\
         depth = \"quick\"\ntext = \"How well does your work fit you now?\"\n\
         min = 1\nmax = 5\nmin_label = \"hardly\"\nmax_label = \"well\"\n"
    )
}

#[test]
fn statements_written_let_go_and_revised_in_between() {
    let env = TestEnv::new();
    let explore = ["--mode", "verkennen", "--depth", "quick"];
    env.reflect_at("2025-01-01T09:00:00Z",
        &explore,
        "colour = \"Simple diagrams.\"\n\
         statements = [\"I stand for clear advice\", \"What is not mine: deciding for others\", \"I keep my promises\"]\n",
    );
    let ids: Vec<String> = serde_json::from_str::<Value>(&env.stdout(&["statements", "--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap()[..8].to_string())
        .collect();
    env.reflect_at("2025-06-01T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!(
            "tidy = {{ \"{}\" = \"keep\", \"{}\" = {{ revise = \"Deciding is theirs; advising is mine\" }}, \"{}\" = \"let-go\" }}\n\
             statements = [\"I say what I see\"]\n",
            ids[0], ids[1], ids[2]
        ),
    );
    env.reflect_at(
        "2026-01-01T09:00:00Z",
        &explore,
        "colour = \"Clear diagrams.\"\n",
    );
    // After the newer session: not part of the comparison.
    env.reflect_at(
        "2026-03-01T09:00:00Z",
        &["--mode", "onderhouden", "--depth", "quick"],
        &format!("tidy = {{ \"{}\" = \"restore\" }}\n", ids[2]),
    );

    let text = env.stdout(&["diff", "--mode", "verkennen"]);
    let statements = text.split("Statements from").nth(1).unwrap();
    assert_eq!(
        statements,
        " 2025-01-01 to 2026-01-01
  2025-01-01  written   I stand for clear advice
  2025-01-01  written   What is not mine: deciding for others
  2025-01-01  written   I keep my promises
  2025-06-01  revised   [-What-]{+Deciding+} is [-not mine: deciding for others-]{+theirs; advising is mine+}
  2025-06-01  let go    I keep my promises
  2025-06-01  written   I say what I see
"
    );
    let diff = diff_json(&env, &["--mode", "verkennen"]);
    let events: Vec<&str> = diff["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "written", "written", "written", "revised", "let_go", "written"
        ]
    );
    assert_eq!(
        diff["statements"][3]["new_text"],
        "Deciding is theirs; advising is mine"
    );
    let md = env.stdout(&["diff", "--mode", "verkennen", "--format", "md"]);
    assert!(
        md.contains("- 2025-06-01, let go: I keep my promises\n"),
        "{md}"
    );
}

#[test]
fn a_session_in_progress_is_compared_only_when_named() {
    let env = TestEnv::new();
    let (_, newer) = two_explorations(&env);
    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "verkennen",
            "--depth",
            "quick",
            "--context",
            "",
        ],
        &[("PI_NOW", "2026-11-20T09:00:00Z")],
    );
    answer_line(&mut pi, "[1/9]", "Am I any clearer now?");
    answer_text(&mut pi, "[2/9]", "I make hard things simple and clear.");
    expect(&mut pi, "[3/9]");
    ctrl_c(&mut pi);
    assert_eq!(exit_code(&mut pi), 130);
    let list: Value = serde_json::from_str(&env.stdout(&["list", "--json"])).unwrap();
    assert_eq!(list[0]["status"], "in_progress");
    let paused = list[0]["id"].as_str().unwrap();

    assert_eq!(diff_json(&env, &[])["newer"]["id"], json!(newer));
    let text = env.stdout(&["diff", &paused[..8], &newer[..8]]);
    assert!(text.contains("[in progress]"), "{text}");
    assert!(text.contains("1 unchanged"), "{text}");
}

#[test]
fn one_session_with_itself_is_refused() {
    let env = TestEnv::new();
    let (old, _) = two_explorations(&env);
    let message = refused(&env, &[&old[..8], &old]);
    assert_eq!(
        message,
        format!(
            "both ids name session {}; name two different sessions",
            &old[..8]
        )
    );
}

#[test]
fn unknown_and_ambiguous_ids_are_refused() {
    let env = TestEnv::new();
    let (old, new) = two_explorations(&env);
    let message = refused(&env, &["0000000g", &old]);
    assert!(
        message.contains("'0000000g' is not a session id"),
        "{message}"
    );
    let unknown = if old.starts_with('f') {
        "0123"
    } else {
        "f0123"
    };
    let message = refused(&env, &[unknown, &old]);
    assert_eq!(
        message,
        format!("no session id starts with '{unknown}'; `pi list` shows the ids")
    );

    // Of seventeen sessions, two must share a first digit.
    let mut ids = vec![old, new];
    let shared = loop {
        let id = choice_at(&env, "2026-01-01T09:00:00Z", "fit", 3);
        let same = ids
            .iter()
            .find(|i| i[..1] == id[..1])
            .map(|s| s[..1].to_string());
        ids.push(id);
        if let Some(same) = same {
            break same;
        }
    };
    // The first two sessions may already share their first digit, so count.
    let sharing = ids.iter().filter(|i| i.starts_with(&shared)).count();
    let message = refused(&env, &[&shared, &ids[0]]);
    assert!(
        message.starts_with(&format!("'{shared}' fits {sharing} sessions (")),
        "{message}"
    );
    assert!(message.ends_with("); type more of the id"), "{message}");
}

#[test]
fn sessions_with_no_prompt_in_common_are_refused_naming_both_packs() {
    let env = TestEnv::new();
    let (old, _) = two_explorations(&env);
    let choice = choice_at(&env, "2026-11-10T09:00:00Z", "fit", 4);
    let message = refused(&env, &[&choice, &old]);
    assert_eq!(
        message,
        format!(
            "sessions {} (verkennen@1.1.0) and {} (kiezen@1.1.0) have no prompt in common, \
             so there is nothing to compare",
            &old[..8],
            &choice[..8]
        )
    );
}

#[test]
fn a_date_that_does_not_parse_names_the_formats() {
    let env = TestEnv::new();
    two_explorations(&env);
    // A date that does not read is a usage error, as in every command (exit 2).
    settled(&env);
    let before = env.files();
    let out = env
        .pi()
        .args(["diff", "--since", "last tuesday"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "'last tuesday' is not a date pi understands \
             (use YYYY-MM-DD, YYYY-MM, YYYY, or an age such as 30d, 8w, 6m or 2y)"
        ),
        "{stderr}"
    );
    let out = env
        .pi()
        .args(["diff", "--since", "2026", "--until", "2025"])
        .assert()
        .code(2);
    assert_eq!(
        error_message(&out),
        "the period from 2026-01-01 to 2025-12-31 is empty: --since must come before --until"
    );
    assert_eq!(env.files(), before);
}

#[test]
fn too_few_finished_sessions_say_what_is_needed() {
    let env = TestEnv::new();
    choice_at(&env, "2026-01-01T09:00:00Z", "fit", 3);
    let message = refused(&env, &[]);
    assert_eq!(
        message,
        "pi diff needs two finished reflections of one mode, and the journal has only one"
    );
    env.reflect_at(
        "2026-02-01T09:00:00Z",
        &["--mode", "verkennen", "--depth", "quick"],
        "colour = \"Tidy.\"\n",
    );
    let message = refused(&env, &[]);
    assert_eq!(
        message,
        "pi diff needs two finished reflections of one mode, and the journal's 2 finished \
         reflections are each of another mode"
    );
    let message = refused(&env, &["--mode", "onderhouden"]);
    assert_eq!(
        message,
        "pi diff needs two finished maintain and tidy up (onderhouden) reflections, \
         and the journal has none"
    );
    choice_at(&env, "2026-03-01T09:00:00Z", "fit", 3);
    let message = refused(&env, &["--since", "2026-02"]);
    assert_eq!(
        message,
        "pi diff needs two finished choose and turn (kiezen) reflections since 2026-02-01, \
         and there is only one"
    );
    let message = refused(&env, &["--since", "2026-04"]);
    assert_eq!(
        message,
        "pi diff needs two finished reflections of one mode since 2026-04-01, and there are none"
    );
}

#[test]
fn a_missing_journal_is_reported_and_not_created() {
    let env = TestEnv::new();
    let before = env.files();
    let assert = env.pi().arg("diff").assert().failure().code(1);
    assert!(
        error_message(&assert).starts_with("there is no journal at "),
        "{assert:?}"
    );
    assert_eq!(env.files(), before);
    assert!(!env.journal.exists());
    env.pi().args(["diff", "abc"]).assert().failure().code(2);
}
