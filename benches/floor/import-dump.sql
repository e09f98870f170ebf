-- Writes, from a journal that `pi import` filled, the SQL that inserts the same rows into an
-- empty journal with the same schema and triggers: the floor of `pi import`. Run with
-- `sqlite3 -readonly JOURNAL .read import-dump.sql > inserts.sql`.
.mode list
.headers off
SELECT 'PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;';
SELECT 'INSERT INTO imports (id, source, journal_id, journal_name, export_id, exported_at, file_name, imported_at) VALUES ('
  || quote(id) || ',' || quote(source) || ',' || quote(journal_id) || ',' || quote(journal_name) || ','
  || quote(export_id) || ',' || quote(exported_at) || ',' || quote(file_name) || ',' || quote(imported_at) || ');'
FROM imports ORDER BY rowid;
SELECT 'INSERT INTO pack_snapshots (hash, pack_id, version, language, toml, saved_at) VALUES ('
  || quote(hash) || ',' || quote(pack_id) || ',' || quote(version) || ',' || quote(language) || ','
  || quote(toml) || ',' || quote(saved_at) || ');'
FROM pack_snapshots ORDER BY rowid;
SELECT 'INSERT INTO sessions (id, kind, mode, pack_id, pack_version, context, language, depth, prompt_count, started_at, finished_at, status, starred) VALUES ('
  || quote(id) || ',' || quote(kind) || ',' || quote(mode) || ',' || quote(pack_id) || ','
  || quote(pack_version) || ',' || quote(context) || ',' || quote(language) || ',' || quote(depth) || ','
  || prompt_count || ',' || quote(started_at) || ',' || quote(finished_at) || ',' || quote(status) || ','
  || starred || ');'
FROM sessions ORDER BY rowid;
SELECT 'INSERT INTO session_packs (session_id, position, snapshot_hash) VALUES ('
  || quote(session_id) || ',' || position || ',' || quote(snapshot_hash) || ');'
FROM session_packs ORDER BY rowid;
SELECT 'INSERT INTO answers (id, session_id, pack_id, pack_version, prompt_id, prompt_kind, prompt_text, value, skipped, replaces, created_at, import_id) VALUES ('
  || quote(id) || ',' || quote(session_id) || ',' || quote(pack_id) || ',' || quote(pack_version) || ','
  || quote(prompt_id) || ',' || quote(prompt_kind) || ',' || quote(prompt_text) || ',' || quote(value) || ','
  || skipped || ',' || quote(replaces) || ',' || quote(created_at) || ',' || quote(import_id) || ');'
FROM answers ORDER BY rowid;
SELECT 'INSERT INTO statements (id, text, session_id, replaces, created_at) VALUES ('
  || quote(id) || ',' || quote(text) || ',' || quote(session_id) || ',' || quote(replaces) || ','
  || quote(created_at) || ');'
FROM statements ORDER BY rowid;
SELECT 'INSERT INTO statement_events (id, statement_id, session_id, event, created_at) VALUES ('
  || quote(id) || ',' || quote(statement_id) || ',' || quote(session_id) || ',' || quote(event) || ','
  || quote(created_at) || ');'
FROM statement_events ORDER BY rowid;
SELECT 'INSERT INTO commitments (id, session_id, text, look_back, created_at) VALUES ('
  || quote(id) || ',' || quote(session_id) || ',' || quote(text) || ',' || quote(look_back) || ','
  || quote(created_at) || ');'
FROM commitments ORDER BY rowid;
SELECT 'INSERT INTO commitment_events (id, commitment_id, session_id, status, note, created_at) VALUES ('
  || quote(id) || ',' || quote(commitment_id) || ',' || quote(session_id) || ',' || quote(status) || ','
  || quote(note) || ',' || quote(created_at) || ');'
FROM commitment_events ORDER BY rowid;
SELECT 'INSERT INTO known_journals (journal_id, name, first_merged_at) VALUES ('
  || quote(journal_id) || ',' || quote(name) || ',' || quote(first_merged_at) || ');'
FROM known_journals ORDER BY rowid;
SELECT 'COMMIT;';
