package org.stemvault.postgres.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.application.fakes.Ports;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Match;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

@MicronautTest(transactional = false)
class VectorSearchContractTest extends PostgresTestSupport {

    static final EmbeddingSpace SPACE =
            new EmbeddingSpace("search-test", 32, EmbeddingSpace.Source.EXTERNAL);
    static final int MINE = 1500;
    static final int THEIRS = 300;

    @Inject VectorSearch search;
    @Inject Users users;
    @Inject Profiles profiles;
    @Inject Memberships memberships;

    User member;
    Map<UUID, float[]> vectors;
    Set<UUID> theirs;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(
                "datasources.default.connection-init-sql",
                "SET hnsw.ef_search = 40; SET hnsw.iterative_scan = relaxed_order");
        // the index is what is tested here (SmallScopeSearchTest: the exact scan of a small scope)
        properties.put("stemvault.search.exact-below", "0");
        return properties;
    }

    @BeforeEach
    void seed() throws Exception {
        search.ensureIndex(SPACE, 16, 64);
        member = users.provision(new Email("member@example.com"), Fixtures.at(0));
        Profile mine = profiles.create(Fixtures.profile("mine"));
        Profile other = profiles.create(Fixtures.profile("other"));
        memberships.grant(new Membership(member.id(), mine.id(), Fixtures.at(0)));
        Random random = new Random(42);
        vectors = new HashMap<>(RandomVectors.insert(mine.id(), SPACE, MINE, random, 0));
        Map<UUID, float[]> others = RandomVectors.insert(other.id(), SPACE, THEIRS, random, MINE);
        theirs = new java.util.HashSet<>(others.keySet());
        vectors.putAll(others);
    }

    List<UUID> exact(float[] query, int k, boolean includeTheirs) {
        return vectors.entrySet().stream()
                .filter(e -> includeTheirs || !theirs.contains(e.getKey()))
                .sorted(
                        Comparator.comparingDouble(
                                (Map.Entry<UUID, float[]> e) ->
                                        -RandomVectors.cosine(query, e.getValue())))
                .limit(k)
                .map(Map.Entry::getKey)
                .toList();
    }

    List<UUID> found(float[] query, int k) {
        return search
                .nearest(viewer(member), SPACE, Vector.of(query), null, k, -1)
                .orElseThrow()
                .stream()
                .map(m -> m.recording().id().value())
                .toList();
    }

    @Test
    void recall_at_10_is_at_least_095_and_nothing_of_a_profile_the_user_may_not_see_is_ranked() {
        Random random = new Random(7);
        int hits = 0;
        int queries = 50;
        for (int q = 0; q < queries; q++) {
            float[] query = RandomVectors.gaussian(random, SPACE.dimensions());
            List<UUID> got = found(query, 10);
            assertEquals(
                    10,
                    got.size(),
                    "the limit is honoured exactly although 1 in 6 candidates is filtered out");
            assertTrue(got.stream().noneMatch(theirs::contains));
            List<UUID> truth = exact(query, 10, false);
            hits += (int) got.stream().filter(truth::contains).count();
        }
        double recall = hits / (10.0 * queries);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void the_nearest_recording_of_another_profile_never_appears_even_as_an_exact_copy() {
        UUID theirsId = theirs.iterator().next();
        List<Match> matches =
                search.nearest(viewer(member), SPACE, Vector.of(vectors.get(theirsId)), null, 5, -1)
                        .orElseThrow();
        assertTrue(matches.stream().noneMatch(m -> m.recording().id().value().equals(theirsId)));
        User admin = users.provision(new Email(Ports.CONFIGURED_ADMIN), Fixtures.at(0));
        List<Match> asAdmin =
                search.nearest(viewer(admin), SPACE, Vector.of(vectors.get(theirsId)), null, 1, -1)
                        .orElseThrow();
        assertEquals(theirsId, asAdmin.get(0).recording().id().value());
        assertEquals(1.0, asAdmin.get(0).similarity(), 1e-5);
    }

    @Test
    void the_threshold_the_exclusion_and_a_missing_user_are_respected() {
        UUID some =
                vectors.keySet().stream()
                        .filter(id -> !theirs.contains(id))
                        .findFirst()
                        .orElseThrow();
        List<Match> self =
                search.nearest(
                                viewer(member),
                                SPACE,
                                Vector.of(vectors.get(some)),
                                new RecordingId(some),
                                5,
                                0.99)
                        .orElseThrow();
        assertTrue(self.isEmpty(), "only itself is that similar, and it is excluded");
        assertTrue(
                search.nearest(
                                new Viewer(UserId.random(), SessionId.random()),
                                SPACE,
                                Vector.of(vectors.get(some)),
                                null,
                                5,
                                0)
                        .isEmpty());
    }

    @Test
    void the_search_statement_uses_the_spaces_hnsw_index() throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement ps =
                        c.prepareStatement("EXPLAIN " + PostgresVectorSearch.nearestSql(SPACE))) {
            ((PostgresVectorSearch) search)
                    .bindNearest(
                            ps,
                            viewer(member),
                            Vector.of(RandomVectors.gaussian(new Random(1), SPACE.dimensions())),
                            null,
                            10,
                            0.5);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(
                    plan.toString().contains("Index Scan using embeddings_hnsw_search_test_32"),
                    plan.toString());
        }
    }

    /** The plan of the search statement for a semantic query with these filters. */
    String searchPlan(SearchQuery.Filters filters) throws Exception {
        SearchQuery q =
                new SearchQuery(
                        SearchQuery.Mode.SEMANTIC,
                        null,
                        Vector.of(RandomVectors.gaussian(new Random(2), SPACE.dimensions())),
                        SPACE.name(),
                        null,
                        10,
                        -1,
                        filters);
        try (Connection c = TestDatabase.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "EXPLAIN "
                                        + PostgresVectorSearch.searchSql(
                                                q.mode(),
                                                SPACE,
                                                PostgresVectorSearch.filters(q.filters())))) {
            ((PostgresVectorSearch) search).bindSearch(ps, viewer(member), q, q.vector(), 60);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void a_search_without_filters_keeps_the_ordered_index_scan_and_one_with_filters_filters()
            throws Exception {
        String plain = searchPlan(SearchQuery.Filters.NONE);
        assertTrue(plain.contains("Index Scan using embeddings_hnsw_search_test_32"), plain);
        assertTrue(
                !plain.contains("lufs_min") && !plain.contains("song_id"),
                "no condition of a filter the search does not set: " + plain);
        String filtered =
                searchPlan(
                        SearchQuery.Filters.NONE
                                .withStemType(new org.stemvault.domain.recording.StemType("vocals"))
                                .withLoudness(-30.0, null));
        assertTrue(filtered.contains("stem_type") && filtered.contains("lufs_min"), filtered);
    }

    @Test
    void
            a_space_whose_dimensions_change_is_refused_while_it_holds_vectors_and_reindexed_once_empty()
                    throws Exception {
        EmbeddingSpace resized =
                new EmbeddingSpace("search-test", 8, EmbeddingSpace.Source.EXTERNAL);
        IllegalStateException refused =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalStateException.class, () -> search.ensureIndex(resized, 16, 64));
        assertTrue(
                refused.getMessage().contains("holds 1800 vectors of other dimensions"),
                refused.getMessage());
        assertEquals(
                MINE + THEIRS, count("SELECT count(*) FROM embeddings"), "nothing was deleted");

        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM embeddings WHERE space = 'search-test'");
        }
        search.ensureIndex(resized, 16, 64);
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'embeddings_hnsw_search%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            assertEquals(List.of("embeddings_hnsw_search_test_8"), names);
        }
    }

    static int count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @org.junit.jupiter.api.AfterAll
    void dropIndexes() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS embeddings_hnsw_search_test_32");
            s.execute("DROP INDEX IF EXISTS embeddings_hnsw_search_test_8");
        }
    }
}
