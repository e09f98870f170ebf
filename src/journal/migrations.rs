//! Numbered, append-only schema migrations tracked in `PRAGMA user_version`.
//!
//! Never edit a migration that has shipped: add the next one. Each runs, with the version
//! bump, inside one transaction, so a journal is always at exactly one version.

use rusqlite::Connection;

/// `PRAGMA application_id` of a pi journal ("pi" 0x00 0x01): tells it apart from other SQLite files.
pub const APPLICATION_ID: i64 = 0x7069_0001;

/// The migrations in order; migration `i` brings the journal to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_sessions_answers.sql"),
    include_str!("sql/0002_statements_commitments.sql"),
    include_str!("sql/0003_search.sql"),
    include_str!("sql/0004_friend_comments.sql"),
    include_str!("sql/0005_answered_count.sql"),
    include_str!("sql/0006_provenance.sql"),
    include_str!("sql/0007_quick_questions.sql"),
    include_str!("sql/0008_tombstones.sql"),
    include_str!("sql/0009_friend_replies.sql"),
];

/// The schema version this `pi` writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the journal to [`LATEST_VERSION`] in one transaction. The version is read again
/// inside the write lock: another `pi` may have migrated while this one waited.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let from: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if from >= LATEST_VERSION {
        return Ok(());
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

/// Applies only the first `version` migrations: lets tests build journals of older versions.
#[cfg(test)]
pub fn migrate_to(conn: &mut Connection, version: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS.iter().enumerate().take(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}
