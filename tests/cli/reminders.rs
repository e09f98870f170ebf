//! Reminders: `pi status --quiet` says through its exit code whether something is due (0 or
//! 10), and every snippet in docs/shell.md (start-up files, the systemd service, the launchd
//! job) runs as written, notifying exactly when something is due.

use crate::bad_input::error_message;
use crate::completions::PiOnPath;
use crate::env::TestEnv;
use crate::env::installed;
use std::path::{Path, PathBuf};
use std::process::Output;

const EXPLORE: [&str; 4] = ["--mode", "verkennen", "--depth", "quick"];

/// `pi status --quiet` at `now`: its exit code, after checking it printed nothing.
fn quiet_at(env: &TestEnv, now: &str) -> i32 {
    let out = env
        .pi()
        .env("PI_NOW", now)
        .args(["status", "--quiet"])
        .output()
        .unwrap();
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "pi status --quiet printed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.code().unwrap()
}

fn quiet(env: &TestEnv) -> i32 {
    quiet_at(env, crate::env::NOW)
}

fn config(env: &TestEnv, text: &str) {
    std::fs::create_dir_all(&env.config_dir).unwrap();
    std::fs::write(env.config_dir.join("config.toml"), text).unwrap();
}

#[test]
fn without_a_journal_nothing_is_due_and_nothing_is_created() {
    let env = TestEnv::new();
    let before = env.files();
    assert_eq!(quiet(&env), 0);
    assert_eq!(env.files(), before);
}

