package org.stemvault.postgres.recording;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Page;
import org.stemvault.domain.library.Position;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/**
 * The viewer's catalogue: every answer is one statement in which the membership check (or the admin's right
 * to everything) and the data are read together.
 */
@Singleton
final class PostgresCatalogue implements Catalogue {

    /** The profile named by the first parameter, when the viewer (admin flag, user id) may see it. */
    private static final String VISIBLE = """
            SELECT p.id, p.name, p.source_folder, p.strategy_name, p.created_at FROM profiles p
            WHERE p.name = ?
              AND (? OR EXISTS (SELECT 1 FROM user_profiles m WHERE m.profile_id = p.id AND m.user_id = ?))
            """;

    /**
     * The session's user, the profile if that user may see it, the page of recordings, then each one's stems
     * by index (the lateral subquery, kept apart by OFFSET 0, so that the planner never scans every stem to
     * hash-join a few hundred). Always at least one row: its {@code user_exists} says whether the user is there.
     */
    private static final String PAGE = """
            WITH viewer AS (
                SELECT u.id, u.role = 'admin' OR u.email = ANY (?::text[]) AS admin FROM users u WHERE u.id = ?
            ), visible AS (
                SELECT p.id FROM profiles p, viewer u
                WHERE p.name = ?
                  AND (u.admin OR EXISTS (SELECT 1 FROM user_profiles m WHERE m.profile_id = p.id AND m.user_id = u.id))
            ), page AS (
                SELECT r.* FROM recordings r JOIN visible v ON r.profile_id = v.id
                WHERE ?::timestamptz IS NULL OR (r.created_at, r.id) < (?::timestamptz, ?::uuid)
                ORDER BY r.created_at DESC, r.id DESC
                LIMIT ?
            )
            SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, v.id AS visible_profile, """ + RecordingRows.COLUMNS + """
            FROM (SELECT 1) AS one
            LEFT JOIN visible v ON true
            LEFT JOIN page r ON true
            LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
            """ + RecordingRows.ORDER;

    private static final String ONE = "WITH visible AS (" + VISIBLE + ")"
            + " SELECT v.id AS visible_profile, " + RecordingRows.COLUMNS
            + " FROM visible v JOIN recordings r ON r.profile_id = v.id AND r.output_name = ?"
            + " LEFT JOIN stems s ON s.recording_id = r.id" + RecordingRows.ORDER;

    private final Database db;

    PostgresCatalogue(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Profile> profile(Viewer viewer, ProfileName name) {
        return db.first(VISIBLE, ps -> bindViewer(ps, viewer, name), rs -> new Profile(
                new ProfileId(Database.uuid(rs, "id")), new ProfileName(rs.getString("name")),
                rs.getString("source_folder"), rs.getString("strategy_name"), Database.instant(rs, "created_at")));
    }

    @Override
    public Listing recordings(UserId user, Set<Email> adminEmails, ProfileName name, Position after, Integer limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(PAGE)) {
                ps.setArray(1, c.createArrayOf("text", adminEmails.stream().map(Email::value).toArray()));
                ps.setObject(2, user.value());
                ps.setString(3, name.value());
                Database.setInstant(ps, 4, after == null ? null : after.createdAt());
                Database.setInstant(ps, 5, after == null ? null : after.createdAt());
                ps.setObject(6, after == null ? null : after.id().value(), Types.OTHER);
                if (limit == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, limit + 1);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean("user_exists")) {
                        return new Listing(false, null);
                    }
                    if (rs.getObject("visible_profile") == null) {
                        return new Listing(true, null);
                    }
                    List<Recording> found = RecordingRows.fold(rs, true);
                    if (limit == null || found.size() <= limit) {
                        return new Listing(true, new Page(found, null));
                    }
                    List<Recording> page = found.subList(0, limit);
                    Recording last = page.get(page.size() - 1);
                    return new Listing(true, new Page(page, new Position(last.createdAt(), last.id())));
                }
            }
        });
    }

    @Override
    public Optional<Recording> recording(Viewer viewer, ProfileName name, OutputName outputName) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ONE)) {
                bindViewer(ps, viewer, name);
                ps.setString(4, outputName.value());
                return RecordingRows.fold(ps).stream().findFirst();
            }
        });
    }

    private static void bindViewer(PreparedStatement ps, Viewer viewer, ProfileName name) throws SQLException {
        ps.setString(1, name.value());
        ps.setBoolean(2, viewer.admin());
        ps.setObject(3, viewer.user().value());
    }
}
