//! `pi completions`: every shell gets a script it loads without a word of complaint, and Tab
//! offers session ids, prompt ids and pack ids from the journal, with clean descriptions,
//! while the journal stays exactly as it was (and none is created).
//!
//! The real shells are used: bash and fish everywhere, zsh in a pseudo-terminal. A shell that
//! is not installed skips its test with a message, except under `CI=true`, where `.ci/run`
//! installs zsh and fish and a missing one fails the test.

use crate::env::{TestEnv, find, installed, skipped};
use expectrl::Session;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const EXPLORE: [&str; 4] = ["--mode", "verkennen", "--depth", "quick"];

/// A folder with `pi` in it, to put first on the PATH: the scripts call `pi` by name, as they
/// do once pi is installed. Kept outside the test directory, whose files tests compare.
pub(crate) struct PiOnPath {
    dir: tempfile::TempDir,
}

impl PiOnPath {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(TestEnv::bin(), dir.path().join("pi")).unwrap();
        Self { dir }
    }

    /// The folder, to add stand-ins for other programs to.
    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `program` in the test's environment, with this folder first on the PATH.
    pub(crate) fn command(&self, env: &TestEnv, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear().current_dir(env.dir.path());
        for (k, v) in env.vars() {
            cmd.env(k, v);
        }
        cmd.env("PATH", self.path());
        cmd
    }

    pub(crate) fn path(&self) -> String {
        format!(
            "{}:{}",
            self.dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        )
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs and expects success with nothing on stderr.
fn quietly(cmd: &mut Command) -> String {
    let out: Output = cmd.output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Every file beside the journal, with its bytes.
fn journal_dir(env: &TestEnv) -> BTreeMap<PathBuf, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(env.journal.parent().unwrap()) else {
        return BTreeMap::new();
    };
    entries
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap_or_default()))
        .collect()
}

/// Two finished sessions; the first with a context holding an escape sequence and a bidi
/// override. Returns their ids.
fn two_sessions(env: &TestEnv) -> [String; 2] {
    let first = env.reflect_at(
        "2026-11-02T09:00:00Z",
        &[
            &EXPLORE[..],
            &["--context", "Project\u{1b}[2J X\u{202e}evil"],
        ]
        .concat(),
        "colour = \"Maps.\"\n",
    );
    let second = env.reflect_at(
        "2026-11-20T09:00:00Z",
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 4\n",
    );
    [first, second]
}

