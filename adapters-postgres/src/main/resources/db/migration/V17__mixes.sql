-- Take-away mixes: one rendering of a recording's stems (which stems, their gains, a section, tempo,
-- transposition, format, loudness target) into a single file, made by a job of kind 'render' in the
-- one queue. A mix is named by a content key over the stems' stored identities and the parameters, so
-- the same request is answered by the same mix (rendered once). Its status is its job's; its file is at
-- media_key (under the recording's folder, so the recording's deletion takes it) and is served only
-- once the job is complete.
CREATE TABLE mixes (
    id               uuid             PRIMARY KEY,
    profile_id       uuid             NOT NULL,
    recording_id     uuid             NOT NULL,
    made_by          uuid             REFERENCES users (id) ON DELETE SET NULL,
    content_key      text             NOT NULL UNIQUE CHECK (content_key ~ '^[0-9a-f]{64}$'),
    -- The stems heard, in parallel arrays: name, file in the recording's folder, its size, gain in dB.
    stem_names       text[]           NOT NULL CHECK (cardinality(stem_names) BETWEEN 1 AND 64),
    stem_files       text[]           NOT NULL CHECK (cardinality(stem_files) = cardinality(stem_names)),
    stem_sizes       bigint[]         NOT NULL CHECK (cardinality(stem_sizes) = cardinality(stem_names)),
    stem_gains_db    double precision[] NOT NULL CHECK (cardinality(stem_gains_db) = cardinality(stem_names)),
    start_seconds    double precision CHECK (start_seconds >= 0 AND start_seconds < 'Infinity'),
    end_seconds      double precision CHECK (end_seconds < 'Infinity'),
    tempo            double precision NOT NULL CHECK (tempo BETWEEN 0.5 AND 1.5),
    semitones        integer          NOT NULL CHECK (semitones BETWEEN -12 AND 12),
    format           text             NOT NULL CHECK (format IN ('mp3', 'm4a', 'opus', 'flac', 'wav')),
    loudness_target  double precision CHECK (loudness_target BETWEEN -40 AND -5),
    file_name        text             NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    media_key        text             NOT NULL CHECK (length(media_key) BETWEEN 1 AND 2000),
    duration_seconds double precision CHECK (duration_seconds > 0 AND duration_seconds < 'Infinity'),
    size_bytes       bigint           CHECK (size_bytes >= 0),
    loudness_lufs    double precision CHECK (loudness_lufs > '-Infinity' AND loudness_lufs < 'Infinity'),
    created_at       timestamptz      NOT NULL,
    fetched_at       timestamptz      NOT NULL,
    CHECK ((start_seconds IS NULL) = (end_seconds IS NULL) AND end_seconds > start_seconds),
    FOREIGN KEY (profile_id, recording_id) REFERENCES recordings (profile_id, id) ON DELETE CASCADE
);
CREATE INDEX mixes_recording_idx ON mixes (profile_id, recording_id);
CREATE INDEX mixes_made_by_idx ON mixes (made_by);
CREATE INDEX mixes_fetched_idx ON mixes (fetched_at);

-- Jobs gain a kind: 'separate' (an uploaded source into stems, as before) or 'render' (a mix). A render
-- job has no source file of its own: it names its mix.
ALTER TABLE jobs ADD COLUMN kind text NOT NULL DEFAULT 'separate' CHECK (kind IN ('separate', 'render'));
ALTER TABLE jobs ADD COLUMN mix_id uuid UNIQUE REFERENCES mixes (id) ON DELETE CASCADE;
ALTER TABLE jobs ALTER COLUMN audio_file_id DROP NOT NULL;
ALTER TABLE jobs ALTER COLUMN input_key DROP NOT NULL;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_subject CHECK (
    (kind = 'separate' AND audio_file_id IS NOT NULL AND input_key IS NOT NULL AND mix_id IS NULL)
    OR (kind = 'render' AND mix_id IS NOT NULL AND audio_file_id IS NULL AND input_key IS NULL));
CREATE INDEX jobs_queue_kind_idx ON jobs (kind, created_at) WHERE status = 'queued';

-- A render that ends in error or is cancelled leaves at most its own file: queue the mix's folder.
-- Separation jobs keep the rule of V11 (their recording's folder, unless a recording owns it).
CREATE OR REPLACE FUNCTION jobs_queue_partial_outputs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'render' THEN
        INSERT INTO media_deletions (id, folder, requested_at, not_before)
        SELECT gen_random_uuid(), regexp_replace(m.media_key, '/[^/]+$', ''), now(), now()
        FROM mixes m WHERE m.id = NEW.mix_id;
        RETURN NULL;
    END IF;
    INSERT INTO media_deletions (id, folder, requested_at, not_before)
    SELECT gen_random_uuid(), p.name || '/' || NEW.output_name, now(), now()
    FROM profiles p
    WHERE p.id = NEW.profile_id
      AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.profile_id = NEW.profile_id AND r.output_name = NEW.output_name);
    RETURN NULL;
END $$;
