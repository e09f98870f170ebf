-- pi show ID: the session, its packs, its answers with friends' comments and revisions, its
-- statements and commitments. run.sh puts in show-revision.sql once per revised answer and
-- show-statement.sql once per statement, as pi runs them.
SELECT id FROM sessions WHERE id >= '@PREFIX@' AND id < '@PREFIX@g' ORDER BY id LIMIT 6;
SELECT s.id, s.kind, s.mode, s.pack_id, s.pack_version, s.context, s.language, s.depth, s.prompt_count, s.started_at, s.finished_at, s.status, s.answered, s.starred FROM sessions s WHERE s.id = '@SESSION@';
SELECT snapshot_hash FROM session_packs WHERE session_id = '@SESSION@' ORDER BY position;
SELECT toml FROM pack_snapshots WHERE hash IN
  (SELECT snapshot_hash FROM session_packs WHERE session_id = '@SESSION@');
SELECT a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at FROM answers a WHERE a.session_id = '@SESSION@'
  AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id) ORDER BY a.created_at, a.rowid;
SELECT a.pack_id, a.prompt_id, c.id, c.friend, c.text, c.created_at, c.export_id
FROM friend_comments c JOIN answers a ON a.id = c.target_id
WHERE c.target_kind = 'answer' AND a.session_id = '@SESSION@' ORDER BY c.created_at, c.rowid;
@REVISIONS@
WITH chosen(id) AS (SELECT id FROM statements WHERE session_id = '@SESSION@')
SELECT statement_id, event, session_id, created_at FROM statement_events
WHERE statement_id IN chosen ORDER BY created_at, rowid;
WITH chosen(id) AS (SELECT id FROM statements WHERE session_id = '@SESSION@')
SELECT id, text, replaces, created_at FROM statements WHERE id IN chosen ORDER BY created_at, rowid;
@STATEMENT_COMMENTS@
WITH chosen(id) AS (SELECT id FROM commitments WHERE session_id = '@SESSION@')
SELECT commitment_id, status, note, session_id, created_at FROM commitment_events
WHERE commitment_id IN chosen ORDER BY created_at, rowid;
WITH chosen(id) AS (SELECT id FROM commitments WHERE session_id = '@SESSION@')
SELECT id, session_id, text, look_back, created_at FROM commitments WHERE id IN chosen
ORDER BY created_at, rowid;
