-- pi history PROMPT: the pack snapshots (for the prompt's lineage), then every current answer
-- (pi sorts them itself, by the session's start).
SELECT hash, toml FROM pack_snapshots;
SELECT a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at, s.started_at, s.mode, s.context, a.rowid
FROM answers a JOIN sessions s ON s.id = a.session_id
WHERE a.prompt_id IN ('@PROMPT@') AND a.skipped = 0
  AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)
;
