//! What a prompt's stored answer may hold, checked when answers arrive from a file rather
//! than from a person: an import must not bring in a scale value outside its scale, a list
//! where the prompt asked for text, or an answer of another kind than its prompt.

use super::model::{Prompt, PromptKind};
use crate::domain::AnswerValue;

impl Prompt {
    /// Whether `value`, stored under `kind` (the kind id the file gives), can be an answer
    /// to this prompt. The message says what is wrong without echoing the value.
    pub fn check_stored(&self, kind: &str, value: Option<&AnswerValue>) -> Result<(), String> {
        if kind != self.kind.id() {
            return Err(format!(
                "is stored as a {kind} answer, but prompt '{}' is a {} prompt",
                self.id,
                self.kind.id()
            ));
        }
        let Some(value) = value else {
            return Ok(());
        };
        let fits = match (&self.kind, value) {
            (PromptKind::Scale { min, max, .. }, AnswerValue::Number(n)) => {
                if !(*min..=*max).contains(n) {
                    return Err(format!(
                        "has the value {n}, outside the scale of prompt '{}' ({min} to {max})",
                        self.id
                    ));
                }
                true
            }
            (PromptKind::Choice { options }, AnswerValue::Text(t)) => {
                if !options.iter().any(|o| o.eq_ignore_ascii_case(t.trim())) {
                    return Err(format!("is not one of the options of prompt '{}'", self.id));
                }
                true
            }
            (
                PromptKind::ShortText | PromptKind::LongText | PromptKind::Commitment,
                AnswerValue::Text(_),
            )
            | (
                PromptKind::List | PromptKind::Statements | PromptKind::Tidy,
                AnswerValue::Items(_),
            ) => true,
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(format!(
                "holds {} where prompt '{}' ({}) takes {}",
                shape(value),
                self.id,
                self.kind.id(),
                takes(&self.kind)
            ))
        }
    }
}

fn shape(value: &AnswerValue) -> &'static str {
    match value {
        AnswerValue::Text(_) => "a text",
        AnswerValue::Number(_) => "a number",
        AnswerValue::Items(_) => "a list",
    }
}

fn takes(kind: &PromptKind) -> &'static str {
    match kind {
        PromptKind::Scale { .. } => "a number",
        PromptKind::List | PromptKind::Statements | PromptKind::Tidy => "a list",
        _ => "a text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Depth;

    fn prompt(kind: PromptKind) -> Prompt {
        Prompt {
            id: "fit".into(),
            kind,
            text: "?".into(),
            help: None,
            depth: Depth::Quick,
            replaces: None,
            shows: None,
        }
    }

    fn scale() -> Prompt {
        prompt(PromptKind::Scale {
            min: 1,
            max: 5,
            min_label: "a".into(),
            max_label: "b".into(),
        })
    }

    #[test]
    fn values_inside_their_prompt_pass() {
        assert_eq!(
            scale().check_stored("scale", Some(&AnswerValue::Number(5))),
            Ok(())
        );
        assert_eq!(scale().check_stored("scale", None), Ok(()));
        let choice = prompt(PromptKind::Choice {
            options: vec!["Ja".into(), "Nee".into()],
        });
        assert_eq!(
            choice.check_stored("choice", Some(&AnswerValue::Text("ja".into()))),
            Ok(())
        );
    }

    #[test]
    fn values_that_do_not_fit_are_named() {
        let err = scale()
            .check_stored("scale", Some(&AnswerValue::Number(9)))
            .unwrap_err();
        assert!(
            err.contains("outside the scale") && err.contains("1 to 5"),
            "{err}"
        );
        let err = scale()
            .check_stored("scale", Some(&AnswerValue::Text("x".into())))
            .unwrap_err();
        assert!(
            err.contains("holds a text") && err.contains("takes a number"),
            "{err}"
        );
        let err = scale()
            .check_stored("long_text", Some(&AnswerValue::Text("x".into())))
            .unwrap_err();
        assert!(err.contains("is a scale prompt"), "{err}");
        let list = prompt(PromptKind::List);
        assert!(
            list.check_stored("list", Some(&AnswerValue::Number(1)))
                .is_err()
        );
    }
}
