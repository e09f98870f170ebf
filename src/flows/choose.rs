//! Helping the user choose a mode and a depth. The choice is always theirs: a suggestion only
//! moves the cursor.

use crate::domain::{Depth, Mode};
use crate::ui::{Prompter, UiError};
use crate::words::{Words, fill};

/// Suggests a mode from two answers: has the user made their identity explicit before
/// (0 recently, 1 long ago, 2 never), and is a change pressing now.
pub fn suggest_mode(explicit_before: usize, change_pressing: bool) -> Mode {
    if change_pressing {
        Mode::Kiezen
    } else if explicit_before == 0 {
        Mode::Onderhouden
    } else {
        Mode::Verkennen
    }
}

/// Offers the three modes, each with a line on when it fits, and a way to get a suggestion.
pub fn choose_mode(prompter: &mut dyn Prompter, words: &Words) -> Result<Mode, UiError> {
    let mut options: Vec<String> = Mode::ALL
        .iter()
        .map(|m| format!("{}: {}", words.mode_name(*m), words.mode_line(*m)))
        .collect();
    options.push(words.suggest_option.to_string());
    let picked = prompter.choose(words.mode_question, &options, 0)?;
    if picked < Mode::ALL.len() {
        return Ok(Mode::ALL[picked]);
    }
    let explicit = prompter.choose(
        words.suggest_explicit,
        &words.suggest_explicit_options.map(String::from),
        0,
    )?;
    let change = prompter.choose(
        words.suggest_change,
        &[words.yes.into(), words.no.into()],
        1,
    )? == 0;
    let suggestion = suggest_mode(explicit, change);
    prompter.show(&fill(words.suggest_result, &[words.mode_name(suggestion)]))?;
    options.pop();
    let picked = prompter.choose(words.mode_question, &options, suggestion as usize)?;
    Ok(Mode::ALL[picked])
}

/// Asks for a quick or a deep session.
pub fn choose_depth(prompter: &mut dyn Prompter, words: &Words) -> Result<Depth, UiError> {
    let options = [words.depth_quick.to_string(), words.depth_deep.to_string()];
    Ok(match prompter.choose(words.depth_question, &options, 0)? {
        0 => Depth::Quick,
        _ => Depth::Deep,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pressing_change_suggests_choosing() {
        assert_eq!(suggest_mode(0, true), Mode::Kiezen);
        assert_eq!(suggest_mode(2, true), Mode::Kiezen);
    }

    #[test]
    fn without_a_change_history_decides() {
        assert_eq!(suggest_mode(0, false), Mode::Onderhouden);
        assert_eq!(suggest_mode(1, false), Mode::Verkennen);
        assert_eq!(suggest_mode(2, false), Mode::Verkennen);
    }
}
