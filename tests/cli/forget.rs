//! `pi forget` (issue 13): what is forgotten leaves no byte in journal.db, -wal or -shm nor
//! in the search index; a tombstone keeps an older export from bringing it back; backups
//! that still hold it are named, and deleted when asked.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use crate::import::{a_history, assert_unchanged, export_to, hand_over, import, json_of};
use rusqlite::Connection;
use std::path::PathBuf;

/// The journal and its companions, as they are on disk.
fn files(env: &TestEnv) -> [PathBuf; 3] {
    let j = env.journal.display().to_string();
    [
        env.journal.clone(),
        PathBuf::from(format!("{j}-wal")),
        PathBuf::from(format!("{j}-shm")),
    ]
}

fn holds(path: &PathBuf, marker: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    [marker.to_string(), marker.to_lowercase()]
        .iter()
        .any(|m| bytes.windows(m.len()).any(|w| w == m.as_bytes()))
}

/// A connection that stays open while `pi forget` runs, so SQLite keeps `-wal` and `-shm`
/// on disk after pi exits (the last connection to close would remove them): the test reads
/// all three files as they are, not as a clean close leaves them.
fn watcher(env: &TestEnv) -> Connection {
    let conn = Connection::open(&env.journal).unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_index, 'row');",
    )
    .unwrap();
    conn
}

fn indexed(conn: &Connection, marker: &str) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM temp.vocab WHERE term = lower(?1)",
        [marker],
        |r| r.get(0),
    )
    .unwrap()
}

fn forget(env: &TestEnv, args: &[&str]) -> String {
    let out = env.pi().arg("forget").args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "pi forget {args:?}: {err}");
    err
}

/// Forgets with `args` while a watcher keeps the companions, then looks for `marker`.
fn forget_and_look(env: &TestEnv, args: &[&str], marker: &str) -> String {
    let conn = watcher(env);
    assert!(
        indexed(&conn, marker) > 0,
        "the search index holds the marker first"
    );
    assert!(
        files(env).iter().any(|f| holds(f, marker)),
        "the marker is on disk before the forget"
    );
    let said = forget(env, args);
    let [db, wal, shm] = files(env);
    assert!(
        wal.exists() && shm.exists(),
        "the watcher keeps -wal and -shm"
    );
    for file in [&db, &wal, &shm] {
        assert!(
            !holds(file, marker),
            "{} still holds {marker}",
            file.display()
        );
    }
    assert_eq!(
        indexed(&conn, marker),
        0,
        "the search index still knows {marker}"
    );
    assert!(!said.contains("Another pi"), "{said}");
    said
}

#[test]
fn a_forgotten_answer_leaves_no_trace_in_journal_wal_shm_or_index() {
    let env = TestEnv::new();
    let marker = "Qzvmarker7731answer";
    let id = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        &format!("fit = 3\nfirst-signal = \"My manager {marker} said no\"\n"),
    );
    let fix = env.write("fix.toml", &format!("first-signal = \"Still {marker}\"\n"));
    env.pi()
        .args(["edit", &id[..8], "--answers"])
        .arg(&fix)
        .assert()
        .success();
    let said = forget_and_look(&env, &[&id[..8], "first-signal", "--yes"], marker);
    assert!(said.contains("This forgets, for good:"), "{said}");
    assert!(said.contains("(2 versions)"), "{said}");
    assert!(said.contains("Forgotten: gone from"), "{said}");

    let show = env.show_json(&id);
    let prompt = show["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "first-signal")
        .unwrap();
    assert_eq!(prompt["status"], "open");
    assert_eq!(show["session"]["answered"], 1, "the scale stays");
    let text = env.pi().args(["show", &id[..8]]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("What happened then?\n   (no answer)\n"),
        "{text}"
    );
    let search = env.pi().args(["search", "manager"]).output().unwrap();
    assert!(String::from_utf8_lossy(&search.stdout).trim().is_empty());
}

