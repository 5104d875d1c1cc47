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
 * Behind a trusted proxy ({@code STEMVAULT_TRUST_FORWARDED_HEADERS}), its forwarded host is
 * followed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectUriTrustedProxyTest implements TestPropertyProvider {

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
                RedirectUris.redirectUri(
                        server,
                        Map.of("X-Forwarded-Host", "proxy.example", "X-Forwarded-Proto", "https")));
    }
}
