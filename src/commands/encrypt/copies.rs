//! Copies of the journal that are not encrypted: what `pi encrypt` offers to remove and
//! `pi doctor` reports once the journal itself is encrypted.

use crate::journal::cipher::{FileKind, kind_of};
use crate::journal::maintenance::{migration_backups, restore_backups};
use std::path::{Path, PathBuf};

/// A plaintext copy of the journal, and what made it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlainCopy {
    /// Where it is.
    pub path: PathBuf,
    /// What made it: `migration`, `restore` or `backup`.
    pub origin: &'static str,
}

impl PlainCopy {
    /// What made it, as a person reads it.
    pub fn made_by(&self) -> &'static str {
        match self.origin {
            "migration" => "kept before a schema upgrade",
            "restore" => "kept aside by a restore",
            _ => "made by pi backup",
        }
    }
}

/// The plain copies pi knows of: the backups taken before migrations and the journals kept
/// aside by a restore (beside the journal), and `pi backup` copies in the default folder
/// (`backups/` beside it). Copies written elsewhere (`pi backup DIR`) pi cannot know of.
pub fn plain_copies(journal: &Path) -> Vec<PlainCopy> {
    let mut found: Vec<(PathBuf, &'static str)> = migration_backups(journal)
        .into_iter()
        .map(|p| (p, "migration"))
        .chain(restore_backups(journal).into_iter().map(|p| (p, "restore")))
        .collect();
    let dir = crate::leftovers::journal_dir(journal).join("backups");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut own: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "db"))
            .collect();
        own.sort();
        found.extend(own.into_iter().map(|p| (p, "backup")));
    }
    found
        .into_iter()
        .filter(|(p, _)| kind_of(p).ok() == Some(FileKind::Plain))
        .map(|(path, origin)| PlainCopy { path, origin })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_copies_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        let plain = |p: &Path| {
            rusqlite::Connection::open(p)
                .unwrap()
                .execute_batch("CREATE TABLE t (x);")
                .unwrap();
        };
        plain(&journal);
        plain(&dir.path().join("journal.db.v5-backup-20261123T100000Z"));
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        plain(&dir.path().join("backups/pi-journal-20261123-100000.db"));
        let secret = dir.path().join("backups/pi-journal-20261124-100000.db");
        let conn = rusqlite::Connection::open(&secret).unwrap();
        crate::journal::cipher::apply_key(
            &conn,
            &crate::journal::cipher::Passphrase::new("secret words".into()),
        )
        .unwrap();
        conn.execute_batch("CREATE TABLE t (x);").unwrap();
        drop(conn);
        std::fs::write(dir.path().join("backups/notes.txt"), "not a copy").unwrap();
        let found = plain_copies(&journal);
        let origins: Vec<&str> = found.iter().map(|c| c.origin).collect();
        assert_eq!(origins, ["migration", "backup"]);
        assert!(found[1].path.ends_with("pi-journal-20261123-100000.db"));
    }
}
