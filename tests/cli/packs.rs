//! `pi packs`: list, show (also of versions only the journal still has), diff, validate and
//! new, through the real binary, checking what the user sees.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const REWORDED_PACK: &str = include_str!("../fixtures/packs/valid/verkennen_reworded.en.toml");
const MANY_ERRORS: &str = include_str!("../fixtures/packs/invalid/many_errors.toml");
const DUPLICATE_ID: &str = include_str!("../fixtures/packs/invalid/duplicate_prompt_id.toml");
const NO_CHANGELOG: &str = include_str!("../fixtures/packs/invalid/no_changelog.toml");

/// The built-in pack file `name` from `prompts/`, as TOML.
fn builtin_pack(name: &str) -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("prompts")
        .join(name);
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The prompt ids of a pack table, in order.
fn prompt_ids(pack: &toml::Table) -> Vec<String> {
    pack["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `pi ARGS --json`, expects success, and parses stdout.
fn json_of(env: &TestEnv, args: &[&str]) -> Value {
    let assert = env.pi().args(args).arg("--json").assert().success();
    serde_json::from_slice(&assert.get_output().stdout).unwrap()
}

/// Runs `pi ARGS`, expects exit 1 with one `Error:` line, and returns its message.
fn error_of(env: &TestEnv, args: &[&str]) -> String {
    let assert = env.pi().args(args).assert().code(1);
    error_message(&assert)
}

/// The text of a stream of a finished command.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ─ list ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn list_shows_built_in_packs_and_a_higher_user_pack_in_force_with_its_path() {
    let env = TestEnv::new();
    let user = env.user_pack("verkennen.en.toml", REWORDED_PACK);
    let path = user.display().to_string();

    let rows = json_of(&env, &["packs", "list"]);
    let rows = rows.as_array().unwrap();
    let find = |id: &str, lang: &str, version: &str| -> &Value {
        rows.iter()
            .find(|r| r["id"] == id && r["language"] == lang && r["version"] == version)
            .unwrap_or_else(|| panic!("no {id}@{version} ({lang}) in {rows:?}"))
    };
    for id in ["verkennen", "onderhouden", "kiezen", "project", "review"] {
        for lang in ["nl", "en"] {
            // The version in force and the one it took over from are both built in.
            assert_eq!(find(id, lang, "1.0.0")["source"], "built-in");
            assert_eq!(find(id, lang, "1.0.0")["in_force"], false);
            assert_eq!(find(id, lang, "1.1.0")["source"], "built-in");
        }
    }
    assert_eq!(find("verkennen", "en", "1.1.0")["in_force"], false);
    assert_eq!(find("verkennen", "nl", "1.1.0")["in_force"], true);
    assert_eq!(find("kiezen", "en", "1.1.0")["in_force"], true);
    let mine = find("verkennen", "en", "9.0.0");
    assert_eq!(mine["source"], path.as_str());
    assert_eq!(mine["in_force"], true);
    assert_eq!(mine["title"], "Explore and acknowledge, my way");
    assert_eq!(mine["modes"], serde_json::json!(["verkennen"]));
    assert_eq!(mine["prompts"], 3);

    // The table: wide enough that the path stays on one line.
    let assert = env
        .pi()
        .args(["packs", "list"])
        .env("COLUMNS", "220")
        .assert()
        .success();
    let table = text(&assert.get_output().stdout);
    for header in ["id", "version", "lang", "in force", "title", "source"] {
        assert!(table.contains(header), "no {header} column:\n{table}");
    }
    let row = |needle: &str, version: &str| -> String {
        table
            .lines()
            .find(|l| l.contains(needle) && l.contains(version))
            .unwrap_or_else(|| panic!("no row with {needle} {version}:\n{table}"))
            .to_string()
    };
    let mine = row(&path, "9.0.0");
    assert!(mine.contains("verkennen") && mine.contains("yes"), "{mine}");
    let theirs = row("Explore and acknowledge ", "1.0.0");
    assert!(
        theirs.contains("built-in") && !theirs.contains("yes"),
        "{theirs}"
    );
    assert!(row("Kiezen en keren", "1.1.0").contains("yes"));
    assert!(!row("Kiezen en keren", "1.0.0").contains("yes"));
}

#[test]
fn a_lower_user_version_is_listed_but_not_in_force() {
    let env = TestEnv::new();
    env.user_pack(
        "verkennen.en.toml",
        &REWORDED_PACK.replace("9.0.0", "0.5.0"),
    );
    let rows = json_of(&env, &["packs", "list"]);
    let in_force: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == "verkennen" && r["language"] == "en")
        .map(|r| {
            if r["in_force"] == true {
                r["version"].as_str().unwrap()
            } else {
                "-"
            }
        })
        .collect();
    assert_eq!(in_force, ["-", "-", "1.1.0"]);
}

