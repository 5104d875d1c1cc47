package org.stemvault.postgres.profile;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/** Profiles in the {@code profiles} table, unique by name. */
@Singleton
final class PostgresProfiles implements Profiles {

    private static final String COLUMNS = "id, name, source_folder, strategy_name, created_at";

    private final Database db;

    PostgresProfiles(Database db) {
        this.db = db;
    }

    @Override
    public Profile create(Profile profile) {
        try {
            db.update("INSERT INTO profiles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", ps -> {
                ps.setObject(1, profile.id().value());
                ps.setString(2, profile.name().value());
                ps.setString(3, profile.sourceFolder());
                ps.setString(4, profile.strategyName());
                Database.setInstant(ps, 5, profile.createdAt());
            });
            return profile;
        } catch (Conflict e) {
            throw new Conflict("a profile named '" + profile.name() + "' exists already");
        }
    }

    @Override
    public Optional<Profile> byId(ProfileId id) {
        return db.first("SELECT " + COLUMNS + " FROM profiles WHERE id = ?", ps -> ps.setObject(1, id.value()),
                PostgresProfiles::map);
    }

    @Override
    public Optional<Profile> byName(ProfileName name) {
        return db.first("SELECT " + COLUMNS + " FROM profiles WHERE name = ?", ps -> ps.setString(1, name.value()),
                PostgresProfiles::map);
    }

    @Override
    public List<Profile> all() {
        return db.list("SELECT " + COLUMNS + " FROM profiles ORDER BY name", ps -> { }, PostgresProfiles::map);
    }

    @Override
    public List<Profile> ofMember(UserId user) {
        return db.list("SELECT p.id, p.name, p.source_folder, p.strategy_name, p.created_at FROM profiles p"
                + " JOIN user_profiles m ON m.profile_id = p.id WHERE m.user_id = ? ORDER BY p.name",
                ps -> ps.setObject(1, user.value()), PostgresProfiles::map);
    }

    @Override
    public boolean update(Profile profile) {
        try {
            return db.update("UPDATE profiles SET name = ?, source_folder = ?, strategy_name = ? WHERE id = ?", ps -> {
                ps.setString(1, profile.name().value());
                ps.setString(2, profile.sourceFolder());
                ps.setString(3, profile.strategyName());
                ps.setObject(4, profile.id().value());
            }) == 1;
        } catch (Conflict e) {
            throw new Conflict("a profile named '" + profile.name() + "' exists already");
        }
    }

    @Override
    public boolean delete(ProfileId id) {
        return db.update("DELETE FROM profiles WHERE id = ?", ps -> ps.setObject(1, id.value())) == 1;
    }

    private static Profile map(ResultSet rs) throws SQLException {
        return new Profile(new ProfileId(Database.uuid(rs, "id")), new ProfileName(rs.getString("name")),
                rs.getString("source_folder"), rs.getString("strategy_name"), Database.instant(rs, "created_at"));
    }
}
