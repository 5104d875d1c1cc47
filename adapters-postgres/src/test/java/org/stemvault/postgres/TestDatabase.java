package org.stemvault.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL with pgvector that tests run against: {@code TEST_DATABASE_URL} (a JDBC URL,
 * credentials in its {@code user} and {@code password} parameters) when set, else a Testcontainers
 * {@code pgvector/pgvector:pg16} when a Docker engine answers; else every test fails with one line
 * saying how to provide one. Never skipped, never an in-memory stand-in.
 */
public final class TestDatabase {

    public static final String VARIABLE = "TEST_DATABASE_URL";

    private static String url;
    private static Properties credentials = new Properties();

    private TestDatabase() {}

    /** The data source properties for a Micronaut test context. */
    public static synchronized Map<String, String> properties() {
        start();
        Map<String, String> properties =
                new HashMap<>(
                        Map.of(
                                "datasources.default.url", url,
                                "datasources.default.dialect", "POSTGRES",
                                "datasources.default.driver-class-name", "org.postgresql.Driver",
                                "flyway.datasources.default.enabled", "true"));
        credentials.forEach(
                (k, v) ->
                        properties.put(
                                "datasources.default." + (k.equals("user") ? "username" : k),
                                (String) v));
        return properties;
    }

    /** The JDBC URL, with any credentials the tests were given. */
    public static synchronized String url() {
        start();
        return url;
    }

    /** A new connection, outside any application context. */
    public static Connection connect() throws SQLException {
        start();
        return DriverManager.getConnection(url, credentials);
    }

    /** The number one query answers (its first column of its first row), on a new connection. */
    public static long number(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties every table the service writes, so each test starts from nothing; a database not yet
     * migrated (a fork's fresh one, when this test runs first) has nothing to empty.
     */
    public static void truncateAll() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(
                    """
                    DO $$
                    DECLARE
                        present text;
                    BEGIN
                        SELECT string_agg(quote_ident(t), ', ') INTO present
                        FROM unnest(ARRAY['media_deletions', 'leases', 'embedding_storage', 'ranker_models', 'searches',
                                          'search_feedback', 'feedback_signals', 'sessions', 'jobs', 'embedding_jobs', 'audit_log',
                                          'worker_tokens', 'pending_logins', 'embeddings', 'stems', 'recordings',
                                          'audio_files', 'user_profiles', 'profiles', 'users']) t
                        WHERE to_regclass(t) IS NOT NULL;
                        IF present IS NOT NULL THEN
                            EXECUTE 'TRUNCATE ' || present || ' CASCADE';
                        END IF;
                    END $$""");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
    }

    private static void start() {
        if (url != null) {
            return;
        }
        String given = System.getenv(VARIABLE);
        if (given != null && !given.isBlank()) {
            url = forThisFork(given);
            return;
        }
        if (!dockerAnswers()) {
            throw new IllegalStateException(
                    "No test database: set "
                            + VARIABLE
                            + "=jdbc:postgresql://127.0.0.1:5432/<db>?user=<user> (bash .ci/run provisions one) or start a Docker engine");
        }
        PostgreSQLContainer<?> container =
                new PostgreSQLContainer<>(
                        DockerImageName.parse("pgvector/pgvector:pg16")
                                .asCompatibleSubstituteFor("postgres"));
        container.start();
        url = container.getJdbcUrl();
        credentials.setProperty("user", container.getUsername());
        credentials.setProperty("password", container.getPassword());
    }

    /**
     * The database of this test JVM: where a module runs its tests in several forks ({@code
     * stemvault.test.fork}, surefire's fork number), each fork from the second on gets a fresh
     * database of its own beside the given one ({@code stemvault_test_fork2}), so that forks never
     * share rows.
     */
    private static String forThisFork(String given) {
        String fork = System.getProperty("stemvault.test.fork", "1").replaceAll("[^0-9]", "");
        if (fork.isEmpty() || fork.equals("1")) {
            return given;
        }
        Matcher m = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$").matcher(given);
        if (!m.matches()) {
            throw new IllegalStateException(VARIABLE + " is not a PostgreSQL JDBC URL: " + given);
        }
        String name = m.group(2) + "_fork" + fork;
        try (Connection c = DriverManager.getConnection(given);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot make the database of test fork " + fork + ": " + e.getMessage(), e);
        }
        return m.group(1) + name + m.group(3);
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
