package org.stemvault.postgres.library;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Position;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Known;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.MediaGrants;
import org.stemvault.postgres.Visibility;
import org.stemvault.postgres.profile.ProfileRows;
import org.stemvault.postgres.recording.RecordingRows;

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
     * {@code user_exists} says whether the viewer is there. When the profile is at a version the
     * caller holds ({@code unchanged}), the page is empty and no recording is read.
     */
    private static final String FILES = files("");

    /**
     * The files list of the recordings whose analysis matches a feel: the tempo range (either end
     * open) and the keys (null: any), read from the summary each recording row keeps.
     */
    private static final String FILES_FELT =
            files(
                    """
                    AND (?::float8 IS NULL OR r.tempo_bpm >= ?::float8)
                    AND (?::float8 IS NULL OR r.tempo_bpm <= ?::float8)
                    AND (?::text[] IS NULL OR r.musical_key = ANY (?::text[]))
                    """);

    private static String files(String feel) {
        return Visibility.with(
                """
            , chosen AS (
                SELECT p.id, p.version, (?::boolean OR p.version = ANY (?::bigint[])) AS unchanged
                FROM visible p WHERE p.name = ?
            ), page AS (
                SELECT r.* FROM recordings r JOIN chosen c ON r.profile_id = c.id AND NOT c.unchanged
                WHERE (?::timestamptz IS NULL OR (r.created_at, r.id) < (?::timestamptz, ?::uuid))
                """
                        + feel
                        + """
                ORDER BY r.created_at DESC, r.id DESC
                LIMIT ?
            )
            SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, c.id AS visible_profile,
                c.version AS profile_version, c.unchanged, """
                        + RecordingRows.COLUMNS
                        + """
            FROM (SELECT 1) AS one
            LEFT JOIN chosen c ON true
            LEFT JOIN page r ON true
            LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
            """
                        + RecordingRows.ORDER);
    }

    private static final String RECORDING =
            Visibility.with(
                    " SELECT "
                            + RecordingRows.COLUMNS
                            + " FROM visible p JOIN recordings r ON r.profile_id = p.id AND p.name = ? AND r.output_name = ?"
                            + " LEFT JOIN stems s ON s.recording_id = r.id"
                            + RecordingRows.ORDER);

    /**
     * One recording with the profile's version; its stems are read only when the caller does not
     * hold that version.
     */
    private static final String FILE =
            Visibility.with(
                    " SELECT p.version AS profile_version, u.unchanged, "
                            + RecordingRows.COLUMNS
                            + " FROM visible p"
                            + " CROSS JOIN LATERAL (SELECT (?::boolean OR p.version = ANY (?::bigint[])) AS unchanged) u"
                            + " JOIN recordings r ON r.profile_id = p.id AND p.name = ? AND r.output_name = ?"
                            + " LEFT JOIN stems s ON s.recording_id = r.id AND NOT u.unchanged"
                            + RecordingRows.ORDER);

    /** Whether the viewer is there, and whether the recording is in a profile they may see. */
    private static final String MEDIA_ACCESS =
            Visibility.with(
                    " SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, EXISTS ("
                            + "SELECT 1 FROM visible p JOIN recordings r ON r.profile_id = p.id"
                            + " WHERE p.name = ? AND r.output_name = ?) AS granted");

    private static final String BY_ID =
            Visibility.with(
                    " SELECT p.name AS profile_name, "
                            + RecordingRows.COLUMNS
                            + " FROM visible p JOIN recordings r ON r.profile_id = p.id AND r.id = ?"
                            + " LEFT JOIN stems s ON s.recording_id = r.id"
                            + RecordingRows.ORDER);

    private final Database db;
    private final Visibility visibility;
    private final MediaGrants grants;

    PostgresCatalogue(Database db, Visibility visibility, MediaGrants grants) {
        this.db = db;
        this.visibility = visibility;
        this.grants = grants;
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
    public Listing files(
            Viewer viewer,
            ProfileName name,
            Position after,
            Integer limit,
            Known known,
            Feel feel) {
        return db.single(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(feel.any() ? FILES : FILES_FELT)) {
                        int i = visibility.bind(ps, viewer);
                        i = bind(ps, i, known);
                        ps.setString(i++, name.value());
                        Database.setInstant(ps, i++, after == null ? null : after.at());
                        Database.setInstant(ps, i++, after == null ? null : after.at());
                        ps.setObject(i++, after == null ? null : after.id(), Types.OTHER);
                        if (!feel.any()) {
                            i = bind(c, ps, i, feel);
                        }
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
                            long version = rs.getLong("profile_version");
                            if (rs.getBoolean("unchanged")) {
                                return new Listing.Unchanged(version);
                            }
                            List<Recording> found = RecordingRows.fold(rs, true);
                            if (limit == null || found.size() <= limit) {
                                return new Listing.Page(found, null, version);
                            }
                            List<Recording> page = found.subList(0, limit);
                            Recording last = page.get(page.size() - 1);
                            return new Listing.Page(
                                    page,
                                    new Position(last.createdAt(), last.id().value()),
                                    version);
                        }
                    }
                });
    }

    private static int bind(Connection c, PreparedStatement ps, int i, Feel feel)
            throws SQLException {
        for (Double bound :
                new Double[] {feel.bpmMin(), feel.bpmMin(), feel.bpmMax(), feel.bpmMax()}) {
            ps.setObject(i++, bound, Types.DOUBLE);
        }
        Array keys =
                feel.keys() == null
                        ? null
                        : c.createArrayOf(
                                "text", feel.keys().stream().map(MusicalKey::toString).toArray());
        ps.setArray(i++, keys);
        ps.setArray(i++, keys);
        return i;
    }

    @Override
    public Optional<Recording> recording(Viewer viewer, ProfileName name, OutputName outputName) {
        return db.single(
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
    public Optional<Current<Recording>> file(
            Viewer viewer, ProfileName name, OutputName outputName, Known known) {
        return db.single(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(FILE)) {
                        int i = bind(ps, visibility.bind(ps, viewer), known);
                        ps.setString(i++, name.value());
                        ps.setString(i, outputName.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            long version = rs.getLong("profile_version");
                            if (rs.getBoolean("unchanged")) {
                                return Optional.of(new Current.Unchanged<>(version));
                            }
                            return RecordingRows.fold(rs, true).stream()
                                    .findFirst()
                                    .map(r -> new Current.Read<>(r, version));
                        }
                    }
                });
    }

    @Override
    public boolean known(Viewer viewer) {
        return db.single(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(Visibility.with(" SELECT count(*) FROM viewer"))) {
                        visibility.bind(ps, viewer);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getInt(1) > 0;
                        }
                    }
                });
    }

    @Override
    public Access mediaAccess(Viewer viewer, ProfileName name, OutputName outputName) {
        return grants.access(
                viewer, name, outputName, () -> readMediaAccess(viewer, name, outputName));
    }

    private Access readMediaAccess(Viewer viewer, ProfileName name, OutputName outputName) {
        return db.single(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(MEDIA_ACCESS)) {
                        int i = visibility.bind(ps, viewer);
                        ps.setString(i++, name.value());
                        ps.setString(i, outputName.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return !rs.getBoolean("user_exists")
                                    ? Access.UNKNOWN_VIEWER
                                    : rs.getBoolean("granted") ? Access.GRANTED : Access.NOT_FOUND;
                        }
                    }
                });
    }

    /** Binds what the caller knows (the "any" flag, then the versions); answers the next index. */
    private static int bind(PreparedStatement ps, int i, Known known) throws SQLException {
        ps.setBoolean(i++, known.any());
        ps.setArray(i++, ps.getConnection().createArrayOf("bigint", known.versions().toArray()));
        return i;
    }

    @Override
    public Optional<Located> recording(Viewer viewer, RecordingId id) {
        return db.single(
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
