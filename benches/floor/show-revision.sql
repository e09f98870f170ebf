WITH RECURSIVE back(id, replaces) AS (
   SELECT id, replaces FROM answers WHERE id = '@ANSWER@'
   UNION ALL SELECT a.id, a.replaces FROM answers a JOIN back ON a.id = back.replaces),
 fwd(id) AS (
   SELECT id FROM answers WHERE id = '@ANSWER@'
   UNION ALL SELECT a.id FROM answers a JOIN fwd ON a.replaces = fwd.id)
SELECT a.id, a.session_id, a.pack_id, a.pack_version, a.prompt_id, a.prompt_kind, a.prompt_text, a.value, a.replaces, a.created_at FROM answers a WHERE a.id IN (SELECT id FROM back UNION SELECT id FROM fwd)
ORDER BY a.created_at, a.rowid;
SELECT i.journal_name, i.journal_id IS NOT NULL AND i.journal_id != (SELECT journal_id FROM journal_identity),
       i.file_name, i.imported_at
FROM answers a JOIN imports i ON i.id = a.import_id WHERE a.id = '@ANSWER@' AND a.replaces IS NOT NULL;
