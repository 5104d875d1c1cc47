package org.stemvault.postgres.search;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.postgresql.PGConnection;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.Signal;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.EmbeddingSpace.Storage;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.Match;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Tracking;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;
import org.stemvault.postgres.recording.RecordingRows;

/**
 * pgvector search: one partial HNSW index per space over {@code embedding::vector(N)} with cosine
 * distance, and one statement per search that checks the viewer and the profiles they may see
 * ({@link Visibility}) inside the ordered index scan (pgvector's iterative scan keeps the limit
 * when the filter drops candidates). The check on each candidate's recording is a correlated scalar
 * subquery, not a join: a join lets the planner start from the visible recordings and sort all
 * their vectors (an exact scan, about 1 s at 100,000 vectors), which it prefers as soon as the
 * caller sees most profiles; the subquery leaves it only the ordered index scan. Each statement's
 * text is fixed per mode and space: the space's name and dimensions are written in as literals
 * (both are checked values), so that the planner can match the partial index whatever plan it
 * caches; every value of a request is bound once, in the {@code args} row, and read from there.
 */
@Singleton
final class PostgresVectorSearch implements VectorSearch {

    /** The advisory lock that serialises index changes. */
    private static final long INDEX_LOCK = 0x5374656d496e6478L;

    private final Database db;
    private final Visibility visibility;
    private final SpaceStorage storage;
    private final int exactBelow;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    PostgresVectorSearch(
            Database db,
            Visibility visibility,
            SpaceStorage storage,
            @Value("${stemvault.search.exact-below:" + EXACT_BELOW + "}") int exactBelow) {
        this.db = db;
        this.visibility = visibility;
        this.storage = storage;
        this.exactBelow = Math.max(0, exactBelow);
    }

    /** The name of the space's index at full precision. */
    static String indexName(EmbeddingSpace space) {
        return SpaceStorage.indexName(space, Storage.FULL);
    }

    /**
     * Creates the index of the storage the space's searches read when missing (the configured
     * storage for a space without vectors; for one with vectors, the storage they are kept in until
     * {@link #convert} has moved them), after dropping an index the space had with other dimensions
     * (its cast would refuse every new vector of the space) or of a storage it left. Vectors of
     * other dimensions in the space are never deleted: their presence is an error to settle by
     * hand. One transaction, so instances starting together do not race.
     */
    @Override
    public void ensureIndex(EmbeddingSpace space, int m, int efConstruction) {
        db.write(
                c -> {
                    try (var lock =
                            c.prepareStatement(
                                    "SELECT pg_advisory_xact_lock(" + INDEX_LOCK + ")")) {
                        lock.execute();
                    }
                    // building an index over a full space takes minutes: as long as it takes
                    return Database.asLongAsItTakes(
                            c, x -> settleIndex(x, space, m, efConstruction));
                });
    }