#[test]
fn a_forgotten_statement_leaves_no_trace_and_its_list_keeps_the_others() {
    let env = TestEnv::new();
    let marker = "Wqxmarker5512statement";
    let id = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        &format!("statements = [\"I stand for clear advice\", \"I stand for {marker}\"]\n"),
    );
    let statements = json_of(&env, &["statements", "--json"]);
    let st = statements
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains(marker))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let said = forget_and_look(&env, &["--statement", &st[..8], "--yes"], marker);
    assert!(
        said.contains("taken out of 1 other answer that lists them"),
        "{said}"
    );
    let show = env.show_json(&id);
    assert_eq!(
        show["statements"],
        serde_json::json!(["I stand for clear advice"])
    );
    let listed = show["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "statements")
        .unwrap()["answer"]
        .clone();
    assert_eq!(
        listed,
        serde_json::json!({"items": ["I stand for clear advice"]})
    );
}

#[test]
fn a_forgotten_session_takes_its_statements_commitments_and_notes() {
    let env = TestEnv::new();
    let marker = "Kqqmarker9090session";
    let first = env.reflect_at(
        "2026-10-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick", "--context", marker],
        &format!(
            "first-signal = \"{marker} text\"\nstatements = [\"{marker} statement\"]\n\
             commitment = \"Try {marker}\"\n"
        ),
    );
    let commitment = json_of(&env, &["commitments", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let second = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        &format!(
            "fit = 2\n[follow-up]\n\"{}\" = {{ status = \"done\", note = \"{marker} went well\" }}\n",
            &commitment[..8]
        ),
    );
    let said = forget_and_look(&env, &[&first[..8], "--yes"], marker);
    assert!(said.contains("the session of 2026-10-01"), "{said}");
    assert!(said.contains("1 statement wording"), "{said}");
    assert!(said.contains("1 commitment"), "{said}");
    assert!(said.contains("1 follow-up"), "{said}");
    let list = json_of(&env, &["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], second.as_str());
    assert_eq!(
        json_of(&env, &["commitments", "--json"]),
        serde_json::json!([])
    );
    assert_eq!(
        json_of(&env, &["statements", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn an_older_export_imported_after_a_forget_brings_nothing_back() {
    let env = TestEnv::new();
    let [explore, tidy, _] = a_history(&env);
    let export = export_to(&env, "before.json");
    forget(&env, &[&explore[..8], "--yes"]);
    forget(&env, &[&tidy[..8], "around", "--yes"]);
    let sessions = json_of(&env, &["list", "--json"]);
    let before = env.files();

    let said = import(&env, &[export.to_str().unwrap()]);
    assert!(said.contains("Nothing added"), "{said}");
    assert!(
        said.contains("records you forgot with `pi forget`"),
        "{said}"
    );
    assert!(said.contains("they stay forgotten"), "{said}");
    assert_eq!(json_of(&env, &["list", "--json"]), sessions);
    assert_eq!(
        json_of(&env, &["statements", "--json", "--all"]),
        serde_json::json!([]),
        "every statement was written in the forgotten session, or re-words one"
    );
    let around = env.show_json(&tidy)["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "around")
        .unwrap()["status"]
        .clone();
    assert_eq!(around, "open");
    // Nothing came back, and nothing else changed either (the import leaves no trace).
    let after = env.files();
    let journal = |m: &std::collections::BTreeMap<PathBuf, Vec<u8>>| {
        m.keys()
            .filter(|p| !p.to_string_lossy().contains("journal.db"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(journal(&before), journal(&after));

    // The same export in another journal of the person's: there it is all new.
    let other = TestEnv::new();
    let copy = hand_over(&export, &other);
    let said = import(&other, &["--mine", copy.to_str().unwrap()]);
    assert!(!said.contains("forgot"), "{said}");
}

#[test]
fn backups_that_still_hold_it_are_named_and_deleted_when_asked() {
    let env = TestEnv::new();
    let id = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "first-signal = \"Kept in the backup\"\n",
    );
    let backup = String::from_utf8(env.pi().arg("backup").output().unwrap().stdout).unwrap();
    let backup = PathBuf::from(backup.trim());
    // A later backup made after the forget does not hold it.
    let said = forget(&env, &[&id[..8], "first-signal", "--yes"]);
    assert!(
        said.contains("These backups, made before, still hold it:"),
        "{said}"
    );
    assert!(said.contains(&backup.display().to_string()), "{said}");
    assert!(said.contains("pi forget --purge-backups"), "{said}");
    assert!(backup.exists());

    let doctor = env.pi().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "{text}");
    assert!(
        text.contains("forgotten  1 record, the latest on 2026-11-23"),
        "{text}"
    );
    assert!(
        text.contains("made before you forgot something still holds it"),
        "{text}"
    );
    assert!(text.contains("pi forget --purge-backups"), "{text}");
    let json = env.pi().args(["doctor", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["forgotten"], "1 record, the latest on 2026-11-23");

    let said = forget(&env, &["--purge-backups", "--yes"]);
    assert!(said.contains("Deleted"), "{said}");
    assert!(!backup.exists());
    let doctor = env.pi().arg("doctor").output().unwrap();
    assert!(
        doctor.status.success(),
        "{}",
        String::from_utf8_lossy(&doctor.stdout)
    );

    // With --purge-backups the forget deletes them at once.
    env.pi().arg("backup").assert().success();
    let said = forget(&env, &[&id[..8], "--yes", "--purge-backups"]);
    assert!(said.contains("Deleted"), "{said}");
    let left = std::fs::read_dir(backup.parent().unwrap()).unwrap().count();
    assert_eq!(left, 0);
}

#[test]
fn without_a_terminal_or_yes_nothing_is_forgotten() {
    let env = TestEnv::new();
    let id = env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    let before = env.files();
    let out = env
        .pi()
        .args(["forget", &id[..8]])
        .assert()
        .failure()
        .code(1);
    assert_eq!(
        error_message(&out),
        "pi forget asks before it forgets, and there is no terminal here to ask"
    );
    assert_unchanged(&before, &env.files());
}

#[test]
fn a_friends_comment_is_forgotten_by_its_id() {
    let owner = TestEnv::new();
    a_history(&owner);
    let export = export_to(&owner, "for-sam.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let answer = value["sessions"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["prompt_id"] == "colour")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let friend = TestEnv::new();
    let copy = hand_over(&export, &friend);
    let notes = friend.write(
        "notes.toml",
        &format!(
            "\"{}\" = [\"Zqcommentmarker one\", \"Another thought\"]\n",
            &answer[..8]
        ),
    );
    friend
        .pi()
        .args(["friend", "open"])
        .arg(&copy)
        .args(["--name", "Sam", "--comments"])
        .arg(&notes)
        .assert()
        .success();
    let list = json_of(&friend, &["friend", "list", "--json"]);
    let received = list[0]["export_id"].as_str().unwrap()[..6].to_string();
    friend
        .pi()
        .args(["friend", "reply", &received, "-o", "reply.json"])
        .assert()
        .success();
    let reply = hand_over(&friend.dir.path().join("reply.json"), &owner);
    import(&owner, &[reply.to_str().unwrap()]);
    let session = value["sessions"][0]["id"].as_str().unwrap();
    let comments = |env: &TestEnv| {
        env.show_json(session)["prompts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["prompt_id"] == "colour")
            .unwrap()["comments"]
            .as_array()
            .unwrap()
            .clone()
    };
    let first = comments(&owner)
        .iter()
        .find(|c| c["text"] == "Zqcommentmarker one")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let said = forget(&owner, &["--reply", &first[..8], "--yes"]);
    assert!(said.contains("1 comment of professional friends"), "{said}");
    let left = comments(&owner);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["text"], "Another thought");
    for file in files(&owner) {
        assert!(!holds(&file, "Zqcommentmarker"), "{}", file.display());
    }
    // Importing the reply again does not bring it back; the rest of it is known.
    let said = import(&owner, &[reply.to_str().unwrap()]);
    assert!(said.contains("Skipped 1 record you forgot"), "{said}");
    // The whole reply, by the export's id.
    let export_id = value["export_id"].as_str().unwrap();
    forget(&owner, &["--reply", &export_id[..8], "--yes"]);
    assert!(comments(&owner).is_empty());
}

#[test]
fn an_export_with_forgotten_makes_ones_other_journal_forget_too() {
    let laptop = TestEnv::new();
    let [explore, tidy, _] = a_history(&laptop);
    let before = export_to(&laptop, "before.json");
    // The desktop has everything, from an earlier export.
    let desktop = TestEnv::new();
    let copy = hand_over(&before, &desktop);
    import(&desktop, &["--mine", copy.to_str().unwrap()]);
    assert_eq!(
        json_of(&desktop, &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    forget(&laptop, &[&explore[..8], "--yes"]);
    // Without --forgotten an export carries nothing of it (version 2, as before).
    let plain = laptop.dir.path().join("plain.json");
    laptop
        .pi()
        .args(["export", "--since", "2000", "--format", "json", "-o"])
        .arg(&plain)
        .assert()
        .success();
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plain).unwrap()).unwrap();
    assert_eq!(value["version"], 2);
    assert!(value.get("forgotten").is_none());

    let sync = laptop.dir.path().join("sync.json");
    laptop
        .pi()
        .args([
            "export",
            "--since",
            "2000",
            "--format",
            "json",
            "--forgotten",
            "-o",
        ])
        .arg(&sync)
        .assert()
        .success();
    let text = std::fs::read_to_string(&sync).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 3);
    let forgotten = value["forgotten"].as_array().unwrap();
    assert!(
        forgotten
            .iter()
            .any(|t| t["kind"] == "session" && t["id"] == explore.as_str())
    );
    for t in forgotten {
        let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["forgotten_at", "id", "kind"], "ids and dates only");
    }
    assert!(!text.contains("I make complicated things simple"));

    let copy = hand_over(&sync, &desktop);
    let said = import(&desktop, &[copy.to_str().unwrap()]);
    assert!(
        said.contains("here that your journal on the other computer had forgotten"),
        "{said}"
    );
    let ids = |env: &TestEnv| -> Vec<String> {
        json_of(env, &["list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    let here = ids(&desktop);
    assert!(!here.contains(&explore), "{here:?}");
    assert!(here.contains(&tidy), "{here:?}");
    // And the older export cannot bring it back to the desktop either.
    let again = hand_over(&before, &desktop);
    let said = import(&desktop, &[again.to_str().unwrap()]);
    assert!(said.contains("records you forgot"), "{said}");
    assert_eq!(ids(&desktop), here);

    // A friend's pi refuses such a file; md and html cannot carry it.
    let friend = TestEnv::new();
    let shared = hand_over(&sync, &friend);
    let out = friend
        .pi()
        .args(["friend", "open", "--name", "Sam"])
        .arg(&shared)
        .assert()
        .failure()
        .code(1);
    assert!(error_message(&out).contains("carries the list of what its owner forgot"));
    laptop
        .pi()
        .args(["export", "--since", "2000", "--forgotten"])
        .assert()
        .failure()
        .code(2);
}

#[test]
fn restoring_a_backup_made_before_a_forget_does_not_undo_it() {
    let env = TestEnv::new();
    let id = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 3\nfirst-signal = \"Zqrestoremarker\"\n",
    );
    let backup = String::from_utf8(env.pi().arg("backup").output().unwrap().stdout).unwrap();
    forget(&env, &[&id[..8], "first-signal", "--yes"]);
    let out = env
        .pi()
        .args(["backup", "--restore", backup.trim()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("still held 1 record you had forgotten"),
        "{said}"
    );
    let show = env.show_json(&id);
    let prompt = show["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "first-signal")
        .unwrap()
        .clone();
    assert_eq!(prompt["status"], "open");
    assert_eq!(show["session"]["answered"], 1);
    for file in files(&env) {
        assert!(!holds(&file, "Zqrestoremarker"), "{}", file.display());
    }
}

/// An encrypted journal's backups are encrypted too: pi reads them with the journal's
/// passphrase to say which still hold what was forgotten.
#[test]
fn encrypted_backups_that_still_hold_it_are_named() {
    let env = TestEnv::new();
    let pass = "correct horse battery staple";
    let keyed = |args: &[&str]| {
        let out = env
            .pi()
            .env("PI_JOURNAL_PASSPHRASE", pass)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pi {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let id = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "first-signal = \"Kept in the encrypted backup\"\n",
    );
    keyed(&["encrypt", "--remove-plain-backups"]);
    let backup = String::from_utf8(keyed(&["backup"]).stdout).unwrap();
    let backup = PathBuf::from(backup.trim());
    let said = keyed(&["forget", &id[..8], "first-signal", "--yes"]);
    let said = String::from_utf8_lossy(&said.stderr);
    assert!(
        said.contains("These backups, made before, still hold it:")
            && said.contains(&backup.display().to_string()),
        "{said}"
    );
}
