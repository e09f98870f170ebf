//! End-to-end tests that drive the real binary in a pseudo-terminal, as a person would: arrow
//! keys and Enter in menus, typed answers, Ctrl-C, and SIGKILL halfway.

use crate::env::TestEnv;
use expectrl::{Eof, Session};
use std::process::Command;
use std::time::Duration;

pub const ENTER: &str = "\r";
pub const DOWN: &str = "\x1b[B";

/// Starts `pi ARGS` in a pseudo-terminal of 100×40 in the test's environment, as a person
/// who was already asked whether to encrypt a new journal (and said no): the config file,
/// when the test has none, says so. `spawn_as_new_user` leaves it out.
pub fn spawn(env: &TestEnv, args: &[&str], extra: &[(&str, &str)]) -> Session {
    let config = env.config_dir.join("config.toml");
    if !config.exists() {
        std::fs::create_dir_all(&env.config_dir).unwrap();
        std::fs::write(&config, "offer_encryption = false\n").unwrap();
    }
    spawn_as_new_user(env, args, extra)
}

/// As [`spawn`], with the config as the test left it: a new user is offered encryption.
pub fn spawn_as_new_user(env: &TestEnv, args: &[&str], extra: &[(&str, &str)]) -> Session {
    let mut cmd = Command::new(TestEnv::bin());
    cmd.args(args).env_clear().current_dir(env.dir.path());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    cmd.env("TERM", "xterm");
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn pi in a pty");
    session.get_process_mut().set_window_size(100, 40).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(60)));
    session
}

/// Waits for `needle`, failing with what the screen showed instead.
pub fn expect(session: &mut Session, needle: &str) {
    if let Err(e) = session.expect(needle) {
        panic!("expected {needle:?} on the terminal: {e}");
    }
}

/// Types a one-paragraph answer to a long-text prompt (an empty line ends it).
pub fn answer_text(session: &mut Session, header: &str, text: &str) {
    expect(session, header);
    session.send(format!("{text}{ENTER}")).unwrap();
    expect(session, text);
    session.send(ENTER).unwrap();
}

/// Types a one-line answer to a short-text prompt.
pub fn answer_line(session: &mut Session, header: &str, text: &str) {
    expect(session, header);
    session.send(format!("{text}{ENTER}")).unwrap();
    expect(session, text);
}

pub fn answer_list(session: &mut Session, header: &str, items: &[&str]) {
    expect(session, header);
    for item in items {
        session.send(format!("{item}{ENTER}")).unwrap();
        expect(session, item);
    }
    session.send(ENTER).unwrap();
}

/// Presses Ctrl-C once the prompt is reading keys (a Ctrl-C that arrives before it does is
/// swallowed by the terminal's line discipline, as it would be for a person).
pub fn ctrl_c(session: &mut Session) {
    std::thread::sleep(Duration::from_millis(300));
    session.send("\x03").unwrap();
}

/// Waits for the process to end and returns its exit code.
pub fn exit_code(session: &mut Session) -> i32 {
    if let Err(e) = session.expect(Eof) {
        let _ = session.get_process_mut().kill(expectrl::Signal::SIGKILL);
        panic!("pi did not finish: {e}");
    }
    match session.get_process().wait().unwrap() {
        expectrl::WaitStatus::Exited(_, code) => code,
        other => panic!("pi did not exit normally: {other:?}"),
    }
}

fn answer_of<'a>(show: &'a serde_json::Value, prompt: &str) -> &'a serde_json::Value {
    show["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == prompt)
        .unwrap_or_else(|| panic!("prompt {prompt} in pi show"))
}

fn only_session(env: &TestEnv) -> serde_json::Value {
    let out = env.pi().args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let id = list[0]["id"].as_str().unwrap().to_string();
    env.show_json(&id)
}

