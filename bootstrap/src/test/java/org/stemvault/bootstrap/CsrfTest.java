package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.TestDatabase;

/**
 * The CSRF rule on every state-changing route a session cookie reaches: the cookie needs {@code
 * X-Requested-With: stemvault} whatever {@code Authorization} header rides along; a foreign Origin
 * or Referer is refused even with it; the existing client's rename and upload pass on their own
 * origin; a bearer token without the cookie passes; a deleted user's cookie answers 401.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfTest implements TestPropertyProvider {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    // Both on loopback: Micronaut itself refuses a foreign origin calling a loopback server before
    // the guard sees it, which would hide the guard's own refusal.
    static final String FRONTEND = "http://localhost:5173";
    static final String FOREIGN = "http://localhost:6666";

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    User admin;
    String adminToken;
    Profile band;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.auth.frontend-url", FRONTEND + "/app");
        return properties;
    }

    @BeforeEach
    void seed() {
        seed.reset();
        admin = seed.admin("admin@example.com");
        adminToken = seed.token(admin);
        band = seed.profile("band");
        seed.take(band, "friday", 0, Seed.stem("vocals", -20.0));
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .method(
                                method,
                                method.equals("PATCH")
                                        ? HttpRequest.BodyPublishers.ofString(
                                                "{\"display_name\":\"Forged\"}")
                                        : HttpRequest.BodyPublishers.noBody())
                        .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    int members() throws Exception {
        return AdminTest.count("SELECT count(*) FROM user_profiles");
    }

    String displayName() throws Exception {
        try (var c = TestDatabase.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT display_name FROM recordings")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static final String GRANT = "/api/admin/profiles/band/members/x@example.com";

    @ParameterizedTest
    @ValueSource(strings = {"Basic eDp5", "Bearer garbage", "Bearer ", ""})
    void an_authorization_header_beside_the_cookie_does_not_skip_the_guard(String authorization)
            throws Exception {
        HttpResponse<String> answer =
                send(
                        "PUT",
                        GRANT,
                        Map.of("Cookie", "JWT=" + adminToken, "Authorization", authorization));
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("X-Requested-With"), answer.body());
        assertEquals(0, members());
    }

    @Test
    void the_guard_covers_library_changes_and_deletes_not_only_the_admin_api() throws Exception {
        Map<String, String> cookie = Map.of("Cookie", "JWT=" + adminToken);
        assertEquals(403, send("PATCH", "/api/profiles/band/files/friday", cookie).statusCode());
        assertEquals(403, send("DELETE", "/api/profiles/band/files/friday", cookie).statusCode());
        assertEquals("Take friday", displayName());
        assertEquals(
                204,
                send(
                                "DELETE",
                                "/api/profiles/band/files/friday",
                                Map.of(
                                        "Cookie",
                                        "JWT=" + adminToken,
                                        "X-Requested-With",
                                        "stemvault"))
                        .statusCode());
    }

    @Test
    void a_foreign_origin_or_referer_is_refused_even_with_the_header() throws Exception {
        for (Map<String, String> foreign :
                new Map[] {
                    Map.of("Origin", FOREIGN), Map.of("Referer", FOREIGN + "/page"),
                }) {
            Map<String, String> headers = new HashMap<>(foreign);
            headers.put("Cookie", "JWT=" + adminToken);
            headers.put("X-Requested-With", "stemvault");
            HttpResponse<String> answer = send("PUT", GRANT, headers);
            assertEquals(403, answer.statusCode(), foreign.toString());
            assertTrue(answer.body().contains("is not accepted"), answer.body());
        }
        // A sandboxed page's opaque origin: Micronaut's own CORS check refuses it first.
        assertEquals(
                403,
                send(
                                "PUT",
                                GRANT,
                                Map.of(
                                        "Cookie", "JWT=" + adminToken,
                                        "X-Requested-With", "stemvault",
                                        "Origin", "null"))
                        .statusCode());
        assertEquals(0, members());
        assertEquals(
                201,
                send(
                                "PUT",
                                GRANT,
                                Map.of(
                                        "Cookie",
                                        "JWT=" + adminToken,
                                        "X-Requested-With",
                                        "stemvault",
                                        "Origin",
                                        FRONTEND))
                        .statusCode());
    }

    @Test
    void the_existing_clients_rename_passes_on_its_own_origin_and_nowhere_else() throws Exception {
        String rename = "/api/profiles/band/files/friday/display-name";
        assertEquals(
                403, send("PATCH", rename, Map.of("Cookie", "JWT=" + adminToken)).statusCode());
        assertEquals(
                403,
                send("PATCH", rename, Map.of("Cookie", "JWT=" + adminToken, "Origin", FOREIGN))
                        .statusCode());
        assertEquals("Take friday", displayName());
        HttpResponse<String> own =
                send("PATCH", rename, Map.of("Cookie", "JWT=" + adminToken, "Origin", FRONTEND));
        assertEquals(200, own.statusCode(), own.body());
        assertEquals("Forged", displayName());
    }

    @Test
    void a_bearer_token_without_the_cookie_needs_no_header() throws Exception {
        assertEquals(
                201,
                send("PUT", GRANT, Map.of("Authorization", "Bearer " + adminToken)).statusCode());
        assertEquals(1, members());
    }

    @Test
    void a_deleted_users_cookie_answers_401_not_the_guards_403() throws Exception {
        try (var c = TestDatabase.connect();
                var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM users WHERE email = 'admin@example.com'");
        }
        HttpResponse<String> answer = send("PUT", GRANT, Map.of("Cookie", "JWT=" + adminToken));
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals(0, members());
    }

    /** The claims of a session token (its user and session), read without checking it. */
    static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @Test
    void the_cookie_with_its_own_token_as_bearer_is_the_same_session_and_passes() throws Exception {
        HttpResponse<String> answer =
                send(
                        "PUT",
                        GRANT,
                        Map.of(
                                "Cookie",
                                "JWT=" + adminToken,
                                "Authorization",
                                "Bearer " + adminToken));
        assertTrue(answer.statusCode() / 100 == 2, answer.statusCode() + " " + answer.body());
        assertEquals(1, members());
    }

    @Test
    void a_bearer_of_another_session_another_user_or_expired_keeps_the_cookie_guarded()
            throws Exception {
        String otherSession = seed.token(admin);
        String otherUser = seed.token(seed.admin("other@example.com"));
        var claims = claims(adminToken);
        String expired =
                TestSessions.token(
                        new UserId(UUID.fromString(claims.getSubject())),
                        new SessionId(UUID.fromString(claims.getStringClaim("sid"))),
                        new Date(System.currentTimeMillis() - 60_000));
        for (String bearer : new String[] {otherSession, otherUser, expired, adminToken + "x"}) {
            HttpResponse<String> answer =
                    send(
                            "PUT",
                            GRANT,
                            Map.of(
                                    "Cookie",
                                    "JWT=" + adminToken,
                                    "Authorization",
                                    "Bearer " + bearer));
            assertEquals(403, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("X-Requested-With"), answer.body());
        }
        assertEquals(0, members());
    }

    @Test
    void the_same_token_twice_of_an_ended_session_is_401() throws Exception {
        send("POST", "/auth/logout", Map.of("Authorization", "Bearer " + adminToken));
        HttpResponse<String> answer =
                send(
                        "PUT",
                        GRANT,
                        Map.of(
                                "Cookie",
                                "JWT=" + adminToken,
                                "Authorization",
                                "Bearer " + adminToken));
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals(0, members());
    }
}
