-- A profile's change version: what its files list and single-file answers are tagged with (ETag).
-- Triggers bump it in the same transaction as any change to what those answers show: a recording
-- (name, description, place, date, status), a stem, a location's name, the profile's own name. The
-- numbers come from one sequence, so a profile deleted and made again under the same name never
-- reuses a version a client may still hold. The triggers run once per statement (transition
-- tables), so a statement that writes many rows bumps each profile it touches once.
CREATE SEQUENCE profile_versions;

ALTER TABLE profiles ADD COLUMN version bigint NOT NULL DEFAULT nextval('profile_versions');

-- Recordings: the profiles of the rows written, before and after.
CREATE FUNCTION recordings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT profile_id FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION recordings_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT profile_id FROM old_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION recordings_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT o.profile_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o IS DISTINCT FROM n
                 UNION SELECT n.profile_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o IS DISTINCT FROM n);
    RETURN NULL;
END $$;

CREATE TRIGGER recordings_inserted AFTER INSERT ON recordings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recordings_inserted();
CREATE TRIGGER recordings_deleted AFTER DELETE ON recordings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recordings_deleted();
CREATE TRIGGER recordings_updated AFTER UPDATE ON recordings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recordings_updated();

-- Stems: their recordings name the profiles. Stems deleted with their recording have no recording left
-- to name one; the recording's own trigger has bumped it.
CREATE FUNCTION stems_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT r.profile_id FROM recordings r WHERE r.id IN (SELECT recording_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION stems_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT r.profile_id FROM recordings r WHERE r.id IN (SELECT recording_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION stems_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT r.profile_id FROM recordings r
                 WHERE r.id IN (SELECT o.recording_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o IS DISTINCT FROM n
                                UNION SELECT n.recording_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o IS DISTINCT FROM n));
    RETURN NULL;
END $$;

CREATE TRIGGER stems_inserted AFTER INSERT ON stems
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stems_inserted();
CREATE TRIGGER stems_deleted AFTER DELETE ON stems
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stems_deleted();
CREATE TRIGGER stems_updated AFTER UPDATE ON stems
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stems_updated();

-- Recordings show their location's name; a deleted location unlinks its recordings, whose own
-- trigger then fires.
CREATE FUNCTION locations_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET version = nextval('profile_versions')
    WHERE id IN (SELECT n.profile_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.name IS DISTINCT FROM n.name);
    RETURN NULL;
END $$;

CREATE TRIGGER locations_renamed AFTER UPDATE ON locations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION locations_renamed();

-- The answers carry media URLs under the profile's name.
CREATE FUNCTION profiles_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := nextval('profile_versions');
    RETURN NEW;
END $$;

CREATE TRIGGER profiles_renamed BEFORE UPDATE OF name ON profiles
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION profiles_renamed();
