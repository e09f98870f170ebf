-- pi diff: the latest sessions, the two to compare (packs, snapshots, answers), the snapshots
-- of their packs, and the statements touched between them.
SELECT s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, s.language, s.depth, s.prompt_count, s.started_at, s.finished_at, s.status, s.answered, s.starred FROM sessions s WHERE (0 = 0 OR s.starred = 1)
ORDER BY s.started_at DESC, s.rowid DESC LIMIT 16;
SELECT snapshot_hash FROM session_packs WHERE session_id = '@OLD@' ORDER BY position;
SELECT snapshot_hash FROM session_packs WHERE session_id = '@NEW@' ORDER BY position;
SELECT toml FROM pack_snapshots WHERE hash IN
  (SELECT snapshot_hash FROM session_packs WHERE session_id IN ('@OLD@', '@NEW@'));
SELECT a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at FROM answers a WHERE a.session_id = '@OLD@'
  AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) ORDER BY a.created_at, a.rowid;
SELECT a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at FROM answers a WHERE a.session_id = '@NEW@'
  AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) ORDER BY a.created_at, a.rowid;
SELECT hash, toml FROM pack_snapshots WHERE pack_id IN
  (SELECT p.pack_id FROM session_packs x JOIN pack_snapshots p ON p.hash = x.snapshot_hash
   WHERE x.session_id IN ('@OLD@', '@NEW@'));
WITH touched(id) AS (SELECT statement_id FROM statement_events
  WHERE created_at >= '@FROM@' AND ('@UNTIL@' IS NULL OR created_at <= '@UNTIL@')),
chosen(id) AS (SELECT id FROM statements WHERE id IN touched OR replaces IN touched)
SELECT statement_id, event, session_id, created_at FROM statement_events
WHERE statement_id IN chosen ORDER BY created_at, rowid;
WITH touched(id) AS (SELECT statement_id FROM statement_events
  WHERE created_at >= '@FROM@' AND ('@UNTIL@' IS NULL OR created_at <= '@UNTIL@')),
chosen(id) AS (SELECT id FROM statements WHERE id IN touched OR replaces IN touched)
SELECT id, text, replaces, created_at FROM statements WHERE id IN chosen ORDER BY created_at, rowid;
