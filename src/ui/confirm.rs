//! A yes-or-no question on stderr, for the moments `pi` must not decide for the person (is
//! this export your own journal?). No is the default: Enter out of habit changes nothing.

use super::UiError;
use console::Term;
use dialoguer::Confirm;
use dialoguer::theme::SimpleTheme;

/// Asks `question`; `Ok(false)` on no (or Enter), [`UiError::NoTerminal`] without a terminal.
pub fn confirm(question: &str) -> Result<bool, UiError> {
    if !super::pick::can_pick() {
        return Err(UiError::NoTerminal(
            "answering this question needs a terminal".into(),
        ));
    }
    super::interrupts::catch()?;
    Confirm::with_theme(&SimpleTheme)
        .with_prompt(question)
        .default(false)
        .interact_on_opt(&Term::stderr())
        .map(|answer| answer.unwrap_or(false))
        .map_err(super::pick::map_err)
}
