package org.stemvault.postgres.drive;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.domain.drive.DriveChannel;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/**
 * Connected folders in {@code drive_folders}, channels in {@code drive_channels}. A folder is taken
 * for a listing by one statement ({@code FOR UPDATE SKIP LOCKED} and a time limit), never by a
 * transaction held open while Drive answers.
 */
@Singleton
final class PostgresDriveFolders implements DriveFolders {

    private static final String FOLDER =
            "profile_id, folder_id, connected_by, connected_at, page_token";
    private static final String CHANNEL =
            "id, profile_id, owner, token_hash, resource_id, expires_at, stopping";

    private final Database db;

    PostgresDriveFolders(Database db) {
        this.db = db;
    }

    @Override
    public void connect(DriveFolder folder) {
        db.write(
                c -> {
                    Database.run(
                            c,
                            "UPDATE drive_channels SET stopping = true WHERE profile_id = ?"
                                    + " AND NOT EXISTS (SELECT 1 FROM drive_folders f"
                                    + " WHERE f.profile_id = ? AND f.folder_id = ?"
                                    + " AND f.connected_by = ?)",
                            ps -> {
                                ps.setObject(1, folder.profile().value());
                                ps.setObject(2, folder.profile().value());
                                ps.setString(3, folder.folderId());
                                ps.setObject(4, folder.connectedBy().value());
                            });
                    return Database.run(
                            c,
                            "INSERT INTO drive_folders (profile_id, folder_id, connected_by,"
                                    + " connected_at) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT (profile_id) DO UPDATE SET"
                                    + " folder_id = excluded.folder_id,"
                                    + " connected_by = excluded.connected_by,"
                                    + " connected_at = excluded.connected_at,"
                                    + " page_token = CASE WHEN drive_folders.folder_id"
                                    + " = excluded.folder_id AND drive_folders.connected_by"
                                    + " = excluded.connected_by THEN drive_folders.page_token END",
                            ps -> {
                                ps.setObject(1, folder.profile().value());
                                ps.setString(2, folder.folderId());
                                ps.setObject(3, folder.connectedBy().value());
                                Database.setInstant(ps, 4, folder.connectedAt());
                            });
                });
    }

    @Override
    public Optional<DriveFolder> of(ProfileId profile) {
        return db.first(
                "SELECT " + FOLDER + " FROM drive_folders WHERE profile_id = ?",
                ps -> ps.setObject(1, profile.value()),
                PostgresDriveFolders::folder);
    }

