//! Hostile conditions: SIGKILL at random moments, several `pi` processes writing at once, and
//! a file-size limit that makes the disk "full" in the middle of a session.
//!
//! `PI_FAULT_KILLS` raises the number of kills for a long run (default 200); the kill moments
//! come from `PI_FAULT_SEED` (default 42) over `PI_FAULT_SPAN_US` (default: 1.5 times a whole
//! run), which a failure names so it can be replayed.

use crate::env::TestEnv;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The English verkennen pack in force, as TOML.
fn verkennen() -> toml::Table {
    toml::from_str(include_str!("../../prompts/verkennen.en.toml")).unwrap()
}

/// An answers file for every prompt of the English verkennen pack, made from the pack itself.
fn full_answers(env: &TestEnv) -> std::path::PathBuf {
    let pack = verkennen();
    let mut out = String::new();
    for p in pack["prompts"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let line = match p["kind"].as_str().unwrap() {
            "scale" => format!("{id} = {}", p["min"].as_integer().unwrap()),
            "list" | "statements" => format!("{id} = [\"one {id}\", \"two {id}\"]"),
            "choice" => format!("{id} = {:?}", p["options"][0].as_str().unwrap()),
            _ => format!("{id} = \"An answer to {id} that is long enough to mean something.\""),
        };
        out.push_str(&line);
        out.push('\n');
    }
    env.write("full.toml", &out)
}

fn command(env: &TestEnv, args: &[&str]) -> Command {
    let mut cmd = Command::new(TestEnv::bin());
    cmd.args(args).env_clear().current_dir(env.dir.path());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    cmd
}

