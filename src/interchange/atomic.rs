//! Writing an output file so that it is either complete or absent: a private temporary file
//! in the same directory, flushed to disk, then renamed over the target (zoxide's
//! `util::write`). Every output of `pi` (exports, the appraisal brief, a friend's reply, a
//! starter pack) is written here, so the rules hold for all of them:
//!
//! - never over a [protected](super::guard) file: the journal, its companions and backups,
//!   `friends.db`, the config file;
//! - `--force` replaces a regular file only; a character device or a pipe (`/dev/stdout`,
//!   `/dev/null`, a FIFO) is written into and never unlinked; anything else is refused;
//! - a symbolic link is followed: its target is replaced and the link stays;
//! - the temporary file is private (0600) from its first byte and held under a lock while
//!   it is written, so a killed `pi`'s leftover is recognised and removed next time.

use super::guard::{Protected, Refusal, parent_dir, resolve};
use crate::leftovers;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and overwriting was not asked for.
    #[error("{0} exists already; pass --force to replace it")]
    Exists(String),
    /// The target is, or leads to, a file pi must never write over.
    #[error("{path} is {}; pi never writes over it, not even with --force", describe_refusal(.path, .refusal))]
    Protected { path: String, refusal: Refusal },
    /// The target is a directory.
    #[error("{0} is a directory; name a file to write")]
    Directory(String),
    /// The target is a block device, a socket or another kind of file pi does not write.
    #[error("{path} is {kind}; pi writes only to a regular file, a character device or a pipe")]
    Unsupported { path: String, kind: &'static str },
    /// The directory cannot be written (or does not exist).
    #[error("cannot write {path}: {}", describe(.source, .path))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn describe_refusal(path: &str, refusal: &Refusal) -> String {
    if Path::new(path) == refusal.file {
        refusal.what.to_string()
    } else {
        format!("{} ({})", refusal.what, refusal.file.display())
    }
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

/// What is at an output path, and so how it is written.
enum Target {
    /// Nothing yet: a new file at this (resolved) path.
    New(PathBuf),
    /// A regular file at this (resolved) path: replaced only with `--force`.
    Regular(PathBuf),
    /// A character device or a pipe: written into, never replaced.
    Stream,
}

fn target(path: &Path, protected: &Protected) -> Result<Target, WriteError> {
    let shown = || path.display().to_string();
    protected
        .check(path)
        .map_err(|refusal| WriteError::Protected {
            path: shown(),
            refusal,
        })?;
    let io = |source| WriteError::Io {
        path: shown(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(Target::Regular(std::fs::canonicalize(path).map_err(io)?)),
        Ok(meta) if meta.is_dir() => Err(WriteError::Directory(shown())),
        Ok(meta) => match kind(&meta) {
            None => Ok(Target::Stream),
            Some(kind) => Err(WriteError::Unsupported {
                path: shown(),
                kind,
            }),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => resolve(path)
            .map(Target::New)
            .ok_or_else(|| io(std::io::Error::from(std::io::ErrorKind::NotFound))),
        Err(e) => Err(io(e)),
    }
}

/// `None` for a character device or a pipe (written into); otherwise what the file is.
#[cfg(unix)]
fn kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_char_device() || t.is_fifo() {
        None
    } else if t.is_block_device() {
        Some("a block device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("neither a regular file nor a device")
    }
}

#[cfg(not(unix))]
fn kind(_: &std::fs::Metadata) -> Option<&'static str> {
    Some("neither a regular file nor a device")
}

/// Checks, before any work is done, that `path` can be written: it is not protected, its
/// directory exists and accepts a file, and it does not exist unless `force` (or it is a
/// device or pipe, which is written into). Leaves nothing behind.
pub fn check_writable(path: &Path, force: bool, protected: &Protected) -> Result<(), WriteError> {
    let dest = match target(path, protected)? {
        Target::Stream => return Ok(()),
        Target::Regular(_) if !force => return Err(WriteError::Exists(path.display().to_string())),
        Target::Regular(dest) | Target::New(dest) => dest,
    };
    temp_in(parent_dir(&dest), ".pi-check-")
        .map(drop)
        .map_err(|source| WriteError::Io {
            path: path.display().to_string(),
            source,
        })
}

/// Writes `contents` to `path` atomically; refuses an existing file unless `force`.
pub fn write(
    path: &Path,
    contents: &[u8],
    force: bool,
    protected: &Protected,
) -> Result<(), WriteError> {
    write_via(path, force, protected, ".pi-write-", |mut file| {
        file.write_all(contents).map_err(|source| WriteError::Io {
            path: path.display().to_string(),
            source,
        })
    })
}

/// Streams into `path` through `fill`, atomically for a file: into a private temporary file
/// beside it, then synced and renamed into place. On any error the temporary file is
/// removed and `path` is untouched. A device or pipe is written into directly.
pub fn write_with<E: From<WriteError>>(
    path: &Path,
    force: bool,
    protected: &Protected,
    fill: impl FnOnce(&File) -> Result<(), E>,
) -> Result<(), E> {
    write_via(path, force, protected, ".pi-export-", fill)
}

fn write_via<E: From<WriteError>>(
    path: &Path,
    force: bool,
    protected: &Protected,
    prefix: &str,
    fill: impl FnOnce(&File) -> Result<(), E>,
) -> Result<(), E> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let dest = match target(path, protected)? {
        Target::Stream => {
            let file = File::options().write(true).open(path).map_err(io)?;
            return fill(&file);
        }
        Target::Regular(_) if !force => {
            return Err(WriteError::Exists(path.display().to_string()).into());
        }
        Target::Regular(dest) | Target::New(dest) => dest,
    };
    let dir = parent_dir(&dest);
    leftovers::clean_dir(dir);
    let tmp = temp_in(dir, prefix).map_err(io)?;
    fill(tmp.as_file())?;
    tmp.as_file().sync_all().map_err(io)?;
    // Checked again at the last moment: the journal may have appeared since the start.
    target(path, protected)?;
    let persisted = if force {
        tmp.persist(&dest).map(drop)
    } else {
        tmp.persist_noclobber(&dest).map(drop)
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.display().to_string()).into()
        } else {
            io(e.error).into()
        }
    })
}

/// A temporary file in `dir`: 0600 from the start (tempfile creates it so) and held, so that
/// a killed `pi` leaves a file the next one recognises as a leftover.
pub(crate) fn temp_in(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let tmp = builder.tempfile_in(dir)?;
    leftovers::hold(tmp.as_file());
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_refuses_and_forces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.md");
        let none = Protected::none();
        write(&path, b"one", false, &none).unwrap();
        assert!(matches!(
            write(&path, b"two", false, &none),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write(&path, b"two", true, &none).unwrap();
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
        let none = Protected::none();
        assert!(matches!(
            check_writable(&path, false, &none),
            Err(WriteError::Io { .. })
        ));
        assert!(check_writable(&dir.path().join("ok.md"), false, &none).is_ok());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new", true, &Protected::none()).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn devices_are_written_into_and_directories_refused() {
        let none = Protected::none();
        write(Path::new("/dev/null"), b"gone", true, &none).unwrap();
        write(Path::new("/dev/null"), b"gone", false, &none).unwrap();
        assert!(
            std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()),
            "/dev/null is still a device"
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            write(dir.path(), b"x", true, &none),
            Err(WriteError::Directory(_))
        ));
    }

    #[test]
    fn the_temporary_file_is_private_from_its_first_byte() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.md");
        write_with(&path, false, &Protected::none(), |file| {
            let mode = file.metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            Ok::<(), WriteError>(())
        })
        .unwrap();
    }
}
