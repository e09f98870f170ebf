-- Statements about one's professional identity and commitments, each with a history of events.
CREATE TABLE statements (
    id          TEXT PRIMARY KEY,          -- UUID of this wording
    text        TEXT NOT NULL,
    session_id  TEXT REFERENCES sessions (id),
    replaces    TEXT REFERENCES statements (id),   -- the wording this one revised
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX statements_revision_chain ON statements (replaces) WHERE replaces IS NOT NULL;

CREATE TABLE statement_events (
    id            TEXT PRIMARY KEY,
    statement_id  TEXT NOT NULL REFERENCES statements (id),
    session_id    TEXT REFERENCES sessions (id),
    event         TEXT NOT NULL CHECK (event IN ('written', 'kept', 'let_go', 'restored', 'revised')),
    created_at    TEXT NOT NULL
);
CREATE INDEX statement_events_by_statement ON statement_events (statement_id);

CREATE TABLE commitments (
    id          TEXT PRIMARY KEY,
    session_id  TEXT REFERENCES sessions (id),
    text        TEXT NOT NULL,
    look_back   TEXT,                      -- YYYY-MM-DD, optional
    created_at  TEXT NOT NULL
);

CREATE TABLE commitment_events (
    id             TEXT PRIMARY KEY,
    commitment_id  TEXT NOT NULL REFERENCES commitments (id),
    session_id     TEXT REFERENCES sessions (id),
    status         TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    note           TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX commitment_events_by_commitment ON commitment_events (commitment_id);