    /** {@link #ensureIndex}'s work on {@code c}, in its transaction and under its lock. */
    private Void settleIndex(Connection c, EmbeddingSpace space, int m, int efConstruction)
            throws SQLException {
        try (var ps =
                c.prepareStatement(
                        "SELECT count(*) FROM embeddings WHERE space = ? AND dimensions <> ?")) {
            ps.setString(1, space.name());
            ps.setInt(2, space.dimensions());
            try (var rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(
                            "embedding space '"
                                    + space.name()
                                    + "' is configured with "
                                    + space.dimensions()
                                    + " dimensions but holds "
                                    + rs.getLong(1)
                                    + " vectors of other dimensions: delete them or configure the space as it was");
                }
            }
        }
        boolean empty;
        try (var ps =
                c.prepareStatement(
                        "SELECT NOT EXISTS (SELECT 1 FROM embeddings WHERE space = ?)")) {
            ps.setString(1, space.name());
            try (var rs = ps.executeQuery()) {
                rs.next();
                empty = rs.getBoolean(1);
            }
        }
        Storage current = storage.settle(c, space, empty);
        List<String> keep = new ArrayList<>();
        keep.add(SpaceStorage.indexName(space, current));
        try (var ps =
                c.prepareStatement(
                        "SELECT other FROM embedding_storage WHERE space = ? AND phase IS NOT NULL")) {
            ps.setString(1, space.name());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    keep.add(
                            SpaceStorage.indexName(
                                    space,
                                    Storage.valueOf(
                                            rs.getString(1).toUpperCase(java.util.Locale.ROOT))));
                }
            }
        }
        try (var s = c.createStatement()) {
            for (String index : SpaceStorage.strayIndexes(c, space, keep)) {
                s.execute("DROP INDEX IF EXISTS " + index);
            }
            s.execute(SpaceStorage.createIndex(space, current, m, efConstruction, false));
        }
        return null;
    }

    @Override
    public boolean convert(
            EmbeddingSpace space, int m, int efConstruction, java.time.Duration grace) {
        return storage.step(space, m, efConstruction, grace);
    }

    /**
     * The nearest-neighbour statement for a space; package-visible so that a test can EXPLAIN
     * exactly this.
     */
    static String nearestSql(EmbeddingSpace space) {
        return nearestSql(space, Storage.FULL, false, EXACT_BELOW);
    }

    /**
     * As {@link #nearestSql(EmbeddingSpace)}, through the index of {@code storage}, logging the
     * answer when {@code logged}.
     */
    static String nearestSql(
            EmbeddingSpace space, Storage storage, boolean logged, int exactBelow) {
        String excluded = "e.recording_id IS DISTINCT FROM (SELECT exclude FROM args)";
        return Visibility.with(
                """
                , args AS (
                    SELECT ?::real[]::vector AS q, ?::uuid AS exclude, ?::int AS lim, ?::float8 AS min_similarity%4$s
                ), sized AS (
                    SELECT coalesce(sum(v.recording_count), 0) < %6$d AS few FROM visible v
                ), nearest AS (
                    SELECT * FROM (%1$s) i WHERE NOT (SELECT few FROM sized)
                    UNION ALL
                    SELECT * FROM (%7$s) x WHERE (SELECT few FROM sized)
                )%5$s
                SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, n.similarity, p.name AS profile_name, %3$s
                FROM (SELECT 1) AS one
                LEFT JOIN nearest n ON n.similarity >= (SELECT min_similarity FROM args)
                LEFT JOIN recordings r ON r.id = n.recording_id
                LEFT JOIN profiles p ON p.id = r.profile_id
                LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
                ORDER BY n.similarity DESC, r.id, s.position
                """
                        .formatted(
                                SpaceStorage.candidates(
                                        space,
                                        storage,
                                        excluded
                                                + " AND (SELECT true FROM recordings r WHERE r.id = e.recording_id"
                                                + " AND r.profile_id IN (SELECT id FROM visible))",
                                        "(SELECT lim FROM args)"),
                                space.name(),
                                RecordingRows.COLUMNS,
                                logged ? LOG_ARGS : "",
                                logged
                                        ? LOGGED.formatted(
                                                "(SELECT coalesce(array_agg(v.id), '{}') FROM visible v)",
                                                "nearest",
                                                "similarity DESC, recording_id",
                                                "similarity",
                                                "NULL::text")
                                        : "",
                                exactBelow,
                                SpaceStorage.exact(
                                        space,
                                        storage,
                                        "r.profile_id IN (SELECT id FROM visible) AND " + excluded,
                                        "(SELECT lim FROM args)")));
    }

    /** The {@code args} columns a logged statement adds, bound by {@link #bindTracking}. */
    private static final String LOG_ARGS =
            """
            ,
                           ?::uuid AS search_id, ?::uuid AS session_id, ?::text AS kind, ?::text AS query_norm,
                           ?::text AS space_name, ?::int AS shown, ?::float8 AS eta, ?::float8 AS max_weight,
                           ?::float8 AS min_query_similarity, ?::float8 AS m_base, ?::float8 AS m_exact,
                           ?::float8 AS m_similar, ?::float8 AS m_scale, ?::int AS min_events""";

    /**
     * Logs the answer in {@code searches}, in the statement that ranks it (a data-modifying common
     * table expression, run whether or not it is read): the profiles searched (%1$s), the ranked
     * candidates of CTE %2$s in the answer's order (%3$s) with their scores (%4$s), the query text
     * (%5$s).
     */
    private static final String LOGGED =
            """
            , logged AS (
                INSERT INTO searches (id, user_id, session_id, kind, query_text, query_norm, space, query_vector,
                                      profile_ids, results, scores, shown, created_at)
                SELECT a.search_id, v.id, a.session_id, a.kind, %5$s, a.query_norm, a.space_name, a.q, %1$s,
                       coalesce((SELECT array_agg(recording_id ORDER BY %3$s) FROM %2$s), '{}'),
                       coalesce((SELECT array_agg(%4$s ORDER BY %3$s) FROM %2$s), '{}'),
                       a.shown, now()
                FROM args a, viewer v
            )""";

    /**
     * The candidates of {@code fused}, with what members did with them before (see {@link
     * Tracking.Weighing}): the acts on them that count, as {@code feedback_signals} keeps them
     * (V32: per recording, past query and position, each member's newest {@code per_user_cap}
     * only), each reward sum weighted by the inverse of its position's propensity; summed apart for
     * this very query and for similar ones (those also by how similar). Each distinct past query
     * among them (by its key) is read and compared with this one once; each part is computed once
     * (MATERIALIZED: inlined, the planner ran the parts once per pair of candidates). A candidate
     * without acts has no row.
     */
    private static final String SIGNALS =
            """
            , counted AS MATERIALIZED (
                SELECT c.recording_id, c.query_key, c.position, c.events, c.reward
                FROM feedback_signals c
                WHERE c.recording_id IN (SELECT recording_id FROM fused)
            ), past AS MATERIALIZED (
                SELECT k.query_key, coalesce(f.query_norm = a.query_norm, false) AS same,
                       CASE WHEN a.q IS NOT NULL AND f.space = a.space_name
                                 AND vector_dims(f.query_vector) = vector_dims(a.q)
                            THEN 1 - (f.query_vector <=> a.q) END AS sim
                FROM (SELECT DISTINCT query_key FROM counted) k
                CROSS JOIN args a
                CROSS JOIN LATERAL (SELECT s.space, s.query_norm, s.query_vector FROM search_feedback s
                                    WHERE s.query_key = k.query_key LIMIT 1) f
            ), signals AS MATERIALIZED (
                SELECT t.recording_id, sum(t.events)::int AS fb_events,
                       coalesce(sum(t.w) FILTER (WHERE t.same), 0) AS fb_exact,
                       coalesce(sum(t.w * t.sim) FILTER (WHERE NOT t.same), 0) AS fb_similar
                FROM (
                    SELECT c.recording_id, c.events, g.same, g.sim,
                           c.reward * least(power(c.position, a.eta), a.max_weight) AS w
                    FROM counted c JOIN past g ON g.query_key = c.query_key, args a
                    WHERE g.same OR g.sim >= a.min_query_similarity
                ) t
                GROUP BY t.recording_id
            )""";

    /**
     * The candidates of {@code fused} with their {@code signals}, re-ranked by the learned model in
     * {@code args} by the rules of the application's {@code Ranker}, here so that only the results
     * shown are read whole (reading the whole pool cost the learned search most of its time): a
     * candidate's learned score is {@code m_base × score/best + m_exact × tanh(fb_exact/m_scale) +
     * m_similar × tanh(fb_similar/m_scale)}; within each profile whose candidates carry at least
     * {@code min_events} acts, its candidates are ordered by that score (ties in today's order),
     * else in today's; each of today's first {@code shown} slots ({@code slot}) goes to its
     * profile's candidate of the same rank in that order.
     */
    private static final String RERANKED =
            """
            , pooled AS (
                SELECT h.recording_id, h.score, h.similarity, h.rank_semantic, h.rank_fulltext, r.profile_id,
                       coalesce(g.fb_events, 0) AS fb_events, coalesce(g.fb_exact, 0) AS fb_exact,
                       coalesce(g.fb_similar, 0) AS fb_similar,
                       row_number() OVER (ORDER BY h.score DESC, h.recording_id) AS today,
                       max(h.score) OVER () AS best
                FROM fused h JOIN recordings r ON r.id = h.recording_id
                LEFT JOIN signals g ON g.recording_id = h.recording_id
            ), learned AS MATERIALIZED (
                SELECT y.*, row_number() OVER (PARTITION BY y.profile_id ORDER BY y.today) AS nth_today,
                       row_number() OVER (PARTITION BY y.profile_id
                                          ORDER BY CASE WHEN y.moves THEN y.learned END DESC NULLS LAST, y.today)
                           AS nth_learned
                FROM (
                    SELECT p.*, sum(p.fb_events) OVER (PARTITION BY p.profile_id) >= a.min_events AS moves,
                           a.m_base * CASE WHEN p.best > 0 THEN greatest(0, least(1, p.score / p.best)) ELSE 0 END
                           + a.m_exact * tanh(p.fb_exact / a.m_scale)
                           + a.m_similar * tanh(p.fb_similar / a.m_scale) AS learned
                    FROM pooled p
                    CROSS JOIN args a
                ) y
            ), chosen AS (
                SELECT s.today AS slot, l.recording_id, l.score, l.similarity, l.rank_semantic, l.rank_fulltext,
                       l.fb_events, l.fb_exact, l.fb_similar
                FROM learned s JOIN learned l ON l.profile_id = s.profile_id AND l.nth_learned = s.nth_today
                WHERE s.today <= (SELECT shown FROM args)
            )""";

    /**
     * Binds a query vector (or null) as a {@code real[]}, which the driver sends in binary and the
     * statement casts to {@code vector}: no text to write here nor to parse in the database.
     */
    static void setQuery(PreparedStatement ps, int index, Vector query) throws SQLException {
        if (query == null) {
            ps.setNull(index, Types.ARRAY);
        } else {
            ps.setArray(
                    index,
                    ps.getConnection()
                            .unwrap(PGConnection.class)
                            .createArrayOf("float4", query.toArray()));
        }
    }

    /**
     * Binds a nearest-neighbour search to {@link #nearestSql}; answers the index of the next
     * parameter.
     */
    int bindNearest(
            PreparedStatement ps,
            Viewer viewer,
            Vector query,
            RecordingId exclude,
            int limit,
            double minSimilarity)
            throws SQLException {
        int i = visibility.bind(ps, viewer);
        setQuery(ps, i++, query);
        ps.setObject(i++, exclude == null ? null : exclude.value(), Types.OTHER);
        ps.setInt(i++, limit);
        ps.setDouble(i++, minSimilarity);
        return i;
    }

    @Override
    public Optional<List<Match>> nearest(
            Viewer viewer,
            EmbeddingSpace space,
            Vector query,
            RecordingId exclude,
            int limit,
            double minSimilarity,
            Tracking tracking) {
        boolean logged = tracking != null;
        Storage kept = storage.current(space);
        String sql =
                statements.computeIfAbsent(
                        "nearest:" + space + ":" + kept + ":" + logged,
                        k -> nearestSql(space, kept, logged, exactBelow));
        return ranked(
                sql,
                ps -> {
                    int next = bindNearest(ps, viewer, query, exclude, limit, minSimilarity);
                    if (logged) {
                        bindTracking(ps, next, viewer, space, tracking);
                    }
                },
                Read.SIMILARITY,
                (r, row) -> new Match(r, row.profile(), row.similarity()));
    }

    /**
     * Runs a ranking statement: empty when its viewer is unknown, else its recordings in order,
     * each built with what the statement says of it.
     */
    /** What a ranking statement says of each recording besides the recording. */
    private enum Read {
        SIMILARITY,
        SCORED,
        SIGNALS
    }

    private <T> Optional<List<T>> ranked(
            String sql, Database.Binder binder, Read read, BiFunction<Recording, HitRow, T> build) {
        return db.single(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        binder.bind(ps);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (!rs.getBoolean("user_exists")) {
                                return Optional.<List<T>>empty();
                            }
                            Map<UUID, HitRow> rows = new HashMap<>();
                            List<Recording> found =
                                    RecordingRows.fold(
                                            rs,
                                            true,
                                            row ->
                                                    rows.put(
                                                            Database.uuid(row, "id"),
                                                            HitRow.read(row, read)));
                            List<T> ranked = new ArrayList<>();
                            for (Recording r : found) {
                                ranked.add(build.apply(r, rows.get(r.id().value())));
                            }
                            return Optional.of(ranked);
                        }
                    }
                });
    }

    /**
     * The conditions of the {@link SearchQuery.Filters} a search sets, on recording {@code r},
     * reading their values from the {@code args} row; {@code true} when it sets none. Only the
     * filters set are written into the statement: a condition that is always true but opaque to the
     * planner (a value that may be null) makes it expect few rows to pass and give up the ordered
     * index scan for an exact one. A new filter: a column of {@code args}, a condition here, a line
     * in {@link #bindSearch}.
     */
    static String filters(SearchQuery.Filters f) {
        List<String> c = new ArrayList<>();
        if (f.stemType() != null) {
            c.add(
                    "EXISTS (SELECT 1 FROM stems st WHERE st.recording_id = r.id AND st.stem_type = f.stem_type)");
        }
        if (f.durationMin() != null || f.durationMax() != null) {
            c.add(
                    "(SELECT max(st.duration_seconds) FROM stems st WHERE st.recording_id = r.id)"
                            + " BETWEEN coalesce(f.duration_min, '-infinity') AND coalesce(f.duration_max, 'infinity')");
        }
        if (f.lufsMin() != null || f.lufsMax() != null) {
            c.add(
                    "EXISTS (SELECT 1 FROM stems st WHERE st.recording_id = r.id"
                            + " AND (f.stem_type IS NULL OR st.stem_type = f.stem_type)"
                            + " AND st.measured_lufs BETWEEN coalesce(f.lufs_min, '-infinity') AND coalesce(f.lufs_max, 'infinity'))");
        }
        if (f.createdAfter() != null) {
            c.add("r.created_at > f.created_after");
        }
        if (f.createdBefore() != null) {
            c.add("r.created_at < f.created_before");
        }
        if (f.song() != null) {
            c.add(
                    "EXISTS (SELECT 1 FROM clips c WHERE c.profile_id = r.profile_id AND c.recording_id = r.id"
                            + " AND c.song_id = f.song_id)");
        }
        if (f.location() != null) {
            c.add("r.location_id = f.location_id");
        }
        if (f.recordedFrom() != null) {
            c.add("r.date_recorded >= f.recorded_from");
        }
        if (f.recordedTo() != null) {
            c.add("r.date_recorded <= f.recorded_to");
        }
        if (f.bpmMin() != null || f.bpmMax() != null) {
            c.add(
                    "r.tempo_bpm BETWEEN coalesce(f.bpm_min, '-infinity')"
                            + " AND coalesce(f.bpm_max, 'infinity')");
        }
        if (f.keys() != null) {
            c.add("r.musical_key = ANY (f.keys)");
        }
        return c.isEmpty()
                ? "true"
                : "EXISTS (SELECT 1 FROM args f WHERE " + String.join(" AND ", c) + ")";
    }

    /** The semantic side of a search: the space's candidates (%s), ranked. */
    private static final String SEMANTIC =
            """
            SELECT recording_id, similarity, row_number() OVER (ORDER BY similarity DESC, recording_id) AS rank
            FROM (%s) x
            WHERE similarity >= (SELECT min_similarity FROM args)""";

    /**
     * Below this many recordings in the caller's scope ({@code stemvault.search.exact-below}) a
     * search scans their vectors exactly instead of the space's index: measured in
     * docs/benchmarks.md ("Vector storage"), an HNSW scan for a caller who sees 1 % of 200,000
     * vectors took 25 times as long as one who sees them all, since the iterative scan passes over
     * everyone else's nearest vectors to find ten of theirs, while an exact scan of 10,000 vectors
     * costs about what the index scan of the whole space does. At 1,000,000 vectors the member of a
     * profile holding 1 % (10,000) got recall 0.935 from the index in 241 ms (p50, 8 connections,
     * full precision) and 0.869 in 460 ms (binary), against 1.0 in 213 ms from the exact scan (half
     * precision): so the scan is exact up to twice that.
     */
    static final int EXACT_BELOW = 20_000;

    private static String semantic(EmbeddingSpace space, Storage storage, String filters) {
        // One statement, two plans: the planner's one-time filters run exactly one of them, chosen
        // by the recordings of the profiles in scope (counted by the profiles' own triggers).
        return SEMANTIC.formatted(
                "SELECT * FROM ("
                        + SpaceStorage.candidates(
                                space,
                                storage,
                                "(SELECT true FROM recordings r WHERE r.id = e.recording_id"
                                        + " AND r.profile_id IN (SELECT id FROM scope) AND "
                                        + filters
                                        + ")",
                                "(SELECT depth FROM args)")
                        + ") i WHERE NOT (SELECT few FROM sized) UNION ALL SELECT * FROM ("
                        + SpaceStorage.exact(
                                space,
                                storage,
                                "r.profile_id IN (SELECT id FROM scope) AND " + filters,
                                "(SELECT depth FROM args)")
                        + ") x WHERE (SELECT few FROM sized)");
    }

    /**
     * Full text: the recordings whose own text matches, or whose location's name does, or a song's
     * name of one of their clips (each through its GIN index), ranked on all three together.
     */
    private static final String FULLTEXT =
            """
            WITH tq AS (SELECT websearch_to_tsquery('english', a.text) AS query FROM args a),
            matched AS (
                SELECT r.id FROM recordings r, tq WHERE r.search_text @@ tq.query
                UNION
                SELECT r.id FROM locations l JOIN recordings r ON r.profile_id = l.profile_id AND r.location_id = l.id, tq
                WHERE to_tsvector('english', l.name) @@ tq.query
                UNION
                SELECT c.recording_id FROM songs so JOIN clips c ON c.profile_id = so.profile_id AND c.song_id = so.id, tq
                WHERE to_tsvector('english', so.name) @@ tq.query
            )
            SELECT recording_id, text_rank, row_number() OVER (ORDER BY text_rank DESC, recording_id) AS rank
            FROM (SELECT r.id AS recording_id,
                         ts_rank(r.search_text
                                 || coalesce((SELECT to_tsvector('english', l.name) FROM locations l
                                              WHERE l.id = r.location_id), ''::tsvector)
                                 || coalesce((SELECT to_tsvector('english', string_agg(so.name, ' '))
                                              FROM clips c JOIN songs so ON so.id = c.song_id
                                              WHERE c.profile_id = r.profile_id AND c.recording_id = r.id), ''::tsvector),
                                 tq.query) AS text_rank
                  FROM matched m JOIN recordings r ON r.id = m.id, tq
                  WHERE r.profile_id IN (SELECT id FROM scope)
                    AND %s
                  ORDER BY text_rank DESC, r.id
                  LIMIT (SELECT depth FROM args)) y""";

    private static final String NO_SEMANTIC =
            "SELECT NULL::uuid AS recording_id, NULL::float8 AS similarity, NULL::bigint AS rank WHERE false";
    private static final String NO_FULLTEXT =
            "SELECT NULL::uuid AS recording_id, NULL::float4 AS text_rank, NULL::bigint AS rank WHERE false";

    /**
     * The search statement for a mode (and, for the semantic side, a space) and the filters a
     * search sets ({@link #filters}).
     */
    static String searchSql(SearchQuery.Mode mode, EmbeddingSpace space, String filters) {
        return searchSql(mode, space, Storage.FULL, filters, false, false, false, EXACT_BELOW);
    }

    /**
     * As {@link #searchSql(SearchQuery.Mode, EmbeddingSpace, String)}, logging the answer when
     * {@code logged}, reading each candidate's feedback when {@code signals}, and answering the
     * shown results in the learned order when {@code reranked} ({@link #RERANKED}).
     */
    static String searchSql(
            SearchQuery.Mode mode,
            EmbeddingSpace space,
            Storage storage,
            String filters,
            boolean logged,
            boolean signals,
            boolean reranked,
            int exactBelow) {
        String score =
                switch (mode) {
                    case SEMANTIC -> "s.similarity";
                    case FULLTEXT -> "f.text_rank";
                    case HYBRID ->
                            "coalesce(1.0 / ((SELECT rrf_k FROM args) + s.rank), 0)"
                                    + " + coalesce(1.0 / ((SELECT rrf_k FROM args) + f.rank), 0)";
                };
        return Visibility.with(
                """
                , args AS (
                    SELECT ?::real[]::vector AS q, ?::text AS text, ?::text[] AS profiles, ?::text AS stem_type,
                           ?::float8 AS duration_min, ?::float8 AS duration_max, ?::float8 AS lufs_min,
                           ?::float8 AS lufs_max, ?::timestamptz AS created_after, ?::timestamptz AS created_before,
                           ?::int AS depth, ?::float8 AS min_similarity, ?::int AS lim, ?::int AS rrf_k,
                           ?::uuid AS song_id, ?::uuid AS location_id, ?::date AS recorded_from,
                           ?::date AS recorded_to, ?::float8 AS bpm_min, ?::float8 AS bpm_max,
                           ?::text[] AS keys%s
                ), scope AS (
                    SELECT v.id FROM visible v, args a WHERE a.profiles IS NULL OR v.name = ANY (a.profiles)
                ), sized AS (
                    SELECT coalesce(sum(p.recording_count), 0) < %d AS few FROM profiles p WHERE p.id IN (SELECT id FROM scope)
                ), semantic AS (%s
                ), fulltext AS (%s
                ), fused AS (
                    SELECT coalesce(s.recording_id, f.recording_id) AS recording_id, s.similarity,
                           s.rank AS rank_semantic, f.rank AS rank_fulltext, (%s)::float8 AS score
                    FROM semantic s FULL OUTER JOIN fulltext f ON f.recording_id = s.recording_id
                    ORDER BY score DESC, recording_id
                    LIMIT (SELECT lim FROM args)
                )%s%s
                SELECT EXISTS (SELECT 1 FROM viewer) AS user_exists, h.score, h.similarity, h.rank_semantic,
                       h.rank_fulltext, p.name AS profile_name, %s%s
                FROM (SELECT 1) AS one
                LEFT JOIN %s h ON true%s
                LEFT JOIN recordings r ON r.id = h.recording_id
                LEFT JOIN profiles p ON p.id = r.profile_id
                LEFT JOIN LATERAL (SELECT * FROM stems s WHERE s.recording_id = r.id ORDER BY s.position OFFSET 0) s ON true
                ORDER BY %s, s.position
                """
                        .formatted(
                                logged ? LOG_ARGS : "",
                                exactBelow,
                                mode.semantic() ? semantic(space, storage, filters) : NO_SEMANTIC,
                                mode.fulltext() ? FULLTEXT.formatted(filters) : NO_FULLTEXT,
                                score,
                                logged
                                        ? LOGGED.formatted(
                                                "(SELECT coalesce(array_agg(id), '{}') FROM scope)",
                                                "fused",
                                                "score DESC, recording_id",
                                                "score",
                                                "a.text")
                                        : "",
                                signals ? SIGNALS + (reranked ? RERANKED : "") : "",
                                RecordingRows.COLUMNS,
                                reranked
                                        ? ", h.fb_events, h.fb_exact, h.fb_similar"
                                        : signals
                                                ? ", coalesce(g.fb_events, 0) AS fb_events,"
                                                        + " coalesce(g.fb_exact, 0) AS fb_exact,"
                                                        + " coalesce(g.fb_similar, 0) AS fb_similar"
                                                : "",
                                reranked ? "chosen" : "fused",
                                signals && !reranked
                                        ? "\n                LEFT JOIN signals g ON g.recording_id = h.recording_id"
                                        : "",
                                reranked ? "h.slot" : "h.score DESC, r.id"));
    }

    /**
     * Binds a search to {@link #searchSql}: the viewer, then the {@code args} row in its column
     * order.
     */
    void bindSearch(PreparedStatement ps, Viewer viewer, SearchQuery q, Vector vector, int rrfK)
            throws SQLException {
        bindSearch(ps, viewer, q, vector, rrfK, null, null);
    }

    /** As {@link #bindSearch(PreparedStatement, Viewer, SearchQuery, Vector, int)}, tracked. */
    void bindSearch(
            PreparedStatement ps,
            Viewer viewer,
            SearchQuery q,
            Vector vector,
            int rrfK,
            EmbeddingSpace space,
            Tracking tracking)
            throws SQLException {
        int lim = tracking == null ? q.limit() : Math.max(q.limit(), tracking.pool());
        int i = visibility.bind(ps, viewer);
        setQuery(ps, i++, vector);
        ps.setString(i++, q.text());
        ps.setArray(
                i++,
                q.profiles() == null
                        ? null
                        : ps.getConnection()
                                .createArrayOf(
                                        "text",
                                        q.profiles().stream().map(ProfileName::value).toArray()));
        SearchQuery.Filters f = q.filters();
        ps.setString(i++, f.stemType() == null ? null : f.stemType().value());
        ps.setObject(i++, f.durationMin(), Types.DOUBLE);
        ps.setObject(i++, f.durationMax(), Types.DOUBLE);
        ps.setObject(i++, f.lufsMin(), Types.DOUBLE);
        ps.setObject(i++, f.lufsMax(), Types.DOUBLE);
        Database.setInstant(ps, i++, f.createdAfter());
        Database.setInstant(ps, i++, f.createdBefore());
        ps.setInt(i++, q.mode() == SearchQuery.Mode.HYBRID ? Math.max(q.limit() * 4, 40) : lim);
        ps.setDouble(i++, q.minSimilarity());
        ps.setInt(i++, lim);
        ps.setInt(i++, rrfK);
        ps.setObject(i++, f.song() == null ? null : f.song().value(), Types.OTHER);
        ps.setObject(i++, f.location() == null ? null : f.location().value(), Types.OTHER);
        ps.setObject(i++, f.recordedFrom(), Types.DATE);
        ps.setObject(i++, f.recordedTo(), Types.DATE);
        ps.setObject(i++, f.bpmMin(), Types.DOUBLE);
        ps.setObject(i++, f.bpmMax(), Types.DOUBLE);
        ps.setArray(
                i++,
                f.keys() == null
                        ? null
                        : ps.getConnection()
                                .createArrayOf(
                                        "text", f.keys().stream().map(Object::toString).toArray()));
        if (tracking != null) {
            bindTracking(ps, i, viewer, space, tracking);
        }
    }

    /** Binds the {@link #LOG_ARGS} from {@code i}. */
    private static void bindTracking(
            PreparedStatement ps, int i, Viewer viewer, EmbeddingSpace space, Tracking t)
            throws SQLException {
        ps.setObject(i++, t.id().value());
        ps.setObject(i++, viewer.session().value());
        ps.setString(i++, t.kind());
        ps.setString(i++, t.queryNorm());
        ps.setString(i++, space == null ? null : space.name());
        ps.setInt(i++, t.shown());
        Tracking.Weighing w = t.weighing();
        ps.setObject(i++, w == null ? null : w.eta(), Types.DOUBLE);
        ps.setObject(i++, w == null ? null : w.maxWeight(), Types.DOUBLE);
        ps.setObject(i++, w == null ? null : w.minQuerySimilarity(), Types.DOUBLE);
        RankerModel m = t.learned() == null ? null : t.learned().model();
        ps.setObject(i++, m == null ? null : m.base(), Types.DOUBLE);
        ps.setObject(i++, m == null ? null : m.exact(), Types.DOUBLE);
        ps.setObject(i++, m == null ? null : m.similar(), Types.DOUBLE);
        ps.setObject(i++, m == null ? null : m.scale(), Types.DOUBLE);
        ps.setObject(i, t.learned() == null ? null : t.learned().minEvents(), Types.INTEGER);
    }

    @Override
    public Optional<List<Hit>> search(
            Viewer viewer,
            SearchQuery q,
            EmbeddingSpace space,
            Vector vector,
            int rrfK,
            Tracking tracking) {
        String filters = filters(q.filters());
        boolean logged = tracking != null;
        boolean signals = logged && tracking.weighing() != null;
        boolean reranked = signals && tracking.learned() != null;
        Storage kept = q.mode().semantic() ? storage.current(space) : Storage.FULL;
        String sql =
                statements.computeIfAbsent(
                        q.mode()
                                + ":"
                                + (q.mode().semantic() ? space + ":" + kept : "")
                                + ":"
                                + filters
                                + ":"
                                + logged
                                + ":"
                                + signals
                                + ":"
                                + reranked,
                        k ->
                                searchSql(
                                        q.mode(),
                                        space,
                                        kept,
                                        filters,
                                        logged,
                                        signals,
                                        reranked,
                                        exactBelow));
        return ranked(
                sql,
                ps -> bindSearch(ps, viewer, q, vector, rrfK, space, tracking),
                signals ? Read.SIGNALS : Read.SCORED,
                (r, row) ->
                        new Hit(
                                r,
                                row.profile(),
                                row.score(),
                                row.similarity(),
                                row.rankSemantic(),
                                row.rankFulltext(),
                                row.signal()));
    }

    /** What a search answers about a recording besides the recording itself. */
    private record HitRow(
            ProfileName profile,
            double score,
            Double similarity,
            Integer rankSemantic,
            Integer rankFulltext,
            Signal signal) {

        static HitRow read(ResultSet rs, Read read) throws SQLException {
            ProfileName profile = new ProfileName(rs.getString("profile_name"));
            Double similarity = Database.nullableDouble(rs, "similarity");
            if (read == Read.SIMILARITY) {
                return new HitRow(profile, similarity, similarity, null, null, Signal.NONE);
            }
            return new HitRow(
                    profile,
                    rs.getDouble("score"),
                    similarity,
                    nullableInt(rs, "rank_semantic"),
                    nullableInt(rs, "rank_fulltext"),
                    read == Read.SIGNALS
                            ? new Signal(
                                    rs.getInt("fb_events"),
                                    rs.getDouble("fb_exact"),
                                    rs.getDouble("fb_similar"))
                            : Signal.NONE);
        }

        private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
            long value = rs.getLong(column);
            return rs.wasNull() ? null : (int) value;
        }
    }
}
