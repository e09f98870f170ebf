//! Bad input of every kind: unusable journals, broken packs, broken answers files and wrong
//! ids. Each case must fail with one clear `Error:` line that names what and where, and must
//! leave every file exactly as it was (no journal created, no backup, no stray files).

use crate::env::TestEnv;
use assert_cmd::assert::Assert;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Answers that answer one prompt of the built-in verkennen pack.
const ONE_ANSWER: &str = "colour = \"Tidy diagrams.\"\n";

/// The message of a failed run: stderr must be exactly one `Error: …` line, optionally
/// followed by `Hint: …` lines, and nothing on stdout.
pub(crate) fn error_message(assert: &Assert) -> String {
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut lines = stderr.lines();
    let first = lines.next().unwrap_or_default();
    let message = first
        .strip_prefix("Error: ")
        .unwrap_or_else(|| panic!("stderr does not start with `Error: `:\n{stderr}"));
    assert!(!message.trim().is_empty(), "empty error message");
    for line in lines {
        assert!(
            line.starts_with("Hint: ") || line.starts_with("Caused by: "),
            "after the one error line only causes and hints may follow, got {line:?} in:\n{stderr}"
        );
    }
    assert!(
        output.stdout.is_empty(),
        "a failed run printed to stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    message.to_string()
}

/// The `Hint:` lines of a failed run, without the prefix.
pub(crate) fn hints(assert: &Assert) -> Vec<String> {
    String::from_utf8_lossy(&assert.get_output().stderr)
        .lines()
        .filter_map(|l| l.strip_prefix("Hint: "))
        .map(str::to_string)
        .collect()
}

/// `pi reflect --mode verkennen --answers FILE`.
fn reflect_with(env: &TestEnv, answers: &Path) -> assert_cmd::Command {
    let mut cmd = env.pi();
    cmd.args(["reflect", "--mode", "verkennen", "--answers"])
        .arg(answers)
        .timeout(Duration::from_secs(30));
    cmd
}

/// Runs `cmd`, expects exit code `code`, and checks that no file changed.
fn fails_and_changes_nothing(env: &TestEnv, cmd: &mut assert_cmd::Command, code: i32) -> Assert {
    let before = env.files();
    let assert = cmd.assert().failure().code(code);
    assert_eq!(
        env.files(),
        before,
        "a failed command changed files in the test directory"
    );
    assert
}

/// Makes a real journal with one finished session and returns the session id; makes sure no
/// `-wal` file is left next to it, so its bytes are the whole journal.
fn journal_with_one_session(env: &TestEnv) -> String {
    let id = env.reflect(&["--mode", "verkennen"], ONE_ANSWER);
    let wal = wal_path(&env.journal);
    for _ in 0..10 {
        if !wal.exists() {
            break;
        }
        env.pi().args(["list", "--json"]).assert().success();
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!wal.exists(), "{} did not go away", wal.display());
    id
}

fn wal_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap().to_os_string();
    name.push("-wal");
    journal.with_file_name(name)
}

// 1 ─ a journal path that cannot be written ───────────────────────────────────────────────

/// Restores a directory's permissions when dropped, so the temp dir can always be deleted.
struct RestoreMode(PathBuf);

impl Drop for RestoreMode {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_journal_in_a_directory_that_cannot_be_written_is_an_error_naming_it() {
    let mut env = TestEnv::new();
    let answers = env.write("answers.toml", ONE_ANSWER);
    let locked = env.dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let _restore = RestoreMode(locked.clone());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    }
    let probe = locked.join("probe");
    let writable_anyway = std::fs::write(&probe, b"").is_ok();
    if writable_anyway {
        // Running as root: permissions do not stop writes, so use a parent that is a file.
        std::fs::remove_file(&probe).unwrap();
        let afile = env.write("afile", "a regular file, not a directory\n");
        env.journal = afile.join("journal.db");
    } else {
        env.journal = locked.join("journal.db");
    }

    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    assert!(
        message.contains(&env.journal.display().to_string()),
        "the error does not name the journal {}: {message}",
        env.journal.display()
    );
    assert!(!env.journal.exists());
}

#[test]
fn a_journal_path_that_is_a_directory_is_an_error_naming_it() {
    let env = TestEnv::new();
    std::fs::create_dir_all(&env.journal).unwrap();
    let answers = env.write("answers.toml", ONE_ANSWER);

    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    assert!(
        message.contains(&env.journal.display().to_string()),
        "{message}"
    );
    assert!(message.contains("directory"), "{message}");
}

