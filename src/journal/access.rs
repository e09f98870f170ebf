//! Whether the journal can be changed, and if not, why, asked without changing anything: a
//! journal in a read-only directory, on a read-only mount, read-only itself, or with a
//! companion file (`-wal`, `-shm`) that cannot be written. Reading commands then open it
//! read-only; writing commands say which of these it is.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Why the journal cannot be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The file itself may not be written (its mode, or its owner).
    File { mode: Option<u32> },
    /// Its directory may not be written, so SQLite cannot make its companion files.
    Directory { dir: PathBuf },
    /// It is on a file system mounted read-only.
    Mount,
    /// A companion file exists but may not be written (a leftover of another user, or a
    /// copy with the wrong permissions): SQLite can then change nothing.
    Companion { file: PathBuf, mode: Option<u32> },
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnly::File { mode } => {
                write!(f, "the file is read-only{}", mode_note(*mode))
            }
            ReadOnly::Directory { dir } => write!(
                f,
                "its directory {} cannot be written, and SQLite needs to make its companion files there",
                dir.display()
            ),
            ReadOnly::Mount => write!(f, "it is on a read-only file system"),
            ReadOnly::Companion { file, mode } => write!(
                f,
                "its companion file {} cannot be written{}",
                file.display(),
                mode_note(*mode)
            ),
        }
    }
}

impl ReadOnly {
    /// What the person can do about it.
    pub fn hint(&self, journal: &Path) -> String {
        match self {
            ReadOnly::File { .. } => format!(
                "reading commands (pi list, show, export) still work; to write, `chmod u+w {}`",
                journal.display()
            ),
            ReadOnly::Directory { dir } => format!(
                "reading commands still work; to write, make {} writable or move the journal (--journal)",
                dir.display()
            ),
            ReadOnly::Mount => {
                "reading commands still work; to write, copy the journal to a writable disk and pass --journal"
                    .to_string()
            }
            ReadOnly::Companion { .. } => "`pi doctor` says what to do".to_string(),
        }
    }
}

fn mode_note(mode: Option<u32>) -> String {
    mode.map(|m| format!(" (mode {m:03o})")).unwrap_or_default()
}

/// The companion files SQLite keeps beside a journal in WAL mode.
pub fn companions(journal: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", journal.display())))
}

/// Whether the existing journal at `path` can be changed by this process. Opens the file
/// for writing (without creating or truncating anything) and asks the directory with
/// access(2); never writes.
pub fn check(path: &Path) -> Result<(), ReadOnly> {
    match fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ReadOnlyFilesystem => return Err(ReadOnly::Mount),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            return Err(ReadOnly::File { mode: mode(path) });
        }
        Err(_) => {}
    }
    for side in companions(path) {
        match fs::OpenOptions::new().read(true).write(true).open(&side) {
            Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                let mode = mode(&side);
                return Err(ReadOnly::Companion { file: side, mode });
            }
            Err(e) if e.kind() == ErrorKind::ReadOnlyFilesystem => return Err(ReadOnly::Mount),
            _ => {}
        }
    }
    let dir = super::super::leftovers::journal_dir(path);
    dir_writable(dir)
}

#[cfg(unix)]
fn dir_writable(dir: &Path) -> Result<(), ReadOnly> {
    use rustix::fs::{Access, access};
    match access(dir, Access::WRITE_OK) {
        Ok(()) => Ok(()),
        Err(rustix::io::Errno::ROFS) => Err(ReadOnly::Mount),
        Err(rustix::io::Errno::ACCESS | rustix::io::Errno::PERM) => Err(ReadOnly::Directory {
            dir: dir.to_path_buf(),
        }),
        Err(_) => Ok(()),
    }
}

#[cfg(not(unix))]
fn dir_writable(_: &Path) -> Result<(), ReadOnly> {
    Ok(())
}

/// The permission bits of `path`, when known.
pub fn mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What a file is when it is neither a regular file nor a directory: a journal path that
/// leads to a FIFO or a device is named for what it is, before anything tries to read it.
pub fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    if meta.is_file() || meta.is_dir() {
        None
    } else {
        Some("not a regular file")
    }
}
