//! The output half of issue 9 ("Hardening") in docs/reliability.md: the hostile and careless
//! cases pi refuses with a clear error (added to the table of bad input), and those it now
//! handles ([`handled`], a table of their own: each row's check proves what the row says).

mod handled;

pub(crate) use handled::handled_table;

use crate::env::TestEnv;
use crate::reliability::{Case, Runner, case, journal_with_a_session};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

pub(super) fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub(super) fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn run_with(case: Case, run: Runner) -> Case {
    Case {
        run: Some(run),
        ..case
    }
}

/// As an unprivileged user, so that permissions count even when the tests run as root.
fn unprivileged(case: Case) -> Case {
    run_with(
        case,
        Box::new(|env, args| env.pi_unprivileged().args(args).output().unwrap()),
    )
}

fn with_passphrase(case: Case, passphrase: &'static str) -> Case {
    run_with(
        case,
        Box::new(move |env, args| {
            env.pi()
                .env("PI_PASSPHRASE", passphrase)
                .args(args)
                .output()
                .unwrap()
        }),
    )
}

/// With a limit on the size of any file pi writes, as a nearly full disk would.
fn on_a_full_disk(case: Case, bytes: u64) -> Case {
    run_with(
        case,
        Box::new(move |env, args| {
            let mut cmd = std::process::Command::new(TestEnv::bin());
            cmd.args(args).env_clear().current_dir(env.dir.path());
            for (k, v) in env.vars() {
                cmd.env(k, v);
            }
            use std::os::unix::process::CommandExt;
            unsafe {
                cmd.pre_exec(move || {
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
        }),
    )
}

/// The journal's own export opened in the friends' store beside it, with a comment.
pub(super) fn with_friend_comments(env: &TestEnv) {
    journal_with_a_session(env);
    env.pi()
        .args([
            "export",
            "--since",
            "2000",
            "--format",
            "json",
            "-o",
            "mine.json",
        ])
        .assert()
        .success();
    let export: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.dir.path().join("mine.json")).unwrap())
            .unwrap();
    let answer = export["sessions"][0]["answers"][0]["id"].as_str().unwrap();
    env.write("notes.toml", &format!("\"{}\" = \"Why?\"\n", &answer[..8]));
    env.pi()
        .args([
            "friend",
            "open",
            "mine.json",
            "--name",
            "Sam",
            "--comments",
            "notes.toml",
        ])
        .assert()
        .success();
}

/// `ID` in the arguments stands for the one export in the friends' store.
fn reply_runner() -> Runner {
    Box::new(|env, args| {
        let list = env
            .pi()
            .args(["friend", "list", "--json"])
            .output()
            .unwrap();
        let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
        let id = list[0]["export_id"].as_str().unwrap()[..8].to_string();
        let args: Vec<String> = args
            .iter()
            .map(|a| if a == "ID" { id.clone() } else { a.clone() })
            .collect();
        env.pi().args(&args).output().unwrap()
    })
}

/// An armored export de-armored, then cut: the binary file `age` writes without --armor.
fn a_cut_binary_age_file(env: &TestEnv) {
    journal_with_a_session(env);
    env.pi()
        .env("PI_PASSPHRASE", "correct horse battery")
        .args([
            "export",
            "--since",
            "2000",
            "--format",
            "json",
            "--encrypt",
            "-o",
            "s.age",
        ])
        .assert()
        .success();
    let armored = std::fs::read(env.dir.path().join("s.age")).unwrap();
    std::fs::remove_file(env.dir.path().join("s.age")).unwrap();
    let mut binary = Vec::new();
    std::io::Read::read_to_end(
        &mut age::armor::ArmoredReader::new(armored.as_slice()),
        &mut binary,
    )
    .unwrap();
    std::fs::write(
        env.dir.path().join("cut.age"),
        &binary[..binary.len() * 2 / 3],
    )
    .unwrap();
}

const EXPORT_ALL: [&str; 3] = ["export", "--since", "2000"];

pub(super) fn export_to(target: &'static str, more: &[&'static str]) -> Vec<&'static str> {
    let mut args = EXPORT_ALL.to_vec();
    args.extend(more);
    args.extend(["-o", target, "--force"]);
    args
}

