-- Stored media to remove: every file under a folder of the media store (a recording's, a profile's)
-- that was written before the request. Written in the same transaction as the change that caused it
-- and drained with retries by every instance, so a store outage never blocks or undoes that change
-- and nothing is forgotten.
CREATE TABLE media_deletions (
    id           uuid        PRIMARY KEY,
    folder       text        NOT NULL CHECK (length(folder) BETWEEN 1 AND 2000 AND folder !~ '(^/|/$|//)'),
    requested_at timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    not_before   timestamptz NOT NULL,
    last_error   text
);
CREATE INDEX media_deletions_due_idx ON media_deletions (not_before);

-- A job that ends in error or is cancelled leaves partial outputs: queue its recording's folder, unless
-- a recording owns that folder (a re-run of a finished take that failed must not take its stems).
CREATE FUNCTION jobs_queue_partial_outputs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO media_deletions (id, folder, requested_at, not_before)
    SELECT gen_random_uuid(), p.name || '/' || NEW.output_name, now(), now()
    FROM profiles p
    WHERE p.id = NEW.profile_id
      AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.profile_id = NEW.profile_id AND r.output_name = NEW.output_name);
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_queue_partial_outputs AFTER UPDATE OF status ON jobs FOR EACH ROW
    WHEN (NEW.status IN ('error', 'cancelled') AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION jobs_queue_partial_outputs();
