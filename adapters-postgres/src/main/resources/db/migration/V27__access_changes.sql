-- Media grants remembered by each instance (issue 33): a change that can take a member's access to a
-- recording's media away is announced on the channel stemvault_access when it commits, and every instance
-- that hears it forgets the grants it remembered. One notification per statement; PostgreSQL folds equal
-- notifications of one transaction into one. Additions (a new membership, a new session) are not announced:
-- a refusal is never remembered.
CREATE FUNCTION access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stemvault_access', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_access AFTER UPDATE OF user_id OR DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
CREATE TRIGGER users_access AFTER UPDATE OF id, role, email OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
CREATE TRIGGER user_profiles_access AFTER UPDATE OR DELETE OR TRUNCATE ON user_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
CREATE TRIGGER profiles_access AFTER UPDATE OF id, name OR DELETE OR TRUNCATE ON profiles
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
CREATE TRIGGER recordings_access AFTER UPDATE OF id, profile_id, output_name OR DELETE OR TRUNCATE ON recordings
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
