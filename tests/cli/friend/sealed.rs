//! Replies and encryption: a reply to an encrypted export is encrypted with the same
//! passphrase (checked), `--encrypt` protects any reply, and a reply of version 1 is still
//! attached while a malformed one changes nothing.

use super::a_small_share;
use crate::bad_input::error_message;
use crate::env::TestEnv;
use crate::import::{assert_unchanged, hand_over, import, json_of};
use serde_json::Value;

const SECRET: &str = "correct horse battery";

#[test]
fn a_reply_to_an_encrypted_export_is_encrypted_with_the_same_passphrase() {
    let owner = TestEnv::new();
    owner.reflect_at(
        "2026-02-01T09:00:00Z",
        &["--mode", "verkennen", "--depth", "quick"],
        "colour = \"I make complicated things simple.\"\n",
    );
    let sealed = owner.dir.path().join("share.json.age");
    let out = owner
        .pi()
        .env("PI_PASSPHRASE", SECRET)
        .args([
            "export",
            "--since",
            "1900",
            "--format",
            "json",
            "--encrypt",
            "-o",
        ])
        .arg(&sealed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let friend = TestEnv::new();
    let copy = hand_over(&sealed, &friend);
    let answer = {
        let plain = owner.dir.path().join("plain.json");
        owner
            .pi()
            .args(["export", "--since", "1900", "--format", "json", "-o"])
            .arg(&plain)
            .assert()
            .success();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&plain).unwrap()).unwrap();
        v["sessions"][0]["answers"][0]["id"].as_str().unwrap()[..8].to_string()
    };
    let notes = friend.write(
        "notes.toml",
        &format!("\"{answer}\" = \"Simple for whom?\"\n"),
    );
    friend
        .pi()
        .env("PI_PASSPHRASE", SECRET)
        .args(["friend", "open"])
        .arg(&copy)
        .args(["--name", "Sam", "--comments"])
        .arg(&notes)
        .assert()
        .success();
    let id = json_of(&friend, &["friend", "list", "--json"])[0]["export_id"]
        .as_str()
        .unwrap()[..8]
        .to_string();
    let store = std::fs::read(friend.journal.with_file_name("friends.db")).unwrap();
    assert!(
        !String::from_utf8_lossy(&store).contains(SECRET),
        "the passphrase itself is never kept"
    );

    // Another passphrase, or none without a terminal: refused, nothing written.
    let before = friend.files();
    let wrong = friend
        .pi()
        .env("PI_PASSPHRASE", "another passphrase")
        .args(["friend", "reply", &id, "-o", "reply.json.age"])
        .assert()
        .failure()
        .code(1);
    assert!(
        error_message(&wrong).contains("is not the passphrase export"),
        "{}",
        error_message(&wrong)
    );
    let none = friend
        .pi()
        .args(["friend", "reply", &id, "-o", "reply.json.age"])
        .assert()
        .failure()
        .code(1);
    assert!(error_message(&none).contains("is encrypted too: set PI_PASSPHRASE"));
    assert_unchanged(&before, &friend.files());

    friend
        .pi()
        .env("PI_PASSPHRASE", SECRET)
        .args(["friend", "reply", &id, "-o", "reply.json.age"])
        .assert()
        .success();
    let reply = friend.dir.path().join("reply.json.age");
    let text = std::fs::read_to_string(&reply).unwrap();
    assert!(
        text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"),
        "{text}"
    );
    assert!(!text.contains("Simple for whom?"));

    let back = hand_over(&reply, &owner);
    let out = owner
        .pi()
        .env("PI_PASSPHRASE", SECRET)
        .arg("import")
        .arg(&back)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("friend comments   1 added"));
}

#[test]
fn encrypt_protects_a_reply_to_a_plain_export() {
    let (_owner, friend, copy) = a_small_share(None);
    let export: Value = serde_json::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
    let answer = export["sessions"][0]["answers"][0]["id"].as_str().unwrap()[..8].to_string();
    let notes = friend.write("notes.toml", &format!("\"{answer}\" = \"Why?\"\n"));
    friend
        .pi()
        .args(["friend", "open"])
        .arg(&copy)
        .args(["--name", "Sam", "--comments"])
        .arg(&notes)
        .assert()
        .success();
    let id = export["export_id"].as_str().unwrap()[..8].to_string();
    friend
        .pi()
        .env("PI_PASSPHRASE", SECRET)
        .args(["friend", "reply", &id, "--encrypt", "-o", "r.age"])
        .assert()
        .success();
    let text = std::fs::read_to_string(friend.dir.path().join("r.age")).unwrap();
    assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
}

#[test]
fn a_reply_of_version_1_is_still_attached_and_a_malformed_one_changes_nothing() {
    let (owner, _friend, copy) = a_small_share(None);
    let export: Value = serde_json::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
    let answer = export["sessions"][0]["answers"][0]["id"].as_str().unwrap();
    let commitment = export["commitments"][0]["id"].as_str().unwrap();
    let reply = |version: u32, kind: &str, target: &str, extra: &str| {
        format!(
            "{{\"format\":\"pi-reply\",\"version\":{version},\"export_id\":{:?},\"friend\":\"Sam\",\
             \"written_at\":\"2026-11-23T10:00:00.000Z\",\"comments\":[{{\"id\":\"{}\",\
             \"target_kind\":\"{kind}\",\"target_id\":\"{target}\",\"text\":\"Why?\",\
             \"created_at\":\"2026-11-23T10:00:00.000Z\"}}]{extra}}}",
            export["export_id"].as_str().unwrap(),
            "c0000000000040008000000000000001",
        )
    };
    let before = owner.files();
    for (name, text, message) in [
        (
            "v1-commitment.json",
            reply(1, "commitment", commitment, ""),
            "a reply of version 1 cannot comment on a commitment",
        ),
        (
            "v1-guide.json",
            reply(1, "answer", answer, ",\"guide\":[]"),
            "a reply of version 1 has no field \"guide\"",
        ),
        (
            "empty-guide.json",
            reply(
                2,
                "answer",
                answer,
                ",\"guide\":[{\"id\":\"d0000000000040008000000000000001\",\"prompt_id\":\"colour\",\
                 \"question\":\"Which colour?\",\"text\":\" \",\"created_at\":\"2026-11-23T10:00:00Z\"}]",
            ),
            "guide[0] (id d0000000…): the answer is empty",
        ),
        (
            "v3.json",
            reply(3, "answer", answer, ""),
            "written by a newer pi (reply format 3",
        ),
    ] {
        let path = owner.write(name, &text);
        let assert = owner
            .pi()
            .arg("import")
            .arg(&path)
            .assert()
            .failure()
            .code(1);
        let msg = error_message(&assert);
        assert!(msg.contains(message), "{name}: {msg}");
        std::fs::remove_file(&path).unwrap();
        assert_unchanged(&before, &owner.files());
    }
    let path = owner.write("v1.json", &reply(1, "answer", answer, ""));
    let summary = import(&owner, &[path.to_str().unwrap()]);
    assert!(summary.contains("friend comments   1 added"), "{summary}");
}
