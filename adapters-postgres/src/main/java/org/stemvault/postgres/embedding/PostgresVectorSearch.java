package org.stemvault.postgres.embedding;

import com.pgvector.PGvector;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.stemvault.domain.embedding.EmbeddingSpace;
import org.stemvault.domain.embedding.Hit;
import org.stemvault.domain.embedding.SearchQuery;
import org.stemvault.domain.embedding.Match;
import org.stemvault.domain.embedding.Vector;
import org.stemvault.domain.embedding.VectorSearch;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.recording.RecordingRows;

/**
 * pgvector search: one partial HNSW index per space over {@code embedding::vector(N)} with cosine distance,
 * and one statement per search that checks the user and the profiles it may see inside the ordered index
 * scan (pgvector's iterative scan keeps the limit when the filter drops candidates). The space's name and
 * dimensions are written into the SQL as literals (both are checked values), so that the planner can match
 * the partial index whatever plan it caches.
 */
@Singleton
final class PostgresVectorSearch implements VectorSearch {

    /** The advisory lock that serialises index changes. */
    private static final long INDEX_LOCK = 0x5374656d496e6478L;

    private final Database db;

    PostgresVectorSearch(Database db) {
        this.db = db;
    }

    static String indexPrefix(EmbeddingSpace space) {
        return "embeddings_hnsw_" + space.name().replace('-', '_') + "_";
    }

    static String indexName(EmbeddingSpace space) {
        return indexPrefix(space) + space.dimensions();
    }