#[test]
fn a_reflection_becomes_due_as_time_passes() {
    let env = TestEnv::new();
    env.reflect_at("2026-11-02T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    assert_eq!(quiet(&env), 0, "three weeks after a reflection");
    assert_eq!(
        quiet_at(&env, "2026-12-20T09:00:00Z"),
        0,
        "seven weeks after"
    );
    assert_eq!(
        quiet_at(&env, "2027-01-05T09:00:00Z"),
        10,
        "nine weeks after"
    );
    config(&env, "remind_after_weeks = 10\n");
    assert_eq!(
        quiet_at(&env, "2027-01-05T09:00:00Z"),
        0,
        "with ten weeks set"
    );
}

#[test]
fn a_commitment_to_look_back_on_is_due() {
    let env = TestEnv::new();
    env.reflect_at(
        "2026-11-10T09:00:00Z",
        &EXPLORE,
        "commitment = { text = \"Ask for feedback\", look_back = \"2026-11-30\" }\n",
    );
    assert_eq!(quiet(&env), 0, "before the look-back date");
    assert_eq!(quiet_at(&env, "2026-11-30T12:00:00Z"), 10, "on it");
}

#[test]
fn the_yearly_review_is_due_in_its_month() {
    let env = TestEnv::new();
    env.reflect_at("2026-11-02T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    config(&env, "review_month = 12\n");
    assert_eq!(quiet(&env), 0);
    assert_eq!(quiet_at(&env, "2026-12-01T09:00:00Z"), 10);
}

#[test]
fn a_paused_session_is_due() {
    let env = TestEnv::new();
    let id = env.reflect_at("2026-11-20T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    assert_eq!(quiet(&env), 0);
    rusqlite::Connection::open(&env.journal)
        .unwrap()
        .execute(
            "UPDATE sessions SET status = 'in_progress', finished_at = NULL WHERE id = ?1",
            [&id],
        )
        .unwrap();
    assert_eq!(quiet(&env), 10);
}

#[test]
fn quiet_fails_loudly_on_a_broken_journal_and_refuses_json() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.journal.parent().unwrap()).unwrap();
    std::fs::write(&env.journal, "not a journal\n".repeat(20)).unwrap();
    let assert = env.pi().args(["status", "--quiet"]).assert().code(1);
    assert!(error_message(&assert).contains("is not a pi journal"));
    env.pi()
        .args(["status", "--quiet", "--json"])
        .assert()
        .code(2);
    let help = env.pi().args(["status", "--help"]).assert().success();
    let help = String::from_utf8_lossy(&help.get_output().stdout).into_owned();
    assert!(
        help.contains("with --quiet 0 means nothing is due and 10 that something is"),
        "{help}"
    );
}

/// The fenced code blocks of docs/shell.md: (info string, text).
fn doc_blocks() -> Vec<(String, String)> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/shell.md");
    let text = std::fs::read_to_string(path).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((info.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, body)) = &mut current {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The one block of docs/shell.md in language `info` that contains `mark`.
fn doc_block(info: &str, mark: &str) -> String {
    let found: Vec<String> = doc_blocks()
        .into_iter()
        .filter(|(i, body)| i == info && body.contains(mark))
        .map(|(_, body)| body)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {info} block with {mark:?} in docs/shell.md"
    );
    found[0].clone()
}

/// A home with `pi` where `cargo install` puts it, and stand-ins for `notify-send` and
/// `osascript` that write what they were asked to show into `notified`.
struct Desktop {
    pi: PiOnPath,
    notified: PathBuf,
}

impl Desktop {
    fn new(env: &TestEnv) -> Self {
        let pi = PiOnPath::new();
        let cargo_bin = env.home.join(".cargo/bin");
        std::fs::create_dir_all(&cargo_bin).unwrap();
        std::os::unix::fs::symlink(TestEnv::bin(), cargo_bin.join("pi")).unwrap();
        let notified = env.home.join("notified");
        for program in ["notify-send", "osascript"] {
            let path = pi.dir().join(program);
            std::fs::write(
                &path,
                format!(
                    "#!/bin/sh\nprintf '%s\\n' {program} \"$@\" > '{}'\n",
                    notified.display()
                ),
            )
            .unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Self { pi, notified }
    }

    /// Runs `program args...` as the docs' snippet would run, at `now`.
    fn run(&self, env: &TestEnv, now: &str, program: &str, args: &[&str]) -> Output {
        let _ = std::fs::remove_file(&self.notified);
        self.pi
            .command(env, Path::new(program))
            .env("PI_NOW", now)
            .args(args)
            .output()
            .unwrap()
    }

    fn notification(&self) -> Option<String> {
        std::fs::read_to_string(&self.notified).ok()
    }
}

/// A journal with a reflection on 2026-11-02: nothing due at the test's moment, a
/// reflection due nine weeks later. Returns those two moments.
fn journal_that_becomes_due(env: &TestEnv) -> (&'static str, &'static str) {
    env.reflect_at("2026-11-02T09:00:00Z", &EXPLORE, "colour = \"Maps.\"\n");
    (crate::env::NOW, "2027-01-05T09:00:00Z")
}

fn stdout_of(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_start_up_snippet_speaks_only_when_something_is_due() {
    let env = TestEnv::new();
    let (calm, due) = journal_that_becomes_due(&env);
    let desktop = Desktop::new(&env);
    let snippet = doc_block("sh", "pi status --quiet");
    let expected = "A reflection is due: the last was 9 weeks ago (2026-11-02). Start one with \
                    `pi reflect`.\n";
    let mut shells = vec!["sh".to_string(), "bash".to_string()];
    shells.extend(installed("zsh").map(|_| "zsh".to_string()));
    for shell in &shells {
        let out = desktop.run(&env, calm, shell, &["-c", &snippet]);
        assert_eq!(stdout_of(&out), "", "{shell}, nothing due");
        let out = desktop.run(&env, due, shell, &["-c", &snippet]);
        assert_eq!(stdout_of(&out), expected, "{shell}, due");
    }
    if installed("fish").is_some() {
        let snippet = doc_block("fish", "pi status --quiet");
        let fish = ["--no-config", "-i", "-c", snippet.as_str()];
        assert_eq!(stdout_of(&desktop.run(&env, calm, "fish", &fish)), "");
        assert_eq!(stdout_of(&desktop.run(&env, due, "fish", &fish)), expected);
    }
}

#[test]
fn the_systemd_service_notifies_only_when_something_is_due() {
    let env = TestEnv::new();
    let (calm, due) = journal_that_becomes_due(&env);
    let desktop = Desktop::new(&env);
    let unit = doc_block("ini", "[Service]");
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("an ExecStart line");
    // What systemd does before running it: %h is the home folder, $$ a single $.
    let exec = exec
        .replace("%h", &env.home.display().to_string())
        .replace("$$", "$");
    let timer = doc_block("ini", "[Timer]");
    assert!(timer.contains("OnCalendar=") && timer.contains("WantedBy=timers.target"));

    let out = desktop.run(&env, calm, "sh", &["-c", &exec]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(desktop.notification(), None, "nothing due, no notification");

    let out = desktop.run(&env, due, "sh", &["-c", &exec]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        desktop.notification().as_deref(),
        Some(
            "notify-send\n--app-name=pi\npi\nA reflection is due: the last was 9 weeks ago \
             (2026-11-02). Start one with `pi reflect`.\n"
        )
    );
    config(&env, "language = \"nl\"\n");
    desktop.run(&env, due, "sh", &["-c", &exec]);
    let dutch = desktop.notification().unwrap();
    assert!(dutch.contains("Tijd voor een reflectie"), "{dutch}");

    // An error is an error for systemd too (exit 1), not a notification.
    std::fs::write(&env.journal, "broken\n".repeat(30)).unwrap();
    let out = desktop.run(&env, due, "sh", &["-c", &exec]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(desktop.notification(), None);
}

#[test]
fn the_launchd_job_notifies_only_when_something_is_due() {
    let env = TestEnv::new();
    let (calm, due) = journal_that_becomes_due(&env);
    let desktop = Desktop::new(&env);
    let plist = doc_block("xml", "<plist");
    for key in ["Label", "ProgramArguments", "StartCalendarInterval"] {
        assert!(plist.contains(&format!("<key>{key}</key>")), "{key}");
    }
    let script = plist
        .split("<string>-c</string>")
        .nth(1)
        .and_then(|rest| rest.split("<string>").nth(1))
        .and_then(|rest| rest.split("</string>").next())
        .expect("the script after -c");
    assert!(
        !script.contains('&') && !script.contains('<'),
        "no XML escapes to undo"
    );

    desktop.run(&env, calm, "/bin/sh", &["-c", script]);
    assert_eq!(desktop.notification(), None);
    let out = desktop.run(&env, due, "/bin/sh", &["-c", script]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = desktop.notification().unwrap();
    assert!(
        shown.starts_with(
            "osascript\n-e\non run argv\n-e\ndisplay notification (item 1 of argv) with title \
             \"pi\"\n-e\nend run\nA reflection is due"
        ),
        "{shown}"
    );
}
