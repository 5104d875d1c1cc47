package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code redirect_uri} sent to the identity provider: from {@code STEMVAULT_PUBLIC_URL} when
 * set, whatever the request says; without it, forwarded headers count only when trusted.
 */
class RedirectUriTest {

    static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static String redirectUri(EmbeddedServer server, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + "/auth/login")).GET();
        headers.forEach(request::header);
        HttpResponse<String> answer =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("redirect_uri=")) {
                return URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no redirect_uri in " + location);
    }

    static final Map<String, String> FORGED =
            Map.of(
                    "X-Forwarded-Host", "evil.example",
                    "X-Forwarded-Proto", "https",
                    "Forwarded", "host=evil.example;proto=https");

    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class WithAPublicUrl implements TestPropertyProvider {

        @Inject EmbeddedServer server;

        @Override
        public Map<String, String> getProperties() {
            Map<String, String> properties = new HashMap<>(TestApp.properties());
            properties.put("stemvault.http.public-url", "https://stems.example.org/");
            return properties;
        }

        @Test
        void the_public_url_is_used_whatever_the_request_says() throws Exception {
            assertEquals(
                    "https://stems.example.org/auth/callback/google",
                    redirectUri(server, Map.of()));
            assertEquals(
                    "https://stems.example.org/auth/callback/google", redirectUri(server, FORGED));
        }
    }

    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class WithoutOne implements TestPropertyProvider {

        @Inject EmbeddedServer server;

        @Override
        public Map<String, String> getProperties() {
            return TestApp.properties();
        }

        @Test
        void forwarded_headers_are_ignored_unless_trusted() throws Exception {
            String own = "http://localhost:" + server.getPort() + "/auth/callback/google";
            assertEquals(own, redirectUri(server, Map.of()));
            assertEquals(own, redirectUri(server, FORGED));
        }
    }

    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class TrustingAProxy implements TestPropertyProvider {

        @Inject EmbeddedServer server;

        @Override
        public Map<String, String> getProperties() {
            Map<String, String> properties = new HashMap<>(TestApp.properties());
            properties.put("stemvault.http.trust-forwarded-headers", "true");
            return properties;
        }

        @Test
        void a_trusted_proxys_forwarded_host_is_followed() throws Exception {
            assertEquals(
                    "https://proxy.example/auth/callback/google",
                    redirectUri(
                            server,
                            Map.of(
                                    "X-Forwarded-Host",
                                    "proxy.example",
                                    "X-Forwarded-Proto",
                                    "https")));
        }
    }
}
