//! Ctrl-C while a question is open: without a handler the process would die mid-write with
//! the terminal's cursor hidden or its echo off. With one, the key reaches the question as an
//! interrupt, which pauses the session or ends the command with exit code 130.

use super::UiError;
use std::sync::OnceLock;

/// Installs the (empty) handler the first time a question is about to be asked; later calls
/// report how that went. A handler another part of the program installed counts as one.
pub fn catch() -> Result<(), UiError> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| match ctrlc::set_handler(|| {}) {
            Ok(()) | Err(ctrlc::Error::MultipleHandlers) => Ok(()),
            Err(e) => Err(e.to_string()),
        })
        .clone()
        .map_err(|e| UiError::Io(std::io::Error::other(format!("cannot catch Ctrl-C: {e}"))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn installing_twice_is_fine() {
        assert!(super::catch().is_ok());
        assert!(super::catch().is_ok());
    }
}