#[test]
fn reflect_survives_sigkill_and_resumes_to_the_end() {
    let env = TestEnv::new();
    let mut pi = spawn(&env, &["reflect"], &[]);
    expect(&mut pi, "How do you want to work today?");
    pi.send(ENTER).unwrap(); // explore and acknowledge
    expect(&mut pi, "What is this session about?");
    pi.send(format!("Project X{ENTER}")).unwrap();
    expect(&mut pi, "How much time do you want to take?");
    pi.send(ENTER).unwrap(); // quick
    answer_text(
        &mut pi,
        "[1/13]",
        "Rebuilding the intake, the day the team said no.",
    );
    answer_text(&mut pi, "[2/13]", "The real issue was trust.");
    expect(&mut pi, "[3/13]");

    // Pull the plug: no chance to clean up.
    pi.get_process_mut()
        .kill(expectrl::Signal::SIGKILL)
        .unwrap();
    let _ = pi.get_process().wait();

    let show = only_session(&env);
    assert_eq!(show["session"]["status"], "in_progress");
    assert_eq!(show["session"]["context"], "Project X");
    assert_eq!(show["session"]["answered"], 2);
    assert_eq!(
        answer_of(&show, "key-moment")["answer"]["text"],
        "Rebuilding the intake, the day the team said no."
    );
    assert_eq!(
        answer_of(&show, "essence")["answer"]["text"],
        "The real issue was trust."
    );
    assert_eq!(answer_of(&show, "alternatives")["status"], "open");

    let mut pi = spawn(&env, &["resume"], &[]);
    expect(&mut pi, "at question 3 of 13");
    answer_list(
        &mut pi,
        "[3/13]",
        &["Involve people early", "Pilot with one team"],
    );
    answer_text(&mut pi, "[4/13]", "Involve people early.");
    answer_line(&mut pi, "[5/13]", "What do I bring to a new team?");
    answer_text(&mut pi, "[6/13]", "I make complicated things simple.");
    answer_list(
        &mut pi,
        "[7/13]",
        &["Deciding for others", "Office politics"],
    );
    // Skip prompt 8 through the menu an empty answer opens.
    expect(&mut pi, "[8/13]");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "What would you like to do?");
    pi.send(format!("{DOWN}{DOWN}{ENTER}")).unwrap();
    answer_text(&mut pi, "[9/13]", "I share the craft but not its hurry.");
    answer_text(&mut pi, "[10/13]", "An adviser people can act on.");
    answer_list(&mut pi, "[11/13]", &["I stand for clear advice"]);
    expect(&mut pi, "[12/13]");
    pi.send(format!("Ask for feedback after every workshop{ENTER}"))
        .unwrap();
    expect(&mut pi, "YYYY-MM-DD");
    pi.send(format!("2027-03-01{ENTER}")).unwrap();
    answer_line(&mut pi, "[13/13]", "What do you see me do at my best?");
    expect(&mut pi, "Session finished.");
    assert_eq!(exit_code(&mut pi), 0);

    let show = only_session(&env);
    assert_eq!(show["session"]["status"], "finished");
    assert_eq!(show["session"]["answered"], 12);
    assert_eq!(answer_of(&show, "responsibility")["status"], "skipped");
    assert_eq!(
        answer_of(&show, "not-mine")["answer"]["items"],
        serde_json::json!(["Deciding for others", "Office politics"])
    );
    assert_eq!(
        show["statements"],
        serde_json::json!(["I stand for clear advice"])
    );
    assert_eq!(
        show["commitments"],
        serde_json::json!(["Ask for feedback after every workshop (look back 2027-03-01)"])
    );
}

#[test]
fn ctrl_c_pauses_with_exit_130_and_keeps_answers() {
    let env = TestEnv::new();
    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "",
        ],
        &[],
    );
    answer_line(&mut pi, "[1/8]", "Do I still want to advise?");
    answer_text(
        &mut pi,
        "[2/8]",
        "A reorganisation moved me from deciding to advising.",
    );
    expect(&mut pi, "[3/8]");
    expect(&mut pi, "(hardly fits any more)"); // the scale's hint shows its labelled ends
    ctrl_c(&mut pi);
    expect(&mut pi, "Paused. Everything you answered is saved.");
    assert_eq!(exit_code(&mut pi), 130);

    let show = only_session(&env);
    assert_eq!(show["session"]["status"], "in_progress");
    assert_eq!(show["session"]["answered"], 2);
}

