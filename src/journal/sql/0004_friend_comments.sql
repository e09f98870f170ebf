-- Comments and questions a professional friend wrote under answers and statements of an
-- export they received, attached when the owner imports the friend's reply. They live apart
-- from the owner's own answers: a friend's words are never mistaken for one's own.
CREATE TABLE friend_comments (
    id           TEXT PRIMARY KEY,         -- UUID of the comment, as the reply names it
    export_id    TEXT NOT NULL,            -- the export the friend was answering
    friend       TEXT NOT NULL,            -- the friend's name as they gave it
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('answer', 'statement')),
    target_id    TEXT NOT NULL,            -- an answer revision or statement id (no foreign key:
                                           -- the kind decides the table)
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX friend_comments_by_target ON friend_comments (target_kind, target_id);
