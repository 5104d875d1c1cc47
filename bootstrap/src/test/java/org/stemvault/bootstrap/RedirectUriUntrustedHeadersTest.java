package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without a public URL, forwarded headers do not steer the {@code redirect_uri} unless trusted. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectUriUntrustedHeadersTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @Test
    void forwarded_headers_are_ignored_unless_trusted() throws Exception {
        String own = "http://localhost:" + server.getPort() + "/auth/callback/google";
        assertEquals(own, RedirectUris.redirectUri(server, Map.of()));
        assertEquals(own, RedirectUris.redirectUri(server, RedirectUris.FORGED));
    }
}
