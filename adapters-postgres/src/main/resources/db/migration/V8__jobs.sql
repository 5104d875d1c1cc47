-- Processing jobs: an uploaded source waiting to be separated into stems, being separated, or done. A job is
-- written in the same transaction as its source's registration; a worker claims it with FOR UPDATE SKIP
-- LOCKED under a lease (worker = the worker token's id, or 'push' for the push dispatcher); a lease that runs
-- out puts it back in the queue, or ends it in error after its last attempt. Every change is announced on
-- the channel stemvault_jobs (LISTEN/NOTIFY), so that long-polls on every instance wake at once.
CREATE TABLE jobs (
    id            uuid        PRIMARY KEY,
    profile_id    uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    audio_file_id uuid        NOT NULL UNIQUE REFERENCES audio_files (id) ON DELETE CASCADE,
    output_name   text        NOT NULL CHECK (length(output_name) BETWEEN 1 AND 200),
    filename      text        NOT NULL CHECK (length(filename) BETWEEN 1 AND 1000),
    input_key     text        NOT NULL CHECK (length(input_key) BETWEEN 1 AND 2000),
    status        text        NOT NULL CHECK (status IN ('queued', 'processing', 'complete', 'error', 'cancelled')),
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts  integer     NOT NULL CHECK (max_attempts >= 1),
    not_before    timestamptz NOT NULL,
    lease_until   timestamptz,
    worker        text,
    heartbeat_at  timestamptz,
    stage         text,
    percent       integer     CHECK (percent BETWEEN 0 AND 100),
    error         text,
    stems         text[],
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK ((status = 'processing') = (lease_until IS NOT NULL AND worker IS NOT NULL))
);
CREATE INDEX jobs_queue_idx ON jobs (created_at) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (lease_until) WHERE status = 'processing';
CREATE INDEX jobs_profile_id_idx ON jobs (profile_id, created_at DESC, id DESC);
CREATE INDEX jobs_created_at_idx ON jobs (created_at DESC, id DESC);

CREATE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stemvault_jobs', NEW.id::text);
    RETURN NEW;
END
$$;

CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION jobs_notify();

-- An uploaded source's duration is not known until a worker has read it.
ALTER TABLE audio_files ALTER COLUMN duration_seconds DROP NOT NULL;
