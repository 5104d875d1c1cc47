-- How many recordings each profile holds (issue 33), kept by the triggers that already bump a profile's
-- version when its recordings change (V14), in the same UPDATE of the profile's row. A search reads the sum
-- over the caller's profiles to choose its plan: an exact scan of a few thousand vectors beats an HNSW scan
-- that must pass over the other profiles' vectors to find ten of the caller's.
ALTER TABLE profiles ADD COLUMN recording_count bigint NOT NULL DEFAULT 0 CHECK (recording_count >= 0);
UPDATE profiles p SET recording_count = (SELECT count(*) FROM recordings r WHERE r.profile_id = p.id);

CREATE OR REPLACE FUNCTION recordings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles p SET version = nextval('profile_versions'), recording_count = p.recording_count + n.added
    FROM (SELECT profile_id, count(*) AS added FROM new_rows GROUP BY profile_id) n
    WHERE p.id = n.profile_id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION recordings_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles p SET version = nextval('profile_versions'), recording_count = p.recording_count - o.removed
    FROM (SELECT profile_id, count(*) AS removed FROM old_rows GROUP BY profile_id) o
    WHERE p.id = o.profile_id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION recordings_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT o.profile_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o IS DISTINCT FROM n
                 UNION SELECT n.profile_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o IS DISTINCT FROM n);
    UPDATE profiles p SET recording_count = p.recording_count + d.moved
    FROM (SELECT profile_id, sum(moved) AS moved FROM (
              SELECT n.profile_id, 1 AS moved FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE n.profile_id <> o.profile_id
              UNION ALL
              SELECT o.profile_id, -1 FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE n.profile_id <> o.profile_id) m
          GROUP BY profile_id) d
    WHERE p.id = d.profile_id AND d.moved <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION recordings_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET recording_count = 0 WHERE recording_count <> 0;
    RETURN NULL;
END $$;

CREATE TRIGGER recordings_truncated AFTER TRUNCATE ON recordings
    FOR EACH STATEMENT EXECUTE FUNCTION recordings_truncated();