#[test]
fn a_user_pack_replacing_an_unknown_prompt_is_an_error_naming_file_and_line() {
    let env = TestEnv::new();
    let text = REWORDED_PACK.replace(
        "id = \"clarity\"\n",
        "id = \"clarity-now\"\nreplaces = \"clearness\"\n",
    );
    let pack = env.user_pack("verkennen.en.toml", &text);
    let line = text
        .lines()
        .position(|l| l.starts_with("replaces"))
        .unwrap()
        + 1;
    let message = error_of(&env, &["packs", "list"]);
    assert!(
        message.contains(&format!(
            "{}:{line}:12: replaces names unknown prompt 'clearness': \
             no earlier version of pack 'verkennen' has it",
            pack.display()
        )),
        "{message}"
    );
}

// ─ show ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn show_lists_the_prompts_in_order_with_their_ids() {
    let env = TestEnv::new();
    let builtin = builtin_pack("verkennen.en.toml");
    let ids = prompt_ids(&builtin);
    let out = env.stdout(&["packs", "show", "verkennen"]);
    assert!(out.starts_with("Explore and acknowledge\n"), "{out}");
    assert!(out.contains("verkennen@1.1.0 (en)"), "{out}");
    assert!(out.contains("built-in (in force)"), "{out}");
    assert!(out.contains("Changelog"), "{out}");
    assert!(out.contains("First version."), "{out}");
    let mut at = 0;
    for (i, id) in ids.iter().enumerate() {
        let header = format!("{:>2}. {id}  ", i + 1);
        let found = out[at..]
            .find(&header)
            .unwrap_or_else(|| panic!("{header:?} not after position {at}:\n{out}"));
        at += found + header.len();
    }
    // A scale shows its ends, prompts show their kind and depth, help is printed.
    assert!(out.contains("clarity  scale, deep"), "{out}");
    assert!(
        out.contains("1 = still rather vague … 5 = very clear"),
        "{out}"
    );
    let colour = builtin["prompts"].as_array().unwrap()[2].clone();
    assert!(out.contains(colour["text"].as_str().unwrap()));
    assert!(out.contains(colour["help"].as_str().unwrap()));

    let json = json_of(&env, &["packs", "show", "verkennen"]);
    let shown: Vec<&str> = json["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(shown, ids);
    assert_eq!(json["prompts"][0]["number"], 1);
    assert_eq!(json["prompts"][1]["kind"], "scale");
    assert_eq!(json["prompts"][1]["depth"], "deep");
    assert_eq!(json["prompts"][1]["scale"]["max_label"], "very clear");
    assert_eq!(json["in_force"], true);
    assert_eq!(json["changelog"][0]["version"], "1.1.0");
    assert_eq!(json["changelog"][1]["version"], "1.0.0");

    // The configured language decides which translation is shown.
    let out = env.stdout(&["packs", "show", "verkennen", "--lang", "nl"]);
    assert!(out.starts_with("Verkennen en erkennen\n"), "{out}");
}

