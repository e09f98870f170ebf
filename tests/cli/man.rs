//! `pi man`: pages that `man -l` renders without a single warning, one per command, and a
//! `--dir` for packagers that replaces only pages it made itself.

use crate::bad_input::error_message;
use crate::env::TestEnv;
use crate::env::installed;
use std::path::Path;
use std::process::Command;

/// What `man -l` shows of the page in `file`, failing on any warning from man or groff.
fn rendered(file: &Path) -> Option<String> {
    let man = installed("man")?;
    let out = Command::new(man)
        .args(["--warnings", "-P", "cat", "-l"])
        .arg(file)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("MANWIDTH", "80")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "man -l {} warned:\n{stderr}",
        file.display()
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn pi_man_prints_a_page_that_man_renders_without_warnings() {
    let env = TestEnv::new();
    let page = env.write("pi.1", &env.stdout(&["man"]));
    let Some(text) = rendered(&page) else {
        return;
    };
    for needle in [
        "pi - a companion for working on your professional identity",
        "SYNOPSIS",
        "pi-reflect(1)",
        "pi-completions(1)",
        "EXAMPLES",
        "pi show 3fa2",
        "PI_JOURNAL",
        "EXIT STATUS",
        "pi status --quiet: something is due",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn a_subcommand_has_its_own_page() {
    let env = TestEnv::new();
    let page = env.write("pi-status.1", &env.stdout(&["man", "status"]));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains(".TH pi-status 1")
    );
    let nested = env.stdout(&["man", "packs", "list"]);
    assert!(nested.contains(".TH pi-packs-list 1"), "{nested}");
    let Some(text) = rendered(&page) else {
        return;
    };
    for needle in [
        "pi status",
        "-q, --quiet",
        "exit 0 when nothing is due and 10",
        "pi(1)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let env = TestEnv::new();
    let assert = env.pi().args(["man", "packs", "nope"]).assert().code(2);
    assert_eq!(
        error_message(&assert),
        "there is no command `pi packs nope`"
    );
    env.pi().args(["man", "--force"]).assert().code(2);
    env.pi()
        .args(["man", "status", "--dir", "out"])
        .assert()
        .code(2);
}

#[test]
fn the_dir_gets_one_page_per_command_and_every_page_renders() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("share/man/man1");
    let out = env
        .pi()
        .args(["man", "--dir", "share/man/man1"])
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let status = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        status,
        format!("Wrote {} manual pages to share/man/man1.\n", names.len())
    );
    for name in [
        "pi.1",
        "pi-status.1",
        "pi-packs-diff.1",
        "pi-friend-open.1",
        "pi-man.1",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("pi") && n.ends_with(".1")),
        "{names:?}"
    );
    for name in &names {
        let path = dir.join(name);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{name}");
        if rendered(&path).is_none() {
            return;
        }
    }
}

#[test]
fn the_dir_replaces_its_own_pages_and_nothing_else_without_force() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("man1");
    env.pi().args(["man", "--dir", "man1"]).assert().success();
    // Its own pages: replaced on the next run, as after an upgrade.
    let out = env.pi().args(["man", "--dir", "man1"]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("(replacing "));

    // A file of someone else's: refused, and then no page at all is written.
    std::fs::write(dir.join("pi-list.1"), "my own notes\n").unwrap();
    std::fs::remove_file(dir.join("pi.1")).unwrap();
    let before = env.files();
    let assert = env.pi().args(["man", "--dir", "man1"]).assert().code(1);
    assert_eq!(
        error_message(&assert),
        "man1/pi-list.1 exists and was not written by `pi man`; pass --force to replace it"
    );
    assert_eq!(
        env.files(),
        before,
        "nothing written when one page cannot be"
    );

    // With --force a regular file is replaced.
    env.pi()
        .args(["man", "--dir", "man1", "--force"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(dir.join("pi-list.1"))
            .unwrap()
            .contains(".TH pi-list 1")
    );
    assert!(dir.join("pi.1").exists());
}

#[test]
fn force_never_replaces_what_is_not_a_regular_file_or_the_journal() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("man1");
    std::fs::create_dir_all(dir.join("pi-list.1")).unwrap();
    let before = env.files();
    let assert = env
        .pi()
        .args(["man", "--dir", "man1", "--force"])
        .assert()
        .code(1);
    assert_eq!(
        error_message(&assert),
        "man1/pi-list.1 exists and is not a regular file; pi man replaces only files"
    );
    assert_eq!(env.files(), before);
    std::fs::remove_dir(dir.join("pi-list.1")).unwrap();

    std::fs::write(env.dir.path().join("target.txt"), "elsewhere\n").unwrap();
    std::os::unix::fs::symlink(env.dir.path().join("target.txt"), dir.join("pi-list.1")).unwrap();
    let assert = env
        .pi()
        .args(["man", "--dir", "man1", "--force"])
        .assert()
        .code(1);
    assert!(error_message(&assert).contains("is not a regular file"));

    // A journal that happens to be where a page goes is never replaced, --force or not.
    std::fs::remove_file(dir.join("pi-list.1")).unwrap();
    let journal = dir.join("pi.1");
    env.pi()
        .env("PI_JOURNAL", &journal)
        .args(["reflect", "--mode", "verkennen", "--answers"])
        .arg(env.write("a.toml", "colour = \"Maps.\"\n"))
        .assert()
        .success();
    let before = env.files();
    let assert = env
        .pi()
        .env("PI_JOURNAL", &journal)
        .args(["man", "--dir", "man1", "--force"])
        .assert()
        .code(1);
    assert_eq!(
        error_message(&assert),
        "man1/pi.1 is your journal or belongs to it; pi man never replaces it"
    );
    assert_eq!(env.files(), before);
}

#[test]
fn a_dir_that_is_a_file_is_refused() {
    let env = TestEnv::new();
    env.write("notes", "text\n");
    let before = env.files();
    let assert = env.pi().args(["man", "--dir", "notes"]).assert().code(1);
    assert_eq!(
        error_message(&assert),
        "notes is not a folder; --dir needs one to put the pages in"
    );
    assert_eq!(env.files(), before);
}
