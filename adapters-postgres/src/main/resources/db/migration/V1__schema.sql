-- Stemvault schema. Every table is keyed by a UUID; every foreign key has an index;
-- every rule the domain checks is also a constraint here, so no writer can bypass it.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
    name          text,
    picture_url   text,
    role          text        NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at    timestamptz NOT NULL,
    last_login_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE profiles (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    source_folder text        NOT NULL,
    strategy_name text,
    created_at    timestamptz NOT NULL
);

CREATE TABLE user_profiles (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_id uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    granted_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, profile_id)
);
CREATE INDEX user_profiles_profile_id_idx ON user_profiles (profile_id);

CREATE TABLE audio_files (
    id               uuid PRIMARY KEY,
    profile_id       uuid             NOT NULL REFERENCES profiles (id),
    file_hash        char(64)         NOT NULL UNIQUE CHECK (file_hash ~ '^[0-9a-f]{64}$'),
    filename         text             NOT NULL,
    storage_url      text,
    file_size_bytes  bigint           NOT NULL CHECK (file_size_bytes >= 0),
    duration_seconds double precision NOT NULL CHECK (duration_seconds > 0 AND duration_seconds < 'Infinity'),
    created_at       timestamptz      NOT NULL
);
CREATE INDEX audio_files_profile_id_idx ON audio_files (profile_id);

CREATE TABLE recordings (
    id            uuid PRIMARY KEY,
    profile_id    uuid        NOT NULL REFERENCES profiles (id),
    audio_file_id uuid        REFERENCES audio_files (id),
    output_name   text        NOT NULL CHECK (length(output_name) BETWEEN 1 AND 200
                                              AND output_name !~ '[/\\]' AND output_name NOT IN ('.', '..')),
    display_name  text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (profile_id, output_name)
);
-- Newest first within a profile, with the id as tie-breaker for keyset pagination.
CREATE INDEX recordings_profile_created_idx ON recordings (profile_id, created_at DESC, id DESC);
CREATE INDEX recordings_audio_file_id_idx ON recordings (audio_file_id);

CREATE TABLE stems (
    id                      uuid PRIMARY KEY,
    recording_id            uuid             NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    stem_type               text             NOT NULL CHECK (stem_type ~ '^[a-z0-9_ -]{1,40}$'),
    measured_lufs           double precision CHECK (measured_lufs > '-Infinity' AND measured_lufs < 'Infinity'),
    peak_amplitude          double precision NOT NULL CHECK (peak_amplitude > '-Infinity' AND peak_amplitude < 'Infinity'),
    stem_gain_adjustment_db double precision NOT NULL
        CHECK (stem_gain_adjustment_db > '-Infinity' AND stem_gain_adjustment_db < 'Infinity'),
    audio_url               text             NOT NULL,
    waveform_url            text             NOT NULL,
    file_size_bytes         bigint           NOT NULL CHECK (file_size_bytes >= 0),
    duration_seconds        double precision NOT NULL CHECK (duration_seconds > 0 AND duration_seconds < 'Infinity'),
    position                integer          NOT NULL,
    UNIQUE (recording_id, stem_type)
);

-- One vector per recording (stem_type NULL) or per stem, per embedding space. Spaces of different
-- dimensions share the table; each space gets its own HNSW index over a dimension cast.
CREATE TABLE embeddings (
    id           uuid PRIMARY KEY,
    recording_id uuid        NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    stem_type    text,
    space        text        NOT NULL CHECK (space ~ '^[a-z0-9_-]{1,64}$'),
    dimensions   integer     NOT NULL CHECK (dimensions BETWEEN 1 AND 16000),
    embedding    vector      NOT NULL CHECK (vector_dims(embedding) = dimensions),
    source       text,
    updated_at   timestamptz NOT NULL,
    FOREIGN KEY (recording_id, stem_type) REFERENCES stems (recording_id, stem_type) ON DELETE CASCADE
);
CREATE UNIQUE INDEX embeddings_target_space_key ON embeddings (recording_id, coalesce(stem_type, ''), space);
CREATE INDEX embeddings_recording_stem_idx ON embeddings (recording_id, stem_type);