// 2 ─ a file that is not a journal ─────────────────────────────────────────────────────────

#[test]
fn a_text_file_at_the_journal_path_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let text = "My notes, certainly not a database.\n".repeat(20);
    env.write("data/journal.db", &text);
    let answers = env.write("answers.toml", ONE_ANSWER);

    for mut cmd in [reflect_with(&env, &answers), {
        let mut list = env.pi();
        list.arg("list");
        list
    }] {
        let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
        let message = error_message(&assert);
        assert!(
            message.contains(&env.journal.display().to_string()),
            "{message}"
        );
        assert!(message.contains("not a pi journal"), "{message}");
        assert!(message.contains("not an SQLite database"), "{message}");
    }
    assert_eq!(std::fs::read_to_string(&env.journal).unwrap(), text);
}

// 3 ─ a truncated journal ──────────────────────────────────────────────────────────────────

#[test]
fn a_truncated_journal_is_refused_and_left_alone() {
    let env = TestEnv::new();
    journal_with_one_session(&env);
    let len = std::fs::metadata(&env.journal).unwrap().len();
    assert!(len > 4096, "a real journal has several pages ({len} bytes)");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&env.journal)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let answers = env.write("more.toml", ONE_ANSWER);

    for mut cmd in [reflect_with(&env, &answers), {
        let mut list = env.pi();
        list.arg("list");
        list
    }] {
        let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
        let message = error_message(&assert);
        assert!(
            message.contains(&env.journal.display().to_string()),
            "{message}"
        );
        assert!(message.contains("truncated"), "{message}");
    }
    assert_eq!(std::fs::metadata(&env.journal).unwrap().len(), len / 2);
}

// 4 ─ a journal from a newer pi ────────────────────────────────────────────────────────────

#[test]
fn a_journal_from_a_newer_pi_is_refused_untouched_and_not_backed_up() {
    let env = TestEnv::new();
    journal_with_one_session(&env);
    {
        let conn = rusqlite::Connection::open(&env.journal).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let bytes = std::fs::read(&env.journal).unwrap();
    let answers = env.write("more.toml", ONE_ANSWER);

    for mut cmd in [reflect_with(&env, &answers), {
        let mut list = env.pi();
        list.args(["list", "--json"]);
        list
    }] {
        let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
        let message = error_message(&assert);
        assert!(
            message.contains(&env.journal.display().to_string()),
            "{message}"
        );
        assert!(message.contains("newer"), "{message}");
        assert!(message.contains("999"), "{message}");
    }
    assert_eq!(std::fs::read(&env.journal).unwrap(), bytes);
    let data_dir = env.journal.parent().unwrap();
    let names: Vec<String> = std::fs::read_dir(data_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("backup")),
        "a refused journal was backed up: {names:?}"
    );
}

// 5–8 ─ broken user packs ──────────────────────────────────────────────────────────────────

/// Installs `text` as user pack `name`, runs a scripted reflection and returns the error
/// message (after checking that nothing was written and no journal was created).
fn broken_pack_error(env: &TestEnv, name: &str, text: &str) -> (PathBuf, String, Assert) {
    let pack = env.user_pack(name, text);
    let answers = env.write("answers.toml", ONE_ANSWER);
    let assert = fails_and_changes_nothing(env, &mut reflect_with(env, &answers), 1);
    assert!(!env.journal.exists(), "a broken pack created a journal");
    let message = error_message(&assert);
    assert!(
        message.contains(&pack.display().to_string()),
        "the error does not name {}: {message}",
        pack.display()
    );
    (pack, message, assert)
}

#[test]
fn a_pack_with_a_toml_syntax_error_names_file_line_and_column() {
    let env = TestEnv::new();
    let (pack, message, _) = broken_pack_error(
        &env,
        "syntax_error.toml",
        include_str!("../fixtures/packs/invalid/syntax_error.toml"),
    );
    // Line 24 is `kind = long_text`; column 8 is where the unquoted value starts.
    let at = format!("{}:24:8:", pack.display());
    assert!(message.contains(&at), "expected {at} in: {message}");
    assert!(message.contains("quoted"), "{message}");
}

#[test]
fn a_pack_without_a_title_names_the_file_and_the_field() {
    let env = TestEnv::new();
    let (_, message, _) = broken_pack_error(
        &env,
        "missing_title.toml",
        include_str!("../fixtures/packs/invalid/missing_title.toml"),
    );
    assert!(message.contains("missing"), "{message}");
    assert!(message.contains("`title`"), "{message}");
}

