package org.stemvault.postgres.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

/**
 * With a wide enough search (ef_search far above the data's difficulty) the index answers exactly
 * as brute force.
 */
@MicronautTest(transactional = false)
class ExactAtHighEfSearchTest extends PostgresTestSupport {

    static final EmbeddingSpace SPACE =
            new EmbeddingSpace("exact-test", 16, EmbeddingSpace.Source.EXTERNAL);

    @Inject VectorSearch search;
    @Inject Users users;
    @Inject Profiles profiles;
    @Inject Memberships memberships;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(
                "datasources.default.connection-init-sql",
                "SET hnsw.ef_search = 1000; SET hnsw.iterative_scan = strict_order");
        // the index is what is tested here, never the exact scan of a small scope
        properties.put("stemvault.search.exact-below", "0");
        return properties;
    }

    @Test
    void the_top_10_equals_an_exact_brute_force_computation() throws Exception {
        search.ensureIndex(SPACE, 16, 64);
        User member = users.provision(new Email("member@example.com"), Fixtures.at(0));
        Profile mine = profiles.create(Fixtures.profile("mine"));
        memberships.grant(new Membership(member.id(), mine.id(), Fixtures.at(0)));
        Random random = new Random(11);
        Map<UUID, float[]> vectors = RandomVectors.insert(mine.id(), SPACE, 800, random, 0);
        for (int q = 0; q < 20; q++) {
            float[] query = RandomVectors.gaussian(random, SPACE.dimensions());
            List<UUID> exact =
                    vectors.entrySet().stream()
                            .sorted(
                                    Comparator.comparingDouble(
                                            (Map.Entry<UUID, float[]> x) ->
                                                    -RandomVectors.cosine(query, x.getValue())))
                            .limit(10)
                            .map(Map.Entry::getKey)
                            .toList();
            List<UUID> found =
                    search
                            .nearest(viewer(member), SPACE, Vector.of(query), null, 10, -1)
                            .orElseThrow()
                            .stream()
                            .map(m -> m.recording().id().value())
                            .toList();
            assertEquals(exact, found, "query " + q);
        }
    }

    @AfterAll
    static void dropIndex() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS embeddings_hnsw_exact_test_16");
        }
    }
}
