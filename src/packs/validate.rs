//! Turns pack TOML into a [`Pack`], collecting every problem with its file, line and column.

use super::error::{Location, PackError, PackErrors};
use super::format::{FORMAT_VERSION, RawPack, RawPrompt};
use super::model::{ChangelogEntry, Pack, PackSource, Prompt, PromptKind, Purpose, Shows};
use crate::domain::{Depth, Language, Mode};
use semver::Version;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Parses and validates one pack file. `file` names it in errors.
///
/// A TOML syntax or shape error stops at once (the parser cannot go on); every semantic
/// problem after that is collected, so an author sees them all in one run.
pub fn parse_pack(file: &str, text: &str, source: PackSource) -> Result<Pack, PackErrors> {
    let raw: RawPack = toml::from_str(text).map_err(|e| {
        let location = match e.span() {
            Some(span) => Location::at(file, text, span.start),
            None => Location::file(file),
        };
        PackError {
            location,
            message: e.message().trim().replace('\n', " "),
        }
    })?;
    let mut v = Validator {
        file,
        text,
        errors: Vec::new(),
    };
    let pack = v.pack(raw, source);
    if v.errors.is_empty() {
        Ok(pack.expect("a pack without errors is complete"))
    } else {
        Err(PackErrors(v.errors))
    }
}

