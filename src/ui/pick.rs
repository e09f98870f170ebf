//! The two questions `pi export` may put to a person: which sessions to share, and a
//! passphrase to protect the file with. dialoguer lives here and in `term.rs` only.
//!
//! Both draw on stderr, so `pi export > file.md` can still ask in the terminal while the
//! document goes to the redirected stdout.

use super::UiError;
use console::Term;
use dialoguer::theme::SimpleTheme;
use dialoguer::{Input, MultiSelect, Password};
use std::io::IsTerminal;

/// Whether a person can answer: stdin and stderr are both a terminal.
pub fn can_pick() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A dialoguer failure as a `UiError`; Ctrl-C shows the cursor again.
pub(super) fn map_err(e: dialoguer::Error) -> UiError {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        let _ = Term::stderr().show_cursor();
        UiError::Interrupted
    } else {
        UiError::Io(io)
    }
}

/// Lets the person tick the sessions to export (space to tick, enter to confirm); nothing is
/// ticked beforehand, so sharing is always a choice. Esc or `q` chooses nothing.
pub fn pick_sessions(items: &[String]) -> Result<Vec<usize>, UiError> {
    if !can_pick() {
        return Err(UiError::NoTerminal(
            "choosing sessions needs a terminal".into(),
        ));
    }
    super::interrupts::catch()?;
    // A context may have come from an import: shown, never obeyed.
    let items: Vec<String> = items
        .iter()
        .map(|i| crate::domain::untrusted::visible(i).into_owned())
        .collect();
    let chosen = MultiSelect::with_theme(&SimpleTheme)
        .with_prompt("Which sessions do you want to export? (space: choose, enter: done)")
        .items(&items)
        .max_length(15)
        .interact_on_opt(&Term::stderr())
        .map_err(map_err)?;
    Ok(chosen.unwrap_or_default())
}

/// Asks for a new passphrase twice, until both match; one shorter than
/// [`MIN_PASSPHRASE`](crate::interchange::encrypt::MIN_PASSPHRASE) characters is refused
/// with the reason, and asked again.
pub fn new_passphrase() -> Result<String, UiError> {
    if !can_pick() {
        return Err(UiError::NoTerminal(
            "asking for a passphrase needs a terminal; set PI_PASSPHRASE instead".into(),
        ));
    }
    super::interrupts::catch()?;
    Password::with_theme(&SimpleTheme)
        .with_prompt("Passphrase for the exported file")
        .with_confirmation(
            "The same passphrase again",
            "The two did not match; try again.",
        )
        .validate_with(|p: &String| {
            crate::interchange::encrypt::check_new_passphrase(p).map_err(|e| e.to_string())
        })
        .interact_on(&Term::stderr())
        .map_err(map_err)
}

/// A checklist: `items` with the ticked ones given by `on`; space ticks or unticks, enter
/// confirms. Returns which are ticked. Text from the journal is shown, never obeyed.
pub fn checklist(prompt: &str, items: &[String], on: &[bool]) -> Result<Vec<bool>, UiError> {
    if !can_pick() {
        return Err(UiError::NoTerminal("a checklist needs a terminal".into()));
    }
    super::interrupts::catch()?;
    let items: Vec<String> = items
        .iter()
        .map(|i| crate::domain::untrusted::visible(i).into_owned())
        .collect();
    let chosen = MultiSelect::with_theme(&SimpleTheme)
        .with_prompt(prompt)
        .items(&items)
        .defaults(on)
        .max_length(20)
        .interact_on(&Term::stderr())
        .map_err(map_err)?;
    Ok((0..items.len()).map(|i| chosen.contains(&i)).collect())
}

/// One line of free text on stderr; empty is allowed.
pub fn line(prompt: &str) -> Result<String, UiError> {
    if !can_pick() {
        return Err(UiError::NoTerminal("this question needs a terminal".into()));
    }
    super::interrupts::catch()?;
    Input::<String>::with_theme(&SimpleTheme)
        .with_prompt(prompt)
        .allow_empty(true)
        .interact_text_on(&Term::stderr())
        .map_err(map_err)
}
