//! Writing a file so that it is either complete or absent: a temporary file in the same
//! directory, flushed to disk, then renamed over the target (zoxide's `util::write`).

use std::io::Write;
use std::path::Path;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and overwriting was not asked for.
    #[error("{0} exists already; pass --force to replace it")]
    Exists(String),
    /// The directory cannot be written (or does not exist).
    #[error("cannot write {path}: {}", describe(.source, .path))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Says what went wrong without the temporary file's random name.
fn describe(source: &std::io::Error, path: &str) -> String {
    let dir = parent_dir(Path::new(path)).display().to_string();
    match source.kind() {
        std::io::ErrorKind::NotFound => format!("the directory {dir} does not exist"),
        std::io::ErrorKind::PermissionDenied => format!("the directory {dir} cannot be written"),
        std::io::ErrorKind::ReadOnlyFilesystem => format!("{dir} is on a read-only file system"),
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        _ => {
            let text = source.to_string();
            text.split(" at path ").next().unwrap_or(&text).to_string()
        }
    }
}

/// Checks, before any work is done, that `path` can be written: its directory exists and
/// accepts a file, and it does not exist unless `force`. Leaves nothing behind.
pub fn check_writable(path: &Path, force: bool) -> Result<(), WriteError> {
    if path.exists() && !force {
        return Err(WriteError::Exists(path.display().to_string()));
    }
    let dir = parent_dir(path);
    tempfile::Builder::new()
        .prefix(".pi-check-")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|source| WriteError::Io {
            path: path.display().to_string(),
            source,
        })
}

/// Writes `contents` to `path` atomically; refuses an existing file unless `force`.
pub fn write(path: &Path, contents: &[u8], force: bool) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    if path.exists() && !force {
        return Err(WriteError::Exists(path.display().to_string()));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".pi-write-")
        .tempfile_in(parent_dir(path))
        .map_err(io)?;
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(path.display().to_string())
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_refuses_and_forces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.md");
        write(&path, b"one", false).unwrap();
        assert!(matches!(
            write(&path, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_missing_directory_is_reported_before_any_work() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/brief.md");
        assert!(matches!(
            check_writable(&path, false),
            Err(WriteError::Io { .. })
        ));
        assert!(check_writable(&dir.path().join("ok.md"), false).is_ok());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
