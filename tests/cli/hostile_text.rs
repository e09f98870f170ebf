//! Text from outside never drives the terminal (issue 9, Broken 3): a friend's name and
//! comments, imported jrnl entries and pasted answers carrying `ESC[2J`, an OSC title,
//! `ESC[1A ESC[2K`, a hidden-text style and a right-to-left override are shown as visible
//! marks by every command that prints them, in colour or not; the journal keeps them exactly.

use crate::env::TestEnv;
use crate::import::{a_history, export_to, import, json_of};
use std::path::Path;

/// Clears the screen, sets the window title, moves up and erases a line, hides the text
/// after it, and reverses what follows.
pub const HOSTILE: &str = "\x1b[2J\x1b]0;owned\x07\x1b[1A\x1b[2K\x1b[8m\u{202e}";

/// What [`HOSTILE`] looks like once made visible.
const SHOWN: [&str; 5] = ["␛[2J", "␛]0;owned␇", "␛[1A␛[2K", "␛[8m", "<U+202E>"];

/// `text` with pi's own colour sequences taken out: what remains must hold no escape.
fn without_own_styles(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let params = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(tail.len());
        if tail[params..].starts_with('m') {
            rest = &tail[params + 1..];
        } else {
            out.push_str("\x1b[");
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Asserts that `output` of `what` obeys none of the hostile text and shows that it was
/// there (a table may wrap the marks, Markdown escapes their brackets).
#[track_caller]
pub fn assert_obeys_nothing(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    let bare = without_own_styles(&text);
    assert!(!bare.contains('\x1b'), "{what}: a raw escape\n{text:?}");
    assert!(!bare.contains('\x07'), "{what}: a raw bell\n{text:?}");
    for c in ['\u{202e}', '\u{9b}'] {
        assert!(!bare.contains(c), "{what}: raw {c:?}\n{text:?}");
    }
    assert!(
        text.contains('␛'),
        "{what}: the escape is not shown\n{text}"
    );
}

/// [`assert_obeys_nothing`], and every part of the hostile text is shown whole.
#[track_caller]
pub fn assert_shown_not_obeyed(what: &str, output: &[u8]) {
    assert_obeys_nothing(what, output);
    let text = String::from_utf8_lossy(output);
    for mark in SHOWN {
        assert!(text.contains(mark), "{what}: {mark} is not shown\n{text}");
    }
}

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    let out = env.pi().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "pi {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn a_friends_name_and_comments_are_shown_not_obeyed() {
    let owner = TestEnv::new();
    a_history(&owner);
    let export = export_to(&owner, "for-sam.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let session = value["sessions"][0]["id"].as_str().unwrap().to_string();
    let colour = value["sessions"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["prompt_id"] == "colour")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let friend = TestEnv::new();
    // The file name becomes the title `pi friend list` shows.
    let copy = friend.dir.path().join(format!("from-anna{HOSTILE}.json"));
    std::fs::copy(&export, &copy).unwrap();
    let name = format!("Sam{HOSTILE}");
    let notes = friend.write(
        "notes.json",
        &serde_json::json!({ &colour[..8]: format!("Simple for whom?{HOSTILE} Really.") })
            .to_string(),
    );
    let out = friend
        .pi()
        .args(["friend", "open"])
        .arg(&copy)
        .args(["--name", &name, "--comments"])
        .arg(&notes)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = run(&friend, &["--color", "always", "friend", "list"]);
    assert_obeys_nothing("pi friend list", &listed.stdout);
    let list = json_of(&friend, &["friend", "list", "--json"]);
    assert_eq!(
        list[0]["friend"],
        name.as_str(),
        "the store keeps the name as given"
    );
    let id = list[0]["export_id"].as_str().unwrap()[..8].to_string();
    run(&friend, &["friend", "reply", &id, "-o", "reply.json"]);

    let back = owner.dir.path().join("reply.json");
    std::fs::copy(friend.dir.path().join("reply.json"), &back).unwrap();
    let out = owner
        .pi()
        .args(["import", back.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_shown_not_obeyed("pi import (its summary)", &out.stderr);

    for color in ["always", "never"] {
        let shown = run(&owner, &["--color", color, "show", &session]);
        assert_shown_not_obeyed(&format!("pi show --color {color}"), &shown.stdout);
    }
    // The data is kept exactly; JSON escapes what a terminal would obey.
    let json = run(&owner, &["show", &session, "--json"]);
    assert!(!String::from_utf8_lossy(&json.stdout).contains('\u{202e}'));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let prompt = parsed["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prompt_id"] == "colour")
        .unwrap();
    assert_eq!(prompt["comments"][0]["friend"], name.as_str());
    assert_eq!(
        prompt["comments"][0]["text"],
        format!("Simple for whom?{HOSTILE} Really.")
    );
}

/// A jrnl export whose entries carry the hostile text in title and body.
fn hostile_jrnl(env: &TestEnv) -> std::path::PathBuf {
    let entry = |date: &str, word: &str| {
        serde_json::json!({
            "title": format!("Reorganisation {word}{HOSTILE}"),
            "body": format!("The reorganisation{HOSTILE} changed {word}.\nA second line."),
            "date": date,
            "time": "09:30",
            "tags": [format!("@work{HOSTILE}")],
            "starred": false,
        })
    };
    let file = serde_json::json!({
        "tags": {},
        "entries": [entry("2024-01-31", "much"), entry("2024-02-14", "little")],
    });
    env.write("hostile-jrnl.json", &file.to_string())
}

#[test]
fn imported_entries_are_shown_not_obeyed_by_every_command() {
    let env = TestEnv::new();
    let file = hostile_jrnl(&env);
    let summary = import(&env, &["--from", "jrnl", file.to_str().unwrap()]);
    assert!(!summary.contains('\x1b'), "{summary:?}");
    let sessions = json_of(&env, &["list", "--json"]);
    let ids: Vec<String> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["show", &ids[0]],
        vec!["search", "reorganisation"],
        vec!["history", "entry"],
        vec!["diff", &ids[0], &ids[1]],
    ];
    for args in commands {
        for color in ["always", "never"] {
            let mut all = vec!["--color", color];
            all.extend(&args);
            let out = run(&env, &all);
            assert_shown_not_obeyed(&format!("pi {}", all.join(" ")), &out.stdout);
        }
    }
    let md = run(&env, &["diff", &ids[0], &ids[1], "--format", "md"]);
    assert_obeys_nothing("pi diff --format md", &md.stdout);
}

/// Answers pasted from elsewhere into an answers file become statements, a commitment and
/// its note: `pi statements`, `pi commitments`, `pi status` and the exports meant for
/// people show them, obeying nothing.
#[test]
fn pasted_statements_and_commitments_are_shown_not_obeyed() {
    let env = TestEnv::new();
    let toml = |s: &str| serde_json::to_string(s).unwrap();
    env.reflect_at(
        "2026-02-01T09:00:00Z",
        &["--mode", "verkennen", "--depth", "quick"],
        &format!(
            "colour = {}\nstatements = [{}]\ncommitment = {{ text = {}, look_back = \"2026-05-01\" }}\n",
            toml(&format!("Simple{HOSTILE} things")),
            toml(&format!("I stand for{HOSTILE} clear advice")),
            toml(&format!("Ask for feedback{HOSTILE}")),
        ),
    );
    for args in [
        vec!["statements", "--all"],
        vec!["commitments"],
        vec!["status"],
        vec!["history", "--statements"],
    ] {
        for color in ["always", "never"] {
            let mut all = vec!["--color", color];
            all.extend(&args);
            let out = run(&env, &all);
            assert_shown_not_obeyed(&format!("pi {}", all.join(" ")), &out.stdout);
        }
    }
    for format in ["md", "html"] {
        let out = run(
            &env,
            &[
                "export",
                "--since",
                "2000",
                "--statements",
                "--commitments",
                "--format",
                format,
                "-o",
                "-",
            ],
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains('\u{202e}'),
            "{format}: a raw override\n{text}"
        );
        assert!(!text.contains('\x1b'), "{format}: a raw escape\n{text}");
        assert!(text.contains("U+202E"), "{format}\n{text}");
    }
    // The JSON export keeps every text exactly, with what a terminal obeys escaped.
    let out = run(
        &env,
        &[
            "export",
            "--since",
            "2000",
            "--statements",
            "--format",
            "json",
            "-o",
            "-",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\x1b'),
        "{text}"
    );
    assert!(text.contains("\\u202e"), "{text}");
    let export: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        export["statements"][0]["text"],
        format!("I stand for{HOSTILE} clear advice")
    );
}

/// The file names of friends' exports and replies may be anything; so may an error's.
#[test]
fn an_error_quoting_a_hostile_file_name_obeys_nothing() {
    let env = TestEnv::new();
    let name = format!("missing{HOSTILE}.json");
    let out = env.pi().args(["import", &name]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!without_own_styles(&err).contains('\x1b'), "{err:?}");
    assert!(err.contains("␛[2J"), "{err}");
    assert!(!Path::new(&name).exists());
}

/// `pi friend open` walks a received export in the terminal: its answers and statements are
/// someone else's text. (dialoguer moves the cursor itself, so only what it never sends is
/// checked: a clear screen, a window title, a hidden-text style and the override.)
#[test]
fn a_received_export_is_shown_not_obeyed_in_the_terminal() {
    use crate::pty::{ENTER, exit_code, spawn};
    let owner = TestEnv::new();
    let toml = |s: &str| serde_json::to_string(s).unwrap();
    owner.reflect(
        &["--mode", "verkennen", "--depth", "quick"],
        &format!(
            "colour = {}\nstatements = [{}]\n",
            toml(&format!("Simple{HOSTILE} things")),
            toml(&format!("I stand for{HOSTILE} clear advice")),
        ),
    );
    let export = owner.dir.path().join("share.json");
    run(
        &owner,
        &[
            "export",
            "--since",
            "2000",
            "--statements",
            "--format",
            "json",
            "-o",
            "share.json",
        ],
    );
    let friend = TestEnv::new();
    let copy = friend.dir.path().join("share.json");
    std::fs::copy(&export, &copy).unwrap();
    let mut pi = spawn(
        &friend,
        &["friend", "open", copy.to_str().unwrap(), "--name", "Sam"],
        &[],
    );
    let mut screen = Vec::new();
    loop {
        let found = pi
            .expect(expectrl::Regex(
                "Your comment or question|Your answer|answers kept",
            ))
            .unwrap();
        screen.extend_from_slice(found.before());
        if found.get(0).is_some_and(|m| m.ends_with(b"kept")) {
            break;
        }
        pi.send(ENTER).unwrap();
    }
    assert_eq!(exit_code(&mut pi), 0);
    let text = String::from_utf8_lossy(&screen);
    for raw in ["\x1b[2J", "\x1b]0;owned", "\x1b[8m", "\u{202e}"] {
        assert!(
            !text.contains(raw),
            "{raw:?} reached the terminal\n{text:?}"
        );
    }
    assert!(text.contains("Simple␛[2J␛]0;owned␇"), "{text:?}");
    assert!(text.contains("I stand for␛[2J"), "{text:?}");
}
