-- Recordings whose text must be (re)embedded in a text space: written in the same transaction as the change,
-- drained by any instance's background worker (leases, not locks held across the model call), retried.
CREATE TABLE embedding_jobs (
    recording_id uuid        NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    space        text        NOT NULL,
    version      bigint      NOT NULL DEFAULT 1,
    attempts     integer     NOT NULL DEFAULT 0,
    not_before   timestamptz NOT NULL,
    last_error   text,
    PRIMARY KEY (recording_id, space)
);
CREATE INDEX embedding_jobs_not_before_idx ON embedding_jobs (not_before);
