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
    /// What lay under it, outermost first: printed as `Caused by:` lines.
    causes: Vec<String>,
    hints: Vec<String>,
    exit_code: u8,
    /// The reader of stdout went away (`pi list | head`): not worth a message.
    broken_pipe: bool,
}

impl CliError {
    /// A data or configuration error (exit 1).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            causes: Vec::new(),
            hints: Vec::new(),
            exit_code: EXIT_ERROR,
            broken_pipe: false,
        }
    }

    /// An error whose own message says what went wrong, with the chain of sources under it
    /// kept as causes (each source's message once, without repeating the one above).
    pub fn from_error(err: &(dyn std::error::Error + 'static)) -> Self {
        let mut cli = Self::new(err.to_string());
        let mut above = cli.message.clone();
        let mut source = err.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            if !above.contains(&text) {
                cli.causes.push(text.clone());
            }
            above = text;
            source = cause.source();
        }
        cli
    }

    /// Whether the reader of stdout went away: the process ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }

    /// The causes under the message, outermost first.
    pub fn causes(&self) -> &[String] {
        &self.causes
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

/// Output that could not be written: a closed pipe is recognised by its kind, not its text.
impl From<std::io::Error> for CliError {
    fn from(err: std::io::Error) -> Self {
        let broken_pipe = err.kind() == std::io::ErrorKind::BrokenPipe;
        Self {
            broken_pipe,
            ..Self::from_error(&err)
        }
    }
}

macro_rules! from_error {
    ($($ty:ty),* $(,)?) => {
        $(impl From<$ty> for CliError {
            fn from(err: $ty) -> Self {
                CliError::from_error(&err)
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
        let cli = CliError::from_error(&err);
        match hint {
            Some(h) => cli.hint(h),
            None => cli,
        }
    }
}

from_error!(
    crate::packs::PackError,
    crate::packs::PackErrors,
    crate::ui::UiError,
    crate::flows::FlowError,
    crate::interchange::atomic::WriteError,
    crate::interchange::encrypt::CryptError,
    serde_json::Error,
    std::string::FromUtf8Error,
    crate::flows::diff::DiffError,
);

/// Result type of the command layer.
pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot write brief.md")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn causes_are_kept_once_and_a_closed_pipe_is_known_by_its_kind() {
        let err = CliError::from_error(&Outer(std::io::Error::other("the disk is full")));
        assert_eq!(err.message(), "cannot write brief.md");
        assert_eq!(err.causes(), ["the disk is full"]);
        let pipe = CliError::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        let named = CliError::new("Broken pipe, said a file name");
        assert!(!named.is_broken_pipe(), "the text alone proves nothing");
    }
}
