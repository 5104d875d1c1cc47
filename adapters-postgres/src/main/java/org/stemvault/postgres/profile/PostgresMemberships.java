package org.stemvault.postgres.profile;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.MediaGrants;

/** Memberships in the {@code user_profiles} link table. */
@Singleton
final class PostgresMemberships implements Memberships {

    private static final String COLUMNS = "user_id, profile_id, granted_at";

    private final Database db;
    private final MediaGrants grants;

    PostgresMemberships(Database db, MediaGrants grants) {
        this.db = db;
        this.grants = grants;
    }

    @Override
    public boolean grant(Membership membership) {
        return db.update(
                        "INSERT INTO user_profiles ("
                                + COLUMNS
                                + ") VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        ps -> {
                            ps.setObject(1, membership.user().value());
                            ps.setObject(2, membership.profile().value());
                            Database.setInstant(ps, 3, membership.grantedAt());
                        })
                == 1;
    }

    @Override
    public boolean revoke(UserId user, ProfileId profile) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update(
                        "DELETE FROM user_profiles WHERE user_id = ? AND profile_id = ?",
                        ps -> {
                            ps.setObject(1, user.value());
                            ps.setObject(2, profile.value());
                        })
                == 1;
    }

    @Override
    public List<Membership> ofUser(UserId user) {
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM user_profiles WHERE user_id = ? ORDER BY granted_at, profile_id",
                ps -> ps.setObject(1, user.value()),
                PostgresMemberships::map);
    }

    @Override
    public List<Membership> ofProfile(ProfileId profile) {
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM user_profiles WHERE profile_id = ? ORDER BY granted_at, user_id",
                ps -> ps.setObject(1, profile.value()),
                PostgresMemberships::map);
    }

    @Override
    public List<Membership> all() {
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM user_profiles ORDER BY granted_at, user_id, profile_id",
                ps -> {},
                PostgresMemberships::map);
    }

    private static Membership map(ResultSet rs) throws SQLException {
        return new Membership(
                new UserId(Database.uuid(rs, "user_id")),
                new ProfileId(Database.uuid(rs, "profile_id")),
                Database.instant(rs, "granted_at"));
    }
}
