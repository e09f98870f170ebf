//! Bad files for `pi import`: each is refused with one `Error:` line naming the file and the
//! place, exit code 1, and every file left exactly as it was: the journal is not created,
//! not changed, and no stray files appear.

use super::{a_history, export_to, hand_over, import};
use crate::bad_input::error_message;
use crate::env::TestEnv;
use serde_json::{Value, json};
use std::path::Path;

/// `pi import ARGS` must fail with exit 1 and change no file; returns the error message.
/// An export is imported as the person's own (`--mine`), so the check under test is reached.
pub(super) fn refused(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> String {
    let before = env.files();
    let mut cmd = env.pi();
    cmd.arg("import").args(args);
    if !args.contains(&"--from") {
        cmd.arg("--mine");
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let assert = cmd.assert().failure().code(1);
    super::assert_unchanged(&before, &env.files());
    error_message(&assert)
}

pub(super) fn edited(
    env: &TestEnv,
    name: &str,
    from: &Path,
    edit: impl FnOnce(&mut Value),
) -> String {
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(from).unwrap()).unwrap();
    edit(&mut value);
    env.write(name, &serde_json::to_string_pretty(&value).unwrap());
    name.to_string()
}

#[test]
fn files_that_are_not_pi_exports_are_refused_with_the_place() {
    let env = TestEnv::new();
    a_history(&env);
    env.write("notes.json", "Dear diary,\nnot JSON at all\n");
    let msg = refused(&env, &["notes.json"], &[]);
    assert!(msg.starts_with("notes.json:1:1: not valid JSON"), "{msg}");

    env.write("shape.json", "{\"title\": \"My notes\", \"items\": [1, 2]}");
    let msg = refused(&env, &["shape.json"], &[]);
    assert_eq!(
        msg,
        "shape.json: not a pi export or reply (it has a field \"title\")"
    );

    env.write("list.json", "[1, 2, 3]");
    let msg = refused(&env, &["list.json"], &[]);
    assert!(
        msg.starts_with("list.json:1:1: invalid type: sequence"),
        "{msg}"
    );

    let jrnl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    let copy = hand_over(&jrnl, &env);
    let out = env.pi().arg("import").arg(&copy).assert().failure().code(1);
    assert!(crate::bad_input::hints(&out)[0].contains("--from jrnl"));

    let msg = refused(&env, &["missing.json"], &[]);
    assert!(msg.starts_with("cannot read missing.json:"), "{msg}");
}

#[test]
fn a_newer_format_and_a_bad_record_are_refused_before_anything_is_added() {
    let home = TestEnv::new();
    a_history(&home);
    let export = export_to(&home, "export.json");

    let empty = TestEnv::new();
    let future = edited(&empty, "future.json", &export, |v| v["version"] = json!(4));
    let msg = refused(&empty, &[&future], &[]);
    assert_eq!(
        msg,
        "future.json: written by a newer pi (export format 4; this pi reads up to 3)"
    );

    let mut id = String::new();
    let bad = edited(&empty, "bad-kind.json", &export, |v| {
        let answer = &mut v["sessions"][1]["answers"][2];
        id = answer["id"].as_str().unwrap()[..8].to_string();
        answer["prompt_kind"] = json!("x");
    });
    let msg = refused(&empty, &[&bad], &[]);
    assert!(
        msg.starts_with(&format!(
            "bad-kind.json: sessions[1].answers[2] (id {id}…): unknown prompt_kind 'x'"
        )),
        "{msg}"
    );
    assert!(!empty.journal.exists(), "no journal was created");

    let stamp = edited(&empty, "bad-time.json", &export, |v| {
        v["statements"][0]["created_at"] = json!("last Tuesday");
    });
    let msg = refused(&empty, &[&stamp], &[]);
    assert!(msg.contains("statements[0] (id "), "{msg}");
    assert!(
        msg.contains("created_at 'last Tuesday' is not a date and time"),
        "{msg}"
    );

    let altered = edited(&empty, "altered.json", &export, |v| {
        v["pack_snapshots"][0]["toml"] = json!("format = 1\n");
    });
    let msg = refused(&empty, &[&altered], &[]);
    assert!(
        msg.contains("pack_snapshots[0]") && msg.contains("altered"),
        "{msg}"
    );

    // Into a journal that exists, a bad record late in the file adds nothing either.
    let other = TestEnv::new();
    let jrnl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    import(&other, &["--from", "jrnl", jrnl.to_str().unwrap()]);
    let late = edited(&other, "late.json", &export, |v| {
        v["commitments"][0]["events"][0]["status"] = json!("maybe");
    });
    let msg = refused(&other, &[&late], &[]);
    assert!(
        msg.starts_with("late.json: commitments[0].events[0] (id "),
        "{msg}"
    );
    assert!(msg.contains("unknown status 'maybe'"), "{msg}");
}

#[test]
fn sessions_naming_pack_snapshots_nobody_has_roll_the_whole_import_back() {
    let home = TestEnv::new();
    a_history(&home);
    let export = export_to(&home, "export.json");

    let other = TestEnv::new();
    let jrnl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    import(&other, &["--from", "jrnl", jrnl.to_str().unwrap()]);
    let bare = edited(&other, "bare.json", &export, |v| {
        v["pack_snapshots"] = json!([])
    });
    let msg = refused(&other, &[&bare], &[]);
    assert!(msg.starts_with("bare.json: sessions[0] (id "), "{msg}");
    assert!(
        msg.contains("which is neither in the file's pack_snapshots nor in this journal"),
        "{msg}"
    );
    assert_eq!(
        super::json_of(&other, &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3,
        "the sessions read before the error were rolled back"
    );

    let empty = TestEnv::new();
    let bare = edited(&empty, "bare.json", &export, |v| {
        v["pack_snapshots"] = json!([])
    });
    let msg = refused(&empty, &[&bare], &[]);
    assert!(
        msg.contains("neither in the file's pack_snapshots"),
        "{msg}"
    );
}

#[test]
fn a_wrong_passphrase_and_a_cut_off_encrypted_file_are_refused() {
    let home = TestEnv::new();
    a_history(&home);
    let path = home.dir.path().join("sealed.json");
    home.pi()
        .env("PI_PASSPHRASE", "correct horse")
        .arg("export")
        .args(super::SELECTION)
        .arg("--encrypt")
        .arg("-o")
        .arg(&path)
        .assert()
        .success();

    let other = TestEnv::new();
    let sealed = hand_over(&path, &other);
    let msg = refused(
        &other,
        &[sealed.to_str().unwrap()],
        &[("PI_PASSPHRASE", "battery staple")],
    );
    assert!(
        msg.starts_with(&format!("{}: wrong passphrase", sealed.display())),
        "{msg}"
    );

    let bytes = std::fs::read(&sealed).unwrap();
    other.write(
        "cut.json",
        &String::from_utf8_lossy(&bytes[..bytes.len() / 2]),
    );
    let msg = refused(&other, &["cut.json"], &[("PI_PASSPHRASE", "correct horse")]);
    assert!(
        msg.starts_with("cut.json: the encrypted file is cut off"),
        "{msg}"
    );

    let msg = refused(&other, &[sealed.to_str().unwrap()], &[]);
    assert!(msg.contains("is encrypted; set PI_PASSPHRASE"), "{msg}");

    let summary = other
        .pi()
        .env("PI_PASSPHRASE", "correct horse")
        .arg("import")
        .arg("--mine")
        .arg(&sealed)
        .output()
        .unwrap();
    assert!(
        summary.status.success(),
        "{}",
        String::from_utf8_lossy(&summary.stderr)
    );
    assert_eq!(
        super::json_of(&other, &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_reply_about_answers_not_in_this_journal_attaches_nothing() {
    let env = TestEnv::new();
    a_history(&env);
    let export = export_to(&env, "export.json");
    let known: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let answer = known["sessions"][0]["answers"][0]["id"].as_str().unwrap();
    let stranger = "0badc0de00004000800000000000beef";
    let reply = json!({
        "format": "pi-reply",
        "version": 1,
        "export_id": known["export_id"],
        "friend": "Sam",
        "written_at": "2026-11-22T10:00:00Z",
        "comments": [
            {"id": "c0000000000040008000000000000001", "target_kind": "answer",
             "target_id": answer, "text": "Why?", "created_at": "2026-11-22T10:00:00Z"},
            {"id": "c0000000000040008000000000000002", "target_kind": "answer",
             "target_id": stranger, "text": "And this?", "created_at": "2026-11-22T10:00:00Z"}
        ]
    });
    env.write("reply.json", &serde_json::to_string_pretty(&reply).unwrap());
    let msg = refused(&env, &["reply.json"], &[]);
    assert_eq!(
        msg,
        "reply.json: comments[1] (id c0000000…): comments on answer 0badc0de…, which is not in this journal"
    );

    let nobody = TestEnv::new();
    let file = hand_over(&env.dir.path().join("reply.json"), &nobody);
    let msg = refused(&nobody, &[file.to_str().unwrap()], &[]);
    assert!(msg.contains("there is no journal here yet"), "{msg}");
}

#[test]
fn jrnl_and_day_one_files_with_malformed_dates_are_refused() {
    let env = TestEnv::new();
    a_history(&env);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let jrnl = std::fs::read_to_string(fixtures.join("jrnl.json")).unwrap();
    env.write("jrnl.json", &jrnl.replace("2024-02-14", "2024-02-30"));
    let msg = refused(&env, &["--from", "jrnl", "jrnl.json"], &[]);
    assert_eq!(
        msg,
        "jrnl.json: entries[1]: date '2024-02-30' is not a date (YYYY-MM-DD)"
    );
    env.write("jrnl-time.json", &jrnl.replace("\"17:05\"", "\"5pm\""));
    let msg = refused(&env, &["--from", "jrnl", "jrnl-time.json"], &[]);
    assert_eq!(
        msg,
        "jrnl-time.json: entries[1]: time '5pm' is not a time of day (HH:MM)"
    );

    let dayone = std::fs::read_to_string(fixtures.join("dayone.json")).unwrap();
    env.write(
        "dayone.json",
        &dayone.replace(
            "2024-02-20T16:05:30Z\",\n      \"modifiedDate",
            "20/02/2024 16:05\",\n      \"modifiedDate",
        ),
    );
    let msg = refused(&env, &["--from", "dayone", "dayone.json"], &[]);
    assert!(
        msg.starts_with(
            "dayone.json: entries[1]: creationDate '20/02/2024 16:05' is not a date and time"
        ),
        "{msg}"
    );
    env.write("not-dayone.json", "{\"metadata\": {}}");
    let msg = refused(&env, &["--from", "dayone", "not-dayone.json"], &[]);
    assert_eq!(
        msg,
        "not-dayone.json: the file has no \"entries\" field, so it is not a journal export"
    );
}