fn read_only(env: &TestEnv) -> Connection {
    Connection::open_with_flags(&env.journal, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn integrity(conn: &Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// A small deterministic generator: the same delays on every run of the test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn sigkill_at_random_moments_never_loses_a_saved_answer_or_the_journal() {
    let kills: usize = std::env::var("PI_FAULT_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(200);
    let env = TestEnv::new();
    let answers = full_answers(&env);
    // Time a whole run, so kills land before, during and after the answers.
    let started = std::time::Instant::now();
    let ok = command(
        &env,
        &[
            "reflect",
            "--mode",
            "verkennen",
            "--answers",
            answers.to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    assert!(ok.status.success());
    // Both the seed and the span can be given, so a failing round can be replayed exactly:
    // the failure message names them.
    let span = std::env::var("PI_FAULT_SPAN_US")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| (started.elapsed().as_micros() as u64).max(1_000) * 3 / 2);
    let seed: u64 = std::env::var("PI_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(42);
    let replay = format!("replay with PI_FAULT_SEED={seed} PI_FAULT_SPAN_US={span}");
    let mut rng = Lcg(seed);
    let mut partial = 0;
    for round in 0..kills {
        let mut child = command(
            &env,
            &[
                "reflect",
                "--mode",
                "verkennen",
                "--answers",
                answers.to_str().unwrap(),
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
        let delay = rng.next(span);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let reported: BTreeSet<&str> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("saved: "))
            .collect();

        let conn = read_only(&env);
        assert_eq!(
            integrity(&conn),
            "ok",
            "round {round}, killed after {delay} µs; {replay}"
        );
        if reported.is_empty() {
            continue;
        }
        let latest: String = conn
            .query_row(
                "SELECT id FROM sessions ORDER BY rowid DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut stmt = conn
            .prepare("SELECT prompt_id FROM answers WHERE session_id = ?1 AND skipped = 0")
            .unwrap();
        let stored: BTreeSet<String> = stmt
            .query_map([&latest], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for prompt in &reported {
            assert!(
                stored.contains(*prompt),
                "round {round}, killed after {delay} µs: '{prompt}' was reported saved but is missing; {replay}"
            );
        }
        if reported.len() < 19 {
            partial += 1;
        }
    }
    assert!(
        partial >= kills / 20,
        "only {partial} of {kills} kills landed mid-session"
    );

    // After all that, pi still reads the journal and can resume an interrupted session.
    let out = command(&env, &["list", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = command(&env, &["doctor"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn two_and_four_writers_at_once_lose_nothing() {
    for writers in [2usize, 4] {
        let env = TestEnv::new();
        let answers = full_answers(&env);
        let runs_each = 5;
        let children: Vec<_> = (0..writers)
            .map(|_| {
                let cmd_env = env.vars();
                let bin = TestEnv::bin();
                let dir = env.dir.path().to_path_buf();
                let answers = answers.clone();
                std::thread::spawn(move || {
                    (0..runs_each)
                        .map(|_| {
                            let mut cmd = Command::new(&bin);
                            cmd.args(["reflect", "--mode", "verkennen", "--answers"])
                                .arg(&answers)
                                .env_clear()
                                .current_dir(&dir);
                            for (k, v) in &cmd_env {
                                cmd.env(k, v);
                            }
                            cmd.output().unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for child in children {
            for out in child.join().unwrap() {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{writers} writers: {err}");
                assert!(!err.contains("locked"), "{err}");
            }
        }
        let conn = read_only(&env);
        assert_eq!(integrity(&conn), "ok");
        let sessions: i64 = conn
            .query_row(
                "SELECT count(*) FROM sessions WHERE status = 'finished'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(sessions as usize, writers * runs_each);
        let answered: i64 = conn
            .query_row("SELECT count(*) FROM answers WHERE skipped = 0", [], |r| {
                r.get(0)
            })
            .unwrap();
        let prompts = verkennen()["prompts"].as_array().unwrap().len();
        assert_eq!(answered as usize, writers * runs_each * prompts);
    }
}

/// Runs `pi` with a limit on the size of any file it writes, as a nearly full disk would.
fn with_file_size_limit(mut cmd: Command, bytes: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    unsafe {
        cmd.pre_exec(move || {
            // Without this the kernel kills the process (SIGXFSZ) instead of failing the write.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

#[test]
fn a_full_disk_during_a_session_is_a_clear_error_and_keeps_the_journal() {
    let env = TestEnv::new();
    let answers = full_answers(&env);
    // A journal with some history, then a session that needs more room than there is.
    command(
        &env,
        &[
            "reflect",
            "--mode",
            "verkennen",
            "--answers",
            answers.to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    let before: i64 = read_only(&env)
        .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
        .unwrap();
    let size = std::fs::metadata(&env.journal).unwrap().len();
    let big = env.write(
        "big.toml",
        &format!(
            "colour = \"{}\"\nown-question = \"Adviser?\"\n",
            "x".repeat(200_000)
        ),
    );
    let out = with_file_size_limit(
        command(
            &env,
            &[
                "reflect",
                "--mode",
                "verkennen",
                "--answers",
                big.to_str().unwrap(),
            ],
        ),
        size + 64 * 1024,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let first: Vec<&str> = err.lines().filter(|l| l.starts_with("Error:")).collect();
    assert_eq!(first.len(), 1, "{err}");
    assert!(first[0].contains(env.journal.to_str().unwrap()), "{err}");
    assert!(
        first[0].contains("full") || first[0].contains("too large") || first[0].contains("I/O"),
        "{err}"
    );

    let conn = read_only(&env);
    assert_eq!(integrity(&conn), "ok");
    let after: i64 = conn
        .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
        .unwrap();
    assert!(after >= before, "earlier answers are all still there");
    let out = command(&env, &["list"]).output().unwrap();
    assert!(out.status.success());
}

/// What the journal holds of one session: its rows, its answers, their search entries, and
/// tombstones. Whole means all of it (nothing forgotten) or none of it (all tombstoned).
fn session_state(conn: &Connection, session: &str) -> (i64, i64, i64, i64) {
    let one = |sql: &str| -> i64 { conn.query_row(sql, [session], |r| r.get(0)).unwrap() };
    (
        one("SELECT count(*) FROM sessions WHERE id = ?1"),
        one("SELECT count(*) FROM answers WHERE session_id = ?1"),
        one("SELECT count(*) FROM search_index WHERE session_id = ?1"),
        one("SELECT count(*) FROM tombstones WHERE kind = 'session' AND id = ?1"),
    )
}

#[test]
fn sigkill_during_forget_leaves_the_old_or_the_new_journal_whole() {
    let kills: usize = std::env::var("PI_FAULT_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .map_or(60, |k: usize| (k / 3).max(10));
    let env = TestEnv::new();
    let answers = full_answers(&env);
    // Enough sessions that rewriting the search index takes a while.
    let mut target = String::new();
    for _ in 0..30 {
        let out = command(
            &env,
            &[
                "reflect",
                "--mode",
                "verkennen",
                "--answers",
                answers.to_str().unwrap(),
            ],
        )
        .output()
        .unwrap();
        assert!(out.status.success());
        target = String::from_utf8(out.stdout).unwrap().trim().to_string();
    }
    {
        let conn = Connection::open(&env.journal).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let pristine = std::fs::read(&env.journal).unwrap();
    let reset = || {
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", env.journal.display()));
        }
        std::fs::write(&env.journal, &pristine).unwrap();
    };
    let before = session_state(&read_only(&env), &target);
    assert_eq!(before.0, 1);
    assert!(before.1 > 10 && before.2 > 5 && before.3 == 0, "{before:?}");
    let forget = || {
        let mut cmd = command(&env, &["forget", &target, "--yes"]);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        cmd
    };
    let started = std::time::Instant::now();
    assert!(forget().status().unwrap().success());
    let span = (started.elapsed().as_micros() as u64).max(1_000) * 3 / 2;
    let after = session_state(&read_only(&env), &target);
    assert_eq!(after, (0, 0, 0, 1));

    let mut rng = Lcg(7);
    let (mut old, mut new) = (0, 0);
    for round in 0..kills {
        reset();
        let mut child = forget().spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.next(span)));
        let _ = child.kill();
        let _ = child.wait();
        let conn = read_only(&env);
        assert_eq!(integrity(&conn), "ok", "round {round}");
        let state = session_state(&conn, &target);
        if state == before {
            old += 1;
        } else if state == after {
            new += 1;
        } else {
            panic!("round {round}: half forgotten: {state:?} (before {before:?})");
        }
        // The next pi reads it as it is.
        drop(conn);
        let out = command(&env, &["list", "--json"]).output().unwrap();
        assert!(out.status.success(), "round {round}");
    }
    assert!(
        old > 0 && new > 0,
        "kills landed only on one side: {old} old, {new} new"
    );
}
