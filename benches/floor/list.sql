-- pi list [--limit N]: the latest sessions (pi also counts them all, which is not the floor's
-- work: only the rows shown are).
SELECT s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, s.language, s.depth, s.prompt_count, s.started_at, s.finished_at, s.status, s.answered, s.starred FROM sessions s WHERE (0 = 0 OR s.starred = 1)
ORDER BY s.started_at DESC, s.rowid DESC LIMIT @LIMIT@;
