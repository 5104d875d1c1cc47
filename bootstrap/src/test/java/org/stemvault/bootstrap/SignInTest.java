package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.User;
import org.stemvault.postgres.TestDatabase;

/**
 * The whole login against a real OpenID provider on loopback, hop by hop: the service's redirect,
 * the provider's sign-in form, the callback, the session cookie; and every way to get it wrong.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @BeforeEach
    void empty() {
        TestDatabase.truncateAll();
    }

    String base() {
        return server.getURL().toString();
    }

    static String claims(String email, boolean verified, String name) {
        return "{\"email\": \""
                + email
                + "\", \"email_verified\": "
                + verified
                + ", \"name\": \""
                + name
                + "\", \"picture\": \"https://pictures.test/"
                + name
                + ".png\"}";
    }

    /**
     * A login begun and signed in at the provider: the browser is about to open the callback URL.
     */
    record Started(Browser browser, String callback) {}

    Started begin(String username, String claimsJson) {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(base() + "/auth/login");
        assertEquals(302, login.statusCode());
        String authorize = Browser.location(login);
        assertTrue(authorize.startsWith(TestOidc.issuer() + "/authorize?"), authorize);
        for (String parameter :
                List.of("state=", "nonce=", "code_challenge=", "code_challenge_method=S256")) {
            assertTrue(
                    authorize.contains(parameter),
                    "the authorization request carries " + parameter);
        }
        assertEquals(
                200, browser.get(authorize).statusCode(), "the provider shows its sign-in page");
        HttpResponse<String> signedIn =
                browser.postForm(authorize, Map.of("username", username, "claims", claimsJson));
        assertEquals(302, signedIn.statusCode());
        String callback = Browser.location(signedIn);
        assertTrue(callback.startsWith(base() + "/auth/callback/google?"), callback);
        return new Started(browser, callback);
    }

    /** A whole successful login; answers the signed-in browser. */
    Browser signIn(String email, String name) {
        Started started = begin(email, claims(email, true, name));
        HttpResponse<String> callback = started.browser().get(started.callback());
        assertLanded(callback);
        String session =
                Browser.setCookies(callback).stream()
                        .filter(c -> c.startsWith("JWT="))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no session cookie"));
        assertTrue(session.contains("HTTPOnly") || session.contains("HttpOnly"), session);
        assertTrue(session.contains("Path=/"), session);
        return started.browser();
    }

    /**
     * A login that ended well, with the default delivery (both): 302 to the frontend with the
     * session token in the fragment, the same token as the session cookie.
     */
    static void assertLanded(HttpResponse<String> callback) {
        assertEquals(302, callback.statusCode());
        String cookie =
                Browser.setCookies(callback).stream()
                        .filter(c -> c.startsWith("JWT="))
                        .map(c -> c.substring(4, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no session cookie"));
        assertEquals(TestApp.FRONTEND + "#token=" + cookie, Browser.location(callback));
    }

    @Test
    void the_token_delivery_setting_sends_the_token_as_cookie_fragment_or_both() throws Exception {
        for (String delivery : List.of("cookie", "fragment")) {
            Map<String, Object> properties = new java.util.HashMap<>(TestApp.properties());
            properties.put("micronaut.server.port", "-1");
            properties.put("stemvault.auth.token-delivery", delivery);
            try (EmbeddedServer second =
                    io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, properties)) {
                String email = delivery + "@example.com";
                Started started = begin(email, claims(email, true, "Kim"));
                HttpResponse<String> callback =
                        started.browser()
                                .get(
                                        started.callback()
                                                .replace(base(), second.getURL().toString()));
                assertEquals(302, callback.statusCode());
                String location = Browser.location(callback);
                if (delivery.equals("cookie")) {
                    assertEquals(TestApp.FRONTEND, location);
                    assertTrue(started.browser().cookies.containsKey("JWT"));
                } else {
                    assertTrue(location.startsWith(TestApp.FRONTEND + "#token="), location);
                    assertFalse(started.browser().cookies.containsKey("JWT"), "no cookie");
                    String token = location.substring(location.indexOf("#token=") + 7);
                    Browser bearer = new Browser();
                    String status = bearer.get(base() + "/auth/status", token).body();
                    assertTrue(status.contains(email), status);
                    // logout by GET with the bearer alone ends that session, as the client does it
                    assertEquals(200, bearer.get(base() + "/auth/logout", token).statusCode());
                    assertEquals(
                            "{\"authenticated\":false}",
                            bearer.get(base() + "/auth/status", token).body());
                }
            }
        }
    }

    static void assertRefused(HttpResponse<String> callback) {
        assertEquals(302, callback.statusCode());
        assertTrue(
                Browser.location(callback).startsWith(TestApp.FRONTEND + "?error="),
                Browser.location(callback));
        assertTrue(
                Browser.setCookies(callback).stream()
                        .noneMatch(c -> c.startsWith("JWT=") && !c.startsWith("JWT=;")),
                "a refused login sets no session cookie");
    }

    static List<Map<String, Object>> users() throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT id, email, name, created_at, last_login_at FROM users")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(
                        Map.of(
                                "id",
                                rs.getString("id"),
                                "email",
                                rs.getString("email"),
                                "name",
                                rs.getString("name"),
                                "created_at",
                                rs.getTimestamp("created_at"),
                                "last_login_at",
                                rs.getTimestamp("last_login_at")));
            }
            return rows;
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void a_claimed_name_with_control_characters_signs_in_and_is_kept_without_them()
            throws Exception {
        // JSON escapes in the claims: the ID token's name holds a NUL, a line break and a C1
        // control
        signIn("nul@example.com", "Nul\\u0000Name\\nX\\u0085");
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, picture_url FROM users")) {
            assertTrue(rs.next());
            assertEquals("Nul Name X", rs.getString("name"));
            assertNull(
                    rs.getString("picture_url"), "the claimed picture URL held the same controls");
            assertFalse(rs.next());
        }
    }

    @Test
    void
            a_first_login_creates_the_user_and_a_later_one_refreshes_name_and_last_login_but_keeps_id_and_created_at()
                    throws Exception {
        Browser first = signIn("Ada@Example.com", "Ada");
        assertTrue(
                first.get(base() + "/auth/status")
                        .body()
                        .contains("\"email\":\"ada@example.com\""));
        Map<String, Object> created = users().get(0);
        assertEquals("ada@example.com", created.get("email"));
        assertEquals("Ada", created.get("name"));

        Thread.sleep(5);
        signIn("ada@example.com", "Ada Lovelace");

        List<Map<String, Object>> after = users();
        assertEquals(1, after.size());
        Map<String, Object> refreshed = after.get(0);
        assertEquals(created.get("id"), refreshed.get("id"));
        assertEquals(created.get("created_at"), refreshed.get("created_at"));
        assertEquals("Ada Lovelace", refreshed.get("name"));
        assertTrue(
                ((Timestamp) refreshed.get("last_login_at"))
                        .after((Timestamp) created.get("last_login_at")));
    }

    @Test
    void status_says_who_is_signed_in_and_logout_ends_it() {
        Browser anonymous = new Browser();
        assertEquals("{\"authenticated\":false}", anonymous.get(base() + "/auth/status").body());

        Browser browser = signIn("bob@example.com", "Bob");
        String status = browser.get(base() + "/auth/status").body();
        assertTrue(status.startsWith("{\"authenticated\":true,\"user\":{\"id\":\""), status);
        assertTrue(
                status.contains(
                        "\"name\":\"Bob\",\"email\":\"bob@example.com\",\"picture\":\"https://pictures.test/Bob.png\""),
                status);

        // The same token, verified a moment ago and so in the cache of verified tokens, replayed
        // after the logout: the cache holds only the signature check, the session is read anew.
        Browser copied = new Browser(browser.cookies);
        assertEquals(200, copied.get(base() + "/api/profiles").statusCode());
        HttpResponse<String> logout = browser.post(base() + "/auth/logout");
        assertEquals(200, logout.statusCode());
        assertEquals("{\"success\":true}", logout.body());
        assertEquals(401, copied.get(base() + "/api/profiles").statusCode());
        assertEquals("{\"authenticated\":false}", copied.get(base() + "/auth/status").body());
        assertTrue(
                Browser.setCookies(logout).stream()
                        .anyMatch(c -> c.startsWith("JWT=;") && c.contains("Max-Age=0")));
        assertFalse(browser.cookies.containsKey("JWT"));
        assertEquals("{\"authenticated\":false}", browser.get(base() + "/auth/status").body());
    }

    @Test
    void logout_also_answers_get() {
        Browser browser = signIn("carol@example.com", "Carol");
        HttpResponse<String> logout = browser.get(base() + "/auth/logout");
        assertEquals(200, logout.statusCode());
        assertEquals("{\"authenticated\":false}", browser.get(base() + "/auth/status").body());
    }

    @Test
    void a_login_begun_on_one_instance_finishes_on_another() throws Exception {
        Map<String, Object> properties = new java.util.HashMap<>(TestApp.properties());
        properties.put("micronaut.server.port", "-1");
        try (EmbeddedServer second =
                io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, properties)) {
            Started started = begin("kim@example.com", claims("kim@example.com", true, "Kim"));
            String elsewhere = started.callback().replace(base(), second.getURL().toString());
            assertNotEquals(started.callback(), elsewhere);

            HttpResponse<String> callback = started.browser().get(elsewhere);

            assertLanded(callback);
            assertTrue(
                    started.browser()
                            .get(base() + "/auth/status")
                            .body()
                            .contains("kim@example.com"),
                    "the session made by the second instance is good on the first");
        }
        assertEquals(1, users().size());
    }

    @Test
    void a_tampered_state_is_refused_and_writes_no_user() throws Exception {
        Started started = begin("mallory@example.com", claims("mallory@example.com", true, "M"));
        String tampered = started.callback().replaceFirst("state=([^&]+)", "state=$1x");
        assertNotEquals(started.callback(), tampered);
        assertRefused(started.browser().get(tampered));
        assertEquals(0, users().size());
    }

    @Test
    void a_state_from_another_browser_is_refused() throws Exception {
        Started victim = begin("victim@example.com", claims("victim@example.com", true, "V"));
        Started attacker = begin("attacker@example.com", claims("attacker@example.com", true, "A"));
        String crossed =
                victim.callback()
                        .replaceFirst(
                                "state=[^&]+",
                                attacker.callback().replaceFirst(".*(state=[^&]+).*", "$1"));
        assertRefused(victim.browser().get(crossed));
        assertEquals(0, users().size());
    }

    @Test
    void a_replayed_callback_is_refused_even_with_the_original_cookies() throws Exception {
        Started started = begin("dave@example.com", claims("dave@example.com", true, "Dave"));
        Browser copy = started.browser().copy();
        assertEquals(302, started.browser().get(started.callback()).statusCode());
        assertEquals(1, users().size());

        assertRefused(copy.get(started.callback()));
        assertEquals(1, users().size());
    }

    @Test
    void a_wrong_nonce_is_refused() throws Exception {
        Started started = begin("erin@example.com", claims("erin@example.com", true, "Erin"));
        assertTrue(started.browser().cookies.containsKey("OPENID_NONCE"));
        started.browser().cookies.put("OPENID_NONCE", "not-the-nonce-that-was-sent");
        assertRefused(started.browser().get(started.callback()));
        assertEquals(0, users().size());
    }

    @Test
    void a_missing_pkce_verifier_is_refused() throws Exception {
        Started started = begin("frank@example.com", claims("frank@example.com", true, "Frank"));
        assertTrue(started.browser().cookies.containsKey("OAUTH2_PKCE"));
        started.browser().cookies.remove("OAUTH2_PKCE");
        assertRefused(started.browser().get(started.callback()));
        assertEquals(0, users().size());
    }

    @Test
    void an_unverified_email_is_refused_and_writes_no_user() throws Exception {
        Started started = begin("grace@example.com", claims("grace@example.com", false, "Grace"));
        HttpResponse<String> callback = started.browser().get(started.callback());
        assertRefused(callback);
        assertEquals(TestApp.FRONTEND + "?error=email_not_verified", Browser.location(callback));
        assertEquals(0, users().size());
    }

    @Test
    void twenty_parallel_first_logins_of_one_email_in_different_cases_make_one_user()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String email = i % 2 == 0 ? "same@example.com" : "SAME@Example.COM";
                logins.add(
                        () -> {
                            Started started = begin(email, claims(email, true, "Same"));
                            return started.browser().get(started.callback()).statusCode();
                        });
            }
            for (Future<Integer> login : pool.invokeAll(logins)) {
                assertEquals(302, login.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, users().size());
    }

    String sessionOf(Browser browser) {
        return browser.cookies.get("JWT");
    }

    static String sign(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void the_session_token_works_as_a_bearer_token_too() {
        String token = sessionOf(signIn("heidi@example.com", "Heidi"));
        HttpResponse<String> profiles = new Browser().get(base() + "/api/profiles", token);
        assertEquals(200, profiles.statusCode());
        assertEquals("[]", profiles.body());
    }

    @Test
    void forged_unsigned_expired_and_orphaned_tokens_are_401() throws Exception {
        String token = sessionOf(signIn("ivan@example.com", "Ivan"));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        String url = base() + "/api/profiles";
        assertEquals(200, new Browser().get(url, token).statusCode());

        String forged = sign(claims, "another-key-that-is-long-enough-0123456789");
        assertEquals(401, new Browser().get(url, forged).statusCode(), "forged signature");

        String unsigned = new PlainJWT(claims).serialize();
        assertEquals(401, new Browser().get(url, unsigned).statusCode(), "alg: none");

        JWTClaimsSet expiredClaims =
                new JWTClaimsSet.Builder(claims)
                        .issueTime(new Date(System.currentTimeMillis() - 7_200_000))
                        .notBeforeTime(new Date(System.currentTimeMillis() - 7_200_000))
                        .expirationTime(new Date(System.currentTimeMillis() - 3_600_000))
                        .build();
        assertEquals(
                401,
                new Browser().get(url, sign(expiredClaims, TestApp.JWT_SECRET)).statusCode(),
                "expired");
        assertEquals(
                200,
                new Browser().get(url, sign(claims, TestApp.JWT_SECRET)).statusCode(),
                "the same claims, properly signed, are accepted: the refusals above are for the reason named");

        sql("DELETE FROM users WHERE email = 'ivan@example.com'");
        assertEquals(401, new Browser().get(url, token).statusCode(), "a token for a deleted user");
        Browser withCookie = new Browser(Map.of("JWT", token));
        assertEquals("{\"authenticated\":false}", withCookie.get(base() + "/auth/status").body());
    }

    /** The statuses a token gets on a plain read, the hot files list and the session status. */
    List<Object> standing(String token) {
        return List.of(
                new Browser().get(base() + "/api/profiles", token).statusCode(),
                new Browser().get(base() + "/api/profiles/band/files", token).statusCode(),
                new Browser(Map.of("JWT", token))
                        .get(base() + "/auth/status")
                        .body()
                        .startsWith("{\"authenticated\":true"));
    }

    static final List<Object> SIGNED_IN = List.of(200, 200, true);
    static final List<Object> SIGNED_OUT = List.of(401, 401, false);

    void bandWithMembers() throws SQLException {
        sql("INSERT INTO profiles VALUES (gen_random_uuid(), 'band', '/src/band', NULL, now())");
        sql("INSERT INTO user_profiles SELECT u.id, p.id, now() FROM users u, profiles p");
    }

    @Test
    void logout_ends_the_session_on_the_server_so_a_kept_copy_of_its_token_is_refused()
            throws Exception {
        Browser laptop = signIn("kim@example.com", "Kim");
        Browser phone = signIn("kim@example.com", "Kim");
        bandWithMembers();
        String kept = sessionOf(laptop);
        assertEquals(SIGNED_IN, standing(kept));

        assertEquals(200, laptop.post(base() + "/auth/logout").statusCode());
        assertEquals(SIGNED_OUT, standing(kept), "the logged-out token, as bearer and as cookie");
        HttpResponse<String> change =
                new Browser(Map.of("JWT", kept)).post(base() + "/api/admin/worker-tokens");
        assertEquals(
                401, change.statusCode(), "a change on the ended session's cookie: 401, not 403");
        assertTrue(change.body().contains("the session has ended"), change.body());
        assertEquals(SIGNED_IN, standing(sessionOf(phone)), "the other session goes on");

        Browser viaGet = signIn("kim@example.com", "Kim");
        String token = sessionOf(viaGet);
        assertEquals(200, viaGet.get(base() + "/auth/logout").statusCode());
        assertEquals(SIGNED_OUT, standing(token), "GET /auth/logout ends the session too");
    }

    @Test
    void signing_out_everywhere_ends_every_session_of_that_user_and_no_one_elses()
            throws Exception {
        Browser laptop = signIn("lee@example.com", "Lee");
        Browser phone = signIn("lee@example.com", "Lee");
        Browser other = signIn("max@example.com", "Max");
        bandWithMembers();
        String phoneToken = sessionOf(phone);

        assertEquals(
                400,
                laptop.post(base() + "/auth/logout?everywhere=yes").statusCode(),
                "everywhere is true or false");
        HttpResponse<String> byGet = laptop.get(base() + "/auth/logout?everywhere=true");
        assertEquals(400, byGet.statusCode(), "signing out everywhere takes POST");
        assertTrue(byGet.body().contains("\"field\":\"everywhere\""), byGet.body());
        assertEquals(SIGNED_IN, standing(phoneToken), "a refused sign-out ends nothing");

        String laptopToken = sessionOf(laptop);
        HttpResponse<String> everywhere = laptop.post(base() + "/auth/logout?everywhere=true");
        assertEquals(200, everywhere.statusCode());
        assertEquals("{\"success\":true}", everywhere.body());
        assertEquals(SIGNED_OUT, standing(laptopToken));
        assertEquals(SIGNED_OUT, standing(phoneToken));
        assertEquals(SIGNED_IN, standing(sessionOf(other)));
    }

    @Test
    void an_admins_revocation_ends_the_users_sessions_on_their_next_request() throws Exception {
        String boss = sessionOf(signIn("boss@example.com", "Boss"));
        String nina = sessionOf(signIn("nina@example.com", "Nina"));
        bandWithMembers();
        sql("UPDATE users SET role = 'admin' WHERE email = 'boss@example.com'");
        assertEquals(SIGNED_IN, standing(nina));

        HttpResponse<String> revoked =
                Api.call(
                        server, "DELETE", "/api/admin/users/Nina@Example.com/sessions", boss, null);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals("{\"email\":\"nina@example.com\",\"sessions_ended\":1}", revoked.body());
        assertEquals(SIGNED_OUT, standing(nina));
        assertEquals(SIGNED_IN, standing(boss));
        HttpResponse<String> audit = Api.call(server, "GET", "/api/admin/audit", boss, null);
        assertTrue(audit.body().contains("\"action\":\"sessions.revoke\""), audit.body());
        assertEquals(
                404,
                Api.call(
                                server,
                                "DELETE",
                                "/api/admin/users/nobody@example.com/sessions",
                                boss,
                                null)
                        .statusCode());

        String again = sessionOf(signIn("nina@example.com", "Nina"));
        assertEquals(SIGNED_IN, standing(again), "signing in again opens a new session");
    }

    @Test
    void a_token_that_names_no_open_session_is_401() throws Exception {
        String token = sessionOf(signIn("olga@example.com", "Olga"));
        bandWithMembers();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(SIGNED_IN, standing(sign(claims, TestApp.JWT_SECRET)));
        JWTClaimsSet noSession = new JWTClaimsSet.Builder(claims).claim("sid", null).build();
        assertEquals(
                SIGNED_OUT,
                standing(sign(noSession, TestApp.JWT_SECRET)),
                "a token signed before sessions existed");
        JWTClaimsSet unknown =
                new JWTClaimsSet.Builder(claims)
                        .claim("sid", java.util.UUID.randomUUID().toString())
                        .build();
        assertEquals(SIGNED_OUT, standing(sign(unknown, TestApp.JWT_SECRET)), "a made-up session");
        JWTClaimsSet garbage = new JWTClaimsSet.Builder(claims).claim("sid", "x").build();
        assertEquals(SIGNED_OUT, standing(sign(garbage, TestApp.JWT_SECRET)), "not a session id");
    }

    @Test
    void the_admin_right_is_read_from_the_database_on_every_request() throws Exception {
        Browser judy = signIn("judy@example.com", "Judy");
        sql(
                "INSERT INTO profiles VALUES (gen_random_uuid(), 'attic', '/src/attic', NULL, now()),"
                        + " (gen_random_uuid(), 'band', '/src/band', NULL, now())");
        sql(
                "INSERT INTO user_profiles SELECT u.id, p.id, now() FROM users u, profiles p WHERE p.name = 'band'");
        assertEquals(
                "[{\"name\":\"band\",\"source_folder\":\"/src/band\"}]",
                Api.profilesShown(judy.get(base() + "/api/profiles").body()));

        sql("UPDATE users SET role = 'admin'");
        assertEquals(
                "[{\"name\":\"attic\",\"source_folder\":\"/src/attic\"},{\"name\":\"band\",\"source_folder\":\"/src/band\"}]",
                Api.profilesShown(judy.get(base() + "/api/profiles").body()),
                "promotion counts at once, with the same token");

        sql("UPDATE users SET role = 'member'");
        assertEquals(
                "[{\"name\":\"band\",\"source_folder\":\"/src/band\"}]",
                Api.profilesShown(judy.get(base() + "/api/profiles").body()),
                "demotion counts at once, with the same token");
    }

    @Test
    void no_token_cookie_email_or_secret_reaches_the_log() throws Exception {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger)
                        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        ListAppender<ILoggingEvent> heard = new ListAppender<>();
        heard.start();
        root.addAppender(heard);
        String cookie;
        String worker;
        try {
            Browser browser = signIn("dora@example.com", "Dora");
            cookie = browser.cookies.get("JWT");
            assertEquals(200, browser.get(base() + "/api/profiles").statusCode());
            User admin = seed.admin("root@example.com");
            String adminToken = seed.token(admin);
            Profile band = seed.profile("band");
            assertEquals(
                    200,
                    Api.call(server, "GET", "/api/admin/users", adminToken, null).statusCode());
            assertEquals(
                    201,
                    Api.call(
                                    server,
                                    "PUT",
                                    "/api/admin/profiles/band/members/dora@example.com",
                                    adminToken,
                                    null)
                            .statusCode());
            worker = seed.worker("gpu-1").bearer();
            assertEquals(
                    201,
                    Api.call(
                                    server,
                                    "PUT",
                                    "/api/profiles/"
                                            + band.name().value()
                                            + "/audio-files/"
                                            + "ab".repeat(32),
                                    worker,
                                    "{\"filename\":\"take.wav\",\"file_size_bytes\":1,\"duration_seconds\":1}")
                            .statusCode());
            assertTrue(
                    heard.list.stream()
                            .anyMatch(e -> e.getLoggerName().equals("stemvault.request")),
                    "the requests were logged");
            for (ILoggingEvent event : heard.list) {
                String line =
                        event.getFormattedMessage()
                                + " "
                                + event.getMDCPropertyMap()
                                + " "
                                + (event.getThrowableProxy() == null
                                        ? ""
                                        : event.getThrowableProxy().getMessage());
                for (String secret :
                        List.of(
                                cookie,
                                adminToken,
                                worker,
                                "dora@example.com",
                                "root@example.com",
                                TestApp.JWT_SECRET,
                                TestOidc.CLIENT_SECRET)) {
                    assertFalse(
                            line.contains(secret),
                            event.getLoggerName() + " logged a secret: " + line);
                }
            }
        } finally {
            root.detachAppender(heard);
            root.setLevel(before);
        }
    }
}
