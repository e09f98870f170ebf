//! Tests of `maintenance`.

use super::*;
use crate::journal::OpenMode;

fn clock() -> Clock {
    Clock::fixed(crate::clock::parse_stamp("2026-11-23T10:00:00Z").unwrap())
}

#[test]
fn backup_inspect_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let journal = Journal::open(&path, OpenMode::Create, clock()).unwrap();
    journal
        .conn
        .execute_batch(
            "INSERT INTO sessions (id, kind, pack_id, pack_version, language, depth, prompt_count, started_at, status)
             VALUES ('00000000000000000000000000000001', 'reflect', 'p', '1.0.0', 'en', 'quick', 1, 'x', 'finished');",
        )
        .unwrap();
    let copy = dir.path().join("copy.db");
    journal.backup_to(&copy).unwrap();
    assert!(
        journal.backup_to(&copy).is_err(),
        "an existing backup is never overwritten"
    );
    drop(journal);

    let found = inspect(&copy).unwrap();
    assert!(found.is_intact());
    assert_eq!(found.counts[0], 1);
    assert_eq!(found.schema_version, LATEST_VERSION);
    assert!(!found.readable_by_others());

    // Change the journal, then restore the copy: the change is gone, the journal kept.
    Journal::open(&path, OpenMode::Existing, clock())
        .unwrap()
        .conn
        .execute_batch("DELETE FROM sessions;")
        .unwrap();
    let aside = restore(&path, &copy, clock()).unwrap().aside.unwrap();
    assert_eq!(inspect(&path).unwrap().counts[0], 1);
    assert_eq!(inspect(&aside).unwrap().counts[0], 0);
}

#[test]
fn a_broken_backup_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    drop(Journal::open(&path, OpenMode::Create, clock()).unwrap());
    let bad = dir.path().join("bad.db");
    fs::write(&bad, "not a database at all, just some text").unwrap();
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        restore(&path, &bad, clock()),
        Err(JournalError::NotADatabase { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(migration_backups(&path).is_empty());
}
