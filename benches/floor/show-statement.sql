SELECT id, friend, text, created_at, export_id FROM friend_comments
WHERE target_kind = 'statement' AND target_id = '@STATEMENT@' ORDER BY created_at, rowid;
