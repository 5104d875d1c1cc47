-- A profile's change version: what its files list and single-file answers are tagged with (ETag).
-- Triggers bump it in the same transaction as any change to what those answers show: a recording
-- (name, description, place, date, status), a stem, a location's name, the profile's own name. The
-- numbers come from one sequence, so a profile deleted and made again under the same name never
-- reuses a version a client may still hold.
CREATE SEQUENCE profile_versions;

ALTER TABLE profiles ADD COLUMN version bigint NOT NULL DEFAULT nextval('profile_versions');

CREATE FUNCTION bump_profile_version(profile uuid) RETURNS void LANGUAGE sql AS $$
    UPDATE profiles SET version = nextval('profile_versions') WHERE id = profile;
$$;

CREATE FUNCTION recordings_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM bump_profile_version(OLD.profile_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.profile_id <> OLD.profile_id) THEN
        PERFORM bump_profile_version(NEW.profile_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER recordings_bump_version AFTER INSERT OR DELETE ON recordings
    FOR EACH ROW EXECUTE FUNCTION recordings_bump_version();
CREATE TRIGGER recordings_bump_version_on_update AFTER UPDATE ON recordings
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION recordings_bump_version();

-- A stem's recording names its profile; when the recording itself is being deleted, its own
-- trigger has bumped the version already.
CREATE FUNCTION stems_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM bump_profile_version(r.profile_id) FROM recordings r WHERE r.id = OLD.recording_id;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.recording_id <> OLD.recording_id THEN
        PERFORM bump_profile_version(r.profile_id) FROM recordings r WHERE r.id = NEW.recording_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stems_bump_version AFTER INSERT OR DELETE ON stems
    FOR EACH ROW EXECUTE FUNCTION stems_bump_version();
CREATE TRIGGER stems_bump_version_on_update AFTER UPDATE ON stems
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stems_bump_version();

-- Recordings show their location's name; a deleted location unlinks its recordings, whose own
-- trigger then fires.
CREATE FUNCTION locations_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_profile_version(NEW.profile_id);
    RETURN NULL;
END $$;

CREATE TRIGGER locations_bump_version AFTER UPDATE OF name ON locations
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION locations_bump_version();

-- The answers carry media URLs under the profile's name.
CREATE FUNCTION profiles_rename_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := nextval('profile_versions');
    RETURN NEW;
END $$;

CREATE TRIGGER profiles_rename_version BEFORE UPDATE OF name ON profiles
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION profiles_rename_version();
