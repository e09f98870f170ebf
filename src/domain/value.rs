//! The value of one answer, as stored in the journal (JSON) and shown to people.

use serde::{Deserialize, Serialize};

/// What a person answered. Stored as JSON so old answers stay readable whatever packs become.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerValue {
    /// Free text: short or long.
    Text(String),
    /// A point on a scale.
    Number(i64),
    /// Several short items (a list, statements).
    Items(Vec<String>),
}

impl AnswerValue {
    /// The value on one line, for tables and summaries.
    pub fn one_line(&self) -> String {
        match self {
            AnswerValue::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            AnswerValue::Number(n) => n.to_string(),
            AnswerValue::Items(items) => items.join("; "),
        }
    }

    /// Serialises for the `value` column.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("answer values always serialise")
    }

    /// Reads the `value` column.
    pub fn from_json(s: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_as_json() {
        for v in [
            AnswerValue::Text("Ik sta voor \"eerlijk\" advies.\nEn meer.".into()),
            AnswerValue::Number(4),
            AnswerValue::Items(vec!["a".into(), "b".into()]),
        ] {
            assert_eq!(AnswerValue::from_json(&v.to_json()).unwrap(), v);
        }
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(AnswerValue::Text("a\n\n b".into()).one_line(), "a b");
    }
}
