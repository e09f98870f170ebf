//! Long answers written in `$EDITOR` (issue 9, "Lines starting with `#` vanish" and the
//! editor's file among "Leftovers"): kept exactly as written, in a private file of pi's
//! own that a killed pi does not leave in the system's temporary directory for good.

use crate::env::TestEnv;
use crate::pty::{expect, spawn};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

fn script(env: &TestEnv, name: &str, body: &str) -> PathBuf {
    let path = env.write(name, &format!("#!/bin/sh\n{body}\n"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn first_answer(env: &TestEnv) -> serde_json::Value {
    let list = crate::import::json_of(env, &["list", "--json"]);
    let id = list[0]["id"].as_str().unwrap().to_string();
    let show = env.show_json(&id);
    show["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "key-moment")
        .unwrap()["answer"]
        .clone()
}

#[test]
fn an_editor_answer_keeps_hash_lines_and_indentation_in_a_private_file() {
    let env = TestEnv::new();
    let log = env.dir.path().join("editor.log");
    // Writes on the first line, as a person does, and notes where it was asked to write.
    let editor = script(
        &env,
        "editor.sh",
        "stat -c '%a' \"$(dirname \"$1\")\" \"$1\" >> \"$FAKE_LOG\"\n\
         echo \"$1\" >> \"$FAKE_LOG\"\n\
         cat \"$1\" >> \"$FAKE_LOG\"\n\
         rest=$(tail -n +2 \"$1\")\n\
         printf '# Not a heading\\n    indented line\\n  \\n%s\\n' \"$rest\" > \"$1\"",
    );
    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "Intake",
        ],
        &[
            ("EDITOR", editor.to_str().unwrap()),
            ("FAKE_LOG", log.to_str().unwrap()),
        ],
    );
    expect(&mut pi, "[2/12]");
    crate::pty::ctrl_c(&mut pi);
    assert_eq!(crate::pty::exit_code(&mut pi), 130);
    assert_eq!(
        first_answer(&env)["text"],
        "# Not a heading\n    indented line\n  "
    );
    let log = std::fs::read_to_string(&log).unwrap();
    let mut lines = log.lines();
    assert_eq!(
        lines.next(),
        Some("700"),
        "the editor's directory is private\n{log}"
    );
    assert_eq!(
        lines.next(),
        Some("600"),
        "the answer file is private\n{log}"
    );
    let file = lines.next().unwrap();
    let private_dir = env.journal.parent().unwrap().join(".pi-editing");
    assert!(file.starts_with(private_dir.to_str().unwrap()), "{file}");
    assert!(file.contains("pi-answer-key-moment-"), "{file}");
    assert!(log.contains("~~~ pi: from this line"), "{log}");
    assert_eq!(
        std::fs::read_dir(&private_dir).unwrap().count(),
        0,
        "the file is gone once the answer is kept"
    );
}

#[test]
fn a_killed_pi_leaves_its_editor_file_only_in_its_own_directory_until_the_next_start() {
    let env = TestEnv::new();
    let tmp = env.dir.path().join("system-tmp");
    std::fs::create_dir(&tmp).unwrap();
    // The terminal is closed under pi while the answer is being written.
    let editor = script(
        &env,
        "editor.sh",
        "printf 'A private answer\\n' > \"$1\"\nkill -9 $PPID\nsleep 1",
    );
    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "Intake",
        ],
        &[
            ("EDITOR", editor.to_str().unwrap()),
            ("TMPDIR", tmp.to_str().unwrap()),
        ],
    );
    expect(&mut pi, "Opening your editor");
    let _ = pi.get_process().wait();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "nothing in TMPDIR"
    );
    let private_dir = env.journal.parent().unwrap().join(".pi-editing");
    let left: Vec<PathBuf> = std::fs::read_dir(&private_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    let mode = std::fs::metadata(&left[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // An hour later, the next pi removes it.
    std::fs::File::options()
        .write(true)
        .open(&left[0])
        .unwrap()
        .set_modified(pi::clock::file_clock_now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let out = env.pi().arg("list").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Removed 1 file left by an interrupted pi"),
        "{err}"
    );
    assert!(!left[0].exists());
}
