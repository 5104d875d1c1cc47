-- A recording's answers (the files list, one file, by id) carry its analysis's tempo, key and stability, and the
-- files list can be filtered by them: an analysis written, changed or deleted moves its profile's change version
-- (V14), in the same transaction, once per statement.
CREATE FUNCTION analyses_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT r.profile_id FROM recordings r WHERE r.id IN (SELECT recording_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION analyses_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT r.profile_id FROM recordings r WHERE r.id IN (SELECT recording_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION analyses_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT r.profile_id FROM recordings r
                 WHERE r.id IN (SELECT n.recording_id FROM old_rows o JOIN new_rows n ON n.recording_id = o.recording_id
                                WHERE (o.tempo_bpm, o.musical_key, o.stability)
                                      IS DISTINCT FROM (n.tempo_bpm, n.musical_key, n.stability)));
    RETURN NULL;
END $$;

CREATE TRIGGER analyses_inserted AFTER INSERT ON recording_analyses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analyses_inserted();
CREATE TRIGGER analyses_deleted AFTER DELETE ON recording_analyses
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analyses_deleted();
CREATE TRIGGER analyses_updated AFTER UPDATE ON recording_analyses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analyses_updated();
