//! `pi packs validate FILE…`: every problem of every file at once, as `path:line:column: …`,
//! including clashes with the other versions of the same pack that pi knows.

use crate::app::App;
use crate::cli::PacksValidateArgs;
use crate::error::{CliError, CliResult};
use crate::packs::{Location, Pack, PackError, PackRegistry, PackSource, parse_pack};
use std::collections::HashMap;
use std::path::Path;

/// Runs `pi packs validate`.
pub fn run(app: &App, args: &PacksValidateArgs) -> CliResult {
    let results: Vec<Result<Pack, Vec<PackError>>> =
        args.files.iter().map(|path| read(path)).collect();

    // What pi would load (built-in packs and the packs folder, leaving out broken files:
    // validating those is what this command is for), then the journal's snapshots.
    let built_in = PackRegistry::built_in()?;
    let folder = folder_packs(&app.config.packs_dir());
    let journal = app.reading_journal()?;
    let mut snapshots: HashMap<String, Vec<Pack>> = HashMap::new();

    let mut problems = 0;
    let mut bad_files = 0;
    for (i, result) in results.iter().enumerate() {
        let file = args.files[i].display().to_string();
        let errors = match result {
            Err(errors) => errors.clone(),
            Ok(pack) => {
                if !snapshots.contains_key(&pack.id) {
                    let found = match &journal {
                        Some(j) => j.snapshots_of(&pack.id)?,
                        None => Vec::new(),
                    };
                    snapshots.insert(pack.id.clone(), found);
                }
                let loaded: Vec<&Pack> = built_in.all().into_iter().chain(&folder).collect();
                let others = results
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .filter_map(|(_, r)| r.as_ref().ok());
                let known: Vec<&Pack> = loaded
                    .iter()
                    .copied()
                    .chain(&snapshots[&pack.id])
                    .chain(others)
                    .collect();
                let errors = PackRegistry::check_against(pack, &known);
                if errors.is_empty() {
                    warn_if_only_outside(app, pack, &loaded);
                    let _ = app.out.data(&format!(
                        "ok: {file} ({}, {} prompt{})",
                        pack.label(),
                        pack.prompts.len(),
                        if pack.prompts.len() == 1 { "" } else { "s" }
                    ));
                }
                errors
            }
        };
        if !errors.is_empty() {
            bad_files += 1;
            problems += errors.len();
            for e in &errors {
                app.out.status(&e.to_string());
            }
        }
    }
    if problems == 0 {
        return Ok(());
    }
    Err(CliError::new(format!(
        "{problems} problem{} in {bad_files} of {} pack file{}",
        if problems == 1 { "" } else { "s" },
        args.files.len(),
        if args.files.len() == 1 { "" } else { "s" }
    )))
}

/// Reads and parses one file; a missing or unreadable file is one error naming it.
fn read(path: &Path) -> Result<Pack, Vec<PackError>> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![PackError {
            location: Location::file(&file),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file".to_string()
            } else {
                format!("cannot read the pack: {e}")
            },
        }]
    })?;
    parse_pack(&file, &text, PackSource::File(path.to_path_buf())).map_err(|e| e.0)
}

/// The valid packs in the user's packs folder.
fn folder_packs(dir: &Path) -> Vec<Pack> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| read(p).ok()).collect()
}

/// A `replaces` that only a journal snapshot or another file given here explains passes
/// validation, but `pi reflect` (which knows only built-in packs and the packs folder) would
/// refuse the pack: say so.
fn warn_if_only_outside(app: &App, pack: &Pack, loaded: &[&Pack]) {
    for e in PackRegistry::check_against(pack, loaded) {
        app.out.status(&format!(
            "{}: warning: only your journal or another file given here has the prompt this \
             replaces; `pi reflect` refuses the pack unless an earlier version with it is in {}",
            e.location,
            app.config.packs_dir().display()
        ));
    }
}
