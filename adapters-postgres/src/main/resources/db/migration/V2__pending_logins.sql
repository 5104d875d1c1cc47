-- Logins begun and not yet finished (the OAuth state), shared by every instance; each is taken once.
CREATE TABLE pending_logins (
    key        text PRIMARY KEY,
    value      text        NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX pending_logins_expires_at_idx ON pending_logins (expires_at);
