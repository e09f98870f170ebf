//! Files a killed `pi` leaves behind, which hold private text: the temporary file of an
//! export or a brief (`.pi-export-*`, `.pi-write-*`), the copy of a restore in progress
//! (`.journal.db.restoring-*`), a backup being written (`.pi-backup-*`), the copy and the old
//! bytes of a `pi encrypt` or `pi decrypt` (`.journal.db.converting-*`, `.journal.db.old-bytes-*`)
//! and the file an answer is written in with `$EDITOR`.
//!
//! Each is created readable by its owner only and held under an exclusive lock for as long
//! as a `pi` works on it ([`hold`]). A lock dies with its process, so a file that nobody holds
//! and that has not changed for a minute is a leftover: [`clean`] removes those at the next
//! start, and when a file is written into the same directory again; `pi doctor` lists them
//! ([`find`]) without removing anything.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long an unheld file must have been left alone before it counts as a leftover: the
/// moment between creating a file and locking it must never look like one.
const GRACE: Duration = Duration::from_secs(60);

/// The name prefixes of pi's temporary files beside an output or a backup.
pub const TEMP_PREFIXES: [&str; 4] = [".pi-export-", ".pi-write-", ".pi-check-", ".pi-backup-"];

/// The directory of pi's own, beside the journal, that `$EDITOR` files are written in.
pub fn editor_dir(journal: &Path) -> PathBuf {
    journal_dir(journal).join(".pi-editing")
}

/// The directory the journal lives in.
pub fn journal_dir(journal: &Path) -> &Path {
    match journal.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The name prefix of the copy a restore is putting in place of `journal`.
pub fn restoring_prefix(journal: &Path) -> String {
    let name = journal
        .file_name()
        .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.restoring-")
}

/// Marks `file` as in use by this process until it is closed. Best effort: a file system
/// without locks only loses the protection from being cleaned up too early.
pub fn hold(file: &File) {
    let _ = file.lock();
}

/// Whether `path` is a leftover: a regular file nobody holds, untouched for a while.
pub fn is_stale(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let old = meta
        .modified()
        .ok()
        .and_then(|m| crate::clock::file_clock_now().duration_since(m).ok())
        .is_some_and(|age| age >= GRACE);
    old && File::open(path).is_ok_and(|f| f.try_lock().is_ok())
}

/// The leftovers in `dir` whose names start with one of `prefixes`.
pub fn in_dir(dir: &Path, prefixes: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            prefixes.iter().any(|p| name.starts_with(p))
        })
        .map(|e| e.path())
        .filter(|p| is_stale(p))
        .collect();
    found.sort();
    found
}

/// Every leftover of the journal at `journal`: temporary files and restore copies beside it,
/// and anything left in the editor directory (the answer file and the editor's own swap or
/// backup files of it).
pub fn find(journal: &Path) -> Vec<PathBuf> {
    let dir = journal_dir(journal);
    let restoring = restoring_prefix(journal);
    let converting = crate::journal::convert::leftover_prefixes(journal);
    let mut prefixes: Vec<&str> = TEMP_PREFIXES.to_vec();
    prefixes.push(&restoring);
    prefixes.extend(converting.iter().map(String::as_str));
    let mut found = in_dir(dir, &prefixes);
    found.extend(in_dir(&dir.join("backups"), &TEMP_PREFIXES));
    let editing = editor_dir(journal);
    let answers = in_dir(&editing, &[ANSWER_PREFIX]);
    found.extend(answers.iter().cloned());
    // An editor's swap or backup file (`.pi-answer-x.md.swp`, `pi-answer-x.md~`) goes with
    // its answer file: left over once that is gone or left over itself.
    if let Ok(entries) = fs::read_dir(&editing) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(ANSWER_PREFIX) || !name.contains(ANSWER_PREFIX) {
                continue;
            }
            let owner_alive = fs::read_dir(&editing).is_ok_and(|all| {
                all.filter_map(Result::ok).any(|e| {
                    let other = e.file_name().to_string_lossy().into_owned();
                    other.starts_with(ANSWER_PREFIX)
                        && name.contains(&other)
                        && !answers.contains(&e.path())
                })
            });
            let path = entry.path();
            if !owner_alive && is_old(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The name prefix of the file an answer is written in with `$EDITOR`.
pub const ANSWER_PREFIX: &str = "pi-answer-";

fn is_old(path: &Path) -> bool {
    fs::symlink_metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .and_then(|m| m.modified().ok())
        .and_then(|m| crate::clock::file_clock_now().duration_since(m).ok())
        .is_some_and(|age| age >= GRACE)
}

/// Removes what [`find`] finds; returns what was removed.
pub fn clean(journal: &Path) -> Vec<PathBuf> {
    remove(find(journal))
}

/// Removes the leftover temporary files in `dir`, where an output is about to be written.
pub fn clean_dir(dir: &Path) -> Vec<PathBuf> {
    remove(in_dir(dir, &TEMP_PREFIXES))
}

/// Removes each file, overwriting it first where it is its bytes' only name (they hold
/// private text; a conversion's link to the journal in use is only unlinked).
fn remove(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter(|p| crate::journal::convert::discard(p).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(path: &Path) {
        let an_hour_ago = crate::clock::file_clock_now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }

    #[test]
    fn only_old_unheld_files_are_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        let stale = dir.path().join(".pi-export-abc");
        let fresh = dir.path().join(".pi-write-new");
        let held = dir.path().join(".journal.db.restoring-20261123T100000Z");
        let other = dir.path().join("notes.md");
        for p in [&stale, &fresh, &held, &other] {
            fs::write(p, "private text").unwrap();
        }
        for p in [&stale, &held, &other] {
            age(p);
        }
        let holder = File::open(&held).unwrap();
        hold(&holder);
        assert_eq!(find(&journal), vec![stale.clone()]);
        drop(holder);
        assert_eq!(find(&journal), vec![held.clone(), stale.clone()]);
        assert_eq!(clean(&journal).len(), 2);
        assert!(fresh.exists() && other.exists());
        assert!(!stale.exists() && !held.exists());
    }

    #[test]
    fn editor_files_and_their_swap_files_are_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        let editing = editor_dir(&journal);
        fs::create_dir_all(&editing).unwrap();
        let answer = editing.join("pi-answer-colour-x1.md");
        let swap = editing.join(".pi-answer-colour-x1.md.swp");
        let orphan = editing.join("pi-answer-gone.md~");
        for p in [&answer, &swap, &orphan] {
            fs::write(p, "my answer").unwrap();
            age(p);
        }
        let holder = File::open(&answer).unwrap();
        hold(&holder);
        assert_eq!(
            find(&journal),
            vec![orphan.clone()],
            "a held answer keeps its swap"
        );
        drop(holder);
        assert_eq!(clean(&journal).len(), 3);
        assert_eq!(fs::read_dir(&editing).unwrap().count(), 0);
    }
}