struct Validator<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<PackError>,
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(PackError {
            location: Location::at(self.file, self.text, span.start),
            message: message.into(),
        });
    }

    fn required_text(&mut self, field: &Spanned<String>, name: &str) -> String {
        if field.get_ref().trim().is_empty() {
            self.error(field.span(), format!("`{name}` must not be empty"));
        }
        field.get_ref().trim().to_string()
    }

    fn version(&mut self, field: &Spanned<String>) -> Option<Version> {
        match Version::parse(field.get_ref()) {
            Ok(v) => Some(v),
            Err(_) => {
                self.error(
                    field.span(),
                    format!(
                        "version '{}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)",
                        field.get_ref()
                    ),
                );
                None
            }
        }
    }

    fn pack(&mut self, raw: RawPack, source: PackSource) -> Option<Pack> {
        if *raw.format.get_ref() != FORMAT_VERSION {
            self.error(
                raw.format.span(),
                format!(
                    "pack format {} is not known to this pi (it reads format {FORMAT_VERSION})",
                    raw.format.get_ref()
                ),
            );
        }
        let id = raw.id.get_ref().clone();
        if !is_identifier(&id) {
            self.error(
                raw.id.span(),
                format!("pack id '{id}' must be lowercase letters, digits, '-' or '_'"),
            );
        }
        let version = self.version(&raw.version);
        let language = match raw.language.get_ref().parse::<Language>() {
            Ok(l) => Some(l),
            Err(e) => {
                self.error(raw.language.span(), e);
                None
            }
        };
        let title = self.required_text(&raw.title, "title");
        let description = self.required_text(&raw.description, "description");
        let purpose = match &raw.purpose {
            None => Some(Purpose::Mode),
            Some(p) => match Purpose::parse(p.get_ref()) {
                Some(purpose) => Some(purpose),
                None => {
                    self.error(
                        p.span(),
                        format!(
                            "unknown purpose '{}' (expected mode, project, assessment, review or friend)",
                            p.get_ref()
                        ),
                    );
                    None
                }
            },
        };
        let mut modes = Vec::new();
        if let Some(list) = &raw.modes {
            for m in list.get_ref() {
                match m.get_ref().parse::<Mode>() {
                    Ok(mode) if !modes.contains(&mode) => modes.push(mode),
                    Ok(mode) => self.error(m.span(), format!("mode '{mode}' is listed twice")),
                    Err(e) => self.error(m.span(), e),
                }
            }
        }
        match purpose {
            Some(Purpose::Mode) if modes.is_empty() => {
                let span = raw.modes.as_ref().map_or(raw.id.span(), Spanned::span);
                self.error(
                    span,
                    "a pack with purpose \"mode\" must list its `modes` (verkennen, onderhouden, kiezen)",
                );
            }
            Some(p) if p != Purpose::Mode && !modes.is_empty() => {
                let span = raw.modes.as_ref().map_or(raw.id.span(), Spanned::span);
                self.error(
                    span,
                    format!("a pack with purpose \"{}\" has no `modes`", p.id()),
                );
            }
            _ => {}
        }
        if raw.changelog.is_empty() {
            self.error(
                0..0,
                "the pack has no changelog: add at least one [[changelog]] entry",
            );
        }
        let mut changelog = Vec::new();
        for entry in &raw.changelog {
            if let Some(v) = self.version(&entry.version) {
                changelog.push(ChangelogEntry {
                    version: v,
                    date: entry.date.clone(),
                    changes: entry.changes.trim().to_string(),
                });
            }
        }
        if raw.prompts.is_empty() {
            self.error(
                0..0,
                "the pack has no prompts: add at least one [[prompts]] table",
            );
        }
        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        let mut prompts = Vec::new();
        for raw_prompt in &raw.prompts {
            let p = raw_prompt.get_ref();
            let pid = p.id.get_ref();
            if let Some(first) = seen.get(pid) {
                let first = Location::at(self.file, self.text, first.start);
                self.error(
                    p.id.span(),
                    format!(
                        "duplicate prompt id '{pid}' (first used at line {})",
                        first.line.unwrap_or(0)
                    ),
                );
            } else {
                seen.insert(pid.clone(), p.id.span());
            }
            if let Some(prompt) = self.prompt(p) {
                prompts.push(prompt);
            }
        }
        for raw_prompt in &raw.prompts {
            let p = raw_prompt.get_ref();
            if let Some(r) = &p.replaces
                && seen.contains_key(r.get_ref())
            {
                self.error(
                    r.span(),
                    format!(
                        "`replaces = \"{}\"` names a prompt that is still in this pack; \
                             a replaced prompt must be gone",
                        r.get_ref()
                    ),
                );
            }
        }
        let hash = hex(&Sha256::digest(self.text.as_bytes()));
        Some(Pack {
            id,
            version: version?,
            language: language?,
            title,
            description,
            purpose: purpose?,
            modes,
            changelog,
            prompts,
            source,
            text: self.text.to_string(),
            hash,
        })
    }

    fn prompt(&mut self, p: &RawPrompt) -> Option<Prompt> {
        let id = p.id.get_ref().clone();
        if !is_identifier(&id) {
            self.error(
                p.id.span(),
                format!("prompt id '{id}' must be lowercase letters, digits, '-' or '_'"),
            );
        }
        let text = self.required_text(&p.text, "text");
        let depth = match &p.depth {
            None => Depth::Quick,
            Some(d) => match d.get_ref().parse::<Depth>() {
                Ok(depth) => depth,
                Err(e) => {
                    self.error(d.span(), e);
                    Depth::Quick
                }
            },
        };
        let shows = match &p.shows {
            None => None,
            Some(s) if s.get_ref() == "timeline" => Some(Shows::Timeline),
            Some(s) => {
                self.error(
                    s.span(),
                    format!(
                        "unknown `shows` value '{}' (expected timeline)",
                        s.get_ref()
                    ),
                );
                None
            }
        };
        let kind_name = p.kind.get_ref().as_str();
        let is_scale = kind_name == "scale";
        let is_choice = kind_name == "choice";
        if !is_scale {
            for (name, span) in [
                ("min", p.min.as_ref().map(Spanned::span)),
                ("max", p.max.as_ref().map(Spanned::span)),
                ("min_label", p.min_label.as_ref().map(Spanned::span)),
                ("max_label", p.max_label.as_ref().map(Spanned::span)),
            ] {
                if let Some(span) = span {
                    self.error(span, format!("`{name}` only belongs to scale prompts"));
                }
            }
        }
        if !is_choice && let Some(o) = &p.options {
            self.error(o.span(), "`options` only belongs to choice prompts");
        }
        let kind = match kind_name {
            "short_text" => PromptKind::ShortText,
            "long_text" => PromptKind::LongText,
            "list" => PromptKind::List,
            "statements" => PromptKind::Statements,
            "tidy" => PromptKind::Tidy,
            "commitment" => PromptKind::Commitment,
            "scale" => self.scale(p)?,
            "choice" => {
                let Some(options) = &p.options else {
                    self.error(p.kind.span(), "a choice prompt needs `options`");
                    return None;
                };
                let list: Vec<String> = options
                    .get_ref()
                    .iter()
                    .map(|o| o.trim().to_string())
                    .collect();
                let mut distinct = list.clone();
                distinct.sort();
                distinct.dedup();
                if list.len() < 2
                    || distinct.len() != list.len()
                    || list.iter().any(String::is_empty)
                {
                    self.error(
                        options.span(),
                        "a choice prompt needs at least two different, non-empty options",
                    );
                }
                PromptKind::Choice { options: list }
            }
            other => {
                self.error(
                    p.kind.span(),
                    format!(
                        "unknown prompt kind '{other}' (expected one of: {})",
                        PromptKind::IDS.join(", ")
                    ),
                );
                return None;
            }
        };
        Some(Prompt {
            id,
            kind,
            text,
            help: p
                .help
                .as_ref()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty()),
            depth,
            replaces: p.replaces.as_ref().map(|r| r.get_ref().clone()),
            shows,
        })
    }

    fn scale(&mut self, p: &RawPrompt) -> Option<PromptKind> {
        let (Some(min), Some(max)) = (&p.min, &p.max) else {
            self.error(p.kind.span(), "a scale prompt needs `min` and `max`");
            return None;
        };
        let (Some(min_label), Some(max_label)) = (&p.min_label, &p.max_label) else {
            self.error(
                p.kind.span(),
                "a scale prompt needs `min_label` and `max_label`",
            );
            return None;
        };
        if min.get_ref() >= max.get_ref() {
            self.error(
                max.span(),
                format!(
                    "a scale needs two different ends with min below max (got min = {}, max = {})",
                    min.get_ref(),
                    max.get_ref()
                ),
            );
        } else if max.get_ref() - min.get_ref() > 100 {
            self.error(max.span(), "a scale may have at most 101 points");
        }
        if min_label.get_ref().trim() == max_label.get_ref().trim() {
            self.error(
                max_label.span(),
                "the two ends of a scale need different labels",
            );
        }
        Some(PromptKind::Scale {
            min: *min.get_ref(),
            max: *max.get_ref(),
            min_label: min_label.get_ref().trim().to_string(),
            max_label: max_label.get_ref().trim().to_string(),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
format = 1
id = "test"
version = "1.2.0"
language = "en"
title = "Test"
description = "A pack for tests."
modes = ["verkennen"]

[[changelog]]
version = "1.2.0"
changes = "Tests."

[[prompts]]
id = "colour"
kind = "long_text"
text = "What gives you your colour?"
help = "Because."

[[prompts]]
id = "fit"
kind = "scale"
text = "How well does your work fit?"
depth = "deep"
min = 1
max = 5
min_label = "not at all"
max_label = "completely"
"#;

    fn parse(text: &str) -> Result<Pack, PackErrors> {
        parse_pack("p.toml", text, PackSource::Snapshot)
    }

    fn first_error(text: &str) -> String {
        parse(text).unwrap_err().0[0].to_string()
    }

    #[test]
    fn a_good_pack_parses() {
        let pack = parse(GOOD).unwrap();
        assert_eq!(pack.label(), "test@1.2.0");
        assert_eq!(pack.prompts.len(), 2);
        assert_eq!(pack.prompts_for(Depth::Quick).count(), 1);
        assert_eq!(pack.prompts_for(Depth::Deep).count(), 2);
        assert_eq!(pack.hash.len(), 64);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let text = GOOD.replace("title = \"Test\"", "title = \"Test");
        let err = first_error(&text);
        assert!(err.starts_with("p.toml:6:"), "{err}");
    }

    #[test]
    fn missing_fields_and_unknown_keys_are_errors() {
        let err = first_error(&GOOD.replace("title = \"Test\"\n", ""));
        assert!(err.contains("title"), "{err}");
        let err = first_error(&GOOD.replace("help = \"Because.\"", "hlep = \"x\""));
        assert!(err.contains("hlep"), "{err}");
        assert!(err.starts_with("p.toml:18:"), "{err}");
    }

    #[test]
    fn duplicate_ids_unknown_kinds_and_equal_ends_are_all_reported() {
        let text = GOOD
            .replace("id = \"fit\"", "id = \"colour\"")
            .replace("kind = \"long_text\"", "kind = \"essay\"")
            .replace("max = 5", "max = 1");
        let errors = parse(&text).unwrap_err().0;
        let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            all.iter()
                .any(|e| e.contains("duplicate prompt id 'colour'")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|e| e.contains("unknown prompt kind 'essay'")),
            "{all:?}"
        );
        assert!(
            all.iter().any(|e| e.contains("two different ends")),
            "{all:?}"
        );
    }

    #[test]
    fn bad_semver_and_empty_packs_are_errors() {
        assert!(first_error(&GOOD.replace("1.2.0", "1.2")).contains("not a semantic version"));
        let empty = GOOD.split("[[prompts]]").next().unwrap();
        assert!(first_error(empty).contains("no prompts"));
    }

    #[test]
    fn a_pack_without_a_changelog_is_an_error() {
        let text = GOOD.replace(
            "[[changelog]]\nversion = \"1.2.0\"\nchanges = \"Tests.\"\n",
            "",
        );
        assert_eq!(parse(&text).unwrap_err().0.len(), 1);
        let err = first_error(&text);
        assert!(err.starts_with("p.toml:1:1: "), "{err}");
        assert!(err.contains("no changelog"), "{err}");
    }

    #[test]
    fn replaces_must_name_a_prompt_that_is_gone() {
        let text = GOOD.replace("help = \"Because.\"", "replaces = \"fit\"");
        assert!(first_error(&text).contains("still in this pack"));
    }

    #[test]
    fn kind_specific_keys_are_checked() {
        let text = GOOD.replace("help = \"Because.\"", "options = [\"a\", \"b\"]");
        assert!(first_error(&text).contains("only belongs to choice"));
    }
}
