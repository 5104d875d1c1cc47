package org.stemvault.bootstrap;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OpenID Connect provider on loopback for the whole test run (mock-oauth2-server), with the
 * same interactive sign-in page a developer sees ({@code scripts/dev-oidc/login.html}).
 */
final class TestOidc {

    static final String CLIENT_ID = "stemvault-test";
    static final String CLIENT_SECRET = "stemvault-test-secret";
    private static MockOAuth2Server server;

    private TestOidc() {}

    static synchronized MockOAuth2Server server() {
        if (server == null) {
            Path page =
                    Path.of("..", "scripts", "dev-oidc", "login.html").toAbsolutePath().normalize();
            if (!Files.isRegularFile(page)) {
                throw new IllegalStateException("the development sign-in page is missing: " + page);
            }
            String json =
                    "{\"interactiveLogin\": true, \"httpServer\": \"NettyWrapper\", \"loginPagePath\": \""
                            + page.toString().replace("\\", "\\\\")
                            + "\"}";
            MockOAuth2Server started = new MockOAuth2Server(OAuth2Config.Companion.fromJson(json));
            started.start(InetAddress.getLoopbackAddress(), 0);
            server = started;
        }
        return server;
    }

    static String issuer() {
        return server().issuerUrl("google").toString().replaceAll("/$", "");
    }

    /** The service's OAuth client settings for this provider. */
    static Map<String, String> properties() {
        return Map.of(
                "micronaut.security.oauth2.clients.google.client-id", CLIENT_ID,
                "micronaut.security.oauth2.clients.google.client-secret", CLIENT_SECRET,
                "micronaut.security.oauth2.clients.google.openid.issuer", issuer());
    }

    /** The same settings as environment variables, for a service in a child process. */
    static Map<String, String> environment() {
        return Map.of(
                "GOOGLE_CLIENT_ID",
                CLIENT_ID,
                "GOOGLE_CLIENT_SECRET",
                CLIENT_SECRET,
                "GOOGLE_ISSUER",
                issuer());
    }
}
