package org.stemvault.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The constraints hold even for a writer that bypasses the domain (a script, a bad migration,
 * psql).
 */
@MicronautTest(transactional = false)
class SchemaTest extends PostgresTestSupport {

    static final String PROFILE =
            "INSERT INTO profiles VALUES ('00000000-0000-0000-0000-000000000001', 'band', '/src', NULL, now());";
    static final String RECORDING =
            "INSERT INTO recordings (id, profile_id, output_name, display_name, created_at, updated_at)"
                    + " VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'take', 'Take', now(), now());";

    static void run(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String stem(String type, String lufs, String duration, String size) {
        return "INSERT INTO stems VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000002', '"
                + type
                + "', "
                + lufs
                + ", 0.9, 1.0, 'a.opus', 'a.png', "
                + size
                + ", "
                + duration
                + ", 1)";
    }

    @Test
    void the_vector_extension_is_installed() throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM pg_extension WHERE extname = 'vector'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "'NaN'", "'Infinity'"})
    void a_stem_duration_must_be_a_finite_number_above_zero(String duration) throws SQLException {
        run(PROFILE + RECORDING);
        assertThrows(SQLException.class, () -> run(stem("vocals", "-18", duration, "1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'NaN'", "'Infinity'", "'-Infinity'"})
    void a_stem_loudness_is_null_or_finite(String lufs) throws SQLException {
        run(PROFILE + RECORDING);
        run(stem("silent", "NULL", "1", "0"));
        assertThrows(SQLException.class, () -> run(stem("vocals", lufs, "1", "1")));
    }

    @Test
    void sizes_are_not_negative_and_stem_types_are_unique_and_well_formed() throws SQLException {
        run(PROFILE + RECORDING);
        assertThrows(SQLException.class, () -> run(stem("vocals", "1", "1", "-1")));
        assertThrows(SQLException.class, () -> run(stem("Vocals/../x", "1", "1", "1")));
        run(stem("vocals", "1", "1", "1"));
        assertThrows(SQLException.class, () -> run(stem("vocals", "1", "1", "1")));
    }

    @Test
    void emails_are_unique_whatever_their_case_and_stored_in_lower_case() throws SQLException {
        run(
                "INSERT INTO users (id, email, created_at) VALUES (gen_random_uuid(), 'ada@example.com', now())");
        assertThrows(
                SQLException.class,
                () ->
                        run(
                                "INSERT INTO users (id, email, created_at) VALUES (gen_random_uuid(), 'ADA@example.com', now())"));
    }

    @Test
    void audio_hashes_are_64_lower_case_hex_characters() throws SQLException {
        run(PROFILE);
        String insert =
                "INSERT INTO audio_files VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', '%s',"
                        + " 'f.wav', NULL, 1, 1, now())";
        assertThrows(SQLException.class, () -> run(insert.formatted("A".repeat(64))));
        assertThrows(SQLException.class, () -> run(insert.formatted("g".repeat(64))));
        run(insert.formatted("a".repeat(64)));
    }

    @Test
    void output_names_cannot_hold_a_path_separator() throws SQLException {
        run(PROFILE);
        assertThrows(SQLException.class, () -> run(RECORDING.replace("'take'", "'../x'")));
        assertThrows(SQLException.class, () -> run(RECORDING.replace("'take'", "'a\\\\b'")));
    }

    @Test
    void every_foreign_key_has_an_index() throws SQLException {
        String unindexed =
                """
                SELECT c.conrelid::regclass || '(' || c.conkey::text || ')'
                FROM pg_constraint c
                WHERE c.contype = 'f'
                  AND NOT EXISTS (SELECT 1 FROM pg_index i
                                  WHERE i.indrelid = c.conrelid
                                    AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey)
                """;
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(unindexed)) {
            StringBuilder missing = new StringBuilder();
            while (rs.next()) {
                missing.append(rs.getString(1)).append(' ');
            }
            assertEquals("", missing.toString().trim());
        }
    }

    @Test
    void a_wide_query_vector_stays_in_its_row_in_the_search_log_and_the_feedback()
            throws SQLException {
        String vector = "(SELECT array_agg(random())::vector FROM generate_series(1, 1536))";
        String user = "'00000000-0000-0000-0000-000000000003'";
        run(
                PROFILE
                        + RECORDING
                        + "INSERT INTO users (id, email, created_at) VALUES ("
                        + user
                        + ", 'a@example.com', now());"
                        + "INSERT INTO searches (id, user_id, session_id, kind, query_text, query_norm,"
                        + " space, query_vector, profile_ids, results, scores, shown, created_at)"
                        + " VALUES (gen_random_uuid(), "
                        + user
                        + ", gen_random_uuid(), 'search', 'q', 'q', 'wide', "
                        + vector
                        + ", ARRAY['00000000-0000-0000-0000-000000000001'::uuid],"
                        + " ARRAY['00000000-0000-0000-0000-000000000002'::uuid], ARRAY[0.5], 1, now());"
                        + "INSERT INTO search_feedback (search_id, recording_id, action, profile_id,"
                        + " user_id, session_id, kind, query_text, query_norm, space, query_vector,"
                        + " position, played_to_end, reward, base_share, searched_at, created_at)"
                        + " VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'opened',"
                        + " '00000000-0000-0000-0000-000000000001', "
                        + user
                        + ", gen_random_uuid(), 'search', 'q', 'q', 'wide', "
                        + vector
                        + ", 1, false, 1, 1, now(), now())");
        for (String table : new String[] {"searches", "search_feedback"}) {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT (SELECT count(*) FROM "
                                            + table
                                            + " WHERE vector_dims(query_vector) = 1536),"
                                            + " pg_relation_size(reltoastrelid)"
                                            + " FROM pg_class WHERE relname = '"
                                            + table
                                            + "'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), table + " holds the row");
                assertEquals(0, rs.getLong(2), "no query vector of " + table + " left its row");
            }
        }
    }
}
