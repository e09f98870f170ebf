//! The encrypted journal in docs/reliability.md: the cases pi refuses (added to the table of
//! bad input) and a table of its own of what it does with an encrypted journal, each row
//! checked against the real binary.

use crate::encrypted::{PASS, answers, encrypted_journal};
use crate::env::TestEnv;
use crate::reliability::{Case, case, journal_with_a_session, normalise};
use std::path::Path;
use std::process::Output;

/// Runs the case's command with `PI_JOURNAL_PASSPHRASE` set to `passphrase`.
fn with_journal_passphrase(case: Case, passphrase: &'static str) -> Case {
    Case {
        run: Some(Box::new(move |env, args| {
            env.pi()
                .env("PI_JOURNAL_PASSPHRASE", passphrase)
                .args(args)
                .output()
                .unwrap()
        })),
        ..case
    }
}

/// An encrypted journal whose write-ahead log is folded into the file, as a closed one is.
fn encrypted(env: &TestEnv) {
    encrypted_journal(env);
}

pub(crate) fn refused() -> Vec<Case> {
    vec![
        case(
            "encryption",
            "an encrypted journal, no passphrase given (no terminal)",
            &["list"],
            encrypted,
        ),
        with_journal_passphrase(
            case(
                "encryption",
                "an encrypted journal, a wrong PI_JOURNAL_PASSPHRASE",
                &["reflect", "--mode", "kiezen", "--answers", "a.toml"],
                |env| {
                    encrypted(env);
                    env.write("a.toml", "fit = 2\n");
                },
            ),
            "not the passphrase",
        ),
        case(
            "encryption",
            "pi status --quiet on an encrypted journal, no passphrase given",
            &["status", "--quiet"],
            encrypted,
        ),
        with_journal_passphrase(
            case(
                "encryption",
                "a new passphrase of five characters",
                &["encrypt"],
                journal_with_a_session,
            ),
            "short",
        ),
        case(
            "encryption",
            "pi encrypt in a script without PI_JOURNAL_PASSPHRASE",
            &["encrypt"],
            journal_with_a_session,
        ),
        Case {
            run: Some(Box::new(|env, args| {
                // Another program holding the journal open, as a pi waiting for an answer does.
                let other = rusqlite::Connection::open(&env.journal).unwrap();
                let _: i64 = other
                    .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
                    .unwrap();
                let out = env
                    .pi()
                    .env("PI_JOURNAL_PASSPHRASE", PASS)
                    .args(args)
                    .output()
                    .unwrap();
                drop(other);
                // The process id changes from run to run; the table shows where it goes.
                let mut out = out;
                let text = String::from_utf8_lossy(&out.stderr).into_owned();
                let pid = std::process::id().to_string();
                out.stderr = text.replace(&format!("({pid})"), "(PID)").into_bytes();
                out
            })),
            ..case(
                "encryption",
                "pi encrypt while another process has the journal open",
                &["encrypt"],
                journal_with_a_session,
            )
        },
        with_journal_passphrase(
            case(
                "encryption",
                "pi decrypt with no journal",
                &["decrypt"],
                |_| {},
            ),
            PASS,
        ),
        with_journal_passphrase(
            case(
                "encryption",
                "pi backup --restore of an encrypted backup, a wrong passphrase",
                &["backup", "--restore", "copy.db"],
                |env| {
                    encrypted(env);
                    let out = env
                        .pi()
                        .env("PI_JOURNAL_PASSPHRASE", PASS)
                        .arg("backup")
                        .output()
                        .unwrap();
                    let made = String::from_utf8(out.stdout).unwrap();
                    std::fs::rename(made.trim(), env.dir.path().join("copy.db")).unwrap();
                },
            ),
            "not the passphrase",
        ),
        Case {
            run: Some(Box::new(|env, args| {
                let mut cmd = std::process::Command::new(TestEnv::bin());
                cmd.args(args).env_clear().current_dir(env.dir.path());
                for (k, v) in env.vars() {
                    cmd.env(k, v);
                }
                cmd.env("PI_JOURNAL_PASSPHRASE", PASS);
                use std::os::unix::process::CommandExt;
                // SAFETY: only async-signal-safe calls between fork and exec.
                unsafe {
                    cmd.pre_exec(|| {
                        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                        let limit = libc::rlimit {
                            rlim_cur: 64 * 1024,
                            rlim_max: 64 * 1024,
                        };
                        if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                        Ok(())
                    });
                }
                cmd.output().unwrap()
            })),
            ..case(
                "encryption",
                "a disk that fills up during pi encrypt",
                &["encrypt"],
                journal_with_a_session,
            )
        },
    ]
}

/// What pi does with an encrypted journal: `run` prepares, runs and checks the row (panicking
/// when it is not true) and returns the exit code.
struct Row {
    input: &'static str,
    command: &'static str,
    does: &'static str,
    run: fn(&TestEnv) -> i32,
}

fn ok(out: &Output) -> i32 {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    0
}

