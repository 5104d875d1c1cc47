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

    /**
     * A refresh token the provider issued to the service's client for {@code email}, by the
     * authorization code flow (as the Drive consent gets one), for tests that seed a Drive grant.
     */
    static String refreshToken(String email) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String authorize =
                    issuer()
                            + "/authorize?client_id="
                            + CLIENT_ID
                            + "&response_type=code&scope=openid%20email&state=s&nonce=n"
                            + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb";
            String form =
                    "username="
                            + java.net.URLEncoder.encode(
                                    email, java.nio.charset.StandardCharsets.UTF_8)
                            + "&claims="
                            + java.net.URLEncoder.encode(
                                    "{\"email\": \"" + email + "\"}",
                                    java.nio.charset.StandardCharsets.UTF_8);
            java.net.http.HttpResponse<String> signedIn =
                    http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(authorize))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            String location = signedIn.headers().firstValue("Location").orElseThrow();
            java.util.regex.Matcher code =
                    java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(location);
            if (!code.find()) {
                throw new IllegalStateException("no code in " + location);
            }
            java.net.http.HttpResponse<String> tokens =
                    http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(issuer() + "/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(
                                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "grant_type=authorization_code&code="
                                                            + code.group(1)
                                                            + "&client_id="
                                                            + CLIENT_ID
                                                            + "&client_secret="
                                                            + CLIENT_SECRET
                                                            + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(tokens.body())
                    .path("refresh_token")
                    .asText();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
