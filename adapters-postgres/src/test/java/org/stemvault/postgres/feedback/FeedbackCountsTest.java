package org.stemvault.postgres.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

/**
 * The counted acts ({@code feedback_signals}, V32) follow changes that touch many recordings at
 * once: forty thousand acts kept before any cap was set (as when V32 has just run) and counted by
 * the first start in one statement, then pruned in one, each counting every recording it touched in
 * its own transaction (more recordings than PostgreSQL's lock table holds locks: the counts wait on
 * buckets of recordings, not on each).
 */
@MicronautTest(transactional = false)
class FeedbackCountsTest extends PostgresTestSupport {

    static final int RECORDINGS = 40_000;

    @Inject SearchFeedback feedback;

    @Test
    void acts_on_forty_thousand_recordings_are_counted_and_pruned_in_one_statement_each()
            throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    """
                    UPDATE feedback_settings SET per_user_cap = NULL;
                    INSERT INTO users (id, email, name, role, created_at)
                    VALUES (gen_random_uuid(), 'many@example.com', 'Many', 'member', now());
                    INSERT INTO profiles (id, name, source_folder, created_at)
                    VALUES (gen_random_uuid(), 'many', '/sources/many', now());
                    INSERT INTO recordings (id, profile_id, output_name, display_name, description,
                                            created_at, updated_at)
                    SELECT gen_random_uuid(), p.id, 'take-' || g, 'Take ' || g, '', now(), now()
                    FROM generate_series(1, %d) g, profiles p;
                    INSERT INTO search_feedback (search_id, recording_id, action, profile_id, user_id,
                        session_id, kind, query_norm, position, played_to_end, reward, base_share,
                        searched_at, created_at)
                    SELECT gen_random_uuid(), r.id, 'played', r.profile_id, u.id, gen_random_uuid(),
                           'search', 'groove', 1 + (row_number() OVER () %% 10)::int, true, 2, 0.5,
                           now() - interval '2 days', now() - interval '2 days'
                    FROM recordings r, users u;
                    """
                            .formatted(RECORDINGS));
            assertEquals(
                    0,
                    TestDatabase.number("SELECT count(*) FROM feedback_signals"),
                    "no cap yet (as after V32, before a service started): nothing counts");
            assertTrue(feedback.capPerMember(3), "the first start counts what was kept before");
            assertEquals(
                    RECORDINGS, TestDatabase.number("SELECT sum(events) FROM feedback_signals"));
            assertEquals(
                    RECORDINGS,
                    TestDatabase.number(
                            "SELECT count(DISTINCT recording_id) FROM feedback_signals"));
            long pruned = feedback.prune(Instant.now().minus(1, ChronoUnit.DAYS));
            assertTrue(pruned >= RECORDINGS, "pruned " + pruned);
            assertEquals(0, TestDatabase.number("SELECT count(*) FROM feedback_signals"));
        }
    }
}
