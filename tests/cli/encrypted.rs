//! The journal encrypted at rest: `pi encrypt`, every command with the passphrase, no trace
//! of a marker in any file, a wrong or missing passphrase refused with nothing changed,
//! plain copies, `pi decrypt`, and the questions in a terminal.

use crate::env::TestEnv;
use crate::pty::{ENTER, ctrl_c, exit_code, expect, spawn, spawn_as_new_user};
use std::path::{Path, PathBuf};

/// The passphrase every test encrypts with.
pub const PASS: &str = "correct horse battery";

/// Words that appear in the journal only as the person's own answers.
const MARKER: &str = "zebra-quartz-marker";
const STATEMENT: &str = "I stand for zebra-onyx-statement";
const COMMITMENT: &str = "zebra-opal-commitment";

/// A deep kiezen session that holds the three markers.
pub fn answers() -> String {
    format!(
        "own-question = \"What does {MARKER} mean for me?\"\nfit = 4\n\
         statements = [\"{STATEMENT}\"]\ncommitment = \"{COMMITMENT}\"\n"
    )
}

/// `pi ARGS` with the journal's passphrase set.
fn keyed(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.pi()
        .env("PI_JOURNAL_PASSPHRASE", PASS)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A journal with one session holding the markers, encrypted; returns the session id.
pub fn encrypted_journal(env: &TestEnv) -> String {
    let id = env.reflect(&["--mode", "kiezen"], &answers());
    let out = keyed(env, &["encrypt"]);
    ok(&out);
    assert!(
        stderr(&out).contains("Encrypted the journal"),
        "{}",
        stderr(&out)
    );
    id
}

/// Every file under `dir` whose bytes hold one of the markers.
fn files_with_markers(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_with_markers(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            let holds = |m: &str| bytes.windows(m.len()).any(|w| w == m.as_bytes());
            if holds(MARKER) || holds("zebra-onyx") || holds(COMMITMENT) {
                found.push(path);
            }
        }
    }
    found
}

fn is_plain(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"SQLite format 3\0"))
}

#[test]
fn encrypted_every_command_works_with_the_passphrase_and_no_file_holds_the_text() {
    let env = TestEnv::new();
    let id = encrypted_journal(&env);
    let data = env.journal.parent().unwrap();
    assert!(!is_plain(&env.journal));
    assert_eq!(files_with_markers(data), Vec::<PathBuf>::new());

    assert!(ok(&keyed(&env, &["list"])).contains(&id[..8]));
    assert!(ok(&keyed(&env, &["show", &id[..6]])).contains(MARKER));
    assert!(ok(&keyed(&env, &["search", "zebra*"])).contains("quartz"));
    assert!(ok(&keyed(&env, &["statements"])).contains("zebra-onyx"));
    assert!(ok(&keyed(&env, &["commitments"])).contains(COMMITMENT));
    assert!(ok(&keyed(&env, &["history", "fit"])).contains('4'));
    let file = env.write(
        "second.toml",
        "fit = 2\nanchor = \"zebra-quartz-marker again\"\n",
    );
    let second = ok(&keyed(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--answers",
            file.to_str().unwrap(),
        ],
    ));
    assert!(ok(&keyed(&env, &["diff"])).contains("fit"));
    ok(&keyed(&env, &["status"]));
    let doctor = ok(&keyed(&env, &["doctor"]));
    assert!(doctor.contains("encrypted  yes (SQLCipher)"), "{doctor}");
    assert!(doctor.contains("2 sessions"), "{doctor}");
    let json = ok(&keyed(&env, &["doctor", "--json"]));
    assert!(json.contains("\"encrypted\": true"), "{json}");

    // Exports stay as they are: plain unless --encrypt; import reads them back.
    ok(&keyed(
        &env,
        &[
            "export", "--since", "2000", "--format", "json", "-o", "all.json",
        ],
    ));
    assert!(
        std::fs::read_to_string(env.dir.path().join("all.json"))
            .unwrap()
            .contains(MARKER)
    );
    let imported = keyed(&env, &["import", "--mine", "all.json"]);
    ok(&imported);
    assert!(
        stderr(&imported).contains("already here"),
        "{}",
        stderr(&imported)
    );

    // A backup of an encrypted journal is encrypted, and listed as such.
    let backup = ok(&keyed(&env, &["backup"]));
    let backup = PathBuf::from(backup.trim());
    assert!(!is_plain(&backup));
    assert!(ok(&keyed(&env, &["backup", "--list"])).contains("ok, encrypted"));

    // After all of that, still no trace in journal.db, -wal, -shm or the backups.
    assert_eq!(files_with_markers(data), Vec::<PathBuf>::new());

    // Decrypted, everything is there without a passphrase.
    let out = keyed(&env, &["decrypt"]);
    ok(&out);
    assert!(stderr(&out).contains("Decrypted the journal"));
    assert!(is_plain(&env.journal));
    let list = ok(&env.pi().arg("list").output().unwrap());
    assert!(
        list.contains(&id[..8]) && list.contains(&second.trim()[..8]),
        "{list}"
    );
    assert!(ok(&env.pi().args(["show", &id[..6]]).output().unwrap()).contains(MARKER));
    assert!(ok(&env.pi().args(["search", "quartz"]).output().unwrap()).contains("zebra"));
    // The backup made while encrypted stays encrypted and restores with the passphrase.
    let restored = keyed(&env, &["backup", "--restore", backup.to_str().unwrap()]);
    ok(&restored);
    assert!(!is_plain(&env.journal));
    assert!(ok(&keyed(&env, &["show", &id[..6]])).contains(MARKER));
}

