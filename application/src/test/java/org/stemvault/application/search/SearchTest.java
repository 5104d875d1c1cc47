package org.stemvault.application.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.fakes.World;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.TextEmbedder;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.worker.WorkerTokenId;

class SearchTest {

    static final EmbeddingSpace AUDIO =
            new EmbeddingSpace("audio", 3, EmbeddingSpace.Source.EXTERNAL);
    static final EmbeddingSpace TEXT = new EmbeddingSpace("text", 3, EmbeddingSpace.Source.TEXT);

    /**
     * A test stand-in for a text model: "loud" and "quiet" point different ways; nothing is
     * learned.
     */
    static final TextEmbedder STAND_IN_TEXT_MODEL =
            new TextEmbedder() {
                @Override
                public int dimensions() {
                    return 3;
                }

                @Override
                public Vector embed(String text) {
                    return text.contains("loud") ? Vector.of(1, 0, 0) : Vector.of(0, 1, 0);
                }
            };

    final World world = new World();
    final Spaces spaces = new Spaces(List.of(AUDIO, TEXT));
    final TextIndex textIndex =
            new TextIndex(
                    spaces.text(),
                    world.ports.embeddingJobs(),
                    world.ports.recordings(),
                    world.ports.embeddings(),
                    () -> STAND_IN_TEXT_MODEL,
                    world.clock);
    final Search search =
            new Search(
                    spaces,
                    world.ports.embeddings(),
                    world.ports.vectorSearch(),
                    world.ports.catalogue(),
                    textIndex,
                    60);
    final Vectors vectors =
            new Vectors(
                    spaces,
                    world.ports.embeddings(),
                    world.ports.catalogue(),
                    world.ports.profiles(),
                    world.ports.recordings(),
                    world.ports.transactions(),
                    world.clock);

    final Profile band = world.profile("band");
    final Profile attic = world.profile("attic");
    final Principal member = world.principal(world.user("member@example.com"));
    final Recording loud = world.take(band, "loud", 1);
    final Recording quiet = world.take(band, "quiet", 2);
    final Recording hidden = world.take(attic, "hidden", 3);

    {
        world.grant(world.ports.users().byId(member.id()).orElseThrow(), band);
        WorkerCaller worker = new WorkerCaller(WorkerTokenId.random());
        vectors.put(worker, "band", "loud", null, "audio", Vector.of(1, 0, 0), "test");
        vectors.put(worker, "band", "quiet", null, "audio", Vector.of(0, 1, 0), "test");
        vectors.put(worker, "attic", "hidden", null, "audio", Vector.of(1, 0, 0), "test");
        textIndex.backfill(TEXT, n -> {});
    }

    static SearchQuery semantic(String space, Vector vector, String text) {
        return new SearchQuery(SearchQuery.Mode.SEMANTIC, text, vector, space, null, 10, -1, null);
    }

    List<String> names(Search.Searched<Hit> found) {
        assertNull(found.id(), "no search id while feedback is off");
        return found.results().stream().map(h -> h.recording().outputName().value()).toList();
    }

    @Test
    void a_search_ranks_only_the_viewers_profiles() {
        assertEquals(
                List.of("loud", "quiet"),
                names(
                        search.search(
                                member.viewer(), semantic("audio", Vector.of(1, 0.1f, 0), null))));
    }

    @Test
    void a_text_query_is_embedded_in_a_text_space_and_refused_in_another() {
        assertEquals(
                "loud",
                names(search.search(member.viewer(), semantic("text", null, "Take loud"))).get(0));
        Invalid refused =
                assertThrows(
                        Invalid.class,
                        () -> search.search(member.viewer(), semantic("audio", null, "loud")));
        assertEquals("vector", refused.field());
    }

    @Test
    void an_unknown_space_and_a_vector_of_other_dimensions_are_refused_naming_the_field() {
        assertEquals(
                "space",
                assertThrows(
                                Invalid.class,
                                () ->
                                        search.search(
                                                member.viewer(),
                                                semantic("nope", Vector.of(1, 0, 0), null)))
                        .field());
        assertEquals(
                "vector",
                assertThrows(
                                Invalid.class,
                                () ->
                                        search.search(
                                                member.viewer(),
                                                semantic("audio", Vector.of(1, 0), null)))
                        .field());
    }

