package org.stemvault.postgres.drive;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.stemvault.domain.drive.DriveGrant;
import org.stemvault.domain.drive.DriveGrants;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/** Drive grants in {@code drive_grants}: sealed tokens only. */
@Singleton
final class PostgresDriveGrants implements DriveGrants {

    private final Database db;

    PostgresDriveGrants(Database db) {
        this.db = db;
    }

    @Override
    public void save(DriveGrant grant) {
        db.update(
                "INSERT INTO drive_grants (user_id, key_id, sealed_token, granted_at, revoked_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                        + " key_id = excluded.key_id, sealed_token = excluded.sealed_token,"
                        + " granted_at = excluded.granted_at, revoked_at = excluded.revoked_at",
                ps -> {
                    ps.setObject(1, grant.user().value());
                    ps.setString(2, grant.keyId());
                    ps.setString(3, grant.sealedToken());
                    Database.setInstant(ps, 4, grant.grantedAt());
                    Database.setInstant(ps, 5, grant.revokedAt());
                });
    }

    @Override
    public Optional<DriveGrant> of(UserId user) {
        return db.first(
                "SELECT user_id, key_id, sealed_token, granted_at, revoked_at FROM drive_grants"
                        + " WHERE user_id = ?",
                ps -> ps.setObject(1, user.value()),
                rs ->
                        new DriveGrant(
                                new UserId(Database.uuid(rs, "user_id")),
                                rs.getString("key_id"),
                                rs.getString("sealed_token"),
                                Database.instant(rs, "granted_at"),
                                Database.instant(rs, "revoked_at")));
    }

    @Override
    public boolean markRevoked(UserId user, Instant at) {
        return db.update(
                        "UPDATE drive_grants SET revoked_at = ?"
                                + " WHERE user_id = ? AND revoked_at IS NULL",
                        ps -> {
                            Database.setInstant(ps, 1, at);
                            ps.setObject(2, user.value());
                        })
                == 1;
    }

    @Override
    public boolean delete(UserId user) {
        return db.update(
                        "DELETE FROM drive_grants WHERE user_id = ?",
                        ps -> ps.setObject(1, user.value()))
                == 1;
    }
}
