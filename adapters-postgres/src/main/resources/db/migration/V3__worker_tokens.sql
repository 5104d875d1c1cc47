-- Credentials of processing workers. The signed token carries only the id; every request checks the row,
-- so a revocation counts at once.
CREATE TABLE worker_tokens (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    revoked_at timestamptz
);
