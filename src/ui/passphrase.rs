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

/// Asks once, hidden, for the passphrase of the encrypted journal (`prompt` in the person's
/// language). A wrong one is reported by the caller, which changes nothing.
pub fn ask_journal(prompt: &str) -> Result<String, UiError> {
    if !can_ask() {
        return Err(UiError::NoTerminal(
            "asking for the journal's passphrase needs a terminal; set PI_JOURNAL_PASSPHRASE"
                .into(),
        ));
    }
    read_hidden(prompt).map(|p| p.to_string())
}

/// Asks for a new passphrase for the journal twice, until both match; one that
/// [`check_new_passphrase`](crate::interchange::encrypt::check_new_passphrase) refuses is
/// refused with the reason, and asked again.
pub fn ask_new_journal(prompt: &str, again: &str, mismatch: &str) -> Result<String, UiError> {
    if !can_ask() {
        return Err(UiError::NoTerminal(
            "choosing a passphrase needs a terminal; set PI_JOURNAL_PASSPHRASE".into(),
        ));
    }
    let term = Term::stderr();
    loop {
        let first = read_hidden(prompt)?;
        if let Err(e) = crate::interchange::encrypt::check_new_passphrase(&first) {
            term.write_line(&format!("{e}."))?;
            continue;
        }
        if *read_hidden(again)? == *first {
            return Ok(first.to_string());
        }
        term.write_line(mismatch)?;
    }
}

/// Reads a line on the terminal without showing it, key by key: Ctrl-C ends the question
/// ([`UiError::Interrupted`]) whatever pi does with the interrupt signal, and the terminal
/// is never left without echo. What was typed is wiped from memory when dropped.
fn read_hidden(prompt: &str) -> Result<zeroize::Zeroizing<String>, UiError> {
    use console::Key;
    let term = Term::stderr();
    term.write_str(&format!("{prompt}: "))?;
    let mut text = zeroize::Zeroizing::new(String::new());
    loop {
        match term.read_key_raw() {
            Ok(Key::Enter) => break,
            Ok(Key::CtrlC) => {
                term.write_line("")?;
                return Err(UiError::Interrupted);
            }
            Ok(Key::Backspace) => {
                text.pop();
            }
            Ok(Key::Char(c)) if !c.is_control() => text.push(c),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                term.write_line("")?;
                return Err(UiError::Interrupted);
            }
            Err(e) => return Err(UiError::Io(e)),
        }
    }
    term.write_line("")?;
    Ok(text)
}