#[test]
fn without_the_passphrase_pi_says_the_journal_is_encrypted_and_changes_nothing() {
    let env = TestEnv::new();
    let id = encrypted_journal(&env);
    let before = env.files();
    for args in [
        vec!["list"],
        vec!["show", &id[..6]],
        vec!["search", "zebra"],
        vec!["backup"],
        vec!["decrypt"],
        vec!["status", "--quiet"],
    ] {
        // PI_PASSPHRASE seals exports; it is not the journal's.
        let out = env
            .pi()
            .env("PI_PASSPHRASE", PASS)
            .args(&args)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.matches("Error:").count(), 1, "{err}");
        assert!(err.contains("is encrypted"), "{args:?}: {err}");
        assert!(err.contains("PI_JOURNAL_PASSPHRASE"), "{args:?}: {err}");
        assert!(!err.contains("not a pi journal"), "{err}");
        assert_eq!(env.files(), before, "{args:?} changed a file");
    }
    // doctor looks without it: encrypted, contents not checked, and not a problem.
    let doctor = env.pi().arg("doctor").output().unwrap();
    let text = ok(&doctor);
    assert!(
        text.contains("not checked without the passphrase"),
        "{text}"
    );
    assert!(text.contains("encrypted  yes (SQLCipher)"), "{text}");
}

#[test]
fn a_wrong_passphrase_is_one_line_and_changes_nothing() {
    let env = TestEnv::new();
    let id = encrypted_journal(&env);
    let file = env.write("more.toml", "fit = 1\n");
    let before = env.files();
    for args in [
        vec!["list"],
        vec!["show", &id[..6]],
        vec![
            "reflect",
            "--mode",
            "kiezen",
            "--answers",
            file.to_str().unwrap(),
        ],
        vec!["export", "--since", "2000", "-o", "x.md"],
        vec!["backup"],
        vec!["decrypt"],
        vec!["status", "--quiet"],
    ] {
        let out = env
            .pi()
            .env("PI_JOURNAL_PASSPHRASE", "wrong horse battery")
            .args(&args)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.matches("Error:").count(), 1, "{err}");
        assert!(
            err.contains("Error: wrong passphrase for the encrypted journal"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("hmac") && !err.contains("ERROR CORE"),
            "{err}"
        );
        assert_eq!(env.files(), before, "{args:?} changed a file");
    }
    let doctor = env
        .pi()
        .env("PI_JOURNAL_PASSPHRASE", "wrong horse battery")
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(doctor.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&doctor.stdout).contains("wrong passphrase"));
}

#[test]
fn plain_copies_are_listed_kept_in_scripts_and_removed_on_request() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen"], &answers());
    let plain_backup = PathBuf::from(ok(&env.pi().arg("backup").output().unwrap()).trim());
    assert!(is_plain(&plain_backup));
    let out = keyed(&env, &["encrypt"]);
    ok(&out);
    let err = stderr(&out);
    assert!(err.contains("1 plain copy of the journal remains"), "{err}");
    assert!(err.contains(&plain_backup.display().to_string()), "{err}");
    assert!(err.contains("They are kept"), "{err}");
    assert!(plain_backup.exists());

    let doctor = keyed(&env, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert!(
        text.contains("plain copy of the encrypted journal remains"),
        "{text}"
    );
    assert!(text.contains("pi encrypt --remove-plain-backups"), "{text}");

    let out = keyed(&env, &["encrypt", "--remove-plain-backups"]);
    ok(&out);
    let err = stderr(&out);
    assert!(err.contains("is encrypted already"), "{err}");
    assert!(
        err.contains("Removed 1 plain copy (overwritten first)"),
        "{err}"
    );
    assert!(!plain_backup.exists());
    ok(&keyed(&env, &["doctor"]));
    assert_eq!(
        files_with_markers(env.journal.parent().unwrap()),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn encrypt_refuses_while_another_process_has_the_journal_open() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen"], &answers());
    let other = rusqlite::Connection::open(&env.journal).unwrap();
    let _: i64 = other
        .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    let before = std::fs::read(&env.journal).unwrap();
    let out = keyed(&env, &["encrypt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is open in another process"), "{err}");
    assert_eq!(std::fs::read(&env.journal).unwrap(), before);
    drop(other);
    ok(&keyed(&env, &["encrypt"]));
    assert!(!is_plain(&env.journal));
}

#[test]
fn a_new_passphrase_must_be_long_enough() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen"], &answers());
    let before = env.files();
    let out = env
        .pi()
        .env("PI_JOURNAL_PASSPHRASE", "short")
        .arg("encrypt")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("PI_JOURNAL_PASSPHRASE: the passphrase is too short (5 characters)"),
        "{err}"
    );
    assert_eq!(env.files(), before);
    let out = env.pi().arg("encrypt").output().unwrap();
    assert!(stderr(&out).contains("encrypting the journal needs a passphrase"));
    assert_eq!(env.files(), before);
}

