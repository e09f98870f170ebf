-- What was forgotten with `pi forget`: the kind and id of every record removed, and when;
-- never any of its content. An import (and later a sync) skips a record whose id is here,
-- so an older export cannot bring it back; `pi doctor` and `pi forget` look for these ids
-- in backups to say which copies still hold what was forgotten.
--
-- kind: session, answer (one revision), statement (one wording), statement_event,
-- commitment, commitment_event, comment (a friend's), and answer_part: an answer revision
-- that was kept, but from whose list a forgotten statement was taken out (its id stays, so
-- an older copy of it must not come back either).
CREATE TABLE tombstones (
    kind          TEXT NOT NULL CHECK (kind IN ('session', 'answer', 'answer_part', 'statement',
                                                'statement_event', 'commitment',
                                                'commitment_event', 'comment')),
    id            TEXT NOT NULL,
    forgotten_at  TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- A deleted row's words leave the full-text index at once, instead of staying in an older
-- index segment until FTS5 happens to merge it.
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
