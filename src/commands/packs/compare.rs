//! What changed between two versions of a pack, prompt by prompt: pure (two packs in, a
//! [`PackDiff`] out), so that `pi packs diff` only has to print it.

use crate::domain::word_diff::{WordChange, word_diff};
use crate::domain::{Depth, Language};
use crate::packs::{Pack, Prompt, PromptKind};
use serde::Serialize;

/// Every difference between two versions of a pack.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PackDiff {
    /// `id@version` of the first.
    pub from: String,
    /// `id@version` of the second.
    pub to: String,
    pub language: Language,
    /// Changes to the pack's own keys: title, description, purpose.
    pub pack: Vec<FieldChange>,
    /// Prompts only the second has (and that replace nothing the first has).
    pub added: Vec<PromptSummary>,
    /// Prompts only the first has (and that nothing in the second replaces).
    pub removed: Vec<PromptSummary>,
    /// A prompt of the second whose `replaces` names a prompt of the first.
    pub replaced: Vec<Replacement>,
    /// The same id with another text.
    pub reworded: Vec<Rewording>,
    /// The same id with another kind, scale, options, depth or help.
    pub changed: Vec<PromptChange>,
}

impl PackDiff {
    /// Whether the two versions ask exactly the same.
    pub fn is_empty(&self) -> bool {
        self.pack.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.replaced.is_empty()
            && self.reworded.is_empty()
            && self.changed.is_empty()
    }
}

/// One prompt, briefly.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PromptSummary {
    pub id: String,
    /// The kind with its particulars, e.g. `scale 1–5 (vague … clear)`.
    pub kind: String,
    pub depth: Depth,
    pub text: String,
}

/// `replaced OLD by NEW`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Replacement {
    pub old: PromptSummary,
    pub new: PromptSummary,
    /// The text, word by word.
    pub words: Vec<WordChange>,
}

/// A prompt whose text changed.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Rewording {
    pub id: String,
    pub old_text: String,
    pub new_text: String,
    /// The text, word by word.
    pub words: Vec<WordChange>,
}

/// One changed key of a prompt that both versions have.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PromptChange {
    pub prompt: String,
    /// `kind`, `scale`, `options`, `depth` or `help`.
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// One changed key of the pack itself.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// Compares version `a` of a pack with version `b`.
pub fn compare(a: &Pack, b: &Pack) -> PackDiff {
    let mut pack = Vec::new();
    for (field, old, new) in [
        ("title", &a.title, &b.title),
        ("description", &a.description, &b.description),
    ] {
        if old != new {
            pack.push(FieldChange {
                field,
                old: old.clone(),
                new: new.clone(),
            });
        }
    }
    let (old_purpose, new_purpose) = (super::purpose_label(a), super::purpose_label(b));
    if old_purpose != new_purpose {
        pack.push(FieldChange {
            field: "purpose",
            old: old_purpose,
            new: new_purpose,
        });
    }

    // A prompt of `b` takes over from one of `a` when it names it and `b` no longer has it.
    let replacement_of = |p: &Prompt| -> Option<&Prompt> {
        let old = p.replaces.as_deref()?;
        if b.prompt(old).is_some() || a.prompt(&p.id).is_some() {
            return None;
        }
        a.prompt(old)
    };
    let mut replaced = Vec::new();
    let mut added = Vec::new();
    for p in &b.prompts {
        if a.prompt(&p.id).is_some() {
            continue;
        }
        match replacement_of(p) {
            Some(old) => replaced.push(Replacement {
                old: summary(old),
                new: summary(p),
                words: word_diff(&old.text, &p.text),
            }),
            None => added.push(summary(p)),
        }
    }
    let removed = a
        .prompts
        .iter()
        .filter(|p| b.prompt(&p.id).is_none())
        .filter(|p| !replaced.iter().any(|r| r.old.id == p.id))
        .map(summary)
        .collect();

    let mut reworded = Vec::new();
    let mut changed = Vec::new();
    for old in &a.prompts {
        let Some(new) = b.prompt(&old.id) else {
            continue;
        };
        if old.text != new.text {
            reworded.push(Rewording {
                id: old.id.clone(),
                old_text: old.text.clone(),
                new_text: new.text.clone(),
                words: word_diff(&old.text, &new.text),
            });
        }
        let field = match (&old.kind, &new.kind) {
            (PromptKind::Scale { .. }, PromptKind::Scale { .. }) => "scale",
            (PromptKind::Choice { .. }, PromptKind::Choice { .. }) => "options",
            _ => "kind",
        };
        push_change(
            &mut changed,
            &old.id,
            field,
            kind_label(&old.kind),
            kind_label(&new.kind),
        );
        push_change(
            &mut changed,
            &old.id,
            "depth",
            old.depth.id().to_string(),
            new.depth.id().to_string(),
        );
        push_change(
            &mut changed,
            &old.id,
            "help",
            old.help.clone().unwrap_or_default(),
            new.help.clone().unwrap_or_default(),
        );
    }
    PackDiff {
        from: a.label(),
        to: b.label(),
        language: b.language,
        pack,
        added,
        removed,
        replaced,
        reworded,
        changed,
    }
}

fn push_change(
    changed: &mut Vec<PromptChange>,
    prompt: &str,
    field: &'static str,
    old: String,
    new: String,
) {
    if old != new {
        changed.push(PromptChange {
            prompt: prompt.to_string(),
            field,
            old,
            new,
        });
    }
}

