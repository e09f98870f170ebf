//! `pi packs new ID`: a commented starter pack in the user's packs folder, written atomically.

use crate::app::App;
use crate::cli::PacksNewArgs;
use crate::domain::Language;
use crate::error::{CliError, CliResult};
use crate::interchange::atomic::{self, WriteError};
use std::path::Path;

/// The starter packs, one per language; `__ID__` and `__DATE__` are filled in.
const STARTER_EN: &str = include_str!("starter.en.toml");
const STARTER_NL: &str = include_str!("starter.nl.toml");

/// Runs `pi packs new`.
pub fn run(app: &App, args: &PacksNewArgs) -> CliResult {
    let id = args.id.trim();
    if !is_pack_id(id) {
        return Err(CliError::new(format!(
            "'{id}' cannot be a pack id: use lowercase letters, digits, '-' and '_', \
             starting with a letter or digit"
        )));
    }
    let language = app.config.language;
    let dir = app.config.packs_dir();
    create_private_dir(&dir).map_err(|e| {
        CliError::new(format!(
            "cannot create the packs folder {}: {e}",
            dir.display()
        ))
    })?;
    let path = dir.join(format!("{id}.{language}.toml"));
    let exists = || {
        CliError::new(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        ))
    };
    if path.exists() && !args.force {
        return Err(exists());
    }
    let date = app.clock.now().date_naive().format("%Y-%m-%d").to_string();
    let text = starter(id, language, &date);
    atomic::write(&path, text.as_bytes(), args.force, &app.protected()).map_err(|e| match e {
        WriteError::Exists(_) => exists(),
        other => CliError::from(other),
    })?;
    app.out
        .data(&path.display().to_string())
        .map_err(super::io_error)?;
    app.out.status(&format!(
        "Wrote a starter pack. Make it yours, then check it with `pi packs validate {}`.",
        path.display()
    ));
    Ok(())
}

/// The starter pack's text for pack `id` in `language`, dated `date`.
pub fn starter(id: &str, language: Language, date: &str) -> String {
    let template = match language {
        Language::En => STARTER_EN,
        Language::Nl => STARTER_NL,
    };
    template.replace("__ID__", id).replace("__DATE__", date)
}

/// The rule pack files follow for ids: `[a-z0-9][a-z0-9_-]*`.
fn is_pack_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Creates `dir` (and its parents) readable by the user alone, if it is missing.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::{PackSource, PromptKind, parse_pack};

    #[test]
    fn the_starter_pack_is_valid_in_every_language_and_has_each_common_kind() {
        for language in [Language::En, Language::Nl] {
            let text = starter("my-team", language, "2026-11-23");
            let pack = parse_pack("starter.toml", &text, PackSource::Snapshot)
                .unwrap_or_else(|e| panic!("{language}: {e:?}"));
            assert_eq!(pack.label(), "my-team@0.1.0");
            assert_eq!(pack.language, language);
            assert_eq!(pack.changelog[0].date.as_deref(), Some("2026-11-23"));
            let kinds: Vec<&str> = pack.prompts.iter().map(|p| p.kind.id()).collect();
            for kind in PromptKind::IDS.iter().filter(|k| **k != "tidy") {
                assert!(kinds.contains(kind), "{language}: no {kind} prompt");
            }
            assert!(pack.prompts.iter().all(|p| p.help.is_some()));
            assert!(!text.contains("__"), "{language}: a placeholder is left");
        }
    }

    #[test]
    fn every_key_of_the_format_is_explained_in_the_starter() {
        for language in [Language::En, Language::Nl] {
            let text = starter("x", language, "2026-11-23");
            for key in [
                "format",
                "id",
                "version",
                "language",
                "title",
                "description",
                "purpose",
                "modes",
                "changelog",
                "date",
                "changes",
                "kind",
                "text",
                "help",
                "depth",
                "shows",
                "replaces",
                "min",
                "max",
                "min_label",
                "max_label",
                "options",
            ] {
                let explained = text
                    .lines()
                    .any(|l| l.starts_with('#') && l.contains(&format!("`{key}`")));
                assert!(explained, "{language}: `{key}` is not explained");
            }
        }
    }

    #[test]
    fn pack_ids_are_lowercase_words() {
        assert!(is_pack_id("my-team_2"));
        for bad in ["", "-x", "My", "a b", "ü", "x.y"] {
            assert!(!is_pack_id(bad), "{bad:?}");
        }
    }
}
