//! The rules an answer must meet, shared by the terminal and the answers file, so both accept
//! and refuse exactly the same things.

use crate::domain::AnswerValue;
use crate::packs::{Prompt, PromptKind};

/// Checks (and tidies: trims, drops empty list lines) a value for a prompt.
///
/// The error says what the prompt expects, in words a person can act on.
pub fn check_value(prompt: &Prompt, value: AnswerValue) -> Result<AnswerValue, String> {
    match (&prompt.kind, value) {
        (PromptKind::ShortText | PromptKind::LongText, AnswerValue::Text(t)) => {
            if t.trim().is_empty() {
                return Err("the answer is empty (leave the prompt out to skip it)".into());
            }
            if prompt.kind == PromptKind::ShortText {
                return Ok(AnswerValue::Text(t.trim().to_string()));
            }
            // A long answer is kept as written (indentation, blank lines, a line starting
            // with `#`), apart from one trailing newline.
            let kept = t
                .strip_suffix("\r\n")
                .or_else(|| t.strip_suffix('\n'))
                .unwrap_or(&t);
            Ok(AnswerValue::Text(kept.to_string()))
        }
        (PromptKind::Scale { min, max, .. }, AnswerValue::Number(n)) => {
            if (*min..=*max).contains(&n) {
                Ok(AnswerValue::Number(n))
            } else {
                Err(format!("{n} is outside the scale from {min} to {max}"))
            }
        }
        (PromptKind::Choice { options }, AnswerValue::Text(t)) => {
            let t = t.trim();
            match options
                .iter()
                .find(|o| o.as_str() == t || o.eq_ignore_ascii_case(t))
            {
                Some(o) => Ok(AnswerValue::Text(o.clone())),
                None => Err(format!(
                    "'{t}' is not one of the options: {}",
                    quoted(options)
                )),
            }
        }
        (PromptKind::List | PromptKind::Statements, AnswerValue::Items(items)) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| i.trim().to_string())
                .filter(|i| !i.is_empty())
                .collect();
            if items.is_empty() {
                Err("the list is empty (leave the prompt out to skip it)".into())
            } else {
                Ok(AnswerValue::Items(items))
            }
        }
        (kind, value) => Err(format!("{} but got {}", expects(kind), describe(&value))),
    }
}

/// What a prompt of this kind takes, as a phrase.
pub fn expects(kind: &PromptKind) -> String {
    match kind {
        PromptKind::ShortText | PromptKind::LongText => "expects text".into(),
        PromptKind::Scale { min, max, .. } => {
            format!("is a scale and expects a whole number from {min} to {max}")
        }
        PromptKind::Choice { options } => format!("expects one of {}", quoted(options)),
        PromptKind::List | PromptKind::Statements => "expects a list of texts".into(),
        PromptKind::Tidy => "expects a table of statement ids and decisions".into(),
        PromptKind::Commitment => "expects the commitment's text".into(),
    }
}

fn describe(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) => format!("text \"{}\"", t.chars().take(40).collect::<String>()),
        AnswerValue::Number(n) => format!("the number {n}"),
        AnswerValue::Items(_) => "a list".into(),
    }
}

fn quoted(options: &[String]) -> String {
    options
        .iter()
        .map(|o| format!("\"{o}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Depth;

    fn prompt(kind: PromptKind) -> Prompt {
        Prompt {
            id: "p".into(),
            kind,
            text: "?".into(),
            help: None,
            depth: Depth::Quick,
            replaces: None,
            shows: None,
        }
    }

    #[test]
    fn scales_take_numbers_in_range_only() {
        let p = prompt(PromptKind::Scale {
            min: 1,
            max: 5,
            min_label: "a".into(),
            max_label: "b".into(),
        });
        assert_eq!(
            check_value(&p, AnswerValue::Number(3)),
            Ok(AnswerValue::Number(3))
        );
        assert!(
            check_value(&p, AnswerValue::Number(6))
                .unwrap_err()
                .contains("outside")
        );
        let err = check_value(&p, AnswerValue::Text("four".into())).unwrap_err();
        assert!(err.contains("scale") && err.contains("four"), "{err}");
    }

    #[test]
    fn choices_match_an_option_and_take_its_spelling() {
        let p = prompt(PromptKind::Choice {
            options: vec!["Yes".into(), "No".into()],
        });
        assert_eq!(
            check_value(&p, AnswerValue::Text("yes".into())),
            Ok(AnswerValue::Text("Yes".into()))
        );
        assert!(check_value(&p, AnswerValue::Text("maybe".into())).is_err());
    }

    #[test]
    fn texts_and_lists_are_trimmed_and_must_not_be_empty() {
        let p = prompt(PromptKind::ShortText);
        assert_eq!(
            check_value(&p, AnswerValue::Text(" a ".into())),
            Ok(AnswerValue::Text("a".into()))
        );
        assert!(check_value(&p, AnswerValue::Text("  ".into())).is_err());
        let long = prompt(PromptKind::LongText);
        assert_eq!(
            check_value(
                &long,
                AnswerValue::Text("  # kept\n\n    as written\n".into())
            ),
            Ok(AnswerValue::Text("  # kept\n\n    as written".into()))
        );
        assert!(check_value(&long, AnswerValue::Text(" \n ".into())).is_err());
        let l = prompt(PromptKind::List);
        assert_eq!(
            check_value(&l, AnswerValue::Items(vec![" a".into(), "".into()])),
            Ok(AnswerValue::Items(vec!["a".into()]))
        );
        assert!(check_value(&l, AnswerValue::Items(vec![])).is_err());
    }
}
