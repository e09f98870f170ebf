//! The prompts an imported export answers, read from the pack snapshots it carries (or this
//! journal holds), so every answer can be checked against its prompt before it is merged:
//! an unknown prompt, a value of the wrong kind or outside its scale is refused, naming the
//! record.

use crate::interchange::format::{Answer, PackSnapshot, Session};
use crate::interchange::import_check::label;
use crate::journal::Journal;
use crate::packs::{Pack, PackSource, Prompt, parse_pack};
use std::collections::{HashMap, HashSet};

/// Packs by (id, version); one per language that was found.
#[derive(Default)]
pub(super) struct PackIndex {
    packs: HashMap<(String, String), Vec<Pack>>,
}

impl PackIndex {
    /// Reads a snapshot of the file; one that does not read as a pack is refused, since the
    /// answers to it could not be checked.
    pub(super) fn add_snapshot(&mut self, path: &str, s: &PackSnapshot) -> Result<(), String> {
        let pack =
            parse_pack(&format!("{path}.toml"), &s.toml, PackSource::Snapshot).map_err(|e| {
                format!(
                    "{}: the pack in it does not read: {}",
                    label(path, &s.hash),
                    e.to_string().lines().next().unwrap_or_default()
                )
            })?;
        self.insert(pack);
        Ok(())
    }

    fn insert(&mut self, pack: Pack) {
        let key = (pack.id.clone(), pack.version.to_string());
        let same = self.packs.entry(key).or_default();
        if !same.iter().any(|p| p.hash == pack.hash) {
            same.push(pack);
        }
    }

    /// Adds this journal's snapshots of the pack versions named in `wanted` that the file
    /// does not carry itself.
    pub(super) fn add_from_journal(
        &mut self,
        journal: &Journal,
        wanted: &HashSet<(String, String)>,
    ) -> crate::error::CliResult {
        let mut ids: Vec<&String> = wanted
            .iter()
            .filter(|key| !self.packs.contains_key(*key))
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            for pack in journal.snapshots_of(id)? {
                if wanted.contains(&(pack.id.clone(), pack.version.to_string())) {
                    self.insert(pack);
                }
            }
        }
        Ok(())
    }

    /// Checks every answer of a session against its prompt. Answers to a pack version that
    /// is known nowhere are left to the importer, which refuses them with its own message.
    pub(super) fn check_session(&self, path: &str, s: &Session) -> Result<(), String> {
        for (index, a) in s.answers.iter().enumerate() {
            let at = || label(&format!("{path}.answers[{index}]"), &a.id);
            if s.kind == "journal" {
                check_entry(a).map_err(|e| format!("{}: {e}", at()))?;
                continue;
            }
            let key = (a.pack_id.clone(), a.pack_version.clone());
            let Some(packs) = self.packs.get(&key) else {
                continue;
            };
            let prompt = find(packs, &a.prompt_id).ok_or_else(|| {
                format!(
                    "{}: answers prompt '{}', which pack {} {} does not have",
                    at(),
                    crate::interchange::import_check::excerpt(&a.prompt_id),
                    a.pack_id,
                    a.pack_version
                )
            })?;
            prompt
                .check_stored(&a.prompt_kind, a.value.as_ref())
                .map_err(|e| format!("{}: {e}", at()))?;
        }
        Ok(())
    }
}

fn find<'p>(packs: &'p [Pack], prompt: &str) -> Option<&'p Prompt> {
    packs
        .iter()
        .find_map(|p| p.prompts.iter().find(|q| q.id == prompt))
}

/// An entry from another tool holds one text.
fn check_entry(a: &Answer) -> Result<(), String> {
    match (&a.prompt_kind[..], &a.value) {
        ("long_text", None | Some(crate::domain::AnswerValue::Text(_))) => Ok(()),
        _ => Err("a journal entry holds one text, and this one holds something else".into()),
    }
}
