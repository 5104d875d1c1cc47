package org.stemvault.postgres.search;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.EmbeddingSpace.Storage;
import org.stemvault.postgres.Database;

/**
 * How each embedding space keeps its vectors ({@code embedding_storage}, V25): the storage searches
 * read, as this instance last saw it, and the move of a space to the storage its settings ask for,
 * one bounded step at a time, while searches and writes go on: the target's column filled (writes
 * fill both meanwhile, by the table's trigger), the target's index built concurrently, the readers
 * switched, the former column kept filled for a grace period (instances that have not yet seen the
 * switch still read it), then emptied and its index dropped. Every step's state is in the table, so
 * a step cut short by a crash is taken again; one instance at a time steps (an advisory lock).
 */
@Singleton
final class SpaceStorage {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceStorage.class);

    /** The advisory lock held while a conversion steps. */
    static final long CONVERT_LOCK = 0x5374656d436f6e76L;

    /**
     * Rows copied or cleared per step. Each is an update that writes a new version of the row, and
     * so an entry in the space's HNSW index (a millisecond or two each): a few seconds a step.
     */
    static final int BATCH = 1_000;

    private final Database db;
    private final Map<String, Storage> current = new ConcurrentHashMap<>();

    SpaceStorage(Database db) {
        this.db = db;
    }

    /** The storage searches of the space read now (as last seen; full before any was seen). */
    Storage current(EmbeddingSpace space) {
        return current.getOrDefault(space.name(), Storage.FULL);
    }

    void seen(EmbeddingSpace space, Storage storage) {
        current.put(space.name(), storage);
    }

    static String lower(Storage storage) {
        return storage.name().toLowerCase(Locale.ROOT);
    }

    /** The column a storage keeps its vectors in. */
    static String column(Storage storage) {
        return storage == Storage.FULL ? "embedding" : "embedding_half";
    }

    /** The type a storage's vectors are read as, with the space's dimensions (a checked number). */
    static String type(EmbeddingSpace space, Storage storage) {
        return (storage == Storage.FULL ? "vector(" : "halfvec(") + space.dimensions() + ")";
    }

    /** The longest space name whose index names are its name: they then fit 63 bytes. */
    static final int PLAIN_NAME = 34;

    /**
     * The start of the space's index names: its name, or for a name longer than {@link #PLAIN_NAME}
     * its first 25 characters and 8 hex digits of the SHA-256 of the whole name. PostgreSQL cuts a
     * name at 63 bytes, so a longer space's names for two storages would be cut to one name, and
     * the second storage's index would be taken as built.
     */
    static String indexPrefix(EmbeddingSpace space) {
        String name = space.name();
        if (name.length() > PLAIN_NAME) {
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256")
                                .digest(name.getBytes(StandardCharsets.UTF_8));
                name = name.substring(0, 25) + "_" + HexFormat.of().formatHex(digest, 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
        return "embeddings_hnsw_" + name.replace('-', '_') + "_";
    }

    /** The name of the space's index under a storage (full keeps the name it always had). */
    static String indexName(EmbeddingSpace space, Storage storage) {
        return indexPrefix(space)
                + space.dimensions()
                + (storage == Storage.FULL ? "" : "_" + lower(storage));
    }

    /** The statement that makes the space's index under a storage when it is missing. */
    static String createIndex(
            EmbeddingSpace space,
            Storage storage,
            int m,
            int efConstruction,
            boolean concurrently) {
        String indexed =
                switch (storage) {
                    case FULL ->
                            "(embedding::vector(" + space.dimensions() + ")) vector_cosine_ops";
                    case HALF ->
                            "(embedding_half::halfvec("
                                    + space.dimensions()
                                    + ")) halfvec_cosine_ops";
                    case BINARY ->
                            "(binary_quantize(embedding_half)::bit("
                                    + space.dimensions()
                                    + ")) bit_hamming_ops";
                };
        return "CREATE INDEX "
                + (concurrently ? "CONCURRENTLY " : "")
                + "IF NOT EXISTS "
                + indexName(space, storage)
                + " ON embeddings USING hnsw ("
                + indexed
                + ") WITH (m = "
                + m
                + ", ef_construction = "
                + efConstruction
                + ") WHERE space = '"
                + space.name()
                + "' AND stem_type IS NULL";
    }

    /**
     * The space's nearest recordings as rows {@code (recording_id, similarity)}, best first: the
     * ordered scan of the storage's index over the rows of the space that pass {@code conditions}
     * (on {@code e}), at most {@code limit} (an expression). The query vector is {@code q} of
     * {@code args}. Binary storage reads {@code limit} times the space's re-rank factor candidates
     * by Hamming distance of the quantized vectors, and keeps the best by cosine similarity.
     */
    static String candidates(
            EmbeddingSpace space, Storage storage, String conditions, String limit) {
        String type = type(space, storage);
        String vector = "e." + column(storage) + "::" + type;
        String query = "(SELECT q::" + type + " FROM args)";
        String where =
                "FROM embeddings e WHERE e.space = '"
                        + space.name()
                        + "' AND e.stem_type IS NULL AND "
                        + conditions;
        String similarity = "1 - (" + vector + " <=> " + query + ")";
        if (storage != Storage.BINARY) {
            return "SELECT e.recording_id, "
                    + similarity
                    + " AS similarity "
                    + where
                    + " ORDER BY "
                    + vector
                    + " <=> "
                    + query
                    + " LIMIT "
                    + limit;
        }
        String bits = "::bit(" + space.dimensions() + ")";
        return "SELECT c.recording_id, c.similarity FROM (SELECT e.recording_id, "
                + similarity
                + " AS similarity "
                + where
                + " ORDER BY binary_quantize(e.embedding_half)"
                + bits
                + " <~> (SELECT binary_quantize(q::"
                + type
                + ")"
                + bits
                + " FROM args) LIMIT ("
                + limit
                + ") * "
                + space.rerankFactor()
                + ") c ORDER BY c.similarity DESC, c.recording_id LIMIT "
                + limit;
    }

    /**
     * The same rows as {@link #candidates} by an exact scan of the vectors of the recordings that
     * pass {@code conditions} (on {@code r}, a recording): the recordings first, through their own
     * indexes, then each one's vector, every similarity computed. For a scope of a few thousand
     * recordings this is cheaper than an index scan that must pass over everyone else's vectors to
     * find enough of them, and it misses nothing.
     */
    static String exact(EmbeddingSpace space, Storage storage, String conditions, String limit) {
        String type = type(space, storage);
        String vector = "e." + column(storage) + "::" + type;
        String query = "(SELECT q::" + type + " FROM args)";
        return "SELECT e.recording_id, 1 - ("
                + vector
                + " <=> "
                + query
                + ") AS similarity FROM recordings r JOIN embeddings e ON e.recording_id = r.id"
                + " AND e.space = '"
                + space.name()
                + "' AND e.stem_type IS NULL WHERE "
                + conditions
                + " ORDER BY similarity DESC, e.recording_id LIMIT "
                + limit;
    }

    /**
     * At start-up, in the transaction of the index check: the space's storage row (the configured
     * storage for a space without vectors, or whose row is missing and whose vectors are all in one
     * column; full precision for vectors written before storage was a choice), and the storage
     * searches read now.
     */
    Storage settle(Connection c, EmbeddingSpace space, boolean empty) throws SQLException {
        Storage seen;
        try (var ps =
                c.prepareStatement(
                        "SELECT storage FROM embedding_storage WHERE space = ? FOR UPDATE")) {
            ps.setString(1, space.name());
            try (var rs = ps.executeQuery()) {
                seen = rs.next() ? Storage.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)) : null;
            }
        }
        if (seen == null || (empty && seen != space.storage())) {
            Storage storage =
                    empty || seen != null ? space.storage() : heldIn(c, space, space.storage());
            Database.run(
                    c,
                    """
                    INSERT INTO embedding_storage (space, storage, changed_at) VALUES (?, ?, now())
                    ON CONFLICT (space) DO UPDATE SET storage = EXCLUDED.storage, other = NULL,
                        phase = NULL, progress = NULL, changed_at = EXCLUDED.changed_at
                    """,
                    ps -> {
                        ps.setString(1, space.name());
                        ps.setString(2, lower(storage));
                    });
            seen = storage;
        }
        seen(space, seen);
        return seen;
    }

    /**
     * The storage whose column holds the space's vectors when a space has no row yet: {@code
     * wanted} if its column holds them all, else full precision (where they were written before).
     */
    private static Storage heldIn(Connection c, EmbeddingSpace space, Storage wanted)
            throws SQLException {
        if (wanted == Storage.FULL) {
            return Storage.FULL;
        }
        try (var ps =
                c.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM embeddings WHERE space = ? AND embedding_half IS NULL)")) {
            ps.setString(1, space.name());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? Storage.FULL : wanted;
            }
        }
    }

    /** The row of a space in {@code embedding_storage}. */
    private record Row(Storage storage, Storage other, String phase, UUID progress, boolean due) {}

    /**
     * Takes the next step of moving the space to its configured storage, when another instance is
     * not taking one; answers whether more steps are waiting now (false while a grace period runs,
     * or when there is nothing to do). Refreshes the storage searches read either way.
     */
    boolean step(EmbeddingSpace space, int m, int efConstruction, Duration grace) {
        return db.single(
                c -> {
                    if (!lock(c, "pg_try_advisory_lock")) {
                        refresh(c, space);
                        return false;
                    }
                    try {
                        return step(c, space, m, efConstruction, grace);
                    } finally {
                        lock(c, "pg_advisory_unlock");
                    }
                });
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (var ps = c.prepareStatement("SELECT " + function + "(" + CONVERT_LOCK + ")")) {
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Row refresh(Connection c, EmbeddingSpace space, Duration grace) throws SQLException {
        try (var ps =
                c.prepareStatement(
                        "SELECT storage, other, phase, progress, changed_at <= now() - ? * interval '1 millisecond'"
                                + " FROM embedding_storage WHERE space = ?")) {
            ps.setLong(1, grace.toMillis());
            ps.setString(2, space.name());
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Row row =
                        new Row(
                                storage(rs.getString(1)),
                                storage(rs.getString(2)),
                                rs.getString(3),
                                rs.getObject(4, UUID.class),
                                rs.getBoolean(5));
                seen(space, row.storage());
                return row;
            }
        }
    }

    private void refresh(Connection c, EmbeddingSpace space) throws SQLException {
        refresh(c, space, Duration.ZERO);
    }

    private static Storage storage(String value) {
        return value == null ? null : Storage.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private boolean step(
            Connection c, EmbeddingSpace space, int m, int efConstruction, Duration grace)
            throws SQLException {
        Row row = refresh(c, space, grace);
        if (row == null) {
            return false;
        }
        if (row.phase() == null) {
            if (row.storage() == space.storage()) {
                return false;
            }
            boolean sameColumn = column(row.storage()).equals(column(space.storage()));
            LOG.info(
                    "embedding space '{}': moving its vectors from {} to {} storage",
                    space.name(),
                    lower(row.storage()),
                    lower(space.storage()));
            // waits for the writes under way (they hold the row FOR SHARE); later ones see it
            setPhase(c, space, space.storage(), sameColumn ? "indexing" : "copying", null);
            return true;
        }
        return switch (row.phase()) {
            case "copying" -> {
                UUID last =
                        batch(
                                c,
                                space,
                                row.progress(),
                                "embedding = coalesce(e.embedding, e.embedding_half::vector)");
                if (last == null) {
                    setPhase(c, space, row.other(), "indexing", null);
                } else {
                    setProgress(c, space, last);
                }
                yield true;
            }
            case "indexing" -> {
                buildIndex(c, space, row.other(), m, efConstruction);
                Database.run(
                        c,
                        "UPDATE embedding_storage SET storage = other, other = storage, phase = 'switched',"
                                + " progress = NULL, changed_at = now() WHERE space = ?",
                        ps -> ps.setString(1, space.name()));
                seen(space, row.other());
                LOG.info(
                        "embedding space '{}': searches read {} storage",
                        space.name(),
                        lower(row.other()));
                yield false;
            }
            case "switched" -> {
                if (!row.due()) {
                    yield false;
                }
                // no instance reads the former index any more: dropped first, so that clearing
                // its column does not update it row by row
                dropIndex(c, indexName(space, row.other()));
                setPhase(c, space, row.other(), "clearing", null);
                yield true;
            }
            case "clearing" -> {
                boolean sameColumn = column(row.storage()).equals(column(row.other()));
                UUID last =
                        sameColumn
                                ? null
                                : batch(c, space, row.progress(), column(row.other()) + " = NULL");
                if (last == null) {
                    dropIndex(c, indexName(space, row.other())); // if a crash came between
                    Database.run(
                            c,
                            "UPDATE embedding_storage SET other = NULL, phase = NULL, progress = NULL,"
                                    + " changed_at = now() WHERE space = ?",
                            ps -> ps.setString(1, space.name()));
                    LOG.info(
                            "embedding space '{}': moved to {} storage",
                            space.name(),
                            lower(row.storage()));
                    yield false;
                }
                setProgress(c, space, last);
                yield true;
            }
            default -> throw new IllegalStateException("unknown phase " + row.phase());
        };
    }

    private static void setPhase(
            Connection c, EmbeddingSpace space, Storage other, String phase, UUID progress)
            throws SQLException {
        Database.run(
                c,
                "UPDATE embedding_storage SET other = ?, phase = ?, progress = ?, changed_at = now()"
                        + " WHERE space = ?",
                ps -> {
                    ps.setString(1, lower(other));
                    ps.setString(2, phase);
                    ps.setObject(3, progress);
                    ps.setString(4, space.name());
                });
    }

    private static void setProgress(Connection c, EmbeddingSpace space, UUID last)
            throws SQLException {
        Database.run(
                c,
                "UPDATE embedding_storage SET progress = ? WHERE space = ?",
                ps -> {
                    ps.setObject(1, last);
                    ps.setString(2, space.name());
                });
    }

    /**
     * Sets {@code assignment} on the space's next {@link #BATCH} rows after {@code after} in id
     * order (the table's trigger puts the vector where the space keeps it); answers the last id
     * changed, or null when none was left.
     */
    private static UUID batch(Connection c, EmbeddingSpace space, UUID after, String assignment)
            throws SQLException {
        try (var ps =
                c.prepareStatement(
                        "WITH batch AS (SELECT id FROM embeddings WHERE space = ? AND id > coalesce(?, '00000000-0000-0000-0000-000000000000'::uuid)"
                                + " ORDER BY id LIMIT "
                                + BATCH
                                + ") UPDATE embeddings e SET "
                                + assignment
                                + " FROM batch WHERE e.id = batch.id RETURNING e.id")) {
            ps.setString(1, space.name());
            ps.setObject(2, after);
            // a batch under load may outlast a request's limit
            return Database.asLongAsItTakes(
                    c,
                    connection -> {
                        UUID last = null;
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                UUID id = rs.getObject(1, UUID.class);
                                if (last == null || id.compareTo(last) > 0) {
                                    last = id;
                                }
                            }
                        }
                        return last;
                    });
        }
    }

    /**
     * Builds the index concurrently (searches and writes go on; no time limit), after dropping what
     * an interrupted build left (an invalid index of the same name).
     */
    private static void buildIndex(
            Connection c, EmbeddingSpace space, Storage storage, int m, int efConstruction)
            throws SQLException {
        String name = indexName(space, storage);
        boolean invalid;
        try (var ps =
                c.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid"
                                + " WHERE x.relname = ? AND NOT i.indisvalid)")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                invalid = rs.getBoolean(1);
            }
        }
        if (invalid) {
            dropIndex(c, name);
        }
        unbounded(c, createIndex(space, storage, m, efConstruction, true));
    }

    static void dropIndex(Connection c, String name) throws SQLException {
        unbounded(c, "DROP INDEX CONCURRENTLY IF EXISTS " + name);
    }

    /** Runs one statement as long as it takes ({@link Database#asLongAsItTakes}). */
    private static void unbounded(Connection c, String sql) throws SQLException {
        Database.asLongAsItTakes(
                c,
                connection -> {
                    try (var s = connection.createStatement()) {
                        return s.execute(sql);
                    }
                });
    }

    /**
     * The HNSW indexes of the space (by their predicate) but those in {@code keep}: an index of
     * other dimensions, of a storage the space has left, or under a name no longer its own.
     */
    static List<String> strayIndexes(Connection c, EmbeddingSpace space, List<String> keep)
            throws SQLException {
        List<String> stray = new ArrayList<>();
        try (var ps =
                c.prepareStatement(
                        "SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings'"
                                + " AND indexdef LIKE '% USING hnsw %' AND indexdef LIKE ?")) {
            // by the space alone, not by name: an index named before names were shortened
            ps.setString(1, "%(space = '" + space.name().replace("_", "\\_") + "'::text)%");
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!keep.contains(rs.getString(1))) {
                        stray.add(rs.getString(1));
                    }
                }
            }
        }
        return stray;
    }
}
