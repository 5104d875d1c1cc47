package org.stemvault.postgres.profile;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.MediaGrants;

/** Profiles in the {@code profiles} table, unique by name. */
@Singleton
final class PostgresProfiles implements Profiles {

    private static final String COLUMNS = "id, name, source_folder, strategy_name, created_at";
    private static final String SELECT = "SELECT " + ProfileRows.COLUMNS + " FROM profiles p";

    private final Database db;
    private final MediaGrants grants;

    PostgresProfiles(Database db, MediaGrants grants) {
        this.db = db;
        this.grants = grants;
    }

    @Override
    public Profile create(Profile profile) {
        try {
            db.update(
                    "INSERT INTO profiles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                    ps -> {
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
    public Optional<Profile> byName(ProfileName name) {
        return db.first(
                SELECT + " WHERE p.name = ?",
                ps -> ps.setString(1, name.value()),
                ProfileRows::map);
    }

    @Override
    public Optional<Profile> byId(ProfileId id) {
        return db.first(
                SELECT + " WHERE p.id = ?", ps -> ps.setObject(1, id.value()), ProfileRows::map);
    }

    @Override
    public List<Profile> all() {
        return db.list(SELECT + " ORDER BY p.name", ps -> {}, ProfileRows::map);
    }

    @Override
    public boolean update(Profile profile) {
        grants.forget(); // takes away media grants: see MediaGrants
        try {
            return db.update(
                            "UPDATE profiles SET name = ?, source_folder = ?, strategy_name = ? WHERE id = ?",
                            ps -> {
                                ps.setString(1, profile.name().value());
                                ps.setString(2, profile.sourceFolder());
                                ps.setString(3, profile.strategyName());
                                ps.setObject(4, profile.id().value());
                            })
                    == 1;
        } catch (Conflict e) {
            throw new Conflict("a profile named '" + profile.name() + "' exists already");
        }
    }

    @Override
    public boolean delete(ProfileId id) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update("DELETE FROM profiles WHERE id = ?", ps -> ps.setObject(1, id.value()))
                == 1;
    }
}
