//! `TestEnv`: a clean environment per test, with its own HOME, config and journal, a fixed
//! clock and a fixed terminal width.

#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The moment every test lives in.
pub const NOW: &str = "2026-11-23T10:00:00Z";

/// A private world for one test.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
    pub journal: PathBuf,
    pub config_dir: PathBuf,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let journal = dir.path().join("data").join("journal.db");
        let config_dir = dir.path().join("config");
        Self {
            dir,
            home,
            journal,
            config_dir,
        }
    }

    /// The path to the built binary.
    pub fn bin() -> PathBuf {
        PathBuf::from(env!("CARGO_BIN_EXE_pi"))
    }

    /// The environment every `pi` run in this test gets (nothing inherited but PATH).
    pub fn vars(&self) -> Vec<(String, String)> {
        vec![
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
            ("HOME".into(), self.home.display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                self.home.join(".config").display().to_string(),
            ),
            (
                "XDG_DATA_HOME".into(),
                self.home.join(".local/share").display().to_string(),
            ),
            ("PI_JOURNAL".into(), self.journal.display().to_string()),
            (
                "PI_CONFIG_DIR".into(),
                self.config_dir.display().to_string(),
            ),
            ("PI_NOW".into(), NOW.into()),
            ("COLUMNS".into(), "100".into()),
            ("LANG".into(), "en_US.UTF-8".into()),
            ("TZ".into(), "UTC".into()),
            ("NO_COLOR".into(), "1".into()),
        ]
    }

    /// A `pi` command in this environment.
    pub fn pi(&self) -> Command {
        let mut cmd = Command::new(Self::bin());
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd.current_dir(self.dir.path());
        cmd
    }

    /// Writes a file under the test directory and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Writes a user pack into the config directory's packs folder.
    pub fn user_pack(&self, name: &str, contents: &str) -> PathBuf {
        let dir = self.config_dir.join("packs");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs a scripted reflection and returns the new session's id.
    pub fn reflect(&self, args: &[&str], answers: &str) -> String {
        self.reflect_at(NOW, args, answers)
    }

    /// Runs a scripted reflection at another moment than the test's fixed one.
    pub fn reflect_at(&self, now: &str, args: &[&str], answers: &str) -> String {
        let file = self.write("answers.toml", answers);
        let out = self
            .pi()
            .env("PI_NOW", now)
            .arg("reflect")
            .args(args)
            .arg("--answers")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pi reflect failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// `pi ARGS`: asserts success and returns stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.pi().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "pi {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `pi ARGS` with JSON on stdout: asserts success and parses it.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.stdout(args)).unwrap()
    }

    /// `pi show ID --json`, parsed.
    pub fn show_json(&self, id: &str) -> serde_json::Value {
        let out = self.pi().args(["show", id, "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Every file under the test directory with its bytes: compare before and after a
    /// command to prove it changed nothing.
    pub fn files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let kind = entry.file_type().ok();
                if path.is_dir() && !kind.is_some_and(|k| k.is_symlink()) {
                    out.insert(path.clone(), Vec::new());
                    walk(&path, out);
                } else if kind.is_some_and(|k| k.is_file()) {
                    out.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
                } else {
                    // A link, a FIFO or a socket: reading a FIFO would wait for a writer.
                    let what = std::fs::read_link(&path).map_or_else(
                        |_| b"(special file)".to_vec(),
                        |t| t.to_string_lossy().as_bytes().to_vec(),
                    );
                    out.insert(path.clone(), what);
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.dir.path(), &mut out);
        out
    }
}

/// The user a test runs `pi` as when it needs permissions to count: the tests themselves
/// may run as root, for whom no mode bit forbids anything.
pub const NOBODY: u32 = 65534;

impl TestEnv {
    /// A `pi` command that file permissions apply to: as root, the whole test directory is
    /// handed to an unprivileged user and `pi` runs as that user.
    pub fn pi_unprivileged(&self) -> Command {
        let mut cmd = std::process::Command::new(Self::bin());
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd.current_dir(self.dir.path());
        if unsafe { libc::geteuid() } == 0 {
            use std::os::unix::process::CommandExt;
            fn give(path: &Path) {
                let _ = std::os::unix::fs::lchown(path, Some(NOBODY), Some(NOBODY));
                if path.is_dir() && !path.is_symlink() {
                    for entry in std::fs::read_dir(path).unwrap().flatten() {
                        give(&entry.path());
                    }
                }
            }
            give(self.dir.path());
            cmd.uid(NOBODY).gid(NOBODY);
        }
        Command::from_std(cmd)
    }
}

/// The path of `program` on the PATH, or `None` after saying on the terminal that the test
/// that needs it is skipped. Under `CI=true` a missing program is a failure: `.ci/run`
/// installs what these tests need, so CI never passes a test that did not run.
pub fn installed(program: &str) -> Option<PathBuf> {
    let found = find(program);
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is not installed, but CI must run this test (.ci/run installs it)"
        );
        skipped(&format!(
            "{program} is not installed, so a test that needs it did not run \
             (`apt-get install {program}` to run it)"
        ));
    }
    found
}

/// `program` on the PATH, if it is there.
pub fn find(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

/// Says that part of a test did not run, straight to stderr past the test harness's
/// capture, so it is seen.
pub fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}
