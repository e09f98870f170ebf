-- A professional friend's reply, in full: comments may now be on commitments too, a friend
-- answers the conversation guide and the owner's own question (about the whole export, not
-- one record), and each reply that arrived is remembered (so `pi status` can say so). An
-- export remembers the question its owner asked with it and its format.

CREATE TABLE friend_comments_new (
    id           TEXT PRIMARY KEY,
    export_id    TEXT NOT NULL,
    friend       TEXT NOT NULL,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('answer', 'statement', 'commitment')),
    target_id    TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
INSERT INTO friend_comments_new SELECT id, export_id, friend, target_kind, target_id, text, created_at
FROM friend_comments ORDER BY rowid;
DROP TABLE friend_comments;
ALTER TABLE friend_comments_new RENAME TO friend_comments;
CREATE INDEX friend_comments_by_target ON friend_comments (target_kind, target_id);

CREATE TABLE friend_answers (
    id           TEXT PRIMARY KEY,         -- UUID of the answer, as the reply names it
    export_id    TEXT NOT NULL,
    friend       TEXT NOT NULL,
    prompt_id    TEXT NOT NULL,            -- the guide prompt's id, or 'ask'
    question     TEXT NOT NULL,            -- the question as the friend read it
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX friend_answers_by_export ON friend_answers (export_id, created_at);

CREATE TABLE friend_replies (
    export_id    TEXT NOT NULL,
    friend       TEXT NOT NULL,
    written_at   TEXT NOT NULL,            -- when the friend wrote it
    imported_at  TEXT NOT NULL,            -- when it arrived here
    comments     INTEGER NOT NULL,
    answers      INTEGER NOT NULL,
    PRIMARY KEY (export_id, friend, written_at)
) WITHOUT ROWID;

ALTER TABLE exports ADD COLUMN ask TEXT;
ALTER TABLE exports ADD COLUMN format TEXT NOT NULL DEFAULT 'json';
