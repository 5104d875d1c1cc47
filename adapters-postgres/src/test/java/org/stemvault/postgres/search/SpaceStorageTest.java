package org.stemvault.postgres.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.EmbeddingSpace.Storage;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Match;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

/**
 * A space's storage (full, half, binary) as configured, and the move of a populated space from one
 * to another while it is searched and written: every step's searches find what exact search finds,
 * a vector written mid-move is kept, and at the end only the new storage's column and index are
 * left.
 */
@MicronautTest(transactional = false)
class SpaceStorageTest extends PostgresTestSupport {

    static final EmbeddingSpace FULL =
            new EmbeddingSpace("storage-test", 64, EmbeddingSpace.Source.EXTERNAL);
    static final EmbeddingSpace HALF = FULL.withStorage(Storage.HALF);
    static final EmbeddingSpace BINARY =
            new EmbeddingSpace(
                    "storage-test", 64, EmbeddingSpace.Source.EXTERNAL, Storage.BINARY, 30);

    /** More than one batch of a copy or a clear. */
    static final int COUNT = SpaceStorage.BATCH + 700;

    @Inject VectorSearch search;
    @Inject Embeddings embeddings;
    @Inject Users users;
    @Inject Profiles profiles;
    @Inject Memberships memberships;

    User member;
    Profile band;
    Map<UUID, float[]> vectors;
    java.util.function.Supplier<float[]> draw;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(
                "datasources.default.connection-init-sql",
                "SET hnsw.ef_search = 100; SET hnsw.iterative_scan = relaxed_order");
        // the index is what is tested here, never the exact scan of a small scope
        properties.put("stemvault.search.exact-below", "0");
        return properties;
    }

    @BeforeEach
    void seed() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            for (Storage storage : Storage.values()) {
                s.execute("DROP INDEX IF EXISTS " + SpaceStorage.indexName(FULL, storage));
            }
        }
        viewer = null;
        member = users.provision(new Email("member@example.com"), Fixtures.at(0));
        band = profiles.create(Fixtures.profile("band"));
        memberships.grant(new Membership(member.id(), band.id(), Fixtures.at(0)));
    }

    void populate(EmbeddingSpace space) throws Exception {
        search.ensureIndex(space, 16, 64);
        draw = RandomVectors.lowRank(new Random(5), space.dimensions(), 8);
        vectors = new HashMap<>(RandomVectors.insert(band.id(), space, COUNT, draw, 0));
    }

    Viewer viewer;

    Viewer viewer() {
        if (viewer == null) {
            viewer = viewer(member);
        }
        return viewer;
    }

    /**
     * Recall@10 of 20 searches (drawn as the data is) against exact search, checking on the way
     * that every answer's similarity is its vector's cosine (to half precision) and that the
     * answers come best first.
     */
    double recall(EmbeddingSpace space) {
        int hits = 0;
        for (int q = 0; q < 20; q++) {
            float[] query = draw.get();
            List<Match> got =
                    search.nearest(viewer(), space, Vector.of(query), null, 10, -1).orElseThrow();
            assertEquals(10, got.size());
            double previous = 2;
            for (Match m : got) {
                double exact = RandomVectors.cosine(query, vectors.get(m.recording().id().value()));
                assertEquals(exact, m.similarity(), 2e-3, "the similarity is the cosine");
                assertTrue(m.similarity() <= previous + 1e-9, "best first");
                previous = m.similarity();
            }
            List<UUID> truth =
                    vectors.entrySet().stream()
                            .sorted(
                                    Comparator.comparingDouble(
                                            (Map.Entry<UUID, float[]> e) ->
                                                    -RandomVectors.cosine(query, e.getValue())))
                            .limit(10)
                            .map(Map.Entry::getKey)
                            .toList();
            hits +=
                    (int)
                            got.stream()
                                    .filter(m -> truth.contains(m.recording().id().value()))
                                    .count();
        }
        return hits / 200.0;
    }

    static String query(String sql) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The space's vectors in each column: "full/half". */
    static String columns() throws Exception {
        return query(
                "SELECT count(embedding) || '/' || count(embedding_half) FROM embeddings"
                        + " WHERE space = 'storage-test'");
    }

    static List<String> indexes() throws Exception {
        return indexesOf(FULL);
    }

    static String phase() throws Exception {
        return query(
                "SELECT storage || ':' || coalesce(phase, '-') FROM embedding_storage"
                        + " WHERE space = 'storage-test'");
    }

    /** A new recording of the band with a vector written through the port, as a worker does. */
    UUID write(EmbeddingSpace space, Random random) throws Exception {
        UUID id =
                RandomVectors.insert(band.id(), space, 1, random, 100_000 + vectors.size())
                        .keySet()
                        .iterator()
                        .next();
        float[] v = draw.get();
        embeddings.put(
                new Embedding(
                        new RecordingId(id), null, space, Vector.of(v), "test", Instant.now()));
        vectors.put(id, v);
        return id;
    }

    /**
     * Moves the space to {@code target}'s storage a step at a time, as the background loop does,
     * searching between steps and writing one new vector at each; answers the phases passed.
     */
    List<String> move(EmbeddingSpace target) throws Exception {
        List<String> phases = new ArrayList<>();
        Random random = new Random(target.storage().ordinal());
        List<UUID> written = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            boolean more = search.convert(target, 16, 64, Duration.ZERO);
            phases.add(phase());
            double recall = recall(target);
            // the signs of 64 components say less than the components: binary finds fewer
            double least = phase().startsWith("binary") ? 0.8 : 0.9;
            assertTrue(recall >= least, "recall@10 " + recall + " at " + phase());
            written.add(write(target, random));
            if (!more && phase().endsWith(":-")) {
                for (UUID id : written) {
                    Match first =
                            search.nearest(
                                            viewer(),
                                            target,
                                            Vector.of(vectors.get(id)),
                                            null,
                                            1,
                                            -1)
                                    .orElseThrow()
                                    .get(0);
                    assertEquals(id, first.recording().id().value(), "written mid-move, found");
                    assertEquals(1.0, first.similarity(), 2e-3);
                }
                return phases;
            }
        }
        throw new AssertionError("no end after 40 steps: " + phases);
    }

    @Test
    void a_populated_space_moves_between_storages_while_it_is_searched_and_written()
            throws Exception {
        populate(FULL);
        assertEquals(List.of("embeddings_hnsw_storage_test_64"), indexes());
        assertEquals(COUNT + "/0", columns());
        assertTrue(recall(FULL) >= 0.9);
        assertFalse(search.convert(FULL, 16, 64, Duration.ZERO), "nothing to move");

        List<String> toHalf = move(HALF);
        assertTrue(
                toHalf.containsAll(
                        List.of("full:copying", "half:switched", "half:clearing", "half:-")),
                toHalf.toString());
        assertEquals(List.of("embeddings_hnsw_storage_test_64_half"), indexes());
        assertEquals("0/" + vectors.size(), columns(), "kept at half precision only");

        List<String> toBinary = move(BINARY);
        assertFalse(toBinary.contains("half:copying"), "the same column: nothing to copy");
        assertEquals(List.of("embeddings_hnsw_storage_test_64_binary"), indexes());
        assertEquals("0/" + vectors.size(), columns());

        move(FULL);
        assertEquals(List.of("embeddings_hnsw_storage_test_64"), indexes());
        assertEquals(vectors.size() + "/0", columns());
        assertEquals(
                vectors.size(),
                Integer.parseInt(
                        query(
                                "SELECT count(*) FROM embeddings WHERE space = 'storage-test'"
                                        + " AND embedding IS NOT NULL AND embedding_half IS NULL")));
    }

    @Test
    void an_empty_space_takes_its_configured_storage_at_once_and_keeps_vectors_there()
            throws Exception {
        search.ensureIndex(BINARY, 16, 64);
        assertEquals(List.of("embeddings_hnsw_storage_test_64_binary"), indexes());
        assertEquals("binary:-", phase());
        vectors = new HashMap<>();
        draw = RandomVectors.lowRank(new Random(3), BINARY.dimensions(), 8);
        Random random = new Random(3);
        UUID id = write(BINARY, random);
        assertEquals("0/1", columns());
        Embedding read = embeddings.find(new RecordingId(id), null, BINARY).orElseThrow();
        assertEquals(vectors.get(id)[0], read.vector().toArray()[0], 1e-2);
        Match self =
                search.nearest(viewer(), BINARY, Vector.of(vectors.get(id)), null, 1, -1)
                        .orElseThrow()
                        .get(0);
        assertEquals(id, self.recording().id().value());

        // emptied and configured otherwise, the space starts over in the new storage
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM embeddings WHERE space = 'storage-test'");
        }
        search.ensureIndex(FULL, 16, 64);
        assertEquals(List.of("embeddings_hnsw_storage_test_64"), indexes());
        assertEquals("full:-", phase());
    }

    @Test
    void one_instance_steps_at_a_time_and_a_build_cut_short_is_taken_again() throws Exception {
        populate(FULL);
        try (Connection other = TestDatabase.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + SpaceStorage.CONVERT_LOCK + ")");
            assertFalse(search.convert(HALF, 16, 64, Duration.ZERO));
            assertEquals("full:-", phase(), "another instance holds the step");
        }
        while (!phase().equals("full:indexing")) {
            assertTrue(search.convert(HALF, 16, 64, Duration.ZERO));
        }
        // an index build a crash cut short leaves an invalid index behind
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(SpaceStorage.createIndex(HALF, Storage.HALF, 16, 64, false));
            s.execute(
                    "UPDATE pg_index SET indisvalid = false WHERE indexrelid ="
                            + " 'embeddings_hnsw_storage_test_64_half'::regclass");
        }
        assertTrue(recall(HALF) >= 0.9, "searches still read the full index");
        search.convert(HALF, 16, 64, Duration.ZERO);
        assertEquals("half:switched", phase());
        assertEquals(
                "true",
                query(
                        "SELECT indisvalid::text FROM pg_index WHERE indexrelid ="
                                + " 'embeddings_hnsw_storage_test_64_half'::regclass"));
        assertTrue(recall(HALF) >= 0.9);
    }

    /**
     * A 1,536-dimension vector stays in its row, at full precision (6 kB) and at half (3 kB): the
     * TOAST table of embeddings stays empty (V29: MAIN storage; pgvector's own EXTERNAL moved every
     * vector of a row past 2 kB out of line, and each read of it went through the TOAST index).
     */
    @Test
    void a_wide_vector_stays_in_its_row_in_either_column() throws Exception {
        // names and a source long enough to be moved out of line themselves, before V31
        EmbeddingSpace full =
                new EmbeddingSpace(
                        "storage-wide-openai-text-embedding-3-small",
                        1536,
                        EmbeddingSpace.Source.EXTERNAL);
        EmbeddingSpace half =
                new EmbeddingSpace(
                                "storage-wide-half-openai-text-embedding-3-small",
                                1536,
                                EmbeddingSpace.Source.EXTERNAL)
                        .withStorage(Storage.HALF);
        search.ensureIndex(full, 16, 64);
        search.ensureIndex(half, 16, 64);
        try {
            Random random = new Random(7);
            Map<UUID, float[]> written = RandomVectors.insert(band.id(), full, 3, random, 0);
            UUID id =
                    RandomVectors.insert(band.id(), half, 1, random, 10).keySet().iterator().next();
            float[] v = RandomVectors.gaussian(random, 1536);
            embeddings.put(
                    new Embedding(
                            new RecordingId(id),
                            null,
                            half,
                            Vector.of(v),
                            "openai/text-embedding-3-small, batch of 2026-12-07",
                            Instant.now()));
            assertEquals(
                    "3/0",
                    query(
                            "SELECT count(embedding) || '/' || count(embedding_half) FROM embeddings"
                                    + " WHERE space = '"
                                    + full.name()
                                    + "'"));
            assertEquals(
                    "0/1",
                    query(
                            "SELECT count(embedding) || '/' || count(embedding_half) FROM embeddings"
                                    + " WHERE space = '"
                                    + half.name()
                                    + "'"));
            assertEquals(
                    "0",
                    query(
                            "SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = 'embeddings'"),
                    "no vector, space or source was moved out of its row");
            UUID first = written.keySet().iterator().next();
            assertEquals(
                    "1.0000",
                    query(
                            "SELECT round((1 - (embedding <=> '"
                                    + new com.pgvector.PGvector(written.get(first))
                                    + "'))::numeric, 4) FROM embeddings e WHERE recording_id = '"
                                    + first
                                    + "'"),
                    "the vector reads back as written");
        } finally {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                for (EmbeddingSpace space : List.of(full, half)) {
                    for (Storage storage : Storage.values()) {
                        s.execute("DROP INDEX IF EXISTS " + SpaceStorage.indexName(space, storage));
                    }
                }
            }
        }
    }

    /** The space's HNSW indexes, by their predicate. */
    static List<String> indexesOf(EmbeddingSpace space) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings'"
                                        + " AND indexdef LIKE '%(space = ''"
                                        + space.name()
                                        + "''::text)%' ORDER BY indexname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * A space whose name is too long for PostgreSQL's 63-byte names: its indexes are named by a
     * shortened name, one per storage, so a move builds the new storage's index instead of taking
     * the old one (cut to the same 63 bytes) for it; an index named before that is dropped.
     */
    @Test
    void a_space_with_a_long_name_has_an_index_of_its_own_for_each_storage() throws Exception {
        String name = "storage-test-" + "long-name-".repeat(5) + "x";
        assertEquals(64, name.length());
        EmbeddingSpace full = new EmbeddingSpace(name, 64, EmbeddingSpace.Source.EXTERNAL);
        EmbeddingSpace half = full.withStorage(Storage.HALF);
        String cut = ("embeddings_hnsw_" + name.replace('-', '_') + "_64").substring(0, 63);
        try {
            draw = RandomVectors.lowRank(new Random(11), 64, 8);
            vectors = new HashMap<>(RandomVectors.insert(band.id(), full, 200, draw, 0));
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                // as a start before this change made it: PostgreSQL cut the name
                s.execute(
                        "CREATE INDEX "
                                + cut
                                + " ON embeddings USING hnsw ((embedding::vector(64))"
                                + " vector_cosine_ops) WHERE space = '"
                                + name
                                + "' AND stem_type IS NULL");
            }
            search.ensureIndex(full, 16, 64);
            List<String> named = indexesOf(full);
            assertEquals(List.of(SpaceStorage.indexName(full, Storage.FULL)), named);
            assertTrue(named.get(0).length() <= 63, named.get(0));
            assertTrue(recall(full) >= 0.9);

            String phase = "";
            for (int step = 0; step < 40 && !phase.equals("half:-"); step++) {
                search.convert(half, 16, 64, Duration.ZERO);
                assertTrue(recall(half) >= 0.9, "recall at step " + step);
                phase =
                        query(
                                "SELECT storage || ':' || coalesce(phase, '-') FROM"
                                        + " embedding_storage WHERE space = '"
                                        + name
                                        + "'");
            }
            assertEquals("half:-", phase, "the move ends");
            assertEquals(List.of(SpaceStorage.indexName(half, Storage.HALF)), indexesOf(half));
            assertTrue(
                    !SpaceStorage.indexName(half, Storage.HALF)
                            .equals(SpaceStorage.indexName(full, Storage.FULL)),
                    "each storage its own name");
        } finally {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                for (String index : indexesOf(full)) {
                    s.execute("DROP INDEX IF EXISTS " + index);
                }
            }
        }
    }
}
