-- Songs and locations of a profile, clips (sections of a recording), a recording's place, date and
-- processing status, and each member's own player settings per recording.

-- A name is unique per profile, whatever its case.
CREATE TABLE songs (
    id          uuid PRIMARY KEY,
    profile_id  uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (profile_id, id)
);
CREATE UNIQUE INDEX songs_profile_name_key ON songs (profile_id, lower(name));
-- Full-text search matches a recording by its clips' song names and its location's name too.
CREATE INDEX songs_name_fts_idx ON songs USING gin (to_tsvector('english', name));

CREATE TABLE locations (
    id          uuid PRIMARY KEY,
    profile_id  uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (profile_id, id)
);
CREATE UNIQUE INDEX locations_profile_name_key ON locations (profile_id, lower(name));
CREATE INDEX locations_name_fts_idx ON locations USING gin (to_tsvector('english', name));

-- A recording's location is one of its own profile's (the composite key); deleting the location
-- unlinks it.
ALTER TABLE recordings ADD CONSTRAINT recordings_profile_id_id_key UNIQUE (profile_id, id);
ALTER TABLE recordings
    ADD COLUMN location_id   uuid,
    ADD COLUMN date_recorded date,
    ADD COLUMN status        text NOT NULL DEFAULT 'complete'
        CHECK (status IN ('processing', 'complete', 'error')),
    ADD CONSTRAINT recordings_location_fkey FOREIGN KEY (profile_id, location_id)
        REFERENCES locations (profile_id, id) ON DELETE SET NULL (location_id);
CREATE INDEX recordings_location_idx ON recordings (profile_id, location_id);

-- A clip belongs to a recording and, optionally, a song of the same profile; deleting the recording
-- deletes its clips, deleting the song unlinks them.
CREATE TABLE clips (
    id            uuid PRIMARY KEY,
    profile_id    uuid             NOT NULL,
    recording_id  uuid             NOT NULL,
    song_id       uuid,
    start_seconds double precision NOT NULL CHECK (start_seconds >= 0 AND start_seconds < 'Infinity'),
    end_seconds   double precision NOT NULL CHECK (end_seconds < 'Infinity'),
    display_name  text             CHECK (display_name IS NULL OR length(btrim(display_name)) BETWEEN 1 AND 200),
    created_at    timestamptz      NOT NULL,
    updated_at    timestamptz      NOT NULL,
    CHECK (end_seconds > start_seconds),
    FOREIGN KEY (profile_id, recording_id) REFERENCES recordings (profile_id, id) ON DELETE CASCADE,
    FOREIGN KEY (profile_id, song_id) REFERENCES songs (profile_id, id) ON DELETE SET NULL (song_id)
);
CREATE INDEX clips_recording_idx ON clips (profile_id, recording_id, start_seconds, id);
CREATE INDEX clips_song_idx ON clips (profile_id, song_id);
CREATE INDEX clips_profile_idx ON clips (profile_id, created_at DESC, id DESC);

-- Each member's player settings per recording, one JSON value per key of a fixed list.
CREATE TABLE recording_user_configs (
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recording_id uuid        NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    key          text        NOT NULL CHECK (key IN ('playbackPosition', 'stems', 'eq', 'parametricEq',
                                                     'compressor', 'reverb', 'stereoExpander')),
    value        jsonb       NOT NULL CHECK (octet_length(value::text) <= 16384),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, recording_id, key)
);
CREATE INDEX recording_user_configs_recording_idx ON recording_user_configs (recording_id);
