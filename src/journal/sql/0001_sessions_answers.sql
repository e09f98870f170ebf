-- Sessions, their answers and the exact pack versions they were asked from.


CREATE TABLE pack_snapshots (
    hash        TEXT PRIMARY KEY,          -- SHA-256 of the pack's TOML
    pack_id     TEXT NOT NULL,
    version     TEXT NOT NULL,
    language    TEXT NOT NULL,
    toml        TEXT NOT NULL,
    saved_at    TEXT NOT NULL
);
CREATE INDEX pack_snapshots_by_id ON pack_snapshots (pack_id, language, version);

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,        -- UUID
    kind          TEXT NOT NULL,           -- reflect, review, journal
    mode          TEXT,                    -- verkennen, onderhouden, kiezen; NULL for other packs
    pack_id       TEXT NOT NULL,
    pack_version  TEXT NOT NULL,
    context       TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL,
    depth         TEXT NOT NULL,
    prompt_count  INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('in_progress', 'finished'))
);
CREATE INDEX sessions_by_start ON sessions (started_at);

-- The packs a session walks, in order (a project pack, then the mode's pack).
CREATE TABLE session_packs (
    session_id    TEXT NOT NULL REFERENCES sessions (id),
    position      INTEGER NOT NULL,
    snapshot_hash TEXT NOT NULL REFERENCES pack_snapshots (hash),
    PRIMARY KEY (session_id, position)
);

CREATE TABLE answers (
    id            TEXT PRIMARY KEY,        -- UUID
    session_id    TEXT NOT NULL REFERENCES sessions (id),
    pack_id       TEXT NOT NULL,
    pack_version  TEXT NOT NULL,
    prompt_id     TEXT NOT NULL,
    prompt_kind   TEXT NOT NULL,
    prompt_text   TEXT NOT NULL,           -- the question exactly as it was asked
    value         TEXT,                    -- JSON; NULL when the prompt was skipped
    skipped       INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    replaces      TEXT REFERENCES answers (id),
    created_at    TEXT NOT NULL,
    CHECK ((skipped = 1) = (value IS NULL))
);
CREATE INDEX answers_by_session ON answers (session_id, pack_id, prompt_id);
CREATE INDEX answers_by_prompt ON answers (prompt_id);
CREATE UNIQUE INDEX answers_revision_chain ON answers (replaces) WHERE replaces IS NOT NULL;
