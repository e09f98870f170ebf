//! What an import may bring in, and what it must not: another person's journal, an export
//! someone edited, a reply that points nowhere, records that break the journal's rules, and
//! files too large to hold. Each refusal exits 1 with one line and changes no file.

use super::bad::{edited, refused};
use super::{a_history, export_to, hand_over, import, json_of};
use crate::bad_input::hints;
use crate::env::TestEnv;
use serde_json::{Value, json};
use std::path::Path;

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `pi export --mode kiezen --format json -o NAME`: the session with the `fit` scale.
fn kiezen_export(env: &TestEnv, name: &str) -> std::path::PathBuf {
    let path = env.dir.path().join(name);
    env.pi()
        .args(["export", "--mode", "kiezen", "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn an_export_of_another_journal_is_merged_only_when_the_person_says_it_is_theirs() {
    let home = TestEnv::new();
    a_history(&home);
    let share = export_to(&home, "share.json");
    assert!(read(&share)["journal_id"].as_str().unwrap().len() == 32);

    let friend = TestEnv::new();
    friend.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    let file = hand_over(&share, &friend);
    let before = friend.files();
    let out = friend
        .pi()
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .code(1);
    super::assert_unchanged(&before, &friend.files());
    let message = crate::bad_input::error_message(&out);
    assert!(
        message.contains("share.json is an export of another journal (on “"),
        "{message}"
    );
    assert!(
        message.ends_with("not of this journal; nothing was imported"),
        "{message}"
    );
    let hints = hints(&out);
    assert!(hints[0].contains("pi friend open"), "{hints:?}");
    assert!(hints[1].contains("--mine"), "{hints:?}");
    assert_eq!(
        json_of(&friend, &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Said to be one's own: merged, and that journal is remembered.
    let summary = import(&friend, &["--mine", file.to_str().unwrap()]);
    assert!(summary.contains("sessions          2 added"), "{summary}");
    let again = hand_over(&export_to(&home, "again.json"), &friend);
    let summary = import(&friend, &[again.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");

    // A journal's own export never needs asking.
    let summary = import(&home, &[share.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");

    // An export of an earlier pi names no journal: asked about too.
    let old = edited(&friend, "old.json", &share, |v| {
        let o = v.as_object_mut().unwrap();
        o.remove("journal_id");
        o.remove("journal_name");
        o.insert("version".into(), json!(1));
    });
    let out = friend
        .pi()
        .args(["import", &old])
        .assert()
        .failure()
        .code(1);
    let message = crate::bad_input::error_message(&out);
    assert!(
        message.contains("a journal it does not name (an export of an earlier pi)"),
        "{message}"
    );
}

#[test]
fn a_revision_that_arrives_by_import_says_where_it_came_from() {
    let home = TestEnv::new();
    let [explore, _, _] = a_history(&home);
    let share = export_to(&home, "share.json");

    // Edited by someone else and imported back: a revision, marked as not typed here.
    let changed = edited(&home, "changed.json", &share, |v| {
        let colour = v["sessions"][0]["answers"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a["prompt_id"] == "colour")
            .unwrap();
        colour["value"] = json!({"text": "Words someone else wrote."});
    });
    import(&home, &[&changed]);
    let shown = home.show_json(&explore);
    let colour = shown["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "colour")
        .unwrap();
    assert_eq!(colour["answer"]["text"], "Words someone else wrote.");
    assert_eq!(colour["revised_elsewhere"]["other_journal"], false);
    assert_eq!(colour["revised_elsewhere"]["file_name"], "changed.json");
    let text = home.pi().args(["show", &explore]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("(revised by importing changed.json, not typed here; imported 2026-11-23)"),
        "{text}"
    );

    // Revised in the person's other journal: named by that journal's device.
    let laptop = TestEnv::new();
    import(
        &laptop,
        &["--mine", hand_over(&share, &laptop).to_str().unwrap()],
    );
    let from_laptop = edited(&home, "laptop.json", &share, |v| {
        v["journal_id"] = json!("0123456789abcdef0123456789abcdef");
        v["journal_name"] = json!("laptop-anna");
        let within = v["sessions"][1]["answers"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a["prompt_id"] == "around")
            .unwrap();
        within["value"] = json!({"text": "Two new directors arrived."});
    });
    let into = hand_over(&home.dir.path().join(&from_laptop), &laptop);
    import(&laptop, &["--mine", into.to_str().unwrap()]);
    let sessions = json_of(&laptop, &["list", "--json"]);
    let tidy = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["mode"] == "onderhouden")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = laptop.pi().args(["show", &tidy]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("(revised in the journal of “laptop-anna”; imported 2026-11-23)"),
        "{text}"
    );
}

#[test]
fn a_reply_is_attached_only_to_what_its_export_shared() {
    let home = TestEnv::new();
    let [_, _, kiezen] = a_history(&home);
    let share = read(&export_to(&home, "share.json"));
    let export_id = share["export_id"].as_str().unwrap();
    let shared_answer = share["sessions"][0]["answers"][4]["id"].as_str().unwrap();
    // The kiezen session was not in that export; its answer's id comes from another one.
    let other = home
        .pi()
        .args(["export", &kiezen[..8], "--format", "json", "-o", "-"])
        .output()
        .unwrap();
    let other: Value = serde_json::from_slice(&other.stdout).unwrap();
    let unshared = other["sessions"][0]["answers"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = |export: &str, target: &str| {
        json!({
            "format": "pi-reply", "version": 1, "export_id": export, "friend": "Sam",
            "written_at": "2026-11-22T10:00:00Z",
            "comments": [{"id": "c0000000000040008000000000000001", "target_kind": "answer",
                          "target_id": target, "text": "Why?", "created_at": "2026-11-22T10:00:00Z"}]
        })
        .to_string()
    };
    home.write(
        "nowhere.json",
        &reply("99999999999940008000000000000001", shared_answer),
    );
    let msg = refused(&home, &["nowhere.json"], &[]);
    assert_eq!(
        msg,
        "nowhere.json: this reply answers export 99999999…, which this journal did not make; nothing was attached"
    );
    home.write("elsewhere.json", &reply(export_id, &unshared));
    let msg = refused(&home, &["elsewhere.json"], &[]);
    assert_eq!(
        msg,
        format!(
            "elsewhere.json: comments[0] (id c0000000…): comments on answer {}…, which was not in export {}…",
            &unshared[..8],
            &export_id[..8]
        )
    );
    home.write("fine.json", &reply(export_id, shared_answer));
    let summary = import(&home, &["fine.json"]);
    assert!(summary.contains("friend comments   1 added"), "{summary}");
}

#[test]
fn records_that_break_the_journals_rules_are_refused_by_name() {
    let home = TestEnv::new();
    a_history(&home);
    let kiezen = kiezen_export(&home, "kiezen.json");
    let share = export_to(&home, "share.json");
    let target = TestEnv::new();
    let fit = |v: &mut Value| -> usize {
        v["sessions"][0]["answers"]
            .as_array()
            .unwrap()
            .iter()
            .position(|a| a["prompt_id"] == "fit")
            .unwrap()
    };

    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "scale.json",
            Box::new(move |v| {
                let i = fit(v);
                v["sessions"][0]["answers"][i]["value"] = json!({"number": 9});
            }),
            "has the value 9, outside the scale of prompt 'fit' (1 to 5)",
        ),
        (
            "kind.json",
            Box::new(move |v| {
                let i = fit(v);
                v["sessions"][0]["answers"][i]["value"] = json!({"text": "four"});
            }),
            "holds a text where prompt 'fit' (scale) takes a number",
        ),
        (
            "stored-kind.json",
            Box::new(move |v| {
                let i = fit(v);
                v["sessions"][0]["answers"][i]["prompt_kind"] = json!("long_text");
            }),
            "is stored as a long_text answer, but prompt 'fit' is a scale prompt",
        ),
        (
            "prompt.json",
            Box::new(move |v| {
                let i = fit(v);
                v["sessions"][0]["answers"][i]["prompt_id"] = json!("fitness");
            }),
            "answers prompt 'fitness', which pack kiezen ",
        ),
    ];
    for (name, edit, expected) in cases {
        let file = edited(&target, name, &kiezen, edit);
        let msg = refused(&target, &[&file], &[]);
        assert!(
            msg.starts_with(&format!("{name}: sessions[0].answers[")),
            "{msg}"
        );
        assert!(msg.contains(expected), "{msg}");
        assert!(
            !target.journal.exists(),
            "a refused import creates no journal"
        );
    }

    let circle = edited(&target, "circle.json", &share, |v| {
        let newest = v["statements"][3]["id"].clone();
        v["statements"][1]["replaces"] = newest;
    });
    let msg = refused(&target, &[&circle], &[]);
    assert!(
        msg.contains("replaces itself through a circle of revisions"),
        "{msg}"
    );

    let revisions = edited(&target, "revisions.json", &share, |v| {
        let answers = v["sessions"][0]["answers"].as_array_mut().unwrap();
        let (a, b) = (answers[0]["id"].clone(), answers[1]["id"].clone());
        answers[0]["replaces"] = b;
        answers[1]["replaces"] = a;
    });
    let msg = refused(&target, &[&revisions], &[]);
    assert!(
        msg.starts_with("revisions.json: sessions[0].answers[0] (id ")
            && msg.ends_with("its revisions replace each other in a circle"),
        "{msg}"
    );

    let stolen = edited(&target, "stolen.json", &share, |v| {
        let id = v["sessions"][0]["answers"][0]["id"].clone();
        v["sessions"][1]["answers"][0]["id"] = id;
    });
    let msg = refused(&target, &[&stolen], &[]);
    assert!(
        msg.starts_with("stolen.json: sessions[1].answers[0] (id "),
        "{msg}"
    );
    assert!(msg.contains("this answer id belongs to session"), "{msg}");
}

#[test]
fn day_one_rich_text_and_stars_come_through() {
    let env = TestEnv::new();
    let rich = json!({"contents": [{"text": "# Kruiskamp\n"}, {"text": "De bewoners praten mee over hun wijk."}]})
        .to_string();
    let file = json!({
        "metadata": {"version": "1.0"},
        "entries": [
            {"uuid": "0A1B", "creationDate": "2024-03-01T10:00:00Z", "richText": rich, "starred": true},
            {"uuid": "0A1C", "creationDate": "2024-03-02T10:00:00Z", "text": "Gewoon een dag."}
        ]
    });
    env.write("Journal.json", &file.to_string());
    let summary = import(&env, &["--from", "dayone", "Journal.json"]);
    assert!(summary.contains("sessions          2 added"), "{summary}");

    let starred = json_of(&env, &["list", "--starred", "--json"]);
    assert_eq!(starred.as_array().unwrap().len(), 1);
    assert_eq!(starred[0]["starred"], true);
    assert_eq!(starred[0]["context"], "Kruiskamp");
    let table = env.pi().arg("list").output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("★ Kruiskamp"));

    let found = json_of(&env, &["search", "bewoners", "--starred", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let none = json_of(&env, &["search", "dag", "--starred", "--json"]);
    assert!(none.as_array().unwrap().is_empty(), "{none}");
    let id = starred[0]["id"].as_str().unwrap();
    let shown = env.show_json(id);
    assert_eq!(
        shown["prompts"][0]["answer"]["text"],
        "De bewoners praten mee over hun wijk."
    );
}

#[test]
fn a_jrnl_export_read_in_another_time_zone_adds_nothing() {
    let env = TestEnv::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    let out = env
        .pi()
        .env("TZ", "Europe/Amsterdam")
        .args(["import", "--from", "jrnl"])
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary = import(&env, &["--from", "jrnl", fixture.to_str().unwrap()]);
    assert!(summary.starts_with("Nothing new"), "{summary}");
    assert!(!summary.contains("revised"), "{summary}");
}

#[test]
fn files_that_are_not_what_they_claim_say_what_they_are() {
    let env = TestEnv::new();
    env.write(
        "journal.txt",
        "[2019-01-05 10:00] Het actielab liep goed.\nDe bewoners praatten mee.\n",
    );
    let msg = refused(&env, &["--from", "jrnl", "journal.txt"], &[]);
    assert!(
        msg.starts_with("journal.txt: this is jrnl's plain-text journal, not its JSON export"),
        "{msg}"
    );
    assert!(msg.contains("jrnl --export json"), "{msg}");
}

#[test]
fn a_text_past_the_limit_is_refused_with_its_place_and_never_echoed() {
    let env = TestEnv::new();
    let body = "woord ".repeat(400_000);
    let file = json!({"tags": {}, "entries": [
        {"title": "kort", "body": "kort", "date": "2024-01-01", "time": "09:00"},
        {"title": "lang", "body": body, "date": "2024-01-02", "time": "09:00"}
    ]});
    env.write("big.json", &serde_json::to_string_pretty(&file).unwrap());
    let msg = refused(&env, &["--from", "jrnl", "big.json"], &[]);
    assert!(msg.len() < 200, "{} characters", msg.len());
    assert!(
        msg.starts_with("big.json:")
            && msg.contains(": entries[1].body: a text of more than 1,000,000 characters"),
        "{msg}"
    );
    assert!(!env.journal.exists());
}

/// A 100 MB answer is refused in flat memory: under a 256 MB address-space limit (the old
/// reader held such a text several times over and needed gigabytes) pi still answers with
/// its one clear line.
#[cfg(unix)]
#[test]
fn a_huge_text_costs_no_memory() {
    use std::io::Write;
    let env = TestEnv::new();
    let path = env.dir.path().join("huge.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        out,
        "{{\"entries\": [{{\"title\": \"t\", \"date\": \"2024-01-01\", \"body\": \""
    )
    .unwrap();
    let chunk = "x".repeat(1 << 20);
    for _ in 0..100 {
        out.write_all(chunk.as_bytes()).unwrap();
    }
    write!(out, "\"}}]}}").unwrap();
    out.flush().unwrap();
    drop(out);
    let mut cmd = std::process::Command::new("bash");
    cmd.env_clear().current_dir(env.dir.path());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    let out = cmd
        .args(["-c", "ulimit -v 262144 && exec \"$0\" \"$@\""])
        .arg(TestEnv::bin())
        .args(["import", "--from", "jrnl", "huge.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "Error: huge.json:1:59: entries[0].body: a text of more than 1,000,000 characters"
        ),
        "{stderr}"
    );
    assert!(stderr.len() < 300);
    assert!(!env.journal.exists());
}

/// In a terminal, pi asks whose journal an export is; Enter (No) imports nothing, y merges.
#[test]
fn in_a_terminal_pi_asks_whose_journal_it_is() {
    use crate::pty::{ENTER, exit_code, expect, spawn};
    let home = TestEnv::new();
    a_history(&home);
    let share = export_to(&home, "share.json");
    let other = TestEnv::new();
    let file = hand_over(&share, &other);
    let path = file.to_str().unwrap();

    let mut session = spawn(&other, &["import", path], &[]);
    expect(
        &mut session,
        "Is it your own journal, from another computer?",
    );
    session.send(ENTER).unwrap();
    expect(&mut session, "not of this journal; nothing was imported");
    assert_eq!(exit_code(&mut session), 1);
    assert!(!other.journal.exists());

    let mut session = spawn(&other, &["import", path], &[]);
    expect(
        &mut session,
        "Is it your own journal, from another computer?",
    );
    session.send("y").unwrap();
    expect(&mut session, "sessions          2 added");
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(
        json_of(&other, &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
