//! A journal that cannot be written (issue 9, "Read-only"): in a read-only directory, or
//! read-only itself, reading commands open it read-only and work, leaving nothing beside
//! it; writing commands say why they cannot. A companion file (`-shm`) nobody can write is
//! named by `pi doctor` and by every writing command.

use crate::env::TestEnv;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A journal with two sessions, closed as pi leaves it (no `-wal` or `-shm`).
fn a_journal(env: &TestEnv) -> [String; 2] {
    let a = env.reflect_at(
        "2026-03-01T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 2\nchoice = \"A reorganisation.\"\n",
    );
    let b = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 4\nchoice = \"A new role after the reorganisation.\"\n",
    );
    [a, b]
}

/// Every reading command works and changes nothing, in the data directory or elsewhere.
fn reading_commands_work(env: &TestEnv, ids: &[String; 2]) {
    let data = env.journal.parent().unwrap();
    let before: Vec<_> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for args in [
        vec!["list"],
        vec!["show", &ids[0]],
        vec!["search", "reorganisation"],
        vec!["history", "fit"],
        vec!["statements"],
        vec!["commitments"],
        vec!["status"],
        vec!["diff", &ids[0], &ids[1]],
        vec!["export", "--since", "2000", "-o", "-"],
    ] {
        let out = env.pi_unprivileged().args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "pi {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after: Vec<_> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after, "nothing was created beside the journal");
}

/// A writing command is refused with one line that says why, and a hint.
fn writing_refused(env: &TestEnv, because: &str, hint: &str) {
    let answers = env.write("more.toml", "fit = 5\n");
    let out = env
        .pi_unprivileged()
        .args([
            "reflect",
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let expected = format!(
        "Error: cannot change the journal {}: {because}",
        env.journal.display()
    );
    assert!(err.starts_with(&expected), "{err}");
    assert!(err.contains(&format!("Hint: {hint}")), "{err}");
}

#[test]
fn a_journal_in_a_read_only_directory_is_read_and_not_written() {
    let env = TestEnv::new();
    let ids = a_journal(&env);
    let data = env.journal.parent().unwrap();
    chmod(data, 0o500);
    reading_commands_work(&env, &ids);
    writing_refused(
        &env,
        &format!(
            "its directory {} cannot be written, and SQLite needs to make its companion files there",
            data.display()
        ),
        "reading commands still work",
    );
    let doctor = env.pi_unprivileged().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert!(
        text.contains("access     read-only: its directory"),
        "{text}"
    );
    chmod(data, 0o700);
}

#[test]
fn a_read_only_journal_file_is_read_and_not_written() {
    let env = TestEnv::new();
    let ids = a_journal(&env);
    chmod(&env.journal, 0o400);
    reading_commands_work(&env, &ids);
    writing_refused(
        &env,
        "the file is read-only (mode 400)",
        &format!(
            "reading commands (pi list, show, export) still work; to write, `chmod u+w {}`",
            env.journal.display()
        ),
    );
    chmod(&env.journal, 0o600);
}

#[test]
fn a_shm_file_nobody_can_write_is_named_by_doctor_and_writers() {
    let env = TestEnv::new();
    a_journal(&env);
    let shm = env.journal.with_file_name("journal.db-shm");
    std::fs::write(&shm, vec![0u8; 32768]).unwrap();
    chmod(&shm, 0o400);
    let doctor = env.pi_unprivileged().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "{text}");
    assert!(!text.contains("All is well"), "{text}");
    assert!(
        text.contains(&format!(
            "Problem: {} cannot be written (mode 400), so every change to the journal fails",
            shm.display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Fix: when no pi is running, delete it (`rm {}`); SQLite makes a new one",
            shm.display()
        )),
        "{text}"
    );
    writing_refused(
        &env,
        &format!(
            "its companion file {} cannot be written (mode 400)",
            shm.display()
        ),
        "`pi doctor` says what to do",
    );
}
