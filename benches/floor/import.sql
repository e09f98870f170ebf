-- The floor of `pi import`: the same rows inserted into an empty journal with the same schema,
-- triggers and pragmas, one INSERT ... SELECT per table from the journal that `pi import`
-- filled (@SOURCE@, attached read-only), in the order pi inserted them.
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
ATTACH 'file:@SOURCE@?mode=ro' AS src;
BEGIN IMMEDIATE;
PRAGMA defer_foreign_keys = ON;
INSERT INTO imports (id, source, journal_id, journal_name, export_id, exported_at, file_name, imported_at)
  SELECT id, source, journal_id, journal_name, export_id, exported_at, file_name, imported_at
  FROM src.imports ORDER BY rowid;
INSERT INTO pack_snapshots (hash, pack_id, version, language, toml, saved_at)
  SELECT hash, pack_id, version, language, toml, saved_at FROM src.pack_snapshots ORDER BY rowid;
INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, depth,
    prompt_count, started_at, finished_at, status, starred)
  SELECT id, kind, mode, pack_id, pack_version, context, language, depth, prompt_count,
    started_at, finished_at, status, starred FROM src.sessions ORDER BY rowid;
INSERT INTO session_packs (session_id, position, snapshot_hash)
  SELECT session_id, position, snapshot_hash FROM src.session_packs ORDER BY rowid;
INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text,
    value, skipped, replaces, created_at, import_id)
  SELECT id, session_id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text, value,
    skipped, replaces, created_at, import_id FROM src.answers ORDER BY rowid;
INSERT INTO statements (id, text, session_id, replaces, created_at)
  SELECT id, text, session_id, replaces, created_at FROM src.statements ORDER BY rowid;
INSERT INTO statement_events (id, statement_id, session_id, event, created_at)
  SELECT id, statement_id, session_id, event, created_at FROM src.statement_events ORDER BY rowid;
INSERT INTO commitments (id, session_id, text, look_back, created_at)
  SELECT id, session_id, text, look_back, created_at FROM src.commitments ORDER BY rowid;
INSERT INTO commitment_events (id, commitment_id, session_id, status, note, created_at)
  SELECT id, commitment_id, session_id, status, note, created_at FROM src.commitment_events ORDER BY rowid;
INSERT INTO known_journals (journal_id, name, first_merged_at)
  SELECT journal_id, name, first_merged_at FROM src.known_journals;
COMMIT;