#[test]
fn a_pack_with_duplicate_prompt_ids_names_both_places() {
    let env = TestEnv::new();
    let (pack, message, _) = broken_pack_error(
        &env,
        "duplicate_prompt_id.toml",
        include_str!("../fixtures/packs/invalid/duplicate_prompt_id.toml"),
    );
    // The second `id = "first"` is on line 22; its value starts in column 6.
    let at = format!("{}:22:6:", pack.display());
    assert!(message.contains(&at), "expected {at} in: {message}");
    assert!(message.contains("duplicate prompt id 'first'"), "{message}");
    assert!(message.contains("line 16"), "{message}");
}

#[test]
fn a_pack_with_an_unknown_prompt_kind_names_the_kind() {
    let env = TestEnv::new();
    let (pack, message, _) = broken_pack_error(
        &env,
        "unknown_prompt_kind.toml",
        include_str!("../fixtures/packs/invalid/unknown_prompt_kind.toml"),
    );
    let at = format!("{}:23:8:", pack.display());
    assert!(message.contains(&at), "expected {at} in: {message}");
    assert!(message.contains("unknown prompt kind 'essay'"), "{message}");
    assert!(
        message.contains("short_text"),
        "lists the known kinds: {message}"
    );
}

#[test]
fn a_user_pack_with_the_version_of_a_built_in_one_but_other_content_is_refused() {
    let env = TestEnv::new();
    let text = include_str!("../fixtures/packs/valid/verkennen_reworded.en.toml")
        .replace("version = \"9.0.0\"", "version = \"1.0.0\"");
    let (_, message, _) = broken_pack_error(&env, "verkennen.en.toml", &text);
    assert!(message.contains("verkennen@1.0.0"), "{message}");
    assert!(message.contains("different content"), "{message}");
    assert!(message.contains("higher version"), "{message}");
}

#[test]
fn a_broken_user_pack_blocks_new_sessions_but_not_reading_the_journal() {
    let env = TestEnv::new();
    let id = journal_with_one_session(&env);
    let pack = env.user_pack(
        "unknown_prompt_kind.toml",
        include_str!("../fixtures/packs/invalid/unknown_prompt_kind.toml"),
    );
    let answers = env.write("more.toml", ONE_ANSWER);
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    assert!(error_message(&assert).contains(&pack.display().to_string()));
    // The journal stays readable: list and show do not need the packs.
    env.pi()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&id[..8]));
    env.pi()
        .args(["show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Tidy diagrams."));
}

#[test]
fn the_hint_after_a_pack_error_names_a_command_that_exists() {
    let env = TestEnv::new();
    let (pack, _, assert) = broken_pack_error(
        &env,
        "duplicate_prompt_id.toml",
        include_str!("../fixtures/packs/invalid/duplicate_prompt_id.toml"),
    );
    let hints = hints(&assert);
    assert!(
        hints.iter().any(|h| h.contains("pi packs validate")),
        "{hints:?}"
    );
    // Following the hint must work: validate the file and report the same place.
    let assert = env
        .pi()
        .args(["packs", "validate"])
        .arg(&pack)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("{}:22:6", pack.display())),
        "{stderr}"
    );
}

// 9–10 ─ answers that do not fit the session ───────────────────────────────────────────────

#[test]
fn an_answers_file_naming_an_unknown_prompt_names_file_and_prompt() {
    let env = TestEnv::new();
    let answers = env.write(
        "unknown_prompt.toml",
        include_str!("../fixtures/answers/unknown_prompt.toml"),
    );
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    assert!(
        message.contains(&answers.display().to_string()),
        "{message}"
    );
    assert!(
        message.contains("unknown prompt 'favourite-food'"),
        "{message}"
    );
    // It lists what the session does ask, so the typo can be fixed.
    assert!(message.contains("colour"), "{message}");
    assert!(!env.journal.exists(), "no journal may be created");
}

#[test]
fn an_answers_file_giving_text_to_a_scale_says_it_expects_a_whole_number() {
    let env = TestEnv::new();
    let answers = env.write(
        "scale_given_text.toml",
        include_str!("../fixtures/answers/scale_given_text.toml"),
    );
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    assert!(
        message.contains(&answers.display().to_string()),
        "{message}"
    );
    assert!(message.contains("prompt 'clarity'"), "{message}");
    assert!(message.contains("is a scale"), "{message}");
    assert!(message.contains("whole number from 1 to 5"), "{message}");
    assert!(message.contains("quite clear"), "{message}");
    assert!(!env.journal.exists(), "no journal may be created");
}