#[test]
fn show_of_a_version_only_the_journal_still_has() {
    let env = TestEnv::new();
    let user = env.user_pack("verkennen.en.toml", REWORDED_PACK);
    env.reflect(
        &["--pack", "verkennen", "--mode", "verkennen"],
        "colour = \"Plain words.\"\n",
    );
    std::fs::remove_file(&user).unwrap();

    let out = env.stdout(&["packs", "show", "verkennen@9.0.0"]);
    assert!(
        out.starts_with("Explore and acknowledge, my way\n"),
        "{out}"
    );
    assert!(out.contains("verkennen@9.0.0 (en)"), "{out}");
    assert!(out.contains("source:   journal snapshot\n"), "{out}");
    assert!(out.contains("\n1. colour  long_text, quick\n"), "{out}");
    assert!(
        out.contains("What makes a piece of your work unmistakably yours?"),
        "{out}"
    );
    let json = json_of(&env, &["packs", "show", "verkennen@9.0.0"]);
    assert_eq!(json["source"], "journal snapshot");
    assert_eq!(json["in_force"], false);

    // Without a version: the one in force, the built-in one again.
    let out = env.stdout(&["packs", "show", "verkennen"]);
    assert!(out.contains("verkennen@1.1.0 (en)"), "{out}");

    // An unknown version names the ones that exist, the journal's included.
    let message = error_of(&env, &["packs", "show", "verkennen@5.0.0"]);
    assert_eq!(
        message,
        "pack 'verkennen' has no version 5.0.0 in language en; its versions are 1.0.0, 1.1.0, 9.0.0"
    );
}

#[test]
fn show_of_an_unknown_pack_or_a_bad_version_is_one_clear_error() {
    let env = TestEnv::new();
    let message = error_of(&env, &["packs", "show", "nope"]);
    assert!(message.starts_with("there is no pack 'nope'"), "{message}");
    assert!(message.contains("kiezen, onderhouden"), "{message}");
    let message = error_of(&env, &["packs", "show", "verkennen@2"]);
    assert!(message.contains("not a version"), "{message}");
    // A pack that exists only in another language says so.
    let nl_only = REWORDED_PACK
        .replace("id = \"verkennen\"", "id = \"eigen\"")
        .replace("language = \"en\"", "language = \"nl\"");
    env.user_pack("eigen.nl.toml", &nl_only);
    let message = error_of(&env, &["packs", "show", "eigen"]);
    assert!(message.contains("no version in language en"), "{message}");
    assert!(message.contains("nl"), "{message}");
    env.pi()
        .args(["packs", "show", "eigen", "--lang", "nl"])
        .assert()
        .success();
}

// ─ diff ───────────────────────────────────────────────────────────────────────────────────

/// The built-in verkennen pack in force as version 2.0.0: `colour` reworded, `people`
/// removed, `new-question` added and `clarity` replaced by `clarity-now`.
fn verkennen_2() -> String {
    let mut pack = builtin_pack("verkennen.en.toml");
    pack.insert("version".into(), "2.0.0".into());
    let changelog = pack["changelog"].as_array_mut().unwrap();
    let mut entry = toml::Table::new();
    entry.insert("version".into(), "2.0.0".into());
    entry.insert(
        "changes".into(),
        "Reworded, removed, added, replaced.".into(),
    );
    changelog.insert(0, entry.into());
    let prompts = pack["prompts"].as_array_mut().unwrap();
    prompts.retain(|p| p["id"].as_str() != Some("people"));
    for p in prompts.iter_mut() {
        let p = p.as_table_mut().unwrap();
        match p["id"].as_str().unwrap() {
            "colour" => {
                p.insert(
                    "text".into(),
                    "Think of a piece of work you are proud of. How would a colleague know it was yours?".into(),
                );
            }
            "clarity" => {
                p.insert("id".into(), "clarity-now".into());
                p.insert("replaces".into(), "clarity".into());
            }
            _ => {}
        }
    }
    let mut added = toml::Table::new();
    added.insert("id".into(), "new-question".into());
    added.insert("kind".into(), "short_text".into());
    added.insert("text".into(), "What is new in your work?".into());
    added.insert("help".into(), "Because things change.".into());
    prompts.push(added.into());
    toml::to_string(&pack).unwrap()
}