/// Bad input of the output half of issue 9: each gets one clear error and changes nothing.
pub(crate) fn refused() -> Vec<Case> {
    vec![
        case(
            "outputs",
            "--force onto the journal",
            &export_to("data/journal.db", &[]),
            journal_with_a_session,
        ),
        case(
            "outputs",
            "--force onto a symbolic link to the journal",
            &export_to("notes.md", &[]),
            |env| {
                journal_with_a_session(env);
                std::os::unix::fs::symlink(&env.journal, env.dir.path().join("notes.md")).unwrap();
            },
        ),
        case(
            "outputs",
            "--force onto a hard link to the journal",
            &export_to("copy.json", &["--format", "json"]),
            |env| {
                journal_with_a_session(env);
                std::fs::hard_link(&env.journal, env.dir.path().join("copy.json")).unwrap();
            },
        ),
        case(
            "outputs",
            "pi review --force onto the journal's write-ahead log",
            &[
                "review",
                "-o",
                "data/journal.db-wal",
                "--force",
                "--answers",
                "r.toml",
            ],
            |env| {
                journal_with_a_session(env);
                env.write("r.toml", "");
            },
        ),
        run_with(
            case(
                "outputs",
                "pi friend reply --force onto friends.db",
                &["friend", "reply", "ID", "-o", "data/friends.db", "--force"],
                with_friend_comments,
            ),
            reply_runner(),
        ),
        case(
            "outputs",
            "--force onto the config file",
            &export_to("config/config.toml", &[]),
            |env| {
                journal_with_a_session(env);
                env.write("config/config.toml", "language = \"en\"\n");
            },
        ),
        case(
            "outputs",
            "--force onto a backup",
            &export_to("data/backups/pi-journal-20261123-100000.db", &[]),
            |env| {
                journal_with_a_session(env);
                env.pi().arg("backup").assert().success();
            },
        ),
        case(
            "outputs",
            "an output path that is a directory",
            &export_to("data", &[]),
            journal_with_a_session,
        ),
        case(
            "outputs",
            "an output path that is a socket",
            &export_to("sock", &[]),
            |env| {
                journal_with_a_session(env);
                drop(std::os::unix::net::UnixListener::bind(env.dir.path().join("sock")).unwrap());
            },
        ),
        case("journal", "a FIFO at the journal path", &["list"], |env| {
            mkfifo(&env.journal);
        }),
        unprivileged(case(
            "journal",
            "a read-only directory, for a writing command",
            &[
                "reflect",
                "--mode",
                "kiezen",
                "--depth",
                "quick",
                "--answers",
                "a.toml",
            ],
            |env| {
                journal_with_a_session(env);
                env.write("a.toml", "fit = 4\n");
                chmod(env.journal.parent().unwrap(), 0o500);
            },
        )),
        unprivileged(case(
            "journal",
            "a read-only journal file, for a writing command",
            &[
                "reflect",
                "--mode",
                "kiezen",
                "--depth",
                "quick",
                "--answers",
                "a.toml",
            ],
            |env| {
                journal_with_a_session(env);
                env.write("a.toml", "fit = 4\n");
                chmod(&env.journal, 0o400);
            },
        )),
        unprivileged(case(
            "journal",
            "a -shm nobody can write, for a writing command",
            &[
                "reflect",
                "--mode",
                "kiezen",
                "--depth",
                "quick",
                "--answers",
                "a.toml",
            ],
            |env| {
                journal_with_a_session(env);
                env.write("a.toml", "fit = 4\n");
                let shm = env.journal.with_file_name("journal.db-shm");
                std::fs::write(&shm, vec![0u8; 32768]).unwrap();
                chmod(&shm, 0o400);
            },
        )),
        with_passphrase(
            case(
                "imports",
                "a binary age file cut off after two thirds",
                &["import", "cut.age"],
                a_cut_binary_age_file,
            ),
            "correct horse battery",
        ),
        with_passphrase(
            case(
                "exports",
                "a passphrase of one space",
                &["export", "--since", "2000", "--encrypt", "-o", "s.age"],
                journal_with_a_session,
            ),
            " ",
        ),
        on_a_full_disk(
            case(
                "backups",
                "a disk that fills up during pi backup",
                &["backup"],
                |env| {
                    journal_with_a_session(env);
                    std::fs::create_dir_all(env.journal.with_file_name("backups")).unwrap();
                },
            ),
            64 * 1024,
        ),
    ]
}
