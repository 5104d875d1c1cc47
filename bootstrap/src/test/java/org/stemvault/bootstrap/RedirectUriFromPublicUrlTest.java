package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With {@code STEMVAULT_PUBLIC_URL} set, the {@code redirect_uri} is built from it whatever the
 * request says.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectUriFromPublicUrlTest implements TestPropertyProvider {

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
                RedirectUris.redirectUri(server, Map.of()));
        assertEquals(
                "https://stems.example.org/auth/callback/google",
                RedirectUris.redirectUri(server, RedirectUris.FORGED));
    }
}
