//! Hostile or unusual input pi handles: each row's `run` prepares the case, runs the real
//! binary and checks what the row says.

use super::{chmod, export_to, mkfifo, with_friend_comments};
use crate::env::TestEnv;
use crate::hostile_text::{HOSTILE, assert_shown_not_obeyed};
use crate::reliability::{journal_with_a_session, normalise};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// A case pi handles: `run` prepares, runs and checks (panicking when the row is not
/// true) and returns the exit code.
struct Handled {
    area: &'static str,
    input: &'static str,
    command: &'static str,
    does: &'static str,
    run: Box<dyn Fn(&TestEnv) -> i32>,
}

fn ok(out: &Output) -> i32 {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    0
}

fn first_session(env: &TestEnv) -> String {
    let list = crate::import::json_of(env, &["list", "--json"]);
    list[0]["id"].as_str().unwrap().to_string()
}

fn aged(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, "private text").unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(pi::clock::file_clock_now() - Duration::from_secs(3600))
        .unwrap();
}

fn handled() -> Vec<Handled> {
    vec![
        Handled {
            area: "exports",
            input: "an answer of 60,000 characters, exported encrypted",
            command: "pi export ID --format json --encrypt -o share.age",
            does: "writes armor lines of at most 64 characters; `pi import` (and `age -d`) open it",
            run: Box::new(|env| {
                let long: String = (0..6_000).map(|i| format!("word{i:05} ")).collect();
                let id = env.reflect(
                    &["--mode", "kiezen", "--depth", "quick"],
                    &format!("choice = {long:?}\n"),
                );
                let sealed = env
                    .pi()
                    .env("PI_PASSPHRASE", "correct horse battery")
                    .args([
                        "export",
                        &id,
                        "--format",
                        "json",
                        "--encrypt",
                        "-o",
                        "share.age",
                    ])
                    .output()
                    .unwrap();
                let code = ok(&sealed);
                let text = std::fs::read_to_string(env.dir.path().join("share.age")).unwrap();
                assert!(text.lines().all(|l| l.len() <= 64));
                ok(&env
                    .pi()
                    .env("PI_PASSPHRASE", "correct horse battery")
                    .args(["import", "share.age"])
                    .output()
                    .unwrap());
                code
            }),
        },
        Handled {
            area: "outputs",
            input: "/dev/null as output, with --force",
            command: "pi export --since 2000 -o /dev/null --force",
            does: "writes into the device; /dev/null stays a character device",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let code = ok(&env.pi().args(export_to("/dev/null", &[])).output().unwrap());
                let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
                assert!(kind.is_char_device());
                code
            }),
        },
        Handled {
            area: "outputs",
            input: "a FIFO as output, with --force, another program reading",
            command: "pi export --since 2000 -o pipe --force",
            does: "writes the export into the pipe; the FIFO stays a FIFO",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let fifo = env.dir.path().join("pipe");
                mkfifo(&fifo);
                let reader = {
                    let fifo = fifo.clone();
                    std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
                };
                let code = ok(&env.pi().args(export_to("pipe", &[])).output().unwrap());
                assert!(
                    std::fs::symlink_metadata(&fifo)
                        .unwrap()
                        .file_type()
                        .is_fifo()
                );
                assert!(reader.join().unwrap().starts_with("# Reflections"));
                code
            }),
        },
        Handled {
            area: "terminal",
            input: "a friend's reply whose name and comment carry ESC[2J, an OSC title, ESC[1A ESC[2K, ESC[8m and U+202E",
            command: "pi show ID --color always",
            does: "shows them as `␛[2J`, `␛]0;…␇`, `␛[1A␛[2K`, `␛[8m`, `<U+202E>`: visible, never obeyed; `--json` keeps them exactly",
            run: Box::new(|env| {
                with_friend_comments(env);
                let export: serde_json::Value = serde_json::from_str(
                    &std::fs::read_to_string(env.dir.path().join("mine.json")).unwrap(),
                )
                .unwrap();
                let answer = export["sessions"][0]["answers"][0]["id"].as_str().unwrap();
                let notes = serde_json::json!({ &answer[..8]: format!("Look{HOSTILE}") });
                env.write("evil.json", &notes.to_string());
                let store = env.dir.path().join("other-friends.db");
                let pi = |args: &[&str]| {
                    env.pi()
                        .args(args)
                        .arg("--store")
                        .arg(&store)
                        .output()
                        .unwrap()
                };
                let name = format!("Sam{HOSTILE}");
                ok(&pi(&[
                    "friend",
                    "open",
                    "mine.json",
                    "--name",
                    &name,
                    "--comments",
                    "evil.json",
                ]));
                let id = export["export_id"].as_str().unwrap()[..8].to_string();
                ok(&pi(&["friend", "reply", &id, "-o", "reply.json"]));
                ok(&env.pi().args(["import", "reply.json"]).output().unwrap());
                let shown = env
                    .pi()
                    .args(["--color", "always", "show", &first_session(env)])
                    .output()
                    .unwrap();
                assert_shown_not_obeyed("pi show", &shown.stdout);
                ok(&shown)
            }),
        },
        Handled {
            area: "terminal",
            input: "a jrnl entry with the same sequences in its title, text and tags",
            command: "pi import --from jrnl, then pi list, show, search, history entry",
            does: "every command shows them visibly and obeys none",
            run: Box::new(|env| {
                let entry = serde_json::json!({
                    "title": format!("Reorganisation{HOSTILE}"),
                    "body": format!("The reorganisation{HOSTILE} went on."),
                    "date": "2024-01-31", "time": "09:30",
                    "tags": [format!("@work{HOSTILE}")], "starred": false,
                });
                env.write(
                    "j.json",
                    &serde_json::json!({"tags": {}, "entries": [entry]}).to_string(),
                );
                ok(&env
                    .pi()
                    .args(["import", "--from", "jrnl", "j.json"])
                    .output()
                    .unwrap());
                let id = first_session(env);
                for args in [
                    vec!["show", id.as_str()],
                    vec!["search", "reorganisation"],
                    vec!["history", "entry"],
                ] {
                    let out = env
                        .pi()
                        .arg("--color")
                        .arg("always")
                        .args(&args)
                        .output()
                        .unwrap();
                    ok(&out);
                    assert_shown_not_obeyed(&args.join(" "), &out.stdout);
                }
                let out = env
                    .pi()
                    .args(["--color", "always", "list"])
                    .output()
                    .unwrap();
                crate::hostile_text::assert_obeys_nothing("list", &out.stdout);
                ok(&out)
            }),
        },
        Handled {
            area: "exports",
            input: "an answer with an unclosed right-to-left override (U+202E)",
            command: "pi export --since 2000 --format html -o - (and --format md)",
            does: "shows `<U+202E>` in the answer, so pi's own date line after it reads the right way",
            run: Box::new(|env| {
                env.reflect(
                    &["--mode", "kiezen", "--depth", "quick"],
                    "choice = \"Reversed \u{202e}from here\"\n",
                );
                let mut code = 0;
                for format in ["html", "md"] {
                    let out = env
                        .pi()
                        .args(["export", "--since", "2000", "--format", format, "-o", "-"])
                        .output()
                        .unwrap();
                    code = ok(&out);
                    let text = String::from_utf8_lossy(&out.stdout);
                    assert!(
                        !text.contains('\u{202e}') && text.contains("U+202E"),
                        "{text}"
                    );
                }
                code
            }),
        },
        Handled {
            area: "editor",
            input: "an answer written in $EDITOR with lines starting with # and indented lines",
            command: "pi reflect (in a terminal, EDITOR set)",
            does: "keeps the answer exactly as written, apart from one trailing newline; the file was 0600 in a 0700 directory of pi's own",
            run: Box::new(|env| {
                let editor = env.write(
                    "editor.sh",
                    "#!/bin/sh\nstat -c '%a' \"$(dirname \"$1\")\" \"$1\" > modes.log\n\
                     rest=$(tail -n +2 \"$1\")\n\
                     printf '# Not a heading\\n    indented\\n%s\\n' \"$rest\" > \"$1\"\n",
                );
                chmod(&editor, 0o755);
                let mut pi = crate::pty::spawn(
                    env,
                    &[
                        "reflect",
                        "--mode",
                        "kiezen",
                        "--depth",
                        "quick",
                        "--context",
                        "Intake",
                    ],
                    &[("EDITOR", editor.to_str().unwrap())],
                );
                crate::pty::expect(&mut pi, "[2/12]");
                crate::pty::ctrl_c(&mut pi);
                let code = crate::pty::exit_code(&mut pi);
                let show = env.show_json(&first_session(env));
                let answer = show["prompts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["prompt_id"] == "key-moment")
                    .unwrap();
                assert_eq!(answer["answer"]["text"], "# Not a heading\n    indented");
                let modes = std::fs::read_to_string(env.dir.path().join("modes.log")).unwrap();
                assert_eq!(modes, "700\n600\n");
                code
            }),
        },
        Handled {
            area: "leftovers",
            input: "an export temp file, a restore copy and an editor file left by a killed pi, an hour old",
            command: "pi doctor, then pi list",
            does: "doctor lists them (exit 1) and removes nothing; the next command removes them and says so",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let data = env.journal.parent().unwrap().to_path_buf();
                let left = [
                    data.join(".pi-export-a1"),
                    data.join(".journal.db.restoring-20261122T100000Z"),
                    data.join(".pi-editing/pi-answer-key-moment-b2.md"),
                ];
                left.iter().for_each(|p| aged(p));
                let doctor = env.pi().arg("doctor").output().unwrap();
                assert_eq!(doctor.status.code(), Some(1));
                assert!(
                    String::from_utf8_lossy(&doctor.stdout)
                        .contains("3 files left by an interrupted pi")
                );
                assert!(left.iter().all(|p| p.exists()));
                let list = env.pi().arg("list").output().unwrap();
                assert!(String::from_utf8_lossy(&list.stderr).contains("Removed 3 files"));
                assert!(left.iter().all(|p| !p.exists()));
                ok(&list)
            }),
        },
        Handled {
            area: "backups",
            input: "pi backup, a restore, then the list of backups",
            command: "pi backup --list",
            does: "lists the backup and the journal kept before the restore; no -wal or -shm beside either",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let made = env.pi().arg("backup").output().unwrap();
                let copy = String::from_utf8_lossy(&made.stdout).trim().to_string();
                ok(&env
                    .pi()
                    .args(["backup", "--restore", &copy])
                    .output()
                    .unwrap());
                let list = env.pi().args(["backup", "--list"]).output().unwrap();
                let text = String::from_utf8_lossy(&list.stdout);
                assert!(
                    text.contains("pi backup") && text.contains("before a restore"),
                    "{text}"
                );
                for dir in [
                    env.journal.parent().unwrap(),
                    &env.journal.with_file_name("backups"),
                ] {
                    for e in std::fs::read_dir(dir).unwrap().flatten() {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let copy =
                            name.contains("before-restore") || name.starts_with("pi-journal-");
                        assert!(
                            !(copy && (name.ends_with("-wal") || name.ends_with("-shm"))),
                            "{name}"
                        );
                    }
                }
                ok(&list)
            }),
        },
        Handled {
            area: "journal",
            input: "a journal in a read-only directory, for reading commands",
            command: "pi list (show, search, export -o -, status …)",
            does: "reads it read-only; nothing is created beside it",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let data = env.journal.parent().unwrap();
                chmod(data, 0o500);
                let out = env.pi_unprivileged().arg("list").output().unwrap();
                let code = ok(&out);
                assert_eq!(std::fs::read_dir(data).unwrap().count(), 1);
                chmod(data, 0o700);
                code
            }),
        },
        Handled {
            area: "journal",
            input: "a read-only journal file, for reading commands",
            command: "pi show ID",
            does: "reads it read-only; no read-only -wal or -shm is left to block later writes",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let id = first_session(env);
                chmod(&env.journal, 0o400);
                let out = env.pi_unprivileged().args(["show", &id]).output().unwrap();
                let code = ok(&out);
                assert_eq!(
                    std::fs::read_dir(env.journal.parent().unwrap())
                        .unwrap()
                        .count(),
                    1
                );
                code
            }),
        },
        Handled {
            area: "journal",
            input: "a -shm nobody can write (the journal itself fine)",
            command: "pi doctor",
            does: "names the file and its mode, and says to delete it when no pi is running (it said \"All is well\")",
            run: Box::new(|env| {
                journal_with_a_session(env);
                let shm = env.journal.with_file_name("journal.db-shm");
                std::fs::write(&shm, vec![0u8; 32768]).unwrap();
                chmod(&shm, 0o400);
                let out = env.pi_unprivileged().arg("doctor").output().unwrap();
                let text = String::from_utf8_lossy(&out.stdout);
                assert!(
                    text.contains("journal.db-shm cannot be written (mode 400)"),
                    "{text}"
                );
                out.status.code().unwrap_or(-1)
            }),
        },
    ]
}

/// The second table of docs/reliability.md.
pub(crate) fn handled_table() -> String {
    let mut table = String::from(
        "\n## Hostile or unusual input pi handles\n\n\
         Each row is checked by `tests/cli/reliability_hardening/handled.rs` against the real binary.\n\n\
         | area | input | command | exit | what pi does |\n\
         |---|---|---|---|---|\n",
    );
    for h in handled() {
        let env = TestEnv::new();
        let code = (h.run)(&env);
        table.push_str(&format!(
            "| {} | {} | `{}` | {code} | {} |\n",
            h.area,
            normalise(h.input, env.dir.path()).replace('|', "\\|"),
            h.command,
            h.does.replace('|', "\\|"),
        ));
    }
    table
}
