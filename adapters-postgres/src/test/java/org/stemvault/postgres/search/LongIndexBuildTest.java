package org.stemvault.postgres.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.EmbeddingSpace.Storage;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

/**
 * An index build takes as long as it takes: the socket timeout that guards every other statement
 * against a frozen database (here 1 s) does not cut off the build at start-up nor the concurrent
 * one of a move, which PostgreSQL would otherwise finish, or roll back, for a client that is gone.
 * A writer's open transaction makes each build wait 3 s.
 */
@MicronautTest(transactional = false)
class LongIndexBuildTest extends PostgresTestSupport {

    static final EmbeddingSpace FULL =
            new EmbeddingSpace("slow-build", 8, EmbeddingSpace.Source.EXTERNAL);

    @Inject VectorSearch search;
    @Inject Profiles profiles;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("datasources.default.data-source-properties.socketTimeout", "1");
        return properties;
    }

    @BeforeEach
    void noIndex() throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            for (Storage storage : Storage.values()) {
                s.execute("DROP INDEX IF EXISTS " + SpaceStorage.indexName(FULL, storage));
            }
        }
    }

    /** Runs {@code build} while another transaction holds rows of the space for 3 s. */
    static void whileAWriterHoldsTheTable(Runnable build) throws Exception {
        try (Connection writer = TestDatabase.connect()) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute(
                        "UPDATE embeddings SET updated_at = updated_at WHERE space = 'slow-build'");
            }
            Thread release =
                    new Thread(
                            () -> {
                                try {
                                    Thread.sleep(3000);
                                    writer.commit();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            release.start();
            long started = System.nanoTime();
            build.run();
            release.join();
            assertEquals(
                    true,
                    System.nanoTime() - started > Duration.ofMillis(2500).toNanos(),
                    "the build waited for the writer, past the socket timeout");
        }
    }

    static String valid(String index) throws Exception {
        String valid =
                SpaceStorageTest.query(
                        "SELECT i.indisvalid::text FROM pg_index i JOIN pg_class x"
                                + " ON x.oid = i.indexrelid WHERE x.relname = '"
                                + index
                                + "'");
        return valid == null ? "missing" : valid;
    }

    static String phase() throws Exception {
        return SpaceStorageTest.query(
                "SELECT storage || ':' || coalesce(phase, '-') FROM embedding_storage"
                        + " WHERE space = 'slow-build'");
    }

    @Test
    void an_index_build_longer_than_the_socket_timeout_completes_at_start_and_in_a_move()
            throws Exception {
        Profile band = profiles.create(Fixtures.profile("band"));
        RandomVectors.insert(band.id(), FULL, 50, new Random(1), 0);

        whileAWriterHoldsTheTable(() -> search.ensureIndex(FULL, 16, 64));
        assertEquals("true", valid(SpaceStorage.indexName(FULL, Storage.FULL)));

        EmbeddingSpace half = FULL.withStorage(Storage.HALF);
        for (int step = 0; step < 20 && !phase().equals("full:indexing"); step++) {
            search.convert(half, 16, 64, Duration.ZERO);
        }
        assertEquals("full:indexing", phase());
        whileAWriterHoldsTheTable(() -> search.convert(half, 16, 64, Duration.ZERO));
        assertEquals("true", valid(SpaceStorage.indexName(FULL, Storage.HALF)));
        assertEquals("half:switched", phase());
    }
}
