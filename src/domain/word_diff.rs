//! Text compared word by word, as `git diff --word-diff` does: one algorithm for every
//! place that shows how a wording changed (answers over time, statements, pack versions).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// A run of text that stayed, went or came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordChange {
    pub op: WordOp,
    pub text: String,
}

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    Equal,
    Delete,
    Insert,
}

/// `old` to `new` word by word. Whitespace between two replaced words joins them into one
/// replacement, so `a b c` → `a x y c` reads `a [-b-]{+x y+} c`, not a change per word.
#[must_use]
pub fn word_diff(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::configure().diff_words(old, new);
    let mut out: Vec<WordChange> = Vec::new();
    let (mut del, mut ins, mut gap) = (String::new(), String::new(), String::new());
    let push = |out: &mut Vec<WordChange>, op: WordOp, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(WordChange {
                op,
                text: text.to_string(),
            }),
        }
    };
    let flush = |out: &mut Vec<WordChange>, del: &mut String, ins: &mut String| {
        push(out, WordOp::Delete, del);
        push(out, WordOp::Insert, ins);
        del.clear();
        ins.clear();
    };
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal if !del.is_empty() && !ins.is_empty() && value.trim().is_empty() => {
                gap.push_str(value);
            }
            ChangeTag::Equal => {
                flush(&mut out, &mut del, &mut ins);
                push(&mut out, WordOp::Equal, &gap);
                gap.clear();
                push(&mut out, WordOp::Equal, value);
            }
            tag => {
                del.push_str(&gap);
                ins.push_str(&gap);
                gap.clear();
                if tag == ChangeTag::Delete {
                    del.push_str(value);
                } else {
                    ins.push_str(value);
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    push(&mut out, WordOp::Equal, &gap);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_changes_group_into_one() {
        let ops: Vec<(WordOp, String)> =
            word_diff("How clear is it to you", "How sharp is it for you")
                .into_iter()
                .map(|w| (w.op, w.text))
                .collect();
        assert_eq!(
            ops,
            [
                (WordOp::Equal, "How ".to_string()),
                (WordOp::Delete, "clear".into()),
                (WordOp::Insert, "sharp".into()),
                (WordOp::Equal, " is it ".into()),
                (WordOp::Delete, "to".into()),
                (WordOp::Insert, "for".into()),
                (WordOp::Equal, " you".into()),
            ]
        );
        let joined = word_diff("a b c", "a x y c");
        assert_eq!(joined[1].text, "b");
        assert_eq!(joined[2].text, "x y");
        assert_eq!(
            word_diff("same", "same"),
            [WordChange {
                op: WordOp::Equal,
                text: "same".into()
            }]
        );
    }
}
