-- Links to one take-away mix for people outside the band (only with STEMVAULT_SHARE_LINKS=true): found by
-- the SHA-256 of an unguessable token that is shown once and never stored; live until expires_at or its
-- revocation; each fetch counted. A mix's deletion takes its links.
CREATE TABLE mix_shares (
    id          uuid        PRIMARY KEY,
    mix_id      uuid        NOT NULL REFERENCES mixes (id) ON DELETE CASCADE,
    token_hash  text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > created_at),
    revoked_at  timestamptz,
    fetches     bigint      NOT NULL DEFAULT 0 CHECK (fetches >= 0)
);
CREATE INDEX mix_shares_mix_idx ON mix_shares (mix_id, created_at DESC);
CREATE INDEX mix_shares_created_by_idx ON mix_shares (created_by);
