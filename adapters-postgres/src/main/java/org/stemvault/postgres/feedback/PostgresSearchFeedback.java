package org.stemvault.postgres.feedback;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.domain.feedback.Feedback;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.domain.feedback.SearchId;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;

/**
 * Feedback on search results: checked against the search log ({@code searches}, written by the
 * search statement itself) and the viewer's right in the statement that stores it.
 */
@Singleton
final class PostgresSearchFeedback implements SearchFeedback {

    /**
     * The act is kept when the search is the viewer's, the recording one of its results within the
     * positions shown, and the recording's profile still one the viewer may see; its base share is
     * the result's fused score as a share of the search's best. A repeated report keeps the larger
     * figures.
     */
    private static final String RECORD =
            Visibility.with(
                    """
            , s AS (
                SELECT * FROM searches WHERE id = ? AND user_id = (SELECT id FROM viewer)
            ), hit AS (
                SELECT r.id, r.profile_id, array_position(s.results, r.id) AS at
                FROM s JOIN recordings r ON r.id = ? AND r.id = ANY (s.results)
                WHERE r.profile_id IN (SELECT id FROM visible)
            ), kept AS (
                INSERT INTO search_feedback (search_id, recording_id, action, profile_id, user_id, session_id, kind,
                    query_text, query_norm, space, query_vector, position, seconds_played, played_to_end,
                    dwell_seconds, reward, base_share, searched_at, created_at)
                SELECT s.id, hit.id, ?, hit.profile_id, s.user_id, s.session_id, s.kind, s.query_text, s.query_norm,
                       s.space, s.query_vector, ?, ?, ?, ?, ?,
                       CASE WHEN s.scores[1] > 0 THEN greatest(0, least(1, s.scores[hit.at] / s.scores[1])) ELSE 0 END,
                       s.created_at, ?
                FROM s, hit
                WHERE ? <= s.shown
                ON CONFLICT (search_id, recording_id, action) DO UPDATE SET
                    seconds_played = greatest(search_feedback.seconds_played, EXCLUDED.seconds_played),
                    played_to_end = search_feedback.played_to_end OR EXCLUDED.played_to_end,
                    dwell_seconds = greatest(search_feedback.dwell_seconds, EXCLUDED.dwell_seconds),
                    reward = greatest(search_feedback.reward, EXCLUDED.reward),
                    created_at = EXCLUDED.created_at
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM viewer) AS known, EXISTS (SELECT 1 FROM kept) AS recorded
            """);

    private static final String EVENTS =
            """
            SELECT search_id, recording_id, profile_id, user_id, query_norm, space, query_key,
                   CASE WHEN row_number() OVER (PARTITION BY query_key
                                                ORDER BY searched_at, search_id, position, action) = 1
                        THEN query_vector::real[] END AS vector,
                   position, reward, base_share, searched_at, created_at
            FROM search_feedback ORDER BY searched_at, search_id, position, action
            """;

    private static final String TOP =
            """
            SELECT s.query_norm, count(*) AS n FROM searches s JOIN profiles p ON p.id = ANY (s.profile_ids)
            WHERE p.name = ? AND s.kind = 'search' AND s.query_norm IS NOT NULL
              AND (? OR NOT EXISTS (SELECT 1 FROM search_feedback f
                                    WHERE f.search_id = s.id AND f.action IN ('opened', 'played')))
            GROUP BY s.query_norm ORDER BY n DESC, s.query_norm LIMIT ?
            """;

    private static final String SKIPPED =
            """
            SELECT r.id, r.output_name, count(*) AS n
            FROM search_feedback f JOIN profiles p ON p.id = f.profile_id AND p.name = ?
            JOIN recordings r ON r.id = f.recording_id
            WHERE f.action = 'skipped'
            GROUP BY r.id, r.output_name ORDER BY n DESC, r.output_name LIMIT ?
            """;

    private final Database db;
    private final Visibility visibility;

