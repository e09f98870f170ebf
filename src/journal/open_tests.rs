//! Tests of `open`.

use super::*;
use crate::journal::migrations::migrate_to;

fn clock() -> Clock {
    Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
}

#[test]
fn a_new_journal_is_private_and_at_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/journal.db");
    let journal = Journal::open(&path, OpenMode::Create, clock()).unwrap();
    assert_eq!(journal.schema_version().unwrap(), LATEST_VERSION);
    assert!(journal.migration_backup().is_none());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
    }
    let mode: String = journal
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn an_old_journal_is_backed_up_then_migrated() {
    for old in 1..LATEST_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, old).unwrap();
        }
        let journal = Journal::open(&path, OpenMode::Create, clock()).unwrap();
        assert_eq!(journal.schema_version().unwrap(), LATEST_VERSION);
        let backup = journal.migration_backup().unwrap().to_path_buf();
        let name = backup.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(name, format!("journal.db.v{old}-backup-20261123T100000Z"));
        let copy = Connection::open(&backup).unwrap();
        let v: i64 = copy
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, old);
    }
}

/// Watched while it is written: the copy taken before a migration is never readable by
/// others, not even for the moment before a chmod (it used to be 0644 until the end).
#[cfg(unix)]
#[test]
fn a_migration_backup_is_private_from_its_first_byte() {
    use std::os::unix::fs::PermissionsExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, LATEST_VERSION - 1).unwrap();
        // Enough pages that writing the copy takes a while.
        conn.execute_batch(
            "CREATE TABLE filler (x BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO filler SELECT randomblob(8000) FROM n;",
        )
        .unwrap();
    }
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        let dir = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let mut seen = std::collections::BTreeSet::new();
            while !done.load(Ordering::Relaxed) {
                for entry in fs::read_dir(&dir).unwrap().flatten() {
                    if entry.file_name().to_string_lossy().contains("-backup-")
                        && let Ok(meta) = entry.metadata()
                    {
                        seen.insert(meta.permissions().mode() & 0o777);
                    }
                }
            }
            seen
        })
    };
    let journal = Journal::open(&path, OpenMode::Create, clock()).unwrap();
    assert!(journal.migration_backup().is_some());
    done.store(true, Ordering::Relaxed);
    let seen = watcher.join().unwrap();
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), [0o600]);
    let backup = journal.migration_backup().unwrap();
    let side = |s: &str| PathBuf::from(format!("{}{s}", backup.display()));
    assert!(!side("-wal").exists() && !side("-shm").exists());
}

#[test]
fn a_newer_journal_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, LATEST_VERSION).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Journal::open(&path, OpenMode::Create, clock()).unwrap_err();
    assert!(matches!(err, JournalError::Newer { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn foreign_and_broken_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    fs::write(&text, "my notes, not a database\n".repeat(10)).unwrap();
    let err = Journal::open(&text, OpenMode::Create, clock()).unwrap_err();
    assert!(matches!(err, JournalError::NotADatabase { .. }), "{err}");

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    let err = Journal::open(&other, OpenMode::Create, clock()).unwrap_err();
    assert!(matches!(err, JournalError::NotPiJournal { .. }), "{err}");

    let cut = dir.path().join("cut.db");
    {
        let j = Journal::open(&cut, OpenMode::Create, clock()).unwrap();
        j.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let bytes = fs::read(&cut).unwrap();
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = Journal::open(&cut, OpenMode::Create, clock()).unwrap_err();
    assert!(matches!(err, JournalError::Truncated { .. }), "{err}");
}

#[test]
fn a_missing_journal_is_not_created_by_readers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let err = Journal::open(&path, OpenMode::Existing, clock()).unwrap_err();
    assert!(matches!(err, JournalError::Missing { .. }));
    assert!(!path.exists());
}
