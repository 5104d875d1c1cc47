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

    @Test
    void every_change_that_can_take_a_grant_away_makes_every_instance_forget() throws Exception {
        MediaGrants g = grants(Duration.ofSeconds(60));
        // statements that change nothing still announce (the triggers are per statement)
        List<String> changes =
                List.of(
                        "DELETE FROM sessions WHERE false",
                        "UPDATE sessions SET user_id = user_id WHERE false",
                        "DELETE FROM users WHERE false",
                        "UPDATE users SET role = role WHERE false",
                        "UPDATE users SET email = email WHERE false",
                        "DELETE FROM user_profiles WHERE false",
                        "UPDATE profiles SET name = name WHERE false",
                        "DELETE FROM profiles WHERE false",
                        "UPDATE recordings SET output_name = output_name WHERE false",
                        "UPDATE recordings SET profile_id = profile_id WHERE false",
                        "DELETE FROM recordings WHERE false",
                        "TRUNCATE user_profiles");
        for (String change : changes) {
            remembered(g);
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                s.execute(change);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (g.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, g.size(), "forgotten after: " + change);
        }
    }

    @Test
    void changes_that_take_nothing_away_are_not_announced() throws Exception {
        MediaGrants g = grants(Duration.ofSeconds(60));
        remembered(g);
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("UPDATE recordings SET display_name = display_name WHERE false");
            s.execute("UPDATE users SET name = name WHERE false");
            s.execute("UPDATE sessions SET expires_at = expires_at WHERE false");
            s.execute("INSERT INTO user_profiles SELECT * FROM user_profiles WHERE false");
        }
        // a notification arrives within milliseconds (the test above waits for each)
        Thread.sleep(500);
        assertEquals(
                1,
                g.size(),
                "a new membership, a name, a display name or an expiry is not announced");
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