    PostgresSearchFeedback(Database db, Visibility visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    @Override
    public Outcome record(Viewer viewer, Feedback f, Instant now) {
        return db.single(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(RECORD)) {
                        int i = visibility.bind(ps, viewer);
                        ps.setObject(i++, f.search().value());
                        ps.setObject(i++, f.recording().value());
                        ps.setString(i++, f.action().code());
                        ps.setInt(i++, f.position());
                        ps.setObject(i++, f.secondsPlayed(), Types.REAL);
                        ps.setBoolean(i++, f.playedToEnd());
                        ps.setObject(i++, f.dwellSeconds(), Types.REAL);
                        ps.setDouble(i++, f.reward());
                        Database.setInstant(ps, i++, now);
                        ps.setInt(i, f.position());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (!rs.getBoolean("known")) {
                                return Outcome.UNKNOWN_VIEWER;
                            }
                            return rs.getBoolean("recorded") ? Outcome.RECORDED : Outcome.NOT_FOUND;
                        }
                    }
                });
    }

    @Override
    public boolean capPerMember(int perUserCap) {
        return db.write(
                c -> {
                    int changed =
                            Database.run(
                                    c,
                                    "UPDATE feedback_settings SET per_user_cap = ?"
                                            + " WHERE per_user_cap IS DISTINCT FROM ?",
                                    ps -> {
                                        ps.setInt(1, perUserCap);
                                        ps.setInt(2, perUserCap);
                                    });
                    if (changed == 0) {
                        return false;
                    }
                    // every recording with acts, in this transaction: as long as it takes
                    Database.asLongAsItTakes(
                            c,
                            x -> {
                                try (Statement s = x.createStatement()) {
                                    s.execute(
                                            "SELECT feedback_signals_recount(array("
                                                    + "SELECT DISTINCT recording_id FROM search_feedback))");
                                }
                                return null;
                            });
                    return true;
                });
    }

    @Override
    public long prune(Instant before) {
        return db.write(
                c ->
                        (long)
                                        Database.run(
                                                c,
                                                "DELETE FROM search_feedback WHERE created_at < ?",
                                                ps -> Database.setInstant(ps, 1, before))
                                + Database.run(
                                        c,
                                        "DELETE FROM searches WHERE created_at < ?",
                                        ps -> Database.setInstant(ps, 1, before)));
    }

    @Override
    public List<Event> events() {
        // each query's embedding is read with its first act and shared by the rest: acts outnumber
        // queries (every result a member acted on repeats its search's query), and at 1,536
        // dimensions an embedding is 6 kB
        Map<UUID, float[]> vectors = new HashMap<>();
        return db.list(EVENTS, ps -> {}, rs -> event(rs, vectors));
    }

    private static Event event(ResultSet rs, Map<UUID, float[]> vectors) throws SQLException {
        UUID key = Database.uuid(rs, "query_key");
        Array array = rs.getArray("vector");
        float[] vector = vectors.get(key);
        if (array != null) {
            Float[] boxed = (Float[]) array.getArray();
            vector = new float[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                vector[i] = boxed[i];
            }
            vectors.put(key, vector);
        }
        return new Event(
                new SearchId(Database.uuid(rs, "search_id")),
                new RecordingId(Database.uuid(rs, "recording_id")),
                Database.uuid(rs, "profile_id"),
                Database.uuid(rs, "user_id"),
                rs.getString("query_norm"),
                rs.getString("space"),
                vector,
                rs.getInt("position"),
                rs.getDouble("reward"),
                rs.getDouble("base_share"),
                Database.instant(rs, "searched_at"),
                Database.instant(rs, "created_at"));
    }

    @Override
    public Optional<Insights> insights(ProfileName profile, int limit) {
        return db.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT 1 FROM profiles WHERE name = ?")) {
                        ps.setString(1, profile.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.<Insights>empty();
                            }
                        }
                    }
                    List<QueryCount> top = queries(c, profile, limit, true);
                    List<QueryCount> unclicked = queries(c, profile, limit, false);
                    List<Skipped> skipped = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(SKIPPED)) {
                        ps.setString(1, profile.value());
                        ps.setInt(2, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                skipped.add(
                                        new Skipped(
                                                new RecordingId(Database.uuid(rs, "id")),
                                                rs.getString("output_name"),
                                                rs.getLong("n")));
                            }
                        }
                    }
                    return Optional.of(new Insights(top, unclicked, skipped));
                });
    }

    private static List<QueryCount> queries(
            Connection c, ProfileName profile, int limit, boolean all) throws SQLException {
        List<QueryCount> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TOP)) {
            ps.setString(1, profile.value());
            ps.setBoolean(2, all);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new QueryCount(rs.getString("query_norm"), rs.getLong("n")));
                }
            }
        }
        return found;
    }
}
