-- A recording's answers carry its analysis's tempo, key and stability, and the files list filters by them. Looked up
-- in recording_analyses per recording, they cost about a third of the files list's statement (3 of 9.5 ms for 200
-- recordings, bench/files-list.sh); kept on the recording itself, they cost nothing more to read. The database keeps
-- the copy: a trigger writes it with every analysis written, in the same transaction, and the recordings' own
-- version trigger (V14) then moves the profile's change version, which makes V22's triggers redundant.
ALTER TABLE recordings
    ADD COLUMN tempo_bpm   double precision,
    ADD COLUMN musical_key text,
    ADD COLUMN stability   real;

CREATE FUNCTION analysis_summarised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE recordings SET tempo_bpm = NEW.tempo_bpm, musical_key = NEW.musical_key, stability = NEW.stability
    WHERE id = NEW.recording_id
      AND (tempo_bpm, musical_key, stability) IS DISTINCT FROM (NEW.tempo_bpm, NEW.musical_key, NEW.stability);
    RETURN NULL;
END $$;

CREATE TRIGGER analysis_summarised AFTER INSERT OR UPDATE ON recording_analyses
    FOR EACH ROW EXECUTE FUNCTION analysis_summarised();

UPDATE recordings r SET tempo_bpm = a.tempo_bpm, musical_key = a.musical_key, stability = a.stability
FROM recording_analyses a WHERE a.recording_id = r.id;

DROP TRIGGER analyses_inserted ON recording_analyses;
DROP TRIGGER analyses_deleted ON recording_analyses;
DROP TRIGGER analyses_updated ON recording_analyses;
DROP FUNCTION analyses_inserted();
DROP FUNCTION analyses_deleted();
DROP FUNCTION analyses_updated();
