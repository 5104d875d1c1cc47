package org.stemvault.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.library.Catalogue.Access;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.UserId;

/**
 * The media grants an instance remembers, against the real database: its triggers and its
 * notifications (the context runs the migrations).
 */
@MicronautTest(transactional = false)
class MediaGrantsTest extends PostgresTestSupport {

    private static final Viewer VIEWER =
            new Viewer(new UserId(UUID.randomUUID()), new SessionId(UUID.randomUUID()));
    private static final ProfileName BAND = new ProfileName("band");
    private static final OutputName TAKE = new OutputName("take-1");

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger checks = new AtomicInteger();
    private MediaGrants grants;

    private MediaGrants grants(Duration lifetime) {
        Map<String, String> p = TestDatabase.properties();
        grants =
                new MediaGrants(
                        lifetime,
                        now::get,
                        TestDatabase.url(),
                        p.getOrDefault("datasources.default.username", ""),
                        p.getOrDefault("datasources.default.password", ""));
        return grants;
    }

    @AfterEach
    void close() {
        if (grants != null) {
            grants.close();
            grants = null;
        }
        checks.set(0);
        now.set(0);
    }

    private Supplier<Access> answering(Access access) {
        return () -> {
            checks.incrementAndGet();
            return access;
        };
    }

    /** Asks until the grant is remembered (the listening connection opens on the first ask). */
    private void remembered(MediaGrants g) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (g.size() == 0 && System.nanoTime() < deadline) {
            g.access(VIEWER, BAND, TAKE, answering(Access.GRANTED));
            Thread.sleep(10);
        }
        assertEquals(1, g.size(), "the grant is remembered once the instance listens");
    }

    @Test
    void a_grant_is_remembered_for_its_lifetime_and_read_again_after_it() throws Exception {
        MediaGrants g = grants(Duration.ofSeconds(10));
        remembered(g);
        int before = checks.get();
        for (int i = 0; i < 5; i++) {
            assertEquals(Access.GRANTED, g.access(VIEWER, BAND, TAKE, answering(Access.NOT_FOUND)));
        }
        assertEquals(before, checks.get(), "no statement while the grant is remembered");
        Viewer other = new Viewer(VIEWER.user(), new SessionId(UUID.randomUUID()));
        assertEquals(
                Access.NOT_FOUND,
                g.access(other, BAND, TAKE, answering(Access.NOT_FOUND)),
                "another session is checked on its own");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Access.NOT_FOUND, g.access(VIEWER, BAND, TAKE, answering(Access.NOT_FOUND)));
        assertEquals(before + 2, checks.get());
    }

    @Test
    void a_refusal_is_never_remembered() throws Exception {
        MediaGrants g = grants(Duration.ofSeconds(10));
        remembered(g);
        Viewer stranger = new Viewer(new UserId(UUID.randomUUID()), VIEWER.session());
        int before = checks.get();
        for (Access refusal : List.of(Access.NOT_FOUND, Access.UNKNOWN_VIEWER)) {
            assertEquals(refusal, g.access(stranger, BAND, TAKE, answering(refusal)));
            assertEquals(refusal, g.access(stranger, BAND, TAKE, answering(refusal)));
        }
        assertEquals(before + 4, checks.get());
        assertEquals(1, g.size());
    }

    private static final String A = "00000000-0000-0000-0000-0000000000a1";
    private static final String B = "00000000-0000-0000-0000-0000000000b1";

    /** Two members of "band", three sessions of A's, three profiles, three takes in "band". */
    private static void rows() throws Exception {
        execute(
                "INSERT INTO users (id, email, role, created_at) VALUES ('"
                        + A
                        + "', 'a@example.com', 'member', now()), ('"
                        + B
                        + "', 'b@example.com', 'member', now())",
                "INSERT INTO profiles (id, name, source_folder, created_at) VALUES"
                        + " ('00000000-0000-0000-0000-000000000021', 'band', '/band', now()),"
                        + " ('00000000-0000-0000-0000-000000000022', 'other', '/other', now()),"
                        + " ('00000000-0000-0000-0000-000000000023', 'third', '/third', now())",
                "INSERT INTO user_profiles VALUES ('"
                        + A
                        + "', '00000000-0000-0000-0000-000000000021', now()), ('"
                        + B
                        + "', '00000000-0000-0000-0000-000000000021', now())",
                "INSERT INTO sessions SELECT ('00000000-0000-0000-0000-00000000004' || n)::uuid, '"
                        + A
                        + "', now(), now() + interval '1 hour' FROM generate_series(1, 3) n",
                "INSERT INTO recordings (id, profile_id, output_name, display_name, created_at,"
                        + " updated_at) SELECT ('00000000-0000-0000-0000-00000000003' || n)::uuid,"
                        + " '00000000-0000-0000-0000-000000000021', 'take-' || n, 'Take', now(), now()"
                        + " FROM generate_series(1, 3) n");
    }

    private static void execute(String... statements) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void every_change_that_can_take_a_grant_away_makes_every_instance_forget() throws Exception {
        rows();
        MediaGrants g = grants(Duration.ofSeconds(60));
        // each change takes something away from rows no earlier change touched
        List<String> changes =
                List.of(
                        "DELETE FROM sessions WHERE id = '00000000-0000-0000-0000-000000000041'",
                        "UPDATE sessions SET user_id = '"
                                + B
                                + "' WHERE id = '00000000-0000-0000-0000-000000000042'",
                        "UPDATE users SET role = 'admin' WHERE id = '" + A + "'",
                        "UPDATE users SET email = 'c@example.com' WHERE id = '" + A + "'",
                        "DELETE FROM user_profiles WHERE user_id = '" + B + "'",
                        "UPDATE profiles SET name = 'renamed'"
                                + " WHERE id = '00000000-0000-0000-0000-000000000022'",
                        "UPDATE recordings SET output_name = 'take-1b'"
                                + " WHERE id = '00000000-0000-0000-0000-000000000031'",
                        "UPDATE recordings SET profile_id = '00000000-0000-0000-0000-000000000023'"
                                + " WHERE id = '00000000-0000-0000-0000-000000000032'",
                        "DELETE FROM recordings WHERE id = '00000000-0000-0000-0000-000000000033'",
                        "DELETE FROM profiles WHERE id = '00000000-0000-0000-0000-000000000022'",
                        "DELETE FROM users WHERE id = '" + B + "'",
                        "TRUNCATE user_profiles");
        for (String change : changes) {
            remembered(g);
            execute(change);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (g.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, g.size(), "forgotten after: " + change);
        }
    }

    @Test
    void changes_that_take_nothing_away_are_not_announced() throws Exception {
        rows();
        MediaGrants g = grants(Duration.ofSeconds(60));
        remembered(g);
        // a sign-in: a new session, and the member's expired sessions deleted (none here)
        org.stemvault.application.contracts.Fixtures.viewer(
                sessions, new UserId(UUID.fromString(A)));
        execute(
                "UPDATE recordings SET display_name = display_name",
                "UPDATE recordings SET output_name = output_name, profile_id = profile_id",
                "UPDATE users SET name = 'A', role = role, email = email",
                "UPDATE sessions SET expires_at = expires_at + interval '1 minute', user_id = user_id",
                "UPDATE profiles SET name = name, source_folder = '/elsewhere'",
                "UPDATE user_profiles SET granted_at = now()",
                "INSERT INTO user_profiles SELECT * FROM user_profiles WHERE false",
                "DELETE FROM sessions WHERE false",
                "DELETE FROM users WHERE false",
                "DELETE FROM user_profiles WHERE false",
                "DELETE FROM profiles WHERE false",
                "DELETE FROM recordings WHERE false");
        // a notification arrives within milliseconds (the test above waits for each)
        Thread.sleep(500);
        assertEquals(
                1,
                g.size(),
                "a sign-in, a new membership, a name, a display name, an expiry, or a statement"
                        + " that changes no such value is not announced");
    }

    @Test
    void a_grant_read_while_a_change_was_heard_is_not_kept() throws Exception {
        MediaGrants g = grants(Duration.ofSeconds(60));
        remembered(g);
        Viewer other = new Viewer(new UserId(UUID.randomUUID()), new SessionId(UUID.randomUUID()));
        assertEquals(
                Access.GRANTED,
                g.access(
                        other,
                        BAND,
                        TAKE,
                        () -> {
                            g.forget(); // heard while the statement ran
                            return Access.GRANTED;
                        }));
        assertEquals(0, g.size());
    }

    @Test
    void with_no_lifetime_every_access_is_checked() {
        MediaGrants g = grants(Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertEquals(Access.GRANTED, g.access(VIEWER, BAND, TAKE, answering(Access.GRANTED)));
        }
        assertEquals(3, checks.get());
        assertEquals(0, g.size());
    }

    @Test
    void nothing_is_remembered_while_the_database_cannot_be_heard() {
        MediaGrants g =
                new MediaGrants(
                        Duration.ofSeconds(10),
                        now::get,
                        "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1",
                        "",
                        "");
        grants = g;
        for (int i = 0; i < 3; i++) {
            assertEquals(Access.GRANTED, g.access(VIEWER, BAND, TAKE, answering(Access.GRANTED)));
        }
        assertEquals(3, checks.get());
        assertTrue(g.size() == 0);
    }

    @Test
    void the_setting_is_zero_or_a_duration() {
        assertEquals(Duration.ZERO, MediaGrants.lifetime("0"));
        assertEquals(Duration.ofSeconds(10), MediaGrants.lifetime(" 10s "));
        assertEquals(Duration.ofMinutes(1), MediaGrants.lifetime("1m"));
        for (String bad : List.of("", "ten", "-5s")) {
            IllegalArgumentException e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalArgumentException.class, () -> MediaGrants.lifetime(bad));
            assertTrue(e.getMessage().startsWith("STEMVAULT_MEDIA_ACCESS_CACHE"), e.getMessage());
        }
    }
}
