package org.stemvault.postgres.recording;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Position;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;
import org.stemvault.postgres.profile.ProfileRows;

/**
 * The viewer's catalogue: every answer is one statement in which the viewer's right ({@link
 * Visibility}) and the data are read together.
 */
@Singleton
final class PostgresCatalogue implements Catalogue {

    private static final String PROFILES =
            Visibility.with(" SELECT " + ProfileRows.COLUMNS + " FROM visible p ORDER BY p.name");

    private static final String PROFILE =
            Visibility.with(" SELECT " + ProfileRows.COLUMNS + " FROM visible p WHERE p.name = ?");

    /**
     * The files list: the viewer, the profile if the viewer may see it, the page of recordings,
     * then each one's stems by index (the lateral subquery, kept apart by OFFSET 0, so that the
     * planner never scans every stem to hash-join a few hundred). Always at least one row: its
     * {@code user_exists} says whether the viewer is there.
     */
    private static final String FILES =
            Visibility.with(
                    """
            , chosen AS (
                SELECT p.id FROM visible p WHERE p.name = ?
            ), page AS (
                SELECT r.* FROM recordings r JOIN chosen c ON r.profile_id = c.id
                WHERE ?::timestamptz IS NULL OR (r.created_at, r.id) < (?::timestamptz, ?::uuid)
                ORDER BY r.created_at DESC, r.id DESC
                LIMIT ?
            )
            SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, c.id AS visible_profile, """
                            + RecordingRows.COLUMNS
                            + """
            FROM (SELECT 1) AS one
            LEFT JOIN chosen c ON true
            LEFT JOIN page r ON true
            LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
            """
                            + RecordingRows.ORDER);

    private static final String RECORDING =
            Visibility.with(
                    " SELECT "
                            + RecordingRows.COLUMNS
                            + " FROM visible p JOIN recordings r ON r.profile_id = p.id AND p.name = ? AND r.output_name = ?"
                            + " LEFT JOIN stems s ON s.recording_id = r.id"
                            + RecordingRows.ORDER);

    private static final String BY_ID =
            Visibility.with(
                    " SELECT p.name AS profile_name, "
                            + RecordingRows.COLUMNS
                            + " FROM visible p JOIN recordings r ON r.profile_id = p.id AND r.id = ?"
                            + " LEFT JOIN stems s ON s.recording_id = r.id"
                            + RecordingRows.ORDER);

    private final Database db;
    private final Visibility visibility;

    PostgresCatalogue(Database db, Visibility visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    @Override
    public List<Profile> profiles(Viewer viewer) {
        return db.list(PROFILES, ps -> visibility.bind(ps, viewer), ProfileRows::map);
    }

    @Override
    public Optional<Profile> profile(Viewer viewer, ProfileName name) {
        return db.first(
                PROFILE,
                ps -> ps.setString(visibility.bind(ps, viewer), name.value()),
                ProfileRows::map);
    }

    @Override
    public Listing files(Viewer viewer, ProfileName name, Position after, Integer limit) {
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(FILES)) {
                        int i = visibility.bind(ps, viewer);
                        ps.setString(i++, name.value());
                        Database.setInstant(ps, i++, after == null ? null : after.at());
                        Database.setInstant(ps, i++, after == null ? null : after.at());
                        ps.setObject(i++, after == null ? null : after.id(), Types.OTHER);
                        if (limit == null) {
                            ps.setNull(i, Types.INTEGER);
                        } else {
                            ps.setInt(i, limit + 1);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (!rs.getBoolean("user_exists")) {
                                return new Listing.UnknownViewer();
                            }
                            if (rs.getObject("visible_profile") == null) {
                                return new Listing.NotVisible();
                            }
                            List<Recording> found = RecordingRows.fold(rs, true);
                            if (limit == null || found.size() <= limit) {
                                return new Listing.Page(found, null);
                            }
                            List<Recording> page = found.subList(0, limit);
                            Recording last = page.get(page.size() - 1);
                            return new Listing.Page(
                                    page, new Position(last.createdAt(), last.id().value()));
                        }
                    }
                });
    }

    @Override
    public Optional<Recording> recording(Viewer viewer, ProfileName name, OutputName outputName) {
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(RECORDING)) {
                        int i = visibility.bind(ps, viewer);
                        ps.setString(i++, name.value());
                        ps.setString(i, outputName.value());
                        return RecordingRows.fold(ps).stream().findFirst();
                    }
                });
    }

    @Override
    public Optional<Located> recording(Viewer viewer, RecordingId id) {
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
                        ps.setObject(visibility.bind(ps, viewer), id.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            String[] profile = new String[1];
                            List<Recording> found =
                                    RecordingRows.fold(
                                            rs,
                                            false,
                                            row -> profile[0] = row.getString("profile_name"));
                            return found.stream()
                                    .findFirst()
                                    .map(r -> new Located(new ProfileName(profile[0]), r));
                        }
                    }
                });
    }
}
