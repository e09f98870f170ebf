-- The friend's side, second version: comments on commitments, answers to the conversation
-- guide and to the owner's question (target_kind 'guide', target_id the prompt's id, with the
-- question as it was read), and for an export that arrived encrypted a seal: a short text
-- encrypted with the same passphrase, so the reply can be checked to use it too. The
-- passphrase itself is never kept.

CREATE TABLE comments_new (
    id           TEXT PRIMARY KEY,
    export_id    TEXT NOT NULL REFERENCES received (export_id) ON DELETE CASCADE,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('answer', 'statement', 'commitment', 'guide')),
    target_id    TEXT NOT NULL,
    question     TEXT,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
INSERT INTO comments_new (id, export_id, target_kind, target_id, text, created_at)
SELECT id, export_id, target_kind, target_id, text, created_at FROM comments ORDER BY rowid;
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
CREATE INDEX comments_by_export ON comments (export_id, created_at);

ALTER TABLE received ADD COLUMN seal TEXT;
