package org.stemvault.postgres.media;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.postgres.Database;

/**
 * Pending media deletions in {@code media_deletions} (a failed job's are also queued by a trigger
 * on {@code jobs}); claims are leases taken with SKIP LOCKED, so instances share the work.
 */
@Singleton
final class PostgresMediaDeletions implements MediaDeletions {

    private final Database db;

    PostgresMediaDeletions(Database db) {
        this.db = db;
    }

    @Override
    public void request(MediaDeletion deletion) {
        db.update(
                "INSERT INTO media_deletions (id, folder, requested_at, attempts, not_before)"
                        + " VALUES (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, deletion.id());
                    ps.setString(2, deletion.folder());
                    Database.setInstant(ps, 3, deletion.requestedAt());
                    ps.setInt(4, deletion.attempts());
                    Database.setInstant(ps, 5, deletion.requestedAt());
                });
    }

    @Override
    public void withdraw(String folder) {
        db.update("DELETE FROM media_deletions WHERE folder = ?", ps -> ps.setString(1, folder));
    }

    @Override
    public List<MediaDeletion> claim(Instant now, Instant leaseUntil, int limit) {
        return db.writeList(
                """
                UPDATE media_deletions d SET not_before = ?
                FROM (SELECT id FROM media_deletions WHERE not_before <= ?
                      ORDER BY requested_at, id LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE d.id = due.id
                RETURNING d.id, d.folder, d.requested_at, d.attempts
                """,
                ps -> {
                    Database.setInstant(ps, 1, leaseUntil);
                    Database.setInstant(ps, 2, now);
                    ps.setInt(3, limit);
                },
                PostgresMediaDeletions::map);
    }

    @Override
    public void done(UUID id) {
        db.update("DELETE FROM media_deletions WHERE id = ?", ps -> ps.setObject(1, id));
    }

    @Override
    public void failed(UUID id, String error, Instant retryAt) {
        db.update(
                "UPDATE media_deletions SET attempts = attempts + 1, last_error = ?, not_before = ?"
                        + " WHERE id = ?",
                ps -> {
                    ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                    Database.setInstant(ps, 2, retryAt);
                    ps.setObject(3, id);
                });
    }

    @Override
    public List<MediaDeletion> pending() {
        return db.list(
                "SELECT id, folder, requested_at, attempts FROM media_deletions"
                        + " ORDER BY requested_at, id",
                ps -> {},
                PostgresMediaDeletions::map);
    }

    private static MediaDeletion map(ResultSet rs) throws SQLException {
        return new MediaDeletion(
                Database.uuid(rs, "id"),
                rs.getString("folder"),
                Database.instant(rs, "requested_at"),
                rs.getInt("attempts"));
    }
}
