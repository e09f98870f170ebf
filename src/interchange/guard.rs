//! The files no output of `pi` may ever be written over, whatever `-o` says and even with
//! `--force`: the journal and its companions (`-wal`, `-shm`), its backups, the store of what
//! friends shared (`friends.db`) and the config file.
//!
//! An output is compared by where it really leads (every symbolic link followed, also in its
//! directories) and by file identity (device and inode), so a symlink or a hard link to the
//! journal is caught as surely as its own path.

use std::fs;
use std::path::{Path, PathBuf};

/// A file pi must never write over.
#[derive(Debug, Clone)]
struct Guarded {
    path: PathBuf,
    what: &'static str,
}

/// Files in one directory whose names mark them as copies of the journal.
#[derive(Debug, Clone)]
struct Family {
    dir: PathBuf,
    /// Every name starting with this is a member, or only those also containing `contains`.
    prefix: String,
    contains: Option<&'static str>,
    what: &'static str,
}

/// The set of files outputs must stay away from. Built once per command from the
/// configuration ([`Protected::for_journal`]); every output is checked with
/// [`Protected::check`] before anything is asked or written, and again just before writing.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    files: Vec<Guarded>,
    families: Vec<Family>,
}

/// Why an output path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What the path is, as people say it ("the journal").
    pub what: &'static str,
    /// The protected file it leads to.
    pub file: PathBuf,
}

impl Protected {
    /// Nothing protected: for tests of the writing itself.
    pub fn none() -> Self {
        Self::default()
    }

    /// The journal at `journal` with its companions and backups, the friends' store beside
    /// it, the backups folder beside it, and `config.toml` in `config_dir`.
    pub fn for_journal(journal: &Path, config_dir: &Path) -> Self {
        let mut protected = Self::default()
            .database(journal, "the journal")
            .database(
                &journal.with_file_name("friends.db"),
                "the store of what friends shared with you",
            )
            .file(config_dir.join("config.toml"), "pi's config file");
        let name = journal
            .file_name()
            .map_or_else(|| "journal.db".into(), |n| n.to_string_lossy().into_owned());
        let dir = super::super::leftovers::journal_dir(journal);
        for (prefix, contains, what) in [
            (
                format!("{name}.v"),
                Some("-backup-"),
                "a backup of the journal taken before an upgrade",
            ),
            (
                format!("{name}.before-restore-"),
                None,
                "the journal as it was before a restore",
            ),
            (
                format!(".{name}.restoring-"),
                None,
                "a backup being restored",
            ),
        ] {
            protected.families.push(Family {
                dir: resolve(dir).unwrap_or_else(|| dir.to_path_buf()),
                prefix,
                contains,
                what,
            });
        }
        let backups = dir.join("backups");
        protected.families.push(Family {
            dir: resolve(&backups).unwrap_or(backups),
            prefix: String::new(),
            contains: None,
            what: "a backup of the journal",
        });
        protected
    }

    /// Also protects an SQLite database at `path` (another friends' store, chosen with
    /// `--store`) with its write-ahead log and shared-memory file.
    #[must_use]
    pub fn database(self, path: &Path, what: &'static str) -> Self {
        let side = |suffix: &str| PathBuf::from(format!("{}{suffix}", path.display()));
        self.file(path.to_path_buf(), what)
            .file(side("-wal"), companion(what, "write-ahead log"))
            .file(side("-shm"), companion(what, "shared-memory file"))
            .file(side("-journal"), companion(what, "rollback journal"))
    }

    #[must_use]
    fn file(mut self, path: PathBuf, what: &'static str) -> Self {
        self.files.push(Guarded { path, what });
        self
    }

    /// Whether `output` is, or leads to, a protected file.
    pub fn check(&self, output: &Path) -> Result<(), Refusal> {
        let resolved = resolve(output);
        let id = identity(output);
        for g in &self.files {
            let same_path = resolved.is_some() && resolve(&g.path) == resolved;
            let same_file = id.is_some() && identity(&g.path) == id;
            if same_path || same_file {
                return Err(Refusal {
                    what: g.what,
                    file: g.path.clone(),
                });
            }
        }
        for family in &self.families {
            let Ok(entries) = fs::read_dir(&family.dir) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let member = name.starts_with(&family.prefix)
                    && family.contains.is_none_or(|c| name.contains(c))
                    && entry.file_type().is_ok_and(|t| !t.is_dir());
                if !member {
                    continue;
                }
                let path = entry.path();
                let same_path = resolved.as_deref() == Some(path.as_path());
                let same_file = id.is_some() && identity(&path) == id;
                if same_path || same_file {
                    return Err(Refusal {
                        what: family.what,
                        file: path,
                    });
                }
            }
        }
        Ok(())
    }
}