    @Test
    void a_query_checks_itself_before_any_search() {
        assertEquals(
                "query",
                assertThrows(
                                Invalid.class,
                                () ->
                                        new SearchQuery(
                                                SearchQuery.Mode.FULLTEXT,
                                                "  ",
                                                null,
                                                null,
                                                null,
                                                10,
                                                -1,
                                                null))
                        .field());
        assertEquals(
                "limit",
                assertThrows(
                                Invalid.class,
                                () ->
                                        new SearchQuery(
                                                SearchQuery.Mode.FULLTEXT,
                                                "x",
                                                null,
                                                null,
                                                null,
                                                0,
                                                -1,
                                                null))
                        .field());
        assertEquals(
                "min_similarity",
                assertThrows(
                                Invalid.class,
                                () ->
                                        new SearchQuery(
                                                SearchQuery.Mode.FULLTEXT,
                                                "x",
                                                null,
                                                null,
                                                null,
                                                10,
                                                2,
                                                null))
                        .field());
        assertEquals(
                "query",
                assertThrows(
                                Invalid.class,
                                () ->
                                        new SearchQuery(
                                                SearchQuery.Mode.FULLTEXT,
                                                "a\u0000b",
                                                null,
                                                null,
                                                null,
                                                10,
                                                -1,
                                                null))
                        .field());
        assertEquals(
                "filters.lufs_min",
                assertThrows(
                                Invalid.class,
                                () -> SearchQuery.Filters.NONE.withLoudness(Double.NaN, null))
                        .field());
    }

    @Test
    void similar_recordings_exclude_the_recording_itself_and_other_profiles() {
        assertEquals(
                List.of("quiet"),
                search.similar(member, "band", "loud", "audio", 10, 0).results().stream()
                        .map(m -> m.recording().outputName().value())
                        .toList());
        assertThrows(
                NotFound.class, () -> search.similar(member, "attic", "hidden", "audio", 10, 0));
        assertEquals(
                "limit",
                assertThrows(
                                Invalid.class,
                                () -> search.similar(member, "band", "loud", "audio", 0, 0))
                        .field());
        assertEquals(
                "min_similarity",
                assertThrows(
                                Invalid.class,
                                () -> search.similar(member, "band", "loud", "audio", 10, 1.5))
                        .field());
    }

    @Test
    void a_member_stores_a_stems_vector_but_not_in_a_profile_they_cannot_see() {
        vectors.put(member, "band", "loud", "vocals", "audio", Vector.of(0, 0, 1), null);
        assertThrows(
                NotFound.class,
                () ->
                        vectors.put(
                                member,
                                "band",
                                "loud",
                                "kazoo",
                                "audio",
                                Vector.of(0, 0, 1),
                                null));
        assertThrows(
                NotFound.class,
                () ->
                        vectors.put(
                                member,
                                "attic",
                                "hidden",
                                null,
                                "audio",
                                Vector.of(0, 0, 1),
                                null));
        assertEquals(
                "vector",
                assertThrows(
                                Invalid.class,
                                () ->
                                        vectors.put(
                                                member,
                                                "band",
                                                "loud",
                                                null,
                                                "audio",
                                                Vector.of(1, 0),
                                                null))
                        .field());
    }

    @Test
    void filters_apply_to_the_ranked_recordings() {
        SearchQuery recent =
                new SearchQuery(
                        SearchQuery.Mode.SEMANTIC,
                        null,
                        Vector.of(1, 0, 0),
                        "audio",
                        Set.of(band.name()),
                        10,
                        -1,
                        SearchQuery.Filters.NONE.withCreated(loud.createdAt(), Instant.MAX));
        assertEquals(List.of("quiet"), names(search.search(member.viewer(), recent)));
    }

    @Test
    void a_drain_told_to_stop_embeds_the_one_it_is_on_and_hands_the_rest_back() {
        world.ports.embeddingJobs().enqueue(loud.id(), TEXT.name(), world.clock.instant());
        world.ports.embeddingJobs().enqueue(quiet.id(), TEXT.name(), world.clock.instant());
        int before = world.ports.embeddingJobs().pending();
        java.util.concurrent.atomic.AtomicInteger asked =
                new java.util.concurrent.atomic.AtomicInteger();

        int done = textIndex.drain(32, () -> asked.incrementAndGet() > 1);

        assertEquals(1, done, "the first job is embedded; then the worker is stopping");
        assertEquals(before - 1, world.ports.embeddingJobs().pending());
        var again =
                world.ports
                        .embeddingJobs()
                        .claim(32, world.clock.instant(), world.clock.instant().plusSeconds(60));
        assertEquals(before - 1, again.size(), "handed back: due at once, not after the lease");
        assertTrue(again.stream().allMatch(j -> j.attempts() == 1), "the hand-back was no attempt");
    }
}