#[test]
fn a_bad_answers_file_changes_an_existing_journal_in_no_way() {
    let env = TestEnv::new();
    let id = journal_with_one_session(&env);
    let answers = env.write(
        "scale_given_text.toml",
        include_str!("../fixtures/answers/scale_given_text.toml"),
    );
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    assert!(error_message(&assert).contains("prompt 'clarity'"));
    let list = env.pi().args(["list", "--json"]).assert().success();
    let sessions: serde_json::Value = serde_json::from_slice(&list.get_output().stdout).unwrap();
    let ids: Vec<String> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().replace('-', ""))
        .collect();
    assert_eq!(ids, vec![id], "only the earlier session is in the journal");
}

// 11 ─ `pi show` with ids that do not fit ──────────────────────────────────────────────────

#[test]
fn show_with_an_unknown_id_prefix_says_so() {
    let env = TestEnv::new();
    let id = journal_with_one_session(&env);
    let other = "0123456789abcdef"
        .chars()
        .find(|c| !id.starts_with(*c))
        .unwrap()
        .to_string();
    let mut cmd = env.pi();
    cmd.args(["show", &other]);
    let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
    let message = error_message(&assert);
    assert!(
        message.contains(&format!("no session id starts with '{other}'")),
        "{message}"
    );
    assert!(message.contains("pi list"), "points to the ids: {message}");
}

#[test]
fn show_on_an_empty_journal_says_so_and_creates_nothing() {
    let env = TestEnv::new();
    let mut cmd = env.pi();
    cmd.args(["show", "3fa2"]);
    let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
    let message = error_message(&assert);
    assert!(message.contains("'3fa2'"), "{message}");
    assert!(message.contains("empty"), "{message}");
    assert!(!env.journal.exists());
}

#[test]
fn show_with_an_ambiguous_id_prefix_lists_the_candidates() {
    let env = TestEnv::new();
    // Seventeen sessions or more must share a first hex digit; make twenty.
    for _ in 0..20 {
        env.reflect(&["--mode", "verkennen", "--depth", "quick"], ONE_ANSWER);
    }
    let list = env.pi().args(["list", "--json"]).assert().success();
    let sessions: serde_json::Value = serde_json::from_slice(&list.get_output().stdout).unwrap();
    let mut ids: Vec<String> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().replace('-', ""))
        .collect();
    assert_eq!(ids.len(), 20);
    ids.sort();
    let (prefix, sharing) = "0123456789abcdef"
        .chars()
        .map(|c| {
            let sharing: Vec<&String> = ids.iter().filter(|i| i.starts_with(c)).collect();
            (c.to_string(), sharing)
        })
        .find(|(_, sharing)| sharing.len() >= 2)
        .expect("twenty ids share a first digit");

    let mut cmd = env.pi();
    cmd.args(["show", &prefix]);
    let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
    let message = error_message(&assert);
    let count = if sharing.len() > 5 {
        "more than five".to_string()
    } else {
        sharing.len().to_string()
    };
    assert!(
        message.contains(&format!("'{prefix}' fits {count} sessions")),
        "{message}"
    );
    assert!(message.contains(&sharing[0][..12]), "{message}");
    assert!(message.contains(&sharing[1][..12]), "{message}");
    assert!(message.contains("type more of the id"), "{message}");
}

#[test]
fn show_with_text_that_is_not_hex_says_ids_are_hexadecimal() {
    let env = TestEnv::new();
    journal_with_one_session(&env);
    let mut cmd = env.pi();
    cmd.args(["show", "yesterday"]);
    let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
    let message = error_message(&assert);
    assert!(
        message.contains("'yesterday' is not a session id"),
        "{message}"
    );
    assert!(message.contains("hexadecimal"), "{message}");
}

// 12 ─ no terminal and no answers file ─────────────────────────────────────────────────────

#[test]
fn reflect_without_a_terminal_or_answers_fails_at_once_with_a_hint() {
    let env = TestEnv::new();
    let mut cmd = env.pi();
    cmd.args(["reflect", "--mode", "verkennen"])
        .write_stdin("")
        .timeout(Duration::from_secs(10));
    let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
    let message = error_message(&assert);
    assert!(message.contains("terminal"), "{message}");
    let hints = hints(&assert);
    assert!(
        hints.iter().any(|h| h.contains("--answers")),
        "no hint about --answers: {hints:?}"
    );
    assert!(!env.journal.exists());
}