#[test]
fn encrypt_without_a_journal_makes_an_encrypted_one() {
    let env = TestEnv::new();
    let out = keyed(&env, &["encrypt"]);
    ok(&out);
    assert!(stderr(&out).contains("Made a new, encrypted journal"));
    assert!(!is_plain(&env.journal));
    let file = env.write("a.toml", &answers());
    ok(&keyed(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--answers",
            file.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        files_with_markers(env.journal.parent().unwrap()),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn completions_offer_ids_only_with_the_passphrase_in_the_environment() {
    let env = TestEnv::new();
    let id = encrypted_journal(&env);
    let before = env.files();
    let complete = |key: Option<&str>| {
        let mut cmd = env.pi();
        cmd.env("PI_COMPLETE", "fish")
            .args(["--", "pi", "show", ""]);
        if let Some(key) = key {
            cmd.env("PI_JOURNAL_PASSPHRASE", key);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(!complete(None).contains(&id[..8]));
    assert!(!complete(Some("wrong horse battery")).contains(&id[..8]));
    assert!(complete(Some(PASS)).contains(&id[..8]));
    assert_eq!(env.files(), before);
}

#[test]
fn a_terminal_asks_for_the_passphrase_once() {
    let env = TestEnv::new();
    let id = encrypted_journal(&env);
    let mut pi = spawn(&env, &["list"], &[]);
    expect(&mut pi, "Passphrase of your journal");
    pi.send(format!("{PASS}{ENTER}")).unwrap();
    expect(&mut pi, &id[..8]);
    assert_eq!(exit_code(&mut pi), 0);

    let mut pi = spawn(&env, &["list"], &[]);
    expect(&mut pi, "Passphrase of your journal");
    pi.send(format!("not it at all{ENTER}")).unwrap();
    expect(&mut pi, "wrong passphrase for the encrypted journal");
    assert_eq!(exit_code(&mut pi), 1);

    let mut pi = spawn(&env, &["--lang", "nl", "status"], &[]);
    expect(&mut pi, "Wachtwoordzin van je dagboek");
    ctrl_c(&mut pi);
    assert_eq!(exit_code(&mut pi), 130);
}

#[test]
fn reflect_offers_to_encrypt_a_new_journal_once() {
    let env = TestEnv::new();
    let mut pi = spawn_as_new_user(&env, &["reflect"], &[]);
    expect(
        &mut pi,
        "Encrypted, nobody who gets hold of the file can read it",
    );
    expect(&mut pi, "Encrypt your new journal with a passphrase?");
    pi.send("y").unwrap();
    expect(&mut pi, "A passphrase for your journal");
    pi.send(format!("short{ENTER}")).unwrap();
    expect(&mut pi, "too short");
    pi.send(format!("{PASS}{ENTER}")).unwrap();
    expect(&mut pi, "The same passphrase again");
    pi.send(format!("{PASS}{ENTER}")).unwrap();
    expect(&mut pi, "Your journal is encrypted.");
    expect(&mut pi, "How do you want to work today?");
    ctrl_c(&mut pi);
    assert_ne!(exit_code(&mut pi), 0);
    assert!(env.journal.exists() && !is_plain(&env.journal));
    let config = std::fs::read_to_string(env.config_dir.join("config.toml")).unwrap();
    assert!(config.contains("offer_encryption = false"), "{config}");
    ok(&keyed(&env, &["list"]));

    // Declined on another new journal: asked no more, not even for a third one.
    let env = TestEnv::new();
    env.write("config/config.toml", "language = \"en\"\n");
    let mut pi = spawn_as_new_user(&env, &["reflect"], &[]);
    expect(&mut pi, "Encrypt your new journal with a passphrase?");
    pi.send("n").unwrap();
    expect(&mut pi, "How do you want to work today?");
    ctrl_c(&mut pi);
    assert_ne!(exit_code(&mut pi), 0);
    assert!(is_plain(&env.journal));
    let config = std::fs::read_to_string(env.config_dir.join("config.toml")).unwrap();
    assert!(config.contains("offer_encryption = false") && config.contains("language = \"en\""));
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", env.journal.display()));
    }
    let mut pi = spawn_as_new_user(&env, &["reflect"], &[]);
    expect(&mut pi, "How do you want to work today?");
    ctrl_c(&mut pi);
    assert_ne!(exit_code(&mut pi), 0);
    assert!(is_plain(&env.journal), "not asked, so not encrypted");
}
