package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A web client hosted on another origin listed in {@code STEMVAULT_CORS_ORIGINS} (configured as the
 * launcher does it): its rename passes the CSRF guard on its own origin; an unlisted origin's does
 * not.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfCorsOriginTest implements TestPropertyProvider {

    static final String LISTED = "http://localhost:7777";

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    String member;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        CorsPolicy.cors(LISTED + ", http://localhost:7778")
                .forEach((key, value) -> properties.put(key, listOrString(value)));
        return properties;
    }

    static String listOrString(Object value) {
        return value instanceof java.util.List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    @BeforeEach
    void seed() {
        seed.reset();
        var band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        seed.take(band, "friday", 0, Seed.stem("vocals", -20.0));
    }

    int rename(String origin) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        server.getURL()
                                                + "/api/profiles/band/files/friday/display-name"))
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofString("{\"display_name\":\"Fri\"}"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", "JWT=" + member)
                        .header("Origin", origin)
                        .build();
        return Api.HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void a_listed_origin_may_read_the_tag_cursor_and_search_id_headers() throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.getURL() + "/api/profiles/band/files"))
                        .header("Authorization", "Bearer " + member)
                        .header("Origin", LISTED)
                        .build();
        HttpResponse<String> answer = Api.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        String exposed =
                String.join(",", answer.headers().allValues("Access-Control-Expose-Headers"));
        for (String header : java.util.List.of("ETag", "X-Next-Cursor", "X-Search-Id")) {
            assertTrue(exposed.contains(header), header + " in '" + exposed + "'");
        }
    }

    @Test
    void a_listed_origin_renames_and_an_unlisted_one_does_not() throws Exception {
        assertEquals(403, rename("http://localhost:6666"));
        assertEquals(200, rename(LISTED));
    }
}
