//! `pi doctor` and `pi backup`: checking and protecting the journal.

use crate::env::TestEnv;

fn run(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let out = env.pi().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn one_session(env: &TestEnv) {
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
}

fn session_count(env: &TestEnv) -> usize {
    let (_, out, _) = run(env, &["list", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn doctor_passes_on_no_journal_a_fresh_one_and_a_migrated_one() {
    let env = TestEnv::new();
    let (code, out, _) = run(&env, &["doctor"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("not created yet"), "{out}");
    assert!(out.contains("All is well."), "{out}");
    assert!(!env.journal.exists(), "doctor creates nothing");

    one_session(&env);
    let (code, out, _) = run(&env, &["doctor"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("integrity  ok"), "{out}");
    assert!(out.contains("1 sessions"), "{out}");
    assert!(out.contains("mode 600"), "{out}");

    // A journal of schema version 1, as the first pi wrote it.
    let old = TestEnv::new();
    std::fs::create_dir_all(old.journal.parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(&old.journal).unwrap();
        conn.execute_batch(include_str!(
            "../../src/journal/sql/0001_sessions_answers.sql"
        ))
        .unwrap();
        conn.execute_batch("PRAGMA user_version = 1; PRAGMA application_id = 1885929473;")
            .unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&old.journal, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let (code, out, _) = run(&old, &["doctor"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("version 1 (this pi writes"),
        "doctor only reads: {out}"
    );
    let (code, _, err) = run(&old, &["list"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("Upgraded the journal; the previous version is kept at"),
        "{err}"
    );
    let (code, out, _) = run(&old, &["doctor"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(current)"), "{out}");
    assert!(out.contains("taken before migrations"), "{out}");
}

#[test]
fn doctor_says_what_is_wrong_and_what_to_do() {
    let env = TestEnv::new();
    one_session(&env);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env.journal, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (code, out, _) = run(&env, &["doctor"]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("Problem: others can read the journal (mode 644)"),
            "{out}"
        );
        assert!(out.contains("Fix: chmod 600"), "{out}");
        std::fs::set_permissions(&env.journal, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    env.user_pack("broken.toml", "format = 1\nid = [\n");
    let (code, out, _) = run(&env, &["doctor"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("broken.toml:"), "{out}");
    assert!(out.contains("pi packs validate"), "{out}");

    let text = TestEnv::new();
    text.write("data/journal.db", &"not a journal\n".repeat(20));
    let (code, out, _) = run(&text, &["doctor", "--json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        json["problems"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("not a pi journal"),
        "{json}"
    );
}

#[test]
fn backup_list_and_restore_keep_the_current_journal_aside() {
    let env = TestEnv::new();
    one_session(&env);
    let (code, out, err) = run(&env, &["backup"]);
    assert_eq!(code, 0, "{err}");
    let copy = std::path::PathBuf::from(out.trim());
    assert!(
        copy.starts_with(env.journal.parent().unwrap().join("backups")),
        "{}",
        copy.display()
    );
    assert!(
        copy.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("pi-journal-20261123-100000")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let (code, _, err) = run(&env, &["backup"]);
    assert_eq!(code, 1, "the same name twice is refused");
    assert!(
        err.contains("File exists") || err.contains("exists"),
        "{err}"
    );

    one_session(&env);
    assert_eq!(session_count(&env), 2);
    let (_, out, _) = run(&env, &["backup", "--list"]);
    assert!(out.contains("pi backup") && out.contains(" ok "), "{out}");

    let (code, _, err) = run(&env, &["backup", "--restore", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("is kept at"), "{err}");
    assert_eq!(session_count(&env), 1);
    let kept: Vec<_> = std::fs::read_dir(env.journal.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 1);

    let bad = env.write("bad.db", "this is no backup");
    let before = std::fs::read(&env.journal).unwrap();
    let (code, _, err) = run(&env, &["backup", "--restore", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.db is not a pi journal"), "{err}");
    assert_eq!(std::fs::read(&env.journal).unwrap(), before);
}