fn summary(p: &Prompt) -> PromptSummary {
    PromptSummary {
        id: p.id.clone(),
        kind: kind_label(&p.kind),
        depth: p.depth,
        text: p.text.clone(),
    }
}

/// A kind with what makes it that kind: `scale 1–5 (vague … clear)`, `choice (a | b)`.
fn kind_label(kind: &PromptKind) -> String {
    match kind {
        PromptKind::Scale {
            min,
            max,
            min_label,
            max_label,
        } => format!("scale {min}–{max} ({min_label} … {max_label})"),
        PromptKind::Choice { options } => format!("choice ({})", options.join(" | ")),
        other => other.id().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::packs::diff::render;
    use crate::packs::{PackSource, parse_pack};

    const OLD: &str = r#"
format = 1
id = "p"
version = "1.0.0"
language = "en"
title = "P"
description = "D."
modes = ["verkennen"]

[[changelog]]
version = "1.0.0"
changes = "First."

[[prompts]]
id = "colour"
kind = "long_text"
text = "Think of a piece of work you are pleased with."
help = "Why."

[[prompts]]
id = "fit"
kind = "scale"
text = "How well does it fit?"
min = 1
max = 5
min_label = "not"
max_label = "fully"

[[prompts]]
id = "role"
kind = "short_text"
depth = "deep"
text = "Your role?"

[[prompts]]
id = "same"
kind = "list"
text = "Unchanged?"
"#;

    fn pack(text: &str) -> Pack {
        parse_pack("p.toml", text, PackSource::Snapshot).unwrap()
    }

    fn new_version() -> Pack {
        let text = OLD
            .replace("version = \"1.0.0\"", "version = \"2.0.0\"")
            .replace(
                "Think of a piece of work you are pleased with.",
                "What makes a piece of work you are pleased with yours?",
            )
            .replace("id = \"fit\"", "id = \"fit-now\"\nreplaces = \"fit\"")
            .replace(
                "id = \"role\"\nkind = \"short_text\"\ndepth = \"deep\"\ntext = \"Your role?\"\n",
                "id = \"people\"\nkind = \"list\"\ntext = \"Who matters?\"\n",
            )
            .replace(
                "kind = \"list\"\ntext = \"Unchanged?\"",
                "kind = \"list\"\ndepth = \"deep\"\ntext = \"Unchanged?\"",
            );
        pack(&text)
    }

    #[test]
    fn a_version_against_itself_has_no_differences() {
        let a = pack(OLD);
        let diff = compare(&a, &a);
        assert!(diff.is_empty(), "{diff:?}");
        assert!(render(&diff, false).contains("exactly the same"));
    }

    #[test]
    fn prompts_added_removed_reworded_replaced_and_changed_are_told_apart() {
        let diff = compare(&pack(OLD), &new_version());
        assert_eq!(diff.from, "p@1.0.0");
        assert_eq!(diff.to, "p@2.0.0");
        let ids = |v: &[PromptSummary]| v.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&diff.added), ["people"]);
        assert_eq!(ids(&diff.removed), ["role"]);
        assert_eq!(diff.replaced.len(), 1);
        assert_eq!(
            (
                diff.replaced[0].old.id.as_str(),
                diff.replaced[0].new.id.as_str()
            ),
            ("fit", "fit-now")
        );
        assert_eq!(diff.reworded.len(), 1);
        assert_eq!(diff.reworded[0].id, "colour");
        assert_eq!(
            diff.changed,
            [PromptChange {
                prompt: "same".into(),
                field: "depth",
                old: "quick".into(),
                new: "deep".into(),
            }]
        );
        assert!(diff.pack.is_empty());

        let text = render(&diff, false);
        assert!(text.contains("replaced fit by fit-now"), "{text}");
        assert!(text.contains("- role (short_text, deep)"), "{text}");
        assert!(text.contains("+ people (list, quick)"), "{text}");
        assert!(text.contains("same: depth quick → deep"), "{text}");
        assert!(
            text.contains("words: [-Think of-]{+What makes+} a piece of work you are pleased [-with.-]{+with yours?+}"),
            "{text}"
        );
    }

    #[test]
    fn a_replaces_naming_a_prompt_the_first_version_lacks_is_an_addition() {
        let text = OLD.replace("id = \"role\"", "id = \"role-now\"\nreplaces = \"older\"");
        let diff = compare(
            &pack(OLD),
            &pack(&text.replace("1.0.0\"\nlanguage", "1.1.0\"\nlanguage")),
        );
        assert!(diff.replaced.is_empty());
        assert_eq!(diff.added[0].id, "role-now");
        assert_eq!(diff.removed[0].id, "role");
    }

    #[test]
    fn kind_scale_and_help_changes_are_listed() {
        let text = OLD
            .replace("max = 5", "max = 7")
            .replace("kind = \"short_text\"", "kind = \"long_text\"")
            .replace("help = \"Why.\"", "help = \"Because.\"");
        let diff = compare(&pack(OLD), &pack(&text));
        let fields: Vec<(&str, &str)> = diff
            .changed
            .iter()
            .map(|c| (c.prompt.as_str(), c.field))
            .collect();
        assert_eq!(
            fields,
            [("colour", "help"), ("fit", "scale"), ("role", "kind")]
        );
        assert_eq!(diff.changed[1].old, "scale 1–5 (not … fully)");
        assert_eq!(diff.changed[1].new, "scale 1–7 (not … fully)");
    }
}