#[test]
fn resume_without_a_terminal_or_answers_fails_at_once_with_a_hint() {
    let env = TestEnv::new();
    let id = journal_with_one_session(&env);
    {
        let conn = rusqlite::Connection::open(&env.journal).unwrap();
        conn.execute(
            "UPDATE sessions SET status = 'in_progress', finished_at = NULL WHERE id = ?1",
            [&id],
        )
        .unwrap();
    }
    let mut cmd = env.pi();
    cmd.arg("resume").timeout(Duration::from_secs(10));
    let assert = fails_and_changes_nothing(&env, &mut cmd, 1);
    assert!(error_message(&assert).contains("terminal"));
    assert!(hints(&assert).iter().any(|h| h.contains("--answers")));
}

// 13 ─ answers files that do not parse ─────────────────────────────────────────────────────

#[test]
fn an_answers_file_that_is_not_toml_names_file_line_and_column() {
    let env = TestEnv::new();
    let answers = env.write(
        "invalid_syntax.toml",
        include_str!("../fixtures/answers/invalid_syntax.toml"),
    );
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    // `clarity = four` on line 2: the bare word starts in column 11.
    let at = format!("{}:2:11:", answers.display());
    assert!(message.contains(&at), "expected {at} in: {message}");
    assert!(!env.journal.exists());
}

#[test]
fn a_json_answers_file_with_a_syntax_error_names_file_line_and_column() {
    let env = TestEnv::new();
    let answers = env.write(
        "invalid_syntax.json",
        include_str!("../fixtures/answers/invalid_syntax.json"),
    );
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    // The comma after "Tidy diagrams." is missing; the parser notices at line 3, column 3.
    let at = format!("{}:3:3:", answers.display());
    assert!(message.contains(&at), "expected {at} in: {message}");
    assert!(message.contains("expected `,`"), "{message}");
    assert!(!env.journal.exists());
}

#[test]
fn a_json_syntax_error_after_non_ascii_text_names_the_character_column() {
    let env = TestEnv::new();
    let answers = env.write(
        "invalid_syntax_non_ascii.json",
        include_str!("../fixtures/answers/invalid_syntax_non_ascii.json"),
    );
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    // Line 2: the missing comma is noticed at `"clarity"`, the 35th character of the line.
    let at = format!("{}:2:35:", answers.display());
    assert!(message.contains(&at), "expected {at} in: {message}");
}

#[test]
fn a_missing_answers_file_is_named() {
    let env = TestEnv::new();
    let answers = env.dir.path().join("no-such-answers.toml");
    let assert = fails_and_changes_nothing(&env, &mut reflect_with(&env, &answers), 1);
    let message = error_message(&assert);
    assert!(
        message.contains(&answers.display().to_string()),
        "{message}"
    );
    assert!(!env.journal.exists());
}

// 14 ─ usage errors ────────────────────────────────────────────────────────────────────────

#[test]
fn reflect_with_answers_but_no_mode_is_a_usage_error() {
    let env = TestEnv::new();
    let answers = env.write("answers.toml", ONE_ANSWER);
    let mut cmd = env.pi();
    cmd.args(["reflect", "--answers"]).arg(&answers);
    let assert = fails_and_changes_nothing(&env, &mut cmd, 2);
    let message = error_message(&assert);
    assert!(message.contains("--mode"), "{message}");
    assert!(!env.journal.exists());
}

#[test]
fn an_unknown_mode_is_a_usage_error() {
    let env = TestEnv::new();
    let answers = env.write("answers.toml", ONE_ANSWER);
    let mut cmd = env.pi();
    cmd.args(["reflect", "--mode", "dream", "--answers"])
        .arg(&answers);
    let assert = fails_and_changes_nothing(&env, &mut cmd, 2);
    assert.stderr(predicate::str::contains("unknown mode 'dream'"));
}

/// `pi … | head`: the reader goes away; pi ends quietly with exit 0, no error.
#[test]
fn a_closed_pipe_ends_pi_quietly() {
    let env = TestEnv::new();
    let mut cmd = std::process::Command::new(TestEnv::bin());
    cmd.env_clear().current_dir(env.dir.path());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    let mut child = cmd
        .args(["packs", "show", "kiezen"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