    @Override
    public Map<ProfileId, Connection> connections(Collection<ProfileId> profiles) {
        Map<ProfileId, Connection> found = new HashMap<>();
        if (profiles.isEmpty()) {
            return found;
        }
        db.list(
                        "SELECT f.profile_id, f.folder_id,"
                                + " (g.user_id IS NOT NULL AND g.revoked_at IS NULL) AS live"
                                + " FROM drive_folders f LEFT JOIN drive_grants g"
                                + " ON g.user_id = f.connected_by WHERE f.profile_id = ANY (?)",
                        ps ->
                                ps.setArray(
                                        1,
                                        ps.getConnection()
                                                .createArrayOf(
                                                        "uuid",
                                                        profiles.stream()
                                                                .map(ProfileId::value)
                                                                .toArray())),
                        rs ->
                                Map.entry(
                                        new ProfileId(Database.uuid(rs, "profile_id")),
                                        new Connection(
                                                rs.getString("folder_id"), rs.getBoolean("live"))))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    @Override
    public boolean disconnect(ProfileId profile) {
        return db.write(
                c -> {
                    Database.run(
                            c,
                            "UPDATE drive_channels SET stopping = true WHERE profile_id = ?",
                            ps -> ps.setObject(1, profile.value()));
                    return Database.run(
                                    c,
                                    "DELETE FROM drive_folders WHERE profile_id = ?",
                                    ps -> ps.setObject(1, profile.value()))
                            == 1;
                });
    }

    @Override
    public List<DriveFolder> connectedBy(UserId user) {
        return db.list(
                "SELECT " + FOLDER + " FROM drive_folders WHERE connected_by = ?",
                ps -> ps.setObject(1, user.value()),
                PostgresDriveFolders::folder);
    }

    @Override
    public Optional<DriveChannel> channel(String id) {
        return db.first(
                "SELECT " + CHANNEL + " FROM drive_channels WHERE id = ?",
                ps -> ps.setString(1, id),
                PostgresDriveFolders::channel);
    }

    @Override
    public Optional<DriveFolder> takeMarked(Instant now, Duration hold) {
        return db.writeReturning(
                "UPDATE drive_folders SET marked_at = NULL, listing_until = ?"
                        + " WHERE profile_id = (SELECT profile_id FROM drive_folders"
                        + " WHERE marked_at IS NOT NULL"
                        + " AND (listing_until IS NULL OR listing_until < ?)"
                        + " ORDER BY marked_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING "
                        + FOLDER,
                ps -> {
                    Database.setInstant(ps, 1, now.plus(hold));
                    Database.setInstant(ps, 2, now);
                },
                PostgresDriveFolders::folder);
    }

    @Override
    public void release(ProfileId profile, String pageToken) {
        db.update(
                "UPDATE drive_folders SET listing_until = NULL,"
                        + " page_token = coalesce(?, page_token) WHERE profile_id = ?",
                ps -> {
                    ps.setString(1, pageToken);
                    ps.setObject(2, profile.value());
                });
    }

    @Override
    public void mark(ProfileId profile, Instant now) {
        db.update(
                "UPDATE drive_folders SET marked_at = coalesce(marked_at, ?) WHERE profile_id = ?",
                ps -> {
                    Database.setInstant(ps, 1, now);
                    ps.setObject(2, profile.value());
                });
    }

    @Override
    public List<DriveFolder> needingChannel(Instant until) {
        return db.list(
                "SELECT f.profile_id, f.folder_id, f.connected_by, f.connected_at, f.page_token"
                        + " FROM drive_folders f JOIN drive_grants g ON g.user_id = f.connected_by"
                        + " WHERE g.revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM"
                        + " drive_channels c WHERE c.profile_id = f.profile_id"
                        + " AND NOT c.stopping AND c.expires_at > ?)",
                ps -> Database.setInstant(ps, 1, until),
                PostgresDriveFolders::folder);
    }

    @Override
    public void addChannel(DriveChannel channel, String startPageToken) {
        db.write(
                c -> {
                    Database.run(
                            c,
                            "UPDATE drive_channels SET stopping = true WHERE profile_id = ?",
                            ps -> ps.setObject(1, channel.profile().value()));
                    Database.run(
                            c,
                            "INSERT INTO drive_channels ("
                                    + CHANNEL
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                            ps -> {
                                ps.setString(1, channel.id());
                                ps.setObject(2, channel.profile().value());
                                ps.setObject(3, channel.owner().value());
                                ps.setString(4, channel.tokenHash());
                                ps.setString(5, channel.resourceId());
                                Database.setInstant(ps, 6, channel.expiresAt());
                                ps.setBoolean(7, channel.stopping());
                            });
                    return Database.run(
                            c,
                            "UPDATE drive_folders SET page_token = ?"
                                    + " WHERE profile_id = ? AND page_token IS NULL",
                            ps -> {
                                ps.setString(1, startPageToken);
                                ps.setObject(2, channel.profile().value());
                            });
                });
    }

    @Override
    public List<DriveChannel> toStop(Instant now) {
        return db.list(
                "SELECT " + CHANNEL + " FROM drive_channels WHERE stopping AND expires_at > ?",
                ps -> Database.setInstant(ps, 1, now),
                PostgresDriveFolders::channel);
    }

    @Override
    public void removeChannel(String id) {
        db.update("DELETE FROM drive_channels WHERE id = ?", ps -> ps.setString(1, id));
    }

    @Override
    public int removeExpired(Instant now) {
        return db.update(
                "DELETE FROM drive_channels WHERE expires_at <= ?",
                ps -> Database.setInstant(ps, 1, now));
    }

    private static DriveFolder folder(ResultSet rs) throws SQLException {
        return new DriveFolder(
                new ProfileId(Database.uuid(rs, "profile_id")),
                rs.getString("folder_id"),
                new UserId(Database.uuid(rs, "connected_by")),
                Database.instant(rs, "connected_at"),
                rs.getString("page_token"));
    }

    private static DriveChannel channel(ResultSet rs) throws SQLException {
        return new DriveChannel(
                rs.getString("id"),
                new ProfileId(Database.uuid(rs, "profile_id")),
                new UserId(Database.uuid(rs, "owner")),
                rs.getString("token_hash"),
                rs.getString("resource_id"),
                Database.instant(rs, "expires_at"),
                rs.getBoolean("stopping"));
    }
}
