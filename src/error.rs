//! The user-facing error type: what went wrong, where, and what to do; and its exit code.

use std::fmt;

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for a user, data or configuration error.
pub const EXIT_ERROR: u8 = 1;
/// Exit code for a usage error (clap uses it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit code when the user interrupts (Ctrl-C) a prompt.
pub const EXIT_INTERRUPTED: u8 = 130;

/// An error as the user sees it: one line of what happened, optional causes and hints.
///
/// Every layer below the commands has its own `thiserror` enum; they all convert into this at
/// the boundary so that printing and exit codes live in exactly one place.
#[derive(Debug)]
pub struct CliError {
    message: String,
    hints: Vec<String>,
    exit_code: u8,
}

impl CliError {
    /// A data or configuration error (exit 1).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hints: Vec::new(),
            exit_code: EXIT_ERROR,
        }
    }

    /// A usage error that clap could not catch (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            exit_code: EXIT_USAGE,
            ..Self::new(message)
        }
    }

    /// Adds a line that tells the user what to do about it.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Overrides the exit code.
    #[must_use]
    pub fn with_exit_code(mut self, code: u8) -> Self {
        self.exit_code = code;
        self
    }

    /// The process exit code this error maps to.
    pub fn exit_code(&self) -> u8 {
        self.exit_code
    }

    /// The one-line message, without hints.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The hints, in order.
    pub fn hints(&self) -> &[String] {
        &self.hints
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

macro_rules! from_display {
    ($($ty:ty),* $(,)?) => {
        $(impl From<$ty> for CliError {
            fn from(err: $ty) -> Self {
                CliError::new(err.to_string())
            }
        })*
    };
}

impl From<crate::journal::JournalError> for CliError {
    fn from(err: crate::journal::JournalError) -> Self {
        use crate::journal::JournalError;
        let hint = match &err {
            JournalError::Sqlite { source, .. } => match source.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure) => Some(
                    "is the disk full? Everything saved before this is kept; free some space, then `pi resume`",
                ),
                Some(rusqlite::ErrorCode::DatabaseCorrupt) => Some(
                    "`pi doctor` checks the journal; `pi backup --list` shows copies to restore",
                ),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    Some("another pi kept the journal busy for too long; try again")
                }
                _ => None,
            },
            JournalError::Backup { source, .. } => match source.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure) => Some(
                    "is the disk full? No backup was written and the journal is untouched; free some space, or back up to another disk with `pi backup DIR`",
                ),
                _ => None,
            },
            JournalError::ReadOnly { path, reason }
            | JournalError::NeedsUpgrade { path, reason, .. } => {
                return CliError::new(err.to_string()).hint(reason.hint(path));
            }
            JournalError::Encrypted { .. } => Some(
                "run pi in a terminal to be asked for its passphrase, or set PI_JOURNAL_PASSPHRASE",
            ),
            JournalError::WrongPassphrase { .. } => Some(
                "passphrases are case-sensitive; if you are sure of it, the file may be damaged: `pi backup --list` shows copies",
            ),
            JournalError::NotAFile { .. } => Some(
                "point --journal (or PI_JOURNAL) at the journal file itself, or move this aside",
            ),
            JournalError::Truncated { .. } | JournalError::Corrupt { .. } => Some(
                "`pi backup --list` shows copies you can restore with `pi backup --restore FILE`",
            ),
            _ => None,
        };
        let cli = CliError::new(err.to_string());
        match hint {
            Some(h) => cli.hint(h),
            None => cli,
        }
    }
}

from_display!(
    crate::packs::PackError,
    crate::packs::PackErrors,
    crate::ui::UiError,
    crate::flows::FlowError,
    crate::interchange::atomic::WriteError,
);

/// Result type of the command layer.
pub type CliResult<T = ()> = Result<T, CliError>;
