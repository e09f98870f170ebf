//! Which packs exist and which version of each is in force.

use super::builtin::BUILT_IN;
use super::error::{Location, PackError, PackErrors};
use super::model::{Pack, PackSource, Purpose};
use super::validate::parse_pack;
use crate::domain::{Language, Mode};
use std::path::Path;

/// Every known pack version: built-in ones and the user's own.
///
/// A user pack with the same id and language and a higher version than a built-in one wins;
/// the same version with different content is an error, since the journal could no longer
/// tell which questions were asked.
#[derive(Debug, Clone, Default)]
pub struct PackRegistry {
    packs: Vec<Pack>,
}

impl PackRegistry {
    /// The built-in packs alone.
    pub fn built_in() -> Result<Self, PackErrors> {
        Self::load(None)
    }

    /// Built-in packs plus every `*.toml` in `user_dir` (when it exists).
    ///
    /// Any invalid user pack is an error: silently skipping it would ask other questions
    /// than the author meant.
    pub fn load(user_dir: Option<&Path>) -> Result<Self, PackErrors> {
        let mut errors = Vec::new();
        let mut packs = Vec::new();
        for (name, text) in BUILT_IN {
            let file = format!("built-in:{name}");
            match parse_pack(&file, text, PackSource::BuiltIn((*name).to_string())) {
                Ok(p) => packs.push(p),
                Err(e) => errors.extend(e.0),
            }
        }
        if let Some(dir) = user_dir {
            match std::fs::read_dir(dir) {
                Ok(entries) => {
                    let mut paths: Vec<_> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                        .collect();
                    paths.sort();
                    for path in paths {
                        match load_file(&path) {
                            Ok(p) => packs.push(p),
                            Err(e) => errors.extend(e.0),
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => errors.push(PackError {
                    location: Location::file(&dir.display().to_string()),
                    message: format!("cannot read the pack directory: {e}"),
                }),
            }
        }
        let mut registry = Self::default();
        for pack in packs {
            if let Err(e) = registry.add(pack) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(registry)
        } else {
            Err(PackErrors(errors))
        }
    }

    /// Adds one pack; refuses a second, different pack under the same id, language and version.
    pub fn add(&mut self, pack: Pack) -> Result<(), PackError> {
        if let Some(existing) = self
            .packs
            .iter()
            .find(|p| p.id == pack.id && p.language == pack.language && p.version == pack.version)
        {
            if existing.hash != pack.hash {
                return Err(PackError {
                    location: Location::file(&pack.source.to_string()),
                    message: format!(
                        "{} ({}) is also defined by {} with different content; \
                         give the changed pack a higher version",
                        pack.label(),
                        pack.language,
                        existing.source
                    ),
                });
            }
            return Ok(());
        }
        self.packs.push(pack);
        Ok(())
    }

    /// Every version of every pack, sorted by id, language and version.
    pub fn all(&self) -> Vec<&Pack> {
        let mut all: Vec<&Pack> = self.packs.iter().collect();
        all.sort_by(|a, b| (&a.id, a.language, &a.version).cmp(&(&b.id, b.language, &b.version)));
        all
    }

    /// The version in force of pack `id` in `language`: the highest.
    pub fn find(&self, id: &str, language: Language) -> Option<&Pack> {
        self.packs
            .iter()
            .filter(|p| p.id == id && p.language == language)
            .max_by(|a, b| a.version.cmp(&b.version))
    }

    /// A specific version.
    pub fn find_version(
        &self,
        id: &str,
        language: Language,
        version: &semver::Version,
    ) -> Option<&Pack> {
        self.packs
            .iter()
            .find(|p| p.id == id && p.language == language && &p.version == version)
    }

    /// The pack for a mode: the one whose id is the mode's, else any mode pack serving it.
    pub fn for_mode(&self, mode: Mode, language: Language) -> Option<&Pack> {
        self.find(mode.id(), language)
            .filter(|p| p.modes.contains(&mode))
            .or_else(|| {
                self.packs
                    .iter()
                    .filter(|p| p.language == language && p.modes.contains(&mode))
                    .max_by(|a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)))
            })
    }

    /// The newest pack of a purpose (e.g. the project reflection) in a language.
    pub fn for_purpose(&self, purpose: Purpose, language: Language) -> Option<&Pack> {
        let ids: Vec<&str> = {
            let mut ids: Vec<&str> = self
                .packs
                .iter()
                .filter(|p| p.purpose == purpose && p.language == language)
                .map(|p| p.id.as_str())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let preferred = ids.iter().find(|id| **id == purpose.id()).or(ids.first())?;
        self.find(preferred, language)
    }
}

/// Reads one pack file from disk.
pub fn load_file(path: &Path) -> Result<Pack, PackErrors> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| PackError {
        location: Location::file(&file),
        message: format!("cannot read the pack: {e}"),
    })?;
    parse_pack(&file, &text, PackSource::File(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Depth;

    fn pack_text(version: &str, title: &str) -> String {
        format!(
            r#"format = 1
id = "verkennen"
version = "{version}"
language = "en"
title = "{title}"
description = "Mine."
modes = ["verkennen"]

[[prompts]]
id = "only"
kind = "short_text"
text = "Only question?"
"#
        )
    }

    #[test]
    fn every_built_in_pack_validates() {
        let registry = PackRegistry::built_in().unwrap();
        for mode in Mode::ALL {
            for lang in [Language::Nl, Language::En] {
                let pack = registry
                    .for_mode(mode, lang)
                    .expect("a pack per mode and language");
                assert!(pack.prompts_for(Depth::Quick).count() > 0);
            }
        }
    }

    #[test]
    fn a_higher_user_version_wins_and_a_lower_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), pack_text("99.0.0", "Mine")).unwrap();
        std::fs::write(dir.path().join("old.toml"), pack_text("0.0.1", "Old")).unwrap();
        let registry = PackRegistry::load(Some(dir.path())).unwrap();
        let pack = registry.for_mode(Mode::Verkennen, Language::En).unwrap();
        assert_eq!(pack.title, "Mine");
        assert!(matches!(pack.source, PackSource::File(_)));
        assert_eq!(
            registry.find("verkennen", Language::Nl).unwrap().language,
            Language::Nl
        );
    }

    #[test]
    fn same_version_with_other_content_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), pack_text("50.0.0", "A")).unwrap();
        std::fs::write(dir.path().join("b.toml"), pack_text("50.0.0", "B")).unwrap();
        let err = PackRegistry::load(Some(dir.path())).unwrap_err();
        assert!(err.to_string().contains("different content"), "{err}");
    }

    #[test]
    fn a_broken_user_pack_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.toml"), "format = 1\nid = [\n").unwrap();
        let err = PackRegistry::load(Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.toml:"), "{err}");
    }
}
