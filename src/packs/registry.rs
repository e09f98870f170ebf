//! Which packs exist and which version of each is in force.

use super::builtin::BUILT_IN;
use super::error::{Location, PackError, PackErrors};
use super::format::RawPack;
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
    /// than the author meant. So is a user pack whose `replaces` names a prompt that no lower
    /// version of the same pack id has: the link would point at nothing.
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
        let known: Vec<&Pack> = registry.packs.iter().collect();
        for pack in &registry.packs {
            if matches!(pack.source, PackSource::File(_)) {
                errors.extend(unknown_replaces(pack, &known));
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

impl PackRegistry {
    /// Checks `pack` against `known` versions of packs (from any source, e.g. the registry and
    /// the journal's snapshots): the same id, language and version with other content is an
    /// error, and so is a `replaces` that names no prompt of a lower version of the same id.
    pub fn check_against(pack: &Pack, known: &[&Pack]) -> Vec<PackError> {
        let mut errors = Vec::new();
        if let Some(other) = known.iter().find(|k| {
            k.id == pack.id
                && k.language == pack.language
                && k.version == pack.version
                && k.hash != pack.hash
        }) {
            errors.push(PackError {
                location: key_location(pack, |raw| Some(raw.version.span())),
                message: format!(
                    "{} ({}) is also defined by {} with different content; \
                     give the changed pack a higher version",
                    pack.label(),
                    pack.language,
                    other.source
                ),
            });
        }
        errors.extend(unknown_replaces(pack, known));
        errors
    }
}

/// One error per `replaces` in `pack` that names a prompt no lower version in `known` has.
fn unknown_replaces(pack: &Pack, known: &[&Pack]) -> Vec<PackError> {
    let earlier: Vec<&Pack> = known
        .iter()
        .copied()
        .filter(|k| k.id == pack.id && k.version < pack.version)
        .collect();
    pack.prompts
        .iter()
        .filter_map(|p| p.replaces.as_deref().map(|r| (p.id.as_str(), r)))
        .filter(|(_, r)| !earlier.iter().any(|k| k.prompt(r).is_some()))
        .map(|(id, r)| PackError {
            location: key_location(pack, |raw| {
                raw.prompts
                    .iter()
                    .find(|p| p.get_ref().id.get_ref() == id)
                    .and_then(|p| p.get_ref().replaces.as_ref())
                    .map(toml::Spanned::span)
            }),
            message: format!(
                "replaces names unknown prompt '{r}': no earlier version of pack '{}' has it",
                pack.id
            ),
        })
        .collect()
}

/// Where in a validated pack's text a key is, found by reading the text again with spans.
fn key_location(
    pack: &Pack,
    span: impl Fn(&RawPack) -> Option<std::ops::Range<usize>>,
) -> Location {
    let file = match &pack.source {
        PackSource::BuiltIn(name) => format!("built-in:{name}"),
        other => other.to_string(),
    };
    toml::from_str::<RawPack>(&pack.text)
        .ok()
        .and_then(|raw| span(&raw))
        .map_or_else(
            || Location::file(&file),
            |span| Location::at(&file, &pack.text, span.start),
        )
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

[[changelog]]
version = "{version}"
changes = "Mine."

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

    /// A user pack `id`@`version` with one prompt `prompt`, which may replace another.
    fn replacing_pack(id: &str, version: &str, prompt: &str, replaces: Option<&str>) -> String {
        let replaces = replaces.map_or(String::new(), |r| format!("replaces = \"{r}\"\n"));
        format!(
            "format = 1\nid = \"{id}\"\nversion = \"{version}\"\nlanguage = \"en\"\n\
             title = \"T\"\ndescription = \"D.\"\nmodes = [\"verkennen\"]\n\n\
             [[changelog]]\nversion = \"{version}\"\nchanges = \"C.\"\n\n\
             [[prompts]]\nid = \"{prompt}\"\n{replaces}kind = \"short_text\"\ntext = \"Q?\"\n"
        )
    }

    #[test]
    fn replaces_must_name_a_prompt_of_a_lower_version_of_the_same_pack() {
        let dir = tempfile::tempdir().unwrap();
        // `colour` is a prompt of the built-in verkennen 1.0.0.
        let text = replacing_pack("verkennen", "2.0.0", "colour-now", Some("colour"));
        std::fs::write(dir.path().join("verkennen.en.toml"), text).unwrap();
        // `first` is a prompt of the user's own mine 1.0.0.
        let old = replacing_pack("mine", "1.0.0", "first", None);
        std::fs::write(dir.path().join("mine-1.en.toml"), old).unwrap();
        let new = replacing_pack("mine", "2.0.0", "second", Some("first"));
        std::fs::write(dir.path().join("mine-2.en.toml"), new).unwrap();
        let registry = PackRegistry::load(Some(dir.path())).unwrap();
        assert_eq!(
            registry.find("mine", Language::En).unwrap().version.major,
            2
        );

        // Without the earlier version there is nothing to replace.
        std::fs::remove_file(dir.path().join("mine-1.en.toml")).unwrap();
        let err = PackRegistry::load(Some(dir.path())).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        let file = dir.path().join("mine-2.en.toml").display().to_string();
        assert_eq!(
            err.0[0].to_string(),
            format!(
                "{file}:15:12: replaces names unknown prompt 'first': \
                 no earlier version of pack 'mine' has it"
            )
        );

        // A prompt only a higher version has does not count either.
        let text = replacing_pack("verkennen", "0.5.0", "colour-now", Some("colour"));
        std::fs::write(dir.path().join("verkennen.en.toml"), text).unwrap();
        std::fs::remove_file(dir.path().join("mine-2.en.toml")).unwrap();
        let err = PackRegistry::load(Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown prompt 'colour'"), "{err}");
    }

    #[test]
    fn check_against_finds_conflicts_and_unknown_replaces() {
        let text = replacing_pack("verkennen", "1.0.0", "colour", Some("gone"));
        let pack = parse_pack("p.toml", &text, PackSource::File("p.toml".into())).unwrap();
        let registry = PackRegistry::built_in().unwrap();
        let known = registry.all();
        let errors: Vec<String> = PackRegistry::check_against(&pack, &known)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("p.toml:3:11: verkennen@1.0.0 (en)"),
            "{errors:?}"
        );
        assert!(errors[0].contains("built-in"), "{errors:?}");
        assert!(errors[1].starts_with("p.toml:15:12: replaces names unknown prompt 'gone'"));
    }

    #[test]
    fn every_built_in_prompt_explains_why_it_is_asked() {
        for pack in PackRegistry::built_in().unwrap().all() {
            for prompt in &pack.prompts {
                assert!(prompt.help.is_some(), "{} {}", pack.label(), prompt.id);
            }
        }
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
