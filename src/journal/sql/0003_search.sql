-- Full-text search over what the user wrote: answers, statements, commitments and the notes of
-- their follow-ups. One FTS5 table that triggers keep in step, filled here from existing rows.
--
-- `remove_diacritics 2` folds accents, so `een` finds `één` and `cafe` finds `café`: Dutch
-- and English are both searched the way people type. The user's words are matched in `body`
-- (column 0, which snippets show); `facets` holds the session's month and mode as tokens, so
-- the filters narrow inside the index too. A session's start and mode never change, which
-- makes copying them here safe. The other columns only point back to the record.
CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    facets,                 -- 'd<YYYYMM> mode<mode>' of the session: --since/--until/--mode
                            -- narrow inside the index instead of row by row
    kind UNINDEXED,         -- answer, statement, commitment, commitment_note
    record_id UNINDEXED,    -- answers.id, statements.id, commitments.id or commitment_events.id
    session_id UNINDEXED,   -- the session it was written in (NULL when none)
    date UNINDEXED,         -- that session's start, else when the record was written
    tokenize = 'unicode61 remove_diacritics 2'
);

-- An answer's human text: `{"text": ..}` or the items of `{"items": [..]}`; a number is not
-- words. Answers of statements, tidy and commitment prompts are left out: their text lives in
-- the statements and commitments tables, which are indexed themselves. A replaced revision
-- stays in the index (deleting by an unindexed column would scan it); the search filters it
-- out with answers_revision_chain.
CREATE TRIGGER search_index_answer AFTER INSERT ON answers
WHEN NEW.value IS NOT NULL AND NEW.prompt_kind NOT IN ('statements', 'tidy', 'commitment')
BEGIN
    INSERT INTO search_index (body, facets, kind, record_id, session_id, date)
    SELECT t.body, 'd' || substr(replace(d.date, '-', ''), 1, 6) || ifnull(' mode' || d.mode, ''),
           'answer', NEW.id, NEW.session_id, d.date
    FROM (SELECT CASE
            WHEN NOT json_valid(NEW.value) THEN NULL
            WHEN json_type(NEW.value, '$.text') = 'text' THEN json_extract(NEW.value, '$.text')
            WHEN json_type(NEW.value, '$.items') = 'array' THEN
                (SELECT group_concat(j.value, char(10)) FROM json_each(NEW.value, '$.items') j)
          END AS body) t,
         (SELECT ifnull(s.started_at, NEW.created_at) AS date, s.mode
          FROM (SELECT 1) LEFT JOIN sessions s ON s.id = NEW.session_id) d
    WHERE t.body IS NOT NULL AND t.body <> '';
END;

CREATE TRIGGER search_index_statement AFTER INSERT ON statements
BEGIN
    INSERT INTO search_index (body, facets, kind, record_id, session_id, date)
    SELECT NEW.text, 'd' || substr(replace(d.date, '-', ''), 1, 6) || ifnull(' mode' || d.mode, ''),
           'statement', NEW.id, NEW.session_id, d.date
    FROM (SELECT ifnull(s.started_at, NEW.created_at) AS date, s.mode
          FROM (SELECT 1) LEFT JOIN sessions s ON s.id = NEW.session_id) d;
END;

CREATE TRIGGER search_index_commitment AFTER INSERT ON commitments
BEGIN
    INSERT INTO search_index (body, facets, kind, record_id, session_id, date)
    SELECT NEW.text, 'd' || substr(replace(d.date, '-', ''), 1, 6) || ifnull(' mode' || d.mode, ''),
           'commitment', NEW.id, NEW.session_id, d.date
    FROM (SELECT ifnull(s.started_at, NEW.created_at) AS date, s.mode
          FROM (SELECT 1) LEFT JOIN sessions s ON s.id = NEW.session_id) d;
END;

CREATE TRIGGER search_index_commitment_note AFTER INSERT ON commitment_events
WHEN NEW.note IS NOT NULL AND NEW.note <> ''
BEGIN
    INSERT INTO search_index (body, facets, kind, record_id, session_id, date)
    SELECT NEW.note, 'd' || substr(replace(d.date, '-', ''), 1, 6) || ifnull(' mode' || d.mode, ''),
           'commitment_note', NEW.id, NEW.session_id, d.date
    FROM (SELECT ifnull(s.started_at, NEW.created_at) AS date, s.mode
          FROM (SELECT 1) LEFT JOIN sessions s ON s.id = NEW.session_id) d;
END;

-- What the journal holds already, oldest first (the search lists newest entries first).
INSERT INTO search_index (body, facets, kind, record_id, session_id, date)
SELECT r.body, 'd' || substr(replace(ifnull(s.started_at, r.created_at), '-', ''), 1, 6)
               || ifnull(' mode' || s.mode, ''),
       r.kind, r.record_id, r.session_id, ifnull(s.started_at, r.created_at)
FROM (
    SELECT CASE
            WHEN NOT json_valid(a.value) THEN NULL
            WHEN json_type(a.value, '$.text') = 'text' THEN json_extract(a.value, '$.text')
            WHEN json_type(a.value, '$.items') = 'array' THEN
                (SELECT group_concat(j.value, char(10)) FROM json_each(a.value, '$.items') j)
           END AS body,
           'answer' AS kind, a.id AS record_id, a.session_id, a.created_at, a.rowid AS n
    FROM answers a
    WHERE a.value IS NOT NULL AND a.prompt_kind NOT IN ('statements', 'tidy', 'commitment')
      AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)
    UNION ALL
    SELECT text, 'statement', id, session_id, created_at, rowid FROM statements
    UNION ALL
    SELECT text, 'commitment', id, session_id, created_at, rowid FROM commitments
    UNION ALL
    SELECT note, 'commitment_note', id, session_id, created_at, rowid FROM commitment_events
    WHERE note IS NOT NULL AND note <> ''
) r
LEFT JOIN sessions s ON s.id = r.session_id
WHERE r.body IS NOT NULL AND r.body <> ''
ORDER BY r.created_at, r.n;

-- `pi status` runs from shell start-up files: each of its questions is one short index walk.
CREATE INDEX sessions_by_kind ON sessions (kind, started_at);
CREATE INDEX sessions_in_progress ON sessions (started_at) WHERE status = 'in_progress';
CREATE INDEX commitments_by_look_back ON commitments (look_back) WHERE look_back IS NOT NULL;
