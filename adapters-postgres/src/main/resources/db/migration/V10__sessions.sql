-- A session token counts only while its session row exists: logout deletes the row, sign-out
-- everywhere and an admin's revocation delete all of a user's rows. Tokens signed before this
-- migration name no session and are refused: everyone signs in once more.
CREATE TABLE sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    opened_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > opened_at)
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
