-- A push-dispatched job's callback URL carries a secret; only its SHA-256 is kept, replaced at each dispatch.
ALTER TABLE jobs ADD COLUMN callback_secret_hash text CHECK (callback_secret_hash ~ '^[0-9a-f]{64}$');
