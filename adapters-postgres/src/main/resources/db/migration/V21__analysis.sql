-- Tempo, beats and key of a take (issue 30). A third kind of job: analyze a recording's stored stems.
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('separate', 'render', 'analyze'));
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_subject;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_subject CHECK (
    (kind = 'separate' AND audio_file_id IS NOT NULL AND input_key IS NOT NULL AND mix_id IS NULL)
    OR (kind = 'render' AND mix_id IS NOT NULL AND audio_file_id IS NULL AND input_key IS NULL)
    OR (kind = 'analyze' AND mix_id IS NULL AND audio_file_id IS NULL AND input_key IS NULL));
-- One pending analysis per recording (its profile and output name).
CREATE UNIQUE INDEX jobs_one_pending_analysis_idx ON jobs (profile_id, output_name)
    WHERE kind = 'analyze' AND status IN ('queued', 'processing');

-- What the analysis found: tempo (BPM) and how sure, the key ('A minor') and how sure, stability (1: the take
-- never drifts from its own tempo), the beat grid (beats and downbeats, seconds), the tempo and key of each
-- window_seconds window (for clips), and the tool that measured it.
CREATE TABLE recording_analyses (
    recording_id     uuid             PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
    tempo_bpm        double precision CHECK (tempo_bpm BETWEEN 20 AND 400),
    tempo_confidence real             NOT NULL CHECK (tempo_confidence BETWEEN 0 AND 1),
    musical_key      text             CHECK (musical_key ~ '^(C|C#|D|Eb|E|F|F#|G|Ab|A|Bb|B) (major|minor)$'),
    key_confidence   real             NOT NULL CHECK (key_confidence BETWEEN 0 AND 1),
    stability        real             CHECK (stability BETWEEN 0 AND 1),
    beats            real[]           NOT NULL,
    downbeats        real[]           NOT NULL,
    window_seconds   real             NOT NULL CHECK (window_seconds > 0),
    tempo_curve      real[]           NOT NULL,
    window_keys      text[]           NOT NULL,
    tool             text             NOT NULL CHECK (length(tool) BETWEEN 1 AND 200),
    analyzed_at      timestamptz      NOT NULL
);
CREATE INDEX recording_analyses_tempo_idx ON recording_analyses (tempo_bpm);
