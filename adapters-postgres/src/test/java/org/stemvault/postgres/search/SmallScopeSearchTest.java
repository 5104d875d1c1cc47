package org.stemvault.postgres.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

/**
 * A caller whose profiles hold fewer recordings than {@code stemvault.search.exact-below} is
 * searched by an exact scan of their vectors; one above it by the space's index. The index is made
 * to fail a small scope here (a narrow search, no iterative scan), so only the exact scan can give
 * the small profile's member their full and exact top 10.
 */
@MicronautTest(transactional = false)
class SmallScopeSearchTest extends PostgresTestSupport {

    static final EmbeddingSpace SPACE =
            new EmbeddingSpace("small-scope", 32, EmbeddingSpace.Source.EXTERNAL);
    static final int BIG = 2000;
    static final int SMALL = 40;

    @Inject VectorSearch search;
    @Inject Users users;
    @Inject Profiles profiles;
    @Inject Memberships memberships;

    User small;
    User big;
    Profile bigProfile;
    Profile smallProfile;
    Map<UUID, float[]> smalls;
    Map<UUID, float[]> bigs;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(
                "datasources.default.connection-init-sql",
                "SET hnsw.ef_search = 10; SET hnsw.iterative_scan = off");
        properties.put("stemvault.search.exact-below", "1000");
        return properties;
    }

    @BeforeEach
    void seed() throws Exception {
        search.ensureIndex(SPACE, 16, 64);
        small = users.provision(new Email("small@example.com"), Fixtures.at(0));
        big = users.provision(new Email("big@example.com"), Fixtures.at(0));
        bigProfile = profiles.create(Fixtures.profile("big"));
        smallProfile = profiles.create(Fixtures.profile("small"));
        memberships.grant(new Membership(small.id(), smallProfile.id(), Fixtures.at(0)));
        memberships.grant(new Membership(big.id(), bigProfile.id(), Fixtures.at(0)));
        Random random = new Random(11);
        bigs = RandomVectors.insert(bigProfile.id(), SPACE, BIG, random, 0);
        smalls = RandomVectors.insert(smallProfile.id(), SPACE, SMALL, random, BIG);
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("ANALYZE recordings, embeddings");
        }
    }

    List<UUID> searched(User user, float[] query) {
        SearchQuery q =
                new SearchQuery(
                        SearchQuery.Mode.SEMANTIC,
                        null,
                        Vector.of(query),
                        SPACE.name(),
                        null,
                        10,
                        -1,
                        SearchQuery.Filters.NONE);
        return search.search(viewer(user), q, SPACE, q.vector(), 60).orElseThrow().stream()
                .map(h -> h.recording().id().value())
                .toList();
    }

    static List<UUID> exact(Map<UUID, float[]> vectors, float[] query) {
        return vectors.entrySet().stream()
                .sorted(
                        Comparator.comparingDouble(
                                (Map.Entry<UUID, float[]> e) ->
                                        -RandomVectors.cosine(query, e.getValue())))
                .limit(10)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Test
    void a_small_scope_gets_its_exact_top_10_where_the_index_would_find_almost_none() {
        Random random = new Random(5);
        for (int q = 0; q < 10; q++) {
            float[] query = RandomVectors.gaussian(random, SPACE.dimensions());
            assertEquals(exact(smalls, query), searched(small, query));
        }
    }

    @Test
    void similar_recordings_of_a_small_scope_are_its_exact_nearest_too() {
        Random random = new Random(8);
        for (int q = 0; q < 10; q++) {
            float[] query = RandomVectors.gaussian(random, SPACE.dimensions());
            List<UUID> got =
                    search
                            .nearest(viewer(small), SPACE, Vector.of(query), null, 10, -1)
                            .orElseThrow()
                            .stream()
                            .map(m -> m.recording().id().value())
                            .toList();
            assertEquals(exact(smalls, query), got);
        }
    }

    @Test
    void a_scope_above_the_threshold_is_searched_by_the_index() {
        // the index at ef_search 10 without iterative scan: at most 10, most of them right
        Random random = new Random(6);
        int hits = 0;
        for (int q = 0; q < 10; q++) {
            float[] query = RandomVectors.gaussian(random, SPACE.dimensions());
            List<UUID> got = searched(big, query);
            assertTrue(got.stream().allMatch(bigs::containsKey));
            hits += (int) got.stream().filter(exact(bigs, query)::contains).count();
        }
        assertTrue(hits > 30, "the index found " + hits + " of 100");
    }

    @Test
    void the_count_the_choice_reads_follows_every_change_of_recordings() throws Exception {
        assertEquals(BIG, count("big"));
        assertEquals(SMALL, count("small"));
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            // moved, deleted, inserted, each statement of many rows at once
            s.execute(
                    "UPDATE recordings SET profile_id = '"
                            + smallProfile.id().value()
                            + "' WHERE id IN (SELECT id FROM recordings WHERE profile_id = '"
                            + bigProfile.id().value()
                            + "' LIMIT 100)");
            assertEquals(BIG - 100, count("big"));
            assertEquals(SMALL + 100, count("small"));
            s.execute(
                    "DELETE FROM recordings WHERE id IN (SELECT id FROM recordings WHERE profile_id = '"
                            + smallProfile.id().value()
                            + "' LIMIT 30)");
            assertEquals(SMALL + 70, count("small"));
            s.execute("TRUNCATE recordings CASCADE");
            assertEquals(0, count("big"));
            assertEquals(0, count("small"));
        }
    }

    static long count(String profile) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT recording_count, (SELECT count(*) FROM recordings r WHERE"
                                        + " r.profile_id = p.id) FROM profiles p WHERE p.name = '"
                                        + profile
                                        + "'")) {
            rs.next();
            assertEquals(rs.getLong(2), rs.getLong(1), "the count kept equals the count made");
            return rs.getLong(1);
        }
    }
}