#[test]
fn diff_shows_reworded_removed_added_and_replaced_prompts() {
    let env = TestEnv::new();
    env.user_pack("verkennen.en.toml", &verkennen_2());

    let out = env.stdout(&["packs", "diff", "verkennen@1.1.0", "verkennen@2.0.0"]);
    assert!(
        out.starts_with("verkennen@1.1.0 → verkennen@2.0.0 (en)\n"),
        "{out}"
    );
    assert!(
        out.contains("Removed (1)\n  - people (list, deep)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "Added (1)\n  + new-question (short_text, quick)\n    What is new in your work?\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("Replaced (1)\n  replaced clarity by clarity-now\n"),
        "{out}"
    );
    assert!(
        !out.contains("- clarity"),
        "a replaced prompt is not also removed:\n{out}"
    );
    assert!(out.contains("Reworded (1)\n  colour\n"), "{out}");
    assert!(
        out.contains("    old: Think of a piece of work you are pleased with. How would a colleague know it was yours, even without your name on it?\n"),
        "{out}"
    );
    assert!(
        out.contains("    new: Think of a piece of work you are proud of. How would a colleague know it was yours?\n"),
        "{out}"
    );
    assert!(
        out.contains("words: Think of a piece of work you are [-pleased with.-]{+proud of.+} How would a colleague know it was [-yours, even without your name on it?-]{+yours?+}"),
        "{out}"
    );

    let json = json_of(
        &env,
        &["packs", "diff", "verkennen@1.1.0", "verkennen@2.0.0"],
    );
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("added"), ["new-question"]);
    assert_eq!(ids("removed"), ["people"]);
    assert_eq!(ids("reworded"), ["colour"]);
    assert_eq!(json["replaced"][0]["old"]["id"], "clarity");
    assert_eq!(json["replaced"][0]["new"]["id"], "clarity-now");
    assert_eq!(json["changed"], serde_json::json!([]));

    // The version in force stands in for a missing version.
    let same = env.stdout(&["packs", "diff", "verkennen@1.1.0", "verkennen"]);
    assert_eq!(same, out);
}

#[test]
fn diff_needs_two_existing_different_versions_of_one_pack() {
    let env = TestEnv::new();
    let message = error_of(
        &env,
        &["packs", "diff", "verkennen@1.0.0", "verkennen@1.0.0"],
    );
    assert!(
        message.contains("both sides are verkennen@1.0.0"),
        "{message}"
    );
    let message = error_of(
        &env,
        &["packs", "diff", "verkennen@1.0.0", "verkennen@3.0.0"],
    );
    assert!(message.contains("no version 3.0.0"), "{message}");
    assert!(message.contains("its versions are 1.0.0"), "{message}");
    let message = error_of(&env, &["packs", "diff", "verkennen@1.0.0", "kiezen@1.0.0"]);
    assert!(message.contains("two versions of one pack"), "{message}");
}

// ─ validate ───────────────────────────────────────────────────────────────────────────────

#[test]
fn validate_prints_every_error_with_line_and_column_and_exits_1() {
    let env = TestEnv::new();
    let bad = env.write("many_errors.toml", MANY_ERRORS);
    let assert = env
        .pi()
        .args(["packs", "validate"])
        .arg(&bad)
        .arg("missing.toml")
        .assert()
        .code(1)
        .stdout("");
    let stderr = text(&assert.get_output().stderr);
    let p = bad.display();
    let expected = [
        format!(
            "{p}:4:11: version '1.0' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)"
        ),
        format!("{p}:18:11: `options` only belongs to choice prompts"),
        format!("{p}:21:6: duplicate prompt id 'first' (first used at line 15)"),
        format!(
            "{p}:22:8: unknown prompt kind 'essay' (expected one of: short_text, long_text, \
             scale, choice, list, statements, tidy, commitment)"
        ),
        format!(
            "{p}:30:7: a scale needs two different ends with min below max (got min = 3, max = 3)"
        ),
        format!("{p}:32:13: the two ends of a scale need different labels"),
        "missing.toml: no such file".to_string(),
        "Error: 7 problems in 2 of 2 pack files".to_string(),
    ];
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn validate_reports_the_place_of_a_duplicate_id_in_the_packs_folder() {
    // The hint after a broken user pack points here: the same place must come out.
    let env = TestEnv::new();
    let pack = env.user_pack("duplicate_prompt_id.toml", DUPLICATE_ID);
    let assert = env
        .pi()
        .args(["packs", "validate"])
        .arg(&pack)
        .assert()
        .code(1);
    let stderr = text(&assert.get_output().stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}:22:6: duplicate prompt id 'first'",
            pack.display()
        )),
        "{stderr}"
    );
    // A pack without a changelog is refused too.
    let pack = env.write("no_changelog.toml", NO_CHANGELOG);
    env.pi()
        .args(["packs", "validate"])
        .arg(&pack)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:1:1: the pack has no changelog",
            pack.display()
        )));
}

