package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;

/** Storing vectors per space and asking for "more like this", over HTTP. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarityTest implements TestPropertyProvider {

    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Profiles profiles;

    String member;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @BeforeEach
    void seed() {
        seed.reset();
        Profile band = seed.profile("band");
        Profile other = seed.profile("other");
        member = seed.memberOf(band, "member@example.com");
        for (String name : List.of("a", "b", "c", "d")) {
            seed.take(band, name, 0, Seed.stem("vocals", -1.0));
        }
        seed.take(other, "x", 0);
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return Api.call(server, method, path, member, json);
    }

    void put(String file, String vector) throws Exception {
        HttpResponse<String> r =
                call(
                        "PUT",
                        "/api/profiles/band/files/" + file + "/embeddings/audio",
                        "{\"vector\":" + vector + ",\"source\":\"clap\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void similar_recordings_come_best_first_above_the_threshold_without_the_recording_itself()
            throws Exception {
        put("a", "[1,0,0,0]");
        put("b", "[0.9,0.1,0,0]");
        put("c", "[0.6,0.8,0,0]");
        put("d", "[0,0,0,1]");

        HttpResponse<String> similar =
                call(
                        "GET",
                        "/api/profiles/band/files/a/similar?space=audio&min_similarity=0.5",
                        null);

        assertEquals(200, similar.statusCode(), similar.body());
        String body = similar.body();
        assertTrue(body.startsWith("[{\"file\":{\"name\":\"b\""), body);
        assertTrue(body.indexOf("\"name\":\"c\"") > body.indexOf("\"name\":\"b\""), body);
        assertTrue(!body.contains("\"name\":\"a\"") && !body.contains("\"name\":\"d\""), body);
        assertTrue(
                call(
                                        "GET",
                                        "/api/profiles/band/files/a/similar?space=audio&limit=1&min_similarity=0",
                                        null)
                                .body()
                                .split("\"similarity\"")
                                .length
                        == 2);
    }

    @Test
    void a_stems_vector_is_stored_for_that_stem_only() throws Exception {
        HttpResponse<String> r =
                call(
                        "PUT",
                        "/api/profiles/band/files/a/stems/vocals/embeddings/audio",
                        "{\"vector\":[0,1,0,0]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"stem_type\":\"vocals\""), r.body());
        assertEquals(
                404,
                call(
                                "PUT",
                                "/api/profiles/band/files/a/stems/drums/embeddings/audio",
                                "{\"vector\":[0,1,0,0]}")
                        .statusCode());
    }

    @Test
    void bad_vectors_are_400_naming_the_field_and_other_profiles_are_404() throws Exception {
        for (Map.Entry<String, String> bad :
                Map.of(
                                "{\"vector\":[1,2,3]}",
                                "vector",
                                "{\"vector\":[0,0,0,0]}",
                                "vector",
                                "{\"vector\":[1,\"2\",3,4]}",
                                "vector",
                                "{\"vector\":\"1,2,3,4\"}",
                                "vector",
                                "{}",
                                "vector")
                        .entrySet()) {
            HttpResponse<String> r =
                    call("PUT", "/api/profiles/band/files/a/embeddings/audio", bad.getKey());
            assertEquals(400, r.statusCode(), bad.getKey() + " -> " + r.body());
            assertTrue(r.body().contains("\"field\":\"" + bad.getValue() + "\""), r.body());
        }
        assertEquals(
                400,
                call(
                                "PUT",
                                "/api/profiles/band/files/a/embeddings/audio",
                                "{\"vector\":[NaN,1,2,3]}")
                        .statusCode());
        HttpResponse<String> unknown =
                call("PUT", "/api/profiles/band/files/a/embeddings/nope", "{\"vector\":[1,2,3,4]}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("\"field\":\"space\""), unknown.body());
        assertEquals(
                404,
                call(
                                "PUT",
                                "/api/profiles/other/files/x/embeddings/audio",
                                "{\"vector\":[1,2,3,4]}")
                        .statusCode());
        assertEquals(
                404,
                call("GET", "/api/profiles/band/files/b/similar?space=audio", null).statusCode(),
                "a recording without a vector in the space has nothing to compare");
    }
}