/// "the journal" + "write-ahead log" → "the journal's write-ahead log", as a static string.
fn companion(what: &'static str, part: &'static str) -> &'static str {
    match (what, part) {
        ("the journal", "write-ahead log") => "the journal's write-ahead log",
        ("the journal", "shared-memory file") => "the journal's shared-memory file",
        ("the journal", _) => "the journal's rollback journal",
        (_, "write-ahead log") => "the write-ahead log of the store of what friends shared",
        (_, "shared-memory file") => "the shared-memory file of the store of what friends shared",
        _ => "the rollback journal of the store of what friends shared",
    }
}

/// Where `path` really leads: every symbolic link followed, the last one too, even when it
/// points at a file that does not exist yet. `None` when its directory does not exist.
pub fn resolve(path: &Path) -> Option<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        if let Ok(real) = fs::canonicalize(&current) {
            return Some(real);
        }
        let name = current.file_name()?.to_owned();
        let dir = fs::canonicalize(parent_dir(&current)).ok()?;
        let joined = dir.join(&name);
        match fs::read_link(&joined) {
            Ok(target) if target.is_absolute() => current = target,
            Ok(target) => current = dir.join(target),
            Err(_) => return Some(joined),
        }
    }
    None
}

/// The directory a file path is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Device and inode of the file `path` leads to, when it exists.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf, Protected) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        fs::create_dir_all(data.join("backups")).unwrap();
        fs::create_dir_all(dir.path().join("config")).unwrap();
        let journal = data.join("journal.db");
        fs::write(&journal, "journal").unwrap();
        let protected = Protected::for_journal(&journal, &dir.path().join("config"));
        (dir, journal, protected)
    }

    #[test]
    fn the_journal_and_its_companions_by_any_name() {
        let (dir, journal, protected) = setup();
        let data = journal.parent().unwrap();
        let refused = |p: &Path| protected.check(p).map_err(|r| r.what);
        assert_eq!(refused(&journal), Err("the journal"));
        assert_eq!(
            refused(&data.join("journal.db-wal")),
            Err("the journal's write-ahead log"),
            "even before it exists"
        );
        assert_eq!(
            refused(&data.join("../data/./journal.db")),
            Err("the journal")
        );
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&journal, &link).unwrap();
        assert_eq!(refused(&link), Err("the journal"));
        let hard = dir.path().join("hard.md");
        fs::hard_link(&journal, &hard).unwrap();
        assert_eq!(refused(&hard), Err("the journal"));
        let dir_link = dir.path().join("d");
        std::os::unix::fs::symlink(data, &dir_link).unwrap();
        assert!(refused(&dir_link.join("friends.db-shm")).is_err());
        assert_eq!(
            refused(&dir.path().join("config/config.toml")),
            Err("pi's config file")
        );
        assert_eq!(refused(&dir.path().join("share.md")), Ok(()));
    }

    #[test]
    fn backups_of_every_kind() {
        let (dir, journal, protected) = setup();
        let data = journal.parent().unwrap();
        for name in [
            "journal.db.v4-backup-20261123T100000Z",
            "journal.db.before-restore-20261123T100000Z",
            "backups/pi-journal-20261123-100000.db",
        ] {
            let path = data.join(name);
            assert_eq!(protected.check(&path), Ok(()), "{name}: not there yet");
            fs::write(&path, "copy").unwrap();
            assert!(protected.check(&path).is_err(), "{name}");
            let hard = dir.path().join(format!("hard-{}", name.replace('/', "-")));
            fs::hard_link(&path, &hard).unwrap();
            assert!(protected.check(&hard).is_err(), "{name} by a hard link");
        }
    }

    #[test]
    fn a_dangling_link_is_followed_to_where_it_would_write() {
        let (dir, journal, protected) = setup();
        let wal = journal.with_file_name("journal.db-wal");
        let link = dir.path().join("out.md");
        std::os::unix::fs::symlink(&wal, &link).unwrap();
        assert!(protected.check(&link).is_err());
        assert_eq!(
            resolve(&link),
            Some(
                fs::canonicalize(journal.parent().unwrap())
                    .unwrap()
                    .join("journal.db-wal")
            )
        );
        assert_eq!(resolve(&dir.path().join("missing/x")), None);
    }
}
