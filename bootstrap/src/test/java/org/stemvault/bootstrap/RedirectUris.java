package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the {@code redirect_uri} the service sends to the identity provider; {@link #FORGED} are
 * the headers a client could forge to steer it.
 */
final class RedirectUris {

    private RedirectUris() {}

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
}
