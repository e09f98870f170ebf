-- pi search WORD: the newest 50 matches (51 asked, to know whether there are more).
SELECT search_index.kind, search_index.record_id, s.id, search_index.date, s.mode, s.pack_id,
       COALESCE(s.context, ''), a.prompt_id, a.prompt_text, search_index.body,
       snippet(search_index, 0, '', '', '…', 16)
FROM search_index
LEFT JOIN sessions s ON s.id = search_index.session_id
LEFT JOIN answers a ON search_index.kind = 'answer' AND a.id = search_index.record_id
WHERE search_index MATCH 'body : ("@WORD@")'
  AND (search_index.kind <> 'answer'
       OR NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = search_index.record_id))
  AND (NULL IS NULL OR search_index.date >= NULL) AND (NULL IS NULL OR search_index.date < NULL)
  AND (0 = 0 OR s.starred = 1)
ORDER BY search_index.rowid DESC LIMIT 51;
