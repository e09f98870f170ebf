-- pi history PROMPT: the pack snapshots (for the prompt's lineage), then every current answer.
SELECT DISTINCT pack_id FROM pack_snapshots ORDER BY pack_id;
SELECT hash, toml FROM pack_snapshots;
SELECT a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at, s.started_at, s.mode, s.context
FROM answers a JOIN sessions s ON s.id = a.session_id
WHERE a.prompt_id IN ('@PROMPT@') AND a.skipped = 0
  AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)
ORDER BY s.started_at, a.created_at, a.rowid;
