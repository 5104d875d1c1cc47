-- Google Drive (issue 29). A member's consent to read their Drive: the refresh token sealed with AES-GCM under
-- the key named key_id (never the token itself); revoked_at is when Google was found to have revoked it.
CREATE TABLE drive_grants (
    user_id      uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    key_id       text        NOT NULL CHECK (key_id ~ '^[A-Za-z0-9_-]{1,40}$'),
    sealed_token text        NOT NULL CHECK (length(sealed_token) BETWEEN 16 AND 8192),
    granted_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

-- A profile's connected folder, read with the grant of the member who connected it. page_token: where the
-- next listing of Drive's changes starts; marked_at: a notification (or the first channel) asked for one;
-- listing_until: an instance is listing it (another takes it over after that time).
CREATE TABLE drive_folders (
    profile_id   uuid        PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    folder_id    text        NOT NULL CHECK (folder_id ~ '^[A-Za-z0-9_-]{1,200}$'),
    connected_by uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    connected_at timestamptz NOT NULL,
    page_token   text        CHECK (length(page_token) <= 1000),
    marked_at    timestamptz,
    listing_until timestamptz
);
CREATE INDEX drive_folders_connected_by_idx ON drive_folders (connected_by);
CREATE INDEX drive_folders_marked_idx ON drive_folders (marked_at) WHERE marked_at IS NOT NULL;

-- Drive changes watch channels: only the SHA-256 of a channel's token is kept. A channel of a folder that
-- was disconnected or replaced is stopping until the scheduled task stops it at Drive.
CREATE TABLE drive_channels (
    id          text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    profile_id  uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    owner       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  text        NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    resource_id text        CHECK (length(resource_id) <= 1000),
    expires_at  timestamptz NOT NULL,
    stopping    boolean     NOT NULL DEFAULT false
);
CREATE INDEX drive_channels_profile_idx ON drive_channels (profile_id, expires_at);
CREATE INDEX drive_channels_owner_idx ON drive_channels (owner);

-- Drive files brought into a profile: one file (id and modified time) once per profile. A claim
-- (importing) older than the stale limit, or a failed import, may be taken over.
CREATE TABLE drive_imports (
    profile_id    uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    file_id       text        NOT NULL CHECK (file_id ~ '^[A-Za-z0-9_-]{1,200}$'),
    modified_time timestamptz NOT NULL,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    outcome       text        NOT NULL CHECK (outcome IN ('importing', 'imported', 'duplicate', 'failed')),
    recording_id  uuid        REFERENCES recordings (id) ON DELETE SET NULL,
    detail        text        CHECK (length(detail) <= 500),
    claimed_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    PRIMARY KEY (profile_id, file_id, modified_time)
);
CREATE INDEX drive_imports_recording_idx ON drive_imports (recording_id);

-- Scheduled work that exactly one instance runs at a time (Drive channel renewal): the holder renews its
-- lease while it works; a lease that runs out passes to another instance.
CREATE TABLE leases (
    name       text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    holder     text        NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    expires_at timestamptz NOT NULL
);