    /**
     * Creates the space's index when missing, after dropping an index the space had with other dimensions
     * (its cast would refuse every new vector of the space). Vectors of other dimensions in the space are
     * never deleted: their presence is an error to settle by hand. One transaction, so instances starting
     * together do not race.
     */
    @Override
    public void ensureIndex(EmbeddingSpace space, int m, int efConstruction) {
        db.write(c -> {
            try (var lock = c.prepareStatement("SELECT pg_advisory_xact_lock(" + INDEX_LOCK + ")")) {
                lock.execute();
            }
            try (var ps = c.prepareStatement("SELECT count(*) FROM embeddings WHERE space = ? AND dimensions <> ?")) {
                ps.setString(1, space.name());
                ps.setInt(2, space.dimensions());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new IllegalStateException("embedding space '" + space.name() + "' is configured with "
                                + space.dimensions() + " dimensions but holds " + rs.getLong(1)
                                + " vectors of other dimensions: delete them or configure the space as it was");
                    }
                }
            }
            List<String> stale = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings'"
                    + " AND indexname LIKE ? AND indexname <> ?")) {
                ps.setString(1, indexPrefix(space).replace("_", "\\_") + "%");
                ps.setString(2, indexName(space));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            try (var s = c.createStatement()) {
                for (String index : stale) {
                    s.execute("DROP INDEX IF EXISTS " + index);
                }
                s.execute("CREATE INDEX IF NOT EXISTS " + indexName(space) + " ON embeddings USING hnsw ((embedding::vector("
                        + space.dimensions() + ")) vector_cosine_ops) WITH (m = " + m + ", ef_construction = "
                        + efConstruction + ") WHERE space = '" + space.name() + "' AND stem_type IS NULL");
            }
            return null;
        });
    }

    /** The search statement for a space; package-visible so that a test can EXPLAIN exactly this. */
    static String nearestSql(EmbeddingSpace space) {
        String cast = "::vector(" + space.dimensions() + ")";
        return """
                WITH viewer AS (
                    SELECT u.id, u.role = 'admin' OR u.email = ANY (?::text[]) AS admin FROM users u WHERE u.id = ?
                ), nearest AS (
                    SELECT e.recording_id, 1 - (e.embedding%1$s <=> ?%1$s) AS similarity
                    FROM embeddings e
                    JOIN recordings r ON r.id = e.recording_id
                    WHERE e.space = '%2$s' AND e.stem_type IS NULL
                      AND e.recording_id IS DISTINCT FROM ?
                      AND EXISTS (SELECT 1 FROM viewer u WHERE u.admin OR EXISTS (
                              SELECT 1 FROM user_profiles m WHERE m.profile_id = r.profile_id AND m.user_id = u.id))
                    ORDER BY e.embedding%1$s <=> ?%1$s
                    LIMIT ?
                )
                SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, n.similarity, p.name AS profile_name, %3$s
                FROM (SELECT 1) AS one
                LEFT JOIN nearest n ON n.similarity >= ?
                LEFT JOIN recordings r ON r.id = n.recording_id
                LEFT JOIN profiles p ON p.id = r.profile_id
                LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
                ORDER BY n.similarity DESC, r.id, s.position
                """.formatted(cast, space.name(), RecordingRows.COLUMNS);
    }

    @Override
    public Optional<List<Match>> nearest(UserId user, Set<Email> adminEmails, EmbeddingSpace space, Vector query,
                                         RecordingId exclude, int limit, double minSimilarity) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(nearestSql(space))) {
                PGvector vector = new PGvector(query.toArray());
                ps.setArray(1, c.createArrayOf("text", adminEmails.stream().map(Email::value).toArray()));
                ps.setObject(2, user.value());
                ps.setObject(3, vector);
                ps.setObject(4, exclude == null ? null : exclude.value(), Types.OTHER);
                ps.setObject(5, vector);
                ps.setInt(6, limit);
                ps.setDouble(7, minSimilarity);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean("user_exists")) {
                        return Optional.<List<Match>>empty();
                    }
                    Map<UUID, Double> similarity = new HashMap<>();
                    Map<UUID, String> profile = new HashMap<>();
                    List<Recording> found = RecordingRows.fold(rs, true, row -> {
                        UUID id = Database.uuid(row, "id");
                        similarity.put(id, row.getDouble("similarity"));
                        profile.put(id, row.getString("profile_name"));
                    });
                    List<Match> matches = new ArrayList<>();
                    for (Recording r : found) {
                        matches.add(new Match(r, new ProfileName(profile.get(r.id().value())),
                                similarity.get(r.id().value())));
                    }
                    return Optional.of(matches);
                }
            }
        });
    }

    /** One bound parameter of a statement built piece by piece. */
    @FunctionalInterface
    private interface Param {
        void bind(PreparedStatement ps, int index) throws java.sql.SQLException;
    }

    /** The filter conditions on recording {@code r}, with their parameters appended to {@code params}. */
    private static String filters(SearchQuery.Filters f, List<Param> params) {
        StringBuilder sql = new StringBuilder();
        if (f.stemType() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM stems st WHERE st.recording_id = r.id AND st.stem_type = ?)");
            params.add((ps, i) -> ps.setString(i, f.stemType()));
        }
        if (f.durationMin() != null || f.durationMax() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM (SELECT max(st.duration_seconds) AS d FROM stems st"
                    + " WHERE st.recording_id = r.id) x WHERE (?::float8 IS NULL OR x.d >= ?) AND (?::float8 IS NULL OR x.d <= ?))");
            for (Double v : new Double[] {f.durationMin(), f.durationMin(), f.durationMax(), f.durationMax()}) {
                params.add((ps, i) -> ps.setObject(i, v, Types.DOUBLE));
            }
        }
        if (f.lufsMin() != null || f.lufsMax() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM stems st WHERE st.recording_id = r.id"
                    + " AND (?::text IS NULL OR st.stem_type = ?)"
                    + " AND (?::float8 IS NULL OR st.measured_lufs >= ?) AND (?::float8 IS NULL OR st.measured_lufs <= ?))");
            params.add((ps, i) -> ps.setString(i, f.stemType()));
            params.add((ps, i) -> ps.setString(i, f.stemType()));
            for (Double v : new Double[] {f.lufsMin(), f.lufsMin(), f.lufsMax(), f.lufsMax()}) {
                params.add((ps, i) -> ps.setObject(i, v, Types.DOUBLE));
            }
        }
        if (f.createdAfter() != null) {
            sql.append(" AND r.created_at > ?");
            params.add((ps, i) -> Database.setInstant(ps, i, f.createdAfter()));
        }
        if (f.createdBefore() != null) {
            sql.append(" AND r.created_at < ?");
            params.add((ps, i) -> Database.setInstant(ps, i, f.createdBefore()));
        }
        return sql.toString();
    }

    @Override
    public Optional<List<Hit>> search(UserId user, Set<Email> adminEmails, SearchQuery q) {
        List<Param> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                WITH viewer AS (
                    SELECT u.id, u.role = 'admin' OR u.email = ANY (?::text[]) AS admin FROM users u WHERE u.id = ?
                ), visible AS (
                    SELECT p.id FROM profiles p, viewer u
                    WHERE (u.admin OR EXISTS (SELECT 1 FROM user_profiles m WHERE m.profile_id = p.id AND m.user_id = u.id))
                """);
        params.add((ps, i) -> ps.setArray(i, ps.getConnection().createArrayOf("text",
                adminEmails.stream().map(Email::value).toArray())));
        params.add((ps, i) -> ps.setObject(i, user.value()));
        if (q.profiles() != null) {
            sql.append(" AND p.name = ANY (?::text[])");
            params.add((ps, i) -> ps.setArray(i, ps.getConnection().createArrayOf("text",
                    q.profiles().stream().map(ProfileName::value).toArray())));
        }
        boolean semantic = q.mode() != SearchQuery.Mode.FULLTEXT;
        boolean fulltext = q.mode() != SearchQuery.Mode.SEMANTIC;
        int depth = q.mode() == SearchQuery.Mode.HYBRID ? Math.max(q.limit() * 4, 40) : q.limit();
        sql.append("), semantic AS (");
        if (semantic) {
            String cast = "::vector(" + q.space().dimensions() + ")";
            PGvector vector = new PGvector(q.vector().toArray());
            sql.append("SELECT recording_id, similarity, row_number() OVER (ORDER BY similarity DESC, recording_id) AS rank"
                    + " FROM (SELECT e.recording_id, 1 - (e.embedding" + cast + " <=> ?" + cast + ") AS similarity"
                    + " FROM embeddings e JOIN recordings r ON r.id = e.recording_id"
                    + " WHERE e.space = '" + q.space().name() + "' AND e.stem_type IS NULL"
                    + " AND r.profile_id IN (SELECT id FROM visible)");
            params.add((ps, i) -> ps.setObject(i, vector));
            sql.append(filters(q.filters(), params));
            sql.append(" ORDER BY e.embedding" + cast + " <=> ?" + cast + " LIMIT ?) x WHERE similarity >= ?");
            params.add((ps, i) -> ps.setObject(i, vector));
            params.add((ps, i) -> ps.setInt(i, depth));
            params.add((ps, i) -> ps.setDouble(i, q.minSimilarity()));
        } else {
            sql.append("SELECT NULL::uuid AS recording_id, NULL::float8 AS similarity, NULL::bigint AS rank WHERE false");
        }
        sql.append("), fulltext AS (");
        if (fulltext) {
            sql.append("SELECT recording_id, text_rank, row_number() OVER (ORDER BY text_rank DESC, recording_id) AS rank"
                    + " FROM (SELECT r.id AS recording_id, ts_rank(r.search_text, query) AS text_rank"
                    + " FROM recordings r, websearch_to_tsquery('english', ?) query"
                    + " WHERE r.search_text @@ query AND r.profile_id IN (SELECT id FROM visible)");
            params.add((ps, i) -> ps.setString(i, q.text()));
            sql.append(filters(q.filters(), params));
            sql.append(" ORDER BY text_rank DESC, r.id LIMIT ?) y");
            params.add((ps, i) -> ps.setInt(i, depth));
        } else {
            sql.append("SELECT NULL::uuid AS recording_id, NULL::float4 AS text_rank, NULL::bigint AS rank WHERE false");
        }
        String score = switch (q.mode()) {
            case SEMANTIC -> "s.similarity";
            case FULLTEXT -> "f.text_rank";
            case HYBRID -> "coalesce(1.0 / (" + q.rrfK() + " + s.rank), 0) + coalesce(1.0 / (" + q.rrfK() + " + f.rank), 0)";
        };
        sql.append("), fused AS (SELECT coalesce(s.recording_id, f.recording_id) AS recording_id, s.similarity,"
                + " s.rank AS rank_semantic, f.rank AS rank_fulltext, (" + score + ")::float8 AS score"
                + " FROM semantic s FULL OUTER JOIN fulltext f ON f.recording_id = s.recording_id"
                + " ORDER BY score DESC, recording_id LIMIT ?)"
                + " SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, h.score, h.similarity, h.rank_semantic,"
                + " h.rank_fulltext, p.name AS profile_name, " + RecordingRows.COLUMNS
                + " FROM (SELECT 1) AS one LEFT JOIN fused h ON true LEFT JOIN recordings r ON r.id = h.recording_id"
                + " LEFT JOIN profiles p ON p.id = r.profile_id"
                + " LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true"
                + " ORDER BY h.score DESC, r.id, s.position");
        params.add((ps, i) -> ps.setInt(i, q.limit()));
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).bind(ps, i + 1);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean("user_exists")) {
                        return Optional.<List<Hit>>empty();
                    }
                    Map<UUID, Object[]> extra = new HashMap<>();
                    List<Recording> found = RecordingRows.fold(rs, true, row -> extra.put(Database.uuid(row, "id"),
                            new Object[] {row.getDouble("score"), Database.nullableDouble(row, "similarity"),
                                    (Integer) nullableInt(row, "rank_semantic"), (Integer) nullableInt(row, "rank_fulltext"),
                                    row.getString("profile_name")}));
                    List<Hit> hits = new ArrayList<>();
                    for (Recording r : found) {
                        Object[] e = extra.get(r.id().value());
                        hits.add(new Hit(r, new ProfileName((String) e[4]), (Double) e[0], (Double) e[1],
                                (Integer) e[2], (Integer) e[3]));
                    }
                    return Optional.of(hits);
                }
            }
        });
    }

    private static Integer nullableInt(ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : (int) value;
    }
}
