-- The friends store (friends.db): exports received from professional friends, and the
-- comments written under them. A separate file from the journal, with its own versions.
CREATE TABLE received (
    export_id    TEXT PRIMARY KEY,
    friend       TEXT NOT NULL,      -- this user's name, signed under their comments
    title        TEXT NOT NULL,      -- what the export was called when it arrived
    first_at     TEXT,               -- the earliest session's start
    last_at      TEXT,               -- the latest session's start
    sessions     INTEGER NOT NULL,
    exported_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    export       TEXT NOT NULL       -- the export itself (JSON, decrypted)
);
CREATE TABLE comments (
    id           TEXT PRIMARY KEY,
    export_id    TEXT NOT NULL REFERENCES received (export_id) ON DELETE CASCADE,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('answer', 'statement')),
    target_id    TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX comments_by_export ON comments (export_id, created_at);
