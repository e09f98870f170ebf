//! `pi packs`: list, show, compare, validate and start prompt packs. This file holds what the
//! subcommands share: naming a version (`ID@VERSION`) and finding every known version of a
//! pack, in the registry and in the journal's snapshots.

mod compare;
mod diff;
mod list;
mod new;
mod show;
mod validate;

use crate::app::App;
use crate::cli::{PacksArgs, PacksCommand};
use crate::domain::Language;
use crate::error::{CliError, CliResult};
use crate::packs::{Pack, PackRegistry, PackSource};
use semver::Version;

/// Runs a `pi packs` subcommand; returns the exit code.
pub fn run(app: &App, args: PacksArgs) -> CliResult<u8> {
    match args.command {
        PacksCommand::List(args) => list::run(app, &args).map(|()| 0),
        PacksCommand::Show(args) => show::run(app, &args).map(|()| 0),
        PacksCommand::Diff(args) => diff::run(app, &args).map(|()| 0),
        PacksCommand::Validate(args) => validate::run(app, &args).map(|()| 0),
        PacksCommand::New(args) => new::run(app, &args).map(|()| 0),
    }
}

/// A pack named on the command line: `ID` or `ID@VERSION`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PackSpec {
    id: String,
    version: Option<Version>,
}

impl PackSpec {
    fn parse(s: &str) -> CliResult<Self> {
        let (id, version) = match s.split_once('@') {
            None => (s, None),
            Some((id, v)) => {
                let version = Version::parse(v.trim()).map_err(|_| {
                    CliError::new(format!(
                        "'{v}' in '{s}' is not a version: write ID@MAJOR.MINOR.PATCH, \
                         e.g. {id}@1.0.0"
                    ))
                })?;
                (id, Some(version))
            }
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(CliError::new(format!(
                "'{s}' names no pack: write ID or ID@VERSION, e.g. verkennen@1.0.0"
            )));
        }
        Ok(Self {
            id: id.to_string(),
            version,
        })
    }
}

impl std::fmt::Display for PackSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.version {
            Some(v) => write!(f, "{}@{v}", self.id),
            None => f.write_str(&self.id),
        }
    }
}

/// Every known version of one pack id: the registry's and the journal's snapshots.
struct Versions {
    id: String,
    /// Registry versions first; a snapshot only where the registry lacks that version.
    packs: Vec<Pack>,
    /// Per language, the version the registry has in force.
    in_force: Vec<(Language, Version)>,
    /// Every pack id the registry knows, for the error about an unknown one.
    all_ids: Vec<String>,
}

impl Versions {
    /// Gathers the versions of `id` from the registry and (when there is one) the journal.
    fn gather(app: &App, registry: &PackRegistry, id: &str) -> CliResult<Self> {
        let mut packs: Vec<Pack> = registry
            .all()
            .into_iter()
            .filter(|p| p.id == id)
            .cloned()
            .collect();
        if let Some(journal) = app.reading_journal()? {
            for snapshot in journal.snapshots_of(id)? {
                let known = packs
                    .iter()
                    .any(|p| p.language == snapshot.language && p.version == snapshot.version);
                if !known {
                    packs.push(snapshot);
                }
            }
        }
        packs.sort_by(|a, b| (a.language, &a.version).cmp(&(b.language, &b.version)));
        let in_force = [Language::Nl, Language::En]
            .into_iter()
            .filter_map(|l| registry.find(id, l).map(|p| (l, p.version.clone())))
            .collect();
        let mut all_ids: Vec<String> = registry.all().iter().map(|p| p.id.clone()).collect();
        all_ids.dedup();
        Ok(Self {
            id: id.to_string(),
            packs,
            in_force,
            all_ids,
        })
    }

    /// Whether `pack` is the version in force for its language.
    fn is_in_force(&self, pack: &Pack) -> bool {
        !matches!(pack.source, PackSource::Snapshot)
            && self
                .in_force
                .iter()
                .any(|(l, v)| *l == pack.language && *v == pack.version)
    }

    /// The version `spec` names in `language`: the one in force (or the newest snapshot) when
    /// it names none. The error lists what does exist.
    fn resolve(&self, spec: &PackSpec, language: Language) -> CliResult<&Pack> {
        let here: Vec<&Pack> = self
            .packs
            .iter()
            .filter(|p| p.language == language)
            .collect();
        if here.is_empty() {
            let mut elsewhere: Vec<String> = self
                .packs
                .iter()
                .map(|p| p.language.code().to_string())
                .collect();
            elsewhere.dedup();
            return Err(CliError::new(if elsewhere.is_empty() {
                format!(
                    "there is no pack '{}'; the packs are: {}",
                    self.id,
                    self.all_ids.join(", ")
                )
            } else {
                format!(
                    "pack '{}' has no version in language {language}; it has one in {} \
                     (--lang picks the language)",
                    self.id,
                    elsewhere.join(", ")
                )
            }));
        }
        let found = match &spec.version {
            Some(v) => here.iter().find(|p| &p.version == v),
            None => here
                .iter()
                .find(|p| self.is_in_force(p))
                .or_else(|| here.last()),
        };
        found.copied().ok_or_else(|| {
            let versions: Vec<String> = here.iter().map(|p| p.version.to_string()).collect();
            CliError::new(format!(
                "pack '{}' has no version {} in language {language}; its versions are {}",
                self.id,
                spec.version
                    .as_ref()
                    .map_or_else(String::new, ToString::to_string),
                versions.join(", ")
            ))
        })
    }
}

/// Where a pack version comes from, as the user reads it.
fn source_label(pack: &Pack) -> String {
    pack.source.to_string()
}

/// The purpose of a pack, with its modes for a mode pack: `mode: verkennen, kiezen`.
fn purpose_label(pack: &Pack) -> String {
    if pack.modes.is_empty() {
        pack.purpose.id().to_string()
    } else {
        let modes: Vec<&str> = pack.modes.iter().map(|m| m.id()).collect();
        format!("{}: {}", pack.purpose.id(), modes.join(", "))
    }
}

/// Writes `json` as pretty JSON to stdout.
fn print_json(app: &App, value: &impl serde::Serialize) -> CliResult {
    app.out.json(value).map_err(io_error)
}

/// An I/O error writing output (a closed pipe stays recognisable).
fn io_error(e: std::io::Error) -> CliError {
    CliError::from(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_name_an_id_and_maybe_a_version() {
        assert_eq!(
            PackSpec::parse("verkennen").unwrap(),
            PackSpec {
                id: "verkennen".into(),
                version: None
            }
        );
        let spec = PackSpec::parse("verkennen@1.2.0").unwrap();
        assert_eq!(spec.version, Some(Version::new(1, 2, 0)));
        assert_eq!(spec.to_string(), "verkennen@1.2.0");
        let err = PackSpec::parse("verkennen@1.2").unwrap_err();
        assert!(err.message().contains("not a version"), "{}", err.message());
        assert!(PackSpec::parse("@1.0.0").is_err());
    }
}
