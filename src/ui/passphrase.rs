//! Asking for the passphrase of an encrypted file that `pi import` or `pi friend open` reads:
//! once, hidden, on stderr (stdout may carry data). dialoguer lives in `ui/` only.

use super::UiError;
use console::Term;
use dialoguer::Password;
use dialoguer::theme::SimpleTheme;
use std::io::IsTerminal;

/// Whether a person can be asked: stdin and stderr are both a terminal.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks once for the passphrase that opens `file`. A wrong one is reported by the caller,
/// which changes nothing, so asking again is simply running the command again.
pub fn ask(file: &str) -> Result<String, UiError> {
    if !can_ask() {
        return Err(UiError::NoTerminal(format!(
            "{file} is encrypted; set PI_PASSPHRASE, or run pi in a terminal to be asked"
        )));
    }
    super::interrupts::catch()?;
    Password::with_theme(&SimpleTheme)
        .with_prompt(format!(
            "Passphrase for {}",
            crate::domain::untrusted::visible(file)
        ))
        .interact_on(&Term::stderr())
        .map_err(|e| {
            let dialoguer::Error::IO(io) = e;
            if io.kind() == std::io::ErrorKind::Interrupted {
                UiError::Interrupted
            } else {
                UiError::Io(io)
            }
        })
}
