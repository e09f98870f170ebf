-- How many prompts of a session have a current, non-skipped answer, kept with the session so
-- `pi list --all` need not visit every answer ever given. Triggers keep it in step; the
-- column is filled once from the answers for existing journals.
ALTER TABLE sessions ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;

UPDATE sessions SET answered = (
    SELECT count(*) FROM answers a
    WHERE a.session_id = sessions.id AND a.skipped = 0
      AND NOT EXISTS (SELECT 1 FROM answers b WHERE b.replaces = a.id)
);

-- A new answer counts when it is not a skip; a revision also takes back what it replaces.
-- A replaced answer that arrives after its revision (an import in another order) counts
-- nothing, as it is no longer current.
CREATE TRIGGER answers_count_answered AFTER INSERT ON answers
BEGIN
    UPDATE sessions SET answered = answered
        + CASE WHEN EXISTS (SELECT 1 FROM answers r WHERE r.replaces = NEW.id)
               THEN 0 ELSE 1 - NEW.skipped END
        - COALESCE((SELECT 1 - o.skipped FROM answers o WHERE o.id = NEW.replaces), 0)
    WHERE id = NEW.session_id;
END;