/// Whether any file under `dir` holds `needle`.
fn anywhere(dir: &Path, needle: &[u8]) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let p = e.path();
            if p.is_dir() {
                anywhere(&p, needle)
            } else {
                std::fs::read(&p).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle))
            }
        })
    })
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            input: "a journal with a unique answer, encrypted",
            command: "pi encrypt, then list, show, search, reflect --answers, export, import, backup, doctor, status",
            does: "no byte of the answer in journal.db, -wal, -shm or any other file beside it, before or after the other commands; each works with PI_JOURNAL_PASSPHRASE",
            run: |env| {
                let id = encrypted_journal(env);
                let data = env.journal.parent().unwrap();
                assert!(!anywhere(data, b"zebra-quartz"));
                let keyed = |args: &[&str]| {
                    env.pi()
                        .env("PI_JOURNAL_PASSPHRASE", PASS)
                        .args(args)
                        .output()
                        .unwrap()
                };
                let file = env.write("more.toml", "fit = 5\n");
                for args in [
                    vec!["list"],
                    vec!["show", &id[..6]],
                    vec!["search", "zebra"],
                    vec![
                        "reflect",
                        "--mode",
                        "kiezen",
                        "--answers",
                        file.to_str().unwrap(),
                    ],
                    vec![
                        "export", "--since", "2000", "--format", "json", "-o", "x.json",
                    ],
                    vec!["import", "--mine", "x.json"],
                    vec!["backup"],
                    vec!["doctor"],
                    vec!["status"],
                ] {
                    ok(&keyed(&args));
                }
                assert!(!anywhere(data, b"zebra-quartz"));
                0
            },
        },
        Row {
            input: "a plain backup made before encrypting",
            command: "pi encrypt --remove-plain-backups",
            does: "lists it, overwrites it with zeros and removes it; `pi doctor` reported it until then",
            run: |env| {
                env.reflect(&["--mode", "kiezen"], &answers());
                let made = env.pi().arg("backup").output().unwrap();
                let backup = String::from_utf8(made.stdout).unwrap();
                ok(&env
                    .pi()
                    .env("PI_JOURNAL_PASSPHRASE", PASS)
                    .arg("encrypt")
                    .output()
                    .unwrap());
                let doctor = env
                    .pi()
                    .env("PI_JOURNAL_PASSPHRASE", PASS)
                    .arg("doctor")
                    .output()
                    .unwrap();
                assert_eq!(doctor.status.code(), Some(1));
                let out = env
                    .pi()
                    .env("PI_JOURNAL_PASSPHRASE", PASS)
                    .args(["encrypt", "--remove-plain-backups"])
                    .output()
                    .unwrap();
                assert!(!Path::new(backup.trim()).exists());
                ok(&out)
            },
        },
        Row {
            input: "an encrypted journal, a shell asking for completions, no passphrase in the environment",
            command: "PI_COMPLETE=fish pi -- pi show ''",
            does: "offers commands and options but no session ids; asks nothing, prints no error, changes no file",
            run: |env| {
                let id = encrypted_journal(env);
                let before = env.files();
                let out = env
                    .pi()
                    .env("PI_COMPLETE", "fish")
                    .args(["--", "pi", "show", ""])
                    .output()
                    .unwrap();
                assert!(!String::from_utf8_lossy(&out.stdout).contains(&id[..8]));
                assert!(out.stderr.is_empty());
                assert_eq!(env.files(), before);
                ok(&out)
            },
        },
        Row {
            input: "SIGKILL at random moments during pi encrypt and pi decrypt",
            command: "pi encrypt / pi decrypt",
            does: "the journal path always holds the old or the new journal, whole, with every record (tests/cli/encrypted_faults.rs kills it 60 times)",
            run: |env| {
                env.reflect(&["--mode", "kiezen"], &answers());
                for (i, delay) in [5_u64, 40, 120, 400].into_iter().enumerate() {
                    let mut child = std::process::Command::new(TestEnv::bin());
                    child
                        .arg(if i % 2 == 0 { "encrypt" } else { "decrypt" })
                        .env_clear()
                        .current_dir(env.dir.path())
                        .stdout(std::process::Stdio::null())
                        .stderr(std::process::Stdio::null());
                    for (k, v) in env.vars() {
                        child.env(k, v);
                    }
                    let mut child = child.env("PI_JOURNAL_PASSPHRASE", PASS).spawn().unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(delay));
                    let _ = child.kill();
                    let _ = child.wait();
                    let list = env
                        .pi()
                        .env("PI_JOURNAL_PASSPHRASE", PASS)
                        .arg("list")
                        .output()
                        .unwrap();
                    ok(&list);
                }
                0
            },
        },
    ]
}

/// The section of docs/reliability.md on the encrypted journal.
pub(crate) fn handled_table() -> String {
    let mut table = String::from(
        "\n## The encrypted journal\n\n\
         What it protects: the journal file and its `-wal` and `-shm` companions, the backups \
         `pi backup` makes of it and the copies kept before a migration or a restore, against \
         anyone who gets the files (a lost laptop, a copied disk, a synced folder). What it does \
         not protect: the journal while pi has it open, since a process that runs as you can read \
         pi's memory or the terminal; what is on the screen of an open terminal; exports you made \
         (plain unless `--encrypt`); plain copies made before encrypting (`pi encrypt` lists them \
         and offers to remove them; `pi doctor` reports those left); the friends' store \
         (friends.db), which stays plain; and the passphrase in `PI_JOURNAL_PASSPHRASE`, which \
         other processes of yours can read. Overwriting a plain file before removing it cannot \
         reach older copies an SSD or a copy-on-write file system keeps: on such disks, encrypt \
         the journal from its start (`pi reflect` offers it) or use full-disk encryption too.\n\n\
         Each row is checked by `tests/cli/reliability_encrypted.rs` against the real binary; the \
         refused cases are in the first table (area \"encryption\").\n\n\
         | input | command | exit | what pi does |\n\
         |---|---|---|---|\n",
    );
    for row in rows() {
        let env = TestEnv::new();
        let code = (row.run)(&env);
        table.push_str(&format!(
            "| {} | `{}` | {code} | {} |\n",
            normalise(row.input, env.dir.path()).replace('|', "\\|"),
            row.command,
            row.does.replace('|', "\\|"),
        ));
    }
    table
}