#[test]
fn validate_says_ok_for_good_files() {
    let env = TestEnv::new();
    let good = env.write("verkennen.en.toml", REWORDED_PACK);
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts/kiezen.nl.toml");
    let prompts = prompt_ids(&builtin_pack("kiezen.nl.toml")).len();
    env.pi()
        .args(["packs", "validate"])
        .arg(&good)
        .arg(&builtin)
        .assert()
        .success()
        .stderr("")
        .stdout(format!(
            "ok: {} (verkennen@9.0.0, 3 prompts)\nok: {} (kiezen@1.1.0, {prompts} prompts)\n",
            good.display(),
            builtin.display()
        ));
}

#[test]
fn validate_checks_a_file_against_the_other_versions_of_its_pack() {
    let env = TestEnv::new();
    // The built-in version with other content.
    let same_version = env.write(
        "same.toml",
        &REWORDED_PACK.replace("version = \"9.0.0\"", "version = \"1.0.0\""),
    );
    // A replaces that no earlier version explains.
    let unknown = env.write(
        "unknown.toml",
        &REWORDED_PACK.replace(
            "id = \"clarity\"\n",
            "id = \"clarity-now\"\nreplaces = \"clearness\"\n",
        ),
    );
    let assert = env
        .pi()
        .args(["packs", "validate"])
        .arg(&same_version)
        .arg(&unknown)
        .assert()
        .code(1);
    let stderr = text(&assert.get_output().stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with(&format!(
            "{}:5:11: verkennen@1.0.0 (en) is also defined by built-in with different content",
            same_version.display()
        )),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{}:24:12: replaces names unknown prompt 'clearness'",
            unknown.display()
        )),
        "{stderr}"
    );
    assert_eq!(lines[2], "Error: 2 problems in 2 of 2 pack files");

    // A version the journal used: the same version with other content is refused, even
    // after its file is gone.
    let user = env.user_pack("verkennen.en.toml", REWORDED_PACK);
    env.reflect(
        &["--pack", "verkennen", "--mode", "verkennen"],
        "colour = \"Mine.\"\n",
    );
    std::fs::remove_file(&user).unwrap();
    let edited = env.write("edited.toml", &REWORDED_PACK.replace("my way", "our way"));
    env.pi()
        .args(["packs", "validate"])
        .arg(&edited)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "verkennen@9.0.0 (en) is also defined by journal snapshot with different content",
        ));
}

#[test]
fn validate_warns_when_only_the_journal_has_the_replaced_prompt() {
    let env = TestEnv::new();
    let v1 = REWORDED_PACK
        .replace("id = \"verkennen\"", "id = \"mine\"")
        .replace("9.0.0", "1.0.0");
    let user = env.user_pack("mine.en.toml", &v1);
    env.reflect(
        &["--pack", "mine", "--mode", "verkennen"],
        "colour = \"Mine.\"\n",
    );
    std::fs::remove_file(&user).unwrap();
    let v2 = v1.replace("1.0.0", "2.0.0").replace(
        "id = \"colour\"\n",
        "id = \"colour-now\"\nreplaces = \"colour\"\n",
    );
    let file = env.write("mine.en.toml", &v2);
    let assert = env
        .pi()
        .args(["packs", "validate"])
        .arg(&file)
        .assert()
        .success()
        .stdout(format!("ok: {} (mine@2.0.0, 3 prompts)\n", file.display()));
    let stderr = text(&assert.get_output().stderr);
    assert!(
        stderr.starts_with(&format!("{}:18:12: warning: ", file.display())),
        "{stderr}"
    );
    assert!(stderr.contains("`pi reflect` refuses the pack"), "{stderr}");
}

