-- The triggers of V27 announced once per statement, so a statement that changed nothing still made every
-- instance forget its media grants: every sign-in (its DELETE of the member's expired sessions, usually none),
-- a profile edit that kept the name, a revoke of a membership that was not there, the no-op update that
-- returns a provisioned user. Row triggers announce only a row that goes or a column whose value changes;
-- TRUNCATE keeps a statement trigger (it has no rows to fire for). PostgreSQL folds the equal
-- notifications of one transaction into one, so a statement that deletes many rows still sends one.
DROP TRIGGER sessions_access ON sessions;
DROP TRIGGER users_access ON users;
DROP TRIGGER user_profiles_access ON user_profiles;
DROP TRIGGER profiles_access ON profiles;
DROP TRIGGER recordings_access ON recordings;

CREATE TRIGGER sessions_access_delete AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION access_changed();
CREATE TRIGGER sessions_access_update AFTER UPDATE OF user_id ON sessions
    FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id) EXECUTE FUNCTION access_changed();
CREATE TRIGGER sessions_access_truncate AFTER TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();

CREATE TRIGGER users_access_delete AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION access_changed();
CREATE TRIGGER users_access_update AFTER UPDATE OF id, role, email ON users
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.role IS DISTINCT FROM NEW.role
                       OR OLD.email IS DISTINCT FROM NEW.email)
    EXECUTE FUNCTION access_changed();
CREATE TRIGGER users_access_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();

CREATE TRIGGER user_profiles_access_delete AFTER DELETE ON user_profiles
    FOR EACH ROW EXECUTE FUNCTION access_changed();
CREATE TRIGGER user_profiles_access_update AFTER UPDATE ON user_profiles
    FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.profile_id IS DISTINCT FROM NEW.profile_id)
    EXECUTE FUNCTION access_changed();
CREATE TRIGGER user_profiles_access_truncate AFTER TRUNCATE ON user_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();

CREATE TRIGGER profiles_access_delete AFTER DELETE ON profiles
    FOR EACH ROW EXECUTE FUNCTION access_changed();
CREATE TRIGGER profiles_access_update AFTER UPDATE OF id, name ON profiles
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION access_changed();
CREATE TRIGGER profiles_access_truncate AFTER TRUNCATE ON profiles
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();

CREATE TRIGGER recordings_access_delete AFTER DELETE ON recordings
    FOR EACH ROW EXECUTE FUNCTION access_changed();
CREATE TRIGGER recordings_access_update AFTER UPDATE OF id, profile_id, output_name ON recordings
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.profile_id IS DISTINCT FROM NEW.profile_id
                       OR OLD.output_name IS DISTINCT FROM NEW.output_name)
    EXECUTE FUNCTION access_changed();
CREATE TRIGGER recordings_access_truncate AFTER TRUNCATE ON recordings
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
