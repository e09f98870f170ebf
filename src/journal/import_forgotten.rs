//! What another journal of the same person forgot, carried by its export (`pi export
//! --forgotten`, format version 3): forgotten here too, inside the import's transaction and
//! before any record is merged, so nothing the person forgot there survives here.

use super::error::JournalError;
use super::forget::{ForgetTarget, plan};
use super::forget_run::remove;
use super::import::{Importer, db};
use crate::interchange::format::Tombstone;
use rusqlite::params;

impl Importer<'_> {
    /// Forgets the records `tombstones` name that this journal holds (each with what was
    /// forgotten with it there) and keeps every tombstone, so no later import brings them
    /// back. An export of this very journal is left alone: its tombstones are here already.
    /// Only exports the person confirmed as their own reach this point (see
    /// `commands/import/export.rs`).
    pub fn forget_too_here(&mut self, tombstones: &[Tombstone]) -> Result<(), JournalError> {
        if tombstones.is_empty() || self.from_self {
            return Ok(());
        }
        let records: Vec<(String, String)> = tombstones
            .iter()
            .map(|t| (t.kind.clone(), t.id.clone()))
            .collect();
        let found = plan(&self.tx, &ForgetTarget::Records(records)).map_err(db)?;
        if !found.is_empty() {
            remove(&self.tx, &found, &self.now).map_err(db)?;
            self.summary.forgotten_here += found.record_ids().len();
        }
        let mut keep = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO tombstones (kind, id, forgotten_at) VALUES (?1, ?2, ?3)",
            )
            .map_err(db)?;
        for t in tombstones {
            keep.execute(params![t.kind, t.id, t.forgotten_at])
                .map_err(db)?;
        }
        drop(keep);
        self.any_forgotten = true;
        Ok(())
    }
}