#[test]
fn validate_names_a_missing_file() {
    let env = TestEnv::new();
    let assert = env
        .pi()
        .args(["packs", "validate", "nowhere/pack.toml"])
        .assert()
        .code(1);
    let stderr = text(&assert.get_output().stderr);
    assert_eq!(
        stderr,
        "nowhere/pack.toml: no such file\nError: 1 problem in 1 of 1 pack file\n"
    );
}

// ─ new ────────────────────────────────────────────────────────────────────────────────────

fn packs_dir(env: &TestEnv) -> PathBuf {
    env.config_dir.join("packs")
}

#[test]
fn new_writes_a_valid_starter_pack_that_list_picks_up() {
    let env = TestEnv::new();
    let assert = env
        .pi()
        .args(["packs", "new", "my-team"])
        .assert()
        .success();
    let path = packs_dir(&env).join("my-team.en.toml");
    assert_eq!(
        text(&assert.get_output().stdout),
        format!("{}\n", path.display())
    );
    let stderr = text(&assert.get_output().stderr);
    assert!(
        stderr.contains(&format!("pi packs validate {}", path.display())),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("version = \"0.1.0\""), "{written}");
    assert!(written.contains("language = \"en\""), "{written}");
    assert!(written.contains("date = \"2026-11-23\""), "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(packs_dir(&env))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    }
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(packs_dir(&env))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["my-team.en.toml"]);

    env.pi()
        .args(["packs", "validate"])
        .arg(&path)
        .assert()
        .success()
        .stdout(format!(
            "ok: {} (my-team@0.1.0, 7 prompts)\n",
            path.display()
        ));
    let rows = json_of(&env, &["packs", "list"]);
    let mine = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "my-team")
        .expect("the new pack is listed");
    assert_eq!(mine["source"], path.display().to_string());
    assert_eq!(mine["in_force"], true);
    assert_eq!(mine["version"], "0.1.0");
    let shown = json_of(&env, &["packs", "show", "my-team"]);
    let kinds: Vec<&str> = shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "short_text",
            "long_text",
            "scale",
            "choice",
            "list",
            "statements",
            "commitment"
        ]
    );
}

#[test]
fn new_refuses_to_overwrite_unless_forced() {
    let env = TestEnv::new();
    env.pi()
        .args(["packs", "new", "my-team"])
        .assert()
        .success();
    let path = packs_dir(&env).join("my-team.en.toml");
    let starter = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, "# my own work\n").unwrap();

    let message = error_of(&env, &["packs", "new", "my-team"]);
    assert_eq!(
        message,
        format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my own work\n");

    env.pi()
        .args(["packs", "new", "my-team", "--force"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), starter);
}

#[test]
fn new_writes_in_the_configured_language_and_refuses_bad_ids() {
    let env = TestEnv::new();
    env.pi()
        .args(["packs", "new", "eigen", "--lang", "nl"])
        .assert()
        .success();
    let path = packs_dir(&env).join("eigen.nl.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("language = \"nl\""), "{written}");
    assert!(written.contains("Mijn eigen vragen"), "{written}");
    env.pi()
        .args(["packs", "show", "eigen", "--lang", "nl"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Mijn eigen vragen\n"));

    for bad in ["My-Team", "my team", "_x", "../x"] {
        let message = error_of(&env, &["packs", "new", bad]);
        assert!(message.contains("cannot be a pack id"), "{bad}: {message}");
    }
}

// ─ help ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn help_names_every_packs_subcommand_with_examples() {
    let env = TestEnv::new();
    let help = env.stdout(&["packs", "--help"]);
    for sub in ["list", "show", "diff", "validate", "new"] {
        assert!(help.contains(&format!("  {sub} ")), "{sub}:\n{help}");
        assert!(help.contains(&format!("pi packs {sub}")), "{sub}:\n{help}");
    }
    let help = env.stdout(&["--help"]);
    assert!(help.contains("packs"), "{help}");
}
