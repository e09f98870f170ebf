-- pi export --since 1900 --format json --statements --commitments -o -: every session with
-- its packs and answer revisions, every statement and commitment with its events, as JSON
-- objects one per line, in the order pi writes them (nested json_group_array queries).
.mode list
.headers off
SELECT json_object('format', 'pi-export', 'version', 2, 'pack_snapshots',
  (SELECT json_group_array(json_object('hash', hash, 'pack_id', pack_id, 'version', version,
     'language', language, 'toml', toml)) FROM pack_snapshots));
SELECT json_object('id', s.id, 'kind', s.kind, 'mode', s.mode, 'pack_id', s.pack_id,
  'pack_version', s.pack_version, 'context', s.context, 'language', s.language,
  'depth', s.depth, 'prompt_count', s.prompt_count, 'started_at', s.started_at,
  'finished_at', s.finished_at, 'status', s.status,
  'packs', (SELECT json_group_array(snapshot_hash) FROM
             (SELECT snapshot_hash FROM session_packs WHERE session_id = s.id ORDER BY position)),
  'answers', (SELECT json_group_array(json_object('id', a.id, 'pack_id', a.pack_id,
       'pack_version', a.pack_version, 'prompt_id', a.prompt_id, 'prompt_kind', a.prompt_kind,
       'prompt_text', a.prompt_text, 'value', json(a.value), 'replaces', a.replaces,
       'created_at', a.created_at))
     FROM (SELECT * FROM answers WHERE session_id = s.id ORDER BY created_at, rowid) a))
FROM sessions s WHERE s.started_at >= '1900' ORDER BY s.started_at, s.rowid;
SELECT json_object('id', t.id, 'text', t.text, 'session_id', t.session_id,
  'replaces', t.replaces, 'created_at', t.created_at,
  'events', (SELECT json_group_array(json_object('id', e.id, 'event', e.event,
       'session_id', e.session_id, 'created_at', e.created_at))
     FROM (SELECT * FROM statement_events WHERE statement_id = t.id ORDER BY created_at, rowid) e))
FROM statements t ORDER BY t.rowid;
SELECT json_object('id', c.id, 'session_id', c.session_id, 'text', c.text,
  'look_back', c.look_back, 'created_at', c.created_at,
  'events', (SELECT json_group_array(json_object('id', e.id, 'status', e.status,
       'note', e.note, 'session_id', e.session_id, 'created_at', e.created_at))
     FROM (SELECT * FROM commitment_events WHERE commitment_id = c.id ORDER BY created_at, rowid) e))
FROM commitments c ORDER BY c.rowid;
