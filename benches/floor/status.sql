-- pi status: the latest reflection and review, the paused session, the due commitments.
SELECT id, started_at FROM sessions WHERE kind = 'reflect' ORDER BY started_at DESC LIMIT 1;
SELECT id, started_at FROM sessions WHERE kind = 'review' ORDER BY started_at DESC LIMIT 1;
SELECT s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, s.language, s.depth, s.prompt_count, s.started_at, s.finished_at, s.status, s.answered, s.starred FROM sessions s WHERE s.status = 'in_progress'
ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1;
SELECT c.id, c.text, c.look_back, c.created_at FROM commitments c
WHERE c.is_open = 1 AND c.look_back IS NOT NULL AND c.look_back <= '@TODAY@'
ORDER BY c.look_back, c.created_at;