#[test]
fn help_pause_and_scale_validation_in_the_terminal() {
    let env = TestEnv::new();
    let mut pi = spawn(
        &env,
        &[
            "reflect", "--mode", "kiezen", "--depth", "quick", "--lang", "nl",
        ],
        &[],
    );
    expect(&mut pi, "Waar gaat deze sessie over?");
    pi.send(ENTER).unwrap();
    answer_line(&mut pi, "[1/8]", "Blijf ik?");
    answer_text(&mut pi, "[2/8]", "Mijn team is opgeheven.");
    expect(&mut pi, "[3/8]");
    pi.send(format!("9{ENTER}")).unwrap();
    expect(&mut pi, "Typ een heel getal van 1 tot 5.");
    pi.send(format!("4{ENTER}")).unwrap();
    expect(&mut pi, "[4/8]");
    pi.send(ENTER).unwrap();
    expect(&mut pi, "Wat wil je doen?");
    pi.send(format!("{DOWN}{ENTER}")).unwrap(); // why this question?
    expect(&mut pi, "Wat wil je doen?");
    pi.send(format!("{DOWN}{DOWN}{DOWN}{ENTER}")).unwrap(); // pause
    expect(&mut pi, "Gepauzeerd.");
    expect(&mut pi, "pi resume");
    assert_eq!(exit_code(&mut pi), 0);

    let show = only_session(&env);
    assert_eq!(show["session"]["status"], "in_progress");
    assert_eq!(answer_of(&show, "fit")["answer"]["number"], 4);
    assert_eq!(answer_of(&show, "anchor")["status"], "open");
}

#[test]
fn long_answers_use_the_editor_and_notice_an_unsaved_one() {
    let env = TestEnv::new();
    let saving = env.write(
        "fake-editor.sh",
        "#!/bin/sh\nprintf 'Written in my editor.\\nSecond line.\\n' >> \"$1\"\n",
    );
    let lazy = env.write("lazy-editor.sh", "#!/bin/sh\nexit 0\n");
    for script in [&saving, &lazy] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    let mut pi = spawn(
        &env,
        &[
            "reflect",
            "--mode",
            "kiezen",
            "--depth",
            "quick",
            "--context",
            "",
        ],
        &[("EDITOR", saving.to_str().unwrap())],
    );
    // A one-line answer is typed; the long one after it goes to the editor.
    answer_line(&mut pi, "[1/8]", "Where next?");
    expect(&mut pi, "[3/8]");
    expect(&mut pi, "(hardly fits any more)");
    ctrl_c(&mut pi);
    assert_eq!(exit_code(&mut pi), 130);
    let show = only_session(&env);
    assert_eq!(
        answer_of(&show, "first-signal")["answer"]["text"],
        "Written in my editor.\nSecond line."
    );

    let mut pi = spawn(&env, &["resume"], &[("VISUAL", lazy.to_str().unwrap())]);
    expect(&mut pi, "[3/8]");
    expect(&mut pi, "(hardly fits any more)");
    pi.send(format!("3{ENTER}")).unwrap();
    expect(&mut pi, "[4/8]");
    expect(
        &mut pi,
        "The editor closed without saving; nothing was kept.",
    );
    expect(&mut pi, "What would you like to do?");
    pi.send(format!("{DOWN}{DOWN}{DOWN}{ENTER}")).unwrap();
    assert_eq!(exit_code(&mut pi), 0);
    let show = only_session(&env);
    assert_eq!(answer_of(&show, "anchor")["status"], "open");
}
