//! What can go wrong with a journal, each naming the file.

use std::path::PathBuf;

/// A journal problem, with the path in every message.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Creating, reading or copying a file failed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The journal is encrypted and no passphrase was given to open it.
    #[error("{path} is encrypted; pi needs its passphrase to open it")]
    Encrypted { path: PathBuf },
    /// The passphrase given does not open the encrypted journal (nothing was changed).
    #[error("wrong passphrase for the encrypted journal {path}; nothing was changed")]
    WrongPassphrase { path: PathBuf },
    /// The file is not an SQLite database at all.
    #[error("{path} is not a pi journal (it is not an SQLite database)")]
    NotADatabase { path: PathBuf },
    /// The file is shorter than its own header says: it was cut off.
    #[error("{path} is truncated: its header promises {expected} bytes but the file has {actual}")]
    Truncated {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    /// An SQLite database of another program.
    #[error("{path} is an SQLite database of another program, not a pi journal")]
    NotPiJournal { path: PathBuf },
    /// Written by a newer `pi`: refused, never downgraded.
    #[error(
        "{path} was written by a newer pi (journal schema {found}; this pi knows up to {known}); upgrade pi to open it"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// There is no journal yet and the command does not create one.
    #[error("there is no journal at {path} yet")]
    Missing { path: PathBuf },
    /// Writing a backup copy failed; the journal itself is untouched.
    #[error("cannot write the backup {path}: {source}")]
    Backup {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A journal path that leads to a FIFO, a device or a socket.
    #[error("{path} is {kind}, not a journal file")]
    NotAFile { path: PathBuf, kind: &'static str },
    /// The journal cannot be changed here; reading it still works.
    #[error("cannot change the journal {path}: {reason}")]
    ReadOnly {
        path: PathBuf,
        reason: super::access::ReadOnly,
    },
    /// A journal of an older schema that cannot be upgraded, because it cannot be written.
    #[error(
        "cannot read the journal {path}: it was written by an older pi (schema {found}) and must be upgraded first, but {reason}"
    )]
    NeedsUpgrade {
        path: PathBuf,
        found: i64,
        reason: super::access::ReadOnly,
    },
    /// SQLite refused.
    #[error("journal {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A record that was asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An id prefix that fits more than one record.
    #[error("{0}")]
    Ambiguous(String),
    /// A record in the journal that this pi cannot read.
    #[error("journal {path}: {message}")]
    Corrupt { path: PathBuf, message: String },
    /// A request that would break the journal's rules.
    #[error("{0}")]
    Refused(String),
}
