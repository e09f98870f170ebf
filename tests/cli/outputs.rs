//! Where an output may land (issue 9, Broken 2 and 4): never over the journal, its
//! companions or backups, `friends.db` or the config file, by any name, even with
//! `--force`; a device or a pipe is written into, never replaced.

use crate::env::TestEnv;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

/// A journal with a session, a friend's store with comments on its export, a config file,
/// a backup of each kind, and links (symbolic and hard) to the journal. Returns every path
/// an output must never replace.
fn a_full_data_directory(env: &TestEnv) -> Vec<PathBuf> {
    let id = env.reflect(
        &["--mode", "kiezen", "--depth", "quick"],
        "fit = 3\nchoice = \"A reorganisation.\"\n",
    );
    env.pi()
        .args(["export", &id, "--format", "json", "-o", "mine.json"])
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
    env.write("config/config.toml", "language = \"en\"\n");
    env.pi().arg("backup").assert().success();
    let data = env.journal.parent().unwrap().to_path_buf();
    let migration = data.join("journal.db.v4-backup-20261101T100000Z");
    let restore = data.join("journal.db.before-restore-20261102T100000Z");
    std::fs::copy(&env.journal, &migration).unwrap();
    std::fs::copy(&env.journal, &restore).unwrap();
    let backup = std::fs::read_dir(data.join("backups"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let symlink = env.dir.path().join("looks-harmless.md");
    std::os::unix::fs::symlink(&env.journal, &symlink).unwrap();
    let hard = env.dir.path().join("also-harmless.md");
    std::fs::hard_link(&env.journal, &hard).unwrap();
    let dir_link = env.dir.path().join("shortcut");
    std::os::unix::fs::symlink(&data, &dir_link).unwrap();
    vec![
        env.journal.clone(),
        data.join("journal.db-wal"),
        data.join("journal.db-shm"),
        data.join("friends.db"),
        env.config_dir.join("config.toml"),
        migration,
        restore,
        backup,
        symlink,
        hard,
        dir_link.join("journal.db"),
        data.join("../data/journal.db"),
    ]
}

fn refused(env: &TestEnv, args: &[&str], target: &Path) {
    let before = env.files();
    let out = env.pi().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "pi {args:?}: {err}");
    assert!(
        err.starts_with(&format!("Error: {} is ", target.display()))
            && err.contains("pi never writes over it, not even with --force"),
        "pi {args:?}:\n{err}"
    );
    assert_eq!(err.lines().filter(|l| l.starts_with("Error:")).count(), 1);
    assert!(before == env.files(), "pi {args:?} changed files");
}

#[test]
fn no_output_ever_replaces_the_journal_its_companions_backups_or_config() {
    let env = TestEnv::new();
    let protected = a_full_data_directory(&env);
    env.write("review.toml", "");
    let id = {
        let list = env
            .pi()
            .args(["friend", "list", "--json"])
            .output()
            .unwrap();
        let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
        list[0]["export_id"].as_str().unwrap()[..8].to_string()
    };
    for target in &protected {
        let t = target.to_str().unwrap();
        for args in [
            vec!["export", "--since", "2000", "-o", t, "--force"],
            vec![
                "export", "--since", "2000", "--format", "json", "-o", t, "--force",
            ],
            vec!["review", "-o", t, "--force", "--answers", "review.toml"],
            vec!["friend", "reply", &id, "-o", t, "--force"],
        ] {
            refused(&env, &args, target);
        }
    }
    // The journal still opens and holds its session.
    let list = env.pi().args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn a_friends_store_chosen_with_store_is_protected_too() {
    let env = TestEnv::new();
    a_full_data_directory(&env);
    let store = env.dir.path().join("elsewhere.db");
    std::fs::copy(env.journal.with_file_name("friends.db"), &store).unwrap();
    let list = env
        .pi()
        .args([
            "friend",
            "list",
            "--json",
            "--store",
            store.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = list[0]["export_id"].as_str().unwrap()[..8].to_string();
    let t = store.to_str().unwrap();
    refused(
        &env,
        &["friend", "reply", &id, "--store", t, "-o", t, "--force"],
        &store,
    );
}

/// A FIFO with a reader on the other end: what `pi` writes into it.
fn read_fifo(path: &Path) -> std::thread::JoinHandle<String> {
    let path = path.to_path_buf();
    std::thread::spawn(move || std::fs::read_to_string(path).unwrap())
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_is_written_into_and_never_replaced() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    let fifo = env.dir.path().join("pipe");
    mkfifo(&fifo);
    for force in [true, false] {
        let reader = read_fifo(&fifo);
        let mut args = vec!["export", "--since", "2000", "-o", "pipe"];
        if force {
            args.push("--force");
        }
        env.pi().args(&args).assert().success();
        // Checked before waiting for the reader, which waits forever on a replaced FIFO.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "--force {force}: the FIFO was replaced");
        let text = reader.join().unwrap();
        assert!(text.starts_with("# Reflections"), "{text}");
    }
    let reader = read_fifo(&fifo);
    env.write("review.toml", "");
    env.pi()
        .args([
            "review",
            "-o",
            "pipe",
            "--force",
            "--answers",
            "review.toml",
        ])
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(reader.join().unwrap().contains("# "));
}

#[test]
fn dev_null_stays_a_device() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    for args in [
        vec!["export", "--since", "2000", "-o", "/dev/null", "--force"],
        vec!["export", "--since", "2000", "-o", "/dev/null"],
        vec![
            "export",
            "--since",
            "2000",
            "--format",
            "json",
            "-o",
            "/dev/null",
            "--force",
        ],
    ] {
        env.pi().args(&args).assert().success();
        let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "pi {args:?} replaced /dev/null");
    }
}

#[test]
fn a_directory_or_socket_as_output_is_refused_with_what_it_is() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    std::fs::create_dir(env.dir.path().join("adir")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(env.dir.path().join("sock")).unwrap();
    for (target, says) in [
        ("adir", "adir is a directory; name a file to write"),
        (
            "sock",
            "sock is a socket; pi writes only to a regular file, a character device or a pipe",
        ),
    ] {
        let out = env
            .pi()
            .args(["export", "--since", "2000", "-o", target, "--force"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(&format!("Error: {says}")), "{err}");
    }
}

#[test]
fn a_starter_pack_never_replaces_the_journal_through_a_link() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    let packs = env.config_dir.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    let link = packs.join("mine.en.toml");
    std::os::unix::fs::symlink(&env.journal, &link).unwrap();
    refused(
        &env,
        &["packs", "new", "mine", "--lang", "en", "--force"],
        &link,
    );
}
