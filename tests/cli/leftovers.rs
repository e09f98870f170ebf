//! Files with private text that a killed `pi` leaves behind (issue 9, "Leftovers"): `pi
//! doctor` lists them, the next start removes them, a new output in the same directory
//! clears that directory's; backups leave no `-wal`/`-shm` and `--list` shows every kind.

use crate::env::TestEnv;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A file as a killed pi leaves it: private text, nobody holding it, an hour old.
fn leftover(path: &Path) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, "an answer nobody else should read").unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(pi::clock::file_clock_now() - Duration::from_secs(3600))
        .unwrap();
    path.to_path_buf()
}

#[test]
fn doctor_lists_leftovers_and_the_next_start_removes_them() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    let data = env.journal.parent().unwrap().to_path_buf();
    let in_data = [
        leftover(&data.join(".pi-write-k3j2")),
        leftover(&data.join(".journal.db.restoring-20261122T100000Z")),
        leftover(&data.join(".pi-editing/pi-answer-key-moment-a1b2.md")),
        leftover(&data.join("backups/.pi-backup-x9")),
    ];
    let beside_output = leftover(&env.dir.path().join(".pi-export-Qw3r"));
    // Written a moment ago: another pi may be writing it right now.
    let fresh = env.write(".pi-export-busy", "being written");

    let before = env.files();
    let doctor = env.pi().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Problem: 5 files left by an interrupted pi hold private text:"),
        "{text}"
    );
    for path in in_data.iter().chain([&beside_output]) {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(text.contains(name.as_ref()), "{name} not listed:\n{text}");
    }
    assert!(!text.contains(".pi-export-busy"), "{text}");
    assert!(before == env.files(), "pi doctor removes nothing");

    let list = env.pi().arg("list").output().unwrap();
    assert!(list.status.success());
    let err = String::from_utf8_lossy(&list.stderr);
    assert!(
        err.contains("Removed 4 files left by an interrupted pi:"),
        "{err}"
    );
    for path in &in_data {
        assert!(!path.exists(), "{} is still there", path.display());
    }
    assert!(beside_output.exists() && fresh.exists());

    env.pi()
        .args(["export", "--since", "2000", "-o", "share.md"])
        .assert()
        .success();
    assert!(!beside_output.exists(), "a new output clears its directory");
    assert!(fresh.exists(), "a file in use is left alone");
    let doctor = env.pi().arg("doctor").output().unwrap();
    assert!(String::from_utf8_lossy(&doctor.stdout).contains("All is well"));
}

#[test]
fn a_backup_is_one_file_and_the_list_shows_every_kind() {
    let env = TestEnv::new();
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 3\n");
    let out = env.pi().arg("backup").output().unwrap();
    assert!(out.status.success());
    let copy = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let companions = |p: &Path| {
        ["-wal", "-shm"]
            .iter()
            .filter(|s| Path::new(&format!("{}{s}", p.display())).exists())
            .count()
    };
    assert_eq!(companions(&copy), 0);
    // A restore keeps the journal as it was aside.
    env.reflect(&["--mode", "kiezen", "--depth", "quick"], "fit = 4\n");
    env.pi()
        .args(["backup", "--restore", copy.to_str().unwrap()])
        .assert()
        .success();
    let list = env.pi().args(["backup", "--list"]).output().unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("pi backup"), "{text}");
    assert!(text.contains("journal.db.before-restore-"), "{text}");
    assert!(text.contains("before a restore"), "{text}");
    assert_eq!(
        companions(&copy),
        0,
        "listing left nothing beside the backup"
    );
    let data = env.journal.parent().unwrap();
    for entry in std::fs::read_dir(data).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.contains("before-restore") {
            assert!(!name.ends_with("-wal") && !name.ends_with("-shm"), "{name}");
        }
    }
}
