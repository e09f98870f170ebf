//! Pack snapshots: the full TOML of every pack version a session used, keyed by content hash,
//! so the exact questions stay recoverable after packs change or disappear.

use super::error::JournalError;
use super::open::Journal;
use crate::packs::{Pack, PackSource, parse_pack};
use rusqlite::{OptionalExtension, params};

impl Journal {
    /// Stores the pack's TOML unless the same content is stored already.
    pub(crate) fn save_snapshot(
        tx: &rusqlite::Transaction<'_>,
        pack: &Pack,
        now: &str,
    ) -> rusqlite::Result<()> {
        tx.execute(
            "INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, language, toml, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                pack.hash,
                pack.id,
                pack.version.to_string(),
                pack.language.code(),
                pack.text,
                now
            ],
        )?;
        Ok(())
    }

    /// Reads a snapshot back as a pack.
    pub fn snapshot(&self, hash: &str) -> Result<Pack, JournalError> {
        let toml: Option<String> = self
            .conn
            .query_row(
                "SELECT toml FROM pack_snapshots WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        let toml = toml.ok_or_else(|| self.corrupt(format!("pack snapshot {hash} is missing")))?;
        parse_pack(
            &format!("snapshot:{}", &hash[..12.min(hash.len())]),
            &toml,
            PackSource::Snapshot,
        )
        .map_err(|e| self.corrupt(format!("a stored pack snapshot no longer reads: {e}")))
    }

    /// Every stored snapshot except those whose hash is in `known` (packs already parsed, such
    /// as the built-in ones: the same hash is the same text), by pack id, then language, then
    /// version, as [`Journal::snapshots_of`] orders each pack's. Parsing a pack costs more
    /// than the query of `pi history` itself, so those already in hand are not parsed again.
    pub fn snapshots_except(
        &self,
        known: &std::collections::HashSet<&str>,
    ) -> Result<Vec<Pack>, JournalError> {
        let rows: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT hash, toml FROM pack_snapshots")
                .map_err(|e| self.sqlite(e))?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(Iterator::collect)
                .map_err(|e| self.sqlite(e))?
        };
        let mut packs = rows
            .iter()
            .filter(|(hash, _)| !known.contains(hash.as_str()))
            .map(|(hash, toml)| {
                parse_pack(
                    &format!("snapshot:{}", &hash[..12.min(hash.len())]),
                    toml,
                    PackSource::Snapshot,
                )
                .map_err(|e| self.corrupt(format!("a stored pack snapshot no longer reads: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        packs.sort_by(|a, b| (&a.id, a.language, &a.version).cmp(&(&b.id, b.language, &b.version)));
        Ok(packs)
    }

    /// Every stored snapshot of a pack id, oldest version first.
    pub fn snapshots_of(&self, pack_id: &str) -> Result<Vec<Pack>, JournalError> {
        let hashes: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT hash FROM pack_snapshots WHERE pack_id = ?1")
                .map_err(|e| self.sqlite(e))?;
            stmt.query_map([pack_id], |r| r.get(0))
                .and_then(Iterator::collect)
                .map_err(|e| self.sqlite(e))?
        };
        let mut packs = hashes
            .iter()
            .map(|h| self.snapshot(h))
            .collect::<Result<Vec<_>, _>>()?;
        packs.sort_by(|a, b| (a.language, &a.version).cmp(&(b.language, &b.version)));
        Ok(packs)
    }
}