/// The shortest start of `id` that the other id does not share (at least 8): what Tab
/// offers.
fn short(id: &str, other: &str) -> String {
    let shared = id
        .bytes()
        .zip(other.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    id[..(shared + 1).max(8)].to_string()
}

/// `pi` asked directly as a shell's script asks it: `PI_COMPLETE=SHELL pi -- WORDS...`.
fn protocol(env: &TestEnv, shell: &str, words: &[&str]) -> Output {
    let mut cmd = env.pi();
    cmd.env("PI_COMPLETE", shell)
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .arg("--")
        .args(words);
    cmd.output().unwrap()
}

#[test]
fn every_shell_gets_a_script() {
    let env = TestEnv::new();
    for (shell, mark) in [
        ("bash", "complete -o nospace"),
        ("zsh", "#compdef pi"),
        ("fish", "complete --keep-order --exclusive --command pi"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName pi",
        ),
        ("pwsh", "Register-ArgumentCompleter"),
    ] {
        let out = env.pi().args(["completions", shell]).assert().success();
        let script = text(&out.get_output().stdout);
        assert!(script.contains(mark), "{shell}:\n{script}");
        assert!(script.contains("PI_COMPLETE"), "{shell}:\n{script}");
    }
    let out = env.pi().args(["completions", "tcsh"]).assert().code(2);
    assert!(text(&out.get_output().stderr).contains("bash, zsh, fish, powershell"));
}

#[test]
fn bash_loads_the_script_and_completes_a_session_id() {
    let Some(bash) = installed("bash") else {
        return;
    };
    let env = TestEnv::new();
    let [first, second] = two_sessions(&env);
    let before = journal_dir(&env);
    let pi = PiOnPath::new();
    // Loads the script as ~/.bashrc would, then calls the function bash calls at a Tab.
    let script = r#"
source <(pi completions bash) || exit 1
spec=$(complete -p pi) || exit 1
fn=${spec##*-F }; fn=${fn%% *}
COMP_WORDS=(pi "$1" "$2"); COMP_CWORD=2; COMP_LINE="pi $1 $2"; COMP_POINT=${#COMP_LINE}
COMP_TYPE=9
"$fn" pi "$2" "$1"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let complete = |command: &str, typed: &str| -> Vec<String> {
        quietly(pi.command(&env, &bash).args([
            "--norc",
            "--noprofile",
            "-c",
            script,
            "bash",
            command,
            typed,
        ]))
        .lines()
        .map(str::to_string)
        .collect()
    };
    assert_eq!(
        complete("show", &first[..4]),
        [short(&first, &second)],
        "one session starts so"
    );
    let all = complete("show", "");
    assert!(all.contains(&short(&first, &second)), "{all:?}");
    assert!(all.contains(&short(&second, &first)), "{all:?}");
    assert_eq!(
        all.iter().position(|v| *v == short(&second, &first)),
        Some(0),
        "newest first: {all:?}"
    );
    let list = complete("list", "");
    assert!(
        list.iter().all(|v| v.starts_with("--")),
        "`pi list` takes no id: {list:?}"
    );
    assert_eq!(
        journal_dir(&env),
        before,
        "completing changed the journal's folder"
    );
}

#[test]
fn zsh_loads_the_script_and_completes_in_a_terminal() {
    let Some(zsh) = installed("zsh") else {
        return;
    };
    let env = TestEnv::new();
    let [first, second] = two_sessions(&env);
    let pi = PiOnPath::new();
    let loaded = quietly(pi.command(&env, &zsh).args([
        "-f",
        "-c",
        "autoload -Uz compinit && compinit -u -D && source <(pi completions zsh) \
         && whence -w _clap_dynamic_completer_pi",
    ]));
    assert_eq!(loaded.trim(), "_clap_dynamic_completer_pi: function");

    let mut cmd = pi.command(&env, &zsh);
    cmd.args(["-f", "-i"]).env("TERM", "xterm");
    let mut session = Session::spawn(cmd).expect("zsh in a pty");
    session.get_process_mut().set_window_size(120, 40).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
        .send("PS1='ready> '; autoload -Uz compinit && compinit -u -D; source <(pi completions zsh)\r")
        .unwrap();
    session.expect("ready> ").unwrap();
    // A unique start completes to the whole short id.
    session.send(format!("pi show {}\t", &first[..4])).unwrap();
    if let Err(e) = session.expect(short(&first, &second).as_str()) {
        panic!("zsh did not complete {}: {e}", short(&first, &second));
    }
    // Nothing typed: zsh lists both sessions with their descriptions, cleaned.
    session.send("\x15pi show \t").unwrap();
    let mut screen = String::new();
    for needle in ["Xevil", "2026-11-20 kiezen"] {
        if !screen.contains(needle) {
            match session.expect(needle) {
                Ok(found) => screen += &(text(found.before()) + needle),
                Err(e) => panic!("zsh did not list {needle:?}: {e}\n{screen}"),
            }
        }
    }
    assert!(
        screen.contains("2026-11-02 verkennen: Project [2J Xevil"),
        "{screen}"
    );
    assert!(
        !screen.contains('\u{202e}'),
        "a bidi override reached zsh: {screen}"
    );
    assert!(
        !screen.contains("\u{1b}[2J"),
        "an escape sequence reached zsh: {screen}"
    );
    session.send("\x15exit\r").unwrap();
    let _ = session.expect(expectrl::Eof);
}

#[test]
fn fish_loads_the_script_and_completes_with_descriptions() {
    let Some(fish) = installed("fish") else {
        return;
    };
    let env = TestEnv::new();
    let [first, second] = two_sessions(&env);
    let before = journal_dir(&env);
    let pi = PiOnPath::new();
    let complete = |line: &str| -> String {
        quietly(pi.command(&env, &fish).args([
            "--no-config",
            "-c",
            &format!("pi completions fish | source; and complete -C '{line}'"),
        ]))
    };
    let ids = complete(&format!("pi show {}", &first[..4]));
    let line = format!(
        "{}\t2026-11-02 verkennen: Project [2J Xevil",
        short(&first, &second)
    );
    assert_eq!(ids.lines().next(), Some(line.as_str()), "{ids}");
    let diff = complete("pi diff ");
    assert!(
        diff.starts_with(&format!("{}\t2026-11-20 kiezen\n", short(&second, &first))),
        "{diff}"
    );
    let prompts = complete("pi history fi");
    assert!(
        prompts
            .lines()
            .any(|l| l.starts_with("fit\tHow well does your current work fit you")),
        "{prompts}"
    );
    let packs = complete("pi packs show verkennen@");
    assert!(
        packs.starts_with("verkennen@1.0.0\tExplore and acknowledge"),
        "{packs}"
    );
    let commands = complete("pi sta");
    assert!(commands.starts_with("status\tWhat is due"), "{commands}");
    assert_eq!(
        journal_dir(&env),
        before,
        "completing changed the journal's folder"
    );
}

#[test]
fn powershell_gets_values_with_descriptions() {
    let env = TestEnv::new();
    let [first, second] = two_sessions(&env);
    let out = protocol(&env, "powershell", &["pi", "show", &first[..4]]);
    assert!(out.status.success() && out.stderr.is_empty());
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}\t2026-11-02 verkennen: Project [2J Xevil\n",
            short(&first, &second)
        )
    );
    // PowerShell is no Debian package, so CI has none: where it is installed, it loads the
    // script too.
    let Some(pwsh) = find("pwsh") else {
        skipped("pwsh is not installed, so PowerShell did not load its script");
        return;
    };
    let pi = PiOnPath::new();
    quietly(pi.command(&env, &pwsh).args([
        "-NoProfile",
        "-Command",
        "pi completions powershell | Out-String | Invoke-Expression",
    ]));
}

#[test]
fn resume_offers_paused_sessions_and_review_offers_reviews() {
    let env = TestEnv::new();
    let [first, second] = two_sessions(&env);
    let conn = rusqlite::Connection::open(&env.journal).unwrap();
    conn.execute(
        "UPDATE sessions SET status = 'in_progress', finished_at = NULL WHERE id = ?1",
        [&first],
    )
    .unwrap();
    drop(conn);
    let values = |words: &[&str]| -> Vec<String> {
        let out = protocol(&env, "fish", words);
        text(&out.stdout)
            .lines()
            .filter(|l| !l.starts_with('-'))
            .map(str::to_string)
            .collect()
    };
    let paused = short(&first, &second);
    assert_eq!(
        values(&["pi", "resume", ""]),
        [format!(
            "{paused}\t2026-11-02 verkennen: Project [2J Xevil (paused)"
        )]
    );
    assert_eq!(
        values(&["pi", "--lang", "nl", "resume", ""]),
        [format!(
            "{paused}\t2026-11-02 verkennen: Project [2J Xevil (gepauzeerd)"
        )]
    );
    assert_eq!(
        values(&["pi", "review", "--session", ""]),
        Vec::<String>::new()
    );
    let review = env.write("review.toml", "");
    env.pi()
        .args(["review", "--depth", "quick", "-o", "-", "--answers"])
        .arg(&review)
        .assert()
        .success();
    let reviews = values(&["pi", "review", "--session", ""]);
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert!(reviews[0].contains("\t2026-11-23 review"), "{reviews:?}");
}

#[test]
fn the_journal_named_on_the_command_line_is_the_one_read() {
    let env = TestEnv::new();
    let other = TestEnv::new();
    let [id, _] = two_sessions(&other);
    let out = protocol(&env, "fish", &["pi", "show", &id[..6]]);
    assert_eq!(text(&out.stdout), "", "not in this test's journal");
    let journal = other.journal.display().to_string();
    for words in [
        vec!["pi", "--journal", &journal, "show", &id[..6]],
        vec!["pi", "show", "--journal", &journal, &id[..6]],
    ] {
        let out = protocol(&env, "fish", &words);
        assert!(text(&out.stdout).starts_with(&id[..8]), "{words:?}");
    }
}

#[test]
fn without_a_journal_nothing_is_created_and_nothing_complains() {
    let env = TestEnv::new();
    let before = env.files();
    for words in [
        &["pi", "show", ""][..],
        &["pi", "history", ""],
        &["pi", "packs", "show", "ki"],
    ] {
        let out = protocol(&env, "zsh", words);
        assert!(out.status.success(), "{words:?}");
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    }
    let packs = protocol(&env, "fish", &["pi", "packs", "show", "ki"]);
    assert_eq!(
        text(&packs.stdout),
        "kiezen\tChoose and change course\n",
        "built-in packs"
    );
    assert_eq!(env.files(), before, "completion created a file");
}

#[test]
fn a_broken_or_foreign_journal_gives_no_ids_and_no_error() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.journal.parent().unwrap()).unwrap();
    for contents in [
        b"not a database at all\n".repeat(100),
        b"SQLite format 3\0".repeat(2),
    ] {
        std::fs::write(&env.journal, &contents).unwrap();
        let before = env.files();
        for shell in ["bash", "zsh", "fish", "powershell"] {
            let out = protocol(&env, shell, &["pi", "show", "a"]);
            assert!(out.stderr.is_empty(), "{shell}: {}", text(&out.stderr));
            assert!(out.stdout.is_empty(), "{shell}: {}", text(&out.stdout));
        }
        assert_eq!(env.files(), before);
    }
    let foreign = rusqlite::Connection::open(env.dir.path().join("other.db")).unwrap();
    foreign
        .execute_batch(
            "CREATE TABLE sessions (id TEXT, started_at TEXT, mode TEXT, pack_id TEXT, \
             context TEXT, status TEXT); INSERT INTO sessions VALUES \
             ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '2026', NULL, 'x', 'secret', 'finished');",
        )
        .unwrap();
    drop(foreign);
    let out = protocol(&env, "fish", &["pi", "--journal", "other.db", "show", "a"]);
    assert_eq!(
        text(&out.stdout),
        "",
        "another program's database is not read"
    );
}

#[test]
fn an_unknown_shell_in_the_environment_prints_nothing() {
    let env = TestEnv::new();
    let out = protocol(&env, "tcsh", &["pi", "show", ""]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn modes_depths_and_languages_complete_in_the_persons_language() {
    let env = TestEnv::new();
    let values = |words: &[&str]| text(&protocol(&env, "fish", words).stdout);
    assert_eq!(
        values(&["pi", "reflect", "--mode", "k"]),
        "kiezen\tchoose and turn\n"
    );
    assert_eq!(
        values(&["pi", "--lang", "nl", "reflect", "--depth", "d"]),
        "deep\ttot een uur, alle vragen\n"
    );
    assert_eq!(values(&["pi", "search", "--lang", "e"]), "en\tEnglish\n");
}
