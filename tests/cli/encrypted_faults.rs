//! SIGKILL at random moments during `pi encrypt` and `pi decrypt`: the journal path always
//! names a whole journal, the old (plain or encrypted) or the new one, with every record.
//!
//! `PI_FAULT_KILLS` raises the number of kills for a long run (default 60).

use crate::encrypted::{PASS, answers};
use crate::env::TestEnv;
use rusqlite::{Connection, OpenFlags};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn command(env: &TestEnv, arg: &str) -> Command {
    let mut cmd = Command::new(TestEnv::bin());
    cmd.arg(arg).env_clear().current_dir(env.dir.path());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    cmd.env("PI_JOURNAL_PASSPHRASE", PASS);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// Whether the journal is encrypted, after checking that it opens (with the passphrase when
/// it is encrypted), passes its integrity check and holds `expected` sessions and answers.
fn check_whole(env: &TestEnv, expected: (i64, i64), round: usize) -> bool {
    let bytes = std::fs::read(&env.journal)
        .unwrap_or_else(|e| panic!("round {round}: no journal at the path: {e}"));
    let encrypted = !bytes.starts_with(b"SQLite format 3\0");
    let conn = Connection::open_with_flags(&env.journal, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    if encrypted {
        conn.pragma_update(None, "key", PASS).unwrap();
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("round {round} (encrypted {encrypted}): {e}"));
    assert_eq!(integrity, "ok", "round {round}");
    let counts: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM answers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(counts, expected, "round {round} (encrypted {encrypted})");
    encrypted
}

#[test]
fn sigkill_during_encrypt_or_decrypt_leaves_the_old_or_the_new_journal_whole() {
    let kills: usize = std::env::var("PI_FAULT_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(60);
    let env = TestEnv::new();
    for _ in 0..5 {
        env.reflect(&["--mode", "kiezen"], &answers());
    }
    let conn = Connection::open(&env.journal).unwrap();
    let expected: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM answers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);

    // Time a whole conversion there and back, so kills land before, during and after.
    let started = Instant::now();
    assert!(command(&env, "encrypt").status().unwrap().success());
    assert!(command(&env, "decrypt").status().unwrap().success());
    let span = (started.elapsed().as_micros() as u64 / 2).max(1_000) * 3 / 2;

    let mut seed: u64 = 7;
    let mut outcomes = [0usize; 2];
    for round in 0..kills {
        let encrypted = check_whole(&env, expected, round);
        let mut child = command(&env, if encrypted { "decrypt" } else { "encrypt" })
            .spawn()
            .unwrap();
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % span));
        let _ = child.kill();
        let _ = child.wait();
        let now = check_whole(&env, expected, round);
        outcomes[usize::from(now != encrypted)] += 1;
    }
    assert!(
        outcomes[0] > 0 && outcomes[1] > 0,
        "kills should land both before and after the swap: {outcomes:?}"
    );
    // And the journal goes on: a conversion left alone finishes.
    let encrypted = check_whole(&env, expected, kills);
    let last = command(&env, if encrypted { "decrypt" } else { "encrypt" })
        .status()
        .unwrap();
    assert!(last.success());
    assert_ne!(check_whole(&env, expected, kills + 1), encrypted);
}
