package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A web client served by the service itself, and CORS with credentials for one hosted elsewhere.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebClientTest implements TestPropertyProvider {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ALLOWED = "https://app.example";

    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("stemvault-web");
            Files.writeString(dir.resolve("index.html"), "<!doctype html><title>Stemvault</title>");
            Files.createDirectories(dir.resolve("assets"));
            Files.writeString(dir.resolve("assets/app.js"), "console.log('stems')");
            Map<String, String> properties = new HashMap<>(TestApp.properties());
            properties.put("stemvault.web.dir", dir.toString());
            CorsPolicy.cors(ALLOWED + ", https://other.example")
                    .forEach(
                            (k, v) ->
                                    properties.put(
                                            k,
                                            v instanceof java.util.List<?> list
                                                    ? String.join(
                                                            ",",
                                                            list.stream()
                                                                    .map(String::valueOf)
                                                                    .toList())
                                                    : String.valueOf(v)));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET());
    }

    @Test
    void the_client_is_served_at_the_root_with_its_files_and_index_html_for_its_routes()
            throws Exception {
        assertTrue(get("/").body().contains("<title>Stemvault</title>"));
        assertEquals("console.log('stems')", get("/assets/app.js").body());
        HttpResponse<String> route = get("/profiles/the-band/take-1");
        assertEquals(200, route.statusCode());
        assertTrue(route.body().contains("<title>Stemvault</title>"));
        for (String escape :
                new String[] {
                    "/../../../../etc/passwd",
                    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                    "/assets/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd"
                }) {
            assertTrue(!rawGet(escape).contains("root:"), escape);
        }
    }

    /** A request line as an attacker writes it, bypassing any client-side normalisation. */
    String rawGet(String path) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream()
                    .write(
                            ("GET "
                                            + path
                                            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(
                    socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void api_paths_never_fall_back_to_the_page() throws Exception {
        assertEquals(401, get("/api/nothing-here").statusCode());
        assertEquals(401, get("/api/profiles").statusCode());
        assertEquals(200, get("/auth/status").statusCode());
        assertEquals("{\"authenticated\":false}", get("/auth/status").body());
    }

    @Test
    void a_listed_origin_may_call_with_credentials_and_another_may_not() throws Exception {
        HttpResponse<String> preflight =
                send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/profiles"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", ALLOWED)
                                .header("Access-Control-Request-Method", "GET"));
        assertEquals(
                ALLOWED,
                preflight.headers().firstValue("access-control-allow-origin").orElse(null));
        assertEquals(
                "true",
                preflight.headers().firstValue("access-control-allow-credentials").orElse(null));

        HttpResponse<String> stranger =
                send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/auth/status"))
                                .GET()
                                .header("Origin", "https://evil.example"));
        assertTrue(stranger.headers().firstValue("access-control-allow-origin").isEmpty());
    }
}
