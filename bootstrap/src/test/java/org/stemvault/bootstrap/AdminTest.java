package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.TestDatabase;

/**
 * Admins deciding who sees what: the rules of the admin API, each change with exactly one audit
 * row.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTest implements TestPropertyProvider {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Users users;
    @Inject Profiles profiles;
    @Inject Recordings recordings;

    User admin;
    String adminToken;
    Profile band;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.auth.admission", "members-only");
        return properties;
    }

    @BeforeEach
    void seed() {
        seed.reset();
        admin = seed.admin("admin@example.com");
        adminToken = seed.token(admin);
        band = seed.profile("band");
    }

    HttpResponse<String> call(String method, String path, String token, String json)
            throws Exception {
        return Api.call(server, method, path, token, json);
    }

    static int count(String query) throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static List<String> auditActions() throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT action || ' ' || coalesce(target, '-') || ' ' || coalesce(profile, '-')"
                                        + " FROM audit_log ORDER BY at, id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    @Test
    void a_grant_before_the_first_login_admits_that_person_into_the_profile() throws Exception {
        assertEquals(
                201,
                call(
                                "PUT",
                                "/api/admin/profiles/band/members/New.Person@Example.com",
                                adminToken,
                                null)
                        .statusCode());
        assertEquals(
                200,
                call(
                                "PUT",
                                "/api/admin/profiles/band/members/new.person@example.com",
                                adminToken,
                                null)
                        .statusCode(),
                "a repeated grant changes nothing");
        assertEquals(List.of("grant new.person@example.com band"), auditActions());

        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(server.getURL() + "/auth/login"));
        browser.get(authorize);
        String callback =
                Browser.location(
                        browser.postForm(
                                authorize,
                                Map.of(
                                        "username",
                                        "np",
                                        "claims",
                                        "{\"email\":\"new.person@example.com\",\"email_verified\":true,\"name\":\"New Person\"}")));
        HttpResponse<String> landed = browser.get(callback);
        // members-only admission lets the granted person in
        SignInTest.assertLanded(landed);
        assertEquals(
                "[{\"name\":\"band\",\"source_folder\":\"/sources/band\"}]",
                Api.profilesShown(browser.get(server.getURL() + "/api/profiles").body()));
        assertEquals(
                "New Person",
                users.byEmail(new Email("new.person@example.com")).orElseThrow().name());
    }

    @Test
    void a_revoked_member_gets_404_on_the_next_request_with_a_still_valid_token() throws Exception {
        call("PUT", "/api/admin/profiles/band/members/m@example.com", adminToken, null);
        String token = seed.token(users.byEmail(new Email("m@example.com")).orElseThrow().id());
        assertEquals(200, call("GET", "/api/profiles/band/files", token, null).statusCode());

        assertEquals(
                204,
                call("DELETE", "/api/admin/profiles/band/members/m@example.com", adminToken, null)
                        .statusCode());

        assertEquals(404, call("GET", "/api/profiles/band/files", token, null).statusCode());
        assertEquals(
                List.of("grant m@example.com band", "revoke m@example.com band"), auditActions());
    }

    @Test
    void concurrent_grants_and_revokes_of_one_pair_end_consistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String method = i % 2 == 0 ? "PUT" : "DELETE";
                calls.add(
                        () ->
                                call(
                                                method,
                                                "/api/admin/profiles/band/members/racy@example.com",
                                                adminToken,
                                                null)
                                        .statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertTrue(List.of(200, 201, 204).contains(f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        int member = count("SELECT count(*) FROM user_profiles");
        assertTrue(member == 0 || member == 1);
        int grants = count("SELECT count(*) FROM audit_log WHERE action = 'grant'");
        int revokes = count("SELECT count(*) FROM audit_log WHERE action = 'revoke'");
        assertEquals(
                member, grants - revokes, "the audit log replays to the state the table holds");
        assertEquals(1, count("SELECT count(*) FROM users WHERE email = 'racy@example.com'"));
    }

    @Test
    void the_last_admin_cannot_be_demoted_and_two_admins_demoting_each_other_leave_one()
            throws Exception {
        assertEquals(
                409,
                call(
                                "PUT",
                                "/api/admin/users/admin@example.com/role",
                                adminToken,
                                "{\"role\":\"member\"}")
                        .statusCode());
        assertEquals(
                204,
                call(
                                "PUT",
                                "/api/admin/users/second@example.com/role",
                                adminToken,
                                "{\"role\":\"admin\"}")
                        .statusCode());
        String second =
                seed.token(users.byEmail(new Email("second@example.com")).orElseThrow().id());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a =
                    pool.submit(
                            () ->
                                    call(
                                                    "PUT",
                                                    "/api/admin/users/second@example.com/role",
                                                    adminToken,
                                                    "{\"role\":\"member\"}")
                                            .statusCode());
            Future<Integer> b =
                    pool.submit(
                            () ->
                                    call(
                                                    "PUT",
                                                    "/api/admin/users/admin@example.com/role",
                                                    second,
                                                    "{\"role\":\"member\"}")
                                            .statusCode());
            List<Integer> statuses = List.of(a.get(), b.get());
            assertTrue(statuses.contains(204), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT count(*) FROM users WHERE role = 'admin'"));
        assertEquals(
                List.of("role.admin second@example.com -", "role.member"),
                auditActions().stream()
                        .map(a -> a.startsWith("role.member") ? "role.member" : a)
                        .toList());
    }

    @Test
    void deleting_a_profile_with_recordings_needs_force_and_then_removes_everything_at_once()
            throws Exception {
        recordings.save(
                Recording.create(
                        band.id(),
                        new OutputName("take-1"),
                        "Take",
                        "",
                        null,
                        List.of(
                                new Stem(
                                        new StemType("vocals"),
                                        -1.0,
                                        0.5,
                                        0,
                                        new MediaFileName("v.opus"),
                                        new MediaFileName("v.png"),
                                        1,
                                        1)),
                        T0));
        call("PUT", "/api/admin/profiles/band/members/m@example.com", adminToken, null);

        HttpResponse<String> refused = call("DELETE", "/api/admin/profiles/band", adminToken, null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals(1, count("SELECT count(*) FROM recordings"));

        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$");
            s.execute(
                    "CREATE TRIGGER refuse BEFORE DELETE ON profiles FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
        try {
            assertEquals(
                    500,
                    call("DELETE", "/api/admin/profiles/band?force=true", adminToken, null)
                            .statusCode());
            assertEquals(
                    1,
                    count("SELECT count(*) FROM recordings"),
                    "a failure at the last step removes nothing");
            assertEquals(1, count("SELECT count(*) FROM stems"));
            assertEquals(1, count("SELECT count(*) FROM user_profiles"));
        } finally {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER refuse ON profiles");
                s.execute("DROP FUNCTION refuse()");
            }
        }

        assertEquals(
                204,
                call("DELETE", "/api/admin/profiles/band?force=true", adminToken, null)
                        .statusCode());
        assertEquals(
                0,
                count("SELECT count(*) FROM profiles")
                        + count("SELECT count(*) FROM recordings")
                        + count("SELECT count(*) FROM stems")
                        + count("SELECT count(*) FROM user_profiles"));
        assertEquals(List.of("grant m@example.com band", "profile.delete - band"), auditActions());
    }

    @Test
    void every_change_leaves_exactly_one_audit_row_that_can_be_filtered_and_paged()
            throws Exception {
        call(
                "POST",
                "/api/admin/profiles",
                adminToken,
                "{\"name\":\"attic\",\"source_folder\":\"/src/attic\"}");
        call("PATCH", "/api/admin/profiles/attic", adminToken, "{\"strategy_name\":\"htdemucs\"}");
        call("PATCH", "/api/admin/profiles/attic", adminToken, "{\"strategy_name\":\"htdemucs\"}");
        call("PUT", "/api/admin/profiles/attic/members/a@example.com", adminToken, null);
        call("PUT", "/api/admin/users/a@example.com/role", adminToken, "{\"role\":\"admin\"}");
        HttpResponse<String> minted =
                call("POST", "/api/admin/worker-tokens", adminToken, "{\"name\":\"scanner\"}");
        String id = minted.body().replaceFirst(".*\"id\":\"([^\"]+)\".*", "$1");
        call("DELETE", "/api/admin/worker-tokens/" + id, adminToken, null);
        call("DELETE", "/api/admin/profiles/attic/members/a@example.com", adminToken, null);
        call("DELETE", "/api/admin/profiles/attic/members/a@example.com", adminToken, null);

        assertEquals(
                List.of(
                        "profile.create - attic",
                        "profile.edit - attic",
                        "grant a@example.com attic",
                        "role.admin a@example.com -",
                        "worker-token.mint " + id + " -",
                        "worker-token.revoke " + id + " -",
                        "revoke a@example.com attic"),
                auditActions());

        HttpResponse<String> attic =
                call("GET", "/api/admin/audit?profile=attic", adminToken, null);
        assertEquals(4, attic.body().split("\"action\"").length - 1, attic.body());
        HttpResponse<String> page = call("GET", "/api/admin/audit?limit=3", adminToken, null);
        String cursor = page.headers().firstValue("X-Next-Cursor").orElseThrow();
        HttpResponse<String> next =
                call("GET", "/api/admin/audit?limit=3&cursor=" + cursor, adminToken, null);
        assertTrue(page.body().contains("\"action\":\"worker-token.mint\""), page.body());
        assertTrue(
                next.body().startsWith("[{\"id\"")
                        && next.body().contains("\"action\":\"role.admin\"")
                        && !next.body().contains("worker-token"),
                next.body());
        assertEquals(
                400,
                call("GET", "/api/admin/audit?since=yesterday", adminToken, null).statusCode());
    }

    @Test
    void the_audit_log_cannot_be_rewritten() throws Exception {
        call("PUT", "/api/admin/profiles/band/members/m@example.com", adminToken, null);
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            assertTrue(throwsSql(s, "UPDATE audit_log SET actor = 'someone else'"));
            assertTrue(throwsSql(s, "DELETE FROM audit_log"));
        }
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor = 'admin@example.com'"));
    }

    static boolean throwsSql(Statement s, String sql) {
        try {
            s.execute(sql);
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    @Test
    void a_state_changing_call_on_the_session_cookie_needs_the_csrf_header() throws Exception {
        HttpRequest.Builder forged =
                HttpRequest.newBuilder(
                                URI.create(
                                        server.getURL()
                                                + "/api/admin/profiles/band/members/x@example.com"))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .header("Cookie", "JWT=" + adminToken);
        assertEquals(
                403, HTTP.send(forged.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, count("SELECT count(*) FROM user_profiles"));

        HttpRequest.Builder fromThePage =
                HttpRequest.newBuilder(
                                URI.create(
                                        server.getURL()
                                                + "/api/admin/profiles/band/members/x@example.com"))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .header("Cookie", "JWT=" + adminToken)
                        .header("X-Requested-With", "stemvault");
        assertEquals(
                201,
                HTTP.send(fromThePage.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
