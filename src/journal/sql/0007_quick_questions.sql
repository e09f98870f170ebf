-- What the everyday commands ask, kept ready so each answer is a short index walk however
-- many years the journal holds:
--   `pi status` (from a shell start-up file): the open commitments whose date has come;
--   `pi show`: the statements and commitments of one session;
--   `pi diff`: the statements with an event between two sessions;
--   `pi list --limit N`: how many sessions there are, for "the latest N of M".

CREATE INDEX statements_by_session ON statements (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX commitments_by_session ON commitments (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX statement_events_by_time ON statement_events (created_at);

-- Whether a commitment is still open: no follow-up yet, or the latest one (by time, then by
-- the order recorded) left it open. Follow-ups are only ever added; an import may add one
-- older than those already here, so the latest is looked up again each time.
ALTER TABLE commitments ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1 CHECK (is_open IN (0, 1));

UPDATE commitments SET is_open = COALESCE((
    SELECT e.status = 'open' FROM commitment_events e WHERE e.commitment_id = commitments.id
    ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1), 1);

CREATE TRIGGER commitment_events_keep_open AFTER INSERT ON commitment_events
BEGIN
    UPDATE commitments SET is_open = COALESCE((
        SELECT e.status = 'open' FROM commitment_events e WHERE e.commitment_id = NEW.commitment_id
        ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1), 1)
    WHERE id = NEW.commitment_id;
END;

CREATE INDEX commitments_open_by_look_back ON commitments (look_back, created_at)
WHERE is_open = 1 AND look_back IS NOT NULL;

-- How many sessions the journal holds, kept in step by triggers.
CREATE TABLE session_count (
    only_row  INTEGER PRIMARY KEY CHECK (only_row = 1),
    sessions  INTEGER NOT NULL
);
INSERT INTO session_count (only_row, sessions) VALUES (1, (SELECT count(*) FROM sessions));

CREATE TRIGGER sessions_count_in AFTER INSERT ON sessions
BEGIN
    UPDATE session_count SET sessions = sessions + 1;
END;

CREATE TRIGGER sessions_count_out AFTER DELETE ON sessions
BEGIN
    UPDATE session_count SET sessions = sessions - 1;
END;
