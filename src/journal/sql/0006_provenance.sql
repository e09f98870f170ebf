-- Where records come from and where they went: this journal's own id (so an export says
-- which journal wrote it), the other journals of the same person it has merged with, every
-- import (so a revision that arrived from elsewhere says so), and every JSON export with the
-- records it shared (so a friend's reply can only comment on what was shared). And a star
-- for entries that were starred in the tool they came from.

CREATE TABLE journal_identity (
    only_row    INTEGER PRIMARY KEY CHECK (only_row = 1),
    journal_id  TEXT NOT NULL,             -- 32 hex digits, made once, never changed
    created_at  TEXT NOT NULL
);
INSERT INTO journal_identity (only_row, journal_id, created_at)
VALUES (1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Journals the person confirmed as their own (another computer): their exports merge.
CREATE TABLE known_journals (
    journal_id       TEXT PRIMARY KEY,
    name             TEXT NOT NULL,        -- the device name the export gave
    first_merged_at  TEXT NOT NULL
);

CREATE TABLE imports (
    id            TEXT PRIMARY KEY,        -- UUID of this import
    source        TEXT NOT NULL CHECK (source IN ('pi', 'jrnl', 'dayone')),
    journal_id    TEXT,                    -- the journal that wrote the export (pi exports)
    journal_name  TEXT NOT NULL DEFAULT '',
    export_id     TEXT,
    exported_at   TEXT,
    file_name     TEXT NOT NULL DEFAULT '',
    imported_at   TEXT NOT NULL
);
ALTER TABLE answers ADD COLUMN import_id TEXT REFERENCES imports (id);

CREATE TABLE exports (
    id           TEXT PRIMARY KEY,         -- the export_id the file carries
    exported_at  TEXT NOT NULL
);
CREATE TABLE export_items (
    export_id  TEXT NOT NULL REFERENCES exports (id),
    kind       TEXT NOT NULL CHECK (kind IN ('session', 'statement', 'commitment')),
    item_id    TEXT NOT NULL,
    PRIMARY KEY (export_id, kind, item_id)
) WITHOUT ROWID;

ALTER TABLE sessions ADD COLUMN starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1));
